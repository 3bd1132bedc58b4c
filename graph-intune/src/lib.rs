//! Typed models of Microsoft Graph beta Intune entities, built with `#[derive(GraphEntity)]`.
//!
//! Each Intune workload is a module behind a feature of the same name, so a
//! crate compiles only the models it uses:
//!
//! ```toml
//! graph-intune = { version = "0.1", features = ["deviceconfig"] }
//! ```

#[cfg(feature = "deviceconfig")]
pub mod deviceconfig;
