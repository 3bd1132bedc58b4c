//! Typed `$batch` over loopback: a stand-in for `POST /beta/$batch` on 127.0.0.1
//! answers each item as the test says (in reverse order, as the service may),
//! and the results are read back through their typed handles.

#![cfg(feature = "client")]

mod support;

use std::time::{Duration, Instant};

use http::{HeaderMap, Method, StatusCode};
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{Batch, BearerToken, Endpoint, Error, GraphEntity, GraphEnum, GraphRequest};
use serde_json::{Value, json};
use support::{Received, Reply, Server};

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct NdesConnector {
    #[graph(key)]
    id: Option<String>,
    state: Option<NdesConnectorState>,
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

const TOKEN: &str = "batch-t0ken-value";

fn client(server: &Server, retry: RetryPolicy) -> Client {
    Client::builder(Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_delay: Duration::from_secs(5),
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
        ..RetryPolicy::default()
    }
}

/// Answers a `$batch` request: `item` gives each item's `{status, headers?, body?}`; the answers go back reversed.
fn batch_reply(request: &Received, item: impl Fn(&Value) -> Value) -> Reply {
    assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/beta/$batch"));
    let body = request.json();
    let mut responses: Vec<Value> = body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|request| {
            let mut response = item(request);
            response["id"] = request["id"].clone();
            response
        })
        .collect();
    responses.reverse();
    Reply::json(200, &json!({ "responses": responses }).to_string())
}

fn connector(id: &str) -> Value {
    json!({"@odata.type": "#microsoft.graph.ndesConnector", "id": id, "state": "active", "displayName": format!("Connector {id}")})
}

fn not_found(id: &str) -> Value {
    json!({"status": 404, "headers": {"Content-Type": "application/json"},
           "body": {"error": {"code": "ResourceNotFound", "message": format!("No ndesConnector {id}")}}})
}

/// The key at the end of an item URL: `/deviceManagement/ndesConnectors/c7` → `c7`.
fn key_of(item: &Value) -> String {
    item["url"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn forty_five_requests_go_in_three_batches_and_read_back_typed() {
    let server = Server::start(|_, request| {
        batch_reply(request, |item| json!({"status": 200, "body": connector(&key_of(item))}))
    })
    .await;
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..45).map(|n| batch.add(NdesConnector::get(&format!("c{n}")).unwrap())).collect();
    assert_eq!(batch.len(), 45);

    // Transport-neutral: three `$batch` requests of 20, 20 and 5 items.
    let requests = batch.to_http(&Endpoint::beta(), &BearerToken::new(TOKEN)).unwrap();
    let sizes: Vec<usize> = requests
        .iter()
        .map(|request| {
            assert_eq!(request.method(), Method::POST);
            assert_eq!(request.uri(), "https://graph.microsoft.com/beta/$batch");
            assert_eq!(request.headers()["content-type"], "application/json");
            let body: Value = serde_json::from_slice(request.body()).unwrap();
            body["requests"].as_array().unwrap().len()
        })
        .collect();
    assert_eq!(sizes, [20, 20, 5]);

    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(responses.answered(), 45);
    for (n, handle) in handles.iter().enumerate() {
        let connector: NdesConnector = responses.get(handle).unwrap();
        assert_eq!(connector.id, Some(format!("c{n}")));
        assert_eq!(connector.state, Some(NdesConnectorState::Active));
    }

    let received = server.received();
    assert_eq!(received.len(), 3);
    let mut ids = Vec::new();
    for request in &received {
        assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
        for item in request.json()["requests"].as_array().unwrap() {
            // Relative to the version root; no token, no body for a GET.
            assert_eq!(item["method"], "GET");
            assert!(item["url"].as_str().unwrap().starts_with("/deviceManagement/ndesConnectors/c"), "{item}");
            assert!(item.get("body").is_none() && item.get("headers").is_none(), "{item}");
            ids.push(item["id"].as_str().unwrap().to_owned());
        }
        assert!(!request.body_text().contains(TOKEN));
    }
    let expected: Vec<String> = (1..=45).map(|n| n.to_string()).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn mixed_success_not_found_and_throttled_items_each_read_as_their_own_result() {
    let server = Server::start(|_, request| {
        batch_reply(request, |item| match key_of(item).as_str() {
            "missing" => not_found("missing"),
            "busy" => json!({"status": 429, "headers": {"Retry-After": "7", "Content-Type": "application/json"},
                             "body": {"error": {"code": "TooManyRequests", "message": "Slow down"}}}),
            "ndesConnectors" => {
                json!({"status": 201, "headers": {"Location": "https://x/c1"}, "body": connector("c1")})
            }
            key => json!({"status": 200, "body": connector(key)}),
        })
    })
    .await;
    let mut batch = Batch::new();
    let created = batch.add(NdesConnector::create().display_name("New").build());
    let found = batch.add(NdesConnector::get("c9").unwrap());
    let missing = batch.add(NdesConnector::get("missing").unwrap());
    let busy = batch.add(NdesConnector::get("busy").unwrap());

    // No retries: the 429 stays as the service answered it.
    let responses = client(&server, RetryPolicy::none()).send_batch(&batch).await.unwrap();
    assert_eq!(server.count(), 1);

    assert_eq!(responses.get(&created).unwrap().id.as_deref(), Some("c1"));
    assert_eq!(responses.status(&created).unwrap(), 201);
    assert_eq!(responses.get(&found).unwrap().display_name.as_deref(), Some("Connector c9"));
    let error = responses.get(&missing).unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!((graph.status, graph.code.as_str()), (404, "ResourceNotFound"));
    let error = responses.get(&busy).unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!((graph.status, graph.retry_after), (429, Some(msgraph_entity::RetryAfter::Seconds(7))));

    // The create went with its JSON body inline, byte for byte, and its Content-Type.
    let [request] = server.received().try_into().unwrap();
    let body = request.json();
    let item = &body["requests"][0];
    assert_eq!(item["method"], "POST");
    assert_eq!(item["url"], "/deviceManagement/ndesConnectors");
    assert_eq!(item["headers"], json!({"content-type": "application/json"}));
    let request_body = NdesConnector::create().display_name("New").build().body_json().unwrap().unwrap();
    assert!(request.body_text().contains(std::str::from_utf8(&request_body).unwrap()), "{}", request.body_text());
}

#[tokio::test]
async fn a_throttled_item_is_sent_again_alone_after_its_retry_after_and_then_reads_typed() {
    let server = Server::start(|index, request| {
        if index == 0 {
            batch_reply(request, |item| match key_of(item).as_str() {
                "busy" => json!({"status": 429, "headers": {"Retry-After": "1"},
                                 "body": {"error": {"code": "TooManyRequests", "message": "Slow down"}}}),
                key => json!({"status": 200, "body": connector(key)}),
            })
        } else {
            Reply::json(200, &connector("busy").to_string())
        }
    })
    .await;
    let mut batch = Batch::new();
    let calm = batch.add(NdesConnector::get("calm").unwrap());
    let busy = batch.add(NdesConnector::get("busy").unwrap());

    let started = Instant::now();
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());

    assert_eq!(responses.get(&busy).unwrap().id.as_deref(), Some("busy"));
    assert_eq!(responses.status(&busy).unwrap(), 200);
    assert_eq!(responses.get(&calm).unwrap().id.as_deref(), Some("calm"));

    let received = server.received();
    assert_eq!(received.len(), 2, "one batch, then the throttled item alone, once");
    assert_eq!(
        (received[1].method.as_str(), received[1].target.as_str()),
        ("GET", "/beta/deviceManagement/ndesConnectors/busy")
    );
    assert_eq!(received[1].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    let gap = received[1].at - received[0].at;
    assert!(gap >= Duration::from_millis(990) && gap < Duration::from_millis(2000), "{gap:?}");
}

#[tokio::test]
async fn item_retries_stay_within_the_clients_bounds() {
    // Always throttled: the batch, then at most `max_attempts - 1` re-sends, never past the time bound.
    let server = Server::start(|index, request| {
        if index == 0 {
            batch_reply(request, |_| json!({"status": 503, "headers": {"Retry-After": "0"}}))
        } else {
            Reply::json(503, "{}").header("Retry-After", "0")
        }
    })
    .await;
    let mut batch = Batch::new();
    let item = batch.add(NdesConnector::get("x").unwrap());
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(server.count(), 4, "the batch attempt and three alone: max_attempts = 4");
    let error = responses.get(&item).unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.status, 503);
    // The item's error says how its retries ended.
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!((retries.attempts, retries.stopped_by), (4, msgraph_entity::RetryStop::MaxAttempts));
    assert!(error.to_string().contains("gave up after 4 attempts"), "{error}");

    // A Retry-After beyond the time bound: nothing is re-sent.
    let server = Server::start(|_, request| {
        batch_reply(request, |_| json!({"status": 429, "headers": {"Retry-After": "3600"}}))
    })
    .await;
    let started = Instant::now();
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.count(), 1);
    assert_eq!(responses.status(&item).unwrap(), 429);
    let retries = responses.get(&item).unwrap_err().graph_error().unwrap().retries.expect("how the retries ended");
    assert_eq!(retries.attempts, 1);
    assert!(matches!(retries.stopped_by, msgraph_entity::RetryStop::MaxTotalDelay { .. }), "{retries:?}");
}

#[tokio::test]
async fn an_item_that_waited_on_a_throttled_item_is_sent_alone_once_that_item_succeeded() {
    let server = Server::start(|index, request| match index {
        0 => batch_reply(request, |item| match item["method"].as_str().unwrap() {
            "POST" => json!({"status": 429, "headers": {"Retry-After": "0"}}),
            _ => json!({"status": 424}),
        }),
        1 => Reply::json(201, &connector("new").to_string()),
        _ => Reply::json(200, &connector("new").to_string()),
    })
    .await;
    let mut batch = Batch::new();
    let create = batch.add(NdesConnector::create().display_name("New").build());
    let read = batch.depends_on(&create).add(NdesConnector::get("new").unwrap()).unwrap();

    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(responses.get(&create).unwrap().id.as_deref(), Some("new"));
    assert_eq!(responses.get(&read).unwrap().display_name.as_deref(), Some("Connector new"));
    let lines: Vec<(String, String)> =
        server.received().iter().map(|request| (request.method.clone(), request.target.clone())).collect();
    assert_eq!(
        lines,
        [
            ("POST".to_owned(), "/beta/$batch".to_owned()),
            ("POST".to_owned(), "/beta/deviceManagement/ndesConnectors".to_owned()),
            ("GET".to_owned(), "/beta/deviceManagement/ndesConnectors/new".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_dependency_chain_whose_first_step_fails_names_the_failed_dependency() {
    let server = Server::start(|_, request| {
        batch_reply(request, |item| match item["method"].as_str().unwrap() {
            "POST" => json!({"status": 400, "headers": {"Content-Type": "application/json"},
                             "body": {"error": {"code": "BadRequest", "message": "Invalid displayName"}}}),
            _ if item.get("dependsOn").is_some() => json!({"status": 424}),
            _ => json!({"status": 200, "body": connector(&key_of(item))}),
        })
    })
    .await;
    let mut batch = Batch::new();
    // Nineteen independent items first: the chain of three cannot fit in the first request and moves whole.
    let independent: Vec<_> = (0..19).map(|n| batch.add(NdesConnector::get(&format!("i{n}")).unwrap())).collect();
    let create = batch.add(NdesConnector::create().display_name("").build());
    let read = batch.depends_on(&create).add(NdesConnector::get("new").unwrap()).unwrap();
    let delete = batch.depends_on(&read).add(NdesConnector::delete("new").unwrap()).unwrap();

    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    let error = responses.get(&create).unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "BadRequest");

    let error = responses.get(&read).unwrap_err();
    let Error::FailedDependency { item, dependency, dependency_status } = &error else { panic!("{error:?}") };
    assert_eq!(item, "21");
    assert_eq!(dependency, "20 (POST /deviceManagement/ndesConnectors)");
    assert_eq!(*dependency_status, Some(400));
    assert_eq!(
        error.to_string(),
        "batch item 21 was not run: the item it depends on, 20 (POST /deviceManagement/ndesConnectors), failed with status 400"
    );
    let error = responses.get(&delete).unwrap_err();
    let Error::FailedDependency { dependency, dependency_status, .. } = &error else { panic!("{error:?}") };
    assert_eq!((dependency.as_str(), *dependency_status), ("21 (GET /deviceManagement/ndesConnectors/new)", Some(424)));
    assert!(responses.get(&independent[18]).is_ok());

    // Two requests: the nineteen, then the chain together, each step naming the one before.
    let received = server.received();
    assert_eq!(received.len(), 2);
    let first = received[0].json();
    assert_eq!(first["requests"].as_array().unwrap().len(), 19);
    let second = received[1].json();
    let chain: Vec<(String, Value)> = second["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| (item["id"].as_str().unwrap().to_owned(), item.get("dependsOn").cloned().unwrap_or(Value::Null)))
        .collect();
    assert_eq!(
        chain,
        [("20".to_owned(), Value::Null), ("21".to_owned(), json!(["20"])), ("22".to_owned(), json!(["21"]))]
    );
}

#[tokio::test]
async fn handles_of_one_batch_are_refused_by_another() {
    let server = Server::start(|_, request| {
        batch_reply(request, |item| json!({"status": 200, "body": connector(&key_of(item))}))
    })
    .await;
    let mut first = Batch::new();
    let from_first = first.add(NdesConnector::get("a").unwrap());
    let mut second = Batch::new();
    let from_second = second.add(NdesConnector::get("b").unwrap());

    let responses = client(&server, fast_retries()).send_batch(&second).await.unwrap();
    assert_eq!(responses.get(&from_second).unwrap().id.as_deref(), Some("b"));
    // Same index, same output type, other batch: refused, never the other item's result.
    let error = responses.get(&from_first).unwrap_err();
    assert!(matches!(&error, Error::HandleFromAnotherBatch { item } if item == "1"), "{error:?}");
    assert!(error.to_string().contains("belongs to another batch"), "{error}");
    assert!(responses.status(&from_first).is_err());

    // Nor can an item of one batch depend on an item of another.
    let error = second.depends_on(&from_first).add(NdesConnector::get("c").unwrap()).unwrap_err();
    assert!(matches!(error, Error::HandleFromAnotherBatch { .. }), "{error:?}");
    assert_eq!(second.len(), 1);
}

#[test]
fn a_group_of_more_than_twenty_dependent_items_is_refused_before_sending() {
    let mut batch = Batch::new();
    let mut last = batch.add(NdesConnector::get("0").unwrap());
    for n in 1..21 {
        last = batch.depends_on(&last).add(NdesConnector::get(&n.to_string()).unwrap()).unwrap();
    }
    let error = batch.to_http(&Endpoint::beta(), &BearerToken::new(TOKEN)).unwrap_err();
    let Error::InvalidRequest { reason } = &error else { panic!("{error:?}") };
    assert!(reason.contains("21 batch items depend on each other") && reason.contains("at most 20"), "{reason}");
}

/// A request with a body that is not JSON, read back as bytes: the docs' base64 form both ways.
struct UploadLogo;

impl GraphRequest for UploadLogo {
    type Output = Vec<u8>;

    fn method(&self) -> Method {
        Method::PUT
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url("/deviceAppManagement/logo"))
    }

    fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<http::Request<Vec<u8>>, Error> {
        let mut request = http::Request::new(b"\x89PNG\r\n".to_vec());
        *request.method_mut() = Method::PUT;
        *request.uri_mut() = self.url(endpoint)?.parse().unwrap();
        request.headers_mut().insert("authorization", token.header_value()?);
        request.headers_mut().insert("content-type", "image/png".parse().unwrap());
        Ok(request)
    }

    fn read_response(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<Vec<u8>, Error> {
        assert_eq!(status, 200);
        Ok(body.to_vec())
    }
}

#[test]
fn non_json_bodies_travel_as_base64_both_ways() {
    let mut batch = Batch::new();
    let logo = batch.add(UploadLogo);
    let [request] = batch.to_http(&Endpoint::beta(), &BearerToken::new(TOKEN)).unwrap().try_into().unwrap();
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        body,
        json!({"requests": [{"id": "1", "method": "PUT", "url": "/deviceAppManagement/logo",
                             "headers": {"content-type": "image/png"}, "body": "iVBORw0K"}]})
    );
    assert!(!String::from_utf8_lossy(request.body()).contains(TOKEN));

    let answer = br#"{"responses":[{"id":"1","status":200,"headers":{"Content-Type":"image/png"},"body":"iVBORw0K"}]}"#;
    let response = http::Response::builder().status(200).body(answer.to_vec()).unwrap();
    let responses = batch.read_responses(&Endpoint::beta(), [response]).unwrap();
    assert_eq!(responses.get(&logo).unwrap(), b"\x89PNG\r\n");

    // No answer for the item, and an answer for an item that does not exist.
    let responses =
        batch.read_responses(&Endpoint::beta(), [http::Response::new(br#"{"responses":[]}"#.to_vec())]).unwrap();
    assert!(matches!(responses.get(&logo), Err(Error::MissingBatchResponse { .. })));
    // An answer naming no item of its request is nobody's answer: the item stays unanswered.
    let unknown = http::Response::new(br#"{"responses":[{"id":"7","status":200}]}"#.to_vec());
    let responses = batch.read_responses(&Endpoint::beta(), [unknown]).unwrap();
    assert!(matches!(responses.get(&logo), Err(Error::MissingBatchResponse { .. })));
    assert!(format!("{responses:?}").contains(r#"unmatched: ["7"]"#), "{responses:?}");
    // A refused `$batch` request is its Graph error.
    let refused =
        http::Response::builder().status(400).body(br#"{"error":{"code":"BadRequest","message":"Too many"}}"#.to_vec());
    let error = batch.read_responses(&Endpoint::beta(), [refused.unwrap()]).unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "BadRequest");
}

#[tokio::test]
async fn a_batch_item_echoing_the_token_never_gets_it_printed() {
    let server = Server::start(|_, request| {
        let echoed = request.header("authorization").unwrap_or_default().to_owned();
        batch_reply(request, |_| {
            json!({"status": 401, "headers": {"Content-Type": "application/json", "WWW-Authenticate": echoed},
                   "body": {"error": {"code": "InvalidAuthenticationToken", "message": echoed, "innerError": {"token": echoed}}}})
        })
    })
    .await;
    let mut batch = Batch::new();
    let handle = batch.add(NdesConnector::get("c1").unwrap());
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    let error = responses.get(&handle).unwrap_err();
    let text = format!("{error} {error:?} {responses:?}");
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
    assert!(text.contains("Bearer <redacted>"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Answers that try to mix items up (issue 21): each item reads only its own request's answer,
// matched by the exact id text, once.

/// A `$batch` response (status 200) with these answers, as a client of your own would receive it.
fn batch_response(answers: Value) -> http::Response<Vec<u8>> {
    let body = json!({ "responses": answers }).to_string();
    http::Response::builder().status(200).body(body.into_bytes()).unwrap()
}

#[test]
fn two_answers_with_one_id_are_an_error_for_that_item_never_a_pick() {
    let mut batch = Batch::new();
    let first = batch.add(NdesConnector::get("c1").unwrap());
    let second = batch.add(NdesConnector::get("c2").unwrap());
    let mut answers = vec![json!({"id": "1", "status": 200, "body": connector("c1")})];
    answers.push(json!({"id": "1", "status": 404, "body": {"error": {"code": "ResourceNotFound", "message": "no"}}}));
    answers.push(json!({"id": "2", "status": 200, "body": connector("c2")}));
    let responses = batch.read_responses(&Endpoint::beta(), [batch_response(Value::from(answers))]).unwrap();

    let error = responses.get(&first).unwrap_err();
    let Error::Body(body) = &error else { panic!("not the duplicate's error: {error:?}") };
    assert_eq!(body.path(), "responses[1]");
    assert!(body.message().contains("item 1 is answered twice"), "{error}");
    assert!(responses.status(&first).is_err(), "no status is picked either");
    // The other item is not affected.
    assert_eq!(responses.get(&second).unwrap().id.as_deref(), Some("c2"));
}

#[test]
fn ids_are_matched_by_their_exact_text_not_as_numbers() {
    for lookalike in ["01", "+1", "001", " 1", "1.0", "1 "] {
        let mut batch = Batch::new();
        let item = batch.add(NdesConnector::get("c1").unwrap());
        let answers = json!([{"id": lookalike, "status": 200, "body": connector("impostor")}]);
        let responses = batch.read_responses(&Endpoint::beta(), [batch_response(answers)]).unwrap();
        let error = responses.get(&item).unwrap_err();
        assert!(matches!(&error, Error::MissingBatchResponse { item } if item == "1"), "{lookalike:?}: {error:?}");

        // Next to the item's own answer, the look-alike changes nothing, whatever the order.
        let answers = json!([
            {"id": "1", "status": 200, "body": connector("c1")},
            {"id": lookalike, "status": 404},
        ]);
        let responses = batch.read_responses(&Endpoint::beta(), [batch_response(answers)]).unwrap();
        assert_eq!(responses.get(&item).unwrap().id.as_deref(), Some("c1"), "{lookalike:?}");
    }
    // A number is not the text sent.
    let mut batch = Batch::new();
    let item = batch.add(NdesConnector::get("c1").unwrap());
    let answers = json!([{"id": 1, "status": 200, "body": connector("c1")}]);
    let responses = batch.read_responses(&Endpoint::beta(), [batch_response(answers)]);
    let error = responses.map(|responses| responses.get(&item).map(|_| ())).unwrap_or_else(Err).unwrap_err();
    assert!(!matches!(error, Error::Graph(_)), "{error:?}");
}

#[tokio::test]
async fn an_answer_in_another_requests_response_is_not_used() {
    // Twenty-one items: two `$batch` requests. The first answer also carries item 21, which the
    // second answer leaves out.
    let server = Server::start(|index, request| {
        let reply = batch_reply(request, |item| json!({"status": 200, "body": connector(&key_of(item))}));
        if index == 0 {
            let mut body: Value = serde_json::from_str(&reply.body).unwrap();
            let stray = json!({"id": "21", "status": 200, "body": connector("stray")});
            body["responses"].as_array_mut().unwrap().push(stray);
            Reply::json(200, &body.to_string())
        } else {
            Reply::json(200, r#"{"responses":[]}"#)
        }
    })
    .await;
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..21).map(|n| batch.add(NdesConnector::get(&format!("c{n}")).unwrap())).collect();
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(server.count(), 2);
    let error = responses.get(&handles[20]).unwrap_err();
    assert!(matches!(&error, Error::MissingBatchResponse { item } if item == "21"), "{error:?}");
    assert_eq!(error.to_string(), "no batch response answered item 21");
    for (n, handle) in handles[..20].iter().enumerate() {
        assert_eq!(responses.get(handle).unwrap().id, Some(format!("c{n}")));
    }
}

#[tokio::test]
async fn a_later_requests_answer_cannot_overwrite_an_earlier_item() {
    // A create and twenty reads: the create goes in the first request, the last read in the second,
    // whose answer also claims item 1.
    let server = Server::start(|index, request| {
        let reply = batch_reply(request, |item| match item["method"].as_str().unwrap() {
            "POST" => json!({"status": 201, "body": connector("created")}),
            _ => json!({"status": 200, "body": connector(&key_of(item))}),
        });
        if index == 1 {
            let mut body: Value = serde_json::from_str(&reply.body).unwrap();
            body["responses"].as_array_mut().unwrap().push(not_found("created"));
            body["responses"][1]["id"] = json!("1");
            Reply::json(200, &body.to_string())
        } else {
            reply
        }
    })
    .await;
    let mut batch = Batch::new();
    let created = batch.add(NdesConnector::create().display_name("New").build());
    let reads: Vec<_> = (0..20).map(|n| batch.add(NdesConnector::get(&format!("c{n}")).unwrap())).collect();
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(server.count(), 2);
    assert_eq!(responses.status(&created).unwrap(), 201);
    assert_eq!(responses.get(&created).unwrap().id.as_deref(), Some("created"));
    assert_eq!(responses.get(&reads[19]).unwrap().id.as_deref(), Some("c19"));
}

#[test]
fn responses_are_read_in_the_order_of_the_requests_each_for_its_own_items() {
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..21).map(|n| batch.add(NdesConnector::get(&format!("c{n}")).unwrap())).collect();
    let first: Vec<Value> = (1..=20)
        .map(|id| json!({"id": id.to_string(), "status": 200, "body": connector(&format!("c{}", id - 1))}))
        .collect();
    let second = json!([{"id": "21", "status": 200, "body": connector("c20")}, {"id": "3", "status": 404}]);
    let responses =
        batch.read_responses(&Endpoint::beta(), [batch_response(Value::from(first)), batch_response(second.clone())]);
    let responses = responses.unwrap();
    assert_eq!(responses.get(&handles[2]).unwrap().id.as_deref(), Some("c2"), "not the second answer's 404");
    assert_eq!(responses.get(&handles[20]).unwrap().id.as_deref(), Some("c20"));

    // More responses than requests: said so, nothing guessed.
    let error = batch
        .read_responses(
            &Endpoint::beta(),
            [batch_response(json!([])), batch_response(json!([])), batch_response(second)],
        )
        .unwrap_err();
    assert!(error.to_string().contains("3 responses for the 2 `$batch` requests"), "{error}");
}

#[tokio::test]
async fn a_token_echoed_in_a_base64_item_body_is_redacted_after_decoding() {
    use base64::Engine;
    let server = Server::start(|_, request| {
        let echoed = request.header("authorization").unwrap_or_default().to_owned();
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{echoed} is not valid here"));
        batch_reply(request, |_| json!({"status": 401, "headers": {"Content-Type": "text/plain"}, "body": encoded}))
    })
    .await;
    let mut batch = Batch::new();
    let handle = batch.add(NdesConnector::get("c1").unwrap());
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    let error = responses.get(&handle).unwrap_err();
    let graph = error.graph_error().expect("the item's 401");
    assert_eq!(graph.raw_body.as_deref(), Some("Bearer <redacted> is not valid here"));
    let text = format!("{error} {error:?} {responses:?}");
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
}

#[tokio::test]
async fn an_item_body_that_is_not_base64_is_that_items_error_and_the_others_read() {
    let server = Server::start(|_, request| {
        batch_reply(request, |item| match item["method"].as_str().unwrap() {
            "POST" => json!({"status": 201, "body": connector("created")}),
            _ => json!({"status": 200, "headers": {"Content-Type": "text/plain"}, "body": "%%% not base64 %%%"}),
        })
    })
    .await;
    let mut batch = Batch::new();
    let created = batch.add(NdesConnector::create().display_name("New").build());
    let read = batch.add(NdesConnector::get("c1").unwrap());
    let responses = client(&server, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(responses.get(&created).unwrap().id.as_deref(), Some("created"), "the created id is kept");
    let error = responses.get(&read).unwrap_err();
    let Error::Body(body) = &error else { panic!("{error:?}") };
    assert_eq!(body.path(), "responses[0].body");
    assert!(body.message().contains("item 2") && body.message().contains("not base64"), "{error}");
}
