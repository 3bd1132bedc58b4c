//! What the service writes about a value besides its properties — OData control information
//! and annotations — kept apart from the properties, and from unknown properties.
//!
//! OData JSON (4.01 §4.5, §4.6) tells them apart by name, and no property name can look like
//! one: a name that starts with `@` (`@odata.etag`, `@odata.context`, an instance annotation
//! `@namespace.term`), a name with `@` inside (a property annotation: `createdDateTime@odata.type`,
//! `assignments@odata.navigationLink`), and a name that starts with `#` (an advertised operation:
//! `"#microsoft.graph.assign": {"title": …, "target": …}`).

use std::cell::Cell;
use std::fmt;

use serde::Serialize;
use serde::de::MapAccess;
use serde::ser::SerializeMap;
use serde_json::value::RawValue;

/// What the service wrote about a value besides its properties, in the order it came:
///
/// - **control information and instance annotations**: `@odata.context`, `@odata.id`,
///   `@odata.etag`, `@odata.editLink`, `@namespace.term` ([`ControlInformation::etag`],
///   [`ControlInformation::id`], [`ControlInformation::get`]);
/// - **advertised operations**: `"#microsoft.graph.assign": {"title", "target"}`
///   ([`ControlInformation::operations`]);
/// - **property annotations**: `createdDateTime@odata.type`, `assignments@odata.navigationLink`
///   ([`ControlInformation::annotations`]);
/// - **the `@odata.type` of a derived type the model does not list**, when a value of it is read
///   as its declared type ([`ControlInformation::derived_type`]);
/// - **the properties the service wrote as `null`** ([`ControlInformation::explicit_nulls`]):
///   their fields read as `None`, like absent ones, and are written back as `null`.
///
/// A model keeps it in its `#[graph(odata)]` field (`odata` in the generated models). Written
/// back where it stood — control information and advertised operations after `@odata.type`,
/// each property's annotations just before the property — so a full-metadata response comes
/// back JSON-equal. Never sent: a create, update or action body leaves it out (but for
/// `@odata.bind` annotations, and the `@odata.type` of an unlisted derived type), and the nulls
/// with it. It is not counted by [`crate::count_unknown`].
///
/// Two values are equal when they would be written alike: control information, annotations and
/// explicit nulls included. [`ControlInformation::clear`] forgets everything. Empty, it takes one
/// pointer and allocates nothing.
#[derive(Clone, Default)]
pub struct ControlInformation(Option<Box<Entries>>);

#[derive(Clone, Default)]
struct Entries {
    derived_type: Option<Box<RawValue>>,
    /// Control information, instance annotations and advertised operations, in order.
    instance: Vec<(String, Box<RawValue>)>,
    /// Property annotations, in order: the whole name, and where its `@` is.
    property: Vec<(String, usize, Box<RawValue>)>,
    /// The properties read as `null`.
    nulls: Vec<&'static str>,
}

/// Equal when written alike: the same entries with the same JSON text, in the same order, and
/// the same nulls.
impl PartialEq for ControlInformation {
    fn eq(&self, other: &Self) -> bool {
        self.is_empty() && other.is_empty()
            || (self.iter().count() == other.iter().count()
                && self.iter().zip(other.iter()).all(|((a, x), (b, y))| a == b && x.get() == y.get())
                && self.explicit_nulls().eq(other.explicit_nulls()))
    }
}

/// An operation the service says can be invoked on a value (`#microsoft.graph.assign`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdvertisedOperation<'a> {
    /// The qualified name, without the `#`: `microsoft.graph.assign`.
    pub name: &'a str,
    /// Its `title`, when given.
    pub title: Option<&'a str>,
    /// Its `target` URL, when given.
    pub target: Option<&'a str>,
}

thread_local! {
    /// Set while a request body is written: control information stays out of it.
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `write` with control information left out of what it serializes (a request body).
pub(crate) fn as_request_body<R>(write: impl FnOnce() -> R) -> R {
    let outer = SENDING.with(|sending| sending.replace(true));
    let result = write();
    SENDING.with(|sending| sending.set(outer));
    result
}

/// Whether what is being written is a request body (generated code leaves keys, read-only
/// properties and navigation properties the service does not take inline out of it).
#[inline]
pub fn sending() -> bool {
    SENDING.with(Cell::get)
}

/// Annotations a request body keeps: the reference bindings it asks for.
fn sent_in_requests(name: &str) -> bool {
    name.ends_with("@odata.bind")
}

/// The text of a JSON string value without escapes, as that text.
fn plain_str(raw: &RawValue) -> Option<&str> {
    crate::raw_text::unescaped_string(raw.get().trim())
}

impl ControlInformation {
    /// Nothing.
    pub fn new() -> Self {
        ControlInformation(None)
    }

    fn entries(&mut self) -> &mut Entries {
        self.0.get_or_insert_with(Box::default)
    }

    /// Whether there is nothing: no control information, annotation, derived type or null.
    pub fn is_empty(&self) -> bool {
        self.0.as_deref().is_none_or(|entries| {
            entries.derived_type.is_none()
                && entries.instance.is_empty()
                && entries.property.is_empty()
                && entries.nulls.is_empty()
        })
    }

    /// Forgets everything: a value that then writes as if built, not read.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// The JSON text of control information or an instance annotation by its whole name
    /// (`@odata.etag`, `@odata.context`, `@contoso.note`, `#microsoft.graph.assign`).
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        let entries = self.0.as_deref()?;
        entries.instance.iter().find(|(key, _)| key == name).map(|(_, value)| &**value)
    }

    /// `@odata.etag`: the version of the value, for a conditional request.
    pub fn etag(&self) -> Option<&str> {
        self.get("@odata.etag").and_then(plain_str)
    }

    /// `@odata.id`: the value's canonical URL.
    pub fn id(&self) -> Option<&str> {
        self.get("@odata.id").and_then(plain_str)
    }

    /// `@odata.editLink`: where the value is changed.
    pub fn edit_link(&self) -> Option<&str> {
        self.get("@odata.editLink").and_then(plain_str)
    }

    /// `@odata.context`: the context URL of the response the value came in.
    pub fn context(&self) -> Option<&str> {
        self.get("@odata.context").and_then(plain_str)
    }

    /// The operations the service advertises on the value, in order.
    pub fn operations(&self) -> impl Iterator<Item = AdvertisedOperation<'_>> {
        let instance = self.0.as_deref().map_or(&[][..], |entries| &entries.instance[..]);
        instance.iter().filter_map(|(name, value)| {
            let name = name.strip_prefix('#')?;
            let fields: std::collections::BTreeMap<&str, &RawValue> =
                serde_json::from_str(value.get()).unwrap_or_default();
            let field = |key: &str| fields.get(key).copied().and_then(plain_str);
            Some(AdvertisedOperation { name, title: field("title"), target: field("target") })
        })
    }

    /// The annotations of property `property`, in order: the annotation's name after the
    /// property's (`@odata.type`, `@odata.navigationLink`) and its JSON text.
    pub fn annotations<'a>(&'a self, property: &'a str) -> impl Iterator<Item = (&'a str, &'a RawValue)> + 'a {
        let annotations = self.0.as_deref().map_or(&[][..], |entries| &entries.property[..]);
        annotations
            .iter()
            .filter(move |(name, at, _)| &name[..*at] == property)
            .map(|(name, at, value)| (&name[*at..], &**value))
    }

    /// Everything kept but the nulls, by whole name, in the order it is written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        let entries = self.0.as_deref();
        let derived = entries.and_then(|entries| entries.derived_type.as_deref()).map(|tag| ("@odata.type", tag));
        let instance = entries.map_or(&[][..], |entries| &entries.instance[..]);
        let property = entries.map_or(&[][..], |entries| &entries.property[..]);
        derived
            .into_iter()
            .chain(instance.iter().map(|(name, value)| (name.as_str(), &**value)))
            .chain(property.iter().map(|(name, _, value)| (name.as_str(), &**value)))
    }

    /// The `@odata.type` the service wrote when it names a type derived from the model's, one
    /// the model does not list: the value was read as the model's type, and is written back
    /// with this tag.
    pub fn derived_type(&self) -> Option<&str> {
        self.0.as_deref()?.derived_type.as_deref().and_then(plain_str)
    }

    /// The properties the service wrote as `null`, by Graph name, in the order they came.
    pub fn explicit_nulls(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.as_deref().map_or(&[][..], |entries| &entries.nulls[..]).iter().copied()
    }

    /// Whether property `property` was read as `null` (and is written back so while it is `None`).
    pub fn is_explicit_null(&self, property: &str) -> bool {
        self.0.as_deref().is_some_and(|entries| entries.nulls.contains(&property))
    }

    /// Forgets which properties were read as `null`: a `None` field is then left out when written.
    ///
    /// Only this value's: the nested values it holds (a complex property, the items of a
    /// collection, an expanded navigation property) keep their own [`ControlInformation`] and
    /// their own nulls. A value written without any of it at every depth is a request body
    /// (control information, annotations and read nulls are never sent): see
    /// [`CreateRequest::from_entity`](crate::CreateRequest::from_entity).
    pub fn forget_nulls(&mut self) {
        if let Some(entries) = &mut self.0 {
            entries.nulls.clear();
        }
    }

    /// Notes that property `property` was read as `null`.
    pub(crate) fn note_null(&mut self, property: &'static str) {
        self.entries().nulls.push(property);
    }

    /// Keeps the `@odata.type` of an unlisted derived type; a second one is a duplicate.
    pub(crate) fn set_derived_type<E: serde::de::Error>(&mut self, tag: Box<RawValue>) -> Result<(), E> {
        let slot = &mut self.entries().derived_type;
        if slot.is_some() {
            return Err(crate::read::duplicate_property("@odata.type"));
        }
        *slot = Some(tag);
        Ok(())
    }

    /// The raw `@odata.type` of an unlisted derived type, written in place of the model's own.
    pub(crate) fn derived_type_raw(&self) -> Option<&RawValue> {
        self.0.as_deref()?.derived_type.as_deref()
    }

    /// Adds control information or an annotation read from a body; a name already here is an error.
    pub(crate) fn push_read<E: serde::de::Error>(&mut self, name: String, value: Box<RawValue>) -> Result<(), E> {
        if self.iter().any(|(kept, _)| kept == name) {
            return Err(crate::read::duplicate_property(&name));
        }
        let entries = self.entries();
        match name.find('@').filter(|at| *at > 0) {
            Some(at) if !name.starts_with('#') => entries.property.push((name, at, value)),
            _ => entries.instance.push((name, value)),
        }
        Ok(())
    }

    /// Writes the instance entries (after `@odata.type`), unless a request body is written.
    pub(crate) fn write_instance<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let Some(entries) = self.0.as_deref() else { return Ok(()) };
        let sending = sending();
        for (name, value) in &entries.instance {
            if !sending || sent_in_requests(name) {
                map.serialize_entry(name, value)?;
            }
        }
        Ok(())
    }

    /// Writes the annotations of `property`, just before it.
    #[inline]
    pub(crate) fn write_annotations<M: SerializeMap>(&self, map: &mut M, property: &str) -> Result<(), M::Error> {
        match self.0.as_deref() {
            Some(entries) if !entries.property.is_empty() => write_annotations_of(entries, map, property),
            _ => Ok(()),
        }
    }

    /// Writes the annotations of the properties `is_written` says were not written (a
    /// navigation link of a property not expanded), at the end.
    pub(crate) fn write_remaining_annotations<M: SerializeMap>(
        &self,
        map: &mut M,
        is_written: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        let Some(entries) = self.0.as_deref() else { return Ok(()) };
        let sending = sending();
        for (name, at, value) in &entries.property {
            if !is_written(&name[..*at]) && (!sending || sent_in_requests(name)) {
                map.serialize_entry(name, value)?;
            }
        }
        Ok(())
    }

    /// Whether a `None` property is written as `null`: it was read so, and this is not a request body.
    #[inline]
    pub(crate) fn writes_null(&self, property: &str) -> bool {
        self.0.as_deref().is_some_and(|entries| !entries.nulls.is_empty() && entries.nulls.contains(&property))
            && !sending()
    }
}

#[cold]
fn write_annotations_of<M: SerializeMap>(entries: &Entries, map: &mut M, property: &str) -> Result<(), M::Error> {
    let sending = sending();
    for (name, at, value) in &entries.property {
        if &name[..*at] == property && (!sending || sent_in_requests(name)) {
            map.serialize_entry(name, value)?;
        }
    }
    Ok(())
}

impl fmt::Debug for ControlInformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        map.entries(self.iter().map(|(name, value)| (name, crate::raw_text::RawText(value.get()))));
        let nulls: Vec<&str> = self.explicit_nulls().collect();
        if !nulls.is_empty() {
            map.entry(&"null", &nulls);
        }
        map.finish()
    }
}

/// Reads the value of control information or an annotation `name` into `control`.
///
/// Kept raw, so refused past serde_json's nesting limit (127 arrays and objects) as it is read,
/// like a catch-all's property (`read::check_nesting`).
#[inline]
pub fn read_control<'de, A: MapAccess<'de>>(
    control: &mut ControlInformation,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    // Captured whole, past serde_json's recursion limit: the same limit, checked as it is read.
    let value = map.next_value_seed(crate::read::RawWithinLimit)?;
    control.push_read(name, value)
}

/// The control information a value writes, looked up once per value: `None` when it holds
/// none (a value built, or read without any), so that each property's write tests one pointer
/// and the rest of the control-information code stays out of line.
#[inline(always)]
pub fn written_control(control: &ControlInformation) -> Option<&ControlInformation> {
    if control.0.is_some() { Some(control) } else { None }
}

/// Writes `value` as property `name`, its annotations first.
#[inline(always)]
pub fn serialize_property<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    name: &'static str,
    value: &T,
    control: Option<&ControlInformation>,
) -> Result<(), M::Error> {
    if let Some(control) = control {
        control.write_annotations(map, name)?;
    }
    map.serialize_entry(name, value)
}

/// Writes an `Option` property: its annotations, then its value, `null` when it was read as
/// `null` and is still `None`, or nothing.
#[inline(always)]
pub fn serialize_nullable_field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
    control: Option<&ControlInformation>,
) -> Result<(), M::Error> {
    match (control, value) {
        (None, Some(value)) => map.serialize_entry(name, value),
        (None, None) => Ok(()),
        (Some(control), _) => serialize_nullable_field_annotated(map, name, value, control),
    }
}

/// [`serialize_nullable_field`] for a value with control information, out of line.
#[cold]
#[inline(never)]
fn serialize_nullable_field_annotated<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    value: &Option<T>,
    control: &ControlInformation,
) -> Result<(), M::Error> {
    control.write_annotations(map, name)?;
    match value {
        Some(value) => map.serialize_entry(name, value),
        None if control.writes_null(name) => map.serialize_entry(name, &()),
        None => Ok(()),
    }
}

/// Writes `@odata.type` first: an unlisted derived type's, kept in `control`, else `own`; then
/// the control information and advertised operations.
#[inline(always)]
pub fn serialize_odata_type<M: SerializeMap>(
    map: &mut M,
    own: &'static str,
    control: Option<&ControlInformation>,
) -> Result<(), M::Error> {
    match control {
        None => map.serialize_entry("@odata.type", own),
        Some(control) => serialize_odata_type_kept(map, own, control),
    }
}

/// [`serialize_odata_type`] for a value with control information, out of line.
#[cold]
#[inline(never)]
fn serialize_odata_type_kept<M: SerializeMap>(
    map: &mut M,
    own: &'static str,
    control: &ControlInformation,
) -> Result<(), M::Error> {
    match control.derived_type_raw() {
        Some(derived) => map.serialize_entry("@odata.type", derived)?,
        None => map.serialize_entry("@odata.type", own)?,
    }
    control.write_instance(map)
}

/// The value of an `Option` property from the slot its read filled: an explicit `null`
/// (`Some(None)`) is noted in `control`, so it is written back.
#[inline(always)]
pub fn take_nullable_field<T>(
    slot: Option<Option<T>>,
    control: &mut ControlInformation,
    name: &'static str,
) -> Option<T> {
    match slot {
        Some(None) => {
            control.note_null(name);
            None
        }
        Some(value) => value,
        None => None,
    }
}

/// Reads the value of `@odata.type` for a type with a control field: another type's name (a
/// derived type the model does not list) is kept there, written back first, and counted as an
/// unknown type.
#[inline]
pub fn read_odata_type_keeping<'de, A: MapAccess<'de>>(
    map: &mut A,
    expected: &'static str,
    control: &mut ControlInformation,
) -> Result<(), A::Error> {
    if let Some(foreign) = map.next_value_seed(crate::read::ODataTypeKeep::new(expected))? {
        control.set_derived_type(foreign)?;
        crate::unknown::note_type();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::read::is_control_name;

    #[test]
    fn names_tell_control_information_from_properties() {
        for name in ["@odata.etag", "@odata.context", "#microsoft.graph.assign", "createdDateTime@odata.type", "@ms.x"]
        {
            assert!(is_control_name(name), "{name}");
        }
        for name in ["displayName", "odata", "a.b", "x_y"] {
            assert!(!is_control_name(name), "{name}");
        }
    }
}
