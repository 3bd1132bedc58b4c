//! What the client tests share: stand-ins on the small schema, and readings of what they recorded.

use std::time::Duration;

use msgraph_entity::Error;
use msgraph_standin::{RecordedExchange, StandIn, StandInBuilder};

/// The path of the token endpoint, for any tenant, as a fault pattern.
pub const TOKEN_ENDPOINT: &str = "*/oauth2/v2.0/token";

/// A builder on the small schema of `tests/data` (NDES connectors, device configurations).
pub fn small() -> StandInBuilder {
    StandIn::builder().schema(crate::support::small_schema())
}

/// A stand-in on the small schema that signs clients in, and a token it issued: a request it
/// answers carried that token whole (any other is answered `401`), though its recording shows
/// `Bearer <redacted>`.
pub async fn signed_in() -> (StandIn, String) {
    let standin = small().sign_in(msgraph_standin::SignIn::new()).start().await.unwrap();
    let token = standin.issue_token().unwrap();
    (standin, token)
}

/// The requests to the Graph service, oldest first (not those to the token endpoint).
pub fn graph_requests(standin: &StandIn) -> Vec<RecordedExchange> {
    standin.requests().into_iter().filter(|exchange| !exchange.path().ends_with("/oauth2/v2.0/token")).collect()
}

/// The requests to the token endpoint, oldest first.
pub fn token_requests(standin: &StandIn) -> Vec<RecordedExchange> {
    standin.requests().into_iter().filter(|exchange| exchange.path().ends_with("/oauth2/v2.0/token")).collect()
}

/// The time between each request and the next, as they arrived.
pub fn gaps(exchanges: &[RecordedExchange]) -> Vec<Duration> {
    exchanges.windows(2).map(|pair| pair[1].at.duration_since(pair[0].at).unwrap_or_default()).collect()
}

/// The `@odata.nextLink` an exchange answered.
pub fn next_link(exchange: &RecordedExchange) -> String {
    exchange.response_json().unwrap()["@odata.nextLink"].as_str().unwrap().to_owned()
}

/// A UUID as text, version 4 (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`).
pub fn assert_uuid_v4(text: &str) {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    assert_eq!(lengths, [8, 4, 4, 4, 12], "{text}");
    assert!(text.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{text}");
    assert!(groups[2].starts_with('4') && matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{text}");
}

/// Everything an application could print of an error: Display, Debug, the source chain.
pub fn printed(error: &Error) -> String {
    let mut text = format!("{error} {error:?} {error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    text
}
