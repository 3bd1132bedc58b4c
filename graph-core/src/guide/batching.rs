//! # JSON batching
//!
//! A [`Batch`](crate::Batch) sends many requests in `POST /$batch` and gives each result back as
//! its own type. [`Batch::add`](crate::Batch::add) takes any [`GraphRequest`](crate::GraphRequest)
//! and returns a [`Handle`](crate::Handle) typed by the request's output;
//! `batch.depends_on(&handle).add(request)?` adds one that runs only after that item succeeded
//! (`dependsOn`). An item can only depend on items added before it, so a cycle cannot be
//! written.
//!
//! Like every request, a batch is transport-neutral: [`Batch::to_http`](crate::Batch::to_http)
//! gives the `POST /$batch` requests (at most [`Batch::MAX_REQUESTS`](crate::Batch::MAX_REQUESTS)
//! items each, dependent items kept together), and
//! [`Batch::read_responses`](crate::Batch::read_responses) reads their answers.
//!
//! Answers cannot be mixed up:
//!
//! - each `$batch` response is read only for the items of its own request, each item matched
//!   by the exact text of its id (`"01"` is not item `"1"`), whatever the order of the answers;
//! - an item answered twice in one response is that item's error, never either answer; an
//!   answer that names no item of its request is not used (that item is
//!   [`Error::MissingBatchResponse`](crate::Error::MissingBatchResponse));
//! - one item's unreadable answer (a body that is not base64) is that item's
//!   [`Error::Body`](crate::Error::Body); the others still read;
//! - a handle carries its batch's id: given to another batch's responses it is
//!   [`Error::HandleFromAnotherBatch`](crate::Error::HandleFromAnotherBatch). (A run-time check:
//!   a compile-time brand would force the whole batch, its sending and its reading into one
//!   closure.)
//!
//! `424 Failed Dependency` is [`Error::FailedDependency`](crate::Error::FailedDependency),
//! naming the dependency that failed and its status.
//!
//! ```
//! use msgraph_entity::{Batch, BearerToken, Endpoint, Error, GraphEntity};
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
//! let missing = batch.add(NdesConnector::get("nope")?);
//!
//! let [request] = batch.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?.try_into().unwrap();
//! assert_eq!(request.uri(), "https://graph.microsoft.com/beta/$batch");
//!
//! // The answers come in any order; each is read by its own request's rules.
//! let body = br#"{"responses":[
//!     {"id":"2","status":424},
//!     {"id":"3","status":404,"body":{"error":{"code":"ResourceNotFound","message":"No such connector"}}},
//!     {"id":"1","status":400,"body":{"error":{"code":"BadRequest","message":"Invalid state"}}}]}"#;
//! let responses = batch.read_responses(&Endpoint::beta(), [http::Response::builder().status(200).body(body.to_vec())?])?;
//! assert_eq!(responses.get(&created).unwrap_err().graph_error().unwrap().code, "BadRequest");
//! assert_eq!(responses.get(&missing).unwrap_err().graph_error().unwrap().status, 404);
//! let Err(Error::FailedDependency { dependency, dependency_status, .. }) = responses.get(&listed) else { unreachable!() };
//! assert_eq!((dependency.as_str(), dependency_status), ("1 (POST /deviceManagement/ndesConnectors)", Some(400)));
//!
//! // A handle of another batch is refused, never read as this batch's item 1.
//! let mut other = Batch::new();
//! let foreign = other.add(NdesConnector::get("x")?);
//! assert!(matches!(responses.get(&foreign), Err(Error::HandleFromAnotherBatch { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With the client, [`Client::send_batch`](crate::client::Client::send_batch) sends a batch and
//! returns the same [`BatchResponses`](crate::BatchResponses):
//!
//! - one `POST /$batch` per group of at most 20 items, sent one after the other;
//! - the wire format of the docs: item URLs relative to the version root, JSON bodies inline,
//!   other bodies base64 with their `Content-Type`; a base64 answer is decoded, then scrubbed of
//!   the token like the rest of the response;
//! - an item answered `429` or `503` (or `504`, for a method that can run twice) is sent again
//!   alone after its own `Retry-After`, within the client's [`RetryPolicy`](crate::client::RetryPolicy)
//!   counted from its batch's start, and waits at the client's throttling gate; an item answered
//!   `424` because of it is sent alone once it has succeeded.
//!
//! [`Client::send_all_batched`](crate::client::Client::send_all_batched) takes any number of
//! independent requests, batches them by 20 and gives the results in input order.
