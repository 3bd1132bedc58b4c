//! Graph errors as services write them, read through the public API.

use msgraph_entity::GraphError;

fn read(status: u16, body: &str) -> GraphError {
    let status = http::StatusCode::from_u16(status).unwrap();
    GraphError::from_response(status, &http::HeaderMap::new(), body.as_bytes())
}

/// Intune's way: the `message` is itself a JSON document, pretty-printed, with the real message inside.
const INTUNE_MESSAGE: &str = "{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b2c5a1e-0000-4000-8000-000000000001 - Url: https://fef.msua06.manage.microsoft.com/DeviceConfiguration/deviceManagement/deviceConfigurations?api-version=5023-05-01\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}";

#[test]
fn an_intune_message_that_is_a_json_document_prints_its_inner_message_on_one_line() {
    let body = serde_json::json!({"error": {"code": "BadRequest", "message": INTUNE_MESSAGE,
        "innerError": {"request-id": "r-1", "date": "2026-01-01T00:00:00"}}})
    .to_string();
    let error = read(400, &body);
    assert_eq!(
        error.message,
        "An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 7b2c5a1e-0000-4000-8000-000000000001 - Url: https://fef.msua06.manage.microsoft.com/DeviceConfiguration/deviceManagement/deviceConfigurations?api-version=5023-05-01"
    );
    assert_eq!(error.raw_message.as_deref(), Some(INTUNE_MESSAGE), "the document as sent stays available");
    let text = error.to_string();
    assert!(!text.contains('\n') && !text.contains('\r'), "{text}");
    assert!(text.starts_with("Graph error 400 BadRequest: An error has occurred - Operation ID"), "{text}");
    assert!(text.ends_with("api-version=5023-05-01 (request-id r-1)"), "{text}");
}

#[test]
fn any_message_prints_on_one_line_and_plain_messages_are_kept_as_they_are() {
    let error = read(400, r#"{"error":{"code":"BadRequest","message":"first line\r\n  second line"}}"#);
    assert_eq!(error.message, "first line\r\n  second line");
    assert_eq!(error.raw_message, None);
    assert_eq!(error.to_string(), "Graph error 400 BadRequest: first line second line");
    // JSON that is not Intune's shape is a plain message.
    let error = read(400, r#"{"error":{"code":"x","message":"{\"a\":1}"}}"#);
    assert_eq!((error.message.as_str(), error.raw_message.as_deref()), ("{\"a\":1}", None));
}
