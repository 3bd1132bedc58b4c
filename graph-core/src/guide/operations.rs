//! # Actions and functions
//!
//! A configuration profile does nothing until it is **assigned**; devices are managed through
//! actions (`syncDevice`, `retire`, `wipe`) and read through functions
//! (`getEffectivePermissions`, reports). An operation is a struct of its parameters with
//! `#[derive(GraphAction)]` or `#[derive(GraphFunction)]`; the derive writes a function on the
//! type it is bound to that builds the request. The generated Intune models have one for every
//! bound operation of the schema (`DeviceConfiguration::assign`, `ManagedDevice::retire`).
//!
//! - **Actions** are `POST {bound path}/microsoft.graph.{name}`, the namespace-qualified
//!   segment the service accepts for every binding, with the parameters as a JSON object (no
//!   `@odata.type` on it; typed values inside keep theirs; an absent `Option` is left out), and
//!   no body when there are no parameters (a unit struct).
//! - **Functions** are `GET {bound path}/microsoft.graph.{name}(p1=…,p2=…)`, each parameter an
//!   OData literal in the path: a string quoted, its `'` doubled, then percent-encoded
//!   (`scope='it''s%20a%2Fb'`); numbers, booleans, GUIDs and dates bare; a duration
//!   `duration'P1D'`; an enum member qualified (`microsoft.graph.devicePlatformType'windows10AndLater'`).
//!   A collection or a complex value does not fit in a path: it becomes a parameter alias,
//!   `(ids=@ids)` with `?@ids=["a","b"]` in the query. An optional parameter left `None` is not
//!   written. A parameter serde cannot write is an [`Error::InvalidRequest`](crate::Error::InvalidRequest)
//!   before anything is sent.
//! - **Results**: nothing (`204` → `()`), an object (the entity or complex value itself), a
//!   primitive or enum (`{"value": …}` → the value), a collection (a [`Page`](crate::Page),
//!   whose `next_page` follows its next link inside the endpoint), or a stream (`Vec<u8>`).
//!   A value answered without a body is an error that says the body is missing.
//! - The requests are [`ActionRequest`](crate::ActionRequest) and
//!   [`FunctionRequest`](crate::FunctionRequest): they implement
//!   [`GraphRequest`](crate::GraphRequest), so they go through `to_http`, the client and
//!   `$batch` like any other.
//!
//! ```
//! use msgraph_entity::{Endpoint, GraphAction, GraphComplex, GraphEntity, GraphFunction, GraphRequest};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.managedDevice", collection = "/deviceManagement/managedDevices")]
//! pub struct ManagedDevice {
//!     #[graph(key)]
//!     pub id: Option<String>,
//! }
//!
//! /// `wipe`: no result, so `204` reads as `()`.
//! #[derive(Debug, Default, GraphAction)]
//! #[graph(name = "microsoft.graph.wipe", bound = ManagedDevice, path = "/deviceManagement/managedDevices/{managedDeviceId}")]
//! pub struct Wipe {
//!     pub keep_enrollment_data: Option<bool>,
//!     pub keep_user_data: Option<bool>,
//! }
//!
//! /// `syncDevice`: no parameters, so no body.
//! #[derive(Debug, GraphAction)]
//! #[graph(name = "microsoft.graph.syncDevice", bound = ManagedDevice, path = "/deviceManagement/managedDevices/{managedDeviceId}")]
//! pub struct SyncDevice;
//!
//! /// A function bound to the collection, with a string parameter and a primitive result.
//! #[derive(Debug, GraphFunction)]
//! #[graph(name = "microsoft.graph.verifyWindowsEnrollmentAutoDiscovery", bound = ManagedDevice,
//!         path = "/deviceManagement/managedDevices", method = "verify_auto_discovery", returns(value = bool))]
//! pub struct VerifyAutoDiscovery {
//!     pub domain_name: String,
//! }
//!
//! let wipe = ManagedDevice::wipe("d-1", Wipe { keep_user_data: Some(true), ..Default::default() })?;
//! assert_eq!(wipe.url(&Endpoint::beta())?, "https://graph.microsoft.com/beta/deviceManagement/managedDevices/d-1/microsoft.graph.wipe");
//! assert_eq!(wipe.body_json()?.unwrap(), br#"{"keepUserData":true}"#);
//! assert_eq!(ManagedDevice::sync_device("d-1")?.body_json()?, None);
//!
//! let verify = ManagedDevice::verify_auto_discovery(VerifyAutoDiscovery { domain_name: "it's.contoso.com".into() });
//! assert_eq!(verify.method(), "GET");
//! assert_eq!(
//!     verify.path(),
//!     "/deviceManagement/managedDevices/microsoft.graph.verifyWindowsEnrollmentAutoDiscovery(domainName='it''s.contoso.com')"
//! );
//! let answer = http::Response::builder().status(200).body(br#"{"value":true}"#.to_vec())?;
//! assert!(verify.parse_response(answer)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | attribute | meaning |
//! |---|---|
//! | `name = "microsoft.graph.assign"` | the operation's qualified name (required) |
//! | `bound = Type` | the type that gets the function (required); defined in your crate, as inherent functions are |
//! | `path = "/…"` | where what it is bound to is (required): an item path (`…/{deviceConfigurationId}`), a collection's path, or a singleton's (`/deviceManagement`); its parameters come first, named as for the other operations |
//! | `returns = T` | an entity or complex value (`Any…` for a polymorphic one) |
//! | `returns(value = T)` | a primitive or enum, wrapped as `{"value": …}` |
//! | `returns(collection = T)` | a collection: a `Page<T>` |
//! | `returns(stream)` | the body's bytes |
//! | (no `returns`) | nothing: `204` |
//! | `method = "x"` | the function's name, when not the operation's in snake_case |
//! | `crate = path` | where the runtime crate is (see [`modelling`](super::modelling#the-runtime-under-another-name)) |
//! | `rename = "x"` (field) | the parameter's name, when not the field's in lowerCamelCase |
//!
//! A parameter type that cannot be sent is a compile error at the field's type (not
//! `Serialize` for an action, not an OData literal for a function), as is an unknown return
//! type; a missing binding or name, or a malformed `returns`, is an error on your attribute.
//!
//! The generated functions are named after the operation in snake_case; overloads and names
//! the type already uses get a suffix (`…_with_scope`, `…_for_collection`), and the parameter
//! struct is named after the bound type and the operation (`DeviceConfigurationAssign`).
