//! What the derives do at run time, beyond ndesConnector: unknown properties,
//! nested complex values, required properties on read, enums.

use msgraph_entity::{
    AdditionalProperties, ControlInformation, GraphComplex, GraphEntity, GraphEnum, ODataType, from_json_str,
};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.sample", collection = "/samples")]
struct Sample {
    #[graph(key)]
    id: Option<String>,
    name: String,
    #[graph(rename = "minOSVersion")]
    min_os_version: Option<String>,
    usage: Option<ExtendedKeyUsage>,
    usages: Option<Vec<ExtendedKeyUsage>>,
    level: Option<Level>,
    #[graph(additional)]
    additional: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.extendedKeyUsage")]
struct ExtendedKeyUsage {
    name: Option<String>,
    object_identifier: Option<String>,
}

#[derive(Debug, Clone, PartialEq, GraphEnum)]
#[graph(name = "deviceThreatLevel")]
enum Level {
    Low,
    #[graph(rename = "highRisk")]
    High,
    #[graph(other)]
    Unknown(String),
}

#[test]
fn unknown_properties_are_kept_in_order_and_written_back_last() {
    let body =
        r##"{"@odata.type":"#microsoft.graph.sample","newerThing":{"a":[1,2]},"name":"n","zeta":1,"alpha":null}"##;
    let sample: Sample = from_json_str(body).unwrap();
    assert_eq!(sample.additional.len(), 3);
    assert_eq!(sample.additional.get_as::<serde_json::Value>("newerThing").unwrap().unwrap(), json!({"a": [1, 2]}));
    let names: Vec<&str> = sample.additional.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["newerThing", "zeta", "alpha"]);
    assert_eq!(
        serde_json::to_string(&sample).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.sample","name":"n","newerThing":{"a":[1,2]},"zeta":1,"alpha":null}"##
    );
}

#[test]
fn a_duplicated_unknown_property_is_an_error() {
    let error = from_json_str::<Sample>(r#"{"name":"n","x":1,"x":2}"#).unwrap_err();
    assert_eq!(error.to_string(), "sample: duplicate property `x`");
}

#[test]
fn nested_complex_values_accept_both_odata_type_spellings() {
    let body = r##"{"name":"n","usage":{"@odata.type":"microsoft.graph.extendedKeyUsage","name":"a"},
        "usages":[{"@odata.type":"#microsoft.graph.extendedKeyUsage","objectIdentifier":"1.2"},{"name":"c"}]}"##;
    let sample: Sample = from_json_str(body).unwrap();
    assert_eq!(sample.usage.as_ref().unwrap().name.as_deref(), Some("a"));
    let usages = sample.usages.as_ref().unwrap();
    assert_eq!(usages[0].object_identifier.as_deref(), Some("1.2"));
    assert_eq!(usages[1].name.as_deref(), Some("c"));
    // Written back with the full `#` form, first in each object.
    let written = serde_json::to_value(&sample).unwrap();
    assert_eq!(written["usages"][1], json!({"@odata.type": "#microsoft.graph.extendedKeyUsage", "name": "c"}));
}

#[test]
fn a_nested_value_of_another_type_is_an_error_at_its_path() {
    let body = r#"{"name":"n","usages":[{"name":"a"},{"@odata.type":"microsoft.graph.other"}]}"#;
    let error = from_json_str::<Sample>(body).unwrap_err();
    assert_eq!(error.path(), "usages[1].@odata.type");
    assert_eq!(
        error.message(),
        "expected @odata.type `#microsoft.graph.extendedKeyUsage`, found `microsoft.graph.other`"
    );
}

#[test]
fn a_non_option_field_is_required_when_reading() {
    let error = from_json_str::<Sample>(r#"{"id":"1"}"#).unwrap_err();
    assert_eq!(error.to_string(), "sample: missing property `name`");
}

#[test]
fn a_non_option_field_is_required_when_creating() {
    let request = Sample::create().name("n").min_os_version("10.0").build();
    assert_eq!(
        serde_json::to_string(request.body()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.sample","name":"n","minOSVersion":"10.0"}"##
    );
}

#[test]
fn enum_members_names_and_unknowns() {
    assert_eq!(Level::GRAPH_NAME, "deviceThreatLevel");
    assert_eq!(Level::MEMBERS, ["low", "highRisk"]);
    assert_eq!(Level::High.to_string(), "highRisk");
    assert_eq!(Level::from_member("low"), Level::Low);
    assert_eq!(Level::from_member("secured"), Level::Unknown("secured".to_owned()));
    assert_eq!(serde_json::to_string(&Level::Unknown("secured".to_owned())).unwrap(), r#""secured""#);
    assert_eq!(ExtendedKeyUsage::ODATA_TYPE, "#microsoft.graph.extendedKeyUsage");
}

/// A settings-catalog shaped type: the service writes `null` for absent values.
#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.deviceManagementConfigurationSettingInstance")]
struct SettingInstance {
    setting_definition_id: Option<String>,
    children: Option<Vec<SettingInstance>>,
    name: Option<String>,
    #[graph(additional)]
    additional: AdditionalProperties,
    #[graph(odata)]
    odata: ControlInformation,
}

#[test]
fn an_explicit_null_is_written_back_as_null_and_an_absent_property_stays_absent() {
    let body = r##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","settingDefinitionId":null,"children":[{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","children":null}],"name":"a"}"##;
    let (read, unknown) = msgraph_entity::count_unknown(|| serde_json::from_str::<SettingInstance>(body));
    let read = read.unwrap();
    assert!(unknown.is_empty(), "a null is not unknown data: {unknown:?}");
    assert_eq!((read.setting_definition_id.as_deref(), read.name.as_deref()), (None, Some("a")));
    assert_eq!(read.odata.explicit_nulls().collect::<Vec<_>>(), ["settingDefinitionId"]);
    assert!(read.additional.is_empty(), "the nulls are not unknown properties");
    assert_eq!(serde_json::to_string(&read).unwrap(), body, "the body comes back as it came");

    // Never read: a `None` is left out.
    let built = SettingInstance {
        setting_definition_id: None,
        children: None,
        name: Some("a".into()),
        additional: AdditionalProperties::new(),
        odata: ControlInformation::new(),
    };
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","name":"a"}"##
    );
    assert_ne!(built, SettingInstance { children: read.children.clone(), ..read.clone() }, "they write differently");

    // Set after reading null: the value is written.
    let mut changed = read.clone();
    changed.setting_definition_id = Some("device_vendor_msft_x".into());
    assert!(serde_json::to_string(&changed).unwrap().contains(r#""settingDefinitionId":"device_vendor_msft_x""#));

    // Forgotten: the property is absent again.
    let mut forgotten = read;
    forgotten.odata.forget_nulls();
    let written = serde_json::to_string(&forgotten).unwrap();
    assert!(!written.contains("settingDefinitionId"), "{written}");
    // Only this value's: a nested value keeps the nulls it read.
    assert!(written.contains(r#""children":null"#), "{written}");
}

#[test]
fn a_null_for_a_required_property_is_an_error_naming_it() {
    let error = from_json_str::<Sample>(r#"{"name":null}"#).unwrap_err();
    assert_eq!(error.path(), "name");
    assert!(error.message().contains("null"), "{}", error.message());
}

/// Each message once in a chain, as anyhow's `{:#}` (and eyre's reports) print it.
#[test]
fn error_chains_show_each_message_once() {
    let body_error = msgraph_entity::Error::from(from_json_str::<Sample>(r#"{"name":3}"#).unwrap_err());
    assert_eq!(
        format!("{:#}", anyhow::Error::from(body_error)),
        "sample at `name`: expected a string, found the number 3"
    );

    let status = http::StatusCode::NOT_FOUND;
    let graph = msgraph_entity::GraphError::from_response(
        status,
        &http::HeaderMap::new(),
        br#"{"error":{"code":"ResourceNotFound","message":"No such sample","innerError":{"request-id":"r1"}}}"#,
    );
    let graph_error = msgraph_entity::Error::Graph(Box::new(graph));
    assert_eq!(
        format!("{:#}", anyhow::Error::from(graph_error)),
        "Graph error 404 ResourceNotFound: No such sample (request-id r1)"
    );

    let serialize_error = serde_json::to_vec(&std::collections::HashMap::from([((1, 2), 3)])).unwrap_err();
    let error = msgraph_entity::Error::Serialize(serialize_error);
    let chain = format!("{:#}", anyhow::Error::from(error));
    assert_eq!(chain, "cannot serialize the request body: key must be a string");
}

/// A settings entity held once per tenant and once per parent: `single` places, no collection.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.androidForWorkSettings")]
#[graph(single(name = "android_for_work_settings", path = "/deviceManagement/androidForWorkSettings"))]
#[graph(single(
    name = "deployment_summary",
    path = "/deviceAppManagement/managedAppPolicies/{managedAppPolicyId}/deploymentSummary"
))]
struct Settings {
    #[graph(key)]
    id: Option<String>,
    bind_status: Option<String>,
}

/// A derived type listed through its base type's collection.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(
    odata_type = "microsoft.graph.windows10GeneralConfiguration",
    collection = "/deviceManagement/deviceConfigurations",
    cast
)]
struct Windows10General {
    #[graph(key)]
    id: Option<String>,
}

#[test]
fn single_places_get_and_update_without_a_key_and_cast_lists_filter_by_type() {
    use msgraph_entity::{Endpoint, GraphRequest};
    let get = Settings::get_android_for_work_settings();
    assert_eq!(get.path(), "/deviceManagement/androidForWorkSettings");
    let update = Settings::update_deployment_summary("p/1", SettingsPatch::default().bind_status("bound")).unwrap();
    assert_eq!(
        update.url(&Endpoint::beta()).unwrap(),
        "https://graph.microsoft.com/beta/deviceAppManagement/managedAppPolicies/p%2F1/deploymentSummary"
    );
    assert_eq!(update.method(), "PATCH");
    assert!(Settings::get_deployment_summary("..").is_err());

    let list = Windows10General::list().unwrap();
    assert_eq!(list.path(), "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration");
    // Items are still created in, and addressed through, the base collection.
    assert_eq!(Windows10General::get("c1").unwrap().path(), "/deviceManagement/deviceConfigurations/c1");
    assert_eq!(Windows10General::create().build().path(), "/deviceManagement/deviceConfigurations");
}

#[test]
fn an_unknown_property_read_as_the_wrong_type_names_the_property_the_type_and_the_place() {
    use std::collections::BTreeMap;
    let body = "{\"name\":\"n\",\"settings\":{\n  \"items\": [{\"v\": 1}, {\"v\": \"x\"}]\n}}";
    let sample: Sample = from_json_str(body).unwrap();
    let error =
        sample.additional.get_as::<BTreeMap<String, Vec<BTreeMap<String, i32>>>>("settings").unwrap().unwrap_err();
    assert_eq!(error.property(), "settings");
    assert_eq!(error.type_name(), "BTreeMap<String, Vec<BTreeMap<String, i32>>>");
    assert_eq!(error.path(), "items[1].v");
    assert_eq!(error.message(), "expected i32, found the string \"x\"");
    // Where in the property's own text: its second line.
    assert_eq!(error.position(), (2, 31));
    assert_eq!(
        error.to_string(),
        "property `settings` read as `BTreeMap<String, Vec<BTreeMap<String, i32>>>`, at `settings.items[1].v`: \
         expected i32, found the string \"x\" (line 2, column 31 of the property's value)"
    );
    // The value itself of the wrong type: no path inside it.
    let error = sample.additional.get_as::<String>("settings").unwrap().unwrap_err();
    assert_eq!((error.property(), error.type_name(), error.path()), ("settings", "String", ""));
    assert!(
        error.to_string().starts_with("property `settings` read as `String`: expected a string, found an object"),
        "{error}"
    );
}

/// A setting listed in its policy, and also held by another collection it can be created in.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(
    odata_type = "microsoft.graph.deviceManagementConfigurationSetting",
    collection = "/deviceManagement/configurationPolicies/{deviceManagementConfigurationPolicyId}/settings"
)]
#[graph(create_at(
    name = "create_in_targeted_managed_app_configuration_settings",
    path = "/deviceAppManagement/targetedManagedAppConfigurations/{targetedManagedAppConfigurationId}/settings"
))]
struct Setting {
    #[graph(key)]
    id: Option<String>,
    setting_instance: Option<String>,
}

#[test]
fn a_create_at_collection_also_lists_reads_updates_and_deletes_its_items() {
    use msgraph_entity::{Endpoint, GraphRequest};
    let other = Setting::in_targeted_managed_app_configuration_settings("app/1").unwrap();
    assert_eq!(other.path(), "/deviceAppManagement/targetedManagedAppConfigurations/app%2F1/settings");
    assert_eq!(other.list().path(), other.path());
    assert_eq!(
        other.get("s 1").unwrap().url(&Endpoint::beta()).unwrap(),
        "https://graph.microsoft.com/beta/deviceAppManagement/targetedManagedAppConfigurations/app%2F1/settings/s%201"
    );
    let update = other.update("s1", SettingPatch::default().setting_instance("x")).unwrap();
    assert_eq!(update.method(), "PATCH");
    let body: serde_json::Value = serde_json::from_slice(&update.body_json().unwrap().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
            "settingInstance": "x"
        })
    );
    let untagged = other.clone().updates_without_odata_type().update("s1", SettingPatch::default()).unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&untagged.body_json().unwrap().unwrap()).unwrap(),
        serde_json::json!({})
    );
    assert_eq!(other.delete("s1").unwrap().method(), "DELETE");
    assert!(other.get("..").is_err());
    assert!(Setting::in_targeted_managed_app_configuration_settings("").is_err());
    // The entity's own functions keep its primary collection.
    assert_eq!(Setting::get("p1", "s1").unwrap().path(), "/deviceManagement/configurationPolicies/p1/settings/s1");
}
