//! Backup and restore of settings-catalog policies (issue 19): the create body of a policy
//! built through the typed builder is the body the Intune admin center sends, and reads back
//! into the same request; and the `backup_restore` example, between two stand-ins, gives back
//! each policy as it was but for ids and what the service sets, its assignments mapped to the
//! target tenant's groups.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use msgraph_entity::{CreateRequest, GraphRequest as _, from_json_str};
use msgraph_intune::{
    AnyDeviceAndAppManagementAssignmentTarget as AnyTarget, DeviceManagementConfigurationPolicy,
    DeviceManagementConfigurationPolicyAssignment, DeviceManagementConfigurationPolicyNavigation,
    DeviceManagementConfigurationSetting,
};
use msgraph_standin::{Schema, StandIn};
use serde_json::{Value, json};

/// The example itself: its backup, restore and seeding functions (not its `main`).
#[allow(dead_code, reason = "the example's `main` and its real-tenant options are not run here")]
#[path = "../../examples/backup_restore.rs"]
mod example;

// ---------------------------------------------------------------------------------------------
// The body of a policy built typed.

const PROXY: &str = "device_vendor_msft_policy_config_lab_proxysettings";

/// The body the Intune admin center sends to create the example's lab proxy policy (written by hand): the
/// settings inline, every object of the tree with its `@odata.type`, the shape the real
/// exports have.
fn admin_center_body() -> Value {
    let simple = |definition: String, value: Value| {
        json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
            "settingDefinitionId": definition,
            "simpleSettingValue": value,
        })
    };
    let text = |value: &str| json!({"@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue", "value": value});
    let server = |address: &str, port: i32| {
        json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingValue",
            "children": [
                simple(format!("{PROXY}_servers_address"), text(address)),
                simple(
                    format!("{PROXY}_servers_port"),
                    json!({"@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue", "value": port}),
                ),
            ],
        })
    };
    json!({
        "name": "Lab proxy",
        "description": "Two proxies, and what bypasses them.",
        "platforms": "windows10",
        "technologies": "mdm",
        "roleScopeTagIds": ["0"],
        "settings": [{
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
            "settingInstance": {
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
                "settingDefinitionId": PROXY,
                "choiceSettingValue": {
                    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
                    "value": format!("{PROXY}_1"),
                    "children": [
                        {
                            "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
                            "settingDefinitionId": format!("{PROXY}_servers"),
                            "groupSettingCollectionValue": [server("proxy1.contoso.com", 8080), server("proxy2.contoso.com", 3128)],
                        },
                        {
                            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
                            "settingDefinitionId": format!("{PROXY}_bypasslist"),
                            "simpleSettingCollectionValue": [text("*.contoso.com"), text("10.0.0.0/8")],
                        },
                    ],
                },
            },
        }],
    })
}

#[test]
fn a_settings_catalog_policy_built_typed_sends_the_body_the_admin_center_sends() {
    let create = example::lab_proxy_policy();
    assert_eq!(create.path(), "/deviceManagement/configurationPolicies");
    let body = String::from_utf8(create.body_json().unwrap().unwrap()).unwrap();
    // The policy's own type first, as Graph's documentation sends it (the admin center leaves
    // it out: the collection's type); then the admin center's body, member for member.
    let tag = r##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy","##;
    assert!(body.starts_with(tag), "{body}");
    let mut sent: Value = serde_json::from_str(&body).unwrap();
    sent.as_object_mut().unwrap().remove("@odata.type");
    assert_eq!(sent, admin_center_body(), "{}", serde_json::to_string_pretty(&sent).unwrap());

    // The same policy as the service reads it back (ids, stamps, counts, control information),
    // read typed: a create request from it sends the same body, byte for byte.
    let mut read = admin_center_body();
    let policy = read.as_object_mut().unwrap();
    policy.insert(
        "@odata.context".into(),
        json!("https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(settings())/$entity"),
    );
    policy.insert("id".into(), json!("f65bd2e2-2e7b-46ca-beaa-684b94424e86"));
    policy.insert("createdDateTime".into(), json!("2025-09-29T14:40:42.7964384Z"));
    policy.insert("lastModifiedDateTime".into(), json!("2025-09-29T14:40:42.7964384Z"));
    policy.insert("settingCount".into(), json!(1));
    policy.insert("isAssigned".into(), json!(false));
    policy.insert("platforms@odata.type".into(), json!("#microsoft.graph.deviceManagementConfigurationPlatforms"));
    policy["settings"][0]["id"] = json!("0");
    let read: DeviceManagementConfigurationPolicy = from_json_str(&read.to_string()).unwrap();
    assert_eq!(read.setting_count, Some(1));
    let again = CreateRequest::from_entity(&read, &[]).unwrap();
    assert_eq!(String::from_utf8(again.body_json().unwrap().unwrap()).unwrap(), body);
}

// ---------------------------------------------------------------------------------------------
// The example, between two stand-ins.

/// The Intune schema (read once), or `None` after one line on stderr saying what is skipped.
fn schema(skipped: &str) -> Option<Arc<Schema>> {
    let dir = std::env::var_os("GRAPH_SCHEMA_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schema"), PathBuf::from);
    let path = dir.join(msgraph_standin::INTUNE_BETA_FILE);
    if !path.exists() {
        assert!(
            std::env::var_os("GRAPH_CORPUS_REQUIRED").is_none(),
            "schema required but absent at {}",
            path.display()
        );
        // To the stderr handle: the test harness hides `println!` of a passing test.
        let line = format!("schema absent at {} (set GRAPH_SCHEMA_DIR): skipped {skipped}\n", path.display());
        let _ = std::io::stderr().write_all(line.as_bytes());
        return None;
    }
    Some(Schema::load(&path).expect("the Intune schema reads"))
}

/// A new, empty folder for one test's backup.
fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("msgraph-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    folder
}

fn expanded() -> msgraph_entity::ListRequest<DeviceManagementConfigurationPolicy> {
    DeviceManagementConfigurationPolicy::list().expand([
        DeviceManagementConfigurationPolicyNavigation::Settings,
        DeviceManagementConfigurationPolicyNavigation::Assignments,
    ])
}

/// `policy` without what the service sets: keys, stamps, counts, control information.
fn without_service_values(policy: &DeviceManagementConfigurationPolicy) -> DeviceManagementConfigurationPolicy {
    DeviceManagementConfigurationPolicy {
        id: None,
        created_date_time: None,
        last_modified_date_time: None,
        is_assigned: None,
        setting_count: None,
        odata: Default::default(),
        settings: policy.settings.as_ref().map(|settings| {
            let settings = settings.iter().cloned();
            settings
                .map(|setting| DeviceManagementConfigurationSetting { id: None, odata: Default::default(), ..setting })
                .collect()
        }),
        assignments: policy.assignments.as_ref().map(|assignments| {
            let assignments = assignments.iter().cloned();
            assignments
                .map(|assignment| DeviceManagementConfigurationPolicyAssignment {
                    id: None,
                    odata: Default::default(),
                    ..assignment
                })
                .collect()
        }),
        ..policy.clone()
    }
}

/// The group an assignment targets (or excludes).
fn group_of(assignment: &DeviceManagementConfigurationPolicyAssignment) -> Option<&str> {
    match assignment.target.as_ref()? {
        AnyTarget::GroupAssignmentTarget(group) => group.group_id.as_deref(),
        AnyTarget::ExclusionGroupAssignmentTarget(group) => group.group_id.as_deref(),
        _ => None,
    }
}

#[tokio::test]
async fn the_backup_restore_example_gives_back_each_policy_as_it_was_backed_up() {
    let Some(schema) = schema("the backup and restore between two stand-ins (1 test)") else { return };
    let source = StandIn::builder().schema(schema.clone()).start().await.unwrap();
    let target = StandIn::builder().schema(schema).start().await.unwrap();
    let (source_client, target_client) = (source.client().unwrap(), target.client().unwrap());

    let ids = example::seed(&source_client).await.unwrap();
    let folder = folder("backup-restore");
    let files = example::backup(&source_client, &folder).await.unwrap();
    assert_eq!(files.len(), 3);
    let backed_up = source_client.list_all(expanded()).await.unwrap();
    for file in &files {
        // Each file: one policy as the source holds it, indented at every level.
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.starts_with("{\n  \"@odata.type\": \"#microsoft.graph.deviceManagementConfigurationPolicy\",\n"));
        let policy: DeviceManagementConfigurationPolicy = from_json_str(&text).unwrap();
        assert!(backed_up.contains(&policy), "{}", file.display());
    }

    let restored = example::restore(&target_client, &folder, &ids).await.unwrap();
    assert_eq!(restored.len(), 3);
    assert!(restored.iter().all(|policy| policy.skipped.is_empty()), "{restored:?}");
    let in_target = target_client.list_all(expanded()).await.unwrap();
    assert_eq!(in_target.len(), 3);
    let lab_proxy = backed_up.iter().find(|policy| policy.name.as_deref() == Some("Lab proxy")).unwrap();
    assert!(lab_proxy.settings.as_ref().is_some_and(|settings| !settings.is_empty()));

    for source in &backed_up {
        let restored = in_target.iter().find(|policy| policy.name == source.name).unwrap();
        assert_ne!(restored.id, source.id);
        // What a create request writes (every writable property, the settings tree), byte for byte.
        assert_eq!(example::request_body(restored).unwrap(), example::request_body(source).unwrap());
        // Typed: the same policy but for what the service sets, the groups mapped.
        let mut expected = without_service_values(source);
        for assignment in expected.assignments.iter_mut().flatten() {
            match assignment.target.as_mut() {
                Some(AnyTarget::GroupAssignmentTarget(group)) => {
                    group.group_id = group.group_id.as_ref().map(|id| ids.ids[id].clone())
                }
                Some(AnyTarget::ExclusionGroupAssignmentTarget(group)) => {
                    group.group_id = group.group_id.as_ref().map(|id| ids.ids[id].clone())
                }
                _ => {}
            }
        }
        assert_eq!(without_service_values(restored), expected, "{:?}", source.name);
    }
    // The assignments went to the target tenant's groups, none to the source's.
    let restored_proxy = in_target.iter().find(|policy| policy.name.as_deref() == Some("Lab proxy")).unwrap();
    let groups: Vec<&str> = restored_proxy.assignments.iter().flatten().filter_map(group_of).collect();
    let mut mapped: Vec<&str> = ids.ids.values().map(String::as_str).collect();
    mapped.sort();
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(sorted, mapped);
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
async fn a_restore_without_a_group_map_leaves_group_assignments_out_and_says_why() {
    let Some(schema) = schema("the restore without a group map (1 test)") else { return };
    let source = StandIn::builder().schema(schema.clone()).start().await.unwrap();
    let target = StandIn::builder().schema(schema).start().await.unwrap();
    let (source_client, target_client) = (source.client().unwrap(), target.client().unwrap());
    let ids = example::seed(&source_client).await.unwrap();
    let folder = folder("restore-unmapped");
    example::backup(&source_client, &folder).await.unwrap();

    let restored = example::restore(&target_client, &folder, &example::IdMap::default()).await.unwrap();
    let proxy = restored.iter().find(|policy| policy.created.name.as_deref() == Some("Lab proxy")).unwrap();
    assert!(proxy.assigned.is_empty());
    assert_eq!(proxy.skipped.len(), 2, "{:?}", proxy.skipped);
    assert!(proxy.skipped.iter().all(|reason| reason.contains("has no mapping (--map")), "{:?}", proxy.skipped);
    assert!(
        ids.ids.keys().all(|id| proxy.skipped.iter().any(|reason| reason.contains(id.as_str()))),
        "{:?}",
        proxy.skipped
    );
    // An assignment to all devices needs no mapping.
    let lock =
        restored.iter().find(|policy| policy.created.name.as_deref() == Some("Screen lock after 5 minutes")).unwrap();
    assert_eq!((lock.assigned.len(), lock.skipped.len()), (1, 0));

    // A file that is not a policy is an error that names it, before anything is sent.
    std::fs::write(folder.join("zz-notes.json"), r#"{"name": 5}"#).unwrap();
    let before = target.request_count();
    let error = example::restore(&target_client, &folder, &example::IdMap::default()).await.unwrap_err().to_string();
    assert!(error.contains("zz-notes.json is not a policy"), "{error}");
    assert_eq!(target.request_count(), before, "nothing restored, nothing half restored");
    let _ = std::fs::remove_dir_all(&folder);
}
