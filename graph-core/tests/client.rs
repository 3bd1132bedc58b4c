//! The `client` feature over a raw socket, for what no Graph service sends: a server that
//! echoes the token back everywhere, next links that leave the endpoint, a plain TCP listener
//! where TLS is expected, and which token each attempt carried (the stand-in never keeps a
//! token). The client against Graph's own behaviour (each request as it arrives, errors,
//! paging, retries, throttling) runs against the stand-in: `graph-standin/tests/client/`.

#![cfg(feature = "client")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use msgraph_entity::RetryAfter;
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, Error, GraphEntity, GraphEnum};
use support::{Reply, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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

fn client(server: &Server, retry: RetryPolicy) -> Client {
    Client::builder(server.endpoint(), BearerToken::new(TOKEN)).retry_policy(retry).build().unwrap()
}

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
    let server = Server::start(|index, _| {
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

#[tokio::test]
async fn a_server_echoing_the_token_never_gets_it_printed() {
    let server = Server::start(move |index, request| {
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
async fn next_links_leaving_the_endpoint_by_dot_segments_are_not_followed() {
    let server = Server::start(|index, request| {
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

#[tokio::test]
async fn a_next_link_to_another_address_is_not_followed() {
    // The token would go there.
    let other = Server::start(|_, _| {
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
