use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.wrapper", collection = "/wrappers")]
pub struct Wrapper<T> {
    #[graph(key)]
    pub id: Option<String>,
    pub value: Option<T>,
}

fn main() {}
