//! Where the client's bearer tokens come from.

use std::future::Future;
use std::sync::Arc;

use crate::{BearerToken, Error};

/// Gives the [`Client`](super::Client) a bearer token, once for every attempt of a request.
///
/// Asked again before each retry, so a provider that refreshes its token can
/// hand out a fresh one after a long `Retry-After`. Implemented for:
///
/// - [`BearerToken`]: a static token;
/// - closures `Fn() -> impl Future<Output = Result<BearerToken, Error>>`, for a
///   token read from a cache or fetched from an identity library;
/// - `Arc<P>` of a provider, to share one between clients.
///
/// An error of the provider ends the request with that error, unsent. The
/// token only ever goes into the `Authorization` header, marked sensitive.
///
/// ```
/// use msgraph_entity::client::TokenProvider;
/// use msgraph_entity::{BearerToken, Error};
///
/// let from_env = || async {
///     std::env::var("GRAPH_TOKEN")
///         .map(BearerToken::new)
///         .map_err(|_| Error::InvalidRequest { reason: "GRAPH_TOKEN is not set".to_owned() })
/// };
/// fn is_provider(_: &impl TokenProvider) {}
/// is_provider(&from_env);
/// is_provider(&BearerToken::new("eyJ0..."));
/// ```
pub trait TokenProvider: Send + Sync {
    /// A token to authorize the next attempt with.
    fn token(&self) -> impl Future<Output = Result<BearerToken, Error>> + Send;
}

impl TokenProvider for BearerToken {
    fn token(&self) -> impl Future<Output = Result<BearerToken, Error>> + Send {
        std::future::ready(Ok(self.clone()))
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<BearerToken, Error>> + Send,
{
    fn token(&self) -> impl Future<Output = Result<BearerToken, Error>> + Send {
        self()
    }
}

impl<P: TokenProvider + ?Sized> TokenProvider for Arc<P> {
    fn token(&self) -> impl Future<Output = Result<BearerToken, Error>> + Send {
        P::token(self)
    }
}
