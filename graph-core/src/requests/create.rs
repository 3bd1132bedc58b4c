//! `POST` to a collection.

use std::borrow::Cow;

use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Endpoint, GraphRequest, check_status};
use crate::{EntityCollection, Error, ODataType};

/// A `POST` that creates an entity in a collection: the path and the typed body.
///
/// Built by an entity's `create()` builder. Inspect it, then turn it into an
/// [`http::Request`] with [`GraphRequest::to_http`]; the response (`201` and
/// the created entity) reads back as `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateRequest<T> {
    path: Cow<'static, str>,
    body: T,
}

impl<T: Serialize> CreateRequest<T> {
    /// A create request for `body` at `path` (a collection path from the service root).
    pub fn new(path: impl Into<Cow<'static, str>>, body: T) -> Self {
        CreateRequest { path: path.into(), body }
    }

    /// A create request for `body` in its entity's collection, without the typed builder:
    /// `parents` fill the collection path's parameters in order.
    pub fn in_collection(body: T, parents: &[&str]) -> Result<Self, Error>
    where
        T: EntityCollection,
    {
        Ok(CreateRequest::new(T::COLLECTION.fill(parents)?, body))
    }

    /// The collection path: `/deviceManagement/ndesConnectors`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The entity that will be sent.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The entity, taken back.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T: Serialize + DeserializeOwned + ODataType> GraphRequest for CreateRequest<T> {
    type Output = T;

    fn method(&self) -> Method {
        Method::POST
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url(&self.path))
    }

    /// The body is serialized once, straight into the request's buffer.
    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        super::json_body(&self.body)
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<T, Error> {
        check_status(status, headers, body, &[201, 200])?;
        Ok(crate::from_json_slice(body)?)
    }
}
