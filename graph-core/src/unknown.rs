//! Counting what a read kept without a typed home: properties in an
//! additional-properties field, enum members in an `other` variant, values
//! of unlisted derived types in a polymorphic enum's `other` variant.
//!
//! Nothing is lost either way; the count tells whether a model is behind the
//! service (or behind the docs, in this crate's own conformance tests).

use std::cell::Cell;

/// How much of what was read landed in catch-alls.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct UnknownData {
    /// Properties kept in `#[graph(additional)]` fields.
    pub properties: usize,
    /// Enum members kept in `#[graph(other)]` variants.
    pub enum_members: usize,
    /// Values of derived types a polymorphic enum does not list, kept whole.
    pub types: usize,
}

impl UnknownData {
    /// Whether everything read had a typed field, member or variant.
    pub fn is_empty(&self) -> bool {
        *self == UnknownData::default()
    }
}

thread_local! {
    static COUNTS: Cell<UnknownData> = const { Cell::new(UnknownData { properties: 0, enum_members: 0, types: 0 }) };
}

/// Runs `read` and returns what it kept in catch-alls on this thread.
///
/// ```
/// # use msgraph_entity::count_unknown;
/// let (value, unknown) = count_unknown(|| serde_json::from_str::<msgraph_entity::AdditionalProperties>(r#"{"a":1}"#));
/// assert!(value.is_ok());
/// assert_eq!(unknown.properties, 1);
/// ```
pub fn count_unknown<R>(read: impl FnOnce() -> R) -> (R, UnknownData) {
    let outer = COUNTS.with(|counts| counts.replace(UnknownData::default()));
    let result = read();
    let inner = COUNTS.with(|counts| {
        counts.replace(UnknownData {
            properties: outer.properties + counts.get().properties,
            enum_members: outer.enum_members + counts.get().enum_members,
            types: outer.types + counts.get().types,
        })
    });
    (result, inner)
}

pub(crate) fn note_property() {
    COUNTS.with(|counts| counts.set(UnknownData { properties: counts.get().properties + 1, ..counts.get() }));
}

pub(crate) fn note_enum_member() {
    COUNTS.with(|counts| counts.set(UnknownData { enum_members: counts.get().enum_members + 1, ..counts.get() }));
}

pub(crate) fn note_type() {
    COUNTS.with(|counts| counts.set(UnknownData { types: counts.get().types + 1, ..counts.get() }));
}
