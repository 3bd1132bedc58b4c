//! OData actions and functions bound to an entity, a collection or a singleton.
//!
//! An action is `POST {bound path}/{namespace}.{name}` with its parameters as a
//! JSON object; a function is `GET {bound path}/{namespace}.{name}(p1=…,p2=…)`
//! with its parameters written as OData literals. Both use the namespace-qualified
//! segment, which the service accepts for every binding. What a success reads as
//! is the request's [`ReturnShape`]: nothing (`204`), an object, a primitive or
//! enum wrapped in `{"value": …}`, a collection (a [`Page`], which may continue),
//! or a stream of bytes.
//!
//! Function parameters: a string is quoted with its `'` doubled; numbers,
//! booleans, GUIDs and dates are written bare, a duration as `duration'P1D'`, an
//! enum member as `microsoft.graph.type'member'`; all of it percent-encoded so it
//! stays in the path segment. A collection or a complex value does not fit in a
//! path: it is passed as a parameter alias, `(ids=@ids)?@ids=["a","b"]`, its JSON
//! in the query string. An optional parameter left `None` is not written.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::marker::PhantomData;

use http::{HeaderMap, Method, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::list::next_link_url;
use super::query::{DoubleLiteral, StringLiteral};
use super::{Endpoint, GraphRequest, Page, check_status};
use crate::odata::{Binary, Date, DateTimeOffset, Duration, Flags, GraphEnum, Guid, TimeOfDay};
use crate::{Error, ODataType};

/// What a successful response of an operation reads as.
pub trait ReturnShape {
    /// The typed result.
    type Output;

    /// Reads a response whose status is known to be a success (2xx).
    fn read(status: StatusCode, body: &[u8]) -> Result<Self::Output, Error>;
}

/// An operation without a return type: success is `204` (or `200`, its body ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnsNothing;

/// An entity or complex value, the body itself: `returns = T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnsObject<T>(PhantomData<fn() -> T>);

/// A primitive or enum, wrapped as `{"value": …}`: `returns(value = T)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnsValue<T>(PhantomData<fn() -> T>);

/// A collection, `{"value": [...]}`, read as a [`Page`] (it may have a next link): `returns(collection = T)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnsCollection<T>(PhantomData<fn() -> T>);

/// A stream (`Edm.Stream`), the body's bytes as the service sent them: `returns(stream)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnsStream;

impl ReturnShape for ReturnsNothing {
    type Output = ();

    fn read(_: StatusCode, _: &[u8]) -> Result<(), Error> {
        Ok(())
    }
}

impl<T: ODataType + DeserializeOwned> ReturnShape for ReturnsObject<T> {
    type Output = T;

    fn read(status: StatusCode, body: &[u8]) -> Result<T, Error> {
        expect_body(status, body, T::GRAPH_NAME)?;
        Ok(crate::response::read_json(body, T::GRAPH_NAME)?)
    }
}

impl<T: DeserializeOwned> ReturnShape for ReturnsValue<T> {
    type Output = T;

    fn read(status: StatusCode, body: &[u8]) -> Result<T, Error> {
        expect_body(status, body, VALUE)?;
        let wrapped: WrappedValue<T> = crate::response::read_json(body, VALUE)?;
        Ok(wrapped.value)
    }
}

impl<T: DeserializeOwned> ReturnShape for ReturnsCollection<T> {
    type Output = Page<T>;

    fn read(status: StatusCode, body: &[u8]) -> Result<Page<T>, Error> {
        expect_body(status, body, COLLECTION)?;
        Ok(crate::response::read_json(body, COLLECTION)?)
    }
}

impl ReturnShape for ReturnsStream {
    type Output = Vec<u8>;

    fn read(_: StatusCode, body: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(body.to_vec())
    }
}

/// `{"value": …}`, as OData wraps a primitive result (`@odata.context` and the like ignored).
struct WrappedValue<T> {
    value: T,
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for WrappedValue<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned> serde::de::Visitor<'de> for ValueVisitor<T> {
            type Value = WrappedValue<T>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with the result in `value`")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<WrappedValue<T>, A::Error> {
                let mut value = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key != "value" {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    } else if value.is_some() {
                        return Err(crate::read::duplicate_property("value"));
                    } else {
                        value = Some(map.next_value()?);
                    }
                }
                let value = value.ok_or_else(|| crate::read::missing_property("value"))?;
                Ok(WrappedValue { value })
            }
        }

        deserializer.deserialize_map(ValueVisitor(PhantomData))
    }
}

/// What errors name a wrapped primitive result.
const VALUE: &str = "the operation's value";
/// What errors name a collection result.
const COLLECTION: &str = "the operation's collection";

/// A success without a body (a `204`, or an empty or blank body) for an operation that returns
/// something is not what it promised: an error saying the body is missing, naming `what` was
/// expected.
fn expect_body(status: StatusCode, body: &[u8], what: &'static str) -> Result<(), Error> {
    if status == StatusCode::NO_CONTENT || body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Body(crate::BodyError {
            type_name: what,
            path: String::new(),
            message: format!("the response has no body (HTTP {}); the operation returns one", status.as_u16()),
            line: 0,
            column: 0,
        }));
    }
    Ok(())
}

/// The parameters of an action, as its derive writes them.
pub trait ActionParameters: Serialize {
    /// Whether the action has no parameters: then the request has no body.
    const EMPTY: bool;
}

/// `POST {bound path}/{namespace}.{name}`: an action and its parameters.
///
/// Built by the function the action's derive gives the bound type
/// (`DeviceConfiguration::assign(id, parameters)?`); reads back as `R::Output`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRequest<P, R> {
    path: String,
    parameters: P,
    returns: PhantomData<fn() -> R>,
}

impl<P: ActionParameters, R: ReturnShape> ActionRequest<P, R> {
    /// The action `qualified_name` (`microsoft.graph.assign`) bound to what is at `bound_path`.
    pub fn new(bound_path: &str, qualified_name: &str, parameters: P) -> Self {
        ActionRequest { path: format!("{bound_path}/{qualified_name}"), parameters, returns: PhantomData }
    }

    /// The path: `/deviceManagement/deviceConfigurations/{id}/microsoft.graph.assign`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The parameters that will be sent.
    pub fn parameters(&self) -> &P {
        &self.parameters
    }
}

impl<P: ActionParameters, R: ReturnShape> GraphRequest for ActionRequest<P, R> {
    type Output = R::Output;

    fn method(&self) -> Method {
        Method::POST
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url(&self.path))
    }

    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        if P::EMPTY { Ok(None) } else { super::json_body(&self.parameters) }
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<R::Output, Error> {
        check_status(status, headers, body, &[200, 201, 204])?;
        R::read(status, body)
    }
}

impl<P: ActionParameters, T: DeserializeOwned> ActionRequest<P, ReturnsCollection<T>> {
    /// The request for the page after `page` of the action's collection, or `None` on the last page.
    pub fn next_page(&self, page: &Page<T>) -> Option<NextPageRequest<T>> {
        NextPageRequest::after(page)
    }
}

/// The parameters of a function, as its derive writes them into the call.
pub trait FunctionParameters {
    /// Writes each parameter: `call.parameter("scope", &self.scope)`.
    fn write_parameters(&self, call: &mut FunctionCall);
}

/// `GET {bound path}/{namespace}.{name}(…)`: a function and its parameters, written in the URL.
///
/// A parameter that cannot be written (a collection or complex value serde cannot turn into
/// JSON) makes the request an [`Error::InvalidRequest`] naming it, from
/// [`GraphRequest::url`] and so from `to_http` and the client: it is never sent with another
/// value in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionRequest<R> {
    path: String,
    query: String,
    /// Why a parameter could not be written, when one could not.
    unwritable: Option<String>,
    returns: PhantomData<fn() -> R>,
}

impl<R: ReturnShape> FunctionRequest<R> {
    /// The function `qualified_name` (`microsoft.graph.getEffectivePermissions`) bound to what is
    /// at `bound_path`, called with `parameters`.
    pub fn new(bound_path: &str, qualified_name: &str, parameters: &impl FunctionParameters) -> Self {
        let mut call = FunctionCall {
            segment: format!("{bound_path}/{qualified_name}("),
            query: String::new(),
            count: 0,
            unwritable: None,
        };
        parameters.write_parameters(&mut call);
        call.segment.push(')');
        FunctionRequest { path: call.segment, query: call.query, unwritable: call.unwritable, returns: PhantomData }
    }

    /// The path, parameters included: `/deviceManagement/microsoft.graph.getEffectivePermissions(scope='x')`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string of the parameter aliases, without `?` (empty when there are none).
    pub fn query(&self) -> &str {
        &self.query
    }
}

impl<R: ReturnShape> GraphRequest for FunctionRequest<R> {
    type Output = R::Output;

    fn method(&self) -> Method {
        Method::GET
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        if let Some(reason) = &self.unwritable {
            return Err(Error::InvalidRequest { reason: reason.clone() });
        }
        Ok(super::get::with_query(endpoint.url(&self.path), &self.query))
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<R::Output, Error> {
        check_status(status, headers, body, &[200, 204])?;
        R::read(status, body)
    }
}

impl<T: DeserializeOwned> FunctionRequest<ReturnsCollection<T>> {
    /// The request for the page after `page` of the function's collection, or `None` on the last page.
    pub fn next_page(&self, page: &Page<T>) -> Option<NextPageRequest<T>> {
        NextPageRequest::after(page)
    }
}

/// `GET` the next page of an operation's collection: its `@odata.nextLink`, followed
/// only inside the endpoint (see [`crate::ListRequest`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPageRequest<T> {
    next_link: String,
    items: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> NextPageRequest<T> {
    fn after(page: &Page<T>) -> Option<Self> {
        Some(NextPageRequest { next_link: page.next_link.clone()?, items: PhantomData })
    }

    /// The link this request follows.
    pub fn next_link(&self) -> &str {
        &self.next_link
    }

    /// The request for the page after `page`, or `None` on the last page.
    pub fn next_page(&self, page: &Page<T>) -> Option<NextPageRequest<T>> {
        Self::after(page)
    }
}

impl<T: DeserializeOwned> GraphRequest for NextPageRequest<T> {
    type Output = Page<T>;

    fn method(&self) -> Method {
        Method::GET
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        next_link_url(&self.next_link, endpoint)
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Page<T>, Error> {
        check_status(status, headers, body, &[200])?;
        Ok(crate::response::read_json(body, COLLECTION)?)
    }
}

/// Everything but RFC 3986 unreserved characters and `'` (the literals' own quote) is
/// percent-encoded, so a literal stays inside the function's path segment.
const LITERAL: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'\'');
/// A parameter alias's JSON value, in the query string.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The call of a function being written: its parameter list, and the aliases' query.
pub struct FunctionCall {
    segment: String,
    query: String,
    count: usize,
    /// The first parameter that could not be written, and why: the request is then refused.
    unwritable: Option<String>,
}

impl FunctionCall {
    /// Writes parameter `name` with `value`; an optional parameter left `None` is not written.
    ///
    /// A value that cannot be written is remembered, and makes the request an error when it is
    /// turned into a URL (see [`FunctionRequest`]).
    pub fn parameter<V: FunctionParameter + ?Sized>(&mut self, name: &str, value: &V) {
        let mut literal = String::new();
        let kind = match value.write_literal(&mut literal) {
            Ok(kind) => kind,
            Err(error) => {
                self.unwritable
                    .get_or_insert_with(|| format!("function parameter `{name}` cannot be written as JSON: {error}"));
                return;
            }
        };
        match kind {
            LiteralKind::Absent => {}
            LiteralKind::Inline => {
                self.separator();
                let _ = write!(self.segment, "{name}={}", utf8_percent_encode(&literal, LITERAL));
            }
            LiteralKind::Alias => {
                self.separator();
                let _ = write!(self.segment, "{name}=@{name}");
                if !self.query.is_empty() {
                    self.query.push('&');
                }
                let _ = write!(self.query, "@{name}={}", utf8_percent_encode(&literal, QUERY_VALUE));
            }
        }
    }

    fn separator(&mut self) {
        if self.count > 0 {
            self.segment.push(',');
        }
        self.count += 1;
    }
}

/// How a parameter value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralKind {
    /// Not at all: an optional parameter left `None`.
    Absent,
    /// As an OData literal, in the path: `'text'`, `3`, `true`.
    Inline,
    /// As JSON, through a parameter alias in the query: a collection or a complex value.
    Alias,
}

/// A value a function parameter can take, written as an OData literal (or as JSON, for an alias).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a function parameter",
    label = "not an OData literal",
    note = "a function parameter is a string, number, boolean, GUID, date or time, duration, enum, `Flags`, `Vec`, or `AsJson(&value)` for a complex value"
)]
pub trait FunctionParameter {
    /// Writes the value into `out` and says how it is to be passed; an `Err` when it cannot be
    /// written (serde could not turn a collection or a complex value into JSON).
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error>;
}

impl FunctionParameter for str {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        let _ = write!(out, "{}", StringLiteral(self));
        Ok(LiteralKind::Inline)
    }
}

impl FunctionParameter for String {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        self.as_str().write_literal(out)
    }
}

impl<T: FunctionParameter> FunctionParameter for Option<T> {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        match self {
            Some(value) => value.write_literal(out),
            None => Ok(LiteralKind::Absent),
        }
    }
}

/// Written bare: numbers, booleans, GUIDs and the date and time types.
macro_rules! bare_literals {
    ($($type:ty),*) => {
        $(impl FunctionParameter for $type {
            fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
                let _ = write!(out, "{self}");
                Ok(LiteralKind::Inline)
            }
        })*
    };
}

bare_literals!(bool, u8, i8, i16, i32, i64, Guid, Date, TimeOfDay, DateTimeOffset);

/// `INF`, `-INF` and `NaN` as OData spells them; a finite number as Rust writes it (round-trips).
impl FunctionParameter for f64 {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        let _ = write!(out, "{}", DoubleLiteral(*self));
        Ok(LiteralKind::Inline)
    }
}

impl FunctionParameter for Duration {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        let _ = write!(out, "duration'{self}'");
        Ok(LiteralKind::Inline)
    }
}

impl FunctionParameter for Binary {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        let _ = write!(out, "binary'{self}'");
        Ok(LiteralKind::Inline)
    }
}

/// An enum member, qualified by its type: `microsoft.graph.devicePlatformType'windows10AndLater'`.
fn write_member(out: &mut String, graph_name: &str, members: &str) -> Result<LiteralKind, serde_json::Error> {
    let _ = write!(out, "microsoft.graph.{graph_name}{}", StringLiteral(members));
    Ok(LiteralKind::Inline)
}

impl<E: GraphEnum> FunctionParameter for E {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        write_member(out, E::GRAPH_NAME, self.as_member())
    }
}

/// Several members of a flags enum: `microsoft.graph.keyUsages'keyEncipherment,digitalSignature'`.
impl<E: GraphEnum> FunctionParameter for Flags<E> {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        write_member(out, E::GRAPH_NAME, &self.to_string())
    }
}

/// A collection: its JSON, through a parameter alias.
impl<T: Serialize> FunctionParameter for Vec<T> {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        write_json(out, self)
    }
}

/// Any JSON value (a complex value read or built untyped), through a parameter alias.
impl FunctionParameter for serde_json::Value {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        write_json(out, self)
    }
}

/// `value` as JSON into `out`, to be passed through a parameter alias.
fn write_json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<LiteralKind, serde_json::Error> {
    out.push_str(&serde_json::to_string(value)?);
    Ok(LiteralKind::Alias)
}

/// A complex value (or any JSON), written as JSON through a parameter alias.
pub struct AsJson<'a, T>(pub &'a T);

impl<T: Serialize> FunctionParameter for AsJson<'_, T> {
    fn write_literal(&self, out: &mut String) -> Result<LiteralKind, serde_json::Error> {
        write_json(out, self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Scope<'a> {
        scope: &'a str,
        count: Option<i32>,
        ids: Vec<String>,
    }

    impl FunctionParameters for Scope<'_> {
        fn write_parameters(&self, call: &mut FunctionCall) {
            call.parameter("scope", self.scope);
            call.parameter("count", &self.count);
            call.parameter("ids", &self.ids);
        }
    }

    #[test]
    fn function_parameters_are_odata_literals_in_the_path_and_aliases_in_the_query() {
        let parameters = Scope { scope: "it's a/b%c é", count: None, ids: vec!["x".into(), "y'".into()] };
        let request: FunctionRequest<ReturnsValue<bool>> =
            FunctionRequest::new("/deviceManagement", "microsoft.graph.check", &parameters);
        assert_eq!(
            request.path(),
            "/deviceManagement/microsoft.graph.check(scope='it''s%20a%2Fb%25c%20%C3%A9',ids=@ids)"
        );
        assert_eq!(request.query(), "@ids=%5B%22x%22%2C%22y%27%22%5D");
        assert_eq!(
            request.url(&Endpoint::beta()).unwrap(),
            "https://graph.microsoft.com/beta/deviceManagement/microsoft.graph.check(scope='it''s%20a%2Fb%25c%20%C3%A9',ids=@ids)?@ids=%5B%22x%22%2C%22y%27%22%5D"
        );
        let parameters = Scope { scope: "", count: Some(-3), ids: Vec::new() };
        let request: FunctionRequest<ReturnsNothing> = FunctionRequest::new("/a", "microsoft.graph.f", &parameters);
        assert_eq!(request.path(), "/a/microsoft.graph.f(scope='',count=-3,ids=@ids)");
    }

    #[test]
    fn literals_of_each_kind() {
        let literal = |value: &dyn FunctionParameter| {
            let mut out = String::new();
            value.write_literal(&mut out).unwrap();
            out
        };
        assert_eq!(literal(&true), "true");
        assert_eq!(literal(&f64::INFINITY), "INF");
        assert_eq!(literal(&f64::NEG_INFINITY), "-INF");
        assert_eq!(literal(&f64::NAN), "NaN");
        assert_eq!(literal(&1.5), "1.5");
        assert_eq!(literal(&String::from("'it's'")), "'''it''s'''");
        assert_eq!(literal(&String::new()), "''");
        assert_eq!(
            literal(&"2024-01-02T03:04:05.5+01:00".parse::<DateTimeOffset>().unwrap()),
            "2024-01-02T03:04:05.5+01:00"
        );
        assert_eq!(literal(&"P1DT2H".parse::<Duration>().unwrap()), "duration'P1DT2H'");
    }

    #[test]
    fn return_shapes_read_their_bodies() {
        let value = ReturnsValue::<bool>::read(StatusCode::OK, br#"{"@odata.context":"x","value":true}"#).unwrap();
        assert!(value);
        let page =
            ReturnsCollection::<String>::read(StatusCode::OK, br#"{"value":["a"],"@odata.nextLink":"n"}"#).unwrap();
        assert_eq!((page.value, page.next_link.as_deref()), (vec!["a".to_owned()], Some("n")));
        assert!(ReturnsValue::<bool>::read(StatusCode::NO_CONTENT, b"").is_err());
        assert_eq!(ReturnsStream::read(StatusCode::OK, b"%PDF").unwrap(), b"%PDF");
        let error = ReturnsValue::<i32>::read(StatusCode::OK, br#"{"value":"x"}"#).unwrap_err();
        assert!(error.to_string().contains("value"), "{error}");
    }
}
