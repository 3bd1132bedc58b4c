//! The whole request lifecycle without a network: every operation's request
//! (method, URL, query, headers, body) and how each kind of response reads back.

use msgraph_entity::{
    BearerToken, DateTimeOffset, Endpoint, Error, Filter, GraphRequest, Order, Page, Patch, count_unknown,
};
use msgraph_intune::{
    AnyDeviceConfiguration, DeviceConfigurationAssignment, NdesConnector, NdesConnectorPatch, NdesConnectorProperty,
    NdesConnectorState, Windows10CustomConfiguration, Windows10CustomConfigurationPatch,
};

fn token() -> BearerToken {
    BearerToken::new("secret-token")
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn get_one_item_with_select() {
    let request = NdesConnector::get("e71f/a7")
        .unwrap()
        .select([NdesConnectorProperty::DisplayName, NdesConnectorProperty::State]);
    let http = request.to_http(&Endpoint::beta(), &token()).unwrap();
    assert_eq!(http.method(), "GET");
    assert_eq!(
        http.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors/e71f%2Fa7?$select=displayName,state"
    );
    assert_eq!(http.headers()["authorization"], "Bearer secret-token");
    assert_eq!(http.headers()["accept"], "application/json");
    assert!(http.headers().get("content-type").is_none());
    assert!(http.body().is_empty());

    let connector = request
        .parse_response(response(
            200,
            r##"{"@odata.type":"#microsoft.graph.ndesConnector","id":"e71f/a7","state":"active"}"##,
        ))
        .unwrap();
    assert_eq!(connector.state, Some(NdesConnectorState::Active));
}

#[test]
fn list_with_typed_query_options_percent_encoded() {
    let request = NdesConnector::list()
        .select([NdesConnectorProperty::Id, NdesConnectorProperty::DisplayName])
        .filter(Filter::eq(NdesConnectorProperty::DisplayName, "R&D 'lab'").or(Filter::ge(
            NdesConnectorProperty::LastConnectionDateTime,
            "2016-12-31T23:58:36Z".parse::<DateTimeOffset>().unwrap(),
        )))
        .order_by(NdesConnectorProperty::DisplayName, Order::Descending)
        .top(25)
        .skip(50)
        .count(true)
        .expand_raw("assignments");
    assert_eq!(
        request.url(&Endpoint::v1()).unwrap(),
        "https://graph.microsoft.com/v1.0/deviceManagement/ndesConnectors?$select=id,displayName&$expand=assignments\
         &$filter=%28displayName%20eq%20%27R%26D%20%27%27lab%27%27%27%29%20or%20%28lastConnectionDateTime%20ge%202016-12-31T23%3A58%3A36Z%29\
         &$orderby=displayName%20desc&$top=25&$skip=50&$count=true"
    );
    // A filter written by hand is sent as written, encoded.
    let raw = NdesConnector::list().filter("startswith(displayName,'a')");
    assert_eq!(raw.query(), "$filter=startswith%28displayName,%27a%27%29");
}

#[test]
fn pages_follow_next_link_until_the_end_and_only_inside_the_endpoint() {
    let endpoint = Endpoint::with_base_url("http://127.0.0.1:9");
    let first = NdesConnector::list().top(2);
    let page: Page<NdesConnector> = first
        .parse_response(response(
            200,
            r##"{"@odata.context":"x","@odata.count":3,"value":[{"id":"1"},{"id":"2"}],
                "@odata.nextLink":"http://127.0.0.1:9/beta/deviceManagement/ndesConnectors?$top=2&$skiptoken=abc"}"##,
        ))
        .unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.count, Some(3));
    let second = first.next_page(&page).expect("a next page");
    assert_eq!(
        second.url(&endpoint).unwrap(),
        "http://127.0.0.1:9/beta/deviceManagement/ndesConnectors?$top=2&$skiptoken=abc"
    );
    let last: Page<NdesConnector> = second.parse_response(response(200, r#"{"value":[{"id":"3"}]}"#)).unwrap();
    assert!(second.next_page(&last).is_none());

    // A next link to another host would carry the token there: refused.
    let evil =
        Page::<NdesConnector> { value: vec![], next_link: Some("https://evil.example/steal".into()), count: None };
    let error = first.next_page(&evil).unwrap().to_http(&endpoint, &token()).unwrap_err();
    assert!(error.to_string().contains("not followed"), "{error}");
    assert!(!error.to_string().contains("secret-token"));
}

#[test]
fn a_page_that_does_not_match_names_the_json_path() {
    let body = r#"{"value":[{"id":"0"},{"id":"1"},{"id":"2"},{"id":"3","state":42}]}"#;
    let error = NdesConnector::list().parse_response(response(200, body)).unwrap_err();
    let Error::Body(error) = error else { panic!("{error:?}") };
    assert_eq!(error.path(), "value[3].state");
    assert_eq!(
        error.to_string(),
        "ndesConnector at `value[3].state`: expected a string (one of the ndesConnectorState members), found the number 42"
    );
}

#[test]
fn update_sends_only_what_was_set_and_null_to_clear() {
    let patch = NdesConnectorPatch::default().display_name("renamed").clear_last_connection_date_time();
    assert_eq!(patch.state, Patch::Unchanged);
    let request = NdesConnector::update("e71f", patch).unwrap();
    let http = request.to_http(&Endpoint::beta(), &token()).unwrap();
    assert_eq!(http.method(), "PATCH");
    assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors/e71f");
    assert_eq!(
        std::str::from_utf8(http.body()).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.ndesConnector","lastConnectionDateTime":null,"displayName":"renamed"}"##
    );
    assert_eq!(http.headers()["content-length"], http.body().len().to_string().as_str());
    assert_eq!(request.parse_response(response(204, "")).unwrap(), None);
    let updated = request.parse_response(response(200, r#"{"id":"e71f","displayName":"renamed"}"#)).unwrap();
    assert_eq!(updated.unwrap().display_name.as_deref(), Some("renamed"));

    // An empty patch sends only the type; a derived type sends its own.
    let derived = Windows10CustomConfiguration::update("c1", Windows10CustomConfigurationPatch::default()).unwrap();
    assert_eq!(
        derived.body_json().unwrap().unwrap(),
        br##"{"@odata.type":"#microsoft.graph.windows10CustomConfiguration"}"##
    );
}

#[test]
fn delete_and_create_read_their_statuses() {
    let delete = NdesConnector::delete("e71f").unwrap();
    let http = delete.to_http(&Endpoint::beta(), &token()).unwrap();
    assert_eq!(http.method(), "DELETE");
    assert_eq!(http.uri(), "https://graph.microsoft.com/beta/deviceManagement/ndesConnectors/e71f");
    delete.parse_response(response(204, "")).unwrap();

    let create = NdesConnector::create()
        .display_name("n")
        .state(NdesConnectorState::Active)
        .last_connection_date_time("2016-12-31T23:58:36Z".parse::<DateTimeOffset>().unwrap())
        .build();
    let created = create.parse_response(response(201, r#"{"id":"new","displayName":"n"}"#)).unwrap();
    assert_eq!(created.id.as_deref(), Some("new"));
    // A redirect is not success.
    assert!(matches!(create.parse_response(response(302, "")), Err(Error::UnexpectedStatus { status: 302, .. })));
}

#[test]
fn errors_carry_everything_the_service_sent() {
    let body = r#"{"error":{"code":"ResourceNotFound","message":"No ndesConnector with that id","target":"id",
        "details":[{"code":"NotFound","message":"gone","target":"id"}],
        "innerError":{"request-id":"req-1","client-request-id":"client-1","date":"2026-11-28T16:00:00","extra":1}}}"#;
    let error = NdesConnector::get("x").unwrap().parse_response(response(404, body)).unwrap_err();
    let graph = error.graph_error().expect("a Graph error");
    assert_eq!(graph.status, 404);
    assert_eq!(graph.code, "ResourceNotFound");
    assert_eq!(graph.message, "No ndesConnector with that id");
    assert_eq!(graph.target.as_deref(), Some("id"));
    assert_eq!(graph.details[0].code, "NotFound");
    let inner = graph.inner_error.as_ref().unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("req-1"));
    assert_eq!(inner.client_request_id.as_deref(), Some("client-1"));
    assert_eq!(inner.date.as_deref(), Some("2026-11-28T16:00:00"));
    assert_eq!(inner.other.get("extra").map(|raw| raw.get()), Some("1"));
    assert_eq!(error.to_string(), "Graph error 404 ResourceNotFound: No ndesConnector with that id (request-id req-1)");

    // A body that is not the Graph shape is kept whole.
    let gateway = NdesConnector::list().parse_response(response(502, "<html>Bad Gateway</html>")).unwrap_err();
    let graph = gateway.graph_error().unwrap();
    assert_eq!(graph.status, 502);
    assert_eq!(graph.raw_body.as_deref(), Some("<html>Bad Gateway</html>"));
    // Retry-After is kept for the caller (or the client) to honour.
    let throttled = http::Response::builder().status(429).header("retry-after", "7").body(Vec::new()).unwrap();
    let error = NdesConnector::list().parse_response(throttled).unwrap_err();
    assert_eq!(error.graph_error().unwrap().retry_after, Some(msgraph_entity::RetryAfter::Seconds(7)));
}

#[test]
fn child_collections_take_their_parent_keys() {
    let get = DeviceConfigurationAssignment::get("config 1", "assignment/2").unwrap();
    assert_eq!(get.path(), "/deviceManagement/deviceConfigurations/config%201/assignments/assignment%2F2");
    let list = DeviceConfigurationAssignment::list("config 1").unwrap();
    assert_eq!(list.path(), "/deviceManagement/deviceConfigurations/config%201/assignments");
    assert!(DeviceConfigurationAssignment::delete("", "x").is_err());
}

#[test]
fn listing_the_polymorphic_base_collection_reads_each_derived_type() {
    let request = AnyDeviceConfiguration::list().top(3);
    assert_eq!(request.path(), "/deviceManagement/deviceConfigurations");
    let body = r##"{"value":[
        {"@odata.type":"#microsoft.graph.windows10CustomConfiguration","id":"1"},
        {"@odata.type":"#microsoft.graph.futureConfiguration","id":"2"}]}"##;
    let (page, unknown) = count_unknown(|| request.parse_response(response(200, body)).unwrap());
    assert!(matches!(page.value[0], AnyDeviceConfiguration::Windows10CustomConfiguration(_)));
    assert!(matches!(page.value[1], AnyDeviceConfiguration::Unlisted(_)));
    assert_eq!(unknown.types, 1);
}
