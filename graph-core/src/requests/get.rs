//! `GET` one item, and `DELETE` one item.

use std::borrow::Cow;
use std::marker::PhantomData;

use http::{HeaderMap, Method, StatusCode};

use super::query::Query;
use super::{Endpoint, GraphRequest, check_status};
use crate::{EntityNavigation, EntityProperty, Error, GraphEntity};

/// `GET` one entity by key, with optional `$select` and `$expand`.
///
/// Built by the entity's generated `get(..)`; reads back as `T` (`200`).
#[derive(Debug, Clone, PartialEq)]
pub struct GetRequest<T> {
    path: Cow<'static, str>,
    query: Query,
    entity: PhantomData<fn() -> T>,
}

impl<T: GraphEntity> GetRequest<T> {
    /// A request for the item at `path` (from the service root, key included).
    pub fn new(path: impl Into<Cow<'static, str>>) -> Self {
        GetRequest { path: path.into(), query: Query::default(), entity: PhantomData }
    }

    /// The item's path: `/deviceManagement/ndesConnectors/{id}`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string, without `?` (empty when there are no options).
    pub fn query(&self) -> String {
        self.query.encode()
    }

    /// `$select`: only these properties come back; the names are checked at compile time.
    pub fn select(mut self, properties: impl IntoIterator<Item = T::Property>) -> Self {
        self.query.select.extend(properties.into_iter().map(EntityProperty::graph_name));
        self
    }

    /// `$expand`: the navigation properties to include, read into their fields
    /// (`DeviceManagementConfigurationPolicyNavigation::Settings`): one that does not exist does
    /// not compile.
    pub fn expand(mut self, navigation: impl IntoIterator<Item = T::Navigation>) -> Self {
        self.query.expand.extend(navigation.into_iter().map(|navigation| navigation.graph_name().to_owned()));
        self
    }

    /// `$expand` as text, for what the navigation enum cannot say (`settings($select=id)`).
    pub fn expand_raw(mut self, expand: impl Into<String>) -> Self {
        self.query.expand.push(expand.into());
        self
    }
}

impl<T: GraphEntity> GraphRequest for GetRequest<T> {
    type Output = T;

    fn method(&self) -> Method {
        Method::GET
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(with_query(endpoint.url(&self.path), &self.query.encode()))
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<T, Error> {
        check_status(status, headers, body, &[200])?;
        Ok(crate::from_json_slice(body)?)
    }
}

/// `DELETE` one entity by key. Built by the entity's generated `delete(..)`; succeeds with `204`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteRequest<T> {
    path: Cow<'static, str>,
    entity: PhantomData<fn() -> T>,
}

impl<T: GraphEntity> DeleteRequest<T> {
    /// A request that deletes the item at `path` (from the service root, key included).
    pub fn new(path: impl Into<Cow<'static, str>>) -> Self {
        DeleteRequest { path: path.into(), entity: PhantomData }
    }

    /// The item's path: `/deviceManagement/ndesConnectors/{id}`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl<T: GraphEntity> GraphRequest for DeleteRequest<T> {
    type Output = ();

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url(&self.path))
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
        check_status(status, headers, body, &[204, 200])
    }
}

pub(crate) fn with_query(mut url: String, query: &str) -> String {
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}
