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

// Without a collection an entity has no operations: `create` does not exist.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector")]
pub struct NoCollection {
    #[graph(key)]
    pub id: Option<String>,
}

fn main() {
    // Stubbed after the error: no second message for these.
    let _ = WithQuery::create();
    let _ = NoLeadingSlash::get("x");
    // Without a collection there is no `create` at all.
    let _ = NoCollection::create();
}
