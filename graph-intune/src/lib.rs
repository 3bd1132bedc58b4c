//! Typed models of Microsoft Graph beta Intune entities, built with `#[derive(GraphEntity)]`.
//!
//! Each Intune workload is a module; each area of a workload is a feature, so a
//! crate compiles only the models it uses (`deviceconfig` turns on every area of
//! the workload):
//!
//! ```toml
//! msgraph-intune = { version = "0.1", features = ["deviceconfig-ndes"] }
//! ```

// Always declared: its areas are gated one by one, so any one feature brings its types.
pub mod deviceconfig;
