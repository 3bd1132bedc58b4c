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
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

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
        match map.next_key::<Key<'de>>()? {
            Some(name) if name.0 == "@odata.type" => {
                let odata_type: TypeName<'de> = map.next_value()?;
                match T::variant_for(&odata_type.0) {
                    Some(index) => T::deserialize_variant(index, MapAccessDeserializer::new(map)),
                    None => read_unlisted(odata_type, Buffered::empty(), map),
                }
            }
            Some(name) => {
                let mut buffered = Buffered::default();
                buffered.push(name.0, map.next_value_seed(RawText)?);
                read_tag_late(buffered, map)
            }
            None => read_buffered(None, Buffered::empty()),
        }
    }
}

/// One buffered property: its name and its value's JSON text, both lent by the input.
type Entry<'de> = (&'de str, &'de str);

/// The properties of an object read before its `@odata.type`, as JSON text.
///
/// While the input lends every text (serde_json reading a slice or a string: the usual case),
/// they are kept as pairs of borrowed strings, which are emptied without visiting each one and
/// replayed without a check per text. The first text it does not lend (an escaped name, a
/// reader's input) moves them all to `mixed`, in order.
///
/// The vector's allocation is kept per thread from one tag-late object to the next (up to
/// [`Buffered::MAX_KEPT`] entries): a large configuration buffers hundreds of properties, and
/// growing a vector to that size for each object cost more than a tenth of its read.
struct Buffered<'de> {
    lent: Vec<Entry<'de>>,
    mixed: Vec<(Cow<'de, str>, Cow<'de, str>)>,
}

thread_local! {
    /// The empty allocation of the last buffer dropped on this thread.
    static SPARE_ENTRIES: Cell<Vec<Entry<'static>>> = const { Cell::new(Vec::new()) };
}

impl Default for Buffered<'_> {
    /// The thread's spare allocation, or room for a small object's properties.
    fn default() -> Self {
        let lent = recycle(SPARE_ENTRIES.with(Cell::take));
        Buffered { lent: if lent.capacity() == 0 { Vec::with_capacity(32) } else { lent }, mixed: Vec::new() }
    }
}

impl<'de> Buffered<'de> {
    /// The most entries whose allocation is kept for the next object (32 KiB).
    const MAX_KEPT: usize = 1024;

    /// A buffer with nothing in it and no allocation.
    fn empty() -> Self {
        Buffered { lent: Vec::new(), mixed: Vec::new() }
    }

    #[inline(always)]
    fn push(&mut self, name: Cow<'de, str>, raw: Cow<'de, str>) {
        match (&name, &raw) {
            (Cow::Borrowed(name), Cow::Borrowed(raw)) if self.mixed.is_empty() => self.lent.push((name, raw)),
            _ => self.push_mixed(name, raw),
        }
    }

    /// A property with a text the input did not lend, or any after one.
    #[cold]
    fn push_mixed(&mut self, name: Cow<'de, str>, raw: Cow<'de, str>) {
        let lent = self.lent.drain(..).map(|(name, raw)| (Cow::Borrowed(name), Cow::Borrowed(raw)));
        self.mixed.extend(lent);
        self.mixed.push((name, raw));
    }

    /// `read` given the buffered properties, in order.
    fn with_entries<R>(&self, read: impl FnOnce(&[Entry<'_>]) -> R) -> R {
        if self.mixed.is_empty() {
            read(&self.lent)
        } else {
            let entries: Vec<Entry<'_>> = self.mixed.iter().map(|(name, raw)| (&**name, &**raw)).collect();
            read(&entries)
        }
    }

    /// The buffered properties as a value of a type the enum does not list, in `properties`.
    fn keep_in<E: de::Error>(&self, properties: &mut AdditionalProperties) -> Result<(), E> {
        self.with_entries(|entries| {
            entries.iter().try_for_each(|&(name, raw)| properties.push_read(name.to_owned(), raw_value(raw)?))
        })
    }
}

impl Drop for Buffered<'_> {
    fn drop(&mut self) {
        let lent = std::mem::take(&mut self.lent);
        if (1..=Self::MAX_KEPT).contains(&lent.capacity()) {
            SPARE_ENTRIES.with(|spare| spare.set(recycle(lent)));
        }
    }
}

/// `entries`' allocation, emptied, for entries that borrow from another input: collecting an
/// emptied vector's iterator into a vector of a type of the same size and alignment reuses its
/// allocation.
fn recycle<'to>(mut entries: Vec<Entry<'_>>) -> Vec<Entry<'to>> {
    entries.clear();
    entries.into_iter().map(|_| unreachable!("the vector was emptied")).collect()
}

/// An object whose first property is not `@odata.type`: buffer up to the tag, then the rest.
fn read_tag_late<'de, T: Polymorphic, A: MapAccess<'de>>(
    mut buffered: Buffered<'de>,
    mut map: A,
) -> Result<T, A::Error> {
    // The tag's variant, once the tag is read (looked up once: a lookup is a binary search of
    // up to a few hundred names).
    let mut variant = None;
    while let Some(name) = map.next_key::<Key<'de>>()? {
        if variant.is_none() && name.0 == "@odata.type" {
            let tag: TypeName<'de> = map.next_value()?;
            match T::variant_for(&tag.0) {
                Some(index) => variant = Some(index),
                None => return read_unlisted(tag, buffered, map),
            }
        } else {
            let raw = map.next_value_seed(RawText)?;
            buffered.push(name.0, raw);
        }
    }
    read_buffered(variant, buffered)
}

/// Replays a buffered object to `variant` (the one its tag names), or without a tag to the
/// base type's.
fn read_buffered<T: Polymorphic, E: de::Error>(variant: Option<usize>, buffered: Buffered<'_>) -> Result<T, E> {
    match variant.or_else(|| T::variant_for(T::ODATA_TYPE)) {
        Some(index) => buffered
            .with_entries(|entries| T::deserialize_variant(index, Replay { entries }).map_err(ReplayError::into_error)),
        None => {
            // The base type is always listed; an enum that does not list it keeps the value whole.
            let mut properties = AdditionalProperties::new();
            buffered.keep_in(&mut properties)?;
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
    buffered.keep_in(&mut properties)?;
    while let Some(name) = map.next_key::<String>()? {
        properties.read_property(name, &mut map)?;
    }
    crate::unknown::note_type();
    Ok(T::from_other(properties))
}

/// JSON text already checked by the parser that captured it, as a `RawValue` to keep; no deeper
/// than serde_json reads (captured, it skipped that limit).
fn raw_value<E: de::Error>(raw: &str) -> Result<Box<RawValue>, E> {
    crate::read::check_nesting(raw)?;
    RawValue::from_string(raw.to_owned()).map_err(E::custom)
}

/// Replays buffered properties as a map: names as strings, values parsed from their text.
struct Replay<'r> {
    entries: &'r [Entry<'r>],
}

impl<'r> Deserializer<'r> for Replay<'r> {
    type Error = ReplayError;

    fn deserialize_any<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        visitor.visit_map(ReplayMap { entries: self.entries.iter(), value: "" })
    }

    serde::forward_to_deserialize_any! {
        <W: Visitor<'r>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct ReplayMap<'r> {
    entries: std::slice::Iter<'r, Entry<'r>>,
    /// The value of the last name read (empty before the first: a value asked for before any
    /// name is then an error, serde_json's for empty text).
    value: &'r str,
}

impl<'r> MapAccess<'r> for ReplayMap<'r> {
    type Error = ReplayError;

    fn next_key_seed<K: DeserializeSeed<'r>>(&mut self, seed: K) -> Result<Option<K::Value>, ReplayError> {
        let Some(&(name, raw)) = self.entries.next() else { return Ok(None) };
        self.value = raw;
        seed.deserialize(StrDeserializer::<ReplayError>::new(name)).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'r>>(&mut self, seed: V) -> Result<V::Value, ReplayError> {
        seed.deserialize(ReplayValue { raw: self.value })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// One buffered value, replayed: the text serde_json captured (checked JSON, no whitespace
/// around it).
///
/// The values most properties hold (`true`, `false`, `null`, a string without escapes, a small
/// non-negative integer) are handed to the visitor here, with the call serde_json makes for
/// them; anything else, and every other request, is serde_json reading the text. So the
/// result, and the error message, are serde_json's, without starting a parser per value.
struct ReplayValue<'r> {
    raw: &'r str,
}

impl<'r> ReplayValue<'r> {
    /// serde_json reading the text (the fallback for all that is not handled here).
    #[inline]
    fn json(&self) -> serde_json::Deserializer<serde_json::de::StrRead<'r>> {
        serde_json::Deserializer::from_str(self.raw)
    }

    /// The text between the quotes of a string without escapes (exactly what serde_json lends).
    #[inline]
    fn plain_string(&self) -> Option<&'r str> {
        crate::raw_text::unescaped_string(self.raw)
    }

    /// `true` or `false`.
    #[inline]
    fn boolean(&self) -> Option<bool> {
        match self.raw {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A non-negative integer of at most 19 digits (so it fits in `u64`): what serde_json
    /// hands to `visit_u64`.
    #[inline]
    fn small_unsigned(&self) -> Option<u64> {
        let digits = self.raw.as_bytes();
        if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(digits.iter().fold(0, |value, digit| value * 10 + u64::from(digit - b'0')))
    }
}

/// A numeric request: serde_json hands a small non-negative integer to `visit_u64`, whatever
/// the requested width.
macro_rules! replay_numbers {
    ($($method:ident)*) => {$(
        #[inline]
        fn $method<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
            match self.small_unsigned() {
                Some(value) => visitor.visit_u64(value),
                None => self.json().$method(visitor).map_err(ReplayError::from_json),
            }
        }
    )*};
}

/// A request this replay leaves to serde_json.
macro_rules! replay_by_json {
    ($($method:ident)*) => {$(
        #[inline]
        fn $method<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
            self.json().$method(visitor).map_err(ReplayError::from_json)
        }
    )*};
}

impl<'r> Deserializer<'r> for ReplayValue<'r> {
    type Error = ReplayError;

    #[inline]
    fn deserialize_any<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        if let Some(value) = self.boolean() {
            return visitor.visit_bool(value);
        }
        match self.plain_string() {
            Some(text) => visitor.visit_borrowed_str(text),
            None => self.json().deserialize_any(visitor).map_err(ReplayError::from_json),
        }
    }

    #[inline]
    fn deserialize_option<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        match self.raw {
            "null" => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    #[inline]
    fn deserialize_bool<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        match self.boolean() {
            Some(value) => visitor.visit_bool(value),
            None => self.json().deserialize_bool(visitor).map_err(ReplayError::from_json),
        }
    }

    #[inline]
    fn deserialize_str<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        match self.plain_string() {
            Some(text) => visitor.visit_borrowed_str(text),
            None => self.json().deserialize_str(visitor).map_err(ReplayError::from_json),
        }
    }

    #[inline]
    fn deserialize_string<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_identifier<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_bytes<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        match self.plain_string() {
            Some(text) => visitor.visit_borrowed_bytes(text.as_bytes()),
            None => self.json().deserialize_bytes(visitor).map_err(ReplayError::from_json),
        }
    }

    #[inline]
    fn deserialize_byte_buf<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        self.deserialize_bytes(visitor)
    }

    /// The text is checked JSON already: serde_json would skip it and visit a unit.
    #[inline]
    fn deserialize_ignored_any<V: Visitor<'r>>(self, visitor: V) -> Result<V::Value, ReplayError> {
        visitor.visit_unit()
    }

    replay_numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    replay_by_json! {
        deserialize_i128 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_unit deserialize_seq deserialize_map
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'r>>(self, name: &'static str, visitor: V) -> Result<V::Value, ReplayError> {
        self.json().deserialize_unit_struct(name, visitor).map_err(ReplayError::from_json)
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'r>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReplayError> {
        self.json().deserialize_newtype_struct(name, visitor).map_err(ReplayError::from_json)
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'r>>(self, len: usize, visitor: V) -> Result<V::Value, ReplayError> {
        self.json().deserialize_tuple(len, visitor).map_err(ReplayError::from_json)
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'r>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ReplayError> {
        self.json().deserialize_tuple_struct(name, len, visitor).map_err(ReplayError::from_json)
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'r>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReplayError> {
        self.json().deserialize_struct(name, fields, visitor).map_err(ReplayError::from_json)
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'r>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReplayError> {
        self.json().deserialize_enum(name, variants, visitor).map_err(ReplayError::from_json)
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

#[cfg(test)]
mod tests {
    use super::{Buffered, Entry, ReplayError, ReplayValue, recycle};
    use serde::de::{Deserialize, DeserializeOwned, IgnoredAny};
    use std::borrow::Cow;
    use std::fmt::Debug;

    /// What reading `raw` as `T` gives: the value's `Debug`, or the message without a position.
    fn through_json<T: DeserializeOwned + Debug>(raw: &str) -> Result<String, String> {
        serde_json::from_str::<T>(raw)
            .map(|value| format!("{value:?}"))
            .map_err(|error| ReplayError::from_json(error).0)
    }

    fn through_replay<T: DeserializeOwned + Debug>(raw: &str) -> Result<String, String> {
        T::deserialize(ReplayValue { raw }).map(|value| format!("{value:?}")).map_err(|error| error.0)
    }

    #[test]
    fn a_value_asked_for_before_any_name_is_an_error() {
        use serde::de::MapAccess;
        let entries = [("a", "1")];
        let mut map = super::ReplayMap { entries: entries.iter(), value: "" };
        assert!(map.next_value::<String>().is_err());
        assert!(map.next_value::<Option<u8>>().is_err());
        assert_eq!(map.next_key::<String>().unwrap().as_deref(), Some("a"));
        assert_eq!(map.next_value::<u8>().unwrap(), 1);
        assert_eq!(map.next_key::<String>().unwrap(), None);
    }

    #[test]
    fn a_buffer_allocation_is_reused_for_the_next_object() {
        let text = String::from("\"x\"");
        let mut entries: Vec<Entry<'_>> = Vec::with_capacity(100);
        entries.push(("a", &text));
        let allocation = entries.as_ptr() as usize;
        let recycled: Vec<Entry<'static>> = recycle(entries);
        assert_eq!((recycled.len(), recycled.capacity(), recycled.as_ptr() as usize), (0, 100, allocation));
        // Dropped, a buffer leaves its allocation to the next one on the thread.
        let mut buffered = Buffered { lent: recycle(recycled), mixed: Vec::new() };
        buffered.push(Cow::Borrowed("b"), Cow::Borrowed(&text));
        drop(buffered);
        let next = Buffered::default();
        assert_eq!((next.lent.len(), next.lent.capacity(), next.lent.as_ptr() as usize), (0, 100, allocation));
    }

    #[test]
    fn a_replayed_value_reads_as_serde_json_reads_its_text() {
        let raws = [
            "true",
            "false",
            "null",
            r#""abc""#,
            r#""""#,
            r#""a\"b""#,
            r#""\u00e9t\u00e9""#,
            r#""été""#,
            r#""x""#,
            "0",
            "7",
            "255",
            "256",
            "-1",
            "-0",
            "1.5",
            "1e3",
            "9999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "[1,2]",
            "{\"a\":1}",
            "[]",
            r#""2016-12-31T23:58:36.6670033-08:00""#,
            r#""2016-13-31T23:58:36Z""#,
            r#""\u0032016-12-31T23:58:36Z""#,
            r#""AQID""#,
        ];
        fn compare<T: DeserializeOwned + Debug>(raws: &[&str]) {
            for raw in raws {
                assert_eq!(through_replay::<T>(raw), through_json::<T>(raw), "{raw} as {}", std::any::type_name::<T>());
            }
        }
        compare::<bool>(&raws);
        compare::<Option<bool>>(&raws);
        compare::<String>(&raws);
        compare::<Option<String>>(&raws);
        compare::<u8>(&raws);
        compare::<i8>(&raws);
        compare::<i32>(&raws);
        compare::<Option<i64>>(&raws);
        compare::<u64>(&raws);
        compare::<f64>(&raws);
        compare::<char>(&raws);
        compare::<()>(&raws);
        compare::<Vec<u8>>(&raws);
        compare::<serde_json::Value>(&raws);
        compare::<IgnoredAny>(&raws);
        compare::<crate::DateTimeOffset>(&raws);
        compare::<Option<crate::DateTimeOffset>>(&raws);
        compare::<crate::Binary>(&raws);
        compare::<Box<serde_json::value::RawValue>>(&raws);
        // A borrowed string is lent from the buffered text, as serde_json lends it.
        let borrowed: &str = Deserialize::deserialize(ReplayValue { raw: r#""abc""# }).unwrap();
        assert_eq!(borrowed, "abc");
    }
}
