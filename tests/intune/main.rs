//! The tests of the Intune models, in one binary: the models crate (every area) is linked once,
//! not once per test file. The sweeps over every type are `tests/hostile_input`, a binary of
//! their own: they instantiate each type's serde code several times, and two binaries build
//! side by side on two cores where one builds on one.
//!
//! - `conformance`: the docs corpus's 147 create cases against the models of today's schema;
//! - `realdata`: the real tenant exports, read typed whole, written back, created again;
//! - `models`: inheritance, polymorphism, enums, primitives, paths, builders;
//! - `operations`, `lifecycle`, `batch`, `ndes_connector`: the requests of the models;
//! - `backup_restore`: a settings-catalog policy's create body against the admin center's, and
//!   the `backup_restore` example between two stand-ins.

mod backup_restore;
mod batch;
mod conformance;
mod lifecycle;
mod models;
mod ndes_connector;
mod operations;
mod realdata;
