//! A large tenant, small enough for the test suite (from msgraph-entity's `tests/large_tenant.rs`):
//! 5,000 connectors read as a stream, bulk sends in order with each failure in its place, and the
//! client's throttling gate. The bulk sends through tenant-wide throttling storms, and the count
//! of requests in flight, stay in msgraph-entity's tests: the stand-in throttles a request, not
//! a tenant, and does not count what is in flight.

use std::collections::HashMap;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{StreamExt as _, TryStreamExt as _};
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Endpoint, Error, RetryAfter, RetryStop, UpdateRequest};
use msgraph_standin::{Fault, RetryAfter as Wait, StandIn};
use serde_json::json;

use crate::model::{NdesConnector, NdesConnectorPatch, NdesConnectorState, PATH, client_with};
use crate::recorded::{next_link, small};

const TOKEN: &str = "s3cr3t-t0ken-value";

/// The id of connector `index`: a GUID whose last group is the index.
fn connector_id(index: usize) -> String {
    format!("e71fa706-a706-4e71-86a7-{index:012x}")
}

/// A tenant of `connectors` connectors, in pages of at most 1,000; updates answered with the
/// entity (`200`), as Intune's reference pages document.
async fn tenant(connectors: usize) -> StandIn {
    let standin = small().page_size(1_000).updates_return_entity().start().await.unwrap();
    let states = ["active", "inactive", "none"];
    for index in 0..connectors {
        let connector = json!({
            "id": connector_id(index),
            "lastConnectionDateTime": "2016-12-31T23:58:36.6670033-08:00",
            "state": states[index % states.len()],
            "displayName": format!("Connector {index}"),
            "connectorVersion": "6.2301.1.0",
            "enrolledDateTime": "2016-12-31T23:59:45.1234567-08:00",
            "machineName": format!("NDES-{index:05}.contoso.com"),
            "roleScopeTagIds": ["0", (index % 7).to_string()],
        });
        standin.insert(PATH, &connector).unwrap();
    }
    standin
}

fn client(standin: &StandIn) -> Client {
    client_with(
        standin,
        TOKEN,
        RetryPolicy { max_attempts: 6, max_total_delay: Duration::from_secs(10), ..RetryPolicy::default() },
    )
}

fn renames(indexes: impl IntoIterator<Item = usize>) -> Vec<UpdateRequest<NdesConnector>> {
    indexes
        .into_iter()
        .map(|index| {
            let patch = NdesConnectorPatch::default().display_name(format!("renamed {index}"));
            NdesConnector::update(&connector_id(index), patch).unwrap()
        })
        .collect()
}

/// Each result is the update of its own connector, in the order sent.
fn assert_in_order(results: Vec<Result<Option<NdesConnector>, Error>>, indexes: impl IntoIterator<Item = usize>) {
    let mut count = 0;
    for (result, index) in results.into_iter().zip(indexes) {
        let updated = result.unwrap_or_else(|error| panic!("update {index}: {error}")).expect("the updated connector");
        assert_eq!(updated.id, Some(connector_id(index)));
        assert_eq!(updated.display_name, Some(format!("renamed {index}")));
        count += 1;
    }
    assert!(count > 0);
}

/// How many updates of each connector the stand-in applied: the `PATCH`es it answered `2xx`,
/// alone or as `$batch` items.
fn update_counts(standin: &StandIn, connectors: usize) -> Vec<u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut applied = |url: &str| {
        let key = url.rsplit('/').next().unwrap_or_default().to_owned();
        *counts.entry(key).or_default() += 1;
    };
    for exchange in standin.requests() {
        match (exchange.method.as_str(), exchange.path()) {
            ("PATCH", path) if exchange.status < 300 => applied(path),
            ("POST", "/beta/$batch") => {
                let (sent, answered) = (exchange.request_json().unwrap(), exchange.response_json().unwrap());
                let status: HashMap<&str, u64> = answered["responses"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|answer| (answer["id"].as_str().unwrap(), answer["status"].as_u64().unwrap()))
                    .collect();
                for item in sent["requests"].as_array().unwrap() {
                    if item["method"] == "PATCH" && status[item["id"].as_str().unwrap()] < 300 {
                        applied(item["url"].as_str().unwrap());
                    }
                }
            }
            _ => {}
        }
    }
    (0..connectors).map(|index| counts.get(&connector_id(index)).copied().unwrap_or(0)).collect()
}

// ---------------------------------------------------------------------------------------------
// Streams.

#[tokio::test]
async fn items_request_the_next_page_only_once_the_last_item_of_a_page_is_taken() {
    let standin = tenant(5_000).await;
    let client = client(&standin);
    // Only list requests are sent here: the request count is the count of pages served.
    let pages_served = || standin.request_count() as usize;

    let mut items = pin!(client.items(NdesConnector::list().top(1_000)));
    assert_eq!(pages_served(), 0, "nothing is sent before the stream is polled");
    let mut taken = 0;
    while let Some(connector) = items.try_next().await.unwrap() {
        assert_eq!(connector.id, Some(connector_id(taken)));
        taken += 1;
        // The page that holds the item just taken, and not one more: one page in memory.
        assert_eq!(pages_served(), (taken - 1) / 1_000 + 1, "after {taken} items");
    }
    assert_eq!(taken, 5_000);
    assert_eq!(pages_served(), 5);

    // `list_all` collects the same stream: the same items in the same order.
    let all = client.list_all(NdesConnector::list().top(1_000)).await.unwrap();
    assert_eq!(pages_served(), 10);
    assert_eq!(all.len(), 5_000);
    assert!(all.iter().enumerate().all(|(index, connector)| connector.id == Some(connector_id(index))));
    let last = &all[4_999];
    assert_eq!(last.machine_name.as_deref(), Some("NDES-04999.contoso.com"));
    assert_eq!(last.state, Some(NdesConnectorState::Inactive));
    assert_eq!(last.role_scope_tag_ids, Some(vec!["0".to_owned(), "1".to_owned()]));

    // Pages follow the page size asked for.
    let sizes: Vec<usize> =
        client.pages(NdesConnector::list().top(700)).map_ok(|page| page.value.len()).try_collect().await.unwrap();
    assert_eq!(sizes, [700, 700, 700, 700, 700, 700, 700, 100]);
}

#[tokio::test]
async fn streams_end_with_the_first_error_or_at_the_page_bound() {
    let standin = tenant(5_000).await;
    standin.inject(Fault::status(500).on_path(PATH).on_request(3));
    let results: Vec<Result<NdesConnector, Error>> =
        client(&standin).items(NdesConnector::list().top(1_000)).collect().await;
    assert_eq!(results.len(), 2_001, "two pages of items, then the error, then nothing");
    assert!(results[..2_000].iter().all(Result::is_ok));
    let error = results[2_000].as_ref().unwrap_err();
    assert_eq!(error.graph_error().map(|graph| graph.status), Some(500), "{error}");
    assert_eq!(standin.request_count(), 3);

    let standin = tenant(5_000).await;
    let bounded = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .max_pages(3)
        .build()
        .unwrap();
    let pages: Vec<_> = bounded.pages(NdesConnector::list().top(1_000)).collect().await;
    assert_eq!(pages.len(), 4);
    assert!(pages[..3].iter().all(|page| page.as_ref().is_ok_and(|page| page.value.len() == 1_000)));
    let Err(Error::TooManyPages { max_pages: 3, next_link: link }) = &pages[3] else { panic!("{:?}", pages[3]) };
    let served = standin.requests();
    assert_eq!(served.len(), 3, "the page past the bound is not requested");
    assert_eq!(link, &next_link(&served[2]));
}

// ---------------------------------------------------------------------------------------------
// Bulk sends.

#[tokio::test]
async fn send_all_stream_takes_requests_as_results_are_taken_in_order() {
    let standin = tenant(100).await;
    let client = client(&standin);
    let pulled = AtomicUsize::new(0);
    let requests = renames(0..100).into_iter().inspect(|_| {
        pulled.fetch_add(1, Ordering::SeqCst);
    });
    let mut results = pin!(client.send_all_stream(requests));
    let mut taken = 0;
    while let Some(result) = results.next().await {
        assert_eq!(result.unwrap().unwrap().id, Some(connector_id(taken)));
        taken += 1;
        let pulled = pulled.load(Ordering::SeqCst);
        assert!(pulled <= taken + client.concurrency(), "{pulled} requests taken for {taken} results");
    }
    assert_eq!(taken, 100);
}

#[tokio::test]
async fn each_failure_stays_in_its_place() {
    let standin = tenant(50).await;
    let client = client(&standin);
    // 60 and 70 are not in the tenant: 404, in their places, the others applied.
    let indexes = [0, 1, 60, 2, 70, 3];
    for results in [client.send_all(renames(indexes)).await, client.send_all_batched(renames(indexes)).await] {
        for (result, index) in results.into_iter().zip(indexes) {
            match result {
                Ok(updated) => assert_eq!(updated.unwrap().id, Some(connector_id(index))),
                Err(error) => {
                    assert!(index >= 50, "{index}: {error}");
                    assert_eq!(error.graph_error().unwrap().code, "ResourceNotFound");
                }
            }
        }
    }
    assert_eq!(&update_counts(&standin, 50)[..5], [2, 2, 2, 2, 0]);
}

#[tokio::test]
async fn send_all_batched_stream_takes_twenty_per_batch_in_order() {
    let standin = tenant(100).await;
    let results: Vec<_> = client(&standin).send_all_batched_stream(renames(0..100)).collect().await;
    assert_eq!(standin.request_count(), 5);
    assert!(update_counts(&standin, 100).iter().all(|&count| count == 1));
    assert_in_order(results, 0..100);
}

#[tokio::test]
async fn a_batch_refused_whole_gives_each_of_its_items_the_shared_error() {
    let standin = small().start().await.unwrap();
    standin.inject(Fault::status(400).on_path("/$batch"));
    let client = Client::new(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN)).unwrap();
    let results = client.send_all_batched(renames(0..45)).await;
    assert_eq!(standin.request_count(), 3, "45 items: three $batch requests");
    assert_eq!(results.len(), 45);
    let message = standin.requests()[0].response_json().unwrap()["error"]["message"].as_str().unwrap().to_owned();
    for result in &results {
        let error = result.as_ref().unwrap_err();
        assert!(matches!(error, Error::BatchRequest { .. }), "{error:?}");
        assert_eq!(error.graph_error().unwrap().code, "BadRequest");
        let source = std::error::Error::source(error).unwrap().to_string();
        assert_eq!(error.to_string(), "the $batch request holding this item failed");
        assert!(source.contains(&message), "{source}");
    }
}

// ---------------------------------------------------------------------------------------------
// The throttling gate.

#[tokio::test]
async fn a_retry_after_holds_back_every_request_of_the_client() {
    let standin = small().start().await.unwrap();
    for id in ["first", "second"] {
        standin.insert(PATH, &json!({"id": id})).unwrap();
    }
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(1)).on_request(1));
    let client = Client::new(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN)).unwrap();
    let other = client.clone();
    let (first_request, second_request) = (NdesConnector::get("first").unwrap(), NdesConnector::get("second").unwrap());
    let throttled = client.send(&first_request);
    let later = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        other.send(&second_request).await
    };
    let (first, second) = tokio::join!(throttled, later);
    first.unwrap();
    second.unwrap();

    let received = standin.requests();
    assert_eq!(received.len(), 3);
    let throttled_at = received[0].at;
    for later in &received[1..] {
        let after = later.at.duration_since(throttled_at).unwrap_or_default();
        assert!(after >= Duration::from_secs(1), "{} sent {after:?} after the 429", later.target);
    }
    assert!(received[1..].iter().any(|request| request.target.ends_with("/second")), "the other request waited too");
}

#[tokio::test]
async fn a_gate_closed_past_the_retry_bound_refuses_requests_unsent() {
    let standin = small().start().await.unwrap();
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(120)));
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.send(&NdesConnector::get("a").unwrap()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().status, 429, "the first is answered, and not retried");

    let error = client.clone().send(&NdesConnector::get("b").unwrap()).await.unwrap_err();
    let Error::Throttled { remaining } = &error else { panic!("{error:?}") };
    assert!(*remaining > Duration::from_secs(118) && *remaining <= Duration::from_secs(120), "{remaining:?}");
    let message = error.to_string();
    assert!(
        message.starts_with("not sent: the service asked for a wait of 1") && message.contains("s more"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(standin.request_count(), 1, "the second request was not sent");
}

#[tokio::test]
async fn a_retry_the_gate_would_hold_past_the_bound_ends_and_says_so_in_its_error() {
    // Both are answered `429` at once: `quick` may wait its one second, but `slow` closes the
    // client's gate for two minutes meanwhile, so `quick`'s retry would end past the bound too.
    let standin = small().start().await.unwrap();
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(120)).on_path("*/slow"));
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(1)).on_path("*/quick"));
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();
    let (quick, slow) = (NdesConnector::get("quick").unwrap(), NdesConnector::get("slow").unwrap());
    let started = Instant::now();
    let (quick, slow) = tokio::join!(client.send(&quick), client.send(&slow));
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
    assert_eq!(standin.request_count(), 2, "neither is sent again");

    let slow = slow.unwrap_err();
    let graph = slow.graph_error().unwrap();
    assert_eq!(graph.retry_after, Some(RetryAfter::Seconds(120)));
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!(retries.attempts, 1);
    let max_total_delay = Duration::from_secs(2);
    assert_eq!(retries.stopped_by, RetryStop::MaxTotalDelay { next_wait: Duration::from_secs(120), max_total_delay });

    let quick = quick.unwrap_err();
    let graph = quick.graph_error().unwrap();
    assert_eq!(graph.retry_after, Some(RetryAfter::Seconds(1)), "its own answer");
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!(retries.attempts, 1);
    assert!(retries.elapsed >= Duration::from_secs(1), "it waited its own second: {retries}");
    let RetryStop::MaxTotalDelay { next_wait, max_total_delay: bound } = retries.stopped_by else {
        panic!("{retries:?}")
    };
    assert_eq!(bound, max_total_delay);
    assert!(next_wait > Duration::from_secs(110) && next_wait < Duration::from_secs(120), "the gate's: {next_wait:?}");
    let message = quick.to_string();
    assert!(message.contains("; gave up after 1 attempt over 1."), "{message}");
    assert!(message.ends_with("would end past the 2 s the retry policy allows"), "{message}");
}

#[tokio::test]
async fn a_batch_item_is_not_sent_alone_while_the_gate_stays_closed_past_its_bound() {
    // Item 1 closes the gate for two minutes; item 2 asks for one second, which its bound allows,
    // but the gate does not: it keeps its 429, unsent again, and item 3 keeps its answer.
    let standin = tenant(3).await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(120)).on_path(format!("{PATH}/{}", connector_id(0))));
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(1)).on_path(format!("{PATH}/{}", connector_id(1))));
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();
    let started = Instant::now();
    let mut results = client.send_all_batched(renames(0..3)).await;
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
    assert_eq!(standin.request_count(), 1, "nothing sent alone");
    assert_eq!(results.pop().unwrap().unwrap().unwrap().id, Some(connector_id(2)));
    let max_total_delay = Duration::from_secs(2);
    for (result, seconds) in results.into_iter().zip([120, 1]) {
        let error = result.unwrap_err();
        let graph = error.graph_error().unwrap_or_else(|| panic!("{error:?}"));
        assert_eq!((graph.status, graph.retry_after), (429, Some(RetryAfter::Seconds(seconds))));
        // Each says how its retries ended: item 1 by its own Retry-After, item 2 by the gate's.
        let retries = graph.retries.unwrap_or_else(|| panic!("{error}"));
        assert_eq!(retries.attempts, 1, "{error}");
        let RetryStop::MaxTotalDelay { next_wait, max_total_delay: bound } = retries.stopped_by else {
            panic!("{retries:?}")
        };
        assert_eq!(bound, max_total_delay);
        let expected = Duration::from_secs(110)..=Duration::from_secs(120);
        assert!(expected.contains(&next_wait), "item waiting {seconds} s: {next_wait:?}");
    }
}
