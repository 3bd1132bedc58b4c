//! Typed Microsoft Graph entities.
//!
//! `graph-core` is the runtime behind `#[derive(GraphEntity)]`: the traits a
//! derived entity implements ([`ODataType`], [`GraphEntity`]), the request
//! values it builds ([`CreateRequest`], sent to an [`Endpoint`] with a
//! [`BearerToken`]), the OData primitives its properties use
//! ([`DateTimeOffset`], [`GraphEnum`], [`AdditionalProperties`]) and the
//! [`Error`] type. It performs no I/O: turn a request into an
//! [`http::Request`] and send it with the HTTP client you already use, or
//! enable the `client` feature for `client::Client`, an async client on
//! `reqwest` with a token provider, retries and paging.
//!
//! ```
//! use graph_core::{BearerToken, DateTimeOffset, Endpoint, GraphEntity, GraphEnum, GraphRequest};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub last_connection_date_time: Option<DateTimeOffset>,
//!     #[graph(required)]
//!     pub state: Option<NdesConnectorState>,
//!     #[graph(required)]
//!     pub display_name: Option<String>,
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
//! let request = NdesConnector::create()
//!     .display_name("Display Name value")
//!     .state(NdesConnectorState::Active)
//!     .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>()?)
//!     .build();
//! let http = request.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?;
//! assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Lets the crate's own tests and docs use the derive, whose output names `::graph_core`.
extern crate self as graph_core;

mod builder;
#[cfg(feature = "client")]
pub mod client;
mod entity;
mod error;
mod odata;
mod path;
mod polymorphic;
mod requests;
mod response;
mod unknown;

#[doc(hidden)]
pub mod __private;

pub use builder::{IsSet, Set};
pub use entity::{EntityProperty, GraphEntity, ODataType};
pub use error::{BodyError, Error, ErrorDetail, GraphError, InnerError};
pub use odata::{
    AdditionalProperties, Binary, Date, DateTimeOffset, Duration, Flags, GraphEnum, Guid, InvalidValue, TimeOfDay,
};
pub use path::{encode_key_segment, fill_template};
pub use requests::{
    ApiVersion, BearerToken, CreateRequest, DeleteRequest, Endpoint, Filter, FilterValue, GetRequest, GraphRequest,
    ListRequest, Order, Page, Patch, UpdateRequest,
};
pub use response::{from_json_slice, from_json_str};
pub use unknown::{UnknownData, count_unknown};

/// Derives a Graph complex type: `@odata.type` tagging and serde, no key or path.
pub use graph_derive::GraphComplex;
/// Derives a Graph entity or complex type: `@odata.type` tagging, serde, paths and a create builder.
///
/// See the crate README for the attributes.
pub use graph_derive::GraphEntity;
/// Derives an OData enum: members as Graph spells them, unknown members kept as text.
pub use graph_derive::GraphEnum;
