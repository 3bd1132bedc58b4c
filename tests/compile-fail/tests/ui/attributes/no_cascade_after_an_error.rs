//! One attribute mistake shows one message: everything the derive would have
//! written is stubbed, so uses of the builder, the operations, the patch, the
//! property enum and the enum members do not add errors of their own.
use msgraph_entity::{GraphEntity, GraphEnum};

#[derive(Debug, GraphEntity)]
#[graph(odata_type = "microsoft.graph.connector", collection = "/deviceManagement/{managementId}/connectors")]
pub struct Connector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(renamed = "name")]
    pub display_name: Option<String>,
    pub state: Option<State>,
}

#[derive(Debug, Clone, PartialEq, GraphEnum)]
#[graph(nmae = "connectorState")]
pub enum State {
    Active,
    #[graph(other)]
    Other(String),
}

fn main() {
    let request = Connector::create("m").unwrap().display_name("x").state(State::Active).build();
    let _ = request.path();
    let _ = Connector::get("m", "id");
    let _ = Connector::list("m");
    let _ = Connector::update("m", "id", ConnectorPatch::default().display_name("y").clear_state());
    let _ = Connector::delete("m", "id");
    let _ = ConnectorProperty::DisplayName;
    let _ = msgraph_entity::GraphEnum::as_member(&State::Active);
    let _ = State::Active.to_string();
    let _: Connector = serde_json::from_str("{}").unwrap();
}
