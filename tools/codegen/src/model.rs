//! The resolved model: everything the generator decides, computed once, before anything is
//! written. For each selected type: its Rust name, module and area; for an enum its variants;
//! for a struct its fields (order, names, Rust types as values, roles), its places (entities),
//! its `Any…` enum and its bound operations. `emit` only turns this into code.

use std::collections::{BTreeMap, BTreeSet};

use msgraph_names::{Companion, RustName, TypeNames, TypeToName};

use crate::areas::{self, Area};
use crate::corpus::Corpus;
use crate::csdl::{Csdl, Kind, Navigation, Operation, OperationKind, Parameter, Property, TypeDef, TypeRef};
use crate::primitives::{self, Primitive};
use crate::select::{EntityPath, Selection, derived_types};

/// The namespace whose types keep their plain names.
pub const MAIN_NAMESPACE: &str = "microsoft.graph";

/// The schema's name for "any JSON value": not a struct of its own.
const UNTYPED_JSON: &str = "microsoft.graph.Json";

/// What a create request needs, by the type that declares it (and every type derived from it),
/// beyond `displayName`, which is required wherever it appears. The schema does not say;
/// each row says where it is known from.
const REQUIRED_ON_CREATE: &[(&str, &[&str])] = &[
    // The seed page, "Create ndesConnector".
    ("ndesConnector", &["lastConnectionDateTime", "state", "displayName"]),
    // Settings catalog: the service refuses a policy without a name, its platforms and technologies,
    // and its settings (the admin center, IntuneManagement and the Terraform provider all send them).
    ("deviceManagementConfigurationPolicy", &["name", "platforms", "technologies", "settings"]),
    // Its scheduled actions go inline too, but the real exports show policies without them.
    ("deviceManagementCompliancePolicy", &["name", "platforms", "technologies", "settings"]),
    // "Create deviceCompliancePolicy": a compliance policy is created with its scheduled actions
    // (at least the block action), which the service requires.
    ("deviceCompliancePolicy", &["displayName", "scheduledActionsForRule"]),
];

/// Contained navigation properties the service accepts inline in a create request (deep insert),
/// by the type that declares them: their values get a builder setter and go in create bodies.
/// The schema has no `Capabilities.DeepInsertSupport`; each row says where it is known from.
const DEEP_INSERT: &[(&str, &str)] = &[
    // Settings catalog policies: the admin center creates them with their settings inline, as
    // IntuneManagement, IntuneCD and the Terraform provider restore them (the real exports show it).
    ("deviceManagementConfigurationPolicy", "settings"),
    ("deviceManagementCompliancePolicy", "settings"),
    ("deviceManagementCompliancePolicy", "scheduledActionsForRule"),
    ("deviceManagementComplianceScheduledActionForRule", "scheduledActionConfigurations"),
    // Compliance policies are created with their scheduled actions (the exports carry them).
    ("deviceCompliancePolicy", "scheduledActionsForRule"),
    ("deviceComplianceScheduledActionForRule", "scheduledActionConfigurations"),
    // The docs' "Create macOSGeneralDeviceConfiguration" example sends them inline.
    ("macOSGeneralDeviceConfiguration", "privacyAccessControls"),
];

/// The collection an entity's `create`, `get`, `list`, `update` and `delete` use, where the
/// shortest path is not the one users work with (the others stay reachable, see `create_at`).
const PRIMARY_COLLECTION: &[(&str, &str)] = &[
    // A settings-catalog setting lives in its policy (what backups, restores and the admin center
    // read and write), not in the targeted managed app configurations that also hold settings.
    (
        "deviceManagementConfigurationSetting",
        "/deviceManagement/configurationPolicies/{deviceManagementConfigurationPolicyId}/settings",
    ),
];

/// Properties the service sets, by name, where the schema does not say so with
/// `Org.OData.Core.V1.Computed`: it stamps these timestamps and counts on every entity that has
/// them (the real exports show them on every object; the docs' create examples never send them).
/// They get no builder or patch setter and stay out of requests. (`version` is not one: the docs'
/// create examples send it.)
const SET_BY_THE_SERVICE: &[&str] = &["createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned"];

/// The generator's decisions, for every selected type.
pub struct Model<'c> {
    pub csdl: &'c Csdl,
    pub selection: Selection,
    /// Every generated type by full name.
    pub types: BTreeMap<String, TypeEntry<'c>>,
    /// Bound operations that have no path to be bound through, by qualified name and binding.
    pub unreachable_operations: Vec<String>,
}

/// One generated type.
pub struct TypeEntry<'c> {
    pub def: &'c TypeDef,
    /// `NdesConnector`.
    pub ident: String,
    /// Its file, in its area's folder: `ndes_connector`.
    pub module: String,
    pub area: &'static Area,
    /// The area features whose types reach it: it is compiled when one of them is on.
    pub features: BTreeSet<&'static str>,
    /// The Graph names of its base types, nearest first.
    pub bases: Vec<String>,
    pub item: TypeItem<'c>,
}

pub enum TypeItem<'c> {
    Enum(Vec<EnumVariant<'c>>),
    Struct(StructPlan<'c>),
}

/// An enum member and its variant.
pub struct EnumVariant<'c> {
    pub member: &'c str,
    pub name: RustName,
}

/// An entity or complex type.
pub struct StructPlan<'c> {
    /// The type's own properties and its bases', in the order they are written.
    pub fields: Vec<FieldPlan<'c>>,
    /// Where an entity is reached (`None` for a complex type).
    pub placement: Option<Placement>,
    /// The variants of its `Any…` enum, when it has derived types a value may hold.
    pub polymorphic: Option<Vec<PolymorphicVariant>>,
    /// The operations bound to it.
    pub operations: Vec<OperationPlan<'c>>,
}

/// What a field is for the derive.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldRole {
    Key,
    ReadOnly,
    Required,
    Optional,
    /// A navigation property: read when expanded; written in a create request only when the
    /// service takes it inline (`deep_insert`), and then maybe `required`.
    Navigation {
        deep_insert: bool,
        required: bool,
    },
}

/// One field of a generated struct: a property, or a navigation property.
pub struct FieldPlan<'c> {
    /// The Graph name.
    pub graph_name: &'c str,
    /// The schema's type of the property.
    pub schema_type: &'c TypeRef,
    /// Whether the schema lets the value be `null`.
    pub nullable: bool,
    /// Whether it is a navigation property that the value contains (not a reference).
    pub contained: Option<bool>,
    /// The type that declares the property (the struct's own, or a base type).
    pub declared_in: &'c TypeDef,
    pub name: RustName,
    /// The type inside the field's `Option`.
    pub rust_type: RustType,
    pub role: FieldRole,
}

/// A variant of an `Any…` enum: the type itself or a derived type.
pub struct PolymorphicVariant {
    /// The variant's name, its held type's identifier.
    pub ident: String,
    /// The Graph name of the type.
    pub graph_name: String,
    /// The area features that compile the held type: a variant whose type the enum's features do
    /// not all compile is `#[cfg]`-ed.
    pub features: BTreeSet<&'static str>,
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

/// One bound operation, as generated: its parameter struct and the bound type's function.
pub struct OperationPlan<'c> {
    pub operation: &'c Operation,
    /// The parameter struct: `DeviceConfigurationAssign`.
    pub ident: String,
    /// The bound type's function: `assign`.
    pub method: String,
    /// What the operation is bound through: an item path, a collection path or a singleton.
    pub path: String,
    pub parameters: Vec<ParameterPlan<'c>>,
    pub returns: Option<Returns>,
}

/// One parameter of an operation, a field of its struct.
pub struct ParameterPlan<'c> {
    pub parameter: &'c Parameter,
    pub name: RustName,
    pub rust_type: RustType,
    /// Whether the field is an `Option` (the parameter may be left out).
    pub optional: bool,
}

/// What an operation's success reads as.
pub enum Returns {
    Stream,
    /// An entity or complex value.
    Object(RustType),
    /// A primitive or an enum, as `{"value": …}`.
    Value(RustType),
    Collection(RustType),
}

/// A Rust type, as a value: what `emit` writes and what a file imports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    Primitive(&'static Primitive),
    /// A generated type, by identifier.
    Model(String),
    /// `Flags<E>` of a flags enum.
    Flags(String),
    Collection(Box<RustType>),
    /// `Box<T>`: a single-valued navigation property, whose types may hold each other.
    Boxed(Box<RustType>),
}

impl RustType {
    /// The identifiers this type names: generated types, and the runtime's (`Flags`, `Guid`, …).
    pub fn names(&self, runtime: &mut BTreeSet<&'static str>, models: &mut BTreeSet<String>) {
        match self {
            RustType::Primitive(primitive) if primitive.from_runtime => {
                runtime.insert(primitive.rust);
            }
            RustType::Primitive(_) => {}
            RustType::Model(ident) => {
                models.insert(ident.clone());
            }
            RustType::Flags(ident) => {
                runtime.insert("Flags");
                models.insert(ident.clone());
            }
            RustType::Collection(element) | RustType::Boxed(element) => element.names(runtime, models),
        }
    }
}

impl<'c> Model<'c> {
    pub fn new(
        csdl: &'c Csdl,
        selection: Selection,
        corpus: Option<&'c Corpus>,
        read_only_from_schema: bool,
    ) -> Model<'c> {
        let resolver = Resolver::new(csdl, &selection, corpus, read_only_from_schema);
        let mut types = BTreeMap::new();
        for name in selection.types.iter().filter(|name| *name != UNTYPED_JSON) {
            types.insert(name.clone(), resolver.entry(name));
        }
        let (operations, unreachable_operations) = resolver.operations(&types);
        for (bound, plans) in operations {
            if let Some(TypeEntry { item: TypeItem::Struct(plan), .. }) = types.get_mut(&bound) {
                plan.operations = plans;
            }
        }
        Model { csdl, selection, types, unreachable_operations }
    }

    /// The generated types of each area, by area then name.
    pub fn types_by_area(&self) -> BTreeMap<&'static str, Vec<&TypeEntry<'c>>> {
        let mut by_area: BTreeMap<&'static str, Vec<&TypeEntry<'c>>> = BTreeMap::new();
        for entry in self.types.values() {
            by_area.entry(entry.area.feature).or_default().push(entry);
        }
        by_area
    }

    /// How many bound operations are generated.
    pub fn generated_operations(&self) -> usize {
        self.types
            .values()
            .map(|entry| match &entry.item {
                TypeItem::Struct(plan) => plan.operations.len(),
                TypeItem::Enum(_) => 0,
            })
            .sum()
    }
}

/// What the model is computed from, and the decisions every type shares.
struct Resolver<'c, 's> {
    csdl: &'c Csdl,
    selection: &'s Selection,
    corpus: Option<&'c Corpus>,
    read_only_from_schema: bool,
    /// (declaring type name, property): read-only as the docs' examples show it.
    inferred_read_only: BTreeSet<(String, String)>,
    /// Types that get an `Any…` enum: derived types exist and a value may stand for them.
    polymorphic: BTreeSet<String>,
    placement: areas::Placement,
    names: TypeNames,
}

impl<'c, 's> Resolver<'c, 's> {
    fn new(csdl: &'c Csdl, selection: &'s Selection, corpus: Option<&'c Corpus>, read_only_from_schema: bool) -> Self {
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
        let to_name: Vec<TypeToName> = selection
            .types
            .iter()
            .map(|name| {
                let ty = csdl.get(name);
                let mut companions = Vec::new();
                if polymorphic.contains(name) {
                    companions.push(Companion::Any);
                }
                if ty.kind == Kind::Entity {
                    companions.extend([
                        Companion::Property,
                        Companion::Navigation,
                        Companion::Patch,
                        Companion::Create,
                    ]);
                }
                TypeToName {
                    full_name: name.clone(),
                    name: ty.name.clone(),
                    namespace: ty.namespace.clone(),
                    companions,
                }
            })
            .collect();
        let area_modules: Vec<String> = areas::AREAS.iter().map(Area::module).collect();
        Resolver {
            csdl,
            selection,
            corpus,
            read_only_from_schema,
            inferred_read_only: corpus.map(Corpus::read_only_properties).unwrap_or_default(),
            polymorphic,
            placement: areas::place(csdl, selection),
            names: TypeNames::new(&to_name, MAIN_NAMESPACE, &area_modules),
        }
    }

    fn ident(&self, name: &str) -> &str {
        &self.names.idents[name]
    }

    fn area(&self, name: &str) -> &'static Area {
        areas::area(self.placement.home[name])
    }

    fn entry(&self, name: &str) -> TypeEntry<'c> {
        let def = self.csdl.get(name);
        let item = match def.kind {
            Kind::Enum => {
                let members: Vec<&str> = def.members.iter().map(|member| member.name.as_str()).collect();
                let names = msgraph_names::variants(&members, msgraph_names::UNRECOGNIZED_VARIANT);
                TypeItem::Enum(
                    def.members
                        .iter()
                        .zip(names)
                        .map(|(member, name)| EnumVariant { member: &member.name, name })
                        .collect(),
                )
            }
            Kind::Entity | Kind::Complex => TypeItem::Struct(StructPlan {
                fields: self.fields(def),
                placement: (def.kind == Kind::Entity).then(|| self.placement(def)),
                polymorphic: self.polymorphic.contains(name).then(|| self.polymorphic_variants(name)),
                operations: Vec::new(),
            }),
        };
        TypeEntry {
            def,
            ident: self.ident(name).to_owned(),
            module: self.names.modules[name].clone(),
            area: self.area(name),
            features: self.placement.reached_by[name].clone(),
            bases: self.csdl.chain(name).iter().skip(1).map(|base| base.name.clone()).collect(),
            item,
        }
    }

    /// The Rust type of a value of `reference` (inside the field's `Option`).
    fn rust_type(&self, reference: &TypeRef) -> RustType {
        let element = if reference.is_primitive() {
            RustType::Primitive(primitives::primitive(&reference.name).expect("the reader accepts known primitives"))
        } else if reference.name == UNTYPED_JSON {
            RustType::Primitive(primitives::untyped())
        } else {
            let ty = self.csdl.get(&reference.name);
            let ident = self.ident(&reference.name).to_owned();
            match ty.kind {
                Kind::Enum if ty.flags => RustType::Flags(ident),
                Kind::Enum => RustType::Model(ident),
                Kind::Complex | Kind::Entity if self.polymorphic.contains(&reference.name) => {
                    RustType::Model(Companion::Any.name(&ident))
                }
                Kind::Complex | Kind::Entity => RustType::Model(ident),
            }
        };
        if reference.collection { RustType::Collection(Box::new(element)) } else { element }
    }

    /// The Rust type of a navigation property's value: its target (`Any…` where it has derived
    /// types), boxed when single; untyped JSON when the target is not compiled with the owner (a
    /// reference to a part of the schema not generated, or a root's navigation into the
    /// collections of other areas).
    fn navigation_type(&self, owner: &str, reference: &TypeRef) -> RustType {
        if !self.selection.types.contains(&reference.name) || !self.placement.typed_navigation(owner, &reference.name) {
            let untyped = RustType::Primitive(primitives::untyped());
            return if reference.collection { RustType::Collection(Box::new(untyped)) } else { untyped };
        }
        match self.rust_type(reference) {
            collection @ RustType::Collection(_) => collection,
            single => RustType::Boxed(Box::new(single)),
        }
    }

    /// The fields of a struct: every property of the type and its bases, in the docs'
    /// order where the corpus shows the type, else the base's properties first, each
    /// type's in schema order; then every navigation property, the base's first.
    fn fields(&self, ty: &'c TypeDef) -> Vec<FieldPlan<'c>> {
        let chain = self.csdl.chain(&ty.full_name);
        let mut properties: Vec<(&'c Property, &'c TypeDef)> = Vec::new();
        for owner in chain.iter().rev() {
            properties.extend(owner.properties.iter().map(|property| (property, *owner)));
        }
        if let Some(order) = self.corpus.and_then(|corpus| corpus.property_order(&ty.name)) {
            let position = |name: &str| order.iter().position(|ordered| ordered == name).unwrap_or(usize::MAX);
            // Stable: properties the docs do not show keep their schema order, after the others.
            properties.sort_by_key(|(property, _)| position(&property.name));
        }
        let navigations: Vec<(&'c Navigation, &'c TypeDef)> = chain
            .iter()
            .rev()
            .flat_map(|owner| owner.navigation.iter().map(move |navigation| (navigation, *owner)))
            .collect();
        let graph_names: Vec<&str> = properties
            .iter()
            .map(|(property, _)| property.name.as_str())
            .chain(navigations.iter().map(|(navigation, _)| navigation.name.as_str()))
            .collect();
        let mut names = msgraph_names::fields(&graph_names).into_iter();
        let entity = ty.kind == Kind::Entity;
        let key = self.csdl.key_of(&ty.full_name);
        let required = |name: &str| {
            let listed = chain.iter().any(|owner| {
                REQUIRED_ON_CREATE.iter().any(|(declaring, names)| *declaring == owner.name && names.contains(&name))
            });
            entity && (listed || name == "displayName")
        };
        let mut fields = Vec::new();
        for (property, declared_in) in properties {
            let role = if entity && key.first() == Some(&property.name) {
                FieldRole::Key
            } else if entity && self.set_by_the_service(property, declared_in) {
                FieldRole::ReadOnly
            } else if required(&property.name) {
                FieldRole::Required
            } else {
                FieldRole::Optional
            };
            fields.push(FieldPlan {
                graph_name: &property.name,
                schema_type: &property.ty,
                nullable: property.nullable,
                contained: None,
                declared_in,
                name: names.next().expect("a name per property"),
                rust_type: self.property_type(ty, property),
                role,
            });
        }
        for (navigation, declared_in) in navigations {
            let deep_insert = navigation.contains_target
                && chain.iter().any(|owner| DEEP_INSERT.contains(&(owner.name.as_str(), navigation.name.as_str())));
            fields.push(FieldPlan {
                graph_name: &navigation.name,
                schema_type: &navigation.ty,
                nullable: true,
                contained: Some(navigation.contains_target),
                declared_in,
                name: names.next().expect("a name per navigation property"),
                rust_type: self.navigation_type(&ty.full_name, &navigation.ty),
                role: FieldRole::Navigation { deep_insert, required: deep_insert && required(&navigation.name) },
            });
        }
        fields
    }

    /// The Rust type of a property's value: as [`Resolver::rust_type`], boxed where the value
    /// would hold its own type by value (`Option<T>` inside `T`, directly or through other
    /// single-valued properties), which would make the struct infinitely large.
    fn property_type(&self, owner: &TypeDef, property: &Property) -> RustType {
        let rust_type = self.rust_type(&property.ty);
        if !property.ty.collection && self.holds_by_value(&property.ty.name, &owner.full_name) {
            RustType::Boxed(Box::new(rust_type))
        } else {
            rust_type
        }
    }

    /// Whether a value of `from` holds a value of `target` inline: through single-valued
    /// properties of struct types (collections and `Any…` enums hold theirs on the heap).
    fn holds_by_value(&self, from: &str, target: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(name) = stack.pop() {
            if name == target {
                return true;
            }
            let Some(ty) = self.csdl.types.get(name) else { continue };
            if ty.kind == Kind::Enum || self.polymorphic.contains(name) || !seen.insert(name) {
                continue;
            }
            for owner in self.csdl.chain(name) {
                stack.extend(
                    owner
                        .properties
                        .iter()
                        .filter(|property| !property.ty.collection && !property.ty.is_primitive())
                        .map(|property| property.ty.name.as_str()),
                );
            }
        }
        false
    }

    /// Whether the service sets `property` (see [`SET_BY_THE_SERVICE`]): `Core.Computed`, the
    /// docs' examples, or the names it stamps.
    fn set_by_the_service(&self, property: &Property, declared_in: &TypeDef) -> bool {
        (self.read_only_from_schema && property.computed)
            || self.inferred_read_only.contains(&(declared_in.name.clone(), property.name.clone()))
            || SET_BY_THE_SERVICE.contains(&property.name.as_str())
    }

    /// The paths of an entity: its own places and its base types', the shortest collection
    /// the primary one; a composite key has no item segment, so no collection.
    fn placement(&self, ty: &TypeDef) -> Placement {
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
        // The collection users work with (a table, each row with its reason), else where the docs
        // create the entity, when they show it and the schema has it; else the shortest path.
        let preferred = PRIMARY_COLLECTION
            .iter()
            .find(|(name, _)| *name == ty.name)
            .map(|(_, path)| *path)
            .or_else(|| self.corpus.and_then(|corpus| corpus.create_path(&ty.name)));
        if let Some(index) = collections.iter().position(|path| Some(path.template.as_str()) == preferred) {
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
    fn polymorphic_variants(&self, name: &str) -> Vec<PolymorphicVariant> {
        std::iter::once(name.to_owned())
            .chain(derived_types(self.csdl, name).into_iter().filter(|derived| self.selection.types.contains(derived)))
            .map(|variant| PolymorphicVariant {
                ident: self.ident(&variant).to_owned(),
                graph_name: self.csdl.get(&variant).name.clone(),
                features: self.placement.reached_by[&variant].clone(),
            })
            .collect()
    }

    /// Names and paths of the bound operations: each goes on its binding type, through that
    /// type's item path, collection path or single place; an overload or a name the type's own
    /// functions take gets a suffix.
    #[allow(clippy::type_complexity)]
    fn operations(
        &self,
        types: &BTreeMap<String, TypeEntry<'c>>,
    ) -> (BTreeMap<String, Vec<OperationPlan<'c>>>, Vec<String>) {
        let mut taken_idents = exported_idents(types);
        let mut unreachable = Vec::new();
        let mut plans: BTreeMap<String, Vec<OperationPlan<'c>>> = BTreeMap::new();
        for &index in &self.selection.operations {
            let operation = &self.csdl.operations[index];
            let binding = operation.binding.as_ref().expect("selected operations are bound");
            let bound = self.csdl.get(&binding.name);
            let Some(placement) = placement_of(types, &binding.name) else { continue };
            let path = if binding.collection {
                placement.collection.as_ref().map(|(collection, _)| collection.clone())
            } else if let Some((collection, _)) = &placement.collection {
                let taken: Vec<&str> = collection.split('/').collect();
                Some(format!("{collection}/{}", msgraph_names::item_segment(&bound.name, &taken)))
            } else {
                placement.singles.first().map(|(_, path)| path.clone())
            };
            let qualified = format!("{}.{}", operation.namespace, operation.name);
            let Some(path) = path else {
                unreachable.push(format!("{qualified} on {}", binding.name));
                continue;
            };
            let parameter_names: Vec<&str> =
                operation.parameters.iter().map(|parameter| parameter.name.as_str()).collect();
            let parameters = operation
                .parameters
                .iter()
                .zip(msgraph_names::fields(&parameter_names))
                .map(|(parameter, name)| ParameterPlan {
                    parameter,
                    name,
                    rust_type: self.parameter_type(operation.kind, &parameter.ty),
                    optional: operation.kind == OperationKind::Action || parameter.optional,
                })
                .collect();
            plans.entry(binding.name.clone()).or_default().push(OperationPlan {
                operation,
                ident: String::new(),
                method: String::new(),
                path,
                parameters,
                returns: operation.return_type.as_ref().map(|returns| self.returns(returns)),
            });
        }
        for (bound, operations) in &mut plans {
            let placement = placement_of(types, bound).expect("planned for a struct");
            let mut taken: BTreeSet<String> =
                msgraph_names::ENTITY_FUNCTIONS.iter().map(|name| (*name).to_owned()).collect();
            taken.extend(placement.create_at.iter().map(|(name, _)| name.clone()));
            for (name, _) in &placement.singles {
                taken.extend(msgraph_names::single_functions(name));
            }
            // Fewer parameters first: the plain name goes to the simplest overload.
            operations.sort_by_key(|plan| {
                (
                    plan.operation.name.clone(),
                    plan.operation.binding.as_ref().is_some_and(|binding| binding.collection),
                    plan.parameters.len(),
                )
            });
            let bound_ident = self.ident(bound);
            for plan in operations.iter_mut() {
                let base = msgraph_names::operation_method(&plan.operation.name);
                // A keyword's trailing `_` (`move_`) is not doubled in a longer name (`move_with_x`).
                let stem = base.trim_end_matches('_');
                let collection = plan.operation.binding.as_ref().is_some_and(|binding| binding.collection);
                let mut candidates = vec![base.clone()];
                if collection {
                    candidates.push(format!("{stem}_for_collection"));
                }
                if let Some(first) = plan.parameters.first() {
                    let parameter = first.name.ident.trim_start_matches("r#").trim_end_matches('_');
                    candidates.push(format!("{stem}_with_{parameter}"));
                }
                let mut method =
                    candidates.iter().find(|candidate| !taken.contains(*candidate)).cloned().unwrap_or_default();
                let mut counter = 2;
                while method.is_empty() || taken.contains(&method) {
                    method = format!("{stem}_{counter}");
                    counter += 1;
                }
                taken.insert(method.clone());
                // The struct is named after the function: `DeviceConfigurationAssign`,
                // `DeviceManagementGetEffectivePermissionsWithScope`, `…PublishCollection`.
                let words = msgraph_names::pascal_from_snake(&method);
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
        (plans, unreachable)
    }

    /// A parameter's Rust type: as a property's, but a function's complex value goes untyped
    /// (it is passed as JSON through a parameter alias).
    fn parameter_type(&self, kind: OperationKind, reference: &TypeRef) -> RustType {
        let complex = !reference.is_primitive() && self.csdl.get(&reference.name).kind != Kind::Enum;
        if kind == OperationKind::Function && complex {
            RustType::Primitive(primitives::untyped())
        } else {
            self.rust_type(reference)
        }
    }

    /// What a return type reads as.
    fn returns(&self, reference: &TypeRef) -> Returns {
        if reference.name == "Edm.Stream" {
            return Returns::Stream;
        }
        let element = self.rust_type(&TypeRef { name: reference.name.clone(), collection: false });
        let object = !reference.is_primitive()
            && reference.name != UNTYPED_JSON
            && self.csdl.get(&reference.name).kind != Kind::Enum;
        match (reference.collection, object) {
            (true, _) => Returns::Collection(element),
            (false, true) => Returns::Object(element),
            (false, false) => Returns::Value(element),
        }
    }
}

fn placement_of<'m>(types: &'m BTreeMap<String, TypeEntry<'_>>, name: &str) -> Option<&'m Placement> {
    match &types.get(name)?.item {
        TypeItem::Struct(plan) => Some(plan.placement.as_ref().map_or(&EMPTY_PLACEMENT, |placement| placement)),
        TypeItem::Enum(_) => None,
    }
}

static EMPTY_PLACEMENT: Placement = Placement { collection: None, create_at: Vec::new(), singles: Vec::new() };

/// Every identifier the crate root exports: types and the derives' companions.
fn exported_idents(types: &BTreeMap<String, TypeEntry<'_>>) -> BTreeSet<String> {
    let mut idents = BTreeSet::new();
    for entry in types.values() {
        idents.insert(entry.ident.clone());
        if let TypeItem::Struct(plan) = &entry.item {
            if plan.polymorphic.is_some() {
                idents.insert(Companion::Any.name(&entry.ident));
            }
            if entry.def.kind == Kind::Entity {
                idents.extend(
                    [Companion::Property, Companion::Navigation, Companion::Patch, Companion::Create]
                        .map(|companion| companion.name(&entry.ident)),
                );
            }
        }
    }
    idents
}

/// `create_in_<segments after the first parameter>`, without `microsoft.graph.` casts or parameters.
fn create_fn_name(path: &str, taken: &mut BTreeSet<String>) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let first_parameter = segments.iter().position(|segment| segment.starts_with('{')).map_or(1, |index| index + 1);
    let words: Vec<String> = segments[first_parameter.min(segments.len())..]
        .iter()
        .filter(|segment| !segment.starts_with('{'))
        .map(|segment| msgraph_names::snake_from_camel(segment.rsplit('.').next().unwrap_or(segment)))
        .collect();
    unique(format!("create_in_{}", words.join("_")), taken)
}

/// The name of a single place: its last segment, with the ones before it when that is taken.
fn single_name(path: &str, taken: &mut BTreeSet<String>) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .map(|segment| msgraph_names::snake_from_camel(segment.rsplit('.').next().unwrap_or(segment)))
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
