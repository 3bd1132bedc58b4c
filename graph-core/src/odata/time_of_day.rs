//! `Edm.TimeOfDay`, kept digit for digit.

use time::Time;

use super::date_time::{TextBuffer, parse_time, write_time};
use super::{InvalidValue, TextForm};

const TYPE_NAME: &str = "TimeOfDay";

/// An `Edm.TimeOfDay`: a clock time with no date and no offset, `11:59:24.7240000`.
///
/// It writes back exactly the text it read: `11:59:24.7240000` keeps its seven
/// fractional digits, trailing zeros included, and `12:00:00` stays without a
/// fraction. Equality compares that text form; compare [`TimeOfDay::time`] for
/// the time alone.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    value: Time,
    fraction_digits: u8,
}

impl TimeOfDay {
    /// The longest text this type writes: `23:59:59.123456789`.
    const MAX_TEXT_LEN: usize = 18;

    /// Parses exactly `hh:mm:ss[.f{1,9}]`.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let invalid = |reason| InvalidValue::new(TYPE_NAME, text, reason);
        let (value, fraction_digits, rest) = parse_time(text.as_bytes()).map_err(invalid)?;
        if !rest.is_empty() {
            return Err(invalid("expected nothing after the time"));
        }
        Ok(TimeOfDay { value, fraction_digits })
    }

    /// The time, for arithmetic and comparison.
    pub fn time(&self) -> Time {
        self.value
    }

    /// How many fractional-second digits the text has (0 to 9).
    pub fn fraction_digits(&self) -> u8 {
        self.fraction_digits
    }

    /// Writes the text form into `buffer` and returns it.
    fn write_text<'b>(&self, buffer: &'b mut [u8; Self::MAX_TEXT_LEN]) -> &'b str {
        let mut out = TextBuffer::new(buffer);
        write_time(&mut out, self.value, self.fraction_digits);
        out.into_str()
    }
}

impl From<Time> for TimeOfDay {
    /// Keeps the time; writes seven fractional digits (Graph's precision) when the time has
    /// a fraction that fits them, nine when it needs them, none when it has none.
    fn from(value: Time) -> Self {
        let fraction_digits = match value.nanosecond() {
            0 => 0,
            nanos if nanos % 100 == 0 => 7,
            _ => 9,
        };
        TimeOfDay { value, fraction_digits }
    }
}

impl TextForm for TimeOfDay {
    const TYPE_NAME: &'static str = "TimeOfDay";
    const EXPECTING: &'static str = "a TimeOfDay string such as `11:59:24.7240000`";

    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        TimeOfDay::parse(text)
    }
}

text_form_impls!(TimeOfDay);
buffered_text_impls!(TimeOfDay, TimeOfDay::MAX_TEXT_LEN);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_digit_for_digit() {
        for (text, digits) in [
            ("12:00:00", 0),
            ("00:00:00", 0),
            ("23:59:59", 0),
            ("11:59:24.7", 1),
            ("11:59:24.72", 2),
            ("11:59:24.724", 3),
            ("11:59:24.7240", 4),
            ("11:59:24.72400", 5),
            ("11:59:24.724000", 6),
            ("11:59:24.7240000", 7),
            ("11:59:24.72400000", 8),
            ("11:59:24.724000000", 9),
            ("00:00:00.000000000", 9),
            ("23:59:59.999999999", 9),
            ("12:00:00.0", 1),
        ] {
            let value = TimeOfDay::parse(text).unwrap();
            assert_eq!(value.fraction_digits(), digits, "{text}");
            assert_eq!(value.to_string(), text);
            assert_eq!(format!("{value:?}"), format!("TimeOfDay({text})"));
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<TimeOfDay>(&format!("\"{text}\"")).unwrap(), value);
        }
    }

    #[test]
    fn the_time_is_parsed() {
        let value = TimeOfDay::parse("11:59:24.7240000").unwrap();
        assert_eq!(value.time(), Time::from_hms_nano(11, 59, 24, 724_000_000).unwrap());
        // Same time, different text: not equal, as with `DateTimeOffset`.
        let shorter = TimeOfDay::parse("11:59:24.724").unwrap();
        assert_eq!(shorter.time(), value.time());
        assert_ne!(shorter, value);
    }

    #[test]
    fn malformed_text_is_an_error_that_quotes_it() {
        for (text, reason) in [
            ("", "expected a time `hh:mm:ss`"),
            ("12:00", "expected a time `hh:mm:ss`"),
            ("1:00:00", "expected a time `hh:mm:ss`"),
            ("12-00-00", "expected a time `hh:mm:ss`"),
            ("１2:00:00", "expected a time `hh:mm:ss`"),
            ("1X:00:00", "the hour is not two digits"),
            ("12:X0:00", "the minutes are not two digits"),
            ("12:00:0X", "the seconds are not two digits"),
            ("24:00:00", "the time is out of range"),
            ("12:60:00", "the time is out of range"),
            ("23:59:60", "the time is out of range"),
            ("12:00:00.", "the fraction of a second must have 1 to 9 digits"),
            ("12:00:00.1234567890", "the fraction of a second must have 1 to 9 digits"),
            ("12:00:00Z", "expected nothing after the time"),
            ("12:00:00+01:00", "expected nothing after the time"),
            ("12:00:00 ", "expected nothing after the time"),
            ("12:00:00.5x", "expected nothing after the time"),
            ("12:00:00.５", "the fraction of a second must have 1 to 9 digits"),
            ("12:00:00:00", "expected nothing after the time"),
        ] {
            let error = TimeOfDay::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid TimeOfDay `{text}`: {reason}"), "{text:?}");
        }
        let error = serde_json::from_str::<TimeOfDay>("null").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: null, expected a TimeOfDay string such as `11:59:24.7240000` at line 1 column 4"
        );
    }

    #[test]
    fn from_time_keeps_graph_precision() {
        let parsed = TimeOfDay::parse("11:59:24.7240000").unwrap();
        assert_eq!(TimeOfDay::from(parsed.time()), parsed);
        assert_eq!(TimeOfDay::from(Time::MIDNIGHT).to_string(), "00:00:00");
        assert_eq!(TimeOfDay::from(Time::from_hms_nano(1, 2, 3, 4).unwrap()).to_string(), "01:02:03.000000004");
    }
}
