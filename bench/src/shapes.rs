//! The workloads of issue 13's targets beyond the three documents: unknown properties, the
//! polymorphic read with the tag first and last, an entity shaped like plain serde's (dates as
//! `String`), `DateTimeOffset` alone, and the create request against its floors.
//!
//! Each is a step the callgrind binary and criterion run alike (see [`crate::workload`]). They
//! use only what `main` already had, so the same file builds against the code before a change,
//! for side-by-side counts.

use std::hint::black_box;

use msgraph_entity::{DateTimeOffset, GraphEntity};
use msgraph_intune::{
    AnyDeviceConfiguration, IosCustomConfiguration, NdesConnector, NdesConnectorState, Windows10GeneralConfiguration,
};
use serde::{Deserialize, Serialize};

use crate::manual::{ODataTag, Tagged};

/// The seed ndesConnector with `count` unknown properties after its known ones, each a small number.
pub fn unknown_json(count: usize) -> Vec<u8> {
    let mut text = String::from(crate::NDES_JSON);
    text.pop();
    for index in 0..count {
        text.push_str(&format!(r#","futureProperty{index}":{index}"#));
    }
    text.push('}');
    text.into_bytes()
}

/// ndesConnector with serde's own catch-all, `#[serde(flatten)]` into a map: the comparison the
/// issue quotes for unknown properties.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlattenNdesConnector {
    /// `@odata.type`, checked.
    #[serde(rename = "@odata.type", default)]
    pub odata_type: ODataTag<FlattenNdesConnector>,
    /// `id`.
    pub id: Option<String>,
    /// `lastConnectionDateTime`.
    pub last_connection_date_time: Option<DateTimeOffset>,
    /// `state`.
    pub state: Option<NdesConnectorState>,
    /// `displayName`.
    pub display_name: Option<String>,
    /// Everything else.
    #[serde(flatten)]
    pub additional: serde_json::Map<String, serde_json::Value>,
}

impl Tagged for FlattenNdesConnector {
    const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
}

/// The iosCustomConfiguration of the polymorphic bench: every property set, `@odata.type` first.
pub const IOS_JSON: &str = concat!(
    r##"{"@odata.type":"#microsoft.graph.iosCustomConfiguration","id":"4d6f6e4b-ffff-4a4a-9b9b-000000000001","##,
    r#""lastModifiedDateTime":"2017-01-01T00:00:35.1329464-08:00","roleScopeTagIds":["0","1"],"supportsScopeTags":true,"#,
    r#""createdDateTime":"2017-01-01T00:02:43.5775965-08:00","description":"Description value","#,
    r#""displayName":"Display Name value","version":7,"payloadName":"Payload Name value","#,
    r#""payloadFileName":"Payload File Name value","payload":"cGF5bG9hZA=="}"#
);

/// `body` (an object whose first property is `@odata.type`) with that property moved last.
pub fn tag_last(body: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(body).expect("UTF-8");
    let comma = text.find(',').expect("more than the tag");
    let tag = &text[1..comma];
    format!("{{{},{tag}}}", &text[comma + 1..text.len() - 1]).into_bytes()
}

/// The polymorphic read of one document: as its own type (`direct`), and as
/// `AnyDeviceConfiguration` with the tag first and last.
pub struct PolymorphicDocument {
    first: Vec<u8>,
    last: Vec<u8>,
    direct: fn(&[u8]),
}

impl PolymorphicDocument {
    /// `windows10` (293 properties) or `ios` (13).
    pub fn new(document: &str) -> Option<Self> {
        fn read<T: for<'de> Deserialize<'de>>(json: &[u8]) {
            drop(black_box(serde_json::from_slice::<T>(json).expect("readable")));
        }
        let (first, direct): (Vec<u8>, fn(&[u8])) = match document {
            "windows10" => (crate::windows10_json(), read::<Windows10GeneralConfiguration>),
            "ios" => (IOS_JSON.as_bytes().to_vec(), read::<IosCustomConfiguration>),
            _ => return None,
        };
        Some(PolymorphicDocument { last: tag_last(&first), first, direct })
    }

    /// One read: `direct`, `first` or `last`.
    #[inline]
    pub fn read(&self, how: &str) {
        match how {
            "direct" => (self.direct)(black_box(&self.first)),
            "first" => drop(black_box(read_any(black_box(&self.first)))),
            _ => drop(black_box(read_any(black_box(&self.last)))),
        }
    }
}

fn read_any(json: &[u8]) -> AnyDeviceConfiguration {
    serde_json::from_slice(json).expect("readable")
}

/// ndesConnector as plain serde would model it: dates as `String`, no catch-all, through the derive.
#[derive(Debug, Clone, PartialEq, msgraph_entity::GraphEntity)]
#[graph(odata_type = "microsoft.graph.ndesConnector")]
pub struct StringDatesConnector {
    /// `id`.
    #[graph(key)]
    pub id: Option<String>,
    /// `lastConnectionDateTime`, unparsed.
    pub last_connection_date_time: Option<String>,
    /// `state`.
    pub state: Option<NdesConnectorState>,
    /// `displayName`.
    pub display_name: Option<String>,
}

/// The same written with serde's derives and a checked tag: the serde-shaped baseline.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualStringDatesConnector {
    /// `@odata.type`, checked as it is read.
    #[serde(rename = "@odata.type", default)]
    pub odata_type: ODataTag<ManualStringDatesConnector>,
    /// `id`.
    pub id: Option<String>,
    /// `lastConnectionDateTime`, unparsed.
    pub last_connection_date_time: Option<String>,
    /// `state`.
    pub state: Option<NdesConnectorState>,
    /// `displayName`.
    pub display_name: Option<String>,
}

impl Tagged for ManualStringDatesConnector {
    const ODATA_TYPE: &'static str = "#microsoft.graph.ndesConnector";
}

impl Serialize for ManualStringDatesConnector {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut state = serializer.serialize_struct("NdesConnector", 5)?;
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
        state.end()
    }
}

/// A step of the string-dates document: `{serialize|deserialize}-{derive|manual}`.
pub fn string_dates_step(operation: &str, side: &str) -> Option<Box<dyn FnMut()>> {
    let json = crate::NDES_JSON.as_bytes().to_vec();
    let derive: StringDatesConnector = serde_json::from_slice(&json).ok()?;
    let manual: ManualStringDatesConnector = serde_json::from_slice(&json).ok()?;
    let mut out = Vec::with_capacity(json.len() * 2);
    Some(match (operation, side) {
        ("serialize", "derive") => Box::new(move || {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&derive)).expect("serializable");
        }),
        ("serialize", "manual") => Box::new(move || {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&manual)).expect("serializable");
        }),
        ("deserialize", "derive") => Box::new(move || {
            drop(black_box(serde_json::from_slice::<StringDatesConnector>(black_box(&json)).expect("readable")))
        }),
        ("deserialize", "manual") => Box::new(move || {
            drop(black_box(serde_json::from_slice::<ManualStringDatesConnector>(black_box(&json)).expect("readable")))
        }),
        _ => return None,
    })
}

/// A step over one `DateTimeOffset`: `serialize` (into a JSON string) or `deserialize` (from one).
pub fn date_time_step(operation: &str) -> Option<Box<dyn FnMut()>> {
    let value = crate::seed_date_time();
    let json = serde_json::to_vec(&value).expect("serializable");
    let mut out = Vec::with_capacity(64);
    Some(match operation {
        "serialize" => Box::new(move || {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&value)).expect("serializable");
        }),
        "deserialize" => Box::new(move || {
            black_box(serde_json::from_slice::<DateTimeOffset>(black_box(&json)).expect("readable"));
        }),
        _ => return None,
    })
}

/// A step of the unknown-properties document with `count` unknown properties: read by the
/// model (`derive`) or by serde's `flatten` (`flatten`).
pub fn unknown_step(count: usize, side: &str) -> Option<Box<dyn FnMut()>> {
    let json = unknown_json(count);
    Some(match side {
        "derive" => Box::new(move || {
            let value: NdesConnector = serde_json::from_slice(black_box(&json)).expect("readable");
            assert!(GraphEntity::key(&value).is_some());
            drop(black_box(value));
        }),
        "flatten" => Box::new(move || {
            drop(black_box(serde_json::from_slice::<FlattenNdesConnector>(black_box(&json)).expect("readable")))
        }),
        _ => return None,
    })
}

/// The floor a request type can reach: the same body by `to_vec`, then a bare `http::Request`
/// with the same method, URI (parsed from the same string) and headers.
pub fn bare_http_request(body: &NdesConnector, url: &str, authorization: &http::HeaderValue) -> http::Request<Vec<u8>> {
    use http::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
    let body = serde_json::to_vec(body).expect("serializable");
    let length = HeaderValue::from(body.len());
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = http::Uri::try_from(url).expect("a valid URI");
    let headers = request.headers_mut();
    headers.reserve(4);
    headers.insert(AUTHORIZATION, authorization.clone());
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, length);
    request
}

/// `to_vec` of the body into a buffer sized for it up front (256 bytes), not grown from 128.
pub fn body_to_presized_vec(body: &NdesConnector) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    serde_json::to_writer(&mut out, body).expect("serializable");
    out
}
