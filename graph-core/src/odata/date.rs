//! `Edm.Date`: a calendar day.

use super::date_time::{TextBuffer, parse_date, write_date};
use super::{InvalidValue, TextForm};

const TYPE_NAME: &str = "Date";

/// An `Edm.Date`: a day of the calendar with no time and no offset, `2016-12-31`.
///
/// The text has one form (four-digit year, two-digit month and day), so the
/// text read is the text written. Years are 0000 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(time::Date);

impl Date {
    /// The length of the text form, `YYYY-MM-DD`.
    const TEXT_LEN: usize = 10;

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, InvalidValue> {
        parse_date(text.as_bytes()).map(Date).map_err(|reason| InvalidValue::new(TYPE_NAME, text, reason))
    }

    /// The day, for arithmetic and comparison.
    pub fn date(&self) -> time::Date {
        self.0
    }

    /// Writes the text form into `buffer` and returns it.
    fn write_text<'b>(&self, buffer: &'b mut [u8; Self::TEXT_LEN]) -> &'b str {
        let mut out = TextBuffer::new(buffer);
        write_date(&mut out, self.0);
        out.into_str()
    }
}

impl TryFrom<time::Date> for Date {
    type Error = InvalidValue;

    /// Keeps the day; years outside 0000 to 9999 have no four-digit text form and are refused.
    fn try_from(date: time::Date) -> Result<Self, InvalidValue> {
        // `time` goes beyond 9999 when any crate in the build enables its `large-dates` feature.
        if !(0..=9999).contains(&date.year()) {
            return Err(InvalidValue::new(TYPE_NAME, &date.to_string(), "only years 0000 to 9999 can be written"));
        }
        Ok(Date(date))
    }
}

impl TextForm for Date {
    const TYPE_NAME: &'static str = "Date";
    const EXPECTING: &'static str = "a Date string such as `2016-12-31`";

    fn parse_text(text: &str) -> Result<Self, InvalidValue> {
        Date::parse(text)
    }
}

text_form_impls!(Date);
buffered_text_impls!(Date, Date::TEXT_LEN);

#[cfg(test)]
mod tests {
    use super::*;

    use time::Month;

    #[test]
    fn text_comes_back_unchanged() {
        for text in ["2016-12-31", "0000-01-01", "0001-01-01", "9999-12-31", "2020-02-29", "2000-02-29", "1970-01-01"] {
            let value = Date::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(format!("{value:?}"), format!("Date({text})"));
            assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Date>(&format!("\"{text}\"")).unwrap(), value);
        }
    }

    #[test]
    fn the_day_is_parsed() {
        let value = Date::parse("2016-12-31").unwrap();
        assert_eq!(value.date(), time::Date::from_calendar_date(2016, Month::December, 31).unwrap());
        assert!(Date::parse("0001-01-01").unwrap() < Date::parse("9999-12-31").unwrap());
    }

    #[test]
    fn malformed_text_is_an_error_that_quotes_it() {
        for (text, reason) in [
            ("", "expected a date `YYYY-MM-DD`"),
            ("2016-12-3", "expected a date `YYYY-MM-DD`"),
            ("2016-12-310", "expected a date `YYYY-MM-DD`"),
            ("16-12-31", "expected a date `YYYY-MM-DD`"),
            ("2016/12/31", "expected a date `YYYY-MM-DD`"),
            ("-016-12-31", "the year is not four digits"),
            ("2016-12-31T00:00:00Z", "expected a date `YYYY-MM-DD`"),
            (" 2016-12-31", "expected a date `YYYY-MM-DD`"),
            ("２016-12-31", "expected a date `YYYY-MM-DD`"),
            ("201X-12-31", "the year is not four digits"),
            ("2016-1X-31", "the month is not two digits"),
            ("2016-12-3X", "the day is not two digits"),
            ("2016-00-01", "the month is not 01 to 12"),
            ("2016-13-01", "the month is not 01 to 12"),
            ("2016-12-00", "the day does not exist in that month"),
            ("2016-12-32", "the day does not exist in that month"),
            ("2019-02-29", "the day does not exist in that month"),
            ("1900-02-29", "the day does not exist in that month"),
        ] {
            let error = Date::parse(text).unwrap_err();
            assert_eq!(error.to_string(), format!("invalid Date `{text}`: {reason}"), "{text:?}");
        }
        let error = serde_json::from_str::<Date>("\"2016-02-30\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid Date `2016-02-30`: the day does not exist in that month at line 1 column 12"
        );
        let error = serde_json::from_str::<Date>("20161231").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `20161231`, expected a Date string such as `2016-12-31` at line 1 column 8"
        );
    }

    #[test]
    fn from_time_date_refuses_years_without_a_text_form() {
        let day = time::Date::from_calendar_date(9999, Month::December, 31).unwrap();
        assert_eq!(Date::try_from(day).unwrap().to_string(), "9999-12-31");
        let day = time::Date::from_calendar_date(0, Month::January, 1).unwrap();
        assert_eq!(Date::try_from(day).unwrap().to_string(), "0000-01-01");
        let day = time::Date::from_calendar_date(-1, Month::December, 31).unwrap();
        assert_eq!(
            Date::try_from(day).unwrap_err().to_string(),
            "invalid Date `-0001-12-31`: only years 0000 to 9999 can be written"
        );
    }
}
