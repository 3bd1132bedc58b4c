//! The `client` feature over a real socket: a mock Graph server on 127.0.0.1,
//! started by each test, records the bytes that arrive and answers with the
//! docs' example responses, Graph errors, pages and throttling.
//!
//! Every retry test uses short bounds, so the file runs in a few seconds.

#![cfg(feature = "client")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, Error, GraphEntity, GraphEnum, GraphRequest, Patch};
use msgraph_entity::{RetryAfter, RetryStop};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct NdesConnector {
    #[graph(key)]
    id: Option<String>,
    #[graph(required)]
    last_connection_date_time: Option<DateTimeOffset>,
    #[graph(required)]
    state: Option<NdesConnectorState>,
    #[graph(required)]
    display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, GraphEnum)]
enum NdesConnectorState {
    None,
    Active,
    Inactive,
    #[graph(other)]
    Other(String),
}

/// The docs' example response of "Create ndesConnector".
const CREATED: &str = r##"{"@odata.type":"#microsoft.graph.ndesConnector","id":"e71fa706-a706-e71f-06a7-1fe706a71fe7","lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"active","displayName":"Display Name value"}"##;

const TOKEN: &str = "s3cr3t-t0ken-value";
const COLLECTION: &str = "/beta/deviceManagement/ndesConnectors";

// ---------------------------------------------------------------------------------------------
// The mock server: HTTP/1.1 with keep-alive, one task per connection, every request recorded.

/// One request as it arrived.
#[derive(Debug, Clone)]
struct Received {
    /// `POST /beta/... HTTP/1.1`
    request_line: String,
    method: String,
    /// Path and query, as sent.
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    at: Instant,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn header_count(&self, name: &str) -> usize {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).count()
    }

    fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }
}

/// What the server answers.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn json(status: u16, body: &str) -> Reply {
        Reply { status, headers: vec![("content-type".into(), "application/json".into())], body: body.to_owned() }
    }

    fn empty(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: String::new() }
    }

    fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Responder = dyn Fn(usize, &Received) -> Reply + Send + Sync;

struct MockServer {
    base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl MockServer {
    /// Listens on an ephemeral port of 127.0.0.1; `respond` gets the request's index (from 0) and the request.
    async fn start(respond: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let respond: Arc<Responder> = Arc::new(respond);
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, log.clone(), respond.clone()));
            }
        });
        MockServer { base_url, received }
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::with_base_url(&self.base_url)
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Vec<Received>>>, respond: Arc<Responder>) {
    let mut buffer = Vec::new();
    loop {
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end;
            }
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        };
        let head = String::from_utf8(buffer[..head_end].to_vec()).expect("an ASCII request head");
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap().to_owned();
        let mut parts = request_line.split(' ');
        let (method, target) = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("a header line");
                (name.trim().to_owned(), value.trim().to_owned())
            })
            .collect();
        let length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, value)| value.parse::<usize>().unwrap());
        let total = head_end + 4 + length;
        while buffer.len() < total {
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        }
        let body = buffer[head_end + 4..total].to_vec();
        buffer.drain(..total);
        let received = Received { request_line, method, target, headers, body, at: Instant::now() };
        let index = {
            let mut log = log.lock().unwrap();
            log.push(received.clone());
            log.len() - 1
        };
        let reply = respond(index, &received);
        let reason = http::StatusCode::from_u16(reply.status).unwrap().canonical_reason().unwrap_or("");
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", reply.status);
        for (name, value) in &reply.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        if reply.status != 204 {
            out.push_str(&format!("content-length: {}\r\n", reply.body.len()));
        }
        out.push_str("\r\n");
        out.push_str(&reply.body);
        if stream.write_all(out.as_bytes()).await.is_err() {
            return;
        }
    }
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Short bounds: a test that retries ends within a couple of seconds.
fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 6,
        max_total_delay: Duration::from_secs(2),
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
        ..RetryPolicy::default()
    }
}

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder(server.endpoint(), BearerToken::new(TOKEN)).retry_policy(retry).build().unwrap()
}

fn seed_request() -> msgraph_entity::CreateRequest<NdesConnector> {
    NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>().unwrap())
        .state(NdesConnectorState::Active)
        .display_name("Display Name value")
        .build()
}

fn graph_error(status: u16, code: &str, message: &str) -> Reply {
    let body = format!(
        r#"{{"error":{{"code":"{code}","message":"{message}","innerError":{{"request-id":"6a2e7f3c-1111-4a4a-9b9b-000000000001","date":"2026-11-28T16:00:00"}}}}}}"#
    );
    Reply::json(status, &body)
}

/// A UUID as text, version 4 (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
fn assert_uuid_v4(text: &str) {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    assert_eq!(lengths, [8, 4, 4, 4, 12], "{text}");
    assert!(text.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{text}");
    assert!(groups[2].starts_with('4') && matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{text}");
}

fn gaps(received: &[Received]) -> Vec<Duration> {
    received.windows(2).map(|pair| pair[1].at - pair[0].at).collect()
}

// ---------------------------------------------------------------------------------------------
// The operations.

#[tokio::test]
async fn create_sends_the_docs_request_and_reads_the_docs_response() {
    let server = MockServer::start(|_, _| Reply::json(201, CREATED)).await;
    let created = client(&server, fast_retries()).send(&seed_request()).await.unwrap();

    assert_eq!(created.id.as_deref(), Some("e71fa706-a706-e71f-06a7-1fe706a71fe7"));
    assert_eq!(created.state, Some(NdesConnectorState::Active));
    assert_eq!(created.display_name.as_deref(), Some("Display Name value"));
    assert_eq!(created.last_connection_date_time.unwrap().to_string(), "2016-12-31T23:58:36.6670033-08:00");

    let [arrived] = server.received().try_into().unwrap();
    assert_eq!(arrived.request_line, format!("POST {COLLECTION} HTTP/1.1"));
    assert_eq!(arrived.method, "POST");
    assert_eq!(arrived.header("host"), Some(server.base_url.trim_start_matches("http://")));
    assert_eq!(arrived.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(arrived.header("accept"), Some("application/json"));
    assert_eq!(arrived.header("content-type"), Some("application/json"));
    assert_eq!(arrived.header_count("content-length"), 1);
    assert_eq!(arrived.header("content-length"), Some(arrived.body.len().to_string().as_str()));
    assert!(arrived.header("user-agent").unwrap().starts_with("msgraph-entity/"));
    assert_uuid_v4(arrived.header("client-request-id").unwrap());
    assert_eq!(
        arrived.body_text(),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"active","displayName":"Display Name value"}"##
    );
}

#[tokio::test]
async fn get_sends_the_query_and_no_body() {
    let server = MockServer::start(|_, _| Reply::json(200, CREATED)).await;
    let request = NdesConnector::get("e71f/a7")
        .unwrap()
        .select([NdesConnectorProperty::DisplayName, NdesConnectorProperty::State]);
    let connector = client(&server, fast_retries()).send(&request).await.unwrap();
    assert_eq!(connector.display_name.as_deref(), Some("Display Name value"));

    let [arrived] = server.received().try_into().unwrap();
    assert_eq!(arrived.request_line, format!("GET {COLLECTION}/e71f%2Fa7?$select=displayName,state HTTP/1.1"));
    assert_eq!(arrived.target, format!("{COLLECTION}/e71f%2Fa7?$select=displayName,state"));
    assert_eq!(arrived.header("content-type"), None);
    assert!(matches!(arrived.header("content-length"), None | Some("0")));
    assert!(arrived.body.is_empty());
}

#[tokio::test]
async fn update_sends_set_and_cleared_properties_and_delete_reads_204() {
    let server =
        MockServer::start(|index, _| if index == 2 { Reply::json(200, CREATED) } else { Reply::empty(204) }).await;
    let client = client(&server, fast_retries());

    let patch = NdesConnectorPatch::default().display_name("renamed").clear_last_connection_date_time();
    assert_eq!(patch.state, Patch::Unchanged);
    let update = NdesConnector::update("e71f", patch).unwrap();
    assert_eq!(client.send(&update).await.unwrap(), None);
    client.send(&NdesConnector::delete("e71f").unwrap()).await.unwrap();
    // An update answered with 200 and the entity reads it back.
    let updated = client.send(&update).await.unwrap().unwrap();
    assert_eq!(updated.display_name.as_deref(), Some("Display Name value"));

    let received = server.received();
    assert_eq!(received[0].request_line, format!("PATCH {COLLECTION}/e71f HTTP/1.1"));
    assert_eq!(
        received[0].body_text(),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":null,"displayName":"renamed"}"##
    );
    assert_eq!(received[0].header("content-type"), Some("application/json"));
    assert_eq!(received[1].request_line, format!("DELETE {COLLECTION}/e71f HTTP/1.1"));
    assert!(received[1].body.is_empty());
    // Every logical request has its own id.
    let ids: Vec<&str> = received.iter().map(|r| r.header("client-request-id").unwrap()).collect();
    assert!(ids[0] != ids[1] && ids[1] != ids[2], "{ids:?}");
}

#[tokio::test]
async fn graph_errors_come_back_whole_and_are_not_retried() {
    let server = MockServer::start(|_, request| {
        if request.method == "GET" {
            graph_error(404, "ResourceNotFound", "No ndesConnector with that id")
        } else {
            graph_error(500, "InternalServerError", "Something went wrong")
        }
    })
    .await;
    let client = client(&server, fast_retries());

    let error = client.send(&NdesConnector::get("missing").unwrap()).await.unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!(graph.status, 404);
    assert_eq!(graph.code, "ResourceNotFound");
    assert_eq!(graph.message, "No ndesConnector with that id");
    assert_eq!(graph.request_id(), Some("6a2e7f3c-1111-4a4a-9b9b-000000000001"));
    assert_eq!(
        error.to_string(),
        "Graph error 404 ResourceNotFound: No ndesConnector with that id (request-id 6a2e7f3c-1111-4a4a-9b9b-000000000001)"
    );
    assert_eq!(server.count(), 1);

    let error = client.send(&NdesConnector::delete("x").unwrap()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "InternalServerError");
    assert_eq!(server.count(), 2, "a 500 is not retried");
}

// ---------------------------------------------------------------------------------------------
// Paging.

#[tokio::test]
async fn list_all_follows_three_pages_in_order() {
    let server = Arc::new(Mutex::new(String::new()));
    let base = server.clone();
    let mock = MockServer::start(move |_, request| {
        let base = base.lock().unwrap().clone();
        let body = match request.target.split_once('?').map(|(_, query)| query) {
            Some("$top=2") => format!(
                r#"{{"@odata.count":5,"value":[{{"id":"1"}},{{"id":"2"}}],"@odata.nextLink":"{base}{COLLECTION}?$top=2&$skiptoken=p2"}}"#
            ),
            Some("$top=2&$skiptoken=p2") => format!(
                r#"{{"value":[{{"id":"3"}},{{"id":"4"}}],"@odata.nextLink":"{base}{COLLECTION}?$top=2&$skiptoken=p3"}}"#
            ),
            Some("$top=2&$skiptoken=p3") => r#"{"value":[{"id":"5","state":"inactive"}]}"#.to_owned(),
            other => panic!("unexpected query {other:?}"),
        };
        Reply::json(200, &body)
    })
    .await;
    *server.lock().unwrap() = mock.base_url.clone();
    let client = client(&mock, fast_retries());

    // One page at a time, by hand.
    let first = NdesConnector::list().top(2);
    let page = client.send(&first).await.unwrap();
    assert_eq!(page.count, Some(5));
    assert_eq!(page.value.len(), 2);
    assert!(first.next_page(&page).is_some());

    // All of them.
    let all = client.list_all(NdesConnector::list().top(2)).await.unwrap();
    let ids: Vec<&str> = all.iter().map(|item| item.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(all[4].state, Some(NdesConnectorState::Inactive));

    let targets: Vec<String> = mock.received().iter().skip(1).map(|r| r.request_line.clone()).collect();
    assert_eq!(
        targets,
        [
            format!("GET {COLLECTION}?$top=2 HTTP/1.1"),
            format!("GET {COLLECTION}?$top=2&$skiptoken=p2 HTTP/1.1"),
            format!("GET {COLLECTION}?$top=2&$skiptoken=p3 HTTP/1.1"),
        ]
    );
    assert!(mock.received().iter().all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}"))));
}

#[tokio::test]
async fn list_all_stops_at_the_page_bound_and_never_leaves_the_endpoint() {
    let base = Arc::new(Mutex::new(String::new()));
    let link_base = base.clone();
    let server = MockServer::start(move |index, _| {
        let base = link_base.lock().unwrap().clone();
        let next = index + 1;
        Reply::json(
            200,
            &format!(r#"{{"value":[{{"id":"{index}"}}],"@odata.nextLink":"{base}{COLLECTION}?$skiptoken={next}"}}"#),
        )
    })
    .await;
    *base.lock().unwrap() = server.base_url.clone();
    let client = Client::builder(server.endpoint(), BearerToken::new(TOKEN)).max_pages(3).build().unwrap();
    assert_eq!(client.max_pages(), 3);

    let error = client.list_all(NdesConnector::list()).await.unwrap_err();
    let Error::TooManyPages { max_pages, next_link } = &error else { panic!("{error:?}") };
    assert_eq!(*max_pages, 3);
    assert_eq!(next_link, &format!("{}{COLLECTION}?$skiptoken=3", server.base_url));
    assert_eq!(server.count(), 3);

    // A next link to another address is not followed: the token would go there.
    let other = MockServer::start(|_, _| {
        Reply::json(200, r#"{"value":[],"@odata.nextLink":"http://127.0.0.1:1/beta/deviceManagement/ndesConnectors"}"#)
    })
    .await;
    let error = Client::new(other.endpoint(), BearerToken::new(TOKEN))
        .unwrap()
        .list_all(NdesConnector::list())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(other.count(), 1);
}

// ---------------------------------------------------------------------------------------------
// Retries.

#[tokio::test]
async fn a_429_storm_with_retry_after_seconds_is_waited_out() {
    let server = MockServer::start(|index, _| {
        if index < 2 {
            graph_error(429, "TooManyRequests", "Slow down").header("Retry-After", "1")
        } else {
            Reply::json(201, CREATED)
        }
    })
    .await;
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(5), ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&server, retry).exchange(&seed_request()).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(exchange.attempts, 3);
    assert_eq!(exchange.response.status(), 201);
    let created = seed_request().parse_response(exchange.response).unwrap();
    assert_eq!(created.id.as_deref(), Some("e71fa706-a706-e71f-06a7-1fe706a71fe7"));

    let received = server.received();
    assert_eq!(received.len(), 3);
    for gap in gaps(&received) {
        assert!(gap >= Duration::from_millis(990) && gap < Duration::from_millis(1500), "{gap:?}");
    }
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    // The same request each time, with the same client-request-id.
    let id = received[0].header("client-request-id").unwrap();
    assert_eq!(id, exchange.client_request_id);
    assert!(received.iter().all(|r| r.header("client-request-id") == Some(id) && r.body == received[0].body));
}

#[tokio::test]
async fn a_503_with_an_http_date_is_waited_until_that_date() {
    let server = MockServer::start(|index, _| {
        if index == 0 {
            let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
            graph_error(503, "ServiceUnavailable", "Try later").header("Retry-After", &date)
        } else {
            Reply::json(200, CREATED)
        }
    })
    .await;
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(5), ..fast_retries() };
    let connector = client(&server, retry).send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(connector.state, Some(NdesConnectorState::Active));

    let received = server.received();
    assert_eq!(received.len(), 2);
    // The date has whole seconds: two seconds ahead is a wait of more than one and at most two.
    let [gap] = gaps(&received).try_into().unwrap();
    assert!(gap >= Duration::from_millis(900) && gap <= Duration::from_millis(2500), "{gap:?}");
}

#[tokio::test]
async fn without_retry_after_the_backoff_grows_exponentially() {
    let server = MockServer::start(|index, _| {
        if index < 4 { Reply::empty(if index % 2 == 0 { 504 } else { 429 }) } else { Reply::json(200, CREATED) }
    })
    .await;
    let retry = RetryPolicy { max_delay: Duration::from_secs(1), ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&server, retry).exchange(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(exchange.attempts, 5);
    assert_eq!(exchange.response.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

    // Attempt n waits between half and all of 10 ms × 2ⁿ⁻¹.
    let gaps = gaps(&server.received());
    for (n, gap) in gaps.iter().enumerate() {
        let ceiling = Duration::from_millis(10 << n);
        assert!(*gap >= ceiling / 2, "retry {}: {gap:?} < {:?}", n + 1, ceiling / 2);
        assert!(*gap < ceiling + Duration::from_millis(150), "retry {}: {gap:?}", n + 1);
    }
}

#[tokio::test]
async fn a_server_that_throttles_forever_is_given_up_within_the_time_bound() {
    let server = MockServer::start(|_, _| graph_error(429, "TooManyRequests", "Slow down")).await;
    let retry = RetryPolicy { max_attempts: 1000, ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&server, retry).exchange(&NdesConnector::list()).await.unwrap();
    let elapsed = started.elapsed();

    // Never past the bound (plus a margin for the last round trip); and the bound was used.
    assert!(elapsed <= Duration::from_millis(2500), "{elapsed:?}");
    assert!(elapsed >= Duration::from_millis(1700), "{elapsed:?}");
    assert_eq!(exchange.attempts as usize, server.count());
    assert!((8..=100).contains(&exchange.attempts), "{}", exchange.attempts);

    // `send` ends with the service's error (a shorter bound this time).
    let server = MockServer::start(|_, _| graph_error(429, "TooManyRequests", "Slow down")).await;
    let retry = RetryPolicy { max_attempts: 1000, max_total_delay: Duration::from_millis(300), ..fast_retries() };
    let started = Instant::now();
    let error = client(&server, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert!(started.elapsed() <= Duration::from_millis(800), "{:?}", started.elapsed());
    let graph = error.graph_error().unwrap();
    assert_eq!((graph.status, graph.code.as_str()), (429, "TooManyRequests"));
}

#[tokio::test]
async fn a_server_that_throttles_forever_is_given_up_after_max_attempts() {
    let server = MockServer::start(|_, _| Reply::empty(503)).await;
    let retry = RetryPolicy { max_attempts: 3, max_total_delay: Duration::from_secs(60), ..fast_retries() };
    let started = Instant::now();
    let error = client(&server, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().status, 503);
    assert_eq!(server.count(), 3);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

    // No retries at all.
    let server = MockServer::start(|_, _| Reply::empty(503)).await;
    client(&server, RetryPolicy::none()).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_ends_at_once_with_the_error() {
    let server = MockServer::start(|_, _| {
        graph_error(429, "TooManyRequests", "Come back much later").header("Retry-After", "999999")
    })
    .await;
    let started = Instant::now();
    let error = client(&server, fast_retries()).send(&seed_request()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());
    assert_eq!(server.count(), 1);
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.status, 429);
    assert_eq!(graph.code, "TooManyRequests");
    assert_eq!(graph.retry_after, Some(RetryAfter::Seconds(999_999)));

    // One that fits the first time but not the second: one retry, then the error.
    let server =
        MockServer::start(|_, _| graph_error(429, "TooManyRequests", "Slow down").header("Retry-After", "1")).await;
    let retry = RetryPolicy { max_total_delay: Duration::from_millis(1500), ..fast_retries() };
    let started = Instant::now();
    let error = client(&server, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(server.count(), 2);
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    assert_eq!(error.graph_error().unwrap().retry_after, Some(RetryAfter::Seconds(1)));
}

#[tokio::test]
async fn retries_that_run_out_say_how_many_attempts_were_made_and_over_how_long() {
    // The attempt bound.
    let server = MockServer::start(|_, _| graph_error(503, "ServiceUnavailable", "Busy")).await;
    let retry = RetryPolicy { max_attempts: 3, max_total_delay: Duration::from_secs(60), ..fast_retries() };
    let error = client(&server, retry).send(&NdesConnector::list()).await.unwrap_err();
    let graph = error.graph_error().unwrap();
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!((retries.attempts, retries.stopped_by), (3, RetryStop::MaxAttempts));
    assert!(retries.elapsed >= Duration::from_millis(10) && retries.elapsed < Duration::from_secs(2), "{retries:?}");
    let text = error.to_string();
    assert!(text.contains("gave up after 3 attempts over "), "{text}");
    assert!(text.contains("the retry policy allows 3 attempts"), "{text}");

    // The time bound: a Retry-After past it ends at once, and the error says why.
    let server =
        MockServer::start(|_, _| graph_error(429, "TooManyRequests", "Later").header("Retry-After", "3600")).await;
    let error = client(&server, fast_retries()).send(&NdesConnector::list()).await.unwrap_err();
    let retries = error.graph_error().unwrap().retries.expect("how the retries ended");
    assert_eq!(retries.attempts, 1);
    assert_eq!(
        retries.stopped_by,
        RetryStop::MaxTotalDelay { next_wait: Duration::from_secs(3600), max_total_delay: Duration::from_secs(2) }
    );
    let text = error.to_string();
    assert!(text.contains("gave up after 1 attempt over "), "{text}");
    assert!(text.contains("the next wait, 3600 s, would end past the 2 s the retry policy allows"), "{text}");

    // An error that is not retried says nothing of retries.
    let server = MockServer::start(|_, _| graph_error(404, "ResourceNotFound", "No such thing")).await;
    let error = client(&server, fast_retries()).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().retries, None);
    assert!(!error.to_string().contains("gave up"), "{error}");
}

#[test]
fn retry_after_is_typed_seconds_or_an_http_date() {
    let read = |value: &str| {
        let mut headers = http::HeaderMap::new();
        headers.insert("retry-after", value.parse().unwrap());
        msgraph_entity::GraphError::from_response(http::StatusCode::TOO_MANY_REQUESTS, &headers, b"{}")
    };
    assert_eq!(read("7").retry_after, Some(RetryAfter::Seconds(7)));
    assert_eq!(read("99999999999999999999999").retry_after, Some(RetryAfter::Seconds(u64::MAX)));
    let date = "Sun, 06 Nov 1994 08:49:37 GMT";
    let error = read(date);
    assert_eq!(error.retry_after, Some(RetryAfter::Date(httpdate::parse_http_date(date).unwrap())));
    assert!(error.to_string().contains(&format!("Retry-After {date}")), "{error}");
    assert!(read("7").to_string().contains("Retry-After 7 s"), "{}", read("7"));
    assert_eq!(read("soon").retry_after, None);
    let now = httpdate::parse_http_date(date).unwrap();
    assert_eq!(RetryAfter::Seconds(7).delay_from(now), Duration::from_secs(7));
    assert_eq!(RetryAfter::Date(now + Duration::from_secs(3)).delay_from(now), Duration::from_secs(3));
    assert_eq!(RetryAfter::Date(now).delay_from(now + Duration::from_secs(3)), Duration::ZERO);
}

// ---------------------------------------------------------------------------------------------
// Tokens.

#[tokio::test]
async fn a_token_provider_is_asked_once_per_attempt() {
    let server = MockServer::start(|index, _| {
        if index == 0 { Reply::empty(429).header("Retry-After", "0") } else { Reply::json(200, CREATED) }
    })
    .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let provider = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move { Ok(BearerToken::new(format!("token-{n}"))) }
    };
    let client = Client::builder(server.endpoint(), provider).retry_policy(fast_retries()).build().unwrap();
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let auth: Vec<String> = server.received().iter().map(|r| r.header("authorization").unwrap().to_owned()).collect();
    assert_eq!(auth, ["Bearer token-1", "Bearer token-2"]);

    // A provider's error ends the request before anything is sent.
    let failing = || async { Err(Error::InvalidRequest { reason: "no token cached".to_owned() }) };
    let client = Client::new(server.endpoint(), failing).unwrap();
    let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    assert_eq!(error.to_string(), "invalid request: no token cached");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn an_empty_or_blank_bearer_token_is_never_sent() {
    let server = MockServer::start(|_, _| Reply::json(200, CREATED)).await;
    for token in ["", " ", "\t \t"] {
        let client = Client::new(server.endpoint(), BearerToken::new(token)).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        assert!(matches!(&error, Error::InvalidRequest { reason } if reason.contains("empty")), "{token:?}: {error:?}");

        // From a provider, the same.
        let provider = move || async move { Ok(BearerToken::new(token)) };
        let client = Client::new(server.endpoint(), provider).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        assert!(error.to_string().contains("the bearer token is empty"), "{token:?}: {error}");

        // And without the client.
        let request = NdesConnector::get("e71f").unwrap();
        assert!(request.to_http(&server.endpoint(), &BearerToken::new(token)).is_err(), "{token:?}");
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn the_token_never_appears_in_debug_output_exchanges_or_errors() {
    let server =
        MockServer::start(|_, _| graph_error(401, "InvalidAuthenticationToken", "Access token is empty.")).await;
    let client = client(&server, fast_retries());
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains(TOKEN) && debug.contains("<redacted>"), "{debug}");

    let exchange = client.exchange(&seed_request()).await.unwrap();
    assert_eq!(exchange.request.headers()["authorization"], "Bearer <redacted>");
    assert_eq!(exchange.request.headers()["client-request-id"], exchange.client_request_id.as_str());
    assert_eq!(exchange.request.method(), "POST");
    assert_eq!(exchange.request.uri().to_string(), format!("{}{COLLECTION}", server.base_url));
    assert!(!format!("{exchange:?}").contains(TOKEN));
    let error = seed_request().parse_response(exchange.response).unwrap_err();
    assert!(!format!("{error} {error:?}").contains(TOKEN));

    // A transport failure: nothing listens on the port any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let closed = Client::builder(Endpoint::with_base_url(format!("http://127.0.0.1:{port}")), BearerToken::new(TOKEN))
        .connect_timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = closed.send(&seed_request()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    let Error::Transport { context, source } = &error else { panic!("{error:?}") };
    assert_eq!(*context, "sending the request");
    assert!(source.to_string().contains(&format!("127.0.0.1:{port}")), "{source}");
    // The chain shows each message once: ours, then reqwest's and its causes.
    let chain = format!("{:#}", anyhow::Error::from(error));
    assert!(chain.starts_with("transport error while sending the request: error sending request for url"), "{chain}");
    assert!(!chain.contains(TOKEN), "{chain}");
}

#[tokio::test]
async fn an_https_endpoint_is_spoken_to_in_tls() {
    // A plain TCP listener: it sees the ClientHello, answers in clear text, and the handshake fails.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut record_header = [0u8; 5];
        stream.read_exact(&mut record_header).await.unwrap();
        stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").await.unwrap();
        record_header
    });
    let client =
        Client::new(Endpoint::with_base_url(format!("https://127.0.0.1:{port}")), BearerToken::new(TOKEN)).unwrap();
    let error = client.send(&NdesConnector::list()).await.unwrap_err();

    let record_header = server.await.unwrap();
    assert_eq!(record_header[..2], [0x16, 0x03], "a TLS handshake record");
    let Error::Transport { source, .. } = &error else { panic!("{error:?}") };
    let reason = source.to_string();
    assert!(reason.starts_with(&format!("error sending request for url (https://127.0.0.1:{port}/")), "{reason}");
    assert!(!format!("{error:?}").contains(TOKEN));
}

// ---------------------------------------------------------------------------------------------
// Hostile servers.

/// Everything a caller may print about an error: Display, Debug, and each source in the chain.
fn printed(error: &Error) -> String {
    let mut text = format!("{error} {error:?} {error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn a_server_echoing_the_token_never_gets_it_printed() {
    let server = MockServer::start(move |index, request| {
        let echoed = request.header("authorization").unwrap_or_default().to_owned();
        assert_eq!(echoed, format!("Bearer {TOKEN}"), "the token is sent");
        let graph_shape =
            format!(r#"{{"error":{{"code":"x","message":"{echoed}","innerError":{{"echo":"{echoed}"}}}}}}"#);
        match index {
            0 => Reply::json(401, &graph_shape).header("www-authenticate", &echoed),
            1 => Reply::json(401, &format!("not json: {echoed}")),
            2 => Reply::json(302, &format!("moved: {echoed}")).header("location", &format!("https://x/{TOKEN}")),
            // A success whose body does not match the model and quotes the token.
            3 => Reply::json(200, &format!(r#"{{"id":"1","lastConnectionDateTime":"{TOKEN}"}}"#)),
            _ => Reply::json(200, &format!(r#"{{"id":"1","displayName":"{echoed}"}}"#)).header("x-echo", &echoed),
        }
    })
    .await;
    let client = client(&server, RetryPolicy::none());
    let get = NdesConnector::get("1").unwrap();
    for attempt in 0..4 {
        let error = client.send(&get).await.unwrap_err();
        let text = printed(&error);
        assert!(!text.contains(TOKEN), "attempt {attempt}: the token leaked: {text}");
        if let Some(graph) = error.graph_error() {
            let whole = format!("{graph:?} {:?} {:?}", graph.raw_body, graph.inner_error);
            assert!(!whole.contains(TOKEN) && (whole.contains("<redacted>")), "{whole}");
        }
    }
    // The exchange of a success: neither its body nor its headers show the token.
    let exchange = client.exchange(&get).await.unwrap();
    let shown = format!("{exchange:?} {:?}", String::from_utf8_lossy(exchange.response.body()));
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(String::from_utf8_lossy(exchange.response.body()).contains("Bearer <redacted>"));
    assert_eq!(exchange.response.headers()["x-echo"], "Bearer <redacted>");
    assert_eq!(server.count(), 5);
}

#[tokio::test]
async fn a_create_answered_504_is_not_sent_again_unless_asked() {
    let server = MockServer::start(|_, _| Reply::empty(504)).await;
    let error = client(&server, fast_retries()).send(&seed_request()).await.unwrap_err();
    assert_eq!(error.graph_error().map(|graph| graph.status), Some(504));
    assert_eq!(server.count(), 1, "its outcome is unknown: a second POST could create a second connector");

    let opted_in = RetryPolicy { max_attempts: 3, retry_unsafe_on_gateway_timeout: true, ..fast_retries() };
    let server = MockServer::start(|_, _| Reply::empty(504)).await;
    let _ = client(&server, opted_in).send(&seed_request()).await.unwrap_err();
    assert_eq!(server.count(), 3);

    // A 503 says the request was not processed: a create is sent again.
    let server =
        MockServer::start(|index, _| if index == 0 { Reply::empty(503) } else { Reply::json(201, CREATED) }).await;
    client(&server, fast_retries()).send(&seed_request()).await.unwrap();
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_response_larger_than_the_bound_is_refused_with_a_clear_error() {
    let big = format!(r#"{{"value":[{}]}}"#, vec![r#"{"id":"1"}"#; 20_000].join(","));
    let length = big.len();
    let server = MockServer::start(move |_, _| Reply::json(200, &big)).await;
    let bounded =
        Client::builder(server.endpoint(), BearerToken::new(TOKEN)).max_response_bytes(64 * 1024).build().unwrap();
    let error = bounded.send(&NdesConnector::list()).await.unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { limit: 65536 }), "{error:?}");
    assert_eq!(error.to_string(), "the response body is larger than 65536 bytes, the most this client reads");
    // Under the default bound (64 MiB) the same page reads.
    let page = client(&server, RetryPolicy::none()).send(&NdesConnector::list()).await.unwrap();
    assert_eq!(page.value.len(), 20_000);
    assert!(length > 64 * 1024);
}

#[tokio::test]
async fn next_links_leaving_the_endpoint_by_dot_segments_are_not_followed() {
    let server = MockServer::start(|index, request| {
        let base = request.header("host").map(|host| format!("http://{host}")).unwrap_or_default();
        match index {
            0 => Reply::json(
                200,
                &format!(r#"{{"value":[{{"id":"1"}}],"@odata.nextLink":"{base}/beta/%2e%2e/other/x"}}"#),
            ),
            _ => Reply::json(200, r#"{"value":[]}"#),
        }
    })
    .await;
    let error = client(&server, RetryPolicy::none()).list_all(NdesConnector::list()).await.unwrap_err();
    assert!(error.to_string().contains("leaves the endpoint's path"), "{error}");
    assert_eq!(server.count(), 1, "the link was not followed");
}
