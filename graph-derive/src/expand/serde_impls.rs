//! `Serialize` and `Deserialize` for entity and complex-type structs.
//!
//! Serialization writes `@odata.type` first, then the present properties in
//! field order, then the additional properties. Deserialization checks
//! `@odata.type`, reads each known property into its field, and keeps or
//! skips the rest; an `Option` property may be absent.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{Container, Field};

pub fn serialize_struct(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let mut counts = Vec::new();
    let mut writes = Vec::new();
    for field in container.fields() {
        let member = field.member;
        let span = field.ty.span();
        if field.attrs.additional.is_some() {
            counts.push(quote_spanned! {span=> ::msgraph_entity::AdditionalProperties::len(&self.#member) });
            writes.push(quote_spanned! {span=>
                for (__name, __value) in ::msgraph_entity::AdditionalProperties::iter(&self.#member) {
                    __map.serialize_entry(__name, __value)?;
                }
            });
            continue;
        }
        let name = &field.graph_name;
        if field.option_inner.is_some() {
            counts.push(
                quote_spanned! {span=> ::core::primitive::usize::from(::core::option::Option::is_some(&self.#member)) },
            );
            writes.push(quote_spanned! {span=>
                if let ::core::option::Option::Some(__value) = &self.#member {
                    __map.serialize_entry(#name, __value)?;
                }
            });
        } else {
            counts.push(quote! { 1usize });
            writes.push(quote_spanned! {span=> __map.serialize_entry(#name, &self.#member)?; });
        }
    }
    super::serialize_impl(
        &ident,
        false,
        quote! {
            use ::msgraph_entity::__private::serde::ser::SerializeMap as _;
            let __len = 1usize #(+ #counts)*;
            let mut __map = __serializer.serialize_map(::core::option::Option::Some(__len))?;
            __map.serialize_entry("@odata.type", <Self as ::msgraph_entity::ODataType>::ODATA_TYPE)?;
            #(#writes)*
            __map.end()
        },
    )
}

pub fn deserialize_struct(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let expecting = format!("a JSON object ({})", container.graph_name());
    let properties: Vec<&Field<'_>> =
        container.fields().iter().filter(|field| field.attrs.additional.is_none()).collect();
    let additional = container.fields().iter().find(|field| field.attrs.additional.is_some());
    let slots: Vec<_> = (0..properties.len()).map(|index| format_ident!("__slot{}", index)).collect();
    let names: Vec<&str> = properties.iter().map(|field| field.graph_name.as_str()).collect();

    let declare_slots = properties.iter().zip(&slots).map(|(field, slot)| {
        let ty = field.ty;
        quote! { let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let variants: Vec<_> = (0..properties.len()).map(|index| format_ident!("__F{}", index)).collect();
    let read_arms = properties.iter().zip(&slots).zip(&variants).map(|((field, slot), variant)| {
        let name = &field.graph_name;
        let ty = field.ty;
        quote_spanned! {ty.span()=>
            ::msgraph_entity::__private::Property::Known(__Field::#variant) => {
                if ::core::option::Option::is_some(&#slot) {
                    return ::core::result::Result::Err(::msgraph_entity::__private::duplicate_property(#name));
                }
                #slot = ::core::option::Option::Some(__map.next_value::<#ty>()?);
            }
        }
    });
    let take_slots = properties.iter().zip(&slots).map(|(field, slot)| {
        let member = field.member;
        let name = &field.graph_name;
        if field.option_inner.is_some() {
            quote_spanned! {field.ty.span()=> #member: ::core::option::Option::flatten(#slot), }
        } else {
            quote_spanned! {field.ty.span()=>
                #member: match #slot {
                    ::core::option::Option::Some(__value) => __value,
                    ::core::option::Option::None => {
                        return ::core::result::Result::Err(::msgraph_entity::__private::missing_property(#name));
                    }
                },
            }
        }
    });
    let (declare_additional, read_additional, take_additional, unknown_buffer) = match additional {
        Some(field) => {
            let member = field.member;
            (
                quote! {
                    let mut __additional = ::msgraph_entity::AdditionalProperties::new();
                    let mut __unknown_name = ::std::string::String::new();
                },
                quote! {
                    ::msgraph_entity::__private::Property::Unknown => {
                        let __name = ::core::mem::take(&mut __unknown_name);
                        ::msgraph_entity::__private::read_additional(&mut __additional, __name, &mut __map)?;
                    }
                },
                quote! { #member: __additional, },
                quote! { ::core::option::Option::Some(&mut __unknown_name) },
            )
        }
        None => (TokenStream::new(), TokenStream::new(), TokenStream::new(), quote! { ::core::option::Option::None }),
    };
    // A type without properties has an empty field enum: its `Known` arm matches nothing.
    let no_known = properties
        .is_empty()
        .then(|| quote! { ::msgraph_entity::__private::Property::Known(__field) => match __field {}, });
    let visitor = syn::Ident::new("__Visitor", Span::call_site());
    super::deserialize_impl(
        &ident,
        quote! {
            struct #visitor;

            impl<'de> ::msgraph_entity::__private::serde::de::Visitor<'de> for #visitor {
                type Value = #ident;

                fn expecting(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(__formatter, #expecting)
                }

                #[inline]
                fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
                where
                    __A: ::msgraph_entity::__private::serde::de::MapAccess<'de>,
                {
                    enum __Field {
                        #(#variants,)*
                    }

                    struct __Names;

                    impl ::msgraph_entity::__private::PropertyNames for __Names {
                        type Field = __Field;

                        #[inline]
                        fn resolve(__name: &str) -> ::core::option::Option<::msgraph_entity::__private::Property<__Field>> {
                            ::core::option::Option::Some(match __name {
                                "@odata.type" => ::msgraph_entity::__private::Property::ODataType,
                                #(#names => ::msgraph_entity::__private::Property::Known(__Field::#variants),)*
                                _ => return ::core::option::Option::None,
                            })
                        }
                    }

                    #(#declare_slots)*
                    #declare_additional
                    while let ::core::option::Option::Some(__property) = __map.next_key_seed(
                        ::msgraph_entity::__private::PropertyKey::<__Names>::new(#unknown_buffer),
                    )? {
                        match __property {
                            ::msgraph_entity::__private::Property::ODataType => {
                                __map.next_value_seed(::msgraph_entity::__private::ODataTypeCheck::new(
                                    <#ident as ::msgraph_entity::ODataType>::ODATA_TYPE,
                                ))?;
                            }
                            #(#read_arms)*
                            #no_known
                            #read_additional
                            _ => {
                                __map.next_value::<::msgraph_entity::__private::serde::de::IgnoredAny>()?;
                            }
                        }
                    }
                    ::core::result::Result::Ok(#ident {
                        #(#take_slots)*
                        #take_additional
                    })
                }
            }

            __deserializer.deserialize_map(#visitor)
        },
    )
}
