//! # Primitives, enums, unknown data, polymorphic types
//!
//! Beta is "subject to change": properties, enum members and derived types appear without
//! notice. Every value type here keeps what the service wrote, digit for digit, and what it
//! does not know is kept and written back rather than refused or dropped.
//!
//! ## OData primitives
//!
//! | OData | Rust | kept as |
//! |---|---|---|
//! | `Edm.String`, `Edm.Boolean` | `String`, `bool` | |
//! | `Edm.Byte`, `Edm.SByte`, `Edm.Int16`, `Edm.Int32`, `Edm.Int64` | `u8`, `i8`, `i16`, `i32`, `i64` | |
//! | `Edm.Single`, `Edm.Double` | `f64` | an `f32` could lose a `Single`'s digits |
//! | `Edm.Decimal` | [`Decimal`](crate::Decimal) | its exact text; from a number or a string (`IEEE754Compatible`), written back in the same form |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`](crate::DateTimeOffset) | its text: `-00:00`, `Z` and every fractional digit; `==` is text equality, [`same_instant`](crate::DateTimeOffset::same_instant) compares instants |
//! | `Edm.Date`, `Edm.TimeOfDay`, `Edm.Duration` | [`Date`](crate::Date), [`TimeOfDay`](crate::TimeOfDay), [`Duration`](crate::Duration) | their text, digits kept |
//! | `Edm.Guid` | [`Guid`](crate::Guid) | |
//! | `Edm.Binary`, `Edm.Stream` | [`Binary`](crate::Binary) | base64 |
//! | `Edm.Untyped` (and `graph.Json`) | [`UntypedValue`](crate::UntypedValue) | any JSON |
//!
//! Each reads from JSON with an error naming what it expected and writes itself as a
//! function-parameter literal. Strings, integers, `f64`, `bool`, `DateTimeOffset` and `Decimal`
//! are also [`FilterValue`](crate::FilterValue)s for [`Filter`](crate::Filter); write other
//! comparisons as text (`Filter::from("id eq 8d1c…")`).
//!
//! ```
//! use msgraph_entity::{DateTimeOffset, Decimal};
//!
//! let read: DateTimeOffset = serde_json::from_str(r#""2016-12-31T23:58:36.6670033-08:00""#)?;
//! assert_eq!(serde_json::to_string(&read)?, r#""2016-12-31T23:58:36.6670033-08:00""#);
//! let utc: DateTimeOffset = "2017-01-01T07:58:36.6670033Z".parse()?;
//! assert!(read != utc && read.same_instant(&utc));
//!
//! let price: Decimal = serde_json::from_str("12345678901234567890.123")?;
//! assert_eq!(price.as_str(), "12345678901234567890.123"); // an f64 would say 12345678901234567000
//! assert_eq!(serde_json::to_string(&price)?, "12345678901234567890.123");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Enums and flags
//!
//! `#[derive(GraphEnum)]` on a Rust enum: each unit variant is a member, spelled as Graph
//! spells it (the variant in lowerCamelCase, or `#[graph(rename = "…")]`), and one variant
//! `#[graph(other)] Other(String)` keeps a member the model does not know, written back
//! unchanged. (The generated models name it `Unrecognized`.) A flags enum's value is a
//! [`Flags<E>`](crate::Flags): its members, comma-separated, in the order read.
//!
//! ```
//! use msgraph_entity::{Flags, GraphEnum};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! pub enum Platforms {
//!     None,
//!     Windows10,
//!     #[graph(rename = "macOS")]
//!     MacOs,
//!     #[graph(other)]
//!     Other(String),
//! }
//!
//! let read: Flags<Platforms> = serde_json::from_str(r#""windows10,macOS,visionOS""#)?;
//! assert_eq!(read.members(), [Platforms::Windows10, Platforms::MacOs, Platforms::Other("visionOS".into())]);
//! assert_eq!(serde_json::to_string(&read)?, r#""windows10,macOS,visionOS""#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Unknown properties
//!
//! A field `#[graph(additional)]` of type [`AdditionalProperties`](crate::AdditionalProperties)
//! keeps the properties the model does not know, each as the JSON text the service wrote
//! (numbers past `f64`, member order, repeated names inside nested objects come back byte for
//! byte), written back after the others. [`get`](crate::AdditionalProperties::get) gives the
//! text, [`get_as`](crate::AdditionalProperties::get_as) a typed value, with an error naming the
//! property, the type, the path inside and the position. A modelled property always wins: an
//! entry named like one is not written. Without a catch-all, unknown properties are skipped.
//! [`count_unknown`](crate::count_unknown) tells how much of a read landed in catch-alls and
//! unknown enum members, by name: a way to see the models fall behind the service.
//!
//! ```
//! use msgraph_entity::{AdditionalProperties, GraphEntity};
//!
//! #[derive(Debug, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(additional)]
//!     pub additional_properties: AdditionalProperties,
//! }
//!
//! let body = r##"{"@odata.type":"#microsoft.graph.ndesConnector","id":"e71f","connectorVersion":"6.2","serial":12345678901234567890123}"##;
//! let (connector, unknown) = msgraph_entity::count_unknown(|| msgraph_entity::from_json_str::<NdesConnector>(body));
//! let connector = connector?;
//! assert_eq!(connector.additional_properties.get_str("connectorVersion"), Some("6.2"));
//! assert_eq!(connector.additional_properties.get("serial").unwrap().get(), "12345678901234567890123");
//! assert_eq!(unknown.properties, 2);
//! assert_eq!(serde_json::to_string(&connector)?, body);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Polymorphic types
//!
//! A collection of a base type (`/deviceManagement/deviceConfigurations`) holds many derived
//! types; `@odata.type` says which each item is. `#[derive(GraphEntity)]` (or `GraphComplex`) on
//! an enum whose variants each hold one type (`Box<T>` for large ones) reads any of them by its
//! tag, wherever the tag stands in the object, and one `#[graph(other)]
//! Unlisted(AdditionalProperties)` variant keeps a type it does not list, whole. Give the enum
//! the base type's `odata_type` and `collection`. `update(id, patch)` on the enum sends no
//! `@odata.type` (the service keeps the item's); `item.update_item(patch)` sends the held
//! variant's own.
//!
//! ```
//! use msgraph_entity::{AdditionalProperties, GraphEntity, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceConfiguration", collection = "/deviceManagement/deviceConfigurations")]
//! pub struct DeviceConfiguration {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, Default, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.windows10GeneralConfiguration", collection = "/deviceManagement/deviceConfigurations", cast)]
//! pub struct Windows10GeneralConfiguration {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     pub display_name: Option<String>,
//!     pub password_required: Option<bool>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.deviceConfiguration", collection = "/deviceManagement/deviceConfigurations")]
//! pub enum AnyDeviceConfiguration {
//!     DeviceConfiguration(DeviceConfiguration),
//!     Windows10GeneralConfiguration(Box<Windows10GeneralConfiguration>),
//!     #[graph(other)]
//!     Unlisted(AdditionalProperties),
//! }
//!
//! let page = AnyDeviceConfiguration::list().parse_response(http::Response::builder().status(200).body(
//!     br##"{"value":[
//!         {"id":"c1","passwordRequired":true,"@odata.type":"#microsoft.graph.windows10GeneralConfiguration"},
//!         {"@odata.type":"#microsoft.graph.macOSGeneralDeviceConfiguration","id":"c2","passwordMinimumLength":8}]}"##
//!         .to_vec(),
//! )?)?;
//! let AnyDeviceConfiguration::Windows10GeneralConfiguration(windows) = &page.value[0] else { unreachable!() };
//! assert_eq!(windows.password_required, Some(true));
//! assert!(matches!(&page.value[1], AnyDeviceConfiguration::Unlisted(_)));
//!
//! let update = page.value[0].update_item(DeviceConfigurationPatch::default().display_name("Renamed"))?;
//! assert_eq!(
//!     update.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Renamed"}"##
//! );
//! // `cast`: a derived type's own list asks the base collection for its type only.
//! assert_eq!(
//!     Windows10GeneralConfiguration::list()?.path(),
//!     "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A property whose type has derived types uses the `Any…` enum. Where a plain struct is
//! modelled and the service sends a derived type the models do not list, the value reads as
//! the declared type: its tag is kept in [`ControlInformation`](crate::ControlInformation) and
//! its extra properties in the catch-all, and both are written back, tag first.
