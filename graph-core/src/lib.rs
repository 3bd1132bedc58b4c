#![doc = include_str!("../README.md")]

// Lets the crate's own tests and docs use the derive, whose output names `::msgraph_entity`.
extern crate self as msgraph_entity;

mod builder;
#[cfg(feature = "client")]
pub mod client;
mod control;
mod entity;
mod error;
mod odata;
mod path;
mod polymorphic;
mod pretty;
mod read;
mod requests;
mod response;
mod tag_order;
mod unknown;

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
/// See the README's "Actions and functions".
pub use msgraph_entity_derive::GraphAction;
/// Derives a Graph complex type: `@odata.type` tagging and serde, no key or path.
pub use msgraph_entity_derive::GraphComplex;
/// Derives a Graph entity or complex type: `@odata.type` tagging, serde, paths and a create builder.
///
/// See the crate README for the attributes.
pub use msgraph_entity_derive::GraphEntity;
/// Derives an OData enum: members as Graph spells them, unknown members kept as text.
pub use msgraph_entity_derive::GraphEnum;
/// Derives an OData function's parameters and the function on the bound type that builds its `GET`.
pub use msgraph_entity_derive::GraphFunction;
