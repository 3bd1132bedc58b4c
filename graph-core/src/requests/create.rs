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

    /// A create request that makes `entity` again — read from one tenant, created in another
    /// (backup and restore, baselines): `parents` fill the collection path's parameters in order.
    ///
    /// The body is the entity as a request body writes it: every writable property and every
    /// navigation property the service takes inline (a settings-catalog policy's `settings`, at
    /// any depth), and `@odata.type`; not the key, read-only properties, control information, the
    /// `null`s it was read with, or navigation properties the service does not take inline
    /// (`assignments`: assign those afterwards). What the typed builder checks at compile time
    /// is checked here: a missing required property is an error naming it.
    ///
    /// ```
    /// # use msgraph_entity::{CreateRequest, GraphEntity, GraphRequest};
    /// #[derive(Debug, Clone, GraphEntity)]
    /// #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
    /// pub struct NdesConnector {
    ///     #[graph(key)]
    ///     pub id: Option<String>,
    ///     #[graph(required)]
    ///     pub display_name: Option<String>,
    /// }
    ///
    /// let read: NdesConnector = msgraph_entity::from_json_str(r#"{"id":"e71f","displayName":"Lab"}"#)?;
    /// let request = CreateRequest::from_entity(&read, &[])?;
    /// assert_eq!(request.body_json()?.unwrap(), br##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"Lab"}"##);
    ///
    /// let unnamed = NdesConnector { id: None, display_name: None };
    /// let error = CreateRequest::from_entity(&unnamed, &[]).unwrap_err();
    /// assert!(error.to_string().contains("`displayName`"), "{error}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_entity(entity: &T, parents: &[&str]) -> Result<Self, Error>
    where
        T: EntityCollection + Clone,
    {
        if let Some(missing) = entity.missing_required() {
            return Err(Error::InvalidRequest {
                reason: format!("a create request for `{}` needs `{missing}`, which is not set", T::GRAPH_NAME),
            });
        }
        CreateRequest::in_collection(entity.clone(), parents)
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
