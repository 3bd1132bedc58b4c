//! The large-tenant figures of BENCHMARKS.md, against the hyper stand-in tenant of
//! `tests/support/tenant.rs` on 127.0.0.1 (the test suite runs the same at a smaller size: the
//! storms in `tests/large_tenant.rs`, the listing against msgraph-standin in its
//! `tests/client/bulk.rs`):
//!
//! ```sh
//! cargo run --release -p msgraph-entity --all-features --example large_tenant
//! ```
//!
//! 1. Listing 100,000 ndesConnectors in pages of 1,000, through `Client::items` and through
//!    `Client::list_all`, each in a process of its own started by this one (so each has its own
//!    memory high-water mark): the peak resident memory (`VmHWM` of `/proc/self/status`) above
//!    what the process held before the listing (its `VmRSS`, the high-water mark reset to it
//!    through `/proc/self/clear_refs`). The stand-in's own page text is in both.
//! 2. 10,000 updates through `Client::send_all` (and `send_all_batched`) while the stand-in opens
//!    a throttling storm (`429`, `Retry-After: 1`) after every 500 updates it applies: every update
//!    applied once, no request arriving inside a storm it was not already on its way into (the
//!    stand-in checks arrivals against each storm), and the total time against the time the
//!    storms impose when waited out one after the other; and once without storms, for the work alone.
//!
//! Linux only (it reads `/proc`). About a minute on two cores.

#[path = "../tests/support/tenant.rs"]
mod tenant;

use std::process::Command;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt as _;
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Error, UpdateRequest};
use tenant::{NdesConnector, NdesConnectorPatch, NdesConnectorState, Tenant, TenantConfig, connector_id};

const CONNECTORS: usize = 100_000;
const PAGE: u64 = 1_000;
const UPDATES: usize = 10_000;
const STORM_EVERY: usize = 500;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    match arguments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["list", how] => runtime.block_on(list(how)),
        [] => {
            let listings: Vec<Listing> = ["items", "list_all"].into_iter().map(measure_listing).collect();
            print_listings(&listings);
            let bulk = runtime.block_on(bulk());
            print_bulk(&bulk);
        }
        _ => eprintln!("usage: large_tenant [list items|list list_all]"),
    }
}

fn client(tenant: &Tenant) -> Client {
    let retry = RetryPolicy { max_attempts: 6, max_total_delay: Duration::from_secs(30), ..RetryPolicy::default() };
    Client::builder(tenant.endpoint(), BearerToken::new("large-tenant-token")).retry_policy(retry).build().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Listing, one process per way.

struct Listing {
    how: &'static str,
    items: usize,
    elapsed: Duration,
    before_kib: u64,
    peak_kib: u64,
    page_bytes: u64,
}

/// Runs `large_tenant list <how>` and reads its one line of figures.
fn measure_listing(how: &'static str) -> Listing {
    let output = Command::new(std::env::current_exe().unwrap()).args(["list", how]).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{how}: {text} {}", String::from_utf8_lossy(&output.stderr));
    let value = |name: &str| -> u64 {
        text.split_whitespace()
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .unwrap_or_else(|| panic!("{how}: no {name} in {text}"))
    };
    Listing {
        how,
        items: value("items") as usize,
        elapsed: Duration::from_millis(value("elapsed_ms")),
        before_kib: value("before_kib"),
        peak_kib: value("peak_kib"),
        page_bytes: value("page_bytes"),
    }
}

/// In the child: the listing, then its figures on one line.
async fn list(how: &str) {
    let tenant = Tenant::start(TenantConfig { connectors: CONNECTORS, ..TenantConfig::default() }).await;
    let client = client(&tenant);
    let before_kib = reset_peak_memory();
    let started = Instant::now();
    let (items, active) = match how {
        "items" => {
            let mut items = std::pin::pin!(client.items(NdesConnector::list().top(PAGE)));
            let (mut count, mut active) = (0, 0);
            while let Some(connector) = items.try_next().await.unwrap() {
                count += 1;
                active += usize::from(connector.state == Some(NdesConnectorState::Active));
            }
            (count, active)
        }
        "list_all" => {
            let all = client.list_all(NdesConnector::list().top(PAGE)).await.unwrap();
            let active = all.iter().filter(|connector| connector.state == Some(NdesConnectorState::Active)).count();
            (all.len(), active)
        }
        other => panic!("no way to list called {other}"),
    };
    let elapsed = started.elapsed();
    let peak_kib = status_kib("VmHWM");
    assert_eq!(items, CONNECTORS);
    assert_eq!(active, CONNECTORS.div_ceil(3));
    assert_eq!(tenant.pages_served(), CONNECTORS / PAGE as usize);
    // The size of one page's JSON, read after the measurement.
    let page_bytes = client.exchange(&NdesConnector::list().top(PAGE)).await.unwrap().response.body().len();
    println!(
        "items={items} elapsed_ms={} before_kib={before_kib} peak_kib={peak_kib} page_bytes={page_bytes}",
        elapsed.as_millis()
    );
}

/// Resets the high-water mark of resident memory to the current resident size, and returns it.
fn reset_peak_memory() -> u64 {
    std::fs::write("/proc/self/clear_refs", "5").expect("Linux 4.0 or later: /proc/self/clear_refs");
    status_kib("VmRSS")
}

/// A `kB` line of `/proc/self/status`.
fn status_kib(name: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':')?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in /proc/self/status"))
}

fn print_listings(listings: &[Listing]) {
    let page_kib = listings.first().map_or(0.0, |listing| listing.page_bytes as f64 / 1024.0);
    println!("Listing {CONNECTORS} ndesConnectors, pages of {PAGE} ({page_kib:.0} KiB of JSON each)\n");
    println!("| way | items | time | resident before | peak resident | peak above before |");
    println!("|---|---:|---:|---:|---:|---:|");
    for listing in listings {
        println!(
            "| `{}` | {} | {:.2} s | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
            listing.how,
            listing.items,
            listing.elapsed.as_secs_f64(),
            mib(listing.before_kib),
            mib(listing.peak_kib),
            mib(listing.peak_kib.saturating_sub(listing.before_kib)),
        );
    }
    println!();
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

// ---------------------------------------------------------------------------------------------
// Bulk updates, in this process.

struct BulkRun {
    way: &'static str,
    storms: usize,
    storm_time: Duration,
    elapsed: Duration,
    violations: usize,
    answered_429: usize,
    exactly_once: bool,
    in_order: bool,
}

async fn bulk() -> Vec<BulkRun> {
    let mut runs = Vec::new();
    for (way, storm_every) in
        [("send_all", None), ("send_all", Some(STORM_EVERY)), ("send_all_batched", Some(STORM_EVERY))]
    {
        let config = TenantConfig {
            connectors: UPDATES,
            storm_every,
            in_flight_grace: Duration::from_millis(100),
            ..TenantConfig::default()
        };
        let tenant = Tenant::start(config).await;
        let client = client(&tenant);
        let started = Instant::now();
        let results = match way {
            "send_all" => client.send_all(renames()).await,
            _ => client.send_all_batched(renames()).await,
        };
        let elapsed = started.elapsed();
        runs.push(BulkRun {
            way,
            storms: tenant.storms().len(),
            storm_time: tenant.storm_time(),
            elapsed,
            violations: tenant.violations().len(),
            answered_429: tenant.answered_429(),
            exactly_once: tenant.update_counts().iter().all(|&count| count == 1),
            in_order: in_order(results),
        });
    }
    runs
}

fn renames() -> Vec<UpdateRequest<NdesConnector>> {
    (0..UPDATES)
        .map(|index| {
            let patch = NdesConnectorPatch::default().display_name(format!("renamed {index}"));
            NdesConnector::update(&connector_id(index), patch).unwrap()
        })
        .collect()
}

/// Every result is its own update's answer, in the order sent.
fn in_order(results: Vec<Result<Option<NdesConnector>, Error>>) -> bool {
    results.len() == UPDATES
        && results.into_iter().enumerate().all(|(index, result)| {
            result.is_ok_and(|updated| updated.and_then(|updated| updated.id) == Some(connector_id(index)))
        })
}

fn print_bulk(runs: &[BulkRun]) {
    println!(
        "{UPDATES} updates, concurrency {}; storms: `429` with `Retry-After: 1` after every {STORM_EVERY} applied\n",
        msgraph_entity::client::ClientBuilder::<BearerToken>::DEFAULT_CONCURRENCY
    );
    println!(
        "| way | storms | storm time (serial) | total time | total / storm time | 429s answered | violations | each applied once | results in order |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|---|");
    for run in runs {
        let ratio = if run.storm_time.is_zero() {
            "—".to_owned()
        } else {
            format!("{:.3}", run.elapsed.as_secs_f64() / run.storm_time.as_secs_f64())
        };
        println!(
            "| `{}` | {} | {:.2} s | {:.2} s | {ratio} | {} | {} | {} | {} |",
            run.way,
            run.storms,
            run.storm_time.as_secs_f64(),
            run.elapsed.as_secs_f64(),
            run.answered_429,
            run.violations,
            if run.exactly_once { "yes" } else { "NO" },
            if run.in_order { "yes" } else { "NO" },
        );
    }
}
