//! Bearer tokens from the Azure SDK for Rust's credentials (the `credentials` feature).
//!
//! [`GraphCredential`] is a [`TokenProvider`] for the [`Client`](super::Client):
//! it asks an `azure_identity` credential for a token with the Graph scope
//! (`https://graph.microsoft.com/.default`, or a national cloud's), keeps it,
//! and asks again only when it is about to expire. Client secret, managed
//! identity, workload identity and Azure CLI credentials have constructors
//! here; any other `azure_core::credentials::TokenCredential` goes through
//! [`GraphCredential::new`].
//!
//! The credentials' own HTTP requests (to Microsoft Entra ID or the managed
//! identity endpoint) go through a `reqwest::Client` built like the Graph
//! client's: rustls on `ring`, the platform's roots, no redirects. The Azure SDK
//! is compiled without its own `reqwest` and TLS; this module gives it ours
//! through `azure_core`'s `HttpClient` trait.
//!
//! The secret and the tokens never appear in `Debug` output or in errors; a
//! failed token request is an [`Error::Credential`]
//! naming the credential and what the identity service said.
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

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use azure_core::cloud::{CloudConfiguration, CustomConfiguration};
use azure_core::credentials::{Secret, TokenCredential};
use azure_core::http::{AsyncRawResponse, ClientOptions, Transport};

pub use crate::error::CredentialError;
use time::OffsetDateTime;

use super::TokenProvider;
use crate::{BearerToken, Endpoint, Error};

/// The Azure SDK crates this module is built on, for credentials and options not wrapped here.
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

/// How a [`GraphCredential`] signs in: the cloud, an authority host or scope of your own, the HTTP client.
#[derive(Clone, Default)]
#[must_use]
pub struct CredentialOptions {
    cloud: NationalCloud,
    authority_host: Option<String>,
    scope: Option<String>,
    http: Option<reqwest::Client>,
}

impl CredentialOptions {
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

    /// The `azure_core` client options: our HTTP client as the transport, the cloud or authority host.
    fn client_options(&self) -> Result<ClientOptions, Error> {
        let http = match &self.http {
            Some(http) => http.clone(),
            None => credential_http_client(self.authority_host.as_deref())?,
        };
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
        Ok(ClientOptions {
            transport: Some(Transport::new(Arc::new(ReqwestTransport { http }))),
            cloud: Some(Arc::new(cloud)),
            ..ClientOptions::default()
        })
    }
}

impl fmt::Debug for CredentialOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialOptions")
            .field("cloud", &self.cloud)
            .field("authority_host", &self.authority_host)
            .field("scope", &self.effective_scope())
            .field("http_client", &self.http.is_some())
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
    /// Held across a fetch, so concurrent requests share it.
    cached: tokio::sync::Mutex<Option<CachedToken>>,
}

struct CachedToken {
    token: BearerToken,
    /// When to fetch the next one: before the token expires.
    refresh_at: OffsetDateTime,
}

impl GraphCredential {
    /// How long before a token expires a new one is fetched: 5 minutes, as `azure_identity` does.
    pub const REFRESH_MARGIN: Duration = Duration::from_secs(300);

    /// Any `azure_core` credential, asked for `options`' scope. Only the scope and the cloud's name are used from `options`.
    pub fn new<C: TokenCredential + 'static>(credential: Arc<C>, options: &CredentialOptions) -> Self {
        let name = short_type_name::<C>();
        GraphCredential::from_dyn(name, credential, options.effective_scope())
    }

    fn from_dyn(name: &'static str, credential: Arc<dyn TokenCredential>, scope: String) -> Self {
        GraphCredential { shared: Arc::new(Shared { name, credential, scope, cached: tokio::sync::Mutex::new(None) }) }
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
        let azure_options = azure_identity::ClientSecretCredentialOptions { client_options: options.client_options()? };
        let credential = azure_identity::ClientSecretCredential::new(
            tenant_id,
            client_id.into(),
            Secret::new(client_secret.into()),
            Some(azure_options),
        )
        .map_err(|error| credential_error(NAME, &error))?;
        Ok(GraphCredential::from_dyn(NAME, credential, options.effective_scope()))
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
                Err(Error::Credential(Box::new(CredentialError {
                    credential: "ClientSecretCredential",
                    status: None,
                    error: None,
                    description: format!("{} not set; set all three of {} or none", missing.join(" and "), {
                        names.join(", ")
                    }),
                })))
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
        let azure_options = azure_identity::ManagedIdentityCredentialOptions {
            user_assigned_id,
            client_options: options.client_options()?,
        };
        let credential = azure_identity::ManagedIdentityCredential::new(Some(azure_options))
            .map_err(|error| credential_error(NAME, &error))?;
        Ok(GraphCredential::from_dyn(NAME, credential, options.effective_scope()))
    }

    /// Kubernetes workload identity (`WorkloadIdentityCredential`): the tenant, client id and token file
    /// from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_FEDERATED_TOKEN_FILE`.
    pub fn workload_identity(options: CredentialOptions) -> Result<Self, Error> {
        const NAME: &str = "WorkloadIdentityCredential";
        let mut azure_options = azure_identity::WorkloadIdentityCredentialOptions::default();
        azure_options.credential_options.client_options = options.client_options()?;
        let credential = azure_identity::WorkloadIdentityCredential::new(Some(azure_options))
            .map_err(|error| credential_error(NAME, &error))?;
        Ok(GraphCredential::from_dyn(NAME, credential, options.effective_scope()))
    }

    /// The account signed in to the Azure CLI (`az login`), for development (`AzureCliCredential`).
    pub fn azure_cli(options: CredentialOptions) -> Result<Self, Error> {
        const NAME: &str = "AzureCliCredential";
        let credential =
            azure_identity::AzureCliCredential::new(None).map_err(|error| credential_error(NAME, &error))?;
        Ok(GraphCredential::from_dyn(NAME, credential, options.effective_scope()))
    }

    /// The credential's kind: `ClientSecretCredential`, `ManagedIdentityCredential`...
    pub fn credential_name(&self) -> &'static str {
        self.shared.name
    }

    /// The scope tokens are asked for: `https://graph.microsoft.com/.default`.
    pub fn scope(&self) -> &str {
        &self.shared.scope
    }

    /// The cached token while it is fresh, else a new one from the credential.
    pub async fn bearer_token(&self) -> Result<BearerToken, Error> {
        let mut cached = self.shared.cached.lock().await;
        let now = OffsetDateTime::now_utc();
        if let Some(token) = cached.as_ref().filter(|token| now < token.refresh_at) {
            return Ok(token.token.clone());
        }
        let scopes = [self.shared.scope.as_str()];
        let access = self
            .shared
            .credential
            .get_token(&scopes, None)
            .await
            .map_err(|error| credential_error(self.shared.name, &error))?;
        let fresh = CachedToken {
            token: BearerToken::new(access.token.secret()),
            refresh_at: refresh_time(now, access.expires_on),
        };
        let token = fresh.token.clone();
        *cached = Some(fresh);
        Ok(token)
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
/// [`GraphCredential::REFRESH_MARGIN`] before it expires, or halfway for a short-lived one.
fn refresh_time(now: OffsetDateTime, expires_on: OffsetDateTime) -> OffsetDateTime {
    let lifetime = expires_on - now;
    let margin = time::Duration::try_from(GraphCredential::REFRESH_MARGIN).unwrap_or(time::Duration::MAX);
    if lifetime > margin * 2 { expires_on - margin } else { now + lifetime / 2 }
}

/// An `azure_core` error of credential `name` as an [`Error::Credential`], with the
/// identity service's `error` and `error_description` when its answer carries them.
fn credential_error(name: &'static str, error: &azure_core::Error) -> Error {
    // azure_identity wraps the service's answer (kind `HttpResponse`, the raw response kept)
    // in a `Credential` error whose text adds the credential's name and a link.
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if let Some(azure) = cause.downcast_ref::<azure_core::Error>()
            && let azure_core::error::ErrorKind::HttpResponse { status, raw_response, .. } = azure.kind()
        {
            let body: Option<EntraErrorBody> =
                raw_response.as_ref().and_then(|response| serde_json::from_slice(response.body().as_ref()).ok());
            let (service_error, description) = match body {
                Some(body) => (body.error, body.error_description.unwrap_or_else(|| azure.to_string())),
                None => (None, azure.to_string()),
            };
            return Error::Credential(Box::new(CredentialError {
                credential: name,
                status: Some(u16::from(*status)),
                error: service_error,
                description: description.trim().to_owned(),
            }));
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
    Error::Credential(Box::new(CredentialError { credential: name, status: None, error: None, description }))
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

/// `azure_core`'s transport over our `reqwest::Client`: its requests, our TLS stack.
#[derive(Debug)]
struct ReqwestTransport {
    http: reqwest::Client,
}

#[async_trait::async_trait]
impl azure_core::http::HttpClient for ReqwestTransport {
    async fn execute_request(&self, request: &azure_core::http::Request) -> azure_core::Result<AsyncRawResponse> {
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
        let status = response.status().as_u16();
        let mut headers = azure_core::http::headers::Headers::new();
        for (name, value) in response.headers() {
            if let Ok(value) = value.to_str() {
                headers.insert(name.as_str().to_owned(), value.to_owned());
            }
        }
        let body = response.bytes().await.map_err(|error| {
            azure_core::Error::with_message(ErrorKind::Io, format!("cannot read the response: {error}"))
        })?;
        Ok(AsyncRawResponse::from_bytes(status.into(), headers, body))
    }
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
    fn type_names_are_shortened_for_errors() {
        assert_eq!(short_type_name::<azure_identity::AzureCliCredential>(), "AzureCliCredential");
        assert_eq!(short_type_name::<Vec<u8>>(), "Vec");
    }
}
