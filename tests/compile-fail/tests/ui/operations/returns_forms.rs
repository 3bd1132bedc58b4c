use msgraph_entity::{GraphAction, GraphEntity};

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.device", collection = "/deviceManagement/managedDevices")]
pub struct Device {
    #[graph(key)]
    pub id: Option<String>,
}

// `returns` takes `= Type`, `(value = Type)`, `(collection = Type)` or `(stream)`.
#[derive(GraphAction)]
#[graph(name = "microsoft.graph.scan", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}", returns(table = String))]
pub struct Scan;

#[derive(GraphAction)]
#[graph(name = "microsoft.graph.export", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}", returns(stream, value = String))]
pub struct Export;

fn main() {
    let _ = Device::scan("id");
}
