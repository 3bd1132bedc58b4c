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
    let additional = container.fields().iter().find(|field| field.attrs.additional.is_some()).map(|field| field.member);
    let mut counts = Vec::new();
    let mut writes = Vec::new();
    let properties = container.fields().iter().filter(|field| field.attrs.additional.is_none());
    for (index, field) in properties.enumerate() {
        let member = field.member;
        let span = field.ty.span();
        let name = &field.graph_name;
        match (field.option_inner.is_some(), additional) {
            // A `None` read as `null` is written back as `null`.
            (true, Some(additional)) => {
                counts.push(quote_spanned! {span=>
                    ::core::primitive::usize::from(
                        ::core::option::Option::is_some(&self.#member) || ::msgraph_entity::AdditionalProperties::__is_null(&self.#additional, #index)
                    )
                });
                writes.push(quote_spanned! {span=>
                    match &self.#member {
                        ::core::option::Option::Some(__value) => __map.serialize_entry(#name, __value)?,
                        ::core::option::Option::None if ::msgraph_entity::AdditionalProperties::__is_null(&self.#additional, #index) => {
                            __map.serialize_entry(#name, &())?
                        }
                        ::core::option::Option::None => {}
                    }
                });
            }
            (true, None) => {
                counts.push(
                    quote_spanned! {span=> ::core::primitive::usize::from(::core::option::Option::is_some(&self.#member)) },
                );
                writes.push(quote_spanned! {span=>
                    if let ::core::option::Option::Some(__value) = &self.#member {
                        __map.serialize_entry(#name, __value)?;
                    }
                });
            }
            (false, _) => {
                counts.push(quote! { 1usize });
                writes.push(quote_spanned! {span=> __map.serialize_entry(#name, &self.#member)?; });
            }
        }
    }
    if let Some(additional) = additional {
        counts.push(quote! { ::msgraph_entity::AdditionalProperties::len(&self.#additional) });
        writes.push(quote! {
            for (__name, __value) in ::msgraph_entity::AdditionalProperties::iter(&self.#additional) {
                __map.serialize_entry(__name, __value)?;
            }
        });
    }
    super::skeleton::serialize_impl(
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
    let read_arms =
        properties.iter().zip(&slots).zip(&variants).enumerate().map(|(index, ((field, slot), variant))| {
            let name = &field.graph_name;
            let ty = field.ty;
            // With a catch-all to remember it, an explicit `null` is noted so it is written back.
            let note_null = (field.option_inner.is_some() && additional.is_some()).then(|| {
                quote! {
                    if ::core::option::Option::is_none(&__value) {
                        ::msgraph_entity::AdditionalProperties::__mark_null(&mut __additional, #index);
                    }
                }
            });
            quote_spanned! {ty.span()=>
                ::msgraph_entity::__private::Property::Known(__Field::#variant) => {
                    if ::core::option::Option::is_some(&#slot) {
                        return ::core::result::Result::Err(::msgraph_entity::__private::duplicate_property(#name));
                    }
                    let __value = __map.next_value::<#ty>()?;
                    #note_null
                    #slot = ::core::option::Option::Some(__value);
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
    super::skeleton::deserialize_impl(
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
