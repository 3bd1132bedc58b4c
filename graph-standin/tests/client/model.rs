//! The entity the client tests send and read, and the client they send it with.

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{
    AdditionalProperties, BearerToken, CreateRequest, DateTimeOffset, Endpoint, GraphEntity, GraphEnum,
};
use msgraph_standin::StandIn;

/// The model's ndesConnector, as `msgraph-intune` declares it.
#[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(required)]
    pub last_connection_date_time: Option<DateTimeOffset>,
    #[graph(required)]
    pub state: Option<NdesConnectorState>,
    #[graph(required)]
    pub display_name: Option<String>,
    pub connector_version: Option<String>,
    pub enrolled_date_time: Option<DateTimeOffset>,
    pub machine_name: Option<String>,
    pub role_scope_tag_ids: Option<Vec<String>>,
    #[graph(additional)]
    pub additional_properties: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, GraphEnum)]
pub enum NdesConnectorState {
    None,
    Active,
    Inactive,
    #[graph(other)]
    Other(String),
}

/// Where the stand-in keeps the connectors.
pub const PATH: &str = "/deviceManagement/ndesConnectors";

/// A client of `standin` sending `token`, retrying by `retry`.
pub fn client_with(standin: &StandIn, token: &str, retry: RetryPolicy) -> Client {
    Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(token))
        .retry_policy(retry)
        .build()
        .unwrap()
}

/// The create of connector `display_name` in `state`, last connected at the docs' date.
pub fn create_request(display_name: &str, state: NdesConnectorState) -> CreateRequest<NdesConnector> {
    NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>().unwrap())
        .state(state)
        .display_name(display_name)
        .build()
}
