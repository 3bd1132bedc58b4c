//! The writer generated `serialize` bodies use: one method call per property, no `?`.
//!
//! A `?` per property is what a large model's `serialize` cost the compiler most (each is a
//! branch, a drop path and a `From` conversion to type check and borrow check, hundreds of
//! times in one body), so the writer keeps the first error and skips the rest of the writes;
//! the body tests it once, at the end. At run time there is still a test per property, of the
//! kept error before each write rather than of each write's result: 1–2 % more instructions
//! per value written (BENCHMARKS.md, "Run time").

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::control::{ControlInformation, serialize_nullable_field, serialize_odata_type, serialize_property};
use crate::odata::additional::{AdditionalProperties, serialize_unknown};
use crate::requests::Patch;

/// A JSON object being written property by property; the first error stops the writes and is
/// what [`finish`](Self::finish) or [`end`](Self::end) returns.
pub struct PropertyWriter<'a, M: SerializeMap> {
    map: M,
    /// The written value's control information (annotations, kept `null`s), when it has any.
    control: Option<&'a ControlInformation>,
    error: Option<M::Error>,
}

impl<'a, M: SerializeMap> PropertyWriter<'a, M> {
    /// Starts the object; `len` is the number of entries when known.
    #[inline(always)]
    pub fn new<S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>>(
        serializer: S,
        len: Option<usize>,
        control: Option<&'a ControlInformation>,
    ) -> Result<Self, M::Error> {
        Ok(PropertyWriter { map: serializer.serialize_map(len)?, control, error: None })
    }

    /// Runs one write unless an earlier one failed, and keeps its error.
    #[inline(always)]
    fn write(&mut self, write: impl FnOnce(&mut M, Option<&'a ControlInformation>) -> Result<(), M::Error>) {
        if self.error.is_none()
            && let Err(error) = write(&mut self.map, self.control)
        {
            self.error = Some(error);
        }
    }

    /// `@odata.type`: an unlisted derived type's, kept in the control information, else `own`;
    /// then the control information and advertised operations.
    #[inline(always)]
    pub fn odata_type(&mut self, own: &'static str) {
        self.write(|map, control| serialize_odata_type(map, own, control));
    }

    /// An `Option` property: its annotations, then its value; `None` is left out, or written as
    /// `null` where it was read as `null`.
    #[inline(always)]
    pub fn nullable<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        self.write(|map, control| serialize_nullable_field(map, name, value, control));
    }

    /// A property that is always written: its annotations, then its value.
    #[inline(always)]
    pub fn property<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.write(|map, control| serialize_property(map, name, value, control));
    }

    /// A patch's property: written (its value or `null`) unless it is unchanged.
    #[inline(always)]
    pub fn patch<T: Serialize>(&mut self, name: &'static str, value: &Patch<T>) {
        if !value.is_unchanged() {
            self.write(|map, _| map.serialize_entry(name, value));
        }
    }

    /// The entries of `additional` and the remaining control information, then the end of the
    /// object; a catch-all entry `is_modelled` claims is not written (the model's field wins).
    #[inline(always)]
    pub fn finish(
        mut self,
        additional: &AdditionalProperties,
        is_modelled: impl Fn(&str) -> bool,
    ) -> Result<M::Ok, M::Error> {
        self.write(|map, control| serialize_unknown(map, additional, control, is_modelled));
        self.end()
    }

    /// The end of the object, or the first error.
    #[inline(always)]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            None => self.map.end(),
            Some(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use serde::ser::Error as _;

    use super::*;

    /// A value whose serialization fails, counting its attempts.
    struct Failing<'a>(&'a Cell<u32>);

    impl Serialize for Failing<'_> {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            self.0.set(self.0.get() + 1);
            Err(S::Error::custom("this value cannot be written"))
        }
    }

    #[test]
    fn the_first_error_is_returned_and_nothing_is_written_after_it() {
        let attempts = Cell::new(0);
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut writer = PropertyWriter::new(&mut serializer, None, None).expect("a map starts");
        writer.odata_type("#microsoft.graph.example");
        writer.nullable("first", &Some(1));
        writer.property("broken", &Failing(&attempts));
        writer.property("after", &Failing(&attempts));
        writer.patch("patched", &Patch::Set(2));
        let error = writer.end().expect_err("a property failed");
        assert_eq!(error.to_string(), "this value cannot be written");
        // The failing property was tried once; the one after it never.
        assert_eq!(attempts.get(), 1);
        let written = String::from_utf8(out).expect("JSON is UTF-8");
        assert!(!written.contains("patched"), "written after the error: {written}");
    }

    #[test]
    fn without_an_error_every_property_is_written_in_order() {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut writer = PropertyWriter::new(&mut serializer, Some(4), None).expect("a map starts");
        writer.odata_type("#microsoft.graph.example");
        writer.nullable("first", &Some(1));
        writer.nullable("absent", &None::<u8>);
        writer.patch("unchanged", &Patch::<u8>::Unchanged);
        writer.patch("cleared", &Patch::<u8>::Null);
        writer.patch("set", &Patch::Set("x"));
        writer.end().expect("nothing failed");
        assert_eq!(
            String::from_utf8(out).expect("JSON is UTF-8"),
            r##"{"@odata.type":"#microsoft.graph.example","first":1,"cleared":null,"set":"x"}"##
        );
    }
}
