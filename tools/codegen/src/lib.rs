//! msgraph-codegen: typed Microsoft Graph models from an OData `$metadata` document.
//!
//! The library holds the CSDL reader ([`csdl`]) that other tools (the stand-in) reuse, and the
//! generator behind the `msgraph-codegen` binary ([`cli`]).
//!
//! ```sh
//! msgraph-codegen --metadata beta.xml --out my-models          # everything the document's roots reach
//! msgraph-codegen --metadata beta.xml --select deviceManagement --out my-models
//! msgraph-codegen --metadata beta.xml --select /deviceManagement/deviceConfigurations --out my-models
//! msgraph-codegen --metadata beta.xml --select microsoft.graph.ndesConnector --out my-models
//! ```
//!
//! Run in this workspace (`cargo run -p msgraph-codegen -- --metadata FILE`), the
//! output goes to `graph-intune/` and the test support to `tests/generated/`. The
//! output is plain Rust that uses `#[derive(GraphEntity)]` and its siblings: the
//! derive stays the engine, and the files read as a person would write them.

mod areas;
pub mod cli;
mod corpus;
pub mod csdl;
mod emit;
mod emit_tests;
mod model;
mod primitives;
pub mod select;
