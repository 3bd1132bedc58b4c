//! # Backup, restore, drift
//!
//! Backup and restore tools (IntuneManagement, IntuneCD) strip ids, read-only properties and
//! OData annotations by hand, type by type, before they create a value again. Here the types
//! know what a request body may carry:
//!
//! - **save**: [`to_json_pretty`](crate::to_json_pretty) writes a value indented at every
//!   level, unknown properties and control information included, every token as read, so a
//!   backup diffs line by line and reads back JSON-equal (an unknown value keeps the
//!   indentation in its text, so `==` on the catch-all tells them apart);
//! - **restore**: [`CreateRequest::from_entity`](crate::CreateRequest::from_entity) makes a
//!   create request from a value read anywhere (another tenant, a file): the writable
//!   properties and the navigation properties created inline (a settings-catalog policy's
//!   `settings`), without the key, read-only properties, control information or the nulls it
//!   was read with. A required property that is missing is an error naming it, as the typed
//!   builder would have refused to compile. Assignments are not created inline: send the
//!   `assign` action with them afterwards ([`operations`](super::operations));
//! - **drift**: `XPatch::between(&current, &wanted)` (written by the derive for each entity)
//!   is the smallest update from one value to the other: properties written alike are
//!   unchanged, one that became `None` is cleared, the others set. Built on
//!   [`Patch::between`](crate::Patch::between) for one property.
//!
//! With the client, the list is `client.items(Policy::list().expand([…]))`, a stream one page
//! at a time; the repository README's "Backup and restore" shows the whole loop on the Intune
//! models.
//!
//! ```
//! use msgraph_entity::{AdditionalProperties, ControlInformation, CreateRequest, GraphComplex, GraphEntity, GraphRequest, Patch};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceManagementConfigurationPolicy", collection = "/deviceManagement/configurationPolicies")]
//! pub struct Policy {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub name: Option<String>,
//!     pub description: Option<String>,
//!     #[graph(read_only)]
//!     pub setting_count: Option<i32>,
//!     #[graph(navigation(deep_insert), required)]
//!     pub settings: Option<Vec<Setting>>,
//!     #[graph(additional)]
//!     pub additional_properties: AdditionalProperties,
//!     #[graph(odata)]
//!     pub odata: ControlInformation,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceManagementConfigurationSetting")]
//! pub struct Setting {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub setting_instance: Option<SettingInstance>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphComplex)]
//! #[graph(odata_type = "microsoft.graph.deviceManagementConfigurationSettingInstance")]
//! pub struct SettingInstance {
//!     pub setting_definition_id: Option<String>,
//!     #[graph(additional)]
//!     pub additional_properties: AdditionalProperties,
//! }
//!
//! // As read from one tenant with `$expand=settings`: a property this model does not know
//! // (`templateReference`), a read-only one, control information.
//! let read: Policy = msgraph_entity::from_json_str(
//!     r##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy","@odata.context":"https://graph.microsoft.com/beta/$metadata#x","id":"p1","name":"Baseline","description":null,"settingCount":1,
//!          "settings":[{"id":"0","settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","settingDefinitionId":"device_vendor_msft_x","choiceSettingValue":{"value":"on"}}}],
//!          "templateReference":{"templateId":""}}"##,
//! )?;
//!
//! // Save: indented at every level, unknown values too; it reads back JSON-equal.
//! let saved = msgraph_entity::to_json_pretty(&read)?;
//! assert!(saved.contains("\n        \"choiceSettingValue\": {\n          \"value\": \"on\"\n        }"));
//! let json = |policy: &Policy| serde_json::from_str::<serde_json::Value>(&serde_json::to_string(policy)?);
//! assert_eq!(json(&msgraph_entity::from_json_str::<Policy>(&saved)?)?, json(&read)?);
//!
//! // Restore, in another tenant: no id, read-only property, control information or null.
//! let restore = CreateRequest::from_entity(&read, &[])?;
//! assert_eq!(
//!     String::from_utf8(restore.body_json()?.unwrap())?,
//!     r##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy","name":"Baseline","settings":[{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSetting","settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","settingDefinitionId":"device_vendor_msft_x","choiceSettingValue":{"value":"on"}}}],"templateReference":{"templateId":""}}"##
//! );
//!
//! // Drift: someone renamed it and wrote a description; put it back.
//! let current = Policy { name: Some("Baseline (edited)".into()), description: Some("temp".into()), ..read.clone() };
//! let patch = PolicyPatch::between(&current, &read)?;
//! assert_eq!((patch.name.clone(), patch.description.clone()), (Patch::Set("Baseline".into()), Patch::Null));
//! let update = Policy::update("p1", patch)?;
//! assert_eq!(
//!     update.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy","name":"Baseline","description":null}"##
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
