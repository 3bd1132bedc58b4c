//! Reading a Graph object: property names resolved by a generated `match`, the
//! `@odata.type` check, and the errors and counts of a read. The derive's
//! generated `Deserialize` impls are written against these (through `__private`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::value::RawValue;

/// What a property name read from a JSON object refers to.
pub enum Property {
    /// `@odata.type`.
    ODataType,
    /// One of the type's properties, by its position among them. A number, not a generated
    /// enum: a variant per property was two more items per property for the compiler to hold.
    Known(u32),
    /// A property the type has no field for, kept: its name is in the buffer given to [`PropertyKey::new`].
    Unknown,
    /// Control information or an annotation (`@odata.etag`, `name@odata.type`, `#ns.operation`),
    /// kept: its name is in the buffer given to [`PropertyKey::new`].
    Control,
    /// A property the type has no field for and keeps nowhere.
    Ignored,
}

/// A type's property names, resolved by a `match` on string literals the derive generates:
/// constant-length compares, not a scan of a name list.
pub trait PropertyNames {
    /// What `name` refers to, or `None` for a name the type does not know.
    fn resolve(name: &str) -> Option<Property>;
}

/// Reads a property name and resolves it with `N`, without allocating for known names.
pub struct PropertyKey<'a, N> {
    unknown_name: Option<&'a mut String>,
    names: PhantomData<N>,
}

impl<'a, N> PropertyKey<'a, N> {
    /// With `Some(buffer)`, a name the type has no field for is written there and read as
    /// [`Property::Control`] (control information or an annotation) or [`Property::Unknown`] (a
    /// property); with `None` it is [`Property::Ignored`].
    #[inline]
    pub fn new(unknown_name: Option<&'a mut String>) -> Self {
        PropertyKey { unknown_name, names: PhantomData }
    }
}

impl<'de, N: PropertyNames> DeserializeSeed<'de> for PropertyKey<'_, N> {
    type Value = Property;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, N: PropertyNames> Visitor<'de> for PropertyKey<'_, N> {
    type Value = Property;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(match N::resolve(name) {
            Some(property) => property,
            None => keep_unknown_name(self.unknown_name, name),
        })
    }
}

/// Whether `name` is OData control information or an annotation, not a property: it starts with
/// `@` (`@odata.etag`, an instance annotation) or `#` (an advertised operation), or has `@` inside
/// (a property annotation, `createdDateTime@odata.type`). No property name can look like one.
#[inline]
pub(crate) fn is_control_name(name: &str) -> bool {
    name.starts_with(['@', '#']) || name.contains('@')
}

/// Writes a name the type has no field for into `buffer`, if there is one, and says what it is.
/// Out of line: the key read, inlined into every type's read loop, stays small.
#[cold]
#[inline(never)]
fn keep_unknown_name(buffer: Option<&mut String>, name: &str) -> Property {
    let Some(buffer) = buffer else { return Property::Ignored };
    buffer.clear();
    buffer.push_str(name);
    if is_control_name(name) { Property::Control } else { Property::Unknown }
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
        if odata_type_matches(found, self.expected) {
            Ok(())
        } else {
            Err(E::custom(format_args!("expected @odata.type `{}`, found `{}`", self.expected, found)))
        }
    }
}

/// Like [`ODataTypeCheck`], for a type with a catch-all: another type's name is not an error but
/// returned, to be kept (a derived type the model does not list, read as its declared base type).
pub struct ODataTypeKeep {
    expected: &'static str,
}

impl ODataTypeKeep {
    /// `expected` is the full name with its `#`.
    #[inline]
    pub fn new(expected: &'static str) -> Self {
        ODataTypeKeep { expected }
    }
}

impl<'de> DeserializeSeed<'de> for ODataTypeKeep {
    type Value = Option<Box<RawValue>>;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ODataTypeKeep {
    type Value = Option<Box<RawValue>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an OData type name such as `{}`", self.expected)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, found: &str) -> Result<Self::Value, E> {
        if odata_type_matches(found, self.expected) {
            return Ok(None);
        }
        serde_json::value::to_raw_value(found).map(Some).map_err(E::custom)
    }
}

/// Reads the value of `@odata.type` for a type without a catch-all: it must name `expected`.
#[inline]
pub fn read_odata_type<'de, A: MapAccess<'de>>(map: &mut A, expected: &'static str) -> Result<(), A::Error> {
    map.next_value_seed(ODataTypeCheck::new(expected))
}

/// Reads a value the type does not keep, and drops it.
#[inline]
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// Reads a property into its slot; a second value for it is an error.
#[inline]
pub fn read_field<'de, T: de::Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate_property(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Whether `found` (as written on the wire, `#` optional) names the type `expected` (with its `#`).
#[inline]
pub fn odata_type_matches(found: &str, expected: &str) -> bool {
    found == expected || found == &expected[1..]
}

/// The deepest nesting of arrays and objects serde_json reads: a document nesting 128 is refused
/// with "recursion limit exceeded".
pub(crate) const MAX_NESTING: usize = 127;

/// Refuses JSON text kept raw (a catch-all's value, control information, a buffered property) that nests arrays and
/// objects deeper than serde_json reads ([`MAX_NESTING`]).
///
/// serde_json captures a raw value without its recursion limit, so without this check a value
/// kept whole could nest without bound, and could not be read back by `get_as`. `raw` is text
/// serde_json has just checked, so a scan of its brackets outside strings is enough; a scalar
/// (most values) costs a look at its first byte.
#[inline]
pub(crate) fn check_nesting<E: de::Error>(raw: &str) -> Result<(), E> {
    match raw.as_bytes().first() {
        Some(b'[' | b'{') => check_nesting_of_container(raw.as_bytes()),
        _ => Ok(()),
    }
}

/// Reads a value's raw JSON text, refused like [`check_nesting`] says: inside the value's own
/// read, so an error names the value's JSON path.
pub(crate) struct RawWithinLimit;

impl<'de> DeserializeSeed<'de> for RawWithinLimit {
    type Value = Box<RawValue>;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Box<RawValue>, D::Error> {
        let raw: Box<RawValue> = de::Deserialize::deserialize(deserializer)?;
        check_nesting(raw.get())?;
        Ok(raw)
    }
}

fn check_nesting_of_container<E: de::Error>(raw: &[u8]) -> Result<(), E> {
    let mut depth = 0usize;
    let mut bytes = raw.iter();
    while let Some(&byte) = bytes.next() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(E::custom(format_args!(
                        "recursion limit exceeded: the value nests more than {MAX_NESTING} arrays and objects"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            // A string: skip to its closing quote, past escaped characters.
            b'"' => {
                while let Some(&byte) = bytes.next() {
                    match byte {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::{MAX_NESTING, check_nesting};

    fn accepted(raw: &str) -> bool {
        check_nesting::<serde_json::Error>(raw).is_ok()
    }

    #[test]
    fn nesting_is_counted_outside_strings_only() {
        let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(accepted(&deep(MAX_NESTING)));
        assert!(!accepted(&deep(MAX_NESTING + 1)));
        // The same depth reached in turns counts once per level.
        assert!(accepted(&format!("[{},{}]", deep(MAX_NESTING - 1), deep(MAX_NESTING - 1))));
        // Brackets in strings, after escaped quotes and escaped backslashes, are text.
        let noisy = r#"{"a":"[[{{","b":"\"[[","c":"\\","d":[]}"#;
        assert!(accepted(noisy));
        let inside = format!("[{}]", r#""\\",["#.repeat(MAX_NESTING - 1) + &"]".repeat(MAX_NESTING - 1));
        assert!(accepted(&inside), "{inside}");
        let one_more = format!("[{}]", r#""\\",["#.repeat(MAX_NESTING) + &"]".repeat(MAX_NESTING));
        assert!(!accepted(&one_more));
        // serde_json agrees on where the limit is.
        assert!(serde_json::from_str::<serde_json::Value>(&deep(MAX_NESTING)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&deep(MAX_NESTING + 1)).is_err());
        for scalar in ["1", "\"[[[\"", "null", "true"] {
            assert!(accepted(scalar));
        }
    }
}
