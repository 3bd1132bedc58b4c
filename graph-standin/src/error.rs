//! Errors: what a stand-in's own API returns ([`StandInError`]), and the Graph error a
//! request is answered with ([`Reply`]'s error constructor).

use std::borrow::Cow;
use std::fmt;

use http::StatusCode;

/// What went wrong setting up, seeding or reading a stand-in.
#[derive(Debug)]
#[non_exhaustive]
pub enum StandInError {
    /// The schema could not be found, read or understood.
    Schema(String),
    /// A listener could not be bound, or a certificate made.
    Start(String),
    /// A seed file could not be read, or is not one of the forms the stand-in reads.
    Seed(String),
    /// A value given to [`StandIn::insert`](crate::StandIn::insert) or asked of
    /// [`StandIn::get`](crate::StandIn::get) was refused, as the service would refuse the request.
    Rejected {
        /// The status the service would answer: `400`, `404`...
        status: u16,
        /// The Graph error code: `BadRequest`, `ResourceNotFound`...
        code: String,
        /// What is wrong.
        message: String,
    },
    /// A stored value does not read as the type asked for.
    Json(serde_json::Error),
}

impl fmt::Display for StandInError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StandInError::Schema(message) => write!(f, "schema: {message}"),
            StandInError::Start(message) => write!(f, "cannot start the stand-in: {message}"),
            StandInError::Seed(message) => write!(f, "seed: {message}"),
            StandInError::Rejected { status, code, message } => write!(f, "{status} {code}: {message}"),
            StandInError::Json(error) => write!(f, "the stored value does not read as the type asked for: {error}"),
        }
    }
}

impl std::error::Error for StandInError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StandInError::Json(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ServiceError> for StandInError {
    fn from(error: ServiceError) -> Self {
        StandInError::Rejected { status: error.status.as_u16(), code: error.code.into_owned(), message: error.message }
    }
}

/// A request refused the way Graph refuses it: a status, a code and a message, written as
/// `{"error": {"code", "message", "innerError": {"request-id", "client-request-id", "date"}}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceError {
    pub status: StatusCode,
    pub code: Cow<'static, str>,
    pub message: String,
}

impl ServiceError {
    pub fn new(status: StatusCode, code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        ServiceError { status, code: code.into(), message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ServiceError::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ServiceError::new(StatusCode::NOT_FOUND, "ResourceNotFound", message)
    }

    pub fn method_not_allowed(method: &http::Method, place: &str, allowed: &[&str]) -> Self {
        ServiceError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("{method} is not allowed on {place}; it allows {}.", allowed.join(", ")),
        )
    }

    pub fn not_supported(message: impl Into<String>) -> Self {
        ServiceError::new(StatusCode::BAD_REQUEST, "NotSupported", message)
    }
}
