use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(read_only)]
    pub created_date_time: Option<String>,
    pub display_name: Option<String>,
}

fn main() {
    let _key = NdesConnector::create().id("e71fa706");
    let _read_only = NdesConnector::create().created_date_time("2016-12-31T23:58:36Z");
}
