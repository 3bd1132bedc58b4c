//! Real Intune objects, as tenants exported them (`../shared/realdata/intune-exports.json`, or
//! `$GRAPH_REALDATA_DIR`): each reads into the generated type of its `@odata.type` with nothing
//! unknown in any catch-all (but the exact allow-list below), comes back JSON-equal (a tag the
//! export lacked may be added), and becomes a create request whose body holds no key, no
//! read-only property, no control information but `@odata.type`, and, for a settings-catalog
//! policy, its whole `settings` tree.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;

use msgraph_entity::{CreateRequest, EntityCollection, GraphRequest, count_unknown, from_json_str};
use msgraph_intune::{
    AnyDeviceCompliancePolicy, AnyDeviceConfiguration, DeviceManagementCompliancePolicy,
    DeviceManagementConfigurationPolicy, DeviceManagementIntent, GroupPolicyConfiguration,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Unknown properties the real exports carry, by name, with how many times: the service is ahead
/// of the 2026-08 beta schema there. The list must be exact.
const ALLOWED_UNKNOWN: &[(&str, usize)] = &[
    // Settings-catalog setting instances, always `null`: not declared by the beta schema.
    ("auditRuleInformation", 200),
];

/// Properties the service sets: never in a create request.
const SET_BY_THE_SERVICE: &[&str] = &["createdDateTime", "lastModifiedDateTime", "settingCount", "isAssigned"];

fn exports() -> Option<Value> {
    let dir = std::env::var_os("GRAPH_REALDATA_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata"), PathBuf::from);
    let path = dir.join("intune-exports.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the exports are JSON")),
        Err(_) => {
            assert!(
                std::env::var_os("GRAPH_CORPUS_REQUIRED").is_none(),
                "real data required but absent at {}",
                path.display()
            );
            // To the stderr handle: the test harness hides `println!` of a passing test.
            let line = format!("real data absent at {}: skipped the real-export tests (1 test)\n", path.display());
            let _ = std::io::stderr().write_all(line.as_bytes());
            None
        }
    }
}

/// What one export gave.
#[derive(Default)]
struct Outcome {
    failures: Vec<String>,
    unknown: BTreeMap<String, usize>,
}

/// `written` equals `original` as JSON: numbers by value, and an `@odata.type` the original
/// lacked allowed in `written`.
fn json_equal(original: &Value, written: &Value) -> bool {
    match (original, written) {
        (Value::Object(a), Value::Object(b)) => {
            let added_tags = usize::from(!a.contains_key("@odata.type") && b.contains_key("@odata.type"));
            a.len() + added_tags == b.len()
                && a.iter().all(|(name, value)| b.get(name).is_some_and(|other| json_equal(value, other)))
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| json_equal(x, y)),
        (Value::Number(a), Value::Number(b)) => a == b || a.as_f64() == b.as_f64(),
        _ => original == written,
    }
}

/// Whether `name` is control information or an annotation (kept apart from properties).
fn is_control(name: &str) -> bool {
    name.starts_with(['@', '#']) || name.contains('@')
}

/// The first problem of a create body at any depth: a control name but `@odata.type`, or `id`.
fn body_problem(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::Object(object) => object.iter().find_map(|(name, value)| {
            if name == "id" || (is_control(name) && name != "@odata.type") {
                Some(format!("`{path}/{name}` is in the create body"))
            } else {
                body_problem(value, &format!("{path}/{name}"))
            }
        }),
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(index, item)| body_problem(item, &format!("{path}/{index}")))
        }
        _ => None,
    }
}

/// The export as a create body should carry it: no `id`, no control information but
/// `@odata.type`, no `null`s (a create leaves an unset property out).
fn as_created(value: &Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(name, value)| {
                    *name != "id" && !value.is_null() && (!is_control(name) || *name == "@odata.type")
                })
                .map(|(name, value)| (name.clone(), as_created(value)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(as_created).collect()),
        other => other.clone(),
    }
}

/// Reads one export as `T`, writes it back, and makes its create request.
fn check<T: EntityCollection + Clone + Serialize + DeserializeOwned>(case: &Value, outcome: &mut Outcome) {
    let label = format!("{} #{}", case["path"].as_str().unwrap_or_default(), case["index"]);
    let body = &case["body"];
    let text = body.to_string();
    let (read, unknown) = count_unknown(|| from_json_str::<T>(&text));
    let value = match read {
        Ok(value) => value,
        Err(error) => return outcome.failures.push(format!("{label}: does not read: {error}")),
    };
    for (name, count) in &unknown.property_names {
        *outcome.unknown.entry(name.clone()).or_default() += count;
    }
    if unknown.types > 0 || unknown.enum_members > 0 {
        outcome.failures.push(format!("{label}: {unknown:?} kept untyped"));
    }
    let written = serde_json::to_value(&value).expect("a model writes");
    if written["@odata.type"] != case["odata_type"] {
        outcome.failures.push(format!("{label}: read as {}, not {}", written["@odata.type"], case["odata_type"]));
    }
    if !json_equal(body, &written) {
        outcome.failures.push(format!("{label}: does not come back JSON-equal"));
    }
    let request = match CreateRequest::from_entity(&value, &[]) {
        Ok(request) => request,
        Err(error) => return outcome.failures.push(format!("{label}: no create request: {error}")),
    };
    let sent: Value = serde_json::from_slice(&request.body_json().unwrap().unwrap()).expect("a JSON body");
    if let Some(problem) = body_problem(&sent, "") {
        outcome.failures.push(format!("{label}: {problem}"));
    }
    for name in SET_BY_THE_SERVICE {
        if sent.get(*name).is_some() {
            outcome.failures.push(format!("{label}: `{name}`, which the service sets, is in the create body"));
        }
    }
    if sent.get("assignments").is_some() {
        outcome.failures.push(format!("{label}: `assignments` is in the create body (assign them afterwards)"));
    }
    if let Some(settings) = body.get("settings").filter(|_| T::GRAPH_NAME.ends_with("Policy")) {
        let expected = as_created(settings);
        if !sent.get("settings").is_some_and(|sent| json_equal(&expected, sent)) {
            outcome.failures.push(format!("{label}: the create body does not carry the whole `settings` tree"));
        }
    }
}

#[test]
fn every_real_export_reads_typed_whole_comes_back_and_can_be_created_again() {
    let Some(exports) = exports() else { return };
    let cases = exports["cases"].as_array().expect("a cases array");
    let mut outcome = Outcome::default();
    let mut by_collection: BTreeMap<&str, usize> = BTreeMap::new();
    for case in cases {
        let collection = case["collection"].as_str().unwrap_or_default();
        *by_collection.entry(collection).or_default() += 1;
        match collection {
            "/deviceManagement/configurationPolicies" => {
                check::<DeviceManagementConfigurationPolicy>(case, &mut outcome)
            }
            "/deviceManagement/compliancePolicies" => check::<DeviceManagementCompliancePolicy>(case, &mut outcome),
            "/deviceManagement/deviceCompliancePolicies" => check::<AnyDeviceCompliancePolicy>(case, &mut outcome),
            "/deviceManagement/deviceConfigurations" => check::<AnyDeviceConfiguration>(case, &mut outcome),
            "/deviceManagement/groupPolicyConfigurations" => check::<GroupPolicyConfiguration>(case, &mut outcome),
            "/deviceManagement/intents" => check::<DeviceManagementIntent>(case, &mut outcome),
            other => outcome.failures.push(format!("no model for the collection `{other}`")),
        }
    }
    println!("real exports: {} objects {by_collection:?}", cases.len());
    println!("unknown properties kept: {:?}", outcome.unknown);
    let allowed: BTreeMap<String, usize> =
        ALLOWED_UNKNOWN.iter().map(|(name, count)| ((*name).to_owned(), *count)).collect();
    assert!(
        outcome.failures.is_empty(),
        "{} of {} failed:\n{}",
        outcome.failures.len(),
        cases.len(),
        outcome.failures.join("\n")
    );
    assert_eq!(outcome.unknown, allowed, "the allow-list of unknown properties must be exact");
}
