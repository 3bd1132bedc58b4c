//! When to try a request again, and how long to wait first.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use http::{Method, StatusCode};

use crate::{RetryAfter, RetryStop};

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
/// once. That error's [`GraphError::retries`](crate::GraphError::retries) says
/// how many attempts were made, over how long, and which bound ended them
/// (`gave up after 4 attempts over 2.3 s: the retry policy allows 4 attempts`).
/// Any other status, and a transport failure, is never retried.
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

    /// The wait before attempt `attempt + 1`, or the bound that stops the retries (the last
    /// response is then returned).
    ///
    /// `attempt` counts from 1, `elapsed` is the time since the first attempt
    /// started, `retry_after` the header of the last response, read at `now`.
    pub(crate) fn delay_before_retry(
        &self,
        attempt: u32,
        retry_after: Option<RetryAfter>,
        elapsed: Duration,
        now: SystemTime,
    ) -> Result<Duration, RetryStop> {
        if attempt >= self.max_attempts {
            return Err(RetryStop::MaxAttempts);
        }
        let delay = match retry_after {
            Some(retry_after) => retry_after.delay_from(now),
            None => self.backoff(attempt, jitter()),
        };
        match self.max_total_delay.checked_sub(elapsed) {
            Some(remaining) if delay <= remaining => Ok(delay),
            _ => Err(RetryStop::MaxTotalDelay { next_wait: delay, max_total_delay: self.max_total_delay }),
        }
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
        let after = |text: &str| RetryAfter::parse(text);
        let past_bound = |next_wait: u64| {
            Err(RetryStop::MaxTotalDelay {
                next_wait: Duration::from_secs(next_wait),
                max_total_delay: policy.max_total_delay,
            })
        };
        assert_eq!(policy.delay_before_retry(1, after("2"), Duration::ZERO, now), Ok(Duration::from_secs(2)));
        // The header is honoured beyond `max_delay`, but never beyond the total budget.
        assert_eq!(policy.delay_before_retry(1, after("10"), Duration::ZERO, now), Ok(Duration::from_secs(10)));
        assert_eq!(policy.delay_before_retry(1, after("10"), Duration::from_millis(1), now), past_bound(10));
        assert_eq!(policy.delay_before_retry(1, after("999999"), Duration::ZERO, now), past_bound(999_999));
        assert!(policy.delay_before_retry(1, None, Duration::from_secs(11), now).is_err());
        assert_eq!(policy.delay_before_retry(10, after("0"), Duration::ZERO, now), Err(RetryStop::MaxAttempts));
        assert_eq!(
            RetryPolicy::none().delay_before_retry(1, after("0"), Duration::ZERO, now),
            Err(RetryStop::MaxAttempts)
        );
        let backoff = policy.delay_before_retry(2, after("garbage"), Duration::ZERO, now).unwrap();
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
