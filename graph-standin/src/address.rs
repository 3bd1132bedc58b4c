//! A request path, read against the schema: which place it names (a collection, an item,
//! a singleton, a contained single value, a property, a bound operation), where that place
//! is stored, and which entities must exist for it to exist.
//!
//! Keys are read as segments (`/ndesConnectors/{id}`) or in parentheses
//! (`/ndesConnectors('{id}')`, `(id='…',policyId='…')` for a composite key); a type name
//! after a collection or an item is a cast; an operation is reached as `microsoft.graph.{name}`
//! or `{name}`.

use msgraph_codegen::csdl::Kind;

use crate::error::ServiceError;
use crate::schema::{Schema, short_name};
use crate::store::item_address;

/// A collection: where its items are stored, and their declared type.
#[derive(Debug, Clone)]
pub(crate) struct CollectionRef {
    /// The store address: `deviceManagement/deviceConfigurations`.
    pub address: String,
    pub declared: String,
    /// A cast segment after it: only items of that type (or derived) are seen.
    pub cast: Option<String>,
    /// `deviceManagement/deviceConfigurations` (with keys in parentheses deeper down), for `@odata.context`.
    pub context: String,
}

impl CollectionRef {
    /// The type its items are seen as: the cast, else the declared type.
    pub fn seen_as(&self) -> &str {
        self.cast.as_deref().unwrap_or(&self.declared)
    }
}

/// Where an entity lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A singleton of the container.
    Singleton,
    /// An item of a collection.
    Item { collection: String, key: String },
    /// A contained single-valued navigation property.
    Single,
}

/// One entity: where it is stored and the type the path says it has.
#[derive(Debug, Clone)]
pub(crate) struct EntityRef {
    /// The store address: `deviceManagement/deviceConfigurations/{id}` or `deviceManagement`.
    pub address: String,
    pub place: Place,
    pub declared: String,
    pub cast: Option<String>,
    /// The path with keys in parentheses: `deviceManagement/deviceConfigurations('{id}')`.
    pub context: String,
    /// What its `GET` answers as `@odata.context`: `deviceManagement/deviceConfigurations/$entity`.
    pub entity_context: String,
}

impl EntityRef {
    pub fn seen_as(&self) -> &str {
        self.cast.as_deref().unwrap_or(&self.declared)
    }
}

/// What a bound operation is bound to.
#[derive(Debug, Clone)]
pub(crate) enum Bound {
    Entity(EntityRef),
    Collection(CollectionRef),
}

/// The place a path names.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Collection(CollectionRef),
    Entity(EntityRef),
    /// A navigation property that is not contained: it refers to entities kept elsewhere
    /// (users, groups), which the stand-in does not hold.
    Reference {
        name: String,
        ty: String,
        collection: bool,
    },
    /// One structural property of an entity; `raw` for `/$value`.
    Property {
        entity: EntityRef,
        name: String,
        raw: bool,
    },
    /// `/$count` of a collection.
    Count(CollectionRef),
    /// Every overload of the name bound here (a function may have several); chosen by parameters.
    Operation {
        indexes: Vec<usize>,
        bound: Bound,
        arguments: Option<String>,
    },
}

/// A path read against the schema.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub target: Target,
    /// The entities above the target, outermost first: each must exist (and be of its cast type).
    pub ancestors: Vec<EntityRef>,
}

/// One path segment: `ndesConnectors`, or `ndesConnectors('x')` split at its parentheses.
struct Segment<'a> {
    text: &'a str,
    name: &'a str,
    arguments: Option<&'a str>,
}

impl<'a> Segment<'a> {
    fn read(text: &'a str) -> Segment<'a> {
        if let Some(open) = text.find('(')
            && text.ends_with(')')
            && open > 0
        {
            return Segment { text, name: &text[..open], arguments: Some(&text[open + 1..text.len() - 1]) };
        }
        Segment { text, name: text, arguments: None }
    }
}

enum Step {
    Collection(CollectionRef),
    Entity(EntityRef),
    End(Target),
}

/// Reads `segments` (percent-decoded, the version already removed) against `schema`.
pub(crate) fn resolve(schema: &Schema, segments: &[String]) -> Result<Resolved, ServiceError> {
    let not_found = |segment: &str| ServiceError::not_found(format!("Resource not found for the segment '{segment}'."));
    let Some((first, rest)) = segments.split_first() else {
        return Err(ServiceError::not_found("The service root lists nothing here; name a singleton or entity set."));
    };
    let first = Segment::read(first);
    let root = schema.root(first.name).ok_or_else(|| not_found(first.text))?;
    let mut ancestors = Vec::new();
    let mut step = if root.collection {
        let collection = CollectionRef {
            address: first.name.to_owned(),
            declared: root.ty.clone(),
            cast: None,
            context: first.name.to_owned(),
        };
        match first.arguments {
            Some(arguments) => Step::Entity(item(schema, collection, arguments, true)?),
            None => Step::Collection(collection),
        }
    } else {
        if first.arguments.is_some() {
            return Err(not_found(first.text));
        }
        Step::Entity(EntityRef {
            address: first.name.to_owned(),
            place: Place::Singleton,
            declared: root.ty.clone(),
            cast: None,
            context: first.name.to_owned(),
            entity_context: first.name.to_owned(),
        })
    };
    let mut remaining = rest.iter().peekable();
    while let Some(text) = remaining.next() {
        let is_last = remaining.peek().is_none();
        let segment = Segment::read(text);
        step = match step {
            Step::End(_) => {
                return Err(ServiceError::bad_request(format!(
                    "The segment '{text}' follows a segment that ends the path (an operation, a reference, $count or $value)."
                )));
            }
            Step::Collection(mut collection) => {
                if segment.text == "$count" {
                    Step::End(Target::Count(collection))
                } else if let Some(cast) = cast_type(schema, segment.text, &collection.declared) {
                    collection.context = format!("{}/{cast}", collection.context);
                    collection.cast = Some(cast);
                    Step::Collection(collection)
                } else if let indexes = schema.bound_operations(collection.seen_as(), true, segment.name)
                    && !indexes.is_empty()
                {
                    Step::End(Target::Operation {
                        indexes,
                        bound: Bound::Collection(collection),
                        arguments: segment.arguments.map(str::to_owned),
                    })
                } else {
                    Step::Entity(item(schema, collection, segment.text, false)?)
                }
            }
            Step::Entity(mut entity) => {
                if let Some(cast) = cast_type(schema, segment.text, &entity.declared) {
                    entity.context = format!("{}/{cast}", entity.context);
                    entity.cast = Some(cast);
                    Step::Entity(entity)
                } else if let Some(navigation) = schema.navigation_in_family(entity.seen_as(), segment.name) {
                    let target = navigation.ty.name.clone();
                    let nav_context = format!("{}/{}", entity.context, segment.name);
                    if !navigation.contained {
                        if segment.arguments.is_some() || !is_last {
                            return Err(ServiceError::not_supported(format!(
                                "'{}' refers to entities the stand-in does not hold (it is not a contained navigation property).",
                                segment.name
                            )));
                        }
                        Step::End(Target::Reference {
                            name: segment.name.to_owned(),
                            ty: target,
                            collection: navigation.ty.collection,
                        })
                    } else {
                        let address = format!("{}/{}", entity.address, segment.name);
                        ancestors.push(entity);
                        if navigation.ty.collection {
                            let collection =
                                CollectionRef { address, declared: target, cast: None, context: nav_context };
                            match segment.arguments {
                                Some(arguments) => Step::Entity(item(schema, collection, arguments, true)?),
                                None => Step::Collection(collection),
                            }
                        } else {
                            if segment.arguments.is_some() {
                                return Err(not_found(segment.text));
                            }
                            Step::Entity(EntityRef {
                                address,
                                place: Place::Single,
                                declared: target,
                                cast: None,
                                context: nav_context.clone(),
                                entity_context: nav_context,
                            })
                        }
                    }
                } else if schema.property_in_family(entity.seen_as(), segment.name).is_some()
                    && segment.arguments.is_none()
                {
                    let raw = match remaining.peek() {
                        Some(next) if next.as_str() == "$value" => {
                            remaining.next();
                            true
                        }
                        _ => false,
                    };
                    Step::End(Target::Property { entity, name: segment.name.to_owned(), raw })
                } else if let indexes = schema.bound_operations(entity.seen_as(), false, segment.name)
                    && !indexes.is_empty()
                {
                    Step::End(Target::Operation {
                        indexes,
                        bound: Bound::Entity(entity),
                        arguments: segment.arguments.map(str::to_owned),
                    })
                } else if segment.text == "$ref" {
                    return Err(ServiceError::not_supported("$ref is not supported by the stand-in."));
                } else {
                    return Err(ServiceError::not_found(format!(
                        "Resource not found for the segment '{}': `{}` has no navigation property, property or bound operation of that name.",
                        segment.text,
                        short_name(entity.seen_as())
                    )));
                }
            }
        };
    }
    let target = match step {
        Step::Collection(collection) => Target::Collection(collection),
        Step::Entity(entity) => Target::Entity(entity),
        Step::End(target) => target,
    };
    Ok(Resolved { target, ancestors })
}

/// `text` as a cast to a type derived from `declared` (or `declared` itself), when it names one.
fn cast_type(schema: &Schema, text: &str, declared: &str) -> Option<String> {
    if !text.contains('.') {
        return None;
    }
    let ty = schema.type_named(text)?;
    (ty.kind == Kind::Entity && schema.derives_from(&ty.name, declared)).then(|| ty.name.clone())
}

/// The item of `collection` that `key_text` names: a segment (`{id}`), or the inside of
/// parentheses (`'{id}'`, `id='{id}'`, `a='x',b='y'`) when `in_parentheses`.
fn item(
    schema: &Schema,
    collection: CollectionRef,
    key_text: &str,
    in_parentheses: bool,
) -> Result<EntityRef, ServiceError> {
    let key_names = &schema.known(&collection.declared).key;
    let key = if in_parentheses { parse_key(key_names, key_text)? } else { key_text.to_owned() };
    if key.is_empty() {
        return Err(ServiceError::bad_request("An empty key names no item."));
    }
    let address = item_address(&collection.address, &key);
    let context = format!("{}('{}')", collection.context, key.replace('\'', "''"));
    let entity_context = format!("{}/$entity", collection.context);
    Ok(EntityRef {
        address,
        place: Place::Item { collection: collection.address, key },
        declared: collection.cast.unwrap_or(collection.declared),
        cast: None,
        context,
        entity_context,
    })
}

/// The key inside parentheses, as the store keeps it: the value of a single key, or
/// `a=x,b=y` in the key's declared order for a composite one.
pub(crate) fn parse_key(key_names: &[String], text: &str) -> Result<String, ServiceError> {
    let bad = || {
        ServiceError::bad_request(format!(
            "'({text})' is not a key of this collection (its key is {}).",
            key_names.join(", ")
        ))
    };
    let parts = split_top_level(text, ',');
    if parts.len() == 1 && !parts[0].contains('=') {
        return unquote(parts[0]).ok_or_else(bad);
    }
    let mut values = Vec::new();
    for name in key_names {
        let value = parts
            .iter()
            .find_map(|part| part.split_once('=').filter(|(n, _)| n.trim() == name).map(|(_, v)| v.trim()))
            .ok_or_else(bad)?;
        values.push((name, unquote(value).ok_or_else(bad)?));
    }
    if values.len() != parts.len() {
        return Err(bad());
    }
    if values.len() == 1 {
        return Ok(values.remove(0).1);
    }
    Ok(composite_key(values.iter().map(|(name, value)| (name.as_str(), value.as_str()))))
}

/// The store's key of an entity with a composite key.
pub(crate) fn composite_key<'a>(values: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    values.map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join(",")
}

/// `'it''s'` → `it's`; a bare value (a number, a GUID) as it is.
pub(crate) fn unquote(text: &str) -> Option<String> {
    let text = text.trim();
    match text.strip_prefix('\'') {
        Some(rest) => {
            let inner = rest.strip_suffix('\'')?;
            Some(inner.replace("''", "'"))
        }
        None if text.is_empty() || text.contains(['\'', '(', ')']) => None,
        None => Some(text.to_owned()),
    }
}

/// Splits at `separator` outside quotes and brackets.
pub(crate) fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (index, character) in text.char_indices() {
        match character {
            '\'' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => depth += 1,
            ')' | ']' | '}' if !quoted => depth -= 1,
            c if c == separator && !quoted && depth == 0 => {
                parts.push(&text[start..index]);
                start = index + character.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_quoted_bare_named_and_composite() {
        let id = ["id".to_owned()];
        assert_eq!(parse_key(&id, "'it''s'").unwrap(), "it's");
        assert_eq!(parse_key(&id, "42").unwrap(), "42");
        assert_eq!(parse_key(&id, "id='x'").unwrap(), "x");
        assert!(parse_key(&id, "other='x'").is_err());
        assert!(parse_key(&id, "'unterminated").is_err());
        let composite = ["id".to_owned(), "policyId".to_owned()];
        assert_eq!(parse_key(&composite, "policyId='p',id='i'").unwrap(), "id=i,policyId=p");
        assert!(parse_key(&composite, "id='i'").is_err());
        assert!(parse_key(&composite, "id='i',policyId='p',extra='e'").is_err());
    }

    #[test]
    fn top_level_split_ignores_separators_in_quotes_and_brackets() {
        assert_eq!(split_top_level("a='x,y',b=f(1,2)", ','), ["a='x,y'", "b=f(1,2)"]);
        assert_eq!(split_top_level("", ','), [""]);
    }
}
