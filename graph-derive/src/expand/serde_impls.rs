//! `Serialize` and `Deserialize` for entity and complex-type structs.
//!
//! Serialization writes `@odata.type` first (an unlisted derived type's, kept
//! in the catch-all, or the type's own), then the present properties in field
//! order, then the additional properties whose names the model does not own.
//! Deserialization checks `@odata.type` (keeping another type's name in the
//! catch-all, when there is one), reads each known property into its field,
//! and keeps or skips the rest; an `Option` property may be absent.
//!
//! The per-property work is in the runtime (`read_field`, `PropertyWriter`),
//! so each property costs the expansion one call, not a block of code, and no
//! `?` of its own: the reader's `match` has one, the writer keeps the first error.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::generated::{Generated, Impl, Inline};
use crate::ast::{Container, Field};

/// The struct's `Serialize` and `Deserialize`, and the name table both use.
pub fn serde_impls<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let mut generated = Generated::default();
    generated.helper(|| property_names(container));
    generated.push(serialize_struct(container));
    generated.push(deserialize_struct(container));
    generated
}

/// The type's property names, resolved by a `match`: reading resolves keys with them, writing
/// skips catch-all entries that a field owns.
fn property_names(container: &Container<'_>) -> TokenStream {
    let rt = &container.rt;
    let names: Vec<&str> = container.wire_fields().map(|field| field.graph_name.as_str()).collect();
    let positions = (0u32..).take(names.len()).map(proc_macro2::Literal::u32_unsuffixed);
    quote! {
        struct __Names;

        impl #rt::__private::PropertyNames for __Names {
            #[inline]
            fn resolve(__name: &str) -> ::core::option::Option<#rt::__private::Property> {
                ::core::option::Option::Some(match __name {
                    "@odata.type" => #rt::__private::Property::ODataType,
                    #(#names => #rt::__private::Property::Known(#positions),)*
                    _ => return ::core::option::Option::None,
                })
            }
        }
    }
}

fn serialize_struct<'a>(container: &'a Container<'_>) -> Impl<'a> {
    let rt = &container.rt;
    super::skeleton::serialize_impl(rt, container.ident, Inline::NoHint, move || {
        let additional = container.catch_all().map(|field| field.member);
        // The control information is looked up once: `None` when there is none, so each
        // property's write tests one pointer.
        let control = container.control().map_or_else(
            || quote! { ::core::option::Option::None },
            |field| {
                let member = field.member;
                quote! { #rt::__private::written_control(&self.#member) }
            },
        );
        // A request body leaves out what the service sets or does not take inline.
        let leaves_out = container.wire_fields().any(|field| field.is_left_out_of_requests());
        let declare_sending = leaves_out.then(|| quote! { let __sending = #rt::__private::sending(); });
        let writes = container.wire_fields().map(|field| {
            let member = field.member;
            let name = &field.graph_name;
            // Its annotations first; a `None` read as `null` is written back as `null`.
            let method = if field.option_inner.is_some() { quote!(nullable) } else { quote!(property) };
            let write = quote_spanned! {field.ty.span()=> __writer.#method(#name, &self.#member); };
            if field.is_left_out_of_requests() {
                quote! { if !__sending { #write } }
            } else {
                write
            }
        });
        // The unknown properties, then the annotations of what was not written; a catch-all entry
        // named like a modelled property is not written: the field wins.
        let finish = if additional.is_some() || container.control().is_some() {
            let additional = additional
                .map_or_else(|| quote! { &#rt::AdditionalProperties::new() }, |member| quote! { &self.#member });
            quote! {
                __writer.finish(#additional, |__name| {
                    <__Names as #rt::__private::PropertyNames>::resolve(__name).is_some()
                })
            }
        } else {
            quote! { __writer.end() }
        };
        // No length up front: JSON does not need one, and counting the present properties
        // costs a test per property on every write.
        quote! {
            #declare_sending
            let mut __writer = #rt::__private::PropertyWriter::new(__serializer, ::core::option::Option::None, #control)?;
            __writer.odata_type(<Self as #rt::ODataType>::ODATA_TYPE);
            #(#writes)*
            #finish
        }
    })
}

fn deserialize_struct<'a>(container: &'a Container<'_>) -> Impl<'a> {
    let rt = &container.rt;
    let ident = container.ident;
    super::skeleton::deserialize_impl(rt, ident, move || {
        let expecting = format!("a JSON object ({})", container.graph_name());
        let properties: Vec<&Field<'_>> = container.wire_fields().collect();
        let additional = container.catch_all();
        let slots: Vec<_> = (0..properties.len()).map(|index| format_ident!("__slot{}", index)).collect();
        let positions: Vec<_> = (0u32..).take(properties.len()).map(proc_macro2::Literal::u32_unsuffixed).collect();
        let declare_slots = properties.iter().zip(&slots).map(|(field, slot)| {
            let ty = field.ty;
            quote_spanned! {ty.span()=> let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
        });
        let read_arms = properties.iter().zip(&slots).zip(&positions).map(|((field, slot), position)| {
            let name = &field.graph_name;
            // An explicit `null` is noted after the loop, from the slot (see `take_slots`).
            let read = quote! { #rt::__private::read_field(&mut __map, &mut #slot, #name) };
            quote_spanned! {field.ty.span()=>
                #rt::__private::Property::Known(#position) => #read,
            }
        });
        let control = container.control();
        let take_slots = properties.iter().zip(&slots).map(|(field, slot)| {
            let member = field.member;
            let name = &field.graph_name;
            if field.option_inner.is_some() && control.is_some() {
                // With a control field to remember it, an explicit `null` (`Some(None)`) is noted so
                // it is written back.
                quote_spanned! {field.ty.span()=>
                    #member: #rt::__private::take_nullable_field(#slot, &mut __control, #name),
                }
            } else if field.option_inner.is_some() {
                quote_spanned! {field.ty.span()=> #member: ::core::option::Option::flatten(#slot), }
            } else {
                quote_spanned! {field.ty.span()=>
                    #member: match #slot {
                        ::core::option::Option::Some(__value) => __value,
                        ::core::option::Option::None => {
                            return ::core::result::Result::Err(#rt::__private::missing_property(#name));
                        }
                    },
                }
            }
        });
        let odata_type = quote! { <#ident as #rt::ODataType>::ODATA_TYPE };
        let declare_additional =
            additional.map(|_| quote! { let mut __additional = #rt::AdditionalProperties::new(); });
        let declare_control = control.map(|_| quote! { let mut __control = #rt::ControlInformation::new(); });
        // A name the type has no field for is kept (its text in the buffer) where there is a place for it.
        let keeps_names = additional.is_some() || control.is_some();
        let declare_buffer = keeps_names.then(|| quote! { let mut __unknown_name = ::std::string::String::new(); });
        let unknown_buffer = if keeps_names {
            quote! { ::core::option::Option::Some(&mut __unknown_name) }
        } else {
            quote! { ::core::option::Option::None }
        };
        let read_tag = match control {
            // Another type's name (a derived type the model does not list) is kept there.
            Some(_) => quote! { #rt::__private::read_odata_type_keeping(&mut __map, #odata_type, &mut __control) },
            None => quote! { #rt::__private::read_odata_type(&mut __map, #odata_type) },
        };
        let read_additional = additional.map(|_| {
            quote! {
                #rt::__private::Property::Unknown => {
                    let __name = ::core::mem::take(&mut __unknown_name);
                    #rt::__private::read_additional(&mut __additional, __name, &mut __map)
                }
            }
        });
        let read_control = control.map(|_| {
            quote! {
                #rt::__private::Property::Control => {
                    let __name = ::core::mem::take(&mut __unknown_name);
                    #rt::__private::read_control(&mut __control, __name, &mut __map)
                }
            }
        });
        let take_additional = additional.map(|field| {
            let member = field.member;
            quote! { #member: __additional, }
        });
        let take_control = control.map(|field| {
            let member = field.member;
            quote! { #member: __control, }
        });
        let visitor = syn::Ident::new("__Visitor", Span::call_site());
        quote! {
            struct #visitor;

            impl<'de> #rt::__private::serde::de::Visitor<'de> for #visitor {
                type Value = #ident;

                #[inline]
                fn expecting(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(__formatter, #expecting)
                }

                #[inline]
                fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
                where
                    __A: #rt::__private::serde::de::MapAccess<'de>,
                {
                    #(#declare_slots)*
                    #declare_additional
                    #declare_control
                    #declare_buffer
                    while let ::core::option::Option::Some(__property) = __map.next_key_seed(
                        #rt::__private::PropertyKey::<__Names>::new(#unknown_buffer),
                    )? {
                        // Each arm is a `Result` and the match has one `?`: a `?` per arm cost a
                        // large type's reader more to compile than the rest of it.
                        match __property {
                            #rt::__private::Property::ODataType => #read_tag,
                            #(#read_arms)*
                            #read_additional
                            #read_control
                            _ => #rt::__private::skip_value(&mut __map),
                        }?;
                    }
                    ::core::result::Result::Ok(#ident {
                        #(#take_slots)*
                        #take_additional
                        #take_control
                    })
                }
            }

            __deserializer.deserialize_map(#visitor)
        }
    })
}
