use msgraph_entity::{GraphAction, GraphEntity, GraphFunction};

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.device", collection = "/deviceManagement/managedDevices")]
pub struct Device {
    #[graph(key)]
    pub id: Option<String>,
}

/// Not serializable: it cannot be in an action's body.
pub struct Opaque;

/// Not an OData literal: it cannot be in a function's call.
#[derive(serde::Serialize)]
pub struct Shape {
    pub sides: i32,
}

#[derive(GraphAction)]
#[graph(name = "microsoft.graph.wipe", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}")]
pub struct Wipe {
    pub keep: Option<Opaque>,
}

#[derive(GraphFunction)]
#[graph(name = "microsoft.graph.measure", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}", returns(value = i32))]
pub struct Measure {
    pub shape: Shape,
}

fn main() {}
