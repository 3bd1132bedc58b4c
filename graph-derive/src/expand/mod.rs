//! Writes the code. Trait impls go in an anonymous `const _` so their helpers
//! never reach the user's namespace; the builder types, which users name, do not.

mod builder;
mod enumeration;
mod operations;
mod polymorphic;
mod serde_impls;
mod skeleton;
mod traits;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Body, Container};
use crate::kind::DeriveKind;
use crate::names::patch_ident;

/// Every item is `#[allow(deprecated)]`: generated code touches the user's fields and
/// types, which Graph beta deprecates often, and the user's own uses still warn.
pub fn expand(container: &Container<'_>) -> TokenStream {
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
                    let patch = patch_ident(container.ident);
                    let create = builder::create_builder(container);
                    let operations =
                        operations::operation_fns(container.ident, container.vis, collection, &quote!(#patch), false);
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
                    Some(operations::operation_fns(container.ident, container.vis, collection, &patch, true))
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
