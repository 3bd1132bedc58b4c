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
        Err(error) => Err(locate_error::<T, _>(serde_json::Deserializer::from_slice(body), error, type_name)),
    }
}

/// Reads a JSON text as `T`, like [`from_json_slice`].
pub fn from_json_str<T: ODataType + DeserializeOwned>(body: &str) -> Result<T, BodyError> {
    from_json_slice(body.as_bytes())
}

fn locate_error<'de, T, R>(
    mut deserializer: serde_json::Deserializer<R>,
    first_error: serde_json::Error,
    type_name: &'static str,
) -> BodyError
where
    T: DeserializeOwned,
    R: serde_json::de::Read<'de>,
{
    let (path, error) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
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
    BodyError { type_name, path, message, line: error.line(), column: error.column() }
}
