use msgraph_entity::{GraphAction, GraphEntity};

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.device", collection = "/deviceManagement/managedDevices")]
pub struct Device {
    #[graph(key)]
    pub id: Option<String>,
}

#[derive(GraphAction)]
#[graph(name = "microsoft.graph.locate", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}", returns = DeviceLocation)]
pub struct Locate;

fn main() {}
