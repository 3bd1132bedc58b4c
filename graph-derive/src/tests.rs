//! Expansion snapshots: what the derive writes for known inputs, committed so a reviewer can read it.

use expect_test::{ExpectFile, expect_file};
use quote::quote;

use crate::kind::DeriveKind;

fn assert_expansion(input: proc_macro2::TokenStream, kind: DeriveKind, expected: ExpectFile) {
    let input: syn::DeriveInput = syn::parse2(input).expect("test input parses");
    let output = crate::derive(&input, kind);
    let file: syn::File = syn::parse2(output).expect("the expansion is valid Rust");
    expected.assert_eq(&prettyplease::unparse(&file));
}

#[test]
fn ndes_connector_entity() {
    assert_expansion(
        quote! {
            #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
            pub struct NdesConnector {
                #[graph(key)]
                pub id: Option<String>,
                #[graph(required)]
                pub last_connection_date_time: Option<DateTimeOffset>,
                #[graph(required)]
                pub state: Option<NdesConnectorState>,
                #[graph(required)]
                pub display_name: Option<String>,
            }
        },
        DeriveKind::Entity,
        expect_file!["../snapshots/ndes_connector.expanded.rs"],
    );
}

#[test]
fn ndes_connector_state_enum() {
    assert_expansion(
        quote! {
            pub enum NdesConnectorState {
                None,
                Active,
                Inactive,
                #[graph(other)]
                Other(String),
            }
        },
        DeriveKind::Enum,
        expect_file!["../snapshots/ndes_connector_state.expanded.rs"],
    );
}

#[test]
fn polymorphic_entity_enum() {
    assert_expansion(
        quote! {
            #[graph(odata_type = "microsoft.graph.deviceConfiguration", collection = "/deviceManagement/deviceConfigurations")]
            pub enum AnyDeviceConfiguration {
                DeviceConfiguration(Box<DeviceConfiguration>),
                #[cfg(feature = "android")]
                AndroidCustomConfiguration(Box<AndroidCustomConfiguration>),
                Windows10CustomConfiguration(Windows10CustomConfiguration),
                #[graph(other)]
                Unlisted(AdditionalProperties),
            }
        },
        DeriveKind::Entity,
        expect_file!["../snapshots/any_device_configuration.expanded.rs"],
    );
}

#[test]
fn entity_under_a_parent_with_another_create_path() {
    assert_expansion(
        quote! {
            #[graph(
                odata_type = "microsoft.graph.deviceConfigurationAssignment",
                collection = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"
            )]
            #[graph(create_at(
                name = "create_in_root_certificate_assignments",
                path = "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/rootCertificate/assignments"
            ))]
            pub struct DeviceConfigurationAssignment {
                #[graph(key)]
                pub id: Option<String>,
                pub intent: Option<DeviceConfigAssignmentIntent>,
                #[graph(additional)]
                pub additional_properties: AdditionalProperties,
            }
        },
        DeriveKind::Entity,
        expect_file!["../snapshots/device_configuration_assignment.expanded.rs"],
    );
}
