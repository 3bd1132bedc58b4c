//! `GET` a collection, one page at a time.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use http::{HeaderMap, Method, StatusCode};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::get::with_query;
use super::query::Query;
use super::{Endpoint, Filter, GraphRequest, Order, check_status};
use crate::{EntityNavigation, EntityProperty, Error, GraphEntity};

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

    /// `$expand`: the navigation properties to include, read into their fields
    /// (`DeviceManagementConfigurationPolicyNavigation::Settings`): one that does not exist does
    /// not compile.
    pub fn expand(mut self, navigation: impl IntoIterator<Item = T::Navigation>) -> Self {
        self.query.expand.extend(navigation.into_iter().map(|navigation| navigation.graph_name().to_owned()));
        self
    }

    /// `$expand` as text, for what the navigation enum cannot say (`settings($select=id)`).
    pub fn expand_raw(mut self, expand: impl Into<String>) -> Self {
        self.query.expand.push(expand.into());
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

/// The URL of a next link, once it is known to stay inside `endpoint` (dot segments resolved
/// first): a link elsewhere would carry the bearer token there, so it is refused.
pub(crate) fn next_link_url(link: &str, endpoint: &Endpoint) -> Result<String, Error> {
    let root = endpoint.url("/");
    normalized_inside(link, &root).map_err(|problem| Error::InvalidRequest {
        reason: format!("the next link {problem}, not inside the endpoint `{root}`; not followed"),
    })
}

/// `link` with its path's dot segments resolved (`%2e` read as `.`), when it stays under `root`
/// (`https://graph.microsoft.com/beta/`): same scheme and host, path below the version. A link
/// whose path has an encoded `/` or `\`, a backslash or a fragment is refused: a server may read
/// those as separators the check did not see.
fn normalized_inside(link: &str, root: &str) -> Result<String, &'static str> {
    fn split(url: &str) -> Option<(&str, &str)> {
        let (scheme, rest) = url.split_once("://")?;
        let authority_end = rest.find('/').unwrap_or(rest.len());
        Some((&url[..scheme.len() + 3 + authority_end], &rest[authority_end..]))
    }
    let (origin, rest) = split(link).ok_or("is not an absolute URL")?;
    let (root_origin, root_path) = split(root).ok_or("has a malformed endpoint")?;
    if !origin.eq_ignore_ascii_case(root_origin) {
        return Err("points to another host");
    }
    if rest.contains('#') {
        return Err("has a fragment");
    }
    let (path, query) = rest.split_once('?').map_or((rest, None), |(path, query)| (path, Some(query)));
    let lowered = path.to_ascii_lowercase();
    if lowered.contains("%2f") || lowered.contains("%5c") || path.contains('\\') {
        return Err("has an encoded separator in its path");
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment.replace("%2e", ".").replace("%2E", ".").as_str() {
            "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut normalized = String::with_capacity(link.len());
    normalized.push_str(origin);
    for segment in &segments {
        normalized.push('/');
        normalized.push_str(segment);
    }
    if path.ends_with('/') && !segments.is_empty() {
        normalized.push('/');
    }
    if !normalized[origin.len()..].starts_with(root_path) {
        return Err("leaves the endpoint's path");
    }
    if let Some(query) = query {
        normalized.push('?');
        normalized.push_str(query);
    }
    Ok(normalized)
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
                let value = value.ok_or_else(|| crate::read::missing_property("value"))?;
                Ok(Page { value, next_link, count })
            }
        }

        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::normalized_inside;

    const ROOT: &str = "https://graph.microsoft.com/beta/";

    #[test]
    fn next_links_are_normalised_before_the_inside_check() {
        let inside = "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors?$skiptoken=a/../b";
        assert_eq!(normalized_inside(inside, ROOT).unwrap(), inside, "the query is left as it is");
        assert_eq!(
            normalized_inside("https://GRAPH.microsoft.com/beta/x/./y/../z?$top=1", ROOT).unwrap(),
            "https://GRAPH.microsoft.com/beta/x/z?$top=1"
        );
        for (link, problem) in [
            ("https://graph.microsoft.com/beta/../../other/x", "leaves the endpoint's path"),
            ("https://graph.microsoft.com/beta/%2e%2e/v1.0/users", "leaves the endpoint's path"),
            ("https://graph.microsoft.com/beta/%2E%2E/%2e%2e/x", "leaves the endpoint's path"),
            ("https://graph.microsoft.com/beta/x/..%2f..%2fother", "has an encoded separator in its path"),
            ("https://graph.microsoft.com/beta/x\\..\\..\\other", "has an encoded separator in its path"),
            ("https://graph.microsoft.com.evil.example/beta/x", "points to another host"),
            ("https://graph.microsoft.com@evil.example/beta/x", "points to another host"),
            ("https://graph.microsoft.com/betamax/x", "leaves the endpoint's path"),
            ("https://graph.microsoft.com/beta/x#frag", "has a fragment"),
            ("/beta/x", "is not an absolute URL"),
        ] {
            assert_eq!(normalized_inside(link, ROOT), Err(problem), "{link}");
        }
    }
}
