//! What a derive writes, described once: declarations, `impl` blocks of functions whose bodies
//! are kept apart, and private helpers. The expansion renders the description with its bodies;
//! after an error, the fallback renders the same description with every body `unreachable!()`
//! (and no helpers), so the two define the same public items by construction.
//!
//! Bodies are computed only when rendered with them: the fallback may describe an input whose
//! attributes were wrong, and only a body needs what the checks guarantee.

use proc_macro2::TokenStream;
use quote::quote;

/// A piece of code computed only when the expansion renders it.
pub type Deferred<'a> = Box<dyn FnOnce() -> TokenStream + 'a>;

/// Defers `make` until the expansion renders it.
pub fn defer<'a>(make: impl FnOnce() -> TokenStream + 'a) -> Deferred<'a> {
    Box::new(make)
}

/// Everything one derive writes.
#[derive(Default)]
pub struct Generated<'a> {
    items: Vec<Item<'a>>,
}

enum Item<'a> {
    /// A type or module users name: the same in the expansion and the fallback.
    Declaration(TokenStream),
    Impl(Impl<'a>),
    /// Code only the expansion needs (a field enum, a name table); it goes in the anonymous
    /// `const _` with the trait impls, so users never see it.
    Helper(Deferred<'a>),
}

/// An `impl` block: `header` is `impl Trait for Type` or `impl<…> Type<…> where …`.
pub struct Impl<'a> {
    attrs: TokenStream,
    header: TokenStream,
    /// A trait impl: written in the anonymous `const _`, beside the helpers it uses.
    in_const: bool,
    members: Vec<Member<'a>>,
}

enum Member<'a> {
    Fn { attrs: TokenStream, signature: TokenStream, body: Deferred<'a>, inline: Inline },
    Const { signature: TokenStream, value: Deferred<'a>, stub: TokenStream },
    Type(TokenStream),
}

/// Whether a function is written `#[inline]`.
///
/// Every generated function is, but for the few that say otherwise: rustc compiles an `#[inline]`
/// function only in the crates that call it, so a crate of models compiles none of its `get`,
/// `create`, `between` (and the serde_json reader and writer each `between` instantiates for the
/// values it compares) until a user's code calls them. Without it, msgraph-intune's 2,000 types
/// each compiled all of theirs in msgraph-intune's own build.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Hint,
    /// Left to the compiler: a large generic function (the `serialize` of an entity, a complex
    /// type, a patch, an `Any…` enum or an action's parameters), compiled only where it is used
    /// anyway, where the hint would only make it inline more.
    NoHint,
}

/// Whether bodies are rendered, or stubbed after an error.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Written,
    Stubbed,
}

impl<'a> Generated<'a> {
    pub fn declaration(&mut self, tokens: TokenStream) {
        self.items.push(Item::Declaration(tokens));
    }

    pub fn helper(&mut self, make: impl FnOnce() -> TokenStream + 'a) {
        self.items.push(Item::Helper(defer(make)));
    }

    pub fn push(&mut self, block: Impl<'a>) {
        self.items.push(Item::Impl(block));
    }

    pub fn extend(&mut self, other: Generated<'a>) {
        self.items.extend(other.items);
    }

    /// The code: declarations and inherent impls as they are; trait impls and helpers in one
    /// anonymous `const _`, so helper names never reach the user's namespace.
    pub fn render(self, bodies: Bodies) -> TokenStream {
        let mut open = TokenStream::new();
        let mut hidden = TokenStream::new();
        for item in self.items {
            match item {
                Item::Declaration(tokens) => open.extend(tokens),
                Item::Helper(make) if bodies == Bodies::Written => hidden.extend(make()),
                Item::Helper(_) => {}
                Item::Impl(block) if block.in_const => hidden.extend(block.render(bodies)),
                Item::Impl(block) => open.extend(block.render(bodies)),
            }
        }
        let hidden = (!hidden.is_empty()).then(|| {
            quote! {
                #[doc(hidden)]
                #[allow(deprecated)]
                const _: () = {
                    #hidden
                };
            }
        });
        quote! { #hidden #open }
    }
}

impl<'a> Impl<'a> {
    /// `impl Trait for Type`, written in the anonymous `const _`, `#[automatically_derived]`.
    pub fn of_trait(header: TokenStream) -> Self {
        Impl { attrs: quote!(#[automatically_derived]), header, in_const: true, members: Vec::new() }
    }

    /// An inherent `impl`, where users see its functions; `attrs` are its `#[allow]`s.
    pub fn inherent(attrs: TokenStream, header: TokenStream) -> Self {
        Impl { attrs, header, in_const: false, members: Vec::new() }
    }

    /// A function: `signature` from `fn` (with its visibility and qualifiers before it) to its
    /// return type and `where` clause; `attrs` its docs and attributes. Written `#[inline]`
    /// (see [`Inline`]).
    pub fn function(self, attrs: TokenStream, signature: TokenStream, body: impl FnOnce() -> TokenStream + 'a) -> Self {
        self.function_inlined(Inline::Hint, attrs, signature, body)
    }

    /// A function, `#[inline]` or not as `inline` says.
    pub fn function_inlined(
        mut self,
        inline: Inline,
        attrs: TokenStream,
        signature: TokenStream,
        body: impl FnOnce() -> TokenStream + 'a,
    ) -> Self {
        self.members.push(Member::Fn { attrs, signature, body: defer(body), inline });
        self
    }

    /// `const NAME: Type = value;`, with `stub` as its value in the fallback.
    pub fn constant(
        mut self,
        signature: TokenStream,
        stub: TokenStream,
        value: impl FnOnce() -> TokenStream + 'a,
    ) -> Self {
        self.members.push(Member::Const { signature, value: defer(value), stub });
        self
    }

    /// `type Name = Type;`, the same in the expansion and the fallback.
    pub fn associated_type(mut self, tokens: TokenStream) -> Self {
        self.members.push(Member::Type(tokens));
        self
    }

    fn render(self, bodies: Bodies) -> TokenStream {
        let Impl { attrs, header, members, .. } = self;
        let members = members.into_iter().map(|member| match (member, bodies) {
            (Member::Fn { attrs, signature, body, inline }, Bodies::Written) => {
                let body = body();
                let inline = (inline == Inline::Hint).then(|| quote! { #[inline] });
                quote! { #inline #attrs #signature { #body } }
            }
            (Member::Fn { attrs, signature, .. }, Bodies::Stubbed) => {
                quote! { #attrs #signature { ::core::unreachable!() } }
            }
            (Member::Const { signature, value, .. }, Bodies::Written) => {
                let value = value();
                quote! { #signature = #value; }
            }
            (Member::Const { signature, stub, .. }, Bodies::Stubbed) => quote! { #signature = #stub; },
            (Member::Type(tokens), _) => tokens,
        });
        let stub_allows = (bodies == Bodies::Stubbed)
            .then(|| quote! { #[allow(dead_code, unused_variables, unused_mut, unreachable_code, clippy::all)] });
        quote! {
            #attrs
            #stub_allows
            #header {
                #(#members)*
            }
        }
    }
}
