//! [`Client::send_batch`]: a [`Batch`] through `POST /$batch`, throttled items re-sent alone.

use std::time::{Instant, SystemTime};

use http::{HeaderMap, Method, StatusCode};

use super::{CLIENT_REQUEST_ID, Client, TokenProvider};
use crate::requests::{ChunkAnswers, ItemResponse, parse_batch_response};
use crate::{Batch, BatchResponses, Endpoint, Error, GraphRequest, RetriesExhausted, RetryAfter};

impl<P: TokenProvider> Client<P> {
    /// Sends `batch`: one `POST /$batch` per group of at most 20 items, one after the other.
    ///
    /// Each `$batch` request is retried like [`Client::send`]. An item answered
    /// `429` or `503` (or `504`, for a method that can run twice) is then sent again alone, after its own
    /// `Retry-After` (or the backoff), within the same [`RetryPolicy`](super::RetryPolicy) bounds,
    /// counted from when its `$batch` request started; when they run out, its
    /// last answer stays, with how its retries ended in [`GraphError::retries`](crate::GraphError::retries).
    /// An item answered `424` because such an item failed in the batch is sent alone once that
    /// item has succeeded.
    ///
    /// A throttled item's `Retry-After` closes the client's throttling gate like any response's
    /// (see [`Client::exchange`]), and each lone re-send waits at it: when the gate stays closed
    /// past the item's bound, the item keeps its last answer, unsent again.
    ///
    /// Each `$batch` response is read only for the items of its own request,
    /// matched by the exact text of their ids (see [`Batch::read_responses`]).
    /// An item's body that came as base64 is decoded and scrubbed of the token
    /// like the rest of the response.
    ///
    /// Read each item's result with [`BatchResponses::get`]. An `Err` here is
    /// only for the batch as a whole: a request that cannot be built, a
    /// `$batch` request refused, a token provider's error or a transport failure.
    pub async fn send_batch<'b>(&self, batch: &'b Batch) -> Result<BatchResponses<'b>, Error> {
        let mut responses = BatchResponses::new(batch, self.endpoint.clone());
        for chunk in batch.chunks(&self.endpoint)? {
            let started = Instant::now();
            let request = BatchChunkRequest { indexes: &chunk.indexes, body: chunk.body };
            let (exchange, secret) = self.exchange_keeping_secret(&request).await?;
            let retries = exchange.retries;
            let mut answers = request.parse_response(exchange.response).map_err(|error| error.with_retries(retries))?;
            // The `$batch` body was scrubbed as sent; what was base64 in it is only readable now.
            if let Some(secret) = &secret {
                for item in answers.items.iter_mut().filter_map(|(_, answer)| answer.as_mut().ok()) {
                    secret.redact_body(&mut item.body);
                    secret.redact_headers(&mut item.headers);
                }
            }
            responses.record(answers);

            let mut resent = Vec::new();
            for &index in &chunk.indexes {
                let Some(item) = responses.item(index) else { continue };
                let request = batch.items[index].request.as_ref();
                if self.retry.retries(&request.method(), item.status) {
                    // A throttled item closes the client's gate like a throttled request.
                    self.throttle.close_for(item.status, RetryAfter::from_headers(&item.headers), SystemTime::now());
                    let answer = self.resend_alone(request, item.clone(), started).await?;
                    responses.set(index, answer);
                    resent.push(index);
                } else if item.status == StatusCode::FAILED_DEPENDENCY {
                    let dependencies = &batch.items[index].depends_on;
                    let now_succeeded = |dependency: &usize| {
                        responses.item(*dependency).is_some_and(|answer| answer.status.is_success())
                    };
                    if dependencies.iter().any(|dependency| resent.contains(dependency))
                        && dependencies.iter().all(now_succeeded)
                    {
                        let answer = self.send_alone(request).await?;
                        responses.set(index, answer);
                        resent.push(index);
                    }
                }
            }
        }
        Ok(responses)
    }

    /// Re-sends a throttled item alone, waiting as `retry` allows after its first attempt
    /// (`answer`, started at `started`), until an answer that is not throttled.
    ///
    /// When the bounds allow no more attempts, the last throttled answer is returned with how
    /// the retries ended (the batch's own answer, when no retry was allowed at all).
    async fn resend_alone(
        &self,
        request: &dyn crate::requests::BatchableRequest,
        mut answer: ItemResponse,
        started: Instant,
    ) -> Result<ItemResponse, Error> {
        let mut attempts = 1;
        loop {
            let retry_after = RetryAfter::from_headers(&answer.headers);
            match self.retry.delay_before_retry(attempts, retry_after, started.elapsed(), SystemTime::now()) {
                Ok(delay) => tokio::time::sleep(delay).await,
                Err(stopped_by) => {
                    answer.retries = Some(RetriesExhausted { attempts, elapsed: started.elapsed(), stopped_by });
                    return Ok(answer);
                }
            }
            // The client's throttling gate may stay closed longer than this item was told.
            if let Err(closed) = self.throttle.pass(started + self.retry.max_total_delay).await {
                let stopped_by = closed.retry_stop(self.retry.max_total_delay);
                answer.retries = Some(RetriesExhausted { attempts, elapsed: started.elapsed(), stopped_by });
                return Ok(answer);
            }
            attempts += 1;
            answer = self.send_alone_once(request).await?;
            if !self.retry.retries(&request.method(), answer.status) {
                return Ok(answer);
            }
        }
    }

    /// Sends an item alone, with the client's usual retries.
    async fn send_alone(&self, request: &dyn crate::requests::BatchableRequest) -> Result<ItemResponse, Error> {
        if let Err(closed) = self.throttle.pass(Instant::now() + self.retry.max_total_delay).await {
            return Err(Error::Throttled { remaining: closed.remaining });
        }
        let started = Instant::now();
        let answer = self.send_alone_once(request).await?;
        if !self.retry.retries(&request.method(), answer.status) {
            return Ok(answer);
        }
        self.resend_alone(request, answer, started).await
    }

    /// One attempt of an item alone: its own request, a fresh token and `client-request-id`.
    async fn send_alone_once(&self, request: &dyn crate::requests::BatchableRequest) -> Result<ItemResponse, Error> {
        let token = self.tokens.token().await?;
        let mut http = request.to_http(&self.endpoint, &token)?;
        drop(token);
        let id = uuid::Uuid::new_v4().to_string();
        let id = http::HeaderValue::from_str(&id).expect("a UUID is a valid header value");
        http.headers_mut().insert(CLIENT_REQUEST_ID, id);
        let secret = crate::requests::Secret::of_request(&http);
        let (parts, body) = self.execute(http, secret.as_ref()).await?.into_parts();
        self.throttle.close_for(parts.status, RetryAfter::from_headers(&parts.headers), SystemTime::now());
        Ok(ItemResponse { status: parts.status, headers: parts.headers, body, retries: None })
    }
}

/// One `$batch` request as a [`GraphRequest`], so it is sent and retried like any other.
struct BatchChunkRequest<'b> {
    /// The items it holds: its answers are read for these only.
    indexes: &'b [usize],
    body: Vec<u8>,
}

impl GraphRequest for BatchChunkRequest<'_> {
    type Output = ChunkAnswers;

    fn method(&self) -> Method {
        Method::POST
    }

    fn url(&self, endpoint: &Endpoint) -> Result<String, Error> {
        Ok(endpoint.url("/$batch"))
    }

    fn body_json(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(Some(self.body.clone()))
    }

    fn read_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, Error> {
        parse_batch_response(self.indexes, status, headers, body)
    }
}
