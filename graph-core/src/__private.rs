//! What the derive's generated code names. Not public API: no semver promise,
//! which is why `msgraph-entity` pins `msgraph-entity-derive` exactly.
//!
//! Only re-exports: each item lives in the module that owns its concern.

pub use serde;
pub use serde_json::Value;
pub use std::borrow::Cow;

pub use crate::control::{
    read_control, read_odata_type_keeping, sending, serialize_nullable_field, serialize_odata_type, serialize_property,
    take_nullable_field, written_control,
};
pub use crate::odata::additional::{read_additional, serialize_unknown};
pub use crate::path::cast_path;
pub use crate::polymorphic::VariantTable;
pub use crate::polymorphic::{Polymorphic, VariantType, deserialize_polymorphic, update_item};
pub use crate::read::{
    ODataTypeCheck, Property, PropertyKey, PropertyNames, deserialize_enum, duplicate_property, missing_property,
    note_unknown_member, odata_type_matches, read_field, read_odata_type, serialize_enum, skip_value,
};
pub use crate::requests::PatchDiff;
pub use crate::write::PropertyWriter;
