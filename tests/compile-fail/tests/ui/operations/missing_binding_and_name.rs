use msgraph_entity::{GraphAction, GraphEntity, GraphFunction};

#[derive(GraphEntity)]
#[graph(odata_type = "microsoft.graph.device", collection = "/deviceManagement/managedDevices")]
pub struct Device {
    #[graph(key)]
    pub id: Option<String>,
}

// No `bound`/`path`: what is it bound to?
#[derive(GraphAction)]
#[graph(name = "microsoft.graph.syncDevice")]
pub struct SyncDevice;

// A name without its namespace.
#[derive(GraphAction)]
#[graph(name = "rebootNow", bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}")]
pub struct RebootNow;

// No name at all, and a `returns` without its type.
#[derive(GraphFunction)]
#[graph(bound = Device, path = "/deviceManagement/managedDevices/{managedDeviceId}", returns)]
pub struct GetState {
    pub verbose: bool,
}

fn main() {
    // Stubbed after the errors above: no second message here.
    let _ = Device::reboot_now("id");
}
