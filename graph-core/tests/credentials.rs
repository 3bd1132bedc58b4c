//! The `credentials` feature against stand-ins on 127.0.0.1: a Microsoft Entra ID
//! token endpoint (TLS, with a certificate made for this run, since azure_identity
//! only signs in at an https authority) and a Graph service (plain HTTP).

#![cfg(feature = "credentials")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use msgraph_entity::client::Client;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential, NationalCloud};
use msgraph_entity::client::reqwest;
use msgraph_entity::{Endpoint, Error, GraphEntity};
use support::{Received, Reply, Server};

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct NdesConnector {
    #[graph(key)]
    id: Option<String>,
    display_name: Option<String>,
}

const TENANT: &str = "contoso.onmicrosoft.com";
const CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const SECRET: &str = "sup3r~s3cret~value";

/// A certificate for 127.0.0.1, the server side of it, and a client that trusts it (and only it).
struct Tls {
    acceptor: tokio_rustls::TlsAcceptor,
    http: reqwest::Client,
}

// rustls 0.23.48 deprecates its ring provider (no post-quantum key exchange); the client is built
// on ring, and so is this stand-in (see `ring_provider` in src/client/mod.rs).
#[allow(deprecated, reason = "ring is the workspace's chosen provider")]
fn tls() -> Tls {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let certificate = certified.cert.der().clone();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());

    let server = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certificate.clone()], key)
        .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(certificate).unwrap();
    let client = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let http = reqwest::Client::builder().tls_backend_preconfigured(client).no_proxy().build().unwrap();
    Tls { acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(server)), http }
}

/// A token endpoint that hands out `token-1`, `token-2`... each valid `expires_in` seconds.
async fn token_endpoint(tls: &Tls, expires_in: u64, delay: Duration) -> Server {
    Server::start_tls(tls.acceptor.clone(), move |index, _| {
        std::thread::sleep(delay);
        let n = index + 1;
        Reply::json(200, &format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"token-{n}"}}"#))
    })
    .await
}

async fn graph_service() -> Server {
    Server::start(|_, _| Reply::json(200, r#"{"id":"e71f","displayName":"Lab"}"#)).await
}

fn credential(tls: &Tls, authority: &Server) -> GraphCredential {
    let options = CredentialOptions::default().authority_host(&authority.base_url).http_client(tls.http.clone());
    GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, options).unwrap()
}

fn form(request: &Received) -> Vec<(String, String)> {
    request
        .body_text()
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let decode = |text: &str| {
                let text = text.replace('+', " ");
                percent_decode(&text)
            };
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

fn authorizations(graph: &Server) -> Vec<String> {
    graph.received().iter().map(|request| request.header("authorization").unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_client_secret_flow_posts_the_form_the_identity_platform_expects() {
    let tls = tls();
    let authority = token_endpoint(&tls, 3600, Duration::ZERO).await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential(&tls, &authority)).unwrap();

    let connector = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(connector.display_name.as_deref(), Some("Lab"));

    let [token_request] = authority.received().try_into().unwrap();
    assert_eq!(token_request.method, "POST");
    assert_eq!(token_request.target, format!("/{TENANT}/oauth2/v2.0/token"));
    assert_eq!(token_request.header("content-type"), Some("application/x-www-form-urlencoded"));
    let mut fields = form(&token_request);
    fields.sort();
    assert_eq!(
        fields,
        [
            ("client_id".to_owned(), CLIENT_ID.to_owned()),
            ("client_secret".to_owned(), SECRET.to_owned()),
            ("grant_type".to_owned(), "client_credentials".to_owned()),
            ("scope".to_owned(), "https://graph.microsoft.com/.default".to_owned()),
        ]
    );
    assert_eq!(authorizations(&graph), ["Bearer token-1"]);
}

#[tokio::test]
async fn many_concurrent_requests_share_one_token_request() {
    let tls = tls();
    // A slow token endpoint: every request arrives while the first fetch is under way.
    let authority = token_endpoint(&tls, 3600, Duration::from_millis(300)).await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential(&tls, &authority)).unwrap();

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
    assert_eq!(authority.count(), 1, "one token request for fifteen Graph requests");
    assert_eq!(graph.count(), 15);
    assert!(authorizations(&graph).iter().all(|value| value == "Bearer token-1"));
}

#[tokio::test]
async fn a_token_is_fetched_again_when_it_is_about_to_expire() {
    let tls = tls();
    // A token valid 2 s is used for its first half, then replaced.
    let authority = token_endpoint(&tls, 2, Duration::ZERO).await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential(&tls, &authority)).unwrap();
    let get = NdesConnector::get("e71f").unwrap();

    client.send(&get).await.unwrap();
    client.send(&get).await.unwrap();
    assert_eq!(authority.count(), 1);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.send(&get).await.unwrap();
    client.send(&get).await.unwrap();
    assert_eq!(authority.count(), 2);
    assert_eq!(authorizations(&graph), ["Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2"]);
}

#[tokio::test]
async fn invalid_client_is_reported_with_the_services_words_and_never_the_secret() {
    let tls = tls();
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let authority = Server::start_tls(tls.acceptor.clone(), move |_, _| {
        counter.fetch_add(1, Ordering::SeqCst);
        Reply::json(
            401,
            r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.","error_codes":[7000215],"trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333"}"#,
        )
    })
    .await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential(&tls, &authority)).unwrap();

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
    assert_eq!(graph.count(), 0, "nothing is sent without a token");

    // A failure is not cached: the next request asks again.
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn neither_the_secret_nor_a_token_appears_in_debug_output() {
    let tls = tls();
    let authority = token_endpoint(&tls, 3600, Duration::ZERO).await;
    let graph = graph_service().await;
    let credential = credential(&tls, &authority);
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential.clone()).unwrap();
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    let token = credential.bearer_token().await.unwrap();

    let options = CredentialOptions::default().authority_host(&authority.base_url).http_client(tls.http.clone());
    let debug = format!("{credential:?} {credential:#?} {client:?} {options:?} {token:?}");
    assert!(!debug.contains(SECRET) && !debug.contains("token-1"), "{debug}");
    assert!(
        debug.contains("ClientSecretCredential") && debug.contains("https://graph.microsoft.com/.default"),
        "{debug}"
    );
    assert_eq!(credential.credential_name(), "ClientSecretCredential");
}

#[test]
fn bad_input_is_an_error_before_anything_is_sent() {
    let options = CredentialOptions::default();
    for (tenant, client_id, secret) in
        [("", CLIENT_ID, SECRET), (TENANT, "", SECRET), (TENANT, CLIENT_ID, ""), ("a/b", CLIENT_ID, SECRET)]
    {
        let error = GraphCredential::client_secret(tenant, client_id, secret, options.clone()).unwrap_err();
        let Error::Credential(failure) = &error else { panic!("{error:?}") };
        assert_eq!(failure.credential, "ClientSecretCredential");
        assert!(!format!("{error} {error:?}").contains(SECRET));
    }
    // An authority that is not https is refused: the secret would go out in clear text.
    let http_authority = CredentialOptions::default().authority_host("http://127.0.0.1:9");
    let credential = GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, http_authority);
    assert!(credential.is_err(), "{credential:?}");
}

#[test]
fn national_clouds_ask_for_their_own_graph_scope() {
    let options = CredentialOptions::default().cloud(NationalCloud::UsGovernment);
    let credential = GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, options).unwrap();
    assert_eq!(credential.scope(), "https://graph.microsoft.us/.default");
    assert_eq!(NationalCloud::UsGovernment.endpoint().url("/me"), "https://graph.microsoft.us/beta/me");
}

// ---------------------------------------------------------------------------------------------
// A hostile or broken identity service (issue 21): no secret printed, no empty token sent, no
// panic, and every wait bounded.

/// Short sign-in bounds: a test that waits ends in well under a second.
fn bounded(tls: &Tls, authority: &Server) -> CredentialOptions {
    CredentialOptions::default()
        .authority_host(&authority.base_url)
        .http_client(tls.http.clone())
        .sign_in_timeout(Duration::from_millis(600))
        .retry_policy(msgraph_entity::client::RetryPolicy {
            max_attempts: 3,
            max_total_delay: Duration::from_millis(400),
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
            retry_unsafe_on_gateway_timeout: true,
        })
}

fn bounded_credential(tls: &Tls, authority: &Server) -> GraphCredential {
    GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, bounded(tls, authority)).unwrap()
}

/// Everything an application could print of an error: Display, Debug, the source chain.
fn printed(error: &Error) -> String {
    let mut text = format!("{error} {error:?} {error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

/// `text` with every character written as a JSON `\u` escape.
fn json_escaped(text: &str) -> String {
    text.chars().map(|c| format!("\\u{:04x}", c as u32)).collect()
}

#[tokio::test]
async fn a_token_endpoint_echoing_the_secret_never_gets_it_printed() {
    // What a hostile or careless endpoint may send back: the secret as is, JSON-escaped, in
    // `error`, the whole form (where the secret is form-encoded), or the form as a plain body.
    let answers: Vec<fn(&str) -> Reply> = vec![
        |_| {
            Reply::json(
                401,
                &format!(r#"{{"error":"invalid_client","error_description":"the secret {SECRET} is wrong"}}"#),
            )
        },
        |_| {
            Reply::json(
                401,
                &format!(
                    r#"{{"error":"invalid_client","error_description":"the secret {} is wrong"}}"#,
                    json_escaped(SECRET)
                ),
            )
        },
        |_| Reply::json(400, &format!(r#"{{"error":"{SECRET}","error_description":"bad"}}"#)),
        |form| Reply::json(400, &format!(r#"{{"error":"invalid_request","error_description":"cannot read {form}"}}"#)),
        |form| Reply {
            status: 400,
            headers: vec![("content-type".into(), "text/plain".into())],
            body: format!("bad form: {form}"),
        },
        |form| Reply::json(400, r#"{"error":"invalid_request"}"#).header("x-echo", form),
    ];
    let encoded_secret = SECRET.replace('~', "%7E");
    for (case, answer) in answers.into_iter().enumerate() {
        let tls = tls();
        let authority = Server::start_tls(tls.acceptor.clone(), move |_, request| answer(request.body_text())).await;
        let graph = graph_service().await;
        let client =
            Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        assert!(matches!(error, Error::Credential(_)), "case {case}: {error:?}");
        let text = printed(&error);
        for leaked in [SECRET, encoded_secret.as_str(), &encoded_secret.to_lowercase(), &json_escaped(SECRET)] {
            assert!(!text.contains(leaked), "case {case}: the secret leaked as {leaked}: {text}");
        }
        assert_eq!(graph.count(), 0);
    }
}

#[tokio::test]
async fn a_token_response_without_a_usable_token_is_refused_and_nothing_is_sent() {
    for (body, problem) in [
        ("{}", "no `access_token`"),
        ("[]", "not a JSON object"),
        ("null", "not a JSON object"),
        ("not json", "not a JSON object"),
        (r#"{"token_type":"Bearer","expires_in":3600}"#, "no `access_token`"),
        (r#"{"token_type":"Bearer","expires_in":3600,"access_token":""}"#, "`access_token` is empty"),
        (r#"{"token_type":"Bearer","expires_in":3600,"access_token":"  \t "}"#, "`access_token` is empty"),
        (r#"{"token_type":"Bearer","expires_in":3600,"access_token":42}"#, "`access_token` is not a string"),
        (r#"{"token_type":"Bearer","access_token":"token-1"}"#, "no `expires_in`"),
    ] {
        let tls = tls();
        let authority = Server::start_tls(tls.acceptor.clone(), move |_, _| Reply::json(200, body)).await;
        let graph = graph_service().await;
        let client =
            Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
        let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
        let Error::Credential(failure) = &error else { panic!("{body}: {error:?}") };
        assert_eq!(failure.status, Some(200), "{body}");
        assert!(error.to_string().contains(problem), "{body}: {error}");
        assert_eq!(graph.count(), 0, "{body}: nothing goes out with an empty Authorization");
    }
}

#[tokio::test]
async fn an_expires_in_out_of_range_is_an_error_not_a_panic() {
    for expires_in in ["253402300800", "9223372036854775807", "-9223372036854775808", "-1", "0", "1e300", "\"3600\""] {
        let tls = tls();
        let body = format!(r#"{{"token_type":"Bearer","expires_in":{expires_in},"access_token":"token-1"}}"#);
        let authority = Server::start_tls(tls.acceptor.clone(), move |_, _| Reply::json(200, &body)).await;
        let graph = graph_service().await;
        let client =
            Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
        // In its own task: a panic would show as a JoinError, not end the test.
        let sent = tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await });
        let error = sent.await.expect("no panic reaches the caller").unwrap_err();
        let Error::Credential(failure) = &error else { panic!("{expires_in}: {error:?}") };
        assert_eq!(failure.status, Some(200));
        assert!(error.to_string().contains("`expires_in`"), "{expires_in}: {error}");
        assert_eq!(graph.count(), 0);
    }
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
    let graph = graph_service().await;
    let credential = GraphCredential::new(Arc::new(PanickingCredential), &CredentialOptions::default());
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential).unwrap();
    let sent = tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await });
    let error = sent.await.expect("no panic reaches the caller").unwrap_err();
    let Error::Credential(failure) = &error else { panic!("{error:?}") };
    assert_eq!(failure.credential, "PanickingCredential");
    assert!(failure.description.contains("panicked"), "{error}");
    assert_eq!(graph.count(), 0);
}

#[tokio::test]
async fn a_retry_after_past_the_bound_ends_sign_in_at_once_for_every_waiting_request() {
    let tls = tls();
    let authority = Server::start_tls(tls.acceptor.clone(), |_, _| {
        Reply::json(429, r#"{"error":"temporarily_unavailable","error_description":"AADSTS50196: slow down"}"#)
            .header("Retry-After", "3600")
    })
    .await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
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
        let retries = failure.retries.expect("how sign-in's retries ended");
        assert_eq!(retries.attempts, 1);
        assert!(error.to_string().contains("the next wait, 3600 s, would end past"), "{error}");
    }
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(authority.count(), 1, "the waiting requests share the one failed sign-in");
    assert_eq!(graph.count(), 0);
}

#[tokio::test]
async fn throttled_and_unavailable_sign_ins_are_retried_within_the_bounds() {
    let tls = tls();
    let authority = Server::start_tls(tls.acceptor.clone(), |index, _| match index {
        0 => Reply::json(503, r#"{"error":"temporarily_unavailable"}"#),
        1 => Reply::json(429, r#"{"error":"temporarily_unavailable"}"#).header("Retry-After", "0"),
        _ => Reply::json(200, r#"{"token_type":"Bearer","expires_in":3600,"access_token":"token-3"}"#),
    })
    .await;
    let graph = graph_service().await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
    client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap();
    assert_eq!(authority.count(), 3);
    assert_eq!(authorizations(&graph), ["Bearer token-3"]);

    // Always unavailable: as many token requests as the policy allows, then the error.
    let authority =
        Server::start_tls(tls.acceptor.clone(), |_, _| Reply::json(503, r#"{"error":"temporarily_unavailable"}"#))
            .await;
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), bounded_credential(&tls, &authority)).unwrap();
    let error = client.send(&NdesConnector::get("e71f").unwrap()).await.unwrap_err();
    assert_eq!(authority.count(), 3, "max_attempts = 3");
    assert!(error.to_string().contains("gave up after 3 attempts"), "{error}");
}

#[tokio::test]
async fn a_silent_token_endpoint_is_given_up_within_the_sign_in_timeout() {
    // Accepts connections and never answers (not even the TLS handshake).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let tls = tls();
    let graph = graph_service().await;
    let options = CredentialOptions::default()
        .authority_host(&base_url)
        .http_client(tls.http.clone())
        .sign_in_timeout(Duration::from_millis(300));
    let credential = GraphCredential::client_secret(TENANT, CLIENT_ID, SECRET, options).unwrap();
    let client = Client::new(Endpoint::with_base_url(&graph.base_url), credential).unwrap();
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..3)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(&NdesConnector::get("e71f").unwrap()).await })
        })
        .collect();
    let outcome = tokio::time::timeout(Duration::from_secs(5), async {
        for task in tasks {
            let error = task.await.unwrap().unwrap_err();
            assert!(matches!(error, Error::Credential(_)), "{error:?}");
            assert!(error.to_string().contains("no token within 300 ms"), "{error}");
        }
    })
    .await;
    assert!(outcome.is_ok(), "sign-in still waiting after 5 s");
    // The three requests waited for the same sign-in: one timeout, not three in a row.
    assert!(started.elapsed() < Duration::from_millis(900), "{:?}", started.elapsed());
    assert_eq!(graph.count(), 0);
}
