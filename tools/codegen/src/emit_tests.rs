//! This workspace's test support: an `Arbitrary` impl for every generated type (so the
//! hostile-input tests cover each without a hand-written strategy), the lists of types
//! for them, and the conformance test's table of the docs' create cases.

use std::fmt::Write as _;

use crate::corpus::Corpus;
use crate::csdl::Kind;
use crate::emit::{UNLISTED, is_untyped};
use crate::model::Model;

pub fn arbitrary_impls(model: &Model<'_>, header: &str) -> String {
    let mut out = format!(
        "{header}\n//! `Arbitrary` for every generated type, and `for_each_type!`, which calls a macro\n\
         //! with each of them. Values are built field by field from a seeded generator.\n\n\
         use msgraph_entity::AdditionalProperties;\nuse msgraph_intune::*;\n\n\
         use super::arbitrary::{{Arbitrary, Gen}};\n\n"
    );
    let mut names = Vec::new();
    let mut odata_names = Vec::new();
    for name in &model.selection.types {
        if is_untyped(name) {
            continue;
        }
        let ty = model.csdl.get(name);
        let ident = model.ident(name).to_owned();
        names.push(ident.clone());
        match ty.kind {
            Kind::Enum => {
                writeln!(out, "impl Arbitrary for {ident} {{\n    fn arbitrary(g: &mut Gen) -> Self {{\n        g.member()\n    }}\n}}\n")
                    .unwrap();
            }
            Kind::Entity | Kind::Complex => {
                odata_names.push(ident.clone());
                let fields = model.fields(ty);
                let g = if fields.is_empty() { "_" } else { "g" };
                writeln!(
                    out,
                    "impl Arbitrary for {ident} {{\n    fn arbitrary({g}: &mut Gen) -> Self {{\n        {ident} {{"
                )
                .unwrap();
                for field in fields {
                    writeln!(out, "            {}: g.option(),", field.name.ident).unwrap();
                }
                writeln!(
                    out,
                    "            additional_properties: AdditionalProperties::new(),\n        }}\n    }}\n}}\n"
                )
                .unwrap();
                if model.polymorphic.contains(name) {
                    names.push(format!("Any{ident}"));
                    odata_names.push(format!("Any{ident}"));
                    let variants = model.polymorphic_variants(name);
                    writeln!(out, "impl Arbitrary for Any{ident} {{\n    fn arbitrary(g: &mut Gen) -> Self {{")
                        .unwrap();
                    writeln!(out, "        match g.below({}) {{", variants.len() + 1).unwrap();
                    for (index, variant) in variants.iter().enumerate() {
                        let variant = model.ident(variant);
                        writeln!(
                            out,
                            "            {index} => Any{ident}::{variant}(Box::new(Arbitrary::arbitrary(g))),"
                        )
                        .unwrap();
                    }
                    writeln!(
                        out,
                        "            _ => Any{ident}::{UNLISTED}(g.unlisted_value()),\n        }}\n    }}\n}}\n"
                    )
                    .unwrap();
                }
            }
        }
    }
    for (macro_name, doc, list) in [
        ("for_each_type", "every generated type", &names),
        ("for_each_odata_type", "every generated type with an `@odata.type` (all but enums)", &odata_names),
    ] {
        writeln!(out, "/// Calls `$each!(Type)` for {doc}.\nmacro_rules! {macro_name} {{\n    ($each:ident) => {{")
            .unwrap();
        for name in list {
            writeln!(out, "        $each!({name});").unwrap();
        }
        out.push_str("    };\n}\n\n");
    }
    out
}

/// The conformance test's table: for each case, its entity type and every create path it reaches.
pub fn cases_table(model: &Model<'_>, corpus: &Corpus, header: &str) -> Result<String, String> {
    let mut source = format!(
        "{header}\n//! One entry per \"Create\" case of the docs corpus: the case's page, its typed entity,\n\
         //! the path of each of its create functions with parameters `p0`, `p1`, ..., and the docs'\n\
         //! paths that the schema does not contain, with the reason the generator found.\n\n\
         use msgraph_intune::*;\n\nuse super::Case;\n\npub fn cases() -> Vec<Case> {{\n    vec![\n"
    );
    for case in &corpus.cases {
        let full_name = format!("{}.{}", crate::model::MAIN_NAMESPACE, case.entity);
        if !model.selection.types.contains(&full_name) {
            return Err(format!(
                "the corpus case {} names `{}`, which the schema selection lacks",
                case.page, case.entity
            ));
        }
        let ident = model.ident(&full_name);
        let placement = model.placement(model.csdl.get(&full_name));
        let Some((primary, _)) = &placement.collection else {
            return Err(format!("the corpus case {} creates `{}`, which has no collection", case.page, case.entity));
        };
        let mut calls = Vec::new();
        let generated: Vec<String> =
            std::iter::once(primary.clone()).chain(placement.create_at.iter().map(|(_, path)| path.clone())).collect();
        // The docs' paths this entity is not created at, and why: the schema is the judge.
        let mut elsewhere = Vec::new();
        for path in &case.paths {
            if generated.contains(path) {
                continue;
            }
            match crate::select::containment_problem(model.csdl, path) {
                Ok(()) => return Err(format!("{}: `{path}` is a containment path, yet not generated", case.page)),
                Err(reason) => elsewhere.push(format!("(\"{path}\", \"{}\")", reason.replace('"', "'"))),
            }
        }
        for (name, path) in std::iter::once(("create".to_owned(), primary.clone())).chain(placement.create_at) {
            let parameters: Vec<String> = (0..path.matches('{').count()).map(|index| format!("\"p{index}\"")).collect();
            calls.push(if parameters.is_empty() {
                format!("{ident}::{name}().target_path().to_owned()")
            } else {
                format!(
                    "{ident}::{name}({}).expect(\"valid parameters\").target_path().to_owned()",
                    parameters.join(", ")
                )
            });
        }
        writeln!(
            source,
            "        Case::new::<{ident}>(\"{}\", || vec![{}], &[{}]),",
            case.page,
            calls.join(", "),
            elsewhere.join(", ")
        )
        .unwrap();
    }
    source.push_str("    ]\n}\n");
    Ok(source)
}
