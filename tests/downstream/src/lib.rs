//! A downstream crate as a user writes it: one dependency (msgraph-entity), every
//! warning and clippy lint denied, and the prelude's `Result`, `Option`,
//! `String` and `Vec` shadowed by its own types. The derives must still expand
//! cleanly here; `cargo clippy --all-targets -- -D warnings` checks it in CI.
#![deny(warnings, missing_docs, unused, nonstandard_style, rust_2018_idioms, future_incompatible)]
#![deny(clippy::all, clippy::pedantic)]
#![allow(clippy::module_name_repetitions)]

use msgraph_entity::{AdditionalProperties, DateTimeOffset, GraphComplex, GraphEntity, GraphEnum};

/// Shadows the prelude's `Result`.
pub struct Result;
/// Shadows the prelude's `Option`.
pub struct Option;
/// Shadows the prelude's `String`.
pub struct String;
/// Shadows the prelude's `Vec`.
pub struct Vec;

type Text = std::string::String;

/// A connector, written with every field attribute.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "#microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct Connector {
    /// Key.
    #[graph(key)]
    pub id: core::option::Option<Text>,
    /// Required on create.
    #[graph(required)]
    pub display_name: core::option::Option<Text>,
    /// Required because it is not an `Option`.
    pub state: ConnectorState,
    /// Optional.
    pub last_connection_date_time: ::core::option::Option<DateTimeOffset>,
    /// Renamed.
    #[graph(rename = "minOSVersion")]
    pub min_os_version: std::option::Option<Text>,
    /// Read-only.
    #[graph(read_only)]
    pub created_date_time: ::std::option::Option<DateTimeOffset>,
    /// A nested complex value.
    pub address: ::core::option::Option<Address>,
    /// A collection.
    pub tags: ::core::option::Option<std::vec::Vec<Text>>,
    /// Everything else.
    #[graph(additional)]
    pub additional: AdditionalProperties,
}

/// A complex type.
#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.address")]
pub struct Address {
    /// A street.
    pub street: ::core::option::Option<Text>,
}

/// An enum.
#[derive(Debug, Clone, PartialEq, Eq, GraphEnum)]
pub enum ConnectorState {
    /// `none`.
    None,
    /// `active`.
    Active,
    /// Renamed.
    #[graph(rename = "notActive")]
    Inactive,
    /// Unknown members.
    #[graph(other)]
    Other(Text),
}

/// A private entity: the generated builder must not warn as dead code.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.hidden", collection = "/hidden")]
struct Hidden {
    #[graph(key)]
    id: core::option::Option<Text>,
}

/// A deprecated entity with a deprecated field, of a deprecated enum and complex type, in a
/// collection whose path parameters would collide with generated names (`{key}`, `{type}`):
/// the generated code must not warn (Graph beta deprecates often).
#[deprecated(note = "Graph beta retired it")]
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.retired", collection = "/retired/{key}/items/{type}/entries")]
pub struct Retired {
    /// Key.
    #[graph(key)]
    pub id: core::option::Option<Text>,
    /// A deprecated property.
    #[deprecated(note = "use something else")]
    #[allow(deprecated)]
    #[graph(required)]
    pub old_state: core::option::Option<RetiredState>,
    /// A deprecated complex type.
    #[allow(deprecated)]
    pub old_address: core::option::Option<RetiredAddress>,
    /// Everything else.
    #[graph(additional)]
    pub additional: AdditionalProperties,
}

/// A deprecated enum.
#[deprecated(note = "Graph beta retired it")]
#[derive(Debug, Clone, PartialEq, Eq, GraphEnum)]
pub enum RetiredState {
    /// `on`.
    On,
    /// Unknown members.
    #[graph(other)]
    Other(Text),
}

/// A deprecated complex type.
#[deprecated(note = "Graph beta retired it")]
#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.retiredAddress")]
pub struct RetiredAddress {
    /// A deprecated property.
    #[deprecated(note = "gone")]
    pub street: ::core::option::Option<Text>,
}

/// An entity with a key and no collection of its own (reached through its parent): no operations.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.nested")]
pub struct Nested {
    /// Key.
    #[graph(key)]
    pub id: core::option::Option<Text>,
    /// A name.
    pub name: core::option::Option<Text>,
}

/// Uses the prelude-shadowing types so they are not dead code either.
#[must_use]
pub fn shadowing_types_exist() -> (Result, Option, String, Vec) {
    (Result, Option, String, Vec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use msgraph_entity::{BearerToken, Endpoint, EntityCollection as _, GraphRequest as _, ODataType as _};

    #[test]
    fn derives_work_with_shadowed_prelude_names() {
        let request = Connector::create()
            .display_name("name")
            .state(ConnectorState::Inactive)
            .min_os_version("10.0")
            .address(Address { street: Some("Main".into()) })
            .build();
        let http = request.to_http(&Endpoint::v1(), &BearerToken::new("t")).expect("valid request");
        assert_eq!(http.uri(), "https://graph.microsoft.com/v1.0/deviceManagement/ndesConnectors");
        let body = std::string::String::from_utf8(http.into_body()).expect("UTF-8");
        assert_eq!(
            body,
            r##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"name","state":"notActive","minOSVersion":"10.0","address":{"@odata.type":"#microsoft.graph.address","street":"Main"}}"##
        );
        let back: Connector = serde_json::from_str(&body).expect("reads back");
        assert_eq!(back.state, ConnectorState::Inactive);
        assert_eq!(Hidden::ODATA_TYPE, "#microsoft.graph.hidden");
        assert_eq!(Hidden::COLLECTION.as_str(), "/hidden");
        let hidden = Hidden { id: None };
        assert!(hidden.key().is_none());
    }

    #[test]
    #[allow(deprecated)]
    fn deprecated_items_and_reserved_path_parameters() {
        let request = Retired::create("k", "t")
            .expect("valid parameters")
            .old_state(RetiredState::On)
            .old_address(RetiredAddress { street: Some("Main".into()) })
            .build();
        assert_eq!(request.path(), "/retired/k/items/t/entries");
        let get = Retired::get("k/1", "t", "id").expect("valid keys");
        assert_eq!(get.path(), "/retired/k%2F1/items/t/entries/id");
        let nested: Nested = serde_json::from_str(r#"{"id":"n","name":"x"}"#).expect("reads");
        assert_eq!(nested.key(), Some("n"));
    }
}
