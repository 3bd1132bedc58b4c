//! This project's client (msgraph-entity's `client` and `credentials` features) against the
//! stand-in: each request as it arrives, Graph errors, paging and streams, retries and the
//! throttling gate, `$batch`, bulk sends and sign-in. They were msgraph-entity's tests over
//! hand-written servers; msgraph-entity keeps a raw server only for answers no Graph service
//! sends (a token echoed back, a malformed `$batch` answer, a next link to another host…).
//!
//! They live here, not in msgraph-entity, because msgraph-entity cannot depend on the stand-in
//! (which depends on it) without being built twice. They answer by the small schema of
//! `tests/data`, so they run everywhere, `../shared` or not. One test binary: the stand-in and
//! the client are linked once.

#[path = "../support/mod.rs"]
mod support;

mod batch;
mod bulk;
mod model;
mod recorded;
mod requests;
mod sign_in;
