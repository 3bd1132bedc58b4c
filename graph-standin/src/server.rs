//! HTTP: hyper 1's HTTP/1.1 connections on 127.0.0.1, the Graph service on plain HTTP and the
//! token endpoint on HTTPS. Per request: sign-in check, `Retry-After` check, faults, the
//! service (a panic in it is a `500`, logged, and the server goes on), recording.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::auth::{Tls, Tokens, fault_answer};
use crate::error::ServiceError;
use crate::faults::{Action, Faults, RetryAfter, Scope};
use crate::operations::panic_message;
use crate::record::{RecordedExchange, Recorder, redact_form, redact_header, redact_token_answer};
use crate::service::{Answer, Call, MAX_BODY_BYTES, RequestIds, Service, VERSIONS};

/// Everything a request needs, shared by the connections.
pub(crate) struct Shared {
    pub service: Service,
    pub faults: Mutex<Faults>,
    pub recorder: Mutex<Recorder>,
    pub tokens: Option<Tokens>,
    /// `https://127.0.0.1:{port}`, when sign-in is on.
    pub authority: Option<String>,
    pub requests: AtomicU64,
}

impl Shared {
    pub fn faults(&self) -> std::sync::MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn recorder(&self) -> std::sync::MutexGuard<'_, Recorder> {
        self.recorder.lock().unwrap_or_else(|poison| poison.into_inner())
    }
}

/// The body of an answer: whole, or cut short of the length it announces.
pub(crate) enum ReplyBody {
    Whole(Option<Bytes>),
    CutShort(Option<Bytes>),
}

impl hyper::body::Body for ReplyBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            ReplyBody::Whole(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(Frame::data(bytes)))),
            ReplyBody::CutShort(bytes) => match bytes.take() {
                Some(bytes) => Poll::Ready(Some(Ok(Frame::data(bytes)))),
                None => Poll::Ready(Some(Err("the stand-in cut this body short (a fault asked for it)".into()))),
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, ReplyBody::Whole(None))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            ReplyBody::Whole(Some(bytes)) => hyper::body::SizeHint::with_exact(bytes.len() as u64),
            ReplyBody::Whole(None) => hyper::body::SizeHint::with_exact(0),
            ReplyBody::CutShort(_) => hyper::body::SizeHint::default(),
        }
    }
}

/// The error that makes hyper close a connection without an answer.
#[derive(Debug)]
struct DroppedConnection;

impl std::fmt::Display for DroppedConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the stand-in dropped this connection (a fault asked for it)")
    }
}

impl std::error::Error for DroppedConnection {}

/// Accepts connections on `listener` until the task is aborted; `tls` for the token endpoint.
pub(crate) async fn accept(listener: TcpListener, shared: Arc<Shared>, tls: Option<tokio_rustls::TlsAcceptor>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors and the like: wait, and go on.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let is_authority = tls.is_some();
            let service = hyper::service::service_fn(move |request| serve(shared.clone(), request, is_authority));
            let http = hyper::server::conn::http1::Builder::new();
            match tls {
                None => {
                    let _ = http.serve_connection(TokioIo::new(stream), service).await;
                }
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let _ = http.serve_connection(TokioIo::new(stream), service).await;
                    }
                }
            }
        });
    }
}

/// Binds 127.0.0.1:`port` (0 for an ephemeral port).
pub(crate) async fn bind(port: u16) -> Result<(TcpListener, SocketAddr), crate::StandInError> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|error| crate::StandInError::Start(format!("cannot listen on 127.0.0.1:{port}: {error}")))?;
    let address = listener.local_addr().map_err(|error| crate::StandInError::Start(error.to_string()))?;
    Ok((listener, address))
}

/// Makes the TLS material of the token endpoint.
pub(crate) fn tls() -> Result<Tls, crate::StandInError> {
    Tls::generate()
}

async fn serve(
    shared: Arc<Shared>,
    request: Request<Incoming>,
    is_authority: bool,
) -> Result<Response<ReplyBody>, DroppedConnection> {
    let now = shared.service.clock.now();
    let (parts, body) = request.into_parts();
    let ids = RequestIds {
        request_id: uuid::Uuid::new_v4().to_string(),
        client_request_id: parts
            .headers
            .get("client-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
    };
    let target = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let mut record = RecordedExchange {
        method: parts.method.to_string(),
        target: target.clone(),
        request_headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (name.to_string(), redact_header(name.as_str(), &String::from_utf8_lossy(value.as_bytes())))
            })
            .collect(),
        request_body: Vec::new(),
        status: 0,
        response_headers: Vec::new(),
        response_body: Vec::new(),
        faults: Vec::new(),
        at: now,
    };
    let body = match http_body_util::Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            let error = ServiceError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                format!("The request body is larger than {MAX_BODY_BYTES} bytes, or could not be read."),
            );
            let answer = Answer::error(&error, &ids, now);
            return Ok(finish(&shared, record, answer, &ids, false));
        }
    };
    shared.requests.fetch_add(1, Ordering::Relaxed);

    if is_authority {
        record.request_body = redact_form(&body);
        let tokens = shared.tokens.as_ref().expect("the authority listens only with sign-in on");
        let path = parts.uri.path();
        let action = match faults_waited(&shared, &parts.method, path, Scope::Authority, now, &mut record.faults).await
        {
            FaultsFirst::Drop => {
                shared.recorder().push(record);
                return Err(DroppedConnection);
            }
            FaultsFirst::Answer { status, retry_after } => {
                let answer = with_retry_after(fault_answer(status), retry_after, now);
                return Ok(finish(&shared, record, answer, &ids, true));
            }
            FaultsFirst::Proceed(action) => action,
        };
        let authority = shared.authority.clone().unwrap_or_default();
        let answer = tokens.answer(&parts.method, path, &body, &authority, now);
        let response = finish(&shared, record, answer, &ids, true);
        return Ok(if action == Some(Action::Truncate) { cut_short(response) } else { response });
    }
    record.request_body = body.to_vec();

    let path = parts.uri.path();
    let Some((version, rest)) = split_version(path) else {
        let error = ServiceError::new(
            StatusCode::NOT_FOUND,
            "BadRequest",
            format!("Invalid version: the path '{path}' does not start with /beta/ or /v1.0/."),
        );
        return Ok(finish(&shared, record, Answer::error(&error, &ids, now), &ids, false));
    };
    if let Some(tokens) = &shared.tokens {
        let authorization = parts.headers.get(http::header::AUTHORIZATION).and_then(|value| value.to_str().ok());
        if let Err(error) = tokens.check(authorization, now) {
            let mut answer = Answer::error(&error, &ids, now);
            answer.headers.push(("www-authenticate", "Bearer realm=\"\", error=\"invalid_token\"".to_owned()));
            return Ok(finish(&shared, record, answer, &ids, false));
        }
    }
    let action = match faults_waited(&shared, &parts.method, rest, Scope::Request, now, &mut record.faults).await {
        FaultsFirst::Drop => {
            shared.recorder().push(record);
            return Err(DroppedConnection);
        }
        FaultsFirst::Answer { status, retry_after } => {
            let answer = status_answer(status, retry_after, &ids, now);
            return Ok(finish(&shared, record, answer, &ids, false));
        }
        FaultsFirst::Proceed(action) => action,
    };
    let call = Call {
        method: &parts.method,
        version,
        path: rest,
        query: parts.uri.query().unwrap_or_default(),
        body: &body,
        ids: &ids,
    };
    let mut answer = handle_guarded(&shared, &call, now);
    match action {
        Some(Action::Status { status, retry_after }) => {
            if let Some(retry_after) = retry_after {
                shared.faults().throttled(&parts.method, rest, now, retry_after);
            }
            answer = status_answer(status, retry_after, &ids, now);
        }
        Some(Action::Truncate) => {
            let response = finish(&shared, record, answer, &ids, false);
            return Ok(cut_short(response));
        }
        _ => {}
    }
    Ok(finish(&shared, record, answer, &ids, false))
}

/// `/beta/x` → (`beta`, `/x`).
fn split_version(path: &str) -> Option<(&'static str, &str)> {
    let rest = path.strip_prefix('/')?;
    VERSIONS.iter().find_map(|version| {
        let after = rest.strip_prefix(version)?;
        (after.is_empty() || after.starts_with('/')).then_some((*version, after))
    })
}

/// The service's answer (or a `$batch`'s), a panic in it answered `500` and logged.
fn handle_guarded(shared: &Shared, call: &Call<'_>, now: std::time::SystemTime) -> Answer {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if call.path.trim_end_matches('/') == "/$batch" {
            if *call.method != Method::POST {
                let error = ServiceError::method_not_allowed(call.method, "$batch", &["POST"]);
                return Answer::error(&error, call.ids, now);
            }
            let item_fault = |method: &Method, path: &str| batch_item_fault(shared, method, path, call.ids, now);
            return match crate::batch::answer(&shared.service, call, &item_fault) {
                Ok(answer) => answer,
                Err(error) => Answer::error(&error, call.ids, now),
            };
        }
        shared.service.handle(call)
    }));
    result.unwrap_or_else(|panic| {
        let message = panic_message(&panic);
        eprintln!("msgraph-standin: {} {} panicked: {message}", call.method, call.path);
        let error = ServiceError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            format!("The stand-in failed on this request: {message}"),
        );
        Answer::error(&error, call.ids, now)
    })
}

/// A status fault on a `$batch` item (and the `Retry-After` window it opens), or a client
/// that sent the item again too soon.
fn batch_item_fault(
    shared: &Shared,
    method: &Method,
    path: &str,
    ids: &RequestIds,
    now: std::time::SystemTime,
) -> Option<Answer> {
    match faults_first(&mut shared.faults(), method, path, Scope::BatchItem, now, &mut Vec::new()).0 {
        FaultsFirst::Answer { status, retry_after } => Some(status_answer(status, retry_after, ids, now)),
        FaultsFirst::Proceed(_) | FaultsFirst::Drop => None,
    }
}

/// [`faults_first`], its latency waited out.
async fn faults_waited(
    shared: &Shared,
    method: &Method,
    path: &str,
    scope: Scope,
    now: std::time::SystemTime,
    described: &mut Vec<String>,
) -> FaultsFirst {
    let (first, latency) = faults_first(&mut shared.faults(), method, path, scope, now, described);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    first
}

/// What the faults make of a request before the service sees it.
enum FaultsFirst {
    /// Carry it out; the action (a `504` after the work, a body cut short) acts on its answer.
    Proceed(Option<Action>),
    /// Answer this status instead, the service untouched.
    Answer { status: u16, retry_after: Option<RetryAfter> },
    /// Close the connection without an answer.
    Drop,
}

/// The faults' word on a request (or `$batch` item) at `path` before it is carried out, and the
/// latency to add: `429` while a `Retry-After` window it opened is still open, else what the
/// faults decide (a status answered now opens its own window). `described` receives what
/// happened, for the recording.
fn faults_first(
    faults: &mut Faults,
    method: &Method,
    path: &str,
    scope: Scope,
    now: std::time::SystemTime,
    described: &mut Vec<String>,
) -> (FaultsFirst, Duration) {
    if let Some(left) = faults.check_window(method, path, now) {
        described.push("sent again before Retry-After".to_owned());
        let retry_after = RetryAfter::Seconds(left.as_secs_f64().ceil() as u64);
        return (FaultsFirst::Answer { status: 429, retry_after: Some(retry_after) }, Duration::ZERO);
    }
    let decision = faults.decide(method, path, scope);
    *described = decision.description;
    let first = match decision.action {
        Some(Action::Drop) => FaultsFirst::Drop,
        // A 504 on a Graph request: the service carries the request out, then the gateway gives up.
        Some(Action::Status { status: 504, .. }) if scope == Scope::Request => FaultsFirst::Proceed(decision.action),
        Some(Action::Status { status, retry_after }) => {
            if let Some(retry_after) = retry_after {
                faults.throttled(method, path, now, retry_after);
            }
            FaultsFirst::Answer { status, retry_after }
        }
        action => FaultsFirst::Proceed(action),
    };
    (first, decision.latency)
}

/// A fault's answer: the Graph error of its status, with its `Retry-After`.
fn status_answer(status: u16, retry_after: Option<RetryAfter>, ids: &RequestIds, now: std::time::SystemTime) -> Answer {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let (code, message) = match status.as_u16() {
        400 => ("BadRequest", "The stand-in refused this request, as asked."),
        429 => ("TooManyRequests", "Too many requests: the stand-in throttled this one, as asked."),
        500 => ("InternalServerError", "The stand-in failed on this request, as asked."),
        503 => ("ServiceUnavailable", "The service is unavailable: the stand-in refused this request, as asked."),
        504 => (
            "GatewayTimeout",
            "The gateway timed out: the stand-in carried the request out and answered 504, as asked.",
        ),
        _ => ("UnknownError", "The stand-in answered this status, as asked."),
    };
    with_retry_after(Answer::error(&ServiceError::new(status, code, message), ids, now), retry_after, now)
}

/// `answer` with a `Retry-After` header, when there is one to give.
fn with_retry_after(mut answer: Answer, retry_after: Option<RetryAfter>, now: std::time::SystemTime) -> Answer {
    match retry_after {
        Some(RetryAfter::Seconds(seconds)) => answer.headers.push(("retry-after", seconds.to_string())),
        Some(RetryAfter::HttpDate(seconds)) => {
            // The whole second after, so a client that waits until the date waits at least that long.
            let at = now + Duration::from_secs(seconds) + Duration::from_millis(999);
            let at = std::time::UNIX_EPOCH
                + Duration::from_secs(at.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs());
            answer.headers.push(("retry-after", httpdate::fmt_http_date(at)));
        }
        None => {}
    }
    answer
}

/// The HTTP response of an answer, recorded first.
fn finish(
    shared: &Shared,
    mut record: RecordedExchange,
    answer: Answer,
    ids: &RequestIds,
    token_answer: bool,
) -> Response<ReplyBody> {
    let mut builder = Response::builder().status(answer.status);
    let mut headers: Vec<(String, String)> = Vec::new();
    headers.push(("request-id".to_owned(), ids.request_id.clone()));
    if let Some(client) = &ids.client_request_id {
        headers.push(("client-request-id".to_owned(), client.clone()));
    }
    if let Some(content_type) = answer.content_type {
        headers.push(("content-type".to_owned(), content_type.to_owned()));
        headers.push(("odata-version".to_owned(), "4.0".to_owned()));
    }
    headers.extend(answer.headers.iter().map(|(name, value)| ((*name).to_owned(), value.clone())));
    for (name, value) in &headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            builder = builder.header(name, value);
        }
    }
    record.status = answer.status.as_u16();
    record.response_headers = headers;
    record.response_body = if token_answer { redact_token_answer(&answer.body) } else { answer.body.clone() };
    shared.recorder().push(record);
    let body = if answer.body.is_empty() { None } else { Some(Bytes::from(answer.body)) };
    builder.body(ReplyBody::Whole(body)).unwrap_or_else(|_| Response::new(ReplyBody::Whole(None)))
}

/// The same response, announcing its whole length and sending half of it.
fn cut_short(response: Response<ReplyBody>) -> Response<ReplyBody> {
    let (mut parts, body) = response.into_parts();
    let ReplyBody::Whole(Some(bytes)) = body else {
        // Nothing to cut: announce a body that never comes.
        parts.headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from_static("64"));
        return Response::from_parts(parts, ReplyBody::CutShort(None));
    };
    parts.headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    Response::from_parts(parts, ReplyBody::CutShort(Some(half)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_split_from_paths() {
        assert_eq!(split_version("/beta/deviceManagement"), Some(("beta", "/deviceManagement")));
        assert_eq!(split_version("/v1.0/$batch"), Some(("v1.0", "/$batch")));
        assert_eq!(split_version("/beta"), Some(("beta", "")));
        assert_eq!(split_version("/betamax/x"), None);
        assert_eq!(split_version("/deviceManagement"), None);
    }
}
