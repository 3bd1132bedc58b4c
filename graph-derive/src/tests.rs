//! Expansion snapshots: what the derive writes for known inputs, committed so a reviewer can read it.

use expect_test::{ExpectFile, expect_file};
use quote::quote;

use crate::ast::DeriveKind;

fn assert_expansion(input: proc_macro2::TokenStream, kind: DeriveKind, expected: ExpectFile) {
    let input: syn::DeriveInput = syn::parse2(input).expect("test input parses");
    let output = crate::expand::derive(&input, kind);
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
