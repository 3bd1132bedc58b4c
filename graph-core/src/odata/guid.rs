//! `Edm.Guid`: a 128-bit identifier.

use super::{InvalidValue, TextForm, char_at};

const TYPE_NAME: &str = "Guid";

/// An `Edm.Guid`: a 128-bit identifier, `0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e`.
///
/// Read in either case and written in lowercase, as Graph writes them, so a
/// value read as `0B2C6D8E-...` is written back as `0b2c6d8e-...`. Equality,
/// hashing and order are those of the 16 bytes.
///
/// The bytes are in the order the hex digits are written (as RFC 9562 lays
/// them out), not in the mixed-endian order of the Windows `GUID` struct.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid([u8; 16]);

impl Guid {
    /// The length of the text form, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    const TEXT_LEN: usize = 36;
    /// Where the text form has its hyphens.
    const HYPHENS: [usize; 4] = [8, 13, 18, 23];

    /// Parses exactly `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, hex digits in either case.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let invalid = |reason: String| InvalidValue::with_reason(TYPE_NAME, text, reason);
        let bytes = text.as_bytes();
        if bytes.len() != Self::TEXT_LEN {
            return Err(InvalidValue::new(
                TYPE_NAME,
                text,
                "expected 32 hex digits as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`",
            ));
        }
        let mut value = [0u8; 16];
        let mut digits = 0;
        for (at, &byte) in bytes.iter().enumerate() {
            if Self::HYPHENS.contains(&at) {
                if byte != b'-' {
                    return Err(invalid(format!("expected `-` at byte {at}, found `{}`", char_at(text, at))));
                }
                continue;
            }
            // `to_digit` takes only ASCII digits and letters, so a byte of a longer character fails too.
            let nibble = (byte as char)
                .to_digit(16)
                .ok_or_else(|| invalid(format!("not a hex digit: `{}` at byte {at}", char_at(text, at))))?;
            // High nibble first: the text reads most significant digit first.
            value[digits / 2] |= (nibble as u8) << if digits % 2 == 0 { 4 } else { 0 };
            digits += 1;
        }
        Ok(Guid(value))
    }

    /// The GUID with these bytes, in the order the text form writes them.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Guid(bytes)
    }

    /// The bytes, in the order the text form writes them.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Writes the lowercase text form into `buffer` and returns it.
    fn write_text<'b>(&self, buffer: &'b mut [u8; Self::TEXT_LEN]) -> &'b str {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = 0;
        for (index, byte) in self.0.iter().enumerate() {
            // The groups are 4, 2, 2, 2 and 6 bytes long.
            if matches!(index, 4 | 6 | 8 | 10) {
                buffer[out] = b'-';
                out += 1;
            }
            buffer[out] = HEX[(byte >> 4) as usize];
            buffer[out + 1] = HEX[(byte & 0x0f) as usize];
            out += 2;
        }
        // Only ASCII hex digits and hyphens are written.
        std::str::from_utf8(buffer).expect("ASCII")
    }
}

impl TextForm for Guid {
    const TYPE_NAME: &'static str = "Guid";
    const EXPECTING: &'static str = "a Guid string such as `0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e`";

    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        Guid::parse(text)
    }
}

text_form_impls!(Guid);
buffered_text_impls!(Guid, Guid::TEXT_LEN);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_text_comes_back_unchanged() {
        for text in [
            "0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "01234567-89ab-cdef-0123-456789abcdef",
        ] {
            let value = Guid::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(format!("{value:?}"), format!("Guid({text})"));
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Guid>(&format!("\"{text}\"")).unwrap(), value);
        }
    }

    #[test]
    fn any_case_is_read_and_lowercase_is_written() {
        let upper = Guid::parse("0B2C6D8E-4F1A-4C3B-9D2E-7F8A1B2C3D4E").unwrap();
        let mixed = Guid::parse("0b2C6d8E-4f1A-4c3B-9d2E-7f8A1b2C3d4E").unwrap();
        assert_eq!(upper, mixed);
        assert_eq!(upper.to_string(), "0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e");
    }

    #[test]
    fn the_bytes_are_in_text_order() {
        let value = Guid::parse("01234567-89ab-cdef-0123-456789abcdef").unwrap();
        let bytes = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
        assert_eq!(value.as_bytes(), &bytes);
        assert_eq!(Guid::from_bytes(bytes), value);
        assert_eq!(Guid::from_bytes([0xff; 16]).to_string(), "ffffffff-ffff-ffff-ffff-ffffffffffff");
        assert!(Guid::from_bytes([0; 16]) < value);
    }

    #[test]
    fn malformed_text_is_an_error_that_says_what_is_wrong() {
        let form = "expected 32 hex digits as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`";
        for (text, reason) in [
            ("", form),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4", form),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e0", form),
            ("{0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e}", form),
            ("0b2c6d8e4f1a4c3b9d2e7f8a1b2c3d4e", form),
            (" 0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e", form),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4é", form),
            ("0b2c6d8e_4f1a-4c3b-9d2e-7f8a1b2c3d4e", "expected `-` at byte 8, found `_`"),
            ("0b2c6d8e-4f1a-4c3b-9d2e7-f8a1b2c3d4e", "expected `-` at byte 23, found `7`"),
            ("0b2c6d8e-4f1a-4c3b-9d-2e7f8a1b2c3d4e", "not a hex digit: `-` at byte 21"),
            ("0b2g6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e", "not a hex digit: `g` at byte 3"),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4G", "not a hex digit: `G` at byte 35"),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3 é", "not a hex digit: ` ` at byte 33"),
            ("é0b2c6d8-4f1a-4c3b-9d2e-7f8a1b2c3d4", "not a hex digit: `é` at byte 0"),
            ("0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3dé", "not a hex digit: `é` at byte 34"),
            ("+b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e", "not a hex digit: `+` at byte 0"),
        ] {
            let error = Guid::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Guid `{text}`: {reason}"), "{text:?}");
        }
        let error = serde_json::from_str::<Guid>("{}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: map, expected a Guid string such as `0b2c6d8e-4f1a-4c3b-9d2e-7f8a1b2c3d4e` at line 1 column 0"
        );
    }
}
