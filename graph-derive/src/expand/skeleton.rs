//! The `Serialize` and `Deserialize` impls every derive fills with its own body.

use proc_macro2::TokenStream;
use quote::quote;

use super::generated::{Impl, Inline};

/// `impl Serialize for #ty`, with `body` as its `serialize`.
pub fn serialize_impl<'a>(
    rt: &TokenStream,
    ty: &impl quote::ToTokens,
    inline: Inline,
    body: impl FnOnce() -> TokenStream + 'a,
) -> Impl<'a> {
    Impl::of_trait(quote! { impl #rt::__private::serde::Serialize for #ty }).function_inlined(
        inline,
        TokenStream::new(),
        quote! {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #rt::__private::serde::Serializer,
        },
        body,
    )
}

/// `impl Deserialize for #ty`, with `body` as its (inlined) `deserialize`.
pub fn deserialize_impl<'a>(
    rt: &TokenStream,
    ty: &impl quote::ToTokens,
    body: impl FnOnce() -> TokenStream + 'a,
) -> Impl<'a> {
    Impl::of_trait(quote! { impl<'de> #rt::__private::serde::Deserialize<'de> for #ty }).function(
        TokenStream::new(),
        quote! {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #rt::__private::serde::Deserializer<'de>,
        },
        body,
    )
}
