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

use crate::ast::Container;
use crate::attr::Returns;
use crate::case::{is_keyword, pascal_to_snake};
use crate::kind::DeriveKind;

pub fn operation(container: &Container<'_>) -> TokenStream {
    let parameters_impl = match container.kind {
        DeriveKind::Function => function_parameters(container),
        _ => action_parameters(container),
    };
    let bound_fn = bound_fn(container);
    quote! {
        #[doc(hidden)]
        #[allow(deprecated)]
        const _: () = {
            #parameters_impl
        };
        #bound_fn
    }
}

/// `Serialize` (the body) and `ActionParameters` for an action's parameters.
fn action_parameters(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let fields = container.fields();
    let mut counts = Vec::new();
    let mut writes = Vec::new();
    for field in fields {
        let member = field.member;
        let name = &field.graph_name;
        let span = field.ty.span();
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
    let empty = fields.is_empty();
    let serialize = super::skeleton::serialize_impl(
        &ident,
        false,
        quote! {
            use ::msgraph_entity::__private::serde::ser::SerializeMap as _;
            let __len = 0usize #(+ #counts)*;
            let mut __map = __serializer.serialize_map(::core::option::Option::Some(__len))?;
            #(#writes)*
            __map.end()
        },
    );
    quote! {
        #serialize

        #[automatically_derived]
        impl ::msgraph_entity::ActionParameters for #ident {
            const EMPTY: bool = #empty;
        }
    }
}

/// `FunctionParameters` for a function's parameters: each written into the call.
fn function_parameters(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let writes = container.fields().iter().map(|field| {
        let member = field.member;
        let name = &field.graph_name;
        quote_spanned! {field.ty.span()=> ::msgraph_entity::FunctionCall::parameter(__call, #name, &self.#member); }
    });
    let call = if container.fields().is_empty() { quote!(_) } else { quote!(__call) };
    quote! {
        #[automatically_derived]
        impl ::msgraph_entity::FunctionParameters for #ident {
            fn write_parameters(&self, #call: &mut ::msgraph_entity::FunctionCall) {
                #(#writes)*
            }
        }
    }
}

/// The name of the bound type's function: `method`, else the operation's own name in snake_case.
pub fn method_ident(container: &Container<'_>) -> Ident {
    match &container.attrs.method {
        Some(method) => Ident::new(&method.value(), method.span()),
        None => {
            let name = container.attrs.name.as_ref().map(syn::LitStr::value).unwrap_or_default();
            let snake = pascal_to_snake(name.rsplit('.').next().unwrap_or_default());
            let snake = if is_keyword(&snake) { format!("{snake}_") } else { snake };
            Ident::new(&snake, Span::call_site())
        }
    }
}

/// The request shape type of `returns`, spanned at the user's type.
pub fn return_shape(returns: Option<&Returns>) -> TokenStream {
    match returns {
        None => quote! { ::msgraph_entity::ReturnsNothing },
        Some(Returns::Object(ty)) => quote_spanned! {ty.span()=> ::msgraph_entity::ReturnsObject<#ty> },
        Some(Returns::Value(ty)) => quote_spanned! {ty.span()=> ::msgraph_entity::ReturnsValue<#ty> },
        Some(Returns::Collection(ty)) => quote_spanned! {ty.span()=> ::msgraph_entity::ReturnsCollection<#ty> },
        Some(Returns::Stream(span)) => quote_spanned! {*span=> ::msgraph_entity::ReturnsStream },
    }
}

/// `impl Bound { fn assign(parents…, key, parameters) -> Result<ActionRequest<…>, Error> }`:
/// the path parameters first, the parameters last (left out when there are none).
fn bound_fn(container: &Container<'_>) -> TokenStream {
    let ident = container.ident;
    let vis = container.vis;
    let attrs = &container.attrs;
    let (Some(bound), Some(path), Some(name)) = (&attrs.bound, &attrs.path, &attrs.name) else {
        unreachable!("checked: an operation has a name, a binding and a path");
    };
    let qualified = name.value();
    let method = method_ident(container);
    let shape = return_shape(attrs.returns.as_ref());
    let is_function = container.kind == DeriveKind::Function;
    let request = if is_function {
        quote! { ::msgraph_entity::FunctionRequest<#shape> }
    } else {
        quote! { ::msgraph_entity::ActionRequest<#ident, #shape> }
    };
    let parameters_arg = Ident::new("parameters", Span::call_site());
    let has_parameters = !container.fields().is_empty();
    let (argument, value) = if has_parameters {
        (quote! { #parameters_arg: #ident }, quote! { #parameters_arg })
    } else if container.unit {
        (TokenStream::new(), quote! { #ident })
    } else {
        (TokenStream::new(), quote! { #ident {} })
    };
    let build = |bound_path: TokenStream| {
        if is_function {
            quote! { ::msgraph_entity::FunctionRequest::new(#bound_path, #qualified, &#value) }
        } else {
            quote! { ::msgraph_entity::ActionRequest::new(#bound_path, #qualified, #value) }
        }
    };
    let kind = if is_function { "function" } else { "action" };
    let doc = format!("The `{qualified}` {kind} of what is at `{}`.", path.literal.value());
    let call = path.call();
    let parameters = call.parameters();
    let (output, body) = call.returning(request, build(call.str()));
    quote! {
        #[allow(dead_code, deprecated, clippy::too_many_arguments)]
        impl #bound {
            #[doc = #doc]
            #vis fn #method(#parameters #argument) -> #output {
                #body
            }
        }
    }
}
