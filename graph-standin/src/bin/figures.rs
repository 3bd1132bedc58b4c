//! The stand-in's figures, side by side in one run: the rate of `GET` of one stored entity
//! through this project's client against a bare hyper server answering the same body, the
//! memory a stored entity takes, and the start-up time.
//!
//! ```sh
//! cargo run --release -p msgraph-standin --features figures --bin figures
//! ```
//!
//! It needs the Intune schema (`../shared/schema/intune-beta.csdl.xml`, or `$GRAPH_SCHEMA_DIR`)
//! and the real exports (`../shared/realdata/intune-exports.json`, or `$GRAPH_REALDATA_DIR`).
//! A binary rather than a `cargo bench` target: a bench would build the dev-dependencies,
//! msgraph-intune among them, in release; this needs none of them.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Endpoint, GraphEntity};
use msgraph_standin::{Schema, StandIn};
use serde_json::{Value, json};

/// An ndesConnector as the client reads it.
#[derive(Debug, Clone, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct NdesConnector {
    #[graph(key)]
    id: Option<String>,
    display_name: Option<String>,
    state: Option<String>,
    last_connection_date_time: Option<msgraph_entity::DateTimeOffset>,
}

const ROUNDS: usize = 7;
const REQUESTS_PER_ROUND: usize = 2_000;

fn shared(var: &str, sub: &str, file: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(sub))
        .join(file)
}

fn main() {
    let schema_path = shared("GRAPH_SCHEMA_DIR", "schema", "intune-beta.csdl.xml");
    let exports_path = shared("GRAPH_REALDATA_DIR", "realdata", "intune-exports.json");
    for path in [&schema_path, &exports_path] {
        if !path.exists() {
            eprintln!("{} absent: no figures", path.display());
            std::process::exit(1);
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let startup = startup(&schema_path).await;
        let schema = Schema::load(&schema_path).unwrap();
        let rates = get_rates(schema.clone()).await;
        let memory = memory(schema, &exports_path).await;
        print_table(&startup, &rates, &memory);
    });
}

struct Startup {
    parse: Duration,
    first_start: Duration,
    next_start_median: Duration,
}

async fn startup(schema_path: &std::path::Path) -> Startup {
    // The first start of the process parses the schema; later ones share it.
    let started = Instant::now();
    let first = StandIn::builder().metadata(schema_path).start().await.unwrap();
    let first_start = started.elapsed();
    drop(first);
    let started = Instant::now();
    let text = std::fs::read_to_string(schema_path).unwrap();
    Schema::parse("again", text).unwrap();
    let parse = started.elapsed();
    let mut starts = Vec::new();
    for _ in 0..21 {
        let started = Instant::now();
        let standin = StandIn::builder().metadata(schema_path).start().await.unwrap();
        starts.push(started.elapsed());
        drop(standin);
    }
    starts.sort();
    Startup { parse, first_start, next_start_median: starts[starts.len() / 2] }
}

struct Rates {
    standin: f64,
    bare: f64,
    body_bytes: usize,
}

/// Requests per second of `GET /deviceManagement/ndesConnectors/{id}` through the client,
/// against the stand-in and against a bare hyper server, in alternating rounds; medians.
async fn get_rates(schema: Arc<Schema>) -> Rates {
    let standin = StandIn::builder().schema(schema).record_limit(0).start().await.unwrap();
    let id = standin
        .insert(
            "/deviceManagement/ndesConnectors",
            &json!({"displayName": "Bench", "state": "active", "lastConnectionDateTime": "2016-12-31T23:58:36.6670033-08:00"}),
        )
        .unwrap();
    let standin_client = client(standin.base_url());
    let request = NdesConnector::get(&id).unwrap();
    // The bare server answers exactly what the stand-in answers.
    let body = standin_client.exchange(&request).await.unwrap().response.into_body();
    let bare_url = bare_server(body.clone()).await;
    let bare_client = client(&bare_url);
    for _ in 0..200 {
        standin_client.send(&request).await.unwrap();
        bare_client.send(&request).await.unwrap();
    }
    let (mut standin_rates, mut bare_rates) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        standin_rates.push(rate(&standin_client, &request).await);
        bare_rates.push(rate(&bare_client, &request).await);
    }
    Rates { standin: median(standin_rates), bare: median(bare_rates), body_bytes: body.len() }
}

fn client(base_url: &str) -> Client {
    Client::builder(Endpoint::with_base_url(base_url), BearerToken::new("bench"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

async fn rate(client: &Client, request: &msgraph_entity::GetRequest<NdesConnector>) -> f64 {
    let started = Instant::now();
    for _ in 0..REQUESTS_PER_ROUND {
        let connector = client.send(request).await.unwrap();
        std::hint::black_box(connector);
    }
    REQUESTS_PER_ROUND as f64 / started.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A hyper 1 HTTP/1.1 server on 127.0.0.1 answering every request `200` with `body`.
async fn bare_server(body: Vec<u8>) -> String {
    use hyper_util::rt::TokioIo;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let body = bytes::Bytes::from(body);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request: http::Request<hyper::body::Incoming>| {
                    let body = body.clone();
                    async move {
                        let response = http::Response::builder()
                            .header("content-type", "application/json")
                            .body(http_body_util::Full::new(body))
                            .unwrap();
                        Ok::<_, std::convert::Infallible>(response)
                    }
                });
                let _ =
                    hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
            });
        }
    });
    url
}

struct Memory {
    ndes_count: usize,
    ndes_bytes_each: f64,
    ndes_json_bytes: usize,
    policy_count: usize,
    policy_entities: usize,
    policy_bytes_each: f64,
    policy_json_bytes_each: f64,
}

/// Resident memory, in bytes (Linux).
fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm.split_whitespace().nth(1).and_then(|pages| pages.parse::<usize>().ok()).unwrap_or(0) * 4096
}

/// Resident memory grown while `insert` stores into a fresh stand-in, per item. Freed memory
/// is reused before the system is asked for more, so a first stand-in (kept alive) takes the
/// same load first: the one measured grows by what it keeps, not by what loading used and freed.
async fn grown_per_item(schema: &Arc<Schema>, items: usize, insert: impl Fn(&StandIn)) -> (f64, usize) {
    let warm_up = StandIn::builder().schema(schema.clone()).record_limit(0).start().await.unwrap();
    insert(&warm_up);
    let measured = StandIn::builder().schema(schema.clone()).record_limit(0).start().await.unwrap();
    let entities_before = measured.entity_count();
    let before = resident();
    insert(&measured);
    let grown = resident().saturating_sub(before);
    (grown as f64 / items as f64, measured.entity_count() - entities_before)
}

async fn memory(schema: Arc<Schema>, exports_path: &std::path::Path) -> Memory {
    let connector = json!({"displayName": "Connector 00000", "state": "active", "lastConnectionDateTime": "2016-12-31T23:58:36.6670033-08:00", "connectorVersion": "6.2301.1.0", "machineName": "ndes-00000.contoso.com", "roleScopeTagIds": ["0"]});
    let ndes_count = 10_000;
    let (ndes_bytes_each, _) = grown_per_item(&schema, ndes_count, |standin| {
        for n in 0..ndes_count {
            let mut value = connector.clone();
            value["displayName"] = Value::String(format!("Connector {n:05}"));
            value["machineName"] = Value::String(format!("ndes-{n:05}.contoso.com"));
            standin.insert("/deviceManagement/ndesConnectors", &value).unwrap();
        }
    })
    .await;
    let ndes_json_bytes = connector.to_string().len()
        + r##","@odata.type":"#microsoft.graph.ndesConnector","id":"e71fa706-a706-4e71-86a7-000000000001""##.len();

    // 1,000 settings-catalog policies from the real exports (cycled, each a new object), with their settings and assignments.
    let exports: Value = serde_json::from_str(&std::fs::read_to_string(exports_path).unwrap()).unwrap();
    let policies: Vec<Value> = exports["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["collection"] == "/deviceManagement/configurationPolicies")
        .map(|case| {
            let mut body = case["body"].clone();
            body.as_object_mut().unwrap().remove("id");
            body
        })
        .collect();
    let policy_count = 1_000;
    let bodies: Vec<&Value> = policies.iter().cycle().take(policy_count).collect();
    let json_bytes: usize = bodies.iter().map(|body| body.to_string().len()).sum();
    let document = json!({ "/deviceManagement/configurationPolicies": bodies }).to_string();
    let (policy_bytes_each, policy_entities) = grown_per_item(&schema, policy_count, |standin| {
        let report = standin.load_seed_json(&document).unwrap();
        assert_eq!(report.inserted, policy_count, "{:?}", report.skipped.first());
    })
    .await;
    drop(exports);
    Memory {
        ndes_count,
        ndes_bytes_each,
        ndes_json_bytes,
        policy_count,
        policy_entities,
        policy_bytes_each,
        policy_json_bytes_each: json_bytes as f64 / policy_count as f64,
    }
}

fn print_table(startup: &Startup, rates: &Rates, memory: &Memory) {
    println!("| figure | value |");
    println!("|---|---|");
    println!(
        "| `GET` one ndesConnector through `msgraph_entity::client::Client`, stand-in | {:.0} requests/s |",
        rates.standin
    );
    println!(
        "| the same `GET`, a bare hyper 1 server answering the same {}-byte body | {:.0} requests/s |",
        rates.body_bytes, rates.bare
    );
    println!("| stand-in / bare | {:.0} % |", 100.0 * rates.standin / rates.bare);
    println!(
        "| memory per stored ndesConnector ({} stored, {} bytes of JSON each) | {:.0} bytes |",
        memory.ndes_count, memory.ndes_json_bytes, memory.ndes_bytes_each
    );
    println!(
        "| memory per settings-catalog policy from the real exports ({} stored, {} entities with their settings and assignments, {:.0} bytes of JSON each) | {:.0} bytes |",
        memory.policy_count, memory.policy_entities, memory.policy_json_bytes_each, memory.policy_bytes_each
    );
    println!("| parsing the Intune schema (1.4 MB) | {:.0?} |", startup.parse);
    println!("| first in-process start (schema parsed) | {:.0?} |", startup.first_start);
    println!("| each later start (schema shared), median of 21 | {:.1?} |", startup.next_start_median);
}
