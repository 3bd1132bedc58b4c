//! Typed `$batch` against the stand-in (from msgraph-entity's `tests/batch.rs`): items answered
//! one by one as the service answers them, throttled items sent again alone, dependencies, and
//! the results read back through their typed handles.

use std::time::{Duration, Instant};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{Batch, BearerToken, Endpoint, Error, GraphRequest};
use msgraph_standin::{Fault, REDACTED, RetryAfter as Wait, StandIn};
use serde_json::{Value, json};

use crate::model::{NdesConnector, NdesConnectorState, PATH, client_with, create_request};
use crate::recorded::{assert_uuid_v4, gaps, signed_in, small};

const TOKEN: &str = "batch-t0ken-value";

fn client(standin: &StandIn, retry: RetryPolicy) -> Client {
    client_with(standin, TOKEN, retry)
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

/// Stores connector `id`, active, named `Connector {id}`.
fn seed(standin: &StandIn, id: &str) {
    standin.insert(PATH, &json!({"id": id, "state": "active", "displayName": format!("Connector {id}")})).unwrap();
}

#[tokio::test]
async fn forty_five_requests_go_in_three_batches_and_read_back_typed() {
    let (standin, token) = signed_in().await;
    for n in 0..45 {
        seed(&standin, &format!("c{n}"));
    }
    let mut batch = Batch::new();
    let handles: Vec<_> = (0..45).map(|n| batch.add(NdesConnector::get(&format!("c{n}")).unwrap())).collect();
    assert_eq!(batch.len(), 45);

    // Transport-neutral: three `$batch` requests of 20, 20 and 5 items.
    let requests = batch.to_http(&Endpoint::beta(), &BearerToken::new(TOKEN)).unwrap();
    let sizes: Vec<usize> = requests
        .iter()
        .map(|request| {
            assert_eq!(request.method(), http::Method::POST);
            assert_eq!(request.uri(), "https://graph.microsoft.com/beta/$batch");
            assert_eq!(request.headers()["content-type"], "application/json");
            let body: Value = serde_json::from_slice(request.body()).unwrap();
            body["requests"].as_array().unwrap().len()
        })
        .collect();
    assert_eq!(sizes, [20, 20, 5]);

    let responses = client_with(&standin, &token, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(responses.answered(), 45);
    for (n, handle) in handles.iter().enumerate() {
        let connector: NdesConnector = responses.get(handle).unwrap();
        assert_eq!(connector.id, Some(format!("c{n}")));
        assert_eq!(connector.state, Some(NdesConnectorState::Active));
    }

    let received = standin.requests();
    assert_eq!(received.len(), 3);
    let mut ids = Vec::new();
    for request in &received {
        // The token went whole (the stand-in answers only the token it issued), and was not kept.
        assert_eq!((request.target.as_str(), request.status), ("/beta/$batch", 200));
        assert_eq!(request.request_header("authorization"), Some(format!("Bearer {REDACTED}").as_str()));
        for item in request.request_json().unwrap()["requests"].as_array().unwrap() {
            // Relative to the version root; no token, no body for a GET.
            assert_eq!(item["method"], "GET");
            assert!(item["url"].as_str().unwrap().starts_with("/deviceManagement/ndesConnectors/c"), "{item}");
            assert!(item.get("body").is_none() && item.get("headers").is_none(), "{item}");
            ids.push(item["id"].as_str().unwrap().to_owned());
        }
        assert!(!String::from_utf8_lossy(&request.request_body).contains(&token));
    }
    let expected: Vec<String> = (1..=45).map(|n| n.to_string()).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn mixed_success_not_found_and_throttled_items_each_read_as_their_own_result() {
    let standin = small().start().await.unwrap();
    seed(&standin, "c9");
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(7)).on_path("/deviceManagement/ndesConnectors/busy"));
    let mut batch = Batch::new();
    let created = batch.add(create_request("New", NdesConnectorState::Active));
    let found = batch.add(NdesConnector::get("c9").unwrap());
    let missing = batch.add(NdesConnector::get("missing").unwrap());
    let busy = batch.add(NdesConnector::get("busy").unwrap());

    // No retries: the 429 stays as the service answered it.
    let responses = client(&standin, RetryPolicy::none()).send_batch(&batch).await.unwrap();
    assert_eq!(standin.request_count(), 1);

    let new = responses.get(&created).unwrap();
    assert_uuid_v4(new.id.as_deref().unwrap());
    assert_eq!(standin.get::<NdesConnector>(&format!("{PATH}/{}", new.id.as_deref().unwrap())).unwrap(), new);
    assert_eq!(responses.status(&created).unwrap(), 201);
    assert_eq!(responses.get(&found).unwrap().display_name.as_deref(), Some("Connector c9"));
    let error = responses.get(&missing).unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!((graph.status, graph.code.as_str()), (404, "ResourceNotFound"));
    let error = responses.get(&busy).unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!((graph.status, graph.retry_after), (429, Some(msgraph_entity::RetryAfter::Seconds(7))));

    // The create went with its JSON body inline, byte for byte, and its Content-Type.
    let [request] = standin.requests().try_into().unwrap();
    let body = request.request_json().unwrap();
    let item = &body["requests"][0];
    assert_eq!(item["method"], "POST");
    assert_eq!(item["url"], "/deviceManagement/ndesConnectors");
    assert_eq!(item["headers"], json!({"content-type": "application/json"}));
    let request_body = create_request("New", NdesConnectorState::Active).body_json().unwrap().unwrap();
    let sent = String::from_utf8_lossy(&request.request_body);
    assert!(sent.contains(std::str::from_utf8(&request_body).unwrap()), "{sent}");
}

#[tokio::test]
async fn a_throttled_item_is_sent_again_alone_after_its_retry_after_and_then_reads_typed() {
    let (standin, token) = signed_in().await;
    seed(&standin, "calm");
    seed(&standin, "busy");
    standin.inject(
        Fault::throttle().retry_after(Wait::Seconds(1)).on_path("/deviceManagement/ndesConnectors/busy").times(1),
    );
    let mut batch = Batch::new();
    let calm = batch.add(NdesConnector::get("calm").unwrap());
    let busy = batch.add(NdesConnector::get("busy").unwrap());

    let started = Instant::now();
    let responses = client_with(&standin, &token, fast_retries()).send_batch(&batch).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());

    assert_eq!(responses.get(&busy).unwrap().id.as_deref(), Some("busy"));
    assert_eq!(responses.status(&busy).unwrap(), 200);
    assert_eq!(responses.get(&calm).unwrap().id.as_deref(), Some("calm"));

    let received = standin.requests();
    assert_eq!(received.len(), 2, "one batch, then the throttled item alone, once");
    assert_eq!(
        (received[1].method.as_str(), received[1].target.as_str(), received[1].status),
        ("GET", "/beta/deviceManagement/ndesConnectors/busy", 200),
        "with the token (the stand-in answers only the one it issued)"
    );
    let [gap] = gaps(&received).try_into().unwrap();
    assert!(gap >= Duration::from_millis(990) && gap < Duration::from_millis(2000), "{gap:?}");
    assert!(standin.retry_after_violations().is_empty());
}

#[tokio::test]
async fn item_retries_stay_within_the_clients_bounds() {
    // Always unavailable: the batch, then at most `max_attempts - 1` re-sends, never past the time bound.
    let standin = small().start().await.unwrap();
    standin.inject(Fault::unavailable().retry_after(Wait::Seconds(0)).on_path("/deviceManagement/ndesConnectors/x"));
    let mut batch = Batch::new();
    let item = batch.add(NdesConnector::get("x").unwrap());
    let responses = client(&standin, fast_retries()).send_batch(&batch).await.unwrap();
    assert_eq!(standin.request_count(), 4, "the batch attempt and three alone: max_attempts = 4");
    let error = responses.get(&item).unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.status, 503);
    // The item's error says how its retries ended.
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!((retries.attempts, retries.stopped_by), (4, msgraph_entity::RetryStop::MaxAttempts));
    assert!(error.to_string().contains("gave up after 4 attempts"), "{error}");

    // A Retry-After beyond the time bound: nothing is re-sent.
    let standin = small().start().await.unwrap();
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(3600)).on_path("/deviceManagement/ndesConnectors/x"));
    let started = Instant::now();
    let responses = client(&standin, fast_retries()).send_batch(&batch).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(standin.request_count(), 1);
    assert_eq!(responses.status(&item).unwrap(), 429);
    let retries = responses.get(&item).unwrap_err().graph_error().unwrap().retries.expect("how the retries ended");
    assert_eq!(retries.attempts, 1);
    assert!(matches!(retries.stopped_by, msgraph_entity::RetryStop::MaxTotalDelay { .. }), "{retries:?}");
}

#[tokio::test]
async fn an_item_that_waited_on_a_throttled_item_is_sent_alone_once_that_item_succeeded() {
    let standin = small().start().await.unwrap();
    seed(&standin, "new");
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(0)).on_method("POST").on_path(PATH).times(1));
    let mut batch = Batch::new();
    let create = batch.add(create_request("New", NdesConnectorState::Active));
    let read = batch.depends_on(&create).add(NdesConnector::get("new").unwrap()).unwrap();

    let responses = client(&standin, fast_retries()).send_batch(&batch).await.unwrap();
    let created = responses.get(&create).unwrap();
    assert_eq!(standin.get::<NdesConnector>(&format!("{PATH}/{}", created.id.as_deref().unwrap())).unwrap(), created);
    assert_eq!(responses.get(&read).unwrap().display_name.as_deref(), Some("Connector new"));
    let lines: Vec<(String, String)> =
        standin.requests().iter().map(|request| (request.method.clone(), request.target.clone())).collect();
    assert_eq!(
        lines,
        [
            ("POST".to_owned(), "/beta/$batch".to_owned()),
            ("POST".to_owned(), "/beta/deviceManagement/ndesConnectors".to_owned()),
            ("GET".to_owned(), "/beta/deviceManagement/ndesConnectors/new".to_owned()),
        ]
    );
    // In the batch, the dependent item was answered 424 (its dependency was throttled).
    let answers = standin.requests()[0].response_json().unwrap();
    let statuses: Vec<(String, u64)> = answers["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|answer| (answer["id"].as_str().unwrap().to_owned(), answer["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(statuses, [("1".to_owned(), 429), ("2".to_owned(), 424)]);
}

#[tokio::test]
async fn a_dependency_chain_whose_first_step_fails_names_the_failed_dependency() {
    let standin = small().start().await.unwrap();
    for n in 0..19 {
        seed(&standin, &format!("i{n}"));
    }
    let mut batch = Batch::new();
    // Nineteen independent items first: the chain of three cannot fit in the first request and moves whole.
    let independent: Vec<_> = (0..19).map(|n| batch.add(NdesConnector::get(&format!("i{n}")).unwrap())).collect();
    // A state the schema does not have: the service refuses the create.
    let refused = create_request("", NdesConnectorState::Other("retired".into()));
    let create = batch.add(refused);
    let read = batch.depends_on(&create).add(NdesConnector::get("new").unwrap()).unwrap();
    let delete = batch.depends_on(&read).add(NdesConnector::delete("new").unwrap()).unwrap();

    let responses = client(&standin, fast_retries()).send_batch(&batch).await.unwrap();
    let error = responses.get(&create).unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "BadRequest");
    assert!(error.to_string().contains("retired"), "{error}");

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
    let received = standin.requests();
    assert_eq!(received.len(), 2);
    let first = received[0].request_json().unwrap();
    assert_eq!(first["requests"].as_array().unwrap().len(), 19);
    let second = received[1].request_json().unwrap();
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
    let standin = small().start().await.unwrap();
    seed(&standin, "a");
    seed(&standin, "b");
    let mut first = Batch::new();
    let from_first = first.add(NdesConnector::get("a").unwrap());
    let mut second = Batch::new();
    let from_second = second.add(NdesConnector::get("b").unwrap());

    let responses = client(&standin, fast_retries()).send_batch(&second).await.unwrap();
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
