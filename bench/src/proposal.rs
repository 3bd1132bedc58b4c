//! Prototypes of the changes `BENCHMARKS.md` proposes for graph-derive and graph-core, measured
//! here before anyone changes those crates (callgrind workloads `*-deserialize-proposal` and
//! `ndes-create-to-http-proposal`).
//!
//! - Deserialization: the derive's expansion as it is (slots, duplicate checks, the tag check,
//!   additional properties; the `graph_core::__private` helpers copied here so the prototype does
//!   not depend on that unstable module), with one change: a property name is
//!   resolved by a generated `match` on string literals, which the compiler turns into length
//!   and constant compares, instead of `PropertyKey`'s linear scan of a `&[&str]` at run time.
//! - `to_http`: the body serialized into a buffer sized once, the `Authorization` value built
//!   once per token, the URI built from parts, the header map sized for its four headers.

use std::fmt;
use std::marker::PhantomData;

use graph_core::{AdditionalProperties, BearerToken, CreateRequest, Endpoint};
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use http::uri::{Authority, PathAndQuery, Scheme};
use serde::Serialize;
use serde::de::{self, DeserializeSeed, Visitor};

/// A model read by the prototype deserializer instead of its derived one.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposed<T>(pub T);

/// What a property name refers to; `F` is the type's generated field enum.
pub enum Property<F> {
    /// `@odata.type`.
    ODataType,
    /// A known property.
    Known(F),
    /// An unknown property, kept for the additional-properties field; its name is in the
    /// buffer the [`Key`] was given, so this value stays two words and is returned in registers.
    Unknown,
    /// An unknown property, skipped.
    Ignored,
}

/// A type's property names, resolved by a generated `match`.
pub trait Names {
    /// The type's field enum.
    type Field;
    /// `ODataType` for `@odata.type`, `Known` for one of the type's properties, else `None`:
    /// one `match` on string literals, `@odata.type` among its arms.
    fn resolve(name: &str) -> Option<Property<Self::Field>>;
}

/// The key seed: like `graph_core::__private::PropertyKey`, with the lookup generated per type.
pub struct Key<'a, N> {
    unknown_name: Option<&'a mut String>,
    names: PhantomData<N>,
}

impl<'a, N> Key<'a, N> {
    /// Writes an unknown name into `unknown_name` (for an additional-properties field); with `None`,
    /// unknown properties are skipped.
    #[inline]
    pub fn new(unknown_name: Option<&'a mut String>) -> Self {
        Key { unknown_name, names: PhantomData }
    }
}

impl<'de, N: Names> DeserializeSeed<'de> for Key<'_, N> {
    type Value = Property<N::Field>;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, N: Names> Visitor<'de> for Key<'_, N> {
    type Value = Property<N::Field>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(match (N::resolve(name), self.unknown_name) {
            (Some(property), _) => property,
            (None, Some(buffer)) => {
                buffer.push_str(name);
                Property::Unknown
            }
            (None, None) => Property::Ignored,
        })
    }
}

/// Implements `Deserialize` for `Proposed<$model>`: the derive's visitor, with a generated name match.
macro_rules! proposed_deserialize {
    ($model:ident { $($field:ident : $ty:ty = $graph:literal,)* }) => {
        impl<'de> serde::Deserialize<'de> for $crate::proposal::Proposed<$model> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum Field {
                    $($field,)*
                }

                struct FieldNames;

                impl $crate::proposal::Names for FieldNames {
                    type Field = Field;

                    #[inline]
                    fn resolve(name: &str) -> Option<$crate::proposal::Property<Field>> {
                        match name {
                            "@odata.type" => Some($crate::proposal::Property::ODataType),
                            $($graph => Some($crate::proposal::Property::Known(Field::$field)),)*
                            _ => None,
                        }
                    }
                }

                struct ModelVisitor;

                impl<'de> serde::de::Visitor<'de> for ModelVisitor {
                    type Value = $crate::proposal::Proposed<$model>;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a JSON object")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        use $crate::proposal::Property;
                        $(let mut $field: Option<Option<$ty>> = None;)*
                        let mut additional = graph_core::AdditionalProperties::new();
                        let mut unknown_name = String::new();
                        while let Some(key) =
                            map.next_key_seed($crate::proposal::Key::<FieldNames>::new(Some(&mut unknown_name)))?
                        {
                            match key {
                                Property::ODataType => {
                                    map.next_value_seed($crate::proposal::TypeCheck(
                                        <$model as graph_core::ODataType>::ODATA_TYPE,
                                    ))?;
                                }
                                $(
                                    Property::Known(Field::$field) => {
                                        if $field.is_some() {
                                            return Err($crate::proposal::duplicate_property($graph));
                                        }
                                        $field = Some(map.next_value::<Option<$ty>>()?);
                                    }
                                )*
                                Property::Unknown => {
                                    let name = std::mem::take(&mut unknown_name);
                                    $crate::proposal::read_additional(&mut additional, name, &mut map)?;
                                }
                                Property::Ignored => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($crate::proposal::Proposed($model {
                            $($field: Option::flatten($field),)*
                            additional_properties: additional,
                        }))
                    }
                }

                deserializer.deserialize_map(ModelVisitor)
            }
        }
    };
}

/// The derive's `@odata.type` check (`graph_core::__private::ODataTypeCheck`): the full name, `#` optional.
pub struct TypeCheck(pub &'static str);

impl<'de> DeserializeSeed<'de> for TypeCheck {
    type Value = ();

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for TypeCheck {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the string `{}`", self.0)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, found: &str) -> Result<(), E> {
        if crate::manual::tag_matches(found, self.0) {
            Ok(())
        } else {
            Err(E::custom(format_args!("expected @odata.type `{}`, found `{found}`", self.0)))
        }
    }
}

/// The error for a property given twice (`graph_core::__private::duplicate_property`).
#[cold]
pub fn duplicate_property<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("duplicate property `{name}`"))
}

/// Reads an unknown property's value into the additional properties (`graph_core::__private::read_additional`).
#[inline]
pub fn read_additional<'de, A: de::MapAccess<'de>>(
    additional: &mut AdditionalProperties,
    name: String,
    map: &mut A,
) -> Result<(), A::Error> {
    if additional.get(&name).is_some() {
        return Err(duplicate_property(&name));
    }
    let value = map.next_value()?;
    additional.insert(name, value);
    Ok(())
}

mod ndes {
    use graph_core::DateTimeOffset;
    use graph_intune::deviceconfig::{NdesConnector, NdesConnectorState};

    proposed_deserialize!(NdesConnector {
        id: String = "id",
        last_connection_date_time: DateTimeOffset = "lastConnectionDateTime",
        state: NdesConnectorState = "state",
        display_name: String = "displayName",
    });
}

/// What an `Endpoint` would keep, parsed once: scheme, authority and the version's path prefix.
pub struct PreparedEndpoint {
    scheme: Scheme,
    authority: Authority,
    prefix: String,
}

impl PreparedEndpoint {
    /// Parses `endpoint`'s service root once.
    pub fn new(endpoint: &Endpoint) -> Self {
        let uri: http::Uri = endpoint.url("").parse().expect("a valid service root");
        PreparedEndpoint {
            scheme: uri.scheme().cloned().expect("a scheme"),
            authority: uri.authority().cloned().expect("an authority"),
            prefix: uri.path().trim_end_matches('/').to_owned(),
        }
    }
}

/// The proposed `CreateRequest::to_http`: same request, fewer allocations and no reparse.
///
/// `authorization` is `BearerToken::header_value()`, built once (the proposal keeps it in the
/// `BearerToken`); `size_hint` is the body's expected length (the proposal: a size hint the
/// derive generates from its property names, or the length of the last body of that type).
pub fn to_http<T: Serialize>(
    request: &CreateRequest<T>,
    endpoint: &PreparedEndpoint,
    authorization: &HeaderValue,
    size_hint: usize,
) -> Result<http::Request<Vec<u8>>, Box<dyn std::error::Error + Send + Sync>> {
    let mut body = Vec::with_capacity(size_hint);
    serde_json::to_writer(&mut body, request.body())?;
    let mut path = String::with_capacity(endpoint.prefix.len() + request.path().len());
    path.push_str(&endpoint.prefix);
    path.push_str(request.path());
    let mut parts = http::uri::Parts::default();
    parts.scheme = Some(endpoint.scheme.clone());
    parts.authority = Some(endpoint.authority.clone());
    parts.path_and_query = Some(PathAndQuery::try_from(path)?);
    let uri = http::Uri::from_parts(parts)?;
    let length = HeaderValue::from(body.len());
    let mut http = http::Request::new(body);
    *http.method_mut() = http::Method::POST;
    *http.uri_mut() = uri;
    let headers = http.headers_mut();
    headers.reserve(4);
    headers.insert(AUTHORIZATION, authorization.clone());
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, length);
    Ok(http)
}

/// The token's header value, as the proposed `BearerToken` would keep it.
pub fn authorization(token: &BearerToken) -> HeaderValue {
    token.header_value().expect("a valid token")
}
