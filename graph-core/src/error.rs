//! The errors of this crate.

use std::fmt;
use std::time::{Duration, SystemTime};

/// Everything that can go wrong building a request or reading a response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A key or path parameter that cannot stand as one path segment.
    InvalidKey {
        /// Why the key was refused.
        reason: &'static str,
    },
    /// A path template given the wrong number of parameter values.
    PathParameters {
        /// The template: `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
        template: &'static str,
        /// How many `{parameter}` segments it has.
        expected: usize,
        /// How many values were given.
        given: usize,
    },
    /// A request body that could not be serialized; the serializer's error is the source.
    Serialize(serde_json::Error),
    /// A request that cannot be built: an invalid URL or header value, an empty bearer token, a
    /// function parameter that cannot be written, an endpoint that would send it elsewhere.
    InvalidRequest {
        /// What was invalid. Never contains the bearer token.
        reason: String,
    },
    /// A response body that does not match the expected type (shown as the [`BodyError`] itself).
    Body(BodyError),
    /// The service answered with an error, 4xx or 5xx (shown as the [`GraphError`] itself).
    Graph(Box<GraphError>),
    /// The service answered with a status the operation does not expect (a redirect, an odd 2xx).
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// The response body, as text.
        body: String,
    },
    /// The request could not be sent or its response not received (the `client` feature).
    Transport {
        /// What was being done: `sending the request`, `reading the response`, `setting up TLS`.
        context: &'static str,
        /// The underlying error (a `reqwest::Error`, with its own causes), as the error's source.
        /// Never contains the bearer token: HTTP clients do not print header values.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A collection with more pages than `Client::list_all` was allowed to read (the `client` feature).
    TooManyPages {
        /// The bound that was reached.
        max_pages: usize,
        /// The `@odata.nextLink` of the first page not read.
        next_link: String,
    },
    /// A batch item the service did not run because an item it depends on failed (`424 Failed Dependency`).
    FailedDependency {
        /// The item's id in its batch request.
        item: String,
        /// The dependency that failed: its id and request, `1 (POST /deviceManagement/deviceConfigurations)`.
        dependency: String,
        /// The dependency's own status, when the batch answered for it.
        dependency_status: Option<u16>,
    },
    /// A batch handle given to the responses of another batch.
    HandleFromAnotherBatch {
        /// The handle's item id in its own batch.
        item: String,
    },
    /// A batch item that no batch response answered.
    MissingBatchResponse {
        /// The item's id in its batch request.
        item: String,
    },
    /// A response body larger than the client reads (the `client` feature's `max_response_bytes`).
    ResponseTooLarge {
        /// The bound, in bytes.
        limit: usize,
    },
    /// A credential could not get a token (the `credentials` feature).
    #[cfg(feature = "credentials")]
    Credential(Box<CredentialError>),
    /// A request not sent: the service asked the client to wait (`Retry-After`) longer than the
    /// retry policy's `max_total_delay` (the `client` feature's throttling gate).
    Throttled {
        /// How much longer the client's gate stays closed.
        remaining: std::time::Duration,
    },
    /// The `$batch` request that held this item failed as a whole (the `client` feature's
    /// `send_all_batched`); the failure, shared by the items of that `$batch`, is the source.
    BatchRequest {
        /// What the `$batch` request ended with.
        source: std::sync::Arc<Error>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidKey { reason } => write!(f, "invalid key: {reason}"),
            Error::PathParameters { template, expected, given } => {
                write!(f, "path `{template}` has {expected} parameter(s), {given} value(s) given")
            }
            Error::Serialize(_) => f.write_str("cannot serialize the request body"),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Error::Body(error) => error.fmt(f),
            Error::Graph(error) => error.fmt(f),
            Error::UnexpectedStatus { status, .. } => write!(f, "unexpected HTTP status {status}"),
            Error::Transport { context, .. } => write!(f, "transport error while {context}"),
            Error::TooManyPages { max_pages, .. } => {
                write!(f, "the collection has more than {max_pages} page(s); stopped before the next one")
            }
            Error::FailedDependency { item, dependency, dependency_status } => {
                write!(f, "batch item {item} was not run: the item it depends on, {dependency}, failed")?;
                match dependency_status {
                    Some(status) => write!(f, " with status {status}"),
                    None => Ok(()),
                }
            }
            Error::HandleFromAnotherBatch { item } => {
                write!(f, "the handle of item {item} belongs to another batch; read it from that batch's responses")
            }
            Error::MissingBatchResponse { item } => write!(f, "no batch response answered item {item}"),
            Error::ResponseTooLarge { limit } => {
                write!(f, "the response body is larger than {limit} bytes, the most this client reads")
            }
            #[cfg(feature = "credentials")]
            Error::Credential(error) => error.fmt(f),
            Error::Throttled { remaining } => write!(
                f,
                "not sent: the service asked for a wait of {remaining:.1?} more (Retry-After), longer than the retry policy allows"
            ),
            Error::BatchRequest { .. } => f.write_str("the $batch request holding this item failed"),
        }
    }
}

/// Each message appears once in a chain (`{:#}` of anyhow, eyre's reports): a variant either
/// shows its inner error as its own text (`Body`, `Graph`, `Credential`: transparent, their
/// sources are the inner error's sources) or names what it was doing and returns the inner error as its source.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Serialize(error) => Some(error),
            Error::Transport { source, .. } => Some(source.as_ref()),
            Error::Body(error) => error.source(),
            Error::Graph(error) => error.source(),
            #[cfg(feature = "credentials")]
            Error::Credential(error) => error.source(),
            Error::BatchRequest { source } => Some(source.as_ref()),
            Error::InvalidKey { .. }
            | Error::PathParameters { .. }
            | Error::InvalidRequest { .. }
            | Error::UnexpectedStatus { .. }
            | Error::TooManyPages { .. }
            | Error::FailedDependency { .. }
            | Error::HandleFromAnotherBatch { .. }
            | Error::MissingBatchResponse { .. }
            | Error::ResponseTooLarge { .. }
            | Error::Throttled { .. } => None,
        }
    }
}

impl From<BodyError> for Error {
    fn from(error: BodyError) -> Self {
        Error::Body(error)
    }
}

/// A JSON body that does not match the type it was read as.
///
/// Names the type, the JSON path of the offending value (`value[3].state`)
/// and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    pub(crate) type_name: &'static str,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl BodyError {
    /// The Graph name of the type being read (`ndesConnector`).
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The JSON path of the offending value (`state`, `value[3].state`); empty for the whole body.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line and column in the body where reading stopped (0 when not known).
    pub fn position(&self) -> (usize, usize) {
        (self.line, self.column)
    }
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.type_name, self.message)
        } else {
            write!(f, "{} at `{}`: {}", self.type_name, self.path, self.message)
        }
    }
}

impl std::error::Error for BodyError {}

/// An additional property that could not be read as the type asked for
/// ([`AdditionalProperties::get_as`](crate::AdditionalProperties::get_as)).
///
/// Names the property, the type, the JSON path inside the property's value
/// (`items[1].v`) and what was wrong, and where in the property's own JSON text
/// reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyError(Box<PropertyErrorParts>);

/// Boxed: a `Result` of a small value stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PropertyErrorParts {
    property: String,
    type_name: String,
    /// The path inside the value, the message and the position in the value's text.
    located: BodyError,
}

impl PropertyError {
    pub(crate) fn new(property: &str, type_name: String, located: BodyError) -> Self {
        PropertyError(Box::new(PropertyErrorParts { property: property.to_owned(), type_name, located }))
    }

    /// The property's name: `settings`.
    pub fn property(&self) -> &str {
        &self.0.property
    }

    /// The Rust type it was read as, without module paths: `Vec<String>`.
    pub fn type_name(&self) -> &str {
        &self.0.type_name
    }

    /// The JSON path of the offending value inside the property's value (`items[1].v`); empty
    /// for the value itself.
    pub fn path(&self) -> &str {
        self.0.located.path()
    }

    /// What was wrong, without the location.
    pub fn message(&self) -> &str {
        self.0.located.message()
    }

    /// The 1-based line and column in the property's own JSON text where reading stopped.
    pub fn position(&self) -> (usize, usize) {
        self.0.located.position()
    }
}

impl fmt::Display for PropertyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "property `{}` read as `{}`", self.property(), self.type_name())?;
        if !self.path().is_empty() {
            write!(f, ", at `{}.{}`", self.property(), self.path())?;
        }
        let (line, column) = self.position();
        write!(f, ": {} (line {line}, column {column} of the property's value)", self.message())
    }
}

impl std::error::Error for PropertyError {}

/// `type_name::<T>()` without module paths: `Vec<BTreeMap<String, i32>>`.
pub(crate) fn readable_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment_start = 0;
    for (at, character) in full.char_indices() {
        if !(character.is_alphanumeric() || character == '_' || character == ':') {
            out.push_str(last_path_segment(&full[segment_start..at]));
            out.push(character);
            segment_start = at + character.len_utf8();
        }
    }
    out.push_str(last_path_segment(&full[segment_start..]));
    out
}

fn last_path_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

impl Error {
    /// This error, with how the client's retries ended when it is the service's error.
    #[cfg_attr(not(feature = "client"), allow(dead_code, reason = "used by the client"))]
    pub(crate) fn with_retries(mut self, retries: Option<RetriesExhausted>) -> Self {
        if let (Error::Graph(error), Some(retries)) = (&mut self, retries) {
            error.retries = Some(retries);
        }
        self
    }

    /// The service's error, when the service answered with one (for an item of a failed
    /// `$batch` request, the `$batch` request's).
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph(error) => Some(error),
            Error::BatchRequest { source } => source.graph_error(),
            _ => None,
        }
    }
}

/// An error answered by the service: the status and everything the body said.
///
/// Graph writes `{"error": {"code", "message", "target", "details", "innerError":
/// {"request-id", "client-request-id", "date"}}}`; a body of another shape is
/// kept whole in [`GraphError::raw_body`].
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct GraphError {
    /// The HTTP status: 400, 404, 429, 503...
    pub status: u16,
    /// The error code: `ResourceNotFound`, `TooManyRequests`... (empty when the body has none).
    pub code: String,
    /// The service's message. When the service wrote a JSON document there (Intune writes
    /// `{"_version":3,"Message":"An error has occurred - Operation ID…",…}`), its `Message`; the
    /// document is in [`GraphError::raw_message`].
    pub message: String,
    /// The service's `message` as sent, when it was a JSON document whose `Message` is in
    /// [`GraphError::message`]; `None` for a plain message.
    pub raw_message: Option<String>,
    /// The target of the error, when given.
    pub target: Option<String>,
    /// Further errors, when given.
    pub details: Vec<ErrorDetail>,
    /// The request-tracing information, when given.
    pub inner_error: Option<InnerError>,
    /// The `Retry-After` header, for 429 and 503: seconds or an HTTP date (`None` when absent, or
    /// when it is neither form).
    pub retry_after: Option<RetryAfter>,
    /// When the client retried the request and gave up: how many attempts, over how long, and why
    /// no more (the `client` feature; `None` for an error that was not retried to the end).
    pub retries: Option<RetriesExhausted>,
    /// The body as text, when it is not the Graph error shape.
    pub raw_body: Option<String>,
}

/// A `Retry-After` header: a number of seconds, or an HTTP date.
///
/// ```
/// use std::time::Duration;
/// use msgraph_entity::RetryAfter;
///
/// let seconds = RetryAfter::parse("7").unwrap();
/// assert_eq!(seconds, RetryAfter::Seconds(7));
/// assert_eq!(seconds.to_string(), "7 s");
/// let date = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
/// assert_eq!(date.to_string(), "Sun, 06 Nov 1994 08:49:37 GMT");
/// assert_eq!(RetryAfter::parse("soon"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `Retry-After: 7`: wait this many seconds (a number too long for a `u64` reads as `u64::MAX`).
    Seconds(u64),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`: wait until then.
    Date(SystemTime),
}

impl RetryAfter {
    /// Reads a header value in either form; `None` for anything else.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
            // More digits than a u64 holds is still "longer than any budget".
            return Some(RetryAfter::Seconds(value.parse().unwrap_or(u64::MAX)));
        }
        httpdate::parse_http_date(value).ok().map(RetryAfter::Date)
    }

    /// The `Retry-After` of `headers`, when it has one in either form.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<RetryAfter> {
        RetryAfter::parse(headers.get(http::header::RETRY_AFTER)?.to_str().ok()?)
    }

    /// How long it asks to wait from `now`: the seconds, or until the date (no wait for a date past).
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Seconds(seconds) => Duration::from_secs(seconds),
            RetryAfter::Date(date) => date.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// `7 s`, or the date as HTTP writes it.
impl fmt::Display for RetryAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryAfter::Seconds(seconds) => write!(f, "{seconds} s"),
            RetryAfter::Date(date) => f.write_str(&httpdate::fmt_http_date(*date)),
        }
    }
}

/// How a request the client retried ended without success: the attempts made, the time from
/// the first one's start to giving up, and which bound of the retry policy ended them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RetriesExhausted {
    /// Attempts made, the first one included.
    pub attempts: u32,
    /// From the first attempt's start to giving up.
    pub elapsed: Duration,
    /// Why no further attempt was made.
    pub stopped_by: RetryStop,
}

/// The bound of a retry policy that ended a request's retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryStop {
    /// The attempts the policy allows were all made.
    MaxAttempts,
    /// The next wait (the service's `Retry-After`, or the backoff) would have ended past the time
    /// the policy allows from the first attempt.
    MaxTotalDelay {
        /// The wait that did not fit.
        next_wait: Duration,
        /// The policy's bound.
        max_total_delay: Duration,
    },
}

impl fmt::Display for RetriesExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(f, "gave up after {} attempt{plural} over {}: ", self.attempts, Seconds(self.elapsed))?;
        match self.stopped_by {
            RetryStop::MaxAttempts => write!(f, "the retry policy allows {} attempt{plural}", self.attempts),
            RetryStop::MaxTotalDelay { next_wait, max_total_delay } => write!(
                f,
                "the next wait, {}, would end past the {} the retry policy allows",
                Seconds(next_wait),
                Seconds(max_total_delay)
            ),
        }
    }
}

/// A duration as people read it: `3600 s`, `1.5 s`, `120 ms`.
pub(crate) struct Seconds(pub(crate) Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let duration = self.0;
        if duration.subsec_nanos() == 0 {
            write!(f, "{} s", duration.as_secs())
        } else if duration < Duration::from_secs(1) {
            write!(f, "{} ms", duration.as_millis())
        } else {
            write!(f, "{:.1} s", duration.as_secs_f64())
        }
    }
}

/// One entry of an error's `details`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The detail's code.
    pub code: String,
    /// The detail's message.
    pub message: String,
    /// The detail's target, when given.
    pub target: Option<String>,
}

/// An error's `innerError`: what support needs to find the request.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct InnerError {
    /// `request-id`.
    pub request_id: Option<String>,
    /// `client-request-id`: the id the client sent.
    pub client_request_id: Option<String>,
    /// `date`.
    pub date: Option<String>,
    /// Anything else the service put there.
    pub other: crate::AdditionalProperties,
}

impl GraphError {
    /// Reads an error response. Never fails: a body that is not the Graph shape is kept as text.
    pub fn from_response(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let retry_after = RetryAfter::from_headers(headers);
        let parsed: Result<serde_json::Value, serde_json::Error> = serde_json::from_slice(body);
        let error = parsed.as_ref().ok().and_then(|body| body.get("error")).filter(|error| error.is_object());
        let Some(error) = error else {
            let message = match &parsed {
                // Said, rather than a bare reason phrase: the body is JSON, but more deeply nested than is read.
                Err(error) if error.to_string().starts_with("recursion limit exceeded") => format!(
                    "recursion limit exceeded: the error body nests more than {} arrays and objects; it is kept in raw_body",
                    crate::read::MAX_NESTING
                ),
                _ => status.canonical_reason().unwrap_or_default().to_owned(),
            };
            return GraphError {
                status: status.as_u16(),
                message,
                retry_after,
                raw_body: Some(String::from_utf8_lossy(body).into_owned()),
                ..GraphError::default()
            };
        };
        let text = |value: &serde_json::Value, name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let details = error
            .get("details")
            .and_then(|details| details.as_array())
            .map(|details| {
                details
                    .iter()
                    .map(|detail| ErrorDetail {
                        code: text(detail, "code").unwrap_or_default(),
                        message: text(detail, "message").unwrap_or_default(),
                        target: text(detail, "target"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let inner_error = error.get("innerError").or_else(|| error.get("innererror")).and_then(|inner| {
            let object = inner.as_object()?;
            let known = ["request-id", "client-request-id", "date"];
            Some(InnerError {
                request_id: text(inner, "request-id"),
                client_request_id: text(inner, "client-request-id"),
                date: text(inner, "date"),
                other: object
                    .iter()
                    .filter(|(name, _)| !known.contains(&name.as_str()))
                    .filter_map(|(name, value)| Some((name.clone(), serde_json::value::to_raw_value(value).ok()?)))
                    .collect(),
            })
        });
        let message = text(error, "message").unwrap_or_default();
        let (message, raw_message) = match inner_message(&message) {
            Some(inner) => (inner, Some(message)),
            None => (message, None),
        };
        GraphError {
            status: status.as_u16(),
            code: text(error, "code").unwrap_or_default(),
            message,
            raw_message,
            target: text(error, "target"),
            details,
            inner_error,
            retry_after,
            retries: None,
            raw_body: None,
        }
    }

    /// The `request-id` to quote to support, when the service gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.inner_error.as_ref()?.request_id.as_deref()
    }
}

/// The `Message` of a message that is itself a JSON object (as Intune writes its errors), if it is one.
fn inner_message(message: &str) -> Option<String> {
    if !message.trim_start().starts_with('{') {
        return None;
    }
    let document: serde_json::Value = serde_json::from_str(message).ok()?;
    let inner = document.get("Message").or_else(|| document.get("message"))?;
    inner.as_str().map(str::to_owned)
}

/// Text on one line: each run of whitespace that holds a line break becomes one space.
struct OneLine<'a>(&'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['\n', '\r']) {
            let before = rest[..at].trim_end();
            let after = rest[at..].trim_start();
            f.write_str(before)?;
            if !before.is_empty() && !after.is_empty() {
                f.write_str(" ")?;
            }
            rest = after;
        }
        f.write_str(rest)
    }
}

/// On one line, whatever line breaks the service put in its message.
impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph error {}", self.status)?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", OneLine(&self.message))?;
        }
        if let Some(request_id) = self.request_id() {
            write!(f, " (request-id {request_id})")?;
        }
        if let Some(retry_after) = &self.retry_after {
            write!(f, "; Retry-After {retry_after}")?;
        }
        if let Some(retries) = &self.retries {
            write!(f, "; {retries}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

/// A credential's failure, as the crate reports it.
///
/// Names the credential, and, when the identity service answered, its HTTP
/// status and its `error` and `error_description` (or what was wrong with a
/// successful answer), and how the sign-in's retries ended. Never contains a
/// secret or a token: the credential's request body is not kept, and a secret
/// the service echoes is replaced by `<redacted>` before anything reads it.
#[cfg(feature = "credentials")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CredentialError {
    /// The credential's kind: `ClientSecretCredential`.
    pub credential: &'static str,
    /// The identity service's HTTP status, when it answered.
    pub status: Option<u16>,
    /// The service's `error`: `invalid_client`, `unauthorized_client`...
    pub error: Option<String>,
    /// The service's `error_description`, or what else went wrong.
    pub description: String,
    /// When the token requests were retried and the retries ran out: how many attempts, over
    /// how long, and which bound of the sign-in retry policy ended them.
    pub retries: Option<RetriesExhausted>,
}

#[cfg(feature = "credentials")]
impl CredentialError {
    /// A failure of `credential` that the identity service did not describe.
    pub(crate) fn new(credential: &'static str, description: String) -> Self {
        CredentialError { credential, status: None, error: None, description, retries: None }
    }
}

#[cfg(feature = "credentials")]
impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} could not get a token", self.credential)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        match &self.error {
            Some(error) => write!(f, ": {error}: {}", self.description)?,
            None => write!(f, ": {}", self.description)?,
        }
        if let Some(retries) = &self.retries {
            write!(f, "; {retries}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "credentials")]
impl std::error::Error for CredentialError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::additional::NAME_COMPARISONS;

    #[test]
    fn type_names_lose_their_module_paths_only() {
        let name = |full: &str| readable_type_name(full);
        assert_eq!(name(std::any::type_name::<Vec<(i32, String)>>()), "Vec<(i32, String)>");
        assert_eq!(name(std::any::type_name::<Option<[u8; 4]>>()), "Option<[u8; 4]>");
        assert_eq!(name(std::any::type_name::<&'static str>()), "&str");
        assert_eq!(name("alloc::boxed::Box<dyn core::fmt::Debug>"), "Box<dyn Debug>");
        assert_eq!(name(""), "");
    }

    #[test]
    fn an_inner_error_with_many_properties_reads_in_linear_time() {
        let count = 50_000;
        let extra: Vec<String> = (0..count).map(|at| format!(r#""x{at}":{at}"#)).collect();
        let body = format!(r#"{{"error":{{"code":"c","innerError":{{"request-id":"r",{}}}}}}}"#, extra.join(","));
        NAME_COMPARISONS.with(|comparisons| comparisons.set(0));
        let error = GraphError::from_response(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body.as_bytes());
        let comparisons = NAME_COMPARISONS.with(std::cell::Cell::get);
        let inner = error.inner_error.unwrap();
        assert_eq!((inner.request_id.as_deref(), inner.other.len()), (Some("r"), count));
        assert!(comparisons < 2 * count as u64, "{comparisons} name comparisons for {count} properties");
    }
}
