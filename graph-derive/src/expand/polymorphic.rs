//! `GraphEntity` / `GraphComplex` on an enum of derived types: dispatch on `@odata.type`.
//!
//! Reading picks the variant whose type the `@odata.type` names (the runtime
//! half is `__private::deserialize_polymorphic`); a type the enum does not list
//! is kept whole in the `other` variant. Writing delegates to the variant, which
//! writes its own `@odata.type` first.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned as _;

use super::generated::{Generated, Impl, Inline};
use crate::ast::{Container, Variant, box_inner, polymorphic_base};
use crate::kind::DeriveKind;

/// The listed variants, each with what reading and writing need of it.
struct Listed<'v> {
    variant: &'v Variant<'v>,
    /// `T` of `Variant(T)` or `Variant(Box<T>)`: dispatch and conversions use it.
    inner: &'v Type,
    boxed: bool,
}

impl Listed<'_> {
    /// `Box::new` for a boxed variant, else nothing.
    fn wrap(&self) -> TokenStream {
        if self.boxed { quote!(::std::boxed::Box::new) } else { quote!(::core::convert::identity) }
    }

    /// `&**` for a boxed variant, to reach `T`.
    fn as_inner(&self) -> TokenStream {
        if self.boxed { quote!(&**) } else { TokenStream::new() }
    }
}

fn listed<'v>(variants: &'v [Variant<'v>]) -> Vec<Listed<'v>> {
    variants
        .iter()
        .filter(|variant| variant.attrs.other.is_none())
        .filter_map(|variant| {
            let held = &variant.single_field()?.ty;
            Some(Listed { variant, inner: box_inner(held).unwrap_or(held), boxed: box_inner(held).is_some() })
        })
        .collect()
}

pub fn polymorphic<'a>(container: &'a Container<'_>, variants: &'a [Variant<'a>]) -> Generated<'a> {
    let ident = container.ident;
    let rt = &container.rt;
    let listed = listed(variants);
    let other = variants.iter().find(|variant| variant.attrs.other.is_some());
    let mut generated = Generated::default();
    generated.push(super::traits::odata_type(container));

    let dispatch = Impl::of_trait(quote! { impl #rt::__private::Polymorphic for #ident })
        .function(
            TokenStream::new(),
            quote! { fn variant_for(__odata_type: &str) -> ::core::option::Option<::core::primitive::usize> },
            {
                let listed = listed.iter().map(|listed| (listed.inner, &listed.variant.cfgs)).collect::<Vec<_>>();
                move || {
                    let pushes = listed.iter().enumerate().map(|(index, (ty, cfgs))| {
                        quote! {
                            #(#cfgs)*
                            __names.push((<#ty as #rt::ODataType>::ODATA_TYPE, #index));
                        }
                    });
                    quote! {
                        static __TABLE: #rt::__private::VariantTable = #rt::__private::VariantTable::new();
                        __TABLE.find(__odata_type, || {
                            let mut __names = ::std::vec::Vec::new();
                            #(#pushes)*
                            __names
                        })
                    }
                }
            },
        )
        .function(
            TokenStream::new(),
            quote! {
                fn deserialize_variant<'de, __D>(__index: ::core::primitive::usize, __deserializer: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: #rt::__private::serde::Deserializer<'de>,
            },
            {
                let arms = listed
                    .iter()
                    .enumerate()
                    .map(|(index, listed)| {
                        let (cfgs, variant, ty, wrap) =
                            (&listed.variant.cfgs, listed.variant.ident, listed.inner, listed.wrap());
                        quote! {
                            #(#cfgs)*
                            #index => ::core::result::Result::Ok(Self::#variant(#wrap(
                                <#ty as #rt::__private::serde::Deserialize>::deserialize(__deserializer)?,
                            ))),
                        }
                    })
                    .collect::<Vec<_>>();
                move || {
                    quote! {
                        match __index {
                            #(#arms)*
                            _ => ::core::result::Result::Err(<__D::Error as #rt::__private::serde::de::Error>::custom(
                                "no variant for this @odata.type",
                            )),
                        }
                    }
                }
            },
        )
        .function(
            TokenStream::new(),
            quote! { fn from_other(__properties: #rt::AdditionalProperties) -> Self },
            move || {
                let other = other.expect("checked: a polymorphic type has an `other` variant");
                let other_ident = other.ident;
                let other_ty = &other.single_field().expect("checked").ty;
                quote_spanned! {other_ty.span()=> Self::#other_ident(__properties) }
            },
        );
    generated.push(dispatch);

    generated.push(super::skeleton::serialize_impl(rt, ident, Inline::NoHint, {
        let arms = listed
            .iter()
            .map(|listed| {
                let (cfgs, variant) = (&listed.variant.cfgs, listed.variant.ident);
                quote! { #(#cfgs)* Self::#variant(__value) => #rt::__private::serde::Serialize::serialize(__value, __serializer), }
            })
            .collect::<Vec<_>>();
        move || {
            let other_ident = other.expect("checked").ident;
            quote! {
                match self {
                    #(#arms)*
                    Self::#other_ident(__value) => #rt::__private::serde::Serialize::serialize(__value, __serializer),
                }
            }
        }
    }));
    generated.push(super::skeleton::deserialize_impl(rt, ident, move || {
        quote! { #rt::__private::deserialize_polymorphic(__deserializer) }
    }));

    for listed in &listed {
        let (cfgs, variant, ty, wrap) = (&listed.variant.cfgs, listed.variant.ident, listed.inner, listed.wrap());
        generated.push(Impl::of_trait(quote! { #(#cfgs)* impl ::core::convert::From<#ty> for #ident }).function(
            TokenStream::new(),
            quote! { fn from(__value: #ty) -> Self },
            move || quote! { Self::#variant(#wrap(__value)) },
        ));
    }

    // Without its base type (an error the checks report) the entity has no patch to name.
    if let (DeriveKind::Entity, Some(base)) = (container.kind, polymorphic_base(variants)) {
        if let Some(collection) = super::traits::entity_collection(container) {
            generated.push(collection);
        }
        let base = quote!(#base);
        let key_arms = listed
            .iter()
            .map(|listed| {
                let (cfgs, variant, as_inner) = (&listed.variant.cfgs, listed.variant.ident, listed.as_inner());
                quote! { #(#cfgs)* Self::#variant(__value) => #rt::GraphEntity::key(#as_inner __value), }
            })
            .collect::<Vec<_>>();
        let key = other.map(|other| {
            let other_ident = other.ident;
            quote! {
                match self {
                    #(#key_arms)*
                    Self::#other_ident(__properties) => {
                        __properties.get_str(<Self as #rt::GraphEntity>::KEY_PROPERTY)
                    }
                }
            }
        });
        let required_arms = listed
            .iter()
            .map(|listed| {
                let (cfgs, variant, as_inner) = (&listed.variant.cfgs, listed.variant.ident, listed.as_inner());
                quote! { #(#cfgs)* Self::#variant(__value) => #rt::GraphEntity::missing_required(#as_inner __value), }
            })
            .collect::<Vec<_>>();
        // A value of a type the enum does not list is sent as it is: the service judges it.
        let missing_required = other.map(|other| {
            let other_ident = other.ident;
            quote! {
                match self {
                    #(#required_arms)*
                    Self::#other_ident(_) => ::core::option::Option::None,
                }
            }
        });
        generated.push(super::traits::polymorphic_entity(
            container,
            base,
            key.unwrap_or_default(),
            missing_required.unwrap_or_default(),
        ));
    }

    let type_arms = listed
        .iter()
        .map(|listed| {
            let (cfgs, variant, ty) = (&listed.variant.cfgs, listed.variant.ident, listed.inner);
            quote! { #(#cfgs)* Self::#variant(_) => ::core::option::Option::Some(<#ty as #rt::ODataType>::ODATA_TYPE), }
        })
        .collect::<Vec<_>>();
    generated.push(Impl::of_trait(quote! { impl #rt::__private::VariantType for #ident }).function(
        TokenStream::new(),
        quote! { fn variant_odata_type(&self) -> ::core::option::Option<&str> },
        move || {
            let other_ident = other.expect("checked").ident;
            quote! {
                match self {
                    #(#type_arms)*
                    Self::#other_ident(__properties) => __properties.get_str("@odata.type"),
                }
            }
        },
    ));
    generated
}

/// The patch type of a polymorphic entity: its base type's, when the enum lists its base.
pub fn base_patch(container: &Container<'_>, variants: &[Variant<'_>]) -> Option<TokenStream> {
    let rt = &container.rt;
    let base = polymorphic_base(variants)?;
    Some(quote! { <#base as #rt::GraphEntity>::Patch })
}
