//! What an entity needs beyond create: its property enum (for `$select`,
//! `$orderby` and filters), its patch type (for `PATCH`), and the functions that
//! build get, list, update and delete requests.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{Body, Container, Field};
use crate::attr::NamedPath;
use crate::names::{clear_ident, patch_ident, property_enum_ident, property_variant_ident};
use crate::path::PathTemplate;

/// `NdesConnectorProperty`: one variant per property, named after its field.
pub fn property_enum(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let property = property_enum_ident(ident);
    let fields: Vec<&Field<'_>> = container.fields().iter().filter(|field| field.attrs.additional.is_none()).collect();
    let variants: Vec<Ident> = fields.iter().map(|field| property_variant_ident(field.member)).collect();
    let names: Vec<&str> = fields.iter().map(|field| field.graph_name.as_str()).collect();
    let docs = names.iter().map(|name| format!("`{name}`."));
    let doc = format!("The properties of [`{ident}`], for `$select`, `$orderby` and filters.");
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #vis enum #property {
            #(
                #[doc = #docs]
                #variants,
            )*
        }

        #[automatically_derived]
        impl ::msgraph_entity::EntityProperty for #property {
            #[inline]
            fn graph_name(self) -> &'static str {
                match self {
                    #(Self::#variants => #names,)*
                }
            }
        }
    }
}

/// `NdesConnectorPatch`: each writable property unchanged, cleared or set; only the
/// touched ones are written, after the entity's `@odata.type`.
pub fn patch_struct(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let patch = patch_ident(ident);
    let fields: Vec<&Field<'_>> =
        container.fields().iter().filter(|field| !field.is_read_only() && field.attrs.additional.is_none()).collect();
    let members: Vec<&Ident> = fields.iter().map(|field| field.member).collect();
    let value_tys: Vec<_> = fields.iter().map(|field| field.value_ty()).collect();
    let names: Vec<&str> = fields.iter().map(|field| field.graph_name.as_str()).collect();
    let field_docs = names.iter().map(|name| format!("`{name}`: unchanged, cleared (`null`) or set."));
    let setters = fields.iter().map(|field| {
        let member = field.member;
        let value_ty = field.value_ty();
        let set_doc = format!("Sets `{}`.", field.graph_name);
        let set = quote_spanned! {value_ty.span()=>
            #[doc = #set_doc]
            #[must_use]
            #vis fn #member(mut self, value: impl ::core::convert::Into<#value_ty>) -> Self {
                self.#member = ::msgraph_entity::Patch::Set(::core::convert::Into::<#value_ty>::into(value));
                self
            }
        };
        // Only a property that may be absent can be cleared.
        let clear = field.option_inner.is_some().then(|| {
            let clear = clear_ident(member);
            let clear_doc = format!("Clears `{}`: sends it as `null`.", field.graph_name);
            quote! {
                #[doc = #clear_doc]
                #[must_use]
                #vis fn #clear(mut self) -> Self {
                    self.#member = ::msgraph_entity::Patch::Null;
                    self
                }
            }
        });
        quote! { #set #clear }
    });
    let doc = format!(
        "Changes to a [`{ident}`], sent by `{ident}::update`: each property is [`Patch::Unchanged`](::msgraph_entity::Patch) \
         (not sent) until it is set or cleared."
    );
    let serialize = super::skeleton::serialize_impl(
        &patch,
        false,
        quote! {
            use ::msgraph_entity::__private::serde::ser::SerializeMap as _;
            let __len = 1usize #(+ ::core::primitive::usize::from(!::msgraph_entity::Patch::is_unchanged(&self.#members)))*;
            let mut __map = __serializer.serialize_map(::core::option::Option::Some(__len))?;
            __map.serialize_entry("@odata.type", <#ident as ::msgraph_entity::ODataType>::ODATA_TYPE)?;
            #(
                if !::msgraph_entity::Patch::is_unchanged(&self.#members) {
                    __map.serialize_entry(#names, &self.#members)?;
                }
            )*
            __map.end()
        },
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        #[allow(deprecated)]
        #vis struct #patch {
            #(
                #[doc = #field_docs]
                pub #members: ::msgraph_entity::Patch<#value_tys>,
            )*
        }

        #[allow(dead_code, deprecated, clippy::wrong_self_convention)]
        impl #patch {
            #(#setters)*
        }

        #[doc(hidden)]
        #[allow(deprecated)]
        const _: () = {
            #serialize
        };
    }
}

/// The operations of an entity's paths: `get`, `list`, `update` and `delete` in its collection
/// (each takes the collection's path parameters first, then the key), and `get_x`/`update_x`
/// for each `single(name = "x")` place. Each is fallible when it builds a path from values.
pub fn operation_fns(container: &Container<'_>, patch: &TokenStream) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let collection = container.attrs.collection.as_ref().map(|collection| collection_fns(container, collection, patch));
    let singles = container.attrs.singles.iter().map(|single| single_fns(vis, single, patch));
    quote! {
        #[allow(dead_code, deprecated)]
        impl #ident {
            #collection
            #(#singles)*
        }
    }
}

fn collection_fns(container: &Container<'_>, collection: &PathTemplate, patch: &TokenStream) -> TokenStream {
    let vis = container.vis;
    let parents = collection.parameter_idents();
    let key = Ident::new("key", Span::call_site());
    let patch_arg = Ident::new("patch", Span::call_site());
    let collection_path = quote! { <Self as ::msgraph_entity::EntityCollection>::COLLECTION };
    let list = match (parents.is_empty(), container.attrs.cast.is_some()) {
        (true, false) => quote! {
            /// A request for the collection's items, one page at a time; add query options to it.
            #vis fn list() -> ::msgraph_entity::ListRequest<Self> {
                ::msgraph_entity::ListRequest::new(::msgraph_entity::__private::Cow::Borrowed(#collection_path.as_str()))
            }
        },
        (_, cast) => {
            let path = if cast {
                quote! { ::msgraph_entity::__private::cast_path(#collection_path.fill(&[#(#parents),*])?, <Self as ::msgraph_entity::ODataType>::ODATA_TYPE) }
            } else {
                quote! { #collection_path.fill(&[#(#parents),*])? }
            };
            let doc = if cast {
                "A request for the collection's items of this type (a cast segment filters the base type's collection), one page at a time."
            } else {
                "A request for the collection's items, one page at a time; add query options to it."
            };
            quote! {
                #[doc = #doc]
                #vis fn list(#(#parents: &str),*) -> ::core::result::Result<::msgraph_entity::ListRequest<Self>, ::msgraph_entity::Error> {
                    ::core::result::Result::Ok(::msgraph_entity::ListRequest::new(#path))
                }
            }
        }
    };
    // A polymorphic collection's item may be of any derived type: by key alone, the update sends
    // no `@odata.type` (the service keeps the item's); `update_item` sends the value's own.
    let polymorphic = matches!(container.body, Body::Polymorphic(_));
    let (update_doc, retag, update_item) = if polymorphic {
        (
            "A request that applies `patch` to one item, sent without `@odata.type` (the item keeps its own type; \
             `update_item` sends the type of a value you hold).",
            quote! { .without_odata_type() },
            Some(quote! {
                /// A request that applies `patch` to this item (by its key), sent with its own `@odata.type`.
                #vis fn update_item(&self, #(#parents: &str,)* #patch_arg: #patch) -> ::core::result::Result<::msgraph_entity::UpdateRequest<Self>, ::msgraph_entity::Error> {
                    ::msgraph_entity::__private::update_item(self, &[#(#parents),*], #patch_arg)
                }
            }),
        )
    } else {
        (
            "A request that applies `patch` to one item: only what the patch sets or clears is sent.",
            TokenStream::new(),
            None,
        )
    };
    quote! {
        /// A request for one item by key (percent-encoded: it cannot leave the collection).
        #vis fn get(#(#parents: &str,)* #key: &str) -> ::core::result::Result<::msgraph_entity::GetRequest<Self>, ::msgraph_entity::Error> {
            ::core::result::Result::Ok(::msgraph_entity::GetRequest::new(#collection_path.item_path(&[#(#parents),*], #key)?))
        }

        #list

        #[doc = #update_doc]
        #vis fn update(#(#parents: &str,)* #key: &str, #patch_arg: #patch) -> ::core::result::Result<::msgraph_entity::UpdateRequest<Self>, ::msgraph_entity::Error> {
            ::core::result::Result::Ok(::msgraph_entity::UpdateRequest::new(
                #collection_path.item_path(&[#(#parents),*], #key)?,
                #patch_arg,
            )#retag)
        }

        #update_item

        /// A request that deletes one item.
        #vis fn delete(#(#parents: &str,)* #key: &str) -> ::core::result::Result<::msgraph_entity::DeleteRequest<Self>, ::msgraph_entity::Error> {
            ::core::result::Result::Ok(::msgraph_entity::DeleteRequest::new(#collection_path.item_path(&[#(#parents),*], #key)?))
        }
    }
}

/// `get_x` and `update_x` for the value at a `single(name = "x", path = "...")` place.
fn single_fns(vis: &syn::Visibility, single: &NamedPath, patch: &TokenStream) -> TokenStream {
    let name = single.name.value();
    let get = format_ident!("get_{}", name);
    let update = format_ident!("update_{}", name);
    let template = single.path.literal.value();
    let get_doc = format!("A request for the value at `{template}`.");
    let update_doc = format!("A request that applies `patch` to the value at `{template}`.");
    let patch_arg = Ident::new("patch", Span::call_site());
    let call = single.path.call();
    let parameters = call.parameters();
    let path = call.cow();
    let (get_output, get_body) = call
        .returning(quote! { ::msgraph_entity::GetRequest<Self> }, quote! { ::msgraph_entity::GetRequest::new(#path) });
    let (update_output, update_body) = call.returning(
        quote! { ::msgraph_entity::UpdateRequest<Self> },
        quote! { ::msgraph_entity::UpdateRequest::new(#path, #patch_arg) },
    );
    quote! {
        #[doc = #get_doc]
        #vis fn #get(#parameters) -> #get_output {
            #get_body
        }

        #[doc = #update_doc]
        #vis fn #update(#parameters #patch_arg: #patch) -> #update_output {
            #update_body
        }
    }
}
