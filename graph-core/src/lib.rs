//! Typed Microsoft Graph entities: `#[derive(GraphEntity)]` turns a plain struct into a Graph
//! entity, and this crate is the runtime behind it.
//!
//! A derived entity gets its `@odata.type`, its paths, a create builder that knows the required
//! properties at compile time, a patch type in which "unchanged", "clear" and "set" are three
//! different values, and the five requests of a collection. A request is a value: inspect it,
//! turn it into an `http::Request` for the HTTP client you already use, and read the response
//! back typed — or send it with the async [`client`] (the `client` feature). Unknown
//! properties, enum members and derived types are kept and written back.
//!
//! The Intune models are generated with these derives in
//! [`msgraph-intune`](https://docs.rs/msgraph-intune).
//!
//! ```
//! use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, GraphEntity, GraphEnum, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub display_name: Option<String>,
//!     pub state: Option<NdesConnectorState>,
//!     pub last_connection_date_time: Option<DateTimeOffset>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! pub enum NdesConnectorState {
//!     None,
//!     Active,
//!     Inactive,
//!     #[graph(other)]
//!     Other(String),
//! }
//!
//! // `build()` exists only once `display_name` is set.
//! let request = NdesConnector::create().display_name("Lab").state(NdesConnectorState::Active).build();
//! let http = request.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?;
//! assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors");
//! assert_eq!(http.body(), br##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"Lab","state":"active"}"##);
//!
//! let created = request.parse_response(http::Response::builder().status(201).body(
//!     br#"{"id":"e71f","displayName":"Lab","state":"retired"}"#.to_vec(),
//! )?)?;
//! assert_eq!(created.state, Some(NdesConnectorState::Other("retired".into()))); // kept, not an error
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The guide
//!
//! | chapter | what it covers |
//! |---|---|
//! | [`guide::lifecycle`] | create, get, list, update, delete; query options; paging; errors |
//! | [`client`] | sending: retries, throttling shared by every request, streams of pages and items, `send_all`, `tracing` |
//! | [`client::credentials`] | tokens from the Azure SDK's credentials, cached; national clouds |
//! | [`guide::navigation`] | navigation properties, typed `$expand`, deep insert |
//! | [`guide::control_information`] | etags, advertised operations, annotations, explicit nulls |
//! | [`guide::backup_restore`] | saving values, creating them again elsewhere, correcting drift |
//! | [`guide::operations`] | actions and functions (`assign`, `wipe`…) |
//! | [`guide::batching`] | JSON batching with typed results |
//! | [`guide::primitives`] | OData primitives, enums, flags, unknown data, polymorphic types |
//! | [`guide::modelling`] | writing your own entity: every `#[graph(...)]` attribute |
//! | [`guide::generating`] | generating models from your own `$metadata` |
//!
//! # Features
//!
//! | feature | adds |
//! |---|---|
//! | (none) | derives, requests, primitives, errors; no I/O |
//! | `client` | [`client::Client`]: an async client on `reqwest` (rustls on *ring*, the platform's roots) |
//! | `credentials` | [`client::credentials`]: `azure_identity` credentials as token providers (turns on `client`) |
//! | `tracing` | a `tracing` span per request and events for throttling waits (turns on `client`) |
//!
//! `reqwest`, `azure_core` and `azure_identity` are public dependencies, re-exported from
//! [`client::external`]: a breaking release of any of them is a breaking release of this crate.

// The guide and the feature table link to `client`; without the feature those links have no target.
#![cfg_attr(not(feature = "client"), allow(rustdoc::broken_intra_doc_links))]

// Lets the crate's own tests and docs use the derive, whose output names `::msgraph_entity`.
extern crate self as msgraph_entity;

mod builder;
#[cfg(feature = "client")]
pub mod client;
mod control;
mod entity;
mod error;
pub mod guide;
mod odata;
mod path;
mod polymorphic;
mod pretty;
mod raw_text;
mod read;
mod requests;
mod response;
mod tag_order;
mod unknown;
mod write;

#[doc(hidden)]
pub mod __private;

pub use builder::{IsSet, Set};
pub use control::{AdvertisedOperation, ControlInformation};
pub use entity::{EntityCollection, EntityNavigation, EntityProperty, GraphEntity, ODataType};
pub use error::{
    BodyError, Error, ErrorDetail, GraphError, InnerError, PropertyError, RetriesExhausted, RetryAfter, RetryStop,
};
pub use odata::*;
pub use path::{PathPart, PathTemplate, encode_key_segment};
pub use pretty::to_json_pretty;
pub use requests::{
    ActionParameters, ActionRequest, ApiVersion, AsJson, Batch, BatchResponses, BearerToken, CollectionAt,
    CreateRequest, DeleteRequest, DependentItem, Endpoint, Filter, FilterValue, FunctionCall, FunctionParameter,
    FunctionParameters, FunctionRequest, GetRequest, GraphRequest, Handle, ListRequest, LiteralKind, NextPageRequest,
    Order, Page, Patch, ReturnShape, ReturnsCollection, ReturnsNothing, ReturnsObject, ReturnsStream, ReturnsValue,
    UpdateRequest,
};
pub use response::{from_json_slice, from_json_str};
pub use unknown::{UnknownData, count_unknown};

/// Derives an OData action's parameters and the function on the bound type that builds its `POST`.
///
/// See [`guide::operations`].
pub use msgraph_entity_derive::GraphAction;
/// Derives a Graph complex type: `@odata.type` tagging and serde, no key or path.
pub use msgraph_entity_derive::GraphComplex;
/// Derives a Graph entity or complex type: `@odata.type` tagging, serde, paths and a create builder.
///
/// See [`guide::modelling`] for the attributes.
pub use msgraph_entity_derive::GraphEntity;
/// Derives an OData enum: members as Graph spells them, unknown members kept as text.
pub use msgraph_entity_derive::GraphEnum;
/// Derives an OData function's parameters and the function on the bound type that builds its `GET`.
///
/// See [`guide::operations`].
pub use msgraph_entity_derive::GraphFunction;

/// The crate's README, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
