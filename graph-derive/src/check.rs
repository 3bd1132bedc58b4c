//! Checks that need the whole input: names, paths, and attributes that exclude each other.

use std::collections::{HashMap, HashSet};

use quote::ToTokens as _;
use syn::{Fields, LitStr};

use crate::path::PathTemplate;

use msgraph_names::{BUILDER_METHODS, ENTITY_FUNCTIONS};

use crate::ast::{Body, Container, Field, FieldRole, Variant};
use crate::errors::Errors;
use crate::kind::DeriveKind;
use crate::symbol::*;

pub fn check(container: &Container<'_>, errors: &mut Errors) {
    if container.kind.is_operation() {
        check_operation(container, errors);
        return;
    }
    match &container.body {
        Body::Struct(fields) => {
            check_odata_type(container, errors);
            if container.kind == DeriveKind::Entity {
                check_collection(container, errors);
                check_key(container, fields, errors);
                check_setter_names(container, errors);
            }
            check_fields(fields, errors);
        }
        Body::Enum(variants) => check_variants(container, variants, errors),
        Body::Polymorphic(variants) => {
            check_odata_type(container, errors);
            if container.kind == DeriveKind::Entity {
                check_collection(container, errors);
            }
            check_polymorphic_variants(container, variants, errors);
        }
    }
}

fn check_odata_type(container: &Container<'_>, errors: &mut Errors) {
    let Some(literal) = &container.attrs.odata_type else {
        errors.spanned_by(
            container.ident,
            format!(
                "{} needs the OData type name: #[graph({ODATA_TYPE} = \"microsoft.graph.{}\")]",
                container.kind.macro_name(),
                msgraph_names::lower_first(&container.ident.to_string())
            ),
        );
        return;
    };
    let value = literal.value();
    let name = value.strip_prefix('#').unwrap_or(&value);
    let segments: Vec<&str> = name.split('.').collect();
    if segments.len() < 2 || !segments.iter().all(|segment| is_identifier(segment)) {
        errors.spanned_by(
            literal,
            format!("`{value}` is not an OData type name: expected a namespace and a name, such as \"microsoft.graph.ndesConnector\""),
        );
    }
}

/// An action or function: its qualified name, what it is bound to and where, its function's
/// name, and parameters with distinct names.
fn check_operation(container: &Container<'_>, errors: &mut Errors) {
    let attrs = &container.attrs;
    let macro_name = container.kind.macro_name();
    match &attrs.name {
        None => errors.spanned_by(
            container.ident,
            format!("{macro_name} needs the operation's qualified name: #[graph({NAME} = \"microsoft.graph.assign\")]"),
        ),
        Some(name) => {
            let value = name.value();
            let segments: Vec<&str> = value.split('.').collect();
            if segments.len() < 2 || !segments.iter().all(|segment| is_identifier(segment)) {
                errors.spanned_by(
                    name,
                    format!("`{value}` is not a qualified operation name: write the namespace and the name, such as \"microsoft.graph.assign\""),
                );
            }
        }
    }
    if attrs.bound.is_none() || attrs.path.is_none() {
        errors.spanned_by(
            container.ident,
            format!(
                "{macro_name} needs what the operation is bound to: #[graph({BOUND} = DeviceConfiguration, {PATH} = \"/deviceManagement/deviceConfigurations/{{deviceConfigurationId}}\")] — an entity's item path, a collection's path or a singleton's"
            ),
        );
    }
    if let Some(path) = &attrs.path {
        check_parameters(path, errors);
    }
    if let Some(method) = &attrs.method
        && (syn::parse_str::<syn::Ident>(&method.value()).is_err() || method.value().starts_with("__"))
    {
        errors.spanned_by(method, format!("`{}` cannot name a function: use a snake_case name", method.value()));
    }
    let mut seen: HashMap<&str, &Field<'_>> = HashMap::new();
    for field in container.fields() {
        check_property_name(field, field.attrs.rename.as_ref(), errors);
        if let Some(previous) = seen.insert(&field.graph_name, field) {
            errors.at(
                field.name_span,
                format!("parameter `{}` is already the name of field `{}`", field.graph_name, previous.member),
            );
        }
    }
}

/// An OData name (a SimpleIdentifier, in any script): the rule the generator's reader applies.
fn is_identifier(text: &str) -> bool {
    msgraph_names::check_simple_identifier(text).is_ok()
}

/// The collection is optional (an entity without a collection of its own, reached through
/// its parent, gets no operations); each path's parameters, once renamed, are distinct;
/// each `create_at` and `single` function has a free name.
fn check_collection(container: &Container<'_>, errors: &mut Errors) {
    let attrs = &container.attrs;
    match &attrs.collection {
        Some(collection) => check_parameters(collection, errors),
        None => {
            for create_at in &attrs.create_at {
                errors.spanned_by(
                    &create_at.name,
                    format!("`{CREATE_AT}` adds a path to the entity's collection: give #[graph({COLLECTION} = \"/...\")] too"),
                );
            }
            if let Some(cast) = attrs.cast {
                errors.at(
                    cast,
                    format!(
                        "`{CAST}` changes how the collection is listed: give #[graph({COLLECTION} = \"/...\")] too"
                    ),
                );
            }
        }
    }
    // Every function name the paths give: `create_in_x`, `in_x`, `get_settings`, `update_settings`.
    let mut names: HashSet<String> = HashSet::new();
    let create_names = attrs.create_at.iter().flat_map(|create_at| {
        msgraph_names::create_at_functions(&create_at.name.value()).map(|function| (function, create_at, CREATE_AT))
    });
    let single_names = attrs.singles.iter().flat_map(|single| {
        msgraph_names::single_functions(&single.name.value()).map(|function| (function, single, SINGLE))
    });
    for (function, named, key) in create_names.chain(single_names) {
        let written = named.name.value();
        if !crate::names::is_function_name(&function, &written) {
            errors
                .spanned_by(&named.name, format!("`{written}` cannot name a `{key}` function: use a snake_case name"));
        } else if ENTITY_FUNCTIONS.contains(&function.as_str()) {
            errors.spanned_by(
                &named.name,
                format!(
                    "`{function}` is the name of an operation the derive writes ({}): use one like \"create_in_assignments\"",
                    ENTITY_FUNCTIONS.join(", ")
                ),
            );
        } else if !names.insert(function.clone()) {
            errors.spanned_by(&named.name, format!("another path already gives the function `{function}`"));
        }
    }
    for named in attrs.create_at.iter().chain(&attrs.singles) {
        check_parameters(&named.path, errors);
    }
}

/// Two parameters that become the same Rust name (`{YId}` and `{yId}`, `{key}` and `{key_}`) cannot both be filled.
fn check_parameters(template: &PathTemplate, errors: &mut Errors) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for parameter in template.parameters() {
        if let Some(previous) = seen.insert(parameter.ident.to_string(), &parameter.name) {
            let message = if previous == parameter.name {
                format!("the parameter `{{{previous}}}` appears twice in the path: name each parameter once")
            } else {
                format!(
                    "the parameters `{{{previous}}}` and `{{{}}}` would both be the argument `{}`: rename one of them",
                    parameter.name, parameter.ident
                )
            };
            errors.spanned_by(&template.literal, message);
        }
    }
}

fn check_key(container: &Container<'_>, fields: &[Field<'_>], errors: &mut Errors) {
    let keys: Vec<&Field<'_>> = fields.iter().filter(|field| field.role == FieldRole::Key).collect();
    match keys.as_slice() {
        [] => errors.spanned_by(
            container.ident,
            format!("GraphEntity needs one key field: mark it #[graph({KEY})] (usually `id`)"),
        ),
        [_] => {}
        [_, extra @ ..] => {
            for field in extra {
                errors.at(
                    field.attrs.key.expect("filtered on key"),
                    "an entity has one key: another field is already #[graph(key)]",
                );
            }
        }
    }
}

fn check_fields(fields: &[Field<'_>], errors: &mut Errors) {
    let mut seen: HashMap<&str, &Field<'_>> = HashMap::new();
    let (mut additional_seen, mut odata_seen) = (false, false);
    for field in fields {
        let attrs = &field.attrs;
        // The catch-all and the control information are fields of their own kind, not properties.
        let special = [
            (attrs.additional, ADDITIONAL, &mut additional_seen, "the additional properties"),
            (attrs.odata, ODATA, &mut odata_seen, "the control information"),
        ];
        let mut is_special = false;
        for (flag, name, seen_before, what) in special {
            let Some(span) = flag else { continue };
            if is_special {
                errors.at(span, format!("`{name}` cannot be combined with `{ADDITIONAL}`"));
                continue;
            }
            is_special = true;
            if *seen_before {
                errors.at(span, format!("only one field can hold {what}"));
            }
            *seen_before = true;
            let navigation = attrs.navigation.map(|navigation| navigation.span);
            for (other, key) in
                [(attrs.key, KEY), (attrs.read_only, READ_ONLY), (attrs.required, REQUIRED), (navigation, NAVIGATION)]
            {
                if let Some(other) = other {
                    errors.at(other, format!("`{key}` cannot be combined with `{name}`"));
                }
            }
            if let Some(rename) = &attrs.rename {
                errors.spanned_by(rename, format!("the `{name}` field has no property name of its own"));
            }
        }
        if is_special {
            continue;
        }
        if let Some(navigation) = attrs.navigation {
            check_navigation(field, navigation, errors);
        }
        check_property_name(field, attrs.rename.as_ref(), errors);
        if let Some(previous) = seen.insert(&field.graph_name, field) {
            errors.at(
                field.name_span,
                format!("property `{}` is already the name of field `{}`", field.graph_name, previous.member),
            );
        }
        if let Some(required) = attrs.required
            && field.is_read_only()
        {
            errors.at(required, "a read-only property cannot be required on create: the service sets it");
        }
        if let (Some(_), Some(read_only)) = (attrs.key, attrs.read_only) {
            errors.at(read_only, "a key is read-only already");
        }
        if field.is_read_only() && field.option_inner.is_none() && attrs.navigation.is_none() {
            errors
                .spanned_by(field.ty, "a key or read-only property must be an `Option`: create requests leave it out");
        }
    }
}

/// A navigation property is an `Option` (the service sends it only when asked to expand it), not
/// a key or read-only property, and required on create only when sent inline.
fn check_navigation(field: &Field<'_>, navigation: crate::attr::Navigation, errors: &mut Errors) {
    let attrs = &field.attrs;
    for (other, key) in [(attrs.key, KEY), (attrs.read_only, READ_ONLY)] {
        if let Some(other) = other {
            errors.at(other, format!("`{key}` cannot be combined with `{NAVIGATION}`: a navigation property is not a property of the value itself"));
        }
    }
    if let (Some(required), false) = (attrs.required, navigation.deep_insert) {
        errors.at(
            required,
            format!("a navigation property is required on create only when the service takes it inline: write `{NAVIGATION}({DEEP_INSERT})`"),
        );
    }
    if field.option_inner.is_none() {
        errors.spanned_by(
            field.ty,
            "a navigation property must be an `Option`: the service sends it only when asked to expand it",
        );
    }
}

/// A field's create setter must not collide with the create builder's own methods.
fn check_setter_names(container: &Container<'_>, errors: &mut Errors) {
    for field in container.creatable() {
        let name = field.member.to_string();
        if BUILDER_METHODS.contains(&name.as_str()) {
            errors.spanned_by(
                field.member,
                format!("a field named `{name}` would collide with the create builder's `{name}()`: rename the field and use #[graph(rename = \"...\")]"),
            );
        }
    }
}

fn check_property_name(field: &Field<'_>, rename: Option<&LitStr>, errors: &mut Errors) {
    let name = &field.graph_name;
    let problem = if name == "@odata.type" {
        Some("`@odata.type` is written by the derive from #[graph(odata_type = ...)]; remove this field".to_owned())
    } else if name.is_empty() {
        Some("a property name cannot be empty".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        match rename {
            Some(rename) => errors.spanned_by(rename, problem),
            None => errors.at(field.name_span, problem),
        }
    }
}

fn check_variants(container: &Container<'_>, variants: &[Variant<'_>], errors: &mut Errors) {
    let mut seen: HashMap<&str, &Variant<'_>> = HashMap::new();
    let mut other_seen = false;
    for variant in variants {
        if let Some(other) = variant.attrs.other {
            if other_seen {
                errors.at(other, "only one variant can keep unknown members");
            }
            other_seen = true;
            if !matches!(variant.fields, Fields::Unnamed(fields) if fields.unnamed.len() == 1) {
                errors.at(
                    variant.span(),
                    "the `other` variant holds the unknown member's text: write it `Other(String)`",
                );
            }
            if let Some(rename) = &variant.attrs.rename {
                errors.spanned_by(rename, "the `other` variant has no member name of its own");
            }
            continue;
        }
        if !matches!(variant.fields, Fields::Unit) {
            errors.spanned_by(
                variant.fields,
                "an OData enum member carries no data; only the #[graph(other)] variant holds a value",
            );
        }
        if let Some(previous) = seen.insert(&variant.member, variant) {
            errors.at(
                variant.span(),
                format!("member `{}` is already the name of variant `{}`", variant.member, previous.ident),
            );
        }
    }
    if !other_seen {
        errors.spanned_by(
            container.ident,
            "a Graph enum must keep members it does not know (beta adds them): add a variant `#[graph(other)] Other(String)`",
        );
    }
}

fn check_polymorphic_variants(container: &Container<'_>, variants: &[Variant<'_>], errors: &mut Errors) {
    let mut other_seen = false;
    let mut types = HashMap::new();
    for variant in variants {
        if let Some(other) = variant.attrs.other {
            if other_seen {
                errors.at(other, "only one variant can keep values of types the enum does not list");
            }
            other_seen = true;
            if variant.single_field().is_none() {
                errors.at(
                    variant.span(),
                    "the `other` variant keeps the whole value: write it `Other(AdditionalProperties)`",
                );
            }
            continue;
        }
        match variant.single_field() {
            Some(field) => {
                let ty = field.ty.to_token_stream().to_string();
                if let Some(previous) = types.insert(ty, variant.ident) {
                    errors.spanned_by(&field.ty, format!("variant `{previous}` already holds this type"));
                }
            }
            None => errors.at(
                variant.span(),
                format!(
                    "each variant of a polymorphic {} holds one derived type, `{}(Type)`; for an OData enum use #[derive(GraphEnum)]",
                    container.kind.macro_name(),
                    variant.ident
                ),
            ),
        }
    }
    if !other_seen {
        errors.spanned_by(
            container.ident,
            "a polymorphic type must keep values of derived types it does not list: add a variant `#[graph(other)] Other(AdditionalProperties)`",
        );
    }
    if container.kind == DeriveKind::Entity {
        match variants.iter().find(|variant| variant.attrs.other.is_none()) {
            Some(first) if first.cfgs.is_empty() => {}
            Some(first) => errors.at(
                first.span(),
                "the first variant of a polymorphic entity is its base type, whose properties and patch it uses: it cannot be #[cfg]-ed out",
            ),
            None => errors.spanned_by(
                container.ident,
                "a polymorphic entity lists its base type first, as a variant holding that type",
            ),
        }
    }
}
