//! A large tenant, small enough for the test suite: 5,000 connectors read as a stream, 500
//! updates sent in bulk through throttling storms, against the hyper stand-in of
//! `support/tenant.rs` (the same one `examples/large_tenant.rs` measures at full size); the
//! throttling gate and `$batch` failures against the plain mock of `support/mod.rs`.
//!
//! The storms are `Retry-After: 1`: the storm tests take a second or two each.

#![cfg(feature = "client")]

mod support;
#[path = "support/tenant.rs"]
mod tenant;

use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::{StreamExt as _, TryStreamExt as _};
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Error, RetryAfter, RetryStop, UpdateRequest};
use support::{Reply, Server};
use tenant::{NdesConnector, NdesConnectorPatch, NdesConnectorState, Tenant, TenantConfig, connector_id};

const TOKEN: &str = "s3cr3t-t0ken-value";

fn client(tenant: &Tenant) -> Client {
    let retry = RetryPolicy { max_attempts: 6, max_total_delay: Duration::from_secs(10), ..RetryPolicy::default() };
    Client::builder(tenant.endpoint(), BearerToken::new(TOKEN)).retry_policy(retry).build().unwrap()
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

// ---------------------------------------------------------------------------------------------
// Streams.

#[tokio::test]
async fn items_request_the_next_page_only_once_the_last_item_of_a_page_is_taken() {
    let tenant = Tenant::start(TenantConfig::default()).await;
    let client = client(&tenant);

    let mut items = pin!(client.items(NdesConnector::list().top(1_000)));
    assert_eq!(tenant.pages_served(), 0, "nothing is sent before the stream is polled");
    let mut taken = 0;
    while let Some(connector) = items.try_next().await.unwrap() {
        assert_eq!(connector.id, Some(connector_id(taken)));
        taken += 1;
        // The page that holds the item just taken, and not one more: one page in memory.
        assert_eq!(tenant.pages_served(), (taken - 1) / 1_000 + 1, "after {taken} items");
    }
    assert_eq!(taken, 5_000);
    assert_eq!(tenant.pages_served(), 5);

    // `list_all` collects the same stream: the same items in the same order.
    let all = client.list_all(NdesConnector::list().top(1_000)).await.unwrap();
    assert_eq!(tenant.pages_served(), 10);
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
    let tenant = Tenant::start(TenantConfig { failing_page: Some(2), ..TenantConfig::default() }).await;
    let results: Vec<Result<NdesConnector, Error>> =
        client(&tenant).items(NdesConnector::list().top(1_000)).collect().await;
    assert_eq!(results.len(), 2_001, "two pages of items, then the error, then nothing");
    assert!(results[..2_000].iter().all(Result::is_ok));
    let error = results[2_000].as_ref().unwrap_err();
    assert_eq!(error.graph_error().map(|graph| graph.status), Some(500), "{error}");
    assert_eq!(tenant.pages_served(), 3);

    let tenant = Tenant::start(TenantConfig::default()).await;
    let bounded = Client::builder(tenant.endpoint(), BearerToken::new(TOKEN)).max_pages(3).build().unwrap();
    let pages: Vec<_> = bounded.pages(NdesConnector::list().top(1_000)).collect().await;
    assert_eq!(pages.len(), 4);
    assert!(pages[..3].iter().all(|page| page.as_ref().is_ok_and(|page| page.value.len() == 1_000)));
    let Err(Error::TooManyPages { max_pages: 3, next_link }) = &pages[3] else { panic!("{:?}", pages[3]) };
    assert_eq!(
        next_link,
        &format!("{}/beta/deviceManagement/ndesConnectors?$top=1000&$skiptoken=3000", tenant.base_url)
    );
    assert_eq!(tenant.pages_served(), 3, "the page past the bound is not requested");
}

// ---------------------------------------------------------------------------------------------
// Bulk sends.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_all_applies_500_updates_once_each_in_order_through_throttling_storms() {
    let config = TenantConfig { connectors: 500, storm_every: Some(200), ..TenantConfig::default() };
    let tenant = Tenant::start(config).await;
    let client = client(&tenant);
    let updates = renames(0..500);

    let started = Instant::now();
    let results = client.send_all(&updates).await;
    let elapsed = started.elapsed();

    assert_eq!(tenant.violations(), Vec::<String>::new(), "nothing was sent before its Retry-After had passed");
    let counts = tenant.update_counts();
    assert!(counts.iter().all(|&count| count == 1), "each connector updated exactly once: {counts:?}");
    assert_eq!(tenant.storms().len(), 2, "a storm after 200 and after 400 updates");
    assert!(elapsed >= tenant.storm_time(), "{elapsed:?} < {:?}", tenant.storm_time());
    assert_eq!(results.len(), 500);
    assert_in_order(results, 0..500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stand_in_catches_clients_that_share_no_gate() {
    // The check above is a real one: four clients, each with its own gate, sending the same
    // updates side by side, keep sending into a storm another one was told of. (A short grace: the
    // others must not have finished their updates before it ends.)
    let config = TenantConfig {
        connectors: 200,
        storm_every: Some(100),
        in_flight_grace: Duration::from_millis(20),
        ..TenantConfig::default()
    };
    let tenant = Tenant::start(config).await;
    let updates = renames(0..200);
    let quarters = updates.chunks(50).map(|quarter| {
        let client = client(&tenant);
        async move {
            for update in quarter {
                client.send(update).await.unwrap();
            }
        }
    });
    futures_util::future::join_all(quarters).await;
    assert!(!tenant.violations().is_empty(), "separate gates send into the storm");
    assert!(tenant.update_counts().iter().all(|&count| count == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_all_keeps_at_most_its_concurrency_in_flight() {
    let config = TenantConfig { connectors: 12, update_delay: Duration::from_millis(100), ..TenantConfig::default() };
    let tenant = Tenant::start(config).await;
    let client = Client::builder(tenant.endpoint(), BearerToken::new(TOKEN)).concurrency(3).build().unwrap();
    assert_eq!(client.concurrency(), 3);
    let results = client.send_all(renames(0..12)).await;
    assert_in_order(results, 0..12);
    assert_eq!(tenant.max_in_flight(), 3, "three at a time, never more");
}

#[tokio::test]
async fn send_all_stream_takes_requests_as_results_are_taken_in_order() {
    let tenant = Tenant::start(TenantConfig { connectors: 100, ..TenantConfig::default() }).await;
    let client = client(&tenant);
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
    let tenant = Tenant::start(TenantConfig { connectors: 50, ..TenantConfig::default() }).await;
    let client = client(&tenant);
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
    assert_eq!(&tenant.update_counts()[..5], [2, 2, 2, 2, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_all_batched_sends_twenty_per_batch_in_order_through_throttling_storms() {
    let config = TenantConfig { connectors: 500, storm_every: Some(200), ..TenantConfig::default() };
    let tenant = Tenant::start(config).await;
    let client = client(&tenant);

    let results = client.send_all_batched(renames(0..500)).await;
    assert_eq!(tenant.batches(), 25);
    assert_eq!(tenant.violations(), Vec::<String>::new());
    assert!(tenant.update_counts().iter().all(|&count| count == 1));
    assert_eq!(tenant.storms().len(), 2);
    assert_in_order(results, 0..500);

    // The stream takes its requests twenty at a time, as batches are answered.
    let tenant = Tenant::start(TenantConfig { connectors: 100, ..TenantConfig::default() }).await;
    let client = self::client(&tenant);
    let results: Vec<_> = client.send_all_batched_stream(renames(0..100)).collect().await;
    assert_eq!(tenant.batches(), 5);
    assert_in_order(results, 0..100);
}

#[tokio::test]
async fn a_batch_refused_whole_gives_each_of_its_items_the_shared_error() {
    let server =
        Server::start(|_, _| Reply::json(400, r#"{"error":{"code":"BadRequest","message":"Invalid batch payload"}}"#))
            .await;
    let client =
        Client::new(msgraph_entity::Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN)).unwrap();
    let results = client.send_all_batched(renames(0..45)).await;
    assert_eq!(server.count(), 3, "45 items: three $batch requests");
    assert_eq!(results.len(), 45);
    for result in &results {
        let error = result.as_ref().unwrap_err();
        assert!(matches!(error, Error::BatchRequest { .. }), "{error:?}");
        assert_eq!(error.graph_error().unwrap().code, "BadRequest");
        let source = std::error::Error::source(error).unwrap().to_string();
        assert_eq!(error.to_string(), "the $batch request holding this item failed");
        assert!(source.contains("Invalid batch payload"), "{source}");
    }
}

// ---------------------------------------------------------------------------------------------
// The throttling gate.

#[tokio::test]
async fn a_retry_after_holds_back_every_request_of_the_client() {
    let server = Server::start(|index, _| {
        if index == 0 {
            Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#).header("Retry-After", "1")
        } else {
            Reply::json(200, r#"{"id":"e71f"}"#)
        }
    })
    .await;
    let client =
        Client::new(msgraph_entity::Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN)).unwrap();
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

    let received = server.received();
    assert_eq!(received.len(), 3);
    let throttled_at = received[0].at;
    for later in &received[1..] {
        let after = later.at - throttled_at;
        assert!(after >= Duration::from_secs(1), "{} sent {after:?} after the 429", later.target);
    }
    assert!(received[1..].iter().any(|request| request.target.ends_with("/second")), "the other request waited too");
}

#[tokio::test]
async fn a_gate_closed_past_the_retry_bound_refuses_requests_unsent() {
    let server = Server::start(|_, _| {
        Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"Come back later"}}"#)
            .header("Retry-After", "120")
    })
    .await;
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(msgraph_entity::Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN))
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
    assert_eq!(server.count(), 1, "the second request was not sent");
}

#[tokio::test]
async fn a_retry_the_gate_would_hold_past_the_bound_ends_and_says_so_in_its_error() {
    // Both are answered `429` at once: `quick` may wait its one second, but `slow` closes the
    // client's gate for two minutes meanwhile, so `quick`'s retry would end past the bound too.
    let server = Server::start(|_, request| {
        let seconds = if request.target.ends_with("/slow") { "120" } else { "1" };
        Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#).header("Retry-After", seconds)
    })
    .await;
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(msgraph_entity::Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();
    let (quick, slow) = (NdesConnector::get("quick").unwrap(), NdesConnector::get("slow").unwrap());
    let started = Instant::now();
    let (quick, slow) = tokio::join!(client.send(&quick), client.send(&slow));
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
    assert_eq!(server.count(), 2, "neither is sent again");

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
    let throttled = |id: &str, seconds: &str| {
        format!(
            r#"{{"id":"{id}","status":429,"headers":{{"Retry-After":"{seconds}","Content-Type":"application/json"}},"body":{{"error":{{"code":"TooManyRequests","message":"Slow down"}}}}}}"#
        )
    };
    let answered =
        format!(r#"{{"id":"3","status":200,"body":{{"id":"{}","displayName":"renamed 2"}}}}"#, connector_id(2));
    let body = format!(r#"{{"responses":[{},{},{answered}]}}"#, throttled("1", "120"), throttled("2", "1"));
    let server = Server::start(move |_, _| Reply::json(200, &body)).await;
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(2), ..RetryPolicy::default() };
    let client = Client::builder(msgraph_entity::Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();
    let started = Instant::now();
    let mut results = client.send_all_batched(renames(0..3)).await;
    assert!(started.elapsed() < Duration::from_millis(1_900), "{:?}", started.elapsed());
    assert_eq!(server.count(), 1, "nothing sent alone");
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
