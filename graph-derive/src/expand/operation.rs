//! `GraphAction` and `GraphFunction`: the struct is the operation's parameters; the
//! bound type gets a function that builds the request.
//!
//! An action's parameters are written as a JSON object (no `@odata.type`: the
//! parameter set has none; typed values inside keep theirs), an absent `Option`
//! left out. A function's are written into its call as OData literals. Either way
//! a field whose type cannot be a parameter fails at the field's type.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::generated::{Generated, Impl, Inline};
use crate::ast::Container;
use crate::attr::Returns;
use crate::kind::DeriveKind;

pub fn operation<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let mut generated = Generated::default();
    match container.kind {
        DeriveKind::Function => generated.push(function_parameters(container)),
        _ => generated.extend(action_parameters(container)),
    }
    if let Some(bound_fn) = bound_fn(container) {
        generated.push(bound_fn);
    }
    generated
}

/// `Serialize` (the body) and `ActionParameters` for an action's parameters.
fn action_parameters<'a>(container: &'a Container<'_>) -> Generated<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let mut generated = Generated::default();
    generated.push(super::skeleton::serialize_impl(rt, ident, Inline::NoHint, move || {
        let mut counts = Vec::new();
        let mut writes = Vec::new();
        for field in container.fields() {
            let member = field.member;
            let name = &field.graph_name;
            let span = field.ty.span();
            if field.option_inner.is_some() {
                counts.push(quote_spanned! {span=>
                    ::core::primitive::usize::from(::core::option::Option::is_some(&self.#member))
                });
                writes.push(quote_spanned! {span=> __writer.nullable(#name, &self.#member); });
            } else {
                counts.push(quote! { 1usize });
                writes.push(quote_spanned! {span=> __writer.property(#name, &self.#member); });
            }
        }
        quote! {
            let __len = 0usize #(+ #counts)*;
            let mut __writer = #rt::__private::PropertyWriter::new(
                __serializer,
                ::core::option::Option::Some(__len),
                ::core::option::Option::None,
            )?;
            #(#writes)*
            __writer.end()
        }
    }));
    generated.push(Impl::of_trait(quote! { impl #rt::ActionParameters for #ident }).constant(
        quote! { const EMPTY: bool },
        quote!(false),
        || {
            let empty = container.fields().is_empty();
            quote!(#empty)
        },
    ));
    generated
}

/// `FunctionParameters` for a function's parameters: each written into the call.
fn function_parameters<'a>(container: &'a Container<'_>) -> Impl<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let call = if container.fields().is_empty() { quote!(_) } else { quote!(__call) };
    Impl::of_trait(quote! { impl #rt::FunctionParameters for #ident }).function(
        TokenStream::new(),
        quote! { fn write_parameters(&self, #call: &mut #rt::FunctionCall) },
        move || {
            let writes = container.fields().iter().map(|field| {
                let member = field.member;
                let name = &field.graph_name;
                let rt = container.rt_at(field.ty.span());
                quote_spanned! {field.ty.span()=> #rt::FunctionCall::parameter(__call, #name, &self.#member); }
            });
            quote! { #(#writes)* }
        },
    )
}

/// The name of the bound type's function: `method`, else the operation's own name in snake_case.
fn method_ident(container: &Container<'_>) -> Option<Ident> {
    match &container.attrs.method {
        Some(method) => syn::parse_str::<Ident>(&method.value()).ok().map(|mut ident| {
            ident.set_span(method.span());
            ident
        }),
        None => {
            let name = container.attrs.name.as_ref()?.value();
            let method = msgraph_names::operation_method(name.rsplit('.').next().unwrap_or_default());
            syn::parse_str::<Ident>(&method).ok()
        }
    }
}

/// The request shape type of `returns`, spanned at the user's type.
fn return_shape(rt: &TokenStream, returns: Option<&Returns>) -> TokenStream {
    match returns {
        None => quote! { #rt::ReturnsNothing },
        Some(Returns::Object(ty)) => quote_spanned! {ty.span()=> #rt::ReturnsObject<#ty> },
        Some(Returns::Value(ty)) => quote_spanned! {ty.span()=> #rt::ReturnsValue<#ty> },
        Some(Returns::Collection(ty)) => quote_spanned! {ty.span()=> #rt::ReturnsCollection<#ty> },
        Some(Returns::Stream(span)) => quote_spanned! {*span=> #rt::ReturnsStream },
    }
}

/// `impl Bound { fn assign(parents…, key, parameters) -> Result<ActionRequest<…>, Error> }`:
/// the path parameters first, the parameters last (left out when there are none). Not written
/// while the binding, the path or the name is missing (an error the checks report).
fn bound_fn<'a>(container: &'a Container<'_>) -> Option<Impl<'a>> {
    let ident = container.ident;
    let vis = container.vis;
    let rt = &container.rt;
    let attrs = &container.attrs;
    let (Some(bound), Some(path), Some(name)) = (&attrs.bound, &attrs.path, &attrs.name) else {
        return None;
    };
    let qualified = name.value();
    let method = method_ident(container)?;
    let shape = return_shape(rt, attrs.returns.as_ref());
    let is_function = container.kind == DeriveKind::Function;
    let request = if is_function {
        quote! { #rt::FunctionRequest<#shape> }
    } else {
        quote! { #rt::ActionRequest<#ident, #shape> }
    };
    let parameters_arg = Ident::new("parameters", Span::call_site());
    let argument = (!container.fields().is_empty()).then(|| quote! { #parameters_arg: #ident });
    let kind = if is_function { "function" } else { "action" };
    let doc = format!("The `{qualified}` {kind} of what is at `{}`.", path.literal.value());
    let call = path.call(rt);
    let parameters = call.parameters();
    let output = call.output(request);
    Some(
        Impl::inherent(quote! { #[allow(dead_code, deprecated, clippy::too_many_arguments)] }, quote! { impl #bound })
            .function(
                quote! { #[doc = #doc] },
                quote! { #vis fn #method(#parameters #argument) -> #output },
                move || {
                    let value = if !container.fields().is_empty() {
                        quote! { #parameters_arg }
                    } else if container.unit {
                        quote! { #ident }
                    } else {
                        quote! { #ident {} }
                    };
                    let call = path.call(rt);
                    let bound_path = call.str();
                    let build = if is_function {
                        quote! { #rt::FunctionRequest::new(#bound_path, #qualified, &#value) }
                    } else {
                        quote! { #rt::ActionRequest::new(#bound_path, #qualified, #value) }
                    };
                    call.returning(build)
                },
            ),
    )
}
