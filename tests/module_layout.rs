//! No crate of the workspace has a file-level import cycle: each file's
//! `use crate::…`/`use super::…` imports (and inline `crate::…` paths), with
//! re-exports followed to the file that defines the item, form a graph
//! without cycles. A module's own `pub use` of its children (a facade) and
//! its `mod` declarations are not imports; `#[cfg(test)]` modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

struct Crate {
    /// Module path → its source, tests left out.
    sources: BTreeMap<Module, String>,
    /// Module path → name → the path its `pub use` re-exports under that name.
    reexports: BTreeMap<Module, BTreeMap<String, String>>,
}

fn module_of(relative: &Path) -> Module {
    let mut parts: Vec<String> =
        relative.with_extension("").components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The source without comments and without its `#[cfg(test)] mod tests { … }` modules, wherever
/// they stand (a test module inside an inline module imports `super::*` of that module, not of
/// the file's).
fn production_source(text: &str) -> String {
    let text: String =
        text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
    let mut kept = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("#[cfg(test)]") {
        let after = &rest[start + "#[cfg(test)]".len()..];
        let Some(open) = after.trim_start().strip_prefix("mod tests").and_then(|module| module.find('{')) else {
            kept.push_str(&rest[..start + 1]);
            rest = &rest[start + 1..];
            continue;
        };
        kept.push_str(&rest[..start]);
        let body = &after[after.len() - after.trim_start().len() + "mod tests".len() + open..];
        let mut depth = 0usize;
        let end = body
            .char_indices()
            .find_map(|(at, ch)| {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(at + 1)
            })
            .unwrap_or(body.len());
        rest = &body[end..];
    }
    kept.push_str(rest);
    kept
}

/// A `use` statement: where it is in the source, whether it re-exports, and its tree.
struct UseStatement {
    range: std::ops::Range<usize>,
    is_pub: bool,
    /// With whitespace runs made one space.
    tree: String,
}

/// Every `use` statement of a source.
fn use_statements(source: &str) -> Vec<UseStatement> {
    let mut statements = Vec::new();
    let mut offset = 0;
    while let Some(found) = source[offset..].find("use ") {
        let start = offset + found;
        let line_start = source[..start].rfind('\n').map_or(0, |index| index + 1);
        // A statement: only `pub` or `pub(...)` before it on its line (not a `use` inside a string).
        let prefix = source[line_start..start].trim();
        let statement = prefix.is_empty() || prefix == "pub" || (prefix.starts_with("pub(") && prefix.ends_with(')'));
        let Some(length) = source[start..].find(';') else { break };
        let end = start + length + 1;
        if statement {
            let tree = source[start + 4..end - 1].split_whitespace().collect::<Vec<_>>().join(" ");
            statements.push(UseStatement { range: line_start..end, is_pub: !prefix.is_empty(), tree });
        }
        offset = end;
    }
    statements
}

/// The source with its `use` statements blanked, for the scan of inline paths.
fn without_use_statements(source: &str) -> String {
    let mut text = source.to_owned();
    for statement in use_statements(source) {
        text.replace_range(statement.range.clone(), &" ".repeat(statement.range.len()));
    }
    text
}

/// `a::{b, c::{d, e as f}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_tree(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let path: String =
                tree.split(" as ").next().unwrap_or(tree).chars().filter(|ch| !ch.is_whitespace()).collect();
            if !path.is_empty() {
                out.push(format!("{prefix}{path}"));
            }
        }
        Some(open) => {
            let head: String = tree[..open].chars().filter(|ch| !ch.is_whitespace()).collect();
            let body = &tree[open + 1..tree.rfind('}').expect("balanced braces")];
            let (mut depth, mut item) = (0, String::new());
            for ch in body.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if ch == ',' && depth == 0 {
                    expand_tree(&format!("{prefix}{head}"), &std::mem::take(&mut item), out);
                } else {
                    item.push(ch);
                }
            }
            expand_tree(&format!("{prefix}{head}"), &item, out);
        }
    }
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut sources = BTreeMap::new();
        let mut stack = vec![src.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable source folder") {
                let path: PathBuf = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let text = std::fs::read_to_string(&path).expect("readable source");
                    sources.insert(module_of(path.strip_prefix(src).expect("inside src")), production_source(&text));
                }
            }
        }
        let mut reexports: BTreeMap<Module, BTreeMap<String, String>> = BTreeMap::new();
        for (module, source) in &sources {
            for statement in use_statements(source).into_iter().filter(|statement| statement.is_pub) {
                let mut paths = Vec::new();
                expand_tree("", &statement.tree, &mut paths);
                for path in paths {
                    let name = path.rsplit("::").next().unwrap_or_default().to_owned();
                    reexports.entry(module.clone()).or_default().insert(name, path);
                }
            }
        }
        Crate { sources, reexports }
    }

    /// The module a path names (the longest module prefix), and the segments after it.
    fn module_prefix(&self, from: &Module, path: &str) -> Option<(Module, Vec<String>)> {
        let mut segments: Vec<&str> = path.split("::").collect();
        let mut base: Module = match segments.first().copied()? {
            "crate" => {
                segments.remove(0);
                Vec::new()
            }
            "self" => {
                segments.remove(0);
                from.clone()
            }
            "super" => {
                let mut base = from.clone();
                while segments.first() == Some(&"super") {
                    segments.remove(0);
                    base.pop();
                }
                base
            }
            child => {
                let mut candidate = from.clone();
                candidate.push(child.to_owned());
                if !self.sources.contains_key(&candidate) {
                    return None; // an external crate
                }
                from.clone()
            }
        };
        let mut rest = segments.into_iter().map(str::to_owned).peekable();
        while let Some(next) = rest.peek() {
            let mut candidate = base.clone();
            candidate.push(next.clone());
            if !self.sources.contains_key(&candidate) {
                break;
            }
            base = candidate;
            rest.next();
        }
        Some((base, rest.collect()))
    }

    /// The file that defines what `path` (written in `from`) names, following re-exports.
    fn resolve(&self, from: &Module, path: &str, depth: usize) -> Option<Module> {
        let (module, rest) = self.module_prefix(from, path)?;
        let reexported = rest.first().and_then(|name| self.reexports.get(&module)?.get(name));
        match reexported {
            Some(next) if depth < 16 => self.resolve(&module, next, depth + 1).or(Some(module)),
            _ => Some(module),
        }
    }

    fn imports(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (module, source) in &self.sources {
            let mut paths: Vec<(bool, String)> = Vec::new();
            for statement in use_statements(source) {
                let mut expanded = Vec::new();
                expand_tree("", &statement.tree, &mut expanded);
                paths.extend(expanded.into_iter().map(|path| (statement.is_pub, path)));
            }
            // Inline paths: `crate::…`, `super::…`, and `child::…` into a module declared here.
            for word in
                without_use_statements(source).split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == ':'))
            {
                let first = word.split("::").next().unwrap_or_default();
                let mut child = module.clone();
                child.push(first.to_owned());
                let inline =
                    word.starts_with("crate::") || word.starts_with("super::") || self.sources.contains_key(&child);
                if inline && word.contains("::") && !word.ends_with("::") {
                    paths.push((false, word.trim_end_matches(':').to_owned()));
                }
            }
            for (is_pub, path) in paths {
                let Some(target) = self.resolve(module, &path, 0) else { continue };
                let facade = is_pub && target.starts_with(module);
                if target != *module && !facade {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
        edges
    }
}

/// A cycle of the graph, if there is one, as the modules along it.
fn find_cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, bool>,
        path: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let start = path.iter().position(|step| step == node).expect("on the path");
                return Some(path[start..].to_vec());
            }
            None => {}
        }
        state.insert(node.clone(), false);
        path.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(node.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    edges.keys().find_map(|node| visit(node, edges, &mut state, &mut Vec::new()))
}

fn assert_acyclic(crate_dir: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir).join("src");
    let krate = Crate::read(&src);
    let edges = krate.imports();
    if krate.sources.len() >= 5 {
        assert!(edges.len() > 3, "{crate_dir}: the scan found too few imports to be trusted: {edges:?}");
    }
    if let Some(cycle) = find_cycle(&edges) {
        let names: Vec<String> =
            cycle.iter().map(|module| if module.is_empty() { "crate".to_owned() } else { module.join("::") }).collect();
        panic!("{crate_dir}: import cycle {} -> {}", names.join(" -> "), names[0]);
    }
}

/// The workspace's members, from its manifest.
fn workspace_members() -> Vec<String> {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let list = manifest.split("members = [").nth(1).and_then(|rest| rest.split(']').next()).expect("a members list");
    list.split(',')
        .map(|member| member.trim().trim_matches('"').to_owned())
        .filter(|member| !member.is_empty())
        .collect()
}

#[test]
fn no_crate_of_the_workspace_has_an_import_cycle() {
    let members = workspace_members();
    for required in ["graph-core", "graph-derive", "graph-names", "tools/codegen"] {
        assert!(members.iter().any(|member| member == required), "{required} is a member");
    }
    // The models mirror the schema, whose types refer to each other in circles (a type and its
    // assignments); every other crate is held to the rule.
    for member in members.iter().filter(|member| *member != "graph-intune") {
        assert_acyclic(member);
    }
}

#[test]
fn the_scan_finds_a_cycle_when_there_is_one() {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let (a, b, c) = (vec!["a".to_owned()], vec!["b".to_owned()], vec!["c".to_owned()]);
    edges.entry(a.clone()).or_default().insert(b.clone());
    edges.entry(b.clone()).or_default().insert(c.clone());
    assert!(find_cycle(&edges).is_none());
    edges.entry(c.clone()).or_default().insert(a.clone());
    assert_eq!(find_cycle(&edges), Some(vec![a, b, c]));

    let mut paths = Vec::new();
    expand_tree("", "crate::read::{Property, PropertyKey as Key, Base, deep::{X, Y}}", &mut paths);
    assert_eq!(
        paths,
        [
            "crate::read::Property",
            "crate::read::PropertyKey",
            "crate::read::Base",
            "crate::read::deep::X",
            "crate::read::deep::Y"
        ]
    );
}
