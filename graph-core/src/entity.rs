//! The traits every derived Graph type implements.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{CreateRequest, Error};

/// A Graph type that carries an `@odata.type`: an entity or a complex type.
pub trait ODataType {
    /// The full OData type name, with the leading `#`: `#microsoft.graph.ndesConnector`.
    const ODATA_TYPE: &'static str;
    /// The type's own name as Graph spells it (`ndesConnector`), used in error messages.
    const GRAPH_NAME: &'static str;
}

/// A property of an entity, as `$select`, `$orderby` and filters name it.
///
/// The derive generates an enum of these per entity (`NdesConnectorProperty`),
/// so a property that does not exist does not compile.
pub trait EntityProperty: Copy {
    /// The property's Graph name: `displayName`.
    fn graph_name(self) -> &'static str;
}

/// A Graph entity: a type with a key, stored in a collection.
pub trait GraphEntity: ODataType + Serialize + DeserializeOwned {
    /// The entity's properties, for `$select`, `$orderby` and filters.
    type Property: EntityProperty;
    /// The entity's update: each writable property unchanged, cleared or set (see [`crate::Patch`]).
    type Patch: Serialize + std::fmt::Debug + Clone + PartialEq;

    /// The path of the collection from the service root: `/deviceManagement/ndesConnectors`.
    ///
    /// A collection under another entity is a template with `{parameter}`
    /// segments: `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    const COLLECTION_PATH: &'static str;
    /// The Graph name of the key property, usually `id`.
    const KEY_PROPERTY: &'static str;

    /// The key of this value, when it has one (values built for a create request do not).
    fn key(&self) -> Option<&str>;

    /// The path of one item of the collection, with the key percent-encoded as one path segment.
    ///
    /// An empty key, `.` or `..` is an [`Error::InvalidKey`]: no key can leave the collection.
    /// A collection path with parameters needs [`GraphEntity::item_path_in`].
    fn item_path(key: &str) -> Result<String, Error> {
        crate::path::item_path(Self::COLLECTION_PATH, &[], key)
    }

    /// The path of one item of a collection whose path has parameters: `parents` fill them in order.
    fn item_path_in(parents: &[&str], key: &str) -> Result<String, Error> {
        crate::path::item_path(Self::COLLECTION_PATH, parents, key)
    }

    /// The collection's path with its parameters filled in order (none for a top-level collection).
    fn collection_path(parents: &[&str]) -> Result<String, Error> {
        crate::path::fill_template(Self::COLLECTION_PATH, parents).map(std::borrow::Cow::into_owned)
    }

    /// A create request for `self` in the entity's collection, without the typed builder.
    fn into_create_request(self, parents: &[&str]) -> Result<CreateRequest<Self>, Error> {
        Ok(CreateRequest::new(crate::path::fill_template(Self::COLLECTION_PATH, parents)?, self))
    }
}
