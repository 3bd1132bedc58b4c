//! A `$batch` of mixed Intune requests — a Windows profile created, its assignments
//! listed after it, the configurations of every platform listed, a connector read —
//! sent as one request and read back, each item as its own type.

use msgraph_entity::{Batch, BearerToken, Endpoint, Error, GraphEntity};
use msgraph_intune::{
    AnyDeviceConfiguration, DeviceConfigurationAssignment, NdesConnector, Windows10GeneralConfiguration,
};
use serde_json::{Value, json};

#[test]
fn a_batch_of_mixed_intune_requests_reads_back_typed() -> Result<(), Box<dyn std::error::Error>> {
    let mut batch = Batch::new();
    let profile = batch.add(Windows10GeneralConfiguration::create().display_name("Baseline").build());
    let assignments = batch.depends_on(&profile).add(DeviceConfigurationAssignment::list("d0c5")?)?;
    let all = batch.add(AnyDeviceConfiguration::list().top(2));
    let connector = batch.add(NdesConnector::get("e71f")?);

    let [request] = batch.to_http(&Endpoint::beta(), &BearerToken::new("eyJ0..."))?.try_into().unwrap();
    let sent: Value = serde_json::from_slice(request.body())?;
    let urls: Vec<&str> =
        sent["requests"].as_array().unwrap().iter().map(|item| item["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "/deviceManagement/deviceConfigurations",
            "/deviceManagement/deviceConfigurations/d0c5/assignments",
            "/deviceManagement/deviceConfigurations?$top=2",
            "/deviceManagement/ndesConnectors/e71f",
        ]
    );
    assert_eq!(sent["requests"][0]["body"]["@odata.type"], "#microsoft.graph.windows10GeneralConfiguration");
    assert_eq!(sent["requests"][1]["dependsOn"], json!(["1"]));

    let answers = json!({"responses": [
        {"id": "4", "status": 200, "body": {"@odata.type": "#microsoft.graph.ndesConnector", "id": "e71f", "state": "active"}},
        {"id": "3", "status": 200, "body": {"value": [
            {"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "id": "i1", "displayName": "iOS"},
            {"@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "id": "w1", "displayName": "Windows"}]}},
        {"id": "2", "status": 200, "body": {"value": [{"@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "id": "a1"}]}},
        {"id": "1", "status": 201, "body": {"@odata.type": "#microsoft.graph.windows10GeneralConfiguration", "id": "d0c5", "displayName": "Baseline"}}
    ]});
    let response = http::Response::builder().status(200).body(serde_json::to_vec(&answers)?)?;
    let responses = batch.read_responses(&Endpoint::beta(), [response])?;

    let created: Windows10GeneralConfiguration = responses.get(&profile)?;
    assert_eq!((created.id.as_deref(), created.display_name.as_deref()), (Some("d0c5"), Some("Baseline")));
    assert_eq!(responses.get(&assignments)?.value[0].id.as_deref(), Some("a1"));
    let page = responses.get(&all)?;
    assert!(matches!(page.value[0], AnyDeviceConfiguration::IosGeneralDeviceConfiguration(_)), "{:?}", page.value[0]);
    assert!(matches!(page.value[1], AnyDeviceConfiguration::Windows10GeneralConfiguration(_)), "{:?}", page.value[1]);
    assert_eq!(responses.get(&connector)?.key(), Some("e71f"));

    // A handle is no key into another batch's answers.
    let other = Batch::new();
    let nothing = other.read_responses(&Endpoint::beta(), [])?;
    assert!(matches!(nothing.get(&connector), Err(Error::HandleFromAnotherBatch { .. })));
    Ok(())
}
