//! The Graph docs corpus, where it is at hand: what the schema cannot say.
//!
//! The schema sorts properties by name; the docs' examples write them in the
//! order the service does, so a type the corpus shows takes its property order
//! from there (and its examples round-trip byte for byte). The examples also
//! show which properties only the service sets, and the create cases are the
//! conformance test's table. Only names are taken: no text of the docs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

pub struct Property {
    pub name: String,
    pub inherited_from: Option<String>,
}

pub struct Type {
    pub properties: Vec<Property>,
}

pub struct Case {
    pub page: String,
    pub entity: String,
    pub paths: Vec<String>,
    /// The top-level property names of the example request and response bodies.
    pub request_properties: Vec<String>,
    pub response_properties: Vec<String>,
}

pub struct Corpus {
    /// By Graph name (names are unique in the corpus).
    pub types: BTreeMap<String, Type>,
    pub cases: Vec<Case>,
}

fn text(value: &Value, field: &str) -> Result<String, String> {
    value[field].as_str().map(str::to_owned).ok_or_else(|| format!("corpus: `{field}` is not a string"))
}

fn body_properties(message: &Value) -> Result<Vec<String>, String> {
    let text = message["body_text"].as_str().ok_or("corpus: a body without text")?;
    let body: serde_json::Map<String, Value> =
        serde_json::from_str(text).map_err(|error| format!("corpus: a body is not a JSON object: {error}"))?;
    Ok(body.keys().cloned().collect())
}

impl Corpus {
    pub fn parse(json: &str) -> Result<Corpus, String> {
        let root: Value = serde_json::from_str(json).map_err(|error| format!("the corpus is not JSON: {error}"))?;
        let raw_types = root["types"].as_object().ok_or("corpus: no `types` object")?;
        let mut types = BTreeMap::new();
        for raw in raw_types.values() {
            let mut properties = Vec::new();
            for property in raw["properties"].as_array().into_iter().flatten() {
                properties.push(Property {
                    name: text(property, "name")?,
                    inherited_from: property["inherited_from"].as_str().map(str::to_owned),
                });
            }
            types.insert(text(raw, "name")?, Type { properties });
        }
        let mut cases = Vec::new();
        for raw in root["cases"].as_array().ok_or("corpus: no `cases` array")? {
            let paths = raw["paths"].as_array().ok_or("corpus: a case without paths")?;
            cases.push(Case {
                page: text(raw, "page")?,
                entity: text(raw, "entity")?,
                paths: paths.iter().filter_map(|path| path.as_str().map(str::to_owned)).collect(),
                request_properties: body_properties(&raw["request"])?,
                response_properties: body_properties(&raw["response"])?,
            });
        }
        Ok(Corpus { types, cases })
    }

    /// The first path the docs' create case of entity `name` lists: where the docs create it.
    pub fn create_path(&self, name: &str) -> Option<&str> {
        let case = self.cases.iter().find(|case| case.entity == name)?;
        case.paths.first().map(String::as_str)
    }

    /// The property names of type `name` in the docs' order, when the corpus has the type.
    pub fn property_order(&self, name: &str) -> Option<Vec<String>> {
        let ty = self.types.get(name)?;
        Some(ty.properties.iter().map(|property| property.name.clone()).collect())
    }

    /// (declaring type, property) of the properties that appear in some example response
    /// and in no example request: the service sets them (`id`, `createdDateTime`, …).
    pub fn read_only_properties(&self) -> BTreeSet<(String, String)> {
        let mut in_request = BTreeSet::new();
        let mut in_response = BTreeSet::new();
        for case in &self.cases {
            let Some(entity) = self.types.get(&case.entity) else { continue };
            for property in &entity.properties {
                let owner = property.inherited_from.clone().unwrap_or_else(|| case.entity.clone());
                let key = (owner, property.name.clone());
                if case.request_properties.contains(&property.name) {
                    in_request.insert(key.clone());
                }
                if case.response_properties.contains(&property.name) {
                    in_response.insert(key);
                }
            }
        }
        in_response.difference(&in_request).cloned().collect()
    }
}
