//! `POST /{version}/$batch` as the service does it: at most 20 requests, each answered by
//! the same handlers as if sent alone, in order; an item whose `dependsOn` names an item that
//! failed answers `424 Failed Dependency`; ids echoed as sent.

use std::collections::HashMap;

use http::{Method, StatusCode};
use serde_json::{Map, Value, json};

use crate::error::ServiceError;
use crate::service::{Answer, Call, RequestIds, Service, parse_body};

/// The most requests one `$batch` may carry.
pub(crate) const MAX_ITEMS: usize = 20;

/// One request of a batch, as read.
struct Item {
    id: String,
    method: Method,
    path: String,
    query: String,
    body: Vec<u8>,
    depends_on: Vec<String>,
}

/// Answers a `$batch`. `item_fault` gives the answer a fault rule imposes on an item (a
/// throttled item), given its method and path.
pub(crate) fn answer(
    service: &Service,
    call: &Call<'_>,
    item_fault: &dyn Fn(&Method, &str) -> Option<Answer>,
) -> Result<Answer, ServiceError> {
    let items = read_items(call.body)?;
    let mut succeeded: HashMap<&str, bool> = HashMap::new();
    let mut responses = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let ids = RequestIds {
            request_id: uuid::Uuid::new_v4().to_string(),
            client_request_id: call.ids.client_request_id.clone(),
        };
        let failed_dependency = item.depends_on.iter().find(|dependency| !succeeded[dependency.as_str()]);
        let answer = if let Some(dependency) = failed_dependency {
            Answer::error(
                &ServiceError::new(
                    StatusCode::FAILED_DEPENDENCY,
                    "FailedDependency",
                    format!("The request '{}' depends on '{dependency}', which failed.", item.id),
                ),
                &ids,
                service.clock.now(),
            )
        } else if let Some(answer) = item_fault(&item.method, &item.path) {
            answer
        } else {
            let item_call = Call {
                method: &item.method,
                version: call.version,
                path: &item.path,
                query: &item.query,
                body: &item.body,
                ids: &ids,
            };
            service.handle(&item_call)
        };
        succeeded.insert(&item.id, answer.is_success());
        responses.push(item_response(&item.id, &answer));
        debug_assert_eq!(responses.len(), index + 1);
    }
    Ok(Answer::json(StatusCode::OK, &json!({ "responses": responses })))
}

fn read_items(body: &[u8]) -> Result<Vec<Item>, ServiceError> {
    let body = parse_body(body)?;
    let Some(Value::Array(requests)) = body.get("requests") else {
        return Err(ServiceError::bad_request("A $batch body is {\"requests\": [...]}."));
    };
    if requests.is_empty() {
        return Err(ServiceError::bad_request("A $batch holds at least one request."));
    }
    if requests.len() > MAX_ITEMS {
        return Err(ServiceError::bad_request(format!(
            "The number of batch requests ({}) exceeds the limit of {MAX_ITEMS}.",
            requests.len()
        )));
    }
    let mut items: Vec<Item> = Vec::with_capacity(requests.len());
    for (index, request) in requests.iter().enumerate() {
        let field = |name: &str| request.get(name).and_then(Value::as_str);
        let id = match request.get("id") {
            Some(Value::String(id)) if !id.is_empty() => id.clone(),
            Some(Value::Number(number)) => number.to_string(),
            _ => return Err(ServiceError::bad_request(format!("Request {index} of the batch has no 'id'."))),
        };
        if items.iter().any(|item| item.id == id) {
            return Err(ServiceError::bad_request(format!("The id '{id}' is used by two requests of the batch.")));
        }
        let method = field("method")
            .and_then(|method| Method::from_bytes(method.to_ascii_uppercase().as_bytes()).ok())
            .ok_or_else(|| {
                ServiceError::bad_request(format!("The request '{id}' of the batch has no valid 'method'."))
            })?;
        let url = field("url")
            .ok_or_else(|| ServiceError::bad_request(format!("The request '{id}' of the batch has no 'url'.")))?;
        if url.contains("://") {
            return Err(ServiceError::bad_request(format!(
                "The url of the request '{id}' must be relative to the version root (/deviceManagement/...), not '{url}'."
            )));
        }
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        if path.trim_start_matches('/').starts_with("$batch") {
            return Err(ServiceError::bad_request("A $batch cannot hold another $batch."));
        }
        let depends_on: Vec<String> = match request.get("dependsOn") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(ids)) => ids
                .iter()
                .map(|dependency| match dependency {
                    Value::String(text) => Ok(text.clone()),
                    Value::Number(number) => Ok(number.to_string()),
                    _ => Err(ServiceError::bad_request(format!("The dependsOn of '{id}' names ids as strings."))),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(ServiceError::bad_request(format!("The dependsOn of '{id}' is an array of ids."))),
        };
        for dependency in &depends_on {
            if !items.iter().any(|item| &item.id == dependency) {
                return Err(ServiceError::bad_request(format!(
                    "The request '{id}' depends on '{dependency}', which is not a request before it in the batch."
                )));
            }
        }
        let body = match request.get("body") {
            None | Some(Value::Null) => Vec::new(),
            Some(body) => serde_json::to_vec(body).unwrap_or_default(),
        };
        items.push(Item { id, method, path, query: query.to_owned(), body, depends_on });
    }
    Ok(items)
}

/// `{"id", "status", "headers", "body"}`: a JSON body inline, any other as text.
fn item_response(id: &str, answer: &Answer) -> Value {
    let mut response = Map::new();
    response.insert("id".into(), Value::String(id.to_owned()));
    response.insert("status".into(), Value::from(answer.status.as_u16()));
    let mut headers = Map::new();
    if let Some(content_type) = answer.content_type {
        headers.insert("Content-Type".into(), Value::String(content_type.to_owned()));
    }
    for (name, value) in &answer.headers {
        headers.insert(header_title(name), Value::String(value.clone()));
    }
    if !headers.is_empty() {
        response.insert("headers".into(), Value::Object(headers));
    }
    if !answer.body.is_empty() {
        let body = serde_json::from_slice(&answer.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&answer.body).into_owned()));
        response.insert("body".into(), body);
    }
    Value::Object(response)
}

/// `retry-after` → `Retry-After`, as the service writes item headers.
fn header_title(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_batches_are_refused_whole() {
        let too_many: Vec<Value> =
            (0..21).map(|n| json!({"id": n.to_string(), "method": "GET", "url": "/deviceManagement"})).collect();
        for (body, message) in [
            (json!({"requests": too_many}), "exceeds the limit of 20"),
            (json!({}), "{\"requests\": [...]}"),
            (json!({"requests": []}), "at least one"),
            (json!({"requests": [{"method": "GET", "url": "/x"}]}), "has no 'id'"),
            (
                json!({"requests": [{"id": "1", "method": "GET", "url": "/x"}, {"id": "1", "method": "GET", "url": "/y"}]}),
                "used by two",
            ),
            (
                json!({"requests": [{"id": "1", "method": "GET", "url": "/x", "dependsOn": ["2"]}, {"id": "2", "method": "GET", "url": "/y"}]}),
                "not a request before it",
            ),
            (
                json!({"requests": [{"id": "1", "method": "GET", "url": "https://graph.microsoft.com/beta/x"}]}),
                "must be relative",
            ),
            (json!({"requests": [{"id": "1", "method": "POST", "url": "/$batch"}]}), "another $batch"),
        ] {
            let error = read_items(body.to_string().as_bytes()).err().unwrap_or_else(|| panic!("{body} was read"));
            assert!(error.message.contains(message), "{body}: {}", error.message);
        }
        assert_eq!(header_title("retry-after"), "Retry-After");
    }
}
