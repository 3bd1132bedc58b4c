//! After an error, stub impls of the traits the derive would have written,
//! so the user sees their mistake and not a cascade of "trait not implemented".

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::DeriveKind;

pub fn stub_impls(input: &DeriveInput, kind: DeriveKind) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let serde = quote! {
        impl #impl_generics ::msgraph_entity::__private::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::msgraph_entity::__private::serde::Serializer,
            {
                ::core::unreachable!()
            }
        }
        impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
            {
                ::core::unreachable!()
            }
        }
    };
    let kind_impls = match kind {
        DeriveKind::Entity | DeriveKind::Complex => quote! {
            impl #impl_generics ::msgraph_entity::ODataType for #ident #ty_generics #where_clause {
                const ODATA_TYPE: &'static str = "";
                const GRAPH_NAME: &'static str = "";
            }
        },
        DeriveKind::Enum => TokenStream::new(),
    };
    quote! {
        const _: () = {
            #serde
            #kind_impls
        };
    }
}
