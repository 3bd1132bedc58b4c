//! Reads an OData CSDL 4.0 document (`$metadata`) into the model the generator works on.
//!
//! Every reference is resolved here, through schema aliases (`graph.x` →
//! `microsoft.graph.x`) and vocabulary aliases (`Core.Computed`); a document
//! that names a type it does not declare, or uses what this reader does not
//! support, is an error naming the file, the line and the element.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use roxmltree::{Document, Node};

const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";
const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const CORE: &str = "Org.OData.Core.V1";

/// Where a problem is, and what it is.
#[derive(Debug)]
pub struct CsdlError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub element: String,
    pub message: String,
}

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.element.is_empty() {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        } else {
            write!(f, "{}:{}:{}: <{}>: {}", self.file, self.line, self.column, self.element, self.message)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

/// A type reference: `Edm.String`, `microsoft.graph.x` (full name), or a collection of one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeRef {
    pub name: String,
    pub collection: bool,
}

impl TypeRef {
    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

#[derive(Debug, Clone)]
pub struct Property {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    /// `Org.OData.Core.V1.Computed`: set by the service only.
    pub computed: bool,
}

#[derive(Debug, Clone)]
pub struct Navigation {
    pub name: String,
    pub ty: TypeRef,
    pub contains_target: bool,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    /// `microsoft.graph.ndesConnector`.
    pub full_name: String,
    /// `ndesConnector`.
    pub name: String,
    pub namespace: String,
    pub kind: Kind,
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    /// The key property names, declared here (a derived type inherits its base's).
    pub key: Vec<String>,
    pub properties: Vec<Property>,
    pub navigation: Vec<Navigation>,
    pub members: Vec<Member>,
    pub flags: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OperationKind {
    Action,
    Function,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    /// `Org.OData.Core.V1.OptionalParameter`.
    pub optional: bool,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub kind: OperationKind,
    pub name: String,
    pub namespace: String,
    /// The binding parameter's type, for a bound operation.
    pub binding: Option<TypeRef>,
    /// The other parameters, in order.
    pub parameters: Vec<Parameter>,
    pub return_type: Option<TypeRef>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Singleton {
    pub name: String,
    pub ty: String,
}

#[derive(Debug, Clone)]
pub struct EntitySet {
    pub name: String,
    pub ty: String,
}

/// A whole `$metadata` document, resolved.
#[derive(Debug, Default)]
pub struct Csdl {
    pub types: BTreeMap<String, TypeDef>,
    pub operations: Vec<Operation>,
    pub singletons: Vec<Singleton>,
    pub entity_sets: Vec<EntitySet>,
    /// Type → the types that name it as their base.
    pub children: BTreeMap<String, Vec<String>>,
}

/// The primitive types this reader knows; any other `Edm.` name is an error.
pub const PRIMITIVES: &[&str] = &[
    "Edm.String",
    "Edm.Boolean",
    "Edm.Byte",
    "Edm.SByte",
    "Edm.Int16",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Single",
    "Edm.Double",
    "Edm.Decimal",
    "Edm.Date",
    "Edm.TimeOfDay",
    "Edm.Duration",
    "Edm.DateTimeOffset",
    "Edm.Guid",
    "Edm.Binary",
    "Edm.Stream",
    "Edm.Untyped",
];

struct Reader<'a, 'input> {
    file: &'a str,
    doc: &'a Document<'input>,
    /// Alias → namespace, for schemas and included vocabularies.
    aliases: BTreeMap<String, String>,
}

impl Reader<'_, '_> {
    fn error(&self, node: Node<'_, '_>, message: impl Into<String>) -> CsdlError {
        let position = self.doc.text_pos_at(node.range().start);
        let element = if node.is_element() { node.tag_name().name().to_owned() } else { String::new() };
        CsdlError {
            file: self.file.to_owned(),
            line: position.row,
            column: position.col,
            element,
            message: message.into(),
        }
    }

    fn attribute<'n>(&self, node: Node<'n, '_>, name: &str) -> Result<&'n str, CsdlError> {
        node.attribute(name).ok_or_else(|| self.error(node, format!("the `{name}` attribute is missing")))
    }

    /// `graph.x` → `microsoft.graph.x`; a name without a known alias stays as it is.
    fn qualify(&self, name: &str) -> String {
        match name.rsplit_once('.') {
            Some((prefix, rest)) => match self.aliases.get(prefix) {
                Some(namespace) => format!("{namespace}.{rest}"),
                None => name.to_owned(),
            },
            None => name.to_owned(),
        }
    }

    fn type_ref(&self, node: Node<'_, '_>, text: &str) -> Result<TypeRef, CsdlError> {
        let (inner, collection) = match text.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            Some(inner) => (inner, true),
            None => (text, false),
        };
        if inner.is_empty() || inner.contains(['(', ')', ' ']) {
            return Err(self.error(node, format!("`{text}` is not a type reference")));
        }
        let name = self.qualify(inner);
        if name.starts_with("Edm.") && !PRIMITIVES.contains(&name.as_str()) {
            return Err(self.error(node, format!("unsupported primitive type `{name}`")));
        }
        Ok(TypeRef { name, collection })
    }

    fn bool_attribute(&self, node: Node<'_, '_>, name: &str, default: bool) -> Result<bool, CsdlError> {
        match node.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(self.error(node, format!("`{name}` is `{other}`, expected `true` or `false`"))),
        }
    }

    /// Whether an `<Annotation>` child (or `Annotations` target entry) sets the Core term `term`.
    fn has_core_term(&self, node: Node<'_, '_>, term: &str) -> bool {
        node.children().filter(|child| is(*child, EDM, "Annotation")).any(|annotation| {
            let named = annotation.attribute("Term").map(|text| self.qualify(text));
            named.as_deref() == Some(&format!("{CORE}.{term}")) && annotation.attribute("Bool") != Some("false")
        })
    }
}

fn is(node: Node<'_, '_>, namespace: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(namespace)
}

fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    namespace: &'static str,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |child| is(*child, namespace, name))
}

impl Csdl {
    pub fn read_file(path: &Path) -> Result<Csdl, String> {
        let text = std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
        Csdl::parse(&path.display().to_string(), &text).map_err(|error| error.to_string())
    }

    pub fn parse(file: &str, text: &str) -> Result<Csdl, CsdlError> {
        let doc = Document::parse_with_options(
            text,
            roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: u32::MAX, ..Default::default() },
        )
        .map_err(|error| {
            let position = error.pos();
            CsdlError {
                file: file.to_owned(),
                line: position.row,
                column: position.col,
                element: String::new(),
                message: format!("not well-formed XML: {error}"),
            }
        })?;
        let root = doc.root_element();
        let mut reader = Reader { file, doc: &doc, aliases: BTreeMap::new() };
        if !is(root, EDMX, "Edmx") {
            return Err(reader.error(root, "the root element is not edmx:Edmx (an OData CSDL 4.0 document)"));
        }
        let data_services = children(root, EDMX, "DataServices")
            .next()
            .ok_or_else(|| reader.error(root, "no edmx:DataServices element"))?;
        for reference in children(root, EDMX, "Reference") {
            for include in children(reference, EDMX, "Include") {
                if let (Some(namespace), Some(alias)) = (include.attribute("Namespace"), include.attribute("Alias")) {
                    reader.aliases.insert(alias.to_owned(), namespace.to_owned());
                }
            }
        }
        let schemas: Vec<Node<'_, '_>> = children(data_services, EDM, "Schema").collect();
        if schemas.is_empty() {
            return Err(reader.error(data_services, "no Schema element"));
        }
        for schema in &schemas {
            let namespace = reader.attribute(*schema, "Namespace")?;
            if let Some(alias) = schema.attribute("Alias") {
                reader.aliases.insert(alias.to_owned(), namespace.to_owned());
            }
        }
        // Vocabulary terms are written with their full namespace when no alias is given.
        reader.aliases.entry("Core".to_owned()).or_insert_with(|| CORE.to_owned());

        let mut csdl = Csdl::default();
        let mut computed: BTreeSet<(String, String)> = BTreeSet::new();
        let mut type_nodes: Vec<(String, Node<'_, '_>)> = Vec::new();
        for schema in &schemas {
            let namespace = reader.attribute(*schema, "Namespace")?.to_owned();
            for node in schema.children().filter(Node::is_element) {
                match node.tag_name().name() {
                    "EntityType" | "ComplexType" | "EnumType" => {
                        let ty = reader.read_type(node, &namespace)?;
                        type_nodes.push((ty.full_name.clone(), node));
                        if let Some(previous) = csdl.types.insert(ty.full_name.clone(), ty) {
                            return Err(reader.error(node, format!("`{}` is declared twice", previous.full_name)));
                        }
                    }
                    "Action" | "Function" => csdl.operations.push(reader.read_operation(node, &namespace)?),
                    "EntityContainer" => reader.read_container(node, &mut csdl)?,
                    "Annotations" => {
                        let target = reader.attribute(node, "Target")?;
                        if reader.has_core_term(node, "Computed")
                            && let Some((ty, property)) = target.split_once('/')
                        {
                            computed.insert((reader.qualify(ty), property.to_owned()));
                        }
                    }
                    // Terms, type definitions and the like do not shape the models.
                    "Term" | "TypeDefinition" | "Annotation" => {}
                    other => return Err(reader.error(node, format!("unsupported schema element `{other}`"))),
                }
            }
        }
        for ty in csdl.types.values_mut() {
            for property in &mut ty.properties {
                if computed.contains(&(ty.full_name.clone(), property.name.clone())) {
                    property.computed = true;
                }
            }
        }
        csdl.check_references(&reader, &type_nodes)?;
        for ty in csdl.types.values() {
            if let Some(base) = &ty.base {
                csdl.children.entry(base.clone()).or_default().push(ty.full_name.clone());
            }
        }
        Ok(csdl)
    }

    /// Every type named anywhere is declared (or a known primitive), bases are entity or
    /// complex types of the same kind, and no base chain loops.
    fn check_references(
        &self,
        reader: &Reader<'_, '_>,
        type_nodes: &[(String, Node<'_, '_>)],
    ) -> Result<(), CsdlError> {
        let node_of = |name: &str| type_nodes.iter().find(|(full, _)| full == name).map(|(_, node)| *node);
        for ty in self.types.values() {
            let node = node_of(&ty.full_name).expect("every type has its node");
            let mut references: Vec<&TypeRef> = ty.properties.iter().map(|property| &property.ty).collect();
            references.extend(ty.navigation.iter().map(|navigation| &navigation.ty));
            for reference in references {
                if !reference.is_primitive() && !self.types.contains_key(&reference.name) {
                    return Err(
                        reader.error(node, format!("`{}` names the undeclared type `{}`", ty.name, reference.name))
                    );
                }
            }
            let mut seen = BTreeSet::new();
            let mut current = ty;
            while let Some(base) = &current.base {
                let Some(next) = self.types.get(base) else {
                    return Err(
                        reader.error(node, format!("`{}` derives from the undeclared type `{base}`", current.name))
                    );
                };
                if next.kind != current.kind {
                    return Err(
                        reader.error(node, format!("`{}` derives from `{base}`, a type of another kind", current.name))
                    );
                }
                if !seen.insert(base.clone()) {
                    return Err(reader.error(node, format!("the base types of `{}` form a loop", ty.name)));
                }
                current = next;
            }
        }
        for operation in &self.operations {
            let references = operation.binding.iter().chain(operation.parameters.iter().map(|parameter| &parameter.ty));
            for reference in references.chain(operation.return_type.iter()) {
                if !reference.is_primitive() && !self.types.contains_key(&reference.name) {
                    return Err(CsdlError {
                        file: reader.file.to_owned(),
                        line: operation.line,
                        column: 1,
                        element: format!("{:?}", operation.kind),
                        message: format!("`{}` names the undeclared type `{}`", operation.name, reference.name),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> &TypeDef {
        self.types.get(name).unwrap_or_else(|| panic!("checked when read: `{name}` is declared"))
    }

    /// The type and its base types, the type first.
    pub fn chain<'a>(&'a self, name: &str) -> Vec<&'a TypeDef> {
        let mut chain = vec![self.get(name)];
        while let Some(base) = &chain.last().expect("not empty").base {
            chain.push(self.get(base));
        }
        chain
    }

    /// The key property names of an entity type: its own, or its nearest base's.
    pub fn key_of(&self, name: &str) -> Vec<String> {
        self.chain(name).into_iter().find(|ty| !ty.key.is_empty()).map(|ty| ty.key.clone()).unwrap_or_default()
    }
}

impl Reader<'_, '_> {
    fn read_type(&self, node: Node<'_, '_>, namespace: &str) -> Result<TypeDef, CsdlError> {
        let name = self.attribute(node, "Name")?.to_owned();
        let kind = match node.tag_name().name() {
            "EntityType" => Kind::Entity,
            "ComplexType" => Kind::Complex,
            _ => Kind::Enum,
        };
        let mut ty = TypeDef {
            full_name: format!("{namespace}.{name}"),
            name,
            namespace: namespace.to_owned(),
            kind,
            base: node.attribute("BaseType").map(|base| self.qualify(base)),
            is_abstract: self.bool_attribute(node, "Abstract", false)?,
            open: self.bool_attribute(node, "OpenType", false)?,
            key: Vec::new(),
            properties: Vec::new(),
            navigation: Vec::new(),
            members: Vec::new(),
            flags: self.bool_attribute(node, "IsFlags", false)?,
        };
        for child in node.children().filter(Node::is_element) {
            match (kind, child.tag_name().name()) {
                (Kind::Enum, "Member") => ty.members.push(Member { name: self.attribute(child, "Name")?.to_owned() }),
                (Kind::Entity, "Key") => {
                    for reference in children(child, EDM, "PropertyRef") {
                        ty.key.push(self.attribute(reference, "Name")?.to_owned());
                    }
                }
                (Kind::Entity | Kind::Complex, "Property") => ty.properties.push(Property {
                    name: self.attribute(child, "Name")?.to_owned(),
                    ty: self.type_ref(child, self.attribute(child, "Type")?)?,
                    nullable: self.bool_attribute(child, "Nullable", true)?,
                    computed: self.has_core_term(child, "Computed"),
                }),
                (Kind::Entity | Kind::Complex, "NavigationProperty") => ty.navigation.push(Navigation {
                    name: self.attribute(child, "Name")?.to_owned(),
                    ty: self.type_ref(child, self.attribute(child, "Type")?)?,
                    contains_target: self.bool_attribute(child, "ContainsTarget", false)?,
                }),
                (_, "Annotation") => {}
                (_, other) => {
                    return Err(self.error(child, format!("unsupported element `{other}` in `{}`", ty.name)));
                }
            }
        }
        let mut names = BTreeSet::new();
        for name in ty.properties.iter().map(|p| &p.name).chain(ty.navigation.iter().map(|n| &n.name)) {
            if !names.insert(name) {
                return Err(self.error(node, format!("`{}` declares the property `{name}` twice", ty.name)));
            }
        }
        Ok(ty)
    }

    fn read_operation(&self, node: Node<'_, '_>, namespace: &str) -> Result<Operation, CsdlError> {
        let kind = if node.tag_name().name() == "Action" { OperationKind::Action } else { OperationKind::Function };
        let bound = self.bool_attribute(node, "IsBound", false)?;
        let mut parameters = Vec::new();
        let mut return_type = None;
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "Parameter" => parameters.push(Parameter {
                    name: self.attribute(child, "Name")?.to_owned(),
                    ty: self.type_ref(child, self.attribute(child, "Type")?)?,
                    nullable: self.bool_attribute(child, "Nullable", true)?,
                    optional: self.has_core_term(child, "OptionalParameter"),
                }),
                "ReturnType" => return_type = Some(self.type_ref(child, self.attribute(child, "Type")?)?),
                "Annotation" => {}
                other => return Err(self.error(child, format!("unsupported element `{other}` in an operation"))),
            }
        }
        let binding = if bound {
            if parameters.is_empty() {
                return Err(self.error(node, "a bound operation without its binding parameter"));
            }
            Some(parameters.remove(0).ty)
        } else {
            None
        };
        Ok(Operation {
            kind,
            name: self.attribute(node, "Name")?.to_owned(),
            namespace: namespace.to_owned(),
            binding,
            parameters,
            return_type,
            line: self.doc.text_pos_at(node.range().start).row,
        })
    }

    fn read_container(&self, node: Node<'_, '_>, csdl: &mut Csdl) -> Result<(), CsdlError> {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "Singleton" => csdl.singletons.push(Singleton {
                    name: self.attribute(child, "Name")?.to_owned(),
                    ty: self.qualify(self.attribute(child, "Type")?),
                }),
                "EntitySet" => csdl.entity_sets.push(EntitySet {
                    name: self.attribute(child, "Name")?.to_owned(),
                    ty: self.qualify(self.attribute(child, "EntityType")?),
                }),
                // Unbound operation imports are not generated.
                "ActionImport" | "FunctionImport" | "Annotation" => {}
                other => return Err(self.error(child, format!("unsupported container element `{other}`"))),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="state"><Member Name="on" Value="0" /><Member Name="off" Value="1" /></EnumType>
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
      <EntityType Name="thing" BaseType="graph.entity">
        <Property Name="state" Type="graph.state" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <NavigationProperty Name="parts" Type="Collection(graph.thing)" ContainsTarget="true" />
      </EntityType>
      <Action Name="poke" IsBound="true"><Parameter Name="bindingParameter" Type="graph.thing" /><Parameter Name="hard" Type="Edm.Boolean" /></Action>
      <EntityContainer Name="GraphService"><Singleton Name="root" Type="microsoft.graph.thing" /></EntityContainer>
      <Annotations Target="microsoft.graph.thing/tags"><Annotation Term="Org.OData.Core.V1.Computed" Bool="true" /></Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn reads_types_operations_and_annotations() {
        let csdl = Csdl::parse("small.xml", SMALL).unwrap();
        let thing = csdl.get("microsoft.graph.thing");
        assert_eq!(thing.base.as_deref(), Some("microsoft.graph.entity"));
        assert_eq!(thing.properties[0].ty, TypeRef { name: "microsoft.graph.state".into(), collection: false });
        assert!(thing.properties[1].ty.collection && thing.properties[1].computed);
        assert!(thing.navigation[0].contains_target);
        assert_eq!(csdl.key_of("microsoft.graph.thing"), ["id"]);
        let poke = &csdl.operations[0];
        assert_eq!(poke.binding.as_ref().unwrap().name, "microsoft.graph.thing");
        assert_eq!(poke.parameters.len(), 1);
        assert_eq!(csdl.singletons[0].ty, "microsoft.graph.thing");
    }

    #[test]
    fn malformed_and_unsupported_input_names_file_line_and_element() {
        let undeclared = SMALL.replace(r#"Type="graph.state""#, r#"Type="graph.missing""#);
        let error = Csdl::parse("x.xml", &undeclared).unwrap_err();
        assert_eq!((error.line, error.element.as_str()), (7, "EntityType"));
        assert!(error.message.contains("microsoft.graph.missing"), "{error}");

        let primitive = SMALL.replace(r#"Collection(Edm.String)"#, "Collection(Edm.Geography)");
        let error = Csdl::parse("x.xml", &primitive).unwrap_err();
        assert_eq!((error.line, error.element.as_str()), (9, "Property"));
        assert!(error.to_string().starts_with("x.xml:9:"), "{error}");

        let broken = &SMALL[..SMALL.len() - 20];
        assert!(Csdl::parse("x.xml", broken).unwrap_err().message.starts_with("not well-formed XML"));
        assert!(Csdl::parse("x.xml", "<a/>").unwrap_err().message.contains("edmx:Edmx"));
        let looped = SMALL.replace(
            r#"<EntityType Name="entity" Abstract="true">"#,
            r#"<EntityType Name="entity" Abstract="true" BaseType="graph.thing">"#,
        );
        assert!(Csdl::parse("x.xml", &looped).unwrap_err().message.contains("loop"));
    }
}
