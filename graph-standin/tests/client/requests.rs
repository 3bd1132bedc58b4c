//! Each operation's request as it arrives, Graph errors, paging, retries and tokens (from
//! msgraph-entity's `tests/client.rs`). Every retry test uses short bounds: a few seconds in all.

use std::time::{Duration, Instant};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Endpoint, Error, GraphRequest, Patch};
use msgraph_entity::{RetryAfter, RetryStop};
use msgraph_standin::{Fault, REDACTED, RetryAfter as Wait, StandIn};
use serde_json::json;

use crate::model::{
    NdesConnector, NdesConnectorPatch, NdesConnectorProperty, NdesConnectorState, PATH, client_with, create_request,
};
use crate::recorded::{assert_uuid_v4, gaps, next_link, signed_in, small};

const TOKEN: &str = "s3cr3t-t0ken-value";
const COLLECTION: &str = "/beta/deviceManagement/ndesConnectors";

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

async fn standin() -> StandIn {
    small().start().await.unwrap()
}

fn client(standin: &StandIn, retry: RetryPolicy) -> Client {
    client_with(standin, TOKEN, retry)
}

fn seed_request() -> msgraph_entity::CreateRequest<NdesConnector> {
    create_request("Display Name value", NdesConnectorState::Active)
}

/// Stores the docs' connector under `id`.
fn seed(standin: &StandIn, id: &str) {
    let connector = json!({"id": id, "lastConnectionDateTime": "2016-12-31T23:58:36.6670033-08:00",
                           "state": "active", "displayName": "Display Name value"});
    standin.insert(PATH, &connector).unwrap();
}

// ---------------------------------------------------------------------------------------------
// The operations.

#[tokio::test]
async fn create_sends_the_docs_request_and_reads_the_docs_response() {
    let (standin, token) = signed_in().await;
    let created = client_with(&standin, &token, fast_retries()).send(&seed_request()).await.unwrap();

    // The docs' response, with the key the stand-in made: what it stored.
    let id = created.id.clone().expect("the key");
    assert_uuid_v4(&id);
    assert_eq!(created.state, Some(NdesConnectorState::Active));
    assert_eq!(created.display_name.as_deref(), Some("Display Name value"));
    assert_eq!(created.last_connection_date_time.unwrap().to_string(), "2016-12-31T23:58:36.6670033-08:00");
    let stored: NdesConnector = standin.get(&format!("{PATH}/{id}")).unwrap();
    assert_eq!(stored, created);

    let [arrived] = standin.requests().try_into().unwrap();
    assert_eq!((arrived.method.as_str(), arrived.target.as_str()), ("POST", COLLECTION));
    assert_eq!(arrived.request_header("host"), Some(standin.base_url().trim_start_matches("http://")));
    // The stand-in answers only a token it issued: this one went whole (and was not recorded).
    assert_eq!(arrived.status, 201);
    assert_eq!(arrived.request_header("authorization"), Some(format!("Bearer {REDACTED}").as_str()));
    assert_eq!(arrived.request_header("accept"), Some("application/json"));
    assert_eq!(arrived.request_header("content-type"), Some("application/json"));
    let lengths = arrived.request_headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("content-length"));
    assert_eq!(lengths.count(), 1);
    assert_eq!(arrived.request_header("content-length"), Some(arrived.request_body.len().to_string().as_str()));
    assert!(arrived.request_header("user-agent").unwrap().starts_with("msgraph-entity/"));
    assert_uuid_v4(arrived.request_header("client-request-id").unwrap());
    assert_eq!(
        String::from_utf8(arrived.request_body).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"active","displayName":"Display Name value"}"##
    );
}

#[tokio::test]
async fn get_sends_the_query_and_no_body() {
    let standin = standin().await;
    seed(&standin, "e71f/a7");
    let request = NdesConnector::get("e71f/a7")
        .unwrap()
        .select([NdesConnectorProperty::DisplayName, NdesConnectorProperty::State]);
    let connector = client(&standin, fast_retries()).send(&request).await.unwrap();
    assert_eq!(connector.display_name.as_deref(), Some("Display Name value"));
    assert_eq!(connector.last_connection_date_time, None, "not selected");

    let [arrived] = standin.requests().try_into().unwrap();
    assert_eq!(arrived.method, "GET");
    assert_eq!(arrived.target, format!("{COLLECTION}/e71f%2Fa7?$select=displayName,state"));
    assert_eq!(arrived.request_header("content-type"), None);
    assert!(matches!(arrived.request_header("content-length"), None | Some("0")));
    assert!(arrived.request_body.is_empty());
}

#[tokio::test]
async fn update_sends_set_and_cleared_properties_and_delete_reads_204() {
    let standin = standin().await;
    seed(&standin, "e71f");
    let client = client(&standin, fast_retries());

    let patch = NdesConnectorPatch::default().display_name("renamed").clear_last_connection_date_time();
    assert_eq!(patch.state, Patch::Unchanged);
    let update = NdesConnector::update("e71f", patch).unwrap();
    assert_eq!(client.send(&update).await.unwrap(), None);
    let stored: NdesConnector = standin.get(&format!("{PATH}/e71f")).unwrap();
    assert_eq!(
        (stored.display_name.as_deref(), stored.last_connection_date_time, stored.state),
        (Some("renamed"), None, Some(NdesConnectorState::Active)),
        "set, cleared, unchanged"
    );
    client.send(&NdesConnector::delete("e71f").unwrap()).await.unwrap();
    assert!(standin.get::<NdesConnector>(&format!("{PATH}/e71f")).is_err(), "deleted");

    // An update answered with 200 and the entity reads it back.
    let answering = small().updates_return_entity().start().await.unwrap();
    seed(&answering, "e71f");
    let updated = self::client(&answering, fast_retries()).send(&update).await.unwrap().unwrap();
    assert_eq!(updated.display_name.as_deref(), Some("renamed"));
    assert_eq!(updated.state, Some(NdesConnectorState::Active));

    let received = standin.requests();
    assert_eq!(
        (received[0].method.as_str(), received[0].target.as_str()),
        ("PATCH", "/beta/deviceManagement/ndesConnectors/e71f")
    );
    assert_eq!(
        String::from_utf8_lossy(&received[0].request_body),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":null,"displayName":"renamed"}"##
    );
    assert_eq!(received[0].request_header("content-type"), Some("application/json"));
    assert_eq!(
        (received[1].method.as_str(), received[1].target.as_str()),
        ("DELETE", "/beta/deviceManagement/ndesConnectors/e71f")
    );
    assert!(received[1].request_body.is_empty());
    // Every logical request has its own id.
    let third = answering.requests();
    let ids: Vec<&str> =
        received.iter().chain(&third).map(|r| r.request_header("client-request-id").unwrap()).collect();
    assert!(ids.len() == 3 && ids[0] != ids[1] && ids[1] != ids[2], "{ids:?}");
}

#[tokio::test]
async fn graph_errors_come_back_whole_and_are_not_retried() {
    let standin = standin().await;
    standin.inject(Fault::status(500).on_method("DELETE"));
    let client = client(&standin, fast_retries());

    let error = client.send(&NdesConnector::get("missing").unwrap()).await.unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!(graph.status, 404);
    assert_eq!(graph.code, "ResourceNotFound");
    assert!(!graph.message.is_empty());
    let [answered] = standin.requests().try_into().unwrap();
    let request_id = answered.response_headers.iter().find(|(name, _)| name == "request-id").unwrap().1.clone();
    assert_eq!(graph.request_id(), Some(request_id.as_str()));
    assert_eq!(
        error.to_string(),
        format!("Graph error 404 ResourceNotFound: {} (request-id {request_id})", graph.message)
    );
    assert_eq!(standin.request_count(), 1);

    let error = client.send(&NdesConnector::delete("x").unwrap()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "InternalServerError");
    assert_eq!(standin.request_count(), 2, "a 500 is not retried");
}

// ---------------------------------------------------------------------------------------------
// Paging.

#[tokio::test]
async fn list_all_follows_three_pages_in_order() {
    let standin = standin().await;
    for id in ["1", "2", "3", "4"] {
        seed(&standin, id);
    }
    standin.insert(PATH, &json!({"id": "5", "state": "inactive"})).unwrap();
    let client = client(&standin, fast_retries());

    // One page at a time, by hand.
    let first = NdesConnector::list().top(2).count(true);
    let page = client.send(&first).await.unwrap();
    assert_eq!(page.count, Some(5));
    assert_eq!(page.value.len(), 2);
    assert!(first.next_page(&page).is_some());

    // All of them.
    standin.clear_requests();
    let all = client.list_all(NdesConnector::list().top(2)).await.unwrap();
    let ids: Vec<&str> = all.iter().map(|item| item.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(all[4].state, Some(NdesConnectorState::Inactive));

    // The first request as built, then each next link exactly as the page gave it.
    let received = standin.requests();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].target, format!("{COLLECTION}?$top=2"));
    for pair in received.windows(2) {
        assert_eq!(format!("{}{}", standin.base_url(), pair[1].target), next_link(&pair[0]));
    }
    assert!(received.iter().all(|r| r.status == 200 && r.request_header("authorization").is_some()));
}

#[tokio::test]
async fn list_all_stops_at_the_page_bound() {
    let standin = small().page_size(1).start().await.unwrap();
    for id in ["0", "1", "2", "3", "4"] {
        seed(&standin, id);
    }
    let client = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .max_pages(3)
        .build()
        .unwrap();
    assert_eq!(client.max_pages(), 3);

    let error = client.list_all(NdesConnector::list()).await.unwrap_err();
    let Error::TooManyPages { max_pages, next_link: link } = &error else { panic!("{error:?}") };
    assert_eq!(*max_pages, 3);
    let received = standin.requests();
    assert_eq!(received.len(), 3);
    assert_eq!(link, &next_link(&received[2]), "the fourth page's link, not followed");
}

// ---------------------------------------------------------------------------------------------
// Retries.

#[tokio::test]
async fn a_429_storm_with_retry_after_seconds_is_waited_out() {
    let standin = standin().await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(1)).on_method("POST").times(2));
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(5), ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&standin, retry).exchange(&seed_request()).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(exchange.attempts, 3);
    assert_eq!(exchange.response.status(), 201);
    let created = seed_request().parse_response(exchange.response).unwrap();
    let [stored] = standin.list::<NdesConnector>(PATH).unwrap().try_into().unwrap();
    assert_eq!(created, stored, "created once");

    let received = standin.requests();
    assert_eq!(received.iter().map(|r| r.status).collect::<Vec<_>>(), [429, 429, 201]);
    for gap in gaps(&received) {
        assert!(gap >= Duration::from_millis(990) && gap < Duration::from_millis(1500), "{gap:?}");
    }
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert!(standin.retry_after_violations().is_empty());
    // The same request each time, with the same client-request-id.
    let id = received[0].request_header("client-request-id").unwrap();
    assert_eq!(id, exchange.client_request_id);
    assert!(
        received
            .iter()
            .all(|r| r.request_header("client-request-id") == Some(id) && r.request_body == received[0].request_body)
    );
}

#[tokio::test]
async fn a_503_with_an_http_date_is_waited_until_that_date() {
    let standin = standin().await;
    seed(&standin, "e71f");
    // A date more than one second and at most two ahead (it has whole seconds).
    standin.inject(Fault::unavailable().retry_after(Wait::HttpDate(1)).times(1));
    let retry = RetryPolicy { max_total_delay: Duration::from_secs(5), ..fast_retries() };
    let connector = client(&standin, retry).send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(connector.state, Some(NdesConnectorState::Active));

    let received = standin.requests();
    assert_eq!(received.len(), 2);
    let retry_after = received[0].response_headers.iter().find(|(name, _)| name == "retry-after").unwrap();
    assert!(httpdate::parse_http_date(&retry_after.1).is_ok(), "{retry_after:?}");
    let [gap] = gaps(&received).try_into().unwrap();
    assert!(gap >= Duration::from_millis(900) && gap <= Duration::from_millis(2500), "{gap:?}");
    assert!(standin.retry_after_violations().is_empty());
}

#[tokio::test]
async fn without_retry_after_the_backoff_grows_exponentially() {
    let standin = standin().await;
    seed(&standin, "e71f");
    // 504, 429, 504, 429, none with a Retry-After; then the connector.
    for n in 1..=4 {
        let fault = if n % 2 == 1 { Fault::gateway_timeout() } else { Fault::status(429) };
        standin.inject(fault.on_request(n));
    }
    let retry = RetryPolicy { max_delay: Duration::from_secs(1), ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&standin, retry).exchange(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(exchange.attempts, 5);
    assert_eq!(exchange.response.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

    let received = standin.requests();
    assert_eq!(received.iter().map(|r| r.status).collect::<Vec<_>>(), [504, 429, 504, 429, 200]);
    // Attempt n waits between half and all of 10 ms × 2ⁿ⁻¹.
    for (n, gap) in gaps(&received).iter().enumerate() {
        let ceiling = Duration::from_millis(10 << n);
        assert!(*gap >= ceiling / 2, "retry {}: {gap:?} < {:?}", n + 1, ceiling / 2);
        assert!(*gap < ceiling + Duration::from_millis(150), "retry {}: {gap:?}", n + 1);
    }
}

#[tokio::test]
async fn a_server_that_throttles_forever_is_given_up_within_the_time_bound() {
    let standin = standin().await;
    standin.inject(Fault::status(429));
    let retry = RetryPolicy { max_attempts: 1000, ..fast_retries() };
    let started = Instant::now();
    let exchange = client(&standin, retry).exchange(&NdesConnector::list()).await.unwrap();
    let elapsed = started.elapsed();

    // Never past the bound (plus a margin for the last round trip); and the bound was used.
    assert!(elapsed <= Duration::from_millis(2500), "{elapsed:?}");
    assert!(elapsed >= Duration::from_millis(1700), "{elapsed:?}");
    assert_eq!(u64::from(exchange.attempts), standin.request_count());
    assert!((8..=100).contains(&exchange.attempts), "{}", exchange.attempts);

    // `send` ends with the service's error (a shorter bound this time).
    let standin = self::standin().await;
    standin.inject(Fault::status(429));
    let retry = RetryPolicy { max_attempts: 1000, max_total_delay: Duration::from_millis(300), ..fast_retries() };
    let started = Instant::now();
    let error = client(&standin, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert!(started.elapsed() <= Duration::from_millis(800), "{:?}", started.elapsed());
    let graph = error.graph_error().unwrap();
    assert_eq!((graph.status, graph.code.as_str()), (429, "TooManyRequests"));
}

#[tokio::test]
async fn a_server_that_throttles_forever_is_given_up_after_max_attempts() {
    let standin = standin().await;
    standin.inject(Fault::status(503));
    let retry = RetryPolicy { max_attempts: 3, max_total_delay: Duration::from_secs(60), ..fast_retries() };
    let started = Instant::now();
    let error = client(&standin, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().status, 503);
    assert_eq!(standin.request_count(), 3);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

    // No retries at all.
    let standin = self::standin().await;
    standin.inject(Fault::status(503));
    client(&standin, RetryPolicy::none()).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(standin.request_count(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_ends_at_once_with_the_error() {
    let standin = standin().await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(999_999)));
    let started = Instant::now();
    let error = client(&standin, fast_retries()).send(&seed_request()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "{:?}", started.elapsed());
    assert_eq!(standin.request_count(), 1);
    let graph = error.graph_error().unwrap();
    assert_eq!(graph.status, 429);
    assert_eq!(graph.code, "TooManyRequests");
    assert_eq!(graph.retry_after, Some(RetryAfter::Seconds(999_999)));

    // One that fits the first time but not the second: one retry, then the error.
    let standin = self::standin().await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(1)));
    let retry = RetryPolicy { max_total_delay: Duration::from_millis(1500), ..fast_retries() };
    let started = Instant::now();
    let error = client(&standin, retry).send(&NdesConnector::list()).await.unwrap_err();
    assert_eq!(standin.request_count(), 2);
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    assert_eq!(error.graph_error().unwrap().retry_after, Some(RetryAfter::Seconds(1)));
    assert!(standin.retry_after_violations().is_empty());
}

#[tokio::test]
async fn retries_that_run_out_say_how_many_attempts_were_made_and_over_how_long() {
    // The attempt bound.
    let standin = standin().await;
    standin.inject(Fault::unavailable().without_retry_after());
    let retry = RetryPolicy { max_attempts: 3, max_total_delay: Duration::from_secs(60), ..fast_retries() };
    let error = client(&standin, retry).send(&NdesConnector::list()).await.unwrap_err();
    let graph = error.graph_error().unwrap();
    let retries = graph.retries.expect("how the retries ended");
    assert_eq!((retries.attempts, retries.stopped_by), (3, RetryStop::MaxAttempts));
    assert!(retries.elapsed >= Duration::from_millis(10) && retries.elapsed < Duration::from_secs(2), "{retries:?}");
    let text = error.to_string();
    assert!(text.contains("gave up after 3 attempts over "), "{text}");
    assert!(text.contains("the retry policy allows 3 attempts"), "{text}");

    // The time bound: a Retry-After past it ends at once, and the error says why.
    let standin = self::standin().await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(3600)));
    let error = client(&standin, fast_retries()).send(&NdesConnector::list()).await.unwrap_err();
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
    let standin = self::standin().await;
    let error = client(&standin, fast_retries()).send(&NdesConnector::get("missing").unwrap()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().status, 404);
    assert_eq!(error.graph_error().unwrap().retries, None);
    assert!(!error.to_string().contains("gave up"), "{error}");
}

#[tokio::test]
async fn a_create_answered_504_is_not_sent_again_unless_asked() {
    let standin = standin().await;
    standin.inject(Fault::gateway_timeout());
    let error = client(&standin, fast_retries()).send(&seed_request()).await.unwrap_err();
    assert_eq!(error.graph_error().map(|graph| graph.status), Some(504));
    assert_eq!(standin.request_count(), 1, "its outcome is unknown: a second POST could create a second connector");
    assert_eq!(standin.list::<NdesConnector>(PATH).unwrap().len(), 1, "and here it did create one");

    let opted_in = RetryPolicy { max_attempts: 3, retry_unsafe_on_gateway_timeout: true, ..fast_retries() };
    let standin = self::standin().await;
    standin.inject(Fault::gateway_timeout());
    let _ = client(&standin, opted_in).send(&seed_request()).await.unwrap_err();
    assert_eq!(standin.request_count(), 3);
    assert_eq!(standin.list::<NdesConnector>(PATH).unwrap().len(), 3, "what opting in risks");

    // A 503 says the request was not processed: a create is sent again.
    let standin = self::standin().await;
    standin.inject(Fault::unavailable().without_retry_after().times(1));
    client(&standin, fast_retries()).send(&seed_request()).await.unwrap();
    assert_eq!(standin.request_count(), 2);
    assert_eq!(standin.list::<NdesConnector>(PATH).unwrap().len(), 1);
}

#[tokio::test]
async fn a_response_larger_than_the_bound_is_refused_with_a_clear_error() {
    let standin = small().page_size(2_000).start().await.unwrap();
    for n in 0..2_000 {
        standin.insert(PATH, &json!({"displayName": format!("Connector {n}"), "state": "active"})).unwrap();
    }
    let bounded = Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new(TOKEN))
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    let error = bounded.send(&NdesConnector::list()).await.unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { limit: 65536 }), "{error:?}");
    assert_eq!(error.to_string(), "the response body is larger than 65536 bytes, the most this client reads");
    // Under the default bound (64 MiB) the same page reads.
    let page = client(&standin, RetryPolicy::none()).send(&NdesConnector::list()).await.unwrap();
    assert_eq!(page.value.len(), 2_000);
    assert!(standin.requests()[1].response_body.len() > 64 * 1024);
}

// ---------------------------------------------------------------------------------------------
// Tokens.

#[tokio::test]
async fn an_empty_or_blank_bearer_token_is_never_sent() {
    let standin = standin().await;
    let endpoint = Endpoint::with_base_url(standin.base_url());
    for token in ["", " ", "\t \t"] {
        let client = Client::new(endpoint.clone(), BearerToken::new(token)).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        assert!(matches!(&error, Error::InvalidRequest { reason } if reason.contains("empty")), "{token:?}: {error:?}");

        // From a provider, the same.
        let provider = move || async move { Ok(BearerToken::new(token)) };
        let client = Client::new(endpoint.clone(), provider).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        assert!(error.to_string().contains("the bearer token is empty"), "{token:?}: {error}");

        // And without the client.
        let request = NdesConnector::get("e71f").unwrap();
        assert!(request.to_http(&endpoint, &BearerToken::new(token)).is_err(), "{token:?}");
    }
    assert_eq!(standin.request_count(), 0);
}

#[tokio::test]
async fn the_token_never_appears_in_debug_output_exchanges_or_errors() {
    // A stand-in that signs clients in refuses a token it did not issue: `401`.
    let (standin, _) = signed_in().await;
    let client = client(&standin, fast_retries());
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains(TOKEN) && debug.contains("<redacted>"), "{debug}");

    let exchange = client.exchange(&seed_request()).await.unwrap();
    assert_eq!(exchange.response.status(), 401);
    assert_eq!(exchange.request.headers()["authorization"], "Bearer <redacted>");
    assert_eq!(exchange.request.headers()["client-request-id"], exchange.client_request_id.as_str());
    assert_eq!(exchange.request.method(), "POST");
    assert_eq!(exchange.request.uri().to_string(), format!("{}{COLLECTION}", standin.base_url()));
    assert!(!format!("{exchange:?}").contains(TOKEN));
    let error = seed_request().parse_response(exchange.response).unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "InvalidAuthenticationToken");
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
    let mut chain = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        chain.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    assert!(chain.starts_with("transport error while sending the request: error sending request for url"), "{chain}");
    assert!(!chain.contains(TOKEN), "{chain}");
}
