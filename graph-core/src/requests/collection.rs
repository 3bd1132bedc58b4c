//! A collection of an entity other than its own: where `create_in_*` creates, the rest of the
//! lifecycle too.

use std::borrow::Cow;
use std::marker::PhantomData;

use super::{DeleteRequest, GetRequest, ListRequest, UpdateRequest};
use crate::{Error, GraphEntity, encode_key_segment};

/// Another collection that holds an entity type (a settings-catalog setting is in its policy's
/// `settings`, and also in a targeted managed app configuration's): list it, read, update or
/// delete one of its items. Got from the entity's generated `in_*` function, the sibling of its
/// `create_in_*`; the entity's own `get`, `list`, `update` and `delete` use its primary collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionAt<T> {
    path: Cow<'static, str>,
    updates_tagged: bool,
    entity: PhantomData<fn() -> T>,
}

impl<T: GraphEntity> CollectionAt<T> {
    /// The collection at `path` (from the service root, its parameters filled).
    pub fn new(path: impl Into<Cow<'static, str>>) -> Self {
        CollectionAt { path: path.into(), updates_tagged: true, entity: PhantomData }
    }

    /// Updates send no `@odata.type`, so each item keeps its own: what the generated `in_*` of a
    /// polymorphic collection sets, since by key alone the item's derived type is not known.
    pub fn updates_without_odata_type(mut self) -> Self {
        self.updates_tagged = false;
        self
    }

    /// The collection's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A request for the collection's items, one page at a time.
    pub fn list(&self) -> ListRequest<T> {
        ListRequest::new(self.path.clone())
    }

    /// A request for one item by key (percent-encoded: it cannot leave the collection).
    pub fn get(&self, key: &str) -> Result<GetRequest<T>, Error> {
        Ok(GetRequest::new(self.item_path(key)?))
    }

    /// A request that applies `patch` to one item.
    pub fn update(&self, key: &str, patch: T::Patch) -> Result<UpdateRequest<T>, Error> {
        let request = UpdateRequest::new(self.item_path(key)?, patch);
        Ok(if self.updates_tagged { request } else { request.without_odata_type() })
    }

    /// A request that deletes one item.
    pub fn delete(&self, key: &str) -> Result<DeleteRequest<T>, Error> {
        Ok(DeleteRequest::new(self.item_path(key)?))
    }

    fn item_path(&self, key: &str) -> Result<String, Error> {
        Ok(format!("{}/{}", self.path, encode_key_segment(key)?))
    }
}
