//! `Serialize` and `Deserialize` for entity and complex-type structs.
//!
//! Serialization writes `@odata.type` first (an unlisted derived type's, kept
//! in the catch-all, or the type's own), then the present properties in field
//! order, then the additional properties whose names the model does not own.
//! Deserialization checks `@odata.type` (keeping another type's name in the
//! catch-all, when there is one), reads each known property into its field,
//! and keeps or skips the rest; an `Option` property may be absent.
//!
//! The per-property work is in `msgraph_entity::__private` functions
//! (`read_field`, `serialize_nullable_field`...), so each property costs the
//! expansion one call, not a block of code.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{Container, Field};

pub fn serialize_struct(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let additional = container.fields().iter().find(|field| field.attrs.additional.is_some()).map(|field| field.member);
    let mut writes = Vec::new();
    let properties = container.fields().iter().filter(|field| field.attrs.additional.is_none());
    for (index, field) in properties.enumerate() {
        let member = field.member;
        let span = field.ty.span();
        let name = &field.graph_name;
        writes.push(match (field.option_inner.is_some(), additional) {
            // A `None` read as `null` is written back as `null`.
            (true, Some(additional)) => quote_spanned! {span=>
                ::msgraph_entity::__private::serialize_nullable_field(&mut __map, #name, &self.#member, &self.#additional, #index)?;
            },
            (true, None) => quote_spanned! {span=>
                if let ::core::option::Option::Some(__value) = &self.#member {
                    __map.serialize_entry(#name, __value)?;
                }
            },
            (false, _) => quote_spanned! {span=> __map.serialize_entry(#name, &self.#member)?; },
        });
    }
    let (write_tag, write_additional) = match additional {
        Some(additional) => (
            quote! {
                ::msgraph_entity::__private::serialize_odata_type(
                    &mut __map,
                    <Self as ::msgraph_entity::ODataType>::ODATA_TYPE,
                    &self.#additional,
                )?;
            },
            // A catch-all entry named like a modelled property is not written: the field wins.
            quote! {
                ::msgraph_entity::AdditionalProperties::__serialize_entries(&self.#additional, &mut __map, |__name| {
                    <__Names as ::msgraph_entity::__private::PropertyNames>::resolve(__name).is_some()
                })?;
            },
        ),
        None => (
            quote! { __map.serialize_entry("@odata.type", <Self as ::msgraph_entity::ODataType>::ODATA_TYPE)?; },
            TokenStream::new(),
        ),
    };
    // No length up front: JSON does not need one, and counting the present properties
    // costs a test per property on every write.
    super::skeleton::serialize_impl(
        &ident,
        false,
        quote! {
            use ::msgraph_entity::__private::serde::ser::SerializeMap as _;
            let mut __map = __serializer.serialize_map(::core::option::Option::None)?;
            #write_tag
            #(#writes)*
            #write_additional
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
        quote_spanned! {ty.span()=> let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let variants: Vec<_> = (0..properties.len()).map(|index| format_ident!("__F{}", index)).collect();
    let read_arms = properties.iter().zip(&slots).zip(&variants).map(|((field, slot), variant)| {
        let name = &field.graph_name;
        // An explicit `null` is noted after the loop, from the slot (see `take_slots`).
        let read = quote! { ::msgraph_entity::__private::read_field(&mut __map, &mut #slot, #name)? };
        quote_spanned! {field.ty.span()=>
            ::msgraph_entity::__private::Property::Known(__Field::#variant) => #read,
        }
    });
    let take_slots = properties.iter().zip(&slots).enumerate().map(|(index, (field, slot))| {
        let member = field.member;
        let name = &field.graph_name;
        if field.option_inner.is_some() && additional.is_some() {
            // With a catch-all to remember it, an explicit `null` (`Some(None)`) is noted so it
            // is written back.
            quote_spanned! {field.ty.span()=>
                #member: ::msgraph_entity::__private::take_nullable_field(#slot, &mut __additional, #index),
            }
        } else if field.option_inner.is_some() {
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
    let odata_type = quote! { <#ident as ::msgraph_entity::ODataType>::ODATA_TYPE };
    let (declare_additional, read_tag, read_additional, take_additional, unknown_buffer) = match additional {
        Some(field) => {
            let member = field.member;
            (
                quote! {
                    let mut __additional = ::msgraph_entity::AdditionalProperties::new();
                    let mut __unknown_name = ::std::string::String::new();
                },
                quote! { ::msgraph_entity::__private::read_odata_type_keeping(&mut __map, #odata_type, &mut __additional)? },
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
        None => (
            TokenStream::new(),
            quote! { ::msgraph_entity::__private::read_odata_type(&mut __map, #odata_type)? },
            TokenStream::new(),
            TokenStream::new(),
            quote! { ::core::option::Option::None },
        ),
    };
    // A type without properties has an empty field enum: its `Known` arm matches nothing.
    let no_known = properties
        .is_empty()
        .then(|| quote! { ::msgraph_entity::__private::Property::Known(__field) => match __field {}, });
    let visitor = syn::Ident::new("__Visitor", Span::call_site());
    let deserialize = super::skeleton::deserialize_impl(
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
                    #(#declare_slots)*
                    #declare_additional
                    while let ::core::option::Option::Some(__property) = __map.next_key_seed(
                        ::msgraph_entity::__private::PropertyKey::<__Names>::new(#unknown_buffer),
                    )? {
                        match __property {
                            ::msgraph_entity::__private::Property::ODataType => #read_tag,
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
    );
    // The names are shared by both impls: reading resolves keys with them, writing skips
    // catch-all entries that a field owns.
    quote! {
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

        #deserialize
    }
}
