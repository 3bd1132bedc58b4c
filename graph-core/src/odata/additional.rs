//! Properties a model has no field for, kept in the order they came.

use serde_json::Value;

/// The properties of a JSON object that the model does not know, in the order they came.
///
/// Give an entity a field of this type with `#[graph(additional)]` and
/// properties added to the service after the model was written are kept
/// and written back, after the known properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdditionalProperties(Vec<(String, Value)>);

impl AdditionalProperties {
    /// No properties.
    pub fn new() -> Self {
        AdditionalProperties(Vec::new())
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of property `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// Sets property `name`, replacing its value in place if it is present, else adding it at the end.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        let name = name.into();
        match self.0.iter_mut().find(|(key, _)| *key == name) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((name, value)),
        }
    }

    /// Removes property `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.0.iter().position(|(key, _)| key == name)?;
        Some(self.0.remove(index).1)
    }

    /// The properties in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// Adds a property read from a body; the derive has already refused duplicates of known names.
    pub(crate) fn push_read(&mut self, name: String, value: Value) {
        self.0.push((name, value));
    }
}
