//! The stand-in on the Intune beta schema, over HTTP: the lifecycle of collections from every
//! area, every bound operation, query options and paging, `$batch`, bodies checked against the
//! schema, faults, sign-in, recording, hostile input, and the program. Raw JSON where no model
//! is needed; this project's client (with models declared here) where the client is the point.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use msgraph_codegen::csdl::{Csdl, OperationKind};
use msgraph_codegen::select::{Selection, derived_types};
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
use msgraph_entity::client::{Client, RetryPolicy};
use msgraph_entity::{Batch, BearerToken, Endpoint, Error, GraphEntity};
use msgraph_standin::{Fault, HandlerError, OperationCall, RetryAfter, SignIn, StandIn};
use serde_json::{Value, json};
use support::{Raw, assert_graph_error, http, send};

/// An ndesConnector as this file's client sees it.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
struct Connector {
    #[graph(key)]
    id: Option<String>,
    #[graph(required)]
    display_name: Option<String>,
}

fn connector(name: &str) -> Value {
    json!({"displayName": name, "state": "active", "lastConnectionDateTime": "2024-06-01T08:00:00Z"})
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        max_total_delay: Duration::from_secs(10),
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        retry_unsafe_on_gateway_timeout: false,
    }
}

fn client_with(standin: &StandIn, retry: RetryPolicy) -> Client {
    Client::builder(Endpoint::with_base_url(standin.base_url()), BearerToken::new("t"))
        .retry_policy(retry)
        .build()
        .unwrap()
}

// ------------------------------------------------------------------------------------------
// The schema as the tests walk it: which collections exist, which concrete type to create.

struct Walk {
    csdl: Csdl,
    /// Template (`/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`) → declared type.
    declared: HashMap<String, String>,
    /// Declared type → its places: (template, is a collection).
    places: Vec<(String, String, bool)>,
}

impl Walk {
    fn new(path: &Path) -> Walk {
        let csdl = Csdl::read_file(path).unwrap();
        let selection = Selection::new(&csdl, &[]).unwrap();
        let mut declared = HashMap::new();
        let mut places = Vec::new();
        for paths in selection.paths.values() {
            for place in paths {
                declared.insert(place.template.clone(), place.declared.clone());
                places.push((place.declared.clone(), place.template.clone(), place.collection));
            }
        }
        places.sort_by_key(|(_, template, _)| (template.matches('/').count(), template.clone()));
        Walk { csdl, declared, places }
    }

    /// A type a value of `ty` can be created as: `ty` itself when nothing derives from it, else
    /// the first type derived from it that nothing derives from.
    fn concrete(&self, ty: &str) -> String {
        if !self.csdl.children.contains_key(ty) {
            return ty.to_owned();
        }
        derived_types(&self.csdl, ty).into_iter().find(|derived| !self.csdl.children.contains_key(derived)).unwrap()
    }

    /// A writable property of `ty` to filter, order and update by, with two values in order
    /// and a third to update to: a string (`displayName` or `name` when it has one), else an enum.
    fn sample_property(&self, ty: &str) -> Option<(String, [String; 3])> {
        let properties: Vec<&msgraph_codegen::csdl::Property> = self
            .csdl
            .chain(ty)
            .into_iter()
            .flat_map(|owner| owner.properties.iter())
            .filter(|property| !property.ty.collection && !property.computed && property.name != "id")
            .collect();
        let mut strings: Vec<&str> = properties
            .iter()
            .filter(|property| property.ty.name == "Edm.String")
            .map(|property| property.name.as_str())
            .collect();
        strings.sort_by_key(|name| (!matches!(*name, "displayName" | "name" | "description"), *name));
        if let Some(name) = strings.first() {
            return Some((name.to_string(), ["A lifecycle".into(), "B lifecycle".into(), "A renamed".into()]));
        }
        properties.iter().find_map(|property| {
            let members = &self.csdl.types.get(&property.ty.name)?.members;
            let mut names: Vec<String> = members.iter().map(|member| member.name.clone()).collect();
            names.sort();
            let renamed = names.get(2).unwrap_or(names.get(1)?).clone();
            (names.len() >= 2).then(|| (property.name.clone(), [names[0].clone(), names[1].clone(), renamed]))
        })
    }
}

/// Makes the entities a template's placeholders stand for (each created once) and returns the
/// path with their ids.
async fn realize(
    raw: &msgraph_entity::client::external::reqwest::Client,
    standin: &StandIn,
    walk: &Walk,
    template: &str,
    made: &mut HashMap<String, String>,
) -> String {
    let mut path = String::new();
    let mut template_so_far = String::new();
    let segments: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        if segment.starts_with('{') {
            // An item followed by a cast is made of a type derived from the cast.
            let cast = segments.get(index + 1).filter(|next| next.contains('.')).copied();
            let key = format!("{template_so_far}|{}", cast.unwrap_or_default());
            if let Some(existing) = made.get(&key) {
                path = existing.clone();
            } else {
                let declared = walk.declared[&template_so_far].clone();
                let body = json!({"@odata.type": format!("#{}", walk.concrete(cast.unwrap_or(&declared)))});
                let created = send(raw, standin, "POST", &path, Some(&body)).await;
                assert_eq!(created.status, 201, "POST {path}: {}", created.text);
                path = format!("{path}/{}", created.json["id"].as_str().unwrap());
                made.insert(key, path.clone());
            }
        } else {
            path = format!("{path}/{segment}");
        }
        template_so_far = format!("{template_so_far}/{segment}");
    }
    path
}

// ------------------------------------------------------------------------------------------

/// Collections of every area of `tools/codegen/src/areas.rs` (nested ones and casts included).
const LIFECYCLE: &[(&str, &str)] = &[
    ("ndes", "/deviceManagement/ndesConnectors"),
    ("tenant", "/deviceManagement/termsAndConditions"),
    ("tenant", "/deviceManagement/assignmentFilters"),
    (
        "tenant",
        "/deviceManagement/notificationMessageTemplates/{notificationMessageTemplateId}/localizedNotificationMessages",
    ),
    ("rbac", "/deviceManagement/roleDefinitions"),
    ("rbac", "/deviceManagement/roleScopeTags"),
    ("devices", "/deviceManagement/deviceCategories"),
    ("devices", "/deviceManagement/managedDevices"),
    ("device-config", "/deviceManagement/deviceConfigurations"),
    ("device-config", "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"),
    ("device-config", "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/scheduledActionsForRule"),
    ("device-config-windows", "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration"),
    ("device-config-ios", "/deviceManagement/deviceConfigurations/microsoft.graph.iosGeneralDeviceConfiguration"),
    ("device-config-macos", "/deviceManagement/deviceCompliancePolicies/microsoft.graph.macOSCompliancePolicy"),
    (
        "device-config-android",
        "/deviceManagement/deviceConfigurations/microsoft.graph.androidGeneralDeviceConfiguration",
    ),
    ("settings-catalog", "/deviceManagement/configurationPolicies"),
    ("settings-catalog", "/deviceManagement/configurationPolicies/{deviceManagementConfigurationPolicyId}/assignments"),
    ("settings-catalog", "/deviceManagement/reusablePolicySettings"),
    ("endpoint-security", "/deviceManagement/intents"),
    ("endpoint-security", "/deviceManagement/templates"),
    ("group-policy", "/deviceManagement/groupPolicyConfigurations"),
    ("group-policy", "/deviceManagement/groupPolicyConfigurations/{groupPolicyConfigurationId}/definitionValues"),
    ("scripts", "/deviceManagement/deviceManagementScripts"),
    ("scripts", "/deviceManagement/deviceHealthScripts"),
    ("apps", "/deviceAppManagement/mobileApps"),
    ("apps", "/deviceAppManagement/mobileAppCategories"),
    ("app-protection", "/deviceAppManagement/iosManagedAppProtections"),
    ("app-protection", "/deviceAppManagement/androidManagedAppProtections"),
    ("enrollment", "/deviceManagement/deviceEnrollmentConfigurations"),
    ("enrollment", "/deviceManagement/windowsAutopilotDeploymentProfiles"),
    ("updates", "/deviceManagement/windowsFeatureUpdateProfiles"),
    ("updates", "/deviceManagement/windowsQualityUpdateProfiles"),
    ("reports", "/deviceManagement/reports/exportJobs"),
    ("analytics", "/deviceManagement/userExperienceAnalyticsBaselines"),
    ("cloud-pc", "/deviceManagement/virtualEndpoint/provisioningPolicies"),
    ("cloud-pc", "/deviceManagement/virtualEndpoint/userSettings"),
    ("partners", "/deviceManagement/mobileThreatDefenseConnectors"),
    ("partners", "/deviceManagement/remoteAssistancePartners"),
    ("tunnel", "/deviceManagement/microsoftTunnelSites"),
    ("cloud-pki", "/deviceManagement/cloudCertificationAuthority"),
];

#[tokio::test]
async fn the_lifecycle_runs_on_collections_of_every_area() {
    let Some(schema_path) = support::real_schema_path("the lifecycle of 40 collections (1 test)") else { return };
    let standin = StandIn::builder().metadata(&schema_path).start().await.unwrap();
    let walk = Walk::new(&schema_path);
    let raw = http();
    let mut made = HashMap::new();
    let mut areas: Vec<&str> = Vec::new();
    for (area, template) in LIFECYCLE {
        // The collection is one of the schema's (a cast: its collection is), or the test tests nothing.
        let (collection_template, cast) = match template.rsplit_once('/') {
            Some((parent, last)) if last.starts_with("microsoft.graph.") => {
                (parent, Some(format!("microsoft.graph.{}", &last[16..])))
            }
            _ => (*template, None),
        };
        let declared =
            walk.declared.get(collection_template).unwrap_or_else(|| panic!("{template} is no place of the schema"));
        let ty = walk.concrete(cast.as_deref().unwrap_or(declared));
        let (property, [first, second, renamed]) =
            walk.sample_property(&ty).unwrap_or_else(|| panic!("{ty} has no property to sample"));
        let path = realize(&raw, &standin, &walk, template, &mut made).await;

        let mut ids = Vec::new();
        for value in [&first, &second] {
            let created =
                send(&raw, &standin, "POST", &path, Some(&json!({"@odata.type": format!("#{ty}"), &property: value})))
                    .await;
            assert_eq!(created.status, 201, "POST {path}: {}", created.text);
            assert_eq!(created.json[&property], value.as_str());
            assert!(created.json["@odata.context"].as_str().unwrap().ends_with("/$entity"), "{}", created.text);
            ids.push(created.json["id"].as_str().unwrap().to_owned());
        }
        let listed =
            send(&raw, &standin, "GET", &format!("{path}?$filter={property} eq '{first}'&$select=id,{property}"), None)
                .await;
        assert_eq!(listed.status, 200, "{path}: {}", listed.text);
        let items = listed.json["value"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{path}: {}", listed.text);
        assert_eq!(items[0]["id"], ids[0].as_str());
        let mut selected: Vec<&str> = items[0].as_object().unwrap().keys().map(String::as_str).collect();
        selected.sort_unstable();
        let mut expected = ["@odata.type", "id", property.as_str()];
        expected.sort_unstable();
        assert_eq!(selected, expected, "{path}");
        let ordered = send(&raw, &standin, "GET", &format!("{path}?$orderby={property} desc"), None).await;
        let names: Vec<&Value> =
            ordered.json["value"].as_array().unwrap().iter().map(|item| &item[&property]).collect();
        assert_eq!(names, [&second, &first], "{path}");

        let item = format!("{path}/{}", ids[0]);
        assert_eq!(send(&raw, &standin, "GET", &item, None).await.json[&property], first.as_str(), "{item}");
        let updated = send(&raw, &standin, "PATCH", &item, Some(&json!({&property: renamed}))).await;
        assert_eq!(updated.status, 204, "PATCH {item}: {}", updated.text);
        let read = send(&raw, &standin, "GET", &item, None).await;
        assert_eq!(
            (read.json[&property].as_str(), read.json["@odata.type"].as_str()),
            (Some(renamed.as_str()), Some(&*format!("#{ty}")))
        );
        assert_eq!(send(&raw, &standin, "DELETE", &item, None).await.status, 204, "DELETE {item}");
        assert_graph_error(&send(&raw, &standin, "GET", &item, None).await, 404, &ids[0]);
        if !areas.contains(area) {
            areas.push(area);
        }
    }
    assert_eq!(areas.len(), 23, "every area but `common` (which has no collection of its own): {areas:?}");
    assert!(LIFECYCLE.len() >= 30);
}

#[tokio::test]
async fn every_bound_operation_of_the_schema_answers_without_a_server_error() {
    let Some(schema_path) = support::real_schema_path("the call of every bound operation (1 test)") else { return };
    let standin = StandIn::builder().metadata(&schema_path).record_limit(0).start().await.unwrap();
    let walk = Walk::new(&schema_path);
    let raw = http();
    let mut made: HashMap<String, String> = HashMap::new();
    let mut items: HashMap<(String, String), String> = HashMap::new();
    let (mut answered, mut unreachable) = (0, Vec::new());
    for operation in &walk.csdl.operations {
        let Some(binding) = &operation.binding else { continue };
        // The nearest place that holds values of the binding type (or of a base of it).
        let place = walk.places.iter().find(|(declared, _, collection)| {
            walk.csdl.chain(&binding.name).iter().any(|base| &base.full_name == declared)
                && (*collection || !binding.collection)
        });
        let Some((declared, template, collection)) = place else {
            unreachable.push(format!("{}({})", operation.name, binding.name));
            continue;
        };
        let base = realize(&raw, &standin, &walk, template, &mut made).await;
        let target = match (binding.collection, *collection) {
            (true, _) if &binding.name == declared => base,
            (true, _) => format!("{base}/{}", binding.name),
            (false, false) => base,
            (false, true) => {
                let ty = walk.concrete(&binding.name);
                let key = (base.clone(), ty.clone());
                match items.get(&key) {
                    Some(item) => item.clone(),
                    None => {
                        let created =
                            send(&raw, &standin, "POST", &base, Some(&json!({"@odata.type": format!("#{ty}")}))).await;
                        assert_eq!(created.status, 201, "POST {base}: {}", created.text);
                        let item = format!("{base}/{}", created.json["id"].as_str().unwrap());
                        items.insert(key, item.clone());
                        item
                    }
                }
            }
        };
        let qualified = format!("{}.{}", operation.namespace, operation.name);
        let answer = match operation.kind {
            OperationKind::Action => send(&raw, &standin, "POST", &format!("{target}/{qualified}"), None).await,
            OperationKind::Function => {
                let arguments: Vec<String> = operation
                    .parameters
                    .iter()
                    .filter(|parameter| !parameter.optional)
                    .map(|parameter| {
                        let literal = match (parameter.ty.collection, parameter.ty.name.as_str()) {
                            (true, _) => "[\"x\"]".to_owned(),
                            (false, "Edm.Boolean") => "false".to_owned(),
                            (false, name) if name.starts_with("Edm.Int") => "0".to_owned(),
                            _ => "'x'".to_owned(),
                        };
                        format!("{}={literal}", parameter.name)
                    })
                    .collect();
                // Every other function by its short name, to show both forms answer.
                let name = if answered % 2 == 0 { qualified.clone() } else { operation.name.clone() };
                send(&raw, &standin, "GET", &format!("{target}/{name}({})", arguments.join(",")), None).await
            }
        };
        assert!(
            (200..300).contains(&answer.status),
            "{} {target}/{qualified}: {} {}",
            operation.name,
            answer.status,
            answer.text
        );
        if let Some(return_type) = &operation.return_type
            && return_type.collection
        {
            assert!(answer.json["value"].is_array(), "{qualified}: {}", answer.text);
        }
        answered += 1;
    }
    assert!(unreachable.is_empty(), "bound to types no URL reaches: {unreachable:?}");
    assert_eq!(answered, standin.schema().bound_operation_count());
    assert_eq!(standin.operation_calls().len(), answered);
}

#[tokio::test]
async fn bodies_are_checked_against_the_schema_and_refused_in_the_services_shape() {
    let Some(builder) = support::intune("the body checks (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    let connectors = "/deviceManagement/ndesConnectors";
    let configurations = "/deviceManagement/deviceConfigurations";
    for (path, body, needle) in [
        (
            connectors,
            json!({"displayName": "x", "colour": "red"}),
            "Could not find a property named 'colour' on type 'microsoft.graph.ndesConnector'",
        ),
        (
            connectors,
            json!({"displayName": 5}),
            "A value of type 'Edm.String' was expected, not a number (5). (at `displayName`)",
        ),
        (
            connectors,
            json!({"state": "sideways"}),
            "The value 'sideways' is not a member of the enum 'microsoft.graph.ndesConnectorState' (its members: none, active, inactive)",
        ),
        (connectors, json!({"lastConnectionDateTime": "yesterday"}), "a date and time with an offset"),
        (connectors, json!({"roleScopeTagIds": "0"}), "'Collection(Edm.String)' was expected, not a string"),
        (connectors, json!(["not", "an", "object"]), "must be a JSON object"),
        (
            configurations,
            json!({"displayName": "x"}),
            "Cannot create an abstract class: 'microsoft.graph.deviceConfiguration' has derived types",
        ),
        (
            configurations,
            json!({"@odata.type": "#microsoft.graph.ndesConnector"}),
            "is not 'microsoft.graph.deviceConfiguration' or derived from it",
        ),
        (
            configurations,
            json!({"@odata.type": "#microsoft.graph.nope"}),
            "'#microsoft.graph.nope' given in '@odata.type' is not declared",
        ),
        (
            configurations,
            json!({"@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "passwordRequired": "yes"}),
            "'Edm.Boolean' was expected",
        ),
        (
            "/deviceManagement/configurationPolicies",
            json!({"name": "x", "settings": [{"settingInstance": {"settingDefinitionId": "a"}}]}),
            "Cannot create an abstract class: 'microsoft.graph.deviceManagementConfigurationSettingInstance' has derived types and no '@odata.type' says which; give a concrete type in '@odata.type' such as '#microsoft.graph.deviceManagementConfigurationChoiceSettingCollectionInstance'",
        ),
    ] {
        let answer = send(&raw, &standin, "POST", path, Some(&body)).await;
        assert_graph_error(&answer, 400, needle);
        assert_eq!(answer.json["error"]["code"], "BadRequest");
        assert_eq!(answer.headers["client-request-id"], "test-client-request-id");
    }
    let malformed = standin.url(connectors);
    let answer =
        raw.post(malformed).header("content-type", "application/json").body("{\"displayName\": ").send().await.unwrap();
    assert_eq!(answer.status(), 400);
    assert!(answer.text().await.unwrap().contains("not valid JSON"));

    // Read-only values and control information sent back are dropped; the stand-in sets the key and stamps.
    let created = send(
        &raw,
        &standin,
        "POST",
        configurations,
        Some(&json!({
            "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "@odata.context": "x", "id": "mine",
            "supportsScopeTags": true, "createdDateTime": "2000-01-01T00:00:00Z", "displayName@odata.type": "#String",
            "#microsoft.graph.assign": {"target": "x"}, "displayName": "Kept"
        })),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_ne!(created.json["id"], "mine");
    assert_eq!(
        created.json["supportsScopeTags"], false,
        "read-only and never null: the stand-in's default, not the client's"
    );
    assert_ne!(created.json["createdDateTime"], "2000-01-01T00:00:00Z");
    assert!(created.json.get("#microsoft.graph.assign").is_none() && created.json["displayName"] == "Kept");
    assert!(created.headers["location"].to_str().unwrap().ends_with(created.json["id"].as_str().unwrap()));
}

#[tokio::test]
async fn places_that_do_not_exist_are_404_and_methods_they_do_not_allow_405() {
    let Some(builder) = support::intune("the 404 and 405 answers (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    assert_graph_error(&send(&raw, &standin, "GET", "/deviceManagement/nothingHere", None).await, 404, "nothingHere");
    assert_graph_error(&send(&raw, &standin, "GET", "/nowhere", None).await, 404, "nowhere");
    assert_graph_error(
        &send(&raw, &standin, "GET", "/deviceManagement/ndesConnectors/missing", None).await,
        404,
        "missing",
    );
    assert_graph_error(
        &send(&raw, &standin, "GET", "/deviceManagement/deviceConfigurations/missing/assignments", None).await,
        404,
        "missing",
    );
    assert_graph_error(&send(&raw, &standin, "DELETE", "/deviceManagement", None).await, 405, "GET, PATCH");
    assert_graph_error(
        &send(&raw, &standin, "PATCH", "/deviceManagement/ndesConnectors", Some(&json!({}))).await,
        405,
        "GET, POST",
    );
    let id = standin
        .insert(
            "/deviceManagement/deviceConfigurations",
            &json!({"@odata.type": "#microsoft.graph.windows10GeneralConfiguration"}),
        )
        .unwrap();
    let item = format!("/deviceManagement/deviceConfigurations/{id}");
    assert_graph_error(
        &send(&raw, &standin, "GET", &format!("{item}/microsoft.graph.assign"), None).await,
        405,
        "POST",
    );
    // A cast to a type the item is not.
    assert_graph_error(
        &send(&raw, &standin, "GET", &format!("{item}/microsoft.graph.iosGeneralDeviceConfiguration"), None).await,
        404,
        "not a iosGeneralDeviceConfiguration",
    );
    let answer = raw.get(standin.base_url().to_owned() + "/gamma/deviceManagement").send().await.unwrap();
    assert_eq!(answer.status(), 404);

    // Singletons read and update; a cast collection lists only its type; keys in parentheses.
    assert_eq!(
        send(&raw, &standin, "PATCH", "/deviceManagement", Some(&json!({"subscriptionState": "active"}))).await.status,
        204
    );
    assert_eq!(
        send(&raw, &standin, "GET", "/deviceManagement?$select=subscriptionState", None).await.json["subscriptionState"],
        "active"
    );
    standin
        .insert(
            "/deviceManagement/deviceConfigurations",
            &json!({"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration"}),
        )
        .unwrap();
    let windows = send(
        &raw,
        &standin,
        "GET",
        "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration",
        None,
    )
    .await;
    assert_eq!(windows.json["value"].as_array().unwrap().len(), 1);
    assert_eq!(
        send(&raw, &standin, "GET", &format!("/deviceManagement/deviceConfigurations('{id}')"), None).await.status,
        200
    );
    assert_eq!(send(&raw, &standin, "GET", "/deviceManagement/deviceConfigurations/$count", None).await.text, "2");
    let metadata = send(&raw, &standin, "GET", "/$metadata", None).await;
    assert!(metadata.status == 200 && metadata.text.contains("<edmx:Edmx"));
}

#[tokio::test]
async fn deep_inserts_store_children_in_their_collections_and_a_delete_takes_them() {
    let Some(builder) = support::intune("the deep inserts (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    let policy = json!({
        "name": "Deep", "platforms": "windows10", "technologies": "mdm",
        "settings": [
            {"settingInstance": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
                "settingDefinitionId": "device_vendor_msft_policy_config_a", "choiceSettingValue": {"value": "a_1", "children": []}}},
            {"settingInstance": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
                "settingDefinitionId": "device_vendor_msft_policy_config_b",
                "simpleSettingValue": {"@odata.type": "#microsoft.graph.deviceManagementConfigurationIntegerSettingValue", "value": 5}}}
        ]
    });
    let created = send(&raw, &standin, "POST", "/deviceManagement/configurationPolicies", Some(&policy)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let path = format!("/deviceManagement/configurationPolicies/{}", created.json["id"].as_str().unwrap());
    let settings = send(&raw, &standin, "GET", &format!("{path}/settings"), None).await;
    assert_eq!(settings.json["value"].as_array().unwrap().len(), 2, "{}", settings.text);
    let expanded = send(&raw, &standin, "GET", &format!("{path}?$expand=settings($filter=settingInstance/settingDefinitionId eq 'device_vendor_msft_policy_config_b'),assignments"), None).await;
    assert_eq!(expanded.json["settings"].as_array().unwrap().len(), 1, "{}", expanded.text);
    assert_eq!(expanded.json["settings"][0]["settingInstance"]["simpleSettingValue"]["value"], 5);
    assert_eq!(expanded.json["assignments"], json!([]));

    let compliance = json!({
        "@odata.type": "#microsoft.graph.windows10CompliancePolicy", "displayName": "With actions",
        "scheduledActionsForRule": [{"ruleName": "PasswordRequired", "scheduledActionConfigurations": [
            {"actionType": "block", "gracePeriodHours": 0}
        ]}]
    });
    let created = send(&raw, &standin, "POST", "/deviceManagement/deviceCompliancePolicies", Some(&compliance)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let policy = format!("/deviceManagement/deviceCompliancePolicies/{}", created.json["id"].as_str().unwrap());
    let rules = send(
        &raw,
        &standin,
        "GET",
        &format!("{policy}/scheduledActionsForRule?$expand=scheduledActionConfigurations"),
        None,
    )
    .await;
    assert_eq!(rules.json["value"][0]["scheduledActionConfigurations"][0]["actionType"], "block", "{}", rules.text);
    let rule = rules.json["value"][0]["id"].as_str().unwrap().to_owned();

    assert_eq!(send(&raw, &standin, "DELETE", &policy, None).await.status, 204);
    assert_graph_error(
        &send(&raw, &standin, "GET", &format!("{policy}/scheduledActionsForRule/{rule}"), None).await,
        404,
        "was found",
    );
    // A child that cannot be stored leaves nothing behind.
    let before = standin.entity_count();
    let broken = json!({"name": "x", "settings": [{"settingInstance": {"@odata.type": "#microsoft.graph.nope"}}]});
    assert_eq!(
        send(&raw, &standin, "POST", "/deviceManagement/configurationPolicies", Some(&broken)).await.status,
        400
    );
    assert_eq!(standin.entity_count(), before);
}

#[tokio::test]
async fn query_options_are_applied_as_the_service_applies_them() {
    let Some(builder) = support::intune("the query options (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    let collection = "/deviceManagement/ndesConnectors";
    for (name, state, seen, version) in [
        ("Paris", "active", "2024-06-01T08:00:00Z", "1.2"),
        ("Lyon", "inactive", "2024-06-01T09:00:00.1234567+02:00", "1.10"),
        ("Nice", "active", "2024-05-01T08:00:00Z", "2.0"),
        ("Lille", "none", "2024-07-01T00:00:00Z", "1.2"),
    ] {
        standin
            .insert(collection, &json!({"displayName": name, "state": state, "lastConnectionDateTime": seen, "connectorVersion": version, "roleScopeTagIds": ["0", name]}))
            .unwrap();
    }
    let names = |raw: &Raw| -> Vec<String> {
        raw.json["value"]
            .as_array()
            .unwrap_or_else(|| panic!("{}", raw.text))
            .iter()
            .map(|item| item["displayName"].as_str().unwrap().to_owned())
            .collect()
    };
    for (query, expected) in [
        ("$filter=state eq 'active'&$orderby=displayName", vec!["Nice", "Paris"]),
        ("$filter=state eq microsoft.graph.ndesConnectorState'inactive'", vec!["Lyon"]),
        ("$filter=state ne 'active' and not (displayName eq 'Lille')", vec!["Lyon"]),
        ("$filter=(state eq 'none' or startswith(displayName,'Ly')) and contains(displayName, 'l')", vec!["Lille"]),
        ("$filter=endswith(displayName,'e')&$orderby=displayName desc", vec!["Nice", "Lille"]),
        ("$filter=displayName in ('Nice', 'Paris', 'Rome')&$orderby=displayName", vec!["Nice", "Paris"]),
        ("$filter=lastConnectionDateTime gt 2024-06-01T08:00:00Z&$orderby=lastConnectionDateTime", vec!["Lille"]),
        (
            "$filter=lastConnectionDateTime lt 2024-06-01T08:00:00Z&$orderby=lastConnectionDateTime",
            vec!["Nice", "Lyon"],
        ),
        ("$filter=roleScopeTagIds/any(t: t eq 'Paris')", vec!["Paris"]),
        ("$filter=connectorVersion eq null", vec![]),
        ("$orderby=connectorVersion desc,displayName", vec!["Nice", "Lille", "Paris", "Lyon"]),
        ("$orderby=state,displayName desc&$top=2", vec!["Paris", "Nice"]),
        ("$orderby=displayName&$skip=1&$top=2", vec!["Lyon", "Nice"]),
    ] {
        let answer = send(&raw, &standin, "GET", &format!("{collection}?{query}"), None).await;
        assert_eq!(names(&answer), expected, "{query}");
    }
    let counted =
        send(&raw, &standin, "GET", &format!("{collection}?$count=true&$top=1&$select=displayName"), None).await;
    assert_eq!(counted.json["@odata.count"], 4);
    assert_eq!(counted.json["value"][0].as_object().unwrap().len(), 2, "@odata.type and displayName: {}", counted.text);
    assert!(counted.json["@odata.nextLink"].as_str().unwrap().contains("$skiptoken="));

    for (query, needle) in [
        ("$search=\"Paris\"", "'$search' is not supported by the stand-in"),
        ("$filter=colour eq 'red'", "Could not find a property named 'colour'"),
        ("$select=displayName,colour", "Could not find a property named 'colour'"),
        ("$orderby=colour", "Could not find a property named 'colour'"),
        ("$expand=colour", "navigation property named 'colour'"),
        ("$filter=state eq microsoft.graph.ndesConnectorState'sideways'", "'sideways' is not a member"),
        ("$filter=displayName eq", "Invalid $filter"),
        ("$filter=substringof('a',displayName)", "'substringof' is not supported"),
        ("$top=-1", "give a whole number"),
    ] {
        assert_graph_error(&send(&raw, &standin, "GET", &format!("{collection}?{query}"), None).await, 400, needle);
    }
    let id = standin.list::<Value>(collection).unwrap()[0]["id"].as_str().unwrap().to_owned();
    assert_graph_error(
        &send(&raw, &standin, "GET", &format!("{collection}/{id}?$top=1"), None).await,
        400,
        "applies to collections",
    );

    // `any` over a contained navigation collection.
    let policy = standin.insert("/deviceManagement/configurationPolicies", &json!({"name": "Assigned"})).unwrap();
    standin.insert("/deviceManagement/configurationPolicies", &json!({"name": "Unassigned"})).unwrap();
    standin
        .insert(
            &format!("/deviceManagement/configurationPolicies/{policy}/assignments"),
            &json!({"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"}}),
        )
        .unwrap();
    let assigned = send(
        &raw,
        &standin,
        "GET",
        "/deviceManagement/configurationPolicies?$filter=assignments/any(a: a/target/groupId eq 'g1')&$select=name",
        None,
    )
    .await;
    assert_eq!(assigned.json["value"].as_array().unwrap().len(), 1, "{}", assigned.text);
    assert_eq!(assigned.json["value"][0]["name"], "Assigned");
}

#[tokio::test]
async fn paging_reads_1000_items_100_at_a_time() {
    let Some(builder) = support::intune("the paging (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    for n in 0..1000 {
        standin.insert("/deviceManagement/ndesConnectors", &connector(&format!("Connector {n:04}"))).unwrap();
    }
    standin.clear_requests();
    let client = standin.client().unwrap();
    let all = client.list_all(Connector::list().top(100)).await.unwrap();
    assert_eq!(all.len(), 1000);
    let names: Vec<String> = all.iter().map(|item| item.display_name.clone().unwrap()).collect();
    let expected: Vec<String> = (0..1000).map(|n| format!("Connector {n:04}")).collect();
    assert_eq!(names, expected, "every item once, in order");
    let requests = standin.requests();
    assert_eq!(requests.len(), 10, "ten pages of 100");
    assert!(
        requests[1].target.contains("$top=100") && requests[1].target.contains("$skiptoken="),
        "{}",
        requests[1].target
    );

    // The default page size applies when no $top asks for less.
    let page = client.send(&Connector::list()).await.unwrap();
    assert_eq!(page.value.len(), msgraph_standin::DEFAULT_PAGE_SIZE);
    let small = StandIn::builder().schema(standin.schema().clone()).page_size(7).start().await.unwrap();
    for n in 0..10 {
        small.insert("/deviceManagement/ndesConnectors", &connector(&n.to_string())).unwrap();
    }
    let page = small.client().unwrap().send(&Connector::list().top(50)).await.unwrap();
    assert_eq!((page.value.len(), page.next_link.is_some()), (7, true));
}

#[tokio::test]
async fn a_batch_answers_each_item_in_order_with_dependencies() {
    let Some(builder) = support::intune("the $batch (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();

    let mut batch = Batch::new();
    let created = batch.add(Connector::create().display_name("In a batch").build());
    let listed = batch.depends_on(&created).add(Connector::list().top(10)).unwrap();
    let missing = batch.add(Connector::get("00000000-0000-0000-0000-000000000000").unwrap());
    let after_missing = batch.depends_on(&missing).add(Connector::list()).unwrap();
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(responses.status(&created).unwrap(), 201);
    assert_eq!(responses.get(&created).unwrap().display_name.as_deref(), Some("In a batch"));
    assert_eq!(responses.get(&listed).unwrap().value.len(), 1);
    assert_eq!(responses.get(&missing).unwrap_err().graph_error().unwrap().status, 404);
    assert_eq!(responses.status(&after_missing).unwrap(), 424);

    // Raw: ids echoed as sent, more than 20 refused.
    let raw = http();
    let body = json!({"requests": [
        {"id": "first", "method": "POST", "url": "/deviceManagement/ndesConnectors", "body": connector("Raw"), "headers": {"Content-Type": "application/json"}},
        {"id": "7", "method": "GET", "url": "deviceManagement/ndesConnectors?$select=displayName", "dependsOn": ["first"]},
        {"id": "bad", "method": "POST", "url": "/deviceManagement/ndesConnectors", "body": {"displayName": 5}},
        {"id": "after-bad", "method": "GET", "url": "/deviceManagement", "dependsOn": ["bad"]}
    ]});
    let answer = send(&raw, &standin, "POST", "/$batch", Some(&body)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let responses = answer.json["responses"].as_array().unwrap();
    let statuses: Vec<(&str, u64)> =
        responses.iter().map(|item| (item["id"].as_str().unwrap(), item["status"].as_u64().unwrap())).collect();
    assert_eq!(statuses, [("first", 201), ("7", 200), ("bad", 400), ("after-bad", 424)]);
    assert_eq!(responses[1]["body"]["value"].as_array().unwrap().len(), 2);
    assert!(responses[2]["body"]["error"]["message"].as_str().unwrap().contains("Edm.String"));
    let too_many: Vec<Value> =
        (0..21).map(|n| json!({"id": n.to_string(), "method": "GET", "url": "/deviceManagement"})).collect();
    assert_graph_error(
        &send(&raw, &standin, "POST", "/$batch", Some(&json!({"requests": too_many}))).await,
        400,
        "exceeds the limit of 20",
    );
    assert_graph_error(&send(&raw, &standin, "GET", "/$batch", None).await, 405, "POST");
}

#[tokio::test]
async fn each_fault_kind_happens_on_demand_and_well_behaved_clients_get_through() {
    let Some(builder) = support::intune("the faults (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = client_with(&standin, fast_retries());
    let id = standin.insert("/deviceManagement/ndesConnectors", &connector("Faulty")).unwrap();
    let get = Connector::get(&id).unwrap();

    // 429 in seconds, then 503 as an HTTP date: the client waits and gets through.
    standin.inject(Fault::throttle().retry_after(RetryAfter::Seconds(1)).on_request(1));
    let started = Instant::now();
    assert_eq!(client.send(&get).await.unwrap().display_name.as_deref(), Some("Faulty"));
    assert!(started.elapsed() >= Duration::from_secs(1));
    standin.clear_faults();
    standin.inject(
        Fault::unavailable()
            .retry_after(RetryAfter::HttpDate(1))
            .on_path("/deviceManagement/ndesConnectors/*")
            .times(1),
    );
    let exchange = client.exchange(&get).await.unwrap();
    assert_eq!((exchange.response.status().as_u16(), exchange.attempts), (200, 2));
    let recorded = standin.requests();
    let throttled = &recorded[recorded.len() - 2];
    assert_eq!((throttled.status, throttled.faults.as_slice()), (503, &["status 503".to_owned()][..]));
    assert!(
        httpdate::parse_http_date(
            throttled.response_headers.iter().find(|(n, _)| n == "retry-after").unwrap().1.as_str()
        )
        .is_ok()
    );
    assert!(standin.retry_after_violations().is_empty(), "{:?}", standin.retry_after_violations());
    standin.clear_faults();

    // 504 after the request was carried out: a create is not sent again, and it happened.
    standin.inject(Fault::gateway_timeout().on_method("POST").times(1));
    let error = client.send(&Connector::create().display_name("Timed out").build()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().status, 504);
    assert!(
        standin
            .list::<Value>("/deviceManagement/ndesConnectors")
            .unwrap()
            .iter()
            .any(|c| c["displayName"] == "Timed out")
    );
    standin.clear_faults();

    // Latency.
    standin.inject(Fault::latency(Duration::from_millis(300)).times(1));
    let started = Instant::now();
    client.send(&get).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));

    // A dropped connection and a body cut short are transport errors, not answers.
    standin.inject(Fault::drop_connection().on_request(1));
    let error = client.send(&get).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    standin.clear_faults();
    standin.inject(Fault::truncated_body().times(1));
    let error = client.send(&get).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    standin.clear_faults();
    client.send(&get).await.unwrap();

    // At a seeded rate: the same requests are hit on every run with the same seed.
    let hits = |seed| {
        let schema = standin.schema().clone();
        async move {
            let rated =
                StandIn::builder().schema(schema).fault(Fault::status(503).at_rate(0.3, seed)).start().await.unwrap();
            let raw = http();
            let mut pattern = Vec::new();
            for _ in 0..40 {
                pattern.push(send(&raw, &rated, "GET", "/deviceManagement?$select=id", None).await.status == 503);
            }
            pattern
        }
    };
    let first = hits(11).await;
    assert_eq!(first, hits(11).await);
    assert!(first.iter().any(|hit| *hit) && !first.iter().all(|hit| *hit));
}

#[tokio::test]
async fn a_client_that_ignores_retry_after_is_caught() {
    let Some(builder) = support::intune("the Retry-After check (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    standin.inject(Fault::throttle().retry_after(RetryAfter::Seconds(30)).on_request(1));
    let first = send(&raw, &standin, "GET", "/deviceManagement/ndesConnectors", None).await;
    assert_graph_error(&first, 429, "Too many requests");
    assert_eq!(first.headers["retry-after"], "30");
    // Sent again at once: throttled again and recorded.
    let again = send(&raw, &standin, "GET", "/deviceManagement/ndesConnectors", None).await;
    assert_eq!(again.status, 429);
    let [violation] = standin.retry_after_violations().try_into().unwrap();
    assert_eq!((violation.method.as_str(), violation.path.as_str()), ("GET", "/deviceManagement/ndesConnectors"));
    assert_eq!(violation.asked, Duration::from_secs(30));
    assert!(violation.waited < Duration::from_secs(5));
    // Another request is not the throttled one; after the window (moved on the clock) it passes.
    assert_eq!(send(&raw, &standin, "GET", "/deviceManagement", None).await.status, 200);
    standin.advance_clock(Duration::from_secs(31));
    assert_eq!(send(&raw, &standin, "GET", "/deviceManagement/ndesConnectors", None).await.status, 200);
    assert_eq!(standin.retry_after_violations().len(), 1);

    // A throttled $batch item, resent alone by the client after its Retry-After: no violation.
    let polite = StandIn::builder()
        .schema(standin.schema().clone())
        .fault(Fault::throttle().on_path("/deviceManagement/ndesConnectors").times(1))
        .start()
        .await
        .unwrap();
    let client = client_with(&polite, fast_retries());
    let mut batch = Batch::new();
    let listed = batch.add(Connector::list());
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(responses.status(&listed).unwrap(), 200);
    assert!(polite.retry_after_violations().is_empty());
    assert_eq!(polite.requests().len(), 2, "the batch, then the item alone");
}

#[tokio::test]
async fn a_credential_signs_in_offline_and_a_token_expires_mid_run() {
    let Some(builder) = support::intune("the sign-in (1 test)") else { return };
    const SECRET: &str = "s3cr3t~value";
    let standin = builder.sign_in(SignIn::new().client_secret("app-id", SECRET)).start().await.unwrap();
    let options = CredentialOptions::default()
        .authority_host(standin.authority_host().unwrap())
        .http_client(standin.credential_http_client().unwrap());
    let credential =
        GraphCredential::client_secret("contoso.onmicrosoft.com", "app-id", SECRET, options.clone()).unwrap();
    let client = Client::builder(Endpoint::with_base_url(standin.base_url()), credential.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let id = standin.insert("/deviceManagement/ndesConnectors", &connector("Signed")).unwrap();
    let get = Connector::get(&id).unwrap();
    client.send(&get).await.unwrap();
    client.send(&get).await.unwrap();

    // An hour later on the stand-in's clock, the cached token has expired: 401, as the service says it.
    standin.advance_clock(Duration::from_secs(3601));
    let error = client.send(&get).await.unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!((graph.status, graph.code.as_str()), (401, "InvalidAuthenticationToken"));
    assert!(graph.message.contains("expired"), "{graph}");

    // A short-lived token is fetched again before it expires, and the new one is accepted.
    let short = StandIn::builder()
        .schema(standin.schema().clone())
        .sign_in(SignIn::new().token_lifetime(Duration::from_secs(2)))
        .start()
        .await
        .unwrap();
    let options = CredentialOptions::default()
        .authority_host(short.authority_host().unwrap())
        .http_client(short.credential_http_client().unwrap());
    let credential = GraphCredential::client_secret("contoso.onmicrosoft.com", "any", "any", options).unwrap();
    let client = Client::new(Endpoint::with_base_url(short.base_url()), credential).unwrap();
    client.send(&Connector::list()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.send(&Connector::list()).await.unwrap();
    let token_requests =
        short.requests().iter().filter(|exchange| exchange.path().ends_with("/oauth2/v2.0/token")).count();
    assert_eq!(token_requests, 2);

    // Without a token, or with a wrong secret: refused.
    let raw = http();
    assert_graph_error(&send(&raw, &standin, "GET", "/deviceManagement", None).await, 401, "Access token is empty");
    let wrong = GraphCredential::client_secret(
        "contoso.onmicrosoft.com",
        "app-id",
        "wrong",
        CredentialOptions::default()
            .authority_host(standin.authority_host().unwrap())
            .http_client(standin.credential_http_client().unwrap()),
    )
    .unwrap();
    let error = Client::new(Endpoint::with_base_url(standin.base_url()), wrong).unwrap().send(&get).await.unwrap_err();
    let Error::Credential(failure) = &error else { panic!("{error:?}") };
    assert_eq!(failure.error.as_deref(), Some("invalid_client"));

    // Nothing secret was kept: not the client secret, not a token.
    let token = credential_token(&standin).await;
    for exchange in standin.requests() {
        let text = format!("{exchange:?} {}", String::from_utf8_lossy(&exchange.request_body))
            + &String::from_utf8_lossy(&exchange.response_body);
        assert!(!text.contains(SECRET) && !text.contains(&token) && !text.contains("standin."), "{text}");
    }
    let debug = format!("{standin:?} {:?}", SignIn::new().client_secret("app-id", SECRET));
    assert!(!debug.contains(SECRET), "{debug}");
}

/// A token the stand-in issued (to check it never shows up where it should not).
async fn credential_token(standin: &StandIn) -> String {
    standin.issue_token().unwrap()
}

#[tokio::test]
async fn operations_answer_through_typed_handlers_and_survive_their_panics() {
    let Some(builder) = support::intune("the operation handlers (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    let device = standin
        .insert(
            "/deviceManagement/managedDevices",
            &json!({"@odata.type": "#microsoft.graph.managedDevice", "deviceName": "Laptop"}),
        )
        .unwrap();
    let path = format!("/deviceManagement/managedDevices/{device}");

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wipe {
        keep_enrollment_data: Option<bool>,
    }
    standin.on_operation("microsoft.graph.wipe", |call: OperationCall<Wipe>| {
        if call.parameters.keep_enrollment_data == Some(true) {
            return Err(HandlerError::new(409, "Conflict", "this lab keeps nothing"));
        }
        Ok(())
    });
    assert_eq!(
        send(&raw, &standin, "POST", &format!("{path}/wipe"), Some(&json!({"keepEnrollmentData": false}))).await.status,
        204
    );
    assert_graph_error(
        &send(
            &raw,
            &standin,
            "POST",
            &format!("{path}/microsoft.graph.wipe"),
            Some(&json!({"keepEnrollmentData": true})),
        )
        .await,
        409,
        "keeps nothing",
    );
    assert_graph_error(
        &send(&raw, &standin, "POST", &format!("{path}/wipe"), Some(&json!({"keepEverything": true}))).await,
        400,
        "has no parameter named 'keepEverything'",
    );
    let calls = standin.operation_calls();
    assert_eq!(calls.len(), 2, "a call refused by the schema is not recorded");
    assert_eq!((calls[0].operation.as_str(), calls[0].path.as_str()), ("microsoft.graph.wipe", &*path));
    assert_eq!(calls[0].bound_entity.as_ref().unwrap()["deviceName"], "Laptop");

    // A handler's value is checked against the return type; a panic is a 500 and the server goes on.
    let configuration = standin
        .insert(
            "/deviceManagement/deviceConfigurations",
            &json!({"@odata.type": "#microsoft.graph.windows10GeneralConfiguration"}),
        )
        .unwrap();
    let configuration = format!("/deviceManagement/deviceConfigurations/{configuration}");
    standin.on_operation("getOmaSettingPlainTextValue", |_: OperationCall| Ok(42));
    assert_graph_error(
        &send(
            &raw,
            &standin,
            "GET",
            &format!("{configuration}/getOmaSettingPlainTextValue(secretReferenceValueId='x')"),
            None,
        )
        .await,
        500,
        "returned a value that is not a 'Edm.String'",
    );
    standin.on_operation("getOmaSettingPlainTextValue", |_: OperationCall| -> Result<String, HandlerError> {
        panic!("a bug in the test's handler")
    });
    assert_graph_error(
        &send(
            &raw,
            &standin,
            "GET",
            &format!("{configuration}/getOmaSettingPlainTextValue(secretReferenceValueId='x')"),
            None,
        )
        .await,
        500,
        "a bug in the test's handler",
    );
    standin.on_operation("getOmaSettingPlainTextValue", |call: OperationCall| {
        Ok(format!("plain {}", call.parameters["secretReferenceValueId"].as_str().unwrap()))
    });
    let answer = send(
        &raw,
        &standin,
        "GET",
        &format!("{configuration}/getOmaSettingPlainTextValue(secretReferenceValueId=@p)?@p='s1'"),
        None,
    )
    .await;
    assert_eq!(answer.json["value"], "plain s1", "{}", answer.text);

    // `assign` stores what it is given, readable through `assignments`, with ids.
    let assigned = send(
        &raw,
        &standin,
        "POST",
        &format!("{configuration}/assign"),
        Some(&json!({"assignments": [
            {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g1"}},
            {"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}
        ]})),
    )
    .await;
    assert_eq!(assigned.status, 200, "{}", assigned.text);
    let listed = send(&raw, &standin, "GET", &format!("{configuration}/assignments"), None).await;
    let ids: Vec<&str> = listed.json["value"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    let returned: Vec<&str> =
        assigned.json["value"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, returned);
}

#[tokio::test]
async fn hostile_requests_are_refused_without_harm() {
    let Some(builder) = support::intune("the hostile requests (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let raw = http();
    let deep = "[".repeat(100_000);
    let long_key = "k".repeat(8_000);
    for (method, path, body) in [
        ("POST", "/deviceManagement/ndesConnectors".to_owned(), deep.clone()),
        ("POST", "/deviceManagement/ndesConnectors".to_owned(), "\u{0}\u{ff}".to_owned()),
        ("GET", format!("/deviceManagement/ndesConnectors/{long_key}"), String::new()),
        ("GET", "/deviceManagement/ndesConnectors('unterminated".to_owned(), String::new()),
        ("GET", "/deviceManagement/%FF%FE/x".to_owned(), String::new()),
        ("GET", "/deviceManagement/ndesConnectors?$filter=((((((((((".to_owned(), String::new()),
        ("GET", "/deviceManagement/ndesConnectors?$filter=displayName eq 'a'%00".to_owned(), String::new()),
        (
            "POST",
            "/$batch".to_owned(),
            format!("{{\"requests\": [{{\"id\": \"1\", \"method\": \"GET\", \"url\": \"/{long_key}\"}}]}}"),
        ),
        ("PATCH", "/deviceManagement".to_owned(), "{\"@odata.type\": 5}".to_owned()),
    ] {
        let answer = raw
            .request(method.parse().unwrap(), standin.url(&path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(
            (200..500).contains(&answer.status().as_u16()),
            "{method} {}: {}",
            &path[..path.len().min(80)],
            answer.status()
        );
    }
    let nested: String = "(".repeat(5_000) + "a eq 1" + &")".repeat(5_000);
    let answer = send(&raw, &standin, "GET", &format!("/deviceManagement/ndesConnectors?$filter={nested}"), None).await;
    assert!((200..500).contains(&answer.status), "{}", answer.status);
    // Still serving.
    assert_eq!(send(&raw, &standin, "GET", "/deviceManagement", None).await.status, 200);
}

#[tokio::test]
async fn every_exchange_is_recorded_with_the_authorization_redacted() {
    let Some(builder) = support::intune("the recording (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client =
        Client::new(Endpoint::with_base_url(standin.base_url()), BearerToken::new("very-secret-token")).unwrap();
    let created = client.send(&Connector::create().display_name("Recorded").build()).await.unwrap();
    client.send(&Connector::get(created.id.as_deref().unwrap()).unwrap()).await.unwrap();
    let [post, get] = standin.requests().try_into().unwrap();
    assert_eq!(
        (post.method.as_str(), post.path(), post.status),
        ("POST", "/beta/deviceManagement/ndesConnectors", 201)
    );
    assert_eq!(post.request_json().unwrap()["displayName"], "Recorded");
    assert_eq!(post.response_json().unwrap()["id"], created.id.clone().unwrap().as_str());
    assert_eq!(get.request_header("authorization"), Some("Bearer <redacted>"));
    assert!(get.request_header("client-request-id").is_some());
    assert!(!format!("{:?}", standin.requests()).contains("very-secret-token"));
}

#[tokio::test]
async fn the_program_serves_the_schema_it_is_given() {
    let Some(schema_path) = support::real_schema_path("the program (1 test)") else { return };
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_msgraph-standin"))
        .args(["--port", "0", "--metadata"])
        .arg(&schema_path)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stdout));
    let base = loop {
        let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
            .await
            .unwrap()
            .unwrap()
            .expect("the program prints its URL");
        if let Some(rest) = line.strip_prefix("Graph: ") {
            break rest.split(' ').next().unwrap().to_owned();
        }
    };
    let answer = http().get(format!("{base}/deviceManagement/ndesConnectors")).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    child.kill().await.unwrap();
}

#[tokio::test]
async fn a_schema_folder_named_on_purpose_is_the_only_one_looked_in() {
    // From inside this workspace, `shared/schema` would be found beside it; a $GRAPH_SCHEMA_DIR
    // without the schema is an error that says where it looked, never a quiet fallback.
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_msgraph-standin"))
        .args(["--port", "0"])
        .env("GRAPH_SCHEMA_DIR", "/nonexistent")
        .env_remove("MSGRAPH_STANDIN_METADATA")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(60), output).await.unwrap().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/intune-beta.csdl.xml ($GRAPH_SCHEMA_DIR)"), "{stderr}");
    assert!(!stderr.contains("and its parents"), "{stderr}");
}
