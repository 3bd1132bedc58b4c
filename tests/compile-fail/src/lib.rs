//! What users see when they misuse the derives: `tests/compile_fail.rs` runs the cases of
//! `tests/ui/`, each with its committed `.stderr`.
