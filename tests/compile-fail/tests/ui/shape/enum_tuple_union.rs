use msgraph_entity::GraphEntity;

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.state", collection = "/states")]
pub enum State {
    Active,
}

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.pair", collection = "/pairs")]
pub struct Pair(String, String);

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.either", collection = "/eithers")]
pub union Either {
    number: u32,
    flag: bool,
}

fn main() {}
