//! Properties a model has no field for, kept in the order they came.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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

    /// Reads the value of property `name` from `map` and adds it; a name already here is an error.
    pub(crate) fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        name: String,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.get(&name).is_some() {
            return Err(crate::__private::duplicate_property(&name));
        }
        let value = map.next_value()?;
        self.push_read(name, value);
        Ok(())
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(String, Value)> for AdditionalProperties {
    /// Collects properties in order; a repeated name keeps its first place and its last value.
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut properties = AdditionalProperties::new();
        for (name, value) in iter {
            properties.insert(name, value);
        }
        properties
    }
}

/// Written as a JSON object, in order.
impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// Read from a JSON object, in order; a repeated name is an error.
impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;

        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = AdditionalProperties;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AdditionalProperties, A::Error> {
                let mut properties = AdditionalProperties::new();
                while let Some(name) = map.next_key::<String>()? {
                    crate::__private::read_additional(&mut properties, name, &mut map)?;
                }
                Ok(properties)
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}
