//! ndesConnector end to end: the seed page's example request and response,
//! from the committed fixture and from the corpus case.

use graph_suite::{load_corpus, seed};
use msgraph_entity::{
    BearerToken, CreateRequest, DateTimeOffset, Endpoint, EntityCollection, GraphEntity, GraphRequest, ODataType,
    from_json_str,
};
use msgraph_intune::{NdesConnector, NdesConnectorState};
use serde_json::Value;

fn seed_request() -> CreateRequest<NdesConnector> {
    NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>().unwrap())
        .state(NdesConnectorState::Active)
        .display_name("Display Name value")
        .build()
}

#[test]
fn create_request_matches_the_seed_example() {
    let request = seed_request();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.path(), "/deviceManagement/ndesConnectors");
    assert_eq!(serde_json::to_string_pretty(request.body()).unwrap(), seed::NDES_CONNECTOR_REQUEST);
}

#[test]
fn response_round_trips_byte_for_byte() {
    let created: NdesConnector = from_json_str(seed::NDES_CONNECTOR_RESPONSE).unwrap();
    assert_eq!(created.id.as_deref(), Some("e71fa706-a706-e71f-06a7-1fe706a71fe7"));
    assert_eq!(created.state, Some(NdesConnectorState::Active));
    assert_eq!(created.key(), Some("e71fa706-a706-e71f-06a7-1fe706a71fe7"));
    assert_eq!(serde_json::to_string_pretty(&created).unwrap(), seed::NDES_CONNECTOR_RESPONSE);
}

#[test]
fn http_request_has_method_url_headers_and_body() {
    let request = seed_request();
    let http = request.to_http(&Endpoint::beta(), &BearerToken::new("secret-token-123")).unwrap();
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors");
    let headers = http.headers();
    assert_eq!(headers["authorization"], "Bearer secret-token-123");
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["content-length"], http.body().len().to_string().as_str());
    let body: Value = serde_json::from_slice(http.body()).unwrap();
    let expected: Value = serde_json::from_str(seed::NDES_CONNECTOR_REQUEST).unwrap();
    assert_eq!(body, expected);
    // The tag comes first on the wire too.
    assert!(http.body().starts_with(br##"{"@odata.type":"#microsoft.graph.ndesConnector","##));
}

#[test]
fn endpoint_version_and_base_url_are_replaceable() {
    let request = seed_request();
    let token = BearerToken::new("t");
    let v1 = request.to_http(&Endpoint::v1(), &token).unwrap();
    assert_eq!(v1.uri(), "https://graph.microsoft.com/v1.0/deviceManagement/ndesConnectors");
    let national = request.to_http(&Endpoint::with_base_url("https://graph.microsoft.us/"), &token).unwrap();
    assert_eq!(national.uri(), "https://graph.microsoft.us/beta/deviceManagement/ndesConnectors");
    let local = Endpoint::with_base_url("http://127.0.0.1:8080").version(msgraph_entity::ApiVersion::V1);
    assert_eq!(
        request.to_http(&local, &token).unwrap().uri(),
        "http://127.0.0.1:8080/v1.0/deviceManagement/ndesConnectors"
    );
}

#[test]
fn the_token_never_prints() {
    let token = BearerToken::new("secret-token-123");
    let http = seed_request().to_http(&Endpoint::beta(), &token).unwrap();
    for printed in [format!("{token:?}"), format!("{http:?}"), format!("{:?}", http.headers())] {
        assert!(!printed.contains("secret-token-123"), "token leaked in {printed}");
    }
    let error = seed_request().to_http(&Endpoint::beta(), &BearerToken::new("bad\ntoken-456")).unwrap_err();
    assert!(!format!("{error} {error:?}").contains("token-456"));
}

#[test]
fn identity_and_paths() {
    assert_eq!(NdesConnector::ODATA_TYPE, "#microsoft.graph.ndesConnector");
    assert_eq!(NdesConnector::GRAPH_NAME, "ndesConnector");
    assert_eq!(NdesConnector::COLLECTION.as_str(), "/deviceManagement/ndesConnectors");
    assert_eq!(NdesConnector::KEY_PROPERTY, "id");
    assert_eq!(
        NdesConnector::item_path("e71fa706-a706-e71f-06a7-1fe706a71fe7").unwrap(),
        "/deviceManagement/ndesConnectors/e71fa706-a706-e71f-06a7-1fe706a71fe7"
    );
    assert_eq!(
        NdesConnector::item_path("../../users/x?y").unwrap(),
        "/deviceManagement/ndesConnectors/..%2F..%2Fusers%2Fx%3Fy"
    );
    assert!(NdesConnector::item_path("").is_err());
    assert!(NdesConnector::item_path("..").is_err());
}

#[test]
fn odata_type_is_accepted_with_or_without_hash_or_absent() {
    for body in [
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","displayName":"a"}"##,
        r#"{"@odata.type":"microsoft.graph.ndesConnector","displayName":"a"}"#,
        r#"{"displayName":"a"}"#,
    ] {
        let connector: NdesConnector = from_json_str(body).unwrap();
        assert_eq!(connector.display_name.as_deref(), Some("a"), "{body}");
    }
}

#[test]
fn another_odata_type_is_kept_as_an_unlisted_derived_type_and_written_back_first() {
    let body = r##"{"displayName":"a","@odata.type":"#microsoft.graph.futureConnector","extra":1}"##;
    let (connector, unknown) = msgraph_entity::count_unknown(|| from_json_str::<NdesConnector>(body).unwrap());
    assert_eq!(connector.display_name.as_deref(), Some("a"));
    assert_eq!(connector.odata.derived_type(), Some("#microsoft.graph.futureConnector"));
    assert_eq!((unknown.types, unknown.properties), (1, 1), "the type, and its one extra property");
    assert_eq!(
        serde_json::to_string(&connector).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.futureConnector","displayName":"a","extra":1}"##
    );
    // Not a string: an error, as the tag of a listed type would be.
    let error = from_json_str::<NdesConnector>(r#"{"@odata.type":5}"#).unwrap_err();
    assert_eq!(error.path(), "@odata.type");
}

#[test]
fn missing_properties_do_not_fail_the_value() {
    let selected: NdesConnector = from_json_str(r#"{"id":"1"}"#).unwrap();
    assert_eq!(selected.id.as_deref(), Some("1"));
    assert_eq!(selected.display_name, None);
    assert_eq!(
        serde_json::to_string(&selected).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","id":"1"}"##
    );
}

#[test]
fn malformed_values_are_errors_naming_the_property() {
    let cases = [
        (
            r#"{"state":3}"#,
            "ndesConnector at `state`: expected a string (one of the ndesConnectorState members), found the number 3",
        ),
        (
            r#"{"lastConnectionDateTime":"2016-13-01T00:00:00Z"}"#,
            "ndesConnector at `lastConnectionDateTime`: invalid DateTimeOffset `2016-13-01T00:00:00Z`: the month is not 01 to 12",
        ),
        (r#"{"displayName":"a","displayName":"b"}"#, "ndesConnector: duplicate property `displayName`"),
        (r#"[1]"#, "ndesConnector: expected a JSON object (ndesConnector), found an array"),
    ];
    for (body, expected) in cases {
        let error = from_json_str::<NdesConnector>(body).unwrap_err();
        assert_eq!(error.to_string(), expected, "{body}");
    }
}

#[test]
fn unknown_enum_members_are_kept_and_written_back() {
    let body = r##"{"@odata.type":"#microsoft.graph.ndesConnector","state":"degradedButNew"}"##;
    let connector: NdesConnector = from_json_str(body).unwrap();
    assert_eq!(connector.state, Some(NdesConnectorState::Unrecognized("degradedButNew".to_owned())));
    assert_eq!(serde_json::to_string(&connector).unwrap(), body);
}

/// The corpus case of the seed page: the same checks against the docs as extracted.
#[test]
fn corpus_ndes_connector_case() {
    let Some(corpus) = load_corpus("the ndesConnector corpus case (1 test)") else {
        return;
    };
    let corpus: Value = serde_json::from_str(&corpus).unwrap();
    let case = corpus["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["entity"] == "ndesConnector")
        .expect("the corpus has the ndesConnector case");
    assert_eq!(case["odata_type"], NdesConnector::ODATA_TYPE);
    assert_eq!(case["paths"][0], NdesConnector::COLLECTION.as_str());

    let request = seed_request();
    let http = request.to_http(&Endpoint::beta(), &BearerToken::new("t")).unwrap();
    assert_eq!(http.uri().to_string(), case["request"]["url"].as_str().unwrap());
    assert_eq!(serde_json::to_string_pretty(request.body()).unwrap(), case["request"]["body_text"].as_str().unwrap());

    let response_text = case["response"]["body_text"].as_str().unwrap();
    let created: NdesConnector = from_json_str(response_text).unwrap();
    assert_eq!(serde_json::to_string_pretty(&created).unwrap(), response_text);
}
