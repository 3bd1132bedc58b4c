use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct TwoKeys {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(key)]
    pub other_id: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NoKey {
    pub display_name: Option<String>,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct ReadOnlyConflicts {
    #[graph(key)]
    pub id: String,
    #[graph(read_only, required)]
    pub created_date_time: Option<String>,
}

fn main() {}
