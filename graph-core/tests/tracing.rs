//! The `tracing` feature: what a subscriber sees of the client's requests, recorded field by
//! field by a small `Subscriber` of this file, and what it never sees (a token, a body, a key,
//! a query).

#![cfg(feature = "tracing")]

mod support;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{BearerToken, Endpoint, Filter, GraphEntity};
use support::{Reply, Server};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Debug, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct NdesConnector {
    #[graph(key)]
    id: Option<String>,
    display_name: Option<String>,
}

const TOKEN: &str = "s3cr3t-t0ken-value";
/// Keys that identify someone: a user principal name and a device's id.
const USER_KEY: &str = "adele.vance@contoso.com";
const DEVICE_KEY: &str = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const BODY_MARKER: &str = "Adele's laptop";
const FILTER_VALUE: &str = "Vance";
const REQUEST_ID: &str = "6a2e7f3c-1111-4a4a-9b9b-000000000001";

/// A span or an event as the subscriber saw it: its name and every field as text.
#[derive(Debug, Clone)]
struct Seen {
    kind: &'static str,
    /// The span's name, or the event's message.
    name: String,
    /// The span itself, or for an event the span it happened in.
    span: Option<u64>,
    fields: Vec<(String, String)>,
}

impl Seen {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
    }
}

/// Records what the client's target emits; the span entered on this thread is an event's span.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
    entered: Arc<Mutex<Vec<u64>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("msgraph_entity")
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Vec::new();
        attributes.record(&mut Fields(&mut fields));
        let name = attributes.metadata().name().to_owned();
        self.seen.lock().unwrap().push(Seen { kind: "span", name, span: Some(id), fields });
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut seen = self.seen.lock().unwrap();
        if let Some(record) = seen.iter_mut().find(|seen| seen.kind == "span" && seen.span == Some(span.into_u64())) {
            values.record(&mut Fields(&mut record.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let name =
            fields.iter().find(|(field, _)| field == "message").map(|(_, text)| text.clone()).unwrap_or_default();
        let span = self.entered.lock().unwrap().last().copied();
        self.seen.lock().unwrap().push(Seen { kind: "event", name, span, fields });
    }

    fn enter(&self, span: &Id) {
        self.entered.lock().unwrap().push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut entered = self.entered.lock().unwrap();
        if let Some(at) = entered.iter().rposition(|id| *id == span.into_u64()) {
            entered.remove(at);
        }
    }
}

#[tokio::test]
async fn each_request_is_a_span_with_its_template_status_and_ids_and_waits_are_events() {
    let server = Server::start(|index, _| match index {
        0 => Reply::json(429, r#"{"error":{"code":"TooManyRequests","message":"Slow down"}}"#)
            .header("Retry-After", "1")
            .header("request-id", REQUEST_ID),
        _ => Reply::json(200, &format!(r#"{{"id":"{DEVICE_KEY}","displayName":"{BODY_MARKER}"}}"#))
            .header("request-id", REQUEST_ID),
    })
    .await;
    let retry = RetryPolicy { max_total_delay: std::time::Duration::from_secs(5), ..RetryPolicy::default() };
    let client = Client::builder(Endpoint::with_base_url(&server.base_url), BearerToken::new(TOKEN))
        .retry_policy(retry)
        .build()
        .unwrap();

    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let patch = NdesConnectorPatch::default().display_name(BODY_MARKER);
    client.send(&NdesConnector::update(DEVICE_KEY, patch).unwrap()).await.unwrap();
    client.send(&NdesConnector::get(USER_KEY).unwrap()).await.unwrap();
    let filtered = NdesConnector::list().filter(Filter::eq(NdesConnectorProperty::DisplayName, FILTER_VALUE));
    client.send(&filtered).await.unwrap_err(); // The answer is not a page: an error, still traced.
    drop(_guard);

    let seen = recorder.seen.lock().unwrap().clone();
    let spans: Vec<&Seen> = seen.iter().filter(|seen| seen.kind == "span").collect();
    assert_eq!(spans.len(), 3, "{seen:#?}");
    assert!(spans.iter().all(|span| span.name == "graph_request"));

    let update = spans[0];
    assert_eq!(update.field("method"), Some("PATCH"));
    assert_eq!(update.field("path"), Some("/deviceManagement/ndesConnectors/{id}"));
    assert_eq!(update.field("status"), Some("200"));
    assert_eq!(update.field("attempts"), Some("2"));
    assert_eq!(update.field("request_id"), Some(REQUEST_ID));
    let sent_ids: Vec<String> =
        server.received().iter().map(|request| request.header("client-request-id").unwrap().to_owned()).collect();
    assert_eq!(update.field("client_request_id"), Some(sent_ids[0].as_str()));
    assert_eq!(sent_ids[0], sent_ids[1], "one span for both attempts of one request");

    let get = spans[1];
    assert_eq!(get.field("method"), Some("GET"));
    assert_eq!(get.field("path"), Some("/deviceManagement/ndesConnectors/{id}"));
    assert_eq!(get.field("attempts"), Some("1"));
    assert_eq!(spans[2].field("path"), Some("/deviceManagement/ndesConnectors"));

    // The waits of the first request, as events inside its span, with their length.
    let in_update: Vec<&Seen> = seen.iter().filter(|seen| seen.kind == "event" && seen.span == update.span).collect();
    let retry_wait = in_update.iter().find(|event| event.name == "waiting before retrying").expect("a retry wait");
    assert_eq!(retry_wait.field("wait_ms"), Some("1000"));
    assert_eq!(retry_wait.field("status"), Some("429"));
    assert_eq!(retry_wait.field("attempt"), Some("1"));
    let closed = in_update.iter().find(|event| event.name.starts_with("throttled")).expect("the gate closing");
    assert_eq!(closed.field("wait_ms"), Some("1000"));
    let statuses: Vec<&str> = in_update
        .iter()
        .filter(|event| event.name == "attempt answered")
        .filter_map(|event| event.field("status"))
        .collect();
    assert_eq!(statuses, ["429", "200"]);

    // Nothing that identifies a person or opens a door.
    let everything = format!("{seen:?}");
    let key_in_url = msgraph_entity::encode_key_segment(USER_KEY).unwrap();
    for secret in [TOKEN, USER_KEY, key_in_url.as_str(), DEVICE_KEY, BODY_MARKER, FILTER_VALUE, "$filter"] {
        assert!(!everything.contains(secret), "`{secret}` appears in what tracing saw: {everything}");
    }
}
