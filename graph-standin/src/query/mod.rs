//! Query options as the service applies them: `$select`, `$filter`, `$orderby`, `$top`,
//! `$skip`, `$count`, `$expand` (with nested options) and server-driven paging
//! (`$skiptoken`, `@odata.nextLink`). An option the stand-in does not support is a `400`
//! that says so; names are checked against the schema before anything is read.

pub(crate) mod filter;

use msgraph_codegen::csdl::Kind;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::address::split_top_level;
use crate::error::ServiceError;
use crate::schema::Schema;
use filter::Expr;

/// The options of one request (or of one `$expand` item).
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryOptions {
    /// `$select`: property names (a `*` is no selection).
    pub select: Option<Vec<String>>,
    pub expand: Vec<ExpandItem>,
    pub filter: Option<Expr>,
    /// `$orderby`: paths and whether descending.
    pub order_by: Vec<(Vec<String>, bool)>,
    pub top: Option<usize>,
    pub skip: Option<usize>,
    pub count: bool,
    /// Where the page starts, from a `$skiptoken` this stand-in wrote.
    pub skip_token: Option<usize>,
    /// Parameter aliases (`@p=…`), for a function's parameters.
    pub aliases: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub(crate) struct ExpandItem {
    pub navigation: String,
    pub options: QueryOptions,
}

/// The options a place allows: only a collection pages and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Allowed {
    Collection,
    Single,
}

/// The deepest `$expand` nesting read (`$expand=a($expand=b(...))`).
const MAX_EXPAND_DEPTH: usize = 8;

/// The `$skiptoken` this stand-in writes: an opaque-looking offset.
const SKIP_TOKEN_PREFIX: &str = "standin-offset-";

pub(crate) fn skip_token(offset: usize) -> String {
    format!("{SKIP_TOKEN_PREFIX}{offset}")
}

/// `name=value` pairs of a query string, percent-decoded (`+` read as a space).
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

impl QueryOptions {
    /// Reads the options of a request's query string.
    pub fn parse(query: &str, allowed: Allowed) -> Result<QueryOptions, ServiceError> {
        let pairs = query_pairs(query);
        let mut options = QueryOptions::default();
        let mut seen = Vec::new();
        for (name, value) in &pairs {
            if name.starts_with('$') {
                if seen.contains(name) {
                    return Err(ServiceError::bad_request(format!("The query option '{name}' is given twice.")));
                }
                seen.push(name.clone());
            }
            options.set(name, value, allowed, 0)?;
        }
        Ok(options)
    }

    /// Reads the options inside an `$expand` item's parentheses (`;`-separated), `depth` levels down.
    fn parse_nested(text: &str, depth: usize) -> Result<QueryOptions, ServiceError> {
        if depth > MAX_EXPAND_DEPTH {
            return Err(ServiceError::bad_request(format!("$expand nests deeper than {MAX_EXPAND_DEPTH} levels.")));
        }
        let mut options = QueryOptions::default();
        for part in split_top_level(text, ';') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((name, value)) = part.split_once('=') else {
                return Err(ServiceError::bad_request(format!(
                    "'{part}' in an $expand is not an option (name=value)."
                )));
            };
            options.set(name.trim(), value.trim(), Allowed::Collection, depth)?;
        }
        Ok(options)
    }

    fn set(&mut self, name: &str, value: &str, allowed: Allowed, depth: usize) -> Result<(), ServiceError> {
        let only_collections = |option: &str| {
            ServiceError::bad_request(format!(
                "The query option '{option}' applies to collections; this request addresses a single value."
            ))
        };
        let number = |option: &str| {
            value.trim().parse::<usize>().map_err(|_| {
                ServiceError::bad_request(format!("'{value}' is not a valid value for {option}: give a whole number."))
            })
        };
        match name {
            "$select" => {
                let items: Vec<String> = value
                    .split(',')
                    .map(|item| item.trim().rsplit('/').next().unwrap_or_default().to_owned())
                    .filter(|item| !item.is_empty())
                    .collect();
                self.select = if items.iter().any(|item| item == "*") || items.is_empty() { None } else { Some(items) };
            }
            "$expand" => {
                for item in split_top_level(value, ',') {
                    let item = item.trim();
                    if item.is_empty() {
                        continue;
                    }
                    let (navigation, nested) = match item.find('(') {
                        Some(open) if item.ends_with(')') => {
                            (&item[..open], QueryOptions::parse_nested(&item[open + 1..item.len() - 1], depth + 1)?)
                        }
                        _ => (item, QueryOptions::default()),
                    };
                    let navigation = navigation.trim().rsplit('/').next().unwrap_or_default().to_owned();
                    self.expand.push(ExpandItem { navigation, options: nested });
                }
            }
            "$filter" => {
                if allowed == Allowed::Single {
                    return Err(only_collections(name));
                }
                let expr = filter::parse(value)
                    .map_err(|error| ServiceError::bad_request(format!("Invalid $filter '{value}': {error}.")))?;
                self.filter = Some(expr);
            }
            "$orderby" => {
                if allowed == Allowed::Single {
                    return Err(only_collections(name));
                }
                for item in value.split(',') {
                    let mut words = item.split_whitespace();
                    let Some(path) = words.next() else { continue };
                    let descending = match words.next() {
                        None | Some("asc") => false,
                        Some("desc") => true,
                        Some(other) => {
                            return Err(ServiceError::bad_request(format!(
                                "Invalid $orderby '{value}': '{other}' is neither asc nor desc."
                            )));
                        }
                    };
                    if words.next().is_some() {
                        return Err(ServiceError::bad_request(format!("Invalid $orderby '{value}'.")));
                    }
                    self.order_by.push((path.split('/').map(str::to_owned).collect(), descending));
                }
            }
            "$top" => {
                if allowed == Allowed::Single {
                    return Err(only_collections(name));
                }
                self.top = Some(number(name)?);
            }
            "$skip" => {
                if allowed == Allowed::Single {
                    return Err(only_collections(name));
                }
                self.skip = Some(number(name)?);
            }
            "$count" => match value {
                "true" => self.count = true,
                "false" => self.count = false,
                _ => {
                    return Err(ServiceError::bad_request(format!(
                        "'{value}' is not a valid value for $count: true or false."
                    )));
                }
            },
            "$skiptoken" => {
                let offset = value.strip_prefix(SKIP_TOKEN_PREFIX).and_then(|offset| offset.parse().ok());
                self.skip_token = Some(offset.ok_or_else(|| {
                    ServiceError::bad_request(format!("'{value}' is not a $skiptoken this service wrote."))
                })?);
            }
            "$format" if matches!(value, "json" | "application/json") => {}
            _ if name.starts_with('@') => self.aliases.push((name.to_owned(), value.to_owned())),
            _ if name.starts_with('$') => {
                return Err(ServiceError::not_supported(format!(
                    "The query option '{name}' is not supported by the stand-in (it supports $select, $filter, $orderby, $top, $skip, $count, $expand and $skiptoken)."
                )));
            }
            // Not an OData option: the service ignores what it does not know.
            _ => {}
        }
        Ok(())
    }

    /// Checks every name the options use against `ty` (and the types derived from it).
    pub fn check(&self, schema: &Schema, ty: &str) -> Result<(), ServiceError> {
        let no_property =
            |name: &str| ServiceError::bad_request(format!("Could not find a property named '{name}' on type '{ty}'."));
        for name in self.select.iter().flatten() {
            if schema.property_in_family(ty, name).is_none() && schema.navigation_in_family(ty, name).is_none() {
                return Err(no_property(name));
            }
        }
        for item in &self.expand {
            if item.navigation == "*" {
                continue;
            }
            let Some(navigation) = schema.navigation_in_family(ty, &item.navigation) else {
                return Err(ServiceError::bad_request(format!(
                    "Could not find a navigation property named '{}' on type '{ty}' to expand.",
                    item.navigation
                )));
            };
            item.options.check(schema, &navigation.ty.name)?;
        }
        for (path, _) in &self.order_by {
            check_path(schema, ty, path).map_err(|name| no_property(&name))?;
        }
        if let Some(expr) = &self.filter {
            filter::visit_paths(expr, &mut Vec::new(), &mut |path, variables| match variables
                .iter()
                .rev()
                .find(|(variable, _)| *variable == path[0])
            {
                Some((_, collection)) => {
                    let element = element_type(schema, ty, collection).ok_or_else(|| {
                        format!("Could not find a property named '{}' on type '{ty}'.", collection.join("/"))
                    })?;
                    match element {
                        Some(element) if path.len() > 1 => check_path(schema, &element, &path[1..])
                            .map_err(|name| format!("Could not find a property named '{name}' on type '{element}'.")),
                        _ => Ok(()),
                    }
                }
                None => check_path(schema, ty, path)
                    .map_err(|name| format!("Could not find a property named '{name}' on type '{ty}'.")),
            })
            .map_err(|message| ServiceError::bad_request(format!("Invalid $filter: {message}")))?;
            let mut literals = Vec::new();
            filter::enum_literals(expr, &mut literals);
            for (enum_type, member) in literals {
                let info = schema.type_named(&enum_type).filter(|info| info.kind == Kind::Enum).ok_or_else(|| {
                    ServiceError::bad_request(format!(
                        "Invalid $filter: '{enum_type}' is not an enum type of the schema."
                    ))
                })?;
                if !info.members.contains(&member) {
                    return Err(ServiceError::bad_request(format!(
                        "Invalid $filter: '{member}' is not a member of the enum '{}' (its members: {}).",
                        info.name,
                        info.members.join(", ")
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Checks a path of properties (complex values read on, navigation properties allowed at
/// the first step, cast segments skipped); `Err` names the first name not found.
fn check_path(schema: &Schema, ty: &str, path: &[String]) -> Result<(), String> {
    let mut current = ty.to_owned();
    for (index, segment) in path.iter().enumerate() {
        if segment.contains('.') && schema.type_named(segment).is_some() {
            if let Some(cast) = schema.type_named(segment) {
                current = cast.name.clone();
            }
            continue;
        }
        if let Some(property) = schema.property_in_family(&current, segment) {
            if property.ty.is_primitive() {
                return if index + 1 == path.len() { Ok(()) } else { Err(path[index + 1].clone()) };
            }
            current = property.ty.name.clone();
        } else if let Some(navigation) = schema.navigation_in_family(&current, segment) {
            current = navigation.ty.name.clone();
        } else {
            return Err(segment.clone());
        }
    }
    Ok(())
}

/// The element type of the collection a lambda ranges over: `Some(None)` for primitives.
fn element_type(schema: &Schema, ty: &str, path: &[String]) -> Option<Option<String>> {
    let mut current = ty.to_owned();
    let mut result = None;
    for segment in path {
        if let Some(property) = schema.property_in_family(&current, segment) {
            result = Some((!property.ty.is_primitive()).then(|| property.ty.name.clone()));
            current = property.ty.name.clone();
        } else if let Some(navigation) = schema.navigation_in_family(&current, segment) {
            result = Some(Some(navigation.ty.name.clone()));
            current = navigation.ty.name.clone();
        } else {
            return None;
        }
    }
    result
}

/// An item as `$select` shows it: `@odata.type` and the selected properties.
pub(crate) fn project(
    item: &serde_json::Map<String, Value>,
    select: Option<&[String]>,
) -> serde_json::Map<String, Value> {
    match select {
        None => item.clone(),
        Some(names) => item
            .iter()
            .filter(|(name, _)| *name == "@odata.type" || names.iter().any(|wanted| wanted == *name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_and_unsupported_ones_refused() {
        let options = QueryOptions::parse(
            "$select=id,displayName&$filter=displayName%20eq%20'a'&$orderby=displayName desc,id&$top=5&$skip=2&$count=true&$expand=settings($select=id;$top=2),assignments",
            Allowed::Collection,
        )
        .unwrap();
        assert_eq!(options.select.as_deref(), Some(&["id".to_owned(), "displayName".to_owned()][..]));
        assert_eq!(options.order_by, [(vec!["displayName".to_owned()], true), (vec!["id".to_owned()], false)]);
        assert_eq!((options.top, options.skip, options.count), (Some(5), Some(2), true));
        assert_eq!(options.expand.len(), 2);
        assert_eq!(options.expand[0].options.top, Some(2));

        for (query, message) in [
            ("$search=\"x\"", "'$search' is not supported"),
            ("$apply=groupby((a))", "'$apply' is not supported"),
            ("$top=many", "give a whole number"),
            ("$top=1&$top=2", "given twice"),
            ("$orderby=a sideways", "neither asc nor desc"),
            ("$skiptoken=abc", "not a $skiptoken"),
            ("$count=yes", "true or false"),
        ] {
            let error = QueryOptions::parse(query, Allowed::Collection).unwrap_err();
            assert!(error.message.contains(message), "{query}: {}", error.message);
        }
        let error = QueryOptions::parse("$top=1", Allowed::Single).unwrap_err();
        assert!(error.message.contains("applies to collections"), "{}", error.message);
        assert!(QueryOptions::parse("api-version=1&@p='x'", Allowed::Single).unwrap().aliases.len() == 1);
    }
}
