//! Every `#[graph(...)]` key, named once.

/// The attribute all derives read.
pub const GRAPH: &str = "graph";

// Container keys.
pub const ODATA_TYPE: &str = "odata_type";
pub const COLLECTION: &str = "collection";
pub const NAME: &str = "name";
pub const CREATE_AT: &str = "create_at";
pub const SINGLE: &str = "single";
pub const CAST: &str = "cast";
pub const BOUND: &str = "bound";
pub const RETURNS: &str = "returns";
pub const METHOD: &str = "method";
pub const CRATE: &str = "crate";

// Keys inside `returns(...)`.
pub const VALUE: &str = "value";
pub const COLLECTION_OF: &str = "collection";
pub const STREAM: &str = "stream";

// Keys inside `create_at(...)` and `single(...)`.
pub const PATH: &str = "path";

// Field keys.
pub const RENAME: &str = "rename";
pub const KEY: &str = "key";
pub const READ_ONLY: &str = "read_only";
pub const REQUIRED: &str = "required";
pub const ADDITIONAL: &str = "additional";
pub const ODATA: &str = "odata";
pub const NAVIGATION: &str = "navigation";

// Keys inside `navigation(...)`.
pub const DEEP_INSERT: &str = "deep_insert";

// Variant keys.
pub const OTHER: &str = "other";
