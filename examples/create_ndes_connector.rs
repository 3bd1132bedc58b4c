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
//!
//! By default part 2 talks to a stand-in for the ndesConnectors collection
//! that the example starts itself on 127.0.0.1 (an ephemeral port): it keeps
//! connectors in memory, and nothing leaves this machine.
//!
//! ```sh
//! cargo run --example create_ndes_connector
//! ```
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
//! 3. Then it sends one `$batch`: a create, a list that depends on it and a
//!    get of a connector that does not exist, each read back as its own type
//!    (the created connector is deleted afterwards).
//! 4. Finally it creates a Windows 10 configuration profile and assigns it to a
//!    group with the `assign` action (a profile does nothing until assigned),
//!    then deletes it. Against a tenant this part needs the group:
//!    `GRAPH_GROUP_ID=<object id of an Entra group>`; without it, it is skipped.

use std::sync::Arc;
use std::sync::Mutex;

use graph_suite::seed;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
use msgraph_entity::client::{Client, Exchange, TokenProvider};
use msgraph_entity::{Batch, BearerToken, DateTimeOffset, Endpoint, GraphRequest, from_json_str};
use msgraph_intune::{
    DeviceConfiguration, DeviceConfigurationAssign, DeviceConfigurationAssignment, GroupAssignmentTarget,
    NdesConnector, NdesConnectorPatch, NdesConnectorState, Windows10GeneralConfiguration,
};

type AnyError = Box<dyn std::error::Error>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), AnyError> {
    let target = Target::from_args_and_env()?;
    print_the_docs_example(&target)?;
    println!();

    match target {
        Target::Tenant { base_url, token } => {
            println!("## The lifecycle through the client, against {base_url}");
            run(&Client::new(Endpoint::with_base_url(base_url), token)?).await
        }
        Target::Credential { base_url, credential } => {
            println!("## The lifecycle through the client, against {base_url}, signed in with {credential:?}");
            run(&Client::new(Endpoint::with_base_url(base_url), credential)?).await
        }
        Target::StandIn { .. } => {
            let base_url = stand_in::start().await?;
            println!("## The lifecycle through the client, against the local stand-in at {base_url}");
            run(&Client::new(Endpoint::with_base_url(base_url), BearerToken::new("stand-in-token"))?).await
        }
    }
}

async fn run<P: TokenProvider>(client: &Client<P>) -> Result<(), AnyError> {
    run_the_lifecycle(client).await?;
    println!();
    run_a_batch(client).await?;
    println!();
    let group = std::env::var("GRAPH_GROUP_ID").ok().filter(|group| !group.is_empty());
    match group {
        Some(group) => create_and_assign_a_profile(client, &group).await,
        None if is_stand_in(client) => create_and_assign_a_profile(client, stand_in::GROUP_ID).await,
        None => {
            println!("## Part 4 skipped: set GRAPH_GROUP_ID to the group a test profile may be assigned to");
            Ok(())
        }
    }
}

fn is_stand_in<P: TokenProvider>(client: &Client<P>) -> bool {
    client.endpoint().base_url().starts_with("http://127.0.0.1")
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
    /// The in-process stand-in; `token` is only used for part 1's printed request.
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
                    println!("  AZURE_CLIENT_SECRET to sign in); without them, a local stand-in is used");
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

/// A stand-in for `/beta/deviceManagement/ndesConnectors` (and, for part 4, device configurations
/// and their `assign` action): HTTP/1.1 on 127.0.0.1, everything in memory.
mod stand_in {
    use super::*;

    use serde_json::{Map, Value, json};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    const COLLECTION: &str = "/beta/deviceManagement/ndesConnectors";
    const ODATA_TYPE: &str = "#microsoft.graph.ndesConnector";
    const CONFIGURATIONS: &str = "/beta/deviceManagement/deviceConfigurations";
    /// The group part 4 assigns its profile to, here.
    pub const GROUP_ID: &str = "0a3c1f2e-9b4d-4c7a-8e6f-5d2b1a0c9e8f";

    #[derive(Default)]
    struct State {
        connectors: Vec<Map<String, Value>>,
        configurations: Vec<Map<String, Value>>,
        created: u64,
        requests: u64,
    }

    struct Request {
        method: String,
        path: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Request {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
        }
    }

    struct Response {
        status: u16,
        body: Option<Value>,
    }

    /// Starts the stand-in on an ephemeral port of 127.0.0.1 and returns its base URL.
    pub async fn start() -> std::io::Result<String> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(Mutex::new(State::default()));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, state.clone()));
            }
        });
        Ok(base_url)
    }

    /// One connection: requests one after the other (keep-alive), until the client closes it.
    async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) {
        let mut buffer = Vec::new();
        while let Some(request) = read_request(&mut stream, &mut buffer).await {
            let (response, request_id) = {
                let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                state.requests += 1;
                (handle(&mut state, &request), format!("00000000-0000-4000-8000-{:012x}", state.requests))
            };
            let reason = http::StatusCode::from_u16(response.status).ok().and_then(|s| s.canonical_reason());
            let mut head =
                format!("HTTP/1.1 {} {}\r\nrequest-id: {request_id}\r\n", response.status, reason.unwrap_or(""));
            if let Some(id) = request.header("client-request-id") {
                head.push_str(&format!("client-request-id: {id}\r\n"));
            }
            let body = match response.body {
                Some(mut body) => {
                    // Graph's errors carry the ids of the request.
                    if let Some(inner) = body.pointer_mut("/error/innerError").and_then(Value::as_object_mut) {
                        inner.insert("request-id".into(), json!(request_id));
                        if let Some(id) = request.header("client-request-id") {
                            inner.insert("client-request-id".into(), json!(id));
                        }
                    }
                    let text = serde_json::to_vec(&body).unwrap_or_default();
                    head.push_str("content-type: application/json\r\n");
                    head.push_str(&format!("content-length: {}\r\n", text.len()));
                    text
                }
                None => Vec::new(),
            };
            head.push_str("\r\n");
            let mut bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
            if stream.write_all(&bytes).await.is_err() {
                return;
            }
        }
    }

    /// Reads one request (head, then a `Content-Length` body), or `None` once the connection ends.
    async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Request> {
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end;
            }
            read_more(stream, buffer).await?;
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next()?.split(' ');
        let (method, path) = (request_line.next()?.to_owned(), request_line.next()?.to_owned());
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        let length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.parse::<usize>().ok())
            .unwrap_or(0);
        let total = head_end + 4 + length;
        while buffer.len() < total {
            read_more(stream, buffer).await?;
        }
        let body = buffer[head_end + 4..total].to_vec();
        buffer.drain(..total);
        Some(Request { method, path, headers, body })
    }

    async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => None,
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                Some(())
            }
        }
    }

    fn handle(state: &mut State, request: &Request) -> Response {
        if !request.header("authorization").is_some_and(|value| value.starts_with("Bearer ")) {
            return error(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        if request.method == "POST" && request.path == "/beta/$batch" {
            return handle_batch(state, request);
        }
        // Query options ($top, $select...) are accepted and ignored.
        let path = request.path.split('?').next().unwrap_or_default();
        if let Some(rest) = path.strip_prefix(CONFIGURATIONS) {
            return handle_configurations(state, request, rest);
        }
        let Some(rest) = path.strip_prefix(COLLECTION) else {
            return error(404, "ResourceNotFound", &format!("Resource not found for the segment '{path}'."));
        };
        match (request.method.as_str(), rest.strip_prefix('/')) {
            ("GET", None) if rest.is_empty() => {
                let value: Vec<Value> = state.connectors.iter().cloned().map(Value::Object).collect();
                ok(200, json!({ "@odata.context": "$metadata#deviceManagement/ndesConnectors", "value": value }))
            }
            ("POST", None) if rest.is_empty() => {
                let Some(mut body) = json_object(&request.body) else {
                    return error(400, "BadRequest", "The body is not a JSON object.");
                };
                if body.get("@odata.type").and_then(Value::as_str) != Some(ODATA_TYPE) {
                    return error(400, "BadRequest", "The body's @odata.type is not #microsoft.graph.ndesConnector.");
                }
                state.created += 1;
                let id = format!("e71fa706-a706-4e71-86a7-{:012x}", state.created);
                body.insert("id".into(), json!(id));
                state.connectors.push(body.clone());
                ok(201, Value::Object(body))
            }
            (method, Some(id)) if !id.is_empty() && !id.contains('/') => {
                let Some(index) = state.connectors.iter().position(|item| item.get("id") == Some(&json!(id))) else {
                    return error(404, "ResourceNotFound", &format!("No ndesConnector with id '{id}'."));
                };
                match method {
                    "GET" => ok(200, Value::Object(state.connectors[index].clone())),
                    "PATCH" => {
                        let Some(patch) = json_object(&request.body) else {
                            return error(400, "BadRequest", "The body is not a JSON object.");
                        };
                        for (name, value) in patch {
                            if name != "id" && name != "@odata.type" {
                                state.connectors[index].insert(name, value);
                            }
                        }
                        Response { status: 204, body: None }
                    }
                    "DELETE" => {
                        state.connectors.remove(index);
                        Response { status: 204, body: None }
                    }
                    _ => error(405, "MethodNotAllowed", "The method is not allowed on an ndesConnector."),
                }
            }
            ("GET" | "POST", None) => {
                error(404, "ResourceNotFound", &format!("Resource not found for the segment '{path}'."))
            }
            _ => error(405, "MethodNotAllowed", "The method is not allowed here."),
        }
    }

    /// Device configurations: create, `assign` (each assignment gets an id), delete.
    fn handle_configurations(state: &mut State, request: &Request, rest: &str) -> Response {
        let segments: Vec<&str> = rest.split('/').filter(|segment| !segment.is_empty()).collect();
        let position =
            |state: &State, id: &str| state.configurations.iter().position(|item| item.get("id") == Some(&json!(id)));
        match (request.method.as_str(), segments.as_slice()) {
            ("POST", []) => {
                let Some(mut body) = json_object(&request.body) else {
                    return error(400, "BadRequest", "The body is not a JSON object.");
                };
                if !body
                    .get("@odata.type")
                    .and_then(Value::as_str)
                    .is_some_and(|tag| tag.starts_with("#microsoft.graph."))
                {
                    return error(
                        400,
                        "BadRequest",
                        "Cannot create an abstract class: give the profile's @odata.type.",
                    );
                }
                state.created += 1;
                body.insert("id".into(), json!(format!("9b6a7c2e-1f0d-4b8e-a3c5-{:012x}", state.created)));
                state.configurations.push(body.clone());
                ok(201, Value::Object(body))
            }
            ("POST", [id, "microsoft.graph.assign"]) => {
                if position(state, id).is_none() {
                    return error(404, "ResourceNotFound", &format!("No deviceConfiguration with id '{id}'."));
                }
                let assignments = json_object(&request.body).and_then(|mut body| body.remove("assignments"));
                let Some(Value::Array(assignments)) = assignments else {
                    return error(400, "BadRequest", "assign takes {\"assignments\": [...]}.");
                };
                let value: Vec<Value> = assignments
                    .into_iter()
                    .enumerate()
                    .map(|(index, mut assignment)| {
                        assignment["id"] = json!(format!("{id}_{index}"));
                        assignment
                    })
                    .collect();
                ok(
                    200,
                    json!({ "@odata.context": "$metadata#Collection(microsoft.graph.deviceConfigurationAssignment)", "value": value }),
                )
            }
            ("DELETE", [id]) => match position(state, id) {
                Some(index) => {
                    state.configurations.remove(index);
                    Response { status: 204, body: None }
                }
                None => error(404, "ResourceNotFound", &format!("No deviceConfiguration with id '{id}'.")),
            },
            _ => {
                error(405, "MethodNotAllowed", "The stand-in knows create, assign and delete of device configurations.")
            }
        }
    }

    /// `$batch`: each item handled as if sent alone, in order (so `dependsOn` holds), `424` after a failure.
    fn handle_batch(state: &mut State, batch: &Request) -> Response {
        let Some(items) = json_object(&batch.body).and_then(|mut body| body.remove("requests")) else {
            return error(400, "BadRequest", "A batch body is {\"requests\": [...]}.");
        };
        let mut failed: Vec<Value> = Vec::new();
        let mut responses = Vec::new();
        for item in items.as_array().into_iter().flatten() {
            let id = item["id"].clone();
            let depends_on = item["dependsOn"].as_array().cloned().unwrap_or_default();
            if depends_on.iter().any(|dependency| failed.contains(dependency)) {
                failed.push(id.clone());
                responses.push(json!({ "id": id, "status": 424 }));
                continue;
            }
            let request = Request {
                method: item["method"].as_str().unwrap_or_default().to_owned(),
                path: format!("/beta{}", item["url"].as_str().unwrap_or_default()),
                headers: batch.headers.clone(),
                body: item.get("body").map(|body| body.to_string().into_bytes()).unwrap_or_default(),
            };
            let response = handle(state, &request);
            if response.status >= 400 {
                failed.push(id.clone());
            }
            let mut answer = json!({ "id": id, "status": response.status });
            if let Some(body) = response.body {
                answer["headers"] = json!({ "Content-Type": "application/json" });
                answer["body"] = body;
            }
            responses.push(answer);
        }
        // The service answers in any order.
        responses.reverse();
        ok(200, json!({ "responses": responses }))
    }

    fn json_object(body: &[u8]) -> Option<Map<String, Value>> {
        match serde_json::from_slice(body) {
            Ok(Value::Object(object)) => Some(object),
            _ => None,
        }
    }

    fn ok(status: u16, body: Value) -> Response {
        Response { status, body: Some(body) }
    }

    fn error(status: u16, code: &str, message: &str) -> Response {
        Response { status, body: Some(json!({ "error": { "code": code, "message": message, "innerError": {} } })) }
    }
}
