//! One table per rule: what goes in, what comes out.

use super::*;

/// A rule, an input and what the rule makes of it.
type Row = (fn(&str) -> String, &'static str, &'static str);

/// Graph names in, and the fields (identifier, rename) expected out.
type FieldRow = (&'static [&'static str], &'static [(&'static str, Option<&'static str>)]);

#[test]
fn case_conversions() {
    let table: &[Row] = &[
        (lower_camel_from_snake, "last_connection_date_time", "lastConnectionDateTime"),
        (lower_camel_from_snake, "id", "id"),
        (lower_camel_from_snake, "_private_name", "privateName"),
        (lower_camel_from_snake, "r#type", "type"),
        (lower_camel_from_snake, "self_", "self"),
        (lower_camel_from_snake, "remote_control_software_2", "remoteControlSoftware2"),
        (snake_from_camel, "lastConnectionDateTime", "last_connection_date_time"),
        (snake_from_camel, "minOSVersion", "min_os_version"),
        (snake_from_camel, "kioskBrowserBlockedURLs", "kiosk_browser_blocked_urls"),
        (snake_from_camel, "iPv6Range", "i_pv6_range"),
        (snake_from_camel, "NdesConnector", "ndes_connector"),
        (snake_from_camel, "deviceConfigurationId", "device_configuration_id"),
        (snake_from_camel, "iOSUpdateDeviceStatusId", "i_os_update_device_status_id"),
        (snake_from_camel, "remote_Control_Software", "remote_control_software"),
        (snake_from_camel, "_", "value"),
        (upper_first, "ndesConnector", "NdesConnector"),
        (upper_first, "iPv6Range", "IPv6Range"),
        (upper_first, "", ""),
        (lower_first, "NdesConnectorState", "ndesConnectorState"),
        (lower_first, "Active", "active"),
        (pascal_from_snake, "last_connection_date_time", "LastConnectionDateTime"),
        (pascal_from_snake, "r#type", "Type"),
        (pascal_from_snake, "self_", "Self"),
    ];
    for (convert, input, expected) in table {
        assert_eq!(convert(input), *expected, "{input}");
    }
}

#[test]
fn keywords_and_the_forms_that_avoid_them() {
    let table: &[(&str, bool, &str, &str)] = &[
        // word, is_keyword, with_trailing_underscore, field_identifier
        ("type", true, "type_", "r#type"),
        ("self", true, "self_", "self_"),
        ("Self", true, "Self_", "Self_"),
        ("crate", true, "crate_", "crate_"),
        ("super", true, "super_", "super_"),
        ("_", true, "__", "__"),
        ("gen", true, "gen_", "r#gen"),
        ("async", true, "async_", "r#async"),
        ("key", false, "key", "key"),
        ("state", false, "state", "state"),
    ];
    for (word, keyword, underscored, field) in table {
        assert_eq!(is_keyword(word), *keyword, "{word}");
        assert_eq!(with_trailing_underscore(word), *underscored, "{word}");
        assert_eq!(field_identifier(word), *field, "{word}");
    }
}

#[test]
fn what_the_derive_writes_beside_a_type() {
    let table: &[(Companion, &str)] = &[
        (Companion::Property, "NdesConnectorProperty"),
        (Companion::Navigation, "NdesConnectorNavigation"),
        (Companion::Patch, "NdesConnectorPatch"),
        (Companion::Create, "CreateNdesConnector"),
        (Companion::Any, "AnyNdesConnector"),
    ];
    for (companion, expected) in table {
        assert_eq!(companion.name("NdesConnector"), *expected);
    }
    assert_eq!(Companion::ALL.len(), table.len());
    let methods: &[Row] = &[
        (builder_state_module, "NdesConnector", "__create_NdesConnector_state"),
        (clear_method, "display_name", "clear_display_name"),
        (clear_method, "r#type", "clear_type"),
        (clear_method, "self_", "clear_self"),
        (property_variant, "last_connection_date_time", "LastConnectionDateTime"),
        (property_variant, "r#type", "Type"),
        (property_variant, "self_", "Self_"),
    ];
    for (name, input, expected) in methods {
        assert_eq!(name(input), *expected, "{input}");
    }
    assert_eq!(single_functions("settings"), ["get_settings", "update_settings"]);
    assert_eq!(create_at_functions("create_in_settings"), ["create_in_settings", "in_settings"]);
    assert_eq!(create_at_functions("add_setting"), ["add_setting", "add_setting_collection"]);
}

#[test]
fn parameters_and_operation_functions() {
    let table: &[Row] = &[
        (path_parameter, "deviceConfigurationId", "device_configuration_id"),
        (path_parameter, "key", "key_"),
        (path_parameter, "patch", "patch_"),
        (path_parameter, "parameters", "parameters_"),
        (path_parameter, "type", "type_"),
        (path_parameter, "self", "self_"),
        (path_parameter, "YId", "y_id"),
        (path_parameter, "yId", "y_id"),
        (operation_method, "assign", "assign"),
        (operation_method, "getEffectivePermissions", "get_effective_permissions"),
        (operation_method, "move", "move_"),
        (operation_method, "syncDevice", "sync_device"),
    ];
    for (name, input, expected) in table {
        assert_eq!(name(input), *expected, "{input}");
    }
    let path = ["", "deviceManagement", "deviceConfigurations"];
    assert_eq!(item_segment("deviceConfiguration", &path), "{deviceConfigurationId}");
    let nested = ["", "a", "{deviceConfigurationId}", "b", "{deviceConfigurationId2}", "c"];
    assert_eq!(item_segment("deviceConfiguration", &nested), "{deviceConfigurationId3}");
}

#[test]
fn fields_are_distinct_and_spell_back() {
    let table: &[FieldRow] = &[
        (&["lastConnectionDateTime"], &[("last_connection_date_time", None)]),
        (&["minOSVersion"], &[("min_os_version", Some("minOSVersion"))]),
        (
            &["type", "self", "key", "build", "Self", "crate"],
            &[
                ("r#type", None),
                ("self_", None),
                ("key", None),
                ("build_", None),
                ("self_2", Some("Self")),
                ("crate_", None),
            ],
        ),
        // The property the plain name spells back keeps it, whatever the order.
        (
            &["remote_Control_Software", "remoteControlSoftware"],
            &[("remote_control_software_2", Some("remote_Control_Software")), ("remote_control_software", None)],
        ),
        (&["additionalProperties", "odata"], &[("additional_properties_", None), ("odata_", None)]),
        (&["enterpriseIPRanges"], &[("enterprise_ip_ranges", Some("enterpriseIPRanges"))]),
        (&["iPv6Range"], &[("i_pv6_range", None)]),
        (&["3dSecure"], &[("n3d_secure", Some("3dSecure"))]),
        (&["naïve"], &[("nau00efve", Some("naïve"))]),
    ];
    for (names, expected) in table {
        let got: Vec<(String, Option<String>)> =
            fields(names).into_iter().map(|field| (field.ident, field.rename)).collect();
        let expected: Vec<(String, Option<String>)> =
            expected.iter().map(|(ident, rename)| ((*ident).to_owned(), rename.map(str::to_owned))).collect();
        assert_eq!(got, expected, "{names:?}");
        for (field, name) in fields(names).iter().zip(names.iter()) {
            let spelled = field.rename.clone().unwrap_or_else(|| lower_camel_from_snake(&field.ident));
            assert_eq!(&spelled, name, "the derive reads back what the generator wrote");
        }
    }
}

#[test]
fn enum_members_are_distinct_variants() {
    let members = ["notConfigured", "sha2_256", "sha_256_128", "iOS", "NotConfigured", "unrecognized", "self", "é"];
    let got: Vec<(String, Option<String>)> =
        variants(&members, UNRECOGNIZED_VARIANT).into_iter().map(|variant| (variant.ident, variant.rename)).collect();
    let expected = [
        ("NotConfigured", None),
        ("Sha2_256", None),
        ("Sha256_128", Some("sha_256_128")),
        ("IOS", None),
        ("NotConfigured2", Some("NotConfigured")),
        ("Unrecognized2", Some("unrecognized")),
        ("Self_", Some("self")),
        ("U00c9", Some("é")),
    ];
    let expected: Vec<(String, Option<String>)> =
        expected.iter().map(|(ident, rename)| ((*ident).to_owned(), rename.map(str::to_owned))).collect();
    assert_eq!(got, expected);
}

#[test]
fn type_names_leave_room_for_companions_other_namespaces_and_modules() {
    let to_name = |full: &str, name: &str, namespace: &str, companions: &[Companion]| TypeToName {
        full_name: full.to_owned(),
        name: name.to_owned(),
        namespace: namespace.to_owned(),
        companions: companions.to_vec(),
    };
    let types = vec![
        to_name("microsoft.graph.thing", "thing", "microsoft.graph", &[Companion::Patch]),
        to_name("microsoft.graph.thingPatch", "thingPatch", "microsoft.graph", &[]),
        to_name("microsoft.graph.x.thing", "thing", "microsoft.graph.x", &[]),
        to_name("microsoft.graph.naïve", "naïve", "microsoft.graph", &[]),
        to_name("microsoft.graph.self", "self", "microsoft.graph", &[]),
        to_name("microsoft.graph.type", "type", "microsoft.graph", &[]),
        to_name("microsoft.graph.a_b", "a_b", "microsoft.graph", &[]),
        to_name("microsoft.graph._", "_", "microsoft.graph", &[]),
        to_name("microsoft.graph.Option", "Option", "microsoft.graph", &[]),
        to_name("microsoft.graph.additionalProperties", "additionalProperties", "microsoft.graph", &[]),
        to_name("microsoft.graph.Unlisted", "Unlisted", "microsoft.graph", &[]),
        to_name("microsoft.graph.x_y.thing2", "thing2", "microsoft.graph.x_y", &[]),
    ];
    let names = TypeNames::new(&types, "microsoft.graph", &["thing_patch".to_owned()]);
    let table = [
        ("microsoft.graph.thingPatch", "ThingPatch", "thing_patch_2"),
        ("microsoft.graph.thing", "Thing2", "thing2"),
        ("microsoft.graph.x.thing", "XThing", "x_thing"),
        ("microsoft.graph.naïve", "Nau00efve", "nau00efve"),
        ("microsoft.graph.self", "Self2", "self2"),
        ("microsoft.graph.type", "Type", "type_"),
        ("microsoft.graph.a_b", "AB", "ab"),
        ("microsoft.graph._", "N", "n"),
        ("microsoft.graph.Option", "Option2", "option2"),
        ("microsoft.graph.additionalProperties", "AdditionalProperties2", "additional_properties2"),
        ("microsoft.graph.Unlisted", "Unlisted2", "unlisted2"),
        ("microsoft.graph.x_y.thing2", "XYThing2", "xy_thing2"),
    ];
    for (full, ident, module) in table {
        assert_eq!((names.idents[full].as_str(), names.modules[full].as_str()), (ident, module), "{full}");
    }
}
