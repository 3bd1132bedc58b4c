use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "deviceManagement/ndesConnectors")]
pub struct NoLeadingSlash {
    #[graph(key)]
    pub id: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors?$top=1")]
pub struct WithQuery {
    #[graph(key)]
    pub id: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector")]
pub struct NoCollection {
    #[graph(key)]
    pub id: Option<String>,
}

fn main() {}
