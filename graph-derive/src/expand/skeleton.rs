//! The `Serialize` and `Deserialize` impl skeletons every derive fills with its own body.

use proc_macro2::TokenStream;
use quote::quote;

/// `impl Serialize for #ty`, with `body` as its `serialize`: the skeleton every derive fills.
pub fn serialize_impl(ty: &impl quote::ToTokens, inline: bool, body: TokenStream) -> TokenStream {
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
pub fn deserialize_impl(ty: &impl quote::ToTokens, body: TokenStream) -> TokenStream {
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
