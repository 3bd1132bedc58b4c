//! The Intune actions and functions generated from the schema, as requests on the wire and
//! responses read back: `assign` of a device configuration byte for byte, a function with a
//! hostile string, actions bound to a collection and to the `deviceManagement` singleton, a
//! `204` action, and a paged collection return.

use msgraph_entity::{BearerToken, Endpoint, GraphRequest, Page};
use msgraph_intune::{
    AnyDeviceAndAppManagementAssignmentTarget, CloudPcCloudApp, CloudPcCloudAppPublishCollection, DeviceConfiguration,
    DeviceConfigurationAssign, DeviceConfigurationAssignment, DeviceManagement,
    DeviceManagementGetEffectivePermissionsWithScope, DeviceManagementVerifyWindowsEnrollmentAutoDiscovery,
    GroupAssignmentTarget, ManagedDevice,
};

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

fn group(id: &str) -> AnyDeviceAndAppManagementAssignmentTarget {
    GroupAssignmentTarget { group_id: Some(id.into()), ..Default::default() }.into()
}

#[test]
fn assign_of_a_device_configuration_byte_for_byte() {
    let assignment = DeviceConfigurationAssignment { target: Some(group("0a3c1f2e")), ..Default::default() };
    let request = DeviceConfiguration::assign(
        "9b6a7c2e-1f0d",
        DeviceConfigurationAssign { assignments: Some(vec![assignment]), ..Default::default() },
    )
    .unwrap();
    let http = request.to_http(&Endpoint::beta(), &BearerToken::new("t")).unwrap();
    assert_eq!(http.method(), "POST");
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/9b6a7c2e-1f0d/microsoft.graph.assign"
    );
    assert_eq!(
        std::str::from_utf8(http.body()).unwrap(),
        r##"{"assignments":[{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"0a3c1f2e"}}]}"##
    );
    let created: Page<DeviceConfigurationAssignment> = request
        .parse_response(response(
            200,
            r##"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.deviceConfigurationAssignment)",
                "value":[{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","id":"a-1",
                          "target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"0a3c1f2e"}}]}"##,
        ))
        .unwrap();
    assert_eq!(created.value[0].id.as_deref(), Some("a-1"));
    assert!(
        matches!(&created.value[0].target, Some(AnyDeviceAndAppManagementAssignmentTarget::GroupAssignmentTarget(target))
        if target.group_id.as_deref() == Some("0a3c1f2e"))
    );
}

#[test]
fn a_function_bound_to_the_singleton_quotes_and_encodes_its_string() {
    let request =
        DeviceManagement::get_effective_permissions_with_scope(DeviceManagementGetEffectivePermissionsWithScope {
            scope: "it's a/b%c 日本".into(),
        });
    assert_eq!(
        request.url(&Endpoint::beta()).unwrap(),
        "https://graph.microsoft.com/beta/deviceManagement/microsoft.graph.getEffectivePermissions(scope='it''s%20a%2Fb%25c%20%E6%97%A5%E6%9C%AC')"
    );
    let page = request
        .parse_response(response(
            200,
            r##"{"value":[{"@odata.type":"#microsoft.graph.rolePermission","actions":["x"]}]}"##,
        ))
        .unwrap();
    assert_eq!(page.value.len(), 1);

    let verify = DeviceManagement::verify_windows_enrollment_auto_discovery(
        DeviceManagementVerifyWindowsEnrollmentAutoDiscovery { domain_name: "contoso.com".into() },
    );
    assert_eq!(
        verify.path(),
        "/deviceManagement/microsoft.graph.verifyWindowsEnrollmentAutoDiscovery(domainName='contoso.com')"
    );
    assert!(verify.parse_response(response(200, r#"{"value":true}"#)).unwrap());
}

#[test]
fn an_action_bound_to_a_collection_and_a_204_action() {
    let publish =
        CloudPcCloudApp::publish(CloudPcCloudAppPublishCollection { cloud_app_ids: Some(vec!["app-1".into()]) });
    assert_eq!(publish.path(), "/deviceManagement/virtualEndpoint/cloudApps/microsoft.graph.publish");
    assert_eq!(publish.body_json().unwrap().unwrap(), br#"{"cloudAppIds":["app-1"]}"#);
    publish.parse_response(response(204, "")).unwrap();

    let sync = ManagedDevice::sync_device("device 1").unwrap();
    assert_eq!(sync.path(), "/deviceManagement/managedDevices/device%201/microsoft.graph.syncDevice");
    assert_eq!(sync.method(), "POST");
    assert_eq!(sync.body_json().unwrap(), None, "an action without parameters sends no body");
    sync.parse_response(response(204, "")).unwrap();
}

#[test]
fn a_collection_return_is_paged() {
    let request = DeviceManagement::get_effective_permissions();
    let first = request
        .parse_response(response(
            200,
            r#"{"value":["a","b"],"@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/microsoft.graph.getEffectivePermissions()?$skiptoken=2"}"#,
        ))
        .unwrap();
    assert_eq!(first.value, ["a", "b"]);
    let next = request.next_page(&first).expect("a second page");
    assert_eq!(
        next.url(&Endpoint::beta()).unwrap(),
        "https://graph.microsoft.com/beta/deviceManagement/microsoft.graph.getEffectivePermissions()?$skiptoken=2"
    );
    let last = next.parse_response(response(200, r#"{"value":["c"]}"#)).unwrap();
    assert!(next.next_page(&last).is_none());
}
