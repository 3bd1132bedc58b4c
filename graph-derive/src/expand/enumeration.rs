//! `GraphEnum`, serde and `Display` for an OData enum.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Container, Variant};

pub fn graph_enum(container: &Container<'_>, variants: &[Variant<'_>]) -> TokenStream {
    let ident = container.ident;
    let graph_name = container.graph_name();
    let members: Vec<&Variant<'_>> = variants.iter().filter(|variant| variant.attrs.other.is_none()).collect();
    let other = variants.iter().find(|variant| variant.attrs.other.is_some()).expect("checked").ident;
    let member_names: Vec<&str> = members.iter().map(|variant| variant.member.as_str()).collect();
    let member_idents: Vec<_> = members.iter().map(|variant| variant.ident).collect();
    let serialize = super::skeleton::serialize_impl(
        &ident,
        true,
        quote! {
            ::msgraph_entity::__private::serialize_enum(self, __serializer)
        },
    );
    let deserialize = super::skeleton::deserialize_impl(
        &ident,
        quote! {
            ::msgraph_entity::__private::deserialize_enum(__deserializer)
        },
    );
    quote! {
        #[automatically_derived]
        impl ::msgraph_entity::GraphEnum for #ident {
            const GRAPH_NAME: &'static str = #graph_name;
            const MEMBERS: &'static [&'static str] = &[#(#member_names),*];

            #[inline]
            fn as_member(&self) -> &str {
                match self {
                    #(Self::#member_idents => #member_names,)*
                    Self::#other(__member) => ::core::convert::AsRef::<str>::as_ref(__member),
                }
            }

            #[inline]
            fn from_member(__member: &str) -> Self {
                match __member {
                    #(#member_names => Self::#member_idents,)*
                    _ => {
                        ::msgraph_entity::__private::note_unknown_member();
                        Self::#other(::core::convert::From::from(__member))
                    }
                }
            }
        }

        #serialize

        #deserialize

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Formatter::write_str(__formatter, ::msgraph_entity::GraphEnum::as_member(self))
            }
        }
    }
}
