//! The naive approach: plain serde derives, tagged and checked through `serde_json::Value`.

use serde::Serialize;
use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Map, Value};

use crate::list::ListResponse;
use crate::manual::{Tagged, tag_matches};

const TAG: &str = "@odata.type";

fn insert_tag<T: Tagged>(value: &mut Value) {
    if let Value::Object(properties) = value {
        properties.insert(TAG.to_owned(), Value::String(T::ODATA_TYPE.to_owned()));
    }
}

fn check_tag<T: Tagged>(value: &mut Value) -> serde_json::Result<()> {
    let properties: &mut Map<String, Value> = match value {
        Value::Object(properties) => properties,
        _ => return Err(serde_json::Error::custom("expected a JSON object")),
    };
    match properties.remove(TAG) {
        None => Ok(()),
        Some(Value::String(found)) if tag_matches(&found, T::ODATA_TYPE) => Ok(()),
        Some(found) => {
            Err(serde_json::Error::custom(format_args!("expected @odata.type `{}`, found {found}", T::ODATA_TYPE)))
        }
    }
}

/// Replaces `out` with `value` as JSON: `to_value`, insert the tag, write out.
pub fn serialize<T: Serialize + Tagged>(value: &T, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let mut json = serde_json::to_value(value)?;
    insert_tag::<T>(&mut json);
    out.clear();
    serde_json::to_writer(out, &json)
}

/// Reads `T` from JSON: parse to a `Value`, check and remove the tag, `from_value`.
pub fn deserialize<T: DeserializeOwned + Tagged>(json: &[u8]) -> serde_json::Result<T> {
    let mut value: Value = serde_json::from_slice(json)?;
    check_tag::<T>(&mut value)?;
    serde_json::from_value(value)
}

/// Replaces `out` with a list response as JSON, each item tagged through `Value`.
pub fn serialize_list<T: Serialize + Tagged>(list: &ListResponse<T>, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let mut json = serde_json::to_value(list)?;
    if let Some(Value::Array(items)) = json.get_mut("value") {
        items.iter_mut().for_each(insert_tag::<T>);
    }
    out.clear();
    serde_json::to_writer(out, &json)
}

/// Reads a list response, each item's tag checked and removed through `Value`.
pub fn deserialize_list<T: DeserializeOwned + Tagged>(json: &[u8]) -> serde_json::Result<ListResponse<T>> {
    let mut value: Value = serde_json::from_slice(json)?;
    if let Some(Value::Array(items)) = value.get_mut("value") {
        items.iter_mut().try_for_each(check_tag::<T>)?;
    }
    serde_json::from_value(value)
}
