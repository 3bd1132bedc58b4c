//! The stand-in's clock: the system's, moved forward as a test asks
//! ([`StandIn::advance_clock`](crate::StandIn::advance_clock)). Token lifetimes, `Retry-After`
//! windows and the timestamps of stored entities are read from it.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use time::OffsetDateTime;

#[derive(Debug, Default)]
pub(crate) struct Clock {
    ahead: Mutex<Duration>,
}

impl Clock {
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + *self.ahead.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    pub fn advance(&self, by: Duration) {
        let mut ahead = self.ahead.lock().unwrap_or_else(|poison| poison.into_inner());
        *ahead = ahead.saturating_add(by);
    }

    /// Now as Graph writes a `DateTimeOffset`: `2024-06-01T08:00:00.1234567Z`.
    pub fn timestamp(&self) -> String {
        format_timestamp(self.now())
    }
}

pub(crate) fn format_timestamp(at: SystemTime) -> String {
    let at = OffsetDateTime::from(at);
    format!("{}.{:07}Z", format_error_date_of(at), at.nanosecond() / 100)
}

/// The `date` of an error's `innerError`, as Graph writes it: `2024-06-01T08:00:00`.
pub(crate) fn format_error_date(at: SystemTime) -> String {
    format_error_date_of(OffsetDateTime::from(at))
}

fn format_error_date_of(at: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_forward_when_asked() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now().duration_since(before).unwrap() >= Duration::from_secs(3600));
        let stamp = format_timestamp(SystemTime::UNIX_EPOCH + Duration::from_millis(1500));
        assert_eq!(stamp, "1970-01-01T00:00:01.5000000Z");
        assert_eq!(format_error_date(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00");
    }
}
