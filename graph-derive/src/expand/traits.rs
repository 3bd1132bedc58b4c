//! `ODataType`, `GraphEntity` and `EntityCollection`.

use msgraph_names::Companion;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::generated::Impl;
use crate::ast::Container;
use crate::names::companion;

pub fn odata_type<'a>(container: &'a Container<'_>) -> Impl<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let stub = quote!("");
    Impl::of_trait(quote! { impl #rt::ODataType for #ident })
        .constant(quote! { const ODATA_TYPE: &'static str }, stub.clone(), || {
            let odata_type = format!("#{}", container.odata_type_name().unwrap_or_default());
            quote!(#odata_type)
        })
        .constant(quote! { const GRAPH_NAME: &'static str }, stub, || {
            let graph_name = container.graph_name();
            quote!(#graph_name)
        })
}

/// `GraphEntity` for an entity struct: its key, property enum and patch.
pub fn graph_entity<'a>(container: &'a Container<'_>) -> Impl<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let property = companion(Companion::Property, ident);
    let navigation = companion(Companion::Navigation, ident);
    let patch = companion(Companion::Patch, ident);
    Impl::of_trait(quote! { impl #rt::GraphEntity for #ident })
        .constant(quote! { const KEY_PROPERTY: &'static str }, quote!(""), || {
            let key_name = &container.key().expect("checked: an entity has a key").graph_name;
            quote!(#key_name)
        })
        .associated_type(quote! { type Property = #property; })
        .associated_type(quote! { type Navigation = #navigation; })
        .associated_type(quote! { type Patch = #patch; })
        .function(
            TokenStream::new(),
            quote! { fn missing_required(&self) -> ::core::option::Option<&'static str> },
            || {
                // A non-`Option` field is always there; an `Option` one must be `Some`.
                let checks = container
                    .creatable()
                    .filter(|field| field.is_required() && field.option_inner.is_some())
                    .map(|field| {
                        let (member, name) = (field.member, &field.graph_name);
                        quote! {
                            if ::core::option::Option::is_none(&self.#member) {
                                return ::core::option::Option::Some(#name);
                            }
                        }
                    });
                quote! {
                    #(#checks)*
                    ::core::option::Option::None
                }
            },
        )
        .function(TokenStream::new(), quote! { fn key(&self) -> ::core::option::Option<&str> }, || {
            let key = container.key().expect("checked: an entity has a key");
            let member = key.member;
            // Spanned at the key's type: a key that is not `Option<String>`-like fails there.
            quote_spanned! {key.ty.span()=> ::core::option::Option::as_deref(&self.#member) }
        })
}

/// `EntityCollection`, for an entity with a collection of its own.
pub fn entity_collection<'a>(container: &'a Container<'_>) -> Option<Impl<'a>> {
    let ident = container.ident;
    let rt = &container.rt;
    let collection = container.attrs.collection.as_ref()?;
    Some(Impl::of_trait(quote! { impl #rt::EntityCollection for #ident }).constant(
        quote! { const COLLECTION: #rt::PathTemplate },
        quote! { #rt::PathTemplate::__from_parts("", &[]) },
        move || collection.to_runtime(rt),
    ))
}

/// The `GraphEntity` of a polymorphic entity: its base type's property and navigation enums and
/// patch; `key` and `missing_required` are the held variant's.
pub fn polymorphic_entity<'a>(
    container: &'a Container<'_>,
    base: TokenStream,
    key: TokenStream,
    missing_required: TokenStream,
) -> Impl<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    Impl::of_trait(quote! { impl #rt::GraphEntity for #ident })
        .constant(quote! { const KEY_PROPERTY: &'static str }, quote!(""), || quote!("id"))
        .associated_type(quote! { type Property = <#base as #rt::GraphEntity>::Property; })
        .associated_type(quote! { type Navigation = <#base as #rt::GraphEntity>::Navigation; })
        .associated_type(quote! { type Patch = <#base as #rt::GraphEntity>::Patch; })
        .function(TokenStream::new(), quote! { fn key(&self) -> ::core::option::Option<&str> }, move || key)
        .function(
            TokenStream::new(),
            quote! { fn missing_required(&self) -> ::core::option::Option<&'static str> },
            move || missing_required,
        )
}
