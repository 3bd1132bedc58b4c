use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.softwareBuild", collection = "/deviceManagement/softwareBuilds")]
pub struct SoftwareBuild {
    #[graph(key)]
    pub id: Option<String>,
    pub build: Option<String>,
}

fn main() {}
