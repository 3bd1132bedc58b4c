//! Counting what a read kept without a typed home: properties in an
//! additional-properties field, enum members in an `other` variant, values
//! of unlisted derived types in a polymorphic enum's `other` variant.
//!
//! Nothing is lost either way; the count tells whether a model is behind the
//! service (or behind the docs, in this crate's own conformance tests).

use std::cell::RefCell;
use std::collections::BTreeMap;

/// How much of what was read landed in catch-alls, and under which names.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UnknownData {
    /// Properties kept in `#[graph(additional)]` fields.
    pub properties: usize,
    /// Enum members kept in `#[graph(other)]` variants.
    pub enum_members: usize,
    /// Values of derived types a polymorphic enum does not list, kept whole.
    pub types: usize,
    /// The names of the properties kept, with how many times each was.
    pub property_names: BTreeMap<String, usize>,
}

impl UnknownData {
    /// Whether everything read had a typed field, member or variant.
    pub fn is_empty(&self) -> bool {
        *self == UnknownData::default()
    }

    fn add(&mut self, other: UnknownData) {
        self.properties += other.properties;
        self.enum_members += other.enum_members;
        self.types += other.types;
        for (name, count) in other.property_names {
            *self.property_names.entry(name).or_default() += count;
        }
    }
}

thread_local! {
    static COUNTS: RefCell<UnknownData> = RefCell::new(UnknownData::default());
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
        let mut total = outer;
        let inner = counts.take();
        total.add(inner.clone());
        *counts.borrow_mut() = total;
        inner
    });
    (result, inner)
}

pub(crate) fn note_property(name: &str) {
    COUNTS.with(|counts| {
        let mut counts = counts.borrow_mut();
        counts.properties += 1;
        match counts.property_names.get_mut(name) {
            Some(count) => *count += 1,
            None => {
                counts.property_names.insert(name.to_owned(), 1);
            }
        }
    });
}

pub(crate) fn note_enum_member() {
    COUNTS.with(|counts| counts.borrow_mut().enum_members += 1);
}

pub(crate) fn note_type() {
    COUNTS.with(|counts| counts.borrow_mut().types += 1);
}
