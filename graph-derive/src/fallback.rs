//! After an error: the compile error, and stubs of what the derive would have written, so the
//! user sees their mistake and not a cascade of "no function `create`".
//!
//! The stubs are the expansion's own description ([`crate::expand::generate`]) rendered with
//! every body `unreachable!()`: the same items under the same names and signatures, never run.
//! An input the derive cannot describe (a tuple struct, a union, generics) gets only what every
//! derive implements: serde, and the trait of its kind.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Container;
use crate::expand::{Bodies, generate};
use crate::kind::DeriveKind;

pub fn stubs(input: &DeriveInput, kind: DeriveKind, container: Option<&Container<'_>>) -> TokenStream {
    let generic = !input.generics.params.is_empty() || input.generics.where_clause.is_some();
    match container {
        Some(container) if !generic => generate(container).render(Bodies::Stubbed),
        _ => shape_stubs(input, kind),
    }
}

fn shape_stubs(input: &DeriveInput, kind: DeriveKind) -> TokenStream {
    let ident = &input.ident;
    let rt = crate::ast::runtime_path_of(input);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let kind_trait = match kind {
        DeriveKind::Entity | DeriveKind::Complex => quote! {
            impl #impl_generics #rt::ODataType for #ident #ty_generics #where_clause {
                const ODATA_TYPE: &'static str = "";
                const GRAPH_NAME: &'static str = "";
            }
        },
        DeriveKind::Enum | DeriveKind::Action | DeriveKind::Function => TokenStream::new(),
    };
    quote! {
        #[allow(deprecated, dead_code, unreachable_code, unused_variables, clippy::all)]
        const _: () = {
            impl #impl_generics #rt::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #rt::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
            impl<'de> #rt::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
                fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: #rt::__private::serde::Deserializer<'de>,
                {
                    ::core::unreachable!()
                }
            }
            #kind_trait
        };
    }
}
