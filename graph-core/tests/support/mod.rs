//! The smallest raw HTTP/1.1 server on 127.0.0.1 (plain TCP or TLS), for the tests that need
//! bytes no Graph service sends: a token echoed back, a malformed `$batch` answer, a token
//! response without a usable token, a next link to another host. It records every request as
//! it arrived (the token included, which the stand-in never keeps) and answers through the
//! test's closure. Tests of Graph's own behaviour run against the stand-in
//! (`graph-standin/tests/client/`).

#![allow(dead_code, reason = "each test file uses part of the support")]

use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
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

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    log: Arc<Mutex<Vec<Received>>>,
    respond: Arc<Responder>,
) {
    let mut buffer = Vec::new();
    loop {
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end;
            }
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        };
        let head = String::from_utf8(buffer[..head_end].to_vec()).expect("an ASCII request head");
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap().to_owned();
        let mut parts = request_line.split(' ');
        let (method, target) = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').expect("a header line");
                (name.trim().to_owned(), value.trim().to_owned())
            })
            .collect();
        let length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, value)| value.parse::<usize>().unwrap());
        let total = head_end + 4 + length;
        while buffer.len() < total {
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        }
        let body = buffer[head_end + 4..total].to_vec();
        buffer.drain(..total);
        let received = Received { method, target, headers, body, at: Instant::now() };
        let index = {
            let mut log = log.lock().unwrap();
            log.push(received.clone());
            log.len() - 1
        };
        let reply = respond(index, &received);
        let reason = http::StatusCode::from_u16(reply.status).unwrap().canonical_reason().unwrap_or("");
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", reply.status);
        for (name, value) in &reply.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        if reply.status != 204 {
            out.push_str(&format!("content-length: {}\r\n", reply.body.len()));
        }
        out.push_str("\r\n");
        out.push_str(&reply.body);
        if stream.write_all(out.as_bytes()).await.is_err() || stream.flush().await.is_err() {
            return;
        }
    }
}

async fn read_more<S: AsyncRead + Unpin>(stream: &mut S, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    }
}
