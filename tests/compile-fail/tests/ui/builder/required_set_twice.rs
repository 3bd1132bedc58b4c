use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(required)]
    pub display_name: Option<String>,
}

fn main() {
    let _request = NdesConnector::create().display_name("a").display_name("b").build();
}
