//! Reading JSON bodies into typed values, with errors that say where.

use serde::de::DeserializeOwned;

use crate::{BodyError, ODataType};

/// Reads a JSON body as `T`; an error names `T`, the JSON path of the problem and what it was.
///
/// The body is parsed once on the fast path. Only when that fails is it read
/// again, tracking the path, so correct bodies pay nothing for good errors.
pub fn from_json_slice<T: ODataType + DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    read_json(body, T::GRAPH_NAME)
}

/// Reads `body` as `T`, naming `type_name` in errors.
pub(crate) fn read_json<T: DeserializeOwned>(body: &[u8], type_name: &'static str) -> Result<T, BodyError> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(error) => Err(locate_error::<T>(body, error, type_name)),
    }
}

/// Reads a JSON text as `T`, like [`from_json_slice`].
pub fn from_json_str<T: ODataType + DeserializeOwned>(body: &str) -> Result<T, BodyError> {
    from_json_slice(body.as_bytes())
}

/// Reads the JSON text of additional property `name` as `T`; an error names the property, the
/// type, the path inside the value and the position in its text.
pub(crate) fn read_property<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, crate::PropertyError> {
    serde_json::from_str(text).map_err(|error| {
        let type_name = crate::error::readable_type_name(std::any::type_name::<T>());
        crate::PropertyError::new(name, type_name, locate_error::<T>(text.as_bytes(), error, ""))
    })
}

/// Reads `body` again, tracking the JSON path, to say where the first read failed.
///
/// An object whose `@odata.type` is not its first property is read from buffered text (see
/// [`crate::polymorphic`]), out of the path's sight; so the body is re-read with every tag moved
/// first, where the same value fails with the same message at its full path. Moving a tag keeps
/// every byte outside that object in place, so the line and column stay those of the body sent
/// but for a position inside a reordered object.
fn locate_error<T: DeserializeOwned>(
    body: &[u8],
    first_error: serde_json::Error,
    type_name: &'static str,
) -> BodyError {
    let reordered = crate::tag_order::tags_first(body);
    let text = reordered.as_deref().unwrap_or(body);
    let (path, error) = match serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(text))
    {
        Err(located) => {
            let path = located.path().to_string();
            (path, located.into_inner())
        }
        // Only trailing data can fail a full parse that a bare `T` survives.
        Ok(_) => (String::new(), first_error),
    };
    body_error(type_name, if path == "." { String::new() } else { path }, &error)
}

pub(crate) fn body_error(type_name: &'static str, path: String, error: &serde_json::Error) -> BodyError {
    let mut message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    if message.ends_with(&suffix) {
        message.truncate(message.len() - suffix.len());
    }
    BodyError { type_name, path, message: expected_then_found(message), line: error.line(), column: error.column() }
}

/// serde's "invalid type: integer `3`, expected a string" reads better the other way
/// round, in words: "expected a string, found the number 3".
fn expected_then_found(message: String) -> String {
    let rest = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "));
    let Some((found, expected)) = rest.and_then(|rest| rest.split_once(", expected ")) else {
        return message;
    };
    let unquoted = |text: &str| text.trim_matches('`').to_owned();
    let found = if let Some(number) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        format!("the number {}", unquoted(number))
    } else if let Some(value) = found.strip_prefix("boolean ") {
        format!("the boolean {}", unquoted(value))
    } else if let Some(text) = found.strip_prefix("string ") {
        format!("the string {text}")
    } else {
        match found {
            "sequence" => "an array".to_owned(),
            "map" => "an object".to_owned(),
            "unit value" | "null" => "null".to_owned(),
            other => other.to_owned(),
        }
    };
    format!("expected {expected}, found {found}")
}

#[cfg(test)]
mod tests {
    use super::expected_then_found;

    #[test]
    fn type_errors_say_what_was_expected_then_what_was_found() {
        for (serde, ours) in [
            ("invalid type: integer `3`, expected a string", "expected a string, found the number 3"),
            ("invalid type: floating point `1.5`, expected i32", "expected i32, found the number 1.5"),
            ("invalid type: boolean `true`, expected a string", "expected a string, found the boolean true"),
            ("invalid type: string \"x\", expected i32", "expected i32, found the string \"x\""),
            ("invalid type: sequence, expected a JSON object (x)", "expected a JSON object (x), found an array"),
            ("invalid type: map, expected a string", "expected a string, found an object"),
            ("invalid type: null, expected a string", "expected a string, found null"),
            ("missing property `x`", "missing property `x`"),
        ] {
            assert_eq!(expected_then_found(serde.to_owned()), ours);
        }
    }
}
