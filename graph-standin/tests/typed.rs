//! The stand-in through this project's client and the generated models of msgraph-intune:
//! the lifecycle of the `create_ndes_connector` example (parts 2 to 4), typed lifecycles with
//! typed query options, typed seeding and reading, typed operation handlers, and the real
//! exports loaded and read back typed.

mod support;

use msgraph_entity::{Batch, DateTimeOffset, Filter, GraphRequest as _, Order};
use msgraph_intune::{
    DeviceConfiguration, DeviceConfigurationAssign, DeviceConfigurationAssignment, DeviceManagementConfigurationPolicy,
    DeviceManagementConfigurationPolicyPatch, DeviceManagementConfigurationPolicyProperty, GroupAssignmentTarget,
    NdesConnector, NdesConnectorPatch, NdesConnectorProperty, NdesConnectorState, Windows10GeneralConfiguration,
};
use msgraph_standin::{HandlerError, OperationCall};
use serde_json::Value;

const GROUP_ID: &str = "0a3c1f2e-9b4d-4c7a-8e6f-5d2b1a0c9e8f";

fn connector(name: &str) -> msgraph_entity::CreateRequest<NdesConnector> {
    NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>().unwrap())
        .state(NdesConnectorState::Active)
        .display_name(name)
        .build()
}

#[tokio::test]
async fn the_examples_lifecycle_batch_and_assignment_run_against_the_stand_in() {
    let Some(builder) = support::intune("the example's lifecycle (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();

    // Part 2: create, list, get, update, get, delete, get (404).
    let created = client.send(&connector("Display Name value")).await.unwrap();
    let id = created.id.clone().unwrap();
    assert_eq!(created.last_connection_date_time.unwrap().to_string(), "2016-12-31T23:58:36.6670033-08:00");
    let page = client.send(&NdesConnector::list().top(10)).await.unwrap();
    assert!(page.value.iter().any(|item| item.id.as_deref() == Some(id.as_str())));
    let read = client.send(&NdesConnector::get(&id).unwrap()).await.unwrap();
    assert_eq!(
        (read.display_name.as_deref(), read.state),
        (Some("Display Name value"), Some(NdesConnectorState::Active))
    );
    let patch =
        NdesConnectorPatch::default().display_name("Renamed by the example").state(NdesConnectorState::Inactive);
    assert_eq!(client.send(&NdesConnector::update(&id, patch).unwrap()).await.unwrap(), None, "204: nothing sent back");
    let read = client.send(&NdesConnector::get(&id).unwrap()).await.unwrap();
    assert_eq!(
        (read.display_name.as_deref(), read.state),
        (Some("Renamed by the example"), Some(NdesConnectorState::Inactive))
    );
    client.send(&NdesConnector::delete(&id).unwrap()).await.unwrap();
    let error = client.send(&NdesConnector::get(&id).unwrap()).await.unwrap_err();
    let graph = error.graph_error().unwrap();
    assert_eq!((graph.status, graph.code.as_str()), (404, "ResourceNotFound"));

    // Part 3: one $batch: a create, a list that depends on it, a get of a connector that does not exist.
    let mut batch = Batch::new();
    let created = batch.add(connector("Created in a batch"));
    let listed = batch.depends_on(&created).add(NdesConnector::list().top(10)).unwrap();
    let missing = batch.add(NdesConnector::get("00000000-0000-0000-0000-000000000000").unwrap());
    let responses = client.send_batch(&batch).await.unwrap();
    assert_eq!(responses.get(&created).unwrap().display_name.as_deref(), Some("Created in a batch"));
    assert_eq!(responses.get(&listed).unwrap().value.len(), 1);
    assert_eq!(responses.status(&missing).unwrap(), 404);

    // Part 4: a Windows 10 profile, created and assigned to a group, then deleted.
    let profile = Windows10GeneralConfiguration::create()
        .display_name("Lab baseline (msgraph-entity example)")
        .description("Created by the example; deleted at its end.")
        .password_required(true)
        .build();
    let profile = client.send(&profile).await.unwrap();
    let profile_id = profile.id.clone().unwrap();
    assert_eq!(profile.password_required, Some(true));
    assert!(profile.created_date_time.is_some(), "stamped by the stand-in");
    let target = GroupAssignmentTarget { group_id: Some(GROUP_ID.to_owned()), ..Default::default() };
    let assignment = DeviceConfigurationAssignment { target: Some(target.into()), ..Default::default() };
    let assign = DeviceConfiguration::assign(
        &profile_id,
        DeviceConfigurationAssign { assignments: Some(vec![assignment]), ..Default::default() },
    )
    .unwrap();
    let assigned = client.send(&assign).await.unwrap();
    let [returned] = assigned.value.try_into().unwrap();
    let stored = client.send(&DeviceConfigurationAssignment::list(&profile_id).unwrap()).await.unwrap();
    let [stored] = stored.value.try_into().unwrap();
    assert_eq!(stored.id, returned.id);
    assert!(stored.id.is_some());
    let target = serde_json::to_value(&stored.target).unwrap();
    assert_eq!(target["groupId"], GROUP_ID);
    client.send(&DeviceConfiguration::delete(&profile_id).unwrap()).await.unwrap();
    let gone = client.send(&DeviceConfigurationAssignment::list(&profile_id).unwrap()).await.unwrap_err();
    assert_eq!(gone.graph_error().unwrap().status, 404, "the assignments went with their profile");
}

#[tokio::test]
async fn typed_query_options_filter_select_and_order_what_typed_inserts_stored() {
    let Some(builder) = support::intune("the typed query options (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();
    for (name, state) in [
        ("Paris", NdesConnectorState::Active),
        ("Lyon", NdesConnectorState::Inactive),
        ("Nice", NdesConnectorState::Active),
    ] {
        let value = NdesConnector {
            display_name: Some(name.to_owned()),
            state: Some(state),
            last_connection_date_time: Some("2024-06-01T08:00:00Z".parse().unwrap()),
            ..Default::default()
        };
        standin.insert("/deviceManagement/ndesConnectors", &value).unwrap();
    }
    let request = NdesConnector::list()
        .filter(Filter::ne(NdesConnectorProperty::DisplayName, "Lyon"))
        .select([NdesConnectorProperty::Id, NdesConnectorProperty::DisplayName])
        .order_by(NdesConnectorProperty::DisplayName, Order::Descending)
        .count(true);
    let page = client.send(&request).await.unwrap();
    let names: Vec<&str> = page.value.iter().map(|item| item.display_name.as_deref().unwrap()).collect();
    assert_eq!(names, ["Paris", "Nice"]);
    assert_eq!(page.count, Some(2));
    assert!(page.value.iter().all(|item| item.state.is_none()), "not selected");

    let stored: Vec<NdesConnector> = standin.list("/deviceManagement/ndesConnectors").unwrap();
    assert_eq!(stored.len(), 3);
    let paris: NdesConnector =
        standin.get(&format!("/deviceManagement/ndesConnectors/{}", stored[0].id.as_deref().unwrap())).unwrap();
    assert_eq!(paris.state, Some(NdesConnectorState::Active));

    // A settings-catalog policy through its own model.
    let created = client
        .send(
            &DeviceManagementConfigurationPolicy::create()
                .name("Typed policy")
                .description("d")
                .platforms(msgraph_intune::DeviceManagementConfigurationPlatforms::Windows10)
                .technologies(msgraph_intune::DeviceManagementConfigurationTechnologies::Mdm)
                .settings(Vec::new())
                .build(),
        )
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    let listed = client
        .send(
            &DeviceManagementConfigurationPolicy::list()
                .filter(Filter::eq(DeviceManagementConfigurationPolicyProperty::Name, "Typed policy"))
                .select([
                    DeviceManagementConfigurationPolicyProperty::Id,
                    DeviceManagementConfigurationPolicyProperty::Name,
                ]),
        )
        .await
        .unwrap();
    assert_eq!(listed.value.len(), 1);
    let patch = DeviceManagementConfigurationPolicyPatch::default().name("Renamed policy");
    client.send(&DeviceManagementConfigurationPolicy::update(&id, patch).unwrap()).await.unwrap();
    let read = client.send(&DeviceManagementConfigurationPolicy::get(&id).unwrap()).await.unwrap();
    assert_eq!(read.name.as_deref(), Some("Renamed policy"));
    assert!(read.last_modified_date_time.unwrap().to_string() >= created.last_modified_date_time.unwrap().to_string());
    client.send(&DeviceManagementConfigurationPolicy::delete(&id).unwrap()).await.unwrap();
    assert_eq!(
        client
            .send(&DeviceManagementConfigurationPolicy::get(&id).unwrap())
            .await
            .unwrap_err()
            .graph_error()
            .unwrap()
            .status,
        404
    );

    // A value the schema refuses is refused typed too.
    let refused = standin
        .insert("/deviceManagement/ndesConnectors", &serde_json::json!({"displayName": "x", "colour": "red"}))
        .unwrap_err();
    assert!(refused.to_string().starts_with("400 BadRequest: Could not find a property named 'colour'"), "{refused}");
}

#[tokio::test]
async fn a_typed_handler_returns_generated_models_checked_against_the_return_type() {
    let Some(builder) = support::intune("the typed handler (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();

    /// The `assign` parameters as the handler reads them (the generated struct only serializes).
    #[derive(serde::Deserialize)]
    struct Assign {
        assignments: Vec<DeviceConfigurationAssignment>,
    }
    standin.on_operation("microsoft.graph.assign", |call: OperationCall<Assign>| {
        if call.parameters.assignments.is_empty() {
            return Err(HandlerError::bad_request("nothing to assign"));
        }
        let echoed: Vec<DeviceConfigurationAssignment> = call
            .parameters
            .assignments
            .into_iter()
            .enumerate()
            .map(|(index, assignment)| DeviceConfigurationAssignment {
                id: Some(format!("handled-{index}")),
                ..assignment
            })
            .collect();
        Ok(echoed)
    });
    let profile = client.send(&Windows10GeneralConfiguration::create().display_name("Handled").build()).await.unwrap();
    let id = profile.id.unwrap();
    let target = GroupAssignmentTarget { group_id: Some(GROUP_ID.to_owned()), ..Default::default() };
    let assignment = DeviceConfigurationAssignment { target: Some(target.into()), ..Default::default() };
    let parameters = DeviceConfigurationAssign { assignments: Some(vec![assignment]), ..Default::default() };
    let assigned = client.send(&DeviceConfiguration::assign(&id, parameters).unwrap()).await.unwrap();
    assert_eq!(assigned.value[0].id.as_deref(), Some("handled-0"));
    let empty = DeviceConfigurationAssign { assignments: Some(Vec::new()), ..Default::default() };
    let error = client.send(&DeviceConfiguration::assign(&id, empty).unwrap()).await.unwrap_err();
    assert_eq!(error.graph_error().unwrap().message, "nothing to assign");
    assert_eq!(standin.operation_calls().len(), 2);
}

#[tokio::test]
async fn the_real_exports_load_and_read_back_typed() {
    let Some(builder) = support::intune("the real exports (1 test)") else { return };
    let Some(exports) = support::real_exports("the real exports (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let report = standin.load_seed(&exports).unwrap();
    // Objects the exports hold twice (the same id) are stored once; nothing else is refused.
    assert_eq!(report.inserted + report.skipped.len(), 739);
    assert!(
        report.skipped.iter().all(|reason| reason.contains("409 Conflict")),
        "{:?}",
        &report.skipped[..3.min(report.skipped.len())]
    );
    assert!(report.inserted > 700, "{}", report.inserted);
    assert!(
        report.warnings.iter().any(|warning| warning.contains("auditRuleInformation")),
        "the service is ahead of the schema there"
    );

    let client = standin.client().unwrap();
    let policies = client.list_all(DeviceManagementConfigurationPolicy::list().top(100)).await.unwrap();
    assert!(policies.len() > 500, "{}", policies.len());
    let with_settings = policies.iter().find(|policy| policy.setting_count.unwrap_or(0) > 1).unwrap();
    let settings: Value = standin
        .get(&format!("/deviceManagement/configurationPolicies/{}", with_settings.id.as_deref().unwrap()))
        .unwrap();
    assert_eq!(settings["name"], with_settings.name.as_deref().unwrap());
    let stored_settings: Vec<msgraph_intune::DeviceManagementConfigurationSetting> = standin
        .list(&format!("/deviceManagement/configurationPolicies/{}/settings", with_settings.id.as_deref().unwrap()))
        .unwrap();
    assert_eq!(
        stored_settings.len() as i32,
        with_settings.setting_count.unwrap(),
        "every setting of the export, stored apart"
    );
    assert!(stored_settings.iter().all(|setting| setting.setting_instance.is_some()));
}

/// The README's "Testing your code", as written there (but for the schema's skip).
#[tokio::test]
async fn readme_example_runs() {
    use msgraph_standin::{Fault, RetryAfter};
    let Some(builder) = support::intune("the README's example (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let id = standin
        .insert(
            "/deviceManagement/ndesConnectors",
            &NdesConnector {
                display_name: Some("Lab".into()),
                state: Some(NdesConnectorState::Active),
                ..Default::default()
            },
        )
        .unwrap();
    standin.inject(Fault::throttle().retry_after(RetryAfter::Seconds(1)).on_request(1));

    let client = standin.client().unwrap();
    let patch = NdesConnectorPatch::default().display_name("Lab (renamed)");
    client.send(&NdesConnector::update(&id, patch).unwrap()).await.unwrap();

    let stored: NdesConnector = standin.get(&format!("/deviceManagement/ndesConnectors/{id}")).unwrap();
    assert_eq!(stored.display_name.as_deref(), Some("Lab (renamed)"));
    assert!(standin.retry_after_violations().is_empty());
    let [throttled, patched] = standin.requests().try_into().unwrap();
    assert_eq!((throttled.status, patched.status), (429, 204));
}

// ---------------------------------------------------------------------------------------------
// Deep insert: a policy created with its children inline, the stand-in storing them apart.

mod settings {
    //! A settings tree built typed: a choice whose children are a group setting collection (of
    //! simple settings) and a simple setting collection.

    use msgraph_intune::{
        AnyDeviceManagementConfigurationSettingInstance as AnyInstance,
        DeviceManagementConfigurationChoiceSettingInstance, DeviceManagementConfigurationChoiceSettingValue,
        DeviceManagementConfigurationGroupSettingCollectionInstance, DeviceManagementConfigurationGroupSettingValue,
        DeviceManagementConfigurationIntegerSettingValue, DeviceManagementConfigurationSetting,
        DeviceManagementConfigurationSimpleSettingCollectionInstance,
        DeviceManagementConfigurationSimpleSettingInstance, DeviceManagementConfigurationStringSettingValue,
    };

    const PROXY: &str = "device_vendor_msft_policy_config_lab_proxysettings";

    fn simple(
        definition: String,
        value: impl Into<msgraph_intune::AnyDeviceManagementConfigurationSimpleSettingValue>,
    ) -> AnyInstance {
        DeviceManagementConfigurationSimpleSettingInstance {
            setting_definition_id: Some(definition),
            simple_setting_value: Some(value.into()),
            ..Default::default()
        }
        .into()
    }

    fn text(value: &str) -> DeviceManagementConfigurationStringSettingValue {
        DeviceManagementConfigurationStringSettingValue { value: Some(value.to_owned()), ..Default::default() }
    }

    pub fn proxy() -> Vec<DeviceManagementConfigurationSetting> {
        let server = |address: &str, port: i32| DeviceManagementConfigurationGroupSettingValue {
            children: Some(vec![
                simple(format!("{PROXY}_servers_address"), text(address)),
                simple(
                    format!("{PROXY}_servers_port"),
                    DeviceManagementConfigurationIntegerSettingValue { value: Some(port), ..Default::default() },
                ),
            ]),
            ..Default::default()
        };
        let servers = DeviceManagementConfigurationGroupSettingCollectionInstance {
            setting_definition_id: Some(format!("{PROXY}_servers")),
            group_setting_collection_value: Some(vec![
                server("proxy1.contoso.com", 8080),
                server("proxy2.contoso.com", 3128),
            ]),
            ..Default::default()
        };
        let bypass = DeviceManagementConfigurationSimpleSettingCollectionInstance {
            setting_definition_id: Some(format!("{PROXY}_bypasslist")),
            simple_setting_collection_value: Some(vec![text("*.contoso.com").into(), text("10.0.0.0/8").into()]),
            ..Default::default()
        };
        let choice = DeviceManagementConfigurationChoiceSettingInstance {
            setting_definition_id: Some(PROXY.to_owned()),
            choice_setting_value: Some(DeviceManagementConfigurationChoiceSettingValue {
                value: Some(format!("{PROXY}_1")),
                children: Some(vec![servers.into(), bypass.into()]),
                ..Default::default()
            }),
            ..Default::default()
        };
        let lock = simple(
            "device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock".to_owned(),
            DeviceManagementConfigurationIntegerSettingValue { value: Some(5), ..Default::default() },
        );
        [AnyInstance::from(choice), lock]
            .into_iter()
            .map(|instance| DeviceManagementConfigurationSetting {
                setting_instance: Some(instance),
                ..Default::default()
            })
            .collect()
    }
}

#[tokio::test]
async fn a_settings_catalog_policy_is_created_with_its_settings_inline_and_reads_back_equal() {
    use msgraph_intune::{
        DeviceManagementConfigurationPlatforms, DeviceManagementConfigurationPolicyNavigation,
        DeviceManagementConfigurationSetting, DeviceManagementConfigurationTechnologies,
    };
    let Some(builder) = support::intune("the settings-catalog deep insert (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();
    let create = DeviceManagementConfigurationPolicy::create()
        .name("Lab proxy")
        .description("Two proxies, and what bypasses them.")
        .platforms(DeviceManagementConfigurationPlatforms::Windows10)
        .technologies(DeviceManagementConfigurationTechnologies::Mdm)
        .role_scope_tag_ids(vec!["0".to_owned()])
        .settings(settings::proxy())
        .build();
    let created = client.send(&create).await.unwrap();
    let id = created.id.clone().unwrap();

    // A deep insert: the settings went to the policy's own `settings`, each with a key of its own.
    let stored: Vec<DeviceManagementConfigurationSetting> =
        standin.list(&format!("/deviceManagement/configurationPolicies/{id}/settings")).unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|setting| setting.id.is_some()));

    // Read back with `$expand=settings`: the policy sent, but for what the service sets.
    let get = DeviceManagementConfigurationPolicy::get(&id)
        .unwrap()
        .expand([DeviceManagementConfigurationPolicyNavigation::Settings]);
    let uri = get
        .to_http(&msgraph_entity::Endpoint::beta(), &msgraph_entity::BearerToken::new("t"))
        .unwrap()
        .uri()
        .to_string();
    assert!(uri.ends_with(&format!("/configurationPolicies/{id}?$expand=settings")), "{uri}");
    let read = client.send(&get).await.unwrap();
    assert_eq!(read.id.as_deref(), Some(id.as_str()));
    assert!(read.created_date_time.is_some() && read.last_modified_date_time.is_some(), "set by the service");
    let without_service_values = DeviceManagementConfigurationPolicy {
        id: None,
        created_date_time: None,
        last_modified_date_time: None,
        is_assigned: None,
        setting_count: None,
        odata: Default::default(),
        settings: read.settings.clone().map(|settings| {
            settings
                .into_iter()
                .map(|setting| DeviceManagementConfigurationSetting { id: None, odata: Default::default(), ..setting })
                .collect()
        }),
        ..read.clone()
    };
    assert_eq!(&without_service_values, create.body());
    // And as a create request writes it (what a restore sends), byte for byte.
    let again = msgraph_entity::CreateRequest::from_entity(&read, &[]).unwrap();
    assert_eq!(again.body_json().unwrap(), create.body_json().unwrap());
}

#[tokio::test]
async fn a_compliance_policy_is_created_with_its_scheduled_actions_inline() {
    use msgraph_intune::{
        AnyDeviceCompliancePolicy, DeviceComplianceActionItem, DeviceComplianceActionType,
        DeviceComplianceScheduledActionForRule, Windows10CompliancePolicy,
    };
    let Some(builder) = support::intune("the compliance-policy deep insert (1 test)") else { return };
    let standin = builder.start().await.unwrap();
    let client = standin.client().unwrap();
    let actions = vec![DeviceComplianceScheduledActionForRule {
        rule_name: Some("PasswordRequired".to_owned()),
        scheduled_action_configurations: Some(vec![
            DeviceComplianceActionItem {
                action_type: Some(DeviceComplianceActionType::Block),
                grace_period_hours: Some(0),
                ..Default::default()
            },
            DeviceComplianceActionItem {
                action_type: Some(DeviceComplianceActionType::Notification),
                grace_period_hours: Some(24),
                notification_message_cc_list: Some(Vec::new()),
                ..Default::default()
            },
        ]),
        ..Default::default()
    }];
    let create = Windows10CompliancePolicy::create()
        .display_name("Windows 10: password and BitLocker")
        .password_required(true)
        .bit_locker_enabled(true)
        .scheduled_actions_for_rule(actions.clone())
        .build();
    let body: Value = serde_json::from_slice(&create.body_json().unwrap().unwrap()).unwrap();
    assert_eq!(body["@odata.type"], "#microsoft.graph.windows10CompliancePolicy");
    assert_eq!(body["scheduledActionsForRule"][0]["scheduledActionConfigurations"][1]["gracePeriodHours"], 24);
    let created = client.send(&create).await.unwrap();
    let id = created.id.clone().unwrap();

    // Two levels of deep insert: the rule in the policy's, its two actions in the rule's.
    let base = format!("/deviceManagement/deviceCompliancePolicies/{id}/scheduledActionsForRule");
    let [rule]: [DeviceComplianceScheduledActionForRule; 1] = standin.list(&base).unwrap().try_into().unwrap();
    let stored_actions: Vec<DeviceComplianceActionItem> =
        standin.list(&format!("{base}/{}/scheduledActionConfigurations", rule.id.as_deref().unwrap())).unwrap();
    assert_eq!(stored_actions.len(), 2);

    // Read back through the collection of the base type, expanded two levels deep.
    let get = AnyDeviceCompliancePolicy::get(&id)
        .unwrap()
        .expand_raw("scheduledActionsForRule($expand=scheduledActionConfigurations)");
    let AnyDeviceCompliancePolicy::Windows10CompliancePolicy(read) = client.send(&get).await.unwrap() else {
        panic!("not read as a Windows 10 compliance policy")
    };
    assert_eq!((read.password_required, read.bit_locker_enabled), (Some(true), Some(true)));
    let read_actions: Vec<DeviceComplianceScheduledActionForRule> = read
        .scheduled_actions_for_rule
        .clone()
        .unwrap()
        .into_iter()
        .map(|rule| DeviceComplianceScheduledActionForRule {
            id: None,
            scheduled_action_configurations: rule
                .scheduled_action_configurations
                .map(|items| items.into_iter().map(|item| DeviceComplianceActionItem { id: None, ..item }).collect()),
            ..rule
        })
        .collect();
    assert_eq!(read_actions, actions);
    let again = msgraph_entity::CreateRequest::from_entity(&*read, &[]).unwrap();
    assert_eq!(again.body_json().unwrap(), create.body_json().unwrap());
}
