use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(rename = "@odata.type")]
    pub odata_type: Option<String>,
    #[graph(rename = "id")]
    pub identifier: Option<String>,
}

fn main() {}
