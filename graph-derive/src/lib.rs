//! The derives behind `msgraph-entity`. Depend on `msgraph-entity`, which re-exports them.
//!
//! Each derive runs the same pipeline, one file a stage:
//! `ast` reads the input and its `#[graph(...)]` attributes (`attr`),
//! `check` validates what needs several attributes at once, and
//! `expand` writes the code. Errors are collected in `errors` and all
//! reported together; on error, `fallback` emits stub impls so one mistake
//! does not cascade.

mod ast;
mod attr;
mod check;
mod errors;
mod expand;
mod fallback;
mod kind;
mod names;
mod path;
mod symbol;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

use crate::ast::Container;
use crate::errors::Errors;
use crate::kind::DeriveKind;

/// Derives a Graph entity: `@odata.type` tagging, serde, paths and a typed create builder.
#[proc_macro_derive(GraphEntity, attributes(graph))]
pub fn derive_graph_entity(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, DeriveKind::Entity).into()
}

/// Derives a Graph complex type: `@odata.type` tagging and serde.
#[proc_macro_derive(GraphComplex, attributes(graph))]
pub fn derive_graph_complex(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, DeriveKind::Complex).into()
}

/// Derives an OData enum: members as Graph spells them, unknown members kept.
#[proc_macro_derive(GraphEnum, attributes(graph))]
pub fn derive_graph_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, DeriveKind::Enum).into()
}

/// Derives an OData action's parameters: a JSON body, and the function on the bound type
/// (`#[graph(bound = T, path = "…")]`) that builds the `POST`.
#[proc_macro_derive(GraphAction, attributes(graph))]
pub fn derive_graph_action(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, DeriveKind::Action).into()
}

/// Derives an OData function's parameters: OData literals in the URL, and the function on
/// the bound type (`#[graph(bound = T, path = "…")]`) that builds the `GET`.
#[proc_macro_derive(GraphFunction, attributes(graph))]
pub fn derive_graph_function(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, DeriveKind::Function).into()
}

/// Runs the pipeline: parse → check → expand, or errors plus stub impls.
fn derive(input: &DeriveInput, kind: DeriveKind) -> proc_macro2::TokenStream {
    let mut errors = Errors::default();
    let container = Container::from_input(input, kind, &mut errors);
    if let Some(container) = &container {
        check::check(container, &mut errors);
    }
    match (errors.finish(), &container) {
        (Ok(()), Some(container)) => expand::generate(container).render(expand::Bodies::Written),
        (Err(error), _) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(fallback::stubs(input, kind, container.as_ref()));
            tokens
        }
        (Ok(()), None) => unreachable!("a container is only missing after an error"),
    }
}
