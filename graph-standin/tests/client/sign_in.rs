//! The `credentials` feature end to end against the stand-in's offline sign-in (from
//! msgraph-entity's `tests/credentials.rs`): the token request as Microsoft Entra ID expects it,
//! one sign-in shared by concurrent requests, a token fetched again before it expires, a wrong
//! secret, and throttled, unavailable or slow sign-ins (faults on the token endpoint).

use std::sync::Arc;
use std::time::Duration;

use msgraph_entity::client::Client;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
use msgraph_entity::{Endpoint, Error};
use msgraph_standin::{Fault, REDACTED, RecordedExchange, RetryAfter as Wait, SignIn, StandIn};
use serde_json::json;

use crate::model::NdesConnector;
use crate::recorded::{TOKEN_ENDPOINT, graph_requests, printed, small, token_requests};

const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const SECRET: &str = "sup3r~s3cret~value";

/// A stand-in that signs in `CLIENT_ID` with `SECRET` only (tokens valid `lifetime`), holding connector `e71f`.
async fn tenant(lifetime: Duration) -> StandIn {
    let sign_in = SignIn::new().client_secret(CLIENT_ID, SECRET).token_lifetime(lifetime);
    let standin = small().sign_in(sign_in).start().await.unwrap();
    standin.insert("/deviceManagement/ndesConnectors", &json!({"id": "e71f", "displayName": "Lab"})).unwrap();
    standin
}

fn options(standin: &StandIn) -> CredentialOptions {
    CredentialOptions::default()
        .authority_host(standin.authority_host().unwrap())
        .http_client(standin.credential_http_client().unwrap())
}

fn client(standin: &StandIn, options: CredentialOptions) -> Client<GraphCredential> {
    let credential = GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, options).unwrap();
    Client::new(Endpoint::with_base_url(standin.base_url()), credential).unwrap()
}

/// Short sign-in bounds: a test that waits ends in well under a second.
fn bounded(standin: &StandIn) -> CredentialOptions {
    options(standin).sign_in_timeout(Duration::from_millis(600)).retry_policy(msgraph_entity::client::RetryPolicy {
        max_attempts: 3,
        max_total_delay: Duration::from_millis(400),
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        retry_unsafe_on_gateway_timeout: true,
    })
}

/// The fields of a form body, decoded.
fn form(request: &RecordedExchange) -> Vec<(String, String)> {
    String::from_utf8_lossy(&request.request_body)
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let decode = |text: &str| percent_decode(&text.replace('+', " "));
            (decode(name), decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            out.push(u8::from_str_radix(&text[index + 1..index + 3], 16).unwrap());
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The statuses of the Graph requests, oldest first.
fn graph_statuses(standin: &StandIn) -> Vec<u16> {
    graph_requests(standin).iter().map(|exchange| exchange.status).collect()
}

#[tokio::test]
async fn the_client_secret_flow_posts_the_form_the_identity_platform_expects() {
    let standin = tenant(Duration::from_secs(3600)).await;
    let client = client(&standin, options(&standin));

    let connector = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(connector.display_name.as_deref(), Some("Lab"));

    // The stand-in signs in this client id with this secret only: the secret went whole (and was not kept).
    let [token_request] = token_requests(&standin).try_into().unwrap();
    assert_eq!(token_request.method, "POST");
    assert_eq!(token_request.target, format!("/{TENANT}/oauth2/v2.0/token"));
    assert_eq!(token_request.status, 200);
    assert_eq!(token_request.request_header("content-type"), Some("application/x-www-form-urlencoded"));
    let mut fields = form(&token_request);
    fields.sort();
    assert_eq!(
        fields,
        [
            ("client_id".to_owned(), CLIENT_ID.to_owned()),
            ("client_secret".to_owned(), REDACTED.to_owned()),
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("scope".to_owned(), "https://graph.microsoft.com/.default".to_owned()),
        ]
    );
    // The stand-in answers only a token it issued: the one the token endpoint gave went whole.
    let [graph] = graph_requests(&standin).try_into().unwrap();
    assert_eq!(
        (graph.status, graph.request_header("authorization")),
        (200, Some(format!("Bearer {REDACTED}").as_str()))
    );
}

#[tokio::test]
async fn many_concurrent_requests_share_one_token_request() {
    let standin = tenant(Duration::from_secs(3600)).await;
    // A slow token endpoint: every request arrives while the first fetch is under way.
    standin.inject(Fault::latency(Duration::from_millis(300)).on_path(TOKEN_ENDPOINT));
    let client = client(&standin, options(&standin));

    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    for _ in 0..3 {
        client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    }
    let [token_request] = token_requests(&standin).try_into().expect("one token request for fifteen Graph requests");
    assert_eq!(token_request.faults, ["latency 300ms"]);
    assert_eq!(graph_statuses(&standin), [200; 15], "each with the one token");
}

#[tokio::test]
async fn a_token_is_fetched_again_when_it_is_about_to_expire() {
    // A token valid 2 s is used for its first half, then replaced.
    let standin = tenant(Duration::from_secs(2)).await;
    let client = client(&standin, options(&standin));
    let get = NdesConnector::get("e71f").unwrap();

    client.send(&get).await.unwrap();
    client.send(&get).await.unwrap();
    assert_eq!(token_requests(&standin).len(), 1);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.send(&get).await.unwrap();
    client.send(&get).await.unwrap();
    assert_eq!(token_requests(&standin).len(), 2);
    // In order: a token, two Graph requests, a new token before the third, which it answered.
    let order: Vec<&str> = standin
        .requests()
        .iter()
        .map(|exchange| if exchange.path().ends_with("/token") { "token" } else { "graph" })
        .collect();
    assert_eq!(order, ["token", "graph", "graph", "token", "graph", "graph"]);
    assert_eq!(graph_statuses(&standin), [200; 4]);
}

#[tokio::test]
async fn invalid_client_is_reported_with_the_services_words_and_never_the_secret() {
    let standin =
        small().sign_in(SignIn::new().client_secret(CLIENT_ID, "the secret of another app")).start().await.unwrap();
    let client = client(&standin, options(&standin));

    let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    let Error::Credential(failure) = &error else { panic!("{error:?}") };
    assert_eq!(failure.credential, "ClientSecretCredential");
    assert_eq!(failure.status, Some(401));
    assert_eq!(failure.error.as_deref(), Some("invalid_client"));
    assert!(failure.description.starts_with("AADSTS7000215: Invalid client secret provided."), "{failure:?}");
    let text = error.to_string();
    assert!(
        text.starts_with("ClientSecretCredential could not get a token (HTTP 401): invalid_client: AADSTS7000215"),
        "{text}"
    );
    let everything = format!("{error} {error:?} {client:?} {:?}", std::error::Error::source(&error));
    assert!(!everything.contains(SECRET), "{everything}");
    assert!(graph_requests(&standin).is_empty(), "nothing is sent without a token");

    // A failure is not cached: the next request asks again.
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    assert_eq!(token_requests(&standin).len(), 2);
}

#[tokio::test]
async fn neither_the_secret_nor_a_token_appears_in_debug_output() {
    let standin = tenant(Duration::from_secs(3600)).await;
    let credential = GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, options(&standin)).unwrap();
    let client = Client::new(Endpoint::with_base_url(standin.base_url()), credential.clone()).unwrap();
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    let token = credential.bearer_token().await.unwrap();
    let header = token.header_value().unwrap();
    let token_text = header.to_str().unwrap().trim_start_matches("Bearer ");
    assert!(token_text.len() > 20, "{token_text}");

    let options = options(&standin);
    let debug = format!("{credential:?} {credential:#?} {client:?} {options:?} {token:?}");
    assert!(!debug.contains(SECRET) && !debug.contains(token_text), "{debug}");
    assert!(
        debug.contains("ClientSecretCredential") && debug.contains("https://graph.microsoft.com/.default"),
        "{debug}"
    );
    assert_eq!(credential.credential_name(), "ClientSecretCredential");
}

/// A credential that panics when asked for a token (another library's bug).
#[derive(Debug)]
struct PanickingCredential;

#[async_trait::async_trait]
impl msgraph_entity::client::credentials::azure_core::credentials::TokenCredential for PanickingCredential {
    async fn get_token(
        &self,
        _: &[&str],
        _: Option<msgraph_entity::client::credentials::azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> msgraph_entity::client::credentials::azure_core::Result<
        msgraph_entity::client::credentials::azure_core::credentials::AccessToken,
    > {
        panic!("resulting value is out of range")
    }
}

#[tokio::test]
async fn a_credential_that_panics_is_an_error_not_a_panic() {
    let standin = tenant(Duration::from_secs(3600)).await;
    let credential = GraphCredential::new(Arc::new(PanickingCredential), &CredentialOptions::default());
    let client = Client::new(Endpoint::with_base_url(standin.base_url()), credential).unwrap();
    let sent = tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await });
    let error = sent.await.expect("no panic reaches the caller").unwrap_err();
    let Error::Credential(failure) = &error else { panic!("{error:?}") };
    assert_eq!(failure.credential, "PanickingCredential");
    assert!(failure.description.contains("panicked"), "{error}");
    assert_eq!(standin.request_count(), 0);
}

#[tokio::test]
async fn a_retry_after_past_the_bound_ends_sign_in_at_once_for_every_waiting_request() {
    let standin = tenant(Duration::from_secs(3600)).await;
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(3600)).on_path(TOKEN_ENDPOINT));
    let client = client(&standin, bounded(&standin));
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await })
        })
        .collect();
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        let Error::Credential(failure) = &error else { panic!("{error:?}") };
        assert_eq!(failure.status, Some(429));
        assert_eq!(failure.error.as_deref(), Some("temporarily_unavailable"));
        let retries = failure.retries.expect("how sign-in's retries ended");
        assert_eq!(retries.attempts, 1);
        assert!(error.to_string().contains("the next wait, 3600 s, would end past"), "{error}");
        assert!(!printed(&error).contains(SECRET));
    }
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(token_requests(&standin).len(), 1, "the waiting requests share the one failed sign-in");
    assert!(graph_requests(&standin).is_empty());
}

#[tokio::test]
async fn throttled_and_unavailable_sign_ins_are_retried_within_the_bounds() {
    let standin = tenant(Duration::from_secs(3600)).await;
    standin.inject(Fault::unavailable().without_retry_after().on_path(TOKEN_ENDPOINT).on_request(1));
    standin.inject(Fault::throttle().retry_after(Wait::Seconds(0)).on_path(TOKEN_ENDPOINT).on_request(2));
    let client = client(&standin, bounded(&standin));
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    let statuses: Vec<u16> = token_requests(&standin).iter().map(|exchange| exchange.status).collect();
    assert_eq!(statuses, [503, 429, 200]);
    assert_eq!(graph_statuses(&standin), [200], "with the third sign-in's token");
    assert!(standin.retry_after_violations().is_empty());

    // Always unavailable: as many token requests as the policy allows, then the error.
    let standin = tenant(Duration::from_secs(3600)).await;
    standin.inject(Fault::unavailable().without_retry_after().on_path(TOKEN_ENDPOINT));
    let client = self::client(&standin, bounded(&standin));
    let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    assert_eq!(token_requests(&standin).len(), 3, "max_attempts = 3");
    assert!(error.to_string().contains("gave up after 3 attempts"), "{error}");
    assert!(graph_requests(&standin).is_empty());
}
