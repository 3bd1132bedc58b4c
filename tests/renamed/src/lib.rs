//! A user's crate whose dependency on msgraph-entity is renamed (`graph = { package =
//! "msgraph-entity" }`), and which also reaches it through a facade module, as a crate that
//! wraps it would: `#[graph(crate = …)]` tells the derives where the runtime is. Every warning is
//! denied, so the expansion must be clean here too.
#![deny(warnings, missing_docs, unused, rust_2018_idioms)]
#![deny(clippy::all)]

/// What a facade crate would export: the runtime under a name of its own.
pub mod facade {
    pub use graph as entity;
}

/// An entity, through the renamed dependency.
#[derive(Debug, Clone, PartialEq, graph::GraphEntity)]
#[graph(crate = graph, odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct Connector {
    /// Key.
    #[graph(key)]
    pub id: Option<String>,
    /// Required on create.
    #[graph(required)]
    pub display_name: Option<String>,
    /// An enum.
    pub state: Option<State>,
    /// A complex value.
    pub address: Option<Address>,
    /// Unknown properties.
    #[graph(additional)]
    pub additional: graph::AdditionalProperties,
    /// Control information.
    #[graph(odata)]
    pub odata: graph::ControlInformation,
}

/// An enum, through the facade, the runtime's path written as a string as serde writes it.
#[derive(Debug, Clone, PartialEq, facade::entity::GraphEnum)]
#[graph(crate = "crate::facade::entity")]
pub enum State {
    /// `active`.
    Active,
    /// Unknown members.
    #[graph(other)]
    Other(String),
}

/// A complex type, through the facade.
#[derive(Debug, Clone, PartialEq, facade::entity::GraphComplex)]
#[graph(crate = crate::facade::entity, odata_type = "microsoft.graph.address")]
pub struct Address {
    /// A street.
    pub street: Option<String>,
}

/// An action's parameters.
#[derive(Debug, Clone, PartialEq, graph::GraphAction)]
#[graph(crate = graph, name = "microsoft.graph.poke", bound = Connector, path = "/deviceManagement/ndesConnectors/{ndesConnectorId}")]
pub struct Poke {
    /// How hard.
    pub hard: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph::GraphRequest as _;

    #[test]
    fn the_derives_expand_against_the_renamed_runtime() {
        let request = Connector::create().display_name("Lab").state(State::Active).build();
        assert_eq!(
            request.body_json().unwrap().unwrap(),
            br##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"Lab","state":"active"}"##
        );
        let read: Connector = graph::from_json_str(
            r##"{"@odata.etag":"W/1","id":"1","state":"future","address":{"street":"x"},"extra":1}"##,
        )
        .unwrap();
        assert_eq!(read.state, Some(State::Other("future".into())));
        assert_eq!(read.odata.etag(), Some("W/1"));
        assert_eq!(read.additional.get("extra").unwrap().get(), "1");
        let poke = Connector::poke("1", Poke { hard: Some(true) }).unwrap();
        assert_eq!(poke.body_json().unwrap().unwrap(), br#"{"hard":true}"#);
    }
}
