//! Requests as inspectable values: what each operation sends, how it becomes an
//! `http::Request`, and how its response is read.
//!
//! Every operation of an entity collection is a value that implements
//! [`GraphRequest`]: [`CreateRequest`] (`POST`), [`GetRequest`] and
//! [`ListRequest`] (`GET`), [`UpdateRequest`] (`PATCH`) and [`DeleteRequest`].
//! Build one with the entity's generated functions (`NdesConnector::get(id)?`),
//! inspect it, turn it into an `http::Request` for any HTTP client, and read
//! the `http::Response` back with [`GraphRequest::parse_response`].

mod batch;
mod collection;
mod create;
mod endpoint;
mod get;
mod list;
mod operation;
mod query;
mod update;

pub use batch::{Batch, BatchResponses, DependentItem, Handle};
#[cfg(feature = "client")]
pub(crate) use batch::{BatchableRequest, ChunkAnswers, ItemResponse, parse_batch_response};
pub use collection::CollectionAt;
pub use create::CreateRequest;
#[cfg(feature = "client")]
pub(crate) use endpoint::Secret;
pub use endpoint::{ApiVersion, BearerToken, Endpoint};
pub use get::{DeleteRequest, GetRequest};
pub use list::{ListRequest, Page};
pub use operation::{
    ActionParameters, ActionRequest, AsJson, FunctionCall, FunctionParameter, FunctionParameters, FunctionRequest,
    LiteralKind, NextPageRequest, ReturnShape, ReturnsCollection, ReturnsNothing, ReturnsObject, ReturnsStream,
    ReturnsValue,
};
pub use query::{Filter, FilterValue, Order};
pub use update::{Patch, PatchDiff, UpdateRequest};

use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use http::{HeaderMap, Method, StatusCode};

use crate::Error;
use crate::error::GraphError;

/// A Graph request: what it sends, and what its successful response reads as.
pub trait GraphRequest {
    /// What a successful response is read into: the entity, a [`Page`], or `()`.
    type Output;

    /// The HTTP method.
    fn method(&self) -> Method;

    /// The URL the request goes to at `endpoint`, query included.
    fn url(&self, endpoint: &Endpoint) -> Result<String, Error>;

    /// The JSON body, for requests that have one.
    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(None)
    }

    /// The request for `endpoint`, authorized by `token`: method, URL, headers and body.
    fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<http::Request<Vec<u8>>, Error> {
        endpoint.check()?;
        build_http(self.method(), self.url(endpoint)?, token, self.body_json()?)
    }

    /// Reads a response: the typed output for the operation's success statuses, a
    /// [`GraphError`] for 4xx and 5xx, [`Error::UnexpectedStatus`] for anything else.
    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, Error>;

    /// [`GraphRequest::read_response`] for an `http::Response`.
    fn parse_response(&self, response: http::Response<Vec<u8>>) -> Result<Self::Output, Error> {
        let (parts, body) = response.into_parts();
        self.read_response(parts.status, &parts.headers, &body)
    }
}

/// A request by reference is the same request, so a caller can keep it: `client.send_all(&requests)`.
impl<R: GraphRequest + ?Sized> GraphRequest for &R {
    type Output = R::Output;

    fn method(&self) -> Method {
        (**self).method()
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        (**self).url(endpoint)
    }

    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        (**self).body_json()
    }

    fn to_http(&self, endpoint: &Endpoint, token: &BearerToken) -> Result<http::Request<Vec<u8>>, Error> {
        (**self).to_http(endpoint, token)
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, Error> {
        (**self).read_response(status, headers, body)
    }

    fn parse_response(&self, response: http::Response<Vec<u8>>) -> Result<Self::Output, Error> {
        (**self).parse_response(response)
    }
}

/// The one place where a Graph request becomes an `http::Request`.
///
/// Built in place rather than through `http::request::Builder`, whose per-header
/// conversions cost more than serializing a small body.
pub(crate) fn build_http(
    method: Method,
    url: String,
    token: &BearerToken,
    json_body: Option<Vec<u8>>,
) -> Result<http::Request<Vec<u8>>, Error> {
    let uri = http::Uri::try_from(url).map_err(|error| Error::InvalidRequest { reason: error.to_string() })?;
    let authorization = token.header_value()?;
    let has_body = json_body.is_some();
    let mut request = http::Request::new(json_body.unwrap_or_default());
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    let length = request.body().len();
    let headers = request.headers_mut();
    headers.reserve(4);
    headers.insert(AUTHORIZATION, authorization);
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    if has_body {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    Ok(request)
}

/// Serializes a request body once, straight into a buffer sized for a typical entity, without the
/// control information and explicit nulls a value read from the service carries.
pub(crate) fn json_body<T: serde::Serialize>(body: &T) -> Result<Option<Vec<u8>>, Error> {
    let mut buffer = Vec::with_capacity(256);
    crate::control::as_request_body(|| serde_json::to_writer(&mut buffer, body)).map_err(Error::Serialize)?;
    Ok(Some(buffer))
}

/// Checks the status: `Ok(())` for one of `success`, else the error the response carries.
pub(crate) fn check_status(status: StatusCode, headers: &HeaderMap, body: &[u8], success: &[u16]) -> Result<(), Error> {
    if success.contains(&status.as_u16()) {
        return Ok(());
    }
    if status.is_client_error() || status.is_server_error() {
        return Err(Error::Graph(Box::new(GraphError::from_response(status, headers, body))));
    }
    Err(Error::UnexpectedStatus { status: status.as_u16(), body: String::from_utf8_lossy(body).into_owned() })
}
