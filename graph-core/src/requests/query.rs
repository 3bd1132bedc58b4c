//! OData query options: `$select`, `$filter`, `$orderby`, `$top`, `$skip`, `$count`, `$expand`, `$search`.

use std::fmt::{self, Write as _};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::{DateTimeOffset, EntityProperty};

/// Query values are encoded but for RFC 3986 unreserved characters and the `,`
/// that separates list items, so `$filter=displayName eq 'a&b'` cannot smuggle a
/// second option: the `&`, `=`, `#`, `+`, `%` and spaces of a value are all `%XX`.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b',');

/// Sort direction of an `$orderby` item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `asc`.
    Ascending,
    /// `desc`.
    Descending,
}

/// The query options of a `GET`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Query {
    pub select: Vec<&'static str>,
    pub expand: Vec<String>,
    pub filter: Option<String>,
    pub order_by: Vec<(&'static str, Order)>,
    pub search: Option<String>,
    pub top: Option<u64>,
    pub skip: Option<u64>,
    pub count: Option<bool>,
}

impl Query {
    /// `$select=a,b&$top=5`: the query string without `?`, values percent-encoded; empty when there are none.
    pub fn encode(&self) -> String {
        let mut query = String::new();
        let mut option = |name: &str, value: &str| {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(name);
            query.push('=');
            query.extend(utf8_percent_encode(value, QUERY_VALUE));
        };
        if !self.select.is_empty() {
            option("$select", &self.select.join(","));
        }
        if !self.expand.is_empty() {
            option("$expand", &self.expand.join(","));
        }
        if let Some(filter) = &self.filter {
            option("$filter", filter);
        }
        if !self.order_by.is_empty() {
            let items: Vec<String> = self
                .order_by
                .iter()
                .map(|(name, order)| match order {
                    Order::Ascending => format!("{name} asc"),
                    Order::Descending => format!("{name} desc"),
                })
                .collect();
            option("$orderby", &items.join(","));
        }
        if let Some(search) = &self.search {
            option("$search", search);
        }
        if let Some(top) = self.top {
            option("$top", &top.to_string());
        }
        if let Some(skip) = self.skip {
            option("$skip", &skip.to_string());
        }
        if let Some(count) = self.count {
            option("$count", if count { "true" } else { "false" });
        }
        query
    }
}

/// A `$filter` expression.
///
/// Build it from properties and values, so names are checked at compile time
/// and values are quoted as OData wants (`'it''s'`), or give the text as is.
///
/// ```
/// # use msgraph_entity::{Filter, EntityProperty};
/// # #[derive(Clone, Copy)] enum P { DisplayName, Version }
/// # impl EntityProperty for P { fn graph_name(self) -> &'static str { match self { P::DisplayName => "displayName", P::Version => "version" } } }
/// let filter = Filter::eq(P::DisplayName, "it's").and(Filter::gt(P::Version, 2));
/// assert_eq!(filter.to_string(), "(displayName eq 'it''s') and (version gt 2)");
/// assert_eq!(Filter::from("startswith(displayName,'a')").to_string(), "startswith(displayName,'a')");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter(String);

/// A literal in a `$filter` expression.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string, written quoted with `'` doubled.
    String(String),
    /// A number.
    Integer(i64),
    /// A floating-point number.
    Double(f64),
    /// `true` or `false`.
    Boolean(bool),
    /// `null`.
    Null,
    /// A `DateTimeOffset`, written unquoted as OData wants.
    DateTimeOffset(DateTimeOffset),
    /// Any other primitive's literal, written as it is (a `Decimal`'s digits).
    Literal(String),
}

impl fmt::Display for FilterValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterValue::String(text) => StringLiteral(text).fmt(f),
            FilterValue::Integer(number) => write!(f, "{number}"),
            FilterValue::Double(number) => DoubleLiteral(*number).fmt(f),
            FilterValue::Boolean(value) => write!(f, "{value}"),
            FilterValue::Null => f.write_str("null"),
            FilterValue::DateTimeOffset(value) => write!(f, "{value}"),
            FilterValue::Literal(text) => f.write_str(text),
        }
    }
}

/// A string as an OData literal: quoted, each `'` doubled (for `$filter` values and function
/// parameters alike).
pub(crate) struct StringLiteral<'a>(pub(crate) &'a str);

impl fmt::Display for StringLiteral<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('\'')?;
        let mut pieces = self.0.split('\'');
        if let Some(first) = pieces.next() {
            f.write_str(first)?;
        }
        for piece in pieces {
            f.write_str("''")?;
            f.write_str(piece)?;
        }
        f.write_char('\'')
    }
}

/// A double as an OData literal: `INF`, `-INF` and `NaN` as OData spells them, a finite number
/// as Rust writes it (it round-trips).
pub(crate) struct DoubleLiteral(pub(crate) f64);

impl fmt::Display for DoubleLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            number if number.is_nan() => f.write_str("NaN"),
            number if number.is_infinite() => f.write_str(if number.is_sign_negative() { "-INF" } else { "INF" }),
            number => write!(f, "{number:?}"),
        }
    }
}

impl From<&str> for FilterValue {
    fn from(text: &str) -> Self {
        FilterValue::String(text.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(text: String) -> Self {
        FilterValue::String(text)
    }
}

impl From<i32> for FilterValue {
    fn from(number: i32) -> Self {
        FilterValue::Integer(number.into())
    }
}

impl From<i64> for FilterValue {
    fn from(number: i64) -> Self {
        FilterValue::Integer(number)
    }
}

impl From<f64> for FilterValue {
    fn from(number: f64) -> Self {
        FilterValue::Double(number)
    }
}

impl From<bool> for FilterValue {
    fn from(value: bool) -> Self {
        FilterValue::Boolean(value)
    }
}

impl From<DateTimeOffset> for FilterValue {
    fn from(value: DateTimeOffset) -> Self {
        FilterValue::DateTimeOffset(value)
    }
}

impl Filter {
    fn comparison(property: impl EntityProperty, operator: &str, value: impl Into<FilterValue>) -> Self {
        Filter(format!("{} {operator} {}", property.graph_name(), value.into()))
    }

    /// `property eq value`.
    pub fn eq(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "eq", value)
    }

    /// `property ne value`.
    pub fn ne(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "ne", value)
    }

    /// `property gt value`.
    pub fn gt(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "gt", value)
    }

    /// `property ge value`.
    pub fn ge(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "ge", value)
    }

    /// `property lt value`.
    pub fn lt(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "lt", value)
    }

    /// `property le value`.
    pub fn le(property: impl EntityProperty, value: impl Into<FilterValue>) -> Self {
        Filter::comparison(property, "le", value)
    }

    /// `startswith(property, 'prefix')`.
    pub fn starts_with(property: impl EntityProperty, prefix: &str) -> Self {
        Filter(format!("startswith({},{})", property.graph_name(), FilterValue::from(prefix)))
    }

    /// `(self) and (other)`.
    pub fn and(self, other: Filter) -> Self {
        Filter(format!("({}) and ({})", self.0, other.0))
    }

    /// `(self) or (other)`.
    pub fn or(self, other: Filter) -> Self {
        Filter(format!("({}) or ({})", self.0, other.0))
    }
}

impl std::ops::Not for Filter {
    type Output = Filter;

    /// `not (self)`.
    fn not(self) -> Filter {
        let mut negated = String::with_capacity(self.0.len() + 6);
        let _ = write!(negated, "not ({})", self.0);
        Filter(negated)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Filter {
    /// A filter written by hand, sent as is (percent-encoded).
    fn from(text: &str) -> Self {
        Filter(text.to_owned())
    }
}

impl From<String> for Filter {
    /// A filter written by hand, sent as is (percent-encoded).
    fn from(text: String) -> Self {
        Filter(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_encoded_so_values_cannot_add_options() {
        let query = Query {
            select: vec!["id", "displayName"],
            filter: Some("displayName eq 'a&$top=1 #%+'".to_owned()),
            order_by: vec![("displayName", Order::Descending), ("id", Order::Ascending)],
            top: Some(5),
            skip: Some(10),
            count: Some(true),
            expand: vec!["assignments".to_owned()],
            search: Some("\"é\"".to_owned()),
        };
        assert_eq!(
            query.encode(),
            "$select=id,displayName&$expand=assignments&$filter=displayName%20eq%20%27a%26%24top%3D1%20%23%25%2B%27\
             &$orderby=displayName%20desc,id%20asc&$search=%22%C3%A9%22&$top=5&$skip=10&$count=true"
        );
        assert_eq!(Query::default().encode(), "");
    }

    #[test]
    fn filter_values_are_quoted_as_odata_wants() {
        #[derive(Clone, Copy)]
        struct Name;
        impl EntityProperty for Name {
            fn graph_name(self) -> &'static str {
                "displayName"
            }
        }
        assert_eq!(Filter::eq(Name, "O'Brien").to_string(), "displayName eq 'O''Brien'");
        assert_eq!((!Filter::ne(Name, FilterValue::Null)).to_string(), "not (displayName ne null)");
        let when = DateTimeOffset::parse("2016-12-31T23:58:36Z").unwrap();
        assert_eq!(Filter::ge(Name, when).to_string(), "displayName ge 2016-12-31T23:58:36Z");
        assert_eq!(
            Filter::lt(Name, 1.5).or(Filter::le(Name, true)).to_string(),
            "(displayName lt 1.5) or (displayName le true)"
        );
        assert_eq!(Filter::starts_with(Name, "a'b").to_string(), "startswith(displayName,'a''b')");
        assert_eq!(Filter::lt(Name, f64::INFINITY).to_string(), "displayName lt INF");
        assert_eq!(Filter::gt(Name, f64::NEG_INFINITY).to_string(), "displayName gt -INF");
        assert_eq!(Filter::ne(Name, f64::NAN).to_string(), "displayName ne NaN");
        assert_eq!(Filter::eq(Name, 1e300).to_string(), "displayName eq 1e300");
    }
}
