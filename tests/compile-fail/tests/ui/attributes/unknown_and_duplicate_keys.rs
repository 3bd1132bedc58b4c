use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors", colection = "/x")]
pub struct UnknownContainerKey {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(renamed = "name")]
    pub display_name: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", odata_type = "microsoft.graph.other")]
#[graph(collection = "/deviceManagement/ndesConnectors")]
pub struct DuplicateKeys {
    #[graph(key, key)]
    pub id: Option<String>,
    #[graph(rename = "name", rename = "title")]
    pub display_name: Option<String>,
    #[graph(required = true)]
    pub state: Option<String>,
}

fn main() {}
