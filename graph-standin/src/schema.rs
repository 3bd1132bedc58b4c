//! The schema the stand-in answers by: a `$metadata` document read with msgraph-codegen's
//! CSDL reader, indexed for the questions a request asks (what does this segment name, is
//! this type derived from that one, which operations are bound here).
//!
//! A document is read once per process and shared: [`Schema::load`] keeps every file it
//! has read (by path, size and modification time), so a test suite that starts a stand-in
//! per test parses the 1.4 MB Intune schema once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use msgraph_codegen::csdl::{Csdl, Kind, Operation, OperationKind, TypeRef};

use crate::error::StandInError;

/// The environment variable naming a `$metadata` file to answer by.
pub const METADATA_VAR: &str = "MSGRAPH_STANDIN_METADATA";

/// The folder of this project's schema files (`intune-beta.csdl.xml`), as its tests name it.
pub const SCHEMA_DIR_VAR: &str = "GRAPH_SCHEMA_DIR";

/// The file name of the Intune beta schema, looked for in [`SCHEMA_DIR_VAR`] and in
/// `shared/schema/` beside the working directory or one of its parents.
pub const INTUNE_BETA_FILE: &str = "intune-beta.csdl.xml";

/// A `$metadata` document, read and indexed. Shared between stand-ins through an `Arc`.
pub struct Schema {
    /// Where it was read from, for messages.
    source: String,
    /// The document itself, served at `/$metadata`.
    text: String,
    types: HashMap<String, TypeInfo>,
    roots: HashMap<String, Root>,
    operations: Vec<Operation>,
    /// (binding type, bound to a collection) → indexes into `operations`.
    bound: HashMap<(String, bool), Vec<usize>>,
}

/// A schema read by this process: the size and modification time of its file, and the schema.
type CachedSchema = (u64, Option<SystemTime>, Arc<Schema>);

/// A singleton or entity set of the entity container.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    pub ty: String,
    pub collection: bool,
}

/// A type with everything it inherits, resolved once.
#[derive(Debug)]
pub(crate) struct TypeInfo {
    /// `microsoft.graph.ndesConnector`.
    pub name: String,
    pub kind: Kind,
    /// Declared `Abstract`: no value is of exactly this type.
    pub is_abstract: bool,
    /// A value of it must say its type in `@odata.type` (see [`Schema::parse`]).
    pub needs_odata_type: bool,
    pub open: bool,
    pub key: Vec<String>,
    /// Its own and its bases' properties.
    pub properties: HashMap<String, PropertyInfo>,
    pub navigation: HashMap<String, NavigationInfo>,
    /// Enum members, in order.
    pub members: Vec<String>,
    pub flags: bool,
    /// The type, then its bases.
    pub chain: Vec<String>,
    /// Every type derived from it, at any depth.
    pub derived: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct PropertyInfo {
    pub ty: TypeRef,
    pub nullable: bool,
    /// Set by the service only: `Org.OData.Core.V1.Computed`, or a creation/modification stamp.
    pub read_only: bool,
    pub stamp: Option<Stamp>,
}

/// A timestamp the stand-in keeps, as the service does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// Set on create.
    Created,
    /// Set on create and on every update.
    Modified,
}

#[derive(Debug, Clone)]
pub(crate) struct NavigationInfo {
    pub ty: TypeRef,
    pub contained: bool,
}

/// The names of the stamps the service keeps (`Edm.DateTimeOffset` properties of entities).
const STAMPS: &[(&str, Stamp)] = &[
    ("createdDateTime", Stamp::Created),
    ("createdAtDateTime", Stamp::Created),
    ("lastModifiedDateTime", Stamp::Modified),
    ("modifiedDateTime", Stamp::Modified),
];

impl Schema {
    /// Reads `path`, or returns the copy already read by this process (same path, size and
    /// modification time).
    pub fn load(path: &Path) -> Result<Arc<Schema>, StandInError> {
        static CACHE: OnceLock<Mutex<HashMap<PathBuf, CachedSchema>>> = OnceLock::new();
        let metadata = std::fs::metadata(path)
            .map_err(|error| StandInError::Schema(format!("cannot read the schema {}: {error}", path.display())))?;
        let stamp = (metadata.len(), metadata.modified().ok());
        let key = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let cache = CACHE.get_or_init(Default::default);
        if let Some((len, modified, schema)) = cache.lock().unwrap_or_else(|poison| poison.into_inner()).get(&key)
            && (*len, *modified) == stamp
        {
            return Ok(schema.clone());
        }
        let text = std::fs::read_to_string(path)
            .map_err(|error| StandInError::Schema(format!("cannot read the schema {}: {error}", path.display())))?;
        let schema = Arc::new(Schema::parse(&path.display().to_string(), text)?);
        cache.lock().unwrap_or_else(|poison| poison.into_inner()).insert(key, (stamp.0, stamp.1, schema.clone()));
        Ok(schema)
    }

    /// Where the stand-in finds its schema when none is given: the file named by
    /// `$MSGRAPH_STANDIN_METADATA`, else `$GRAPH_SCHEMA_DIR/intune-beta.csdl.xml`, else
    /// `shared/schema/intune-beta.csdl.xml` in the working directory or one of its parents
    /// (this project keeps its data in `../shared`, beside the workspace).
    ///
    /// A `$GRAPH_SCHEMA_DIR` that is set is the only folder looked in, as in this project's
    /// tests: a folder named on purpose is never replaced by another one found nearby (and
    /// `GRAPH_SCHEMA_DIR=/nonexistent` shows what runs without the schema).
    pub fn locate() -> Result<PathBuf, StandInError> {
        let mut tried = Vec::new();
        if let Some(file) = std::env::var_os(METADATA_VAR) {
            return Ok(PathBuf::from(file));
        }
        tried.push(format!("${METADATA_VAR} (not set)"));
        if let Some(dir) = std::env::var_os(SCHEMA_DIR_VAR) {
            let path = PathBuf::from(dir).join(INTUNE_BETA_FILE);
            if path.exists() {
                return Ok(path);
            }
            tried.push(format!("{} (${SCHEMA_DIR_VAR})", path.display()));
        } else if let Ok(current) = std::env::current_dir() {
            for dir in current.ancestors() {
                let path = dir.join("shared/schema").join(INTUNE_BETA_FILE);
                if path.exists() {
                    return Ok(path);
                }
            }
            tried.push(format!("shared/schema/{INTUNE_BETA_FILE} in {} and its parents", current.display()));
        }
        Err(StandInError::Schema(format!(
            "no $metadata document given and none found (tried {}); give one with `--metadata FILE`, \
             `StandIn::builder().metadata(path)` or ${METADATA_VAR}",
            tried.join(", ")
        )))
    }

    /// Reads a `$metadata` document held in memory; `source` names it in messages.
    ///
    /// A value of an abstract type must name a concrete type in `@odata.type`. A document that
    /// marks no type abstract but `entity` (this project's reconstructed beta schema cannot
    /// know) has every value of a type with derived types name its type too: the service
    /// refuses to create a `deviceConfiguration` without a concrete `@odata.type` ("Cannot
    /// create an abstract class"), and so does the stand-in.
    pub fn parse(source: &str, text: String) -> Result<Schema, StandInError> {
        let csdl = Csdl::parse(source, &text).map_err(|error| StandInError::Schema(error.to_string()))?;
        let declared_abstract = csdl.types.values().filter(|ty| ty.is_abstract && ty.name != "entity").count();
        let bases_are_abstract = declared_abstract == 0;
        let mut types = HashMap::new();
        for name in csdl.types.keys() {
            types.insert(name.clone(), type_info(&csdl, name, bases_are_abstract));
        }
        let mut roots = HashMap::new();
        for singleton in &csdl.singletons {
            roots.insert(singleton.name.clone(), Root { ty: singleton.ty.clone(), collection: false });
        }
        for set in &csdl.entity_sets {
            roots.insert(set.name.clone(), Root { ty: set.ty.clone(), collection: true });
        }
        let mut bound: HashMap<(String, bool), Vec<usize>> = HashMap::new();
        for (index, operation) in csdl.operations.iter().enumerate() {
            if let Some(binding) = &operation.binding {
                bound.entry((binding.name.clone(), binding.collection)).or_default().push(index);
            }
        }
        Ok(Schema { source: source.to_owned(), text, types, roots, operations: csdl.operations, bound })
    }

    /// Where the document was read from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The document, as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many entity, complex and enum types it declares.
    pub fn type_count(&self) -> usize {
        self.types.len()
    }

    /// How many bound actions and functions it declares.
    pub fn bound_operation_count(&self) -> usize {
        self.operations.iter().filter(|operation| operation.binding.is_some()).count()
    }

    /// The names of its singletons and entity sets.
    pub fn root_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.roots.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    pub(crate) fn root(&self, name: &str) -> Option<&Root> {
        self.roots.get(name)
    }

    pub(crate) fn ty(&self, name: &str) -> Option<&TypeInfo> {
        self.types.get(name)
    }

    /// A type checked when the document was read.
    pub(crate) fn known(&self, name: &str) -> &TypeInfo {
        self.types.get(name).unwrap_or_else(|| panic!("checked when read: `{name}` is declared"))
    }

    pub(crate) fn operation(&self, index: usize) -> &Operation {
        &self.operations[index]
    }

    /// A type named in a request: `#microsoft.graph.x`, `microsoft.graph.x` or `#graph.x`.
    pub(crate) fn type_named(&self, text: &str) -> Option<&TypeInfo> {
        let name = text.strip_prefix('#').unwrap_or(text);
        self.types
            .get(name)
            .or_else(|| name.strip_prefix("graph.").and_then(|rest| self.types.get(&format!("microsoft.graph.{rest}"))))
    }

    /// Whether `ty` is `base` or derived from it.
    pub(crate) fn derives_from(&self, ty: &str, base: &str) -> bool {
        self.types.get(ty).is_some_and(|info| info.chain.iter().any(|name| name == base))
    }

    /// The property `name` of `ty`, or else of a type derived from it (a collection of a base
    /// type holds derived values, and Graph lets `$select` and `$filter` name their properties).
    pub(crate) fn property_in_family(&self, ty: &str, name: &str) -> Option<&PropertyInfo> {
        let info = self.types.get(ty)?;
        info.properties.get(name).or_else(|| {
            info.derived.iter().find_map(|derived| self.types.get(derived).and_then(|d| d.properties.get(name)))
        })
    }

    /// The navigation property `name` of `ty`, or else of a type derived from it.
    pub(crate) fn navigation_in_family(&self, ty: &str, name: &str) -> Option<&NavigationInfo> {
        let info = self.types.get(ty)?;
        info.navigation.get(name).or_else(|| {
            info.derived.iter().find_map(|derived| self.types.get(derived).and_then(|d| d.navigation.get(name)))
        })
    }

    /// The operations named `name` bound to `ty` (or a base of it), on a collection or a
    /// single value: those of the most derived binding. Failing those, the ones bound to a
    /// type derived from `ty` (Graph reaches them without a cast segment; the call then
    /// checks the entity's own type).
    pub(crate) fn bound_operations(&self, ty: &str, collection: bool, name: &str) -> Vec<usize> {
        let Some(info) = self.types.get(ty) else { return Vec::new() };
        let (namespace, short) = match name.rsplit_once('.') {
            Some((namespace, short)) => (Some(namespace), short),
            None => (None, name),
        };
        let mut found = Vec::new();
        for binding in info.chain.iter().chain(&info.derived) {
            for &index in self.bound.get(&(binding.clone(), collection)).into_iter().flatten() {
                let operation = &self.operations[index];
                let namespace_matches = namespace.is_none_or(|namespace| {
                    namespace == operation.namespace
                        || (namespace == "graph" && operation.namespace == "microsoft.graph")
                });
                if operation.name == short && namespace_matches {
                    found.push(index);
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        found
    }

    /// Whether a kind of value is an action or a function, for messages.
    pub(crate) fn operation_kind_name(kind: OperationKind) -> &'static str {
        match kind {
            OperationKind::Action => "action",
            OperationKind::Function => "function",
        }
    }
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("source", &self.source)
            .field("types", &self.types.len())
            .field("roots", &self.root_names())
            .field("operations", &self.operations.len())
            .finish()
    }
}

fn type_info(csdl: &Csdl, name: &str, bases_are_abstract: bool) -> TypeInfo {
    let chain = csdl.chain(name);
    let own = chain[0];
    let derived = msgraph_codegen::select::derived_types(csdl, name);
    let mut properties = HashMap::new();
    let mut navigation = HashMap::new();
    // Base first, so a redeclaration in a derived type wins.
    for ty in chain.iter().rev() {
        for property in &ty.properties {
            let stamp =
                if own.kind == Kind::Entity && property.ty.name == "Edm.DateTimeOffset" && !property.ty.collection {
                    STAMPS.iter().find(|(stamp_name, _)| *stamp_name == property.name).map(|(_, stamp)| *stamp)
                } else {
                    None
                };
            properties.insert(
                property.name.clone(),
                PropertyInfo {
                    ty: property.ty.clone(),
                    nullable: property.nullable,
                    read_only: property.computed || stamp.is_some(),
                    stamp,
                },
            );
        }
        for nav in &ty.navigation {
            navigation.insert(nav.name.clone(), NavigationInfo { ty: nav.ty.clone(), contained: nav.contains_target });
        }
    }
    let needs_odata_type = own.is_abstract || (bases_are_abstract && own.kind != Kind::Enum && !derived.is_empty());
    TypeInfo {
        name: own.full_name.clone(),
        kind: own.kind,
        is_abstract: own.is_abstract,
        needs_odata_type,
        open: chain.iter().any(|ty| ty.open),
        key: csdl.key_of(name),
        properties,
        navigation,
        members: own.members.iter().map(|member| member.name.clone()).collect(),
        flags: own.flags,
        chain: chain.iter().map(|ty| ty.full_name.clone()).collect(),
        derived,
    }
}

/// A short summary for messages: `microsoft.graph.ndesConnector` → `ndesConnector`.
pub(crate) fn short_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

/// The types a value of `ty` can be created as, the most specific first: the types without
/// a type derived from them, then those that need no `@odata.type` and are not abstract.
pub(crate) fn concrete_types<'a>(schema: &'a Schema, ty: &'a TypeInfo) -> Vec<&'a str> {
    let family = std::iter::once(ty).chain(ty.derived.iter().filter_map(|name| schema.ty(name)));
    let (leaves, others): (Vec<&TypeInfo>, Vec<&TypeInfo>) =
        family.filter(|info| !info.is_abstract).partition(|info| info.derived.is_empty());
    leaves.into_iter().chain(others).map(|info| info.name.as_str()).collect()
}
