//! When to try a request again, and how long to wait first.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use http::{Method, StatusCode};

/// How the [`Client`](super::Client) retries a throttled or unavailable request.
///
/// A response `429 Too Many Requests`, `503 Service Unavailable` or
/// `504 Gateway Timeout` is sent again, with the same `client-request-id`:
///
/// - after the `Retry-After` the service asked for, in either of its forms
///   (delta-seconds `Retry-After: 7`, or an HTTP date);
/// - without that header, after an exponential backoff with jitter: attempt
///   `n` waits a random time between half and all of
///   `min(base_delay × 2ⁿ⁻¹, max_delay)`.
///
/// Retries stop, and the last response's error is returned, after
/// `max_attempts` attempts in all, or as soon as the next wait would end more
/// than `max_total_delay` after the first attempt started: the client never
/// sleeps past that bound, so a `Retry-After: 999999` ends the request at
/// once. Any other status, and a transport failure, is never retried.
///
/// `429` and `503` say the service did not process the request, so any
/// request is sent again. A `504` says a gateway gave up waiting: the request
/// may have been carried out, so only a request that can safely run twice
/// (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`) is retried on it, unless
/// [`RetryPolicy::retry_unsafe_on_gateway_timeout`] is set — a `POST` create
/// could otherwise be made twice.
///
/// ```
/// use std::time::Duration;
/// use msgraph_entity::client::RetryPolicy;
///
/// let policy = RetryPolicy { max_attempts: 6, max_total_delay: Duration::from_secs(30), ..RetryPolicy::default() };
/// assert_eq!(policy.base_delay, Duration::from_millis(500));
/// assert_eq!(RetryPolicy::none().max_attempts, 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included (`1` never retries). Default: 4.
    pub max_attempts: u32,
    /// The longest time from the first attempt's start to the last attempt's start. Default: 60 s.
    pub max_total_delay: Duration,
    /// The backoff of the first retry when the service gives no `Retry-After`. Default: 500 ms.
    pub base_delay: Duration,
    /// The longest backoff between two attempts (a `Retry-After` is honoured as given). Default: 30 s.
    pub max_delay: Duration,
    /// Whether a `POST` or `PATCH` answered `504 Gateway Timeout` is sent again, though it may
    /// already have been carried out. Default: `false`.
    pub retry_unsafe_on_gateway_timeout: bool,
}

impl RetryPolicy {
    /// Never retry: one attempt.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Whether a response with this status may be tried again: 429, 503 and 504 (for which
    /// [`RetryPolicy::retries`] also asks the method).
    pub fn is_retryable(status: StatusCode) -> bool {
        matches!(status.as_u16(), 429 | 503 | 504)
    }

    /// Whether a request with `method` answered `status` is sent again under this policy.
    pub fn retries(&self, method: &Method, status: StatusCode) -> bool {
        match status.as_u16() {
            429 | 503 => true,
            504 => self.retry_unsafe_on_gateway_timeout || is_idempotent(method),
            _ => false,
        }
    }

    /// The wait before attempt `attempt + 1`, or `None` to stop and return the last response.
    ///
    /// `attempt` counts from 1, `elapsed` is the time since the first attempt
    /// started, `retry_after` the header of the last response, read at `now`.
    pub(crate) fn delay_before_retry(
        &self,
        attempt: u32,
        retry_after: Option<&str>,
        elapsed: Duration,
        now: SystemTime,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let delay = match retry_after.and_then(|value| parse_retry_after(value, now)) {
            Some(delay) => delay,
            None => self.backoff(attempt, jitter()),
        };
        let remaining = self.max_total_delay.checked_sub(elapsed)?;
        (delay <= remaining).then_some(delay)
    }

    /// The backoff after attempt `attempt` (from 1), `jitter` in `[0, 1]` choosing within its upper half.
    fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(attempt.saturating_sub(1));
        let ceiling = self.base_delay.saturating_mul(doubling).min(self.max_delay);
        ceiling.div_f64(2.0).saturating_add(ceiling.div_f64(2.0).mul_f64(jitter.clamp(0.0, 1.0)))
    }
}

impl Default for RetryPolicy {
    /// 4 attempts within 60 s; backoff from 500 ms, at most 30 s between two attempts.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_total_delay: Duration::from_secs(60),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            retry_unsafe_on_gateway_timeout: false,
        }
    }
}

/// Whether running a request twice has the effect of running it once (RFC 9110 §9.2.2).
fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
}

/// A `Retry-After` value as a wait from `now`: delta-seconds, or an HTTP date
/// (a date already past is no wait). `None` for anything else.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // More digits than a u64 holds is still "longer than any budget".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1]`, different on every call: enough randomness to spread retries apart.
fn jitter() -> f64 {
    // `RandomState` is seeded randomly per thread and varies per instance.
    let bits = RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 10,
            max_total_delay: Duration::from_secs(10),
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            retry_unsafe_on_gateway_timeout: false,
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:40:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::from_secs(u64::MAX)));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitters_in_its_upper_half() {
        let policy = policy();
        assert_eq!(policy.backoff(1, 1.0), Duration::from_millis(100));
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(50));
        assert_eq!(policy.backoff(3, 1.0), Duration::from_millis(400));
        assert_eq!(policy.backoff(9, 1.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(200, 0.5), Duration::from_millis(750));
        for _ in 0..100 {
            let value = jitter();
            assert!((0.0..=1.0).contains(&value), "{value}");
        }
    }

    #[test]
    fn retries_stop_at_the_attempt_and_time_bounds() {
        let policy = policy();
        let now = SystemTime::now();
        assert_eq!(policy.delay_before_retry(1, Some("2"), Duration::ZERO, now), Some(Duration::from_secs(2)));
        // The header is honoured beyond `max_delay`, but never beyond the total budget.
        assert_eq!(policy.delay_before_retry(1, Some("10"), Duration::ZERO, now), Some(Duration::from_secs(10)));
        assert_eq!(policy.delay_before_retry(1, Some("10"), Duration::from_millis(1), now), None);
        assert_eq!(policy.delay_before_retry(1, Some("999999"), Duration::ZERO, now), None);
        assert_eq!(policy.delay_before_retry(1, None, Duration::from_secs(11), now), None);
        assert_eq!(policy.delay_before_retry(10, Some("0"), Duration::ZERO, now), None);
        assert_eq!(RetryPolicy::none().delay_before_retry(1, Some("0"), Duration::ZERO, now), None);
        let backoff = policy.delay_before_retry(2, Some("garbage"), Duration::ZERO, now).unwrap();
        assert!(backoff >= Duration::from_millis(100) && backoff <= Duration::from_millis(200), "{backoff:?}");
    }

    #[test]
    fn only_throttling_and_unavailability_are_retried() {
        for status in [429, 503, 504] {
            assert!(RetryPolicy::is_retryable(StatusCode::from_u16(status).unwrap()));
        }
        for status in [200, 400, 401, 404, 500, 502] {
            assert!(!RetryPolicy::is_retryable(StatusCode::from_u16(status).unwrap()));
        }
    }

    #[test]
    fn a_gateway_timeout_retries_only_what_can_run_twice_unless_asked() {
        let policy = RetryPolicy::default();
        let timeout = StatusCode::GATEWAY_TIMEOUT;
        for method in [Method::GET, Method::DELETE, Method::PUT] {
            assert!(policy.retries(&method, timeout), "{method}");
        }
        for method in [Method::POST, Method::PATCH] {
            assert!(!policy.retries(&method, timeout), "{method}: its outcome is unknown");
            assert!(policy.retries(&method, StatusCode::TOO_MANY_REQUESTS), "{method}: not processed");
            assert!(policy.retries(&method, StatusCode::SERVICE_UNAVAILABLE), "{method}: not processed");
        }
        let opted_in = RetryPolicy { retry_unsafe_on_gateway_timeout: true, ..policy };
        assert!(opted_in.retries(&Method::POST, timeout));
        assert!(!policy.retries(&Method::GET, StatusCode::INTERNAL_SERVER_ERROR));
    }
}
