//! Properties a model has no field for, kept as the JSON text the service wrote, in order.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// The name of the type tag, which this type keeps apart and writes first.
const ODATA_TYPE: &str = "@odata.type";

/// The properties of a JSON object that the model does not know, kept as the JSON text the
/// service wrote, in the order they came.
///
/// Give an entity a field of this type with `#[graph(additional)]` and
/// properties added to the service after the model was written are kept
/// and written back, after the known properties.
///
/// - **Exactly as written**: each value is its JSON text ([`RawValue`]): a number
///   beyond `f64` (`12345678901234567890123`), the digits of a decimal, a
///   repeated name inside a nested object and the order of its members all
///   come back byte for byte. [`AdditionalProperties::get_as`] reads one as a
///   typed value (a [`serde_json::Value`], a `String`...) when you want one.
///   A value nesting more than 127 arrays and objects is refused, as serde_json
///   refuses such a document ("recursion limit exceeded").
/// - **A repeated name is an error** when reading, found by a hash index past
///   a few properties, so an object with 50,000 unknown properties reads in
///   linear time.
/// - **A modelled property always wins**: an entry whose name is one of the
///   model's properties (put here by [`AdditionalProperties::insert`]) is never
///   written; the field is. Reading never puts one here.
/// - **Only properties**: in a model, OData control information and annotations
///   (`@odata.etag`, `createdDateTime@odata.type`, `#microsoft.graph.assign`) go to the
///   model's [`ControlInformation`](crate::ControlInformation) field, not here. Read on its own
///   (a whole object of a derived type a polymorphic enum does not list), this type keeps them
///   among its entries, `@odata.type` written first, and does not count them as unknown.
///
/// Two values are equal when they would be written alike. It reads only from `serde_json` (its
/// deserializers and [`serde_json::Value`]): the JSON text of a value is what it keeps. Empty,
/// it takes one pointer and allocates nothing.
#[derive(Clone, Default)]
pub struct AdditionalProperties(Option<Box<Properties>>);

#[derive(Clone, Default)]
struct Properties {
    /// The `@odata.type` of a whole object kept here, written first.
    odata_type: Option<Box<RawValue>>,
    /// The other properties, in order.
    entries: Vec<(String, Box<RawValue>)>,
    /// Positions in `entries` by name, once there are more than [`INDEX_FROM`]: duplicate
    /// checks and look-ups stay O(1), so many unknown properties cost linear time.
    index: Option<NameIndex>,
}

/// Below this many entries a scan is cheaper than hashing.
const INDEX_FROM: usize = 16;

/// Positions by a keyed hash of the name (SipHash with a random key, as `HashMap`'s), computed
/// once per name; the table itself keys on that hash, so a name is neither hashed twice nor
/// copied. Two names with one hash (never seen with a random 64-bit key) fall back to a scan.
#[derive(Clone)]
struct NameIndex {
    hasher: RandomState,
    positions: HashMap<u64, usize, BuildHasherDefault<Prehashed>>,
}

/// The hasher of a table whose keys are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

impl NameIndex {
    fn new(entries: &[(String, Box<RawValue>)]) -> Self {
        let mut index = NameIndex {
            hasher: RandomState::new(),
            positions: HashMap::with_capacity_and_hasher(2 * entries.len(), BuildHasherDefault::default()),
        };
        for (at, (name, _)) in entries.iter().enumerate() {
            let hash = index.hash(name);
            index.positions.entry(hash).or_insert(at);
        }
        index
    }

    fn hash(&self, name: &str) -> u64 {
        self.hasher.hash_one(name)
    }
}

#[cfg(test)]
thread_local! {
    /// Name comparisons made on this thread: what the linear-time tests count.
    pub(crate) static NAME_COMPARISONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline(always)]
fn same_name(a: &str, b: &str) -> bool {
    #[cfg(test)]
    NAME_COMPARISONS.with(|count| count.set(count.get() + 1));
    a == b
}

impl Properties {
    /// The hash of `name` in the index, when there is one.
    fn hash(&self, name: &str) -> Option<u64> {
        self.index.as_ref().map(|index| index.hash(name))
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.position_hashed(name, self.hash(name))
    }

    fn position_hashed(&self, name: &str, hash: Option<u64>) -> Option<usize> {
        let scan = || self.entries.iter().position(|(key, _)| same_name(key, name));
        match (&self.index, hash) {
            (Some(index), Some(hash)) => match index.positions.get(&hash) {
                None => None,
                Some(&at) if same_name(&self.entries[at].0, name) => Some(at),
                Some(_) => scan(),
            },
            _ => scan(),
        }
    }

    /// The hash of a name about to be added (for [`Properties::push_hashed`]); a name already
    /// here is a duplicate. The name is hashed once, for both the check and the index.
    fn vacant<E: serde::de::Error>(&self, name: &str) -> Result<Option<u64>, E> {
        let hash = self.hash(name);
        match self.position_hashed(name, hash) {
            Some(_) => Err(crate::read::duplicate_property(name)),
            None => Ok(hash),
        }
    }

    /// Appends a name not present; `hash` is its hash in the index, when there is one.
    fn push_hashed(&mut self, name: String, value: Box<RawValue>, hash: Option<u64>) {
        let position = self.entries.len();
        self.entries.push((name, value));
        match (&mut self.index, hash) {
            (Some(index), Some(hash)) => {
                index.positions.entry(hash).or_insert(position);
            }
            (Some(index), None) => {
                let hash = index.hash(&self.entries[position].0);
                index.positions.entry(hash).or_insert(position);
            }
            (None, _) if self.entries.len() > INDEX_FROM => self.index = Some(NameIndex::new(&self.entries)),
            (None, _) => {}
        }
    }

    fn reindex(&mut self) {
        self.index = (self.entries.len() > INDEX_FROM).then(|| NameIndex::new(&self.entries));
    }
}

impl AdditionalProperties {
    /// No properties.
    pub fn new() -> Self {
        AdditionalProperties(None)
    }

    fn properties(&mut self) -> &mut Properties {
        self.0.get_or_insert_with(Box::default)
    }

    /// How many properties there are (`@odata.type` included).
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |properties| properties.entries.len() + usize::from(properties.odata_type.is_some()))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The JSON text of property `name`, if present.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        let properties = self.0.as_ref()?;
        if name == ODATA_TYPE {
            return properties.odata_type.as_deref();
        }
        properties.position(name).map(|at| &*properties.entries[at].1)
    }

    /// Property `name` when it is a JSON string without escapes (an id, a type name), as that text.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        crate::raw_text::unescaped_string(self.get(name)?.get().trim())
    }

    /// Property `name` read as a `T` (a [`serde_json::Value`], a `String`, a model type), if present.
    ///
    /// A value that is not a `T` is a [`PropertyError`](crate::PropertyError) naming the
    /// property, the type, the path inside the value and the line and column in its text.
    ///
    /// ```
    /// # use msgraph_entity::AdditionalProperties;
    /// let properties: AdditionalProperties = serde_json::from_str(r#"{"big":12345678901234567890123,"n":"x"}"#)?;
    /// assert_eq!(properties.get("big").unwrap().get(), "12345678901234567890123");
    /// assert_eq!(properties.get_as::<String>("n").unwrap()?, "x");
    /// let error = properties.get_as::<Vec<i32>>("n").unwrap().unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "property `n` read as `Vec<i32>`: expected a sequence, found the string \"x\" (line 1, column 3 of the property's value)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_as<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<Result<T, crate::PropertyError>> {
        self.get(name).map(|raw| crate::response::read_property(name, raw.get()))
    }

    /// Sets property `name` to a JSON text, replacing its value in place if it is present, else
    /// adding it at the end (`@odata.type` is always written first). Returns the value replaced.
    pub fn insert(&mut self, name: impl Into<String>, value: Box<RawValue>) -> Option<Box<RawValue>> {
        let name = name.into();
        let properties = self.properties();
        if name == ODATA_TYPE {
            return properties.odata_type.replace(value);
        }
        let hash = properties.hash(&name);
        match properties.position_hashed(&name, hash) {
            Some(at) => Some(std::mem::replace(&mut properties.entries[at].1, value)),
            None => {
                properties.push_hashed(name, value, hash);
                None
            }
        }
    }

    /// Sets property `name` to `value` written as JSON (a [`serde_json::Value`], a string, a
    /// model type), like [`AdditionalProperties::insert`].
    pub fn insert_value<T: Serialize + ?Sized>(
        &mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Option<Box<RawValue>>, serde_json::Error> {
        let raw = serde_json::value::to_raw_value(value)?;
        Ok(self.insert(name, raw))
    }

    /// Removes property `name` and returns its JSON text (O(n): the later ones move up).
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        let properties = self.0.as_mut()?;
        if name == ODATA_TYPE {
            return properties.odata_type.take();
        }
        let at = properties.position(name)?;
        let (_, value) = properties.entries.remove(at);
        properties.reindex();
        Some(value)
    }

    /// The properties in the order they are written: `@odata.type` first, then as they came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        let properties = self.0.as_deref();
        let odata_type = properties.and_then(|properties| properties.odata_type.as_deref());
        let entries = properties.map_or(&[][..], |properties| &properties.entries[..]);
        odata_type
            .map(|tag| (ODATA_TYPE, tag))
            .into_iter()
            .chain(entries.iter().map(|(name, value)| (name.as_str(), &**value)))
    }

    /// Keeps the `@odata.type` of the whole object held here; a second one is a duplicate.
    pub(crate) fn set_odata_type<E: serde::de::Error>(&mut self, tag: Box<RawValue>) -> Result<(), E> {
        let slot = &mut self.properties().odata_type;
        if slot.is_some() {
            return Err(crate::read::duplicate_property(ODATA_TYPE));
        }
        *slot = Some(tag);
        Ok(())
    }

    /// Adds a property read from a body; a name already here is an error.
    pub(crate) fn push_read<E: serde::de::Error>(&mut self, name: String, value: Box<RawValue>) -> Result<(), E> {
        if name == ODATA_TYPE {
            return self.set_odata_type(value);
        }
        let properties = self.properties();
        let hash = properties.vacant(&name)?;
        properties.push_hashed(name, value, hash);
        Ok(())
    }

    /// Reads the value of property `name` from `map` and adds it; a name already here is an
    /// error, found before the value is read.
    pub(crate) fn read_property<'de, A: MapAccess<'de>>(&mut self, name: String, map: &mut A) -> Result<(), A::Error> {
        // Captured whole, past serde_json's recursion limit: the same limit, checked as it is read
        // (a tag that is not a string is kept as it came too).
        if name == ODATA_TYPE {
            let value = map.next_value_seed(crate::read::RawWithinLimit)?;
            return self.set_odata_type(value);
        }
        let properties = self.properties();
        let hash = properties.vacant(&name)?;
        // Captured whole, past serde_json's recursion limit: the same limit, checked as it is read.
        let value = map.next_value_seed(crate::read::RawWithinLimit)?;
        properties.push_hashed(name, value, hash);
        Ok(())
    }
}

/// Equal when written alike: the same properties with the same JSON text, in the same order.
impl PartialEq for AdditionalProperties {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        map.entries(self.iter().map(|(name, value)| (name, crate::raw_text::RawText(value.get()))));
        map.finish()
    }
}

/// Reads the value of an unknown property into an additional-properties field, and counts it
/// (see [`crate::count_unknown`]) unless it is control information: what the derive's generated
/// code calls for a name it does not know.
#[inline]
pub fn read_additional<'de, A: MapAccess<'de>>(
    additional: &mut AdditionalProperties,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    if !crate::read::is_control_name(&name) {
        crate::unknown::note_property(&name);
    }
    additional.read_property(name, map)
}

/// Writes the entries of `additional` after a model's own properties: each preceded by its
/// annotations in `control`, but for names `is_modelled` claims (there, the model's field wins);
/// then the annotations of properties nothing wrote. In a request body, control information
/// among the entries stays out, and so does a `null` (as for a modelled property read as `null`).
/// Nothing to do, and nothing read, when both are empty (`control` is
/// [`written_control`](crate::control::written_control)'s).
#[inline(always)]
pub fn serialize_unknown<M: SerializeMap>(
    map: &mut M,
    additional: &AdditionalProperties,
    control: Option<&crate::ControlInformation>,
    is_modelled: impl Fn(&str) -> bool,
) -> Result<(), M::Error> {
    if additional.0.is_none() && control.is_none() {
        return Ok(());
    }
    serialize_unknown_kept(map, additional, control, is_modelled)
}

/// [`serialize_unknown`] when there is something to write, out of line.
#[cold]
#[inline(never)]
fn serialize_unknown_kept<M: SerializeMap>(
    map: &mut M,
    additional: &AdditionalProperties,
    control: Option<&crate::ControlInformation>,
    is_modelled: impl Fn(&str) -> bool,
) -> Result<(), M::Error> {
    let sending = crate::control::sending();
    if let Some(properties) = &additional.0 {
        for (name, value) in &properties.entries {
            if is_modelled(name) || (sending && (crate::read::is_control_name(name) || value.get() == "null")) {
                continue;
            }
            if let Some(control) = control {
                control.write_annotations(map, name)?;
            }
            map.serialize_entry(name, value)?;
        }
    }
    match control {
        Some(control) => {
            control.write_remaining_annotations(map, |name| is_modelled(name) || additional.get(name).is_some())
        }
        None => Ok(()),
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, Box<RawValue>);
    type IntoIter = std::vec::IntoIter<(String, Box<RawValue>)>;

    /// The properties in the order they are written, `@odata.type` first.
    fn into_iter(self) -> Self::IntoIter {
        let Some(properties) = self.0 else { return Vec::new().into_iter() };
        let Properties { odata_type, mut entries, .. } = *properties;
        if let Some(tag) = odata_type {
            entries.insert(0, (ODATA_TYPE.to_owned(), tag));
        }
        entries.into_iter()
    }
}

impl FromIterator<(String, Box<RawValue>)> for AdditionalProperties {
    /// Collects properties in order; a repeated name keeps its first place and its last value.
    fn from_iter<I: IntoIterator<Item = (String, Box<RawValue>)>>(iter: I) -> Self {
        let mut properties = AdditionalProperties::new();
        for (name, value) in iter {
            properties.insert(name, value);
        }
        properties
    }
}

/// Written as a JSON object: `@odata.type` first, then the rest in order, each value as its text
/// (control information left out of a request body).
impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sending = crate::control::sending();
        serializer.collect_map(
            self.iter().filter(|(name, _)| !sending || *name == ODATA_TYPE || !crate::read::is_control_name(name)),
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<AdditionalProperties, serde_json::Error> {
        serde_json::from_str(text)
    }

    #[test]
    fn values_come_back_as_written() {
        let text = r#"{"futureDecimal":12345678901234567890123,"precise":123456789.123456789123,"nested":{"b":1,"a":2,"a":3},"s":"\u00e9"}"#;
        let properties = read(text).unwrap();
        assert_eq!(serde_json::to_string(&properties).unwrap(), text);
        assert_eq!(properties.get("nested").unwrap().get(), r#"{"b":1,"a":2,"a":3}"#);
        assert_eq!(properties.get_as::<String>("s").unwrap().unwrap(), "é");
    }

    #[test]
    fn a_repeated_name_is_an_error_at_any_count() {
        for count in [1, INDEX_FROM - 1, INDEX_FROM, INDEX_FROM + 1, 1000] {
            let mut text = (0..count).map(|at| format!(r#""p{at}":{at}"#)).collect::<Vec<_>>().join(",");
            text.push_str(",\"p0\":0");
            let error = read(&format!("{{{text}}}")).unwrap_err();
            assert!(error.to_string().starts_with("duplicate property `p0`"), "{count}: {error}");
        }
    }

    #[test]
    fn fifty_thousand_unknown_properties_read_in_linear_time() {
        let count = 50_000;
        let text: Vec<String> = (0..count).map(|at| format!(r#""p{at}":{at}"#)).collect();
        let text = format!("{{{}}}", text.join(","));
        NAME_COMPARISONS.with(|comparisons| comparisons.set(0));
        let properties = read(&text).unwrap();
        let comparisons = NAME_COMPARISONS.with(std::cell::Cell::get);
        assert_eq!(properties.len(), count);
        // A scan per name would make count²/2 = 1.25 billion; the index makes about one per name.
        assert!(comparisons < 2 * count as u64, "{comparisons} name comparisons for {count} names");
        assert_eq!(properties.get("p49999").unwrap().get(), "49999");
    }

    #[test]
    fn insert_get_remove_keep_order_and_index() {
        let mut properties = AdditionalProperties::new();
        for at in 0..40 {
            assert!(properties.insert_value(format!("p{at}"), &at).unwrap().is_none());
        }
        assert_eq!(properties.insert_value("p3", "three").unwrap().unwrap().get(), "3");
        assert_eq!(properties.remove("p0").unwrap().get(), "0");
        assert_eq!(properties.get("p39").unwrap().get(), "39");
        assert_eq!(properties.get("p3").unwrap().get(), "\"three\"");
        assert!(properties.get("p0").is_none());
        properties.insert_value("@odata.type", "#microsoft.graph.x").unwrap();
        let names: Vec<&str> = properties.iter().map(|(name, _)| name).take(3).collect();
        assert_eq!(names, ["@odata.type", "p1", "p2"]);
        assert_eq!(properties.len(), 40);
        let copy: AdditionalProperties = properties.clone().into_iter().collect();
        assert_eq!(copy, properties);
    }
}
