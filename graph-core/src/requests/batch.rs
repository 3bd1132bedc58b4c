//! JSON batching: many requests in one `POST /$batch`, each read back as its own type.
//!
//! A [`Batch`] takes any [`GraphRequest`] and gives back a typed [`Handle`];
//! the batch's responses read each item through its handle as the request's
//! own `Output`, or its error. Items that depend on others (`dependsOn`) name
//! them by handle, so an item can only depend on items added before it, and a
//! cycle cannot be written. The batch is split into requests of at most
//! [`Batch::MAX_REQUESTS`] items, keeping every group of dependent items in one
//! request, as the service requires.
//!
//! Answers cannot be mixed up: each `$batch` response is read only for the items
//! of its own request, each item matched by the exact text of its id (`"01"` is
//! not item `"1"`). An item answered twice in one response is an error, not
//! either answer; an answer that names no item of its request is not used.
//! A problem with one item's answer (a body that is not base64...) is that
//! item's [`Error::Body`]; the other items still read.
//!
//! A handle carries the id of its batch: given to another batch's responses it
//! is [`Error::HandleFromAnotherBatch`], never another item's result. (The
//! check is at run time: a compile-time brand would need the whole batch, its
//! sending and its reading inside one closure, which an async caller cannot
//! hand from function to function.)
//!
//! ```
//! use msgraph_entity::{Batch, BearerToken, Endpoint, GraphEntity};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//! }
//!
//! let mut batch = Batch::new();
//! let created = batch.add(NdesConnector::create().display_name("Lab").build());
//! let listed = batch.depends_on(&created).add(NdesConnector::list().top(5))?;
//! let first = batch.add(NdesConnector::get("e71f")?);
//!
//! let requests = batch.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?;
//! assert_eq!(requests.len(), 1);
//! assert_eq!(requests[0].uri(), "https://graph.microsoft.com/beta/$batch");
//!
//! // The service answers the items in any order.
//! let body = br#"{"responses":[
//!     {"id":"3","status":404,"headers":{"Content-Type":"application/json"},
//!      "body":{"error":{"code":"ResourceNotFound","message":"No such connector"}}},
//!     {"id":"1","status":201,"body":{"id":"e71f","displayName":"Lab"}},
//!     {"id":"2","status":200,"body":{"value":[{"id":"e71f"}]}}]}"#;
//! let response = http::Response::builder().status(200).body(body.to_vec())?;
//! let responses = batch.read_responses(&Endpoint::beta(), [response])?;
//!
//! let connector: NdesConnector = responses.get(&created)?;
//! assert_eq!(connector.display_name.as_deref(), Some("Lab"));
//! assert_eq!(responses.get(&listed)?.value.len(), 1);
//! assert_eq!(responses.get(&first).unwrap_err().graph_error().unwrap().code, "ResourceNotFound");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;

use super::{BearerToken, Endpoint, GraphRequest, build_http, check_status};
use crate::{BodyError, Error};

/// Gives every batch its own id, so a handle knows which batch it belongs to.
static NEXT_BATCH_ID: AtomicU64 = AtomicU64::new(1);

/// Requests to send together through `POST /$batch`, each read back through its typed [`Handle`].
///
/// Built with [`Batch::add`] and [`Batch::depends_on`]; turned into `$batch`
/// requests with [`Batch::to_http`] and read back with [`Batch::read_responses`],
/// or sent with the client's `send_batch` (the `client` feature), which also
/// re-sends throttled items.
pub struct Batch {
    id: u64,
    pub(crate) items: Vec<BatchItem>,
}

pub(crate) struct BatchItem {
    pub(crate) request: Box<dyn BatchableRequest>,
    /// Indexes of the items this one runs after; all smaller than its own.
    pub(crate) depends_on: Vec<usize>,
}

/// A request a batch can hold: any [`GraphRequest`], its type erased.
pub(crate) trait BatchableRequest: Send + Sync {
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    fn method(&self) -> Method;
    fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<http::Request<Vec<u8>>, Error>;
    fn as_any(&self) -> &dyn Any;
}

impl<R: GraphRequest + Send + Sync + 'static> BatchableRequest for R {
    fn method(&self) -> Method {
        GraphRequest::method(self)
    }

    fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<http::Request<Vec<u8>>, Error> {
        GraphRequest::to_http(self, endpoint, token)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Reads an item's response with the request it was added as.
type ReadItem<O> = fn(&dyn Any, StatusCode, &HeaderMap, &[u8]) -> Result<O, Error>;

/// One item of a [`Batch`]: read its result, typed `O`, with [`BatchResponses::get`].
pub struct Handle<O> {
    batch: u64,
    index: usize,
    read: ReadItem<O>,
    output: PhantomData<fn() -> O>,
}

impl<O> Handle<O> {
    /// The item's `id` in its batch request: `"1"` for the first item added.
    pub fn item_id(&self) -> String {
        item_id(self.index)
    }
}

impl<O> Clone for Handle<O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O> Copy for Handle<O> {}

impl<O> fmt::Debug for Handle<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("batch", &self.batch)
            .field("item", &item_id(self.index))
            .field("output", &std::any::type_name::<O>())
            .finish()
    }
}

/// An item about to be added after the items it depends on; see [`Batch::depends_on`].
#[must_use = "the item is only added by `add`"]
pub struct DependentItem<'b> {
    batch: &'b mut Batch,
    depends_on: Vec<usize>,
    foreign: Option<usize>,
}

impl DependentItem<'_> {
    /// One more item to run after.
    pub fn depends_on<O>(mut self, handle: &Handle<O>) -> Self {
        self.record(handle.batch, handle.index);
        self
    }

    /// Adds `request`, to run after the items named; [`Error::HandleFromAnotherBatch`] if one was not of this batch.
    #[allow(clippy::should_implement_trait, reason = "ends `batch.depends_on(&a).add(request)`, like `Batch::add`")]
    pub fn add<R>(self, request: R) -> Result<Handle<R::Output>, Error>
    where
        R: GraphRequest + Send + Sync + 'static,
    {
        if let Some(index) = self.foreign {
            return Err(Error::HandleFromAnotherBatch { item: item_id(index) });
        }
        Ok(self.batch.push(request, self.depends_on))
    }

    fn record(&mut self, batch: u64, index: usize) {
        if batch != self.batch.id {
            self.foreign.get_or_insert(index);
        } else if !self.depends_on.contains(&index) {
            self.depends_on.push(index);
        }
    }
}

impl Batch {
    /// The most items the service takes in one `$batch` request.
    pub const MAX_REQUESTS: usize = 20;

    /// An empty batch.
    pub fn new() -> Self {
        Batch { id: NEXT_BATCH_ID.fetch_add(1, Ordering::Relaxed), items: Vec::new() }
    }

    /// Adds a request; the handle reads its result as the request's own `Output`.
    pub fn add<R>(&mut self, request: R) -> Handle<R::Output>
    where
        R: GraphRequest + Send + Sync + 'static,
    {
        self.push(request, Vec::new())
    }

    /// Starts an item that runs after `handle`'s (its `dependsOn`): `batch.depends_on(&created).add(request)?`.
    ///
    /// The service runs it only if that item succeeded; otherwise it answers
    /// `424 Failed Dependency`, read as [`Error::FailedDependency`].
    pub fn depends_on<O>(&mut self, handle: &Handle<O>) -> DependentItem<'_> {
        let mut item = DependentItem { batch: self, depends_on: Vec::new(), foreign: None };
        item.record(handle.batch, handle.index);
        item
    }

    /// How many items the batch holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the batch holds no item.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The `POST /$batch` requests for `endpoint`, authorized by `token`: at most
    /// [`Batch::MAX_REQUESTS`] items each, items that depend on each other in the same one.
    ///
    /// Each item's URL is relative to the version root (`/deviceManagement/...`),
    /// its JSON body inline, any other body base64 with its `Content-Type`.
    /// A group of more than 20 dependent items cannot be sent, and is an
    /// [`Error::InvalidRequest`].
    pub fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<Vec<http::Request<Vec<u8>>>, Error> {
        endpoint.check()?;
        self.chunks(endpoint)?
            .into_iter()
            .map(|chunk| build_http(Method::POST, endpoint.url("/$batch"), token, Some(chunk.body)))
            .collect()
    }

    /// Reads the answers to the requests of [`Batch::to_http`], given in the order of those
    /// requests (the items inside each answer may come in any order).
    ///
    /// Each response is used only for the items of its own request, each item
    /// matched by the exact text of its id: an answer naming an item of another
    /// request, or no item at all (`"01"` is not item `"1"`), is nobody's answer.
    /// An item answered twice in one response reads as an [`Error::Body`], not as
    /// either answer. A response missing at the end leaves its items
    /// [`Error::MissingBatchResponse`]; more responses than requests is an
    /// [`Error::InvalidRequest`].
    ///
    /// A `$batch` response that is not `200` is its error; each item's own
    /// status is read later, through its handle.
    pub fn read_responses(
        &self,
        endpoint: &Endpoint,
        responses: impl IntoIterator<Item = http::Response<Vec<u8>>>,
    ) -> Result<BatchResponses<'_>, Error> {
        let chunks = self.chunks(endpoint)?;
        let responses: Vec<_> = responses.into_iter().collect();
        if responses.len() > chunks.len() {
            return Err(Error::InvalidRequest {
                reason: format!(
                    "{} responses for the {} `$batch` requests of this batch; give them in the order of `to_http`",
                    responses.len(),
                    chunks.len()
                ),
            });
        }
        let mut read = BatchResponses::new(self, endpoint.clone());
        for (chunk, response) in chunks.iter().zip(responses) {
            let (parts, body) = response.into_parts();
            let answers = parse_batch_response(&chunk.indexes, parts.status, &parts.headers, &body)?;
            read.record(answers);
        }
        Ok(read)
    }

    fn push<R>(&mut self, request: R, depends_on: Vec<usize>) -> Handle<R::Output>
    where
        R: GraphRequest + Send + Sync + 'static,
    {
        let index = self.items.len();
        self.items.push(BatchItem { request: Box::new(request), depends_on });
        Handle { batch: self.id, index, read: read_item::<R>, output: PhantomData }
    }

    /// The `$batch` bodies: groups of dependent items kept whole, packed first-fit into requests of 20.
    pub(crate) fn chunks(&self, endpoint: &Endpoint) -> Result<Vec<Chunk>, Error> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: Vec<usize> = Vec::with_capacity(self.items.len());
        for (index, item) in self.items.iter().enumerate() {
            // Dependencies come before their dependents, so their groups are known: merge them.
            let mut target: Option<usize> = None;
            for &dependency in &item.depends_on {
                let group = group_of[dependency];
                match target {
                    None => target = Some(group),
                    Some(first) if first != group => {
                        let moved = std::mem::take(&mut groups[group]);
                        for &member in &moved {
                            group_of[member] = first;
                        }
                        groups[first].extend(moved);
                    }
                    Some(_) => {}
                }
            }
            let group = target.unwrap_or_else(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[group].push(index);
            group_of.push(group);
        }

        let mut packed: Vec<Vec<usize>> = Vec::new();
        for mut group in groups.into_iter().filter(|group| !group.is_empty()) {
            if group.len() > Self::MAX_REQUESTS {
                return Err(Error::InvalidRequest {
                    reason: format!(
                        "{} batch items depend on each other (item {} and those after it); one batch request holds at most {}",
                        group.len(),
                        item_id(group.iter().copied().min().unwrap_or_default()),
                        Self::MAX_REQUESTS
                    ),
                });
            }
            group.sort_unstable();
            match packed.iter_mut().find(|chunk| chunk.len() + group.len() <= Self::MAX_REQUESTS) {
                Some(chunk) => chunk.extend(group),
                None => packed.push(group),
            }
        }

        // Items only carry their own headers: the token is never put into a body.
        let placeholder = BearerToken::new("batch-item");
        packed
            .into_iter()
            .map(|mut indexes| {
                indexes.sort_unstable();
                let requests = indexes
                    .iter()
                    .map(|&index| self.item_request(index, endpoint, &placeholder))
                    .collect::<Result<_, _>>()?;
                let body = serde_json::to_vec(&BatchRequestBody { requests }).map_err(Error::Serialize)?;
                Ok(Chunk { indexes, body })
            })
            .collect()
    }

    /// One item as the `$batch` body lists it.
    fn item_request(&self, index: usize, endpoint: &Endpoint, token: &BearerToken) -> Result<ItemRequest, Error> {
        let item = &self.items[index];
        let http = item.request.to_http(endpoint, token)?;
        let (parts, body) = http.into_parts();
        let url = relative_url(&parts.uri.to_string(), endpoint)?;
        let mut headers = BTreeMap::new();
        for (name, value) in &parts.headers {
            if skipped_item_header(name, value) {
                continue;
            }
            let value = value.to_str().map_err(|_| Error::InvalidRequest {
                reason: format!("batch item {}: the value of header `{name}` is not visible ASCII", item_id(index)),
            })?;
            headers.insert(name.as_str().to_owned(), value.to_owned());
        }
        let body = if body.is_empty() {
            None
        } else if parts.headers.get(CONTENT_TYPE).is_some_and(is_json) {
            let text = String::from_utf8(body).map_err(|_| not_json(index))?;
            Some(ItemBody::Json(RawValue::from_string(text).map_err(|_| not_json(index))?))
        } else {
            Some(ItemBody::Base64(BASE64.encode(&body)))
        };
        Ok(ItemRequest {
            id: item_id(index),
            method: parts.method.as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: item.depends_on.iter().map(|&dependency| item_id(dependency)).collect(),
        })
    }

    /// `1 (POST /deviceManagement/ndesConnectors)`: an item as errors name it.
    fn describe(&self, index: usize, endpoint: &Endpoint) -> String {
        match self.item_request(index, endpoint, &BearerToken::new("batch-item")) {
            Ok(item) => format!("{} ({} {})", item.id, item.method, item.url),
            Err(_) => item_id(index),
        }
    }
}

impl Default for Batch {
    fn default() -> Self {
        Batch::new()
    }
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch").field("id", &self.id).field("items", &self.items.len()).finish_non_exhaustive()
    }
}

/// One `$batch` request's body and the items it holds.
pub(crate) struct Chunk {
    pub(crate) indexes: Vec<usize>,
    pub(crate) body: Vec<u8>,
}

/// What the service answered for one item: its status, headers and body (base64 bodies decoded).
#[derive(Debug, Clone)]
pub(crate) struct ItemResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    /// When the item was throttled and the client gave up re-sending it: how.
    pub(crate) retries: Option<crate::RetriesExhausted>,
}

/// What one `$batch` response said about the items of its request.
pub(crate) struct ChunkAnswers {
    /// Each item answered, by index: its answer, or why that answer cannot be read.
    pub(crate) items: Vec<(usize, Result<ItemResponse, BodyError>)>,
    /// The ids of answers that named no item of the request.
    pub(crate) unmatched: Vec<String>,
}

/// The answers to a [`Batch`]: read each item through its [`Handle`].
pub struct BatchResponses<'b> {
    batch: &'b Batch,
    endpoint: Endpoint,
    items: Vec<Option<Result<ItemResponse, BodyError>>>,
    /// Ids of answers that named no item of their request, kept to be shown in `Debug`.
    unmatched: Vec<String>,
}

impl<'b> BatchResponses<'b> {
    pub(crate) fn new(batch: &'b Batch, endpoint: Endpoint) -> Self {
        BatchResponses { batch, endpoint, items: vec![None; batch.items.len()], unmatched: Vec::new() }
    }

    /// Records the answers of one `$batch` response (whose items no other response answers).
    pub(crate) fn record(&mut self, answers: ChunkAnswers) {
        for (index, answer) in answers.items {
            self.items[index] = Some(answer);
        }
        self.unmatched.extend(answers.unmatched);
    }

    /// Replaces an item's answer by the one it got when sent again.
    #[cfg_attr(not(feature = "client"), allow(dead_code, reason = "used by the client's `send_batch`"))]
    pub(crate) fn set(&mut self, index: usize, response: ItemResponse) {
        self.items[index] = Some(Ok(response));
    }

    /// The item's answer, when it has one that can be read.
    pub(crate) fn item(&self, index: usize) -> Option<&ItemResponse> {
        self.items.get(index)?.as_ref()?.as_ref().ok()
    }

    /// The item's result, read by its request: the typed output, or its error.
    ///
    /// [`Error::Graph`] for an item the service refused, [`Error::FailedDependency`]
    /// for one not run because an item it depends on failed,
    /// [`Error::MissingBatchResponse`] for one its request's response did not answer,
    /// [`Error::Body`] for one whose answer cannot be read (given twice, a status
    /// or headers that are not, a body that is not base64 though not JSON), and
    /// [`Error::HandleFromAnotherBatch`] for a handle of another batch. The
    /// [`GraphError`](crate::GraphError) of an item the client re-sent until its
    /// retries ran out says so in its `retries`.
    pub fn get<O>(&self, handle: &Handle<O>) -> Result<O, Error> {
        let response = self.response(handle)?;
        if response.status == StatusCode::FAILED_DEPENDENCY {
            return Err(self.failed_dependency(handle.index));
        }
        let request = self.batch.items[handle.index].request.as_any();
        (handle.read)(request, response.status, &response.headers, &response.body)
            .map_err(|error| error.with_retries(response.retries))
    }

    /// The item's HTTP status, as the service answered it (after any re-sending).
    pub fn status<O>(&self, handle: &Handle<O>) -> Result<u16, Error> {
        Ok(self.response(handle)?.status.as_u16())
    }

    /// How many items were answered.
    pub fn answered(&self) -> usize {
        self.items.iter().filter(|item| item.is_some()).count()
    }

    fn response<O>(&self, handle: &Handle<O>) -> Result<&ItemResponse, Error> {
        if handle.batch != self.batch.id {
            return Err(Error::HandleFromAnotherBatch { item: handle.item_id() });
        }
        match &self.items[handle.index] {
            Some(Ok(response)) => Ok(response),
            Some(Err(malformed)) => Err(Error::Body(malformed.clone())),
            None => Err(Error::MissingBatchResponse { item: handle.item_id() }),
        }
    }

    /// The error of an item answered `424`: the first dependency that did not succeed.
    fn failed_dependency(&self, index: usize) -> Error {
        let dependencies = &self.batch.items[index].depends_on;
        let failed = dependencies
            .iter()
            .copied()
            .find(|&dependency| !self.item(dependency).is_some_and(|item| item.status.is_success()))
            .or_else(|| dependencies.first().copied());
        match failed {
            Some(dependency) => Error::FailedDependency {
                item: item_id(index),
                dependency: self.batch.describe(dependency, &self.endpoint),
                dependency_status: self.item(dependency).map(|item| item.status.as_u16()),
            },
            // A 424 for an item with no dependency: the service's own error, read as such.
            None => Error::Graph(Box::new(crate::GraphError::from_response(
                StatusCode::FAILED_DEPENDENCY,
                &self.item(index).map(|item| item.headers.clone()).unwrap_or_default(),
                self.item(index).map_or(&[][..], |item| &item.body),
            ))),
        }
    }
}

impl fmt::Debug for BatchResponses<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let statuses: Vec<Option<u16>> =
            self.items.iter().map(|item| Some(item.as_ref()?.as_ref().ok()?.status.as_u16())).collect();
        let mut debug = f.debug_struct("BatchResponses");
        debug.field("batch", &self.batch.id).field("statuses", &statuses);
        if !self.unmatched.is_empty() {
            debug.field("unmatched", &self.unmatched);
        }
        debug.finish()
    }
}

/// Reads a `$batch` response to the request holding the items `indexes`: `200` and
/// `{"responses": [...]}`.
///
/// An answer is matched to an item of this request by the exact text of its id; an answer whose
/// id names no item of the request is not used (its id is kept in `unmatched`). A problem with
/// one item's answer (given twice, a status or a body that cannot be read) is that item's error,
/// so the other items still read; only a response that is not the `$batch` shape is an `Err`.
pub(crate) fn parse_batch_response(
    indexes: &[usize],
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<ChunkAnswers, Error> {
    check_status(status, headers, body, &[200])?;
    let json_error =
        |error: serde_json::Error| Error::Body(crate::response::body_error("batchResponse", String::new(), &error));
    // `{"responses": [{"id", "status", "headers", "body"}]}`, each body kept as the raw JSON it is.
    let mut parsed: BTreeMap<&str, &RawValue> = serde_json::from_slice(body).map_err(json_error)?;
    let responses = parsed.remove("responses").ok_or_else(|| {
        Error::Body(BodyError {
            type_name: "batchResponse",
            path: String::new(),
            message: "missing property `responses`".to_owned(),
            line: 0,
            column: 0,
        })
    })?;
    let responses: Vec<BTreeMap<&str, &RawValue>> = serde_json::from_str(responses.get()).map_err(json_error)?;
    let ids: Vec<String> = indexes.iter().map(|&index| item_id(index)).collect();
    // Per item of the request: where its answer stands in `responses`, and the answer read.
    let mut answered: Vec<Option<(usize, Result<ItemResponse, BodyError>)>> = vec![None; indexes.len()];
    let mut unmatched = Vec::new();
    for (position, item) in responses.iter().enumerate() {
        let malformed = |field: &str, message: String| BodyError {
            type_name: "batchResponse",
            path: if field.is_empty() {
                format!("responses[{position}]")
            } else {
                format!("responses[{position}].{field}")
            },
            message,
            line: 0,
            column: 0,
        };
        let field = |name: &str| item.get(name).map(|raw| raw.get()).filter(|raw| *raw != "null");
        // Without an id as text, an answer cannot be anyone's.
        let Some(id) = field("id").and_then(|raw| serde_json::from_str::<String>(raw).ok()) else {
            unmatched.push(format!("<responses[{position}] without a text id>"));
            continue;
        };
        let Some(slot) = ids.iter().position(|expected| *expected == id) else {
            unmatched.push(id);
            continue;
        };
        let read = read_item_answer(item, &id, &malformed);
        match &answered[slot] {
            None => answered[slot] = Some((position, read)),
            Some((first, _)) => {
                let message = format!(
                    "item {id} is answered twice (responses[{first}] and responses[{position}]); neither answer is used"
                );
                answered[slot] = Some((*first, Err(malformed("", message))));
            }
        }
    }
    let items =
        indexes.iter().zip(answered).filter_map(|(&index, answer)| answer.map(|(_, answer)| (index, answer))).collect();
    Ok(ChunkAnswers { items, unmatched })
}

/// One answer of a `$batch` response, for the item `id`: its status, headers and body (a
/// non-JSON body decoded from base64).
fn read_item_answer(
    item: &BTreeMap<&str, &RawValue>,
    id: &str,
    malformed: &dyn Fn(&str, String) -> BodyError,
) -> Result<ItemResponse, BodyError> {
    let field = |name: &str| item.get(name).map(|raw| raw.get()).filter(|raw| *raw != "null");
    let status = field("status")
        .and_then(|raw| raw.parse::<u16>().ok())
        .and_then(|status| StatusCode::from_u16(status).ok())
        .ok_or_else(|| malformed("status", format!("item {id}: missing, or not an HTTP status")))?;
    let item_headers: BTreeMap<String, String> = match field("headers") {
        Some(raw) => serde_json::from_str(raw)
            .map_err(|_| malformed("headers", format!("item {id}: not an object of header names and texts")))?,
        None => BTreeMap::new(),
    };
    let mut headers = HeaderMap::with_capacity(item_headers.len());
    for (name, value) in &item_headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str())) {
            headers.append(name, value);
        }
    }
    let body = match field("body") {
        None => Vec::new(),
        Some(raw) => {
            let json = headers.get(CONTENT_TYPE).is_none_or(is_json);
            match serde_json::from_str::<String>(raw) {
                // A non-JSON body comes as base64 text.
                Ok(text) if !json => BASE64.decode(text.as_bytes()).map_err(|error| {
                    malformed(
                        "body",
                        format!("item {id}: the body is not base64, as its Content-Type says it must be: {error}"),
                    )
                })?,
                _ => raw.as_bytes().to_vec(),
            }
        }
    };
    Ok(ItemResponse { status, headers, body, retries: None })
}

/// The item id of the item at `index`: its position from 1.
fn item_id(index: usize) -> String {
    (index + 1).to_string()
}

fn read_item<R: GraphRequest + 'static>(
    request: &dyn Any,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<R::Output, Error> {
    match request.downcast_ref::<R>() {
        Some(request) => request.read_response(status, headers, body),
        // A handle is made together with its item and carries its batch's id: this cannot happen.
        None => Err(Error::InvalidRequest { reason: "the batch item is not the request of this handle".to_owned() }),
    }
}

/// The URL relative to the version root: `/deviceManagement/ndesConnectors?$top=5`.
fn relative_url(url: &str, endpoint: &Endpoint) -> Result<String, Error> {
    let root = endpoint.url("");
    match url.strip_prefix(&root) {
        Some(rest) if rest.starts_with('/') => Ok(rest.to_owned()),
        Some(rest) if rest.starts_with('?') || rest.is_empty() => Ok(format!("/{rest}")),
        _ => Err(Error::InvalidRequest {
            reason: format!("a batch item's URL must be under the endpoint `{root}`; `{url}` is not"),
        }),
    }
}

/// Headers the `$batch` request itself carries, or that are meaningless for one item.
fn skipped_item_header(name: &HeaderName, value: &HeaderValue) -> bool {
    *name == AUTHORIZATION
        || *name == CONTENT_LENGTH
        || *name == HOST
        || (*name == ACCEPT && value.as_bytes() == b"application/json")
}

/// `application/json` and `application/*+json`, with or without parameters.
fn is_json(content_type: &HeaderValue) -> bool {
    let Ok(text) = content_type.to_str() else { return false };
    let media_type = text.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    media_type == "application/json" || (media_type.starts_with("application/") && media_type.ends_with("+json"))
}

fn not_json(index: usize) -> Error {
    Error::InvalidRequest {
        reason: format!("batch item {}: its Content-Type says JSON but its body is not JSON", item_id(index)),
    }
}

/// `{"requests": [...]}`.
struct BatchRequestBody {
    requests: Vec<ItemRequest>,
}

impl Serialize for BatchRequestBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("requests", &self.requests)?;
        map.end()
    }
}

/// `{"id", "method", "url", "headers", "body", "dependsOn"}`, the empty ones left out.
struct ItemRequest {
    id: String,
    method: String,
    url: String,
    headers: BTreeMap<String, String>,
    body: Option<ItemBody>,
    depends_on: Vec<String>,
}

impl Serialize for ItemRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("method", &self.method)?;
        map.serialize_entry("url", &self.url)?;
        if !self.headers.is_empty() {
            map.serialize_entry("headers", &self.headers)?;
        }
        match &self.body {
            Some(ItemBody::Json(json)) => map.serialize_entry("body", json)?,
            Some(ItemBody::Base64(text)) => map.serialize_entry("body", text)?,
            None => {}
        }
        if !self.depends_on.is_empty() {
            map.serialize_entry("dependsOn", &self.depends_on)?;
        }
        map.end()
    }
}

/// A JSON body goes inline, byte for byte; any other as base64 text.
enum ItemBody {
    Json(Box<RawValue>),
    Base64(String),
}
