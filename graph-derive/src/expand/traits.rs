//! `ODataType`, `GraphEntity` and `EntityCollection`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::Container;
use crate::names::{patch_ident, property_enum_ident};

pub fn odata_type(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let odata_type = format!("#{}", container.odata_type_name().expect("checked"));
    let graph_name = container.graph_name();
    quote! {
        #[automatically_derived]
        impl ::msgraph_entity::ODataType for #ident {
            const ODATA_TYPE: &'static str = #odata_type;
            const GRAPH_NAME: &'static str = #graph_name;
        }
    }
}

pub fn graph_entity(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let key = container.fields().iter().find(|field| field.attrs.key.is_some()).expect("checked");
    let key_name = &key.graph_name;
    let key_member = key.member;
    // Spanned at the key's type: a key that is not `Option<String>`-like fails there.
    let key_ref = quote_spanned! {key.ty.span()=>
        ::core::option::Option::as_deref(&self.#key_member)
    };
    let property = property_enum_ident(ident);
    let patch = patch_ident(ident);
    let collection = entity_collection(container);
    quote! {
        #[automatically_derived]
        impl ::msgraph_entity::GraphEntity for #ident {
            const KEY_PROPERTY: &'static str = #key_name;
            type Property = #property;
            type Patch = #patch;

            #[inline]
            fn key(&self) -> ::core::option::Option<&str> {
                #key_ref
            }
        }

        #collection
    }
}

/// `EntityCollection`, for an entity with a collection of its own.
pub fn entity_collection(container: &Container<'_>) -> Option<TokenStream> {
    let ident = container.ident;
    let collection = container.attrs.collection.as_ref()?.to_runtime();
    Some(quote! {
        #[automatically_derived]
        impl ::msgraph_entity::EntityCollection for #ident {
            const COLLECTION: ::msgraph_entity::PathTemplate = #collection;
        }
    })
}
