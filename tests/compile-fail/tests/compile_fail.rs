//! What users see when they misuse the derives: each case's `.stderr` is committed.
//!
//! trybuild builds the cases against this crate's dependencies and features: msgraph-entity
//! without a feature, serde and serde_json, nothing else (not the Intune models, not the client).
//! That set is fixed, so the output is too: rustc's "other types implement trait" list names 8
//! types picked by how their paths print, which depends on the crates the build loads.
//!
//! The messages come from the one stable toolchain these machines have; after a toolchain
//! update, review the new output and refresh it with
//! `TRYBUILD=overwrite cargo test -p compile-fail-check --test compile_fail`.

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/builder/*.rs");
    cases.compile_fail("tests/ui/shape/*.rs");
    cases.compile_fail("tests/ui/attributes/*.rs");
    cases.compile_fail("tests/ui/enums/*.rs");
    cases.compile_fail("tests/ui/operations/*.rs");
}
