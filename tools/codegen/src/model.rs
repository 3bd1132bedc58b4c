//! What the generator decides before writing: derived types, collections, areas.

use std::collections::{BTreeMap, BTreeSet};

use crate::corpus::{Corpus, Kind, Type};

/// The workload's areas: each is a module of `msgraph_intune::deviceconfig` and a feature `deviceconfig-<area>`.
pub const AREAS: &[(&str, &str)] = &[
    ("common", "types shared by several areas: base types, shared complex types and enums"),
    ("ndes", "NDES connectors (`/deviceManagement/ndesConnectors`)"),
    ("configuration", "platform-neutral device configuration entities: assignments, statuses, summaries"),
    ("compliance", "platform-neutral compliance policy entities"),
    ("reports", "other summaries and states under `/deviceManagement`"),
    ("android", "Android and AOSP configuration and compliance profiles"),
    ("ios", "iOS configuration and compliance profiles"),
    ("macos", "macOS configuration and compliance profiles"),
    ("windows", "Windows configuration and compliance profiles"),
];

pub struct Model<'c> {
    pub corpus: &'c Corpus,
    /// Base name → its direct derived types.
    pub derived: BTreeMap<&'c str, Vec<&'c str>>,
    /// Entity name → its collection path and the other paths it can be created in.
    pub collections: BTreeMap<&'c str, (String, Vec<String>)>,
    /// Type name → area.
    pub areas: BTreeMap<&'c str, &'static str>,
    /// (declaring type, property): set by the service only, so no create builder setter.
    pub read_only: BTreeSet<(String, String)>,
}

impl<'c> Model<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        let mut derived: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for ty in corpus.types.values() {
            if let Some(base) = &ty.base {
                derived.entry(base.as_str()).or_default().push(&ty.name);
            }
        }
        let mut model =
            Model { corpus, derived, collections: BTreeMap::new(), areas: BTreeMap::new(), read_only: BTreeSet::new() };
        model.collections = model.find_collections();
        model.areas = model.assign_areas();
        model.read_only = model.find_read_only();
        model
    }

    /// The docs mark no property read-only, but their examples show it: a property that
    /// appears in some example response and in no example request is set by the service
    /// (`id`, and `createdDateTime`/`lastModifiedDateTime` of the configuration and
    /// compliance base types).
    fn find_read_only(&self) -> BTreeSet<(String, String)> {
        let mut in_request = BTreeSet::new();
        let mut in_response = BTreeSet::new();
        for case in &self.corpus.cases {
            for property in &self.corpus.get(&case.entity).properties {
                let owner = property.inherited_from.clone().unwrap_or_else(|| case.entity.clone());
                let key = (owner, property.name.clone());
                if case.request_properties.contains(&property.name) {
                    in_request.insert(key.clone());
                }
                if case.response_properties.contains(&property.name) {
                    in_response.insert(key);
                }
            }
        }
        in_response.difference(&in_request).cloned().collect()
    }

    pub fn is_read_only(&self, owner: &Type, property: &crate::corpus::Property) -> bool {
        let declaring = property.inherited_from.clone().unwrap_or_else(|| owner.name.clone());
        self.read_only.contains(&(declaring, property.name.clone()))
    }

    pub fn has_derived(&self, name: &str) -> bool {
        self.derived.contains_key(name)
    }

    /// Every type derived from `name`, transitively, in name order.
    pub fn all_derived(&self, name: &str) -> BTreeSet<&'c str> {
        let mut all = BTreeSet::new();
        let mut stack: Vec<&str> = self.derived.get(name).cloned().unwrap_or_default();
        while let Some(next) = stack.pop() {
            if all.insert(next) {
                stack.extend(self.derived.get(next).cloned().unwrap_or_default());
            }
        }
        all
    }

    pub fn base_chain(&self, name: &str) -> Vec<&'c str> {
        let mut chain = Vec::new();
        let mut current = self.corpus.get(name).base.as_deref();
        while let Some(base) = current {
            let ty = self.corpus.get(base);
            chain.push(ty.name.as_str());
            current = ty.base.as_deref();
        }
        chain
    }

    /// An entity's paths: from its own case, else (an intermediate base type) from the first case of a derived type.
    fn find_collections(&self) -> BTreeMap<&'c str, (String, Vec<String>)> {
        let mut collections = BTreeMap::new();
        for case in &self.corpus.cases {
            let ty = self.corpus.get(&case.entity);
            collections.insert(ty.name.as_str(), (case.paths[0].clone(), case.paths[1..].to_vec()));
        }
        for ty in self.corpus.types.values().filter(|ty| ty.kind == Kind::Entity) {
            if collections.contains_key(ty.name.as_str()) {
                continue;
            }
            let from_derived = self.all_derived(&ty.name).into_iter().find_map(|derived| {
                collections.get(derived).map(|(collection, _): &(String, Vec<String>)| collection.clone())
            });
            let collection = from_derived.unwrap_or_else(|| panic!("no collection known for entity `{}`", ty.name));
            collections.insert(ty.name.as_str(), (collection, Vec::new()));
        }
        collections
    }

    /// The types a value of `name` needs to be read: its bases, the types of its
    /// properties, and every type derived from a complex property type.
    fn closure(&self, name: &'c str) -> BTreeSet<&'c str> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![name];
        while let Some(next) = stack.pop() {
            if !seen.insert(next) {
                continue;
            }
            let ty = self.corpus.get(next);
            if let Some(base) = &ty.base {
                stack.push(self.corpus.get(base).name.as_str());
            }
            for property in &ty.properties {
                if let Some(reference) = &property.type_ref {
                    let referenced = self.corpus.get(reference);
                    stack.push(referenced.name.as_str());
                    if referenced.kind == Kind::Complex {
                        stack.extend(self.all_derived(&referenced.name));
                    }
                }
            }
        }
        seen
    }

    fn case_area(&self, entity: &str, first_path: &str) -> &'static str {
        let collection = first_path.split('/').nth(2).unwrap_or_default();
        let lower = entity.to_lowercase();
        if matches!(collection, "deviceConfigurations" | "deviceCompliancePolicies") && !first_path.contains('{') {
            if lower.starts_with("android") || lower.starts_with("aosp") {
                return "android";
            }
            if lower.starts_with("ios") || lower.starts_with("apple") {
                return "ios";
            }
            if lower.starts_with("macos") {
                return "macos";
            }
            if ["windows", "win32", "sharedpc", "editionupgrade"].iter().any(|prefix| lower.starts_with(prefix)) {
                return "windows";
            }
        }
        match collection {
            "ndesConnectors" => "ndes",
            "deviceConfigurations" => "configuration",
            "deviceCompliancePolicies" | "deviceCompliancePolicySettingStateSummaries" => "compliance",
            _ => "reports",
        }
    }

    /// A type lives in the one area whose cases need it, or in `common` when several do.
    fn assign_areas(&self) -> BTreeMap<&'c str, &'static str> {
        let mut needed_by: BTreeMap<&str, BTreeSet<&'static str>> = BTreeMap::new();
        for case in &self.corpus.cases {
            let area = self.case_area(&case.entity, &case.paths[0]);
            let entity = self.corpus.get(&case.entity).name.as_str();
            for name in self.closure(entity) {
                needed_by.entry(name).or_default().insert(area);
            }
        }
        self.corpus
            .types
            .values()
            .map(|ty| {
                let areas = needed_by.get(ty.name.as_str());
                let area = match areas.map(|areas| areas.iter().collect::<Vec<_>>()).as_deref() {
                    Some([single]) => **single,
                    _ => "common",
                };
                (ty.name.as_str(), area)
            })
            .collect()
    }

    pub fn area(&self, name: &str) -> &'static str {
        self.areas[name]
    }

    /// The Rust type of a property's value (inside the `Option`).
    pub fn rust_type(&self, ty: &Type, property: &crate::corpus::Property) -> (String, Option<&'c str>) {
        let (element, referenced) = match &property.type_ref {
            None => (primitive(&property.type_name, &ty.name, &property.name).to_owned(), None),
            Some(reference) => {
                let referenced = self.corpus.get(reference);
                let ident = crate::names::type_ident(&referenced.name);
                let element = match referenced.kind {
                    Kind::Enum if referenced.flags => format!("Flags<{ident}>"),
                    Kind::Enum => ident,
                    Kind::Complex | Kind::Entity if self.has_derived(&referenced.name) => format!("Any{ident}"),
                    Kind::Complex | Kind::Entity => ident,
                };
                (element, Some(referenced.name.as_str()))
            }
        };
        let rust = if property.collection { format!("Vec<{element}>") } else { element };
        (rust, referenced)
    }
}

fn primitive(type_name: &str, owner: &str, property: &str) -> &'static str {
    match type_name {
        "String" => "String",
        "Boolean" => "bool",
        "Int32" => "i32",
        "Int64" => "i64",
        "Int16" => "i16",
        "Byte" => "u8",
        "Double" => "f64",
        "Single" => "f32",
        "Binary" => "Binary",
        "Date" => "Date",
        "TimeOfDay" => "TimeOfDay",
        "Duration" => "Duration",
        "Guid" => "Guid",
        "DateTimeOffset" => "DateTimeOffset",
        other => panic!("{owner}.{property}: no Rust type for the primitive `{other}`"),
    }
}
