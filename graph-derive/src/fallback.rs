//! After an error, stubs of everything the derive would have written — the
//! trait impls, the builder, the patch and property types, the operations —
//! so the user sees their mistake and not a cascade of "no function `create`"
//! or "trait not implemented".
//!
//! The stubs are permissive (setters take any value) and never run: each
//! body is `unreachable!()`, and the compile error above them stops the build.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::DeriveInput;

use crate::ast::{Body, Container, polymorphic_base};
use crate::kind::DeriveKind;
use crate::names::{clear_ident, create_builder_ident, patch_ident, property_enum_ident, property_variant_ident};

pub fn stub_impls(input: &DeriveInput, kind: DeriveKind, container: Option<&Container<'_>>) -> TokenStream {
    if kind.is_operation() {
        return operation_stubs(input, kind, container);
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let serde = quote! {
        impl #impl_generics ::msgraph_entity::__private::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::msgraph_entity::__private::serde::Serializer,
            {
                ::core::unreachable!()
            }
        }
        impl<'de> ::msgraph_entity::__private::serde::Deserialize<'de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::msgraph_entity::__private::serde::Deserializer<'de>,
            {
                ::core::unreachable!()
            }
        }
    };
    // Generic inputs were refused; their stubs stop at serde, which takes generics as written.
    let generic = !input.generics.params.is_empty() || input.generics.where_clause.is_some();
    let kind_impls = match (kind, generic) {
        // Operations returned above; generic inputs were refused.
        (_, true) | (DeriveKind::Action | DeriveKind::Function, false) => TokenStream::new(),
        (DeriveKind::Enum, false) => enum_stubs(ident),
        (DeriveKind::Complex, false) => odata_type_stub(ident),
        (DeriveKind::Entity, false) => {
            let odata_type = odata_type_stub(ident);
            let entity = container.map(entity_stubs).unwrap_or_default();
            quote! { #odata_type #entity }
        }
    };
    quote! {
        #[allow(deprecated, dead_code, unreachable_code, unused_variables, clippy::all)]
        const _: () = {
            #serde
        };
        #kind_impls
    }
}

fn odata_type_stub(ident: &Ident) -> TokenStream {
    quote! {
        #[allow(deprecated)]
        impl ::msgraph_entity::ODataType for #ident {
            const ODATA_TYPE: &'static str = "";
            const GRAPH_NAME: &'static str = "";
        }
    }
}

fn enum_stubs(ident: &Ident) -> TokenStream {
    quote! {
        #[allow(deprecated, unreachable_code)]
        impl ::msgraph_entity::GraphEnum for #ident {
            const GRAPH_NAME: &'static str = "";
            const MEMBERS: &'static [&'static str] = &[];
            fn as_member(&self) -> &str {
                ::core::unreachable!()
            }
            fn from_member(_: &str) -> Self {
                ::core::unreachable!()
            }
        }
        #[allow(deprecated)]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }
    }
}

/// `GraphEntity`, the property enum, the patch, and — when a collection was given —
/// `EntityCollection`, the create builder and the operations, all with the names
/// the real expansion uses.
fn entity_stubs(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let property = property_enum_ident(ident);
    let patch = patch_ident(ident);
    let members: Vec<&Ident> = match &container.body {
        Body::Struct(fields) => {
            fields.iter().filter(|field| field.attrs.additional.is_none()).map(|field| field.member).collect()
        }
        Body::Enum(_) | Body::Polymorphic(_) => Vec::new(),
    };
    let clears: Vec<Ident> = members.iter().map(|member| clear_ident(member)).collect();
    let variants: Vec<Ident> = members.iter().map(|member| property_variant_ident(member)).collect();
    let is_struct = matches!(container.body, Body::Struct(_));
    // A polymorphic entity uses its base type's property enum and patch, which exist already.
    let base = match &container.body {
        Body::Polymorphic(variants) => polymorphic_base(variants),
        Body::Struct(_) | Body::Enum(_) => None,
    };
    let own_types = if is_struct {
        quote! {
            #[doc(hidden)]
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
            #vis enum #property {
                #(#variants,)*
            }

            #[allow(dead_code, unreachable_code)]
            impl ::msgraph_entity::EntityProperty for #property {
                fn graph_name(self) -> &'static str {
                    ::core::unreachable!()
                }
            }

            #[doc(hidden)]
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
            #vis struct #patch;

            #[allow(dead_code, unused_variables, clippy::all)]
            impl #patch {
                #(
                    #vis fn #members(self, value: impl ::core::marker::Sized) -> Self { self }
                    #vis fn #clears(self) -> Self { self }
                )*
            }

            impl ::msgraph_entity::__private::serde::Serialize for #patch {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::msgraph_entity::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }

            #[allow(deprecated, unreachable_code)]
            impl ::msgraph_entity::GraphEntity for #ident {
                const KEY_PROPERTY: &'static str = "";
                type Property = #property;
                type Patch = #patch;
                fn key(&self) -> ::core::option::Option<&str> {
                    ::core::unreachable!()
                }
            }
        }
    } else if let Some(base) = base {
        quote! {
            #[allow(deprecated, unreachable_code)]
            impl ::msgraph_entity::GraphEntity for #ident {
                const KEY_PROPERTY: &'static str = "";
                type Property = <#base as ::msgraph_entity::GraphEntity>::Property;
                type Patch = <#base as ::msgraph_entity::GraphEntity>::Patch;
                fn key(&self) -> ::core::option::Option<&str> {
                    ::core::unreachable!()
                }
            }
        }
    } else {
        // Without a base type there is no patch to name: the operations cannot be stubbed.
        return TokenStream::new();
    };
    let patch_type = match base {
        Some(base) => quote!(<#base as ::msgraph_entity::GraphEntity>::Patch),
        None => quote!(#patch),
    };
    let singles = single_stubs(container, &patch_type);
    let Some(collection) = &container.attrs.collection else {
        return quote! { #own_types #singles };
    };
    let call = collection.call();
    let parents = call.parameters();
    let list_output = call.output(quote!(::msgraph_entity::ListRequest<Self>));
    let create = is_struct.then(|| {
        let builder = create_builder_ident(ident);
        // A field named after the builder's own methods is one of the errors being reported.
        let setters = members.iter().filter(|member| **member != "build" && **member != "target_path");
        let create_fns = std::iter::once((Ident::new("create", Span::call_site()), collection)).chain(
            container
                .attrs
                .create_at
                .iter()
                .filter_map(|create_at| Some((create_at.name.parse::<Ident>().ok()?, &create_at.path))),
        );
        let create_fns = create_fns.map(|(name, path)| {
            let call = path.call();
            let parameters = call.parameters();
            let output = call.output(quote!(#builder));
            quote! {
                #vis fn #name(#parameters) -> #output {
                    ::core::unreachable!()
                }
            }
        });
        quote! {
            #[doc(hidden)]
            #vis struct #builder;

            #[allow(dead_code, unused_variables, unreachable_code, clippy::all)]
            impl #builder {
                #(#vis fn #setters(self, value: impl ::core::marker::Sized) -> Self { self })*
                #vis fn target_path(&self) -> &str {
                    ::core::unreachable!()
                }
                #vis fn build(self) -> ::msgraph_entity::CreateRequest<#ident> {
                    ::core::unreachable!()
                }
            }

            #[allow(dead_code, unused_variables, unreachable_code, clippy::all)]
            impl #ident {
                #(#create_fns)*
            }
        }
    });
    let key = quote!(key);
    quote! {
        #own_types
        #create
        #singles

        #[allow(deprecated)]
        impl ::msgraph_entity::EntityCollection for #ident {
            const COLLECTION: ::msgraph_entity::PathTemplate =
                ::msgraph_entity::PathTemplate::__from_parts("", &[]);
        }

        #[allow(dead_code, unused_variables, unreachable_code, clippy::all)]
        impl #ident {
            #vis fn get(#parents #key: &str) -> ::core::result::Result<::msgraph_entity::GetRequest<Self>, ::msgraph_entity::Error> {
                ::core::unreachable!()
            }
            #vis fn list(#parents) -> #list_output {
                ::core::unreachable!()
            }
            #vis fn update(#parents #key: &str, patch: #patch_type) -> ::core::result::Result<::msgraph_entity::UpdateRequest<Self>, ::msgraph_entity::Error> {
                ::core::unreachable!()
            }
            #vis fn delete(#parents #key: &str) -> ::core::result::Result<::msgraph_entity::DeleteRequest<Self>, ::msgraph_entity::Error> {
                ::core::unreachable!()
            }
        }
    }
}

/// `get_x` and `update_x` for each `single(name = "x")`, as the expansion names them.
fn single_stubs(container: &Container<'_>, patch_type: &TokenStream) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let fns = container.attrs.singles.iter().filter_map(|single| {
        let name = single.name.value();
        let get = syn::parse_str::<Ident>(&format!("get_{name}")).ok()?;
        let update = syn::parse_str::<Ident>(&format!("update_{name}")).ok()?;
        let call = single.path.call();
        let parameters = call.parameters();
        let get_output = call.output(quote!(::msgraph_entity::GetRequest<Self>));
        let update_output = call.output(quote!(::msgraph_entity::UpdateRequest<Self>));
        Some(quote! {
            #vis fn #get(#parameters) -> #get_output {
                ::core::unreachable!()
            }
            #vis fn #update(#parameters patch: #patch_type) -> #update_output {
                ::core::unreachable!()
            }
        })
    });
    quote! {
        #[allow(dead_code, unused_variables, unreachable_code, clippy::all)]
        impl #ident {
            #(#fns)*
        }
    }
}

/// An operation's parameter trait and, when its binding parsed, the bound type's function.
fn operation_stubs(input: &DeriveInput, kind: DeriveKind, container: Option<&Container<'_>>) -> TokenStream {
    let ident = &input.ident;
    let parameters = if kind == DeriveKind::Function {
        quote! {
            impl ::msgraph_entity::FunctionParameters for #ident {
                fn write_parameters(&self, _: &mut ::msgraph_entity::FunctionCall) {
                    ::core::unreachable!()
                }
            }
        }
    } else {
        quote! {
            impl ::msgraph_entity::__private::serde::Serialize for #ident {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: ::msgraph_entity::__private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
            impl ::msgraph_entity::ActionParameters for #ident {
                const EMPTY: bool = false;
            }
        }
    };
    let bound_fn = container.and_then(|container| {
        let bound = container.attrs.bound.as_ref()?;
        let path = container.attrs.path.as_ref()?;
        container.attrs.name.as_ref()?;
        let vis = container.vis;
        let method = crate::expand::method_ident(container);
        let shape = crate::expand::return_shape(container.attrs.returns.as_ref());
        let request = if kind == DeriveKind::Function {
            quote! { ::msgraph_entity::FunctionRequest<#shape> }
        } else {
            quote! { ::msgraph_entity::ActionRequest<#ident, #shape> }
        };
        let call = path.call();
        let parents = call.parameters();
        let argument = (!container.fields().is_empty()).then(|| quote! { parameters: #ident });
        let output = call.output(request);
        Some(quote! {
            #[allow(dead_code, unused_variables, unreachable_code, clippy::all)]
            impl #bound {
                #vis fn #method(#parents #argument) -> #output {
                    ::core::unreachable!()
                }
            }
        })
    });
    quote! {
        #[allow(deprecated, dead_code, unreachable_code, unused_variables, clippy::all)]
        const _: () = {
            #parameters
        };
        #bound_fn
    }
}
