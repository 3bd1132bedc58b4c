//! Bearer tokens from the Azure SDK for Rust's credentials (the `credentials` feature).
//!
//! [`GraphCredential`] is a [`TokenProvider`] for the [`Client`](super::Client):
//! it asks an `azure_identity` credential for a token with the Graph scope
//! (`https://graph.microsoft.com/.default`, or a national cloud's), keeps it,
//! and asks again only when it is about to expire.
//!
//! | constructor | signs in as |
//! |---|---|
//! | [`GraphCredential::client_secret`] | an application, with a client secret |
//! | [`GraphCredential::client_secret_from_env`] | the same, from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET` (`None` when unset) |
//! | [`GraphCredential::managed_identity`] | the Azure resource's managed identity |
//! | [`GraphCredential::workload_identity`] | a Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`) |
//! | [`GraphCredential::azure_cli`] | whoever ran `az login` (development) |
//! | [`GraphCredential::new`] | any other `azure_core` `TokenCredential` (through [`external`](super::external)) |
//!
//! [`CredentialOptions::cloud`] picks a national cloud ([`NationalCloud`]): its authority and its
//! scope; [`NationalCloud::endpoint`] is its Graph service root.
//!
//! - **Cached**: a token is kept until 5 minutes before it expires (halfway through, for one
//!   that lives under 10 minutes). Requests that need a token while one is being fetched wait
//!   for that fetch, so a burst makes one token request. A clone shares the cache.
//! - **One TLS stack**: the credentials' own requests (to Microsoft Entra ID or the managed
//!   identity endpoint) go through a `reqwest::Client` built like the Graph client's (rustls on
//!   `ring`, the platform's roots, no redirects); the Azure SDK is compiled without its own
//!   `reqwest` and TLS, and gets ours through `azure_core`'s `HttpClient` trait.
//!   [`CredentialOptions::http_client`] gives it yours (a proxy, other roots),
//!   [`CredentialOptions::authority_host`] another authority (`https` only).
//! - **Errors**: a failed sign-in is an [`Error::Credential`] naming the credential, the
//!   identity service's HTTP status, `error` and `error_description`
//!   (`ClientSecretCredential could not get a token (HTTP 401): invalid_client: AADSTS7000215: …`).
//!   The secret and the tokens never appear in it, nor in any `Debug` output.
//! - **Not included**: `azure_identity` 1.0's client *certificate* credential requires OpenSSL
//!   (its `client_certificate` feature); it is left out rather than bring a second crypto and
//!   TLS stack in. Wrap one of your own with [`GraphCredential::new`].
//!
//! What the identity service answers is checked at this boundary, before the
//! Azure SDK reads it (for the credentials built here, not one given to
//! [`GraphCredential::new`]):
//!
//! - a client secret or assertion the service echoes (as is, JSON-escaped,
//!   form-encoded, in a header) is replaced by `<redacted>`;
//! - a successful answer must carry a non-blank `access_token` and, from
//!   Microsoft Entra ID, an `expires_in` of 1 s to one year
//!   ([`MAX_TOKEN_LIFETIME`]); anything else is an [`Error::Credential`] saying
//!   what is wrong (and no request goes out with an empty `Authorization`);
//! - a credential that panics is an [`Error::Credential`], not a panic in the
//!   task that sends.
//!
//! Sign-in is bounded in time: token requests answered `429`, `503` or `504`
//! are retried by [`CredentialOptions::retry_policy`] (by default 3 attempts
//! within 10 s; a `Retry-After` past that ends them at once), and getting one
//! token — the wait for another request's sign-in included — takes at most
//! [`CredentialOptions::sign_in_timeout`] (default 30 s). Requests that wait
//! for a sign-in that fails get its error rather than start one each.
//!
//! ```no_run
//! use msgraph_entity::Endpoint;
//! use msgraph_entity::client::Client;
//! use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
//!
//! # async fn run() -> Result<(), msgraph_entity::Error> {
//! let credential = GraphCredential::client_secret(
//!     "contoso.onmicrosoft.com",
//!     "00000000-0000-0000-0000-000000000001",
//!     std::env::var("AZURE_CLIENT_SECRET").unwrap_or_default(),
//!     CredentialOptions::default(),
//! )?;
//! let client = Client::new(Endpoint::beta(), credential)?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
//!
//! A national cloud signs in at its own authority and asks for its own scope:
//!
//! ```
//! use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential, NationalCloud};
//!
//! let options = CredentialOptions::default().cloud(NationalCloud::UsGovernment);
//! assert_eq!(options.effective_scope(), "https://graph.microsoft.us/.default");
//! let credential = GraphCredential::client_secret("contoso.onmicrosoft.us", "6731de76-14a6-49ae-97bc-6eba6914391e", "s3cret", options)?;
//! assert!(!format!("{credential:?}").contains("s3cret"));
//! assert_eq!(NationalCloud::UsGovernment.endpoint().base_url(), "https://graph.microsoft.us");
//! # Ok::<(), msgraph_entity::Error>(())
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use azure_core::cloud::{CloudConfiguration, CustomConfiguration};
use azure_core::credentials::{Secret, TokenCredential};
use azure_core::http::{AsyncRawResponse, ClientOptions, RetryOptions, Transport};

pub use crate::error::CredentialError;
use time::OffsetDateTime;

use super::{RetryPolicy, TokenProvider};
use crate::{BearerToken, Endpoint, Error, RetriesExhausted, RetryAfter};

/// The longest `expires_in` accepted from Microsoft Entra ID: one year. Tokens live about an hour;
/// a value past this (or below 1 s) is refused with an [`Error::Credential`] rather than handed to
/// the Azure SDK, which panics on a date it cannot represent.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 24 * 60 * 60);

// The path before `client::external` existed; graph-core/tests/credentials.rs still names it.
// Not documented, and to be removed once no test uses it.
#[doc(hidden)]
pub use {azure_core, azure_identity};

/// A Graph national cloud: where its service root, its sign-in authority and its token scope are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NationalCloud {
    /// The global service: `graph.microsoft.com`, signing in at `login.microsoftonline.com`.
    #[default]
    Global,
    /// US Government L4 (GCC High): `graph.microsoft.us`, signing in at `login.microsoftonline.us`.
    UsGovernment,
    /// US Government L5 (DoD): `dod-graph.microsoft.us`, signing in at `login.microsoftonline.us`.
    UsGovernmentDod,
    /// Operated by 21Vianet in China: `microsoftgraph.chinacloudapi.cn`, signing in at `login.chinacloudapi.cn`.
    China,
}

impl NationalCloud {
    /// The Graph service root: `https://graph.microsoft.com`.
    pub fn graph_base_url(self) -> &'static str {
        match self {
            NationalCloud::Global => Endpoint::GLOBAL,
            NationalCloud::UsGovernment => "https://graph.microsoft.us",
            NationalCloud::UsGovernmentDod => "https://dod-graph.microsoft.us",
            NationalCloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The Microsoft Entra ID authority host: `https://login.microsoftonline.com`.
    pub fn authority_host(self) -> &'static str {
        match self {
            NationalCloud::Global => "https://login.microsoftonline.com",
            NationalCloud::UsGovernment | NationalCloud::UsGovernmentDod => "https://login.microsoftonline.us",
            NationalCloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The scope of an app-only Graph token: `https://graph.microsoft.com/.default`.
    pub fn graph_scope(self) -> String {
        format!("{}/.default", self.graph_base_url())
    }

    /// The Graph endpoint of this cloud, `beta`.
    pub fn endpoint(self) -> Endpoint {
        Endpoint::with_base_url(self.graph_base_url())
    }
}

/// How a [`GraphCredential`] signs in: the cloud, an authority host or scope of your own, the HTTP
/// client, and how long signing in may take.
#[derive(Clone)]
#[must_use]
pub struct CredentialOptions {
    cloud: NationalCloud,
    authority_host: Option<String>,
    scope: Option<String>,
    http: Option<reqwest::Client>,
    sign_in_timeout: Duration,
    retry: RetryPolicy,
}

impl Default for CredentialOptions {
    fn default() -> Self {
        CredentialOptions {
            cloud: NationalCloud::default(),
            authority_host: None,
            scope: None,
            http: None,
            sign_in_timeout: CredentialOptions::DEFAULT_SIGN_IN_TIMEOUT,
            retry: CredentialOptions::DEFAULT_RETRY_POLICY,
        }
    }
}

impl CredentialOptions {
    /// The default [`CredentialOptions::sign_in_timeout`]: 30 s.
    pub const DEFAULT_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(30);

    /// The default [`CredentialOptions::retry_policy`]: 3 attempts within 10 s, backoff from
    /// 500 ms up to 5 s, a `504` retried too (asking for a token twice is harmless).
    pub const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicy {
        max_attempts: 3,
        max_total_delay: Duration::from_secs(10),
        base_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(5),
        retry_unsafe_on_gateway_timeout: true,
    };

    /// The longest getting one token may take (default: 30 s): the token requests and their
    /// retries, and the wait for a sign-in another request started. Past it, the request is an
    /// [`Error::Credential`] saying no token came in time; nothing is sent.
    ///
    /// Applies to every credential, those of [`GraphCredential::new`] included.
    pub fn sign_in_timeout(mut self, timeout: Duration) -> Self {
        self.sign_in_timeout = timeout;
        self
    }

    /// How token requests answered `429`, `503` or `504` are retried, as the Graph client retries
    /// (default: [`CredentialOptions::DEFAULT_RETRY_POLICY`]): after the service's `Retry-After`
    /// or a backoff, within the policy's attempts and total time; a `Retry-After` past that time
    /// ends the retries at once. The Azure SDK's own retries are turned off.
    ///
    /// Applies to the credentials this module builds (their HTTP goes through this crate), not to
    /// one given to [`GraphCredential::new`]. The managed identity credential of a virtual
    /// machine keeps the Azure SDK's retries too (the IMDS guidance); the sign-in timeout bounds them.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sign in to this national cloud and ask for its Graph scope (default: [`NationalCloud::Global`]).
    pub fn cloud(mut self, cloud: NationalCloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// Sign in at this authority host instead of the cloud's (an `https://` URL): a private cloud, or a test server.
    pub fn authority_host(mut self, authority_host: impl Into<String>) -> Self {
        self.authority_host = Some(authority_host.into());
        self
    }

    /// Ask for this scope instead of the cloud's Graph scope.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Send the credential's requests with this `reqwest::Client` (its proxies, TLS roots, timeouts).
    ///
    /// Without it, one is built like the Graph client's: rustls on `ring`, the
    /// platform's roots, no redirects, no proxy for a loopback address.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The scope tokens are asked for.
    pub fn effective_scope(&self) -> String {
        self.scope.clone().unwrap_or_else(|| self.cloud.graph_scope())
    }

    /// The `azure_core` client options (our HTTP client as the transport, the cloud or authority
    /// host, no retries of its own), and that transport, to read how its retries ended.
    fn client_options(&self) -> Result<(ClientOptions, Arc<ReqwestTransport>), Error> {
        let http = match &self.http {
            Some(http) => http.clone(),
            None => credential_http_client(self.authority_host.as_deref())?,
        };
        let transport = Arc::new(ReqwestTransport { http, retry: self.retry, last_retries: Default::default() });
        let cloud = match &self.authority_host {
            Some(host) => {
                let mut custom = CustomConfiguration::default();
                custom.authority_host = host.clone();
                CloudConfiguration::Custom(custom)
            }
            None => match self.cloud {
                NationalCloud::Global => CloudConfiguration::AzurePublic,
                NationalCloud::UsGovernment | NationalCloud::UsGovernmentDod => CloudConfiguration::AzureGovernment,
                NationalCloud::China => CloudConfiguration::AzureChina,
            },
        };
        let options = ClientOptions {
            transport: Some(Transport::new(transport.clone())),
            cloud: Some(Arc::new(cloud)),
            // Retried by the transport, by this crate's rules (a Retry-After past the bound ends them).
            retry: RetryOptions::none(),
            ..ClientOptions::default()
        };
        Ok((options, transport))
    }
}

impl fmt::Debug for CredentialOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialOptions")
            .field("cloud", &self.cloud)
            .field("authority_host", &self.authority_host)
            .field("scope", &self.effective_scope())
            .field("http_client", &self.http.is_some())
            .field("sign_in_timeout", &self.sign_in_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

/// A [`TokenProvider`] backed by an `azure_identity` credential: Graph-scoped tokens, cached and refreshed.
///
/// The token is kept until [`GraphCredential::REFRESH_MARGIN`] before it
/// expires (or half its lifetime, for a token that lives shorter than twice
/// that), then fetched again. Requests that need a token while it is being
/// fetched wait for that one fetch: a burst of requests makes one token
/// request. A failed fetch is not cached; the next request tries again.
///
/// Getting a token takes at most [`CredentialOptions::sign_in_timeout`], the
/// wait for another request's fetch included. Requests that waited for a
/// fetch that failed get its error (a burst of requests makes one token
/// request, failed or not); a request that comes after asks again.
///
/// A clone shares the cache. `Debug` shows the credential's kind and scope,
/// never a secret or a token.
#[derive(Clone)]
pub struct GraphCredential {
    shared: Arc<Shared>,
}

struct Shared {
    /// The credential's type name, for errors: `ClientSecretCredential`.
    name: &'static str,
    credential: Arc<dyn TokenCredential>,
    scope: String,
    sign_in_timeout: Duration,
    /// The transport built here for the credential, when it was: it knows how its retries ended.
    transport: Option<Arc<ReqwestTransport>>,
    /// Held across a fetch (at most the sign-in timeout), so concurrent requests share it.
    state: tokio::sync::Mutex<TokenState>,
    /// Fetches ended, well or not: a request that waited for the lock sees whether one ended meanwhile.
    fetches_ended: AtomicU64,
}

#[derive(Default)]
struct TokenState {
    cached: Option<CachedToken>,
    /// How the last fetch failed, for the requests that waited for it.
    last_failure: Option<CredentialError>,
}

struct CachedToken {
    token: BearerToken,
    /// When to fetch the next one: before the token expires.
    refresh_at: OffsetDateTime,
}

impl GraphCredential {
    /// How long before a token expires a new one is fetched: 5 minutes, as `azure_identity` does.
    pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

    /// Any `azure_core` credential, asked for `options`' scope. Only the scope (with the cloud's
    /// name) and the sign-in timeout are used from `options`: the credential's HTTP is its own.
    pub fn new<C: TokenCredential + 'static>(credential: Arc<C>, options: &CredentialOptions) -> Self {
        let name = short_type_name::<C>();
        GraphCredential::from_dyn(name, credential, options, None)
    }

    fn from_dyn(
        name: &'static str,
        credential: Arc<dyn TokenCredential>,
        options: &CredentialOptions,
        transport: Option<Arc<ReqwestTransport>>,
    ) -> Self {
        GraphCredential {
            shared: Arc::new(Shared {
                name,
                credential,
                scope: options.effective_scope(),
                sign_in_timeout: options.sign_in_timeout,
                transport,
                state: tokio::sync::Mutex::new(TokenState::default()),
                fetches_ended: AtomicU64::new(0),
            }),
        }
    }

    /// An application signing in with a client secret (`ClientSecretCredential`).
    ///
    /// `tenant_id` is the directory's id or domain. An empty id or secret, or a
    /// tenant id with characters other than letters, digits, `.` and `-`, is an
    /// [`Error::Credential`] here, before anything is sent.
    pub fn client_secret(
        tenant_id: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        options: CredentialOptions,
    ) -> Result<Self, Error> {
        const NAME: &str = "ClientSecretCredential";
        let (client_options, transport) = options.client_options()?;
        let azure_options = azure_identity::ClientSecretCredentialOptions { client_options };
        let credential = azure_identity::ClientSecretCredential::new(
            tenant_id,
            client_id.into(),
            Secret::new(client_secret.into()),
            Some(azure_options),
        )
        .map_err(|error| Error::Credential(Box::new(credential_error(NAME, &error))))?;
        Ok(GraphCredential::from_dyn(NAME, credential, &options, Some(transport)))
    }

    /// A client secret credential from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET`;
    /// `Ok(None)` when none of the three is set, an error when only some are.
    pub fn client_secret_from_env(options: CredentialOptions) -> Result<Option<Self>, Error> {
        let read = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let names = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"];
        match names.map(read) {
            [None, None, None] => Ok(None),
            [Some(tenant_id), Some(client_id), Some(secret)] => {
                GraphCredential::client_secret(&tenant_id, client_id, secret, options).map(Some)
            }
            values => {
                let missing: Vec<&str> =
                    names.iter().zip(&values).filter(|(_, value)| value.is_none()).map(|(name, _)| *name).collect();
                Err(Error::Credential(Box::new(CredentialError::new(
                    "ClientSecretCredential",
                    format!("{} not set; set all three of {} or none", missing.join(" and "), names.join(", ")),
                ))))
            }
        }
    }

    /// The managed identity of the Azure resource this runs on (`ManagedIdentityCredential`):
    /// system-assigned, or the user-assigned one given.
    pub fn managed_identity(
        user_assigned_id: Option<azure_identity::UserAssignedId>,
        options: CredentialOptions,
    ) -> Result<Self, Error> {
        const NAME: &str = "ManagedIdentityCredential";
        let (client_options, transport) = options.client_options()?;
        let azure_options = azure_identity::ManagedIdentityCredentialOptions { user_assigned_id, client_options };
        let credential = azure_identity::ManagedIdentityCredential::new(Some(azure_options))
            .map_err(|error| Error::Credential(Box::new(credential_error(NAME, &error))))?;
        Ok(GraphCredential::from_dyn(NAME, credential, &options, Some(transport)))
    }

    /// Kubernetes workload identity (`WorkloadIdentityCredential`): the tenant, client id and token file
    /// from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_FEDERATED_TOKEN_FILE`.
    pub fn workload_identity(options: CredentialOptions) -> Result<Self, Error> {
        const NAME: &str = "WorkloadIdentityCredential";
        let (client_options, transport) = options.client_options()?;
        let mut azure_options = azure_identity::WorkloadIdentityCredentialOptions::default();
        azure_options.credential_options.client_options = client_options;
        let credential = azure_identity::WorkloadIdentityCredential::new(Some(azure_options))
            .map_err(|error| Error::Credential(Box::new(credential_error(NAME, &error))))?;
        Ok(GraphCredential::from_dyn(NAME, credential, &options, Some(transport)))
    }

    /// The account signed in to the Azure CLI (`az login`), for development (`AzureCliCredential`).
    pub fn azure_cli(options: CredentialOptions) -> Result<Self, Error> {
        const NAME: &str = "AzureCliCredential";
        let credential = azure_identity::AzureCliCredential::new(None)
            .map_err(|error| Error::Credential(Box::new(credential_error(NAME, &error))))?;
        Ok(GraphCredential::from_dyn(NAME, credential, &options, None))
    }

    /// The credential's kind: `ClientSecretCredential`, `ManagedIdentityCredential`...
    pub fn credential_name(&self) -> &'static str {
        self.shared.name
    }

    /// The scope tokens are asked for: `https://graph.microsoft.com/.default`.
    pub fn scope(&self) -> &str {
        &self.shared.scope
    }

    /// The cached token while it is fresh, else a new one from the credential, within
    /// [`CredentialOptions::sign_in_timeout`].
    pub async fn bearer_token(&self) -> Result<BearerToken, Error> {
        let shared = &self.shared;
        let deadline = tokio::time::Instant::now() + shared.sign_in_timeout;
        let ended_before = shared.fetches_ended.load(Ordering::Acquire);
        let Ok(mut state) = tokio::time::timeout_at(deadline, shared.state.lock()).await else {
            return Err(self.failure(self.timed_out("waiting for the sign-in of another request")));
        };
        let now = OffsetDateTime::now_utc();
        if let Some(token) = state.cached.as_ref().filter(|token| now < token.refresh_at) {
            return Ok(token.token.clone());
        }
        if shared.fetches_ended.load(Ordering::Acquire) != ended_before
            && let Some(failure) = &state.last_failure
        {
            // The fetch this request waited for failed: its answer is this request's too.
            return Err(self.failure(failure.clone()));
        }
        let fetched = self.fetch(deadline, now).await;
        shared.fetches_ended.fetch_add(1, Ordering::AcqRel);
        match fetched {
            Ok(fresh) => {
                let token = fresh.token.clone();
                *state = TokenState { cached: Some(fresh), last_failure: None };
                Ok(token)
            }
            Err(failure) => {
                state.last_failure = Some(failure.clone());
                Err(self.failure(failure))
            }
        }
    }

    /// One token from the credential, by `deadline`; a panic of the credential is an error.
    async fn fetch(&self, deadline: tokio::time::Instant, now: OffsetDateTime) -> Result<CachedToken, CredentialError> {
        let shared = &self.shared;
        if let Some(transport) = &shared.transport {
            transport.take_retries();
        }
        let scopes = [shared.scope.as_str()];
        let request = CatchUnwind(shared.credential.get_token(&scopes, None));
        let access = match tokio::time::timeout_at(deadline, request).await {
            Err(_) => return Err(self.timed_out("the identity service did not answer in time")),
            Ok(Err(Panicked)) => {
                return Err(CredentialError::new(
                    shared.name,
                    "the credential panicked while getting a token (a bug in it, or an answer it could not handle)"
                        .to_owned(),
                ));
            }
            Ok(Ok(Err(error))) => {
                let mut failure = credential_error(shared.name, &error);
                failure.retries = shared.transport.as_ref().and_then(|transport| transport.take_retries());
                return Err(failure);
            }
            Ok(Ok(Ok(access))) => access,
        };
        if access.token.secret().trim().is_empty() {
            return Err(CredentialError::new(shared.name, "the credential gave an empty token".to_owned()));
        }
        Ok(CachedToken {
            token: BearerToken::new(access.token.secret()),
            refresh_at: refresh_time(now, access.expires_on),
        })
    }

    fn timed_out(&self, what: &str) -> CredentialError {
        let timeout = crate::error::Seconds(self.shared.sign_in_timeout);
        CredentialError::new(self.shared.name, format!("no token within {timeout} (the sign-in timeout): {what}"))
    }

    fn failure(&self, failure: CredentialError) -> Error {
        Error::Credential(Box::new(failure))
    }
}

/// A credential's future that panicked.
struct Panicked;

/// A future whose panic while polled is an `Err(Panicked)` instead of a panic of the task that
/// awaits it. (A credential is another library, and the identity service's answer is input.)
struct CatchUnwind<F>(F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Panicked>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Unwind safe as used: after a panic the future is never polled again, only dropped (which
        // releases what it holds), and nothing it may have left half-done is read.
        let inner = &mut self.0;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(Panicked)),
        }
    }
}

impl TokenProvider for GraphCredential {
    fn token(&self) -> impl Future<Output = Result<BearerToken, Error>> + Send {
        self.bearer_token()
    }
}

impl fmt::Debug for GraphCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphCredential")
            .field("credential", &self.shared.name)
            .field("scope", &self.shared.scope)
            .finish_non_exhaustive()
    }
}

/// When a token received at `now` and expiring at `expires_on` is fetched again:
/// [`GraphCredential::REFRESH_MARGIN`] before it expires, or halfway for a short-lived one (at
/// once for one already expired). Checked arithmetic: a credential's date is input.
fn refresh_time(now: OffsetDateTime, expires_on: OffsetDateTime) -> OffsetDateTime {
    let lifetime = expires_on - now;
    let margin = time::Duration::try_from(GraphCredential::REFRESH_MARGIN).unwrap_or(time::Duration::MAX);
    let refresh = if lifetime > margin.saturating_mul(2) {
        expires_on.checked_sub(margin)
    } else {
        now.checked_add(lifetime.max(time::Duration::ZERO) / 2)
    };
    refresh.unwrap_or(now)
}

/// An `azure_core` error of credential `name` as a [`CredentialError`], with the identity
/// service's `error` and `error_description` when its answer carries them, or what was wrong with
/// a successful answer this crate refused.
fn credential_error(name: &'static str, error: &azure_core::Error) -> CredentialError {
    // azure_identity wraps the service's answer (kind `HttpResponse`, the raw response kept), or
    // the transport's refusal of a token response, in a `Credential` error whose text adds the
    // credential's name and a link.
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if let Some(refused) = cause.downcast_ref::<InvalidTokenResponse>() {
            let mut failure = CredentialError::new(name, refused.problem.clone());
            failure.status = Some(refused.status);
            return failure;
        }
        if let Some(azure) = cause.downcast_ref::<azure_core::Error>()
            && let azure_core::error::ErrorKind::HttpResponse { status, raw_response, .. } = azure.kind()
        {
            let body: Option<EntraErrorBody> =
                raw_response.as_ref().and_then(|response| serde_json::from_slice(response.body().as_ref()).ok());
            let (service_error, description) = match body {
                Some(body) => (body.error, body.error_description.unwrap_or_else(|| azure.to_string())),
                None => (None, azure.to_string()),
            };
            let mut failure = CredentialError::new(name, description.trim().to_owned());
            failure.status = Some(u16::from(*status));
            failure.error = service_error;
            return failure;
        }
        current = cause.source();
    }
    // azure_identity's own text starts with the name again: keep one. Its causes (a
    // connection refused...) follow, as the client's transport errors do.
    let text = error.to_string();
    let prefix = format!("{name} authentication failed.");
    let mut description = text.strip_prefix(&prefix).unwrap_or(&text).trim().to_owned();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let inner_text = inner.to_string();
        if !description.contains(&inner_text) {
            description.push_str(": ");
            description.push_str(&inner_text);
        }
        cause = inner.source();
    }
    CredentialError::new(name, description)
}

/// What Microsoft Entra ID (and the managed identity endpoints) answer on failure.
#[derive(serde::Deserialize)]
struct EntraErrorBody {
    error: Option<String>,
    error_description: Option<String>,
}

fn short_type_name<C>() -> &'static str {
    let full = std::any::type_name::<C>();
    let without_generics = full.split('<').next().unwrap_or(full);
    without_generics.rsplit("::").next().unwrap_or(without_generics)
}

/// The HTTP client of credentials built here: the Graph client's TLS, no redirects.
fn credential_http_client(authority_host: Option<&str>) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(super::tls_config()?)
        .user_agent(super::USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(30));
    if authority_host.is_some_and(super::is_loopback) {
        builder = builder.no_proxy();
    }
    builder.build().map_err(super::transport_error("building the HTTP client of the credential"))
}

/// `azure_core`'s transport over our `reqwest::Client`: its requests, our TLS stack, and this
/// crate's checks of what comes back (secrets echoed, token responses, retries).
#[derive(Debug)]
struct ReqwestTransport {
    http: reqwest::Client,
    retry: RetryPolicy,
    /// How the retries of the last request ended, when they ran out.
    last_retries: std::sync::Mutex<Option<RetriesExhausted>>,
}

impl ReqwestTransport {
    /// How the retries of the last request ended (when they ran out), forgotten once read.
    fn take_retries(&self) -> Option<RetriesExhausted> {
        self.last_retries.lock().map_or(None, |mut last| last.take())
    }

    /// One attempt: the request as reqwest sends it, the whole response back.
    async fn send_once(
        &self,
        request: &azure_core::http::Request,
    ) -> azure_core::Result<(reqwest::StatusCode, reqwest::header::HeaderMap, Vec<u8>)> {
        use azure_core::error::{ErrorKind, ResultExt};
        use azure_core::http::Body;

        let method = reqwest::Method::from_bytes(request.method().as_str().as_bytes())
            .with_context(ErrorKind::DataConversion, "invalid HTTP method")?;
        let url = reqwest::Url::parse(request.url().as_str()).with_context(ErrorKind::DataConversion, "invalid URL")?;
        let mut outgoing = self.http.request(method, url);
        for (name, value) in request.headers().iter() {
            outgoing = outgoing.header(name.as_str(), value.as_str());
        }
        match request.body() {
            Body::Bytes(bytes) => outgoing = outgoing.body(bytes.clone()),
            // Token requests are small forms; nothing here sends a stream.
            _ => {
                return Err(azure_core::Error::with_message(
                    ErrorKind::Other,
                    "streamed request bodies are not supported by this transport",
                ));
            }
        }
        let response = outgoing.send().await.map_err(|error| {
            let kind = if error.is_connect() { ErrorKind::Connection } else { ErrorKind::Io };
            // The reqwest error stays the source: its causes (the connection error) remain in the chain.
            azure_core::Error::new(kind, error)
        })?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(|error| {
            azure_core::Error::with_message(ErrorKind::Io, format!("cannot read the response: {error}"))
        })?;
        Ok((status, headers, body.to_vec()))
    }
}

#[async_trait::async_trait]
impl azure_core::http::HttpClient for ReqwestTransport {
    async fn execute_request(&self, request: &azure_core::http::Request) -> azure_core::Result<AsyncRawResponse> {
        let method = http::Method::from_bytes(request.method().as_str().as_bytes()).unwrap_or(http::Method::POST);
        let secrets = RequestSecrets::of(request);
        if let Ok(mut last) = self.last_retries.lock() {
            *last = None;
        }
        let started = Instant::now();
        let mut attempts = 1;
        let (status, mut headers, body) = loop {
            let (status, headers, body) = self.send_once(request).await?;
            if self.retry.retries(&method, status) {
                let retry_after = RetryAfter::from_headers(&headers);
                match self.retry.delay_before_retry(attempts, retry_after, started.elapsed(), SystemTime::now()) {
                    Ok(delay) => {
                        tokio::time::sleep(delay).await;
                        attempts += 1;
                        continue;
                    }
                    Err(stopped_by) => {
                        let retries = RetriesExhausted { attempts, elapsed: started.elapsed(), stopped_by };
                        if let Ok(mut last) = self.last_retries.lock() {
                            *last = Some(retries);
                        }
                    }
                }
            }
            break (status, headers, body);
        };
        let body = secrets.redact_body(body);
        secrets.redact_headers(&mut headers);
        if status.is_success()
            && let Some(problem) = token_response_problem(&body, secrets.from_entra)
        {
            let refused = InvalidTokenResponse { status: status.as_u16(), problem };
            return Err(azure_core::Error::new(azure_core::error::ErrorKind::DataConversion, refused));
        }
        let mut azure_headers = azure_core::http::headers::Headers::new();
        for (name, value) in &headers {
            if let Ok(value) = value.to_str() {
                azure_headers.insert(name.as_str().to_owned(), value.to_owned());
            }
        }
        Ok(AsyncRawResponse::from_bytes(status.as_u16().into(), azure_headers, body))
    }
}

/// A successful token response this crate refuses: what is wrong with it.
#[derive(Debug)]
struct InvalidTokenResponse {
    status: u16,
    /// `the token response has no \`access_token\``.
    problem: String,
}

impl fmt::Display for InvalidTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {})", self.problem, self.status)
    }
}

impl std::error::Error for InvalidTokenResponse {}

/// What is wrong with a successful token response, if anything: it must be a JSON object with a
/// non-blank `access_token`; from Microsoft Entra ID (`from_entra`), also an `expires_in` of
/// 1 s to [`MAX_TOKEN_LIFETIME`]. (Managed identity endpoints write `expires_on` instead, as text,
/// which the Azure SDK reads without a panic.)
fn token_response_problem(body: &[u8], from_entra: bool) -> Option<String> {
    use serde_json::Value;
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
        return Some("the token response is not a JSON object".to_owned());
    };
    match fields.get("access_token") {
        None | Some(Value::Null) => return Some("the token response has no `access_token`".to_owned()),
        Some(Value::String(token)) if token.trim().is_empty() => {
            return Some("the token response's `access_token` is empty".to_owned());
        }
        Some(Value::String(_)) => {}
        Some(_) => return Some("the token response's `access_token` is not a string".to_owned()),
    }
    if !from_entra {
        return None;
    }
    let most = MAX_TOKEN_LIFETIME.as_secs();
    match fields.get("expires_in") {
        None | Some(Value::Null) => Some("the token response has no `expires_in`".to_owned()),
        Some(Value::Number(seconds)) => match seconds.as_i64() {
            Some(whole) if whole >= 1 && whole.unsigned_abs() <= most => None,
            _ => Some(format!(
                "the token response's `expires_in`, {seconds}, is not a whole number of seconds from 1 to {most}"
            )),
        },
        Some(_) => Some("the token response's `expires_in` is not a number".to_owned()),
    }
}

/// The secrets a credential's request carries (a client secret or assertion in its form, a
/// managed identity header), to be removed from whatever the service answers.
struct RequestSecrets {
    /// Each secret in each form it may come back in: as is, as the form encoded it, with
    /// lowercase percent escapes, JSON-escaped.
    texts: Vec<crate::requests::Secret>,
    /// Whether the request is a Microsoft Entra ID token request (a form with `grant_type`).
    from_entra: bool,
}

impl RequestSecrets {
    /// The form fields and headers that carry a secret.
    const FORM_FIELDS: [&'static str; 2] = ["client_secret", "client_assertion"];
    const HEADERS: [&'static str; 2] = ["x-identity-header", "secret"];

    fn of(request: &azure_core::http::Request) -> Self {
        let mut forms: Vec<Vec<u8>> = Vec::new();
        let mut from_entra = false;
        if let azure_core::http::Body::Bytes(body) = request.body() {
            for pair in body.split(|&byte| byte == b'&') {
                let (name, value) = match pair.iter().position(|&byte| byte == b'=') {
                    Some(at) => (&pair[..at], &pair[at + 1..]),
                    None => (pair, &[][..]),
                };
                from_entra |= name == b"grant_type";
                if Self::FORM_FIELDS.iter().any(|field| field.as_bytes() == name) && !value.is_empty() {
                    forms.push(value.to_vec());
                }
            }
        }
        let mut texts = Vec::new();
        let mut add = |text: &[u8]| {
            if !text.is_empty() && !texts.iter().any(|known: &crate::requests::Secret| known.is(text)) {
                texts.push(crate::requests::Secret::exactly(text));
            }
        };
        for encoded in &forms {
            let plus_as_space: Vec<u8> = encoded.iter().map(|&byte| if byte == b'+' { b' ' } else { byte }).collect();
            let decoded: Vec<u8> = percent_encoding::percent_decode(&plus_as_space).collect();
            add(&decoded);
            add(encoded);
            add(&lowercase_escapes(encoded));
            if let Ok(text) = std::str::from_utf8(&decoded)
                && let Ok(json) = serde_json::to_string(text)
            {
                add(json.trim_matches('"').as_bytes());
            }
        }
        for (name, value) in request.headers().iter() {
            if Self::HEADERS.iter().any(|header| name.as_str().eq_ignore_ascii_case(header)) {
                add(value.as_str().as_bytes());
            }
        }
        RequestSecrets { texts, from_entra }
    }

    /// `body` without the secrets: in a JSON body each string is searched once decoded (so any
    /// escaping is seen through) and the body written again if one held a secret; then every form
    /// of each secret is replaced in the text.
    fn redact_body(&self, body: Vec<u8>) -> Vec<u8> {
        if self.texts.is_empty() {
            return body;
        }
        let mut body = body;
        if let Ok(mut document) = serde_json::from_slice::<serde_json::Value>(&body)
            && self.redact_json(&mut document)
            && let Ok(written) = serde_json::to_vec(&document)
        {
            body = written;
        }
        for secret in &self.texts {
            secret.redact_body(&mut body);
        }
        body
    }

    /// Replaces the secrets in every string and name of `value`; whether it found one.
    fn redact_json(&self, value: &mut serde_json::Value) -> bool {
        use serde_json::Value;
        match value {
            Value::String(text) => match self.redact_text(text) {
                Some(redacted) => {
                    *text = redacted;
                    true
                }
                None => false,
            },
            Value::Array(items) => items.iter_mut().fold(false, |found, item| self.redact_json(item) | found),
            Value::Object(fields) => {
                let mut found = false;
                let entries = std::mem::take(fields);
                for (name, mut item) in entries {
                    found |= self.redact_json(&mut item);
                    let name = match self.redact_text(&name) {
                        Some(redacted) => {
                            found = true;
                            redacted
                        }
                        None => name,
                    };
                    fields.insert(name, item);
                }
                found
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => false,
        }
    }

    fn redact_text(&self, text: &str) -> Option<String> {
        let mut bytes = text.as_bytes().to_vec();
        let mut found = false;
        for secret in &self.texts {
            if let Some(redacted) = secret.redact(&bytes) {
                bytes = redacted;
                found = true;
            }
        }
        found.then(|| String::from_utf8_lossy(&bytes).into_owned())
    }

    fn redact_headers(&self, headers: &mut http::HeaderMap) {
        for secret in &self.texts {
            secret.redact_headers(headers);
        }
    }
}

/// `text` with the hexadecimal digits of its `%XX` escapes in lowercase.
fn lowercase_escapes(text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    let mut at = 0;
    while at < out.len() {
        if out[at] == b'%' {
            for digit in out.iter_mut().skip(at + 1).take(2) {
                digit.make_ascii_lowercase();
            }
            at += 3;
        } else {
            at += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lived_tokens_are_refreshed_halfway_and_long_ones_five_minutes_early() {
        let now = OffsetDateTime::now_utc();
        let hour = now + time::Duration::hours(1);
        assert_eq!(refresh_time(now, hour), hour - time::Duration::minutes(5));
        let short = now + time::Duration::seconds(4);
        assert_eq!(refresh_time(now, short), now + time::Duration::seconds(2));
        // Already expired: fetched again at once.
        assert!(refresh_time(now, now - time::Duration::seconds(1)) <= now);
    }

    #[test]
    fn national_clouds_name_their_graph_roots_authorities_and_scopes() {
        assert_eq!(NationalCloud::default().graph_scope(), "https://graph.microsoft.com/.default");
        assert_eq!(NationalCloud::UsGovernment.graph_scope(), "https://graph.microsoft.us/.default");
        assert_eq!(NationalCloud::UsGovernmentDod.authority_host(), "https://login.microsoftonline.us");
        assert_eq!(NationalCloud::China.endpoint().base_url(), "https://microsoftgraph.chinacloudapi.cn");
        let options = CredentialOptions::default().cloud(NationalCloud::China);
        assert_eq!(options.effective_scope(), "https://microsoftgraph.chinacloudapi.cn/.default");
        assert_eq!(options.scope("api://x/.default").effective_scope(), "api://x/.default");
    }

    #[test]
    fn token_responses_are_checked_by_their_source() {
        let entra = |body: &str| token_response_problem(body.as_bytes(), true);
        assert_eq!(entra(r#"{"token_type":"Bearer","expires_in":3599,"access_token":"t"}"#), None);
        let most = MAX_TOKEN_LIFETIME.as_secs();
        assert_eq!(entra(&format!(r#"{{"expires_in":{most},"access_token":"t"}}"#)), None);
        assert!(entra(&format!(r#"{{"expires_in":{},"access_token":"t"}}"#, most + 1)).is_some());
        assert!(entra(r#"{"expires_in":3599.5,"access_token":"t"}"#).is_some());
        // Managed identity endpoints write `expires_in` and `expires_on` as text, which the Azure SDK reads.
        let managed = |body: &str| token_response_problem(body.as_bytes(), false);
        assert_eq!(managed(r#"{"access_token":"t","expires_in":"86399","expires_on":"1506484173"}"#), None);
        assert!(managed(r#"{"access_token":" ","expires_on":"1506484173"}"#).is_some());
    }

    #[test]
    fn percent_escapes_are_lowercased_and_nothing_else() {
        assert_eq!(lowercase_escapes(b"A%7EB%2Fc%"), b"A%7eB%2fc%");
        assert_eq!(lowercase_escapes(b"%E2%82%AC"), b"%e2%82%ac");
    }

    #[test]
    fn a_token_with_an_impossible_date_is_refreshed_at_once() {
        let now = OffsetDateTime::now_utc();
        let far = OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT);
        assert_eq!(refresh_time(now, far), now);
        let last = OffsetDateTime::new_utc(time::Date::MAX, time::Time::MIDNIGHT);
        assert_eq!(refresh_time(now, last), last - time::Duration::minutes(5));
    }

    #[test]
    fn type_names_are_shortened_for_errors() {
        assert_eq!(short_type_name::<azure_identity::AzureCliCredential>(), "AzureCliCredential");
        assert_eq!(short_type_name::<Vec<u8>>(), "Vec");
    }
}
