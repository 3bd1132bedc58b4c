//! What the client tells a `tracing` subscriber (the `tracing` feature); without the feature,
//! the same functions do nothing and cost nothing.
//!
//! One span per request, `graph_request`, covering all of its attempts and waits, with the
//! fields `method`, `path` (a template: `/deviceManagement/ndesConnectors/{id}`),
//! `client_request_id`, and once answered `status`, `attempts` and `request_id` (the service's
//! `request-id` header). Inside it, events: each attempt's status (`DEBUG`), each wait before a
//! retry and each wait at the throttling gate with its length in `wait_ms` (`INFO`), and the
//! gate closing (`INFO`). All under the target `msgraph_entity::client`.
//!
//! Never a token, a body, a query string or a key: the path is a template (see
//! [`path_template`]), so a device or user id does not end up in someone's log store.

#[cfg(feature = "tracing")]
pub(crate) use enabled::*;

#[cfg(not(feature = "tracing"))]
pub(crate) use disabled::*;

#[cfg(feature = "tracing")]
mod enabled {
    use std::borrow::Cow;
    use std::future::Future;
    use std::time::Duration;

    use http::{Method, StatusCode};
    use tracing::Instrument as _;
    use tracing::field::{Empty, display};

    use crate::{Endpoint, Error};

    /// The span of one request.
    pub(crate) type RequestSpan = tracing::Span;

    /// The span of a request; its URL and path template are only worked out when a subscriber wants the span.
    pub(crate) fn request_span(
        method: &Method,
        client_request_id: &str,
        endpoint: &Endpoint,
        url: impl FnOnce() -> Result<String, Error>,
    ) -> RequestSpan {
        let span = tracing::info_span!(
            target: "msgraph_entity::client",
            "graph_request",
            method = %method,
            path = Empty,
            client_request_id,
            status = Empty,
            attempts = Empty,
            request_id = Empty,
        );
        if !span.is_disabled() {
            // A URL that cannot be built fails the request before anything is sent; its span has no path.
            if let Ok(url) = url() {
                span.record("path", display(path_template(&url, endpoint)));
            }
        }
        span
    }

    /// Runs `future` inside `span`.
    pub(crate) fn in_span<F: Future>(span: RequestSpan, future: F) -> impl Future<Output = F::Output> {
        future.instrument(span)
    }

    /// The answer a request ended with.
    pub(crate) fn answered(span: &RequestSpan, status: StatusCode, attempts: u32, request_id: Option<&str>) {
        span.record("status", status.as_u16());
        span.record("attempts", attempts);
        if let Some(request_id) = request_id {
            span.record("request_id", request_id);
        }
    }

    /// One attempt's status.
    pub(crate) fn attempt(attempt: u32, status: StatusCode) {
        tracing::debug!(target: "msgraph_entity::client", attempt, status = status.as_u16(), "attempt answered");
    }

    /// A wait before attempt `attempt + 1`, after a response with `status`.
    pub(crate) fn retry_wait(attempt: u32, status: StatusCode, wait: Duration) {
        tracing::info!(
            target: "msgraph_entity::client",
            attempt,
            status = status.as_u16(),
            wait_ms = millis(wait),
            "waiting before retrying"
        );
    }

    /// A wait at the throttling gate, closed by another response.
    pub(crate) fn gate_wait(wait: Duration) {
        tracing::info!(target: "msgraph_entity::client", wait_ms = millis(wait), "waiting at the throttling gate");
    }

    /// A response that closed the throttling gate for every request of the client.
    pub(crate) fn gate_closed(status: StatusCode, wait: Duration) {
        tracing::info!(
            target: "msgraph_entity::client",
            status = status.as_u16(),
            wait_ms = millis(wait),
            "throttled: no request is sent before the Retry-After has passed"
        );
    }

    fn millis(wait: Duration) -> u64 {
        u64::try_from(wait.as_millis()).unwrap_or(u64::MAX)
    }

    /// The path of `url` below `endpoint`'s version root with every key replaced by `{id}`:
    /// `/deviceManagement/ndesConnectors/{id}/microsoft.graph.f(…)`; no query, no fragment.
    ///
    /// A request carries its path filled, not its template, so the template is worked out
    /// from the path's shape. Graph names (navigation properties, singletons, casts, bound
    /// operations) are OData identifiers: letters, digits and `_`, starting with a letter or
    /// `_`, joined by `.`; or `$` and letters (`$batch`, `$count`, `$ref`). A segment of any
    /// other shape is a key: a GUID, a UPN (`%40`), a composite id (`…_…-…`), a number. Two
    /// more rules catch keys that look like names: hex digits alone with a digit among them
    /// (`e71f`, a GUID written without dashes), and four digits or more (a name like
    /// `windows10GeneralConfiguration` has at most three). A function call keeps its name and
    /// drops its parameters' values: `getSettings(…)`.
    ///
    /// What this cannot tell: a key made only of letters (`contoso`), which Graph's ids and
    /// user principal names are not.
    fn path_template(url: &str, endpoint: &Endpoint) -> String {
        let root = endpoint.url("");
        let rest = match url.strip_prefix(&root) {
            Some(rest) => rest,
            None => url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("", |at| &rest[at..])),
        };
        let path = rest.split(['?', '#']).next().unwrap_or_default();
        let mut template = String::with_capacity(path.len());
        for segment in path.split('/').skip(1) {
            template.push('/');
            template.push_str(&segment_template(segment));
        }
        if template.is_empty() {
            template.push('/');
        }
        template
    }

    fn segment_template(segment: &str) -> Cow<'_, str> {
        let (name, parameters) = match segment.find('(') {
            Some(open) => (&segment[..open], true),
            None => (segment, false),
        };
        match (segment.is_empty() || is_name(name), parameters) {
            (true, false) => Cow::Borrowed(segment),
            (true, true) => Cow::Owned(format!("{name}(…)")),
            (false, _) => Cow::Borrowed("{id}"),
        }
    }

    fn is_name(segment: &str) -> bool {
        if let Some(system) = segment.strip_prefix('$') {
            return !system.is_empty() && system.bytes().all(|byte| byte.is_ascii_alphabetic());
        }
        let identifier = |part: &str| {
            part.bytes().next().is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
                && part.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        };
        let digits = segment.bytes().filter(u8::is_ascii_digit).count();
        let hex_alone = segment.bytes().all(|byte| byte.is_ascii_hexdigit());
        segment.split('.').all(identifier) && !(digits > 0 && hex_alone) && digits < 4
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn keys_become_id_and_names_stay() {
            let endpoint = Endpoint::beta();
            let root = "https://graph.microsoft.com/beta";
            for (path, template) in [
                ("/deviceManagement/ndesConnectors", "/deviceManagement/ndesConnectors"),
                (
                    "/deviceManagement/ndesConnectors?$top=999&$filter=displayName%20eq%20'Adele'",
                    "/deviceManagement/ndesConnectors",
                ),
                (
                    "/deviceManagement/ndesConnectors/e71fa706-a706-e71f-06a7-1fe706a71fe7",
                    "/deviceManagement/ndesConnectors/{id}",
                ),
                ("/deviceManagement/ndesConnectors/e71f", "/deviceManagement/ndesConnectors/{id}"),
                (
                    "/deviceManagement/ndesConnectors/e71fa706a706e71f06a71fe706a71fe7",
                    "/deviceManagement/ndesConnectors/{id}",
                ),
                ("/users/adele.vance%40contoso.com/managedDevices", "/users/{id}/managedDevices"),
                (
                    "/deviceManagement/managedDevices/0f1e_2d3c-4b5a/microsoft.graph.syncDevice",
                    "/deviceManagement/managedDevices/{id}/microsoft.graph.syncDevice",
                ),
                (
                    "/deviceManagement/deviceConfigurations/12345/assignments/9",
                    "/deviceManagement/deviceConfigurations/{id}/assignments/{id}",
                ),
                (
                    "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration",
                    "/deviceManagement/deviceConfigurations/microsoft.graph.windows10GeneralConfiguration",
                ),
                (
                    "/deviceManagement/x/microsoft.graph.getSettings(scope='Adele%20Vance',top=3)",
                    "/deviceManagement/x/microsoft.graph.getSettings(…)",
                ),
                ("/deviceManagement/ndesConnectors/$count", "/deviceManagement/ndesConnectors/$count"),
                ("/$batch", "/$batch"),
                ("/a/b%2Fc/d", "/a/{id}/d"),
                ("", "/"),
            ] {
                assert_eq!(path_template(&format!("{root}{path}"), &endpoint), template, "{path}");
            }
            // A URL outside the endpoint (never sent, but never printed whole either): its whole path,
            // `v1.0` not being a name.
            assert_eq!(path_template("http://127.0.0.1:1/v1.0/users/1a2b-3c?x=1", &endpoint), "/{id}/users/{id}");
        }
    }
}

#[cfg(not(feature = "tracing"))]
mod disabled {
    use std::future::Future;
    use std::time::Duration;

    use http::{Method, StatusCode};

    use crate::{Endpoint, Error};

    /// No span: the `tracing` feature is off.
    #[derive(Clone)]
    pub(crate) struct RequestSpan;

    pub(crate) fn request_span(
        _: &Method,
        _: &str,
        _: &Endpoint,
        _: impl FnOnce() -> Result<String, Error>,
    ) -> RequestSpan {
        RequestSpan
    }

    pub(crate) fn in_span<F: Future>(_: RequestSpan, future: F) -> F {
        future
    }

    pub(crate) fn answered(_: &RequestSpan, _: StatusCode, _: u32, _: Option<&str>) {}

    pub(crate) fn attempt(_: u32, _: StatusCode) {}

    pub(crate) fn retry_wait(_: u32, _: StatusCode, _: Duration) {}

    pub(crate) fn gate_wait(_: Duration) {}

    pub(crate) fn gate_closed(_: StatusCode, _: Duration) {}
}
