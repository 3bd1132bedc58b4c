//! Seed files: the tenant a stand-in starts with.
//!
//! Two forms are read:
//!
//! - an export of real objects, `{"cases": [{"collection", "odata_type", "body"}, ...]}` (the
//!   form of this project's `realdata/intune-exports.json`): each `body` goes to its
//!   `collection`, expanded navigation properties (`settings`, `assignments`,
//!   `scheduledActionsForRule`) to their own collections, control information dropped;
//! - a map of collection paths to items: `{"/deviceManagement/ndesConnectors": [{...}, ...]}`.
//!
//! Seeds keep their ids and read-only values, as the service held them. What a newer
//! service wrote and the schema does not know (a property, an enum member) is kept and
//! reported as a warning; an object that cannot be stored is skipped and reported.

use serde_json::Value;

use crate::error::StandInError;

/// What loading a seed did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SeedReport {
    /// Objects stored (children of a deep insert not counted).
    pub inserted: usize,
    /// Objects not stored, each with why.
    pub skipped: Vec<String>,
    /// What was kept though the schema does not know it.
    pub warnings: Vec<String>,
}

/// One object to store: where, and what.
pub(crate) struct SeedItem {
    /// Where it came from, for the report: `cases[3]`.
    pub origin: String,
    pub collection: String,
    pub body: Value,
}

/// Reads a seed document into the objects to store.
pub(crate) fn read(text: &str) -> Result<Vec<SeedItem>, StandInError> {
    let document: Value =
        serde_json::from_str(text).map_err(|error| StandInError::Seed(format!("not a JSON document: {error}")))?;
    let Value::Object(root) = document else {
        return Err(StandInError::Seed(
            "a seed is a JSON object: {\"cases\": [...]} or {\"/collection/path\": [...]}".into(),
        ));
    };
    if let Some(cases) = root.get("cases") {
        let Value::Array(cases) = cases else {
            return Err(StandInError::Seed("`cases` is an array".into()));
        };
        let mut items = Vec::with_capacity(cases.len());
        for (index, case) in cases.iter().enumerate() {
            let origin = format!("cases[{index}]");
            let (Some(collection), Some(body)) = (case.get("collection").and_then(Value::as_str), case.get("body"))
            else {
                return Err(StandInError::Seed(format!("{origin} has no `collection` or no `body`")));
            };
            let mut body = body.clone();
            // Admin-center exports carry no @odata.type: the case says which it is.
            if let (Value::Object(object), Some(odata_type)) =
                (&mut body, case.get("odata_type").and_then(Value::as_str))
                && !object.contains_key("@odata.type")
            {
                object.insert("@odata.type".into(), Value::String(odata_type.to_owned()));
            }
            items.push(SeedItem { origin, collection: collection.to_owned(), body });
        }
        return Ok(items);
    }
    let mut items = Vec::new();
    for (collection, values) in root {
        let Value::Array(values) = values else {
            return Err(StandInError::Seed(format!("`{collection}` holds an array of objects")));
        };
        for (index, body) in values.into_iter().enumerate() {
            items.push(SeedItem { origin: format!("{collection}[{index}]"), collection: collection.clone(), body });
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_read() {
        let exports = r##"{"sources": [], "cases": [{"collection": "/deviceManagement/intents", "odata_type": "#microsoft.graph.deviceManagementIntent", "body": {"displayName": "x"}}]}"##;
        let [item] = read(exports).unwrap().try_into().ok().unwrap();
        assert_eq!(item.collection, "/deviceManagement/intents");
        assert_eq!(item.body["@odata.type"], "#microsoft.graph.deviceManagementIntent");
        let map = r#"{"/deviceManagement/ndesConnectors": [{"displayName": "a"}, {"displayName": "b"}]}"#;
        assert_eq!(read(map).unwrap().len(), 2);
        assert!(read("[]").is_err());
        assert!(read(r#"{"cases": [{"body": {}}]}"#).is_err());
        assert!(read(r#"{"/x": 5}"#).is_err());
    }
}
