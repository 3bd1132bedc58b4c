//! Building request paths from keys and path parameters.

use std::borrow::Cow;

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
        "" => Err(Error::InvalidKey { reason: "a key cannot be empty" }),
        "." | ".." => Err(Error::InvalidKey { reason: "a key cannot be `.` or `..`" }),
        _ => Ok(utf8_percent_encode(key, SEGMENT).to_string()),
    }
}

/// Fills the `{parameter}` segments of a path template, in order, each value
/// percent-encoded as one segment: `/a/{aId}/bs` with `["x/y"]` is `/a/x%2Fy/bs`.
///
/// A template without parameters comes back borrowed. The number of values
/// must match the number of parameters.
pub fn fill_template(template: &'static str, values: &[&str]) -> Result<Cow<'static, str>, Error> {
    let expected = template_parameters(template).count();
    if expected != values.len() {
        return Err(Error::PathParameters { template, expected, given: values.len() });
    }
    if expected == 0 {
        return Ok(Cow::Borrowed(template));
    }
    let mut path = String::with_capacity(template.len() + values.iter().map(|value| value.len()).sum::<usize>());
    let mut values = values.iter();
    for segment in template.split('/').skip(1) {
        path.push('/');
        if is_parameter(segment) {
            path.push_str(&encode_key_segment(values.next().expect("counted above"))?);
        } else {
            path.push_str(segment);
        }
    }
    Ok(Cow::Owned(path))
}

/// The parameter names of a path template, in order: `deviceConfigurationId` for `/a/{deviceConfigurationId}/b`.
pub fn template_parameters(template: &str) -> impl Iterator<Item = &str> {
    template.split('/').filter(|segment| is_parameter(segment)).map(|segment| &segment[1..segment.len() - 1])
}

fn is_parameter(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}')
}

pub(crate) fn item_path(collection_template: &'static str, parents: &[&str], key: &str) -> Result<String, Error> {
    let collection = fill_template(collection_template, parents)?;
    let segment = encode_key_segment(key)?;
    let mut path = String::with_capacity(collection.len() + 1 + segment.len());
    path.push_str(&collection);
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
            ("e71fa706-a706-e71f-06a7-1fe706a71fe7", "e71fa706-a706-e71f-06a7-1fe706a71fe7"),
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
            item_path("/deviceManagement/ndesConnectors", &[], "a/b").unwrap(),
            "/deviceManagement/ndesConnectors/a%2Fb"
        );
        assert_eq!(
            item_path("/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments", &["c 1"], "a")
                .unwrap(),
            "/deviceManagement/deviceConfigurations/c%201/assignments/a"
        );
    }

    #[test]
    fn templates_are_filled_in_order_and_encoded() {
        let template = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.x/rootCertificatesForServerValidation/{windows81TrustedRootCertificateId}/assignments";
        assert_eq!(
            template_parameters(template).collect::<Vec<_>>(),
            ["deviceConfigurationId", "windows81TrustedRootCertificateId"]
        );
        assert_eq!(
            fill_template(template, &["a?b", "é"]).unwrap(),
            "/deviceManagement/deviceConfigurations/a%3Fb/microsoft.graph.x/rootCertificatesForServerValidation/%C3%A9/assignments"
        );
        assert!(matches!(fill_template("/plain", &[]).unwrap(), Cow::Borrowed("/plain")));
        assert!(matches!(
            fill_template(template, &["only one"]),
            Err(Error::PathParameters { expected: 2, given: 1, .. })
        ));
        assert!(matches!(fill_template(template, &["", "x"]), Err(Error::InvalidKey { .. })));
        assert!(matches!(fill_template(template, &["..", "x"]), Err(Error::InvalidKey { .. })));
    }
}
