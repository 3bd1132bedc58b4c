//! The baselines written without the derive, on the same field types as the models.
//!
//! - `manual`: what an expert would write by hand: a hand-written `Serialize` that writes
//!   `@odata.type` first, then each present property (`serialize_struct`, `skip_field` for
//!   `None`); and `#[derive(serde::Deserialize)]` with the tag read into a field renamed
//!   `@odata.type`, whose type checks the value as it is read, without allocating.
//! - `naive`: plain serde derives with no tag at all, which the `via-value` workloads tag
//!   and check through `serde_json::Value`.
//!
//! Only the struct-level code differs from the derive: property values are the same
//! `msgraph_entity` and `msgraph_intune` types (`DateTimeOffset`, the enums, the complex types).

use std::fmt;
use std::marker::PhantomData;

use msgraph_entity::DateTimeOffset;
use msgraph_intune::NdesConnectorState;
use serde::de::{self, Deserializer, Visitor};
use serde::ser::{SerializeStruct as _, Serializer};
use serde::{Deserialize, Serialize};

/// A type with an `@odata.type`, for [`ODataTag`].
pub trait Tagged {
    /// The full type name with its `#`: `#microsoft.graph.ndesConnector`.
    const ODATA_TYPE: &'static str;
}

/// The `@odata.type` field of a hand-written model: reads the tag and checks it against
/// `T::ODATA_TYPE` (with or without the `#`), without keeping or allocating it.
pub struct ODataTag<T>(PhantomData<T>);

impl<T> Default for ODataTag<T> {
    fn default() -> Self {
        ODataTag(PhantomData)
    }
}

impl<T> Clone for ODataTag<T> {
    fn clone(&self) -> Self {
        ODataTag(PhantomData)
    }
}

impl<T> PartialEq for ODataTag<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> fmt::Debug for ODataTag<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ODataTag")
    }
}

/// Whether `found` names `expected` (which has its `#`), with or without the `#`.
#[inline]
pub fn tag_matches(found: &str, expected: &str) -> bool {
    found == expected || found == &expected[1..]
}

impl<'de, T: Tagged> Deserialize<'de> for ODataTag<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor<T>(PhantomData<T>);

        impl<T: Tagged> Visitor<'_> for TagVisitor<T> {
            type Value = ODataTag<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the string `{}`", T::ODATA_TYPE)
            }

            fn visit_str<E: de::Error>(self, found: &str) -> Result<ODataTag<T>, E> {
                if tag_matches(found, T::ODATA_TYPE) {
                    Ok(ODataTag(PhantomData))
                } else {
                    Err(E::custom(format_args!("expected @odata.type `{}`, found `{found}`", T::ODATA_TYPE)))
                }
            }
        }

        deserializer.deserialize_str(TagVisitor(PhantomData))
    }
}

/// `ndesConnector` written by hand: the model's fields and types, no additional properties.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualNdesConnector {
    /// `@odata.type`, checked as it is read; may be absent.
    #[serde(rename = "@odata.type", default)]
    pub odata_type: ODataTag<ManualNdesConnector>,
    /// `id`.
    pub id: Option<String>,
    /// `lastConnectionDateTime`.
    pub last_connection_date_time: Option<DateTimeOffset>,
    /// `state`.
    pub state: Option<NdesConnectorState>,
    /// `displayName`.
    pub display_name: Option<String>,
    /// `connectorVersion` (in the schema of today, not in the seed page's example).
    pub connector_version: Option<String>,
    /// `enrolledDateTime`.
    pub enrolled_date_time: Option<DateTimeOffset>,
    /// `machineName`.
    pub machine_name: Option<String>,
    /// `roleScopeTagIds`.
    pub role_scope_tag_ids: Option<Vec<String>>,
}

impl Tagged for ManualNdesConnector {
    const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
}

impl Serialize for ManualNdesConnector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("NdesConnector", 9)?;
        state.serialize_field("@odata.type", Self::ODATA_TYPE)?;
        match &self.id {
            Some(value) => state.serialize_field("id", value)?,
            None => state.skip_field("id")?,
        }
        match &self.last_connection_date_time {
            Some(value) => state.serialize_field("lastConnectionDateTime", value)?,
            None => state.skip_field("lastConnectionDateTime")?,
        }
        match &self.state {
            Some(value) => state.serialize_field("state", value)?,
            None => state.skip_field("state")?,
        }
        match &self.display_name {
            Some(value) => state.serialize_field("displayName", value)?,
            None => state.skip_field("displayName")?,
        }
        match &self.connector_version {
            Some(value) => state.serialize_field("connectorVersion", value)?,
            None => state.skip_field("connectorVersion")?,
        }
        match &self.enrolled_date_time {
            Some(value) => state.serialize_field("enrolledDateTime", value)?,
            None => state.skip_field("enrolledDateTime")?,
        }
        match &self.machine_name {
            Some(value) => state.serialize_field("machineName", value)?,
            None => state.skip_field("machineName")?,
        }
        match &self.role_scope_tag_ids {
            Some(value) => state.serialize_field("roleScopeTagIds", value)?,
            None => state.skip_field("roleScopeTagIds")?,
        }
        state.end()
    }
}

/// `ndesConnector` as plain serde derives with no tag, for the `via-value` workloads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NaiveNdesConnector {
    /// `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `lastConnectionDateTime`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_connection_date_time: Option<DateTimeOffset>,
    /// `state`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<NdesConnectorState>,
    /// `displayName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

impl Tagged for NaiveNdesConnector {
    const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
}

/// Writes a model the way the hand-written ndesConnector baseline is written, for many properties:
/// a struct of `Option`s with `#[derive(serde::Deserialize)]` and a checked `@odata.type` field,
/// a hand-written `Serialize` (`serialize_struct`, tag first, `skip_field` for `None`), and a
/// twin with plain serde derives and no tag for the `via-value` workloads.
macro_rules! manual_model {
    (
        $(#[$meta:meta])*
        $name:ident = $tag:literal {
            $($field:ident : $ty:ty = $graph:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
        pub struct $name {
            /// `@odata.type`, checked as it is read; may be absent.
            #[serde(rename = "@odata.type", default)]
            pub odata_type: $crate::manual::ODataTag<$name>,
            $(
                #[doc = concat!("`", $graph, "`.")]
                #[serde(rename = $graph)]
                pub $field: Option<$ty>,
            )*
        }

        impl $crate::manual::Tagged for $name {
            const ODATA_TYPE: &'static str = $tag;
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                const FIELDS: &[&str] = &[$($graph),*];
                let mut state = serializer.serialize_struct(stringify!($name), 1 + FIELDS.len())?;
                state.serialize_field("@odata.type", $tag)?;
                $(
                    match &self.$field {
                        Some(value) => state.serialize_field($graph, value)?,
                        None => state.skip_field($graph)?,
                    }
                )*
                state.end()
            }
        }

        /// The same properties as plain serde derives with no tag, for the `via-value` workloads.
        #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
        pub struct Naive {
            $(
                #[doc = concat!("`", $graph, "`.")]
                #[serde(rename = $graph, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $crate::manual::Tagged for Naive {
            const ODATA_TYPE: &'static str = $tag;
        }
    };
}

/// `windows10GeneralConfiguration` by hand (its field list is generated from the model).
pub mod windows10 {
    use msgraph_entity::{Binary, DateTimeOffset, Flags, TimeOfDay};
    use msgraph_intune::*;

    include!("windows10_fields.rs");
}
