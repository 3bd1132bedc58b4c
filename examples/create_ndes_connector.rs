//! The request lifecycle of an ndesConnector, from the docs' example to a
//! round trip through the client.
//!
//! 1. Builds the "Create ndesConnector" request of the Graph beta docs and
//!    prints it as HTTP text the way the docs page shows it, then reads the
//!    page's example response into the typed entity and prints that.
//! 2. Sends the five operations through `msgraph_entity::client::Client`: creates a
//!    connector, lists the collection, reads the connector, updates it, reads
//!    it again, deletes it, and reads it once more (a `404` Graph error).
//!    Each request (method, URL, headers, body) and response (status, body) is
//!    printed; the token never is.
//! 3. Then it sends one `$batch`: a create, a list that depends on it and a
//!    get of a connector that does not exist, each read back as its own type
//!    (the created connector is deleted afterwards).
//! 4. Finally it creates a Windows 10 configuration profile and assigns it to a
//!    group with the `assign` action (a profile does nothing until assigned),
//!    then deletes it.
//!
//! By default parts 2 to 4 talk to `msgraph_standin::StandIn`, a local Graph
//! started in this process on 127.0.0.1 (an ephemeral port) that answers every
//! Intune collection by the beta schema, from memory: nothing leaves this machine.
//!
//! ```sh
//! cargo run --example create_ndes_connector
//! ```
//!
//! The stand-in needs the Intune beta schema (`intune-beta.csdl.xml`), which is
//! not part of the repository: it is found in `$MSGRAPH_STANDIN_METADATA` (a file),
//! `$GRAPH_SCHEMA_DIR`, or `shared/schema/` beside the workspace. Without it, the
//! example runs part 1, says on one line what it skipped, and ends successfully.
//!
//! To talk to a real tenant instead, give a service root and a token, by
//! environment variables or flags (flags win):
//!
//! ```sh
//! GRAPH_BASE_URL=https://graph.microsoft.com GRAPH_TOKEN=eyJ0... cargo run --example create_ndes_connector
//! cargo run --example create_ndes_connector -- --base-url https://graph.microsoft.com --token eyJ0...
//! ```
//!
//! The requests then go to `<base URL>/beta/deviceManagement/ndesConnectors`,
//! and create (then delete) a real connector. The token needs the
//! `DeviceManagementConfiguration.ReadWrite.All` permission.
//!
//! Or let the example get its tokens itself, as an application with a client
//! secret (`msgraph_entity::client::credentials`, the `credentials` feature); it
//! then talks to the global service (or `GRAPH_BASE_URL`):
//!
//! ```sh
//! AZURE_TENANT_ID=contoso.onmicrosoft.com AZURE_CLIENT_ID=6731de76-... AZURE_CLIENT_SECRET=... \
//!     cargo run --example create_ndes_connector
//! ```
//!
//! Against a tenant, part 4 needs the group: `GRAPH_GROUP_ID=<object id of an
//! Entra group>`; without it, it is skipped.

use graph_suite::seed;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
use msgraph_entity::client::{Client, Exchange, TokenProvider};
use msgraph_entity::{Batch, BearerToken, DateTimeOffset, Endpoint, GraphRequest, from_json_str};
use msgraph_intune::{
    DeviceConfiguration, DeviceConfigurationAssign, DeviceConfigurationAssignment, GroupAssignmentTarget,
    NdesConnector, NdesConnectorPatch, NdesConnectorState, Windows10GeneralConfiguration,
};
use msgraph_standin::{Schema, StandIn};

type AnyError = Box<dyn std::error::Error>;

/// The group part 4 assigns its profile to, in the stand-in (it holds no groups: any id will do).
const STAND_IN_GROUP_ID: &str = "0a3c1f2e-9b4d-4c7a-8e6f-5d2b1a0c9e8f";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), AnyError> {
    let target = Target::from_args_and_env()?;
    print_the_docs_example(&target)?;
    println!();

    let group = std::env::var("GRAPH_GROUP_ID").ok().filter(|group| !group.is_empty());
    match target {
        Target::Tenant { base_url, token } => {
            println!("## The lifecycle through the client, against {base_url}");
            run(&Client::new(Endpoint::with_base_url(base_url), token)?, group.as_deref()).await
        }
        Target::Credential { base_url, credential } => {
            println!("## The lifecycle through the client, against {base_url}, signed in with {credential:?}");
            run(&Client::new(Endpoint::with_base_url(base_url), credential)?, group.as_deref()).await
        }
        Target::StandIn { .. } => {
            let Ok(schema) = Schema::locate() else {
                eprintln!(
                    "skipped parts 2 to 4 (the lifecycle, the $batch and the assignment against a local stand-in): \
                     the Intune schema it answers by, intune-beta.csdl.xml, is absent (give it as \
                     $MSGRAPH_STANDIN_METADATA, in $GRAPH_SCHEMA_DIR, or in shared/schema/ beside the workspace)"
                );
                return Ok(());
            };
            let standin = StandIn::builder().metadata(schema).start().await?;
            println!("## The lifecycle through the client, against the local stand-in at {}", standin.base_url());
            // The stand-in's own client: its endpoint, and a token it accepts.
            run(&standin.client()?, Some(group.as_deref().unwrap_or(STAND_IN_GROUP_ID))).await
        }
    }
}

/// Parts 2 to 4; part 4 only with a group to assign the profile to.
async fn run<P: TokenProvider>(client: &Client<P>, group: Option<&str>) -> Result<(), AnyError> {
    run_the_lifecycle(client).await?;
    println!();
    run_a_batch(client).await?;
    println!();
    match group {
        Some(group) => create_and_assign_a_profile(client, group).await,
        None => {
            println!("## Part 4 skipped: set GRAPH_GROUP_ID to the group a test profile may be assigned to");
            Ok(())
        }
    }
}

/// Part 4: a configuration profile created, assigned to a group, then deleted.
async fn create_and_assign_a_profile<P: TokenProvider>(client: &Client<P>, group_id: &str) -> Result<(), AnyError> {
    println!("## A Windows 10 configuration profile, created and assigned to group {group_id}");
    let create = Windows10GeneralConfiguration::create()
        .display_name("Lab baseline (msgraph-entity example)")
        .description("Created by the example; deleted at its end.")
        .password_required(true)
        .build();
    let created = step(client, "Create the profile", &create).await?;
    let id = created.id.clone().ok_or("the created profile has no id")?;

    let target = GroupAssignmentTarget { group_id: Some(group_id.to_owned()), ..Default::default() };
    let assignment = DeviceConfigurationAssignment { target: Some(target.into()), ..Default::default() };
    let assign = DeviceConfiguration::assign(
        &id,
        DeviceConfigurationAssign { assignments: Some(vec![assignment]), ..Default::default() },
    )?;
    let assigned = step(client, "Assign it to the group", &assign).await?;
    println!(
        "=> {} assignment(s): {:?}",
        assigned.value.len(),
        assigned.value.iter().map(|a| a.id.as_deref()).collect::<Vec<_>>()
    );

    step(client, "Delete the profile again", &DeviceConfiguration::delete(&id)?).await?;
    println!("=> deleted");
    Ok(())
}

/// Where part 2 sends its requests.
enum Target {
    /// The in-process stand-in (`msgraph_standin::StandIn`); `token` is only used for part 1's printed request.
    StandIn { token: BearerToken },
    /// A real service root and a token for it.
    Tenant { base_url: String, token: BearerToken },
    /// A real service root, tokens from a client secret credential (`AZURE_TENANT_ID`, ...).
    Credential { base_url: String, credential: GraphCredential },
}

impl Target {
    fn from_args_and_env() -> Result<Target, AnyError> {
        let mut base_url = std::env::var("GRAPH_BASE_URL").ok().filter(|value| !value.is_empty());
        let mut token = std::env::var("GRAPH_TOKEN").ok().filter(|value| !value.is_empty());
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--base-url" => base_url = Some(args.next().ok_or("--base-url needs a value")?),
                "--token" => token = Some(args.next().ok_or("--token needs a value")?),
                "--help" | "-h" => {
                    println!("usage: create_ndes_connector [--base-url URL --token TOKEN]");
                    println!("  (or GRAPH_BASE_URL and GRAPH_TOKEN, or AZURE_TENANT_ID, AZURE_CLIENT_ID and");
                    println!("  AZURE_CLIENT_SECRET to sign in); without them, a local stand-in is used (it needs the");
                    println!("  Intune schema: $MSGRAPH_STANDIN_METADATA, $GRAPH_SCHEMA_DIR or ../shared/schema)");
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument `{other}` (try --help)").into()),
            }
        }
        if token.is_none()
            && let Some(credential) = GraphCredential::client_secret_from_env(CredentialOptions::default())?
        {
            let base_url = base_url.unwrap_or_else(|| Endpoint::GLOBAL.to_owned());
            return Ok(Target::Credential { base_url, credential });
        }
        match (base_url, token) {
            (Some(base_url), Some(token)) => Ok(Target::Tenant { base_url, token: BearerToken::new(token) }),
            (Some(_), None) => Err("a base URL needs a token: set GRAPH_TOKEN or pass --token".into()),
            (None, token) => {
                Ok(Target::StandIn { token: BearerToken::new(token.unwrap_or_else(|| "example-token".to_owned())) })
            }
        }
    }

    /// The token shown (as `Bearer <token>`) in part 1's printed request.
    fn token(&self) -> BearerToken {
        match self {
            Target::StandIn { token } | Target::Tenant { token, .. } => token.clone(),
            Target::Credential { .. } => BearerToken::new("example-token"),
        }
    }
}

/// Part 1: the docs' request as HTTP text, and the docs' response read into the typed entity.
fn print_the_docs_example(target: &Target) -> Result<(), AnyError> {
    let request = docs_request()?;
    let http = request.to_http(&Endpoint::beta(), &target.token())?;

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

fn docs_request() -> Result<msgraph_entity::CreateRequest<NdesConnector>, AnyError> {
    Ok(NdesConnector::create()
        .last_connection_date_time("2016-12-31T23:58:36.6670033-08:00".parse::<DateTimeOffset>()?)
        .state(NdesConnectorState::Active)
        .display_name("Display Name value")
        .build())
}

/// Part 2: create, list, get, update, get, delete, get (404), each exchange printed.
async fn run_the_lifecycle<P: TokenProvider>(client: &Client<P>) -> Result<(), AnyError> {
    let create = docs_request()?;
    let created = step(client, "Create", &create).await?;
    let id = created.id.ok_or("the created connector has no id")?;
    println!("=> created `{id}`");

    let page = step(client, "List", &NdesConnector::list().top(10)).await?;
    println!("=> {} connector(s) on the first page, ours among them: {}", page.value.len(), {
        page.value.iter().any(|item| item.id.as_deref() == Some(id.as_str()))
    });

    let read = step(client, "Get", &NdesConnector::get(&id)?).await?;
    println!("=> {:?}, {:?}", read.display_name, read.state);

    let patch =
        NdesConnectorPatch::default().display_name("Renamed by the example").state(NdesConnectorState::Inactive);
    let updated = step(client, "Update", &NdesConnector::update(&id, patch)?).await?;
    println!("=> updated{}", if updated.is_some() { ", and the service sent the entity back" } else { "" });

    let read = step(client, "Get after the update", &NdesConnector::get(&id)?).await?;
    println!("=> {:?}, {:?}", read.display_name, read.state);

    step(client, "Delete", &NdesConnector::delete(&id)?).await?;
    println!("=> deleted");

    match step(client, "Get after the delete", &NdesConnector::get(&id)?).await {
        Err(error) => {
            match error.downcast_ref::<msgraph_entity::Error>().and_then(msgraph_entity::Error::graph_error) {
                Some(graph) => println!("=> the expected Graph error: {graph} (code `{}`)", graph.code),
                None => return Err(error),
            }
        }
        Ok(found) => return Err(format!("the deleted connector is still there: {found:?}").into()),
    }
    Ok(())
}

/// Sends one request through the client, prints what went and came back, and reads the response.
async fn step<R: GraphRequest, P: TokenProvider>(
    client: &Client<P>,
    title: &str,
    request: &R,
) -> Result<R::Output, AnyError> {
    println!();
    println!("### {title}");
    let exchange = client.exchange(request).await?;
    print_exchange(&exchange)?;
    Ok(request.parse_response(exchange.response)?)
}

/// Part 3: three requests in one `$batch`, each read back through its typed handle.
async fn run_a_batch<P: TokenProvider>(client: &Client<P>) -> Result<(), AnyError> {
    println!("## One $batch: a create, a list that depends on it, a get of a connector that does not exist");
    let mut batch = Batch::new();
    let created = batch.add(
        NdesConnector::create()
            .last_connection_date_time("2024-06-01T08:00:00Z".parse::<DateTimeOffset>()?)
            .state(NdesConnectorState::Active)
            .display_name("Created in a batch")
            .build(),
    );
    let listed = batch.depends_on(&created).add(NdesConnector::list().top(10))?;
    let missing = batch.add(NdesConnector::get("00000000-0000-0000-0000-000000000000")?);
    let requests = batch.to_http(client.endpoint(), &BearerToken::new("<token>"))?;
    for request in &requests {
        println!("{} {}", request.method(), request.uri());
        print_body(request.body());
    }

    let responses = client.send_batch(&batch).await?;
    println!();
    let connector: NdesConnector = responses.get(&created)?;
    println!("item {}: {} => created {:?}", created.item_id(), responses.status(&created)?, connector.display_name);
    let page = responses.get(&listed)?;
    println!("item {}: {} => {} connector(s) listed", listed.item_id(), responses.status(&listed)?, page.value.len());
    match responses.get(&missing) {
        Err(error) => println!("item {}: {} => {error}", missing.item_id(), responses.status(&missing)?),
        Ok(found) => return Err(format!("a connector that should not exist was found: {found:?}").into()),
    }
    if let Some(id) = connector.id.as_deref() {
        client.send(&NdesConnector::delete(id)?).await?;
        println!("=> deleted `{id}` again");
    }
    Ok(())
}

fn print_exchange(exchange: &Exchange) -> Result<(), AnyError> {
    let request = &exchange.request;
    println!("{} {}", request.method(), request.uri());
    for (name, value) in request.headers() {
        // The client already replaced the token: `Bearer <redacted>`.
        println!("{name}: {}", value.to_str()?);
    }
    print_body(request.body());
    let response = &exchange.response;
    let retries =
        if exchange.attempts > 1 { format!(" (after {} attempts)", exchange.attempts) } else { String::new() };
    println!();
    println!("--> {}{retries}", response.status());
    print_body(response.body());
    Ok(())
}

/// A body as it went over the wire (compact JSON), after a blank line like an HTTP message.
fn print_body(body: &[u8]) {
    if !body.is_empty() {
        println!();
        println!("{}", String::from_utf8_lossy(body));
    }
}
