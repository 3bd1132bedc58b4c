//! Times reading and selecting large generated schemas, to check that both stay linear:
//!
//! ```sh
//! cargo run --release -p msgraph-codegen --example read_at_scale -- 200000
//! ```
//!
//! Shapes, each with the given number of types: `flat` (entity types with an enum, a complex
//! and a back-navigation property, all contained under one singleton), `chains` (base
//! chains of 60), `derived` (one complex base and its derived types, each referring to
//! the base), `inheritance` (one base chain of that many types: refused past 64).

use std::fmt::Write as _;
use std::time::Instant;

use msgraph_codegen::csdl::Csdl;
use msgraph_codegen::select::Selection;

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>
<EnumType Name="state"><Member Name="on" /><Member Name="off" /></EnumType>
<ComplexType Name="address"><Property Name="city" Type="Edm.String" /></ComplexType>
"#;
const TAIL: &str = r#"<EntityContainer Name="c"><Singleton Name="root" Type="graph.root" /></EntityContainer>
</Schema>
</edmx:DataServices>
</edmx:Edmx>
"#;

fn document(shape: &str, count: usize) -> String {
    let mut text = String::from(HEAD);
    let mut root = String::from(r#"<EntityType Name="root" BaseType="graph.entity">"#);
    for i in 0..count {
        match shape {
            "flat" => {
                writeln!(
                    text,
                    r#"<EntityType Name="t{i}" BaseType="graph.entity"><Property Name="state" Type="graph.state" /><Property Name="home" Type="graph.address" /><NavigationProperty Name="back" Type="graph.root" ContainsTarget="true" /></EntityType>"#
                )
                .unwrap();
                write!(
                    root,
                    r#"<NavigationProperty Name="t{i}" Type="Collection(graph.t{i})" ContainsTarget="true" />"#
                )
                .unwrap();
            }
            "chains" => {
                let base = if i % 60 == 0 { "entity".to_owned() } else { format!("t{}", i - 1) };
                writeln!(text, r#"<EntityType Name="t{i}" BaseType="graph.{base}"><Property Name="p{i}" Type="Edm.String" /></EntityType>"#)
                    .unwrap();
                if i % 60 == 59 {
                    write!(root, r#"<NavigationProperty Name="t{i}" Type="graph.t{i}" ContainsTarget="true" />"#)
                        .unwrap();
                }
            }
            "derived" => {
                writeln!(text, r#"<ComplexType Name="d{i}" BaseType="graph.address"><Property Name="next" Type="graph.address" /></ComplexType>"#)
                    .unwrap();
            }
            "inheritance" => {
                let base = if i == 0 { "entity".to_owned() } else { format!("t{}", i - 1) };
                writeln!(text, r#"<EntityType Name="t{i}" BaseType="graph.{base}" />"#).unwrap();
            }
            other => panic!("unknown shape `{other}`: flat, chains, derived or inheritance"),
        }
    }
    if shape == "derived" {
        root.push_str(r#"<Property Name="home" Type="graph.address" />"#);
    }
    root.push_str("</EntityType>\n");
    text.push_str(&root);
    text.push_str(TAIL);
    text
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map_or(200_000, |count| count.parse().expect("a number of types"));
    let shapes: Vec<String> = args.collect();
    let shapes = if shapes.is_empty() {
        vec!["flat".into(), "chains".into(), "derived".into(), "inheritance".into()]
    } else {
        shapes
    };
    for shape in &shapes {
        let text = document(shape, count);
        let started = Instant::now();
        let read = Csdl::parse("scale.xml", &text);
        let read_time = started.elapsed();
        let outcome = match &read {
            Ok(csdl) => {
                let started = Instant::now();
                let selection = Selection::new(csdl, &[]);
                let select_time = started.elapsed();
                match selection {
                    Ok(selection) => format!(
                        "select {:.3} s: {} types, {} paths",
                        select_time.as_secs_f64(),
                        selection.types.len(),
                        selection.paths.values().map(Vec::len).sum::<usize>()
                    ),
                    Err(error) => format!("select {:.3} s: {error}", select_time.as_secs_f64()),
                }
            }
            Err(error) => error.to_string(),
        };
        println!(
            "{shape}, {count} types, {:.1} MB: read {:.3} s; {outcome}",
            text.len() as f64 / 1e6,
            read_time.as_secs_f64()
        );
    }
}
