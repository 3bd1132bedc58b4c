//! Sign-in, offline: a Microsoft Entra ID token endpoint for the client-credentials flow
//! (`POST /{tenant}/oauth2/v2.0/token`, over HTTPS with a certificate made at start, as
//! `azure_identity` signs in only at an `https` authority), tokens that expire on the
//! stand-in's clock, and Graph requests without a valid token answered `401`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http::StatusCode;
use serde_json::json;

use crate::error::{ServiceError, StandInError};
use crate::query::query_pairs;
use crate::service::Answer;

/// How the stand-in signs clients in; given to [`StandInBuilder::sign_in`](crate::StandInBuilder::sign_in).
///
/// With it, the stand-in runs a token endpoint at [`StandIn::authority_host`](crate::StandIn::authority_host)
/// and answers Graph requests without a valid token `401`.
#[derive(Clone)]
#[must_use]
pub struct SignIn {
    token_lifetime: Duration,
    client: Option<(String, String)>,
}

impl Default for SignIn {
    fn default() -> Self {
        SignIn { token_lifetime: Duration::from_secs(3600), client: None }
    }
}

impl SignIn {
    /// Tokens valid for an hour, for any client id and secret.
    pub fn new() -> Self {
        SignIn::default()
    }

    /// How long a token is valid, on the stand-in's clock (default: an hour).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Only this client id and secret sign in; another secret is answered `401 invalid_client`.
    pub fn client_secret(mut self, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.client = Some((client_id.into(), secret.into()));
        self
    }
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("token_lifetime", &self.token_lifetime)
            .field("client_id", &self.client.as_ref().map(|(id, _)| id))
            .finish_non_exhaustive()
    }
}

/// The certificate of the token endpoint, made at start, and the acceptor that serves it.
pub(crate) struct Tls {
    pub acceptor: tokio_rustls::TlsAcceptor,
    pub certificate_der: Vec<u8>,
    pub certificate_pem: String,
}

impl Tls {
    pub fn generate() -> Result<Tls, StandInError> {
        let start = |error: &dyn std::fmt::Display| StandInError::Start(format!("the TLS certificate: {error}"));
        let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .map_err(|error| start(&error))?;
        let certificate = certified.cert.der().clone();
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| start(&error))?
            .with_no_client_auth()
            .with_single_cert(vec![certificate.clone()], key)
            .map_err(|error| start(&error))?;
        Ok(Tls {
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
            certificate_der: certificate.to_vec(),
            certificate_pem: pem("CERTIFICATE", certificate.as_ref()),
        })
    }
}

/// DER bytes as PEM text: base64 in lines of 64, between the label's markers.
fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(der);
    let mut text = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

/// The tokens handed out, and when each expires.
pub(crate) struct Tokens {
    pub sign_in: SignIn,
    issued: Mutex<HashMap<String, SystemTime>>,
}

/// Why a Graph request is refused.
fn unauthorized(message: &str) -> ServiceError {
    ServiceError::new(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", message)
}

impl Tokens {
    pub fn new(sign_in: SignIn) -> Self {
        Tokens { sign_in, issued: Mutex::new(HashMap::new()) }
    }

    /// A new token, valid from `now` for the configured lifetime.
    pub fn issue(&self, now: SystemTime) -> String {
        let token = format!("standin.{}.{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        self.issued
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .insert(token.clone(), now + self.sign_in.token_lifetime);
        token
    }

    /// Checks a request's `Authorization` header at `now`.
    pub fn check(&self, authorization: Option<&str>, now: SystemTime) -> Result<(), ServiceError> {
        let Some(value) = authorization.filter(|value| !value.trim().is_empty()) else {
            return Err(unauthorized("Access token is empty."));
        };
        let Some(token) = value.strip_prefix("Bearer ").map(str::trim) else {
            return Err(unauthorized("The Authorization header is not 'Bearer {token}'."));
        };
        match self.issued.lock().unwrap_or_else(|poison| poison.into_inner()).get(token) {
            None => Err(unauthorized("Invalid token: it was not issued by this stand-in.")),
            Some(expires) if *expires <= now => Err(unauthorized("Lifetime validation failed, the token is expired.")),
            Some(_) => Ok(()),
        }
    }

    /// Answers a request to the authority: the token endpoint, or the OpenID configuration
    /// that clients in other languages read first.
    pub fn answer(&self, method: &http::Method, path: &str, body: &[u8], authority: &str, now: SystemTime) -> Answer {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match (method.as_str(), segments.as_slice()) {
            ("POST", [tenant, "oauth2", "v2.0", "token"]) if !tenant.is_empty() => self.token(body, now),
            ("GET", [tenant, "v2.0", ".well-known", "openid-configuration"]) => {
                let base = format!("{authority}/{tenant}");
                Answer::json(
                    StatusCode::OK,
                    &json!({
                        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
                        "authorization_endpoint": format!("{base}/oauth2/v2.0/authorize"),
                        "issuer": format!("{base}/v2.0"),
                        "token_endpoint_auth_methods_supported": ["client_secret_post"],
                        "grant_types_supported": ["client_credentials"],
                    }),
                )
            }
            _ => {
                entra_error(StatusCode::NOT_FOUND, "invalid_request", &format!("AADSTS90002: no endpoint at '{path}'."))
            }
        }
    }

    fn token(&self, body: &[u8], now: SystemTime) -> Answer {
        let form = query_pairs(&String::from_utf8_lossy(body));
        let field = |name: &str| form.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        if field("grant_type") != Some("client_credentials") {
            return entra_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "AADSTS70003: the stand-in supports the client_credentials grant only.",
            );
        }
        if !field("scope").is_some_and(|scope| scope.ends_with("/.default")) {
            return entra_error(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                "AADSTS1002012: the scope of a client-credentials token ends with '/.default'.",
            );
        }
        let (Some(client_id), Some(secret)) = (field("client_id"), field("client_secret")) else {
            return entra_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "AADSTS900144: client_id and client_secret are required.",
            );
        };
        if let Some((expected_id, expected_secret)) = &self.sign_in.client {
            if client_id != expected_id {
                return entra_error(
                    StatusCode::BAD_REQUEST,
                    "unauthorized_client",
                    &format!("AADSTS700016: Application with identifier '{client_id}' was not found in the directory."),
                );
            }
            if secret != expected_secret {
                return entra_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.",
                );
            }
        }
        let lifetime = self.sign_in.token_lifetime.as_secs();
        Answer::json(
            StatusCode::OK,
            &json!({
                "token_type": "Bearer",
                "expires_in": lifetime,
                "ext_expires_in": lifetime,
                "access_token": self.issue(now),
            }),
        )
    }
}

/// A fault's answer at the token endpoint, as Microsoft Entra ID words it (a `Retry-After` is
/// added by the caller).
pub(crate) fn fault_answer(status: u16) -> Answer {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let (error, description) = match status.as_u16() {
        429 => (
            "temporarily_unavailable",
            "AADSTS90055: TenantThrottlingError - There are too many incoming requests (the stand-in throttled this token request, as asked).",
        ),
        503 | 504 => (
            "temporarily_unavailable",
            "AADSTS90033: A transient error has occurred. Please try again (the stand-in refused this token request, as asked).",
        ),
        _ => ("server_error", "The stand-in answered this status to this token request, as asked."),
    };
    entra_error(status, error, description)
}

/// An error as Microsoft Entra ID writes it: `{"error", "error_description", "error_codes", "trace_id"}`.
fn entra_error(status: StatusCode, error: &str, description: &str) -> Answer {
    let code: u64 = description
        .strip_prefix("AADSTS")
        .and_then(|rest| rest.split(':').next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0);
    Answer::json(
        status,
        &json!({
            "error": error,
            "error_description": description,
            "error_codes": [code],
            "trace_id": uuid::Uuid::new_v4().to_string(),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_on_the_clock_given() {
        let tokens = Tokens::new(SignIn::new().token_lifetime(Duration::from_secs(60)));
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000);
        let token = tokens.issue(now);
        assert!(tokens.check(Some(&format!("Bearer {token}")), now + Duration::from_secs(59)).is_ok());
        let expired = tokens.check(Some(&format!("Bearer {token}")), now + Duration::from_secs(60)).unwrap_err();
        assert!(expired.message.contains("expired"), "{}", expired.message);
        assert!(tokens.check(None, now).unwrap_err().message.contains("empty"));
        assert!(tokens.check(Some("Bearer forged"), now).unwrap_err().message.contains("not issued"));
        assert!(tokens.check(Some("Basic abc"), now).is_err());
    }

    #[test]
    fn the_token_endpoint_checks_the_grant_the_scope_and_a_configured_secret() {
        let tokens = Tokens::new(SignIn::new().client_secret("app", "s3cret"));
        let now = SystemTime::now();
        let post = |body: &str| {
            tokens.answer(&http::Method::POST, "/contoso/oauth2/v2.0/token", body.as_bytes(), "https://x", now)
        };
        let ok = post(
            "grant_type=client_credentials&client_id=app&client_secret=s3cret&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        );
        assert_eq!(ok.status, StatusCode::OK);
        let answer: serde_json::Value = serde_json::from_slice(&ok.body).unwrap();
        assert!(tokens.check(Some(&format!("Bearer {}", answer["access_token"].as_str().unwrap())), now).is_ok());
        let wrong = post("grant_type=client_credentials&client_id=app&client_secret=nope&scope=x/.default");
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(String::from_utf8_lossy(&wrong.body).contains("invalid_client"));
        assert_eq!(
            post("grant_type=password&client_id=app&client_secret=s3cret&scope=x/.default").status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            post("grant_type=client_credentials&client_id=app&client_secret=s3cret&scope=User.Read").status,
            StatusCode::BAD_REQUEST
        );
        let discovery =
            tokens.answer(&http::Method::GET, "/contoso/v2.0/.well-known/openid-configuration", b"", "https://x", now);
        assert!(String::from_utf8_lossy(&discovery.body).contains("https://x/contoso/oauth2/v2.0/token"));
    }
}
