//! The errors of this crate.

use std::fmt;

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
    /// A request body that could not be serialized.
    Serialize(serde_json::Error),
    /// A request that `http` refused (an invalid URL or header value).
    InvalidRequest {
        /// What was invalid. Never contains the bearer token.
        reason: String,
    },
    /// A response body that does not match the expected type.
    Body(BodyError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidKey { reason } => write!(f, "invalid key: {reason}"),
            Error::PathParameters { template, expected, given } => {
                write!(f, "path `{template}` has {expected} parameter(s), {given} value(s) given")
            }
            Error::Serialize(error) => write!(f, "cannot serialize the request body: {error}"),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Error::Body(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Serialize(error) => Some(error),
            Error::Body(error) => Some(error),
            Error::InvalidKey { .. } | Error::PathParameters { .. } | Error::InvalidRequest { .. } => None,
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
