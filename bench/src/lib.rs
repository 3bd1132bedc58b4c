//! The workloads of the run-time benches, shared by the criterion benches
//! (`cargo bench -p graph-bench`) and the callgrind binary (`callgrind_serde`).
//!
//! Three documents, each read and written four ways in the same run:
//!
//! - `derive`: the `msgraph-intune` models (`#[derive(GraphEntity)]`);
//! - `manual`: the hand-written baselines of [`manual`] on the same field types;
//! - `via-value`: plain serde derives tagged and checked through `serde_json::Value`;
//! - `floor`: copying the expected output bytes (serialize), `serde::de::IgnoredAny` over the
//!   input (deserialize).
//!
//! See `BENCHMARKS.md` at the workspace root for the method and the results.

#[macro_use]
pub mod proposal;
mod list;
pub mod manual;
pub mod shapes;
pub mod via_value;
pub mod workload;

pub use list::ListResponse;

use msgraph_entity::{BearerToken, DateTimeOffset, Endpoint, GraphRequest as _};
use msgraph_intune::{NdesConnector, NdesConnectorState, Windows10GeneralConfiguration};
use serde::Deserialize;

/// The number of connectors in the list response.
pub const LIST_LEN: usize = 10_000;

/// The seed ndesConnector of the Graph docs' example, compact, `@odata.type` first.
pub const NDES_JSON: &str = concat!(
    r##"{"@odata.type":"#microsoft.graph.ndesConnector","id":"e71fa706-a706-e71f-06a7-1fe706a71fe7","##,
    r#""lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"active","displayName":"Display Name value"}"#
);

/// windows10GeneralConfiguration with every one of its 293 properties set, as written in `bench/data`
/// (pretty-printed; see [`windows10_json`] for the compact bytes every serializer writes).
pub const WINDOWS10_PRETTY_JSON: &str = include_str!("../data/windows10_general_configuration.json");

/// A short token, as in the README (the `builder+to_http` workload).
pub const SHORT_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl";

/// The seed's `lastConnectionDateTime`.
pub fn seed_date_time() -> DateTimeOffset {
    "2016-12-31T23:58:36.6670033-08:00".parse().expect("valid")
}

/// The compact form of [`WINDOWS10_PRETTY_JSON`], key order kept.
pub fn windows10_json() -> Vec<u8> {
    let mut out = Vec::with_capacity(WINDOWS10_PRETTY_JSON.len());
    let mut in_string = false;
    let mut escaped = false;
    for byte in WINDOWS10_PRETTY_JSON.bytes() {
        if in_string {
            out.push(byte);
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if !byte.is_ascii_whitespace() {
            in_string = byte == b'"';
            out.push(byte);
        }
    }
    out
}

/// The list response of [`LIST_LEN`] connectors: the seed with varied ids and states, compact.
pub fn list_json() -> Vec<u8> {
    let states = ["active", "inactive", "none"];
    let mut out = Vec::with_capacity(LIST_LEN * (NDES_JSON.len() + 4) + 16);
    out.extend_from_slice(br#"{"value":["#);
    for index in 0..LIST_LEN {
        if index > 0 {
            out.push(b',');
        }
        let item = format!(
            concat!(
                r##"{{"@odata.type":"#microsoft.graph.ndesConnector","id":"e71fa706-a706-e71f-06a7-{:012x}","##,
                r#""lastConnectionDateTime":"2016-12-31T23:58:36.6670033-08:00","state":"{}","displayName":"Display Name value"}}"#
            ),
            index,
            states[index % states.len()]
        );
        out.extend_from_slice(item.as_bytes());
    }
    out.extend_from_slice(b"]}");
    out
}

/// The input bytes and the values of one document, read once by each side.
pub struct Fixture<D, M, N> {
    /// The compact JSON: what is deserialized, and what each serializer must write.
    pub json: Vec<u8>,
    /// The value as the derive reads it.
    pub derive: D,
    /// The value as the hand-written baseline reads it.
    pub manual: M,
    /// The value as the untagged serde twin reads it (tag removed through `Value`).
    pub naive: N,
}

impl<D, M, N> Fixture<D, M, N>
where
    D: for<'de> Deserialize<'de>,
    M: for<'de> Deserialize<'de>,
{
    fn read(json: Vec<u8>, naive: impl FnOnce(&[u8]) -> N) -> Self {
        Fixture {
            derive: serde_json::from_slice(&json).expect("the derive reads the document"),
            manual: serde_json::from_slice(&json).expect("the baseline reads the document"),
            naive: naive(&json),
            json,
        }
    }
}

/// The seed ndesConnector.
pub type NdesFixture = Fixture<NdesConnector, manual::ManualNdesConnector, manual::NaiveNdesConnector>;
/// windows10GeneralConfiguration, every property set.
pub type Windows10Fixture = Fixture<
    Windows10GeneralConfiguration,
    manual::windows10::ManualWindows10GeneralConfiguration,
    manual::windows10::Naive,
>;
/// The list response of 10,000 connectors.
pub type ListFixture = Fixture<
    ListResponse<NdesConnector>,
    ListResponse<manual::ManualNdesConnector>,
    ListResponse<manual::NaiveNdesConnector>,
>;

/// The seed ndesConnector, read by each side.
pub fn ndes_fixture() -> NdesFixture {
    Fixture::read(NDES_JSON.as_bytes().to_vec(), |json| {
        via_value::deserialize(json).expect("via-value reads the document")
    })
}

/// windows10GeneralConfiguration, read by each side.
pub fn windows10_fixture() -> Windows10Fixture {
    Fixture::read(windows10_json(), |json| via_value::deserialize(json).expect("via-value reads the document"))
}

/// The 10,000-connector list, read by each side.
pub fn list_fixture() -> ListFixture {
    Fixture::read(list_json(), |json| via_value::deserialize_list(json).expect("via-value reads the document"))
}

/// What a create request needs, built once: the endpoint, the token and the body's values.
pub struct CreateInputs {
    /// `Endpoint::beta()`.
    pub endpoint: Endpoint,
    /// A bearer token.
    pub token: BearerToken,
    /// The seed's `lastConnectionDateTime`.
    pub last_connection_date_time: DateTimeOffset,
    /// The body alone, for the `to_vec` baseline.
    pub body: NdesConnector,
}

impl CreateInputs {
    /// The inputs with `token`.
    pub fn new(token: &str) -> Self {
        CreateInputs {
            endpoint: Endpoint::beta(),
            token: BearerToken::new(token),
            last_connection_date_time: seed_date_time(),
            body: NdesConnector::create()
                .display_name("Display Name value")
                .state(NdesConnectorState::Active)
                .last_connection_date_time(seed_date_time())
                .build()
                .into_body(),
        }
    }

    /// The create request through the builder, as the README writes it.
    #[inline]
    pub fn build(&self) -> msgraph_entity::CreateRequest<NdesConnector> {
        NdesConnector::create()
            .display_name("Display Name value")
            .state(NdesConnectorState::Active)
            .last_connection_date_time(self.last_connection_date_time)
            .build()
    }

    /// The builder, then `to_http`.
    #[inline]
    pub fn build_http(&self) -> http::Request<Vec<u8>> {
        self.build().to_http(&self.endpoint, &self.token).expect("a valid request")
    }

    /// `serde_json::to_vec` of the body alone.
    #[inline]
    pub fn body_to_vec(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body).expect("serializable")
    }
}

/// A JWT-sized token (1,500 characters), like the access tokens Entra ID issues.
pub fn long_token() -> String {
    let mut token = String::from("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.");
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut index = 0usize;
    while token.len() < 1_500 {
        if token.len() == 1_200 {
            token.push('.');
        }
        token.push(alphabet[index % alphabet.len()] as char);
        index = index.wrapping_mul(31).wrapping_add(7);
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_writes<T: serde::Serialize>(value: &T, expected: &[u8]) {
        let written = serde_json::to_vec(value).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(expected),
            "{}",
            std::any::type_name::<T>()
        );
    }

    fn assert_same_json(written: &[u8], expected: &[u8]) {
        let written: serde_json::Value = serde_json::from_slice(written).unwrap();
        let expected: serde_json::Value = serde_json::from_slice(expected).unwrap();
        assert_eq!(written, expected);
    }

    #[test]
    fn derive_and_manual_write_the_input_back_byte_for_byte() {
        let ndes = ndes_fixture();
        assert_writes(&ndes.derive, &ndes.json);
        assert_writes(&ndes.manual, &ndes.json);
        let windows10 = windows10_fixture();
        assert_writes(&windows10.derive, &windows10.json);
        assert_writes(&windows10.manual, &windows10.json);
        let list = list_fixture();
        assert_writes(&list.derive, &list.json);
        assert_writes(&list.manual, &list.json);
    }

    #[test]
    fn via_value_writes_the_same_json_in_key_order() {
        let mut out = Vec::new();
        let ndes = ndes_fixture();
        via_value::serialize(&ndes.naive, &mut out).unwrap();
        assert_same_json(&out, &ndes.json);
        let windows10 = windows10_fixture();
        via_value::serialize(&windows10.naive, &mut out).unwrap();
        assert_same_json(&out, &windows10.json);
        let list = list_fixture();
        via_value::serialize_list(&list.naive, &mut out).unwrap();
        assert_same_json(&out, &list.json);
    }

    #[test]
    fn every_windows10_property_has_a_typed_home() {
        let json = windows10_json();
        let (value, unknown) =
            msgraph_entity::count_unknown(|| serde_json::from_slice::<Windows10GeneralConfiguration>(&json));
        let value = value.unwrap();
        assert!(unknown.is_empty(), "{unknown:?}");
        assert!(value.additional_properties.is_empty());
        let fixture = windows10_fixture();
        assert_eq!(fixture.derive, value);
        let manual = serde_json::to_value(&fixture.manual).unwrap();
        let properties = manual.as_object().unwrap();
        assert_eq!(properties.len(), 294, "293 properties and the tag");
        assert!(properties.values().all(|value| !value.is_null()));
    }

    #[test]
    fn the_baselines_refuse_another_type_and_the_derive_keeps_it() {
        let wrong = NDES_JSON.replace("ndesConnector", "windows10GeneralConfiguration");
        // The model has a catch-all: an unlisted derived type is read as the declared type, its tag kept.
        let kept: NdesConnector = serde_json::from_str(&wrong).unwrap();
        assert_eq!(kept.odata.derived_type(), Some("#microsoft.graph.windows10GeneralConfiguration"));
        assert!(serde_json::from_str::<manual::ManualNdesConnector>(&wrong).is_err());
        assert!(via_value::deserialize::<manual::NaiveNdesConnector>(wrong.as_bytes()).is_err());
        let untagged = NDES_JSON.replace(r##""@odata.type":"#microsoft.graph.ndesConnector","##, "");
        let derive: NdesConnector = serde_json::from_str(&untagged).unwrap();
        let manual: manual::ManualNdesConnector = serde_json::from_str(&untagged).unwrap();
        assert_eq!(derive.id, manual.id);
    }

    #[test]
    fn the_create_request_carries_the_same_body() {
        let inputs = CreateInputs::new(&long_token());
        let request = inputs.build_http();
        assert_eq!(request.body(), &inputs.body_to_vec());
        assert_eq!(request.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors");
        assert_eq!(long_token().len(), 1_500);
    }

    #[test]
    fn the_proposal_builds_the_same_request() {
        let inputs = CreateInputs::new(SHORT_TOKEN);
        let current = inputs.build_http();
        let endpoint = proposal::PreparedEndpoint::new(&inputs.endpoint);
        let proposed =
            proposal::to_http(&inputs.build(), &endpoint, &proposal::authorization(&inputs.token), 256).unwrap();
        assert_eq!(proposed.method(), current.method());
        assert_eq!(proposed.uri(), current.uri());
        assert_eq!(proposed.headers(), current.headers());
        assert_eq!(proposed.body(), current.body());
    }

    #[test]
    fn every_workload_runs() {
        for name in workload::NAMES {
            let mut workload = workload::Workload::new(name).unwrap();
            workload.run(2);
        }
        assert!(workload::Workload::new("nope").is_none());
    }
}
