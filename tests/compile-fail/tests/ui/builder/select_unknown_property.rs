use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

fn main() {
    let _list = NdesConnector::list().select([NdesConnectorProperty::DisplayNam]);
    let _get = NdesConnector::get("id").unwrap().select(["displayName"]);
}
