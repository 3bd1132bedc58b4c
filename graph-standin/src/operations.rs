//! Bound actions and functions: every one of the schema answers at `{place}/microsoft.graph.{name}`
//! and `{place}/{name}`.
//!
//! Parameters are checked against the schema (an unknown parameter, a value of the wrong
//! kind, a missing function parameter are `400`s) and every call is recorded
//! ([`StandIn::operation_calls`](crate::StandIn::operation_calls)). Then:
//!
//! - a handler the test gave ([`StandIn::on_operation`](crate::StandIn::on_operation)) answers,
//!   its value checked against the return type;
//! - else `assign` stores the assignments it is given in the entity's contained collection of
//!   their type (readable through `assignments` afterwards, with ids) and returns them when
//!   its return type says so;
//! - else the operation answers what its return type allows: `204` for none, `200` with a
//!   schema-valid default (an empty collection, a default complex value, a primitive's zero).

use std::panic::AssertUnwindSafe;

use http::{Method, StatusCode};
use msgraph_codegen::csdl::{Kind, Operation, OperationKind, TypeRef};
use serde_json::{Map, Value};

use crate::address::{Bound, Resolved, split_top_level, unquote};
use crate::defaults::default_value;
use crate::error::ServiceError;
use crate::handlers::OperationCall;
use crate::schema::Schema;
use crate::service::{Answer, Call, JSON, Service, parse_body, query_aliases, type_of};
use crate::validate::{Checker, Purpose};

impl Service {
    /// Answers a call of one of the operations `indexes` (overloads of one name) bound to `bound`:
    /// a method of the service written here, so the service calls it without importing this module.
    pub(crate) fn answer_operation(
        &self,
        call: &Call<'_>,
        resolved: &Resolved,
        indexes: &[usize],
        bound: &Bound,
        arguments: Option<&str>,
    ) -> Result<Answer, ServiceError> {
        let schema = &*self.schema;
        let first = schema.operation(indexes[0]);
        let expected = match first.kind {
            OperationKind::Action => Method::POST,
            OperationKind::Function => Method::GET,
        };
        if *call.method != expected {
            return Err(ServiceError::method_not_allowed(
                call.method,
                &format!("the {} '{}'", Schema::operation_kind_name(first.kind), first.name),
                &[expected.as_str()],
            ));
        }
        let given = match first.kind {
            OperationKind::Action if call.body.iter().all(u8::is_ascii_whitespace) => Map::new(),
            OperationKind::Action => match parse_body(call.body)? {
                Value::Object(object) => object,
                other => {
                    return Err(ServiceError::bad_request(format!(
                        "The parameters of an action are a JSON object, not {}.",
                        crate::validate::kind_of(&other)
                    )));
                }
            },
            OperationKind::Function => function_arguments(arguments.unwrap_or_default(), &query_aliases(call.query))?,
        };

        let mut state = self.lock();
        let store = &mut state.store;
        for entity in &resolved.ancestors {
            self.existing(store, entity)?;
        }
        let (bound_entity, binding_type, path, collection) = match bound {
            Bound::Entity(entity) => {
                let object = self.existing(store, entity)?;
                (Some(object.clone()), type_of(object).to_owned(), entity.address.clone(), false)
            }
            Bound::Collection(collection) => (None, collection.seen_as().to_owned(), collection.address.clone(), true),
        };
        // Bound to the entity's own type (or a base of it): a name reached without a cast is
        // looked up again on what the entity is.
        let candidates: Vec<usize> =
            if indexes.iter().any(|&index| binds(schema, schema.operation(index), &binding_type)) {
                indexes.to_vec()
            } else {
                let again = schema.bound_operations(&binding_type, collection, &first.name);
                if again.is_empty() {
                    return Err(ServiceError::bad_request(format!(
                        "The {} '{}' is not bound to '{}', the type of '{path}'.",
                        Schema::operation_kind_name(first.kind),
                        first.name,
                        binding_type
                    )));
                }
                again
            };
        let index = choose_overload(schema, &candidates, &given)?;
        let operation = schema.operation(index);
        let mut checker = Checker::new(schema, Purpose::Value);
        let mut parameters = Map::new();
        for (name, value) in &given {
            let parameter = operation.parameters.iter().find(|parameter| &parameter.name == name).ok_or_else(|| {
                ServiceError::bad_request(format!(
                    "The {} '{}' has no parameter named '{name}' (its parameters: {}).",
                    Schema::operation_kind_name(operation.kind),
                    operation.name,
                    parameter_names(operation)
                ))
            })?;
            parameters.insert(name.clone(), checker.value(&parameter.ty, value, name)?);
        }
        let record = OperationCall {
            operation: format!("{}.{}", operation.namespace, operation.name),
            binding_type,
            path: format!("/{path}"),
            parameters: Value::Object(parameters),
            bound_entity: bound_entity.map(Value::Object),
        };
        state.calls.push(record.clone());

        let handler = {
            let handlers = self.handlers.read().unwrap_or_else(|poison| poison.into_inner());
            handlers.get(&record.operation).or_else(|| handlers.get(&operation.name)).cloned()
        };
        let result = match handler {
            Some(handler) => {
                drop(state);
                match std::panic::catch_unwind(AssertUnwindSafe(|| handler(&record))) {
                    Ok(Ok(value)) => Some(value),
                    Ok(Err(error)) => {
                        let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                        return Err(ServiceError::new(status, error.code, error.message));
                    }
                    Err(panic) => {
                        let message = panic_message(&panic);
                        eprintln!("msgraph-standin: the handler of {} panicked: {message}", record.operation);
                        return Err(ServiceError::new(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "InternalServerError",
                            format!("The handler of '{}' panicked: {message}", record.operation),
                        ));
                    }
                }
            }
            None if operation.name == "assign" && matches!(bound, Bound::Entity(_)) => {
                let Bound::Entity(entity) = bound else { unreachable!("matched") };
                assign(self, &mut state.store, operation, &record, &entity.address)?
            }
            None => None,
        };
        respond(self, call.version, operation, result, &record)
    }
}

/// Whether `operation` is bound to `ty` or a base of it.
fn binds(schema: &Schema, operation: &Operation, ty: &str) -> bool {
    operation.binding.as_ref().is_some_and(|binding| schema.derives_from(ty, &binding.name))
}

/// The overload whose parameters the call gives (and, for a function, that gets all it needs).
fn choose_overload(schema: &Schema, indexes: &[usize], given: &Map<String, Value>) -> Result<usize, ServiceError> {
    let fits = |index: &usize| {
        let operation = schema.operation(*index);
        given.keys().all(|name| operation.parameters.iter().any(|parameter| &parameter.name == name))
            && (operation.kind == OperationKind::Action
                || operation
                    .parameters
                    .iter()
                    .all(|parameter| parameter.optional || given.contains_key(&parameter.name)))
    };
    if let Some(index) = indexes.iter().find(|index| fits(index)) {
        return Ok(*index);
    }
    let operation = schema.operation(indexes[0]);
    let unknown: Vec<&String> =
        given.keys().filter(|name| !operation.parameters.iter().any(|parameter| &parameter.name == *name)).collect();
    let message = match unknown.first() {
        Some(name) => format!(
            "The {} '{}' has no parameter named '{name}' (its parameters: {}).",
            Schema::operation_kind_name(operation.kind),
            operation.name,
            parameter_names(operation)
        ),
        None => {
            let missing: Vec<&str> = operation
                .parameters
                .iter()
                .filter(|parameter| !parameter.optional && !given.contains_key(&parameter.name))
                .map(|parameter| parameter.name.as_str())
                .collect();
            format!("The function '{}' needs the parameter(s) {}.", operation.name, missing.join(", "))
        }
    };
    Err(ServiceError::bad_request(message))
}

fn parameter_names(operation: &Operation) -> String {
    if operation.parameters.is_empty() {
        return "none".to_owned();
    }
    operation.parameters.iter().map(|parameter| parameter.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// `a='x',b=3,c=@p` (with `@p` from the query) as a JSON object.
fn function_arguments(text: &str, aliases: &[(String, String)]) -> Result<Map<String, Value>, ServiceError> {
    let mut arguments = Map::new();
    if text.trim().is_empty() {
        return Ok(arguments);
    }
    for part in split_top_level(text, ',') {
        let Some((name, literal)) = part.split_once('=') else {
            return Err(ServiceError::bad_request(format!("'{part}' is not a function argument (name=value).")));
        };
        let literal = literal.trim();
        let literal = match literal.strip_prefix('@') {
            Some(_) => aliases.iter().find(|(alias, _)| alias == literal).map(|(_, value)| value.as_str()).ok_or_else(
                || ServiceError::bad_request(format!("The parameter alias '{literal}' is not given in the query.")),
            )?,
            None => literal,
        };
        arguments.insert(name.trim().to_owned(), literal_value(literal)?);
    }
    Ok(arguments)
}

/// An OData literal of a URL as JSON: `'x'`, `3`, `true`, `null`, `["a","b"]`, `microsoft.graph.x'member'`.
fn literal_value(literal: &str) -> Result<Value, ServiceError> {
    let literal = literal.trim();
    if literal.starts_with('[') || literal.starts_with('{') {
        return serde_json::from_str(literal)
            .map_err(|error| ServiceError::bad_request(format!("'{literal}' is not a JSON value: {error}.")));
    }
    if let Some(open) = literal.find('\'')
        && open > 0
        && literal.ends_with('\'')
    {
        // A typed literal: the member or text in quotes.
        return Ok(Value::String(unquote(&literal[open..]).unwrap_or_default()));
    }
    if literal.starts_with('\'') {
        return unquote(literal)
            .map(Value::String)
            .ok_or_else(|| ServiceError::bad_request(format!("'{literal}' is not a string literal.")));
    }
    match literal {
        "null" => Ok(Value::Null),
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        _ => Ok(serde_json::from_str::<serde_json::Number>(literal)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::String(literal.to_owned()))),
    }
}

/// `assign`: each collection parameter of entities goes to the contained collection of the
/// bound entity that holds their type (replacing what was there), each item with a new id.
fn assign(
    service: &Service,
    store: &mut crate::store::Store,
    operation: &Operation,
    call: &OperationCall,
    entity_address: &str,
) -> Result<Option<Value>, ServiceError> {
    let schema = &*service.schema;
    let owner = schema.known(&call.binding_type);
    let mut returned = Vec::new();
    for parameter in &operation.parameters {
        let element = &parameter.ty.name;
        if !parameter.ty.collection || schema.ty(element).is_none_or(|info| info.kind != Kind::Entity) {
            continue;
        }
        let Some(Value::Array(items)) = call.parameters.get(&parameter.name) else { continue };
        let mut homes: Vec<(&String, &crate::schema::NavigationInfo)> = owner
            .navigation
            .iter()
            .filter(|(_, navigation)| {
                navigation.contained
                    && navigation.ty.collection
                    && (schema.derives_from(element, &navigation.ty.name)
                        || schema.derives_from(&navigation.ty.name, element))
            })
            .collect();
        homes.sort_by_key(|(name, _)| (*name != &parameter.name, name.len()));
        let Some((navigation, home)) = homes.first() else { continue };
        let collection = format!("{entity_address}/{navigation}");
        store.clear_collection(&collection);
        for item in items {
            let checked = Checker::new(schema, Purpose::Create).entity(&home.ty.name, item)?;
            let (_, stored) = service.insert_checked(store, &collection, checked, Purpose::Create)?;
            if operation.return_type.as_ref().is_some_and(|ty| schema.derives_from(type_of(&stored), &ty.name)) {
                returned.push(Value::Object(stored));
            }
        }
    }
    Ok(operation.return_type.as_ref().map(|_| Value::Array(returned)))
}

/// The answer of an operation: its result (or the default of its return type), checked.
fn respond(
    service: &Service,
    version: &str,
    operation: &Operation,
    result: Option<Value>,
    call: &OperationCall,
) -> Result<Answer, ServiceError> {
    let schema = &*service.schema;
    let Some(return_type) = &operation.return_type else {
        return Ok(Answer::empty(StatusCode::NO_CONTENT));
    };
    let value = match result {
        Some(Value::Null) => return Ok(Answer::empty(StatusCode::NO_CONTENT)),
        Some(value) => Checker::new(schema, Purpose::Value).value(return_type, &value, "").map_err(|error| {
            ServiceError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                format!(
                    "The handler of '{}' returned a value that is not a '{}': {}",
                    call.operation,
                    type_text(return_type),
                    error.message
                ),
            )
        })?,
        None => default_value(schema, return_type),
    };
    if return_type.name == "Edm.Stream" {
        let bytes = match value {
            Value::String(text) => text.into_bytes(),
            _ => Vec::new(),
        };
        return Ok(Answer::text(StatusCode::OK, "application/octet-stream", bytes));
    }
    let context = format!("{}/{version}/$metadata#{}", service.base_url, type_text(return_type));
    let is_structured = !return_type.collection
        && schema.ty(&return_type.name).is_some_and(|info| matches!(info.kind, Kind::Complex | Kind::Entity))
        && return_type.name != "microsoft.graph.Json";
    let body = match value {
        Value::Object(object) if is_structured => {
            let mut body = Map::with_capacity(object.len() + 1);
            body.insert("@odata.context".into(), Value::String(context));
            body.extend(object);
            Value::Object(body)
        }
        value => serde_json::json!({ "@odata.context": context, "value": value }),
    };
    let mut answer = Answer::json(StatusCode::OK, &body);
    answer.content_type = Some(JSON);
    Ok(answer)
}

fn type_text(ty: &TypeRef) -> String {
    if ty.collection { format!("Collection({})", ty.name) } else { ty.name.clone() }
}

/// The text of a caught panic.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_arguments_read_literals_and_aliases() {
        let aliases = vec![("@p".to_owned(), "'from alias'".to_owned())];
        let arguments =
            function_arguments("a='it''s',b=3,c=true,d=null,e=@p,f=microsoft.graph.x'on',g=[\"x\",\"y\"]", &aliases)
                .unwrap();
        assert_eq!(
            Value::Object(arguments),
            serde_json::json!({"a": "it's", "b": 3, "c": true, "d": null, "e": "from alias", "f": "on", "g": ["x", "y"]})
        );
        assert!(function_arguments("a=@missing", &[]).unwrap_err().message.contains("'@missing'"));
        assert!(function_arguments("nonsense", &[]).is_err());
    }
}
