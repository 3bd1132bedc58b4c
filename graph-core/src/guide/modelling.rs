//! # Modelling an entity
//!
//! The generated Intune models cover the Intune schema; for anything else (another workload,
//! a property beta added yesterday, a trimmed model of your own) write the struct and derive.
//! Start from the entity's resource page in the Graph docs and its "Create" page:
//!
//! 1. One field per property, in the order the page shows them (the order they are written
//!    in). Use `Option<T>` for every property the service may leave out of a response — in
//!    practice all of them; a non-`Option` field is required both when reading and when creating.
//! 2. Property types: the [primitives](super::primitives) (`String`, `bool`, integers, `f64`,
//!    [`DateTimeOffset`](crate::DateTimeOffset), [`Decimal`](crate::Decimal), …), a
//!    `#[derive(GraphEnum)]` enum (or [`Flags<E>`](crate::Flags) of one), a
//!    `#[derive(GraphComplex)]` struct, a polymorphic enum, and `Vec<_>` of any of them.
//! 3. Annotate it with the attributes below.
//! 4. Check it against the docs' example: build the request, compare its body with the
//!    example request, and read the example response back.
//!
//! ```
//! use msgraph_entity::{AdditionalProperties, ControlInformation, DateTimeOffset, GraphComplex, GraphEntity, GraphEnum, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceConfigurationAssignment",
//!         collection = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments")]
//! #[graph(create_at(name = "create_in_root_certificate",
//!         path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments"))]
//! pub struct Assignment {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub target: Option<GroupTarget>,
//!     pub intent: Option<Intent>,
//!     #[graph(read_only)]
//!     pub last_modified_date_time: Option<DateTimeOffset>,
//!     #[graph(rename = "source")]
//!     pub assignment_source: Option<String>,
//!     #[graph(additional)]
//!     pub additional_properties: AdditionalProperties,
//!     #[graph(odata)]
//!     pub odata: ControlInformation,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphComplex)]
//! #[graph(odata_type = "microsoft.graph.groupAssignmentTarget")]
//! pub struct GroupTarget {
//!     pub group_id: Option<String>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! #[graph(name = "deviceConfigAssignmentIntent")]
//! pub enum Intent {
//!     Apply,
//!     Remove,
//!     #[graph(other)]
//!     Other(String),
//! }
//!
//! let target = GroupTarget { group_id: Some("0a3c".into()) };
//! let request = Assignment::create("c7")?.target(target.clone()).intent(Intent::Apply).assignment_source("direct").build();
//! assert_eq!(request.path(), "/deviceManagement/deviceConfigurations/c7/assignments");
//! assert_eq!(
//!     request.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"0a3c"},"intent":"apply","source":"direct"}"##
//! );
//! let elsewhere = Assignment::create_in_root_certificate("c7")?.target(target).build();
//! assert_eq!(elsewhere.path(), "/deviceManagement/deviceConfigurations/c7/rootCertificate/assignments");
//! assert_eq!(Assignment::get("c7", "a/1")?.path(), "/deviceManagement/deviceConfigurations/c7/assignments/a%2F1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A forgotten required property does not compile: "the required property `target` was not
//! set … `target` must be set before `build()`".
//!
//! ```compile_fail,E0277
//! # use msgraph_entity::{GraphComplex, GraphEntity};
//! # #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.deviceConfigurationAssignment",
//! #         collection = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments")]
//! # pub struct Assignment { #[graph(key)] pub id: Option<String>, #[graph(required)] pub target: Option<GroupTarget> }
//! # #[derive(Debug, Clone, PartialEq, GraphComplex)]
//! # #[graph(odata_type = "microsoft.graph.groupAssignmentTarget")]
//! # pub struct GroupTarget { pub group_id: Option<String> }
//! let request = Assignment::create("c7")?.build();
//! # Ok::<(), msgraph_entity::Error>(())
//! ```
//!
//! ## On the struct or enum
//!
//! | attribute | on | meaning |
//! |---|---|---|
//! | `odata_type = "microsoft.graph.x"` | entity, complex type, polymorphic enum | the OData type (the `#` is optional); written first on every serialization, checked on reading |
//! | `collection = "/deviceManagement/xs"` | entity | the collection path from the service root. `{param}` segments make every operation take the parents' keys first. Without it the entity has no collection of its own (reached through its parent, or held once): it is a [`GraphEntity`](crate::GraphEntity) with a key, properties and a patch type, but no [`EntityCollection`](crate::EntityCollection) and no operations |
//! | `create_at(name = "create_in_x", path = "/…")` | entity struct, repeatable | another collection to create in, as a function `create_in_x` |
//! | `single(name = "x", path = "/…")` | entity, repeatable | a place holding one value of the entity (a singleton, `/deviceManagement/androidForWorkSettings`): `get_x()` and `update_x(patch)`, taking the path's parameters |
//! | `cast` | entity | the collection holds a base type's items: `list()` asks for this type's with a cast segment (`…/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration`) and returns a `Result` |
//! | `name = "x"` | enum | the enum's Graph name, when not the lowerCamelCase of its Rust name |
//! | `crate = path` | every derive | where the runtime crate is, when not `::msgraph_entity` (below) |
//!
//! The operation derives take `name`, `bound`, `path`, `returns` and `method`: see
//! [`operations`](super::operations).
//!
//! ## On a field
//!
//! | attribute | meaning |
//! |---|---|
//! | `key` | the key property (`id`); set by the service, `Option<String>`; one per entity |
//! | `read_only` | set by the service only: no builder or patch setter, left out of create requests and patches |
//! | `required` | must be set before `build()` (an `Option` field; a non-`Option` one is required already); `from_entity` checks it at run time |
//! | `rename = "minOSVersion"` | the Graph name, when not the lowerCamelCase of the field |
//! | `additional` | an [`AdditionalProperties`](crate::AdditionalProperties) field that keeps unknown properties, written back after the others |
//! | `odata` | a [`ControlInformation`](crate::ControlInformation) field that keeps control information, annotations and explicit nulls ([`control_information`](super::control_information)) |
//! | `navigation` | a navigation property: read when expanded, named by `$expand`, left out of `$select`, patches and request bodies ([`navigation`](super::navigation)) |
//! | `navigation(deep_insert)` | a navigation property the service takes inline on create: a builder setter, carried by `from_entity`; add `required` when a create needs it |
//!
//! On a complex type's field: `rename`, `additional`, `odata`, `navigation`. On an operation's
//! field: `rename`.
//!
//! ## On an enum variant
//!
//! | attribute | meaning |
//! |---|---|
//! | `rename = "macOS"` | a member's Graph name, when not the lowerCamelCase of the variant (`GraphEnum`) |
//! | `other` | `Other(String)`: keeps members the model does not know (`GraphEnum`); `Unlisted(AdditionalProperties)`: keeps types a polymorphic enum does not list |
//!
//! ## Path parameters
//!
//! A collection path is a template, parsed at compile time. Each `{parameter}` becomes an
//! argument named in snake_case (`{deviceConfigurationId}` → `device_configuration_id`); a
//! name that is a Rust keyword or an operation's own argument (`key`, `patch`, `parameters`)
//! gets a trailing `_` (`{type}` → `type_`). Two parameters that end up with one name, a
//! malformed path, a query or fragment, or a parameter that does not start with a letter are
//! compile errors on the path. Values are percent-encoded as one segment each: no key can
//! leave its collection.
//!
//! ## What the derive writes
//!
//! For an entity `X` with a collection: `impl ODataType`, `GraphEntity`, `EntityCollection`,
//! serde; `XProperty` (for `$select`, `$orderby`, filters), `XNavigation` (for `$expand`),
//! `XPatch` (one setter and one `clear_…` per writable property, and `between`), the builder
//! `CreateX` with its typestate, and the functions `create`, `get`, `list`, `update`, `delete`
//! (and `create_in_…`, `get_…`/`update_…` for `create_at` and `single`). Generated code names
//! everything by absolute path, so it compiles beside your own `Result` or `Option`, and
//! raises no warning under `#![deny(warnings)]`. A mistake is reported on your token (the key,
//! the literal, the field's type), all mistakes at once, without follow-on errors.
//!
//! ## The runtime under another name
//!
//! Generated code names `::msgraph_entity`. When the dependency is renamed
//! (`graph = { package = "msgraph-entity" }`) or reached through a facade crate, say where it
//! is, as a path or as a string: `#[graph(crate = graph)]`, `#[graph(crate =
//! "my_facade::entity")]`.
//!
//! ```
//! # pub extern crate msgraph_entity; // a doctest's own `extern crate` is private
//! mod facade {
//!     pub use msgraph_entity as entity;
//! }
//!
//! #[derive(Debug, facade::entity::GraphEntity)]
//! #[graph(crate = crate::facade::entity, odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//! }
//! # fn main() {
//! # assert_eq!(NdesConnector::get("a").unwrap().path(), "/deviceManagement/ndesConnectors/a");
//! # }
//! ```
