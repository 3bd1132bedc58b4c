//! Sending requests: an async [`Client`] on `reqwest` (the `client` feature).
//!
//! The client sends any [`GraphRequest`] and reads its response into the
//! request's `Output`: the entity for a create or a get, a [`Page`](crate::Page) for a
//! list, `Option<T>` for an update, `()` for a delete. On top of
//! [`GraphRequest::to_http`] it adds:
//!
//! - a bearer token from a [`TokenProvider`] for every attempt: a static
//!   [`BearerToken`](crate::BearerToken), a closure, or a
//!   [`GraphCredential`](credentials::GraphCredential) (the `credentials` feature);
//! - a `client-request-id` header, a fresh UUID v4 per request, the same on
//!   each of its retries (the service echoes it in errors, support asks for it);
//! - retries of `429`, `503` and (for requests that can run twice) `504` after
//!   the `Retry-After` the service asks for or an exponential backoff, bounded
//!   in attempts and total time ([`RetryPolicy`]); a create is never sent twice
//!   after a transport failure;
//! - a throttling gate shared by every request of the client and its clones
//!   (below);
//! - a bound on the size of a response body ([`ClientBuilder::max_response_bytes`],
//!   64 MiB), refused on its `Content-Length` or as its bytes pass the bound;
//! - [`Client::list_all`], which follows `@odata.nextLink` to the last page,
//!   bounded by a page count ([`ClientBuilder::max_pages`], 1000: a longer
//!   collection is an [`Error::TooManyPages`], never a short result), and
//!   [`Client::pages`] and [`Client::items`], the same as streams holding one page at a time;
//! - [`Client::send_all`] and [`Client::send_all_stream`], many requests with
//!   bounded concurrency ([`ClientBuilder::concurrency`]), results in the
//!   order of the requests, each applied once; [`Client::send_all_batched`] the same through
//!   `$batch` (see [`guide::batching`](crate::guide::batching));
//! - [`Client::exchange`], to see the traffic: the request as sent (its token replaced by
//!   `Bearer <redacted>`), the response unread, the number of attempts.
//!
//! The client built here sends with rustls on *ring* and the platform's roots, follows no
//! redirect, times an attempt out after 100 s, and uses no proxy for a loopback endpoint; give
//! it your own `reqwest::Client` with [`ClientBuilder::http_client`] (see [`external`]).
//!
//! The token never appears in the client's `Debug` output, in an [`Exchange`]
//! or in an error: a response that echoes it (in its body or headers) has each
//! occurrence replaced by `<redacted>` before anything reads it.
//!
//! # Throttling
//!
//! Graph throttles an application per tenant, not a request. A `429` or `503` with a
//! `Retry-After` (seconds or an HTTP date, read as a [`RetryAfter`]) closes
//! the client's gate until that instant: no request of the client or of its clones is sent
//! before it, so a burst does not earn more `429`s; then they all go on. A request's retries
//! stay within its [`RetryPolicy`] (default: 4 attempts within 60 s): a `Retry-After` that would
//! end past `max_total_delay` ends them at once, and the error says how many attempts were
//! made, over how long, and which bound stopped them (`GraphError::retries`). A first attempt
//! that would wait at the closed gate longer than that is an [`Error::Throttled`], unsent.
//!
//! # Tracing
//!
//! With the `tracing` feature, each request is a `graph_request` span (method,
//! path template such as `/deviceManagement/ndesConnectors/{id}`,
//! `client_request_id`, then `status`, `attempts` and the service's
//! `request_id`); each attempt's status is a `DEBUG` event, and each wait (a retry, the
//! throttling gate) an `INFO` event with its `wait_ms`, under the target
//! `msgraph_entity::client`. Never a token, a body, a query or a key value: the path is a
//! template, so a device or user id does not reach a log store. Without the feature nothing is
//! logged.
//!
//! # Examples
//!
//! A nightly job over a large tenant: read every connector one page at a
//! time, and update the stale ones eight at a time, throttling shared.
//!
//! ```no_run
//! use futures_util::{StreamExt as _, TryStreamExt as _};
//! use msgraph_entity::client::Client;
//! use msgraph_entity::{BearerToken, Endpoint, GraphEntity};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//! }
//!
//! # async fn run() -> Result<(), msgraph_entity::Error> {
//! let client = Client::builder(Endpoint::beta(), BearerToken::new("eyJ0...")).concurrency(8).build()?;
//! let unnamed: Vec<String> = client
//!     .items(NdesConnector::list().top(999))
//!     .try_filter_map(|connector| async move { Ok(connector.id.filter(|_| connector.display_name.is_none())) })
//!     .try_collect()
//!     .await?;
//! let renames = unnamed.iter().filter_map(|id| {
//!     NdesConnector::update(id, NdesConnectorPatch::default().display_name("unnamed")).ok()
//! });
//! let failed = client.send_all_stream(renames).filter(|result| std::future::ready(result.is_err())).count().await;
//! println!("{} renamed, {failed} failed", unnamed.len() - failed);
//! # Ok(())
//! # }
//! ```
//!
//! ```no_run
//! use msgraph_entity::client::{Client, RetryPolicy};
//! use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, GraphEntity, GraphEnum};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub last_connection_date_time: Option<DateTimeOffset>,
//!     pub state: Option<NdesConnectorState>,
//!     pub display_name: Option<String>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! pub enum NdesConnectorState {
//!     None,
//!     Active,
//!     Inactive,
//!     #[graph(other)]
//!     Other(String),
//! }
//!
//! # async fn run() -> Result<(), msgraph_entity::Error> {
//! let client = Client::builder(Endpoint::beta(), BearerToken::new("eyJ0..."))
//!     .retry_policy(RetryPolicy { max_attempts: 5, ..RetryPolicy::default() })
//!     .build()?;
//! let created = client.send(&NdesConnector::create().display_name("Lab").build()).await?;
//! let all: Vec<NdesConnector> = client.list_all(NdesConnector::list().top(100)).await?;
//! client.send(&NdesConnector::delete(created.id.as_deref().unwrap_or_default())?).await?;
//! # let _ = all;
//! # Ok(())
//! # }
//! ```

mod batch;
mod bulk;
#[cfg(feature = "credentials")]
pub mod credentials;
mod retry;
mod stream;
mod throttle;
mod token;
mod trace;

pub use retry::RetryPolicy;
pub use token::TokenProvider;

/// The crates whose types this crate's API takes, re-exported here and only here.
///
/// Their types are part of what you write: [`ClientBuilder::http_client`] takes a
/// `reqwest::Client`, and `credentials::GraphCredential::new` any `azure_core`
/// `TokenCredential` (an `azure_identity` credential, or your own). Wrapping them would
/// hide names you must write anyway, and would have to follow every option they add. Name them
/// through this module, and you get the versions this crate was built with, without a
/// dependency line of your own that could drift to another major version:
///
/// - `reqwest` (the `client` feature): the HTTP client the Graph client
///   sends with;
/// - `azure_core` and `azure_identity` (the `credentials` feature): the Azure SDK for Rust's
///   credential types, for credentials this crate does not construct.
///
/// **Semver**: these crates are public dependencies. A release of `msgraph-entity` that moves
/// to a new breaking version of any of them (`reqwest` 0.13 → 0.14, `azure_core` 1 → 2) is
/// itself a breaking release.
///
/// ```
/// use msgraph_entity::client::external::reqwest;
/// use msgraph_entity::client::Client;
/// use msgraph_entity::{BearerToken, Endpoint, Error};
///
/// /// A Graph client that sends through the application's own `reqwest::Client` (its proxy, its roots).
/// fn graph_client(http: reqwest::Client, token: BearerToken) -> Result<Client, Error> {
///     Client::builder(Endpoint::beta(), token).http_client(http).build()
/// }
/// # let _ = graph_client;
/// ```
///
/// This crate builds `reqwest` with rustls and no crypto provider of its own (it hands *ring*
/// to the clients it builds). A `reqwest::Client` you build needs one: install a process-wide
/// provider first, or give it a configured `rustls::ClientConfig`
/// (`reqwest::ClientBuilder::tls_backend_preconfigured`); otherwise `reqwest` panics when
/// the client is built.
pub mod external {
    pub use reqwest;

    #[cfg(feature = "credentials")]
    pub use azure_core;
    #[cfg(feature = "credentials")]
    pub use azure_identity;
}

// The path before `external` existed; graph-core/tests/credentials.rs still names it. Not
// documented, and to be removed once no test uses it.
#[doc(hidden)]
pub use reqwest;

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures_util::TryStreamExt as _;
use http::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::requests::Secret;
use crate::{Endpoint, Error, GraphEntity, GraphRequest, ListRequest, RetriesExhausted, RetryAfter};
use throttle::ThrottleGate;

/// The header that carries the client's id of a request.
pub const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

/// The `User-Agent` of a client this crate builds: the package's name and version, as published.
const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// Sends Graph requests: authorization, `client-request-id`, retries and paging.
///
/// `P` is where the bearer tokens come from: a [`BearerToken`](crate::BearerToken)
/// (the default), a closure, or any [`TokenProvider`]. A clone shares the
/// connection pool and the throttling gate (see [`Client::exchange`]).
///
/// Its `Debug` output shows the endpoint and the policies, never the token.
#[derive(Clone)]
pub struct Client<P = crate::BearerToken> {
    http: reqwest::Client,
    endpoint: Endpoint,
    tokens: P,
    retry: RetryPolicy,
    max_pages: usize,
    max_response_bytes: usize,
    concurrency: usize,
    throttle: Arc<ThrottleGate>,
}

/// Configures a [`Client`]: retries, the page bound of [`Client::list_all`], timeouts, or a `reqwest::Client` of your own.
#[must_use = "a builder does nothing until `build()`"]
pub struct ClientBuilder<P> {
    endpoint: Endpoint,
    tokens: P,
    retry: RetryPolicy,
    max_pages: usize,
    max_response_bytes: usize,
    concurrency: usize,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
}

/// One request as sent and the response it ended with, after any retries.
///
/// Returned by [`Client::exchange`], for a caller who wants to see or log the
/// traffic; read the response with [`GraphRequest::parse_response`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Exchange {
    /// The last attempt's request: method, URL, headers, body. Its
    /// `Authorization` value is replaced by `Bearer <redacted>`.
    pub request: http::Request<Vec<u8>>,
    /// The last attempt's response, whatever its status.
    pub response: http::Response<Vec<u8>>,
    /// How many attempts were made (1 when the first was answered for good).
    pub attempts: u32,
    /// The `client-request-id` sent with every attempt.
    pub client_request_id: String,
    /// When the last response asked for a retry that the [`RetryPolicy`] did not allow (or that
    /// the throttling gate would have held past its `max_total_delay`): how many attempts were
    /// made, over how long, and which bound ended them ([`Client::send`] puts it in the
    /// [`GraphError`](crate::GraphError) it returns).
    pub retries: Option<RetriesExhausted>,
}

impl<P: TokenProvider> Client<P> {
    /// A client for `endpoint` with the default [`RetryPolicy`], page bound and timeouts.
    pub fn new(endpoint: Endpoint, tokens: P) -> Result<Self, Error> {
        Client::builder(endpoint, tokens).build()
    }

    /// A builder, to change the defaults.
    pub fn builder(endpoint: Endpoint, tokens: P) -> ClientBuilder<P> {
        ClientBuilder {
            endpoint,
            tokens,
            retry: RetryPolicy::default(),
            max_pages: ClientBuilder::<P>::DEFAULT_MAX_PAGES,
            max_response_bytes: ClientBuilder::<P>::DEFAULT_MAX_RESPONSE_BYTES,
            concurrency: ClientBuilder::<P>::DEFAULT_CONCURRENCY,
            timeout: Duration::from_secs(100),
            connect_timeout: Duration::from_secs(30),
            http: None,
        }
    }

    /// Where the requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// How requests are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The most pages [`Client::list_all`], [`Client::pages`] and [`Client::items`] read.
    pub fn max_pages(&self) -> usize {
        self.max_pages
    }

    /// The largest response body the client reads.
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// How many requests [`Client::send_all`] and its variants have in flight at most.
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    /// Sends `request` and reads the response into its `Output`.
    ///
    /// A `429`, `503` or `504` is retried as the [`RetryPolicy`] says (a `504` only for a request
    /// that can run twice, unless the policy allows more); when the
    /// retries end, the last response's [`Error::Graph`] is returned, with its
    /// status, code, `retry_after`, and in `retries` how many attempts were
    /// made over how long and why no more. Other error statuses are returned at
    /// once. A failure to connect or to receive the response is an
    /// [`Error::Transport`] and is not retried.
    pub async fn send<R: GraphRequest>(&self, request: &R) -> Result<R::Output, Error> {
        let exchange = self.exchange(request).await?;
        let retries = exchange.retries;
        request.parse_response(exchange.response).map_err(|error| error.with_retries(retries))
    }

    /// Sends `request` like [`Client::send`] and returns what was sent and received, unread.
    ///
    /// An error status is an `Ok` here: only a request that cannot be built
    /// or sent, or a token provider's error, is an `Err`.
    ///
    /// # The throttling gate
    ///
    /// A `429` or `503` with a `Retry-After` closes the client's gate until
    /// that instant, for every request of the client and its clones: none is
    /// sent before it (Graph throttles the application, not one request, so the
    /// others would only be throttled too). Each attempt waits at the gate; a
    /// first attempt waits at most the [`RetryPolicy::max_total_delay`] and is
    /// an [`Error::Throttled`] at once, unsent, when the gate stays closed
    /// longer; a retry whose wait at the gate would end past its total bound
    /// ends with the last response, like any retry past it.
    pub async fn exchange<R: GraphRequest>(&self, request: &R) -> Result<Exchange, Error> {
        Ok(self.exchange_keeping_secret(request).await?.0)
    }

    /// [`Client::exchange`], and the searcher of the last attempt's token: what a caller decodes
    /// from the response later (a batch item's base64 body) is scrubbed with it.
    pub(crate) async fn exchange_keeping_secret<R: GraphRequest>(
        &self,
        request: &R,
    ) -> Result<(Exchange, Option<Secret>), Error> {
        let client_request_id = uuid::Uuid::new_v4().to_string();
        let method = request.method();
        let span = trace::request_span(&method, &client_request_id, &self.endpoint, || request.url(&self.endpoint));
        trace::in_span(span.clone(), self.exchange_in_span(request, method, client_request_id, span)).await
    }

    async fn exchange_in_span<R: GraphRequest>(
        &self,
        request: &R,
        method: http::Method,
        client_request_id: String,
        span: trace::RequestSpan,
    ) -> Result<(Exchange, Option<Secret>), Error> {
        let id_value = HeaderValue::from_str(&client_request_id).expect("a UUID is a valid header value");
        let first_bound = Instant::now() + self.retry.max_total_delay;
        if let Err(closed) = self.throttle.pass(first_bound).await {
            return Err(Error::Throttled { remaining: closed.remaining });
        }
        let started = Instant::now();
        let mut attempts = 1;
        loop {
            let token = self.tokens.token().await?;
            let mut http = request.to_http(&self.endpoint, &token)?;
            drop(token);
            http.headers_mut().insert(CLIENT_REQUEST_ID, id_value.clone());
            let sent = redacted(&http);
            let secret = Secret::of_request(&http);
            let response = self.execute(http, secret.as_ref()).await?;
            let status = response.status();
            trace::attempt(attempts, status);

            // Read once: the gate and the retry policy go by the same wait.
            let retry_after = RetryAfter::from_headers(response.headers());
            let now = SystemTime::now();
            self.throttle.close_for(status, retry_after, now);
            let mut retries = None;
            if self.retry.retries(&method, status) {
                match self.retry.delay_before_retry(attempts, retry_after, started.elapsed(), now) {
                    Ok(delay) => {
                        trace::retry_wait(attempts, status, delay);
                        tokio::time::sleep(delay).await;
                        // Another response may have closed the gate for longer than this one asked.
                        match self.throttle.pass(started + self.retry.max_total_delay).await {
                            Ok(_) => {
                                attempts += 1;
                                continue;
                            }
                            Err(closed) => {
                                let stopped_by = closed.retry_stop(self.retry.max_total_delay);
                                retries = Some(RetriesExhausted { attempts, elapsed: started.elapsed(), stopped_by });
                            }
                        }
                    }
                    Err(stopped_by) => {
                        retries = Some(RetriesExhausted { attempts, elapsed: started.elapsed(), stopped_by });
                    }
                }
            }
            let request_id = response.headers().get("request-id").and_then(|value| value.to_str().ok());
            trace::answered(&span, status, attempts, request_id);
            let exchange = Exchange { request: sent, response, attempts, client_request_id, retries };
            return Ok((exchange, secret));
        }
    }

    /// Every item of a collection: `request` and then each next page, until the last.
    ///
    /// Reads at most [`Client::max_pages`] pages (each sent with retries, like
    /// [`Client::send`]); a collection with more is an [`Error::TooManyPages`]
    /// naming where it stopped, so a result is never silently cut short.
    ///
    /// Holds the whole collection; [`Client::items`] reads it one page at a time.
    pub async fn list_all<T: GraphEntity>(&self, request: ListRequest<T>) -> Result<Vec<T>, Error> {
        self.items(request).try_collect().await
    }

    /// One attempt: the request over the wire, the whole response back (at most
    /// [`Client::max_response_bytes`]), with every echo of the request's token (`secret`,
    /// found before sending) replaced before anything reads it.
    async fn execute(
        &self,
        http: http::Request<Vec<u8>>,
        secret: Option<&Secret>,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let (parts, body) = http.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string())
            .map_err(|error| Error::InvalidRequest { reason: format!("invalid URL `{}`: {error}", parts.uri) })?;
        let mut request = reqwest::Request::new(parts.method, url);
        *request.headers_mut() = parts.headers;
        if !body.is_empty() {
            *request.body_mut() = Some(body.into());
        }
        let response = self.http.execute(request).await.map_err(transport_error("sending the request"))?;
        let mut builder = http::Response::builder().status(response.status()).version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = response.headers().clone();
        }
        let body = read_body(response, self.max_response_bytes).await?;
        let mut response = builder.body(body).map_err(transport_error("reading the response"))?;
        if let Some(secret) = secret {
            secret.redact_response(&mut response);
        }
        Ok(response)
    }
}

impl<P> ClientBuilder<P> {
    /// The default bound of [`Client::list_all`]: 1000 pages.
    pub const DEFAULT_MAX_PAGES: usize = 1000;

    /// The default of [`ClientBuilder::concurrency`]: 4 requests in flight.
    pub const DEFAULT_CONCURRENCY: usize = 4;

    /// The default bound of a response body: 64 MiB, far above a Graph page (999 of the largest
    /// Intune configurations are about 15 MB).
    pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 << 20;

    /// The largest response body read (default: 64 MiB); a larger one is an
    /// [`Error::ResponseTooLarge`], refused as soon as its `Content-Length` or its bytes pass the bound.
    pub fn max_response_bytes(mut self, max_response_bytes: usize) -> Self {
        self.max_response_bytes = max_response_bytes;
        self
    }

    /// How throttled and unavailable responses are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How many requests [`Client::send_all`] and its variants have in flight at most (default: 4; at least 1).
    ///
    /// Graph's limits are per application and tenant: more requests in flight
    /// do not raise them, they only reach them sooner. With `$batch`
    /// ([`Client::send_all_batched`]) it counts `$batch` requests, each of up to 20 items.
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// The most pages [`Client::list_all`], [`Client::pages`] and [`Client::items`] read (default: 1000; at least 1).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages.max(1);
        self
    }

    /// The longest one attempt may take, from sending to the end of the response (default: 100 s).
    ///
    /// Ignored with [`ClientBuilder::http_client`], whose own settings apply.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default: 30 s). Ignored with [`ClientBuilder::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sends with this `reqwest::Client` (its proxies, TLS, timeouts and redirect policy) instead of one built here.
    ///
    /// The client built here follows no redirect (a Graph operation answers
    /// without one) and uses no proxy for a loopback endpoint. A client you build needs a
    /// rustls crypto provider (see [`external`]).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The client. Fails only when TLS cannot be set up (rustls on `ring`, with the platform's roots).
    pub fn build(self) -> Result<Client<P>, Error> {
        self.endpoint.check()?;
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder()
                    .tls_backend_preconfigured(tls_config()?)
                    .user_agent(USER_AGENT)
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(self.timeout)
                    .connect_timeout(self.connect_timeout);
                if is_loopback(self.endpoint.base_url()) {
                    builder = builder.no_proxy();
                }
                builder.build().map_err(transport_error("building the HTTP client"))?
            }
        };
        Ok(Client {
            http,
            endpoint: self.endpoint,
            tokens: self.tokens,
            retry: self.retry,
            max_pages: self.max_pages,
            max_response_bytes: self.max_response_bytes,
            concurrency: self.concurrency,
            throttle: Arc::default(),
        })
    }
}

impl<P> fmt::Debug for Client<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("tokens", &"<redacted>")
            .field("retry", &self.retry)
            .field("max_pages", &self.max_pages)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl<P> fmt::Debug for ClientBuilder<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("tokens", &"<redacted>")
            .field("retry", &self.retry)
            .field("max_pages", &self.max_pages)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("concurrency", &self.concurrency)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("http_client", &self.http.is_some())
            .finish()
    }
}

/// TLS for the client built here: rustls with the `ring` provider (given here, so nothing is
/// installed process-wide) and the platform's certificate verifier and roots.
fn tls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let provider = Arc::new(ring_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(BuilderVerifierExt::with_platform_verifier)
        .map_err(transport_error("setting up TLS"))?;
    Ok(builder.with_no_client_auth())
}

/// rustls's provider on *ring*, which this workspace builds on instead of aws-lc-rs (see the
/// workspace manifest).
///
/// rustls 0.23.48 deprecates `ring::default_provider` because *ring* offers no post-quantum key
/// exchange; rustls offers no other way to name the ring provider. Allowed here, in one place,
/// rather than `expect`ed: the rustls the lockfile pins does not deprecate it, newer ones do, and
/// both must build without a warning (`scripts/fresh_lockfile_check.sh`). Moving to a provider
/// with post-quantum key exchange is a choice of the workspace, not of this function.
#[allow(deprecated, reason = "ring is the workspace's chosen provider; see above")]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// A copy of what is about to be sent, with the token replaced.
fn redacted(http: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(http.body().clone());
    *copy.method_mut() = http.method().clone();
    *copy.uri_mut() = http.uri().clone();
    *copy.version_mut() = http.version();
    *copy.headers_mut() = http.headers().clone();
    if let Some(value) = copy.headers_mut().get_mut(AUTHORIZATION) {
        let mut redacted = HeaderValue::from_static("Bearer <redacted>");
        redacted.set_sensitive(true);
        *value = redacted;
    }
    copy
}

/// Reads a response body of at most `limit` bytes, chunk by chunk: a larger one is refused
/// before it is held whole.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Error> {
    let too_large = || Error::ResponseTooLarge { limit };
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let capacity = response.content_length().map_or(0, |length| length as usize);
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await.map_err(transport_error("reading the response"))? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Wraps a failure of `context` as [`Error::Transport`], keeping it as the source. `reqwest`
/// never puts header values (so never the token) in its errors.
fn transport_error<E: std::error::Error + Send + Sync + 'static>(context: &'static str) -> impl FnOnce(E) -> Error {
    move |error| Error::Transport { context, source: Box::new(error) }
}

/// Whether a base URL names this machine: `localhost`, `127.0.0.0/8` or `[::1]`.
fn is_loopback(base_url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(base_url) else { return false };
    match url.host_str() {
        Some(host) if host.eq_ignore_ascii_case("localhost") => true,
        Some(host) => {
            host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BearerToken;

    #[test]
    fn the_user_agent_names_the_published_package() {
        assert_eq!(USER_AGENT, format!("msgraph-entity/{}", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn loopback_endpoints_are_recognised() {
        assert!(is_loopback("http://127.0.0.1:8080"));
        assert!(is_loopback("http://127.8.0.1"));
        assert!(is_loopback("http://localhost:1"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("https://graph.microsoft.com"));
        assert!(!is_loopback("http://10.0.0.1"));
        assert!(!is_loopback("not a url"));
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let builder = Client::builder(Endpoint::beta(), BearerToken::new("very-secret"));
        assert!(!format!("{builder:?}").contains("very-secret"));
        let client = builder.build().unwrap();
        let text = format!("{client:?} {client:#?}");
        assert!(text.contains("<redacted>") && !text.contains("very-secret"), "{text}");

        let mut http = http::Request::new(b"{}".to_vec());
        http.headers_mut().insert(AUTHORIZATION, BearerToken::new("very-secret").header_value().unwrap());
        let copy = redacted(&http);
        assert_eq!(copy.headers()[AUTHORIZATION], "Bearer <redacted>");
        assert_eq!(copy.body(), b"{}");
    }
}
