//! Reads an OData CSDL 4.0 document (`$metadata`) into the model the generator works on.
//!
//! Every reference is resolved here, through schema aliases (`graph.x` →
//! `microsoft.graph.x`) and vocabulary aliases (`Core.Computed`). A document that
//! names a type it does not declare, puts a type of the wrong kind somewhere (an
//! entity set of a complex type, a navigation property to an enum), gives a name
//! that is not an OData identifier, or uses what this reader does not support, is
//! an error naming the file, the line and the element. What the reader returns is
//! consistent: every type it mentions is declared with the kind its place needs,
//! base chains end within [`Limits::inheritance_depth`] types, keys name
//! properties, so the generator can look any of them up ([`Csdl::get`]) freely.
//!
//! Reading is linear in the size of the document, and bounded by [`Limits`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Read as _;
use std::path::Path;

use roxmltree::{Document, Node};

const EDM: &str = "http://docs.oasis-open.org/odata/ns/edm";
const EDMX: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const CORE: &str = "Org.OData.Core.V1";

/// The longest namespace OData allows.
pub const MAX_NAMESPACE_CHARS: usize = 511;
/// Namespaces and aliases OData keeps for itself.
const RESERVED_NAMESPACES: &[&str] = &["Edm", "odata", "System", "Transient"];

/// The bounds a document must stay within, so that a hostile file cannot make the reader
/// (or the generator after it) run out of memory or time. The defaults are far above the
/// service's own documents: v1.0's `$metadata` (all of Graph) is 3.3 MB with 40,549
/// elements nested 13 deep, and its longest base chain has 5 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The size of the document, in bytes.
    pub document_bytes: usize,
    /// Tags in the document: every `<` (start and end tags, comments, processing
    /// instructions). The XML nodes the parser keeps are at most twice as many.
    pub xml_tags: usize,
    /// How deep XML elements nest.
    pub xml_depth: usize,
    /// Types in one base chain, the type itself included.
    pub inheritance_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { document_bytes: 64 << 20, xml_tags: 2_000_000, xml_depth: 64, inheritance_depth: 64 }
    }
}

/// Where a problem is, and what it is.
#[derive(Debug)]
pub struct CsdlError {
    pub file: String,
    pub line: u32,
    /// The column, counted in characters; 0 when only the line is known.
    pub column: u32,
    /// The element's local name (`EntityType`), or empty when the problem is not in one.
    pub element: String,
    pub message: String,
}

impl CsdlError {
    /// An error at an element the reader recorded the line of (`Navigation::line`, …).
    pub fn at(csdl: &Csdl, line: u32, element: &str, message: impl Into<String>) -> CsdlError {
        CsdlError { file: csdl.file.clone(), line, column: 0, element: element.to_owned(), message: message.into() }
    }
}

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:", self.file, self.line)?;
        if self.column > 0 {
            write!(f, "{}:", self.column)?;
        }
        if !self.element.is_empty() {
            // An element's name is the document's text too (XML names allow invisible characters).
            write!(f, " <{}>:", escaped(&self.element))?;
        }
        write!(f, " {}", self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

impl Kind {
    fn described(self) -> &'static str {
        match self {
            Kind::Entity => "an entity type",
            Kind::Complex => "a complex type",
            Kind::Enum => "an enum type",
        }
    }
}

/// A type reference: `Edm.String`, `microsoft.graph.x` (full name), or a collection of one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeRef {
    pub name: String,
    pub collection: bool,
}

impl TypeRef {
    pub fn is_primitive(&self) -> bool {
        // No declared type can start so: the reader refuses a namespace `Edm` or `Edm.…`.
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
    /// The line of its element in the document.
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Navigation {
    pub name: String,
    /// Always an entity type, or a collection of one.
    pub ty: TypeRef,
    pub contains_target: bool,
    /// The line of its element in the document.
    pub line: u32,
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
    /// A declared type of the same kind; never set on an enum.
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    /// The key property names, declared here (a derived type inherits its base's; the reader
    /// refuses a key on a type whose base has one, and a key naming no property of the chain).
    pub key: Vec<String>,
    pub properties: Vec<Property>,
    pub navigation: Vec<Navigation>,
    pub members: Vec<Member>,
    pub flags: bool,
    /// The line of its element in the document.
    pub line: u32,
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
    /// Always present on a function.
    pub return_type: Option<TypeRef>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Singleton {
    pub name: String,
    /// An entity type.
    pub ty: String,
    /// The line of its element in the document.
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct EntitySet {
    pub name: String,
    /// An entity type with a key.
    pub ty: String,
    /// The line of its element in the document.
    pub line: u32,
}

/// A whole `$metadata` document, resolved.
#[derive(Debug, Default)]
pub struct Csdl {
    /// The file it was read from, as errors name it.
    pub file: String,
    pub types: BTreeMap<String, TypeDef>,
    pub operations: Vec<Operation>,
    pub singletons: Vec<Singleton>,
    pub entity_sets: Vec<EntitySet>,
    /// Type → the types that name it as their base.
    pub children: BTreeMap<String, Vec<String>>,
}

/// The primitive types a key property may have (CSDL 4.0, part 3, section 8.2), besides enums.
const KEY_PRIMITIVES: &[&str] = &[
    "Edm.Boolean",
    "Edm.Byte",
    "Edm.Date",
    "Edm.DateTimeOffset",
    "Edm.Decimal",
    "Edm.Duration",
    "Edm.Guid",
    "Edm.Int16",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.SByte",
    "Edm.String",
    "Edm.TimeOfDay",
];

/// The types an enum may be stored as.
const ENUM_UNDERLYING: &[&str] = &["Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64"];

pub use msgraph_names::{MAX_NAME_CHARS, check_simple_identifier};

/// Whether `namespace` is an OData namespace: SimpleIdentifiers joined by dots, at most
/// [`MAX_NAMESPACE_CHARS`] characters.
fn check_namespace(namespace: &str) -> Result<(), String> {
    if namespace.chars().nth(MAX_NAMESPACE_CHARS).is_some() {
        return Err(format!("a namespace has at most {MAX_NAMESPACE_CHARS} characters"));
    }
    namespace.split('.').try_for_each(check_simple_identifier)
}

/// Schema text as a message shows it: in backticks, cut after 80 characters, with control
/// and invisible characters escaped, so that no name can hide or forge part of a message.
pub(crate) fn shown(text: &str) -> String {
    format!("`{}`", escaped(text))
}

/// [`shown`], without the backticks.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    for (index, ch) in text.chars().enumerate() {
        if index == 80 {
            out.push('…');
            break;
        }
        match ch {
            '"' | '\'' | '\\' => out.push(ch),
            _ => out.extend(ch.escape_debug()),
        }
    }
    out
}

/// Units of work done in the loops whose length a document decides (elements, base
/// chains, paths). Tests read the count to assert that reading and selecting grow linearly
/// with the document, which a timing could not show reliably; other builds count nothing.
pub(crate) mod work {
    #[cfg(test)]
    thread_local!(static UNITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });

    #[inline]
    pub(crate) fn add(units: usize) {
        #[cfg(test)]
        UNITS.with(|count| count.set(count.get() + units));
        #[cfg(not(test))]
        let _ = units;
    }

    /// The units counted on this thread since the last call.
    #[cfg(test)]
    pub(crate) fn take() -> usize {
        UNITS.with(|count| count.replace(0))
    }
}

/// Line starts of a text, to turn byte offsets into lines in logarithmic time (roxmltree
/// counts from the start of the text each time, which a reader asking per element cannot afford).
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, byte)| *byte == b'\n').map(|(index, _)| index + 1));
        Lines { text, starts }
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.starts.partition_point(|start| *start <= offset)).unwrap_or(u32::MAX)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let column = self.text.get(start..offset).map_or(1, |before| before.chars().count() + 1);
        (line, u32::try_from(column).unwrap_or(u32::MAX))
    }
}

struct Reader<'a, 'input> {
    file: &'a str,
    lines: &'a Lines<'input>,
    limits: Limits,
    /// Alias → namespace, for schemas and included vocabularies.
    aliases: HashMap<String, String>,
    /// Every declared type's kind, by full name, known before any reference is read.
    kinds: HashMap<String, Kind>,
}

/// Where a type reference stands, which decides the kinds of type it may name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Property,
    Navigation,
    /// A parameter, a binding parameter or a return type: any type.
    Operation,
    Singleton,
    EntitySet,
}

impl Reader<'_, '_> {
    fn error(&self, node: Node<'_, '_>, message: impl Into<String>) -> CsdlError {
        let (line, column) = self.lines.position(node.range().start);
        let element = if node.is_element() { node.tag_name().name().to_owned() } else { String::new() };
        CsdlError { file: self.file.to_owned(), line, column, element, message: message.into() }
    }

    fn line(&self, node: Node<'_, '_>) -> u32 {
        self.lines.line(node.range().start)
    }

    fn attribute<'n>(&self, node: Node<'n, '_>, name: &str) -> Result<&'n str, CsdlError> {
        node.attribute(name).ok_or_else(|| self.error(node, format!("the `{name}` attribute is missing")))
    }

    /// The element's `Name`, a SimpleIdentifier.
    fn name<'n>(&self, node: Node<'n, '_>) -> Result<&'n str, CsdlError> {
        self.identifier(node, "Name")
    }

    /// An attribute that must be a SimpleIdentifier.
    fn identifier<'n>(&self, node: Node<'n, '_>, attribute: &str) -> Result<&'n str, CsdlError> {
        let name = self.attribute(node, attribute)?;
        check_simple_identifier(name)
            .map_err(|problem| self.error(node, format!("`{attribute}` is {}: {problem}", shown(name))))?;
        Ok(name)
    }

    /// An attribute that must be a namespace, not one OData reserves.
    fn namespace<'n>(&self, node: Node<'n, '_>, attribute: &str) -> Result<&'n str, CsdlError> {
        let namespace = self.attribute(node, attribute)?;
        check_namespace(namespace)
            .map_err(|problem| self.error(node, format!("`{attribute}` is {}: {problem}", shown(namespace))))?;
        let first = namespace.split('.').next().unwrap_or_default();
        if RESERVED_NAMESPACES.contains(&namespace) || first == "Edm" {
            return Err(self.error(node, format!("the namespace {} is reserved by OData", shown(namespace))));
        }
        Ok(namespace)
    }

    /// An alias: a SimpleIdentifier, not one OData reserves, given to one namespace only.
    fn add_alias(&mut self, node: Node<'_, '_>, namespace: &str) -> Result<(), CsdlError> {
        if node.attribute("Alias").is_none() {
            return Ok(());
        }
        let alias = self.identifier(node, "Alias")?;
        if RESERVED_NAMESPACES.contains(&alias) {
            return Err(self.error(node, format!("the alias {} is reserved by OData", shown(alias))));
        }
        match self.aliases.insert(alias.to_owned(), namespace.to_owned()) {
            Some(previous) if previous != namespace => Err(self.error(
                node,
                format!("the alias {} is given to {} and to {}", shown(alias), shown(&previous), shown(namespace)),
            )),
            _ => Ok(()),
        }
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

    /// A qualified type name (`graph.x`, `Edm.String`), checked and resolved.
    fn qualified_type(&self, node: Node<'_, '_>, attribute: &str, text: &str) -> Result<String, CsdlError> {
        let well_formed = text.rsplit_once('.').is_some_and(|(namespace, name)| {
            check_namespace(namespace).is_ok() && check_simple_identifier(name).is_ok()
        });
        if !well_formed {
            let nested = text.starts_with("Collection(") && attribute == "Type";
            let problem = if nested {
                "a collection of collections is not an OData type".to_owned()
            } else {
                check_namespace(text)
                    .err()
                    .unwrap_or_else(|| "a type name is a namespace or alias, a dot, and a name".to_owned())
            };
            return Err(self.error(node, format!("`{attribute}` is {}, not a type name: {problem}", shown(text))));
        }
        let name = self.qualify(text);
        if name.starts_with("Edm.") && crate::primitives::primitive(&name).is_none() {
            return Err(self.error(node, format!("unsupported primitive type {}", shown(&name))));
        }
        Ok(name)
    }

    /// The type reference in `attribute`, checked against what `place` may hold.
    fn type_ref(&self, node: Node<'_, '_>, attribute: &str, place: Place) -> Result<TypeRef, CsdlError> {
        let text = self.attribute(node, attribute)?;
        let (inner, collection) = match text.strip_prefix("Collection(").and_then(|rest| rest.strip_suffix(')')) {
            Some(inner) => (inner, true),
            None => (text, false),
        };
        let name = self.qualified_type(node, attribute, inner)?;
        if collection && matches!(place, Place::Singleton | Place::EntitySet) {
            return Err(self.error(node, format!("`{attribute}` names one entity type, not {}", shown(text))));
        }
        let reference = TypeRef { name, collection };
        let needed = match place {
            Place::Property => "a primitive, enum or complex type (an entity is reached through a NavigationProperty)",
            Place::Navigation | Place::Singleton => "an entity type",
            Place::EntitySet => "an entity type (with a key)",
            Place::Operation => "a declared type",
        };
        let kind = if reference.is_primitive() {
            None
        } else {
            let kind = self.kinds.get(&reference.name).copied().ok_or_else(|| {
                self.error(node, format!("{} names the undeclared type {}", shown(text), shown(&reference.name)))
            })?;
            Some(kind)
        };
        let allowed = match place {
            Place::Property => kind != Some(Kind::Entity),
            Place::Navigation | Place::Singleton | Place::EntitySet => kind == Some(Kind::Entity),
            Place::Operation => true,
        };
        if !allowed {
            let found = kind.map_or("a primitive type", Kind::described);
            return Err(self.error(node, format!("{} is {found}; this place needs {needed}", shown(&reference.name))));
        }
        Ok(reference)
    }

    fn bool_attribute(&self, node: Node<'_, '_>, name: &str, default: bool) -> Result<bool, CsdlError> {
        match node.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(self.error(node, format!("`{name}` is {}, expected `true` or `false`", shown(other)))),
        }
    }

    /// Whether an `<Annotation>` child (or `Annotations` target entry) sets the Core term `term`.
    fn has_core_term(&self, node: Node<'_, '_>, term: &str) -> bool {
        node.children().filter(|child| is(*child, EDM, "Annotation")).any(|annotation| {
            let named = annotation.attribute("Term").map(|text| self.qualify(text));
            named.as_deref() == Some(&format!("{CORE}.{term}")) && annotation.attribute("Bool") != Some("false")
        })
    }

    /// The CSDL element children of `node`: an element of another XML namespace is an error.
    fn edm_children<'n, 'input>(&self, node: Node<'n, 'input>) -> Result<Vec<Node<'n, 'input>>, CsdlError> {
        let mut found = Vec::new();
        for child in node.children().filter(Node::is_element) {
            work::add(1);
            if child.tag_name().namespace() != Some(EDM) {
                let namespace = child.tag_name().namespace().unwrap_or("no namespace");
                return Err(self.error(child, format!("an element of {} inside a CSDL element", shown(namespace))));
            }
            found.push(child);
        }
        Ok(found)
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
    /// Reads and checks the document at `path`, within the default [`Limits`].
    pub fn read_file(path: &Path) -> Result<Csdl, String> {
        Csdl::read_file_with_limits(path, Limits::default())
    }

    /// Reads and checks the document at `path`, within `limits`.
    pub fn read_file_with_limits(path: &Path, limits: Limits) -> Result<Csdl, String> {
        let file = path.display().to_string();
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|opened| opened.take(limits.document_bytes as u64 + 1).read_to_end(&mut bytes))
            .map_err(|error| format!("{file}: {error}"))?;
        if bytes.len() > limits.document_bytes {
            let line = bytes[..limits.document_bytes].iter().filter(|byte| **byte == b'\n').count() + 1;
            return Err(format!("{file}:{line}: the document goes on past {} bytes, the limit", limits.document_bytes));
        }
        let text = String::from_utf8(bytes).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|byte| **byte == b'\n').count() + 1;
            format!("{file}:{line}: the document is not UTF-8 text")
        })?;
        Csdl::parse_with_limits(&file, &text, limits).map_err(|error| error.to_string())
    }

    /// Reads and checks a document, within the default [`Limits`]; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Csdl, CsdlError> {
        Csdl::parse_with_limits(file, text, Limits::default())
    }

    /// Reads and checks a document, within `limits`; `file` names it in errors.
    pub fn parse_with_limits(file: &str, text: &str, limits: Limits) -> Result<Csdl, CsdlError> {
        let lines = Lines::new(text);
        let document_error = |offset: usize, message: String| {
            let (line, column) = lines.position(offset);
            CsdlError { file: file.to_owned(), line, column, element: String::new(), message }
        };
        if text.len() > limits.document_bytes {
            let offset = (0..=limits.document_bytes).rev().find(|offset| text.is_char_boundary(*offset)).unwrap_or(0);
            return Err(document_error(
                offset,
                format!("the document goes on past {} bytes, the limit", limits.document_bytes),
            ));
        }
        // Counted before parsing, so that the error can say where the limit is crossed.
        if let Some((offset, _)) = text.match_indices('<').nth(limits.xml_tags) {
            return Err(document_error(
                offset,
                format!("the document has more than {} tags, the limit", limits.xml_tags),
            ));
        }
        let nodes_limit = u32::try_from(limits.xml_tags.saturating_mul(2).saturating_add(2)).unwrap_or(u32::MAX);
        let doc = Document::parse_with_options(
            text,
            roxmltree::ParsingOptions { allow_dtd: false, nodes_limit, ..Default::default() },
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
        let mut reader = Reader { file, lines: &lines, limits, aliases: HashMap::new(), kinds: HashMap::new() };
        reader.check_nesting(&doc)?;
        let root = doc.root_element();
        if !is(root, EDMX, "Edmx") {
            return Err(reader.error(root, "the root element is not edmx:Edmx (an OData CSDL 4.0 document)"));
        }
        let mut data_services = children(root, EDMX, "DataServices");
        let services = data_services.next().ok_or_else(|| reader.error(root, "no edmx:DataServices element"))?;
        if let Some(second) = data_services.next() {
            return Err(reader.error(second, "a second edmx:DataServices element"));
        }
        for reference in children(root, EDMX, "Reference") {
            for include in children(reference, EDMX, "Include") {
                let namespace = reader.attribute(include, "Namespace")?;
                check_namespace(namespace).map_err(|problem| {
                    reader.error(include, format!("`Namespace` is {}: {problem}", shown(namespace)))
                })?;
                reader.add_alias(include, namespace)?;
            }
        }
        let schemas = reader.edm_children(services)?;
        if schemas.is_empty() {
            return Err(reader.error(services, "no Schema element"));
        }
        let mut namespaces = Vec::new();
        for schema in &schemas {
            if schema.tag_name().name() != "Schema" {
                return Err(reader.error(*schema, "edmx:DataServices holds Schema elements only"));
            }
            let namespace = reader.namespace(*schema, "Namespace")?;
            reader.add_alias(*schema, namespace)?;
            namespaces.push(namespace);
        }
        for alias in reader.aliases.keys() {
            if let Some(schema) = namespaces.iter().position(|namespace| namespace == alias) {
                return Err(reader.error(schemas[schema], format!("{} is both a namespace and an alias", shown(alias))));
            }
        }
        // Vocabulary terms are written with their full namespace when no alias is given.
        if !namespaces.contains(&"Core") {
            reader.aliases.entry("Core".to_owned()).or_insert_with(|| CORE.to_owned());
        }

        // Every type is declared before any reference is read, so each is checked where it is written.
        let mut type_nodes: HashMap<String, Node<'_, '_>> = HashMap::new();
        for (schema, namespace) in schemas.iter().zip(&namespaces) {
            for node in reader.edm_children(*schema)? {
                let kind = match node.tag_name().name() {
                    "EntityType" => Kind::Entity,
                    "ComplexType" => Kind::Complex,
                    "EnumType" => Kind::Enum,
                    _ => continue,
                };
                let full_name = format!("{namespace}.{}", reader.name(node)?);
                if reader.kinds.insert(full_name.clone(), kind).is_some() {
                    return Err(reader.error(node, format!("{} is declared twice", shown(&full_name))));
                }
                type_nodes.insert(full_name, node);
            }
        }

        let mut csdl = Csdl { file: file.to_owned(), ..Csdl::default() };
        let mut computed: HashMap<String, HashSet<String>> = HashMap::new();
        let mut containers = 0;
        for (schema, namespace) in schemas.iter().zip(&namespaces) {
            for node in reader.edm_children(*schema)? {
                match node.tag_name().name() {
                    "EntityType" | "ComplexType" | "EnumType" => {
                        let ty = reader.read_type(node, namespace)?;
                        csdl.types.insert(ty.full_name.clone(), ty);
                    }
                    "Action" | "Function" => csdl.operations.push(reader.read_operation(node, namespace)?),
                    "EntityContainer" => {
                        containers += 1;
                        if containers > 1 {
                            return Err(reader.error(node, "a second EntityContainer (a document has one)"));
                        }
                        reader.read_container(node, &mut csdl)?;
                    }
                    "Annotations" => {
                        let target = reader.attribute(node, "Target")?;
                        if reader.has_core_term(node, "Computed")
                            && let Some((ty, property)) = target.split_once('/')
                        {
                            computed.entry(reader.qualify(ty)).or_default().insert(property.to_owned());
                        }
                    }
                    "Term" | "TypeDefinition" => {
                        // They do not shape the models, but their names are names.
                        reader.name(node)?;
                    }
                    "Annotation" => {}
                    other => return Err(reader.error(node, format!("unsupported schema element `{other}`"))),
                }
            }
        }
        for (ty, properties) in &computed {
            if let Some(ty) = csdl.types.get_mut(ty) {
                for property in &mut ty.properties {
                    property.computed |= properties.contains(&property.name);
                }
            }
        }
        for ty in csdl.types.values() {
            if let Some(base) = &ty.base {
                csdl.children.entry(base.clone()).or_default().push(ty.full_name.clone());
            }
        }
        let checks = Checks { csdl: &csdl, reader: &reader, type_nodes: &type_nodes };
        checks.base_chains()?;
        checks.inherited_names()?;
        checks.keys()?;
        checks.entity_set_keys()?;
        Ok(csdl)
    }

    /// The declared type `name`. Every name the reader returns is declared (see the module
    /// documentation); a name from elsewhere may not be: look it up in `types`.
    pub fn get(&self, name: &str) -> &TypeDef {
        self.types.get(name).unwrap_or_else(|| panic!("checked when read: `{name}` is declared"))
    }

    /// The type and its base types, the type first: at most [`Limits::inheritance_depth`] types.
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

/// A type's properties and navigation properties: name, line and element.
fn own_members(ty: &TypeDef) -> impl Iterator<Item = (&str, u32, &'static str)> {
    let properties = ty.properties.iter().map(|property| (property.name.as_str(), property.line, "Property"));
    properties
        .chain(ty.navigation.iter().map(|navigation| (navigation.name.as_str(), navigation.line, "NavigationProperty")))
}

/// The checks that need every type read: base chains, inherited names, keys.
struct Checks<'c, 'r, 'a, 'input> {
    csdl: &'c Csdl,
    reader: &'r Reader<'a, 'input>,
    type_nodes: &'r HashMap<String, Node<'a, 'input>>,
}

impl Checks<'_, '_, '_, '_> {
    fn type_error(&self, ty: &TypeDef, message: impl Into<String>) -> CsdlError {
        self.reader.error(self.type_nodes[&ty.full_name], message)
    }

    /// No base chain loops or runs longer than the limit. Each type's chain length is
    /// computed once and reused by the types deriving from it: linear in the number of types.
    fn base_chains(&self) -> Result<(), CsdlError> {
        const IN_PROGRESS: usize = 0;
        let limit = self.reader.limits.inheritance_depth;
        let mut lengths: HashMap<&str, usize> = HashMap::with_capacity(self.csdl.types.len());
        for ty in self.csdl.types.values() {
            let mut pending: Vec<&TypeDef> = Vec::new();
            let mut current = ty;
            let known = loop {
                match lengths.get(current.full_name.as_str()) {
                    Some(&IN_PROGRESS) => {
                        let start = pending.iter().position(|ty| ty.full_name == current.full_name).unwrap_or_default();
                        let looped: Vec<&str> =
                            pending[start..].iter().chain([&current]).map(|ty| ty.name.as_str()).collect();
                        return Err(self.type_error(
                            current,
                            format!("the base types of {} form a loop ({})", shown(&current.name), looped.join(" → ")),
                        ));
                    }
                    Some(&length) => break length,
                    None => {}
                }
                if pending.len() == limit {
                    return Err(self.type_error(
                        ty,
                        format!("{} has more than {limit} types in its base chain, the limit", shown(&ty.name)),
                    ));
                }
                work::add(1);
                lengths.insert(&current.full_name, IN_PROGRESS);
                pending.push(current);
                // Bases were checked when read: declared, and of the same kind.
                match &current.base {
                    Some(base) => current = &self.csdl.types[base],
                    None => break 0,
                }
            };
            for (index, ty) in pending.iter().rev().enumerate() {
                let length = known + index + 1;
                if length > limit {
                    return Err(self.type_error(
                        ty,
                        format!("{} has more than {limit} types in its base chain, the limit", shown(&ty.name)),
                    ));
                }
                lengths.insert(&ty.full_name, length);
            }
        }
        Ok(())
    }

    /// No property or navigation property has the name of one its base types declare.
    /// One walk down each inheritance tree, keeping the names of the chain above the
    /// current type: linear in the number of properties, however long the chains.
    fn inherited_names(&self) -> Result<(), CsdlError> {
        let mut declared_above: HashMap<&str, &TypeDef> = HashMap::new();
        for root in self.csdl.types.values().filter(|ty| ty.base.is_none()) {
            let mut stack: Vec<(&TypeDef, bool)> = vec![(root, false)];
            while let Some((ty, leaving)) = stack.pop() {
                if leaving {
                    for (name, _, _) in own_members(ty) {
                        declared_above.remove(name);
                    }
                    continue;
                }
                for (name, line, element) in own_members(ty) {
                    work::add(1);
                    if let Some(base) = declared_above.get(name) {
                        return Err(CsdlError::at(
                            self.csdl,
                            line,
                            element,
                            format!(
                                "{} declares {} again: its base {} has it",
                                shown(&ty.name),
                                shown(name),
                                shown(&base.name)
                            ),
                        ));
                    }
                }
                declared_above.extend(own_members(ty).map(|(name, _, _)| (name, ty)));
                stack.push((ty, true));
                let derived = self.csdl.children.get(&ty.full_name).into_iter().flatten();
                stack.extend(derived.map(|name| (&self.csdl.types[name], false)));
            }
        }
        Ok(())
    }

    /// A key is declared once in a chain, and names structural properties of the chain
    /// that hold one primitive or enum value.
    fn keys(&self) -> Result<(), CsdlError> {
        for ty in self.csdl.types.values().filter(|ty| !ty.key.is_empty()) {
            let chain = self.csdl.chain(&ty.full_name);
            let node = self.type_nodes[&ty.full_name];
            let key_node = children(node, EDM, "Key").next().expect("a type with a key has its Key element");
            if let Some(base) = chain.iter().skip(1).find(|base| !base.key.is_empty()) {
                return Err(self.reader.error(
                    key_node,
                    format!("{} declares a key, but its base {} has one", shown(&ty.name), shown(&base.name)),
                ));
            }
            for (name, reference) in ty.key.iter().zip(children(key_node, EDM, "PropertyRef")) {
                work::add(chain.len());
                let property = chain.iter().find_map(|owner| owner.properties.iter().find(|p| &p.name == name));
                let Some(property) = property else {
                    return Err(self.reader.error(
                        reference,
                        format!(
                            "the key names {}, which is no property of {} or its bases",
                            shown(name),
                            shown(&ty.name)
                        ),
                    ));
                };
                let enum_valued = self.csdl.types.get(&property.ty.name).is_some_and(|ty| ty.kind == Kind::Enum);
                if property.ty.collection || !(enum_valued || KEY_PRIMITIVES.contains(&property.ty.name.as_str())) {
                    return Err(self.reader.error(
                        reference,
                        format!(
                            "the key property {} cannot be a key: it holds {}",
                            shown(name),
                            shown(&property.ty.name)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// An entity set's items are addressed by key: its type has one.
    fn entity_set_keys(&self) -> Result<(), CsdlError> {
        for set in &self.csdl.entity_sets {
            if self.csdl.key_of(&set.ty).is_empty() {
                return Err(CsdlError::at(
                    self.csdl,
                    set.line,
                    "EntitySet",
                    format!("{} has no key, in itself or a base type: no entity set can hold it", shown(&set.ty)),
                ));
            }
        }
        Ok(())
    }
}

impl Reader<'_, '_> {
    /// No element nests deeper than the limit (roxmltree itself does not bound nesting).
    /// Nodes come in document order, a parent before its children: one pass.
    fn check_nesting(&self, doc: &Document<'_>) -> Result<(), CsdlError> {
        let mut depths = vec![0_usize; doc.descendants().len() + 1];
        for node in doc.descendants() {
            work::add(1);
            let parent = node.parent().map_or(0, |parent| depths[parent.id().get_usize()]);
            let depth = parent + usize::from(node.is_element());
            if depth > self.limits.xml_depth {
                return Err(
                    self.error(node, format!("elements nest more than {} deep, the limit", self.limits.xml_depth))
                );
            }
            depths[node.id().get_usize()] = depth;
        }
        Ok(())
    }

    fn read_type(&self, node: Node<'_, '_>, namespace: &str) -> Result<TypeDef, CsdlError> {
        let name = self.name(node)?.to_owned();
        let kind = self.kinds[&format!("{namespace}.{name}")];
        let base = match node.attribute("BaseType") {
            None => None,
            Some(_) if kind == Kind::Enum => {
                return Err(
                    self.error(node, "an enum type has no `BaseType` (its `UnderlyingType` gives its values' type)")
                );
            }
            Some(text) => {
                let base = self.qualified_type(node, "BaseType", text)?;
                match self.kinds.get(&base) {
                    None => {
                        return Err(self.error(
                            node,
                            format!("{} derives from the undeclared type {}", shown(&name), shown(&base)),
                        ));
                    }
                    Some(base_kind) if *base_kind != kind => {
                        return Err(self.error(
                            node,
                            format!(
                                "{} is {}, but its base {} is {}",
                                shown(&name),
                                kind.described(),
                                shown(&base),
                                base_kind.described()
                            ),
                        ));
                    }
                    Some(_) => Some(base),
                }
            }
        };
        if kind == Kind::Enum
            && let Some(underlying) = node.attribute("UnderlyingType")
        {
            let underlying = self.qualify(underlying);
            if !ENUM_UNDERLYING.contains(&underlying.as_str()) {
                return Err(self.error(
                    node,
                    format!("an enum is stored as Edm.Byte, SByte, Int16, Int32 or Int64, not {}", shown(&underlying)),
                ));
            }
        }
        let mut ty = TypeDef {
            full_name: format!("{namespace}.{name}"),
            name,
            namespace: namespace.to_owned(),
            kind,
            base,
            is_abstract: self.bool_attribute(node, "Abstract", false)?,
            open: self.bool_attribute(node, "OpenType", false)?,
            key: Vec::new(),
            properties: Vec::new(),
            navigation: Vec::new(),
            members: Vec::new(),
            flags: kind == Kind::Enum && self.bool_attribute(node, "IsFlags", false)?,
            line: self.line(node),
        };
        let mut keys = 0;
        let mut names = HashSet::new();
        for child in self.edm_children(node)? {
            match (kind, child.tag_name().name()) {
                (Kind::Enum, "Member") => {
                    let member = self.name(child)?;
                    if let Some(value) = child.attribute("Value")
                        && value.parse::<i64>().is_err()
                    {
                        return Err(self.error(child, format!("the member value {} is not an integer", shown(value))));
                    }
                    if ty.members.iter().any(|existing| existing.name == member) {
                        return Err(
                            self.error(child, format!("{} has the member {} twice", shown(&ty.name), shown(member)))
                        );
                    }
                    ty.members.push(Member { name: member.to_owned() });
                }
                (Kind::Entity, "Key") => {
                    keys += 1;
                    if keys > 1 {
                        return Err(self.error(child, format!("{} has a second Key", shown(&ty.name))));
                    }
                    for reference in self.edm_children(child)? {
                        if reference.tag_name().name() != "PropertyRef" {
                            return Err(self.error(reference, "a Key holds PropertyRef elements only"));
                        }
                        let property = self.name(reference)?;
                        if ty.key.iter().any(|existing| existing == property) {
                            return Err(self.error(reference, format!("the key names {} twice", shown(property))));
                        }
                        ty.key.push(property.to_owned());
                    }
                    if ty.key.is_empty() {
                        return Err(self.error(child, "a Key names at least one property"));
                    }
                }
                (Kind::Entity | Kind::Complex, element @ ("Property" | "NavigationProperty")) => {
                    let name = self.name(child)?;
                    if !names.insert(name) {
                        return Err(self
                            .error(child, format!("{} declares the property {} twice", shown(&ty.name), shown(name))));
                    }
                    if element == "Property" {
                        ty.properties.push(Property {
                            name: name.to_owned(),
                            ty: self.type_ref(child, "Type", Place::Property)?,
                            nullable: self.bool_attribute(child, "Nullable", true)?,
                            computed: self.has_core_term(child, "Computed"),
                            line: self.line(child),
                        });
                    } else {
                        ty.navigation.push(Navigation {
                            name: name.to_owned(),
                            ty: self.type_ref(child, "Type", Place::Navigation)?,
                            contains_target: self.bool_attribute(child, "ContainsTarget", false)?,
                            line: self.line(child),
                        });
                    }
                }
                (_, "Annotation") => {}
                (_, other) => {
                    return Err(self.error(
                        child,
                        format!("unsupported element `{other}` in {}, {}", shown(&ty.name), kind.described()),
                    ));
                }
            }
        }
        Ok(ty)
    }

    fn read_operation(&self, node: Node<'_, '_>, namespace: &str) -> Result<Operation, CsdlError> {
        let kind = if node.tag_name().name() == "Action" { OperationKind::Action } else { OperationKind::Function };
        let name = self.name(node)?.to_owned();
        let bound = self.bool_attribute(node, "IsBound", false)?;
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut return_type = None;
        for child in self.edm_children(node)? {
            match child.tag_name().name() {
                "Parameter" => {
                    let parameter = Parameter {
                        name: self.name(child)?.to_owned(),
                        ty: self.type_ref(child, "Type", Place::Operation)?,
                        nullable: self.bool_attribute(child, "Nullable", true)?,
                        optional: self.has_core_term(child, "OptionalParameter"),
                    };
                    if parameters.iter().any(|existing| existing.name == parameter.name) {
                        return Err(self.error(
                            child,
                            format!("{} has the parameter {} twice", shown(&name), shown(&parameter.name)),
                        ));
                    }
                    parameters.push(parameter);
                }
                "ReturnType" => {
                    if return_type.is_some() {
                        return Err(self.error(child, format!("{} has a second ReturnType", shown(&name))));
                    }
                    return_type = Some(self.type_ref(child, "Type", Place::Operation)?);
                }
                "Annotation" => {}
                other => return Err(self.error(child, format!("unsupported element `{other}` in an operation"))),
            }
        }
        if kind == OperationKind::Function && return_type.is_none() {
            return Err(self.error(node, format!("the function {} has no ReturnType", shown(&name))));
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
            name,
            namespace: namespace.to_owned(),
            binding,
            parameters,
            return_type,
            line: self.line(node),
        })
    }

    fn read_container(&self, node: Node<'_, '_>, csdl: &mut Csdl) -> Result<(), CsdlError> {
        self.name(node)?;
        let mut names = HashSet::new();
        for child in self.edm_children(node)? {
            let element = child.tag_name().name();
            if element == "Annotation" {
                continue;
            }
            let name = self.name(child)?;
            if !names.insert(name) {
                return Err(self.error(child, format!("the container has two children named {}", shown(name))));
            }
            match element {
                "Singleton" => csdl.singletons.push(Singleton {
                    name: name.to_owned(),
                    ty: self.type_ref(child, "Type", Place::Singleton)?.name,
                    line: self.line(child),
                }),
                "EntitySet" => csdl.entity_sets.push(EntitySet {
                    name: name.to_owned(),
                    ty: self.type_ref(child, "EntityType", Place::EntitySet)?.name,
                    line: self.line(child),
                }),
                // Unbound operation imports are not generated.
                "ActionImport" | "FunctionImport" => {}
                other => return Err(self.error(child, format!("unsupported container element `{other}`"))),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
        assert_eq!((thing.line, thing.properties[0].line, thing.navigation[0].line), (7, 8, 10));
        assert_eq!(csdl.key_of("microsoft.graph.thing"), ["id"]);
        let poke = &csdl.operations[0];
        assert_eq!(poke.binding.as_ref().unwrap().name, "microsoft.graph.thing");
        assert_eq!(poke.parameters.len(), 1);
        assert_eq!(csdl.singletons[0].ty, "microsoft.graph.thing");
        assert_eq!(csdl.file, "small.xml");
    }

    #[test]
    fn malformed_and_unsupported_input_names_file_line_and_element() {
        let undeclared = SMALL.replace(r#"Type="graph.state""#, r#"Type="graph.missing""#);
        let error = Csdl::parse("x.xml", &undeclared).unwrap_err();
        assert_eq!((error.line, error.element.as_str()), (8, "Property"));
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

    /// A document of one schema (`microsoft.graph`, alias `graph`) with `body` in it.
    pub(crate) fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
{body}
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#
        )
    }

    /// Declarations the cases below build on.
    const BASICS: &str = r#"      <EnumType Name="state"><Member Name="on" /></EnumType>
      <ComplexType Name="address"><Property Name="city" Type="Edm.String" /></ComplexType>
      <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>
      <EntityType Name="thing" BaseType="graph.entity"><Property Name="size" Type="Edm.Int32" /></EntityType>
      <EntityType Name="keyless"><Property Name="size" Type="Edm.Int32" /></EntityType>"#;

    /// The 1-based line of the first `needle` in `text`.
    fn line_of(text: &str, needle: &str) -> u32 {
        line_after(text, 0, needle)
    }

    /// The 1-based line of the first `needle` in `text` after byte `start`.
    fn line_after(text: &str, start: usize, needle: &str) -> u32 {
        let offset = start + text[start..].find(needle).unwrap_or_else(|| panic!("`{needle}` is in the document"));
        text[..offset].matches('\n').count() as u32 + 1
    }

    /// Reads `body` (after [`BASICS`]), expecting an error at the element that holds `at`,
    /// of kind `element`, whose message holds `says`.
    fn assert_refused(body: &str, at: &str, element: &str, says: &str) {
        let text = document(&format!("{BASICS}\n{body}"));
        let body_start = text.find(body).expect("the body is in the document");
        let error = match Csdl::parse("hostile.xml", &text) {
            Ok(_) => panic!("accepted:\n{body}"),
            Err(error) => error,
        };
        let shown = error.to_string();
        assert_eq!(
            (error.line, error.element.as_str()),
            (line_after(&text, body_start, at), element),
            "wrong place for:\n{body}\n{shown}"
        );
        assert!(shown.starts_with(&format!("hostile.xml:{}:", error.line)), "{shown}");
        assert!(error.message.contains(says), "`{says}` not in: {shown}");
        assert!(!shown.contains('\n'), "one line: {shown}");
    }

    #[test]
    fn roots_of_undeclared_types_are_errors_not_panics() {
        assert_refused(
            r#"<EntityContainer Name="c"><Singleton Name="root" Type="graph.missing" /></EntityContainer>"#,
            "<Singleton",
            "Singleton",
            "undeclared type `microsoft.graph.missing`",
        );
        assert_refused(
            r#"<EntityContainer Name="c"><EntitySet Name="things" EntityType="microsoft.graph.missing" /></EntityContainer>"#,
            "<EntitySet",
            "EntitySet",
            "undeclared type `microsoft.graph.missing`",
        );
    }

    #[test]
    fn types_of_the_wrong_kind_and_broken_keys_are_refused_where_they_are_written() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                r#"<EntityContainer Name="c"><EntitySet Name="addresses" EntityType="graph.address" /></EntityContainer>"#,
                "<EntitySet",
                "EntitySet",
                "is a complex type; this place needs an entity type",
            ),
            (
                r#"<EntityContainer Name="c"><Singleton Name="on" Type="graph.state" /></EntityContainer>"#,
                "<Singleton",
                "Singleton",
                "is an enum type; this place needs an entity type",
            ),
            (
                r#"<EntityContainer Name="c"><Singleton Name="all" Type="Collection(graph.thing)" /></EntityContainer>"#,
                "<Singleton",
                "Singleton",
                "names one entity type",
            ),
            (
                r#"<EntityType Name="x"><NavigationProperty Name="states" Type="Collection(graph.state)" ContainsTarget="true" /></EntityType>"#,
                "<NavigationProperty",
                "NavigationProperty",
                "is an enum type; this place needs an entity type",
            ),
            (
                r#"<EntityType Name="x"><NavigationProperty Name="home" Type="graph.address" ContainsTarget="true" /></EntityType>"#,
                "<NavigationProperty",
                "NavigationProperty",
                "is a complex type",
            ),
            (
                r#"<EntityType Name="x"><NavigationProperty Name="text" Type="Edm.String" /></EntityType>"#,
                "<NavigationProperty",
                "NavigationProperty",
                "is a primitive type",
            ),
            (
                r#"<ComplexType Name="x"><Property Name="owner" Type="graph.thing" /></ComplexType>"#,
                r#"<Property Name="owner""#,
                "Property",
                "is an entity type; this place needs a primitive, enum or complex type",
            ),
            (
                r#"<EnumType Name="x" BaseType="graph.state"><Member Name="a" /></EnumType>"#,
                r#"<EnumType Name="x""#,
                "EnumType",
                "no `BaseType`",
            ),
            (
                r#"<EnumType Name="x" UnderlyingType="Edm.String"><Member Name="a" /></EnumType>"#,
                r#"<EnumType Name="x""#,
                "EnumType",
                "not `Edm.String`",
            ),
            (
                r#"<EnumType Name="x"><Member Name="a" /><Member Name="a" /></EnumType>"#,
                r#"<Member Name="a" /></Enum"#,
                "Member",
                "the member `a` twice",
            ),
            (
                r#"<EnumType Name="x"><Member Name="a" Value="one" /></EnumType>"#,
                r#"<Member Name="a""#,
                "Member",
                "not an integer",
            ),
            (
                r#"<ComplexType Name="x" BaseType="graph.thing" />"#,
                r#"<ComplexType Name="x""#,
                "ComplexType",
                "but its base `microsoft.graph.thing` is an entity type",
            ),
            (
                r#"<EntityType Name="x" BaseType="graph.nothing" />"#,
                r#"<EntityType Name="x""#,
                "EntityType",
                "undeclared type",
            ),
            (
                r#"<EntityType Name="x"><Key><PropertyRef Name="code" /></Key><Property Name="id" Type="Edm.String" /></EntityType>"#,
                r#"<PropertyRef Name="code""#,
                "PropertyRef",
                "the key names `code`, which is no property of `x` or its bases",
            ),
            (
                r#"<ComplexType Name="x"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></ComplexType>"#,
                "<Key><PropertyRef Name=\"id\" /></Key><Property Name=\"id\" Type=\"Edm.String\" /></ComplexType>",
                "Key",
                "unsupported element `Key`",
            ),
            (
                r#"<EntityType Name="x" BaseType="graph.entity"><Key><PropertyRef Name="code" /></Key><Property Name="code" Type="Edm.String" /></EntityType>"#,
                r#"<Key><PropertyRef Name="code""#,
                "Key",
                "its base `entity` has one",
            ),
            (
                r#"<EntityType Name="x"><Key><PropertyRef Name="tags" /></Key><Property Name="tags" Type="Collection(Edm.String)" /></EntityType>"#,
                r#"<PropertyRef Name="tags""#,
                "PropertyRef",
                "cannot be a key",
            ),
            (
                r#"<EntityType Name="x"><Key><PropertyRef Name="home" /></Key><Property Name="home" Type="graph.address" /></EntityType>"#,
                r#"<PropertyRef Name="home""#,
                "PropertyRef",
                "cannot be a key",
            ),
            (
                r#"<EntityType Name="x"><Key><PropertyRef Name="id" /><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>"#,
                r#"<PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>"#,
                "PropertyRef",
                "twice",
            ),
            (
                r#"<EntityType Name="x"><Key><PropertyRef Name="id" /></Key><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>"#,
                r#"<Key><PropertyRef Name="id" /></Key><Property"#,
                "Key",
                "a second Key",
            ),
            (
                r#"<EntityType Name="x"><Key /><Property Name="id" Type="Edm.String" /></EntityType>"#,
                "<Key />",
                "Key",
                "at least one",
            ),
            (
                r#"<EntityType Name="x"><Property Name="a" Type="Collection(Collection(Edm.String))" /></EntityType>"#,
                r#"<Property Name="a""#,
                "Property",
                "a collection of collections",
            ),
            (
                r#"<EntityContainer Name="c"><EntitySet Name="keyless" EntityType="graph.keyless" /></EntityContainer>"#,
                "<EntitySet",
                "EntitySet",
                "has no key",
            ),
            (
                r#"<EntityType Name="x" BaseType="graph.thing"><Property Name="size" Type="Edm.Int64" /></EntityType>"#,
                r#"<Property Name="size" Type="Edm.Int64""#,
                "Property",
                "declares `size` again: its base `thing` has it",
            ),
            (
                r#"<EntityType Name="x" BaseType="graph.thing"><NavigationProperty Name="id" Type="graph.thing" /></EntityType>"#,
                r#"<NavigationProperty Name="id""#,
                "NavigationProperty",
                "its base `entity` has it",
            ),
            (
                r#"<EntityType Name="x"><Property Name="a" Type="Edm.String" /><NavigationProperty Name="a" Type="graph.thing" /></EntityType>"#,
                r#"<NavigationProperty Name="a""#,
                "NavigationProperty",
                "the property `a` twice",
            ),
            (
                r#"<Function Name="f" IsBound="true"><Parameter Name="b" Type="graph.thing" /></Function>"#,
                "<Function",
                "Function",
                "no ReturnType",
            ),
            (
                r#"<Function Name="f"><ReturnType Type="Edm.String" /><ReturnType Type="Edm.Int32" /></Function>"#,
                r#"<ReturnType Type="Edm.Int32""#,
                "ReturnType",
                "a second ReturnType",
            ),
            (
                r#"<Action Name="a" IsBound="true"><Parameter Name="b" Type="graph.thing" /><Parameter Name="b" Type="Edm.String" /></Action>"#,
                r#"<Parameter Name="b" Type="Edm.String""#,
                "Parameter",
                "the parameter `b` twice",
            ),
            (r#"<Action Name="a" IsBound="true" />"#, "<Action", "Action", "without its binding parameter"),
            (
                r#"<Action Name="a"><Parameter Name="b" Type="graph.gone" /></Action>"#,
                r#"<Parameter Name="b""#,
                "Parameter",
                "undeclared type",
            ),
            (
                r#"<EntityContainer Name="c" /><EntityContainer Name="d" />"#,
                r#"<EntityContainer Name="d""#,
                "EntityContainer",
                "a second EntityContainer",
            ),
            (
                r#"<EntityContainer Name="c"><Singleton Name="a" Type="graph.thing" /><EntitySet Name="a" EntityType="graph.thing" /></EntityContainer>"#,
                "<EntitySet",
                "EntitySet",
                "two children named `a`",
            ),
            (
                r#"<EntityType Name="x" xmlns:evil="urn:evil"><evil:Property Name="a" Type="Edm.String" /></EntityType>"#,
                "<evil:Property",
                "Property",
                "an element of `urn:evil`",
            ),
            (r#"<EntityType Name="thing" />"#, r#"<EntityType Name="thing" />"#, "EntityType", "declared twice"),
            (
                r#"<EntityType Name="x" Abstract="yes" />"#,
                r#"<EntityType Name="x""#,
                "EntityType",
                "`Abstract` is `yes`",
            ),
        ];
        for (body, at, element, says) in cases {
            assert_refused(body, at, element, says);
        }
    }

    /// A document whose namespaces and aliases are given: `{schema}` is the `Schema` element's attributes.
    fn with_schema_attributes(attributes: &str, extra: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="x"><edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" /></edmx:Reference>
  <edmx:DataServices>
    <Schema {attributes} xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityType Name="a" /></Schema>
    {extra}
  </edmx:DataServices>
</edmx:Edmx>"#
        )
    }

    #[test]
    fn reserved_and_ambiguous_namespaces_and_aliases_are_refused() {
        let edm = r#"<Schema Namespace="other" Alias="Edm" xmlns="http://docs.oasis-open.org/odata/ns/edm" />"#;
        let cases = [
            (with_schema_attributes(r#"Namespace="Edm""#, ""), "reserved"),
            (with_schema_attributes(r#"Namespace="Edm.extra""#, ""), "reserved"),
            (with_schema_attributes(r#"Namespace="x" Alias="odata""#, ""), "reserved"),
            (with_schema_attributes(r#"Namespace="x""#, edm), "reserved"),
            (with_schema_attributes(r#"Namespace="x" Alias="Core""#, ""), "given to `Org.OData.Core.V1` and to `x`"),
            (
                with_schema_attributes(
                    r#"Namespace="x" Alias="y""#,
                    r#"<Schema Namespace="y" xmlns="http://docs.oasis-open.org/odata/ns/edm" />"#,
                ),
                "both a namespace and an alias",
            ),
        ];
        for (text, says) in cases {
            let error = Csdl::parse("ns.xml", &text).unwrap_err();
            assert!(error.message.contains(says) && error.element == "Schema", "`{says}`: {error}");
        }
        // Aliases resolve names, and a namespace may be one word.
        let fine = with_schema_attributes(r#"Namespace="x" Alias="self""#, "");
        assert!(Csdl::parse("ns.xml", &fine).unwrap().types.contains_key("x.a"));
    }

    /// Every place a document gives a name, as a document with `{}` where the name goes.
    fn name_places() -> Vec<(&'static str, String)> {
        let typed = |body: &str| document(&format!("{BASICS}\n{body}"));
        vec![
            ("EntityType", typed(r#"<EntityType Name="{}" />"#)),
            ("ComplexType", typed(r#"<ComplexType Name="{}" />"#)),
            ("EnumType", typed(r#"<EnumType Name="{}" />"#)),
            ("Property", typed(r#"<ComplexType Name="x"><Property Name="{}" Type="Edm.String" /></ComplexType>"#)),
            (
                "NavigationProperty",
                typed(r#"<EntityType Name="x"><NavigationProperty Name="{}" Type="graph.thing" /></EntityType>"#),
            ),
            ("Member", typed(r#"<EnumType Name="x"><Member Name="{}" /></EnumType>"#)),
            (
                "PropertyRef",
                typed(
                    r#"<EntityType Name="x"><Key><PropertyRef Name="{}" /></Key><Property Name="{}" Type="Edm.Int32" /></EntityType>"#,
                ),
            ),
            ("Action", typed(r#"<Action Name="{}" />"#)),
            ("Function", typed(r#"<Function Name="{}"><ReturnType Type="Edm.String" /></Function>"#)),
            ("Parameter", typed(r#"<Action Name="a"><Parameter Name="{}" Type="Edm.String" /></Action>"#)),
            ("EntityContainer", typed(r#"<EntityContainer Name="{}" />"#)),
            (
                "Singleton",
                typed(r#"<EntityContainer Name="c"><Singleton Name="{}" Type="graph.thing" /></EntityContainer>"#),
            ),
            (
                "EntitySet",
                typed(
                    r#"<EntityContainer Name="c"><EntitySet Name="{}" EntityType="graph.thing" /></EntityContainer>"#,
                ),
            ),
            (
                "ActionImport",
                typed(r#"<EntityContainer Name="c"><ActionImport Name="{}" Action="graph.a" /></EntityContainer>"#),
            ),
            ("Term", typed(r#"<Term Name="{}" Type="Edm.String" />"#)),
            ("TypeDefinition", typed(r#"<TypeDefinition Name="{}" UnderlyingType="Edm.String" />"#)),
            ("Schema", with_schema_attributes(r#"Namespace="{}""#, "")),
            ("Schema", with_schema_attributes(r#"Namespace="x" Alias="{}""#, "")),
            ("Include", with_schema_attributes(r#"Namespace="x""#, "").replace(r#"Alias="Core""#, r#"Alias="{}""#)),
        ]
    }

    #[test]
    fn names_that_are_not_identifiers_are_refused_in_every_place() {
        let too_long = "n".repeat(MAX_NAME_CHARS + 1);
        let hostile = [
            "bad-name",
            "my prop",
            "../../../../outside/pwned",
            r"a\b",
            "x&quot;y",
            "",
            "parts&quot;, evil = &quot;x",
            "1st",
            "a\u{202e}b",
            "zero\u{200d}width",
            "new&#10;line",
            too_long.as_str(),
        ];
        for (element, template) in name_places() {
            for name in hostile {
                let text = template.replace("{}", name);
                let error = match Csdl::parse("names.xml", &text) {
                    Ok(_) => panic!("the name {name:?} in <{element}> was accepted"),
                    Err(error) => error,
                };
                assert_eq!(error.element, element, "{name:?}: {error}");
                assert_eq!(error.line, line_of(&template, "{}"), "{name:?}: {error}");
                let message = error.to_string();
                assert!(message.contains("a name "), "{name:?} in <{element}>: {message}");
                assert!(!message.contains('\n') && !message.contains('\u{202e}'), "{message}");
            }
        }
    }

    #[test]
    fn names_in_any_script_are_kept_as_written() {
        let longest = "n".repeat(MAX_NAME_CHARS);
        for name in ["naïve", "Straße", "名前", "_", "_1", "Self", "type", "crate", longest.as_str()] {
            for (element, template) in name_places() {
                let text = template.replace("{}", name);
                if let Err(error) = Csdl::parse("names.xml", &text) {
                    panic!("the name {name:?} in <{element}> was refused: {error}");
                }
            }
        }
        let text = document(&format!(
            "{BASICS}\n<EntityType Name=\"naïve\"><Property Name=\"größe\" Type=\"Edm.String\" /></EntityType>"
        ));
        let csdl = Csdl::parse("names.xml", &text).unwrap();
        assert_eq!(csdl.get("microsoft.graph.naïve").properties[0].name, "größe");
    }

    #[test]
    fn messages_show_schema_text_on_one_line_cut_and_escaped() {
        let long = format!("a{}", "b-".repeat(10_000));
        let text = document(&format!("<EntityType Name=\"{long}\" />"));
        let message = Csdl::parse("x.xml", &text).unwrap_err().to_string();
        assert!(message.len() < 400, "{message}");
        assert!(message.contains("…"), "{message}");
        let text = document("<EntityType Name=\"x&#10;y\u{202e}\" />");
        let message = Csdl::parse("x.xml", &text).unwrap_err().to_string();
        assert!(message.contains(r"`x\ny\u{202e}`"), "{message}");
    }

    /// `count` entity types, each deriving from the one before.
    fn chain_document(count: usize) -> String {
        let mut body = String::from(
            r#"<EntityType Name="t0"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" /></EntityType>"#,
        );
        for index in 1..count {
            body.push_str(&format!("\n<EntityType Name=\"t{index}\" BaseType=\"graph.t{}\" />", index - 1));
        }
        document(&body)
    }

    #[test]
    fn base_chains_are_bounded_and_loops_refused() {
        let limit = Limits::default().inheritance_depth;
        let csdl = Csdl::parse("chain.xml", &chain_document(limit)).unwrap();
        assert_eq!(csdl.chain(&format!("microsoft.graph.t{}", limit - 1)).len(), limit);
        assert_eq!(csdl.key_of(&format!("microsoft.graph.t{}", limit - 1)), ["id"]);
        for count in [limit + 1, 10_000] {
            let text = chain_document(count);
            let error = Csdl::parse("chain.xml", &text).unwrap_err();
            assert_eq!(error.element, "EntityType", "{error}");
            assert!(error.message.contains(&format!("more than {limit} types in its base chain")), "{error}");
            let named = error.message.split('`').nth(1).unwrap().to_owned();
            assert_eq!(error.line, line_of(&text, &format!("\"{named}\"")), "{error}");
        }
        let itself = document(r#"<EntityType Name="a" BaseType="graph.a" />"#);
        assert!(Csdl::parse("loop.xml", &itself).unwrap_err().message.contains("form a loop (a → a)"));
        let three = document(
            r#"<EntityType Name="a" BaseType="graph.c" /><EntityType Name="b" BaseType="graph.a" /><EntityType Name="c" BaseType="graph.b" />"#,
        );
        let error = Csdl::parse("loop.xml", &three).unwrap_err();
        assert!(error.message.contains("form a loop (a → c → b → a)"), "{error}");
    }

    #[test]
    fn documents_past_the_size_tag_and_nesting_limits_are_errors_where_they_are_crossed() {
        let small = Limits { document_bytes: 4_000, xml_tags: 100, xml_depth: 8, inheritance_depth: 64 };
        let text = document(BASICS);
        let fits = Limits { document_bytes: text.len(), xml_tags: 1_000, ..small };
        Csdl::parse_with_limits("fits.xml", &text, fits).unwrap();
        let cut = Limits { document_bytes: text.len() - 5, ..fits };
        let error = Csdl::parse_with_limits("big.xml", &text, cut).unwrap_err();
        assert_eq!(error.line, line_of(&text, "</edmx:Edmx>"), "{error}");
        assert!(error.message.contains(&format!("past {} bytes", text.len() - 5)), "{error}");

        let many = document(&"<Annotation Term=\"Core.Description\" String=\"x\" />\n".repeat(200));
        let error =
            Csdl::parse_with_limits("many.xml", &many, Limits { document_bytes: 1 << 20, ..small }).unwrap_err();
        // The 101st `<`: the XML declaration, the Edmx, DataServices and Schema tags, then the
        // 97th annotation (one a line).
        assert_eq!(error.line, line_of(&many, "<Annotation") + 96, "{error}");
        assert!(error.message.contains("more than 100 tags"), "{error}");

        let nested = document(&format!(
            "<Annotation Term=\"Core.Description\">{}{}</Annotation>",
            "<Record>".repeat(100_000),
            "</Record>".repeat(100_000)
        ));
        let error = Csdl::parse("deep.xml", &nested).unwrap_err();
        assert_eq!((error.element.as_str(), error.line), ("Record", line_of(&nested, "<Record>")), "{error}");
        assert!(error.message.contains("nest more than 64 deep"), "{error}");

        let dir = std::env::temp_dir().join(format!("msgraph-codegen-limits-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("big.xml");
        std::fs::write(&file, &text).unwrap();
        let error = Csdl::read_file_with_limits(&file, Limits { document_bytes: 100, ..fits }).unwrap_err();
        assert!(error.ends_with("big.xml:2: the document goes on past 100 bytes, the limit"), "{error}");
        std::fs::write(&file, b"<a>\n\xff</a>").unwrap();
        let error = Csdl::read_file(&file).unwrap_err();
        assert!(error.ends_with("big.xml:2: the document is not UTF-8 text"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
