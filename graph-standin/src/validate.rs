//! Request bodies checked against the schema, as the service checks them: an unknown
//! property (on a type that is not open), a value of the wrong JSON kind or format, an
//! enum member the enum does not have, an abstract type without `@odata.type`, or an
//! `@odata.type` that is not the declared type or derived from it is refused with a `400`
//! that names the problem and where it is (`settings[0].settingInstance.value`).
//!
//! Control information a client may send back (`@odata.context`, `@odata.id`,
//! `name@odata.type`, `#microsoft.graph.assign` advertisements) is dropped, as the
//! service ignores it; read-only properties are dropped from creates and updates (the
//! stand-in sets them); contained navigation properties given inline on a create are
//! returned as children, to be stored in their own collections (deep insert).

use msgraph_codegen::csdl::{Kind, TypeRef};
use serde_json::Value;

use crate::error::ServiceError;
use crate::schema::{Schema, TypeInfo, concrete_types};
use crate::store::Object;

/// What a body is for: the rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A `POST` that creates: read-only properties dropped, inline children kept for a deep insert.
    Create,
    /// A `PATCH`: read-only properties dropped, navigation properties refused.
    Update,
    /// A value inserted by a test or a seed file: read-only properties and keys kept, as the
    /// service holds them. `lenient` keeps unknown properties and enum members (with a
    /// warning) instead of refusing them: real exports hold what a newer service wrote.
    Seed { lenient: bool },
    /// An operation's parameter or return value: checked, nothing dropped.
    Value,
}

/// A checked entity: its type, its structural properties, and its inline children.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The full type name, `@odata.type` or the declared type.
    pub ty: String,
    /// The properties to store, `@odata.type` included (as `#microsoft.graph.x`).
    pub body: Object,
    pub children: Vec<Children>,
}

/// Entities given inline under a contained navigation property.
#[derive(Debug)]
pub(crate) struct Children {
    pub navigation: String,
    pub collection: bool,
    pub entities: Vec<Checked>,
}

pub(crate) struct Checker<'a> {
    pub schema: &'a Schema,
    pub purpose: Purpose,
    /// What a lenient check let through.
    pub warnings: Vec<String>,
}

impl<'a> Checker<'a> {
    pub fn new(schema: &'a Schema, purpose: Purpose) -> Self {
        Checker { schema, purpose, warnings: Vec::new() }
    }

    fn lenient(&self) -> bool {
        matches!(self.purpose, Purpose::Seed { lenient: true })
    }

    /// An entity body for a place declared as `declared`.
    pub fn entity(&mut self, declared: &str, value: &Value) -> Result<Checked, ServiceError> {
        self.entity_at(declared, value, "")
    }

    fn entity_at(&mut self, declared: &str, value: &Value, at: &str) -> Result<Checked, ServiceError> {
        let Value::Object(object) = value else {
            return Err(bad(at, format!("The body must be a JSON object (an entity), not {}.", kind_of(value))));
        };
        let ty = self.value_type(declared, object, at)?;
        let mut body = Object::new();
        body.insert("@odata.type".into(), Value::String(format!("#{}", ty.name)));
        let mut children = Vec::new();
        for (name, value) in object {
            if is_control_information(name) {
                continue;
            }
            let here = join(at, name);
            if let Some(property) = ty.properties.get(name) {
                let drop = property.read_only && matches!(self.purpose, Purpose::Create | Purpose::Update);
                let checked = self.value(&property.ty, value, &here)?;
                if !drop {
                    body.insert(name.clone(), checked);
                }
            } else if let Some(navigation) = ty.navigation.get(name) {
                match self.purpose {
                    Purpose::Update => {
                        return Err(bad(
                            &here,
                            format!(
                                "The navigation property '{name}' cannot be changed with PATCH: write its items at their own path."
                            ),
                        ));
                    }
                    Purpose::Value => {}
                    Purpose::Create | Purpose::Seed { .. } if navigation.contained => {
                        let target = navigation.ty.name.clone();
                        let entities = match (value, navigation.ty.collection) {
                            (Value::Null, _) => Vec::new(),
                            (Value::Array(items), true) => items
                                .iter()
                                .enumerate()
                                .map(|(index, item)| self.entity_at(&target, item, &format!("{here}[{index}]")))
                                .collect::<Result<_, _>>()?,
                            (Value::Object(_), false) => vec![self.entity_at(&target, value, &here)?],
                            (other, collection) => {
                                let expected =
                                    if collection { "an array of entities" } else { "an entity (an object)" };
                                return Err(bad(
                                    &here,
                                    format!(
                                        "The navigation property '{name}' takes {expected}, not {}.",
                                        kind_of(other)
                                    ),
                                ));
                            }
                        };
                        children.push(Children {
                            navigation: name.clone(),
                            collection: navigation.ty.collection,
                            entities,
                        });
                    }
                    Purpose::Create | Purpose::Seed { .. } => {
                        if self.lenient() {
                            self.warnings.push(format!("`{here}`: a reference (not contained) given inline; dropped"));
                        } else {
                            return Err(bad(
                                &here,
                                format!(
                                    "The navigation property '{name}' refers to entities kept elsewhere; it cannot be created inline (bind it with '{name}@odata.bind')."
                                ),
                            ));
                        }
                    }
                }
            } else if ty.open {
                body.insert(name.clone(), value.clone());
            } else if self.lenient() {
                self.warnings.push(format!("`{here}`: not a property of {}; kept", ty.name));
                body.insert(name.clone(), value.clone());
            } else {
                return Err(unknown_property(&here, name, &ty.name));
            }
        }
        Ok(Checked { ty: ty.name.clone(), body, children })
    }

    /// The type of a value whose declared type is `declared`: its `@odata.type` (which must
    /// be `declared` or derived from it), else `declared`, which must then not be abstract.
    fn value_type(&self, declared: &str, object: &Object, at: &str) -> Result<&'a TypeInfo, ServiceError> {
        let schema = self.schema;
        let declared_type = schema.known(declared);
        match object.get("@odata.type") {
            Some(Value::String(text)) => {
                let Some(ty) = schema.type_named(text) else {
                    return Err(bad(
                        &join(at, "@odata.type"),
                        format!("The type '{text}' given in '@odata.type' is not declared by the schema."),
                    ));
                };
                let compatible = schema.derives_from(&ty.name, declared)
                    // A PATCH may name a base of the stored type.
                    || (self.purpose == Purpose::Update && schema.derives_from(declared, &ty.name));
                if !compatible {
                    return Err(bad(
                        &join(at, "@odata.type"),
                        format!(
                            "The type '{}' given in '@odata.type' is not '{declared}' or derived from it.",
                            ty.name
                        ),
                    ));
                }
                if ty.is_abstract && self.purpose != Purpose::Update {
                    return Err(abstract_type(schema, ty, at, true));
                }
                Ok(if self.purpose == Purpose::Update { declared_type } else { ty })
            }
            Some(other) => Err(bad(
                &join(at, "@odata.type"),
                format!("'@odata.type' must be a string such as '#{declared}', not {}.", kind_of(other)),
            )),
            None if declared_type.needs_odata_type && self.purpose != Purpose::Update => {
                Err(abstract_type(schema, declared_type, at, false))
            }
            None => Ok(declared_type),
        }
    }

    /// A value of `ty` (a property, a parameter or a return value), with annotations dropped.
    pub fn value(&mut self, ty: &TypeRef, value: &Value, at: &str) -> Result<Value, ServiceError> {
        if value.is_null() {
            return Ok(Value::Null);
        }
        if ty.collection {
            let Value::Array(items) = value else {
                return Err(wrong_kind(at, &format!("Collection({})", ty.name), value));
            };
            let single = TypeRef { name: ty.name.clone(), collection: false };
            let checked = items
                .iter()
                .enumerate()
                .map(|(index, item)| self.value(&single, item, &format!("{at}[{index}]")))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Value::Array(checked));
        }
        if ty.is_primitive() {
            check_primitive(&ty.name, value, at)?;
            return Ok(value.clone());
        }
        let schema = self.schema;
        let info = schema.known(&ty.name);
        match info.kind {
            Kind::Enum => {
                let Value::String(text) = value else { return Err(wrong_kind(at, &ty.name, value)) };
                for member in text.split(',').map(str::trim) {
                    let known = info.members.iter().any(|name| name == member);
                    let several = text.contains(',') && !info.flags;
                    if several {
                        return Err(bad(
                            at,
                            format!("'{text}': the enum '{}' is not a flags enum; give one member.", ty.name),
                        ));
                    }
                    if !known {
                        if self.lenient() {
                            self.warnings.push(format!("`{at}`: '{member}' is not a member of {}; kept", ty.name));
                            continue;
                        }
                        return Err(bad(
                            at,
                            format!(
                                "The value '{member}' is not a member of the enum '{}' (its members: {}).",
                                ty.name,
                                info.members.join(", ")
                            ),
                        ));
                    }
                }
                Ok(value.clone())
            }
            _ if ty.name == "microsoft.graph.Json" => Ok(value.clone()),
            Kind::Complex | Kind::Entity => {
                let Value::Object(object) = value else { return Err(wrong_kind(at, &ty.name, value)) };
                let actual = self.value_type(&ty.name, object, at)?;
                let mut checked = Object::new();
                if object.contains_key("@odata.type") {
                    checked.insert("@odata.type".into(), Value::String(format!("#{}", actual.name)));
                }
                for (name, inner) in object {
                    if is_control_information(name) {
                        continue;
                    }
                    let here = join(at, name);
                    if let Some(property) = actual.properties.get(name) {
                        checked.insert(name.clone(), self.value(&property.ty, inner, &here)?);
                    } else if actual.navigation.contains_key(name) {
                        // Inline navigation inside a value (an operation's entity parameter): kept as given.
                        checked.insert(name.clone(), inner.clone());
                    } else if actual.open {
                        checked.insert(name.clone(), inner.clone());
                    } else if self.lenient() {
                        self.warnings.push(format!("`{here}`: not a property of {}; kept", actual.name));
                        checked.insert(name.clone(), inner.clone());
                    } else {
                        return Err(unknown_property(&here, name, &actual.name));
                    }
                }
                Ok(Value::Object(checked))
            }
        }
    }
}

/// `@odata.context`, `@odata.id`, `name@odata.type`, `#microsoft.graph.assign`: what a
/// client may send back and the service ignores (`@odata.type` itself is read apart).
fn is_control_information(name: &str) -> bool {
    name.starts_with('#') || name.contains('@')
}

fn join(at: &str, name: &str) -> String {
    if at.is_empty() { name.to_owned() } else { format!("{at}.{name}") }
}

fn bad(at: &str, message: String) -> ServiceError {
    if at.is_empty() {
        ServiceError::bad_request(message)
    } else {
        ServiceError::bad_request(format!("{message} (at `{at}`)"))
    }
}

fn unknown_property(at: &str, name: &str, ty: &str) -> ServiceError {
    bad(at, format!("Could not find a property named '{name}' on type '{ty}'."))
}

/// `named`: the body named the abstract type; else it named none where one is needed.
fn abstract_type(schema: &Schema, ty: &TypeInfo, at: &str, named: bool) -> ServiceError {
    let concrete = concrete_types(schema, ty);
    let examples: Vec<String> = concrete.iter().take(3).map(|name| format!("'#{name}'")).collect();
    let hint = if examples.is_empty() { String::new() } else { format!(" such as {}", examples.join(", ")) };
    let why = if named { "is abstract" } else { "has derived types and no '@odata.type' says which" };
    bad(
        at,
        format!("Cannot create an abstract class: '{}' {why}; give a concrete type in '@odata.type'{hint}.", ty.name),
    )
}

fn wrong_kind(at: &str, expected: &str, value: &Value) -> ServiceError {
    bad(at, format!("A value of type '{expected}' was expected, not {}.", kind_of(value)))
}

pub(crate) fn kind_of(value: &Value) -> String {
    let text = value.to_string();
    let shown =
        if text.chars().count() > 40 { format!("{}…", text.chars().take(40).collect::<String>()) } else { text };
    let kind = match value {
        Value::Null => return "null".to_owned(),
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{kind} ({shown})")
}

/// Checks a primitive value's JSON kind and, for the types with a text form, its format.
pub(crate) fn check_primitive(name: &str, value: &Value, at: &str) -> Result<(), ServiceError> {
    let integer = |low: i64, high: i64| match value {
        Value::Number(number) => number.as_i64().is_some_and(|n| (low..=high).contains(&n)),
        _ => false,
    };
    let text = value.as_str();
    let valid = match name {
        "Edm.String" => text.is_some(),
        "Edm.Boolean" => value.is_boolean(),
        "Edm.Byte" => integer(0, 255),
        "Edm.SByte" => integer(-128, 127),
        "Edm.Int16" => integer(i16::MIN.into(), i16::MAX.into()),
        "Edm.Int32" => integer(i32::MIN.into(), i32::MAX.into()),
        "Edm.Int64" => integer(i64::MIN, i64::MAX),
        "Edm.Single" | "Edm.Double" => value.is_number() || matches!(text, Some("NaN" | "INF" | "-INF")),
        "Edm.Decimal" => value.is_number(),
        "Edm.Guid" => text.is_some_and(is_guid),
        "Edm.DateTimeOffset" => text.is_some_and(|text| parse_date_time(text).is_some()),
        "Edm.Date" => text.is_some_and(is_date),
        "Edm.TimeOfDay" => text.is_some_and(is_time_of_day),
        "Edm.Duration" => text.is_some_and(is_duration),
        "Edm.Binary" => text.is_some_and(|text| {
            text.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=' | b'-' | b'_'))
        }),
        _ => true,
    };
    if valid {
        return Ok(());
    }
    let expected = match (name, value) {
        ("Edm.Guid", Value::String(_)) => "a GUID (8-4-4-4-12 hexadecimal digits)",
        ("Edm.DateTimeOffset", Value::String(_)) => "a date and time with an offset (2024-06-01T08:00:00Z)",
        ("Edm.Date", Value::String(_)) => "a date (2024-06-01)",
        ("Edm.TimeOfDay", Value::String(_)) => "a time of day (08:00:00)",
        ("Edm.Duration", Value::String(_)) => "an ISO 8601 duration (PT1H30M)",
        ("Edm.Binary", Value::String(_)) => "base64 text",
        (_, Value::Number(_)) if name.starts_with("Edm.Int") || name.ends_with("Byte") => "an integer in its range",
        _ => "",
    };
    let what = if expected.is_empty() { String::new() } else { format!(" ({expected})") };
    Err(bad(at, format!("A value of type '{name}'{what} was expected, not {}.", kind_of(value))))
}

pub(crate) fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text
            .char_indices()
            .all(|(index, c)| if matches!(index, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

/// An OData `DateTimeOffset` (RFC 3339, any number of fraction digits).
pub(crate) fn parse_date_time(text: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

/// `2024-06-01`: a date of the calendar.
fn is_date(text: &str) -> bool {
    let mut parts = text.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else { return false };
    let digits = |part: &str, length: usize| part.len() == length && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return false;
    }
    let month = month.parse::<u8>().ok().and_then(|month| time::Month::try_from(month).ok());
    match (year.parse::<i32>(), month, day.parse::<u8>()) {
        (Ok(year), Some(month), Ok(day)) => time::Date::from_calendar_date(year, month, day).is_ok(),
        _ => false,
    }
}

/// `08:30`, `08:30:00`, `08:30:00.0000000`.
fn is_time_of_day(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let numbers: Vec<Option<u8>> = whole
        .split(':')
        .map(|part| {
            (part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit())).then(|| part.parse().ok()).flatten()
        })
        .collect();
    let valid = match numbers.as_slice() {
        [Some(hour), Some(minute)] => time::Time::from_hms(*hour, *minute, 0).is_ok(),
        [Some(hour), Some(minute), Some(second)] => time::Time::from_hms(*hour, *minute, *second).is_ok(),
        _ => false,
    };
    valid && !fraction.is_empty() && fraction.bytes().all(|byte| byte.is_ascii_digit())
}

fn is_duration(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    body.strip_prefix('P').is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_digit() || b"YMWDTHS.".contains(&byte))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn primitives_are_checked_by_kind_and_format() {
        let ok = |name: &str, value: Value| check_primitive(name, &value, "p").is_ok();
        assert!(ok("Edm.String", json!("x")) && !ok("Edm.String", json!(5)));
        assert!(ok("Edm.Int32", json!(5)) && !ok("Edm.Int32", json!(5.5)) && !ok("Edm.Int32", json!(1u64 << 40)));
        assert!(ok("Edm.Byte", json!(255)) && !ok("Edm.Byte", json!(-1)));
        assert!(ok("Edm.Double", json!(1.5)) && ok("Edm.Double", json!("NaN")) && !ok("Edm.Double", json!("x")));
        assert!(ok("Edm.Guid", json!("0a3c1f2e-9b4d-4c7a-8e6f-5d2b1a0c9e8f")) && !ok("Edm.Guid", json!("0a3c1f2e")));
        assert!(ok("Edm.DateTimeOffset", json!("2016-12-31T23:58:36.6670033-08:00")));
        assert!(!ok("Edm.DateTimeOffset", json!("2016-12-31")) && !ok("Edm.DateTimeOffset", json!("yesterday")));
        assert!(ok("Edm.Date", json!("2024-02-29")) && !ok("Edm.Date", json!("2023-02-29")));
        assert!(ok("Edm.TimeOfDay", json!("08:30:00.0000000")) && !ok("Edm.TimeOfDay", json!("25:00:00")));
        assert!(ok("Edm.Duration", json!("PT1H30M")) && !ok("Edm.Duration", json!("1 hour")));
        assert!(ok("Edm.Binary", json!("aGVsbG8=")) && !ok("Edm.Binary", json!("not base64!")));
        let error = check_primitive("Edm.Int32", &json!("five"), "settings[0].value").unwrap_err();
        assert_eq!(
            error.message,
            "A value of type 'Edm.Int32' was expected, not a string (\"five\"). (at `settings[0].value`)"
        );
    }

    #[test]
    fn control_information_is_recognised() {
        for name in ["@odata.context", "@odata.id", "settings@odata.navigationLink", "#microsoft.graph.assign"] {
            assert!(is_control_information(name), "{name}");
        }
        assert!(!is_control_information("displayName"));
    }
}
