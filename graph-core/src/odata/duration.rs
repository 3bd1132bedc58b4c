//! `Edm.Duration`, kept as written.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use super::{InvalidValue, TextForm, char_at};

const TYPE_NAME: &str = "Duration";

/// An `Edm.Duration`: a length of time in ISO 8601 form, `[-]PnDTnHnMn[.f]S`.
///
/// Only days, hours, minutes and seconds: years and months have no fixed length,
/// so `Edm.Duration` leaves them out. The same length has many texts (`PT90M`,
/// `PT1H30M`, `PT5400S`); this type writes back exactly the one it read.
/// Equality compares that text; compare [`Duration::as_duration`] for the length alone.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    text: Box<str>,
    value: time::Duration,
}

impl Duration {
    /// Parses `[-]P[nD][T[nH][nM][n[.f{1,9}]S]]` with at least one part: `PT3M`, `P1DT2H30M`, `-PT0.5S`.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        let value = parse_duration(text).map_err(|reason| InvalidValue::with_reason(TYPE_NAME, text, reason))?;
        Ok(Duration { text: text.into(), value })
    }

    /// The length of time, for arithmetic and comparison.
    pub fn as_duration(&self) -> time::Duration {
        self.value
    }

    /// The text form, as read.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The parts of a duration, in the only order they may come.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Part {
    Days,
    Hours,
    Minutes,
    Seconds,
}

impl Part {
    fn seconds(self) -> u128 {
        match self {
            Part::Days => 86_400,
            Part::Hours => 3_600,
            Part::Minutes => 60,
            Part::Seconds => 1,
        }
    }

    fn designator(self) -> char {
        match self {
            Part::Days => 'D',
            Part::Hours => 'H',
            Part::Minutes => 'M',
            Part::Seconds => 'S',
        }
    }
}

const ONLY_DAYS_TO_SECONDS: &str = "an Edm.Duration has only days, hours, minutes and seconds";
const TOO_LONG: &str = "the duration is too long: it must fit in 2^63 seconds";

fn parse_duration(text: &str) -> Result<time::Duration, Cow<'static, str>> {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut at = usize::from(negative);
    match bytes.get(at) {
        Some(b'P') => at += 1,
        Some(b'p') => return Err("designators must be uppercase: found `p`".into()),
        _ => return Err("expected `P`, after an optional `-`, to start the duration".into()),
    }
    let mut in_time = false;
    let mut last: Option<Part> = None;
    // Wide enough that no sum of parts that each fit in a u64 can overflow it.
    let mut whole_seconds: u128 = 0;
    let mut nanoseconds: u32 = 0;
    while at < bytes.len() {
        if bytes[at] == b'T' {
            if in_time {
                return Err("`T` appears twice".into());
            }
            in_time = true;
            at += 1;
            continue;
        }
        let number_start = at;
        at += bytes[at..].iter().take_while(|byte| byte.is_ascii_digit()).count();
        if at == number_start {
            return Err(no_number_reason(text, at));
        }
        let number = &text[number_start..at];
        let mut fraction = None;
        if bytes.get(at) == Some(&b'.') {
            let fraction_start = at + 1;
            at = fraction_start + bytes[fraction_start..].iter().take_while(|byte| byte.is_ascii_digit()).count();
            if !(1..=9).contains(&(at - fraction_start)) {
                return Err("the fraction of a second must have 1 to 9 digits".into());
            }
            fraction = Some(&text[fraction_start..at]);
        }
        let written = &text[number_start..at];
        let part = match (bytes.get(at), in_time) {
            (Some(b'D'), false) => Part::Days,
            (Some(b'H'), true) => Part::Hours,
            (Some(b'M'), true) => Part::Minutes,
            (Some(b'S'), true) => Part::Seconds,
            (Some(b'Y'), _) => return Err(format!("years are not allowed: {ONLY_DAYS_TO_SECONDS}").into()),
            (Some(b'M'), false) => {
                return Err(
                    format!("months are not allowed: {ONLY_DAYS_TO_SECONDS} (minutes go after `T`: `PT1M`)").into()
                );
            }
            (Some(b'W'), _) => return Err(format!("weeks are not allowed: {ONLY_DAYS_TO_SECONDS}").into()),
            (Some(b'D'), true) => return Err("days go before `T`".into()),
            (Some(b'H' | b'S'), false) => return Err("hours, minutes and seconds go after `T`".into()),
            (Some(lowercase @ (b'd' | b'h' | b'm' | b's' | b't' | b'y' | b'w')), _) => {
                return Err(format!("designators must be uppercase: found `{}`", *lowercase as char).into());
            }
            (Some(_), _) => {
                return Err(format!(
                    "expected `D`, `H`, `M` or `S` after `{written}`, found `{}` at byte {at}",
                    char_at(text, at)
                )
                .into());
            }
            (None, _) => return Err(format!("`{written}` at the end has no designator").into()),
        };
        at += 1;
        if let Some(last) = last.filter(|last| part <= *last) {
            return Err(format!(
                "`{}` after `{}`: the parts go in the order D, H, M, S, each at most once",
                part.designator(),
                last.designator()
            )
            .into());
        }
        last = Some(part);
        if let Some(fraction) = fraction {
            if part != Part::Seconds {
                return Err("only seconds can have a fraction".into());
            }
            let digits = fraction.len() as u32;
            nanoseconds = fraction.parse::<u32>().expect("1 to 9 digits") * 10u32.pow(9 - digits);
        }
        // Leading zeros are fine; only a value beyond u64 fails, and that is too long anyway.
        let number: u64 = number.parse().map_err(|_| TOO_LONG)?;
        whole_seconds += u128::from(number) * part.seconds();
    }
    match last {
        Some(Part::Days) | None if in_time => return Err("`T` must be followed by hours, minutes or seconds".into()),
        None => return Err("expected at least one part after `P`, as in `PT0S` or `P1D`".into()),
        Some(_) => {}
    }
    // At most four u64 parts of at most 86 400 s each: far below 2^127, so the cast is exact.
    // A negative duration may reach one second further than a positive one: i64::MIN seconds.
    let whole_seconds = whole_seconds as i128;
    let seconds = i64::try_from(if negative { -whole_seconds } else { whole_seconds }).map_err(|_| TOO_LONG)?;
    let nanoseconds = nanoseconds as i32;
    // `time::Duration` keeps the sign on both fields; nanoseconds below one second never carry.
    Ok(time::Duration::new(seconds, if negative { -nanoseconds } else { nanoseconds }))
}

/// Says why there is no number where a part has to start.
fn no_number_reason(text: &str, at: usize) -> Cow<'static, str> {
    match text.as_bytes()[at] {
        designator @ (b'D' | b'H' | b'M' | b'S') => format!("`{}` has no number before it", designator as char).into(),
        lowercase @ (b'd' | b'h' | b'm' | b's' | b't' | b'p') => {
            format!("designators must be uppercase: found `{}`", lowercase as char).into()
        }
        _ => format!("expected a number, found `{}` at byte {at}", char_at(text, at)).into(),
    }
}

impl From<time::Duration> for Duration {
    /// Writes the canonical form: `P{d}DT{h}H{m}M{s}S` without the zero parts, the seconds
    /// with as many fractional digits as they need, and `PT0S` for zero.
    fn from(value: time::Duration) -> Self {
        let mut text = String::new();
        if value.is_negative() {
            text.push('-');
        }
        text.push('P');
        // `unsigned_abs`: the magnitude of `time::Duration::MIN` does not fit in an i64.
        let total = value.whole_seconds().unsigned_abs();
        let nanoseconds = value.subsec_nanoseconds().unsigned_abs();
        let (days, hours, minutes, seconds) = (total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60, total % 60);
        // Writing to a `String` cannot fail.
        if days > 0 {
            let _ = write!(text, "{days}D");
        }
        if days == 0 || hours > 0 || minutes > 0 || seconds > 0 || nanoseconds > 0 {
            text.push('T');
            if hours > 0 {
                let _ = write!(text, "{hours}H");
            }
            if minutes > 0 {
                let _ = write!(text, "{minutes}M");
            }
            if seconds > 0 || nanoseconds > 0 || total == 0 {
                let _ = write!(text, "{seconds}");
                if nanoseconds > 0 {
                    let fraction = format!("{nanoseconds:09}");
                    let _ = write!(text, ".{}", fraction.trim_end_matches('0'));
                }
                text.push('S');
            }
        }
        Duration { text: text.into(), value }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl TextForm for Duration {
    const TYPE_NAME: &'static str = "Duration";
    const EXPECTING: &'static str = "a Duration string such as `P1DT2H30M`";

    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        Duration::parse(text)
    }
}

text_form_impls!(Duration);

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(seconds: i64, nanoseconds: i32) -> time::Duration {
        time::Duration::new(seconds, nanoseconds)
    }

    #[test]
    fn text_comes_back_unchanged() {
        for (text, value) in [
            ("PT3M", seconds(180, 0)),
            ("P1D", seconds(86_400, 0)),
            ("P1DT2H30M", seconds(86_400 + 2 * 3_600 + 30 * 60, 0)),
            ("PT0.5S", seconds(0, 500_000_000)),
            ("-PT1H", seconds(-3_600, 0)),
            ("PT0S", seconds(0, 0)),
            ("-PT0S", seconds(0, 0)),
            ("P0D", seconds(0, 0)),
            ("PT90M", seconds(5_400, 0)),
            ("PT1H30M", seconds(5_400, 0)),
            ("PT5400S", seconds(5_400, 0)),
            ("PT36H", seconds(129_600, 0)),
            ("PT01H", seconds(3_600, 0)),
            ("P1DT1S", seconds(86_401, 0)),
            ("P1DT1H1M1.1S", seconds(90_061, 100_000_000)),
            ("PT1.0S", seconds(1, 0)),
            ("PT0.000000001S", seconds(0, 1)),
            ("-PT0.999999999S", seconds(0, -999_999_999)),
            ("-P1DT0.5S", seconds(-86_400, -500_000_000)),
            ("PT9223372036854775807S", seconds(i64::MAX, 0)),
            ("PT9223372036854775807.999999999S", time::Duration::MAX),
            ("-PT9223372036854775808.999999999S", time::Duration::MIN),
            ("P106751991167300DT15H30M7S", seconds(i64::MAX, 0)),
            ("P0000000000000000000000000001D", seconds(86_400, 0)),
        ] {
            let parsed = Duration::parse(text).unwrap();
            assert_eq!(parsed.as_duration(), value, "{text}");
            assert_eq!(parsed.to_string(), text);
            assert_eq!(parsed.as_str(), text);
            assert_eq!(format!("{parsed:?}"), format!("Duration({text})"));
            assert_eq!(serde_json::to_string(&parsed).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Duration>(&format!("\"{text}\"")).unwrap(), parsed);
        }
        for digits in 1..=9 {
            let text = format!("PT1.{}S", "5".repeat(digits));
            assert_eq!(Duration::parse(&text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn equal_lengths_with_different_texts_are_not_equal() {
        let minutes = Duration::parse("PT90M").unwrap();
        let hours = Duration::parse("PT1H30M").unwrap();
        assert_eq!(minutes.as_duration(), hours.as_duration());
        assert_ne!(minutes, hours);
    }

    #[test]
    fn from_time_duration_writes_the_canonical_form() {
        for (value, text) in [
            (seconds(0, 0), "PT0S"),
            (seconds(180, 0), "PT3M"),
            (seconds(5_400, 0), "PT1H30M"),
            (seconds(86_400, 0), "P1D"),
            (seconds(86_400 + 2 * 3_600 + 30 * 60, 0), "P1DT2H30M"),
            (seconds(86_400 + 5, 0), "P1DT5S"),
            (seconds(0, 500_000_000), "PT0.5S"),
            (seconds(1, 1), "PT1.000000001S"),
            (seconds(-3_600, 0), "-PT1H"),
            (seconds(-86_400, -250_000_000), "-P1DT0.25S"),
            (time::Duration::MAX, "P106751991167300DT15H30M7.999999999S"),
            (time::Duration::MIN, "-P106751991167300DT15H30M8.999999999S"),
        ] {
            let duration = Duration::from(value);
            assert_eq!(duration.to_string(), text);
            assert_eq!(duration.as_duration(), value);
            assert_eq!(Duration::parse(text).unwrap(), duration);
        }
    }

    #[test]
    fn malformed_text_is_an_error_that_says_what_is_wrong() {
        for (text, reason) in [
            ("", "expected `P`, after an optional `-`, to start the duration"),
            ("-", "expected `P`, after an optional `-`, to start the duration"),
            ("+PT1H", "expected `P`, after an optional `-`, to start the duration"),
            ("T1H", "expected `P`, after an optional `-`, to start the duration"),
            (" PT1H", "expected `P`, after an optional `-`, to start the duration"),
            ("1D", "expected `P`, after an optional `-`, to start the duration"),
            ("P", "expected at least one part after `P`, as in `PT0S` or `P1D`"),
            ("-P", "expected at least one part after `P`, as in `PT0S` or `P1D`"),
            ("PT", "`T` must be followed by hours, minutes or seconds"),
            ("P1DT", "`T` must be followed by hours, minutes or seconds"),
            ("PT1HT1M", "`T` appears twice"),
            ("P1Y", "years are not allowed: an Edm.Duration has only days, hours, minutes and seconds"),
            (
                "P1M",
                "months are not allowed: an Edm.Duration has only days, hours, minutes and seconds (minutes go after `T`: `PT1M`)",
            ),
            ("P1Y2M3D", "years are not allowed: an Edm.Duration has only days, hours, minutes and seconds"),
            ("P1W", "weeks are not allowed: an Edm.Duration has only days, hours, minutes and seconds"),
            ("PT1D", "days go before `T`"),
            ("P1H", "hours, minutes and seconds go after `T`"),
            ("P1S", "hours, minutes and seconds go after `T`"),
            ("PD", "`D` has no number before it"),
            ("PTH", "`H` has no number before it"),
            ("P1DTM", "`M` has no number before it"),
            ("PTS", "`S` has no number before it"),
            ("PT1M1H", "`H` after `M`: the parts go in the order D, H, M, S, each at most once"),
            ("PT1S1M", "`M` after `S`: the parts go in the order D, H, M, S, each at most once"),
            ("PT1H1H", "`H` after `H`: the parts go in the order D, H, M, S, each at most once"),
            ("P1D1D", "`D` after `D`: the parts go in the order D, H, M, S, each at most once"),
            ("pt1h", "designators must be uppercase: found `p`"),
            ("Pt1H", "designators must be uppercase: found `t`"),
            ("PT1h", "designators must be uppercase: found `h`"),
            ("P1d", "designators must be uppercase: found `d`"),
            ("PT1", "`1` at the end has no designator"),
            ("P1DT12", "`12` at the end has no designator"),
            ("PT1.5", "`1.5` at the end has no designator"),
            ("PT1X", "expected `D`, `H`, `M` or `S` after `1`, found `X` at byte 3"),
            ("PT1 H", "expected `D`, `H`, `M` or `S` after `1`, found ` ` at byte 3"),
            ("PT1H ", "expected a number, found ` ` at byte 4"),
            ("PT-1H", "expected a number, found `-` at byte 2"),
            ("P-1D", "expected a number, found `-` at byte 1"),
            ("PT.5S", "expected a number, found `.` at byte 2"),
            ("PT１H", "expected a number, found `１` at byte 2"),
            ("PT1.S", "the fraction of a second must have 1 to 9 digits"),
            ("PT1.1234567890S", "the fraction of a second must have 1 to 9 digits"),
            ("PT1.5M", "only seconds can have a fraction"),
            ("P1.5D", "only seconds can have a fraction"),
            ("PT1.5X", "expected `D`, `H`, `M` or `S` after `1.5`, found `X` at byte 5"),
            ("PT9223372036854775808S", "the duration is too long: it must fit in 2^63 seconds"),
            ("-PT9223372036854775809S", "the duration is too long: it must fit in 2^63 seconds"),
            ("P106751991167301D", "the duration is too long: it must fit in 2^63 seconds"),
            ("PT18446744073709551616S", "the duration is too long: it must fit in 2^63 seconds"),
        ] {
            let error = Duration::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Duration `{text}`: {reason}"), "{text:?}");
        }
        let error = serde_json::from_str::<Duration>("3600").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `3600`, expected a Duration string such as `P1DT2H30M` at line 1 column 4"
        );
    }
}
