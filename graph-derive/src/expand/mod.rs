//! Writes the code, as a [`Generated`] description: the expansion renders it with its bodies,
//! the fallback (after an error) with every body stubbed. Trait impls go in an anonymous
//! `const _` so their helpers never reach the user's namespace; the builder types, the patch
//! and the property enum, which users name, do not.

mod builder;
mod enumeration;
mod generated;
mod operation;
mod operations;
mod polymorphic;
mod serde_impls;
mod skeleton;
mod traits;

use msgraph_names::Companion;
use quote::quote;

use crate::ast::{Body, Container};
use crate::kind::DeriveKind;
use crate::names::companion;

pub use generated::{Bodies, Generated};

/// Everything the derive writes for `container`. Every item is `#[allow(deprecated)]` where it
/// touches the user's fields and types, which Graph beta deprecates often (the user's own uses
/// still warn).
pub fn generate<'a>(container: &'a Container<'_>) -> Generated<'a> {
    if container.kind.is_operation() {
        return operation::operation(container);
    }
    let mut generated = Generated::default();
    match &container.body {
        Body::Struct(_) => {
            generated.push(traits::odata_type(container));
            generated.extend(serde_impls::serde_impls(container));
            if container.kind == DeriveKind::Entity {
                generated.push(traits::graph_entity(container));
                if let Some(collection) = traits::entity_collection(container) {
                    generated.push(collection);
                }
                generated.extend(operations::property_enum(container));
                generated.extend(operations::navigation_enum(container));
                generated.extend(operations::patch_struct(container));
                if container.attrs.collection.is_some() {
                    generated.extend(builder::create_builder(container));
                }
                let patch = companion(Companion::Patch, container.ident);
                generated.push(operations::operation_fns(container, quote!(#patch)));
            }
        }
        Body::Polymorphic(variants) => {
            generated.extend(polymorphic::polymorphic(container, variants));
            if container.kind == DeriveKind::Entity
                && let Some(patch) = polymorphic::base_patch(container, variants)
            {
                generated.push(operations::operation_fns(container, patch));
            }
        }
        Body::Enum(variants) => generated.extend(enumeration::graph_enum(container, variants)),
    }
    generated
}
