//! Expansion snapshots: what the derive writes for known inputs, committed so a reviewer can read
//! it; and, for each, a check that the fallback defines the same public items as the expansion.

use std::collections::BTreeSet;

use expect_test::{ExpectFile, expect_file};
use quote::{ToTokens as _, quote};

use crate::ast::Container;
use crate::errors::Errors;
use crate::kind::DeriveKind;

fn assert_expansion(input: proc_macro2::TokenStream, kind: DeriveKind, expected: ExpectFile) {
    let input: syn::DeriveInput = syn::parse2(input).expect("test input parses");
    let output = crate::derive(&input, kind);
    let file: syn::File = syn::parse2(output).expect("the expansion is valid Rust");
    expected.assert_eq(&prettyplease::unparse(&file));

    let mut errors = Errors::default();
    let container = Container::from_input(&input, kind, &mut errors).expect("a valid input");
    let stubs: syn::File = syn::parse2(crate::fallback::stubs(&input, kind, Some(&container))).expect("valid Rust");
    let (expanded, stubbed) = (public_items(&file), public_items(&stubs));
    assert!(!expanded.is_empty());
    assert_eq!(expanded, stubbed, "the fallback defines what the expansion defines");
}

/// What a user can name in generated code: declarations (not the `__` helpers), and each impl's
/// header with its functions' signatures, constants and types, wherever the impl stands.
fn public_items(file: &syn::File) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect(&file.items, &mut found);
    found
}

fn collect(items: &[syn::Item], found: &mut BTreeSet<String>) {
    let helper = |ident: &syn::Ident| ident.to_string().starts_with("__");
    for item in items {
        match item {
            syn::Item::Const(constant) if constant.ident == "_" => {
                if let syn::Expr::Block(block) = &*constant.expr {
                    let nested: Vec<syn::Item> = block
                        .block
                        .stmts
                        .iter()
                        .filter_map(|stmt| match stmt {
                            syn::Stmt::Item(item) => Some(item.clone()),
                            _ => None,
                        })
                        .collect();
                    collect(&nested, found);
                }
            }
            syn::Item::Struct(item) if !helper(&item.ident) => {
                found.insert(format!("struct {} {}", item.ident, item.to_token_stream()));
            }
            syn::Item::Enum(item) if !helper(&item.ident) => {
                found.insert(format!("enum {} {}", item.ident, item.to_token_stream()));
            }
            syn::Item::Mod(item) => {
                found.insert(format!("mod {} {}", item.ident, item.to_token_stream()));
            }
            syn::Item::Impl(block) => {
                let self_ty = block.self_ty.to_token_stream().to_string();
                if self_ty.starts_with("__") {
                    continue;
                }
                let trait_ = block.trait_.as_ref().map(|(path, _)| path.to_token_stream().to_string());
                let header = format!("impl {} {:?} for {self_ty}", block.generics.to_token_stream(), trait_);
                found.insert(header.clone());
                for member in &block.items {
                    let member = match member {
                        syn::ImplItem::Fn(function) => {
                            format!("{} {}", function.vis.to_token_stream(), function.sig.to_token_stream())
                        }
                        syn::ImplItem::Const(constant) => {
                            format!("const {}: {}", constant.ident, constant.ty.to_token_stream())
                        }
                        syn::ImplItem::Type(ty) => ty.to_token_stream().to_string(),
                        other => other.to_token_stream().to_string(),
                    };
                    found.insert(format!("{header} {{ {member} }}"));
                }
            }
            _ => {}
        }
    }
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
                #[graph(additional)]
                pub additional_properties: AdditionalProperties,
                #[graph(odata)]
                pub odata: ControlInformation,
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
