//! [`StandIn`]: one running stand-in, and what a test does with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::address::{Place, Target, resolve};
use crate::auth::{SignIn, Tokens};
use crate::clock::Clock;
use crate::defaults::default_value;
use crate::error::{ServiceError, StandInError};
use crate::faults::{Fault, Faults, RetryAfterViolation};
use crate::handlers::{HandlerError, OperationCall, typed_handler};
use crate::record::{RecordedExchange, Recorder};
use crate::schema::Schema;
use crate::seed::SeedReport;
use crate::server::{Shared, accept, bind};
use crate::service::{Service, State, segments, type_of};
use crate::validate::{Checker, Purpose};

/// The default number of items on a page, when a request asks for no smaller `$top`.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// A running stand-in: a Graph service on `http://127.0.0.1:{port}/beta` (and `/v1.0`),
/// answering every collection of its schema from memory.
///
/// Dropping it stops its listeners. See the [crate documentation](crate) for a guide.
pub struct StandIn {
    shared: Arc<Shared>,
    base_url: String,
    certificate: Option<(Vec<u8>, String)>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// Configures a [`StandIn`] before it starts: its schema, port, page size, sign-in, faults,
/// seeds and how many exchanges it records.
#[must_use = "a builder does nothing until `start().await`"]
#[derive(Debug, Default)]
pub struct StandInBuilder {
    metadata: Option<PathBuf>,
    schema: Option<Arc<Schema>>,
    port: u16,
    page_size: Option<usize>,
    sign_in: Option<SignIn>,
    faults: Vec<Fault>,
    record_limit: Option<usize>,
    seeds: Vec<PathBuf>,
    updates_return_entity: bool,
}

impl StandInBuilder {
    /// Answer by this `$metadata` file (default: see [`Schema::locate`]).
    pub fn metadata(mut self, path: impl Into<PathBuf>) -> Self {
        self.metadata = Some(path.into());
        self
    }

    /// Answer by a schema already read (shared with other stand-ins).
    pub fn schema(mut self, schema: Arc<Schema>) -> Self {
        self.schema = Some(schema);
        self
    }

    /// Listen on this port of 127.0.0.1 (default: an ephemeral port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Items per page (default: [`DEFAULT_PAGE_SIZE`]); a request's smaller `$top` makes smaller pages.
    pub fn page_size(mut self, page_size: usize) -> Self {
        self.page_size = Some(page_size.max(1));
        self
    }

    /// Sign clients in at a token endpoint, and answer Graph requests without a valid token `401`.
    pub fn sign_in(mut self, sign_in: SignIn) -> Self {
        self.sign_in = Some(sign_in);
        self
    }

    /// A fault in force from the start (more with [`StandIn::inject`]).
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Keep only the newest `limit` exchanges (default: all; `0` records none).
    pub fn record_limit(mut self, limit: usize) -> Self {
        self.record_limit = Some(limit);
        self
    }

    /// Answer `PATCH` and `PUT` `200 OK` with the updated entity, as Intune's reference pages
    /// document (default: `204 No Content`, which is what the service mostly answers): a client
    /// must read both.
    pub fn updates_return_entity(mut self) -> Self {
        self.updates_return_entity = true;
        self
    }

    /// Load this seed file at start (see [`StandIn::load_seed`]); an object it cannot store is an error.
    pub fn seed(mut self, path: impl Into<PathBuf>) -> Self {
        self.seeds.push(path.into());
        self
    }

    /// Starts the stand-in on the current tokio runtime.
    pub async fn start(self) -> Result<StandIn, StandInError> {
        let schema = match self.schema {
            Some(schema) => schema,
            None => {
                let path = match self.metadata {
                    Some(path) => path,
                    None => Schema::locate()?,
                };
                Schema::load(&path)?
            }
        };
        let (listener, address) = bind(self.port).await?;
        let base_url = format!("http://{address}");
        let clock = Arc::new(Clock::default());
        let mut state = State::default();
        let service_schema = schema.clone();
        for name in schema.root_names() {
            let root = schema.root(name).expect("listed");
            if !root.collection {
                let ty = msgraph_codegen::csdl::TypeRef { name: root.ty.clone(), collection: false };
                if let Value::Object(object) = default_value(&schema, &ty) {
                    state.store.set_single(name, object);
                }
            }
        }
        let (authority_listener, tls, tokens) = match self.sign_in {
            Some(sign_in) => {
                let (listener, address) = bind(0).await?;
                let tls = crate::server::tls()?;
                (Some((listener, format!("https://{address}"))), Some(tls), Some(Tokens::new(sign_in)))
            }
            None => (None, None, None),
        };
        let mut faults = Faults::default();
        for fault in self.faults {
            faults.add(fault);
        }
        let shared = Arc::new(Shared {
            service: Service {
                schema: service_schema,
                page_size: self.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
                base_url: base_url.clone(),
                state: Mutex::new(state),
                handlers: RwLock::new(HashMap::new()),
                clock,
                updates_return_entity: self.updates_return_entity,
            },
            faults: Mutex::new(faults),
            recorder: Mutex::new(Recorder::new(self.record_limit)),
            tokens,
            authority: authority_listener.as_ref().map(|(_, url)| url.clone()),
            requests: AtomicU64::new(0),
        });
        let mut tasks = vec![tokio::spawn(accept(listener, shared.clone(), None))];
        let certificate = match (authority_listener, tls) {
            (Some((listener, _)), Some(tls)) => {
                tasks.push(tokio::spawn(accept(listener, shared.clone(), Some(tls.acceptor))));
                Some((tls.certificate_der, tls.certificate_pem))
            }
            _ => None,
        };
        let standin = StandIn { shared, base_url, certificate, tasks };
        for seed in &self.seeds {
            let report = standin.load_seed(seed)?;
            if let Some(first) = report.skipped.first() {
                return Err(StandInError::Seed(format!(
                    "{}: {} object(s) could not be stored; the first: {first}",
                    seed.display(),
                    report.skipped.len()
                )));
            }
        }
        Ok(standin)
    }
}

impl StandIn {
    /// A stand-in with the defaults: the schema [`Schema::locate`] finds, an ephemeral port,
    /// no sign-in, no faults.
    pub async fn start() -> Result<StandIn, StandInError> {
        StandIn::builder().start().await
    }

    /// A builder, to change the defaults.
    pub fn builder() -> StandInBuilder {
        StandInBuilder::default()
    }

    /// `http://127.0.0.1:{port}`: give it to a client as its service root.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The full URL of a beta path: `url("/deviceManagement")` → `http://127.0.0.1:{port}/beta/deviceManagement`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/beta{path}", self.base_url)
    }

    /// The schema it answers by.
    pub fn schema(&self) -> &Arc<Schema> {
        &self.shared.service.schema
    }

    /// How many HTTP requests it has received.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    // ---------------------------------------------------------------------------------------
    // Seeding and inspection.

    /// Stores `value` in the collection at `path` (`/deviceManagement/ndesConnectors`, with or
    /// without the version), or merges it into the singleton or single value at `path`; returns
    /// its key. Checked against the schema like a request body, but its key and read-only
    /// values are kept (a missing key is made).
    pub fn insert<T: Serialize + ?Sized>(&self, path: &str, value: &T) -> Result<String, StandInError> {
        let value = serde_json::to_value(value).map_err(StandInError::Json)?;
        self.insert_value(path, &value, false).map(|(key, _)| key)
    }

    fn insert_value(&self, path: &str, value: &Value, lenient: bool) -> Result<(String, Vec<String>), StandInError> {
        let service = &self.shared.service;
        let resolved = resolve(&service.schema, &segments(strip_version(path)))?;
        let mut state = service.lock();
        for ancestor in &resolved.ancestors {
            service.existing(&mut state.store, ancestor)?;
        }
        let mut checker = Checker::new(&service.schema, Purpose::Seed { lenient });
        match resolved.target {
            Target::Collection(collection) => {
                let checked = checker.entity(collection.seen_as(), value)?;
                let (key, _) = service.insert_checked(
                    &mut state.store,
                    &collection.address,
                    checked,
                    Purpose::Seed { lenient },
                )?;
                Ok((key, checker.warnings))
            }
            Target::Entity(entity) if !matches!(entity.place, Place::Item { .. }) => {
                let stored = service.existing(&mut state.store, &entity)?;
                let checked = checker.entity(type_of(stored), value)?;
                for (name, value) in checked.body {
                    stored.insert(name, value);
                }
                Ok((entity.address, checker.warnings))
            }
            _ => Err(ServiceError::bad_request(format!(
                "'{path}' is not a collection, a singleton or a single value: insert into its collection."
            ))
            .into()),
        }
    }

    /// The entity at `path` (an item, a singleton, a single value), read as `T`.
    pub fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, StandInError> {
        let service = &self.shared.service;
        let resolved = resolve(&service.schema, &segments(strip_version(path)))?;
        let Target::Entity(entity) = resolved.target else {
            return Err(ServiceError::bad_request(format!(
                "'{path}' is not an entity: read a collection with `list`."
            ))
            .into());
        };
        let mut state = service.lock();
        for ancestor in &resolved.ancestors {
            service.existing(&mut state.store, ancestor)?;
        }
        let object = service.existing(&mut state.store, &entity)?.clone();
        serde_json::from_value(Value::Object(object)).map_err(StandInError::Json)
    }

    /// The items of the collection at `path`, in the order they were added, read as `T`.
    pub fn list<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>, StandInError> {
        let service = &self.shared.service;
        let resolved = resolve(&service.schema, &segments(strip_version(path)))?;
        let Target::Collection(collection) = resolved.target else {
            return Err(
                ServiceError::bad_request(format!("'{path}' is not a collection: read an entity with `get`.")).into()
            );
        };
        let mut state = service.lock();
        for ancestor in &resolved.ancestors {
            service.existing(&mut state.store, ancestor)?;
        }
        state
            .store
            .items(&collection.address)
            .filter(|(_, object)| {
                collection.cast.as_ref().is_none_or(|cast| service.schema.derives_from(type_of(object), cast))
            })
            .map(|(_, object)| serde_json::from_value(Value::Object(object.clone())).map_err(StandInError::Json))
            .collect()
    }

    /// Loads a seed file (see [`crate::seed`] for its forms): what it stored, skipped and warned about.
    pub fn load_seed(&self, path: &Path) -> Result<SeedReport, StandInError> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| StandInError::Seed(format!("cannot read {}: {error}", path.display())))?;
        self.load_seed_json(&text)
    }

    /// Loads a seed document held in memory.
    pub fn load_seed_json(&self, text: &str) -> Result<SeedReport, StandInError> {
        let mut report = SeedReport::default();
        for item in crate::seed::read(text)? {
            match self.insert_value(&item.collection, &item.body, true) {
                Ok((_, warnings)) => {
                    report.inserted += 1;
                    report.warnings.extend(warnings.into_iter().map(|warning| format!("{}: {warning}", item.origin)));
                }
                Err(error) => report.skipped.push(format!("{}: {error}", item.origin)),
            }
        }
        Ok(report)
    }

    /// How many entities are stored, in all (singletons and contained ones included).
    pub fn entity_count(&self) -> usize {
        self.shared.service.lock().store.entity_count()
    }

    /// Every request received and its answer, oldest first (secrets redacted).
    pub fn requests(&self) -> Vec<RecordedExchange> {
        self.shared.recorder().all()
    }

    /// Forgets the recorded exchanges.
    pub fn clear_requests(&self) {
        self.shared.recorder().clear();
    }

    /// Every call of a bound operation, oldest first.
    pub fn operation_calls(&self) -> Vec<OperationCall> {
        self.shared.service.lock().calls.clone()
    }

    // ---------------------------------------------------------------------------------------
    // Behaviour.

    /// Answers the operation `name` (`wipe` or `microsoft.graph.wipe`; a qualified name wins)
    /// with `handler`: its parameters read as `P`, its result written as the operation's
    /// return value (checked against the return type; `()` for an operation without one).
    /// A handler's [`HandlerError`] is answered as a Graph error; a panic as a `500`.
    pub fn on_operation<P, R, F>(&self, name: &str, handler: F)
    where
        P: DeserializeOwned,
        R: Serialize,
        F: Fn(OperationCall<P>) -> Result<R, HandlerError> + Send + Sync + 'static,
    {
        let handler = Arc::from(typed_handler(handler));
        self.shared
            .service
            .handlers
            .write()
            .unwrap_or_else(|poison| poison.into_inner())
            .insert(name.to_owned(), handler);
    }

    /// Puts a fault in force (see [`Fault`]).
    pub fn inject(&self, fault: Fault) {
        self.shared.faults().add(fault);
    }

    /// Removes every fault (and closes the `Retry-After` windows they opened).
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// The requests sent again before their `Retry-After` had passed.
    pub fn retry_after_violations(&self) -> Vec<RetryAfterViolation> {
        self.shared.faults().violations()
    }

    // ---------------------------------------------------------------------------------------
    // Sign-in and the clock.

    /// Moves the stand-in's clock forward: tokens expire, `Retry-After` windows pass, new
    /// timestamps are later.
    pub fn advance_clock(&self, by: Duration) {
        self.shared.service.clock.advance(by);
    }

    /// `https://127.0.0.1:{port}`, the authority host to sign in at (with [`StandInBuilder::sign_in`]).
    pub fn authority_host(&self) -> Option<&str> {
        self.shared.authority.as_deref()
    }

    /// The token endpoint's certificate (DER), for a client to trust.
    pub fn tls_certificate_der(&self) -> Option<&[u8]> {
        self.certificate.as_ref().map(|(der, _)| der.as_slice())
    }

    /// The token endpoint's certificate (PEM), for a client in another language to trust.
    pub fn tls_certificate_pem(&self) -> Option<&str> {
        self.certificate.as_ref().map(|(_, pem)| pem.as_str())
    }

    /// A valid token, as if signed in (with [`StandInBuilder::sign_in`]); `None` without sign-in.
    pub fn issue_token(&self) -> Option<String> {
        let now = self.shared.service.clock.now();
        self.shared.tokens.as_ref().map(|tokens| tokens.issue(now))
    }
}

#[cfg(feature = "client")]
impl StandIn {
    /// This project's client for the stand-in: its endpoint, and a token it accepts.
    pub fn client(&self) -> Result<msgraph_entity::client::Client, msgraph_entity::Error> {
        let token = self.issue_token().unwrap_or_else(|| "stand-in-token".to_owned());
        msgraph_entity::client::Client::new(
            msgraph_entity::Endpoint::with_base_url(&self.base_url),
            msgraph_entity::BearerToken::new(token),
        )
    }

    /// A `reqwest::Client` that trusts the token endpoint's certificate (and nothing else), for
    /// `CredentialOptions::http_client`; `None` without sign-in.
    pub fn credential_http_client(&self) -> Option<msgraph_entity::client::external::reqwest::Client> {
        let (der, _) = self.certificate.as_ref()?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        roots.add(rustls::pki_types::CertificateDer::from(der.clone())).ok()?;
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .ok()?
            .with_root_certificates(roots)
            .with_no_client_auth();
        msgraph_entity::client::external::reqwest::Client::builder()
            .tls_backend_preconfigured(config)
            .no_proxy()
            .build()
            .ok()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl std::fmt::Debug for StandIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StandIn")
            .field("base_url", &self.base_url)
            .field("authority_host", &self.authority_host())
            .field("schema", &self.shared.service.schema.source())
            .finish_non_exhaustive()
    }
}

/// `/beta/x` and `/v1.0/x` → `/x`; other paths as they are.
fn strip_version(path: &str) -> &str {
    for version in crate::service::VERSIONS {
        if let Some(rest) = path.strip_prefix('/').and_then(|rest| rest.strip_prefix(version))
            && (rest.is_empty() || rest.starts_with('/'))
        {
            return rest;
        }
    }
    path
}
