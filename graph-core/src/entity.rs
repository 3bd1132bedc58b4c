//! The traits every derived Graph type implements.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Error, PathTemplate};

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

/// A navigation property of an entity, as `$expand` names it.
///
/// The derive generates an enum of these per entity
/// (`DeviceManagementConfigurationPolicyNavigation`), so a navigation property that does not
/// exist does not compile.
pub trait EntityNavigation: Copy {
    /// The navigation property's Graph name: `settings`.
    fn graph_name(self) -> &'static str;
}

/// A Graph entity: a type with a key, properties to select and a patch to update it with.
///
/// An entity stored in a collection of its own also implements
/// [`EntityCollection`], which gives its paths; one without (reached only
/// through its parent, or a singleton) does not, and has no operations.
pub trait GraphEntity: ODataType + Serialize + DeserializeOwned {
    /// The entity's properties, for `$select`, `$orderby` and filters.
    type Property: EntityProperty;
    /// The entity's navigation properties, for `$expand`.
    type Navigation: EntityNavigation;
    /// The entity's update: each writable property unchanged, cleared or set (see [`crate::Patch`]).
    type Patch: Serialize + std::fmt::Debug + Clone + PartialEq;

    /// The Graph name of the key property, usually `id`.
    const KEY_PROPERTY: &'static str;

    /// The key of this value, when it has one (values built for a create request do not).
    fn key(&self) -> Option<&str>;

    /// The Graph name of the first property a create request needs that this value lacks: what
    /// the create builder checks at compile time, checked at run time for a value built otherwise
    /// (see `CreateRequest::from_entity`).
    fn missing_required(&self) -> Option<&'static str> {
        None
    }
}

/// An entity stored in a collection: the path of the collection and of each item.
pub trait EntityCollection: GraphEntity {
    /// The path of the collection from the service root: `/deviceManagement/ndesConnectors`.
    ///
    /// A collection under another entity is a template with `{parameter}`
    /// segments: `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    const COLLECTION: PathTemplate;

    /// The path of one item of the collection, with the key percent-encoded as one path segment.
    ///
    /// An empty key, `.` or `..` is an [`Error::InvalidKey`]: no key can leave the collection.
    /// A collection path with parameters needs [`EntityCollection::item_path_in`].
    fn item_path(key: &str) -> Result<String, Error> {
        Self::COLLECTION.item_path(&[], key)
    }

    /// The path of one item of a collection whose path has parameters: `parents` fill them in order.
    fn item_path_in(parents: &[&str], key: &str) -> Result<String, Error> {
        Self::COLLECTION.item_path(parents, key)
    }

    /// The collection's path with its parameters filled in order (none for a top-level collection).
    fn collection_path(parents: &[&str]) -> Result<String, Error> {
        Self::COLLECTION.fill(parents).map(std::borrow::Cow::into_owned)
    }
}
