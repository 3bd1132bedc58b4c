//! Conformance with the Graph docs: every "Create" case of the deviceconfig corpus,
//! against models generated from the current beta schema.
//!
//! For each case, for both the example request and the example response:
//! - the body reads into the case's typed entity, and `to_string_pretty` of
//!   that value is byte-identical to the body (after dropping the leading `#`
//!   of every `@odata.type`, which the docs leave out on nested values);
//! - nothing read lands in a catch-all: no additional property, no unknown
//!   enum member, no unlisted derived type, at any depth;
//!
//! and the entity's collection path and OData type are the case's, and every
//! path the case lists is reachable through the entity's create functions —
//! or goes through a navigation property that the current schema does not
//! contain (the generated table says which, and why).
//! Then each example response with every property set to an explicit `null`
//! reads back and is written with the same `null`s, none of them counted as unknown.
//!
//! The docs are of 2021; beta has moved on. What the current schema no longer
//! has is listed, case by case, in `tests/conformance_allow_list.txt`, and the
//! list must be exact: every line is a difference the test sees, and every
//! difference it sees is a line.
//! - `property`: removed from the type since; it lands in the catch-all, is
//!   written back (after the known properties), and is counted as unknown;
//! - `create path`: the docs create the entity where the schema has no
//!   containment; the model creates it in its own collection.

#[path = "../generated/deviceconfig_cases.rs"]
// Printed by msgraph-codegen (prettyplease), and compared byte for byte by its `--check`.
#[rustfmt::skip]
mod generated;

use std::collections::BTreeSet;
use std::fmt::Debug;

use msgraph_entity::{EntityCollection, count_unknown, from_json_str};
use serde_json::Value;

/// A case of the generated table: its page, and the checks typed with its entity.
pub struct Case {
    page: &'static str,
    check: fn(&Value, &[String]) -> (Vec<String>, usize),
    create_paths: fn() -> Vec<String>,
    /// The docs' paths the schema does not contain, with the generator's reason.
    elsewhere: &'static [(&'static str, &'static str)],
}

impl Case {
    /// The case of `page`, whose entity is `T`; `create_paths` calls each of its create functions.
    pub fn new<T: EntityCollection + Debug>(
        page: &'static str,
        create_paths: fn() -> Vec<String>,
        elsewhere: &'static [(&'static str, &'static str)],
    ) -> Self {
        Case { page, check: check_bodies::<T>, create_paths, elsewhere }
    }
}

fn without_hash(text: &str) -> String {
    text.replace("\"@odata.type\": \"#", "\"@odata.type\": \"")
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
    match line {
        Some(index) => format!(
            "line {}: docs `{}`, ours `{}`",
            index + 1,
            expected.lines().nth(index).unwrap_or_default().trim(),
            actual.lines().nth(index).unwrap_or_default().trim()
        ),
        None => format!("lengths differ: docs {} lines, ours {}", expected.lines().count(), actual.lines().count()),
    }
}

/// An object whose properties keep the order they were read in (`serde_json::Map` sorts them).
#[derive(Debug, PartialEq)]
struct OrderedObject(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OrderedObject, A::Error> {
                let mut properties = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    properties.push(entry);
                }
                Ok(OrderedObject(properties))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

impl serde::Serialize for OrderedObject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, value)| (name, value)))
    }
}

/// Reads `text` as `T` and writes it back. With no property removed from the schema, the
/// output must be `text` byte for byte; with some, the known properties keep the docs' order
/// and the removed ones follow them, in the docs' order, with their values.
fn check_round_trip<T: EntityCollection + Debug>(part: &str, text: &str, removed: &[String]) -> Vec<String> {
    let (read, unknown) = count_unknown(|| from_json_str::<T>(text));
    let value = match read {
        Ok(value) => value,
        Err(error) => return vec![format!("{part}: does not read: {error}")],
    };
    let OrderedObject(docs) = serde_json::from_str(text).expect("corpus bodies are objects");
    let removed_here: Vec<&(String, Value)> = docs.iter().filter(|(name, _)| removed.contains(name)).collect();
    let mut failures = Vec::new();
    if unknown.properties != removed_here.len() || unknown.enum_members != 0 || unknown.types != 0 {
        failures.push(format!(
            "{part}: read into catch-alls: {unknown:?} (removed from the schema: {})",
            removed_here.len()
        ));
    }
    let written = serde_json::to_string_pretty(&value).expect("serializes");
    if removed_here.is_empty() {
        let (expected, actual) = (without_hash(text), without_hash(&written));
        if expected != actual {
            failures.push(format!("{part}: written back differently, {}", first_difference(&expected, &actual)));
        }
    } else {
        let known = docs.iter().filter(|(name, _)| !removed.contains(name));
        let expected: Vec<(String, Value)> = known.chain(removed_here).cloned().collect();
        let OrderedObject(actual) = serde_json::from_str(&without_hash(&written)).expect("ours is an object");
        let OrderedObject(expected) =
            serde_json::from_str(&without_hash(&serde_json::to_string_pretty(&OrderedObject(expected)).unwrap()))
                .unwrap();
        if actual != expected {
            let at = actual
                .iter()
                .zip(&expected)
                .position(|(ours, docs)| ours != docs)
                .unwrap_or(actual.len().min(expected.len()));
            let name = |pairs: &[(String, Value)]| {
                pairs.get(at).map_or_else(|| "(end)".to_owned(), |(name, value)| format!("{name}: {value}"))
            };
            failures.push(format!(
                "{part}: written back differently from the docs with the removed properties last, at property {at}: docs `{}`, ours `{}`",
                name(&expected),
                name(&actual)
            ));
        }
    }
    failures
}

/// The response with every property but `@odata.type` set to `null`: each `null` must come back.
/// Returns the failures and how many nulls round-tripped.
fn check_explicit_nulls<T: EntityCollection + Debug>(response: &str, removed: &[String]) -> (Vec<String>, usize) {
    let OrderedObject(properties) = serde_json::from_str(response).expect("corpus bodies are objects");
    let nulled: Vec<(String, Value)> = properties
        .into_iter()
        .map(|(name, value)| if name == "@odata.type" { (name, value) } else { (name, Value::Null) })
        .collect();
    let nulls = nulled.iter().filter(|(name, value)| value.is_null() && !removed.contains(name)).count();
    let text = serde_json::to_string_pretty(&OrderedObject(nulled)).expect("serializes");
    let failures = check_round_trip::<T>("nulls", &text, removed);
    let round_tripped = if failures.is_empty() { nulls } else { 0 };
    (failures, round_tripped)
}

/// `removed`: the properties the allow-list says the schema no longer has, for this case.
fn check_bodies<T: EntityCollection + Debug>(case: &Value, removed: &[String]) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    for part in ["request", "response"] {
        let text = case[part]["body_text"].as_str().expect("corpus bodies are strings");
        failures.extend(check_round_trip::<T>(part, text, removed));
    }
    if case["odata_type"] != T::ODATA_TYPE {
        failures.push(format!("OData type `{}`, case `{}`", T::ODATA_TYPE, case["odata_type"]));
    }
    let response = case["response"]["body_text"].as_str().expect("corpus bodies are strings");
    let (null_failures, nulls) = check_explicit_nulls::<T>(response, removed);
    failures.extend(null_failures);
    (failures, nulls)
}

/// A case path with its `{parameters}` replaced by `p0`, `p1`, ... in order.
fn filled(template: &str) -> String {
    let mut index = 0;
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                index += 1;
                format!("p{}", index - 1)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The docs' paths against the create functions: the first is where the entity is created
/// (unless `moved`: the allow-list's `create path` line), and each is reachable or goes
/// through what the schema does not contain. Returns the failures and the unreachable count.
fn check_paths(case: &Case, raw: &Value, moved: bool) -> (Vec<String>, usize) {
    let docs: Vec<&str> =
        raw["paths"].as_array().expect("paths").iter().map(|path| path.as_str().expect("path")).collect();
    let created = (case.create_paths)();
    let elsewhere: BTreeSet<&str> = case.elsewhere.iter().map(|(path, _)| *path).collect();
    let mut failures = Vec::new();
    let primary_matches = created.first() == Some(&filled(docs[0]));
    if primary_matches == moved {
        failures.push(format!(
            "create path `{}`, docs `{}`{}",
            created.first().map_or("", String::as_str),
            docs[0],
            if moved { " (the allow-list says they differ)" } else { "" }
        ));
    }
    for path in &docs {
        let reachable = created.contains(&filled(path));
        if reachable == elsewhere.contains(path) {
            let why = if reachable {
                "reachable, yet listed as outside the schema"
            } else {
                "not reachable, and not explained"
            };
            failures.push(format!("docs path `{path}`: {why}"));
        }
    }
    (failures, elsewhere.len())
}

/// One line of the allow-list: `page<TAB>kind<TAB>what<TAB>reason`.
struct Allowed {
    page: String,
    kind: String,
    what: String,
}

fn allow_list() -> Vec<Allowed> {
    include_str!("conformance_allow_list.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                fields.len() == 4 && !fields[3].is_empty(),
                "allow-list line is not page, kind, what, reason: {line}"
            );
            assert!(["property", "create path"].contains(&fields[1]), "unknown allow-list kind: {line}");
            Allowed { page: fields[0].to_owned(), kind: fields[1].to_owned(), what: fields[2].to_owned() }
        })
        .collect()
}

#[test]
fn every_create_case_round_trips_typed_and_exact() {
    let Some(corpus) = graph_suite::load_corpus("the deviceconfig conformance test (147 cases)") else {
        return;
    };
    let corpus: Value = serde_json::from_str(&corpus).expect("the corpus is JSON");
    let raw_cases = corpus["cases"].as_array().expect("cases");
    let cases = generated::cases();
    assert_eq!(cases.len(), raw_cases.len(), "the generated table is out of date: run msgraph-codegen");
    let allowed = allow_list();
    let mut unused: BTreeSet<String> =
        allowed.iter().map(|line| format!("{} {} {}", line.page, line.kind, line.what)).collect();

    let (mut passed, mut failed, mut nulls, mut elsewhere, mut docs_paths) = (0, 0, 0, 0, 0);
    for (case, raw) in cases.iter().zip(raw_cases) {
        assert_eq!(raw["page"], case.page, "the generated table is out of date: run msgraph-codegen");
        let lines: Vec<&Allowed> = allowed.iter().filter(|line| line.page == case.page).collect();
        let removed: Vec<String> =
            lines.iter().filter(|line| line.kind == "property").map(|line| line.what.clone()).collect();
        let moved = lines.iter().any(|line| line.kind == "create path");
        let (mut failures, case_nulls) = (case.check)(raw, &removed);
        nulls += case_nulls;
        let (path_failures, case_elsewhere) = check_paths(case, raw, moved);
        failures.extend(path_failures);
        elsewhere += case_elsewhere;
        docs_paths += raw["paths"].as_array().map_or(0, Vec::len);
        // A listed property must really be in the case's bodies (else the line is stale).
        for name in &removed {
            let bodies = [&raw["request"]["body_text"], &raw["response"]["body_text"]];
            if bodies.iter().any(|body| body.as_str().is_some_and(|text| text.contains(&format!("\"{name}\"")))) {
                unused.remove(&format!("{} property {name}", case.page));
            }
        }
        if moved {
            unused.remove(&format!("{} create path {}", case.page, raw["paths"][0].as_str().unwrap_or_default()));
        }
        if failures.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!("FAILED {}:\n  {}", case.page, failures.join("\n  "));
        }
    }
    println!("conformance: {passed} passed, {failed} failed, 0 skipped; allow-list: {} lines", allowed.len());
    println!("explicit nulls: {nulls} properties read as `null` and written back as `null`");
    println!(
        "docs paths: {} of {docs_paths} are create functions; {elsewhere} go through navigation the schema does not contain",
        docs_paths - elsewhere
    );
    assert_eq!(failed, 0, "{failed} of {} cases failed", cases.len());
    assert!(unused.is_empty(), "allow-list lines that match no difference: {unused:?}");
}
