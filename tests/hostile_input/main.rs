//! Hostile input: nothing panics, nothing is lost, nothing leaks.
//!
//! Every type of msgraph-intune (the polymorphic `Any…` enums included) is checked
//! with values from a seeded generator (`tests/support/arbitrary.rs`, with an
//! `Arbitrary` impl per type generated into `tests/generated/`), and with
//! arbitrary bytes and hostile JSON fed to every deserializer and response
//! parser. The case count is small by default so CI stays fast; a long campaign:
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_OPT_LEVEL=1 GRAPH_HOSTILE_CASES=20000 cargo test --release --test hostile_input
//! ```
//!
//! (At the release profile's opt-level 3 this binary alone builds for over an hour on a 2-core
//! machine; at 1 in about 20 minutes.)

#[path = "../support/arbitrary.rs"]
mod arbitrary;
#[macro_use]
#[path = "../generated/intune_arbitrary.rs"]
// Printed by msgraph-codegen (prettyplease), and compared byte for byte by its `--check`.
#[rustfmt::skip]
mod generated;

use std::fmt::Debug;

use arbitrary::{Arbitrary, Gen, hostile_json};
use msgraph_entity::{GraphError, GraphRequest, Page, from_json_slice};
use msgraph_intune::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Calls `$check::<T>("T")` for each type `$for_each!` lists (the generated `for_each_type!` or
/// `for_each_odata_type!`).
macro_rules! sweep {
    ($for_each:ident, $check:ident) => {{
        macro_rules! call {
            ($type:ident) => {
                $check::<$type>(stringify!($type));
            };
        }
        $for_each!(call);
    }};
}

/// Cases per type and per check; `GRAPH_HOSTILE_CASES` raises it for a long campaign.
fn cases() -> u64 {
    std::env::var("GRAPH_HOSTILE_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(12)
}

/// A seed per type, so types do not all see the same values.
fn seed(type_name: &str, case: u64) -> u64 {
    type_name
        .bytes()
        .fold(case.wrapping_mul(0x100_0000_01B3), |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01B3))
}

fn round_trip<T: Arbitrary + Serialize + DeserializeOwned + PartialEq + Debug>(type_name: &str) {
    for case in 0..cases() {
        let value = T::arbitrary(&mut Gen::new(seed(type_name, case)));
        let text = serde_json::to_string(&value).unwrap_or_else(|error| panic!("{type_name} case {case}: {error}"));
        // From bytes, as the other sweeps read: one reader instantiated per type keeps this test
        // binary's build short (serde_json's text reader is its byte reader minus a UTF-8 check).
        let back: T = serde_json::from_slice(text.as_bytes())
            .unwrap_or_else(|error| panic!("{type_name} case {case}: {error}\n{text}"));
        assert_eq!(back, value, "{type_name} case {case}: read back differently\n{text}");
        let again = serde_json::to_string(&back).unwrap();
        assert_eq!(again, text, "{type_name} case {case}: written twice differently");
    }
}

#[test]
fn every_type_round_trips_and_writes_stable_bytes() {
    sweep!(for_each_type, round_trip);
}

/// The inputs every deserializer must survive: arbitrary bytes, hostile JSON,
/// valid values cut or corrupted, and nesting far past any real document.
fn hostile_inputs<T: Arbitrary + Serialize>(type_name: &str) -> Vec<Vec<u8>> {
    let mut inputs = vec![
        b"".to_vec(),
        b"null".to_vec(),
        "[".repeat(100_000).into_bytes(),
        "{\"a\":".repeat(50_000).into_bytes(),
        format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000)).into_bytes(),
        br##"{"@odata.type":"#microsoft.graph.user"}"##.to_vec(),
        br#"{"id":1e999999}"#.to_vec(),
        br#"{"version":123456789012345678901234567890}"#.to_vec(),
        br#"{"value":"not a list","@odata.nextLink":5}"#.to_vec(),
        br#"{"id":"a","id":"b"}"#.to_vec(),
        b"\xff\xfe\x00{\"id\":\"\xc3\x28\"}".to_vec(),
    ];
    for case in 0..cases() {
        let mut g = Gen::new(seed(type_name, case) ^ 0xDEAD_BEEF);
        let valid = serde_json::to_vec(&T::arbitrary(&mut g)).unwrap();
        let cut = g.below(valid.len() as u64 + 1) as usize;
        inputs.push(valid[..cut].to_vec());
        let mut flipped = valid.clone();
        if !flipped.is_empty() {
            let at = g.below(flipped.len() as u64) as usize;
            flipped[at] ^= 1 << g.below(8);
        }
        inputs.push(flipped);
        inputs.push(serde_json::to_vec(&hostile_json(&mut g, 0)).unwrap());
        inputs.push((0..g.below(64)).map(|_| g.next_u64() as u8).collect());
    }
    inputs
}

/// For every type: plain serde, and inside a page.
fn never_panics<T: Arbitrary + Serialize + DeserializeOwned>(type_name: &str) {
    for input in hostile_inputs::<T>(type_name) {
        let _ = serde_json::from_slice::<T>(&input);
        let _ = serde_json::from_slice::<Page<T>>(&input);
    }
}

/// For every type with an `@odata.type`: the client's reader, whose error names the type. The
/// same inputs as [`never_panics`] (plain serde runs there, once).
fn errors_name_the_type<T: Arbitrary + Serialize + DeserializeOwned + msgraph_entity::ODataType>(type_name: &str) {
    for input in hostile_inputs::<T>(type_name) {
        if let Err(error) = from_json_slice::<T>(&input) {
            assert!(error.to_string().starts_with(T::GRAPH_NAME), "{type_name}: {error}");
        }
    }
}

#[test]
fn no_deserializer_panics_on_hostile_bytes() {
    sweep!(for_each_type, never_panics);
}

// A test of its own, so the two sweeps run side by side.
#[test]
fn the_clients_reader_never_panics_and_names_the_type_on_hostile_bytes() {
    sweep!(for_each_odata_type, errors_name_the_type);
}

#[test]
fn response_parsers_never_panic() {
    let request = NdesConnector::list();
    let list = AnyDeviceConfiguration::list();
    let get = Windows10GeneralConfiguration::get("x").unwrap();
    for case in 0..cases() * 8 {
        let mut g = Gen::new(case);
        let status = [200, 201, 204, 301, 400, 401, 404, 429, 500, 503][g.below(10) as usize];
        let body = match g.below(3) {
            0 => serde_json::to_vec(&hostile_json(&mut g, 0)).unwrap(),
            1 => (0..g.below(64)).map(|_| g.next_u64() as u8).collect(),
            _ => format!(
                r#"{{"error":{{"code":{},"innerError":{}}}}}"#,
                g.next_u64(),
                serde_json::to_string(&hostile_json(&mut g, 0)).unwrap()
            )
            .into_bytes(),
        };
        let response = || {
            http::Response::builder()
                .status(status)
                .header("retry-after", http::HeaderValue::from_bytes(b"\xffsoon").unwrap())
                .body(body.clone())
                .unwrap()
        };
        let _ = request.parse_response(response());
        let _ = list.parse_response(response());
        let _ = get.parse_response(response());
        let error = GraphError::from_response(response().status(), response().headers(), &body);
        assert_eq!(error.status, status);
    }
}

#[test]
fn typed_values_with_injected_unknown_properties_keep_them() {
    for case in 0..cases() {
        let mut g = Gen::new(case);
        let value = Windows10GeneralConfiguration::arbitrary(&mut g);
        let mut object = serde_json::to_value(&value).unwrap();
        object.as_object_mut().unwrap().insert("propertyFromTheFuture".into(), serde_json::json!({"nested": [case]}));
        let text = serde_json::to_string(&object).unwrap();
        let read: Windows10GeneralConfiguration = serde_json::from_str(&text).unwrap();
        assert_eq!(
            read.additional_properties.get("propertyFromTheFuture").map(|raw| raw.get()),
            Some(format!(r#"{{"nested":[{case}]}}"#).as_str())
        );
        let written = serde_json::to_value(&read).unwrap();
        assert_eq!(written, object, "case {case}: nothing lost");
    }
}

#[test]
fn keys_cannot_leave_the_collection_item() {
    let endpoint = msgraph_entity::Endpoint::beta();
    let token = msgraph_entity::BearerToken::new("token-never-printed");
    let item = "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors/";
    for (key, segment) in [
        ("a/b", "a%2Fb"),
        ("../../users", "..%2F..%2Fusers"),
        ("a..b", "a..b"),
        ("?$select=x", "%3F%24select%3Dx"),
        ("#fragment", "%23fragment"),
        ("100%", "100%25"),
        ("two words", "two%20words"),
        ("'quoted' \"double\"", "%27quoted%27%20%22double%22"),
        ("ünï 🦀", "%C3%BCn%C3%AF%20%F0%9F%A6%80"),
        ("\u{0}\n", "%00%0A"),
    ] {
        for http in [
            NdesConnector::get(key).unwrap().to_http(&endpoint, &token).unwrap(),
            NdesConnector::delete(key).unwrap().to_http(&endpoint, &token).unwrap(),
            NdesConnector::update(key, NdesConnectorPatch::default()).unwrap().to_http(&endpoint, &token).unwrap(),
        ] {
            assert_eq!(http.uri().to_string(), format!("{item}{segment}"), "key {key:?}");
            assert_eq!(http.uri().path().matches('/').count(), 4, "key {key:?} stays one segment");
        }
    }
    for key in ["", ".", ".."] {
        let error = NdesConnector::get(key).unwrap_err();
        assert!(matches!(error, msgraph_entity::Error::InvalidKey { .. }), "key {key:?}: {error}");
        assert!(NdesConnector::delete(key).is_err() && DeviceConfigurationAssignment::list(key).is_err());
    }
}

#[test]
fn secrets_stay_out_of_everything_printed() {
    let secret = "eyJ0eXAiOiJKV1QiLCJzZWNyZXQiOiJ5ZXMifQ";
    let token = msgraph_entity::BearerToken::new(secret);
    let request = NdesConnector::get("x").unwrap();
    let http = request.to_http(&msgraph_entity::Endpoint::beta(), &token).unwrap();
    let bad_token = msgraph_entity::BearerToken::new(format!("{secret}\n"));
    let error = request.to_http(&msgraph_entity::Endpoint::beta(), &bad_token).unwrap_err();
    let printed = [
        format!("{token:?}"),
        format!("{bad_token:?}"),
        format!("{http:?}"),
        format!("{:?}", http.headers()),
        format!("{error} {error:?}"),
        format!("{request:?}"),
    ];
    for text in printed {
        assert!(!text.contains(secret), "the token leaked: {text}");
    }
    // The header itself does carry it, for the HTTP client.
    assert_eq!(http.headers()["authorization"], format!("Bearer {secret}").as_str());
}

// ---------------------------------------------------------------------------------------------
// Guarantees under attack (issue 12): each test below failed on the code before its fix.

use msgraph_entity::{AdditionalProperties, BodyError, count_unknown, from_json_str};

fn list_body(items: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(format!(r#"{{"value":[{items}]}}"#).into_bytes()).unwrap()
}

#[test]
fn an_unlisted_derived_type_where_a_plain_struct_is_modelled_keeps_the_page_and_its_data() {
    // The issue's input: `edgeSearchEngine` is a derived type the models generated from the
    // current schema now list, so it is typed.
    let item = r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","id":"1","edgeSearchEngine":{"@odata.type":"#microsoft.graph.edgeSearchEngine","edgeSearchEngineType":"bing"}}"##;
    let (page, unknown) = count_unknown(|| AnyDeviceConfiguration::list().parse_response(list_body(item)).unwrap());
    let AnyDeviceConfiguration::Windows10GeneralConfiguration(general) = &page.value[0] else { panic!("{page:?}") };
    assert!(matches!(&general.edge_search_engine, Some(AnyEdgeSearchEngineBase::EdgeSearchEngine(_))), "{general:?}");
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(serde_json::to_string(&page.value[0]).unwrap(), item);

    // A derived type nobody knows yet, where the model has a plain struct: read as the declared
    // type, its tag and extra property kept and written back, tag first.
    let item = r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","id":"1","defenderDetectedMalwareActions":{"@odata.type":"#microsoft.graph.defenderDetectedMalwareActionsFuture","lowSeverity":"clean","novel":1}}"##;
    let (page, unknown) = count_unknown(|| AnyDeviceConfiguration::list().parse_response(list_body(item)).unwrap());
    let AnyDeviceConfiguration::Windows10GeneralConfiguration(general) = &page.value[0] else { panic!("{page:?}") };
    let actions = general.defender_detected_malware_actions.as_ref().expect("read as the declared type");
    assert_eq!(actions.odata.derived_type(), Some("#microsoft.graph.defenderDetectedMalwareActionsFuture"));
    assert!(actions.additional_properties.get("@odata.type").is_none(), "the tag is not an unknown property");
    assert_eq!((unknown.types, unknown.properties), (1, 1));
    // Written back identically, tag first, at any depth.
    assert_eq!(serde_json::to_string(&page.value[0]).unwrap(), item);
    // The same value with its tag last in the nested object reads and writes alike.
    let tag_last = item.replace(
        r##"{"@odata.type":"#microsoft.graph.defenderDetectedMalwareActionsFuture","lowSeverity":"clean","novel":1}"##,
        r##"{"lowSeverity":"clean","novel":1,"@odata.type":"#microsoft.graph.defenderDetectedMalwareActionsFuture"}"##,
    );
    let again: AnyDeviceConfiguration = from_json_str(&tag_last).unwrap();
    assert_eq!(again, page.value[0]);
}

#[test]
fn unknown_values_come_back_exactly_as_written() {
    let body = r##"{"@odata.type":"#microsoft.graph.ndesConnector","futureDecimal":12345678901234567890123,"precise":123456789.123456789123,"future":{"a":1,"a":2},"list":[1.0,-0,1e400],"z":{"b":1,"a":2}}"##;
    let connector: NdesConnector = from_json_str(body).unwrap();
    assert_eq!(serde_json::to_string(&connector).unwrap(), body);
    assert_eq!(connector.additional_properties.get("future").unwrap().get(), r#"{"a":1,"a":2}"#);
    // Inside an unlisted type too.
    let unlisted =
        r##"{"@odata.type":"#microsoft.graph.fromTheFuture","n":12345678901234567890123,"d":{"x":1,"x":2}}"##;
    let any: AnyDeviceConfiguration = from_json_str(unlisted).unwrap();
    assert_eq!(serde_json::to_string(&any).unwrap(), unlisted);
}

#[test]
fn a_catch_all_cannot_write_a_modelled_property_twice() {
    let mut connector = NdesConnector { display_name: Some("field".into()), ..NdesConnector::default() };
    connector.additional_properties.insert_value("displayName", "catch-all").unwrap();
    connector.additional_properties.insert_value("other", &1).unwrap();
    let text = serde_json::to_string(&connector).unwrap();
    assert_eq!(text, r##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"field","other":1}"##);
    assert_eq!(from_json_str::<NdesConnector>(&text).unwrap().display_name.as_deref(), Some("field"));
    // The field wins even when it is `None`: the catch-all's entry is never written.
    connector.display_name = None;
    let text = serde_json::to_string(&connector).unwrap();
    assert!(!text.contains("displayName"), "{text}");
}

#[test]
fn date_time_offsets_keep_minus_zero_through_a_model() {
    let body =
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":"2016-12-31T23:58:36-00:00"}"##;
    let connector: NdesConnector = from_json_str(body).unwrap();
    assert_eq!(serde_json::to_string(&connector).unwrap(), body);
}

/// `body` with its top-level `@odata.type` moved to member position `position`.
fn with_tag_at(body: &str, position: usize) -> String {
    let properties: AdditionalProperties = serde_json::from_str(body).expect("an object with unique names");
    let mut members: Vec<String> = Vec::new();
    let mut tag = None;
    for (name, value) in properties.iter() {
        let member = format!("{}:{}", serde_json::to_string(name).unwrap(), value.get());
        if name == "@odata.type" { tag = Some(member) } else { members.push(member) }
    }
    members.insert(position.min(members.len()), tag.expect("a tagged body"));
    format!("{{{}}}", members.join(","))
}

fn same_result_at_every_tag_position<T>(body: &str, label: &str) -> usize
where
    T: DeserializeOwned + Serialize + PartialEq + Debug + msgraph_entity::ODataType,
{
    let first = with_tag_at(body, 0);
    let expected: T = from_json_str(&first).unwrap_or_else(|error| panic!("{label}: {error}"));
    let expected_text = serde_json::to_string(&expected).unwrap();
    let members = serde_json::from_str::<AdditionalProperties>(body).unwrap().len();
    let error_at = |text: &str| -> BodyError { from_json_str::<T>(text).unwrap_err() };
    // A wrong value, a duplicated known property and a duplicated unknown one, placed first.
    let broken = [
        r#"{"displayName":5,"#,
        r#"{"displayName":"a","displayName":"b","#,
        r#"{"zzFuture":{"a":[1,{"b":2}]},"zzFuture":1,"#,
    ];
    for position in 0..members {
        let text = with_tag_at(body, position);
        let value: T = from_json_str(&text).unwrap_or_else(|error| panic!("{label} tag at {position}: {error}"));
        assert_eq!(value, expected, "{label}: tag at {position}");
        assert_eq!(serde_json::to_string(&value).unwrap(), expected_text, "{label}: tag at {position}");
        for prefix in broken {
            let wrong = text.replacen('{', prefix, 1);
            let reference = error_at(&first.replacen('{', prefix, 1));
            let error = error_at(&wrong);
            assert_eq!(
                (error.path(), error.message()),
                (reference.path(), reference.message()),
                "{label} at {position}"
            );
        }
    }
    // An unknown property nested in a known complex value keeps its place and its text.
    members
}

#[test]
fn reading_does_not_depend_on_where_odata_type_stands() {
    let Some(corpus) = graph_suite::load_corpus("the tag-position test over corpus bodies") else { return };
    let corpus: serde_json::Value = serde_json::from_str(&corpus).unwrap();
    let mut checked = 0;
    for case in corpus["cases"].as_array().unwrap() {
        let Some(body) = case["response"]["body_text"].as_str() else { continue };
        let Ok(any) = from_json_str::<AnyDeviceConfiguration>(body) else { continue };
        if matches!(any, AnyDeviceConfiguration::Unlisted(_)) || !body.contains("\"displayName\"") {
            continue;
        }
        // A nested unknown property and an unknown one after the known ones: their order must hold.
        let body = body.trim_end().strip_suffix('}').unwrap().to_owned() + r#","zzLater":{"b":1,"a":[2]},"aaLast":3}"#;
        let members =
            same_result_at_every_tag_position::<AnyDeviceConfiguration>(&body, case["page"].as_str().unwrap_or("?"));
        checked += members;
    }
    assert!(checked > 200, "only {checked} positions checked");
}

/// A tag-late object whose texts the input cannot lend (an escaped name, a reader's input) reads
/// as the same object with its tag first: listed or not, names and values in their order.
#[test]
fn a_tag_late_object_reads_alike_when_its_text_is_not_lent() {
    for odata_type in ["#microsoft.graph.iosCustomConfiguration", "#microsoft.graph.iosFutureConfiguration"] {
        let members = [
            r#""id":"a""#,
            r#""display\u004eame":"d \"quoted\"""#,
            r#""zz\u0046uture":{"b":[1,2]}"#,
            r#""payloadName":"p""#,
        ];
        let tag = format!(r#""@odata.type":"{odata_type}""#);
        let first = format!("{{{tag},{}}}", members.join(","));
        let expected: AnyDeviceConfiguration = serde_json::from_str(&first).unwrap();
        assert_eq!(
            matches!(expected, AnyDeviceConfiguration::Unlisted(_)),
            odata_type.contains("Future"),
            "{expected:?}"
        );
        for position in 1..=members.len() {
            let mut late: Vec<&str> = members.to_vec();
            late.insert(position, &tag);
            let text = format!("{{{}}}", late.join(","));
            let from_text: AnyDeviceConfiguration = serde_json::from_str(&text).unwrap();
            let from_reader: AnyDeviceConfiguration = serde_json::from_reader(text.as_bytes()).unwrap();
            assert_eq!(from_text, expected, "{text}");
            assert_eq!(from_reader, expected, "{text}");
            assert_eq!(serde_json::to_string(&from_reader).unwrap(), serde_json::to_string(&expected).unwrap());
        }
    }
}

#[test]
fn tag_late_errors_name_the_full_path_inside_a_page() {
    let item = r##"{"id":"1","version":"x","@odata.type":"#microsoft.graph.windows10GeneralConfiguration"}"##;
    let error = AnyDeviceConfiguration::list().parse_response(list_body(item)).unwrap_err();
    let msgraph_entity::Error::Body(error) = error else { panic!("{error}") };
    assert_eq!(error.path(), "value[0].version");
    let first = item.replace(r#""id":"1","version":"x","#, "").replace('}', r#","id":"1","version":"x"}"#);
    let msgraph_entity::Error::Body(reference) =
        AnyDeviceConfiguration::list().parse_response(list_body(&first)).unwrap_err()
    else {
        unreachable!()
    };
    assert_eq!(error.message(), reference.message());
    // A duplicate inside a known complex value is an error in both orders.
    for item in [
        r##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","edgeSearchEngine":{"edgeSearchEngineType":1,"edgeSearchEngineType":2}}"##,
        r##"{"edgeSearchEngine":{"x":1,"x":2},"@odata.type":"#microsoft.graph.windows10GeneralConfiguration"}"##,
    ] {
        let error = AnyDeviceConfiguration::list().parse_response(list_body(item)).unwrap_err();
        assert!(error.to_string().contains("duplicate property"), "{error}");
    }
}

#[test]
fn an_update_through_an_any_value_sends_the_items_own_type() {
    let general = Windows10GeneralConfiguration { id: Some("g1".into()), ..Windows10GeneralConfiguration::default() };
    let any = AnyDeviceConfiguration::from(general);
    let patch = DeviceConfigurationPatch::default().display_name("Renamed");
    let request = any.update_item(patch.clone()).unwrap();
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations/g1");
    assert_eq!(
        request.body_json().unwrap().unwrap(),
        br##"{"@odata.type":"#microsoft.graph.windows10GeneralConfiguration","displayName":"Renamed"}"##
    );
    // By key alone the item's type is not known: no tag, so the service keeps the item's own.
    let by_key = AnyDeviceConfiguration::update("g1", patch.clone()).unwrap();
    assert_eq!(by_key.body_json().unwrap().unwrap(), br#"{"displayName":"Renamed"}"#);
    let empty = AnyDeviceConfiguration::update("g1", DeviceConfigurationPatch::default()).unwrap();
    assert_eq!(empty.body_json().unwrap().unwrap(), b"{}");
    // An unlisted value keeps its own tag; one without a key cannot be updated.
    let unlisted: AnyDeviceConfiguration =
        from_json_str(r##"{"@odata.type":"#microsoft.graph.fromTheFuture","id":"f1"}"##).unwrap();
    let body = unlisted.update_item(patch.clone()).unwrap().body_json().unwrap().unwrap();
    assert!(body.starts_with(br##"{"@odata.type":"#microsoft.graph.fromTheFuture","##));
    let keyless = AnyDeviceConfiguration::from(Windows10GeneralConfiguration::default());
    assert!(matches!(keyless.update_item(patch), Err(msgraph_entity::Error::InvalidKey { .. })));
}

#[test]
fn the_memory_of_the_largest_models_is_bounded_and_written_down() {
    use std::mem::size_of;
    // GUARANTEES.md and BENCHMARKS.md list these; a model that grows must update both (navigation
    // fields and the control information took Windows10GeneralConfiguration from 2,968 to 3,184).
    let sizes = [
        ("Windows10GeneralConfiguration", size_of::<Windows10GeneralConfiguration>(), 3184),
        ("Windows10EndpointProtectionConfiguration", size_of::<Windows10EndpointProtectionConfiguration>(), 5368),
        ("AnyDeviceConfiguration", size_of::<AnyDeviceConfiguration>(), 16),
        ("NdesConnector", size_of::<NdesConnector>(), 240),
        ("AdditionalProperties", size_of::<AdditionalProperties>(), 8),
        ("ControlInformation", size_of::<msgraph_entity::ControlInformation>(), 8),
        ("DateTimeOffset", size_of::<msgraph_entity::DateTimeOffset>(), 36),
    ];
    let over: Vec<String> = sizes
        .iter()
        .inspect(|(name, size, _)| println!("size_of::<{name}>() = {size}"))
        .filter(|(_, size, bound)| size > bound)
        .map(|(name, size, bound)| format!("{name} takes {size} bytes per value, over {bound}"))
        .collect();
    assert!(over.is_empty(), "{over:?}");
}
