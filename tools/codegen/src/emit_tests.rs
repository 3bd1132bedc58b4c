//! This workspace's test support: an `Arbitrary` impl for every generated type (so the
//! hostile-input tests cover each without a hand-written strategy), the lists of types
//! for them, and the conformance test's table of the docs' create cases.

use proc_macro2::TokenStream;
use quote::quote;

use crate::corpus::Corpus;
use crate::emit::{file, ident};
use crate::model::{Model, TypeItem};

pub fn arbitrary_impls(model: &Model<'_>, header: &str) -> String {
    let mut impls = Vec::new();
    let mut names = Vec::new();
    let mut odata_names = Vec::new();
    for entry in model.types.values() {
        let name = ident(&entry.ident);
        names.push(name.clone());
        match &entry.item {
            TypeItem::Enum(_) => impls.push(quote! {
                impl Arbitrary for #name {
                    fn arbitrary(g: &mut Gen) -> Self {
                        g.member()
                    }
                }
            }),
            TypeItem::Struct(plan) => {
                odata_names.push(name.clone());
                let fields = plan.fields.iter().map(|field| ident(&field.name.ident));
                let g = if plan.fields.is_empty() { quote!(_) } else { quote!(g) };
                impls.push(quote! {
                    impl Arbitrary for #name {
                        fn arbitrary(#g: &mut Gen) -> Self {
                            #name {
                                #(#fields: g.option(),)*
                                additional_properties: AdditionalProperties::new(),
                                odata: ControlInformation::new(),
                            }
                        }
                    }
                });
                if let Some(variants) = &plan.polymorphic {
                    let any = ident(&msgraph_names::Companion::Any.name(&entry.ident));
                    names.push(any.clone());
                    odata_names.push(any.clone());
                    let count = proc_macro2::Literal::usize_unsuffixed(variants.len() + 1);
                    let arms = variants.iter().enumerate().map(|(index, variant)| {
                        let index = proc_macro2::Literal::usize_unsuffixed(index);
                        let variant = ident(&variant.ident);
                        quote! { #index => #any::#variant(Box::new(Arbitrary::arbitrary(g))), }
                    });
                    let unlisted = ident(msgraph_names::UNLISTED_VARIANT);
                    impls.push(quote! {
                        impl Arbitrary for #any {
                            fn arbitrary(g: &mut Gen) -> Self {
                                match g.below(#count) {
                                    #(#arms)*
                                    _ => #any::#unlisted(g.unlisted_value()),
                                }
                            }
                        }
                    });
                }
            }
        }
    }
    let for_each = |macro_name: &str, what: &str, list: &[proc_macro2::Ident]| {
        let macro_name = ident(macro_name);
        let text = format!(" Calls `$each!(Type)` for {what}.");
        quote! {
            #[doc = #text]
            macro_rules! #macro_name {
                ($each:ident) => {
                    #($each!(#list);)*
                };
            }
        }
    };
    let every_type = for_each("for_each_type", "every generated type", &names);
    let every_odata_type =
        for_each("for_each_odata_type", "every generated type with an `@odata.type` (all but enums)", &odata_names);
    file(
        header,
        quote! {
            //! `Arbitrary` for every generated type, and `for_each_type!`, which calls a macro
            //! with each of them. Values are built field by field from a seeded generator.

            use msgraph_entity::{AdditionalProperties, ControlInformation};
            use msgraph_intune::*;

            use super::arbitrary::{Arbitrary, Gen};

            #(#impls)*
            #every_type
            #every_odata_type
        },
    )
}

/// The conformance test's table: for each case, its entity type and every create path it reaches.
pub fn cases_table(model: &Model<'_>, corpus: &Corpus, header: &str) -> Result<String, String> {
    let mut cases = Vec::new();
    for case in &corpus.cases {
        let full_name = format!("{}.{}", crate::model::MAIN_NAMESPACE, case.entity);
        let Some(entry) = model.types.get(&full_name) else {
            return Err(format!(
                "the corpus case {} names `{}`, which the schema selection lacks",
                case.page, case.entity
            ));
        };
        let placement = match &entry.item {
            TypeItem::Struct(plan) => plan.placement.as_ref(),
            TypeItem::Enum(_) => None,
        };
        let Some((primary, create_at)) =
            placement.and_then(|placement| Some((placement.collection.as_ref()?.0.clone(), &placement.create_at)))
        else {
            return Err(format!("the corpus case {} creates `{}`, which has no collection", case.page, case.entity));
        };
        let generated: Vec<&String> = std::iter::once(&primary).chain(create_at.iter().map(|(_, path)| path)).collect();
        // The docs' paths this entity is not created at, and why: the schema is the judge.
        let mut elsewhere = Vec::new();
        for path in &case.paths {
            if generated.contains(&path) {
                continue;
            }
            match crate::select::containment_problem(model.csdl, path) {
                Ok(()) => return Err(format!("{}: `{path}` is a containment path, yet not generated", case.page)),
                Err(reason) => {
                    let reason = reason.replace('"', "'");
                    elsewhere.push(quote! { (#path, #reason) });
                }
            }
        }
        let name = ident(&entry.ident);
        let calls = std::iter::once(("create".to_owned(), &primary))
            .chain(create_at.iter().map(|(function, path)| (function.clone(), path)))
            .map(|(function, path)| -> TokenStream {
                let function = ident(&function);
                let parameters: Vec<String> = (0..path.matches('{').count()).map(|index| format!("p{index}")).collect();
                if parameters.is_empty() {
                    quote! { #name::#function().target_path().to_owned() }
                } else {
                    quote! { #name::#function(#(#parameters),*).expect("valid parameters").target_path().to_owned() }
                }
            });
        let page = &case.page;
        cases.push(quote! { Case::new::<#name>(#page, || vec![#(#calls),*], &[#(#elsewhere),*]), });
    }
    Ok(file(
        header,
        quote! {
            //! One entry per "Create" case of the docs corpus: the case's page, its typed entity,
            //! the path of each of its create functions with parameters `p0`, `p1`, ..., and the docs'
            //! paths that the schema does not contain, with the reason the generator found.

            use msgraph_intune::*;

            use super::Case;

            pub fn cases() -> Vec<Case> {
                vec![#(#cases)*]
            }
        },
    ))
}
