//! Items the derive's generated code uses. Not public API: no semver promise.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Visitor};

pub use serde;
pub use serde_json::Value;
pub use std::borrow::Cow;

pub use crate::path::fill_template;
pub use crate::polymorphic::{Polymorphic, deserialize_polymorphic, odata_type_matches};

use crate::odata::AdditionalProperties;

/// What a property name read from a JSON object refers to.
pub enum Property {
    /// `@odata.type`.
    ODataType,
    /// The known property at this index of the type's property list.
    Known(usize),
    /// A property the type has no field for, kept for its additional-properties field.
    Unknown(String),
    /// A property the type has no field for and keeps nowhere.
    Ignored,
}

/// Reads a property name and resolves it against a type's property list without allocating.
pub struct PropertyKey {
    names: &'static [&'static str],
    keep_unknown: bool,
}

impl PropertyKey {
    /// `names` are the Graph names of the type's fields, in field order.
    #[inline]
    pub fn new(names: &'static [&'static str], keep_unknown: bool) -> Self {
        PropertyKey { names, keep_unknown }
    }

    #[inline]
    fn resolve(&self, name: &str) -> Option<Property> {
        if name == "@odata.type" {
            return Some(Property::ODataType);
        }
        match self.names.iter().position(|known| *known == name) {
            Some(index) => Some(Property::Known(index)),
            None if self.keep_unknown => None,
            None => Some(Property::Ignored),
        }
    }
}

impl<'de> DeserializeSeed<'de> for PropertyKey {
    type Value = Property;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Property, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for PropertyKey {
    type Value = Property;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Property, E> {
        Ok(self.resolve(name).unwrap_or_else(|| Property::Unknown(name.to_owned())))
    }

    #[inline]
    fn visit_string<E: de::Error>(self, name: String) -> Result<Property, E> {
        Ok(self.resolve(&name).unwrap_or(Property::Unknown(name)))
    }
}

/// Checks an `@odata.type` value against the type being read.
///
/// Accepts the name with or without the leading `#` (the docs write nested
/// values without it); any other type is an error that names both.
pub struct ODataTypeCheck {
    expected: &'static str,
}

impl ODataTypeCheck {
    /// `expected` is the full name with its `#`.
    #[inline]
    pub fn new(expected: &'static str) -> Self {
        ODataTypeCheck { expected }
    }
}

impl<'de> DeserializeSeed<'de> for ODataTypeCheck {
    type Value = ();

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ODataTypeCheck {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the string `{}`", self.expected)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, found: &str) -> Result<(), E> {
        if crate::polymorphic::odata_type_matches(found, self.expected) {
            Ok(())
        } else {
            Err(E::custom(format_args!("expected @odata.type `{}`, found `{}`", self.expected, found)))
        }
    }
}

/// The error for a property given twice in one object.
#[cold]
pub fn duplicate_property<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("duplicate property `{name}`"))
}

/// The error for a required (non-`Option`) property absent from an object.
#[cold]
pub fn missing_property<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("missing property `{name}`"))
}

/// Reads the value of an unknown property into the additional-properties field.
#[inline]
pub fn read_additional<'de, A: de::MapAccess<'de>>(
    additional: &mut AdditionalProperties,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    if additional.get(&name).is_some() {
        return Err(duplicate_property(&name));
    }
    let value = map.next_value()?;
    additional.push_read(name, value);
    crate::unknown::note_property();
    Ok(())
}

/// Records that an enum read fell back to its `other` variant (see [`crate::count_unknown`]).
#[cold]
pub fn note_unknown_member() {
    crate::unknown::note_enum_member();
}

/// Serializes an OData enum member as its Graph name.
#[inline]
pub fn serialize_enum<T: crate::GraphEnum, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_member())
}

/// Reads an OData enum member; an unknown name becomes the `other` variant.
#[inline]
pub fn deserialize_enum<'de, T: crate::GraphEnum, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(crate::odata::MemberVisitor(PhantomData))
}
