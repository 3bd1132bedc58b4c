//! `Edm.DateTimeOffset`, kept as the text the service wrote.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

use super::{InvalidValue, TextForm};

const TYPE_NAME: &str = "DateTimeOffset";

/// An `Edm.DateTimeOffset`: a point in time with the offset it was written in.
///
/// It is the text it was read from, checked: `2016-12-31T23:58:36.6670033-08:00`
/// keeps its seven fractional digits and its `-08:00`; `...Z` stays `Z` and
/// `-00:00` stays `-00:00`. Writing copies that text, so it costs no date
/// arithmetic.
///
/// Equality and hashing compare the text: `2016-12-31T23:58:36-08:00` and
/// `2017-01-01T07:58:36Z` are the same instant but not equal, because they are
/// not written alike. Compare instants with [`DateTimeOffset::same_instant`] and
/// [`DateTimeOffset::cmp_instant`], or through [`DateTimeOffset::offset_date_time`].
#[derive(Clone, Copy)]
pub struct DateTimeOffset {
    /// The checked text, ASCII, in the first `len` bytes.
    text: [u8; DateTimeOffset::MAX_TEXT_LEN],
    len: u8,
}

impl DateTimeOffset {
    /// The longest valid text: `9999-12-31T23:59:59.123456789+14:00`.
    const MAX_TEXT_LEN: usize = 35;

    /// Parses `YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm)`.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        Self::parse_ascii(text.as_bytes())
    }

    /// Parses the text's bytes, which need not be UTF-8: only ASCII text is valid.
    #[inline]
    fn parse_ascii(bytes: &[u8]) -> Result<Self, InvalidValue> {
        // The common case in a few dozen instructions; `check` then says what is wrong.
        if !is_valid(bytes) {
            return Err(refused(bytes));
        }
        // A valid text is 20 to `MAX_TEXT_LEN` bytes long: its first 19 and its last 16 bytes
        // cover it, two copies of fixed length (cheaper than one of a variable length).
        let len = bytes.len();
        let mut stored = [0; Self::MAX_TEXT_LEN];
        stored[..19].copy_from_slice(&bytes[..19]);
        stored[len - 16..len].copy_from_slice(&bytes[len - 16..]);
        Ok(DateTimeOffset { text: stored, len: len as u8 })
    }

    /// The text, as read or as made from an [`OffsetDateTime`].
    #[inline]
    pub fn as_str(&self) -> &str {
        // Only checked ASCII text is ever stored.
        std::str::from_utf8(&self.text[..self.len as usize]).unwrap_or_default()
    }

    /// The instant and offset, for arithmetic (`-00:00` reads as UTC).
    pub fn offset_date_time(&self) -> OffsetDateTime {
        // The text was checked when stored, so both steps succeed.
        check(self.as_str().as_bytes()).ok().and_then(Fields::to_offset_date_time).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// Whether both name the same instant, whatever their offsets and digits.
    pub fn same_instant(&self, other: &DateTimeOffset) -> bool {
        self.cmp_instant(other) == Ordering::Equal
    }

    /// Orders by instant, whatever the offsets and digits.
    pub fn cmp_instant(&self, other: &DateTimeOffset) -> Ordering {
        self.offset_date_time().cmp(&other.offset_date_time())
    }

    /// How many fractional-second digits the text has (0 to 9).
    pub fn fraction_digits(&self) -> u8 {
        let time = &self.text[11..self.len as usize];
        match time.get(8) {
            Some(b'.') => time[9..].iter().take_while(|byte| byte.is_ascii_digit()).count() as u8,
            _ => 0,
        }
    }
}

/// The fields of a checked text.
#[derive(Clone, Copy)]
struct Fields {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_minutes: i16,
}

impl Fields {
    fn to_offset_date_time(self) -> Option<OffsetDateTime> {
        let date = Date::from_calendar_date(i32::from(self.year), Month::try_from(self.month).ok()?, self.day).ok()?;
        let time = Time::from_hms_nano(self.hour, self.minute, self.second, self.nanosecond).ok()?;
        let offset = UtcOffset::from_whole_seconds(i32::from(self.offset_minutes) * 60).ok()?;
        Some(date.with_time(time).assume_offset(offset))
    }
}

/// The error for a text [`is_valid`] refused: what [`check`] finds wrong, quoting the text.
#[cold]
#[inline(never)]
fn refused(bytes: &[u8]) -> InvalidValue {
    let reason = check(bytes).err().unwrap_or("expected `YYYY-MM-DDThh:mm:ss` followed by `Z` or an offset");
    InvalidValue::new(TYPE_NAME, &String::from_utf8_lossy(bytes), reason)
}

/// Whether each byte of `word` under `digits` (0xff per byte) is an ASCII digit and each other
/// byte is the one in `punctuation`.
#[inline(always)]
fn digits_between(word: u64, digits: u64, punctuation: u64) -> bool {
    (word & !digits) == punctuation && all_digits_u64(word, digits)
}

/// `all_digits_*(word, mask)`: whether each byte of `word` under `mask` (0xff per byte) is an
/// ASCII digit, for a word of eight and of sixteen bytes (one test of all the bytes at once).
macro_rules! all_digits {
    ($($name:ident: $word:ty),*) => {$(
        #[inline(always)]
        fn $name(word: $word, mask: $word) -> bool {
            const ZEROS: $word = <$word>::from_le_bytes([0x30; size_of::<$word>()]);
            const SIXES: $word = <$word>::from_le_bytes([0x06; size_of::<$word>()]);
            const HIGH_NIBBLES: $word = <$word>::from_le_bytes([0xf0; size_of::<$word>()]);
            // A digit is 0x30 to 0x39: high nibble 3, and still 3 once 6 is added (no byte can
            // carry into the next one: the first test holds only for bytes up to 0x3f).
            (word & HIGH_NIBBLES & mask) == ZEROS & mask
                && (word.wrapping_add(SIXES & mask) & HIGH_NIBBLES & mask) == ZEROS & mask
        }
    )*};
}

all_digits!(all_digits_u64: u64, all_digits_u128: u128);

/// The eight bytes of `bytes` from `at`, as one little-endian word.
#[inline(always)]
fn word_at(bytes: &[u8; 19], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Whether `bytes` is a valid text: the same answer as [`check`], without building its error.
#[inline]
fn is_valid(bytes: &[u8]) -> bool {
    if bytes.len() < 20 || bytes.len() > DateTimeOffset::MAX_TEXT_LEN {
        return false;
    }
    let Some((head, rest)) = bytes.split_first_chunk::<19>() else { return false };
    // `YYYY-MM-`, `DDThh:mm` and `hh:mm:ss`, as words (byte 0 lowest).
    const DASHES: u64 = (b'-' as u64) << 32 | (b'-' as u64) << 56;
    const T_COLON: u64 = (b'T' as u64) << 16 | (b':' as u64) << 40;
    const COLONS: u64 = (b':' as u64) << 16 | (b':' as u64) << 40;
    if !(digits_between(word_at(head, 0), 0x00ff_ff00_ffff_ffff, DASHES)
        && digits_between(word_at(head, 8), 0xffff_00ff_ff00_ffff, T_COLON)
        && digits_between(word_at(head, 11), 0xffff_00ff_ff00_ffff, COLONS))
    {
        return false;
    }
    let digit = |at: usize| u32::from(head[at].wrapping_sub(b'0'));
    let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    let month = digit(5) * 10 + digit(6);
    let day = digit(8) * 10 + digit(9);
    if !(1..=12).contains(&month)
        || day == 0
        || day > u32::from(days_in_month(year as u16, month as u8))
        || digit(11) * 10 + digit(12) > 23
        || digit(14) * 10 + digit(15) > 59
        || digit(17) * 10 + digit(18) > 59
    {
        return false;
    }
    // The offset is `Z` or `±hh:mm` at the end; between the seconds and it, nothing or a
    // fraction `.f{1,9}`.
    let (fraction, offset_valid) = match *rest {
        [ref fraction @ .., b'Z'] => (fraction, true),
        [ref fraction @ .., b'+' | b'-', h1, h2, b':', m1, m2] => (
            fraction,
            match (two_digits(h1, h2), two_digits(m1, m2)) {
                (Some(hours), Some(minutes)) => minutes <= 59 && (hours < 14 || (hours == 14 && minutes == 0)),
                _ => false,
            },
        ),
        _ => return false,
    };
    offset_valid
        && match fraction {
            [] => true,
            [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
                // The digits end where the offset starts, within the last 16 bytes: one test of
                // them all, not one per digit.
                let Some(tail) = bytes.last_chunk::<16>() else { return false };
                let end = 16 - (rest.len() - fraction.len());
                let mask = ((1u128 << (8 * digits.len())) - 1) << (8 * (end - digits.len()));
                all_digits_u128(u128::from_le_bytes(*tail), mask)
            }
            _ => false,
        }
}

/// Checks the whole text, with the first problem as the error.
#[inline]
fn check(bytes: &[u8]) -> Result<Fields, &'static str> {
    if bytes.len() < 20 {
        return Err("expected `YYYY-MM-DDThh:mm:ss` followed by `Z` or an offset");
    }
    let (year, month, day) = check_date(&bytes[..10])?;
    if bytes[10] != b'T' {
        return Err("expected `T` between the date and the time");
    }
    let (hour, minute, second, nanosecond, _, rest) = check_time(&bytes[11..])?;
    let offset_minutes = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = two_digits(*h1, *h2).ok_or("the offset hours are not digits")?;
            let minutes = two_digits(*m1, *m2).ok_or("the offset minutes are not digits")?;
            if hours > 14 || minutes > 59 || (hours == 14 && minutes > 0) {
                return Err("the offset is outside -14:00 to +14:00");
            }
            let magnitude = i16::from(hours) * 60 + i16::from(minutes);
            if *sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return Err("expected `Z` or an offset `±hh:mm` after the time"),
    };
    Ok(Fields { year, month, day, hour, minute, second, nanosecond, offset_minutes })
}

impl TryFrom<OffsetDateTime> for DateTimeOffset {
    type Error = InvalidValue;

    /// Keeps the instant and offset (UTC as `Z`); writes seven fractional digits (Graph's
    /// precision) when the value has a fraction that fits them, nine when it needs them, none
    /// when it has none. Years outside 0000 to 9999 have no Graph text form and are refused.
    fn try_from(value: OffsetDateTime) -> Result<Self, InvalidValue> {
        if !(0..=9999).contains(&value.year()) {
            return Err(InvalidValue::new(TYPE_NAME, &value.to_string(), "only years 0000 to 9999 can be written"));
        }
        let fraction_digits = match value.nanosecond() {
            0 => 0,
            n if n % 100 == 0 => 7,
            _ => 9,
        };
        let mut text = [0; Self::MAX_TEXT_LEN];
        let mut out = TextBuffer::new(&mut text);
        write_date(&mut out, value.date());
        out.push(b'T');
        write_time(&mut out, value.time(), fraction_digits);
        let offset = value.offset();
        if offset.is_utc() {
            out.push(b'Z');
        } else {
            let (hours, minutes, _) = offset.as_hms();
            out.push(if offset.is_negative() { b'-' } else { b'+' });
            out.digits(hours.unsigned_abs() as u32, 2);
            out.push(b':');
            out.digits(minutes.unsigned_abs() as u32, 2);
        }
        let len = out.len as u8;
        Ok(DateTimeOffset { text, len })
    }
}

/// Text equality: equal when written alike (see the type's docs).
impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for DateTimeOffset {}

/// Hashes the text, consistently with equality.
impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl TextForm for DateTimeOffset {
    const TYPE_NAME: &'static str = "DateTimeOffset";
    const EXPECTING: &'static str = "a DateTimeOffset string such as `2016-12-31T23:58:36.6670033-08:00`";

    #[inline]
    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        DateTimeOffset::parse(text)
    }

    /// Only ASCII is valid, so the bytes are checked as they are, without a UTF-8 check first.
    #[inline]
    fn parse_bytes(bytes: &[u8]) -> Result<Self, InvalidValue> {
        DateTimeOffset::parse_ascii(bytes)
    }
}

text_form_impls!(DateTimeOffset, read_as_bytes);

impl std::fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for DateTimeOffset {
    #[inline]
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A fixed buffer the text forms are written into, so writing never allocates.
pub(crate) struct TextBuffer<'b> {
    bytes: &'b mut [u8],
    len: usize,
}

impl<'b> TextBuffer<'b> {
    /// An empty text at the start of `bytes`, which must be long enough for all that is written.
    pub(crate) fn new(bytes: &'b mut [u8]) -> Self {
        TextBuffer { bytes, len: 0 }
    }

    /// The text written so far.
    pub(crate) fn into_str(self) -> &'b str {
        let TextBuffer { bytes, len } = self;
        // Only ASCII digits and punctuation are ever written.
        std::str::from_utf8(&bytes[..len]).unwrap_or_default()
    }

    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// Writes `value` as exactly `width` decimal digits, most significant first.
    fn digits(&mut self, mut value: u32, width: usize) {
        for slot in self.bytes[self.len..self.len + width].iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
        self.len += width;
    }
}

/// Writes `YYYY-MM-DD`; the year must be 0000 to 9999.
pub(crate) fn write_date(out: &mut TextBuffer<'_>, date: Date) {
    out.digits(date.year() as u32, 4);
    out.push(b'-');
    out.digits(u8::from(date.month()) as u32, 2);
    out.push(b'-');
    out.digits(date.day() as u32, 2);
}

/// Writes `hh:mm:ss` and, when `fraction_digits` is 1 to 9, that many digits of the fraction.
pub(crate) fn write_time(out: &mut TextBuffer<'_>, time: Time, fraction_digits: u8) {
    out.digits(time.hour() as u32, 2);
    out.push(b':');
    out.digits(time.minute() as u32, 2);
    out.push(b':');
    out.digits(time.second() as u32, 2);
    if fraction_digits > 0 {
        out.push(b'.');
        let width = fraction_digits as usize;
        out.digits(time.nanosecond() / 10u32.pow(9 - fraction_digits as u32), width);
    }
}

#[inline]
fn two_digits(high: u8, low: u8) -> Option<u8> {
    (high.is_ascii_digit() && low.is_ascii_digit()).then(|| (high - b'0') * 10 + (low - b'0'))
}

#[inline]
fn digits_value(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, &byte| byte.is_ascii_digit().then(|| value * 10 + (byte - b'0') as u32))
}

/// The number of days in `month` (1 to 12) of `year` (proleptic Gregorian, as `time` counts).
#[inline]
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Checks exactly `YYYY-MM-DD`: the year, month and day, without building a calendar date.
#[inline]
fn check_date(bytes: &[u8]) -> Result<(u16, u8, u8), &'static str> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return Err("expected a date `YYYY-MM-DD`");
    };
    let year = digits_value(&[y1, y2, y3, y4]).ok_or("the year is not four digits")? as u16;
    let month = two_digits(m1, m2).ok_or("the month is not two digits")?;
    let day = two_digits(d1, d2).ok_or("the day is not two digits")?;
    if !(1..=12).contains(&month) {
        return Err("the month is not 01 to 12");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("the day does not exist in that month");
    }
    Ok((year, month, day))
}

/// Parses exactly `YYYY-MM-DD`.
pub(crate) fn parse_date(bytes: &[u8]) -> Result<Date, &'static str> {
    let (year, month, day) = check_date(bytes)?;
    let month = Month::try_from(month).map_err(|_| "the month is not 01 to 12")?;
    Date::from_calendar_date(i32::from(year), month, day).map_err(|_| "the day does not exist in that month")
}

/// The fields of a time `hh:mm:ss[.f]`: hour, minute, second, nanosecond, digit count, and what follows.
type TimeFields<'a> = (u8, u8, u8, u32, u8, &'a [u8]);

/// Checks `hh:mm:ss[.f{1,9}]` at the start of `bytes`.
#[inline]
fn check_time(bytes: &[u8]) -> Result<TimeFields<'_>, &'static str> {
    let [h1, h2, b':', mi1, mi2, b':', s1, s2, ref rest @ ..] = *bytes else {
        return Err("expected a time `hh:mm:ss`");
    };
    let hour = two_digits(h1, h2).ok_or("the hour is not two digits")?;
    let minute = two_digits(mi1, mi2).ok_or("the minutes are not two digits")?;
    let second = two_digits(s1, s2).ok_or("the seconds are not two digits")?;
    let (nanosecond, fraction_digits, rest) = match rest {
        [b'.', fraction @ ..] => {
            let count = fraction.iter().take_while(|byte| byte.is_ascii_digit()).count();
            if count == 0 || count > 9 {
                return Err("the fraction of a second must have 1 to 9 digits");
            }
            let value = digits_value(&fraction[..count]).ok_or("the fraction is not digits")?;
            (value * 10u32.pow(9 - count as u32), count as u8, &fraction[count..])
        }
        _ => (0, 0, rest),
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err("the time is out of range");
    }
    Ok((hour, minute, second, nanosecond, fraction_digits, rest))
}

/// Parses `hh:mm:ss[.f{1,9}]` at the start of `bytes`; returns the time, its digit count and the rest.
pub(crate) fn parse_time(bytes: &[u8]) -> Result<(Time, u8, &[u8]), &'static str> {
    let (hour, minute, second, nanosecond, fraction_digits, rest) = check_time(bytes)?;
    let time = Time::from_hms_nano(hour, minute, second, nanosecond).map_err(|_| "the time is out of range")?;
    Ok((time, fraction_digits, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_digit_for_digit() {
        for text in [
            "2016-12-31T23:58:36.6670033-08:00",
            "2016-12-31T23:58:36Z",
            "2016-12-31T23:58:36.1Z",
            "2016-12-31T23:58:36.000000000Z",
            "2016-12-31T23:58:36.123456789+00:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999+14:00",
            "2020-02-29T12:00:00-14:00",
            "2020-06-01T12:00:00.50+05:30",
        ] {
            let value = DateTimeOffset::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<DateTimeOffset>(&format!("\"{text}\"")).unwrap(), value);
        }
    }

    #[test]
    fn the_fast_check_agrees_with_the_one_that_explains() {
        let mut texts: Vec<String> = Vec::new();
        for base in
            ["2016-12-31T23:58:36.6670033-08:00", "2016-12-31T23:58:36.123456789Z", "2016-12-31T23:58:36.1+14:00"]
        {
            for at in 0..base.len() {
                for replacement in ["0", "9", "x", "-", ":", ".", "Z", "+", "T", "/", "\u{7f}", "é", "", "12"] {
                    texts.push(format!("{}{replacement}{}", &base[..at], &base[at + 1..]));
                }
            }
        }
        for extra in
            ["2016-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2016-12-31T23:58:36+14:01"]
        {
            texts.push(extra.to_owned());
        }
        for text in texts {
            assert_eq!(is_valid(text.as_bytes()), check(text.as_bytes()).is_ok(), "{text}");
        }
    }

    #[test]
    fn json_strings_are_read_as_bytes_with_the_same_answers() {
        let expected = DateTimeOffset::parse("2016-12-31T23:58:36.6670033-08:00").unwrap();
        // Escapes are decoded before the check, as they were when read as a string.
        let escaped = br#""\u0032016-12-31T23:58:36.6670033-08\u003a00""#;
        assert_eq!(serde_json::from_slice::<DateTimeOffset>(escaped).unwrap(), expected);
        // Every other way in: a reader (copied bytes), a `Value` and a `str` source hand a string.
        let json = br#""2016-12-31T23:58:36.6670033-08:00""#;
        assert_eq!(serde_json::from_reader::<_, DateTimeOffset>(&json[..]).unwrap(), expected);
        let value = serde_json::Value::String(expected.to_string());
        assert_eq!(serde_json::from_value::<DateTimeOffset>(value).unwrap(), expected);
        assert_eq!(
            serde_json::from_str::<Vec<DateTimeOffset>>(r#"["2016-12-31T23:58:36.6670033-08:00"]"#).unwrap(),
            [expected]
        );

        // What serde_json no longer checks first is still refused, by the date's own check.
        let mut not_utf8 = json.to_vec();
        not_utf8[5] = 0xff;
        let error = serde_json::from_slice::<DateTimeOffset>(&not_utf8).unwrap_err().to_string();
        assert!(error.starts_with("invalid DateTimeOffset `2016\u{fffd}"), "{error}");
        let mut control = json.to_vec();
        control[20] = b'\n';
        let error = serde_json::from_slice::<DateTimeOffset>(&control).unwrap_err().to_string();
        assert!(error.starts_with("invalid DateTimeOffset `2016-12-31T23:58:36\n6670033"), "{error}");
        for wrong in ["[50]", "12", "null", "{}"] {
            let error = serde_json::from_str::<DateTimeOffset>(wrong).unwrap_err().to_string();
            assert!(error.starts_with("invalid type: "), "{wrong}: {error}");
            assert!(error.contains("expected a DateTimeOffset string"), "{wrong}: {error}");
        }
    }

    #[test]
    fn minus_zero_stays_and_equality_is_text_equality() {
        let minus_zero = DateTimeOffset::parse("2016-12-31T23:58:36-00:00").unwrap();
        assert_eq!(serde_json::to_string(&minus_zero).unwrap(), "\"2016-12-31T23:58:36-00:00\"");
        let plus_zero = DateTimeOffset::parse("2016-12-31T23:58:36+00:00").unwrap();
        let zulu = DateTimeOffset::parse("2016-12-31T23:58:36Z").unwrap();
        assert_ne!(minus_zero, plus_zero);
        assert!(minus_zero.same_instant(&plus_zero) && minus_zero.same_instant(&zulu));

        let pacific = DateTimeOffset::parse("2016-12-31T23:58:36-08:00").unwrap();
        let utc = DateTimeOffset::parse("2017-01-01T07:58:36+00:00").unwrap();
        assert_ne!(pacific, utc, "the same instant written differently is not equal");
        assert!(pacific.same_instant(&utc));
        assert_eq!(pacific.cmp_instant(&utc), Ordering::Equal);
        let later = DateTimeOffset::parse("2017-01-01T07:58:36.1Z").unwrap();
        assert_eq!(pacific.cmp_instant(&later), Ordering::Less);

        // Hashing agrees with equality: equal texts hash alike, and a set keeps both spellings.
        let set: std::collections::HashSet<DateTimeOffset> = [pacific, utc, pacific].into_iter().collect();
        assert_eq!(set.len(), 2);
        assert_eq!(pacific.as_str(), "2016-12-31T23:58:36-08:00");
    }

    #[test]
    fn the_instant_and_offset_are_parsed() {
        let value = DateTimeOffset::parse("2016-12-31T23:58:36.6670033-08:00").unwrap();
        let instant = value.offset_date_time();
        assert_eq!(instant.unix_timestamp(), 1483257516);
        assert_eq!(instant.nanosecond(), 667_003_300);
        assert_eq!(instant.offset().whole_hours(), -8);
        assert_eq!(value.fraction_digits(), 7);
    }

    #[test]
    fn malformed_text_is_an_error_that_quotes_it() {
        for (text, reason) in [
            ("2016-13-01T00:00:00Z", "the month is not 01 to 12"),
            ("2016-02-30T00:00:00Z", "the day does not exist in that month"),
            ("2016-12-31 23:58:36Z", "expected `T` between the date and the time"),
            ("2016-12-31T24:00:00Z", "the time is out of range"),
            ("2016-12-31T23:58:36.Z", "the fraction of a second must have 1 to 9 digits"),
            ("2016-12-31T23:58:36.1234567890Z", "the fraction of a second must have 1 to 9 digits"),
            ("2016-12-31T23:58:36+15:00", "the offset is outside -14:00 to +14:00"),
            ("2016-12-31T23:58:36-0800", "expected `Z` or an offset `±hh:mm` after the time"),
            ("2016-12-31T23:58:36", "expected `YYYY-MM-DDThh:mm:ss` followed by `Z` or an offset"),
            ("2016-12-31", "expected `YYYY-MM-DDThh:mm:ss` followed by `Z` or an offset"),
            ("201X-12-31T23:58:36Z", "the year is not four digits"),
            ("２016-12-31T23:58:36Z", "expected a date `YYYY-MM-DD`"),
        ] {
            let error = DateTimeOffset::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid DateTimeOffset `{text}`: {reason}"));
        }
    }

    #[test]
    fn from_offset_date_time_keeps_graph_precision() {
        let parsed = DateTimeOffset::parse("2016-12-31T23:58:36.6670033-08:00").unwrap();
        assert_eq!(DateTimeOffset::try_from(parsed.offset_date_time()).unwrap(), parsed);
        let whole = DateTimeOffset::try_from(OffsetDateTime::from_unix_timestamp(1_577_836_800).unwrap()).unwrap();
        assert_eq!(whole.to_string(), "2020-01-01T00:00:00Z");
        let ancient = OffsetDateTime::from_unix_timestamp(-70_000_000_000).unwrap();
        assert!(DateTimeOffset::try_from(ancient).is_err());
    }
}
