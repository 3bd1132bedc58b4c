//! A local Microsoft Graph stand-in for tests, driven by the schema.
//!
//! Code that manages a tenant is hard to test against a tenant: it is slow, shared,
//! rate-limited, and a wrong `wipe` is real. `msgraph-standin` answers like the service from
//! memory, on 127.0.0.1, with nothing to configure: every entity set, singleton and contained
//! navigation property of a `$metadata` document (by default the Intune beta schema) is a
//! place you can `POST`, `GET`, `PATCH` and `DELETE`, with request bodies checked against
//! the schema, the query options Graph applies, every bound action and function, `$batch`,
//! faults on demand and an offline token endpoint.
//!
//! # In a test
//!
//! [`StandIn::start`] starts one on an ephemeral port of the current tokio runtime; its
//! [`base_url`](StandIn::base_url) is the service root to give a client. Dropping it stops it.
//! The schema is read once per process and shared by every stand-in.
//!
//! ```
//! # use std::sync::Arc;
//! use msgraph_entity::GraphEntity;
//! use msgraph_standin::StandIn;
//! use serde_json::{Value, json};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! struct NdesConnector {
//!     #[graph(key)]
//!     id: Option<String>,
//!     display_name: Option<String>,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let schema = Arc::new(msgraph_standin::Schema::parse("small.xml", msgraph_standin::__doc::SMALL_METADATA.to_owned())?);
//! let standin = StandIn::builder()
//! #   .schema(schema)
//!     // .metadata("path/to/your/$metadata.xml")    (default: see `Schema::locate`)
//!     .start()
//!     .await?;
//! let client = standin.client()?; // this project's client, for http://127.0.0.1:{port}/beta
//! let created = client.send(&NdesConnector::create().display_name("Lab").build()).await?;
//! let id = created.id.unwrap(); // a GUID the stand-in made
//! let read = client.send(&NdesConnector::get(&id)?).await?;
//! assert_eq!(read.display_name.as_deref(), Some("Lab"));
//!
//! // Refused as the service refuses it: a 400 with Graph's error body, over HTTP.
//! let refused = standin.insert("/deviceManagement/ndesConnectors", &json!({"displayName": 5})).unwrap_err();
//! assert!(refused.to_string().contains("A value of type 'Edm.String' was expected, not a number (5)"));
//!
//! // What the test can read back, typed or not.
//! let stored: Value = standin.get(&format!("/deviceManagement/ndesConnectors/{id}"))?;
//! assert_eq!(stored["displayName"], "Lab");
//! # Ok(())
//! # }
//! ```
//!
//! [`StandIn::client`] (the default `client` feature) is this project's
//! `msgraph_entity::client::Client` for the stand-in; the generated models of `msgraph-intune`
//! go through it unchanged. Any other HTTP client, in any language, talks to
//! [`StandIn::base_url`].
//!
//! # What it answers
//!
//! - **Places**: collections (`GET` lists, `POST` creates: `201` with the entity, its key a
//!   new GUID, `createdDateTime`/`lastModifiedDateTime` and other read-only properties set by
//!   the stand-in), items (`GET`, `PATCH` merges and answers `204` — or `200` with the
//!   entity, as Intune's reference pages document, with
//!   [`StandInBuilder::updates_return_entity`] —, `PUT`, `DELETE` removes it and everything
//!   it contains), singletons (`GET`, `PATCH`), contained single values (made on first use,
//!   as the service always has them), cast segments
//!   (`/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration`), keys in a segment
//!   or in parentheses, `$count`, a property and its `$value`, `$metadata`. A place that does
//!   not exist is a `404`, a method it does not allow a `405`.
//! - **Bodies checked against the schema**: an unknown property (but on an open type), a
//!   value of the wrong JSON kind or format, an enum member the enum does not have, an abstract
//!   type without `@odata.type`, an `@odata.type` not derived from the collection's type: `400`
//!   with `{"error": {"code", "message", "innerError": {"request-id", "client-request-id", "date"}}}`,
//!   the message naming the problem and where it is. Control information a client sends back
//!   (`@odata.context`, `#microsoft.graph.assign`) is ignored, as by the service. A body that
//!   carries contained navigation collections inline (a settings-catalog policy with its
//!   `settings`) is a deep insert: the children go to their own collections.
//! - **Query options**: `$select`, `$filter` (`eq ne gt ge lt le has in`, `and or not`,
//!   `startswith endswith contains tolower toupper trim length concat`, string, number, boolean,
//!   `null`, enum, date-time, date and GUID literals, `any`/`all` on collections and contained
//!   navigation properties), `$orderby` (several keys, `asc`/`desc`), `$top`, `$skip`,
//!   `$count=true`, `$expand` (with nested options: `$expand=settings($select=id;$top=5)`),
//!   server-driven paging with `@odata.nextLink` ([`DEFAULT_PAGE_SIZE`] per page,
//!   [`StandInBuilder::page_size`]; a smaller `$top` makes smaller pages). An option it does
//!   not support (`$search`, `$apply`…) is a `400` that says so, never ignored.
//! - **Bound operations**: every action and function of the schema, at
//!   `{place}/microsoft.graph.{name}` and `{place}/{name}`, its parameters checked. `assign`
//!   stores the assignments it is given (read them back through `assignments`); any other
//!   answers what its return type allows (`204`, or `200` with a schema-valid default) until
//!   you give it a handler ([`StandIn::on_operation`]). Every call is recorded
//!   ([`StandIn::operation_calls`]).
//! - **`$batch`**: up to 20 requests, `dependsOn` (an item whose dependency failed answers
//!   `424`), each item through the same handlers, ids echoed as sent.
//!
//! # Seeding and inspecting
//!
//! [`StandIn::insert`] stores any `Serialize` value (a `msgraph-intune` model, a
//! `serde_json::Value`) in a collection, checked against the schema; [`StandIn::get`] and
//! [`StandIn::list`] read the store back as any `DeserializeOwned` type;
//! [`StandIn::load_seed`] loads a JSON export ([`seed`]). [`StandIn::requests`] is every
//! request and answer, the `Authorization` value redacted.
//!
//! ```
//! # use std::sync::Arc;
//! # use msgraph_entity::GraphEntity;
//! # use msgraph_standin::{Schema, StandIn};
//! # use serde_json::{Value, json};
//! # #[derive(Debug, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # struct NdesConnector { #[graph(key)] id: Option<String>, display_name: Option<String> }
//! use msgraph_entity::Order;
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let schema = Arc::new(Schema::parse("small.xml", msgraph_standin::__doc::SMALL_METADATA.to_owned())?);
//! # let standin = StandIn::builder().schema(schema).start().await?;
//! for name in ["Paris", "Lyon", "Nice"] {
//!     standin.insert(
//!         "/deviceManagement/ndesConnectors",
//!         &json!({"displayName": name, "state": "active", "lastConnectionDateTime": "2024-06-01T08:00:00Z"}),
//!     )?;
//! }
//! let list = NdesConnector::list()
//!     .filter("startswith(displayName,'L') or displayName eq 'Nice'")
//!     .order_by(NdesConnectorProperty::DisplayName, Order::Descending);
//! let page = standin.client()?.send(&list).await?;
//! let names: Vec<_> = page.value.iter().filter_map(|c| c.display_name.as_deref()).collect();
//! assert_eq!(names, ["Nice", "Lyon"]);
//! assert_eq!(standin.list::<Value>("/deviceManagement/ndesConnectors")?.len(), 3);
//! assert_eq!(standin.requests().len(), 1); // the GET, its Authorization redacted
//! # Ok(())
//! # }
//! ```
//!
//! # Faults, and clients that do not wait
//!
//! [`StandIn::inject`] puts a [`Fault`] in force: `429`/`503`/`504` with `Retry-After` (seconds
//! or an HTTP date) on the n-th request, on a path pattern, on a method or at a seeded rate;
//! latency; a dropped connection; a body cut short of its `Content-Length`. A client that sends
//! a throttled request again before its `Retry-After` has passed is answered `429` again and
//! recorded: a test asserts there was none with [`StandIn::retry_after_violations`].
//!
//! ```
//! # use std::sync::Arc;
//! # use msgraph_entity::GraphEntity;
//! # use msgraph_standin::{Schema, StandIn};
//! # #[derive(Debug, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # struct NdesConnector { #[graph(key)] id: Option<String>, display_name: Option<String> }
//! use msgraph_entity::client::{Client, RetryPolicy};
//! use msgraph_standin::{Fault, RetryAfter};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let schema = Arc::new(Schema::parse("small.xml", msgraph_standin::__doc::SMALL_METADATA.to_owned())?);
//! # let standin = StandIn::builder().schema(schema).start().await?;
//! standin.inject(Fault::throttle().retry_after(RetryAfter::Seconds(30)).on_request(1));
//! // A careless caller: a new client for each try, without retries, and no wait between them
//! // (one client would wait: its requests share the throttling of the first answer).
//! for _ in 0..2 {
//!     let endpoint = msgraph_entity::Endpoint::with_base_url(standin.base_url());
//!     let careless =
//!         Client::builder(endpoint, msgraph_entity::BearerToken::new("t")).retry_policy(RetryPolicy::none()).build()?;
//!     let error = careless.send(&NdesConnector::list()).await.unwrap_err();
//!     assert_eq!(error.graph_error().unwrap().status, 429);
//! }
//! assert_eq!(standin.retry_after_violations().len(), 1); // caught
//! # Ok(())
//! # }
//! ```
//!
//! # Operations with behaviour
//!
//! A handler takes the operation's parameters as any `DeserializeOwned` type and returns any
//! `Serialize` value, checked against the operation's return type.
//!
//! ```
//! # use std::sync::Arc;
//! # use msgraph_standin::{Schema, StandIn};
//! use msgraph_standin::{HandlerError, OperationCall};
//! # use msgraph_standin::__doc::get_json;
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let schema = Arc::new(Schema::parse("small.xml", msgraph_standin::__doc::SMALL_METADATA.to_owned())?);
//! # let standin = StandIn::builder().schema(schema).start().await?;
//! standin.on_operation("getDeviceStatusCount", |_: OperationCall<serde_json::Value>| Ok::<_, HandlerError>(42));
//! # let id = standin.insert("/deviceManagement/deviceConfigurations", &serde_json::json!({"@odata.type": "#microsoft.graph.windows10GeneralConfiguration"}))?;
//! let url = standin.url(&format!("/deviceManagement/deviceConfigurations/{id}/getDeviceStatusCount()"));
//! let answer = get_json(&url).await; // with any HTTP client

//! assert_eq!(answer["value"], 42);
//! assert_eq!(standin.operation_calls()[0].operation, "microsoft.graph.getDeviceStatusCount");
//! # Ok(())
//! # }
//! ```
//!
//! # Sign-in, offline
//!
//! With [`StandInBuilder::sign_in`], the stand-in serves a Microsoft Entra ID token endpoint
//! for the client-credentials flow at [`StandIn::authority_host`] (HTTPS, with a certificate
//! made at start: trust it with [`StandIn::credential_http_client`] or
//! [`StandIn::tls_certificate_pem`]), and answers Graph requests without a valid token `401`.
//! Tokens expire on the stand-in's clock, which a test moves with [`StandIn::advance_clock`];
//! a [`Fault`] whose path names the token endpoint (`*/oauth2/v2.0/token`) makes sign-in slow,
//! throttled or unavailable, answered as Microsoft Entra ID answers:
//!
//! ```no_run
//! # async fn run(standin: msgraph_standin::StandIn) -> Result<(), msgraph_entity::Error> {
//! use msgraph_entity::client::Client;
//! use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
//!
//! let options = CredentialOptions::default()
//!     .authority_host(standin.authority_host().unwrap())
//!     .http_client(standin.credential_http_client().unwrap());
//! let credential = GraphCredential::client_secret("contoso.onmicrosoft.com", "app-id", "secret", options)?;
//! let client = Client::new(msgraph_entity::Endpoint::with_base_url(standin.base_url()), credential)?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
//!
//! # As a program
//!
//! For clients in any language: `cargo run -p msgraph-standin -- --port 8080 [--metadata FILE]
//! [--seed FILE] [--page-size N] [--sign-in]` serves until Ctrl-C (`--help` says more).
//!
//! # What it does not do
//!
//! Nullability and required properties are not enforced (the reconstructed beta schema cannot
//! know them); navigation properties that are references (users, groups) are not held: they
//! read as empty; `$search`, `$apply`, `$compute`, delta queries, `$ref`, streams and
//! lambda operators on references are refused with a `400` that says so.

mod address;
mod auth;
mod batch;
mod clock;
mod defaults;
mod error;
mod faults;
mod handlers;
mod operations;
mod query;
mod record;
mod schema;
pub mod seed;
mod server;
mod service;
mod standin;
mod store;
mod validate;

pub use auth::SignIn;
pub use error::StandInError;
pub use faults::{Fault, FaultKind, RetryAfter, RetryAfterViolation};
pub use handlers::{HandlerError, OperationCall};
pub use record::{REDACTED, RecordedExchange};
pub use schema::{INTUNE_BETA_FILE, METADATA_VAR, SCHEMA_DIR_VAR, Schema};
pub use seed::SeedReport;
pub use standin::{DEFAULT_PAGE_SIZE, StandIn, StandInBuilder};

/// Material for the documentation's examples; not part of the API.
#[doc(hidden)]
pub mod __doc {
    /// A small `$metadata`: NDES connectors and device configurations.
    pub const SMALL_METADATA: &str = include_str!("../tests/data/small-metadata.xml");

    /// `GET url` as JSON (`Null` when the body is not JSON), with a plain HTTP client.
    #[cfg(feature = "client")]
    pub async fn get_json(url: &str) -> serde_json::Value {
        use msgraph_entity::client::external::reqwest;
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let Ok(config) = rustls::ClientConfig::builder_with_provider(provider).with_safe_default_protocol_versions()
        else {
            return serde_json::Value::Null;
        };
        let config = config.with_root_certificates(rustls::RootCertStore::empty()).with_no_client_auth();
        let Ok(client) = reqwest::Client::builder().tls_backend_preconfigured(config).no_proxy().build() else {
            return serde_json::Value::Null;
        };
        match client.get(url).send().await {
            Ok(response) => response.bytes().await.ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()),
            Err(_) => None,
        }
        .unwrap_or_default()
    }
}

/// The README's example, compiled (it runs as `readme_example_runs` in `tests/typed.rs`).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
