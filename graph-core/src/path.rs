//! Building request paths from keys and path parameters.

use std::borrow::Cow;
use std::fmt;

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
    check_segment(key)?;
    Ok(utf8_percent_encode(key, SEGMENT).to_string())
}

/// A path from the service root whose `{parameter}` segments are filled at run time:
/// `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
///
/// The derive parses a template once, at compile time, and writes it as its
/// parts; filling it only concatenates them with the percent-encoded values.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    text: &'static str,
    parts: &'static [PathPart],
}

/// One part of a [`PathTemplate`]: a run of literal text, or a parameter filled by one path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathPart {
    /// Text copied as it is: `/deviceManagement/deviceConfigurations/`.
    Literal(&'static str),
    /// A parameter, by its name in the template: `deviceConfigurationId`.
    Parameter(&'static str),
}

impl PathTemplate {
    /// A template from the parts the derive split it into. Not for hand-written code: the
    /// derive has checked that `parts` spell `text` (see `PathTemplate::parts`).
    #[doc(hidden)]
    pub const fn __from_parts(text: &'static str, parts: &'static [PathPart]) -> Self {
        PathTemplate { text, parts }
    }

    /// The template as written: `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// Its literal runs and parameters, in order.
    pub fn parts(&self) -> &'static [PathPart] {
        self.parts
    }

    /// The parameter names, in order: `deviceConfigurationId`.
    pub fn parameters(&self) -> impl Iterator<Item = &'static str> {
        self.parts.iter().filter_map(|part| match part {
            PathPart::Parameter(name) => Some(*name),
            PathPart::Literal(_) => None,
        })
    }

    /// The path with its parameters filled in order, each value percent-encoded as one
    /// segment: `/a/{aId}/bs` with `["x/y"]` is `/a/x%2Fy/bs`.
    ///
    /// A template without parameters comes back borrowed. The number of values must
    /// match the number of parameters; an empty value, `.` or `..` is an [`Error::InvalidKey`].
    pub fn fill(&self, values: &[&str]) -> Result<Cow<'static, str>, Error> {
        let expected = self.parameters().count();
        if expected != values.len() {
            return Err(Error::PathParameters { template: self.text, expected, given: values.len() });
        }
        if let [PathPart::Literal(text)] = self.parts {
            return Ok(Cow::Borrowed(text));
        }
        let mut path = String::with_capacity(self.text.len() + values.iter().map(|value| value.len()).sum::<usize>());
        let mut values = values.iter();
        for part in self.parts {
            match part {
                PathPart::Literal(text) => path.push_str(text),
                PathPart::Parameter(_) => push_segment(&mut path, values.next().expect("counted above"))?,
            }
        }
        Ok(Cow::Owned(path))
    }

    /// The path of one item of the collection this template names: parameters filled
    /// by `parents`, then `/` and the percent-encoded `key`.
    pub fn item_path(&self, parents: &[&str], key: &str) -> Result<String, Error> {
        let collection = self.fill(parents)?;
        let mut path = String::with_capacity(collection.len() + 1 + key.len());
        path.push_str(&collection);
        path.push('/');
        push_segment(&mut path, key)?;
        Ok(path)
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

impl fmt::Debug for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PathTemplate({:?})", self.text)
    }
}

/// A collection path narrowed to the items of one derived type: `/deviceManagement/deviceConfigurations`
/// and `#microsoft.graph.windows10GeneralConfiguration` give
/// `/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration` (a cast segment).
pub fn cast_path(collection: Cow<'static, str>, odata_type: &str) -> String {
    let name = odata_type.strip_prefix('#').unwrap_or(odata_type);
    let mut path = String::with_capacity(collection.len() + 1 + name.len());
    path.push_str(&collection);
    path.push('/');
    path.push_str(name);
    path
}

/// Appends `value` as one percent-encoded segment, refusing what would leave it.
fn push_segment(path: &mut String, value: &str) -> Result<(), Error> {
    check_segment(value)?;
    path.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

fn check_segment(value: &str) -> Result<(), Error> {
    match value {
        "" => Err(Error::InvalidKey { reason: "a key cannot be empty" }),
        "." | ".." => Err(Error::InvalidKey { reason: "a key cannot be `.` or `..`" }),
        _ => Ok(()),
    }
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

    const ASSIGNMENTS: PathTemplate = PathTemplate::__from_parts(
        "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments",
        &[
            PathPart::Literal("/deviceManagement/deviceConfigurations/"),
            PathPart::Parameter("deviceConfigurationId"),
            PathPart::Literal("/assignments"),
        ],
    );
    const CONNECTORS: PathTemplate = PathTemplate::__from_parts(
        "/deviceManagement/ndesConnectors",
        &[PathPart::Literal("/deviceManagement/ndesConnectors")],
    );

    #[test]
    fn item_path_appends_the_encoded_key() {
        assert_eq!(CONNECTORS.item_path(&[], "a/b").unwrap(), "/deviceManagement/ndesConnectors/a%2Fb");
        assert_eq!(
            ASSIGNMENTS.item_path(&["c 1"], "a").unwrap(),
            "/deviceManagement/deviceConfigurations/c%201/assignments/a"
        );
        assert!(matches!(ASSIGNMENTS.item_path(&["c"], ".."), Err(Error::InvalidKey { .. })));
    }

    #[test]
    fn templates_are_filled_in_order_and_encoded() {
        const TWO: PathTemplate = PathTemplate::__from_parts(
            "/a/{aId}/microsoft.graph.x/bs/{bId}",
            &[
                PathPart::Literal("/a/"),
                PathPart::Parameter("aId"),
                PathPart::Literal("/microsoft.graph.x/bs/"),
                PathPart::Parameter("bId"),
            ],
        );
        assert_eq!(TWO.parameters().collect::<Vec<_>>(), ["aId", "bId"]);
        assert_eq!(TWO.fill(&["a?b", "é"]).unwrap(), "/a/a%3Fb/microsoft.graph.x/bs/%C3%A9");
        assert!(matches!(CONNECTORS.fill(&[]).unwrap(), Cow::Borrowed("/deviceManagement/ndesConnectors")));
        assert!(matches!(TWO.fill(&["only one"]), Err(Error::PathParameters { expected: 2, given: 1, .. })));
        assert!(matches!(TWO.fill(&["", "x"]), Err(Error::InvalidKey { .. })));
        assert!(matches!(TWO.fill(&["..", "x"]), Err(Error::InvalidKey { .. })));
        assert_eq!(TWO.to_string(), "/a/{aId}/microsoft.graph.x/bs/{bId}");
    }
}
