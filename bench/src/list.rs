//! The page every workload of a collection read uses.

use serde::{Deserialize, Serialize};

/// A `{"value": [...]}` list response, the shape of a Graph collection read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListResponse<T> {
    /// The items of the page.
    pub value: Vec<T>,
}
