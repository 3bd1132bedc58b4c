//! The tests of the Intune models, in one binary: the models crate (every area) is linked once,
//! not once per test file.
//!
//! - `conformance`: the docs corpus's 147 create cases against the models of today's schema;
//! - `realdata`: the real tenant exports, read typed whole, written back, created again;
//! - `models`: inheritance, polymorphism, enums, primitives, paths, builders;
//! - `hostile_input`: every type under hostile JSON (`GRAPH_HOSTILE_CASES` raises the count);
//! - `operations`, `lifecycle`, `batch`, `ndes_connector`: the requests of the models;
//! - `backup_restore`: a settings-catalog policy's create body against the admin center's, and
//!   the `backup_restore` example between two stand-ins.

mod backup_restore;
mod batch;
mod conformance;
mod hostile_input;
mod lifecycle;
mod models;
mod ndes_connector;
mod operations;
mod realdata;
