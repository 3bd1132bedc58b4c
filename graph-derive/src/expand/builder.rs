//! The typestate create builder: `NdesConnector::create()` → `CreateNdesConnector`.
//!
//! Each required property is a type parameter that starts as a marker named
//! after the property (`displayName`) and becomes `Set<T>` when its setter is
//! called; `build()` needs `IsSet` for all of them, so a missing one is a
//! compile error naming it. Optional properties are plain `Option`s. Key and
//! read-only properties have no setter.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{Container, Field};
use crate::names::{builder_markers_mod, create_builder_ident};
use crate::path::PathTemplate;

pub fn create_builder(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let builder = create_builder_ident(ident);
    let markers_mod = builder_markers_mod(ident);
    let fields = container.fields();
    let required: Vec<&Field<'_>> = fields.iter().filter(|field| field.is_required()).collect();
    let optional: Vec<&Field<'_>> = fields
        .iter()
        .filter(|field| !field.is_required() && !field.is_read_only() && field.attrs.additional.is_none())
        .collect();

    let states: Vec<Ident> = (0..required.len()).map(|index| format_ident!("__S{}", index)).collect();
    let markers: Vec<Ident> = required.iter().map(|field| marker_ident(field)).collect();
    let marker_types: Vec<TokenStream> = markers.iter().map(|marker| quote! { #markers_mod::#marker }).collect();
    let collection = container.attrs.collection.as_ref().expect("only entities with a collection get a builder");
    let graph_name = container.graph_name();

    let marker_docs = required.iter().map(|field| format!("`{}` has not been set yet.", field.graph_name));
    let optional_tys = optional.iter().map(|field| field.ty);
    let nones = optional.iter().map(|_| quote! { ::core::option::Option::None });

    let required_setters = required.iter().enumerate().map(|(index, field)| {
        let setter = field.member;
        let value_ty = field.value_ty();
        let impl_params = states.iter().enumerate().filter(|(other, _)| *other != index).map(|(_, state)| state);
        let before: Vec<TokenStream> =
            states.iter().enumerate().map(|(other, state)| if other == index { marker_types[index].clone() } else { quote! { #state } }).collect();
        let after = states.iter().enumerate().map(|(other, state)| {
            if other == index { quote! { ::msgraph_entity::Set<#value_ty> } } else { quote! { #state } }
        });
        let moved = states.iter().enumerate().map(|(other, _)| {
            let position = syn::Index::from(other);
            if other == index {
                quote_spanned! {value_ty.span()=> ::msgraph_entity::Set::__new(::core::convert::Into::<#value_ty>::into(value)) }
            } else {
                quote! { self.__required.#position }
            }
        });
        let doc = format!("Sets `{}` (required).", field.graph_name);
        quote! {
            #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
            impl<#(#impl_params),*> #builder<#(#before),*> {
                #[doc = #doc]
                #vis fn #setter(self, value: impl ::core::convert::Into<#value_ty>) -> #builder<#(#after),*> {
                    #builder {
                        __path: self.__path,
                        __required: (#(#moved,)*),
                        __optional: self.__optional,
                    }
                }
            }
        }
    });

    let optional_setters = optional.iter().enumerate().map(|(index, field)| {
        let setter = field.member;
        let value_ty = field.value_ty();
        let position = syn::Index::from(index);
        let doc = format!("Sets `{}`.", field.graph_name);
        quote_spanned! {value_ty.span()=>
            #[doc = #doc]
            #vis fn #setter(mut self, value: impl ::core::convert::Into<#value_ty>) -> Self {
                self.__optional.#position = ::core::option::Option::Some(::core::convert::Into::<#value_ty>::into(value));
                self
            }
        }
    });

    let required_bounds = required.iter().zip(&states).map(|(field, state)| {
        let value_ty = field.value_ty();
        quote_spanned! {value_ty.span()=> #state: ::msgraph_entity::IsSet<#value_ty> }
    });
    let required_values: Vec<Ident> = (0..required.len()).map(|index| format_ident!("__required{}", index)).collect();
    let optional_values: Vec<Ident> = (0..optional.len()).map(|index| format_ident!("__optional{}", index)).collect();
    let field_values = fields.iter().map(|field| {
        let member = field.member;
        if let Some(index) = required.iter().position(|required| required.member == member) {
            let value = &required_values[index];
            let taken = quote! { ::msgraph_entity::IsSet::into_value(#value) };
            if field.option_inner.is_some() {
                quote! { #member: ::core::option::Option::Some(#taken), }
            } else {
                quote! { #member: #taken, }
            }
        } else if let Some(index) = optional.iter().position(|optional| optional.member == member) {
            let value = &optional_values[index];
            quote! { #member: #value, }
        } else {
            // Key, read-only and additional properties start empty.
            quote! { #member: ::core::default::Default::default(), }
        }
    });

    let builder_doc = format!(
        "Builds the request that creates a [`{ident}`] in `{}`; start it with [`{ident}::create`].\n\n\
         Each required property is a type parameter: it starts unset and becomes [`Set`](::msgraph_entity::Set) \
         when its setter is called, and `build()` is only available once all are set.",
        collection.literal.value()
    );
    let primary = (Ident::new("create", Span::call_site()), collection);
    let extra = container
        .attrs
        .create_at
        .iter()
        .map(|create_at| (create_at.name.parse::<Ident>().expect("checked"), &create_at.path));
    let create_fns: Vec<TokenStream> = std::iter::once(primary)
        .chain(extra)
        .map(|(name, template)| create_fn(vis, &builder, &graph_name, &name, template))
        .collect();
    let mod_doc = format!("The unset states of the required properties of [`{builder}`], named after the properties.");

    quote! {
        #[doc = #mod_doc]
        #[doc(hidden)]
        #[allow(non_camel_case_types, non_snake_case, dead_code, deprecated)]
        #vis mod #markers_mod {
            #(
                #[doc = #marker_docs]
                pub struct #markers;
            )*
        }

        #[doc = #builder_doc]
        #[must_use = "call `build()` to get the request"]
        #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
        #vis struct #builder<#(#states = #marker_types),*> {
            __path: ::msgraph_entity::__private::Cow<'static, str>,
            __required: (#(#states,)*),
            __optional: (#(#optional_tys,)*),
        }

        #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
        impl #builder {
            fn __at(__path: ::msgraph_entity::__private::Cow<'static, str>) -> Self {
                #builder {
                    __path,
                    __required: (#(#marker_types,)*),
                    __optional: (#(#nones,)*),
                }
            }
        }

        #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
        impl #ident {
            #(#create_fns)*
        }

        #(#required_setters)*

        #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
        impl<#(#states),*> #builder<#(#states),*> {
            #(#optional_setters)*

            /// The collection path the request will be sent to, parameters filled in.
            #vis fn target_path(&self) -> &str {
                &self.__path
            }

            /// The request, once every required property is set.
            #vis fn build(self) -> ::msgraph_entity::CreateRequest<#ident>
            where
                #(#required_bounds,)*
            {
                let (#(#required_values,)*) = self.__required;
                let (#(#optional_values,)*) = self.__optional;
                ::msgraph_entity::CreateRequest::new(self.__path, #ident {
                    #(#field_values)*
                })
            }
        }
    }
}

/// The marker type is named after the Graph property, so the "not set" error
/// reads `displayName`; a name that is not an identifier falls back to the field's.
fn marker_ident(field: &Field<'_>) -> Ident {
    if syn::parse_str::<Ident>(&field.graph_name).is_ok() {
        Ident::new(&field.graph_name, Span::call_site())
    } else {
        let mut member = field.member.clone();
        member.set_span(Span::call_site());
        member
    }
}

/// `create()` for the primary collection, or a `create_at` function: it takes one
/// `&str` per `{parameter}` of its path and is fallible only when it has some.
fn create_fn(
    vis: &syn::Visibility,
    builder: &Ident,
    graph_name: &str,
    name: &Ident,
    template: &PathTemplate,
) -> TokenStream {
    let doc = format!("Starts a request that creates a `{graph_name}` in `{}`.", template.literal.value());
    let call = template.call();
    let errors_doc = call.is_fallible().then(|| {
        let text =
            "\n\nEach parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.";
        quote! { #[doc = #text] }
    });
    let parameters = call.parameters();
    let path = call.cow();
    let (output, body) = call.returning(quote! { #builder }, quote! { #builder::__at(#path) });
    quote! {
        #[doc = #doc]
        #errors_doc
        #vis fn #name(#parameters) -> #output {
            #body
        }
    }
}
