//! Actions and functions declared with the derives, on local types: URL, method and
//! body as the service expects them, and each return shape read back.

use msgraph_entity::{
    AdditionalProperties, Endpoint, GraphAction, GraphComplex, GraphEntity, GraphFunction, GraphRequest, Page,
};

#[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
#[graph(odata_type = "microsoft.graph.deviceConfiguration", collection = "/deviceManagement/deviceConfigurations")]
struct DeviceConfiguration {
    #[graph(key)]
    id: Option<String>,
    display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
#[graph(
    odata_type = "microsoft.graph.deviceConfigurationAssignment",
    collection = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"
)]
struct DeviceConfigurationAssignment {
    #[graph(key)]
    id: Option<String>,
    target: Option<GroupAssignmentTarget>,
    #[graph(additional)]
    additional_properties: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, Default, GraphComplex)]
#[graph(odata_type = "microsoft.graph.groupAssignmentTarget")]
struct GroupAssignmentTarget {
    group_id: Option<String>,
}

/// The tenant's singleton.
#[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
#[graph(odata_type = "microsoft.graph.deviceManagement")]
#[graph(single(name = "device_management", path = "/deviceManagement"))]
struct DeviceManagement {
    #[graph(key)]
    id: Option<String>,
}

/// `assign`, bound to one configuration: returns the assignments made.
#[derive(Debug, Clone, PartialEq, Default, GraphAction)]
#[graph(
    name = "microsoft.graph.assign",
    bound = DeviceConfiguration,
    path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
    returns(collection = DeviceConfigurationAssignment)
)]
struct DeviceConfigurationAssign {
    assignments: Option<Vec<DeviceConfigurationAssignment>>,
}

/// An action bound to the collection, without a result: `204`.
#[derive(Debug, Clone, PartialEq, Default, GraphAction)]
#[graph(name = "microsoft.graph.refreshAll", bound = DeviceConfiguration, path = "/deviceManagement/deviceConfigurations", method = "refresh_all_configurations")]
struct RefreshAll;

/// An action bound to the singleton, with a required parameter and a primitive result.
#[derive(Debug, Clone, PartialEq, GraphAction)]
#[graph(name = "microsoft.graph.enableLegacyPcManagement", bound = DeviceManagement, path = "/deviceManagement", returns(value = bool))]
struct EnableLegacyPcManagement {
    reason: String,
    #[graph(rename = "dryRun")]
    rehearse: Option<bool>,
}

/// A function bound to the singleton, with a string parameter and a collection result.
#[derive(Debug, Clone, PartialEq, GraphFunction)]
#[graph(name = "microsoft.graph.getEffectivePermissions", bound = DeviceManagement, path = "/deviceManagement", returns(collection = String))]
struct GetEffectivePermissions {
    scope: String,
    top: Option<i32>,
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn an_action_bound_to_an_entity_posts_its_parameters_to_the_qualified_segment() {
    let assignment = DeviceConfigurationAssignment {
        target: Some(GroupAssignmentTarget { group_id: Some("g-1".into()) }),
        ..Default::default()
    };
    let request =
        DeviceConfiguration::assign("config/1", DeviceConfigurationAssign { assignments: Some(vec![assignment]) })
            .unwrap();
    let http = request.to_http(&Endpoint::beta(), &msgraph_entity::BearerToken::new("t")).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/config%2F1/microsoft.graph.assign"
    );
    assert_eq!(http.headers()["content-type"], "application/json");
    assert_eq!(
        std::str::from_utf8(http.body()).unwrap(),
        r##"{"assignments":[{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"g-1"}}]}"##,
        "no @odata.type on the parameter object; typed values inside keep theirs"
    );
    let page: Page<DeviceConfigurationAssignment> = request
        .parse_response(response(200, r##"{"value":[{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","id":"a1"}],"@odata.nextLink":"https://graph.microsoft.com/beta/next?$skiptoken=2"}"##))
        .unwrap();
    assert_eq!(page.value[0].id.as_deref(), Some("a1"));
    // The collection continues: the next page is a GET of the link, inside the endpoint only.
    let next = request.next_page(&page).expect("a next page");
    assert_eq!(next.url(&Endpoint::beta()).unwrap(), "https://graph.microsoft.com/beta/next?$skiptoken=2");
    assert!(next.url(&Endpoint::v1()).is_err(), "a link outside the endpoint is not followed");
    let last = next.parse_response(response(200, r#"{"value":[]}"#)).unwrap();
    assert!(next.next_page(&last).is_none());
    // Keys cannot leave the collection.
    assert!(DeviceConfiguration::assign("..", DeviceConfigurationAssign::default()).is_err());
}

#[test]
fn an_action_bound_to_a_collection_without_parameters_sends_no_body_and_reads_204() {
    let request = DeviceConfiguration::refresh_all_configurations();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations/microsoft.graph.refreshAll");
    assert_eq!(request.body_json().unwrap(), None);
    request.parse_response(response(204, "")).unwrap();
    let error = request.parse_response(response(403, r#"{"error":{"code":"Forbidden","message":"no"}}"#)).unwrap_err();
    assert_eq!(error.graph_error().unwrap().code, "Forbidden");
}

#[test]
fn an_action_bound_to_the_singleton_reads_a_wrapped_primitive() {
    let request = DeviceManagement::enable_legacy_pc_management(EnableLegacyPcManagement {
        reason: "lab".into(),
        rehearse: None,
    });
    assert_eq!(request.path(), "/deviceManagement/microsoft.graph.enableLegacyPcManagement");
    assert_eq!(request.body_json().unwrap().unwrap(), br#"{"reason":"lab"}"#);
    let done: bool =
        request.parse_response(response(200, r#"{"@odata.context":"$metadata#Edm.Boolean","value":true}"#)).unwrap();
    assert!(done);
    assert!(request.parse_response(response(204, "")).is_err(), "a value was promised");
}

#[test]
fn a_function_writes_its_parameters_as_odata_literals() {
    let request = DeviceManagement::get_effective_permissions(GetEffectivePermissions {
        scope: "it's a/b%c é".into(),
        top: Some(5),
    });
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.url(&Endpoint::beta()).unwrap(),
        "https://graph.microsoft.com/beta/deviceManagement/microsoft.graph.getEffectivePermissions(scope='it''s%20a%2Fb%25c%20%C3%A9',top=5)"
    );
    let page = request.parse_response(response(200, r#"{"value":["read","write"]}"#)).unwrap();
    assert_eq!(page.value, ["read", "write"]);
    let optional_left_out =
        DeviceManagement::get_effective_permissions(GetEffectivePermissions { scope: "s".into(), top: None });
    assert_eq!(optional_left_out.path(), "/deviceManagement/microsoft.graph.getEffectivePermissions(scope='s')");
}

/// A function whose collection parameter serde cannot write as JSON (map keys that are not text).
#[derive(Debug, Clone, PartialEq, GraphFunction)]
#[graph(name = "microsoft.graph.lookup", bound = DeviceManagement, path = "/deviceManagement", returns(collection = String))]
struct Lookup {
    scope: String,
    pairs: Vec<std::collections::BTreeMap<(i32, i32), String>>,
}

/// A complex parameter passed as JSON, written by hand as a user would.
struct LookupComplex<'a> {
    filter: &'a std::collections::BTreeMap<(i32, i32), String>,
}

impl msgraph_entity::FunctionParameters for LookupComplex<'_> {
    fn write_parameters(&self, call: &mut msgraph_entity::FunctionCall) {
        call.parameter("filter", &msgraph_entity::AsJson(self.filter));
    }
}

#[test]
fn a_function_parameter_that_cannot_be_written_is_an_error_before_sending() {
    let unwritable = std::collections::BTreeMap::from([((1, 2), "x".to_owned())]);
    let request = DeviceManagement::lookup(Lookup { scope: "s".into(), pairs: vec![unwritable.clone()] });
    let error = request.to_http(&Endpoint::beta(), &msgraph_entity::BearerToken::new("t")).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("function parameter `pairs`") && text.contains("key must be a string"), "{text}");
    assert!(request.url(&Endpoint::beta()).is_err(), "no URL with `[]` in the place of the value");

    let request: msgraph_entity::FunctionRequest<msgraph_entity::ReturnsNothing> = msgraph_entity::FunctionRequest::new(
        "/deviceManagement",
        "microsoft.graph.f",
        &LookupComplex { filter: &unwritable },
    );
    let error = request.to_http(&Endpoint::beta(), &msgraph_entity::BearerToken::new("t")).unwrap_err();
    assert!(error.to_string().contains("function parameter `filter`"), "{error}");
    assert!(!request.query().contains("null"), "{}", request.query());
}

#[test]
fn a_value_answered_without_a_body_says_the_body_is_missing() {
    let request = DeviceManagement::enable_legacy_pc_management(EnableLegacyPcManagement {
        reason: "lab".into(),
        rehearse: None,
    });
    for (status, body) in [(200, ""), (200, " \r\n"), (201, ""), (204, "")] {
        let error = request.parse_response(response(status, body)).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("no body") && text.contains(&format!("HTTP {status}")), "{status} {body:?}: {text}");
        assert!(matches!(error, msgraph_entity::Error::Body(_)), "{error:?}");
    }
    let collection =
        DeviceManagement::get_effective_permissions(GetEffectivePermissions { scope: "s".into(), top: None });
    let error = collection.parse_response(response(200, "")).unwrap_err();
    assert!(error.to_string().contains("no body"), "{error}");
}
