use msgraph_entity::GraphEnum;

#[derive(GraphEnum)]
pub enum NoOther {
    Active,
    Inactive,
}

#[derive(GraphEnum)]
pub enum BadVariants {
    Active(u32),
    #[graph(rename = "active")]
    AlsoActive,
    #[graph(other)]
    Other,
}

#[derive(GraphEnum)]
pub struct NotAnEnum {
    pub member: String,
}

fn main() {}
