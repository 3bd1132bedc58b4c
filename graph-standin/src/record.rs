//! Every request and its answer, kept for a test's assertions
//! ([`StandIn::requests`](crate::StandIn::requests)). Secrets never are: the `Authorization`
//! value, a client secret and an access token are replaced by `<redacted>` before anything
//! is kept.

use std::collections::VecDeque;
use std::time::SystemTime;

use serde_json::Value;

/// The text that stands where a secret was.
pub const REDACTED: &str = "<redacted>";

/// One request as it arrived and the answer it got.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RecordedExchange {
    /// `GET`, `POST`...
    pub method: String,
    /// The path and query as sent: `/beta/deviceManagement/ndesConnectors?$top=5`.
    pub target: String,
    /// The request's headers, `Authorization` redacted.
    pub request_headers: Vec<(String, String)>,
    /// The request's body (a token request's secret redacted).
    pub request_body: Vec<u8>,
    /// The status answered; `0` when the connection was dropped.
    pub status: u16,
    /// The answer's headers.
    pub response_headers: Vec<(String, String)>,
    /// The answer's whole body (as the stand-in meant to send it: a truncated one is kept whole).
    pub response_body: Vec<u8>,
    /// The faults that hit it: `status 429`, `latency 200ms`, `dropped connection`...
    pub faults: Vec<String>,
    /// When it arrived, on the stand-in's clock.
    pub at: SystemTime,
}

impl RecordedExchange {
    /// A request header, by name (any case).
    pub fn request_header(&self, name: &str) -> Option<&str> {
        self.request_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The request body as JSON, if it is.
    pub fn request_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.request_body).ok()
    }

    /// The answer's body as JSON, if it is.
    pub fn response_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.response_body).ok()
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// The recorded exchanges, the oldest dropped past `limit`.
pub(crate) struct Recorder {
    exchanges: VecDeque<RecordedExchange>,
    limit: Option<usize>,
}

impl Recorder {
    pub fn new(limit: Option<usize>) -> Self {
        Recorder { exchanges: VecDeque::new(), limit }
    }

    pub fn push(&mut self, exchange: RecordedExchange) {
        if self.limit == Some(0) {
            return;
        }
        if self.limit.is_some_and(|limit| self.exchanges.len() >= limit) {
            self.exchanges.pop_front();
        }
        self.exchanges.push_back(exchange);
    }

    pub fn all(&self) -> Vec<RecordedExchange> {
        self.exchanges.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.exchanges.clear();
    }
}

/// A header value as it may be kept: `Authorization` redacted (its scheme kept).
pub(crate) fn redact_header(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("cookie") {
        match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.to_owned(),
        }
    } else {
        value.to_owned()
    }
}

/// A form body with its secrets (`client_secret`, `client_assertion`, `password`, `refresh_token`) redacted.
pub(crate) fn redact_form(body: &[u8]) -> Vec<u8> {
    const SECRETS: &[&str] = &["client_secret", "client_assertion", "password", "refresh_token", "assertion"];
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if SECRETS.contains(&name) => format!("{name}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// A token answer with its `access_token` (and `refresh_token`, `id_token`) redacted.
pub(crate) fn redact_token_answer(body: &[u8]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(mut object)) => {
            for name in ["access_token", "refresh_token", "id_token"] {
                if let Some(value) = object.get_mut(name) {
                    *value = Value::String(REDACTED.to_owned());
                }
            }
            serde_json::to_vec(&object).unwrap_or_default()
        }
        _ => body.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_before_they_are_kept() {
        assert_eq!(redact_header("Authorization", "Bearer abc.def"), "Bearer <redacted>");
        assert_eq!(redact_header("authorization", "abc"), "<redacted>");
        assert_eq!(redact_header("client-request-id", "x"), "x");
        let form = redact_form(b"grant_type=client_credentials&client_secret=s3cr3t&client_id=c");
        assert_eq!(
            String::from_utf8(form).unwrap(),
            "grant_type=client_credentials&client_secret=<redacted>&client_id=c"
        );
        let answer = redact_token_answer(br#"{"token_type":"Bearer","access_token":"t0k3n","expires_in":3600}"#);
        let text = String::from_utf8(answer).unwrap();
        assert!(!text.contains("t0k3n") && text.contains("<redacted>"), "{text}");
    }

    #[test]
    fn the_recorder_keeps_the_newest_within_its_limit() {
        let exchange = |n: u16| RecordedExchange {
            method: "GET".into(),
            target: format!("/beta/x?n={n}"),
            request_headers: Vec::new(),
            request_body: Vec::new(),
            status: n,
            response_headers: Vec::new(),
            response_body: Vec::new(),
            faults: Vec::new(),
            at: SystemTime::UNIX_EPOCH,
        };
        let mut recorder = Recorder::new(Some(2));
        for n in 1..=3 {
            recorder.push(exchange(n));
        }
        let kept: Vec<u16> = recorder.all().iter().map(|exchange| exchange.status).collect();
        assert_eq!(kept, [2, 3]);
        assert_eq!(recorder.all()[0].path(), "/beta/x");
    }
}
