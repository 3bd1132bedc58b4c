//! What the test files share: where the schema and the real exports are (skipped with one
//! line when absent), stand-ins on the Intune schema, and a raw JSON client.

#![allow(dead_code, reason = "each test file uses part of the support")]

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use msgraph_entity::client::external::reqwest;
use msgraph_standin::{Schema, StandIn, StandInBuilder};
use serde_json::Value;

/// Set to make missing data a failure instead of a skip, as CI does.
const REQUIRED_VAR: &str = "GRAPH_CORPUS_REQUIRED";

fn shared_dir(var: &str, sub: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(sub))
}

/// The file, or `None` after one line on stderr saying what is absent and what is skipped.
fn shared_file(var: &str, sub: &str, file: &str, skipped: &str) -> Option<PathBuf> {
    let path = shared_dir(var, sub).join(file);
    if path.exists() {
        return Some(path);
    }
    assert!(std::env::var_os(REQUIRED_VAR).is_none(), "{} required ({REQUIRED_VAR} is set) but absent", path.display());
    // To the stderr handle: the harness hides what a passing test prints with `println!`.
    let line = format!("{} absent (set {var}): skipped {skipped}\n", path.display());
    let _ = std::io::stderr().write_all(line.as_bytes());
    None
}

/// Where the Intune beta schema is, or `None` after saying what is skipped.
pub fn real_schema_path(skipped: &str) -> Option<PathBuf> {
    shared_file("GRAPH_SCHEMA_DIR", "schema", "intune-beta.csdl.xml", skipped)
}

/// The Intune beta schema (read once per process), or `None` after saying what is skipped.
pub fn intune_schema(skipped: &str) -> Option<Arc<Schema>> {
    Some(Schema::load(&real_schema_path(skipped)?).expect("the Intune schema reads"))
}

/// The real exports, or `None` after saying what is skipped.
pub fn real_exports(skipped: &str) -> Option<PathBuf> {
    shared_file("GRAPH_REALDATA_DIR", "realdata", "intune-exports.json", skipped)
}

/// A builder on the Intune schema.
pub fn intune(skipped: &str) -> Option<StandInBuilder> {
    Some(StandIn::builder().schema(intune_schema(skipped)?))
}

/// The small schema of `tests/data`.
pub fn small_schema() -> Arc<Schema> {
    Arc::new(Schema::parse("small-metadata.xml", msgraph_standin::__doc::SMALL_METADATA.to_owned()).unwrap())
}

/// A plain HTTP client for raw JSON requests (TLS set up with ring, trusting nothing).
pub fn http() -> reqwest::Client {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    reqwest::Client::builder().tls_backend_preconfigured(config).no_proxy().build().unwrap()
}

/// A raw answer: status, headers and the body as JSON (`Null` when empty or not JSON).
#[derive(Debug)]
pub struct Raw {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
    pub text: String,
}

/// Sends a raw request to `standin`'s beta root: `path` with its query, an optional JSON body.
pub async fn send(client: &reqwest::Client, standin: &StandIn, method: &str, path: &str, body: Option<&Value>) -> Raw {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let url = if path.starts_with("http") { path.to_owned() } else { standin.url(path) };
    let mut request = client.request(method, url).header("client-request-id", "test-client-request-id");
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(serde_json::to_vec(body).unwrap());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Raw { status, headers, json, text }
}

/// Asserts `raw` is a Graph error of `status` whose message contains `needle`, in the service's shape.
pub fn assert_graph_error(raw: &Raw, status: u16, needle: &str) {
    assert_eq!(raw.status, status, "{}", raw.text);
    let error = &raw.json["error"];
    assert!(error["code"].is_string(), "{}", raw.text);
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains(needle), "`{needle}` not in: {message}");
    let inner = &error["innerError"];
    assert!(inner["request-id"].as_str().is_some_and(|id| id.len() == 36), "{}", raw.text);
    assert_eq!(inner["client-request-id"], "test-client-request-id", "{}", raw.text);
    assert!(inner["date"].as_str().is_some_and(|date| date.len() == 19), "{}", raw.text);
}
