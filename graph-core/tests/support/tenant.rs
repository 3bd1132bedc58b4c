//! A tenant on 127.0.0.1 for the storm tests of `large_tenant.rs` and `examples/large_tenant.rs`:
//! a hyper 1 server holding `connectors` ndesConnectors, generated as they are read. It is not
//! msgraph-standin (which serves every other Graph behaviour these tests need) for what that
//! does not do: throttle the whole tenant at once, with an in-flight grace, and judge every
//! arrival against the storm; count the requests in flight; hold the example's 100,000
//! connectors without storing them.
//!
//! - `GET /beta/deviceManagement/ndesConnectors?$top=&$skiptoken=`: a page of `$top` (at most
//!   `max_page_size`, which is also the page without `$top`), with an `@odata.nextLink`;
//! - `PATCH /beta/deviceManagement/ndesConnectors/{id}`: counted per key, answered `200` with
//!   the connector's id and the `displayName` sent; `404` for a key it does not hold;
//! - `POST /beta/$batch`: each item handled as the request it holds.
//!
//! Throttling storms: once `storm_every` updates have been applied since the last storm, the next
//! update is answered `429` with `Retry-After: storm_retry_after`, and the storm lasts that long.
//! The server checks every arrival against it: an update arriving during a storm later than
//! `in_flight_grace` after it began (so sent after its `429` was read, not already in flight), or
//! an update of a key before the `Retry-After` it was given has passed, is a violation, recorded
//! and answered `429` too. An update that arrives within the grace was in flight: it is applied.

#![allow(dead_code, reason = "the test and the example each use part of it")]

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use msgraph_entity::{AdditionalProperties, DateTimeOffset, Endpoint, GraphEntity, GraphEnum};
use tokio::net::TcpListener;

/// The model's ndesConnector, as `msgraph-intune` declares it.
#[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
pub struct NdesConnector {
    #[graph(key)]
    pub id: Option<String>,
    #[graph(required)]
    pub last_connection_date_time: Option<DateTimeOffset>,
    #[graph(required)]
    pub state: Option<NdesConnectorState>,
    #[graph(required)]
    pub display_name: Option<String>,
    pub connector_version: Option<String>,
    pub enrolled_date_time: Option<DateTimeOffset>,
    pub machine_name: Option<String>,
    pub role_scope_tag_ids: Option<Vec<String>>,
    #[graph(additional)]
    pub additional_properties: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, GraphEnum)]
pub enum NdesConnectorState {
    None,
    Active,
    Inactive,
    #[graph(other)]
    Other(String),
}

const COLLECTION: &str = "/beta/deviceManagement/ndesConnectors";

/// What the tenant holds and how it throttles.
#[derive(Debug, Clone)]
pub struct TenantConfig {
    pub connectors: usize,
    pub max_page_size: usize,
    /// After this many applied updates, the next one opens a storm; `None`: never.
    pub storm_every: Option<usize>,
    pub storm_retry_after: Duration,
    pub in_flight_grace: Duration,
    /// How long an update (outside `$batch`) takes, to see how many are in flight at once.
    pub update_delay: Duration,
}

impl Default for TenantConfig {
    fn default() -> Self {
        TenantConfig {
            connectors: 5_000,
            max_page_size: 1_000,
            storm_every: None,
            storm_retry_after: Duration::from_secs(1),
            in_flight_grace: Duration::from_millis(250),
            update_delay: Duration::ZERO,
        }
    }
}

/// One storm: from the `429` that opened it to the end of its `Retry-After`.
#[derive(Debug, Clone, Copy)]
pub struct Storm {
    pub opened: Instant,
    pub ends: Instant,
}

#[derive(Default)]
struct Throttling {
    applied_since_storm: usize,
    storms: Vec<Storm>,
    /// Each key answered `429`, and when its `Retry-After` ends.
    throttled_keys: HashMap<usize, Instant>,
    violations: Vec<String>,
    answered_429: usize,
}

struct State {
    config: TenantConfig,
    base_url: String,
    pages_served: AtomicUsize,
    batches: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    updates: Vec<AtomicU32>,
    throttling: Mutex<Throttling>,
}

pub struct Tenant {
    pub base_url: String,
    state: Arc<State>,
}

/// The id of connector `index`: a GUID whose last group is the index.
pub fn connector_id(index: usize) -> String {
    format!("e71fa706-a706-4e71-86a7-{index:012x}")
}

fn connector_index(id: &str) -> Option<usize> {
    let hex = id.strip_prefix("e71fa706-a706-4e71-86a7-")?;
    if hex.len() != 12 {
        return None;
    }
    usize::from_str_radix(hex, 16).ok()
}

impl Tenant {
    /// Listens on an ephemeral port of 127.0.0.1, serving each connection on its own task.
    pub async fn start(config: TenantConfig) -> Tenant {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let updates = (0..config.connectors).map(|_| AtomicU32::new(0)).collect();
        let state = Arc::new(State {
            config,
            base_url: base_url.clone(),
            pages_served: AtomicUsize::new(0),
            batches: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
            updates,
            throttling: Mutex::new(Throttling::default()),
        });
        let serving = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = serving.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| handle(state.clone(), request));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Tenant { base_url, state }
    }

    pub fn endpoint(&self) -> Endpoint {
        Endpoint::with_base_url(&self.base_url)
    }

    pub fn pages_served(&self) -> usize {
        self.state.pages_served.load(Ordering::SeqCst)
    }

    pub fn batches(&self) -> usize {
        self.state.batches.load(Ordering::SeqCst)
    }

    /// How many times each connector was updated.
    pub fn update_counts(&self) -> Vec<u32> {
        self.state.updates.iter().map(|count| count.load(Ordering::SeqCst)).collect()
    }

    pub fn storms(&self) -> Vec<Storm> {
        self.state.throttling.lock().unwrap().storms.clone()
    }

    /// The time the storms impose on a client that waits each out, one after the other.
    pub fn storm_time(&self) -> Duration {
        self.storms().iter().map(|storm| storm.ends - storm.opened).sum()
    }

    pub fn violations(&self) -> Vec<String> {
        self.state.throttling.lock().unwrap().violations.clone()
    }

    /// The most requests the server was handling at once.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    pub fn answered_429(&self) -> usize {
        self.state.throttling.lock().unwrap().answered_429
    }
}

/// What one request (or one `$batch` item) is answered.
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    body: String,
}

impl Answer {
    fn json(status: u16, body: String) -> Answer {
        Answer { status, retry_after: None, body }
    }

    fn error(status: u16, code: &str, message: &str) -> Answer {
        Answer::json(status, format!(r#"{{"error":{{"code":"{code}","message":"{message}"}}}}"#))
    }

    fn throttled(retry_after: Duration) -> Answer {
        let seconds = retry_after.as_secs_f64().ceil() as u64;
        let mut answer = Answer::error(429, "TooManyRequests", "Too many requests");
        answer.retry_after = Some(seconds);
        answer
    }
}

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let arrived = Instant::now();
    let in_flight = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(in_flight, Ordering::SeqCst);
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let body = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let answer = match (method.as_str(), path.as_str()) {
        ("GET", COLLECTION) => page(&state, &query),
        ("POST", "/beta/$batch") => batch(&state, &body, arrived),
        ("PATCH", _) if path.starts_with(COLLECTION) => {
            tokio::time::sleep(state.config.update_delay).await;
            update(&state, &path[COLLECTION.len()..], &body, arrived)
        }
        _ => Answer::error(400, "BadRequest", "Not a route of this stand-in"),
    };
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    let mut response = Response::builder().status(answer.status).header("content-type", "application/json");
    if let Some(seconds) = answer.retry_after {
        response = response.header("retry-after", seconds);
    }
    Ok(response.body(Full::new(Bytes::from(answer.body))).unwrap())
}

fn page(state: &State, query: &str) -> Answer {
    let parameter = |name: &str| {
        query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse::<usize>().ok())
    };
    let max = state.config.max_page_size;
    let top = parameter("$top").map_or(max, |top| top.clamp(1, max));
    let skip = parameter("$skiptoken").unwrap_or(0);
    state.pages_served.fetch_add(1, Ordering::SeqCst);
    let end = (skip + top).min(state.config.connectors);
    let states = ["active", "inactive", "none"];
    let mut body = String::with_capacity((end.saturating_sub(skip)) * 420 + 200);
    body.push_str(
        r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/ndesConnectors","value":["#,
    );
    for index in skip..end {
        if index > skip {
            body.push(',');
        }
        body.push_str(&format!(
            concat!(
                r##"{{"@odata.type":"#microsoft.graph.ndesConnector","id":"{}","##,
                r#""lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"{}","displayName":"Connector {}","#,
                r#""connectorVersion":"6.2301.1.0","enrolledDateTime":"2016-12-31T23:59:45.1234567-08:00","#,
                r#""machineName":"NDES-{:05}.contoso.com","roleScopeTagIds":["0","{}"]}}"#
            ),
            connector_id(index),
            states[index % states.len()],
            index,
            index,
            index % 7,
        ));
    }
    body.push(']');
    if end < state.config.connectors {
        body.push_str(&format!(r#","@odata.nextLink":"{}{COLLECTION}?$top={top}&$skiptoken={end}""#, state.base_url));
    }
    body.push('}');
    Answer::json(200, body)
}

/// `/{id}` of the collection: the update, with the storm rules.
fn update(state: &State, rest: &str, body: &[u8], arrived: Instant) -> Answer {
    let Some(index) = rest.strip_prefix('/').and_then(connector_index).filter(|&index| index < state.config.connectors)
    else {
        return Answer::error(404, "ResourceNotFound", "No ndesConnector with that id");
    };
    let display_name = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|patch| patch.get("displayName")?.as_str().map(str::to_owned));
    let config = &state.config;
    let mut throttling = state.throttling.lock().unwrap();

    if let Some(&until) = throttling.throttled_keys.get(&index)
        && arrived < until
    {
        throttling
            .violations
            .push(format!("connector {index} sent again {:?} before its Retry-After ended", until - arrived));
        return refuse(&mut throttling, index, until - arrived, arrived);
    }
    if let Some(storm) = throttling.storms.last().copied()
        && arrived < storm.ends
        && arrived > storm.opened + config.in_flight_grace
    {
        throttling.violations.push(format!(
            "connector {index} sent {:?} into a storm of {:?}",
            arrived - storm.opened,
            storm.ends - storm.opened
        ));
        return refuse(&mut throttling, index, storm.ends - arrived, arrived);
    }
    let in_storm = throttling.storms.last().is_some_and(|storm| arrived < storm.ends);
    if !in_storm && config.storm_every.is_some_and(|every| throttling.applied_since_storm >= every) {
        let ends = arrived + config.storm_retry_after;
        throttling.storms.push(Storm { opened: arrived, ends });
        throttling.applied_since_storm = 0;
        return refuse(&mut throttling, index, config.storm_retry_after, arrived);
    }
    throttling.applied_since_storm += 1;
    drop(throttling);
    state.updates[index].fetch_add(1, Ordering::SeqCst);
    let display_name = serde_json::to_string(&display_name).unwrap();
    Answer::json(
        200,
        format!(
            r##"{{"@odata.type":"#microsoft.graph.ndesConnector","id":"{}","displayName":{display_name}}}"##,
            connector_id(index)
        ),
    )
}

fn refuse(throttling: &mut Throttling, index: usize, wait: Duration, arrived: Instant) -> Answer {
    let answer = Answer::throttled(wait);
    let told = Duration::from_secs(answer.retry_after.unwrap_or_default());
    let until = throttling.throttled_keys.entry(index).or_insert(arrived);
    *until = (*until).max(arrived + told);
    throttling.answered_429 += 1;
    answer
}

/// `{"requests": [...]}`: each item handled in order, answered in `{"responses": [...]}`.
fn batch(state: &State, body: &[u8], arrived: Instant) -> Answer {
    state.batches.fetch_add(1, Ordering::SeqCst);
    let Ok(request) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Answer::error(400, "BadRequest", "Not JSON");
    };
    let Some(items) = request.get("requests").and_then(|items| items.as_array()) else {
        return Answer::error(400, "BadRequest", "No requests");
    };
    let mut responses = Vec::with_capacity(items.len());
    for item in items {
        let id = item.get("id").cloned().unwrap_or_default();
        let method = item.get("method").and_then(|method| method.as_str()).unwrap_or_default();
        let url = item.get("url").and_then(|url| url.as_str()).unwrap_or_default();
        let item_body = item.get("body").map(|body| serde_json::to_vec(body).unwrap()).unwrap_or_default();
        let answer = match (method, url.strip_prefix("/deviceManagement/ndesConnectors")) {
            ("PATCH", Some(rest)) => update(state, rest, &item_body, arrived),
            _ => Answer::error(400, "BadRequest", "Not a batch route of this stand-in"),
        };
        let mut headers = serde_json::json!({"content-type": "application/json"});
        if let Some(seconds) = answer.retry_after {
            headers["retry-after"] = serde_json::json!(seconds.to_string());
        }
        let body: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        responses.push(serde_json::json!({"id": id, "status": answer.status, "headers": headers, "body": body}));
    }
    Answer::json(200, serde_json::json!({ "responses": responses }).to_string())
}
