//! Bulk sends through tenant-wide throttling storms, against the hyper tenant of
//! `support/tenant.rs` (the one `examples/large_tenant.rs` measures at full size): 500 updates
//! applied once each, in order, with nothing sent into a storm; clients that share no gate
//! caught sending into one; at most the client's concurrency in flight. That tenant stays
//! because the stand-in throttles a request, not a whole tenant, and does not count what is in
//! flight. Streams, bulk sends' failures and the throttling gate run against the stand-in:
//! `graph-standin/tests/client/bulk.rs`.
//!
//! The storms are `Retry-After: 1`: the storm tests take a second or two each.

#![cfg(feature = "client")]

#[path = "support/tenant.rs"]
mod tenant;

use std::time::{Duration, Instant};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Error, UpdateRequest};
use tenant::{NdesConnector, NdesConnectorPatch, Tenant, TenantConfig, connector_id};

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
}

// ---------------------------------------------------------------------------------------------
// The throttling gate.
