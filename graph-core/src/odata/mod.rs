//! OData primitives that keep what the service sent.

/// `FromStr`, `Debug` (`Date(2016-12-31)`) and `Deserialize` for a [`TextForm`]
/// primitive. `Display` and `Serialize` stay with each type: each writes its text
/// its own way, without allocating.
macro_rules! text_form_impls {
    ($type:ty) => {
        text_form_impls!(@common $type);

        impl<'de> serde::Deserialize<'de> for $type {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::odata::TextVisitor::<$type>::new())
            }
        }
    };
    // Read as bytes: serde_json then skips its UTF-8 check of the string, which a type that
    // accepts only ASCII makes again, for less, in `TextForm::parse_bytes`. Other formats hand
    // a string to `visit_str` as before.
    ($type:ty, read_as_bytes) => {
        text_form_impls!(@common $type);

        impl<'de> serde::Deserialize<'de> for $type {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_bytes($crate::odata::TextVisitor::<$type>::new())
            }
        }
    };
    (@common $type:ty) => {
        impl std::str::FromStr for $type {
            type Err = $crate::odata::InvalidValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <$type as $crate::odata::TextForm>::parse_text(text)
            }
        }

        impl std::fmt::Debug for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", <$type as $crate::odata::TextForm>::TYPE_NAME, self)
            }
        }
    };
}

/// `Display` and `Serialize` for a primitive whose `write_text` fills a stack buffer
/// of `$len` bytes: no allocation on either path.
macro_rules! buffered_text_impls {
    ($type:ty, $len:expr) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.write_text(&mut [0; $len]))
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.write_text(&mut [0; $len]))
            }
        }
    };
}

// Each primitive is one module here, with its serde, `$filter` and function-parameter forms;
// the crate root exports what this module exports.
pub(crate) mod additional;
mod binary;
mod date;
mod date_time;
mod decimal;
mod duration;
mod enumeration;
mod flags;
mod guid;
mod time_of_day;

pub use additional::AdditionalProperties;
pub use binary::Binary;
pub use date::Date;
pub use date_time::DateTimeOffset;
pub use decimal::Decimal;
pub use duration::Duration;
pub use enumeration::GraphEnum;
pub(crate) use enumeration::MemberVisitor;
pub use flags::Flags;
pub use guid::Guid;
pub use time_of_day::TimeOfDay;

/// Any JSON value, as the service wrote it: the type of `Edm.Untyped` (and `graph.Json`) properties.
pub type UntypedValue = serde_json::Value;

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A text that is not a valid value of an OData primitive type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidValue {
    type_name: &'static str,
    text: String,
    reason: Cow<'static, str>,
}

impl InvalidValue {
    /// How many characters of the refused text are kept: enough to recognise it,
    /// without copying a megabyte of bad base64 into every error message.
    const MAX_QUOTED_CHARS: usize = 64;

    pub(crate) fn new(type_name: &'static str, text: &str, reason: &'static str) -> Self {
        InvalidValue::with_reason(type_name, text, Cow::Borrowed(reason))
    }

    /// Like [`InvalidValue::new`], for a reason that names what was found where.
    pub(crate) fn with_reason(type_name: &'static str, text: &str, reason: impl Into<Cow<'static, str>>) -> Self {
        let text = match text.char_indices().nth(Self::MAX_QUOTED_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_owned(),
        };
        InvalidValue { type_name, text, reason: reason.into() }
    }

    /// The OData type that was expected: `DateTimeOffset`.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The text that was refused; beyond 64 characters, its first 64 followed by `…`.
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

/// The character that starts at byte `at` of `text`, escaped as Rust would (`\n`), for an error
/// reason that says what was found where.
pub(crate) fn char_at(text: &str, at: usize) -> String {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(found) => found.escape_debug().to_string(),
        // Not at a character boundary: callers stop at the first byte they refuse, so this is a
        // guard, not a case that happens.
        None => text.as_bytes().get(at).map_or_else(String::new, |byte| format!("\\x{byte:02x}")),
    }
}

/// An OData primitive written as a JSON string: its name, and how its text is read.
pub(crate) trait TextForm: Sized {
    /// The OData type name: `Date`.
    const TYPE_NAME: &'static str;
    /// What a reader of the JSON expected: "a Date string such as `2016-12-31`".
    const EXPECTING: &'static str;

    /// Reads the text form.
    fn parse_text(text: &str) -> Result<Self, InvalidValue>;

    /// Reads the text form from bytes that may not be UTF-8 (a JSON string read without the
    /// UTF-8 check, see `DateTimeOffset`'s `Deserialize`).
    #[inline]
    fn parse_bytes(bytes: &[u8]) -> Result<Self, InvalidValue> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse_text(text),
            Err(_) => Err(InvalidValue::new(Self::TYPE_NAME, &String::from_utf8_lossy(bytes), "the text is not UTF-8")),
        }
    }
}

/// Reads a [`TextForm`] primitive from a JSON string.
pub(crate) struct TextVisitor<T>(PhantomData<T>);

impl<T> TextVisitor<T> {
    pub(crate) fn new() -> Self {
        TextVisitor(PhantomData)
    }
}

impl<T: TextForm> serde::de::Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    #[inline]
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
        T::parse_text(text).map_err(E::custom)
    }

    /// A JSON string read as bytes: serde_json's `deserialize_bytes` hands over the string's
    /// bytes, escapes decoded, without its UTF-8 check (see [`TextForm::parse_bytes`]).
    #[inline]
    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<T, E> {
        T::parse_bytes(bytes).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_quoted_whole() {
        let text = "x".repeat(64);
        let error = InvalidValue::new("Guid", &text, "no");
        assert_eq!(error.text(), text);
        assert_eq!(error.to_string(), format!("invalid Guid `{text}`: no"));
    }

    #[test]
    fn long_texts_are_cut_at_64_characters() {
        let error = InvalidValue::new("Binary", &"A".repeat(10_000), "bad padding");
        assert_eq!(error.text(), format!("{}…", "A".repeat(64)));
        assert_eq!(error.to_string(), format!("invalid Binary `{}…`: bad padding", "A".repeat(64)));
        // Characters, not bytes: a cut never splits one.
        let error = InvalidValue::new("Binary", &"é".repeat(65), "no");
        assert_eq!(error.text(), format!("{}…", "é".repeat(64)));
        assert_eq!(error.type_name(), "Binary");
    }
}
