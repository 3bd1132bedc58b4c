//! What an entity needs beyond create: its property enum (for `$select`,
//! `$orderby` and filters), its patch type (for `PATCH`), and the functions that
//! build get, list, update and delete requests.

use msgraph_names::Companion;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::generated::{Generated, Impl, Inline};
use crate::ast::{Body, Container, Field};
use crate::attr::NamedPath;
use crate::names::{clear_ident, companion, property_variant_ident};

/// `NdesConnectorProperty`: one variant per property, named after its field.
pub fn property_enum<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let doc = format!("The properties of [`{}`], for `$select`, `$orderby` and filters.", container.ident);
    name_enum(container, Companion::Property, quote! { EntityProperty }, doc, container.properties().collect())
}

/// `DeviceManagementConfigurationPolicyNavigation`: one variant per navigation property, for `$expand`.
pub fn navigation_enum<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let doc = format!("The navigation properties of [`{}`], for `$expand`.", container.ident);
    name_enum(container, Companion::Navigation, quote! { EntityNavigation }, doc, container.navigations().collect())
}

/// A fieldless enum of some of the type's fields, each variant named after its field, and the
/// runtime trait `name_trait` that gives each variant's Graph name.
fn name_enum<'a>(
    container: &'a Container<'_>,
    which: Companion,
    name_trait: TokenStream,
    doc: String,
    fields: Vec<&'a Field<'a>>,
) -> Generated<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let name_enum = companion(which, container.ident);
    let variants: Vec<Ident> = fields.iter().map(|field| property_variant_ident(field.member)).collect();
    let docs = fields.iter().map(|field| format!("`{}`.", field.graph_name));
    let mut generated = Generated::default();
    generated.declaration(quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #vis enum #name_enum {
            #(
                #[doc = #docs]
                #variants,
            )*
        }
    });
    generated.push(Impl::of_trait(quote! { impl #rt::#name_trait for #name_enum }).function(
        TokenStream::new(),
        quote! { fn graph_name(self) -> &'static str },
        move || {
            let names = fields.iter().map(|field| field.graph_name.as_str());
            quote! {
                match self {
                    #(Self::#variants => #names,)*
                }
            }
        },
    ));
    generated
}

/// `NdesConnectorPatch`: each writable property unchanged, cleared or set; only the
/// touched ones are written, after the entity's `@odata.type`.
pub fn patch_struct<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let ident = container.ident;
    let vis = container.vis;
    let rt = &container.rt;
    let patch = companion(Companion::Patch, ident);
    let fields: Vec<&Field<'_>> = container.writable().collect();
    let members: Vec<&Ident> = fields.iter().map(|field| field.member).collect();
    let value_tys: Vec<_> = fields.iter().map(|field| field.value_ty()).collect();
    let field_docs = fields.iter().map(|field| format!("`{}`: unchanged, cleared (`null`) or set.", field.graph_name));
    let doc = format!(
        "Changes to a [`{ident}`], sent by `{ident}::update`: each property is [`Patch::Unchanged`]({rt}::Patch) \
         (not sent) until it is set or cleared.",
        rt = rt.to_string().replace(' ', "")
    );
    let mut generated = Generated::default();
    generated.declaration(quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        #[allow(deprecated)]
        #vis struct #patch {
            #(
                #[doc = #field_docs]
                pub #members: #rt::Patch<#value_tys>,
            )*
        }
    });
    let mut setters = Impl::inherent(
        quote! { #[allow(dead_code, deprecated, clippy::wrong_self_convention)] },
        quote! { impl #patch },
    );
    let between_doc = format!(
        " The changes that turn `old` into `new`: each writable property written differently, set to its \
         value in `new` (or cleared where `new` has none); the rest unchanged. For drift correction: \
         `{ident}::update(id, {patch}::between(&current, &wanted)?)`."
    );
    setters = setters.function(
        quote! { #[doc = #between_doc] },
        quote! { #vis fn between(old: &#ident, new: &#ident) -> ::core::result::Result<Self, #rt::Error> },
        {
            let fields = fields.clone();
            move || {
                let changes = fields.iter().map(|field| {
                    let member = field.member;
                    let between = if field.option_inner.is_some() { quote!(optional) } else { quote!(required) };
                    quote_spanned! {field.ty.span()=> #member: __diff.#between(&old.#member, &new.#member), }
                });
                quote! {
                    let mut __diff = #rt::__private::PatchDiff::default();
                    let __patch = Self { #(#changes)* };
                    __diff.finish(__patch)
                }
            }
        },
    );
    for field in &fields {
        let member = field.member;
        let value_ty = field.value_ty();
        let set_doc = format!("Sets `{}`.", field.graph_name);
        setters = setters.function(
            quote! { #[doc = #set_doc] #[must_use] },
            quote_spanned! {value_ty.span()=>
                #vis fn #member(mut self, value: impl ::core::convert::Into<#value_ty>) -> Self
            },
            move || {
                quote_spanned! {value_ty.span()=>
                    self.#member = #rt::Patch::Set(::core::convert::Into::<#value_ty>::into(value));
                    self
                }
            },
        );
        // Only a property that may be absent can be cleared.
        if field.option_inner.is_some() {
            let clear = clear_ident(member);
            let clear_doc = format!("Clears `{}`: sends it as `null`.", field.graph_name);
            setters = setters.function(
                quote! { #[doc = #clear_doc] #[must_use] },
                quote! { #vis fn #clear(mut self) -> Self },
                move || quote! { self.#member = #rt::Patch::Null; self },
            );
        }
    }
    generated.push(setters);
    generated.push(super::skeleton::serialize_impl(rt, &patch, Inline::NoHint, move || {
        let names = fields.iter().map(|field| field.graph_name.as_str());
        quote! {
            let __len = 1usize #(+ ::core::primitive::usize::from(!#rt::Patch::is_unchanged(&self.#members)))*;
            let mut __writer = #rt::__private::PropertyWriter::new(
                __serializer,
                ::core::option::Option::Some(__len),
                ::core::option::Option::None,
            )?;
            __writer.odata_type(<#ident as #rt::ODataType>::ODATA_TYPE);
            #(__writer.patch(#names, &self.#members);)*
            __writer.end()
        }
    }));
    generated
}

/// The operations of an entity's paths: `get`, `list`, `update` and `delete` in its collection
/// (each takes the collection's path parameters first, then the key), and `get_x`/`update_x`
/// for each `single(name = "x")` place. Each is fallible when it builds a path from values.
pub fn operation_fns<'a>(container: &'a Container<'_>, patch: TokenStream) -> Impl<'a> {
    let ident = container.ident;
    let mut block = Impl::inherent(quote! { #[allow(dead_code, deprecated)] }, quote! { impl #ident });
    if container.attrs.collection.is_some() {
        block = collection_fns(block, container, patch.clone());
    }
    let places = container.attrs.place_functions();
    for (single, [get, update]) in places.singles {
        block = single_fns(block, container, single, [get, update], patch.clone());
    }
    for (create_at, [_, collection]) in places.create_at {
        block = other_collection_fn(block, container, collection, create_at);
    }
    block
}

/// `in_x` for a `create_at(name = "create_in_x")` collection: its list, get, update and delete,
/// as a `CollectionAt` (the entity's own functions use its primary collection).
fn other_collection_fn<'a>(
    block: Impl<'a>,
    container: &'a Container<'_>,
    name: Ident,
    create_at: &'a NamedPath,
) -> Impl<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let doc = format!(
        "The items of `{}` in `{}`: list them, read, update or delete one.",
        container.graph_name(),
        create_at.path.literal.value()
    );
    let call = create_at.path.call(rt);
    let parameters = call.parameters();
    let output = call.output(quote! { #rt::CollectionAt<Self> });
    // As in the entity's own `update`: an item of a polymorphic collection keeps its own type.
    let polymorphic = matches!(container.body, Body::Polymorphic(_));
    block.function(quote! { #[doc = #doc] }, quote! { #vis fn #name(#parameters) -> #output }, move || {
        let call = create_at.path.call(rt);
        let path = call.cow();
        let retag = polymorphic.then(|| quote! { .updates_without_odata_type() });
        call.returning(quote! { #rt::CollectionAt::new(#path)#retag })
    })
}

fn collection_fns<'a>(block: Impl<'a>, container: &'a Container<'_>, patch: TokenStream) -> Impl<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let collection = container.attrs.collection.as_ref().expect("called with a collection");
    let parents = collection.parameter_idents();
    let key = Ident::new("key", Span::call_site());
    let patch_arg = Ident::new("patch", Span::call_site());
    let collection_path = quote! { <Self as #rt::EntityCollection>::COLLECTION };
    let cast = container.attrs.cast.is_some();
    let result = |output: TokenStream| quote! { ::core::result::Result<#output, #rt::Error> };
    let get_output = result(quote!(#rt::GetRequest<Self>));
    let update_output = result(quote!(#rt::UpdateRequest<Self>));
    let delete_output = result(quote!(#rt::DeleteRequest<Self>));
    let list_fallible = !parents.is_empty() || cast;
    let list_output =
        if list_fallible { result(quote!(#rt::ListRequest<Self>)) } else { quote!(#rt::ListRequest<Self>) };
    let list_doc = if cast {
        " A request for the collection's items of this type (a cast segment filters the base type's collection), one page at a time."
    } else {
        " A request for the collection's items, one page at a time; add query options to it."
    };
    // A polymorphic collection's item may be of any derived type: by key alone, the update sends
    // no `@odata.type` (the service keeps the item's); `update_item` sends the value's own.
    let polymorphic = matches!(container.body, Body::Polymorphic(_));
    let update_doc = if polymorphic {
        " A request that applies `patch` to one item, sent without `@odata.type` (the item keeps its own type; \
         `update_item` sends the type of a value you hold)."
    } else {
        " A request that applies `patch` to one item: only what the patch sets or clears is sent."
    };
    let item_path = {
        let (parents, collection_path, key) = (parents.clone(), collection_path.clone(), key.clone());
        move || quote! { #collection_path.item_path(&[#(#parents),*], #key)? }
    };
    let (get_path, update_path, delete_path) = (item_path.clone(), item_path.clone(), item_path);
    let list_parents = parents.clone();
    let update_patch = patch_arg.clone();
    let item_patch = patch_arg.clone();
    let block = block
        .function(
            quote! { #[doc = " A request for one item by key (percent-encoded: it cannot leave the collection)."] },
            quote! { #vis fn get(#(#parents: &str,)* #key: &str) -> #get_output },
            move || {
                let path = get_path();
                quote! { ::core::result::Result::Ok(#rt::GetRequest::new(#path)) }
            },
        )
        .function(quote! { #[doc = #list_doc] }, quote! { #vis fn list(#(#parents: &str),*) -> #list_output }, move || {
            let parents = list_parents;
            match (list_fallible, cast) {
                (false, _) => quote! {
                    #rt::ListRequest::new(#rt::__private::Cow::Borrowed(#collection_path.as_str()))
                },
                (true, false) => {
                    quote! { ::core::result::Result::Ok(#rt::ListRequest::new(#collection_path.fill(&[#(#parents),*])?)) }
                }
                (true, true) => quote! {
                    ::core::result::Result::Ok(#rt::ListRequest::new(#rt::__private::cast_path(
                        #collection_path.fill(&[#(#parents),*])?,
                        <Self as #rt::ODataType>::ODATA_TYPE,
                    )))
                },
            }
        })
        .function(
            quote! { #[doc = #update_doc] },
            quote! { #vis fn update(#(#parents: &str,)* #key: &str, #patch_arg: #patch) -> #update_output },
            move || {
                let path = update_path();
                let retag = polymorphic.then(|| quote! { .without_odata_type() });
                quote! { ::core::result::Result::Ok(#rt::UpdateRequest::new(#path, #update_patch)#retag) }
            },
        );
    let block = if polymorphic {
        let item_parents = parents.clone();
        block.function(
            quote! { #[doc = " A request that applies `patch` to this item (by its key), sent with its own `@odata.type`."] },
            quote! { #vis fn update_item(&self, #(#parents: &str,)* #patch_arg: #patch) -> #update_output },
            move || quote! { #rt::__private::update_item(self, &[#(#item_parents),*], #item_patch) },
        )
    } else {
        block
    };
    block.function(
        quote! { #[doc = " A request that deletes one item."] },
        quote! { #vis fn delete(#(#parents: &str,)* #key: &str) -> #delete_output },
        move || {
            let path = delete_path();
            quote! { ::core::result::Result::Ok(#rt::DeleteRequest::new(#path)) }
        },
    )
}

/// `get_x` and `update_x` for the value at a `single(name = "x", path = "...")` place.
fn single_fns<'a>(
    block: Impl<'a>,
    container: &'a Container<'_>,
    single: &'a NamedPath,
    [get, update]: [Ident; 2],
    patch: TokenStream,
) -> Impl<'a> {
    let vis = container.vis;
    let rt = &container.rt;
    let template = single.path.literal.value();
    let get_doc = format!("A request for the value at `{template}`.");
    let update_doc = format!("A request that applies `patch` to the value at `{template}`.");
    let patch_arg = Ident::new("patch", Span::call_site());
    let call = single.path.call(rt);
    let parameters = call.parameters();
    let get_output = call.output(quote! { #rt::GetRequest<Self> });
    let update_output = call.output(quote! { #rt::UpdateRequest<Self> });
    block
        .function(quote! { #[doc = #get_doc] }, quote! { #vis fn #get(#parameters) -> #get_output }, move || {
            let call = single.path.call(rt);
            let path = call.cow();
            call.returning(quote! { #rt::GetRequest::new(#path) })
        })
        .function(
            quote! { #[doc = #update_doc] },
            quote! { #vis fn #update(#parameters #patch_arg: #patch) -> #update_output },
            move || {
                let call = single.path.call(rt);
                let path = call.cow();
                call.returning(quote! { #rt::UpdateRequest::new(#path, #patch_arg) })
            },
        )
}
