//! `GET` a collection, one page at a time.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use http::{HeaderMap, Method, StatusCode};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::get::with_query;
use super::query::Query;
use super::{Endpoint, Filter, GraphRequest, Order, check_status};
use crate::{EntityProperty, Error, GraphEntity};

/// `GET` a collection, with typed query options.
///
/// Built by the entity's generated `list(..)`. `$select` and `$orderby` take
/// the entity's property enum, so a property that does not exist does not
/// compile. A response reads as a [`Page`]; [`ListRequest::next_page`] gives
/// the request for the page after it, until there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRequest<T> {
    path: Cow<'static, str>,
    query: Query,
    next_link: Option<String>,
    entity: PhantomData<fn() -> T>,
}

impl<T: GraphEntity> ListRequest<T> {
    /// A request for the collection at `path` (from the service root).
    pub fn new(path: impl Into<Cow<'static, str>>) -> Self {
        ListRequest { path: path.into(), query: Query::default(), next_link: None, entity: PhantomData }
    }

    /// The collection path: `/deviceManagement/ndesConnectors`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query string, without `?` (empty when there are no options).
    pub fn query(&self) -> String {
        self.query.encode()
    }

    /// The `@odata.nextLink` this request follows, for a page after the first.
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    /// `$select`: only these properties come back.
    pub fn select(mut self, properties: impl IntoIterator<Item = T::Property>) -> Self {
        self.query.select.extend(properties.into_iter().map(EntityProperty::graph_name));
        self
    }

    /// `$orderby`: one more sort key, after those already given.
    pub fn order_by(mut self, property: T::Property, order: Order) -> Self {
        self.query.order_by.push((property.graph_name(), order));
        self
    }

    /// `$filter`: a [`Filter`] built from properties, or an expression written by hand.
    pub fn filter(mut self, filter: impl Into<Filter>) -> Self {
        self.query.filter = Some(filter.into().to_string());
        self
    }

    /// `$top`: at most this many items per page.
    pub fn top(mut self, top: u64) -> Self {
        self.query.top = Some(top);
        self
    }

    /// `$skip`: skip this many items.
    pub fn skip(mut self, skip: u64) -> Self {
        self.query.skip = Some(skip);
        self
    }

    /// `$count`: ask for the total in `@odata.count`.
    pub fn count(mut self, count: bool) -> Self {
        self.query.count = Some(count);
        self
    }

    /// `$expand`: navigation properties to include.
    pub fn expand<S: Into<String>>(mut self, navigation: impl IntoIterator<Item = S>) -> Self {
        self.query.expand.extend(navigation.into_iter().map(Into::into));
        self
    }

    /// `$search`: a search expression, as the service defines it.
    pub fn search(mut self, search: impl Into<String>) -> Self {
        self.query.search = Some(search.into());
        self
    }

    /// The request for the page after `page`, or `None` on the last page.
    ///
    /// The next link carries the query options itself. It is only followed on the
    /// same endpoint the first request went to: see [`GraphRequest::url`].
    pub fn next_page(&self, page: &Page<T>) -> Option<ListRequest<T>> {
        let next_link = page.next_link.clone()?;
        Some(ListRequest {
            path: self.path.clone(),
            query: Query::default(),
            next_link: Some(next_link),
            entity: PhantomData,
        })
    }
}

impl<T: GraphEntity> GraphRequest for ListRequest<T> {
    type Output = Page<T>;

    fn method(&self) -> Method {
        Method::GET
    }

    /// For a next page, the next link itself, after checking it points into `endpoint`:
    /// a link to another host would carry the bearer token there.
    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        match &self.next_link {
            None => Ok(with_query(endpoint.url(&self.path), &self.query.encode())),
            Some(link) => next_link_url(link, endpoint),
        }
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Page<T>, Error> {
        check_status(status, headers, body, &[200])?;
        Ok(crate::response::read_json(body, T::GRAPH_NAME)?)
    }
}

/// The URL of a next link, once it is known to point into `endpoint`: a link to another
/// host (or another path root) would carry the bearer token there, so it is refused.
pub(crate) fn next_link_url(link: &str, endpoint: &Endpoint) -> Result<String, Error> {
    let root = endpoint.url("/");
    if link.starts_with(&root) {
        Ok(link.to_owned())
    } else {
        Err(Error::InvalidRequest {
            reason: format!("the next link does not point into the endpoint `{root}`; not followed"),
        })
    }
}

/// One page of a collection: `{"value": [...], "@odata.nextLink": "...", "@odata.count": n}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// Where the next page is, if there is one.
    pub next_link: Option<String>,
    /// The total number of items, when `$count=true` was asked.
    pub count: Option<u64>,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned> Visitor<'de> for PageVisitor<T> {
            type Value = Page<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a collection page: {\"value\": [...]}")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
                let (mut value, mut next_link, mut count) = (None, None, None);
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "value" if value.is_none() => value = Some(map.next_value()?),
                        "@odata.nextLink" if next_link.is_none() => next_link = map.next_value()?,
                        "@odata.count" if count.is_none() => count = map.next_value()?,
                        "value" | "@odata.nextLink" | "@odata.count" => {
                            return Err(crate::__private::duplicate_property(&key));
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let value = value.ok_or_else(|| de::Error::custom("missing property `value`"))?;
                Ok(Page { value, next_link, count })
            }
        }

        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}
