//! `Edm.Decimal`: a decimal number, kept as its exact text.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{InvalidValue, char_at};
use crate::requests::{FilterValue, FunctionParameter, LiteralKind};

const TYPE_NAME: &str = "Decimal";

/// An `Edm.Decimal`: a decimal number kept as the text the service wrote (`12345678901234567890.123`),
/// so no digit is lost to a binary float.
///
/// Read from a JSON number, or from a JSON string holding one (the service writes decimals as
/// strings when asked for `IEEE754Compatible=true`), and written back in the same form. Equality
/// is text equality (`1.0` and `1.00` differ); [`Decimal::to_f64`] gives an approximation.
/// Reading needs `serde_json` (a number's digits are taken as written).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: Box<str>,
    /// Written as a JSON string, as it was read.
    quoted: bool,
}

impl Decimal {
    /// Parses `-?digits(.digits)?([eE][+-]?digits)?`, the JSON and OData form of a decimal.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        check_digits(text)?;
        Ok(Decimal { text: text.into(), quoted: false })
    }

    /// The digits as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64` (digits beyond its precision are rounded away).
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }
}

/// Checks the decimal grammar, naming the first character it refuses.
fn check_digits(text: &str) -> Result<(), InvalidValue> {
    let bytes = text.as_bytes();
    let refuse = |at: usize, what: &str| {
        let found = if at < bytes.len() { format!("`{}`", char_at(text, at)) } else { "the end".to_owned() };
        Err(InvalidValue::with_reason(TYPE_NAME, text, format!("expected {what} at byte {at}, found {found}")))
    };
    let digits = |mut at: usize| {
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        (at, at > start)
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    let (after, any) = digits(at);
    if !any {
        return refuse(at, "a digit");
    }
    at = after;
    if bytes.get(at) == Some(&b'.') {
        let (after, any) = digits(at + 1);
        if !any {
            return refuse(at + 1, "a digit after `.`");
        }
        at = after;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let (after, any) = digits(at);
        if !any {
            return refuse(at, "an exponent's digit");
        }
        at = after;
    }
    if at != bytes.len() {
        return refuse(at, "the end of the number");
    }
    Ok(())
}

impl std::str::FromStr for Decimal {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Decimal::parse(text)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{TYPE_NAME}({})", self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.quoted {
            return serializer.serialize_str(&self.text);
        }
        // The digits go out as written: a JSON number token, not an f64's.
        let raw = RawValue::from_string(self.text.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <Box<RawValue>>::deserialize(deserializer)?;
        let text = raw.get().trim();
        let (digits, quoted) = match text.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')) {
            Some(inner) => (inner, true),
            None => (text, false),
        };
        check_digits(digits).map_err(de::Error::custom)?;
        Ok(Decimal { text: digits.into(), quoted })
    }
}

impl From<Decimal> for FilterValue {
    fn from(value: Decimal) -> Self {
        FilterValue::Literal(value.text.into())
    }
}

impl FunctionParameter for Decimal {
    /// The digits as written; never fails (a `Decimal` holds checked digits).
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        out.push_str(&self.text);
        Ok(LiteralKind::Inline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_come_back_as_written_in_the_form_they_came() {
        for text in ["12345678901234567890.12345678901234567890", "-0.000000000000000000001", "1E+400", "7"] {
            let value: Decimal = serde_json::from_str(text).unwrap();
            assert_eq!(value.as_str(), text);
            assert_eq!(serde_json::to_string(&value).unwrap(), text);
            let quoted = format!("\"{text}\"");
            let value: Decimal = serde_json::from_str(&quoted).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), quoted);
        }
        assert_eq!(Decimal::parse("2.50").unwrap().to_f64(), 2.5);
    }

    #[test]
    fn what_is_not_a_decimal_is_refused_with_where() {
        for (text, reason) in [
            ("", "expected a digit at byte 0, found the end"),
            ("-", "expected a digit at byte 1, found the end"),
            ("1.", "expected a digit after `.` at byte 2"),
            ("1e", "expected an exponent's digit at byte 2"),
            ("1x", "expected the end of the number at byte 1, found `x`"),
            ("NaN", "expected a digit at byte 0, found `N`"),
        ] {
            let error = Decimal::parse(text).unwrap_err().to_string();
            assert!(error.contains(reason), "{text}: {error}");
        }
        let error = serde_json::from_str::<Decimal>("\"1,5\"").unwrap_err().to_string();
        assert!(error.contains("invalid Decimal `1,5`"), "{error}");
        assert!(serde_json::from_str::<Decimal>("true").is_err());
    }

    #[test]
    fn literals_are_the_digits() {
        let value = Decimal::parse("10.25").unwrap();
        assert_eq!(FilterValue::from(value.clone()).to_string(), "10.25");
        let mut out = String::new();
        assert_eq!(value.write_literal(&mut out).unwrap(), LiteralKind::Inline);
        assert_eq!(out, "10.25");
    }
}
