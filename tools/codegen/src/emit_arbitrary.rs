//! Test support: an `Arbitrary` impl for every generated type, and a list of
//! them, so the hostile-input tests cover each type without a hand-written
//! strategy per type. Written to `tests/generated/deviceconfig_arbitrary.rs`.

use std::fmt::Write as _;

use crate::corpus::Kind;
use crate::emit::{HEADER, UNLISTED};
use crate::model::Model;
use crate::names::{field, type_ident};

pub fn arbitrary_impls(model: &Model<'_>) -> String {
    let mut out = format!(
        "{HEADER}\n//! `Arbitrary` for every deviceconfig type, and `for_each_type!`, which calls a macro\n\
         //! with each of them. Values are built field by field from a seeded generator.\n\n\
         use msgraph_entity::AdditionalProperties;\nuse msgraph_intune::deviceconfig::*;\n\n\
         use super::arbitrary::{{Arbitrary, Gen}};\n\n"
    );
    let mut names = Vec::new();
    let mut odata_names = Vec::new();
    for ty in model.corpus.types.values() {
        let ident = type_ident(&ty.name);
        names.push(ident.clone());
        if ty.kind != Kind::Enum {
            odata_names.push(ident.clone());
        }
        match ty.kind {
            Kind::Enum => {
                writeln!(out, "impl Arbitrary for {ident} {{\n    fn arbitrary(g: &mut Gen) -> Self {{\n        g.member()\n    }}\n}}\n")
                    .unwrap();
            }
            Kind::Entity | Kind::Complex => {
                let g = if ty.properties.is_empty() { "_" } else { "g" };
                writeln!(
                    out,
                    "impl Arbitrary for {ident} {{\n    fn arbitrary({g}: &mut Gen) -> Self {{\n        {ident} {{"
                )
                .unwrap();
                for property in &ty.properties {
                    let (member, _) = field(&property.name);
                    writeln!(out, "            {member}: g.option(),").unwrap();
                }
                writeln!(
                    out,
                    "            additional_properties: AdditionalProperties::new(),\n        }}\n    }}\n}}\n"
                )
                .unwrap();
                if model.has_derived(&ty.name) {
                    names.push(format!("Any{ident}"));
                    odata_names.push(format!("Any{ident}"));
                    let variants: Vec<String> = std::iter::once(ident.clone())
                        .chain(model.all_derived(&ty.name).into_iter().map(type_ident))
                        .collect();
                    writeln!(out, "impl Arbitrary for Any{ident} {{\n    fn arbitrary(g: &mut Gen) -> Self {{")
                        .unwrap();
                    writeln!(out, "        match g.below({}) {{", variants.len() + 1).unwrap();
                    for (index, variant) in variants.iter().enumerate() {
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
        ("for_each_type", "every deviceconfig type", &names),
        ("for_each_odata_type", "every deviceconfig type with an `@odata.type` (all but enums)", &odata_names),
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
