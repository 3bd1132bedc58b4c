//! Properties a model has no field for, kept in the order they came.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The properties of a JSON object that the model does not know, in the order they came,
/// and which known properties were read as an explicit `null`.
///
/// Give an entity a field of this type with `#[graph(additional)]` and
/// properties added to the service after the model was written are kept
/// and written back, after the known properties.
///
/// The field also remembers the known properties the service sent as `null`:
/// their fields read as `None` like absent ones, but a property read as
/// `null` and still `None` is written back as `null`, so a body comes back
/// as it came. Setting the field to `Some` writes the value;
/// [`AdditionalProperties::forget_nulls`] makes every `None` absent again.
/// Two values are equal only when they would be written alike, nulls included.
#[derive(Clone, Default, PartialEq)]
pub struct AdditionalProperties {
    properties: Vec<(String, Value)>,
    /// Bit `i`: the model's `i`-th property was read as `null`. Empty (no allocation) when none was.
    explicit_nulls: Vec<u64>,
}

impl AdditionalProperties {
    /// No properties.
    pub fn new() -> Self {
        AdditionalProperties { properties: Vec::new(), explicit_nulls: Vec::new() }
    }

    /// How many known properties were read as an explicit `null` (and are written back so).
    pub fn explicit_null_count(&self) -> usize {
        self.explicit_nulls.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// Forgets which known properties were read as `null`: a `None` field is then left out when written.
    pub fn forget_nulls(&mut self) {
        self.explicit_nulls.clear();
    }

    /// Records that the model's property number `index` was read as `null` (called by generated code).
    #[doc(hidden)]
    #[inline]
    pub fn __mark_null(&mut self, index: usize) {
        let (word, bit) = (index / 64, index % 64);
        if self.explicit_nulls.len() <= word {
            self.explicit_nulls.resize(word + 1, 0);
        }
        self.explicit_nulls[word] |= 1 << bit;
    }

    /// Whether the model's property number `index` was read as `null` (called by generated code).
    #[doc(hidden)]
    #[inline]
    pub fn __is_null(&self, index: usize) -> bool {
        self.explicit_nulls.get(index / 64).is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.properties.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
    }

    /// The value of property `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.properties.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// Sets property `name`, replacing its value in place if it is present, else adding it at the end.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        let name = name.into();
        match self.properties.iter_mut().find(|(key, _)| *key == name) {
            Some((_, slot)) => *slot = value,
            None => self.properties.push((name, value)),
        }
    }

    /// Removes property `name` and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.properties.iter().position(|(key, _)| key == name)?;
        Some(self.properties.remove(index).1)
    }

    /// The properties in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.properties.iter().map(|(key, value)| (key.as_str(), value))
    }

    /// Adds a property read from a body; the derive has already refused duplicates of known names.
    pub(crate) fn push_read(&mut self, name: String, value: Value) {
        self.properties.push((name, value));
    }

    /// Reads the value of property `name` from `map` and adds it; a name already here is an error.
    pub(crate) fn read_property<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        name: String,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if self.get(&name).is_some() {
            return Err(crate::read::duplicate_property(&name));
        }
        let value = map.next_value()?;
        self.push_read(name, value);
        Ok(())
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        map.entries(self.properties.iter().map(|(name, value)| (name, value)));
        map.finish()?;
        if !self.explicit_nulls.is_empty() {
            write!(f, " + {} explicit null(s)", self.explicit_null_count())?;
        }
        Ok(())
    }
}

/// Reads the value of an unknown property into an additional-properties field, and counts it
/// (see [`crate::count_unknown`]): what the derive's generated code calls for a name it does not know.
#[inline]
pub fn read_additional<'de, A: MapAccess<'de>>(
    additional: &mut AdditionalProperties,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    additional.read_property(name, map)?;
    crate::unknown::note_property();
    Ok(())
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.properties.into_iter()
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
                    read_additional(&mut properties, name, &mut map)?;
                }
                Ok(properties)
            }
        }

        deserializer.deserialize_map(ObjectVisitor)
    }
}
