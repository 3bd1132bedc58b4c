//! `GraphEnum`, serde and `Display` for an OData enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::generated::{Generated, Impl, Inline};
use crate::ast::{Container, Variant};

pub fn graph_enum<'a>(container: &'a Container<'_>, variants: &'a [Variant<'a>]) -> Generated<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let members: Vec<&Variant<'_>> = variants.iter().filter(|variant| variant.attrs.other.is_none()).collect();
    let other = variants.iter().find(|variant| variant.attrs.other.is_some()).map(|variant| variant.ident);
    let member_names: Vec<&str> = members.iter().map(|variant| variant.member.as_str()).collect();
    let member_idents: Vec<_> = members.iter().map(|variant| variant.ident).collect();
    let mut generated = Generated::default();
    let (as_names, as_idents) = (member_names.clone(), member_idents.clone());
    generated.push(
        Impl::of_trait(quote! { impl #rt::GraphEnum for #ident })
            .constant(quote! { const GRAPH_NAME: &'static str }, quote!(""), || {
                let graph_name = container.graph_name();
                quote!(#graph_name)
            })
            .constant(quote! { const MEMBERS: &'static [&'static str] }, quote!(&[]), {
                let names = member_names.clone();
                move || quote!(&[#(#names),*])
            })
            .function(TokenStream::new(), quote! { fn as_member(&self) -> &str }, move || {
                let other = other.expect("checked: an enum has an `other` variant");
                quote! {
                    match self {
                        #(Self::#as_idents => #as_names,)*
                        Self::#other(__member) => ::core::convert::AsRef::<str>::as_ref(__member),
                    }
                }
            })
            .function(TokenStream::new(), quote! { fn from_member(__member: &str) -> Self }, move || {
                let other = other.expect("checked: an enum has an `other` variant");
                quote! {
                    match __member {
                        #(#member_names => Self::#member_idents,)*
                        _ => {
                            #rt::__private::note_unknown_member();
                            Self::#other(::core::convert::From::from(__member))
                        }
                    }
                }
            }),
    );
    generated.push(super::skeleton::serialize_impl(rt, ident, Inline::Hint, move || {
        quote! { #rt::__private::serialize_enum(self, __serializer) }
    }));
    generated.push(super::skeleton::deserialize_impl(rt, ident, move || {
        quote! { #rt::__private::deserialize_enum(__deserializer) }
    }));
    generated.push(Impl::of_trait(quote! { impl ::core::fmt::Display for #ident }).function(
        TokenStream::new(),
        quote! { fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result },
        move || quote! { ::core::fmt::Formatter::write_str(__formatter, #rt::GraphEnum::as_member(self)) },
    ));
    generated
}
