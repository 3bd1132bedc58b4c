//! The `credentials` feature without a service (bad input, national clouds) and against a
//! token endpoint no Microsoft Entra ID sends from: a raw server on 127.0.0.1 (TLS, with a
//! certificate made for this run, since azure_identity only signs in at an https authority)
//! that echoes the secret back, answers without a usable token or an `expires_in` out of
//! range, or never answers at all. Sign-in end to end (the form, one token for concurrent
//! requests, refresh before expiry, a wrong secret, throttled and unavailable sign-ins) runs
//! against the stand-in's offline sign-in: `graph-standin/tests/client/sign_in.rs`.

#![cfg(feature = "credentials")]

mod support;

use std::sync::Arc;
use std::time::Duration;

use msgraph_entity::client::Client;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential, NationalCloud};
use msgraph_entity::client::reqwest;
use msgraph_entity::{Endpoint, Error, GraphEntity};
use support::{Reply, Server};

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

async fn graph_service() -> Server {
    Server::start(|_, _| Reply::json(200, r#"{"id":"e71f","displayName":"Lab"}"#)).await
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
