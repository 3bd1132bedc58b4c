use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(collection = "/deviceManagement/ndesConnectors")]
pub struct NoTypeName {
    #[graph(key)]
    pub id: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NoNamespace {
    #[graph(key)]
    pub id: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndes connector", collection = "/deviceManagement/ndesConnectors")]
pub struct SpaceInName {
    #[graph(key)]
    pub id: Option<String>,
}

fn main() {}
