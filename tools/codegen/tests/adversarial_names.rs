//! Valid but adversarial schemas compile: names that are Rust keywords (`type`, `self`,
//! `Self`, `crate`, `_`), names that collide once cased (`a_b`, `aB`, `AB`; `thing` and
//! `Thing`), names of other scripts (`naïve`, `größe`, `名前`), names the generated code
//! gives itself (`build`, `additionalProperties`, `unrecognized`), a base chain of 64 types
//! and contained navigation 20 deep. They are generated through `cli::generate` into one
//! scratch crate, which `cargo check` builds with every warning denied: one compile.

use std::fmt::Write as _;

use msgraph_codegen::cli::{self, Options};
use msgraph_codegen::csdl::Csdl;
use msgraph_codegen::select::Selector;

#[path = "support/scratch_crate.rs"]
mod scratch_crate;
use scratch_crate::{check_without_warnings, fresh_dir};

const KEYWORDS: &[&str] = &["type", "self", "Self", "crate", "super", "_", "__", "async", "dyn", "gen", "try", "r"];
const CASE_COLLISIONS: &[&str] = &["a_b", "aB", "AB", "ab", "Ab", "a__b", "_a", "a_"];
const OTHER_SCRIPTS: &[&str] = &["naïve", "größe", "名前", "Ωmega"];
const GENERATED_NAMES: &[&str] = &[
    "build",
    "additionalProperties",
    "unrecognized",
    "Unrecognized",
    "Unlisted",
    "key",
    "value",
    "patch",
    "parameters",
    "None",
    "Some",
    "Option",
    "String",
    "Vec",
    "Result",
];

/// Every adversarial name, once.
fn names() -> Vec<&'static str> {
    let mut names: Vec<&str> = [KEYWORDS, CASE_COLLISIONS, OTHER_SCRIPTS, GENERATED_NAMES].concat();
    names.dedup();
    names
}

fn document() -> String {
    let mut body = String::from(
        r#"<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
"#,
    );
    let members: String = names().iter().map(|name| format!(r#"<Member Name="{name}" />"#)).collect();
    let properties: String =
        names().iter().map(|name| format!(r#"<Property Name="{name}" Type="Edm.String" />"#)).collect();
    writeln!(body, r#"<ComplexType Name="shape">{properties}<Property Name="kind" Type="kinds.type" /><Property Name="flags" Type="Collection(kinds.flags)" /></ComplexType>"#).unwrap();
    writeln!(
        body,
        r#"<ComplexType Name="Shape" BaseType="graph.shape"><Property Name="more" Type="Edm.Int32" /></ComplexType>"#
    )
    .unwrap();
    writeln!(body, r#"<EntityType Name="thing" BaseType="graph.entity">{properties}<Property Name="shape" Type="graph.shape" /></EntityType>"#).unwrap();
    writeln!(
        body,
        r#"<EntityType Name="Thing" BaseType="graph.thing"><Property Name="Thing" Type="Edm.Int32" /></EntityType>"#
    )
    .unwrap();
    // A base chain of 64 types, each adding a property.
    for index in 0..63 {
        let base = if index == 0 { "entity".to_owned() } else { format!("chain{}", index - 1) };
        writeln!(body, r#"<EntityType Name="chain{index}" BaseType="graph.{base}"><Property Name="p{index}" Type="Edm.Int32" /></EntityType>"#).unwrap();
    }
    // Contained navigation 20 deep, each step named by an adversarial name.
    for index in 0..20 {
        let step = names()[index % names().len()];
        writeln!(
            body,
            r#"<EntityType Name="level{index}" BaseType="graph.entity"><NavigationProperty Name="{step}" Type="Collection(graph.level{})" ContainsTarget="true" /></EntityType>"#,
            index + 1
        )
        .unwrap();
    }
    writeln!(body, r#"<EntityType Name="level20" BaseType="graph.entity" />"#).unwrap();
    let mut root = String::from(r#"<EntityType Name="root" BaseType="graph.entity">"#);
    for (index, name) in names().iter().enumerate() {
        writeln!(body, r#"<EntityType Name="{name}" BaseType="graph.thing" />"#).unwrap();
        let many = if index % 2 == 0 { "Collection(graph.{name})" } else { "graph.{name}" }.replace("{name}", name);
        write!(root, r#"<NavigationProperty Name="{name}" Type="{many}" ContainsTarget="true" />"#).unwrap();
        // Operations with adversarial names and parameters, on the adversarial types.
        let parameters: String = names()
            .iter()
            .take(8)
            .map(|parameter| format!(r#"<Parameter Name="{parameter}" Type="Edm.String" />"#))
            .collect();
        writeln!(body, r#"<Action Name="{name}" IsBound="true"><Parameter Name="bindingParameter" Type="graph.{name}" />{parameters}</Action>"#).unwrap();
        writeln!(body, r#"<Function Name="{name}" IsBound="true"><Parameter Name="bindingParameter" Type="graph.{name}" /><Parameter Name="{name}" Type="graph.{name}" /><ReturnType Type="Collection(graph.shape)" /></Function>"#).unwrap();
    }
    root.push_str(r#"<NavigationProperty Name="levels" Type="Collection(graph.level0)" ContainsTarget="true" /><NavigationProperty Name="chain" Type="Collection(graph.chain62)" ContainsTarget="true" /><NavigationProperty Name="things" Type="Collection(graph.Thing)" ContainsTarget="true" /></EntityType>"#);
    body.push_str(&root);
    // Each adversarial name is also an enum (of every name), in a namespace of its own.
    let mut enums = String::new();
    for name in names() {
        writeln!(enums, r#"<EnumType Name="{name}">{members}</EnumType>"#).unwrap();
    }
    writeln!(enums, r#"<EnumType Name="flags" IsFlags="true">{members}</EnumType>"#).unwrap();
    let singletons: String =
        KEYWORDS.iter().map(|name| format!(r#"<Singleton Name="{name}" Type="graph.root" />"#)).collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{body}
      <EntityContainer Name="GraphService">{singletons}<EntitySet Name="things" EntityType="graph.Thing" /></EntityContainer>
    </Schema>
    <Schema Namespace="microsoft.graph.kinds" Alias="kinds" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{enums}
    </Schema>
    <Schema Namespace="microsoft.graph.type" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing" BaseType="graph.entity"><Property Name="type" Type="kinds.type" /></EntityType>
      <EntityType Name="Type" BaseType="graph.entity" />
    </Schema>
    <Schema Namespace="Self.crate" Alias="Self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="thing"><Property Name="self" Type="Self.thing" /></ComplexType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#
    )
}

#[test]
fn adversarial_but_valid_names_generate_a_crate_that_builds_without_warnings() {
    let crate_dir = fresh_dir("adversarial");
    let schema_dir = fresh_dir("adversarial-schema");
    std::fs::create_dir_all(&schema_dir).unwrap();
    let metadata = schema_dir.join("adversarial.csdl.xml");
    std::fs::write(&metadata, document()).unwrap();

    // The reader keeps every name as written.
    let csdl = Csdl::read_file(&metadata).unwrap();
    for name in names() {
        assert!(csdl.types.contains_key(&format!("microsoft.graph.{name}")), "{name}");
    }
    assert_eq!(csdl.chain("microsoft.graph.chain62").len(), 64);

    // Everything: every root, and every declared type.
    let mut selectors: Vec<Selector> = csdl.singletons.iter().map(|root| Selector::Root(root.name.clone())).collect();
    selectors.extend(csdl.types.keys().map(|name| Selector::Type(name.clone())));
    let options = Options { selectors, ..Options::new(&metadata, &crate_dir) };
    let summary = cli::generate(&options).unwrap_or_else(|message| panic!("not generated: {message}"));
    assert_eq!(summary.types, csdl.types.len(), "{summary}");

    if let Err(problem) = check_without_warnings(&crate_dir) {
        panic!("the adversarial crate {problem}");
    }
}
