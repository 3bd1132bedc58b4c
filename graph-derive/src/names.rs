//! The names of the items the derive writes beside the user's type, as identifiers: each one is
//! `msgraph_names`' rule (shared with the generator), wrapped for `quote`.

use msgraph_names::Companion;
use proc_macro2::{Ident, Span};

fn ident(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}

/// `NdesConnector` → `NdesConnectorProperty`, `NdesConnectorPatch`, `CreateNdesConnector`, …
pub fn companion(companion: Companion, ty: &Ident) -> Ident {
    ident(&companion.name(&ty.to_string()))
}

/// `NdesConnector` → `__create_NdesConnector_state`, the module of the builder's unset markers.
pub fn builder_markers_mod(ty: &Ident) -> Ident {
    ident(&msgraph_names::builder_state_module(&ty.to_string()))
}

/// `display_name` → `clear_display_name`, the patch's method that sends `null`.
pub fn clear_ident(member: &Ident) -> Ident {
    ident(&msgraph_names::clear_method(&member.to_string()))
}

/// `last_connection_date_time` → `LastConnectionDateTime`, the property enum's variant.
pub fn property_variant_ident(member: &Ident) -> Ident {
    ident(&msgraph_names::property_variant(&member.to_string()))
}

/// Whether `function`, made from the name `written` in a `create_at` or `single`, can be the name
/// of a function the derive writes: an identifier, not hidden (`__`).
pub fn is_function_name(function: &str, written: &str) -> bool {
    syn::parse_str::<syn::Ident>(function).is_ok() && !written.is_empty() && !written.starts_with("__")
}

/// Whether the functions of a `create_at` or `single` are written: their name passed the checks.
/// The fallback describes the input before its errors are fixed, and leaves out what they name.
pub fn writes_functions(functions: &[String], written: &str) -> bool {
    functions.iter().all(|function| {
        is_function_name(function, written) && !msgraph_names::ENTITY_FUNCTIONS.contains(&function.as_str())
    })
}
