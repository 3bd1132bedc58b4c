//! The documents the campaign starts from: small hand-made ones that use every feature the
//! reader knows, and generated ones that are huge, deep or explosive by construction.

use std::fmt::Write as _;

use crate::mutate::Rng;

const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// A document of one `microsoft.graph` schema (alias `graph`) holding `body`.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="{EDMX}">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="{EDM}">
{body}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#
    )
}

const ENTITY: &str = r#"      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>"#;

/// Hand-made documents, each valid, together using what the reader supports.
pub fn small_documents() -> Vec<(&'static str, String)> {
    let devices = format!(
        r#"{ENTITY}
      <EnumType Name="state"><Member Name="on" Value="0" /><Member Name="off" Value="1" /></EnumType>
      <EnumType Name="features" IsFlags="true" UnderlyingType="Edm.Int32"><Member Name="none" Value="0" /><Member Name="camera" Value="1" /><Member Name="nfc" Value="2" /></EnumType>
      <ComplexType Name="shape" Abstract="true"><Property Name="label" Type="Edm.String" /></ComplexType>
      <ComplexType Name="circle" BaseType="graph.shape"><Property Name="radius" Type="Edm.Double" /></ComplexType>
      <ComplexType Name="Json" />
      <EntityType Name="device" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="state" Type="graph.state" Nullable="false" />
        <Property Name="features" Type="graph.features" />
        <Property Name="outline" Type="graph.shape" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <Property Name="seen" Type="Edm.DateTimeOffset" />
        <Property Name="extra" Type="graph.Json" />
        <NavigationProperty Name="parts" Type="Collection(graph.part)" ContainsTarget="true" />
        <NavigationProperty Name="owner" Type="graph.user" />
      </EntityType>
      <EntityType Name="phone" BaseType="graph.device"><Property Name="number" Type="Edm.String" /><NavigationProperty Name="apps" Type="Collection(graph.app)" ContainsTarget="true" /></EntityType>
      <EntityType Name="part" BaseType="graph.entity"><Property Name="weight" Type="Edm.Int32" /><NavigationProperty Name="subparts" Type="Collection(graph.part)" ContainsTarget="true" /></EntityType>
      <EntityType Name="app" BaseType="graph.entity"><Property Name="version" Type="Edm.Int64" /><Property Name="size" Type="Edm.Decimal" /></EntityType>
      <EntityType Name="user" BaseType="graph.entity" />
      <EntityType Name="management" BaseType="graph.entity">
        <NavigationProperty Name="devices" Type="Collection(graph.device)" ContainsTarget="true" />
        <NavigationProperty Name="settings" Type="graph.setting" ContainsTarget="true" />
        <NavigationProperty Name="alertRules" Type="Collection(microsoft.graph.monitoring.alertRule)" ContainsTarget="true" />
      </EntityType>
      <EntityType Name="setting" BaseType="graph.entity"><Property Name="enabled" Type="Edm.Boolean" /><Property Name="period" Type="Edm.Duration" /></EntityType>
      <Action Name="wipe" IsBound="true"><Parameter Name="bindingParameter" Type="graph.device" /><Parameter Name="keepData" Type="Edm.Boolean" /></Action>
      <Action Name="syncAll" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(graph.device)" /></Action>
      <Function Name="report" IsBound="true"><Parameter Name="bindingParameter" Type="graph.management" /><Parameter Name="since" Type="Edm.Date"><Annotation Term="Org.OData.Core.V1.OptionalParameter" /></Parameter><ReturnType Type="Collection(graph.shape)" /></Function>
      <Function Name="partCount" IsBound="true"><Parameter Name="bindingParameter" Type="graph.device" /><ReturnType Type="Edm.Int32" /></Function>
      <Action Name="export" IsBound="true"><Parameter Name="bindingParameter" Type="graph.management" /><ReturnType Type="Edm.Stream" /></Action>
      <EntityContainer Name="GraphService">
        <Singleton Name="management" Type="microsoft.graph.management" />
        <EntitySet Name="users" EntityType="microsoft.graph.user" />
      </EntityContainer>
      <Annotations Target="microsoft.graph.device/seen"><Annotation Term="Core.Computed" Bool="true" /></Annotations>
    </Schema>
    <Schema Namespace="microsoft.graph.monitoring" xmlns="{EDM}">
      <EntityType Name="alertRule" BaseType="graph.entity"><Property Name="severity" Type="graph.state" /></EntityType>"#
    );
    let catalog = format!(
        r#"{ENTITY}
      <ComplexType Name="money" OpenType="true"><Property Name="amount" Type="Edm.Decimal" /><Property Name="currency" Type="Edm.String" /></ComplexType>
      <EntityType Name="item" BaseType="graph.entity" OpenType="true"><Property Name="price" Type="graph.money" /><Property Name="photo" Type="Edm.Binary" /><Property Name="uid" Type="Edm.Guid" /><Property Name="opens" Type="Edm.TimeOfDay" /></EntityType>
      <EntityType Name="book" BaseType="graph.item"><Property Name="pages" Type="Edm.Int16" /><Property Name="rating" Type="Edm.Single" /><Property Name="flag" Type="Edm.Byte" /><Property Name="delta" Type="Edm.SByte" /></EntityType>
      <EntityType Name="ebook" BaseType="graph.book"><Property Name="format" Type="Edm.String" /></EntityType>
      <EntityType Name="signedEbook" BaseType="graph.ebook"><Property Name="signature" Type="Edm.String" /></EntityType>
      <EntityType Name="line"><Key><PropertyRef Name="order" /><PropertyRef Name="position" /></Key><Property Name="order" Type="Edm.String" Nullable="false" /><Property Name="position" Type="Edm.Int32" Nullable="false" /></EntityType>
      <EntityType Name="shop" BaseType="graph.entity">
        <NavigationProperty Name="items" Type="Collection(graph.item)" ContainsTarget="true" />
        <NavigationProperty Name="featured" Type="graph.book" ContainsTarget="true" />
        <NavigationProperty Name="lines" Type="Collection(graph.line)" ContainsTarget="true" />
      </EntityType>
      <Function Name="cheapest" IsBound="true"><Parameter Name="bindingParameter" Type="Collection(graph.item)" /><Parameter Name="limit" Type="graph.money" /><ReturnType Type="graph.item" /></Function>
      <Action Name="restock" IsBound="true"><Parameter Name="bindingParameter" Type="graph.book" /><Parameter Name="count" Type="Edm.Int32" Nullable="false" /><Parameter Name="note" Type="Edm.Untyped" /></Action>
      <Action Name="restock" IsBound="true"><Parameter Name="bindingParameter" Type="graph.ebook" /><Parameter Name="copies" Type="Collection(Edm.String)" /></Action>
      <EntityContainer Name="GraphService">
        <Singleton Name="shop" Type="graph.shop" />
        <EntitySet Name="books" EntityType="graph.book" />
      </EntityContainer>"#
    );
    vec![("the devices document", document(&devices)), ("the catalog document", document(&catalog))]
}

/// Adversarial names the reader accepts and the generator can write today, given to types
/// and members consistently (so the document stays valid): names that collide once cased,
/// other scripts, names of the prelude and of the generated code. Rust keywords are left to
/// `tests/adversarial_names.rs`: today's emitter writes them unescaped (`pub struct Self`),
/// which fails at rustfmt with a message that names no place.
pub const CONSISTENT_RENAMES: &[&str] = &[
    "a_b",
    "aB",
    "AB",
    "ab",
    "Ab",
    "a__b",
    "_a",
    "a_",
    "__",
    "r",
    "naïve",
    "Straße",
    "名前",
    "Ωmega",
    "None",
    "Some",
    "Option",
    "String",
    "Vec",
    "Result",
    "std",
    "core",
    "serde",
    "id",
    "key",
    "value",
    "patch",
    "parameters",
    "create",
    "get",
    "list",
    "update",
    "delete",
    "build",
    "additionalProperties",
    "unrecognized",
    "Unrecognized",
    "Unlisted",
    "union",
    "macro_rules",
];

/// Adversarial names the reader accepts: keywords, names that collide once cased, scripts.
pub const VALID_ADVERSARIAL_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "__",
    "a_b",
    "aB",
    "AB",
    "ab",
    "Ab",
    "a__b",
    "_a",
    "a_",
    "naïve",
    "Straße",
    "名前",
    "None",
    "Some",
    "Option",
    "String",
    "Vec",
    "Result",
    "Box",
    "std",
    "core",
    "serde",
    "id",
    "key",
    "value",
    "patch",
    "parameters",
    "create",
    "get",
    "list",
    "update",
    "delete",
    "build",
    "additionalProperties",
    "unrecognized",
    "Unrecognized",
    "Unlisted",
    "async",
    "await",
    "dyn",
    "gen",
    "try",
    "union",
    "macro_rules",
    "r#type",
];

/// A generated document that is huge, deep or explosive: its description and text.
pub fn generated(rng: &mut Rng, release: bool) -> (String, String) {
    let entity = ENTITY;
    let root = |body: &str, root_type: &str| {
        document(&format!(
            "{entity}\n{body}\n<EntityContainer Name=\"c\"><Singleton Name=\"root\" Type=\"graph.{root_type}\" /></EntityContainer>"
        ))
    };
    match rng.below(8) {
        0 => {
            let length = if rng.chance(10) { 10_000 } else { 1 + rng.below(90) };
            let mut body = String::new();
            for i in 0..length {
                let base = if i == 0 { "entity".to_owned() } else { format!("t{}", i - 1) };
                writeln!(body, r#"<EntityType Name="t{i}" BaseType="graph.{base}"><Property Name="p{i}" Type="Edm.Int32" /></EntityType>"#).unwrap();
            }
            (format!("a base chain of {length} types"), root(&body, &format!("t{}", length - 1)))
        }
        1 => {
            let depth = if rng.chance(10) { 100_000 } else { 1 + rng.below(100) };
            let body = format!(
                "<Annotation Term=\"Core.Description\">{}{}</Annotation>\n<EntityType Name=\"thing\" BaseType=\"graph.entity\" />",
                "<Record>".repeat(depth),
                "</Record>".repeat(depth)
            );
            (format!("annotation records nested {depth} deep"), root(&body, "thing"))
        }
        2 => {
            let count = 1 + rng.below(if release { 4_000 } else { 600 });
            let mut body = String::from(r#"<EntityType Name="hub" BaseType="graph.entity">"#);
            for i in 0..count {
                write!(
                    body,
                    r#"<NavigationProperty Name="n{i}" Type="Collection(graph.t{i})" ContainsTarget="true" />"#
                )
                .unwrap();
            }
            body.push_str("</EntityType>\n");
            for i in 0..count {
                writeln!(body, r#"<EntityType Name="t{i}" BaseType="graph.entity"><NavigationProperty Name="back" Type="graph.hub" ContainsTarget="true" /></EntityType>"#).unwrap();
            }
            (format!("{count} entity types under one singleton"), root(&body, "hub"))
        }
        3 => {
            let depth = 1 + rng.below(10);
            let mut body = String::new();
            for i in 0..depth {
                writeln!(
                    body,
                    r#"<EntityType Name="n{i}" BaseType="graph.entity"><NavigationProperty Name="left" Type="Collection(graph.n{next})" ContainsTarget="true" /><NavigationProperty Name="right" Type="graph.n{next}" ContainsTarget="true" /></EntityType>"#,
                    next = i + 1
                )
                .unwrap();
            }
            writeln!(body, r#"<EntityType Name="n{depth}" BaseType="graph.entity" />"#).unwrap();
            (format!("a URL tree doubling for {depth} levels"), root(&body, "n0"))
        }
        4 => {
            let depth = 1 + rng.below(100);
            let mut body = String::new();
            for i in 0..depth {
                writeln!(body, r#"<EntityType Name="n{i}" BaseType="graph.entity"><NavigationProperty Name="next" Type="graph.n{}" ContainsTarget="true" /></EntityType>"#, i + 1).unwrap();
            }
            writeln!(body, r#"<EntityType Name="n{depth}" BaseType="graph.entity" />"#).unwrap();
            (format!("contained navigation {depth} deep"), root(&body, "n0"))
        }
        5 => {
            let size = 1 + rng.below(if release { 8 << 20 } else { 1 << 20 });
            let name = "n".repeat(size);
            let place = rng.below(3);
            let body = match place {
                0 => format!(r#"<EntityType Name="{name}" />"#),
                1 => format!(
                    r#"<EntityType Name="t" BaseType="graph.entity"><Property Name="p" Type="graph.{name}" /></EntityType>"#
                ),
                _ => format!(
                    r#"<EntityType Name="t" BaseType="graph.entity" /><Annotations Target="{name}"><Annotation Term="Core.Description" String="{name}" /></Annotations>"#
                ),
            };
            (format!("a {size}-byte attribute value (place {place})"), root(&body, "entity"))
        }
        6 if release => {
            let tags = 2_000_001 + rng.below(1_000);
            let body = "<Annotation Term=\"Core.Description\" String=\"x\" />\n".repeat(tags);
            (format!("{tags} annotations"), root(&body, "entity"))
        }
        7 if release && rng.chance(20) => {
            let filler = "x".repeat(64 << 20);
            let body = format!("<Annotation Term=\"Core.Description\" String=\"{filler}\" />");
            ("a document past 64 MiB".to_owned(), root(&body, "entity"))
        }
        _ => {
            let count = 1 + rng.below(50);
            let mut body = String::new();
            for i in 0..count {
                writeln!(body, r#"<Action Name="a{i}" IsBound="true"><Parameter Name="b" Type="graph.t{i}" /><ReturnType Type="graph.t{}" /></Action><EntityType Name="t{i}" BaseType="graph.entity" />"#, (i + 1) % count).unwrap();
            }
            (format!("{count} operations each returning the next type"), root(&body, "t0"))
        }
    }
}
