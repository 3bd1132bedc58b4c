//! # Navigation properties, typed `$expand`, deep insert
//!
//! A navigation property links an entity to others: a settings-catalog policy's `settings` and
//! `assignments`. The service leaves it out of a response unless asked with `$expand`. A field
//! marked `#[graph(navigation)]` holds it: `None` when not expanded, the values read typed
//! when expanded. It is not a property for `$select`, and never goes in a patch.
//!
//! The derive writes an enum of the navigation properties (`PolicyNavigation` below) for
//! [`ListRequest::expand`](crate::ListRequest::expand) and
//! [`GetRequest::expand`](crate::GetRequest::expand), so a navigation property that does not
//! exist does not compile; `expand_raw` takes the text for nested options
//! (`settings($select=id)`).
//!
//! `#[graph(navigation(deep_insert))]` marks one the service takes inline when the entity is
//! created (a policy is created with its settings): the create builder gets a setter for it,
//! and [`CreateRequest::from_entity`](crate::CreateRequest::from_entity) carries it. Add
//! `required` when the service refuses a create without it. Other navigation properties are
//! left out of every request body: `assignments` are made afterwards, by the `assign` action.
//!
//! ```
//! use msgraph_entity::{Endpoint, GraphComplex, GraphEntity, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceManagementConfigurationPolicy", collection = "/deviceManagement/configurationPolicies")]
//! pub struct Policy {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub name: Option<String>,
//!     #[graph(navigation)]
//!     pub assignments: Option<Vec<PolicyAssignment>>,
//!     #[graph(navigation(deep_insert), required)]
//!     pub settings: Option<Vec<Setting>>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceManagementConfigurationPolicyAssignment")]
//! pub struct PolicyAssignment {
//!     #[graph(key)]
//!     pub id: Option<String>,
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
//! }
//!
//! let request = Policy::list().expand([PolicyNavigation::Settings, PolicyNavigation::Assignments]);
//! assert_eq!(request.query(), "$expand=settings,assignments");
//!
//! let page = request.parse_response(http::Response::builder().status(200).body(
//!     br##"{"value":[{"id":"p1","name":"Baseline",
//!         "settings":[{"id":"0","settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","settingDefinitionId":"device_vendor_msft_x"}}],
//!         "assignments":[{"id":"a1"}]}]}"##
//!         .to_vec(),
//! )?)?;
//! let policy = &page.value[0];
//! assert_eq!(policy.settings.as_ref().map(Vec::len), Some(1));
//! assert_eq!(policy.assignments.as_ref().map(Vec::len), Some(1));
//!
//! // Created with its settings inline; without them `build()` does not exist.
//! let create = Policy::create().name("Baseline (copy)").settings(policy.settings.clone().unwrap_or_default()).build();
//! assert_eq!(
//!     create.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy","name":"Baseline (copy)","settings":[{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSetting","settingInstance":{"@odata.type":"#microsoft.graph.deviceManagementConfigurationSettingInstance","settingDefinitionId":"device_vendor_msft_x"}}]}"##
//! );
//! assert_eq!(Policy::get("p1")?.expand([PolicyNavigation::Assignments]).url(&Endpoint::beta())?,
//!     "https://graph.microsoft.com/beta/deviceManagement/configurationPolicies/p1?$expand=assignments");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In the generated Intune models every navigation property of the schema is a field; the
//! deep-insert ones are those the service documents as created inline. A navigation field
//! whose target type is not compiled with its owner (it lives in an area whose feature is off)
//! holds untyped JSON instead.
