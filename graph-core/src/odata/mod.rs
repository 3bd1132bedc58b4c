//! OData primitives that keep what the service sent.

mod additional;
mod date_time;
mod enumeration;

pub use additional::AdditionalProperties;
pub use date_time::DateTimeOffset;
pub use enumeration::GraphEnum;
pub(crate) use enumeration::MemberVisitor;

use std::fmt;

/// A text that is not a valid value of an OData primitive type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    type_name: &'static str,
    text: String,
    reason: &'static str,
}

impl InvalidValue {
    pub(crate) fn new(type_name: &'static str, text: &str, reason: &'static str) -> Self {
        InvalidValue {
            type_name,
            text: text.to_owned(),
            reason,
        }
    }

    /// The OData type that was expected: `DateTimeOffset`.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The text that was refused.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} `{}`: {}", self.type_name, self.text, self.reason)
    }
}

impl std::error::Error for InvalidValue {}
