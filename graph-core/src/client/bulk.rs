//! Many requests at once: [`Client::send_all`], [`Client::send_all_stream`] and their `$batch`
//! variants, with bounded concurrency and the client's shared throttling gate.

use std::sync::Arc;

use futures_util::stream::{self, Stream, StreamExt as _};

use super::{Client, TokenProvider};
use crate::{Batch, Error, GraphRequest};

impl<P: TokenProvider> Client<P> {
    /// Sends every request, at most [`Client::concurrency`] at a time; each result in the place of its request.
    ///
    /// `results[i]` answers the `i`-th request: its `Output`, or its own error
    /// (one failure does not stop the others). Each request is sent like
    /// [`Client::send`], so it is sent again only when the service says it
    /// was not processed (`429`, `503`; `504` only for a method that can run
    /// twice, as the [`RetryPolicy`](super::RetryPolicy) says): nothing is
    /// applied twice, nothing is dropped.
    ///
    /// Throttling is shared: a `429` or `503` with a `Retry-After` on any of
    /// them closes the client's gate, and no request (of this call or any other
    /// use of the client) is sent before that instant; when it has passed, all
    /// of them go on at full concurrency (see [`Client::exchange`]).
    ///
    /// The requests are taken from the iterator as slots free up, but every
    /// result is held until the end; for a very large job prefer
    /// [`Client::send_all_stream`]. To keep the requests (to match results with
    /// them), pass references: `client.send_all(&requests)`.
    ///
    /// ```no_run
    /// use msgraph_entity::client::Client;
    /// use msgraph_entity::{BearerToken, Endpoint, GraphEntity};
    ///
    /// #[derive(Debug, GraphEntity)]
    /// #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
    /// pub struct NdesConnector {
    ///     #[graph(key)]
    ///     pub id: Option<String>,
    ///     pub display_name: Option<String>,
    /// }
    ///
    /// # async fn run(ids: Vec<String>) -> Result<(), msgraph_entity::Error> {
    /// let client = Client::builder(Endpoint::beta(), BearerToken::new("eyJ0...")).concurrency(8).build()?;
    /// let updates = ids
    ///     .iter()
    ///     .map(|id| NdesConnector::update(id, NdesConnectorPatch::default().display_name("Lab")))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// let results = client.send_all(&updates).await;
    /// for (update, result) in updates.iter().zip(&results) {
    ///     if let Err(error) = result {
    ///         eprintln!("{}: {error}", update.path());
    ///     }
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn send_all<R, I>(&self, requests: I) -> Vec<Result<R::Output, Error>>
    where
        I: IntoIterator<Item = R>,
        R: GraphRequest,
    {
        // In completion order, so a request waiting out its own backoff does not hold a slot.
        let answered = stream::iter(requests.into_iter().enumerate())
            .map(|(index, request)| async move { (index, self.send(&request).await) })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        in_input_order(answered).collect()
    }

    /// [`Client::send_all`] as a stream: the results in the order of the requests, as they come.
    ///
    /// Requests are taken from the iterator only as results are taken from the
    /// stream, so neither all requests nor all results are ever held: a job of
    /// 100,000 `syncDevice` calls holds at most [`Client::concurrency`] of each.
    /// Keeping the order has a price: a slow request holds back the results
    /// after it, and the sending of new ones until it is answered. Sending,
    /// retries and the shared throttling are those of [`Client::send_all`].
    ///
    /// ```no_run
    /// use futures_util::StreamExt as _;
    /// use msgraph_entity::client::Client;
    /// use msgraph_entity::{BearerToken, Endpoint, GraphEntity};
    ///
    /// #[derive(Debug, GraphEntity)]
    /// #[graph(odata_type = "microsoft.graph.ndesConnector", collection = "/deviceManagement/ndesConnectors")]
    /// pub struct NdesConnector {
    ///     #[graph(key)]
    ///     pub id: Option<String>,
    ///     pub display_name: Option<String>,
    /// }
    ///
    /// # async fn run(ids: Vec<String>) -> Result<(), msgraph_entity::Error> {
    /// let client = Client::new(Endpoint::beta(), BearerToken::new("eyJ0..."))?;
    /// let deletes = ids.iter().filter_map(|id| NdesConnector::delete(id).ok());
    /// let mut results = std::pin::pin!(client.send_all_stream(deletes));
    /// let mut position = 0;
    /// while let Some(result) = results.next().await {
    ///     if let Err(error) = result {
    ///         eprintln!("{}: {error}", ids[position]);
    ///     }
    ///     position += 1;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_all_stream<R, I>(&self, requests: I) -> impl Stream<Item = Result<R::Output, Error>>
    where
        I: IntoIterator<Item = R>,
        R: GraphRequest,
    {
        stream::iter(requests).map(move |request| async move { self.send(&request).await }).buffered(self.concurrency)
    }

    /// [`Client::send_all`] through `$batch`: the requests grouped [`Batch::MAX_REQUESTS`] (20) to a `POST /$batch`.
    ///
    /// At most [`Client::concurrency`] `$batch` requests are in flight, each
    /// sent with [`Client::send_batch`]: an item answered `429` or `503` is
    /// sent again alone after its `Retry-After`, which also closes the
    /// client's gate for every request. `results[i]` answers the `i`-th
    /// request; when a `$batch` request fails as a whole (it cannot be sent,
    /// or the service refuses it), each of its items is an
    /// [`Error::BatchRequest`] sharing that failure.
    ///
    /// Twenty times fewer round trips, but not a way around throttling: Graph
    /// counts each item of a `$batch` against its limits.
    pub async fn send_all_batched<R, I>(&self, requests: I) -> Vec<Result<R::Output, Error>>
    where
        I: IntoIterator<Item = R>,
        R: GraphRequest + Send + Sync + 'static,
    {
        let answered = stream::iter(requests)
            .chunks(Batch::MAX_REQUESTS)
            .enumerate()
            .map(|(index, group)| async move { (index, self.send_group(group).await) })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        in_input_order(answered).flatten().collect()
    }

    /// [`Client::send_all_batched`] as a stream: the results in the order of the requests, as they come.
    ///
    /// Requests are taken from the iterator only as results are taken, at most
    /// [`Client::concurrency`] `$batch` requests' worth (20 each) at a time.
    pub fn send_all_batched_stream<R, I>(&self, requests: I) -> impl Stream<Item = Result<R::Output, Error>>
    where
        I: IntoIterator<Item = R>,
        R: GraphRequest + Send + Sync + 'static,
    {
        stream::iter(requests)
            .chunks(Batch::MAX_REQUESTS)
            .map(move |group| self.send_group(group))
            .buffered(self.concurrency)
            .flat_map(stream::iter)
    }

    /// One `$batch` request of up to 20 requests; the results in their order.
    async fn send_group<R>(&self, group: Vec<R>) -> Vec<Result<R::Output, Error>>
    where
        R: GraphRequest + Send + Sync + 'static,
    {
        let mut batch = Batch::new();
        let handles: Vec<_> = group.into_iter().map(|request| batch.add(request)).collect();
        match self.send_batch(&batch).await {
            Ok(responses) => handles.iter().map(|handle| responses.get(handle)).collect(),
            Err(error) => {
                let source = Arc::new(error);
                handles.iter().map(|_| Err(Error::BatchRequest { source: source.clone() })).collect()
            }
        }
    }
}

/// Answers collected as they came, each with its request's position, put back in the requests' order.
fn in_input_order<T>(mut answered: Vec<(usize, T)>) -> impl Iterator<Item = T> {
    answered.sort_unstable_by_key(|(index, _)| *index);
    answered.into_iter().map(|(_, answer)| answer)
}
