use msgraph_entity::GraphEntity;

// `{YId}` and `{yId}` would both be the argument `y_id`.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/a/{YId}/b/{yId}/xs")]
pub struct CaseCollision {
    #[graph(key)]
    pub id: Option<String>,
}

// `{key}` becomes `key_`, which a `{key_}` parameter already is.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/a/{key}/b/{key_}/xs")]
pub struct RenamedCollision {
    #[graph(key)]
    pub id: Option<String>,
}

// A parameter named twice.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/a/{aId}/b/{aId}/xs")]
pub struct Repeated {
    #[graph(key)]
    pub id: Option<String>,
}

// `create_at` cannot take the name of a generated operation.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/xs")]
#[graph(create_at(name = "delete", path = "/other/xs"))]
#[graph(create_at(name = "list", path = "/more/xs"))]
pub struct OperationName {
    #[graph(key)]
    pub id: Option<String>,
}

// `create_at` gives two functions, `create_in_x` and `in_x`: neither can be taken already.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/xs")]
#[graph(create_at(name = "create_get", path = "/other/xs"))]
#[graph(create_at(name = "create_in_more", path = "/more/xs"))]
#[graph(create_at(name = "in_more", path = "/yet/more/xs"))]
pub struct CollectionName {
    #[graph(key)]
    pub id: Option<String>,
}

// `create_at` without a collection.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x")]
#[graph(create_at(name = "create_in_other", path = "/other/xs"))]
pub struct CreateAtWithoutCollection {
    #[graph(key)]
    pub id: Option<String>,
}

// A parameter that does not start with a letter or `_`.
#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.x", collection = "/a/{1hidden}/xs")]
pub struct Underscore {
    #[graph(key)]
    pub id: Option<String>,
}

fn main() {
    // The derive's fallback keeps these from cascading: only the messages above show.
    let _ = OperationName::get("x");
    let _ = CaseCollision::create();
}
