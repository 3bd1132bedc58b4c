//! Builds the "Create ndesConnector" request of the Graph beta docs, prints it
//! as HTTP text the way the docs page shows it, then reads the page's example
//! response into the typed entity and prints that.
//!
//! Run with `cargo run --example create_ndes_connector`. The token is taken
//! from `GRAPH_TOKEN` when set; it is never printed either way.

use graph_core::{BearerToken, DateTimeOffset, Endpoint, GraphRequest, from_json_str};
use graph_intune::deviceconfig::{NdesConnector, NdesConnectorState};
use graph_suite::seed;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = BearerToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_else(|_| "example-token".to_owned()));

    let request = NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>()?)
        .state(NdesConnectorState::Active)
        .display_name("Display Name value")
        .build();
    let http = request.to_http(&Endpoint::beta(), &token)?;

    println!("### Request");
    println!("{} {} {:?}", http.method(), http.uri(), http.version());
    for (name, value) in http.headers() {
        // `http` marks the Authorization value sensitive; print it the way the docs do.
        let value = if value.is_sensitive() { "Bearer <token>" } else { value.to_str()? };
        println!("{name}: {value}");
    }
    println!();
    // On the wire the body is compact JSON (its length is the Content-Length above); shown pretty, like the docs.
    println!("{}", serde_json::to_string_pretty(request.body())?);

    println!();
    println!("### Response (the docs' example, read into the typed entity)");
    let created: NdesConnector = from_json_str(seed::NDES_CONNECTOR_RESPONSE)?;
    println!("{created:#?}");
    Ok(())
}
