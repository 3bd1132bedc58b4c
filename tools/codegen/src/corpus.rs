//! The corpus as the generator sees it: types, their properties, and the create cases.

use std::collections::BTreeMap;

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug)]
pub struct Property {
    pub name: String,
    /// The Type column: a primitive (`String`, `Int32`, ...) or the referenced type's name.
    pub type_name: String,
    pub collection: bool,
    /// The referenced type's name, for enum, complex and entity types.
    pub type_ref: Option<String>,
    pub inherited_from: Option<String>,
}

#[derive(Debug)]
pub struct Type {
    pub name: String,
    pub kind: Kind,
    pub odata_type: String,
    pub key: Option<String>,
    pub base: Option<String>,
    pub properties: Vec<Property>,
    pub members: Vec<String>,
    pub flags: bool,
}

#[derive(Debug)]
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

fn text(value: &Value, field: &str) -> String {
    value[field].as_str().unwrap_or_else(|| panic!("corpus: `{field}` is not a string in {value}")).to_owned()
}

fn optional_text(value: &Value, field: &str) -> Option<String> {
    value[field].as_str().map(str::to_owned)
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
        let name_of = |page: &str| -> Result<String, String> {
            raw_types.get(page).map(|t| text(t, "name")).ok_or_else(|| format!("corpus: no type page `{page}`"))
        };
        let mut types = BTreeMap::new();
        for raw in raw_types.values() {
            let kind = match raw["kind"].as_str() {
                Some("entity") => Kind::Entity,
                Some("complex") => Kind::Complex,
                Some("enum") => Kind::Enum,
                other => return Err(format!("corpus: unknown kind {other:?}")),
            };
            let mut properties = Vec::new();
            for property in raw["properties"].as_array().into_iter().flatten() {
                properties.push(Property {
                    name: text(property, "name"),
                    type_name: text(property, "type"),
                    collection: property["collection"].as_bool().unwrap_or(false),
                    type_ref: match optional_text(property, "type_ref") {
                        Some(page) => Some(name_of(&page)?),
                        None => None,
                    },
                    inherited_from: optional_text(property, "inherited_from"),
                });
            }
            let members = raw["members"].as_array().into_iter().flatten().map(|member| text(member, "name")).collect();
            let ty = Type {
                name: text(raw, "name"),
                kind,
                odata_type: text(raw, "odata_type"),
                key: optional_text(raw, "key"),
                base: optional_text(raw, "base"),
                properties,
                members,
                flags: raw["flags"].as_bool().unwrap_or(false),
            };
            types.insert(ty.name.clone(), ty);
        }
        let mut cases = Vec::new();
        for raw in root["cases"].as_array().ok_or("corpus: no `cases` array")? {
            cases.push(Case {
                page: text(raw, "page"),
                entity: text(raw, "entity"),
                paths: raw["paths"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|path| path.as_str().unwrap().to_owned())
                    .collect(),
                request_properties: body_properties(&raw["request"])?,
                response_properties: body_properties(&raw["response"])?,
            });
        }
        Ok(Corpus { types, cases })
    }

    pub fn get(&self, name: &str) -> &Type {
        self.types.get(name).unwrap_or_else(|| panic!("corpus: no type `{name}`"))
    }
}
