//! # Create, get, list, update, delete
//!
//! An entity with a collection gets the five operations of a collection from the derive. Each
//! builds a request value that implements [`GraphRequest`](crate::GraphRequest): inspect it,
//! turn it into an `http::Request<Vec<u8>>` with [`to_http`](crate::GraphRequest::to_http), and
//! read the `http::Response` back with [`parse_response`](crate::GraphRequest::parse_response);
//! or hand it to [`Client::send`](crate::client::Client::send).
//!
//! | operation | built by | sends | a success reads as |
//! |---|---|---|---|
//! | create | `NdesConnector::create()….build()` | `POST /deviceManagement/ndesConnectors` | `NdesConnector` (`201`) |
//! | get | `NdesConnector::get(id)?` | `GET …/ndesConnectors/{id}` | `NdesConnector` (`200`) |
//! | list | `NdesConnector::list()` | `GET …/ndesConnectors?$top=…` | [`Page<NdesConnector>`](crate::Page) (`200`) |
//! | update | `NdesConnector::update(id, patch)?` | `PATCH …/ndesConnectors/{id}` | `Option<NdesConnector>` (`204`, or `200` with the entity) |
//! | delete | `NdesConnector::delete(id)?` | `DELETE …/ndesConnectors/{id}` | `()` (`204`) |
//!
//! A key is percent-encoded as one path segment (`get("a/b")` asks for `…/a%2Fb`); an empty
//! key, `.` or `..` is [`Error::InvalidKey`](crate::Error::InvalidKey). A collection under a
//! parent takes the parents' keys first: `DeviceConfigurationAssignment::get(configuration_id,
//! assignment_id)?`. [`Endpoint::beta`](crate::Endpoint::beta) and
//! [`Endpoint::v1`](crate::Endpoint::v1) select the version;
//! [`Endpoint::with_base_url`](crate::Endpoint::with_base_url) a national cloud or a test server.
//!
//! ## Create
//!
//! The builder has one setter per writable property, none for the key or read-only
//! properties, and offers `build()` only once every required property is set: a forgotten one
//! is a compile error that names it.
//!
//! ```
//! use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, GraphEntity, GraphEnum, GraphRequest};
//!
//! #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! pub struct NdesConnector {
//!     #[graph(key)]
//!     pub id: Option<String>,
//!     #[graph(required)]
//!     pub display_name: Option<String>,
//!     #[graph(required)]
//!     pub state: Option<NdesConnectorState>,
//!     pub last_connection_date_time: Option<DateTimeOffset>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! pub enum NdesConnectorState {
//!     None,
//!     Active,
//!     Inactive,
//!     #[graph(other)]
//!     Other(String),
//! }
//!
//! let request = NdesConnector::create()
//!     .display_name("Lab connector")
//!     .state(NdesConnectorState::Active)
//!     .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>()?)
//!     .build();
//! let http = request.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?;
//! assert_eq!(http.method(), "POST");
//! assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors");
//! assert_eq!(http.headers()["content-type"], "application/json");
//! assert!(http.body().starts_with(br##"{"@odata.type":"#microsoft.graph.ndesConnector","##));
//!
//! // The service answers 201 and the entity it created, with its id.
//! let response = http::Response::builder()
//!     .status(201)
//!     .body(br#"{"id":"e71f","displayName":"Lab connector","state":"active"}"#.to_vec())?;
//! let created: NdesConnector = request.parse_response(response)?;
//! assert_eq!(created.id.as_deref(), Some("e71f"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The token is never printed: not by `BearerToken`'s `Debug`, and the `Authorization` value
//! of the `http::Request` is marked sensitive.
//!
//! ## Get, with `$select`
//!
//! `select` takes the entity's property enum (`NdesConnectorProperty`, written by the derive):
//! a property that does not exist does not compile.
//!
//! ```
//! # use msgraph_entity::{DateTimeOffset, GraphEntity, GraphEnum};
//! # #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # pub struct NdesConnector {
//! #     #[graph(key)] pub id: Option<String>,
//! #     #[graph(required)] pub display_name: Option<String>,
//! #     #[graph(required)] pub state: Option<NdesConnectorState>,
//! #     pub last_connection_date_time: Option<DateTimeOffset>,
//! # }
//! # #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! # pub enum NdesConnectorState { None, Active, Inactive, #[graph(other)] Other(String) }
//! use msgraph_entity::{Endpoint, GraphRequest};
//!
//! let request = NdesConnector::get("e71f")?.select([NdesConnectorProperty::DisplayName, NdesConnectorProperty::State]);
//! assert_eq!(
//!     request.url(&Endpoint::beta())?,
//!     "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors/e71f?$select=displayName,state"
//! );
//! let response = http::Response::builder().status(200).body(br#"{"id":"e71f","state":"inactive"}"#.to_vec())?;
//! assert_eq!(request.parse_response(response)?.state, Some(NdesConnectorState::Inactive));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## List: query options and paging
//!
//! `select`, `filter` (a [`Filter`](crate::Filter) built from properties, or an expression as
//! text), `order_by`, `top`, `skip`, `count`, `expand` (see [`navigation`](super::navigation))
//! and `search`; values are quoted and percent-encoded for you. A response reads as a
//! [`Page`](crate::Page), and [`next_page`](crate::ListRequest::next_page) gives the request for
//! the page after it, until there is none.
//!
//! A next link is only followed inside the endpoint the first page came from: one pointing
//! elsewhere would carry the token there. Its path is normalised first (`.` and `..` resolved,
//! `%2e` read as `.`), so `…/beta/../../other` is refused too, as is an encoded `/` or `\`.
//!
//! ```
//! # use msgraph_entity::{DateTimeOffset, GraphEntity, GraphEnum};
//! # #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # pub struct NdesConnector {
//! #     #[graph(key)] pub id: Option<String>,
//! #     #[graph(required)] pub display_name: Option<String>,
//! #     #[graph(required)] pub state: Option<NdesConnectorState>,
//! #     pub last_connection_date_time: Option<DateTimeOffset>,
//! # }
//! # #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! # pub enum NdesConnectorState { None, Active, Inactive, #[graph(other)] Other(String) }
//! use msgraph_entity::{Endpoint, Filter, GraphRequest, Order};
//! use NdesConnectorProperty as Property;
//!
//! let since = "2024-01-01T00:00:00Z".parse::<DateTimeOffset>()?;
//! let first = NdesConnector::list()
//!     .select([Property::Id, Property::DisplayName])
//!     .filter(Filter::ge(Property::LastConnectionDateTime, since).and(Filter::ne(Property::DisplayName, "it's")))
//!     .order_by(Property::DisplayName, Order::Ascending)
//!     .top(2)
//!     .count(true);
//! assert_eq!(
//!     first.query(),
//!     "$select=id,displayName\
//!      &$filter=%28lastConnectionDateTime%20ge%202024-01-01T00%3A00%3A00Z%29%20and%20%28displayName%20ne%20%27it%27%27s%27%29\
//!      &$orderby=displayName%20asc&$top=2&$count=true"
//! );
//!
//! let page = first.parse_response(http::Response::builder().status(200).body(
//!     br#"{"@odata.count":3,"value":[{"id":"1"},{"id":"2"}],
//!         "@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/ndesConnectors?$skiptoken=x"}"#
//!         .to_vec(),
//! )?)?;
//! assert_eq!((page.value.len(), page.count), (2, Some(3)));
//!
//! let second = first.next_page(&page).expect("a second page");
//! assert_eq!(second.url(&Endpoint::beta())?, "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors?$skiptoken=x");
//! let last = second.parse_response(http::Response::builder().status(200).body(br#"{"value":[{"id":"3"}]}"#.to_vec())?)?;
//! assert!(second.next_page(&last).is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The client follows the pages for you: [`Client::list_all`](crate::client::Client::list_all)
//! collects them (at most `max_pages`), [`Client::items`](crate::client::Client::items) and
//! [`Client::pages`](crate::client::Client::pages) stream them holding one page at a time.
//!
//! ## Update: set, clear, or leave alone
//!
//! Each entity has a patch type (`NdesConnectorPatch`) whose properties are
//! [`Patch::Unchanged`](crate::Patch::Unchanged) (not sent), [`Patch::Null`](crate::Patch::Null)
//! (sent as `null`: the service clears it) or [`Patch::Set`](crate::Patch::Set). Only what was
//! touched goes out. `Patch::between` makes one from two values (see
//! [`backup_restore`](super::backup_restore)).
//!
//! ```
//! # use msgraph_entity::{DateTimeOffset, GraphEntity, GraphEnum};
//! # #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # pub struct NdesConnector {
//! #     #[graph(key)] pub id: Option<String>,
//! #     #[graph(required)] pub display_name: Option<String>,
//! #     #[graph(required)] pub state: Option<NdesConnectorState>,
//! #     pub last_connection_date_time: Option<DateTimeOffset>,
//! # }
//! # #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! # pub enum NdesConnectorState { None, Active, Inactive, #[graph(other)] Other(String) }
//! use msgraph_entity::{GraphRequest, Patch};
//!
//! let patch = NdesConnectorPatch::default().display_name("Renamed").clear_last_connection_date_time();
//! assert_eq!(patch.state, Patch::Unchanged);
//! let request = NdesConnector::update("e71f", patch)?;
//! assert_eq!(request.method(), "PATCH");
//! assert_eq!(
//!     request.body_json()?.unwrap(),
//!     br##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"Renamed","lastConnectionDateTime":null}"##
//! );
//! // 204 No Content: nothing to read. (A 200 with the entity reads as `Some`.)
//! assert_eq!(request.parse_response(http::Response::builder().status(204).body(Vec::new())?)?, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Through a polymorphic collection the item's derived type matters: an update of a
//! `windows10GeneralConfiguration` must not say it is a plain `deviceConfiguration`.
//! `AnyDeviceConfiguration::update(id, patch)` knows only the key, so it sends no
//! `@odata.type` (the service keeps the item's own); `item.update_item(patch)` on a value you
//! hold sends the item's own type (see [`primitives`](super::primitives#polymorphic-types)).
//!
//! ## Delete
//!
//! ```
//! # use msgraph_entity::GraphEntity;
//! # #[derive(Debug, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # pub struct NdesConnector { #[graph(key)] pub id: Option<String> }
//! use msgraph_entity::{Endpoint, GraphRequest};
//!
//! let request = NdesConnector::delete("e71f")?;
//! assert_eq!(request.method(), "DELETE");
//! assert_eq!(request.url(&Endpoint::v1())?, "https://graph.microsoft.com/v1.0/deviceManagement/ndesConnectors/e71f");
//! request.parse_response(http::Response::builder().status(204).body(Vec::new())?)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every operation returns [`Error`](crate::Error). A 4xx or 5xx is
//! [`Error::Graph`](crate::Error::Graph) with everything the service sent (status, code,
//! message, details, `innerError` with the `request-id` support asks for, a typed
//! [`RetryAfter`](crate::RetryAfter)); Intune's messages that are themselves JSON documents read
//! as their inner message, on one line. A body that does not match the model is
//! [`Error::Body`](crate::Error::Body), naming the JSON path of the problem; another status (a
//! redirect) is [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus). The client adds
//! transport, size, page-count, throttling and credential errors. No error contains the token.
//! Printed with its sources (`{:#}` of anyhow), each message appears once.
//!
//! ```
//! # use msgraph_entity::{GraphEntity, GraphEnum};
//! # #[derive(Debug, Clone, PartialEq, GraphEntity)]
//! # #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
//! # pub struct NdesConnector { #[graph(key)] pub id: Option<String>, pub state: Option<NdesConnectorState> }
//! # #[derive(Debug, Clone, PartialEq, GraphEnum)]
//! # pub enum NdesConnectorState { None, Active, Inactive, #[graph(other)] Other(String) }
//! use msgraph_entity::{Error, GraphRequest};
//!
//! let body = br#"{"error":{"code":"ResourceNotFound","message":"No such connector",
//!     "innerError":{"request-id":"8d1c","client-request-id":"5e0a","date":"2026-11-28T16:00:00"}}}"#;
//! let response = http::Response::builder().status(404).body(body.to_vec())?;
//! let error = NdesConnector::get("missing")?.parse_response(response).unwrap_err();
//! let graph = error.graph_error().expect("the service's error");
//! assert_eq!((graph.status, graph.code.as_str(), graph.request_id()), (404, "ResourceNotFound", Some("8d1c")));
//! assert_eq!(error.to_string(), "Graph error 404 ResourceNotFound: No such connector (request-id 8d1c)");
//!
//! let response = http::Response::builder().status(200).body(br#"{"value":[{"id":"1"},{"id":"2","state":7}]}"#.to_vec())?;
//! let Error::Body(error) = NdesConnector::list().parse_response(response).unwrap_err() else { unreachable!() };
//! assert_eq!(error.path(), "value[1].state");
//!
//! assert!(matches!(NdesConnector::get(".."), Err(Error::InvalidKey { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
