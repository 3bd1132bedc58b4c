//! The smallest HTTP/1.1 server on 127.0.0.1 (plain TCP or TLS, hyper 1), for the tests that
//! need bytes no Graph service sends: a token echoed back, a malformed `$batch` answer, a token
//! response without a usable token, a next link to another host. It records every request as
//! it arrived (the token included, which the stand-in never keeps) and answers through the
//! test's closure. Tests of Graph's own behaviour run against the stand-in
//! (`graph-standin/tests/client/`).

#![allow(dead_code, reason = "each test file uses part of the support")]

use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// What the server answers.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply { status, headers: vec![("content-type".into(), "application/json".into())], body: body.to_owned() }
    }

    pub fn empty(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: String::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Responder = dyn Fn(usize, &Received) -> Reply + Send + Sync;

pub struct Server {
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    /// Plain HTTP; `respond` gets the request's index (from 0) and the request.
    pub async fn start(respond: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static) -> Server {
        Server::listen(None, respond).await
    }

    /// HTTPS with `tls` (a certificate for 127.0.0.1).
    pub async fn start_tls(
        tls: tokio_rustls::TlsAcceptor,
        respond: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static,
    ) -> Server {
        Server::listen(Some(tls), respond).await
    }

    async fn listen(
        tls: Option<tokio_rustls::TlsAcceptor>,
        respond: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base_url = format!("{scheme}://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let respond: Arc<Responder> = Arc::new(respond);
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (log, respond) = (log.clone(), respond.clone());
                match &tls {
                    None => {
                        tokio::spawn(serve(stream, log, respond));
                    }
                    Some(acceptor) => {
                        let acceptor = acceptor.clone();
                        tokio::spawn(async move {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                serve(stream, log, respond).await;
                            }
                        });
                    }
                }
            }
        });
        Server { base_url, received }
    }

    pub fn endpoint(&self) -> msgraph_entity::Endpoint {
        msgraph_entity::Endpoint::with_base_url(&self.base_url)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

/// Serves one connection: each request recorded, then answered with what `respond` makes of it.
async fn serve<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    stream: S,
    log: Arc<Mutex<Vec<Received>>>,
    respond: Arc<Responder>,
) {
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let (log, respond) = (log.clone(), respond.clone());
        async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await?.to_bytes().to_vec();
            let received = Received {
                method: parts.method.to_string(),
                target: parts.uri.path_and_query().map_or_else(|| parts.uri.to_string(), |target| target.to_string()),
                headers: parts
                    .headers
                    .iter()
                    .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
                    .collect(),
                body,
                at: Instant::now(),
            };
            let index = {
                let mut log = log.lock().unwrap();
                log.push(received.clone());
                log.len() - 1
            };
            let reply = respond(index, &received);
            let mut response = hyper::Response::builder().status(reply.status);
            for (name, value) in &reply.headers {
                response = response.header(name.as_str(), value.as_str());
            }
            Ok::<_, hyper::Error>(response.body(Full::new(Bytes::from(reply.body))).expect("a reply the test wrote"))
        }
    });
    let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
}
