//! What the deviceconfig models carry, beyond the byte-for-byte conformance
//! test: inheritance, polymorphic collections, nested derived types, enums and
//! flags, primitives, path parameters, and the typed create builder driven
//! with the docs' example values (read from the corpus at run time).

use msgraph_entity::{
    AdditionalProperties, Binary, Date, DateTimeOffset, Duration, EntityCollection, Flags, GraphComplex, GraphEntity,
    GraphEnum, GraphRequest, Guid, ODataType, TimeOfDay, count_unknown, from_json_str,
};
use msgraph_intune::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

#[test]
fn derived_types_carry_their_base_types_properties_three_levels_up() {
    // iosikEv2VpnConfiguration → iosVpnConfiguration → appleVpnConfiguration → deviceConfiguration
    let vpn = IosikEv2VpnConfiguration {
        display_name: Some("from deviceConfiguration".into()),
        connection_name: Some("from appleVpnConfiguration".into()),
        targeted_mobile_apps: Some(vec![]),
        server_certificate_common_name: Some("from iosikEv2VpnConfiguration".into()),
        ..Default::default()
    };
    let written = serde_json::to_value(&vpn).unwrap();
    assert_eq!(written["@odata.type"], "#microsoft.graph.iosikEv2VpnConfiguration");
    assert_eq!(written["displayName"], "from deviceConfiguration");
    assert_eq!(written["connectionName"], "from appleVpnConfiguration");
    assert_eq!(written["targetedMobileApps"], json!([]));
    assert_eq!(written["serverCertificateCommonName"], "from iosikEv2VpnConfiguration");
    // Created through the base type's collection, with its own type.
    assert_eq!(IosikEv2VpnConfiguration::COLLECTION, DeviceConfiguration::COLLECTION);
    let request = IosikEv2VpnConfiguration::create().display_name("vpn").build();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations");
    let body = request.body_json().unwrap().unwrap();
    assert!(body.starts_with(br##"{"@odata.type":"#microsoft.graph.iosikEv2VpnConfiguration","##));
}

#[test]
fn a_list_of_the_base_collection_dispatches_on_odata_type_and_keeps_unknown_types_whole() {
    let page = r##"{"value": [
        {"@odata.type": "#microsoft.graph.iosikEv2VpnConfiguration", "id": "1", "connectionName": "vpn"},
        {"@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "id": "2", "enableAutomaticRedeployment": true},
        {"id": "3", "@odata.type": "#microsoft.graph.androidCustomConfiguration", "displayName": "tag not first"},
        {"@odata.type": "#microsoft.graph.someConfigurationFromTheFuture", "id": "4", "novel": {"deep": [1, 2]}},
        {"@odata.type": "#microsoft.graph.deviceConfiguration", "id": "5"}
    ]}"##;
    #[derive(serde::Deserialize)]
    struct Page {
        value: Vec<AnyDeviceConfiguration>,
    }
    let (page, unknown) = count_unknown(|| serde_json::from_str::<Page>(page).unwrap());
    let items = &page.value;
    assert!(
        matches!(&items[0], AnyDeviceConfiguration::IosikEv2VpnConfiguration(vpn) if vpn.connection_name.as_deref() == Some("vpn"))
    );
    assert!(matches!(&items[1], AnyDeviceConfiguration::Windows10GeneralConfiguration(general)
        if general.enable_automatic_redeployment == Some(true)));
    assert!(matches!(&items[2], AnyDeviceConfiguration::AndroidCustomConfiguration(android)
        if android.display_name.as_deref() == Some("tag not first")));
    let AnyDeviceConfiguration::Unlisted(future) = &items[3] else { panic!("kept whole: {:?}", items[3]) };
    assert_eq!(future.get("novel").map(|raw| raw.get()), Some(r#"{"deep": [1, 2]}"#));
    assert_eq!(future.get_as::<serde_json::Value>("novel").unwrap().unwrap(), json!({"deep": [1, 2]}));
    assert!(matches!(&items[4], AnyDeviceConfiguration::DeviceConfiguration(_)));
    assert_eq!(unknown.types, 1);
    let keys: Vec<Option<&str>> = items.iter().map(GraphEntity::key).collect();
    assert_eq!(keys, [Some("1"), Some("2"), Some("3"), Some("4"), Some("5")]);
    // The unknown type is written back exactly as it came, each value's text included.
    assert_eq!(
        serde_json::to_string(&items[3]).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.someConfigurationFromTheFuture","id":"4","novel":{"deep": [1, 2]}}"##
    );
    // A derived value converts into the polymorphic type and keeps its own tag.
    let any = AnyDeviceConfiguration::from(Windows10GeneralConfiguration::default());
    assert_eq!(
        serde_json::to_string(&any).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration"}"##
    );
}

#[test]
fn nested_complex_values_of_derived_types_are_typed_with_or_without_hash() {
    let body = r##"{"@odata.type": "microsoft.graph.windows10NetworkBoundaryConfiguration",
        "windowsNetworkIsolationPolicy": {"@odata.type": "microsoft.graph.windowsNetworkIsolationPolicy",
            "enterpriseIPRanges": [
                {"@odata.type": "microsoft.graph.iPv6Range", "lowerAddress": "::1", "upperAddress": "::2"},
                {"@odata.type": "#microsoft.graph.iPv4Range", "lowerAddress": "10.0.0.1", "upperAddress": "10.0.0.9"}
            ]}}"##;
    let (config, unknown) = count_unknown(|| from_json_str::<Windows10NetworkBoundaryConfiguration>(body).unwrap());
    assert!(unknown.is_empty(), "{unknown:?}");
    let ranges = config.windows_network_isolation_policy.unwrap().enterprise_ip_ranges.unwrap();
    assert!(matches!(&ranges[0], AnyIpRange::IPv6Range(range) if range.upper_address.as_deref() == Some("::2")));
    assert!(matches!(&ranges[1], AnyIpRange::IPv4Range(range) if range.lower_address.as_deref() == Some("10.0.0.1")));
}

#[test]
fn enums_use_graph_spellings_keep_unknown_members_and_read_flags_lists() {
    assert_eq!(serde_json::to_string(&Enablement::NotConfigured).unwrap(), r#""notConfigured""#);
    let unknown: Enablement = serde_json::from_str(r#""enabledInTheFuture""#).unwrap();
    assert_eq!(unknown, Enablement::Unrecognized("enabledInTheFuture".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""enabledInTheFuture""#);

    // windowsHealthMonitoringScope is a flags enum: a comma-separated list of members.
    let scope: Flags<WindowsHealthMonitoringScope> =
        serde_json::from_str(r#""healthMonitoring,bootPerformance""#).unwrap();
    assert_eq!(
        scope.members(),
        [WindowsHealthMonitoringScope::HealthMonitoring, WindowsHealthMonitoringScope::BootPerformance]
    );
    assert_eq!(serde_json::to_string(&scope).unwrap(), r#""healthMonitoring,bootPerformance""#);
    // keyUsages is not marked flags in the docs, yet the service sends lists: kept as written.
    let usages: KeyUsages = serde_json::from_str(r#""keyEncipherment,digitalSignature""#).unwrap();
    assert_eq!(serde_json::to_string(&usages).unwrap(), r#""keyEncipherment,digitalSignature""#);
    // Members that are not camelCase identifiers keep their spelling.
    assert_eq!(serde_json::to_string(&VpnIntegrityAlgorithmType::Sha2_256).unwrap(), r#""sha2_256""#);
    assert_eq!(serde_json::to_string(&AuthenticationTransformConstant::Sha256_128).unwrap(), r#""sha_256_128""#);
}

/// Every OData primitive, alone and in collections, comes back digit for digit.
#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.everyPrimitive")]
struct EveryPrimitive {
    text: Option<Vec<String>>,
    flag: Option<Vec<bool>>,
    int32: Option<Vec<i32>>,
    int64: Option<Vec<i64>>,
    double: Option<Vec<f64>>,
    binary: Option<Vec<Binary>>,
    date: Option<Vec<Date>>,
    time_of_day: Option<Vec<TimeOfDay>>,
    duration: Option<Vec<Duration>>,
    date_time_offset: Option<Vec<DateTimeOffset>>,
    guid: Option<Vec<Guid>>,
    single_binary: Option<Binary>,
    single_time: Option<TimeOfDay>,
}

#[test]
fn primitives_and_their_collections_round_trip_exactly() {
    let text = r##"{"@odata.type":"#microsoft.graph.everyPrimitive","text":["","ünï","\u0000"],"flag":[true,false],"int32":[-2147483648,2147483647],"int64":[-9223372036854775808,9223372036854775807],"double":[0.5,-1.25e-7],"binary":["","ZmlsZUNvbnRlbnQ="],"date":["0001-01-01","9999-12-31"],"timeOfDay":["11:59:24.7240000","00:00:00","23:59:59.999999999"],"duration":["PT3M","P1DT2H30M","-PT0.5S"],"dateTimeOffset":["2016-12-31T23:58:36.6670033-08:00","0001-01-01T00:00:00Z","9999-12-31T23:59:59.9999999+14:00"],"guid":["e71fa706-a706-e71f-06a7-1fe706a71fe7"],"singleBinary":"dHJ1c3RlZFJvb3RDZXJ0aWZpY2F0ZQ==","singleTime":"12:03:02.3740000"}"##;
    let value: EveryPrimitive = from_json_str(text).unwrap();
    assert_eq!(value.int64.as_ref().unwrap()[1], i64::MAX);
    assert_eq!(value.binary.as_ref().unwrap()[1].as_bytes(), b"fileContent");
    assert_eq!(value.single_time.as_ref().unwrap().fraction_digits(), 7);
    assert_eq!(serde_json::to_string(&value).unwrap(), text);
}

#[test]
fn path_parameters_are_filled_and_percent_encoded() {
    let request = DeviceConfigurationAssignment::create("a/b c?").unwrap().build();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations/a%2Fb%20c%3F/assignments");
    let nested =
        ManagedDeviceCertificateState::create_in_android_device_owner_pkcs_certificate_profile_managed_device_certificate_states(
            "config #1",
        )
        .unwrap();
    assert_eq!(
        nested.target_path(),
        "/deviceManagement/deviceConfigurations/config%20%231/microsoft.graph.androidDeviceOwnerPkcsCertificateProfile/managedDeviceCertificateStates"
    );
    assert!(DeviceConfigurationAssignment::create("").is_err());
    assert!(DeviceConfigurationAssignment::create("..").is_err());
    assert_eq!(
        DeviceConfigurationAssignment::item_path_in(&["c/1"], "a").unwrap(),
        "/deviceManagement/deviceConfigurations/c%2F1/assignments/a"
    );
}

#[test]
fn a_settings_catalog_setting_is_listed_and_read_in_its_policy() {
    let request = DeviceManagementConfigurationSetting::list("policy 1").unwrap();
    assert_eq!(request.path(), "/deviceManagement/configurationPolicies/policy%201/settings");
    let one = DeviceManagementConfigurationSetting::get("policy 1", "0").unwrap();
    assert_eq!(one.path(), "/deviceManagement/configurationPolicies/policy%201/settings/0");
    // The other collections holding settings are still there to create in.
    let elsewhere = DeviceManagementConfigurationSetting::create_in_settings("app config").unwrap();
    assert_eq!(elsewhere.target_path(), "/deviceAppManagement/targetedManagedAppConfigurations/app%20config/settings");
    // And to list, read, update and delete in.
    let there = DeviceManagementConfigurationSetting::in_settings("app config").unwrap();
    assert_eq!(there.list().path(), elsewhere.target_path());
    assert_eq!(
        there.delete("0").unwrap().path(),
        "/deviceAppManagement/targetedManagedAppConfigurations/app%20config/settings/0"
    );
}

#[test]
fn areas_define_what_is_compiled() {
    // With every area on, the polymorphic base lists the derived types of all platforms.
    assert_eq!(AnyDeviceConfiguration::ODATA_TYPE, "#microsoft.graph.deviceConfiguration");
    assert!(<NdesConnectorState as GraphEnum>::MEMBERS.contains(&"active"));
}

// --- The typed create builder, driven with the docs' example values ---------------------------

/// The example request of a corpus case: its body text as the docs write it, and parsed.
fn example_request(entity: &str) -> Option<(String, Value)> {
    let corpus = graph_suite::load_corpus("the deviceconfig builder tests")?;
    let corpus: Value = serde_json::from_str(&corpus).unwrap();
    let case = corpus["cases"].as_array().unwrap().iter().find(|case| case["entity"] == entity).unwrap().clone();
    let text = case["request"]["body_text"].as_str().unwrap().to_owned();
    let body = serde_json::from_str(&text).unwrap();
    Some((text, body))
}

/// One property of an example body, typed as its setter takes it.
fn example<T: DeserializeOwned>(body: &Value, property: &str) -> T {
    serde_json::from_value(body[property].clone()).unwrap_or_else(|error| panic!("{property}: {error}"))
}

/// Properties the docs' example requests send although the schema marks them read-only
/// (`Core.Computed`): the builder has no setter for them, so the built body leaves them out.
const READ_ONLY_IN_THE_SCHEMA: &[&str] = &["supportsScopeTags", "sourceId"];

/// The example text without a top-level scalar property (one line of the docs' pretty JSON).
fn without_top_level_line(text: &str, property: &str) -> String {
    let prefix = format!("  \"{property}\": ");
    let lines: Vec<&str> = text.lines().collect();
    let Some(index) = lines.iter().position(|line| line.starts_with(&prefix)) else { return text.to_owned() };
    let mut kept: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
    let removed = kept.remove(index);
    if !removed.ends_with(',') && index > 0 {
        // It was the last property: the one before it loses its comma.
        kept[index - 1] = kept[index - 1].trim_end_matches(',').to_owned();
    }
    kept.join("\n")
}

/// The built body must be the docs' example text, property for property and in order
/// (but for the properties the schema marks read-only).
fn assert_built_matches<T: serde::Serialize>(built: &T, example_text: &str) {
    let without_hash = |text: &str| text.replace("\"@odata.type\": \"#", "\"@odata.type\": \"");
    let expected = READ_ONLY_IN_THE_SCHEMA
        .iter()
        .fold(example_text.to_owned(), |text, property| without_top_level_line(&text, property));
    assert_eq!(without_hash(&serde_json::to_string_pretty(built).unwrap()), without_hash(&expected));
}

/// The base `deviceConfiguration` setters every configuration case below shares.
macro_rules! device_configuration {
    ($builder:expr, $body:expr) => {
        $builder
            .role_scope_tag_ids(example::<Vec<String>>($body, "roleScopeTagIds"))
            .device_management_applicability_rule_os_edition(example::<DeviceManagementApplicabilityRuleOsEdition>(
                $body,
                "deviceManagementApplicabilityRuleOsEdition",
            ))
            .device_management_applicability_rule_os_version(example::<DeviceManagementApplicabilityRuleOsVersion>(
                $body,
                "deviceManagementApplicabilityRuleOsVersion",
            ))
            .device_management_applicability_rule_device_mode(example::<DeviceManagementApplicabilityRuleDeviceMode>(
                $body,
                "deviceManagementApplicabilityRuleDeviceMode",
            ))
            .description(example::<String>($body, "description"))
            .display_name(example::<String>($body, "displayName"))
            .version(example::<i32>($body, "version"))
    };
}

#[test]
fn builder_ndes_connector_plain_entity() {
    let Some((text, body)) = example_request("ndesConnector") else { return };
    let request = NdesConnector::create()
        .last_connection_date_time(example::<DateTimeOffset>(&body, "lastConnectionDateTime"))
        .state(example::<NdesConnectorState>(&body, "state"))
        .display_name(example::<String>(&body, "displayName"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_android_custom_configuration_derived_with_polymorphic_complex_collection() {
    let Some((text, body)) = example_request("androidCustomConfiguration") else { return };
    let request = device_configuration!(AndroidCustomConfiguration::create(), &body)
        .oma_settings(example::<Vec<AnyOmaSetting>>(&body, "omaSettings"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_windows_health_monitoring_configuration_flags_enum() {
    let Some((text, body)) = example_request("windowsHealthMonitoringConfiguration") else { return };
    let request = device_configuration!(WindowsHealthMonitoringConfiguration::create(), &body)
        .allow_device_health_monitoring(example::<Enablement>(&body, "allowDeviceHealthMonitoring"))
        .config_device_health_monitoring_scope(example::<Flags<WindowsHealthMonitoringScope>>(
            &body,
            "configDeviceHealthMonitoringScope",
        ))
        .config_device_health_monitoring_custom_scope(example::<String>(
            &body,
            "configDeviceHealthMonitoringCustomScope",
        ))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_android_trusted_root_certificate_binary() {
    let Some((text, body)) = example_request("androidTrustedRootCertificate") else { return };
    let request = device_configuration!(AndroidTrustedRootCertificate::create(), &body)
        .trusted_root_certificate(example::<Binary>(&body, "trustedRootCertificate"))
        .cert_file_name(example::<String>(&body, "certFileName"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_device_configuration_assignment_path_parameter_and_polymorphic_target() {
    let Some((text, body)) = example_request("deviceConfigurationAssignment") else { return };
    let request = DeviceConfigurationAssignment::create("deviceConfigurationId value")
        .unwrap()
        .target(example::<AnyDeviceAndAppManagementAssignmentTarget>(&body, "target"))
        .source(example::<DeviceAndAppManagementAssignmentSource>(&body, "source"))
        .build();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations/deviceConfigurationId%20value/assignments");
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_ios_update_configuration_time_of_day_and_complex_collection() {
    let Some((text, body)) = example_request("iosUpdateConfiguration") else { return };
    let request = device_configuration!(IosUpdateConfiguration::create(), &body)
        .is_enabled(example::<bool>(&body, "isEnabled"))
        .active_hours_start(example::<TimeOfDay>(&body, "activeHoursStart"))
        .active_hours_end(example::<TimeOfDay>(&body, "activeHoursEnd"))
        .desired_os_version(example::<String>(&body, "desiredOsVersion"))
        .scheduled_install_days(example::<Vec<DayOfWeek>>(&body, "scheduledInstallDays"))
        .utc_time_offset_in_minutes(example::<i32>(&body, "utcTimeOffsetInMinutes"))
        .enforced_software_update_delay_in_days(example::<i32>(&body, "enforcedSoftwareUpdateDelayInDays"))
        .update_schedule_type(example::<IosSoftwareUpdateScheduleType>(&body, "updateScheduleType"))
        .custom_update_time_windows(example::<Vec<CustomUpdateTimeWindow>>(&body, "customUpdateTimeWindows"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_managed_device_encryption_state_flags_and_complex_collection() {
    let Some((text, body)) = example_request("managedDeviceEncryptionState") else { return };
    let request = ManagedDeviceEncryptionState::create()
        .user_principal_name(example::<String>(&body, "userPrincipalName"))
        .device_type(example::<DeviceTypes>(&body, "deviceType"))
        .os_version(example::<String>(&body, "osVersion"))
        .tpm_specification_version(example::<String>(&body, "tpmSpecificationVersion"))
        .device_name(example::<String>(&body, "deviceName"))
        .encryption_readiness_state(example::<EncryptionReadinessState>(&body, "encryptionReadinessState"))
        .encryption_state(example::<EncryptionState>(&body, "encryptionState"))
        .encryption_policy_setting_state(example::<ComplianceStatus>(&body, "encryptionPolicySettingState"))
        .advanced_bit_locker_states(example::<Flags<AdvancedBitLockerState>>(&body, "advancedBitLockerStates"))
        .file_vault_states(example::<Flags<FileVaultState>>(&body, "fileVaultStates"))
        .policy_details(example::<Vec<EncryptionReportPolicyDetails>>(&body, "policyDetails"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_device_configuration_conflict_summary_complex_collection_first() {
    let Some((text, body)) = example_request("deviceConfigurationConflictSummary") else { return };
    let request = DeviceConfigurationConflictSummary::create()
        .conflicting_device_configurations(example::<Vec<SettingSource>>(&body, "conflictingDeviceConfigurations"))
        .contributing_settings(example::<Vec<String>>(&body, "contributingSettings"))
        .device_checkins_impacted(example::<i32>(&body, "deviceCheckinsImpacted"))
        .build();
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_windows_kiosk_configuration_deeply_nested_derived_types() {
    let Some((text, body)) = example_request("windowsKioskConfiguration") else { return };
    let request = device_configuration!(WindowsKioskConfiguration::create(), &body)
        .kiosk_profiles(example::<Vec<WindowsKioskProfile>>(&body, "kioskProfiles"))
        .kiosk_browser_default_url(example::<String>(&body, "kioskBrowserDefaultUrl"))
        .kiosk_browser_enable_home_button(example::<bool>(&body, "kioskBrowserEnableHomeButton"))
        .kiosk_browser_enable_navigation_buttons(example::<bool>(&body, "kioskBrowserEnableNavigationButtons"))
        .kiosk_browser_enable_end_session_button(example::<bool>(&body, "kioskBrowserEnableEndSessionButton"))
        .kiosk_browser_restart_on_idle_time_in_minutes(example::<i32>(&body, "kioskBrowserRestartOnIdleTimeInMinutes"))
        .kiosk_browser_blocked_urls(example::<Vec<String>>(&body, "kioskBrowserBlockedURLs"))
        .kiosk_browser_blocked_url_exceptions(example::<Vec<String>>(&body, "kioskBrowserBlockedUrlExceptions"))
        .edge_kiosk_enable_public_browsing(example::<bool>(&body, "edgeKioskEnablePublicBrowsing"))
        .windows_kiosk_force_update_schedule(example::<WindowsKioskForceUpdateSchedule>(
            &body,
            "windowsKioskForceUpdateSchedule",
        ))
        .build();
    let (_, unknown) = count_unknown(|| serde_json::to_string(request.body()).unwrap());
    assert!(unknown.is_empty());
    assert_built_matches(request.body(), &text);
}

#[test]
fn builder_ios_trusted_root_certificate_in_the_base_collection_and_binary() {
    let Some((text, body)) = example_request("iosTrustedRootCertificate") else { return };
    // The docs create it through a Wi-Fi profile's `rootCertificatesForServerValidation`, which
    // the current schema marks as a reference: it is a device configuration, created with them.
    let request = device_configuration!(IosTrustedRootCertificate::create(), &body)
        .trusted_root_certificate(example::<Binary>(&body, "trustedRootCertificate"))
        .cert_file_name(example::<String>(&body, "certFileName"))
        .build();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations");
    assert_eq!(
        IosTrustedRootCertificate::list().unwrap().path(),
        "/deviceManagement/deviceConfigurations/microsoft.graph.iosTrustedRootCertificate"
    );
    assert_built_matches(request.body(), &text);
}

#[test]
fn read_only_properties_have_no_setter_and_are_left_out() {
    // `createdDateTime` and `lastModifiedDateTime` are read-only (no example request
    // sends them): the builder has no setter for them, so a create body never has them.
    let request = Windows10CustomConfiguration::create().display_name("x").build();
    assert_eq!(request.body().created_date_time, None);
    assert_eq!(
        serde_json::to_string(request.body()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.windows10CustomConfiguration","displayName":"x"}"##
    );
    let _ = AdditionalProperties::new();
}
