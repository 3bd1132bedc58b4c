//! `ndesConnector`: an on-premises NDES connector that issues certificates through SCEP.

use graph_core::{DateTimeOffset, GraphEntity, GraphEnum};

/// An NDES connector (`microsoft.graph.ndesConnector`), in `/deviceManagement/ndesConnectors`.
#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(
    odata_type = "microsoft.graph.ndesConnector",
    collection = "/deviceManagement/ndesConnectors"
)]
pub struct NdesConnector {
    /// The key of the NDES Connector.
    #[graph(key)]
    pub id: Option<String>,
    /// Last connection time for the Ndes Connector.
    #[graph(required)]
    pub last_connection_date_time: Option<DateTimeOffset>,
    /// Ndes Connector Status.
    #[graph(required)]
    pub state: Option<NdesConnectorState>,
    /// The friendly name of the Ndes Connector.
    #[graph(required)]
    pub display_name: Option<String>,
}

/// The state of an NDES connector (`microsoft.graph.ndesConnectorState`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, GraphEnum)]
pub enum NdesConnectorState {
    /// State not available.
    None,
    /// The connector is active.
    Active,
    /// The connector is inactive.
    Inactive,
    /// A member this version of the model does not know, kept as the service wrote it.
    #[graph(other)]
    Other(String),
}
