//! `GraphEntity` / `GraphComplex` on an enum of derived types: dispatch on `@odata.type`.
//!
//! Reading picks the variant whose type the `@odata.type` names (the runtime
//! half is `msgraph_entity::__private::deserialize_polymorphic`); a type the enum
//! does not list is kept whole in the `other` variant. Writing delegates to
//! the variant, which writes its own `@odata.type` first.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use syn::Type;

use crate::ast::{Container, Variant, box_inner, polymorphic_base};
use crate::kind::DeriveKind;

pub fn polymorphic(container: &Container<'_>, variants: &[Variant<'_>]) -> TokenStream {
    let ident = container.ident;
    let listed: Vec<&Variant<'_>> = variants.iter().filter(|variant| variant.attrs.other.is_none()).collect();
    let other = variants.iter().find(|variant| variant.attrs.other.is_some()).expect("checked");
    let other_ident = other.ident;
    let other_ty = &other.single_field().expect("checked").ty;

    let idents: Vec<_> = listed.iter().map(|variant| variant.ident).collect();
    let held: Vec<&Type> = listed.iter().map(|variant| &variant.single_field().expect("checked").ty).collect();
    // A variant may hold `Box<T>` (large derived types): dispatch and conversions use `T`.
    let types: Vec<&Type> = held.iter().map(|ty| box_inner(ty).unwrap_or(ty)).collect();
    let wrap: Vec<TokenStream> =
        held.iter()
            .map(|ty| {
                if box_inner(ty).is_some() { quote!(::std::boxed::Box::new) } else { quote!(::core::convert::identity) }
            })
            .collect();
    let as_inner: Vec<TokenStream> =
        held.iter().map(|ty| if box_inner(ty).is_some() { quote!(&**) } else { TokenStream::new() }).collect();
    let cfgs: Vec<_> = listed.iter().map(|variant| &variant.cfgs).collect();
    let indexes: Vec<usize> = (0..listed.len()).collect();
    let odata_type = super::traits::odata_type(container);

    let from_other = quote_spanned! {other_ty.span()=>
        fn from_other(__properties: ::msgraph_entity::AdditionalProperties) -> Self {
            Self::#other_ident(__properties)
        }
    };
    let base = types.first().expect("checked: a polymorphic entity lists its base type first");
    let entity = (container.kind == DeriveKind::Entity).then(|| {
        let collection = super::traits::entity_collection(container);
        quote! {
            #collection

            #[automatically_derived]
            impl ::msgraph_entity::GraphEntity for #ident {
                const KEY_PROPERTY: &'static str = "id";
                type Property = <#base as ::msgraph_entity::GraphEntity>::Property;
                type Patch = <#base as ::msgraph_entity::GraphEntity>::Patch;

                fn key(&self) -> ::core::option::Option<&str> {
                    match self {
                        #(#(#cfgs)* Self::#idents(__value) => ::msgraph_entity::GraphEntity::key(#as_inner __value),)*
                        Self::#other_ident(__properties) => {
                            __properties.get_str(<Self as ::msgraph_entity::GraphEntity>::KEY_PROPERTY)
                        }
                    }
                }
            }
        }
    });

    let odata_type_of = quote! {
        #[automatically_derived]
        impl ::msgraph_entity::__private::VariantType for #ident {
            fn variant_odata_type(&self) -> ::core::option::Option<&str> {
                match self {
                    #(#(#cfgs)* Self::#idents(_) => ::core::option::Option::Some(<#types as ::msgraph_entity::ODataType>::ODATA_TYPE),)*
                    Self::#other_ident(__properties) => __properties.get_str("@odata.type"),
                }
            }
        }
    };
    let serialize = super::skeleton::serialize_impl(
        &ident,
        false,
        quote! {
            match self {
                #(#(#cfgs)* Self::#idents(__value) => ::msgraph_entity::__private::serde::Serialize::serialize(__value, __serializer),)*
                Self::#other_ident(__value) => ::msgraph_entity::__private::serde::Serialize::serialize(__value, __serializer),
            }
        },
    );
    let deserialize = super::skeleton::deserialize_impl(
        &ident,
        quote! {
            ::msgraph_entity::__private::deserialize_polymorphic(__deserializer)
        },
    );
    quote! {
        #odata_type

        #[automatically_derived]
        impl ::msgraph_entity::__private::Polymorphic for #ident {
            fn variant_for(__odata_type: &str) -> ::core::option::Option<::core::primitive::usize> {
                static __TABLE: ::msgraph_entity::__private::VariantTable = ::msgraph_entity::__private::VariantTable::new();
                __TABLE.find(__odata_type, || {
                    let mut __names = ::std::vec::Vec::new();
                    #(
                        #(#cfgs)*
                        __names.push((<#types as ::msgraph_entity::ODataType>::ODATA_TYPE, #indexes));
                    )*
                    __names
                })
            }

            fn deserialize_variant<'de, __D>(__index: ::core::primitive::usize, __deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
            {
                match __index {
                    #(
                        #(#cfgs)*
                        #indexes => ::core::result::Result::Ok(Self::#idents(#wrap(
                            <#types as ::msgraph_entity::__private::serde::Deserialize>::deserialize(__deserializer)?,
                        ))),
                    )*
                    _ => ::core::result::Result::Err(<__D::Error as ::msgraph_entity::__private::serde::de::Error>::custom(
                        "no variant for this @odata.type",
                    )),
                }
            }

            #from_other
        }

        #serialize

        #deserialize

        #(
            #(#cfgs)*
            #[automatically_derived]
            impl ::core::convert::From<#types> for #ident {
                #[inline]
                fn from(__value: #types) -> Self {
                    Self::#idents(#wrap(__value))
                }
            }
        )*

        #entity

        #odata_type_of
    }
}

/// The patch type of a polymorphic entity: its base type's.
pub fn base_patch(variants: &[Variant<'_>]) -> TokenStream {
    let base = polymorphic_base(variants).expect("checked");
    quote! { <#base as ::msgraph_entity::GraphEntity>::Patch }
}
