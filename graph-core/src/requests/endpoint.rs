//! Where requests go, and with what authorization.

use std::fmt;

use http::header::HeaderValue;

use crate::Error;

/// The Graph API version a request is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `beta`: where the Intune models live, and the default.
    #[default]
    Beta,
    /// `v1.0`.
    V1,
}

impl ApiVersion {
    /// The version as it appears in the URL: `beta` or `v1.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::Beta => "beta",
            ApiVersion::V1 => "v1.0",
        }
    }
}

/// Where requests go: a service root and an API version.
///
/// The default is `https://graph.microsoft.com` and `beta`. Replace the base
/// URL for a national cloud (`https://graph.microsoft.us`) or a test server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    version: ApiVersion,
}

impl Endpoint {
    /// The public cloud's service root.
    pub const GLOBAL: &'static str = "https://graph.microsoft.com";

    /// The public cloud, `beta`.
    pub fn beta() -> Self {
        Endpoint { base_url: Self::GLOBAL.to_owned(), version: ApiVersion::Beta }
    }

    /// The public cloud, `v1.0`.
    pub fn v1() -> Self {
        Endpoint { base_url: Self::GLOBAL.to_owned(), version: ApiVersion::V1 }
    }

    /// Another service root (a national cloud, a test server), `beta`; a trailing `/` is ignored.
    pub fn with_base_url(base_url: impl Into<String>) -> Self {
        let mut base_url = base_url.into();
        while base_url.ends_with('/') {
            base_url.pop();
        }
        Endpoint { base_url, version: ApiVersion::Beta }
    }

    /// The same service root with another API version.
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// The service root, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API version.
    pub fn api_version(&self) -> ApiVersion {
        self.version
    }

    /// The full URL of a path: `https://graph.microsoft.com/beta/deviceManagement/ndesConnectors`.
    pub fn url(&self, path: &str) -> String {
        let version = self.version.as_str();
        let mut url = String::with_capacity(self.base_url.len() + 1 + version.len() + path.len());
        url.push_str(&self.base_url);
        url.push('/');
        url.push_str(version);
        url.push_str(path);
        url
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::beta()
    }
}

/// An OAuth bearer token. Its text never appears in `Debug` output or errors.
///
/// The `Authorization` header value is built once, here, and shared by every
/// request: cloning it is a reference-count increment.
#[derive(Clone)]
pub struct BearerToken {
    /// `None` when the token has characters a header cannot carry; reported when used.
    header: Option<HeaderValue>,
}

impl BearerToken {
    /// Wraps an access token.
    pub fn new(token: impl Into<String>) -> Self {
        let mut text = token.into();
        text.insert_str(0, "Bearer ");
        let header = HeaderValue::try_from(text).ok().map(|mut value| {
            value.set_sensitive(true);
            value
        });
        BearerToken { header }
    }

    /// The `Authorization` header value, marked sensitive so `http` does not print it either.
    pub fn header_value(&self) -> Result<HeaderValue, Error> {
        self.header.clone().ok_or_else(|| Error::InvalidRequest {
            reason: "the bearer token has characters that an HTTP header cannot carry".to_owned(),
        })
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}
