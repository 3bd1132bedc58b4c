//! The throttling gate every request of a [`Client`](super::Client) passes: when the service
//! answers one request `429` or `503` with a `Retry-After`, no request of the client is sent
//! before that instant.
//!
//! Graph throttles an application in a tenant, not a request: once one request is told to wait,
//! the others sent meanwhile would only be throttled too (and prolong the throttling). So the
//! wait one response asks for is shared by every request of the client and its clones.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use http::StatusCode;

use super::trace;
use crate::{RetryAfter, RetryStop};

/// The longest closing of the gate: a `Retry-After` beyond it (`99999999999`) is read as this.
/// It only keeps `Instant` arithmetic from overflowing; any policy's bound is far below.
const LONGEST_CLOSING: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// When requests may be sent again, shared by a client and its clones.
#[derive(Debug, Default)]
pub(crate) struct ThrottleGate {
    /// The instant before which nothing is sent; `None` (or a past instant) when open.
    reopens_at: Mutex<Option<Instant>>,
}

/// Why a request did not pass the gate: it reopens later than the request may wait.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClosedBeyondBound {
    /// How long the gate stays closed from now.
    pub(crate) remaining: Duration,
}

impl ClosedBeyondBound {
    /// How a retry that could not pass the gate within its policy's `max_total_delay` ended:
    /// its next wait, at the gate, would end past that bound.
    pub(crate) fn retry_stop(self, max_total_delay: Duration) -> RetryStop {
        RetryStop::MaxTotalDelay { next_wait: self.remaining, max_total_delay }
    }
}

impl ThrottleGate {
    /// Closes the gate for the `Retry-After` of a `429` or `503` response (read at `now`);
    /// other statuses, and a response without a `Retry-After` in either form (`None`), leave it
    /// as it is.
    ///
    /// `retry_after` is the header as [`RetryAfter::from_headers`] read it, the same value the
    /// retry policy waits by: one reading of the header for both.
    ///
    /// A later instant than the one already set wins: the gate only ever closes longer.
    pub(crate) fn close_for(&self, status: StatusCode, retry_after: Option<RetryAfter>, now: SystemTime) {
        if !matches!(status.as_u16(), 429 | 503) {
            return;
        }
        let Some(retry_after) = retry_after else { return };
        let wait = retry_after.delay_from(now).min(LONGEST_CLOSING);
        let until = Instant::now() + wait;
        {
            let mut reopens_at = self.reopens_at.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if reopens_at.is_none_or(|current| current < until) {
                *reopens_at = Some(until);
            }
        }
        trace::gate_closed(status, wait);
    }

    /// How long the gate stays closed from now (zero when open).
    pub(crate) fn remaining(&self) -> Duration {
        let reopens_at = *self.reopens_at.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        reopens_at.map_or(Duration::ZERO, |at| at.saturating_duration_since(Instant::now()))
    }

    /// Waits until the gate is open, unless it stays closed past `latest`: then returns at once.
    ///
    /// The gate may close again while a request waits (another response asked for a longer
    /// wait): it is checked again after each sleep. Returns how long it waited.
    pub(crate) async fn pass(&self, latest: Instant) -> Result<Duration, ClosedBeyondBound> {
        let mut waited = Duration::ZERO;
        loop {
            let remaining = self.remaining();
            if remaining.is_zero() {
                return Ok(waited);
            }
            if Instant::now() + remaining > latest {
                return Err(ClosedBeyondBound { remaining });
            }
            trace::gate_wait(remaining);
            tokio::time::sleep(remaining).await;
            waited += remaining;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOO_MANY: StatusCode = StatusCode::TOO_MANY_REQUESTS;

    /// The header as the client reads it (once, for the gate and the retry policy alike).
    fn after(text: &str) -> Option<RetryAfter> {
        RetryAfter::parse(text)
    }

    #[test]
    fn only_throttling_with_a_retry_after_closes_the_gate() {
        let gate = ThrottleGate::default();
        let now = SystemTime::now();
        gate.close_for(StatusCode::GATEWAY_TIMEOUT, after("5"), now);
        gate.close_for(TOO_MANY, None, now);
        gate.close_for(TOO_MANY, after("soon"), now);
        assert_eq!(gate.remaining(), Duration::ZERO);

        gate.close_for(StatusCode::SERVICE_UNAVAILABLE, after("5"), now);
        let remaining = gate.remaining();
        assert!(remaining > Duration::from_secs(4) && remaining <= Duration::from_secs(5), "{remaining:?}");
    }

    #[test]
    fn an_http_date_closes_the_gate_until_then() {
        let gate = ThrottleGate::default();
        let now = SystemTime::now();
        gate.close_for(TOO_MANY, Some(RetryAfter::Date(now - Duration::from_secs(60))), now);
        assert_eq!(gate.remaining(), Duration::ZERO, "a date already past is no wait");
        gate.close_for(TOO_MANY, Some(RetryAfter::Date(now + Duration::from_secs(8))), now);
        let remaining = gate.remaining();
        assert!(remaining > Duration::from_secs(7) && remaining <= Duration::from_secs(8), "{remaining:?}");
    }

    #[test]
    fn the_gate_only_closes_longer() {
        let gate = ThrottleGate::default();
        let now = SystemTime::now();
        gate.close_for(TOO_MANY, after("10"), now);
        gate.close_for(TOO_MANY, after("1"), now);
        assert!(gate.remaining() > Duration::from_secs(9), "a shorter wait does not reopen it");
        gate.close_for(TOO_MANY, after("99999999999999999999"), now);
        assert!(gate.remaining() > Duration::from_secs(364 * 24 * 60 * 60), "a huge wait is a year, no overflow");
    }

    #[tokio::test]
    async fn a_request_waits_for_the_gate_or_is_told_it_reopens_too_late() {
        let gate = ThrottleGate::default();
        assert_eq!(gate.pass(Instant::now()).await.unwrap(), Duration::ZERO, "an open gate is passed at once");

        gate.close_for(TOO_MANY, after("0"), SystemTime::now());
        assert_eq!(gate.pass(Instant::now()).await.unwrap(), Duration::ZERO, "`Retry-After: 0` does not close it");

        gate.close_for(TOO_MANY, after("1"), SystemTime::now());
        let refused = gate.pass(Instant::now() + Duration::from_millis(500)).await.unwrap_err();
        assert!(refused.remaining > Duration::from_millis(500), "{refused:?}");
        let started = Instant::now();
        let waited = gate.pass(Instant::now() + Duration::from_secs(2)).await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
        assert!(waited >= Duration::from_millis(900) && waited <= Duration::from_secs(1), "{waited:?}");
        assert_eq!(gate.remaining(), Duration::ZERO);
    }
}
