//! The Intune `deviceconfig` workload of Graph beta.

mod ndes_connector;

pub use ndes_connector::{CreateNdesConnector, NdesConnector, NdesConnectorState};
