//! Shared helpers of the workspace's examples and tests: the seed fixture and the corpus location.

use std::io::Write as _;
use std::path::PathBuf;

/// The "Create ndesConnector" example of the Graph beta docs (the seed page), as committed fixtures.
pub mod seed {
    /// The example request body, as the docs write it.
    pub const NDES_CONNECTOR_REQUEST: &str = include_str!("../tests/fixtures/ndes_connector_create_request.json");
    /// The example response body, as the docs write it.
    pub const NDES_CONNECTOR_RESPONSE: &str = include_str!("../tests/fixtures/ndes_connector_create_response.json");
}

/// The environment variable that names the folder holding `intune-deviceconfig.json`.
pub const CORPUS_DIR_VAR: &str = "GRAPH_CORPUS_DIR";
/// Set (to anything) to make a missing corpus a test failure instead of a skip, as CI does.
pub const CORPUS_REQUIRED_VAR: &str = "GRAPH_CORPUS_REQUIRED";

/// Where the deviceconfig corpus is looked for: `$GRAPH_CORPUS_DIR`, else `../shared/corpus` beside the workspace.
pub fn corpus_path() -> PathBuf {
    let dir = std::env::var_os(CORPUS_DIR_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.join("intune-deviceconfig.json")
}

/// The corpus text, or `None` after printing one line that says it is absent and what is skipped.
///
/// Panics instead when `GRAPH_CORPUS_REQUIRED` is set, so CI cannot pass without it.
pub fn load_corpus(skipped: &str) -> Option<String> {
    let path = corpus_path();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if std::env::var_os(CORPUS_REQUIRED_VAR).is_some() => {
            panic!("corpus required ({CORPUS_REQUIRED_VAR} is set) but {} cannot be read: {error}", path.display())
        }
        Err(_) => {
            // Written to the stderr handle, not by `println!`: the test harness hides what a
            // passing test prints, and this line must reach the person running `cargo test`.
            let line = format!("corpus absent at {} (set {CORPUS_DIR_VAR}): skipped {skipped}\n", path.display());
            let _ = std::io::stderr().write_all(line.as_bytes());
            None
        }
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// msgraph-intune's README, compiled and run as doctests here, where every area is on (the
/// crate's own documentation is generated, without it).
#[cfg(doctest)]
#[doc = include_str!("../graph-intune/README.md")]
pub struct IntuneReadmeDoctests;
