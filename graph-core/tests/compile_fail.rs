//! What users see when they misuse the derives: each case's `.stderr` is committed. They live
//! here, beside the runtime, so trybuild builds this crate alone, not the Intune models.
//!
//! The messages come from the one stable toolchain these machines have; after
//! a toolchain update, review the new output and refresh it with
//! `TRYBUILD=overwrite cargo test -p msgraph-entity --all-features --test compile_fail`.
//!
//! They are the output of the build CI runs, with every feature: trybuild builds the cases with
//! the features of this test, and rustc's list of "other types implement trait" names 8 of them
//! picked by how their paths print, which depends on the crates the build loads (without
//! features `serde_json::Value` gives way to `f64`). So the cases run with every feature only.
#![cfg(all(feature = "client", feature = "credentials", feature = "tracing"))]

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/builder/*.rs");
    cases.compile_fail("tests/ui/shape/*.rs");
    cases.compile_fail("tests/ui/attributes/*.rs");
    cases.compile_fail("tests/ui/enums/*.rs");
    cases.compile_fail("tests/ui/operations/*.rs");
}
