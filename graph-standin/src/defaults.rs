//! Schema-valid default values: what an operation without a handler returns, and what the
//! stand-in sets for a read-only property that cannot be null.

use msgraph_codegen::csdl::{Kind, TypeRef};
use serde_json::{Map, Value};

use crate::schema::{Schema, concrete_types};

/// How deep a default complex value is filled before nested values are left out.
const MAX_DEPTH: usize = 4;

/// The default of a value of `ty`: an empty collection, a primitive's zero, an enum's first
/// member, or an object of a concrete type with every non-nullable property filled.
pub(crate) fn default_value(schema: &Schema, ty: &TypeRef) -> Value {
    default_at(schema, ty, 0)
}

fn default_at(schema: &Schema, ty: &TypeRef, depth: usize) -> Value {
    if ty.collection {
        return Value::Array(Vec::new());
    }
    if ty.is_primitive() {
        return primitive_default(&ty.name);
    }
    let Some(info) = schema.ty(&ty.name) else { return Value::Null };
    match info.kind {
        Kind::Enum => info.members.first().map_or(Value::Null, |member| Value::String(member.clone())),
        _ if ty.name == "microsoft.graph.Json" => Value::Object(Map::new()),
        Kind::Complex | Kind::Entity => {
            let Some(concrete) = concrete_types(schema, info).first().copied() else { return Value::Null };
            let concrete = schema.known(concrete);
            let mut object = Map::new();
            object.insert("@odata.type".into(), Value::String(format!("#{}", concrete.name)));
            if concrete.kind == Kind::Entity && concrete.key.len() == 1 {
                object.insert(concrete.key[0].clone(), Value::String(uuid::Uuid::new_v4().to_string()));
            }
            if depth < MAX_DEPTH {
                let mut names: Vec<&String> = concrete.properties.keys().collect();
                names.sort();
                for name in names {
                    let property = &concrete.properties[name];
                    if !property.nullable && !object.contains_key(name) {
                        object.insert(name.clone(), default_at(schema, &property.ty, depth + 1));
                    }
                }
            }
            Value::Object(object)
        }
    }
}

/// The zero of a primitive type, in its JSON form.
pub(crate) fn primitive_default(name: &str) -> Value {
    match name {
        "Edm.Boolean" => Value::Bool(false),
        "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64" | "Edm.Single" | "Edm.Double"
        | "Edm.Decimal" => Value::from(0),
        "Edm.Guid" => Value::String("00000000-0000-0000-0000-000000000000".into()),
        "Edm.DateTimeOffset" => Value::String("0001-01-01T00:00:00Z".into()),
        "Edm.Date" => Value::String("0001-01-01".into()),
        "Edm.TimeOfDay" => Value::String("00:00:00".into()),
        "Edm.Duration" => Value::String("PT0S".into()),
        "Edm.Untyped" => Value::Null,
        _ => Value::String(String::new()),
    }
}
