//! `Edm.Binary`: bytes, written as base64.

use std::borrow::Cow;
use std::fmt;

use base64::DecodeError;
use base64::Engine as _;
use base64::display::Base64Display;
use base64::engine::general_purpose::STANDARD;

use super::{InvalidValue, TextForm, char_at};

const TYPE_NAME: &str = "Binary";

/// An `Edm.Binary`: bytes such as a certificate or an icon, base64 text on the wire.
///
/// Graph writes binary properties in standard base64 (`+` and `/`, padded with
/// `=`), and that is what this type reads and writes. Reading is strict: no
/// whitespace or line breaks, no missing or extra padding, and no stray bits in
/// the last character, so the one text each value has is the text that was read.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(Vec<u8>);

impl Binary {
    /// Decodes standard, padded base64: `Y29udGVudA==`. The empty text is no bytes.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        STANDARD
            .decode(text)
            .map(Binary)
            .map_err(|error| InvalidValue::with_reason(TYPE_NAME, text, decode_error_reason(text, error)))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, without copying them.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The text form, written as it is formatted rather than into a `String` first.
    fn text(&self) -> Base64Display<'_, 'static, base64::engine::GeneralPurpose> {
        Base64Display::new(&self.0, &STANDARD)
    }
}

/// Says what is wrong in terms of the text, not of the decoder.
fn decode_error_reason(text: &str, error: DecodeError) -> Cow<'static, str> {
    match error {
        DecodeError::InvalidByte(at, b'=') => format!("bad padding: unexpected `=` at byte {at}").into(),
        DecodeError::InvalidByte(at, _) => format!("not base64: `{}` at byte {at}", char_at(text, at)).into(),
        DecodeError::InvalidLength(_) => "bad length: the last group of four has a single character".into(),
        DecodeError::InvalidPadding => {
            "bad padding: the text must be padded with `=` to a multiple of 4 characters".into()
        }
        DecodeError::InvalidLastSymbol(at, _) => {
            format!("not canonical base64: `{}` at byte {at} has bits set past the end of the data", char_at(text, at))
                .into()
        }
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Self {
        Binary(bytes.to_vec())
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.text(), f)
    }
}

impl serde::Serialize for Binary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde_json streams this into its output; no base64 `String` is built.
        serializer.collect_str(&self.text())
    }
}

impl TextForm for Binary {
    const TYPE_NAME: &'static str = "Binary";
    const EXPECTING: &'static str = "a Binary string (base64) such as `Y29udGVudA==`";

    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        Binary::parse(text)
    }
}

text_form_impls!(Binary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_unchanged() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("QQ==", b"A"),
            ("QUI=", b"AB"),
            ("QUJD", b"ABC"),
            ("Y29udGVudA==", b"content"),
            ("AA==", b"\0"),
            ("+/8=", b"\xfb\xff"),
            ("//79/Pv6+fj39vX08/Lx8A==", b"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0"),
            ("w6nwn5iA", "é😀".as_bytes()),
        ] {
            let value = Binary::parse(text).unwrap();
            assert_eq!(value.as_bytes(), bytes);
            assert_eq!(value.to_string(), text);
            assert_eq!(format!("{value:?}"), format!("Binary({text})"));
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Binary>(&format!("\"{text}\"")).unwrap(), value);
        }
    }

    #[test]
    fn every_byte_value_round_trips() {
        let bytes: Vec<u8> = (0..=255).collect();
        for len in 0..bytes.len() {
            let value = Binary::from(&bytes[..len]);
            let text = value.to_string();
            assert_eq!(text.len(), len.div_ceil(3) * 4);
            assert_eq!(text.parse::<Binary>().unwrap(), value);
        }
        let value = Binary::from(bytes.clone());
        assert_eq!(value.clone().into_bytes(), bytes);
        assert_eq!(serde_json::from_value::<Binary>(serde_json::to_value(&value).unwrap()).unwrap(), value);
    }

    #[test]
    fn the_empty_value_is_the_empty_text() {
        assert_eq!(Binary::default().to_string(), "");
        assert_eq!(Binary::parse("").unwrap(), Binary::default());
        assert_eq!(serde_json::to_string(&Binary::default()).unwrap(), "\"\"");
    }

    #[test]
    fn malformed_text_is_an_error_that_says_what_is_wrong() {
        for (text, reason) in [
            ("QU%D", "not base64: `%` at byte 2"),
            ("QQ== ", "not base64: ` ` at byte 4"),
            (" QQ==", "not base64: ` ` at byte 0"),
            ("QUJ\n", "not base64: `\\n` at byte 3"),
            ("QQ-_", "not base64: `-` at byte 2"),
            ("é===", "not base64: `é` at byte 0"),
            ("QUJDé", "not base64: `é` at byte 4"),
            ("QQ=A", "bad padding: unexpected `=` at byte 2"),
            ("Q===", "bad padding: unexpected `=` at byte 1"),
            ("====", "bad padding: unexpected `=` at byte 0"),
            ("QUJD=", "bad padding: unexpected `=` at byte 4"),
            ("QQ==QQ==", "bad padding: unexpected `=` at byte 2"),
            ("QQ", "bad padding: the text must be padded with `=` to a multiple of 4 characters"),
            ("QQ=", "bad padding: the text must be padded with `=` to a multiple of 4 characters"),
            ("QUJDQQ", "bad padding: the text must be padded with `=` to a multiple of 4 characters"),
            ("Q", "bad length: the last group of four has a single character"),
            ("QUJDQ", "bad length: the last group of four has a single character"),
            ("QR==", "not canonical base64: `R` at byte 1 has bits set past the end of the data"),
            ("QUJ=", "not canonical base64: `J` at byte 2 has bits set past the end of the data"),
        ] {
            let error = Binary::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Binary `{text}`: {reason}"), "{text:?}");
        }
    }

    #[test]
    fn a_huge_malformed_text_is_quoted_in_part() {
        let text = format!("{}%", "QUJD".repeat(100_000));
        let error = Binary::parse(&text).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("invalid Binary `{}…`: not base64: `%` at byte 400000", "QUJD".repeat(16))
        );
    }

    #[test]
    fn serde_errors_name_the_type() {
        let error = serde_json::from_str::<Binary>("\"QQ\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid Binary `QQ`: bad padding: the text must be padded with `=` to a multiple of 4 characters at line 1 column 4"
        );
        let error = serde_json::from_str::<Binary>("[1]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected a Binary string (base64) such as `Y29udGVudA==` at line 1 column 0"
        );
    }
}
