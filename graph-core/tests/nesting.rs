//! Nesting past serde_json's depth limit (127 arrays and objects) is refused everywhere a value
//! is kept as raw JSON text — an unknown property, control information or an annotation, a
//! tag-late polymorphic value, a page item, an error's `innerError` — as it is everywhere else: a
//! clear error, never a value kept.

use msgraph_entity::{
    AdditionalProperties, ControlInformation, GraphComplex, GraphEntity, GraphError, GraphRequest, from_json_str,
};

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.sample", collection = "/samples")]
struct Sample {
    #[graph(key)]
    id: Option<String>,
    name: Option<String>,
    #[graph(additional)]
    additional: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.annotated", collection = "/annotated")]
struct Annotated {
    #[graph(key)]
    id: Option<String>,
    name: Option<String>,
    #[graph(additional)]
    additional: AdditionalProperties,
    #[graph(odata)]
    odata: ControlInformation,
}

#[derive(Debug, Clone, PartialEq, Default, GraphComplex)]
#[graph(odata_type = "microsoft.graph.target")]
struct Target {
    name: Option<String>,
    #[graph(additional)]
    additional: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, Default, GraphComplex)]
#[graph(odata_type = "microsoft.graph.groupTarget")]
struct GroupTarget {
    name: Option<String>,
    group_id: Option<String>,
    #[graph(additional)]
    additional: AdditionalProperties,
}

#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.target")]
enum AnyTarget {
    Target(Box<Target>),
    GroupTarget(Box<GroupTarget>),
    #[graph(other)]
    Unlisted(AdditionalProperties),
}

/// `depth` arrays, one inside the other.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// The error of a read that must fail, without printing a value 100,000 levels deep when it did not.
fn refused<T, E>(result: Result<T, E>) -> E {
    match result {
        Ok(_) => panic!("accepted"),
        Err(error) => error,
    }
}

/// Both the error's message and its place.
fn assert_nesting_error(error: &msgraph_entity::BodyError, path: &str) {
    assert_eq!(error.path(), path, "{error}");
    assert!(error.message().contains("recursion limit exceeded"), "{error}");
}

#[test]
fn an_unknown_property_nested_past_the_limit_is_an_error() {
    for depth in [128, 100_000] {
        let body = format!(r#"{{"name":"n","deep":{}}}"#, nested(depth));
        let error = refused(from_json_str::<Sample>(&body));
        assert_nesting_error(&error, "deep");
    }
    // An object, and brackets inside strings that do not count.
    let deep_object =
        format!(r#"{{"name":"n","deep":{}1{}}}"#, r#"{"a":"]]]","b":"\"[[[","c":"#.repeat(128), "}".repeat(128));
    assert_nesting_error(&refused(from_json_str::<Sample>(&deep_object)), "deep");
    // Up to the limit, kept as it came, and read back.
    let body = format!(r#"{{"name":"n","deep":{},"text":"[[[[","more":{{"a":"]]"}}}}"#, nested(127));
    let sample = from_json_str::<Sample>(&body).unwrap();
    assert_eq!(sample.additional.get("deep").unwrap().get(), nested(127));
    assert!(sample.additional.get_as::<serde_json::Value>("deep").unwrap().is_ok());
    // Standalone, as serde_json reads it.
    let standalone: Result<AdditionalProperties, _> = serde_json::from_str(&format!(r#"{{"deep":{}}}"#, nested(500)));
    assert!(refused(standalone).to_string().contains("recursion limit exceeded"));
}

#[test]
fn control_information_nested_past_the_limit_is_an_error() {
    // An instance annotation, a property annotation and an advertised operation: each kept raw.
    for name in ["@odata.deep", "@ms.custom", "name@odata.deep", "#microsoft.graph.deep"] {
        for depth in [128, 100_000] {
            let body = format!(r#"{{"name":"n","{name}":{}}}"#, nested(depth));
            let error = refused(from_json_str::<Annotated>(&body));
            assert_nesting_error(&error, name);
        }
        // Up to the limit, kept and written back where it stood.
        let body = format!(r#"{{"{name}":{},"name":"n"}}"#, nested(127));
        let read = from_json_str::<Annotated>(&body).unwrap();
        let kept = read.odata.iter().find(|(kept, _)| *kept == name).map(|(_, value)| value.get());
        assert_eq!(kept, Some(&*nested(127)), "{name}");
        assert!(read.additional.is_empty(), "{name}");
    }
    // A tag-late read through the same field: the buffered value is checked too.
    let body = format!(r##"{{"name":"n","@odata.deep":{},"@odata.type":"#microsoft.graph.annotated"}}"##, nested(128));
    assert_nesting_error(&refused(from_json_str::<Annotated>(&body)), "@odata.deep");
}

#[test]
fn an_odata_type_kept_raw_in_a_catch_all_nested_past_the_limit_is_an_error() {
    let body = format!(r#"{{"@odata.type":{},"a":1}}"#, nested(100_000));
    let error = refused(serde_json::from_str::<AdditionalProperties>(&body));
    assert!(error.to_string().contains("recursion limit exceeded"), "{error}");
    let body = format!(r#"{{"@odata.type":{},"a":1}}"#, nested(127));
    let kept: AdditionalProperties = serde_json::from_str(&body).unwrap();
    assert_eq!(kept.get("@odata.type").unwrap().get(), nested(127));
}

#[test]
fn a_tag_late_polymorphic_value_nested_past_the_limit_is_an_error() {
    for tag in ["#microsoft.graph.groupTarget", "#microsoft.graph.notListed"] {
        let body = format!(r#"{{"name":"n","deep":{},"@odata.type":"{tag}"}}"#, nested(100_000));
        let error = refused(serde_json::from_str::<AnyTarget>(&body));
        assert!(error.to_string().contains("recursion limit exceeded"), "{tag}: {error}");
        // Tag first: the same.
        let body = format!(r#"{{"@odata.type":"{tag}","name":"n","deep":{}}}"#, nested(100_000));
        let error = refused(serde_json::from_str::<AnyTarget>(&body));
        assert!(error.to_string().contains("recursion limit exceeded"), "{tag}: {error}");
    }
    // Up to the limit, read.
    let body = format!(r##"{{"name":"n","deep":{},"@odata.type":"#microsoft.graph.groupTarget"}}"##, nested(127));
    let AnyTarget::GroupTarget(target) = serde_json::from_str::<AnyTarget>(&body).unwrap() else { panic!() };
    assert_eq!(target.additional.get("deep").unwrap().get(), nested(127));
}

#[test]
fn a_page_item_nested_past_the_limit_is_an_error_at_its_path() {
    let body = format!(r#"{{"value":[{{"name":"ok"}},{{"name":"n","deep":{}}}]}}"#, nested(100_000));
    let response = http::Response::builder().status(200).body(body.into_bytes()).unwrap();
    let error = refused(Sample::list().parse_response(response));
    let msgraph_entity::Error::Body(error) = &error else { panic!("{error:?}") };
    assert_nesting_error(error, "value[1].deep");
}

#[test]
fn an_inner_error_nested_past_the_limit_says_so() {
    let body = format!(
        r#"{{"error":{{"code":"BadRequest","message":"m","innerError":{{"request-id":"r","deep":{}}}}}}}"#,
        nested(100_000)
    );
    let error = GraphError::from_response(http::StatusCode::BAD_REQUEST, &http::HeaderMap::new(), body.as_bytes());
    assert!(error.message.contains("recursion limit exceeded"), "{error}");
    assert_eq!(error.raw_body.as_deref(), Some(body.as_str()), "kept whole");
    assert_eq!(error.status, 400);
}
