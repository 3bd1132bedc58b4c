//! Which part of the schema is generated, and where each entity can be reached.
//!
//! The selection starts from singletons, entity sets, navigation paths or
//! types, and takes everything a value of them needs: base types, property
//! types and the types derived from them, contained navigation targets to any
//! depth, and the parameters and return types of operations bound to them.
//! The URL tree is walked from the singletons and entity sets through
//! contained navigation properties (with a cast segment for a navigation
//! property of a derived type), stopping where a type would repeat.

use std::collections::{BTreeMap, BTreeSet};

use crate::csdl::{Csdl, Kind, TypeRef};

/// What the user asked for, as `--select` values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// A singleton or entity set of the container: `deviceManagement`.
    Root(String),
    /// A navigation path from a root: `/deviceManagement/deviceConfigurations`.
    Path(String),
    /// A type by full name: `microsoft.graph.ndesConnector`.
    Type(String),
}

impl Selector {
    pub fn parse(text: &str) -> Selector {
        if text.starts_with('/') {
            Selector::Path(text.trim_end_matches('/').to_owned())
        } else if text.contains('.') {
            Selector::Type(text.to_owned())
        } else {
            Selector::Root(text.to_owned())
        }
    }
}

/// A place an entity can be reached: a collection of it, or a single value of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EntityPath {
    /// `/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`.
    pub template: String,
    pub collection: bool,
    /// The declared type at that place (a base type of the entity, or the entity itself).
    pub declared: String,
    /// The navigation property or root that names the place: `assignments`.
    pub name: String,
}

impl EntityPath {
    pub fn segments(&self) -> usize {
        self.template.matches('/').count()
    }
}

pub struct Selection {
    /// Every type to generate, by full name.
    pub types: BTreeSet<String>,
    /// Entity type → the places where a value of exactly that declared type lives.
    pub paths: BTreeMap<String, Vec<EntityPath>>,
    /// The roots the URL tree starts from: name and type.
    pub roots: Vec<(String, String)>,
    /// Indexes into `Csdl::operations` of the bound operations generated.
    pub operations: Vec<usize>,
}

impl Selection {
    pub fn new(csdl: &Csdl, selectors: &[Selector]) -> Result<Selection, String> {
        let all_roots: Vec<(String, String)> = csdl
            .singletons
            .iter()
            .map(|singleton| (singleton.name.clone(), singleton.ty.clone()))
            .chain(csdl.entity_sets.iter().map(|set| (set.name.clone(), set.ty.clone())))
            .collect();
        let mut selection =
            Selection { types: BTreeSet::new(), paths: BTreeMap::new(), roots: Vec::new(), operations: Vec::new() };
        let mut seeds: Vec<String> = Vec::new();
        if selectors.is_empty() {
            selection.roots = all_roots.clone();
        }
        for selector in selectors {
            match selector {
                Selector::Root(name) => {
                    let root = all_roots
                        .iter()
                        .find(|(root, _)| root == name)
                        .ok_or_else(|| format!("--select {name}: no singleton or entity set of that name"))?;
                    selection.roots.push(root.clone());
                }
                Selector::Path(path) => {
                    let root_name = path.trim_start_matches('/').split('/').next().unwrap_or_default();
                    let root = all_roots
                        .iter()
                        .find(|(root, _)| root == root_name)
                        .ok_or_else(|| format!("--select {path}: `{root_name}` is no singleton or entity set"))?;
                    if !selection.roots.contains(root) {
                        selection.roots.push(root.clone());
                    }
                }
                Selector::Type(name) => {
                    if !csdl.types.contains_key(name) {
                        return Err(format!("--select {name}: no type of that name (give the full name)"));
                    }
                    seeds.push(name.clone());
                }
            }
        }
        let set_roots: BTreeSet<&str> = csdl.entity_sets.iter().map(|set| set.name.as_str()).collect();
        let roots = selection.roots.clone();
        for (name, ty) in &roots {
            let mut walker = Walker { csdl, paths: &mut selection.paths };
            let start = format!("/{name}");
            if set_roots.contains(name.as_str()) {
                walker.add(
                    ty,
                    EntityPath { template: start.clone(), collection: true, declared: ty.clone(), name: name.clone() },
                );
                if let Some(item) = walker.item_segment(ty, &[]) {
                    walker.walk(&format!("{start}/{item}"), ty, &mut vec![ty.clone()]);
                }
            } else {
                walker.add(
                    ty,
                    EntityPath { template: start.clone(), collection: false, declared: ty.clone(), name: name.clone() },
                );
                walker.walk(&start, ty, &mut vec![ty.clone()]);
            }
        }
        // A path selector keeps only the paths under it (and the types they need).
        let prefixes: Vec<&str> = selectors
            .iter()
            .filter_map(|selector| match selector {
                Selector::Path(path) => Some(path.as_str()),
                _ => None,
            })
            .collect();
        let only_paths =
            !prefixes.is_empty() && !selectors.iter().any(|selector| matches!(selector, Selector::Root(_)));
        if only_paths {
            for paths in selection.paths.values_mut() {
                paths.retain(|path| prefixes.iter().any(|prefix| is_under(&path.template, prefix)));
            }
            selection.paths.retain(|_, paths| !paths.is_empty());
            if selection.paths.is_empty() {
                return Err(format!("--select {}: no navigation path of the schema starts there", prefixes.join(", ")));
            }
            selection.roots.clear();
        }
        seeds.extend(selection.roots.iter().map(|(_, ty)| ty.clone()));
        seeds.extend(selection.paths.keys().cloned());
        selection.close(csdl, seeds);
        Ok(selection)
    }

    /// Adds `seeds` and everything their values need, until nothing more is added.
    fn close(&mut self, csdl: &Csdl, seeds: Vec<String>) {
        let mut stack: Vec<(String, bool)> = seeds.into_iter().map(|seed| (seed, true)).collect();
        let mut operations = BTreeSet::new();
        loop {
            while let Some((name, with_derived)) = stack.pop() {
                let newly = self.types.insert(name.clone());
                if with_derived {
                    // Values of a declared type may be of any type derived from it.
                    for derived in derived_types(csdl, &name) {
                        if !self.types.contains(&derived) {
                            stack.push((derived, false));
                        }
                    }
                }
                if !newly {
                    continue;
                }
                let ty = csdl.get(&name);
                if let Some(base) = &ty.base {
                    stack.push((base.clone(), false));
                }
                for property in &ty.properties {
                    push_reference(&mut stack, csdl, &property.ty);
                }
                for navigation in ty.navigation.iter().filter(|navigation| navigation.contains_target) {
                    push_reference(&mut stack, csdl, &navigation.ty);
                }
            }
            let mut added = false;
            for (index, operation) in csdl.operations.iter().enumerate() {
                let Some(binding) = &operation.binding else { continue };
                if !self.types.contains(&binding.name) || !operations.insert(index) {
                    continue;
                }
                added = true;
                for reference in
                    operation.parameters.iter().map(|parameter| &parameter.ty).chain(&operation.return_type)
                {
                    push_reference(&mut stack, csdl, reference);
                }
            }
            if !added && stack.is_empty() {
                break;
            }
        }
        self.operations = operations.into_iter().collect();
    }

    /// Whether `name` is used where a derived value may stand: a property, a parameter, a
    /// return type, a contained navigation target or a root — so it gets an `Any…` enum.
    pub fn used_polymorphically(&self, csdl: &Csdl) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        for name in &self.types {
            let ty = csdl.get(name);
            for property in &ty.properties {
                used.insert(property.ty.name.clone());
            }
            for navigation in ty.navigation.iter().filter(|navigation| navigation.contains_target) {
                used.insert(navigation.ty.name.clone());
            }
        }
        for index in &self.operations {
            let operation = &csdl.operations[*index];
            for reference in operation.parameters.iter().map(|parameter| &parameter.ty).chain(&operation.return_type) {
                used.insert(reference.name.clone());
            }
        }
        used.extend(self.roots.iter().map(|(_, ty)| ty.clone()));
        used.extend(self.paths.keys().cloned());
        used.retain(|name| self.types.contains(name));
        used
    }
}

fn push_reference(stack: &mut Vec<(String, bool)>, csdl: &Csdl, reference: &TypeRef) {
    if !reference.is_primitive() && csdl.types.contains_key(&reference.name) {
        stack.push((reference.name.clone(), true));
    }
}

/// Every type derived from `name`, at any depth, in name order.
pub fn derived_types(csdl: &Csdl, name: &str) -> Vec<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(current) = stack.pop() {
        for child in csdl.children.get(&current).into_iter().flatten() {
            if found.insert(child.clone()) {
                stack.push(child.clone());
            }
        }
    }
    found.into_iter().collect()
}

fn is_under(template: &str, prefix: &str) -> bool {
    let template_segments: Vec<&str> = template.split('/').collect();
    let prefix_segments: Vec<&str> = prefix.split('/').collect();
    template_segments.len() >= prefix_segments.len()
        && template_segments
            .iter()
            .zip(&prefix_segments)
            .all(|(segment, wanted)| segment == wanted || (segment.starts_with('{') && wanted.starts_with('{')))
}

struct Walker<'a> {
    csdl: &'a Csdl,
    paths: &'a mut BTreeMap<String, Vec<EntityPath>>,
}

impl Walker<'_> {
    fn add(&mut self, ty: &str, path: EntityPath) {
        let paths = self.paths.entry(ty.to_owned()).or_default();
        if !paths.contains(&path) {
            paths.push(path);
        }
    }

    /// `{deviceConfigurationId}`, the segment of one item of a collection of `ty`; `None`
    /// for a composite key, which a single path segment cannot hold.
    fn item_segment(&self, ty: &str, taken: &[String]) -> Option<String> {
        if self.csdl.key_of(ty).len() != 1 {
            return None;
        }
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        Some(msgraph_names::item_segment(&self.csdl.get(ty).name, &taken))
    }

    /// Walks the contained navigation properties of the value of `ty` at `path`: its
    /// own and its bases' directly, each derived type's behind a cast segment.
    fn walk(&mut self, path: &str, ty: &str, on_path: &mut Vec<String>) {
        let mut owners: Vec<(Option<String>, String)> =
            self.csdl.chain(ty).into_iter().map(|owner| (None, owner.full_name.clone())).collect();
        for derived in derived_types(self.csdl, ty) {
            owners.push((Some(derived.clone()), derived));
        }
        for (cast, owner) in owners {
            let owner_type = self.csdl.get(&owner);
            for navigation in owner_type.navigation.iter().filter(|navigation| navigation.contains_target) {
                let target = navigation.ty.name.clone();
                if self.csdl.get(&target).kind != Kind::Entity || on_path.contains(&target) {
                    continue;
                }
                let cast_segment = cast.as_ref().map(|derived| format!("/{derived}")).unwrap_or_default();
                let nav_path = format!("{path}{cast_segment}/{}", navigation.name);
                self.add(
                    &target,
                    EntityPath {
                        template: nav_path.clone(),
                        collection: navigation.ty.collection,
                        declared: target.clone(),
                        name: navigation.name.clone(),
                    },
                );
                on_path.push(target.clone());
                if navigation.ty.collection {
                    let taken: Vec<String> = nav_path.split('/').map(str::to_owned).collect();
                    if let Some(item) = self.item_segment(&target, &taken) {
                        self.walk(&format!("{nav_path}/{item}"), &target, on_path);
                    }
                } else {
                    self.walk(&nav_path, &target, on_path);
                }
                on_path.pop();
            }
        }
    }
}

/// Why a path (`/deviceManagement/deviceConfigurations/{id}/microsoft.graph.x/rootCertificate`)
/// is not a containment path of the schema: `Ok(())` when every step is a contained
/// navigation property (or a key, or a cast), else the first step that is not.
pub fn containment_problem(csdl: &Csdl, template: &str) -> Result<(), String> {
    let mut segments = template.trim_start_matches('/').split('/');
    let root = segments.next().unwrap_or_default();
    let mut current = csdl
        .singletons
        .iter()
        .map(|singleton| (&singleton.name, &singleton.ty, false))
        .chain(csdl.entity_sets.iter().map(|set| (&set.name, &set.ty, true)))
        .find(|(name, _, _)| *name == root)
        .map(|(_, ty, collection)| (ty.clone(), collection))
        .ok_or_else(|| format!("`{root}` is no singleton or entity set"))?;
    for segment in segments {
        let (ty, collection) = &current;
        if segment.starts_with('{') {
            if !collection {
                return Err(format!("`{segment}` follows a single value"));
            }
            current = (ty.clone(), false);
            continue;
        }
        if let Some(cast) = csdl.types.get(segment) {
            if !csdl.chain(&cast.full_name).iter().any(|base| &base.full_name == ty) {
                return Err(format!("`{segment}` does not derive from `{ty}`"));
            }
            current = (cast.full_name.clone(), *collection);
            continue;
        }
        if *collection {
            return Err(format!("`{segment}` follows a collection without a key"));
        }
        let navigation = csdl
            .chain(ty)
            .into_iter()
            .find_map(|owner| owner.navigation.iter().find(|navigation| navigation.name == segment))
            .ok_or_else(|| format!("`{}` has no navigation property `{segment}`", csdl.get(ty).name))?;
        if !navigation.contains_target {
            return Err(format!(
                "`{}.{segment}` is a reference, not a contained navigation property",
                csdl.get(ty).name
            ));
        }
        current = (navigation.ty.name.clone(), navigation.ty.collection);
    }
    Ok(())
}
