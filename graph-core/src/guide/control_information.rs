//! # Control information: etags, advertised operations, annotations, explicit nulls
//!
//! Besides its properties, the service writes things *about* a value: OData control
//! information (`@odata.context`, `@odata.etag`, `@odata.id`), instance annotations
//! (`@namespace.term`), property annotations (`createdDateTime@odata.type`,
//! `assignments@odata.navigationLink`) and, with full metadata, the operations it can invoke
//! (`"#microsoft.graph.assign": {"title", "target"}`). OData tells them apart from properties
//! by name, and so does this crate.
//!
//! A field marked `#[graph(odata)]` of type [`ControlInformation`](crate::ControlInformation)
//! (`odata` in the generated models) keeps all of it, in the order it came, apart from the
//! unknown properties of the [`AdditionalProperties`](crate::AdditionalProperties) catch-all.
//! It also remembers which properties the service wrote as `null`: they read as `None` like
//! absent ones, and are written back as `null`.
//!
//! - **Written back where it stood**: control information after `@odata.type`, each property's
//!   annotations just before the property. A value read from a full-metadata response writes
//!   back JSON-equal.
//! - **Never sent**: a create, update or action body leaves it all out, the nulls too, but
//!   for `@odata.bind` annotations (a reference you ask the service to bind). So a value read
//!   can be created again as it is ([`backup_restore`](super::backup_restore)).
//! - **Not unknown data**: [`count_unknown`](crate::count_unknown) does not count it.
//! - [`forget_nulls`](crate::ControlInformation::forget_nulls) makes this value's `None`s absent
//!   when written; [`clear`](crate::ControlInformation::clear) forgets everything. Both are
//!   shallow: nested values keep theirs. A request body is the deep form of both.
//!
//! A type without an `odata` field skips control information when it reads, and does not
//! remember nulls.
//!
//! [`etag`](crate::ControlInformation::etag), [`id`](crate::ControlInformation::id),
//! [`edit_link`](crate::ControlInformation::edit_link) and
//! [`context`](crate::ControlInformation::context) give a string's text only when it has no JSON
//! escapes: a weak etag written `"W/\"3\""` gives `None`; read it whole with
//! [`get`](crate::ControlInformation::get).
//!
//! ```
//! use msgraph_entity::{ControlInformation, CreateRequest, GraphEntity, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//!     pub connector_version: Option<String>,
//!     #[graph(odata)]
//!     pub odata: ControlInformation,
//! }
//!
//! let body = r##"{"@odata.type":"#microsoft.graph.ndesConnector","@odata.etag":"3:2024-06-01","#microsoft.graph.assign":{"title":"assign","target":"https://graph.microsoft.com/beta/x/assign"},"id":"e71f","displayName@contoso.note":"set by hand","displayName":"Lab","connectorVersion":null}"##;
//! let connector: NdesConnector = msgraph_entity::from_json_str(body)?;
//!
//! assert_eq!(connector.odata.etag(), Some("3:2024-06-01"));
//! let assign = connector.odata.operations().next().unwrap();
//! assert_eq!((assign.name, assign.title), ("microsoft.graph.assign", Some("assign")));
//! let (term, value) = connector.odata.annotations("displayName").next().unwrap();
//! assert_eq!((term, value.get()), ("@contoso.note", r#""set by hand""#));
//! assert!(connector.odata.is_explicit_null("connectorVersion"));
//!
//! // Written back as read; sent without any of it.
//! assert_eq!(serde_json::to_string(&connector)?, body);
//! assert_eq!(
//!     CreateRequest::from_entity(&connector, &[])?.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"Lab"}"##
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
