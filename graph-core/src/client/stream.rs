//! [`Client::pages`] and [`Client::items`]: a collection read as a stream, one page in memory at a time.

use futures_util::stream::{self, Stream, TryStreamExt as _};

use super::{Client, TokenProvider};
use crate::{Error, GraphEntity, ListRequest, Page};

impl<P: TokenProvider> Client<P> {
    /// The pages of a collection as a stream: `request`, then each `@odata.nextLink`, until the last.
    ///
    /// A page is requested only when the stream is polled for it, that is when
    /// the consumer has taken the page before; nothing is fetched ahead, so
    /// memory holds one page (and the response body while it is read). Each
    /// page is sent with retries, like [`Client::send`]. The rules of
    /// [`Client::list_all`] hold: a next link is only followed inside the
    /// client's endpoint, and at most [`Client::max_pages`] pages are read (a
    /// collection with more ends with [`Error::TooManyPages`]). The first error
    /// is the stream's last item.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt as _;
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
    /// # async fn run() -> Result<(), msgraph_entity::Error> {
    /// let client = Client::new(Endpoint::beta(), BearerToken::new("eyJ0..."))?;
    /// let mut pages = std::pin::pin!(client.pages(NdesConnector::list().top(999)));
    /// while let Some(page) = pages.try_next().await? {
    ///     println!("{} connectors, more to come: {}", page.value.len(), page.next_link.is_some());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn pages<T: GraphEntity>(&self, request: ListRequest<T>) -> impl Stream<Item = Result<Page<T>, Error>> {
        stream::try_unfold((Some(request), 0), move |(next, pages_read)| async move {
            let Some(request) = next else { return Ok(None) };
            if pages_read == self.max_pages {
                let next_link = request.next_link().unwrap_or_default().to_owned();
                return Err(Error::TooManyPages { max_pages: self.max_pages, next_link });
            }
            let page = self.send(&request).await?;
            let next = request.next_page(&page);
            Ok(Some((page, (next, pages_read + 1))))
        })
    }

    /// The items of a collection as a stream, read one page at a time: [`Client::pages`], flattened.
    ///
    /// The next page is requested once the consumer has taken the last item of
    /// the current one, so a tenant of 100,000 devices is read with at most a
    /// page of them in memory (a page of 999 ndesConnectors is about 250 KB of
    /// JSON). The first error is the stream's last item; the items before it
    /// have been yielded.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt as _;
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
    /// # async fn run() -> Result<(), msgraph_entity::Error> {
    /// let client = Client::new(Endpoint::beta(), BearerToken::new("eyJ0..."))?;
    /// let mut connectors = std::pin::pin!(client.items(NdesConnector::list().top(999)));
    /// let mut unnamed = 0;
    /// while let Some(connector) = connectors.try_next().await? {
    ///     unnamed += usize::from(connector.display_name.is_none());
    /// }
    /// println!("{unnamed} connectors have no name");
    /// # Ok(())
    /// # }
    /// ```
    pub fn items<T: GraphEntity>(&self, request: ListRequest<T>) -> impl Stream<Item = Result<T, Error>> {
        // `try_flatten` drops a page's emptied items before it polls for the next page.
        self.pages(request).map_ok(|page| stream::iter(page.value.into_iter().map(Ok))).try_flatten()
    }
}
