//! The typestate create builder: `NdesConnector::create()` → `CreateNdesConnector`.
//!
//! Each required property is a type parameter that starts as a marker named
//! after the property (`displayName`) and becomes `Set<T>` when its setter is
//! called; `build()` needs `IsSet` for all of them, so a missing one is a
//! compile error naming it. Optional properties are plain `Option`s. Key and
//! read-only properties have no setter.

use msgraph_names::Companion;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::generated::{Generated, Impl};
use crate::ast::{Container, Field};
use crate::names::{builder_markers_mod, companion};
use crate::path::PathTemplate;

const ALLOWS: &str = "dead_code, deprecated, clippy::wrong_self_convention";

pub fn create_builder<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let ident = container.ident;
    let vis = container.vis;
    let rt = &container.rt;
    let allows: TokenStream = format!("#[allow({ALLOWS})]").parse().expect("a valid attribute");
    let builder = companion(Companion::Create, ident);
    let markers_mod = builder_markers_mod(ident);
    let required: Vec<&Field<'_>> = container.creatable().filter(|field| field.is_required()).collect();
    let optional: Vec<&Field<'_>> = container.creatable().filter(|field| !field.is_required()).collect();

    let states: Vec<Ident> = (0..required.len()).map(|index| format_ident!("__S{}", index)).collect();
    let markers: Vec<Ident> = required.iter().map(|field| marker_ident(field)).collect();
    let marker_types: Vec<TokenStream> = markers.iter().map(|marker| quote! { #markers_mod::#marker }).collect();
    let collection = container.attrs.collection.as_ref().expect("only entities with a collection get a builder");
    let marker_docs = required.iter().map(|field| format!("`{}` has not been set yet.", field.graph_name));
    let optional_tys = optional.iter().map(|field| field.ty);
    let builder_doc = format!(
        "Builds the request that creates a [`{ident}`] in `{}`; start it with [`{ident}::create`].\n\n\
         Each required property is a type parameter: it starts unset and becomes `Set` \
         when its setter is called, and `build()` is only available once all are set.",
        collection.literal.value()
    );
    let mod_doc = format!("The unset states of the required properties of [`{builder}`], named after the properties.");

    let mut generated = Generated::default();
    generated.declaration(quote! {
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
        #allows
        #vis struct #builder<#(#states = #marker_types),*> {
            __path: #rt::__private::Cow<'static, str>,
            __required: (#(#states,)*),
            __optional: (#(#optional_tys,)*),
        }
    });

    let start_markers = marker_types.clone();
    let nones = optional.iter().map(|_| quote! { ::core::option::Option::None }).collect::<Vec<_>>();
    let built = builder.clone();
    generated.push(Impl::inherent(allows.clone(), quote! { impl #builder }).function(
        TokenStream::new(),
        quote! { fn __at(__path: #rt::__private::Cow<'static, str>) -> Self },
        move || {
            quote! {
                #built {
                    __path,
                    __required: (#(#start_markers,)*),
                    __optional: (#(#nones,)*),
                }
            }
        },
    ));

    // A field named like the builder's own methods is an error the checks report; its setter is
    // left out so the error stands alone.
    let settable = |field: &&Field<'_>| !msgraph_names::BUILDER_METHODS.contains(&field.member.to_string().as_str());
    let mut create_fns = Impl::inherent(allows.clone(), quote! { impl #ident });
    let primary = (Ident::new("create", Span::call_site()), collection);
    let places = container.attrs.place_functions().create_at;
    let extra = places.into_iter().map(|(create_at, [create, _])| (create, &create_at.path));
    for (name, template) in std::iter::once(primary).chain(extra) {
        create_fns = create_fn(create_fns, container, &builder, name, template);
    }
    generated.push(create_fns);

    for (index, field) in required.iter().enumerate().filter(|(_, field)| settable(field)) {
        generated.push(required_setter(container, &builder, &states, &marker_types, index, field));
    }

    let mut block = Impl::inherent(allows, quote! { impl<#(#states),*> #builder<#(#states),*> });
    for (index, field) in optional.iter().enumerate().filter(|(_, field)| settable(field)) {
        let setter = field.member;
        let value_ty = field.value_ty();
        let position = syn::Index::from(index);
        let doc = format!("Sets `{}`.", field.graph_name);
        block = block.function(
            quote! { #[doc = #doc] },
            quote_spanned! {value_ty.span()=> #vis fn #setter(mut self, value: impl ::core::convert::Into<#value_ty>) -> Self },
            move || {
                quote_spanned! {value_ty.span()=>
                    self.__optional.#position = ::core::option::Option::Some(::core::convert::Into::<#value_ty>::into(value));
                    self
                }
            },
        );
    }
    let required_bounds = required.iter().zip(&states).map(|(field, state)| {
        let value_ty = field.value_ty();
        let rt = container.rt_at(value_ty.span());
        quote_spanned! {value_ty.span()=> #state: #rt::IsSet<#value_ty> }
    });
    let block = block
        .function(
            quote! { #[doc = " The collection path the request will be sent to, parameters filled in."] },
            quote! { #vis fn target_path(&self) -> &str },
            || quote! { &self.__path },
        )
        .function(
            quote! { #[doc = " The request, once every required property is set."] },
            quote! {
                #vis fn build(self) -> #rt::CreateRequest<#ident>
                where
                    #(#required_bounds,)*
            },
            move || build_body(container, &required, &optional),
        );
    generated.push(block);
    generated
}

/// The setter of required property `index`: it moves that state from its marker to `Set<T>`.
fn required_setter<'a>(
    container: &'a Container<'_>,
    builder: &Ident,
    states: &[Ident],
    marker_types: &[TokenStream],
    index: usize,
    field: &'a Field<'_>,
) -> Impl<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let setter = field.member;
    let value_ty = field.value_ty();
    let impl_params = states.iter().enumerate().filter(|(other, _)| *other != index).map(|(_, state)| state);
    let before = states.iter().enumerate().map(|(other, state)| {
        if other == index {
            marker_types[index].clone()
        } else {
            quote! { #state }
        }
    });
    let after = states.iter().enumerate().map(|(other, state)| {
        if other == index {
            quote! { #rt::Set<#value_ty> }
        } else {
            quote! { #state }
        }
    });
    let doc = format!("Sets `{}` (required).", field.graph_name);
    let count = states.len();
    let builder_ty = builder.clone();
    Impl::inherent(
        quote! { #[allow(dead_code, deprecated, clippy::wrong_self_convention)] },
        quote! { impl<#(#impl_params),*> #builder<#(#before),*> },
    )
    .function(
        quote! { #[doc = #doc] },
        quote! { #vis fn #setter(self, value: impl ::core::convert::Into<#value_ty>) -> #builder<#(#after),*> },
        move || {
            let moved = (0..count).map(|other| {
                let position = syn::Index::from(other);
                if other == index {
                    quote_spanned! {value_ty.span()=> #rt::Set::__new(::core::convert::Into::<#value_ty>::into(value)) }
                } else {
                    quote! { self.__required.#position }
                }
            });
            quote! {
                #builder_ty {
                    __path: self.__path,
                    __required: (#(#moved,)*),
                    __optional: self.__optional,
                }
            }
        },
    )
}

/// `build()`: the entity from the set properties; key, read-only and catch-all fields start empty.
fn build_body(container: &Container<'_>, required: &[&Field<'_>], optional: &[&Field<'_>]) -> TokenStream {
    let ident = container.ident;
    let rt = &container.rt;
    let required_values: Vec<Ident> = (0..required.len()).map(|index| format_ident!("__required{}", index)).collect();
    let optional_values: Vec<Ident> = (0..optional.len()).map(|index| format_ident!("__optional{}", index)).collect();
    let field_values = container.fields().iter().map(|field| {
        let member = field.member;
        if let Some(index) = required.iter().position(|required| required.member == member) {
            let value = &required_values[index];
            let taken = quote! { #rt::IsSet::into_value(#value) };
            if field.option_inner.is_some() {
                quote! { #member: ::core::option::Option::Some(#taken), }
            } else {
                quote! { #member: #taken, }
            }
        } else if let Some(index) = optional.iter().position(|optional| optional.member == member) {
            let value = &optional_values[index];
            quote! { #member: #value, }
        } else {
            quote! { #member: ::core::default::Default::default(), }
        }
    });
    quote! {
        let (#(#required_values,)*) = self.__required;
        let (#(#optional_values,)*) = self.__optional;
        #rt::CreateRequest::new(self.__path, #ident {
            #(#field_values)*
        })
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
fn create_fn<'a>(
    block: Impl<'a>,
    container: &'a Container<'_>,
    builder: &Ident,
    name: Ident,
    template: &'a PathTemplate,
) -> Impl<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let doc =
        format!("Starts a request that creates a `{}` in `{}`.", container.graph_name(), template.literal.value());
    let call = template.call(rt);
    let errors_doc = call.is_fallible().then(|| {
        let text =
            "\n\nEach parameter is percent-encoded as one path segment; an empty value, `.` or `..` is an error.";
        quote! { #[doc = #text] }
    });
    let parameters = call.parameters();
    let output = call.output(quote! { #builder });
    let builder = builder.clone();
    block.function(quote! { #[doc = #doc] #errors_doc }, quote! { #vis fn #name(#parameters) -> #output }, move || {
        let call = template.call(rt);
        let path = call.cow();
        call.returning(quote! { #builder::__at(#path) })
    })
}
