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
///
/// A base URL must be `http` or `https` with a host, and have no user
/// information, query, fragment or `.`/`..` segment: each would send the
/// request (and its token) somewhere other than where it reads.
/// [`Endpoint::with_base_url`] keeps such a URL but every request built for
/// it is an [`Error::InvalidRequest`] naming the problem;
/// [`Endpoint::try_with_base_url`] refuses it at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    version: ApiVersion,
    /// Why the base URL cannot be used, when it cannot.
    invalid: Option<&'static str>,
}

impl Endpoint {
    /// The public cloud's service root.
    pub const GLOBAL: &'static str = "https://graph.microsoft.com";

    /// The public cloud, `beta`.
    pub fn beta() -> Self {
        Endpoint { base_url: Self::GLOBAL.to_owned(), version: ApiVersion::Beta, invalid: None }
    }

    /// The public cloud, `v1.0`.
    pub fn v1() -> Self {
        Endpoint { base_url: Self::GLOBAL.to_owned(), version: ApiVersion::V1, invalid: None }
    }

    /// Another service root (a national cloud, a test server), `beta`; a trailing `/` is ignored.
    ///
    /// A base URL that cannot be used (see the type's docs) makes every request built for this
    /// endpoint an [`Error::InvalidRequest`]; [`Endpoint::try_with_base_url`] says so at once.
    pub fn with_base_url(base_url: impl Into<String>) -> Self {
        let mut base_url = base_url.into();
        while base_url.ends_with('/') {
            base_url.pop();
        }
        let invalid = base_url_problem(&base_url);
        Endpoint { base_url, version: ApiVersion::Beta, invalid }
    }

    /// Like [`Endpoint::with_base_url`], refusing a base URL that cannot be used.
    pub fn try_with_base_url(base_url: impl Into<String>) -> Result<Self, Error> {
        let endpoint = Endpoint::with_base_url(base_url);
        endpoint.check()?;
        Ok(endpoint)
    }

    /// `Ok` when requests can be sent here; else the [`Error::InvalidRequest`] each would be.
    pub fn check(&self) -> Result<(), Error> {
        match self.invalid {
            None => Ok(()),
            Some(problem) => {
                Err(Error::InvalidRequest { reason: format!("the endpoint's base URL `{}` {problem}", self.base_url) })
            }
        }
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

/// What makes `base_url` unusable as a service root, if anything.
fn base_url_problem(base_url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = base_url.split_once("://") else { return Some("has no scheme (`https://…`)") };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return Some("is not http or https");
    }
    if rest.contains('?') {
        return Some("has a query; requests would carry it");
    }
    if rest.contains('#') {
        return Some("has a fragment; the request path would be cut at it");
    }
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(authority, path)| (authority, path));
    if authority.is_empty() {
        return Some("has no host");
    }
    if authority.contains('@') {
        return Some("has user information; the host would not be what it reads");
    }
    if authority.contains('\\') || path.contains('\\') {
        return Some("has a backslash");
    }
    let dot_segment = |segment: &str| {
        let decoded = segment.replace("%2e", ".").replace("%2E", ".");
        decoded == "." || decoded == ".."
    };
    if path.split('/').any(dot_segment) {
        return Some("has a `.` or `..` segment");
    }
    if http::Uri::try_from(base_url).is_err() {
        return Some("is not a valid URL");
    }
    None
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
///
/// An empty or blank token, or one with characters a header cannot carry, is
/// kept but never sent: every request built with it is an
/// [`Error::InvalidRequest`] saying so, whether it comes from a token provider
/// or is given to [`GraphRequest::to_http`](crate::GraphRequest::to_http).
#[derive(Clone)]
pub struct BearerToken {
    /// The header value, or why the token cannot be sent; reported when used.
    header: Result<HeaderValue, &'static str>,
}

impl BearerToken {
    /// Wraps an access token.
    pub fn new(token: impl Into<String>) -> Self {
        let mut text = token.into();
        if text.trim().is_empty() {
            return BearerToken {
                header: Err("the bearer token is empty (or only whitespace); nothing is sent with it"),
            };
        }
        text.insert_str(0, "Bearer ");
        let header = HeaderValue::try_from(text)
            .map(|mut value| {
                value.set_sensitive(true);
                value
            })
            .map_err(|_| "the bearer token has characters that an HTTP header cannot carry");
        BearerToken { header }
    }

    /// The `Authorization` header value, marked sensitive so `http` does not print it either.
    pub fn header_value(&self) -> Result<HeaderValue, Error> {
        self.header.clone().map_err(|reason| Error::InvalidRequest { reason: reason.to_owned() })
    }
}

impl BearerToken {
    /// Replaces each echo of this token in `response` (its body and header values) by
    /// `<redacted>`: what [`Client`](crate::client) does to every response before reading it,
    /// for a response your own HTTP client received. A token shorter than 8 bytes is not
    /// searched for (it would match ordinary text).
    pub fn redact_response(&self, response: &mut http::Response<Vec<u8>>) {
        if let Ok(header) = &self.header {
            Secret::of_authorization(header.as_bytes()).redact_response(response);
        }
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken(<redacted>)")
    }
}

/// The token of one request, to find where a response echoes it: its searcher, built once
/// for the body and every header of the response (`None` for a token too short to look for).
pub(crate) struct Secret(Option<memchr::memmem::Finder<'static>>);

impl Secret {
    /// Shorter than this, a token would match ordinary text; real tokens (JWTs) are hundreds of bytes.
    const MIN_LEN: usize = 8;
    const REDACTED: &'static str = "<redacted>";

    pub(crate) fn of_authorization(value: &[u8]) -> Secret {
        let token = value.strip_prefix(b"Bearer ").unwrap_or(value);
        Secret((token.len() >= Self::MIN_LEN).then(|| memchr::memmem::Finder::new(token).into_owned()))
    }

    /// The token of `request`'s `Authorization` header, when it has one.
    #[cfg(feature = "client")]
    pub(crate) fn of_request(request: &http::Request<Vec<u8>>) -> Option<Secret> {
        let value = request.headers().get(http::header::AUTHORIZATION)?;
        Some(Secret::of_authorization(value.as_bytes()))
    }

    /// Searches for `text` itself, however short (a secret other than a bearer token).
    #[cfg(feature = "credentials")]
    pub(crate) fn exactly(text: &[u8]) -> Secret {
        Secret((!text.is_empty()).then(|| memchr::memmem::Finder::new(text).into_owned()))
    }

    /// Whether this searches for `text`.
    #[cfg(feature = "credentials")]
    pub(crate) fn is(&self, text: &[u8]) -> bool {
        self.0.as_ref().is_some_and(|finder| finder.needle() == text)
    }

    /// `text` with each occurrence of the token replaced, or `None` when it has none.
    pub(crate) fn redact(&self, text: &[u8]) -> Option<Vec<u8>> {
        let finder = self.0.as_ref()?;
        // Matches do not overlap: each starts past the end of the one before.
        let mut found = finder.find_iter(text).peekable();
        found.peek()?;
        let mut out = Vec::with_capacity(text.len());
        let mut copied = 0;
        for at in found {
            out.extend_from_slice(&text[copied..at]);
            out.extend_from_slice(Self::REDACTED.as_bytes());
            copied = at + finder.needle().len();
        }
        out.extend_from_slice(&text[copied..]);
        Some(out)
    }

    pub(crate) fn redact_response(&self, response: &mut http::Response<Vec<u8>>) {
        self.redact_body(response.body_mut());
        self.redact_headers(response.headers_mut());
    }

    /// Replaces each echo of the token in `body`.
    pub(crate) fn redact_body(&self, body: &mut Vec<u8>) {
        if let Some(redacted) = self.redact(body) {
            *body = redacted;
        }
    }

    /// Replaces each echo of the token in the values of `headers`.
    pub(crate) fn redact_headers(&self, headers: &mut http::HeaderMap) {
        for value in headers.values_mut() {
            if let Some(text) = self.redact(value.as_bytes()) {
                let mut redacted = HeaderValue::from_bytes(&text).unwrap_or(HeaderValue::from_static(Self::REDACTED));
                redacted.set_sensitive(true);
                *value = redacted;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_echo_of_the_token_is_replaced() {
        let secret = Secret::of_authorization(b"Bearer abcdefgh12");
        assert_eq!(
            secret.redact(b"xx abcdefgh12 yy abcdefgh12abcdefgh12").unwrap(),
            b"xx <redacted> yy <redacted><redacted>"
        );
        assert_eq!(secret.redact(b"nothing here"), None);
        // A token too short to tell from text is not searched for.
        assert_eq!(Secret::of_authorization(b"Bearer abc").redact(b"abc abc"), None);
    }

    #[test]
    fn a_response_read_by_another_client_can_be_scrubbed_the_same_way() {
        let token = BearerToken::new("eyJ0eXAiOiJKV1Qi.secret");
        let mut response = http::Response::builder()
            .status(401)
            .header("www-authenticate", "Bearer eyJ0eXAiOiJKV1Qi.secret")
            .body(br#"{"error":{"code":"x","message":"Bearer eyJ0eXAiOiJKV1Qi.secret"}}"#.to_vec())
            .unwrap();
        token.redact_response(&mut response);
        assert_eq!(response.body(), br#"{"error":{"code":"x","message":"Bearer <redacted>"}}"#);
        assert_eq!(response.headers()["www-authenticate"], "Bearer <redacted>");
    }

    #[test]
    fn base_urls_that_would_send_elsewhere_are_refused() {
        for good in ["https://graph.microsoft.us", "http://127.0.0.1:8080/", "https://proxy.example/graph"] {
            assert!(Endpoint::try_with_base_url(good).is_ok(), "{good}");
        }
        for (bad, problem) in [
            ("https://graph.microsoft.com#", "has a fragment"),
            ("https://evil.example/#graph.microsoft.com", "has a fragment"),
            ("https://graph.microsoft.com?x=1", "has a query"),
            ("https://graph.microsoft.com@evil.example", "has user information"),
            ("https://graph.microsoft.com/a/../..", "has a `.` or `..` segment"),
            ("https://graph.microsoft.com/%2e%2e", "has a `.` or `..` segment"),
            ("ftp://graph.microsoft.com", "is not http or https"),
            ("graph.microsoft.com", "has no scheme"),
            ("https:///x", "has no host"),
        ] {
            let error = Endpoint::try_with_base_url(bad).unwrap_err().to_string();
            assert!(error.contains(problem), "{bad}: {error}");
            // Kept by `with_base_url`, but nothing is built for it.
            let endpoint = Endpoint::with_base_url(bad);
            assert!(endpoint.check().is_err());
        }
    }
}
