//! What the generator decides for each selected type before writing it: its Rust
//! name and area, its fields (order, names, types, attributes), its paths, and
//! whether it gets an `Any…` enum.

use std::collections::{BTreeMap, BTreeSet};

use crate::areas;
use crate::corpus::Corpus;
use crate::csdl::{Csdl, Kind, Operation, OperationKind, TypeDef, TypeRef};
use crate::names::{self, FieldName, TypeNames};
use crate::select::{EntityPath, Selection, derived_types};

/// The namespace whose types keep their plain names.
pub const MAIN_NAMESPACE: &str = "microsoft.graph";

/// Properties that must be set on create, beyond `displayName` (required wherever it appears).
/// The schema does not say which are required; the seed page of ndesConnector does.
const REQUIRED_ON_CREATE: &[(&str, &[&str])] =
    &[("ndesConnector", &["lastConnectionDateTime", "state", "displayName"])];

pub struct Model<'c> {
    pub csdl: &'c Csdl,
    /// Bound type → the operations generated on it.
    pub operations: BTreeMap<String, Vec<OperationPlan<'c>>>,
    /// Operations of the selection that have no path to be bound through, by qualified name and binding.
    pub unreachable_operations: Vec<String>,
    pub selection: Selection,
    pub names: TypeNames,
    pub areas: BTreeMap<String, &'static str>,
    /// Types that get an `Any…` enum: derived types exist and a value may stand for them.
    pub polymorphic: BTreeSet<String>,
    pub corpus: Option<&'c Corpus>,
    /// Whether `Core.Computed` marks properties read-only (`--no-read-only` turns it off).
    pub read_only_from_schema: bool,
    /// (declaring type name, property): read-only as the docs' examples show it.
    inferred_read_only: BTreeSet<(String, String)>,
}

/// One field of a generated struct.
pub struct FieldPlan<'c> {
    pub property: &'c crate::csdl::Property,
    /// The type that declares the property (the struct's own, or a base type).
    pub declared_in: &'c TypeDef,
    pub name: FieldName,
    pub rust_type: String,
    pub key: bool,
    pub read_only: bool,
    pub required: bool,
}

/// One bound operation, as generated: its parameter struct and the bound type's function.
pub struct OperationPlan<'c> {
    pub operation: &'c Operation,
    /// The parameter struct: `DeviceConfigurationAssign`.
    pub ident: String,
    /// The bound type's function: `assign`.
    pub method: String,
    /// What the operation is bound through: an item path, a collection path or a singleton.
    pub path: String,
    /// The fields: name, and Rust type (with its `Option` when the parameter may be left out).
    pub fields: Vec<(FieldName, String)>,
    /// The `returns` of the derive attribute, and the Rust type it names, if any.
    pub returns: Option<(String, Option<String>)>,
}

/// Where an entity is reached.
#[derive(Default)]
pub struct Placement {
    /// Its collection, and whether that holds a base type's items (listing needs a cast).
    pub collection: Option<(String, bool)>,
    /// Other collections it can be created in: function name and path.
    pub create_at: Vec<(String, String)>,
    /// Places holding one value of it: name and path.
    pub singles: Vec<(String, String)>,
}

impl<'c> Model<'c> {
    pub fn new(
        csdl: &'c Csdl,
        selection: Selection,
        corpus: Option<&'c Corpus>,
        read_only_from_schema: bool,
    ) -> Model<'c> {
        let used = selection.used_polymorphically(csdl);
        let polymorphic: BTreeSet<String> = selection
            .types
            .iter()
            .filter(|name| {
                used.contains(*name)
                    && csdl.get(name).kind != Kind::Enum
                    && derived_types(csdl, name).iter().any(|derived| selection.types.contains(derived))
            })
            .cloned()
            .collect();
        let areas = areas::place(csdl, &selection);
        let plans: Vec<(String, String, String, Vec<&'static str>)> = selection
            .types
            .iter()
            .map(|name| {
                let ty = csdl.get(name);
                let mut companions = Vec::new();
                if polymorphic.contains(name) {
                    companions.push("Any");
                }
                if ty.kind == Kind::Entity {
                    companions.extend(["Property", "Patch", "Create"]);
                }
                (name.clone(), ty.name.clone(), ty.namespace.clone(), companions)
            })
            .collect();
        let area_modules: Vec<String> = areas::AREAS.iter().map(areas::Area::module).collect();
        let names = TypeNames::new(&plans, MAIN_NAMESPACE, &area_modules);
        let inferred_read_only = corpus.map(Corpus::read_only_properties).unwrap_or_default();
        let mut model = Model {
            csdl,
            operations: BTreeMap::new(),
            unreachable_operations: Vec::new(),
            selection,
            names,
            areas,
            polymorphic,
            corpus,
            read_only_from_schema,
            inferred_read_only,
        };
        model.plan_operations();
        model
    }

    /// Every idents the crate root exports: types and the derives' companions.
    fn exported_idents(&self) -> BTreeSet<String> {
        let mut idents = BTreeSet::new();
        for (name, ident) in &self.names.idents {
            idents.insert(ident.clone());
            if self.polymorphic.contains(name) {
                idents.insert(format!("Any{ident}"));
            }
            if self.csdl.get(name).kind == Kind::Entity {
                idents.extend([format!("{ident}Property"), format!("{ident}Patch"), format!("Create{ident}")]);
            }
        }
        idents
    }

    /// Names and paths of the bound operations: each goes on its binding type, through that
    /// type's item path, collection path or single place; an overload or a name the type's own
    /// functions take gets a suffix.
    fn plan_operations(&mut self) {
        let mut taken_idents = self.exported_idents();
        let mut plans: BTreeMap<String, Vec<OperationPlan<'c>>> = BTreeMap::new();
        for index in self.selection.operations.clone() {
            let operation = &self.csdl.operations[index];
            let binding = operation.binding.as_ref().expect("selected operations are bound");
            let bound = self.csdl.get(&binding.name);
            let placement = self.placement(bound);
            let path = if binding.collection {
                placement.collection.as_ref().map(|(collection, _)| collection.clone())
            } else if let Some((collection, _)) = &placement.collection {
                let taken: Vec<&str> = collection.split('/').collect();
                Some(format!("{collection}/{}", names::item_segment(&bound.name, &taken)))
            } else {
                placement.singles.first().map(|(_, path)| path.clone())
            };
            let qualified = format!("{}.{}", operation.namespace, operation.name);
            let Some(path) = path else {
                self.unreachable_operations.push(format!("{qualified} on {}", binding.name));
                continue;
            };
            let parameter_names: Vec<&str> =
                operation.parameters.iter().map(|parameter| parameter.name.as_str()).collect();
            let fields = operation
                .parameters
                .iter()
                .zip(names::fields(&parameter_names))
                .map(|(parameter, name)| {
                    let rust = self.parameter_type(operation.kind, &parameter.ty);
                    let required = operation.kind == OperationKind::Function && !parameter.optional;
                    (name, if required { rust } else { format!("Option<{rust}>") })
                })
                .collect();
            plans.entry(binding.name.clone()).or_default().push(OperationPlan {
                operation,
                ident: String::new(),
                method: String::new(),
                path,
                fields,
                returns: operation.return_type.as_ref().map(|returns| self.returns(returns)),
            });
        }
        for (bound, operations) in &mut plans {
            let ty = self.csdl.get(bound);
            let placement = self.placement(ty);
            let mut taken: BTreeSet<String> = ["create", "get", "list", "update", "delete"].map(str::to_owned).into();
            taken.extend(placement.create_at.iter().map(|(name, _)| name.clone()));
            for (name, _) in &placement.singles {
                taken.extend([format!("get_{name}"), format!("update_{name}")]);
            }
            // Fewer parameters first: the plain name goes to the simplest overload.
            operations.sort_by_key(|plan| {
                (
                    plan.operation.name.clone(),
                    plan.operation.binding.as_ref().is_some_and(|binding| binding.collection),
                    plan.fields.len(),
                )
            });
            for plan in operations.iter_mut() {
                let base = names::snake(&plan.operation.name);
                let base = if names::is_keyword(&base) { format!("{base}_") } else { base };
                let collection = plan.operation.binding.as_ref().is_some_and(|binding| binding.collection);
                let mut candidates = vec![base.clone()];
                if collection {
                    candidates.push(format!("{base}_for_collection"));
                }
                if let Some((first, _)) = plan.fields.first() {
                    candidates.push(format!("{base}_with_{}", first.ident.trim_start_matches("r#")));
                }
                let mut method =
                    candidates.iter().find(|candidate| !taken.contains(*candidate)).cloned().unwrap_or_default();
                let mut counter = 2;
                while method.is_empty() || taken.contains(&method) {
                    method = format!("{base}_{counter}");
                    counter += 1;
                }
                taken.insert(method.clone());
                // The struct is named after the function: `DeviceConfigurationAssign`,
                // `DeviceManagementGetEffectivePermissionsWithScope`, `…PublishCollection`.
                let bound_ident = self.ident(bound);
                let words: String = method.split('_').map(names::pascal).collect();
                let suffix = if collection && !method.ends_with("_for_collection") { "Collection" } else { "" };
                let base_ident = format!("{bound_ident}{words}{suffix}");
                let mut ident = base_ident.clone();
                let mut counter = 2;
                while !taken_idents.insert(ident.clone()) {
                    ident = format!("{base_ident}{counter}");
                    counter += 1;
                }
                plan.method = method;
                plan.ident = ident;
            }
        }
        self.operations = plans;
    }

    /// A parameter's Rust type: as a property's, but a function's complex value goes untyped
    /// (it is passed as JSON through a parameter alias).
    fn parameter_type(&self, kind: OperationKind, reference: &TypeRef) -> String {
        let complex = !reference.is_primitive() && self.csdl.get(&reference.name).kind != Kind::Enum;
        if kind == OperationKind::Function && complex { "UntypedValue".to_owned() } else { self.rust_type(reference) }
    }

    /// The derive's `returns` for a return type, and the Rust type it names.
    fn returns(&self, reference: &TypeRef) -> (String, Option<String>) {
        if reference.name == "Edm.Stream" {
            return ("returns(stream)".to_owned(), None);
        }
        let element = self.rust_type(&TypeRef { name: reference.name.clone(), collection: false });
        let object = !reference.is_primitive()
            && !crate::emit::is_untyped(&reference.name)
            && self.csdl.get(&reference.name).kind != Kind::Enum;
        let attribute = match (reference.collection, object) {
            (true, _) => format!("returns(collection = {element})"),
            (false, true) => format!("returns = {element}"),
            (false, false) => format!("returns(value = {element})"),
        };
        (attribute, Some(element))
    }

    pub fn ident(&self, name: &str) -> &str {
        &self.names.idents[name]
    }

    pub fn area(&self, name: &str) -> &'static str {
        self.areas[name]
    }

    /// The selected types, by area then name.
    pub fn types_by_area(&self) -> BTreeMap<&'static str, Vec<&'c TypeDef>> {
        let mut by_area: BTreeMap<&'static str, Vec<&TypeDef>> = BTreeMap::new();
        for name in &self.selection.types {
            by_area.entry(self.area(name)).or_default().push(self.csdl.get(name));
        }
        by_area
    }

    /// The Rust type of a value of `reference` (inside the field's `Option`).
    pub fn rust_type(&self, reference: &TypeRef) -> String {
        let element = if reference.is_primitive() {
            primitive(&reference.name).to_owned()
        } else if crate::emit::is_untyped(&reference.name) {
            "UntypedValue".to_owned()
        } else {
            let ty = self.csdl.get(&reference.name);
            let ident = self.ident(&reference.name);
            match ty.kind {
                Kind::Enum if ty.flags => format!("Flags<{ident}>"),
                Kind::Enum => ident.to_owned(),
                Kind::Complex | Kind::Entity if self.polymorphic.contains(&reference.name) => format!("Any{ident}"),
                Kind::Complex | Kind::Entity => ident.to_owned(),
            }
        };
        if reference.collection { format!("Vec<{element}>") } else { element }
    }

    /// The fields of a struct: every property of the type and its bases, in the docs'
    /// order where the corpus shows the type, else the base's properties first, each
    /// type's in schema order.
    pub fn fields(&self, ty: &'c TypeDef) -> Vec<FieldPlan<'c>> {
        let mut properties: Vec<(&'c crate::csdl::Property, &'c TypeDef)> = Vec::new();
        for owner in self.csdl.chain(&ty.full_name).into_iter().rev() {
            properties.extend(owner.properties.iter().map(|property| (property, owner)));
        }
        if let Some(order) = self.corpus.and_then(|corpus| corpus.property_order(&ty.name)) {
            let position = |name: &str| order.iter().position(|ordered| ordered == name).unwrap_or(usize::MAX);
            // Stable: properties the docs do not show keep their schema order, after the others.
            properties.sort_by_key(|(property, _)| position(&property.name));
        }
        let graph_names: Vec<&str> = properties.iter().map(|(property, _)| property.name.as_str()).collect();
        let field_names = names::fields(&graph_names);
        let key = self.csdl.key_of(&ty.full_name);
        let required: &[&str] = REQUIRED_ON_CREATE
            .iter()
            .find(|(entity, _)| *entity == ty.name)
            .map_or(&["displayName"], |(_, names)| *names);
        properties
            .into_iter()
            .zip(field_names)
            .map(|((property, declared_in), name)| {
                let is_key = ty.kind == Kind::Entity && key.first() == Some(&property.name);
                let read_only = ty.kind == Kind::Entity
                    && !is_key
                    && ((self.read_only_from_schema && property.computed)
                        || self.inferred_read_only.contains(&(declared_in.name.clone(), property.name.clone())));
                let required =
                    ty.kind == Kind::Entity && !is_key && !read_only && required.contains(&property.name.as_str());
                FieldPlan {
                    property,
                    declared_in,
                    name,
                    rust_type: self.rust_type(&property.ty),
                    key: is_key,
                    read_only,
                    required,
                }
            })
            .collect()
    }

    /// The paths of an entity: its own places and its base types', the shortest collection
    /// the primary one; a composite key has no item segment, so no collection.
    pub fn placement(&self, ty: &TypeDef) -> Placement {
        let mut placement = Placement::default();
        if ty.kind != Kind::Entity || self.csdl.key_of(&ty.full_name).len() != 1 {
            return self.singles_only(ty, placement);
        }
        let mut collections: Vec<&EntityPath> = self
            .csdl
            .chain(&ty.full_name)
            .into_iter()
            .filter_map(|owner| self.selection.paths.get(&owner.full_name))
            .flatten()
            .filter(|path| path.collection)
            .collect();
        // Shortest first; among equals, the one named after the type (`managedDevices` for
        // `managedDevice`, not `comanagedDevices`), then by text.
        let named_after = |path: &EntityPath| {
            !path.name.to_ascii_lowercase().starts_with(&self.csdl.get(&path.declared).name.to_ascii_lowercase())
        };
        collections.sort_by(|a, b| {
            (a.segments(), a.template.contains('{'), named_after(a), &a.template).cmp(&(
                b.segments(),
                b.template.contains('{'),
                named_after(b),
                &b.template,
            ))
        });
        collections.dedup_by(|a, b| a.template == b.template);
        // Where the docs create the entity, when they show it and the schema has it; else the shortest path.
        let documented = self.corpus.and_then(|corpus| corpus.create_path(&ty.name));
        if let Some(index) = collections.iter().position(|path| Some(path.template.as_str()) == documented) {
            let primary = collections.remove(index);
            collections.insert(0, primary);
        }
        if let Some((primary, others)) = collections.split_first() {
            placement.collection = Some((primary.template.clone(), primary.declared != ty.full_name));
            let mut taken = BTreeSet::new();
            for path in others {
                placement.create_at.push((create_fn_name(&path.template, &mut taken), path.template.clone()));
            }
        }
        self.singles_only(ty, placement)
    }

    fn singles_only(&self, ty: &TypeDef, mut placement: Placement) -> Placement {
        let mut singles: Vec<&EntityPath> =
            self.selection.paths.get(&ty.full_name).into_iter().flatten().filter(|path| !path.collection).collect();
        singles.sort_by(|a, b| (a.segments(), &a.template).cmp(&(b.segments(), &b.template)));
        let mut taken = BTreeSet::new();
        for path in singles {
            placement.singles.push((single_name(&path.template, &mut taken), path.template.clone()));
        }
        placement
    }

    /// The variants of an `Any…` enum: the type itself, then every selected derived type.
    pub fn polymorphic_variants(&self, name: &str) -> Vec<String> {
        std::iter::once(name.to_owned())
            .chain(derived_types(self.csdl, name).into_iter().filter(|derived| self.selection.types.contains(derived)))
            .collect()
    }
}

/// The Rust type of an OData primitive.
pub fn primitive(name: &str) -> &'static str {
    match name {
        "Edm.String" => "String",
        "Edm.Boolean" => "bool",
        "Edm.Byte" => "u8",
        "Edm.SByte" => "i8",
        "Edm.Int16" => "i16",
        "Edm.Int32" => "i32",
        "Edm.Int64" => "i64",
        // f64 holds every digit the service writes for a Single; f32 would round some away.
        "Edm.Single" | "Edm.Double" | "Edm.Decimal" => "f64",
        "Edm.Date" => "Date",
        "Edm.TimeOfDay" => "TimeOfDay",
        "Edm.Duration" => "Duration",
        "Edm.DateTimeOffset" => "DateTimeOffset",
        "Edm.Guid" => "Guid",
        // A stream property's value, when the service inlines it, is base64 like Binary.
        "Edm.Binary" | "Edm.Stream" => "Binary",
        "Edm.Untyped" => "UntypedValue",
        other => unreachable!("the reader refuses the primitive `{other}`"),
    }
}

/// `create_in_<segments after the first parameter>`, without `microsoft.graph.` casts or parameters.
fn create_fn_name(path: &str, taken: &mut BTreeSet<String>) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let first_parameter = segments.iter().position(|segment| segment.starts_with('{')).map_or(1, |index| index + 1);
    let words: Vec<String> = segments[first_parameter.min(segments.len())..]
        .iter()
        .filter(|segment| !segment.starts_with('{'))
        .map(|segment| names::snake(segment.rsplit('.').next().unwrap_or(segment)))
        .collect();
    unique(format!("create_in_{}", words.join("_")), taken)
}

/// The name of a single place: its last segment, with the ones before it when that is taken.
fn single_name(path: &str, taken: &mut BTreeSet<String>) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .map(|segment| names::snake(segment.rsplit('.').next().unwrap_or(segment)))
        .collect();
    for count in 1..=words.len() {
        let name = words[words.len() - count..].join("_");
        if !taken.contains(&name) {
            taken.insert(name.clone());
            return name;
        }
    }
    unique(words.join("_"), taken)
}

fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.clone();
    let mut counter = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{counter}");
        counter += 1;
    }
    name
}
