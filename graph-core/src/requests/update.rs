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
    entity: PhantomData<fn() -> T>,
}

impl<T: GraphEntity> UpdateRequest<T> {
    /// A request that applies `patch` to the item at `path` (from the service root, key included).
    pub fn new(path: impl Into<Cow<'static, str>>, patch: T::Patch) -> Self {
        UpdateRequest { path: path.into(), patch, entity: PhantomData }
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

impl<T: GraphEntity> GraphRequest for UpdateRequest<T> {
    type Output = Option<T>;

    fn method(&self) -> Method {
        Method::PATCH
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url(&self.path))
    }

    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        super::json_body(&self.patch)
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Option<T>, Error> {
        check_status(status, headers, body, &[204, 200])?;
        if status == StatusCode::NO_CONTENT || body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        Ok(Some(crate::from_json_slice(body)?))
    }
}
