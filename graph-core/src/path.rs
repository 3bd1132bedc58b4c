//! Building request paths from keys and path parameters.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::Error;

/// Everything but RFC 3986 unreserved characters is encoded, so a key is one
/// opaque segment: `/`, `?`, `#`, `%`, spaces, quotes and non-ASCII all become `%XX`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes `key` as a single path segment.
///
/// Fails for the empty key and for `.` and `..`, which URL normalisation
/// (including that of the `url` crate behind `reqwest`) would resolve as
/// directory steps, even percent-encoded.
pub fn encode_key_segment(key: &str) -> Result<String, Error> {
    match key {
        "" => Err(Error::InvalidKey {
            reason: "a key cannot be empty",
        }),
        "." | ".." => Err(Error::InvalidKey {
            reason: "a key cannot be `.` or `..`",
        }),
        _ => Ok(utf8_percent_encode(key, SEGMENT).to_string()),
    }
}

pub(crate) fn item_path(collection_path: &str, key: &str) -> Result<String, Error> {
    let segment = encode_key_segment(key)?;
    let mut path = String::with_capacity(collection_path.len() + 1 + segment.len());
    path.push_str(collection_path);
    path.push('/');
    path.push_str(&segment);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_one_segment() {
        let cases = [
            (
                "e71fa706-a706-e71f-06a7-1fe706a71fe7",
                "e71fa706-a706-e71f-06a7-1fe706a71fe7",
            ),
            ("a/b", "a%2Fb"),
            ("a?b#c", "a%3Fb%23c"),
            ("100%", "100%25"),
            ("a..b", "a..b"),
            ("../x", "..%2Fx"),
            ("two words", "two%20words"),
            ("it's \"q\"", "it%27s%20%22q%22"),
            ("é", "%C3%A9"),
        ];
        for (key, expected) in cases {
            assert_eq!(encode_key_segment(key).unwrap(), expected, "key {key:?}");
        }
    }

    #[test]
    fn keys_that_would_leave_the_collection_are_errors() {
        for key in ["", ".", ".."] {
            let error = encode_key_segment(key).unwrap_err();
            assert!(matches!(error, Error::InvalidKey { .. }), "key {key:?}: {error}");
        }
    }

    #[test]
    fn item_path_appends_the_encoded_key() {
        assert_eq!(
            item_path("/deviceManagement/ndesConnectors", "a/b").unwrap(),
            "/deviceManagement/ndesConnectors/a%2Fb"
        );
    }
}
