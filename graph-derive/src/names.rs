//! The names of the items the derive writes beside the user's type, in one place:
//! the expansion and the fallback's stubs must agree on them.

use proc_macro2::{Ident, Span};
use quote::format_ident;

use crate::case::pascal_to_snake;

/// `NdesConnector` → `NdesConnectorProperty`.
pub fn property_enum_ident(ident: &Ident) -> Ident {
    format_ident!("{}Property", ident)
}

/// `NdesConnector` → `NdesConnectorPatch`.
pub fn patch_ident(ident: &Ident) -> Ident {
    format_ident!("{}Patch", ident)
}

/// `NdesConnector` → `CreateNdesConnector`.
pub fn create_builder_ident(ident: &Ident) -> Ident {
    format_ident!("Create{}", ident)
}

/// `NdesConnector` → `__create_ndes_connector_state`, the module of the builder's unset markers.
pub fn builder_markers_mod(ident: &Ident) -> Ident {
    format_ident!("__create_{}_state", pascal_to_snake(&ident.to_string()))
}

/// `display_name` → `clear_display_name`, the patch's method that sends `null`.
pub fn clear_ident(member: &Ident) -> Ident {
    format_ident!("clear_{}", member.to_string().trim_start_matches("r#"))
}

/// `last_connection_date_time` → `LastConnectionDateTime`, the property enum's variant.
pub fn property_variant_ident(member: &Ident) -> Ident {
    let snake = member.to_string();
    let pascal: String = snake
        .trim_start_matches("r#")
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect();
    Ident::new(&pascal, Span::call_site())
}
