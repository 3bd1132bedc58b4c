//! `PATCH` one item: only what was set, and `null` to clear.

use std::borrow::Cow;
use std::marker::PhantomData;

use http::{HeaderMap, Method, StatusCode};
use serde::{Serialize, Serializer};

use super::{Endpoint, GraphRequest, check_status};
use crate::{Error, GraphEntity};

/// One property of an update: left as it is, cleared, or set.
///
/// The three are different values of the type, so a patch can never send a
/// property the caller did not touch, nor confuse "clear" with "leave alone".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Not sent: the service keeps its value.
    #[default]
    Unchanged,
    /// Sent as `null`: the service clears the property.
    Null,
    /// Sent with this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the property is left out of the request.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }
}

impl<T: Serialize + serde::de::DeserializeOwned> Patch<T> {
    /// The change of an optional property from `old` to `new`: unchanged when both are written
    /// alike (as a request body writes them), cleared when `new` is `None`, else set to `new`.
    pub fn between(old: &Option<T>, new: &Option<T>) -> Result<Self, Error> {
        match new {
            None if old.is_none() => Ok(Patch::Unchanged),
            None => Ok(Patch::Null),
            Some(new) => Patch::between_values(old.as_ref(), new),
        }
    }

    /// The change of a property to `new` from `old` (absent when `None`).
    fn between_values(old: Option<&T>, new: &T) -> Result<Self, Error> {
        let write =
            |value: &T| crate::control::as_request_body(|| serde_json::to_string(value)).map_err(Error::Serialize);
        let new_text = write(new)?;
        if let Some(old) = old
            && write(old)? == new_text
        {
            return Ok(Patch::Unchanged);
        }
        // The value as sent, read again: no `Clone` needed, and nothing read-only comes along.
        Ok(Patch::Set(serde_json::from_str(&new_text).map_err(|error| Error::InvalidRequest {
            reason: format!("a changed value does not read back as it was written: {error}"),
        })?))
    }

    /// The change of a property that is always present, from `old` to `new`.
    pub fn between_required(old: &T, new: &T) -> Result<Self, Error> {
        Patch::between_values(Some(old), new)
    }
}

/// What a generated `between` uses: the change of each property, the first error kept.
///
/// One call per property and no `?`: a `?` per property cost a large patch's `between` more to
/// compile than the comparisons themselves. After an error the remaining properties are not
/// compared.
#[doc(hidden)]
#[derive(Default)]
pub struct PatchDiff {
    error: Option<Error>,
}

impl PatchDiff {
    /// [`Patch::between`], or `Unchanged` once an error is kept.
    #[inline]
    pub fn optional<T: Serialize + serde::de::DeserializeOwned>(
        &mut self,
        old: &Option<T>,
        new: &Option<T>,
    ) -> Patch<T> {
        self.compare(|| Patch::between(old, new))
    }

    /// [`Patch::between_required`], or `Unchanged` once an error is kept.
    #[inline]
    pub fn required<T: Serialize + serde::de::DeserializeOwned>(&mut self, old: &T, new: &T) -> Patch<T> {
        self.compare(|| Patch::between_required(old, new))
    }

    /// Runs one comparison unless an earlier one failed (then `Unchanged`), and keeps its error.
    fn compare<T>(&mut self, change: impl FnOnce() -> Result<Patch<T>, Error>) -> Patch<T> {
        if self.error.is_some() {
            return Patch::Unchanged;
        }
        change().unwrap_or_else(|error| {
            self.error = Some(error);
            Patch::Unchanged
        })
    }

    /// The patch, or the first error.
    #[inline]
    pub fn finish<P>(self, patch: P) -> Result<P, Error> {
        match self.error {
            None => Ok(patch),
            Some(error) => Err(error),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    /// `null` for [`Patch::Null`] and the value for [`Patch::Set`]; an
    /// [`Patch::Unchanged`] property is skipped by the generated patch type and never reaches here.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            Patch::Null | Patch::Unchanged => serializer.serialize_none(),
        }
    }
}

/// `PATCH` one entity: the generated patch type sends only the properties set or cleared.
///
/// Built by the entity's generated `update(.., patch)`. Succeeds with `204`,
/// or `200` and the updated entity, which then reads back as `Some(T)`.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateRequest<T: GraphEntity> {
    path: Cow<'static, str>,
    patch: T::Patch,
    odata_type: TypeTag,
    entity: PhantomData<fn() -> T>,
}

/// Which `@odata.type` an update sends.
#[derive(Debug, Clone, PartialEq)]
enum TypeTag {
    /// The patch type's own (its entity's).
    Patch,
    /// None: the service keeps the item's type.
    Omitted,
    /// This one: the item's own derived type.
    Named(Cow<'static, str>),
}

impl<T: GraphEntity> UpdateRequest<T> {
    /// A request that applies `patch` to the item at `path` (from the service root, key included).
    pub fn new(path: impl Into<Cow<'static, str>>, patch: T::Patch) -> Self {
        UpdateRequest { path: path.into(), patch, odata_type: TypeTag::Patch, entity: PhantomData }
    }

    /// Sends `odata_type` (`#microsoft.graph.windows10GeneralConfiguration`) as the body's
    /// `@odata.type`, in place of the patch's base type: an update of a derived item through
    /// its base collection.
    pub fn with_odata_type(mut self, odata_type: impl Into<Cow<'static, str>>) -> Self {
        self.odata_type = TypeTag::Named(odata_type.into());
        self
    }

    /// Sends no `@odata.type`: the service keeps the item's own type. What the update of a
    /// polymorphic collection by key alone does, since the item's derived type is not known.
    pub fn without_odata_type(mut self) -> Self {
        self.odata_type = TypeTag::Omitted;
        self
    }

    /// The item's path: `/deviceManagement/ndesConnectors/{id}`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The changes that will be sent.
    pub fn patch(&self) -> &T::Patch {
        &self.patch
    }
}

/// Replaces or drops the `@odata.type` a generated patch writes first (`{"@odata.type":"…"`).
fn retag(body: Vec<u8>, odata_type: Option<&str>) -> Result<Vec<u8>, Error> {
    const PREFIX: &[u8] = br#"{"@odata.type":""#;
    let tag_end = body
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.iter().position(|byte| *byte == b'"'))
        .map(|at| PREFIX.len() + at + 1)
        .ok_or_else(|| Error::InvalidRequest {
            reason: "the patch body does not start with its @odata.type".to_owned(),
        })?;
    let rest = &body[tag_end..];
    let mut out = Vec::with_capacity(body.len() + 64);
    match odata_type {
        Some(odata_type) => {
            out.extend_from_slice(b"{\"@odata.type\":");
            serde_json::to_writer(&mut out, odata_type).map_err(Error::Serialize)?;
            out.extend_from_slice(rest);
        }
        None => {
            out.push(b'{');
            out.extend_from_slice(rest.strip_prefix(b",").unwrap_or(rest));
        }
    }
    Ok(out)
}

impl<T: GraphEntity> GraphRequest for UpdateRequest<T> {
    type Output = Option<T>;

    fn method(&self) -> Method {
        Method::PATCH
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url(&self.path))
    }

    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        let body = super::json_body(&self.patch)?.unwrap_or_default();
        Ok(Some(match &self.odata_type {
            TypeTag::Patch => body,
            TypeTag::Omitted => retag(body, None)?,
            TypeTag::Named(odata_type) => retag(body, Some(odata_type))?,
        }))
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Option<T>, Error> {
        check_status(status, headers, body, &[204, 200])?;
        if status == StatusCode::NO_CONTENT || body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        Ok(Some(crate::from_json_slice(body)?))
    }
}

#[cfg(test)]
mod tests {
    use serde::ser::Error as _;

    use super::*;

    /// A value that reads but cannot be written.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("this value cannot be written"))
        }
    }

    #[test]
    fn a_diff_compares_each_property_as_it_is_sent() {
        let mut diff = PatchDiff::default();
        let same = diff.optional(&Some("a".to_owned()), &Some("a".to_owned()));
        let changed = diff.optional(&Some(1), &Some(2));
        let cleared = diff.optional(&Some(1), &None);
        let absent = diff.optional::<u8>(&None, &None);
        let required = diff.required(&true, &false);
        assert_eq!(diff.finish(()).map_err(|error| error.to_string()), Ok(()));
        assert_eq!((same, changed, cleared, absent), (Patch::Unchanged, Patch::Set(2), Patch::Null, Patch::Unchanged));
        assert_eq!(required, Patch::Set(false));
    }

    #[test]
    fn a_diff_keeps_its_first_error_and_compares_nothing_after_it() {
        let mut diff = PatchDiff::default();
        let before = diff.optional(&Some(1), &Some(2));
        let failed = diff.required(&Unwritable, &Unwritable);
        let after = diff.optional(&Some(1), &Some(2));
        assert_eq!((before, after), (Patch::Set(2), Patch::Unchanged));
        assert_eq!(failed, Patch::Unchanged);
        let error = diff.finish("the patch").expect_err("a property could not be compared");
        match error {
            Error::Serialize(cause) => assert_eq!(cause.to_string(), "this value cannot be written"),
            other => panic!("not a serialization error: {other:?}"),
        }
    }
}
