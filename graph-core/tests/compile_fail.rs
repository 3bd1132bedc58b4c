//! What users see when they misuse the derives: each case's `.stderr` is committed. They live
//! here, beside the runtime, so trybuild builds this crate alone, not the Intune models.
//!
//! The messages come from the one stable toolchain these machines have; after
//! a toolchain update, review the new output and refresh it with
//! `TRYBUILD=overwrite cargo test -p msgraph-entity --all-features --test compile_fail` (the features
//! change which types the messages list).

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/builder/*.rs");
    cases.compile_fail("tests/ui/shape/*.rs");
    cases.compile_fail("tests/ui/attributes/*.rs");
    cases.compile_fail("tests/ui/enums/*.rs");
    cases.compile_fail("tests/ui/operations/*.rs");
}
