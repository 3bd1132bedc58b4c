//! Reading a value whose Rust type depends on its `@odata.type`: the
//! runtime half of `#[derive(GraphEntity)]` / `#[derive(GraphComplex)]` on an
//! enum of derived types.
//!
//! Graph writes `@odata.type` first, so the common case streams: the tag is
//! read, the variant chosen by a binary search of the enum's sorted type
//! names, and the rest of the same object is handed to that variant's own
//! deserializer. An object whose tag is not first (proxies and caches
//! reorder) or missing is buffered as the JSON text of each property —
//! borrowed from the input when it is a slice or a string, so without a copy
//! — and replayed to the variant in its order: the same value, duplicates
//! and catch-all order as the tag-first read. Errors in such an object are
//! located by [`crate::response`], which re-reads a body with every tag
//! moved first, so they name the same path too.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

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

/// The `@odata.type` of the value a polymorphic enum holds (implemented by the derive), for
/// updates sent with the item's own type.
#[doc(hidden)]
pub trait VariantType {
    /// The held variant's type, or an unlisted value's tag; `None` for an unlisted value without one.
    fn variant_odata_type(&self) -> Option<&str>;
}

/// The update of `item` by its key, sent with its own `@odata.type` (the generated `update_item`).
pub fn update_item<T: crate::EntityCollection + VariantType>(
    item: &T,
    parents: &[&str],
    patch: T::Patch,
) -> Result<crate::UpdateRequest<T>, crate::Error> {
    let key = item.key().ok_or(crate::Error::InvalidKey { reason: "the item has no key to update it by" })?;
    let request = crate::UpdateRequest::new(T::COLLECTION.item_path(parents, key)?, patch);
    Ok(match item.variant_odata_type() {
        Some(odata_type) => request.with_odata_type(odata_type.to_owned()),
        None => request.without_odata_type(),
    })
}

/// A polymorphic enum's type names, sorted once, for a binary search per value (the
/// derive's generated `variant_for` owns one in a `static`).
#[doc(hidden)]
pub struct VariantTable(OnceLock<Box<[(&'static str, usize)]>>);

impl VariantTable {
    /// An empty table, filled on first use.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        VariantTable(OnceLock::new())
    }

    /// The variant of `odata_type` (`#` optional); `names` lists each listed type's
    /// `ODATA_TYPE` (with its `#`) and variant index, and is called once.
    #[inline]
    pub fn find(&self, odata_type: &str, names: impl FnOnce() -> Vec<(&'static str, usize)>) -> Option<usize> {
        let table = self.0.get_or_init(|| {
            let mut names: Vec<(&'static str, usize)> =
                names().into_iter().map(|(name, index)| (name.strip_prefix('#').unwrap_or(name), index)).collect();
            names.sort_unstable();
            names.into_boxed_slice()
        });
        let wanted = odata_type.strip_prefix('#').unwrap_or(odata_type);
        table.binary_search_by(|(name, _)| (*name).cmp(wanted)).ok().map(|at| table[at].1)
    }
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
        let mut name = String::new();
        match map.next_key_seed(PropertyKey::<TagOnly>::new(Some(&mut name)))? {
            Some(Property::ODataType) => {
                let odata_type: TypeName<'de> = map.next_value()?;
                match T::variant_for(&odata_type.0) {
                    Some(index) => T::deserialize_variant(index, MapAccessDeserializer::new(map)),
                    None => read_unlisted(odata_type, Buffered::default(), map),
                }
            }
            Some(Property::Unknown) => {
                let mut buffered = Buffered::default();
                buffered.push(Cow::Owned(name), map.next_value_seed(RawText)?);
                read_tag_late(buffered, map)
            }
            Some(Property::Known(never)) => match never {},
            // Not reached: a buffer was given, so every other name is `Unknown`.
            Some(Property::Ignored) => {
                map.next_value::<IgnoredAny>()?;
                read_tag_late(Buffered::default(), map)
            }
            None => read_buffered(None, Buffered { entries: Vec::new() }),
        }
    }
}

/// The properties of an object read before its `@odata.type`, as JSON text.
struct Buffered<'de> {
    entries: Vec<(Cow<'de, str>, Cow<'de, str>)>,
}

impl Default for Buffered<'_> {
    /// Room for a typical configuration's properties, so most objects never grow it.
    fn default() -> Self {
        Buffered { entries: Vec::with_capacity(32) }
    }
}

impl<'de> Buffered<'de> {
    fn push(&mut self, name: Cow<'de, str>, raw: Cow<'de, str>) {
        self.entries.push((name, raw));
    }
}

/// An object whose first property is not `@odata.type`: buffer up to the tag, then the rest.
fn read_tag_late<'de, T: Polymorphic, A: MapAccess<'de>>(
    mut buffered: Buffered<'de>,
    mut map: A,
) -> Result<T, A::Error> {
    let mut odata_type = None;
    while let Some(name) = map.next_key::<Key<'de>>()? {
        if odata_type.is_none() && name.0 == "@odata.type" {
            let tag: TypeName<'de> = map.next_value()?;
            if T::variant_for(&tag.0).is_none() {
                return read_unlisted(tag, buffered, map);
            }
            odata_type = Some(tag);
        } else {
            let raw = map.next_value_seed(RawText)?;
            buffered.push(name.0, raw);
        }
    }
    read_buffered(odata_type, buffered)
}

/// Replays a buffered object to the variant its tag names (the base type's, without a tag).
fn read_buffered<'de, T: Polymorphic, E: de::Error>(
    odata_type: Option<TypeName<'de>>,
    buffered: Buffered<'de>,
) -> Result<T, E> {
    let tag = odata_type.as_ref().map_or(T::ODATA_TYPE, |tag| &tag.0);
    match T::variant_for(tag) {
        Some(index) => {
            T::deserialize_variant(index, Replay { entries: &buffered.entries }).map_err(ReplayError::into_error)
        }
        None => {
            // The base type is always listed; an enum that does not list it keeps the value whole.
            let mut properties = AdditionalProperties::new();
            for (name, raw) in buffered.entries {
                properties.push_read(name.into_owned(), raw_value(raw)?)?;
            }
            crate::unknown::note_type();
            Ok(T::from_other(properties))
        }
    }
}

/// A value of a type the enum does not list: kept whole, tag first, the rest in order.
fn read_unlisted<'de, T: Polymorphic, A: MapAccess<'de>>(
    odata_type: TypeName<'de>,
    buffered: Buffered<'de>,
    mut map: A,
) -> Result<T, A::Error> {
    let mut properties = AdditionalProperties::new();
    let tag = serde_json::value::to_raw_value(&*odata_type.0).map_err(de::Error::custom)?;
    properties.set_odata_type(tag)?;
    for (name, raw) in buffered.entries {
        properties.push_read(name.into_owned(), raw_value(raw)?)?;
    }
    while let Some(name) = map.next_key::<String>()? {
        properties.read_property(name, &mut map)?;
    }
    crate::unknown::note_type();
    Ok(T::from_other(properties))
}

/// JSON text already checked by the parser that captured it, as a `RawValue`.
fn raw_value<E: de::Error>(raw: Cow<'_, str>) -> Result<Box<RawValue>, E> {
    RawValue::from_string(raw.into_owned()).map_err(E::custom)
}

/// Replays buffered properties as a map: names as strings, values parsed from their text.
struct Replay<'r, 'de> {
    entries: &'r [(Cow<'de, str>, Cow<'de, str>)],
}

impl<'r> Deserializer<'r> for Replay<'r, '_> {
    type Error = ReplayError;

    fn deserialize_any<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        visitor.visit_map(ReplayMap { entries: self.entries.iter(), value: None })
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'r>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct ReplayMap<'r, 'de> {
    entries: std::slice::Iter<'r, (Cow<'de, str>, Cow<'de, str>)>,
    value: Option<&'r str>,
}

impl<'r> MapAccess<'r> for ReplayMap<'r, '_> {
    type Error = ReplayError;

    fn next_key_seed<K: DeserializeSeed<'r>>(&mut self, seed: K) -> Result<Option<K::Value>, ReplayError> {
        let Some((name, raw)) = self.entries.next() else { return Ok(None) };
        self.value = Some(raw);
        seed.deserialize(StrDeserializer::<ReplayError>::new(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'r>>(&mut self, seed: V) -> Result<V::Value, ReplayError> {
        let raw = self.value.take().ok_or_else(|| de::Error::custom("a value asked for before its name"))?;
        let mut deserializer = serde_json::Deserializer::from_str(raw);
        seed.deserialize(&mut deserializer).map_err(ReplayError::from_json)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An error while replaying a buffered object: its message, without the position inside the
/// buffered value's text (meaningless in the body).
#[derive(Debug)]
struct ReplayError(String);

impl ReplayError {
    fn from_json(error: serde_json::Error) -> Self {
        let mut message = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        ReplayError(message)
    }

    fn into_error<E: de::Error>(self) -> E {
        E::custom(self.0)
    }
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReplayError {}

impl de::Error for ReplayError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        ReplayError(message.to_string())
    }
}

/// The JSON text of one value, borrowed from the input when the deserializer can lend it
/// (`serde_json::from_slice`, `from_str`), else owned.
///
/// serde_json hands a value's text to a newtype struct of this name (its `RawValue` token). Any
/// other deserializer, or a serde_json that no longer knows the name, visits it as a newtype, and
/// the text is then read through `Box<RawValue>`, owned.
struct RawText;

const SERDE_JSON_RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Cow<'de, str>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_newtype_struct(SERDE_JSON_RAW_VALUE_TOKEN, RawText)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        map.next_key::<IgnoredAny>()?;
        map.next_value_seed(TextOfRaw)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let raw: Box<RawValue> = de::Deserialize::deserialize(deserializer)?;
        Ok(Cow::Owned(String::from(Box::<str>::from(raw))))
    }
}

/// The raw text serde_json hands over: borrowed when it can be.
struct TextOfRaw;

impl<'de> DeserializeSeed<'de> for TextOfRaw {
    type Value = Cow<'de, str>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextOfRaw {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the JSON text of a value")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

/// A property name, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextOfRaw).map(Key)
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
