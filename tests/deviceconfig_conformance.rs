//! Conformance with the Graph docs: every "Create" case of the deviceconfig corpus.
//!
//! For each case, for both the example request and the example response:
//! - the body reads into the case's typed entity, and `to_string_pretty` of
//!   that value is byte-identical to the body (after dropping the leading `#`
//!   of every `@odata.type`, which the docs leave out on nested values);
//! - nothing read lands in a catch-all: no additional property, no unknown
//!   enum member, no unlisted derived type, at any depth;
//!
//! and the entity's collection path and OData type are the case's, and every
//! path the case lists is reachable through the entity's create functions.
//! Then each example response with every property set to an explicit `null`
//! reads back and is written with the same `null`s, none of them counted as unknown.
//! Skips are only for defects of the docs, listed with their reason in
//! `tests/conformance_allow_list.txt`.

#[path = "generated/deviceconfig_cases.rs"]
mod generated;

use std::fmt::Debug;

use msgraph_entity::{EntityCollection, count_unknown, from_json_str};
use serde_json::Value;

/// A case of the generated table: its page, and the checks typed with its entity.
pub struct Case {
    page: &'static str,
    check: fn(&Value) -> (Vec<String>, usize),
    create_paths: fn() -> Vec<String>,
}

impl Case {
    /// The case of `page`, whose entity is `T`; `create_paths` calls each of its create functions.
    pub fn new<T: EntityCollection + Debug>(page: &'static str, create_paths: fn() -> Vec<String>) -> Self {
        Case { page, check: check_bodies::<T>, create_paths }
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

/// The response with every property but `@odata.type` set to `null`: read typed and written
/// back, each `null` must come back where it was. Returns the failures and how many nulls round-tripped.
fn check_explicit_nulls<T: EntityCollection + Debug>(response: &str) -> (Vec<String>, usize) {
    let OrderedObject(properties) = serde_json::from_str(response).expect("corpus bodies are objects");
    let nulled: Vec<(String, Value)> = properties
        .into_iter()
        .map(|(name, value)| if name == "@odata.type" { (name, value) } else { (name, Value::Null) })
        .collect();
    let nulls = nulled.iter().filter(|(_, value)| value.is_null()).count();
    let expected = serde_json::to_string_pretty(&OrderedObject(nulled)).expect("serializes");
    let (read, unknown) = count_unknown(|| from_json_str::<T>(&expected));
    let value = match read {
        Ok(value) => value,
        Err(error) => return (vec![format!("nulls: does not read: {error}")], 0),
    };
    let mut failures = Vec::new();
    if !unknown.is_empty() {
        failures.push(format!("nulls: counted as unknown: {unknown:?}"));
    }
    let written = serde_json::to_string_pretty(&value).expect("serializes");
    if written != expected {
        failures.push(format!("nulls: written back differently, {}", first_difference(&expected, &written)));
        return (failures, 0);
    }
    (failures, nulls)
}

fn check_bodies<T: EntityCollection + Debug>(case: &Value) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    for part in ["request", "response"] {
        let text = case[part]["body_text"].as_str().expect("corpus bodies are strings");
        let (read, unknown) = count_unknown(|| from_json_str::<T>(text));
        let value = match read {
            Ok(value) => value,
            Err(error) => {
                failures.push(format!("{part}: does not read: {error}"));
                continue;
            }
        };
        if !unknown.is_empty() {
            failures.push(format!("{part}: read into catch-alls: {unknown:?}"));
        }
        let written = serde_json::to_string_pretty(&value).expect("serializes");
        let (expected, actual) = (without_hash(text), without_hash(&written));
        if expected != actual {
            failures.push(format!("{part}: written back differently, {}", first_difference(&expected, &actual)));
        }
    }
    if case["paths"][0] != T::COLLECTION.as_str() {
        failures.push(format!("collection path `{}`, case `{}`", T::COLLECTION.as_str(), case["paths"][0]));
    }
    if case["odata_type"] != T::ODATA_TYPE {
        failures.push(format!("OData type `{}`, case `{}`", T::ODATA_TYPE, case["odata_type"]));
    }
    let response = case["response"]["body_text"].as_str().expect("corpus bodies are strings");
    let (null_failures, nulls) = check_explicit_nulls::<T>(response);
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

fn check_paths(case: &Value, created: Vec<String>) -> Vec<String> {
    let expected: Vec<String> =
        case["paths"].as_array().expect("paths").iter().map(|path| filled(path.as_str().expect("path"))).collect();
    if expected == created { Vec::new() } else { vec![format!("create paths {created:?}, case {expected:?}")] }
}

/// `page<TAB>check<TAB>reason` lines: a case skipped for a defect of the docs themselves.
fn allow_list() -> Vec<(String, String)> {
    include_str!("conformance_allow_list.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t');
            let page = fields.next().expect("page").to_owned();
            let reason = fields.collect::<Vec<_>>().join(": ");
            assert!(!reason.is_empty(), "allow-list line without a reason: {line}");
            (page, reason)
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
    assert_eq!(cases.len(), raw_cases.len(), "the generated table is out of date: run `cargo run -p msgraph-codegen`");
    let allowed = allow_list();

    let (mut passed, mut failed, mut skipped, mut nulls) = (0, 0, 0, 0);
    for (case, raw) in cases.iter().zip(raw_cases) {
        assert_eq!(raw["page"], case.page, "the generated table is out of date: run `cargo run -p msgraph-codegen`");
        let (mut failures, case_nulls) = (case.check)(raw);
        nulls += case_nulls;
        failures.extend(check_paths(raw, (case.create_paths)()));
        if let Some((_, reason)) = allowed.iter().find(|(page, _)| page == case.page) {
            println!("skipped {}: {reason}", case.page);
            skipped += 1;
        } else if failures.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!("FAILED {}:\n  {}", case.page, failures.join("\n  "));
        }
    }
    println!("conformance: {passed} passed, {failed} failed, {skipped} skipped");
    println!("explicit nulls: {nulls} properties read as `null` and written back as `null`");
    assert_eq!(failed, 0, "{failed} of {} cases failed", cases.len());
}
