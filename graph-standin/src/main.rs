//! `msgraph-standin`: the stand-in as a program, for clients in any language.
//!
//! ```sh
//! cargo run -p msgraph-standin -- --port 8080 --metadata beta.xml --seed exports.json
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use msgraph_standin::{SignIn, StandIn};

const USAGE: &str = "\
usage: msgraph-standin [--port PORT] [--metadata FILE] [--seed FILE]... [--page-size N]
                       [--sign-in [--token-lifetime SECONDS] [--certificate-out FILE]]
                       [--record-limit N]

Serves a Microsoft Graph stand-in on http://127.0.0.1:PORT/beta (and /v1.0) until Ctrl-C.

  --port PORT            the port of 127.0.0.1 (default: 8080; 0 for any free port)
  --metadata FILE        the $metadata document to answer by (default: $MSGRAPH_STANDIN_METADATA,
                         $GRAPH_SCHEMA_DIR/intune-beta.csdl.xml, or shared/schema/intune-beta.csdl.xml
                         in the working directory or a parent)
  --seed FILE            objects to start with: {\"cases\": [{\"collection\", \"body\"}]} or
                         {\"/collection/path\": [...]}; may be given more than once
  --page-size N          items per page (default: 100)
  --sign-in              serve a token endpoint (client credentials, HTTPS) and require its tokens
  --token-lifetime SECS  how long a token is valid (default: 3600)
  --certificate-out FILE write the token endpoint's certificate (PEM) there, for clients to trust
  --record-limit N       keep the newest N exchanges (default: 10000)";

struct Options {
    port: u16,
    metadata: Option<PathBuf>,
    seeds: Vec<PathBuf>,
    page_size: Option<usize>,
    sign_in: bool,
    token_lifetime: Option<u64>,
    certificate_out: Option<PathBuf>,
    record_limit: usize,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 8080,
        metadata: None,
        seeds: Vec::new(),
        page_size: None,
        sign_in: false,
        token_lifetime: None,
        certificate_out: None,
        record_limit: 10_000,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let number =
            |name: &str, text: String| text.parse::<u64>().map_err(|_| format!("{name}: `{text}` is not a number"));
        match arg.as_str() {
            "--port" => {
                let text = value("--port")?;
                options.port = text.parse().map_err(|_| format!("--port: `{text}` is not a port"))?;
            }
            "--metadata" => options.metadata = Some(value("--metadata")?.into()),
            "--seed" => options.seeds.push(value("--seed")?.into()),
            "--page-size" => options.page_size = Some(number("--page-size", value("--page-size")?)? as usize),
            "--sign-in" => options.sign_in = true,
            "--token-lifetime" => {
                options.token_lifetime = Some(number("--token-lifetime", value("--token-lifetime")?)?)
            }
            "--certificate-out" => options.certificate_out = Some(value("--certificate-out")?.into()),
            "--record-limit" => options.record_limit = number("--record-limit", value("--record-limit")?)? as usize,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(Some(options))
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("msgraph-standin: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("msgraph-standin: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("msgraph-standin: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(options: Options) -> Result<(), String> {
    let mut builder = StandIn::builder().port(options.port).record_limit(options.record_limit);
    if let Some(metadata) = &options.metadata {
        builder = builder.metadata(metadata);
    }
    if let Some(page_size) = options.page_size {
        builder = builder.page_size(page_size);
    }
    if options.sign_in {
        let mut sign_in = SignIn::new();
        if let Some(seconds) = options.token_lifetime {
            sign_in = sign_in.token_lifetime(std::time::Duration::from_secs(seconds));
        }
        builder = builder.sign_in(sign_in);
    }
    let started = std::time::Instant::now();
    let standin = builder.start().await.map_err(|error| error.to_string())?;
    for seed in &options.seeds {
        let report = standin.load_seed(seed).map_err(|error| error.to_string())?;
        println!(
            "seed {}: {} stored, {} skipped, {} warnings",
            seed.display(),
            report.inserted,
            report.skipped.len(),
            report.warnings.len()
        );
        for skipped in report.skipped.iter().take(5) {
            println!("  skipped {skipped}");
        }
    }
    let schema = standin.schema();
    println!(
        "msgraph-standin: {} types, {} bound operations from {} (ready in {:.0?})",
        schema.type_count(),
        schema.bound_operation_count(),
        schema.source(),
        started.elapsed()
    );
    println!("Graph: {}/beta and {}/v1.0", standin.base_url(), standin.base_url());
    if let Some(authority) = standin.authority_host() {
        println!("Sign in (client credentials): {authority}/{{tenant}}/oauth2/v2.0/token");
        if let (Some(path), Some(pem)) = (&options.certificate_out, standin.tls_certificate_pem()) {
            std::fs::write(path, pem).map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            println!("Its certificate (PEM): {}", path.display());
        } else {
            println!("Its certificate: give --certificate-out FILE to trust it");
        }
    }
    println!("Ctrl-C stops it.");
    tokio::signal::ctrl_c().await.map_err(|error| format!("cannot wait for Ctrl-C: {error}"))?;
    println!("msgraph-standin: {} requests served; stopped", standin.request_count());
    Ok(())
}
