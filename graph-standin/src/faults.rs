//! Faults on demand: throttling and unavailability (`429`, `503`, `504`, with `Retry-After` in
//! seconds or as an HTTP date), latency, a dropped connection, a body cut short — on the n-th
//! request, on a path pattern, on a method, or at a seeded rate; and a check that clients wait
//! the `Retry-After` they are given.
//!
//! ```
//! use std::time::Duration;
//! use msgraph_standin::{Fault, RetryAfter};
//!
//! // The third request is throttled, and told to wait 2 seconds.
//! let third = Fault::throttle().retry_after(RetryAfter::Seconds(2)).on_request(3);
//! // Every create of an ndesConnector is answered 503 twice, with an HTTP date.
//! let creates = Fault::unavailable()
//!     .retry_after(RetryAfter::HttpDate(1))
//!     .on_method("POST")
//!     .on_path("/deviceManagement/ndesConnectors")
//!     .times(2);
//! // One request in ten is slow, the same ones on every run.
//! let slow = Fault::latency(Duration::from_millis(200)).at_rate(0.1, 42);
//! # let _ = (third, creates, slow);
//! ```

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use http::Method;

/// How long a throttled client is told to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: 7`.
    Seconds(u64),
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`, this many seconds from now (on the stand-in's clock).
    HttpDate(u64),
}

impl RetryAfter {
    fn seconds(self) -> u64 {
        match self {
            RetryAfter::Seconds(seconds) | RetryAfter::HttpDate(seconds) => seconds,
        }
    }
}

/// What a fault does to a request it hits.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FaultKind {
    /// An error status, with a `Retry-After` when one is given. A `429` or `503` is answered
    /// before the request is carried out; a `504` after it (a gateway gave up waiting: a create
    /// may have happened, which is why clients must not resend a `POST` blindly).
    Status {
        /// `429`, `503`, `504`, or any other error status.
        status: u16,
        /// What the answer asks the client to wait.
        retry_after: Option<RetryAfter>,
    },
    /// The answer comes this much later.
    Latency(Duration),
    /// The connection is closed without an answer (the request is not carried out).
    DropConnection,
    /// The request is carried out; the answer announces its whole length and sends half.
    TruncatedBody,
}

/// Which requests a fault hits.
#[derive(Debug, Clone, PartialEq)]
enum Trigger {
    Every,
    /// The n-th matching request, from 1.
    Nth(u64),
    /// Each matching request with this probability, drawn from a generator seeded with `seed`.
    Rate {
        probability: f64,
        seed: u64,
    },
}

/// A fault to inject: what it does ([`FaultKind`]), and which requests it hits.
///
/// By default a fault hits every request; narrow it with [`Fault::on_path`],
/// [`Fault::on_method`], [`Fault::on_request`], [`Fault::at_rate`] and [`Fault::times`].
/// Faults are tried in the order they were given: latencies add up, and the first other
/// fault that hits decides the answer. A status fault with a path also hits the items of a
/// `$batch` whose URL matches (the service throttles items one by one); the other triggers
/// count HTTP requests only.
///
/// With [`StandInBuilder::sign_in`](crate::StandInBuilder::sign_in), a fault whose path names
/// the token endpoint (`/{tenant}/oauth2/v2.0/token`, or `*/oauth2/v2.0/token` for any tenant)
/// hits token requests, which no other fault does: a slow, throttled or unavailable sign-in is
/// answered as Microsoft Entra ID answers it (`{"error": "temporarily_unavailable", …}`, and no
/// token issued, whatever the status).
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    kind: FaultKind,
    method: Option<Method>,
    path: Option<String>,
    trigger: Trigger,
    times: Option<u32>,
}

impl Fault {
    /// A fault of this kind, hitting every request.
    pub fn new(kind: FaultKind) -> Self {
        Fault { kind, method: None, path: None, trigger: Trigger::Every, times: None }
    }

    /// `429 Too Many Requests`, `Retry-After: 1`.
    pub fn throttle() -> Self {
        Fault::new(FaultKind::Status { status: 429, retry_after: Some(RetryAfter::Seconds(1)) })
    }

    /// `503 Service Unavailable`, `Retry-After: 1`.
    pub fn unavailable() -> Self {
        Fault::new(FaultKind::Status { status: 503, retry_after: Some(RetryAfter::Seconds(1)) })
    }

    /// `504 Gateway Timeout`, after the request was carried out; no `Retry-After`.
    pub fn gateway_timeout() -> Self {
        Fault::new(FaultKind::Status { status: 504, retry_after: None })
    }

    /// Any error status, without `Retry-After`.
    pub fn status(status: u16) -> Self {
        Fault::new(FaultKind::Status { status, retry_after: None })
    }

    /// The answer is delayed by `delay`.
    pub fn latency(delay: Duration) -> Self {
        Fault::new(FaultKind::Latency(delay))
    }

    /// The connection is closed without an answer.
    pub fn drop_connection() -> Self {
        Fault::new(FaultKind::DropConnection)
    }

    /// The answer's body is cut short of its `Content-Length`.
    pub fn truncated_body() -> Self {
        Fault::new(FaultKind::TruncatedBody)
    }

    /// The `Retry-After` of a status fault (ignored by other kinds).
    pub fn retry_after(mut self, retry_after: RetryAfter) -> Self {
        if let FaultKind::Status { retry_after: current, .. } = &mut self.kind {
            *current = Some(retry_after);
        }
        self
    }

    /// No `Retry-After` on a status fault.
    pub fn without_retry_after(mut self) -> Self {
        if let FaultKind::Status { retry_after, .. } = &mut self.kind {
            *retry_after = None;
        }
        self
    }

    /// Only requests whose path (from the version, without the query) matches `pattern`,
    /// where `*` stands for any text: `/deviceManagement/ndesConnectors*`.
    pub fn on_path(mut self, pattern: impl Into<String>) -> Self {
        self.path = Some(pattern.into());
        self
    }

    /// Only requests of this method (`"POST"`); a name that is no method matches nothing.
    pub fn on_method(mut self, method: &str) -> Self {
        self.method = Some(Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap_or(Method::CONNECT));
        self
    }

    /// Only the n-th matching request (from 1).
    pub fn on_request(mut self, n: u64) -> Self {
        self.trigger = Trigger::Nth(n);
        self
    }

    /// Each matching request with this probability (clamped to 0..=1), the same ones on every
    /// run with the same `seed` and the same order of requests.
    pub fn at_rate(mut self, probability: f64, seed: u64) -> Self {
        self.trigger = Trigger::Rate { probability: probability.clamp(0.0, 1.0), seed };
        self
    }

    /// At most `n` hits in all.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// What it does.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }
}

/// A client that sent a request again before the `Retry-After` it was given had passed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryAfterViolation {
    /// The request's method.
    pub method: String,
    /// Its path, from the version.
    pub path: String,
    /// The wait it was asked for.
    pub asked: Duration,
    /// How long it waited before sending again.
    pub waited: Duration,
}

/// Where a request is going: which faults may hit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// An HTTP request to the Graph service: every fault that matches it.
    Request,
    /// An item of a `$batch`: status faults with a path only.
    BatchItem,
    /// A request to the token endpoint: faults with a path only.
    Authority,
}

/// What the faults decided for one request.
#[derive(Debug, Default)]
pub(crate) struct Decision {
    pub latency: Duration,
    pub action: Option<Action>,
    /// What hit it, for the recording.
    pub description: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Status { status: u16, retry_after: Option<RetryAfter> },
    Drop,
    Truncate,
}

struct Active {
    fault: Fault,
    matched: u64,
    hits: u32,
    random: u64,
}

/// The faults in force, and the `Retry-After` windows they opened.
#[derive(Default)]
pub(crate) struct Faults {
    active: Vec<Active>,
    /// (method, path) → when it was throttled, and until when.
    windows: HashMap<(Method, String), (SystemTime, SystemTime)>,
    violations: Vec<RetryAfterViolation>,
}

impl Faults {
    pub fn add(&mut self, fault: Fault) {
        let random = match fault.trigger {
            Trigger::Rate { seed, .. } => seed,
            _ => 0,
        };
        self.active.push(Active { fault, matched: 0, hits: 0, random });
    }

    pub fn clear(&mut self) {
        self.active.clear();
        self.windows.clear();
    }

    pub fn violations(&self) -> Vec<RetryAfterViolation> {
        self.violations.clone()
    }

    /// Decides what happens to a request going to `scope` (see [`Scope`] for which faults hit it).
    pub fn decide(&mut self, method: &Method, path: &str, scope: Scope) -> Decision {
        let mut decision = Decision::default();
        for active in &mut self.active {
            let fault = &active.fault;
            let skipped = match scope {
                Scope::Request => false,
                Scope::BatchItem => fault.path.is_none() || !matches!(fault.kind, FaultKind::Status { .. }),
                Scope::Authority => fault.path.is_none(),
            };
            if skipped {
                continue;
            }
            if fault.method.as_ref().is_some_and(|wanted| wanted != method)
                || fault.path.as_deref().is_some_and(|pattern| !matches_pattern(pattern, path))
            {
                continue;
            }
            active.matched += 1;
            let hit = match fault.trigger {
                Trigger::Every => true,
                Trigger::Nth(n) => active.matched == n,
                Trigger::Rate { probability, .. } => unit_interval(&mut active.random) < probability,
            };
            if !hit || fault.times.is_some_and(|times| active.hits >= times) {
                continue;
            }
            match &fault.kind {
                FaultKind::Latency(delay) => {
                    active.hits += 1;
                    decision.latency += *delay;
                    decision.description.push(format!("latency {delay:?}"));
                }
                kind if decision.action.is_none() => {
                    active.hits += 1;
                    let (action, text) = match kind {
                        FaultKind::Status { status, retry_after } => {
                            (Action::Status { status: *status, retry_after: *retry_after }, format!("status {status}"))
                        }
                        FaultKind::DropConnection => (Action::Drop, "dropped connection".to_owned()),
                        _ => (Action::Truncate, "truncated body".to_owned()),
                    };
                    decision.action = Some(action);
                    decision.description.push(text);
                }
                _ => {}
            }
        }
        decision
    }

    /// Opens a `Retry-After` window for (method, path): from `now`, for `retry_after`.
    pub fn throttled(&mut self, method: &Method, path: &str, now: SystemTime, retry_after: RetryAfter) {
        let until = now + Duration::from_secs(retry_after.seconds());
        self.windows.insert((method.clone(), path.to_owned()), (now, until));
    }

    /// A request inside an open window is a violation: recorded, and the time left returned.
    pub fn check_window(&mut self, method: &Method, path: &str, now: SystemTime) -> Option<Duration> {
        let key = (method.clone(), path.to_owned());
        let (since, until) = *self.windows.get(&key)?;
        match until.duration_since(now) {
            Ok(left) if !left.is_zero() => {
                self.violations.push(RetryAfterViolation {
                    method: method.to_string(),
                    path: path.to_owned(),
                    asked: until.duration_since(since).unwrap_or_default(),
                    waited: now.duration_since(since).unwrap_or_default(),
                });
                Some(left)
            }
            _ => {
                self.windows.remove(&key);
                None
            }
        }
    }
}

/// `*` matches any text (`/` included); everything else matches itself.
pub(crate) fn matches_pattern(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// The next number of a SplitMix64 sequence, in [0, 1).
fn unit_interval(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_with_stars() {
        assert!(matches_pattern("/deviceManagement/ndesConnectors*", "/deviceManagement/ndesConnectors/x"));
        assert!(matches_pattern("*/assignments", "/deviceManagement/deviceConfigurations/x/assignments"));
        assert!(matches_pattern("/a/*/c/*", "/a/b/c/d"));
        assert!(!matches_pattern("/a/*/c", "/a/b/d"));
        assert!(matches_pattern("/exact", "/exact") && !matches_pattern("/exact", "/exactly"));
        assert!(!matches_pattern("/ab*ba", "/aba"), "the two ends do not overlap");
    }

    #[test]
    fn triggers_count_matching_requests_and_rates_repeat_with_their_seed() {
        let mut faults = Faults::default();
        faults.add(Fault::throttle().on_path("/x*").on_request(2));
        let get = Method::GET;
        assert!(faults.decide(&get, "/y", Scope::Request).action.is_none(), "not matching: not counted");
        assert!(faults.decide(&get, "/x/1", Scope::Request).action.is_none());
        assert!(faults.decide(&get, "/x/2", Scope::Request).action.is_some());
        assert!(faults.decide(&get, "/x/3", Scope::Request).action.is_none());

        let hits = |seed| {
            let mut faults = Faults::default();
            faults.add(Fault::drop_connection().at_rate(0.3, seed));
            (0..200).map(|_| faults.decide(&get, "/a", Scope::Request).action.is_some()).collect::<Vec<_>>()
        };
        assert_eq!(hits(7), hits(7));
        assert_ne!(hits(7), hits(8));
        let count = hits(7).iter().filter(|hit| **hit).count();
        assert!((35..=85).contains(&count), "{count} of 200 at 0.3");

        let mut limited = Faults::default();
        limited.add(Fault::unavailable().times(2));
        limited.add(Fault::latency(Duration::from_millis(5)));
        let decisions: Vec<bool> =
            (0..4).map(|_| limited.decide(&get, "/a", Scope::Request).action.is_some()).collect();
        assert_eq!(decisions, [true, true, false, false]);
        assert_eq!(limited.decide(&get, "/a", Scope::Request).latency, Duration::from_millis(5));
        assert!(
            limited.decide(&get, "/a", Scope::BatchItem).action.is_none(),
            "batch items: only status faults with a path"
        );
        assert!(limited.decide(&get, "/a", Scope::Authority).latency.is_zero(), "sign-in: only faults with a path");

        let mut sign_in = Faults::default();
        sign_in.add(Fault::latency(Duration::from_millis(5)).on_path("*/oauth2/v2.0/token"));
        sign_in.add(Fault::unavailable().on_request(1));
        let token = Method::POST;
        let first = sign_in.decide(&token, "/contoso/oauth2/v2.0/token", Scope::Authority);
        assert_eq!(
            (first.latency, first.action),
            (Duration::from_millis(5), None),
            "the unavailable fault has no path"
        );
        assert!(
            sign_in.decide(&get, "/deviceManagement", Scope::Request).action.is_some(),
            "a path-less fault's first"
        );
    }

    #[test]
    fn a_request_inside_a_window_is_a_violation() {
        let mut faults = Faults::default();
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        faults.throttled(&Method::GET, "/a", start, RetryAfter::Seconds(2));
        assert_eq!(
            faults.check_window(&Method::GET, "/a", start + Duration::from_millis(500)),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(faults.check_window(&Method::POST, "/a", start), None, "another method is another request");
        assert_eq!(faults.check_window(&Method::GET, "/a", start + Duration::from_secs(2)), None);
        let [violation] = faults.violations().try_into().unwrap();
        assert_eq!((violation.asked, violation.waited), (Duration::from_secs(2), Duration::from_millis(500)));
    }
}
