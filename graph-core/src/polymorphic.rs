//! Reading a value whose Rust type depends on its `@odata.type`: the
//! runtime half of `#[derive(GraphEntity)]` / `#[derive(GraphComplex)]` on an
//! enum of derived types.
//!
//! Graph writes `@odata.type` first, so the common case streams: the tag is
//! read, the variant chosen, and the rest of the same object is handed to
//! that variant's own deserializer. Only an object whose tag is not first
//! (or missing) is buffered before dispatch.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::read::{Property, PropertyKey, TagOnly};
use crate::{AdditionalProperties, ODataType};

/// Implemented by the derive for an enum of derived types.
#[doc(hidden)]
pub trait Polymorphic: ODataType + Sized {
    /// The index of the variant whose type is `odata_type` (with or without `#`), if listed.
    fn variant_for(odata_type: &str) -> Option<usize>;

    /// Reads variant `index` from `deserializer`.
    fn deserialize_variant<'de, D: Deserializer<'de>>(index: usize, deserializer: D) -> Result<Self, D::Error>;

    /// The `other` variant, holding a value of a type the enum does not list.
    fn from_other(properties: AdditionalProperties) -> Self;
}

/// Deserializes a polymorphic value by its `@odata.type`.
#[inline]
pub fn deserialize_polymorphic<'de, T: Polymorphic, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(PhantomData))
}

struct PolymorphicVisitor<T>(PhantomData<T>);

impl<'de, T: Polymorphic> Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object ({} or a type derived from it)", T::GRAPH_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut buffered = AdditionalProperties::new();
        let mut first_name = String::new();
        match map.next_key_seed(PropertyKey::<TagOnly>::new(Some(&mut first_name)))? {
            Some(Property::ODataType) => {
                let odata_type: TypeName<'de> = map.next_value()?;
                if let Some(index) = T::variant_for(&odata_type.0) {
                    return T::deserialize_variant(index, MapAccessDeserializer::new(map));
                }
                buffered.push_read("@odata.type".to_owned(), Value::String(odata_type.0.into_owned()));
            }
            // Buffered until the object's type is known: not a catch-all, so not counted as unknown.
            Some(Property::Unknown) => buffered.read_property(first_name, &mut map)?,
            Some(Property::Known(never)) => match never {},
            Some(Property::Ignored) => unreachable!("a buffer was given: every unknown name is kept"),
            None => {}
        }
        while let Some(name) = map.next_key::<String>()? {
            buffered.read_property(name, &mut map)?;
        }
        dispatch_buffered(buffered)
    }
}

/// Dispatches an object read whole: by its `@odata.type`, or as the base type when it has none.
fn dispatch_buffered<T: Polymorphic, E: de::Error>(properties: AdditionalProperties) -> Result<T, E> {
    let odata_type = match properties.get("@odata.type") {
        Some(Value::String(odata_type)) => odata_type.as_str(),
        Some(other) => return Err(E::custom(format_args!("@odata.type must be a string, found {other}"))),
        None => T::ODATA_TYPE,
    };
    match T::variant_for(odata_type) {
        Some(index) => {
            let object: serde_json::Map<String, Value> = properties.into_iter().collect();
            T::deserialize_variant(index, Value::Object(object)).map_err(E::custom)
        }
        None => {
            crate::unknown::note_type();
            Ok(T::from_other(properties))
        }
    }
}

/// An `@odata.type` value, borrowed from the input when it can be.
struct TypeName<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for TypeName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl<'de> Visitor<'de> for NameVisitor {
            type Value = TypeName<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an OData type name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<TypeName<'de>, E> {
                Ok(TypeName(Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<TypeName<'de>, E> {
                Ok(TypeName(Cow::Owned(name.to_owned())))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}
