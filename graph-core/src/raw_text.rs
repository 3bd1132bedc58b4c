//! The text of raw JSON values kept as they came (`RawValue`s of control information,
//! unknown properties and replayed reads): what each of those modules reads or prints of it.

use std::fmt;

/// The text between the quotes of a JSON string without escapes (an id, a type name, an
/// etag), exactly as written; `None` for any other value, or a string with an escape, whose
/// text differs from what it means.
#[inline]
pub(crate) fn unescaped_string(json: &str) -> Option<&str> {
    let inner = json.strip_prefix('"')?.strip_suffix('"')?;
    (!has_backslash(inner.as_bytes())).then_some(inner)
}

/// Whether `bytes` has a `\\`: eight bytes at a time (a call to `memchr` costs more than the
/// short strings most properties hold).
#[inline]
fn has_backslash(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const BACKSLASHES: u64 = u64::from_le_bytes([b'\\'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A byte equal to `\\` is zero once xored; the classic zero-byte test finds it.
        let xored = u64::from_le_bytes(word) ^ BACKSLASHES;
        if xored.wrapping_sub(ONES) & !xored & HIGHS != 0 {
            return true;
        }
    }
    // Not `contains`: that calls `memchr`, which costs more than these at most seven compares.
    #[allow(clippy::manual_contains)]
    chunks.remainder().iter().any(|&byte| byte == b'\\')
}

/// Raw JSON text whose `Debug` is the text itself (a map of them prints as the JSON it holds).
pub(crate) struct RawText<'a>(pub(crate) &'a str);

impl fmt::Debug for RawText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_backslash_is_found_wherever_it_stands() {
        for len in 0..40 {
            assert!(!super::has_backslash("é".repeat(len).as_bytes()));
            for at in 0..len {
                let mut text = vec![b'a'; len];
                text[at] = b'\\';
                assert!(super::has_backslash(&text), "{len} {at}");
                // Bytes next to `\\` (0x5b, 0x5d) and high bytes are not one.
                text[at] = [0x5b, 0x5d, 0xdc, 0x5c ^ 0x80][at % 4];
                assert!(!super::has_backslash(&text), "{len} {at}");
            }
        }
    }

    #[test]
    fn only_a_string_without_escapes_gives_its_text() {
        assert_eq!(super::unescaped_string(r#""e71f""#), Some("e71f"));
        assert_eq!(super::unescaped_string(r#""""#), Some(""));
        assert_eq!(super::unescaped_string(r#""W/\"3\"""#), None);
        assert_eq!(super::unescaped_string("3"), None);
        assert_eq!(super::unescaped_string(r#"""#), None);
    }
}
