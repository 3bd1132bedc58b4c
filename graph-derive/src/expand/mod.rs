//! Writes the code. Trait impls go in an anonymous `const _` so their helpers
//! never reach the user's namespace; the builder types, which users name, do not.

mod builder;
mod enumeration;
mod operations;
mod polymorphic;
mod serde_impls;
mod traits;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Body, Container};
use crate::check::check;
use crate::errors::Errors;
use crate::fallback;
use crate::kind::DeriveKind;

pub use operations::{patch_ident, property_enum_ident, property_variant_ident};
pub use polymorphic::polymorphic_base;

/// Runs the pipeline: parse → check → expand, or errors plus stub impls.
pub fn derive(input: &DeriveInput, kind: DeriveKind) -> TokenStream {
    let mut errors = Errors::default();
    let container = Container::from_input(input, kind, &mut errors);
    if let Some(container) = &container {
        check(container, &mut errors);
    }
    match (errors.finish(), &container) {
        (Ok(()), Some(container)) => expand(container),
        (Err(error), _) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(fallback::stub_impls(input, kind, container.as_ref()));
            tokens
        }
        (Ok(()), None) => unreachable!("a container is only missing after an error"),
    }
}

/// Every item is `#[allow(deprecated)]`: generated code touches the user's fields and
/// types, which Graph beta deprecates often, and the user's own uses still warn.
fn expand(container: &Container<'_>) -> TokenStream {
    match &container.body {
        Body::Struct(_) => {
            let odata_type = traits::odata_type(container);
            let entity = (container.kind == DeriveKind::Entity).then(|| traits::graph_entity(container));
            let serialize = serde_impls::serialize_struct(container);
            let deserialize = serde_impls::deserialize_struct(container);
            let entity_items = (container.kind == DeriveKind::Entity).then(|| {
                let property_enum = operations::property_enum(container);
                let patch_struct = operations::patch_struct(container);
                let collection_items = container.attrs.collection.as_ref().map(|collection| {
                    let patch = operations::patch_ident(container.ident);
                    let create = builder::create_builder(container);
                    let operations =
                        operations::operation_fns(container.ident, container.vis, collection, &quote!(#patch));
                    quote! {
                        #create
                        #operations
                    }
                });
                quote! {
                    #property_enum
                    #patch_struct
                    #collection_items
                }
            });
            quote! {
                #[doc(hidden)]
                #[allow(deprecated)]
                const _: () = {
                    #odata_type
                    #entity
                    #serialize
                    #deserialize
                };
                #entity_items
            }
        }
        Body::Polymorphic(variants) => {
            let impls = polymorphic::polymorphic(container, variants);
            let operations = match (container.kind, &container.attrs.collection) {
                (DeriveKind::Entity, Some(collection)) => {
                    let patch = polymorphic::base_patch(variants);
                    Some(operations::operation_fns(container.ident, container.vis, collection, &patch))
                }
                _ => None,
            };
            quote! {
                #[doc(hidden)]
                #[allow(deprecated)]
                const _: () = {
                    #impls
                };
                #operations
            }
        }
        Body::Enum(variants) => {
            let impls = enumeration::graph_enum(container, variants);
            quote! {
                #[doc(hidden)]
                #[allow(deprecated)]
                const _: () = {
                    #impls
                };
            }
        }
    }
}

/// `impl Serialize for #ty`, with `body` as its `serialize`: the skeleton every derive fills.
fn serialize_impl(ty: &impl quote::ToTokens, inline: bool, body: TokenStream) -> TokenStream {
    let inline = inline.then(|| quote! { #[inline] });
    quote! {
        #[automatically_derived]
        impl ::msgraph_entity::__private::serde::Serialize for #ty {
            #inline
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::msgraph_entity::__private::serde::Serializer,
            {
                #body
            }
        }
    }
}

/// `impl Deserialize for #ty`, with `body` as its (inlined) `deserialize`.
fn deserialize_impl(ty: &impl quote::ToTokens, body: TokenStream) -> TokenStream {
    quote! {
        #[automatically_derived]
        impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de> for #ty {
            #[inline]
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
            {
                #body
            }
        }
    }
}
