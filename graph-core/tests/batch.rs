//! Typed `$batch` without a service (requests built, answers read) and against answers no
//! Graph service sends, from a raw server on 127.0.0.1 (in reverse order, as the service may):
//! tokens echoed in item headers and base64 bodies, an item answered twice or in another
//! request's answer, a body that is not base64. `$batch` against Graph's own behaviour
//! (throttled items, dependencies, mixed answers) runs against the stand-in:
//! `graph-standin/tests/client/batch.rs`.

#![cfg(feature = "client")]

mod support;

use std::time::Duration;

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
