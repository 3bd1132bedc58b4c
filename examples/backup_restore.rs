//! Backup and restore of settings-catalog policies, typed end to end: no JSON walked by hand,
//! no unknown-property map touched.
//!
//! 1. **Backup**: every settings-catalog policy of the source tenant
//!    (`DeviceManagementConfigurationPolicy`), read with its `settings` and `assignments`
//!    expanded through `Client::items` (one page in memory at a time), written as indented
//!    JSON (`msgraph_entity::to_json_pretty`, which indents what a model keeps raw too), one
//!    file per policy in a folder: what the service sent, control information included.
//! 2. **Restore**: each file read back into the typed model, created in the target tenant with
//!    `CreateRequest::from_entity` (the key, read-only properties, control information and
//!    assignments left out, the settings inline at any depth), then assigned with the policy's
//!    `assign` action and the backed-up assignments, their targets mapped to the target
//!    tenant's groups.
//!
//! By default both tenants are `msgraph_standin::StandIn`s in this process (nothing leaves the
//! machine): the source is seeded with policies built through the typed builder and assigned,
//! and the example shows that each restored policy equals its source but for ids and what the
//! service sets.
//!
//! ```sh
//! cargo run --example backup_restore [-- --folder DIR]
//! ```
//!
//! The stand-ins need the Intune beta schema (`intune-beta.csdl.xml`, not in the repository:
//! `$MSGRAPH_STANDIN_METADATA`, `$GRAPH_SCHEMA_DIR`, or `shared/schema/` beside the workspace);
//! without it the example says on one line what it skipped and ends successfully.
//!
//! Real tenants: give the source, the target, or both — each a service root (default: the
//! global service) and a token, or a tenant to sign in to as an application with a client
//! secret (`AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET`: one multi-tenant app consented in
//! both tenants). The source alone backs up; the target alone restores the folder.
//!
//! ```sh
//! cargo run --example backup_restore -- --folder backup --source-token eyJ0...
//! AZURE_CLIENT_ID=6731de76-... AZURE_CLIENT_SECRET=... cargo run --example backup_restore -- \
//!     --folder backup --target-tenant fabrikam.onmicrosoft.com \
//!     --map 2f3b1c1e-...=9a8b7c6d-... --map ...
//! ```
//!
//! (also `SOURCE_GRAPH_BASE_URL`, `SOURCE_GRAPH_TOKEN`, `SOURCE_TENANT_ID` and their `TARGET_`
//! twins). Group ids belong to a tenant: an assignment to a group, an exclusion group, an
//! assignment filter or a Configuration Manager collection is restored only when `--map
//! SOURCE_ID=TARGET_ID` names the target tenant's object (look the groups up by display name
//! in both tenants to build the map); unmapped ones are listed and skipped, unless
//! `--keep-ids` says the target has the same ids (the same tenant). Scope tags other than
//! the default `0` are tenant objects too: map them by hand before restoring. The tokens need
//! `DeviceManagementConfiguration.Read.All` (source) and `DeviceManagementConfiguration.ReadWrite.All`
//! (target).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::Arc;

use futures_util::TryStreamExt as _;
use msgraph_entity::client::credentials::{CredentialOptions, GraphCredential};
use msgraph_entity::client::{Client, TokenProvider};
use msgraph_entity::{BearerToken, CreateRequest, Endpoint, Error, Flags, from_json_str, to_json_pretty};
use msgraph_intune::{
    AllDevicesAssignmentTarget, AnyDeviceAndAppManagementAssignmentTarget as AnyTarget,
    AnyDeviceManagementConfigurationSettingInstance as AnyInstance,
    AnyDeviceManagementConfigurationSimpleSettingValue as AnySimpleValue, DeviceAndAppManagementAssignmentSource,
    DeviceManagementConfigurationChoiceSettingInstance, DeviceManagementConfigurationChoiceSettingValue,
    DeviceManagementConfigurationGroupSettingCollectionInstance, DeviceManagementConfigurationGroupSettingValue,
    DeviceManagementConfigurationIntegerSettingValue, DeviceManagementConfigurationPlatforms,
    DeviceManagementConfigurationPolicy, DeviceManagementConfigurationPolicyAssign,
    DeviceManagementConfigurationPolicyAssignment, DeviceManagementConfigurationPolicyNavigation,
    DeviceManagementConfigurationSetting, DeviceManagementConfigurationSimpleSettingCollectionInstance,
    DeviceManagementConfigurationSimpleSettingInstance, DeviceManagementConfigurationStringSettingValue,
    DeviceManagementConfigurationTechnologies, ExclusionGroupAssignmentTarget, GroupAssignmentTarget,
};
use msgraph_standin::{Schema, StandIn};

type AnyError = Box<dyn std::error::Error>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), AnyError> {
    let options = Options::from_args_and_env()?;
    match (&options.source, &options.target) {
        (None, None) => run_against_stand_ins(options.folder).await,
        (source, target) => {
            let folder = options.folder.unwrap_or_else(|| PathBuf::from("intune-backup"));
            if let Some(source) = source {
                let client = source.client()?;
                println!("## Backup of {} into {}", source.base_url, folder.display());
                for file in backup(&client, &folder).await? {
                    println!("{}", file.display());
                }
            }
            if let Some(target) = target {
                let client = target.client()?;
                println!("## Restore of {} into {}", folder.display(), target.base_url);
                let restored = restore(&client, &folder, &options.ids).await?;
                print_restored(&restored);
            }
            Ok(())
        }
    }
}

// -------------------------------------------------------------------------------------------
// Backup and restore.

/// Writes each settings-catalog policy of `client`'s tenant, its settings and assignments
/// expanded, to `folder` (made if missing) as `{name}-{id}.json`; returns the files written.
pub async fn backup<P: TokenProvider>(client: &Client<P>, folder: &Path) -> Result<Vec<PathBuf>, AnyError> {
    std::fs::create_dir_all(folder).map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
    let request = DeviceManagementConfigurationPolicy::list().expand([
        DeviceManagementConfigurationPolicyNavigation::Settings,
        DeviceManagementConfigurationPolicyNavigation::Assignments,
    ]);
    let mut policies = pin!(client.items(request));
    let mut written = Vec::new();
    while let Some(policy) = policies.try_next().await? {
        let id = policy.id.as_deref().ok_or("the service sent a policy without its id")?;
        let file = folder.join(format!("{}-{id}.json", file_stem(policy.name.as_deref().unwrap_or("policy"))));
        let text = to_json_pretty(&policy)?;
        std::fs::write(&file, text + "\n").map_err(|error| format!("cannot write {}: {error}", file.display()))?;
        written.push(file);
    }
    Ok(written)
}

/// What restoring one backed-up policy did.
#[derive(Debug)]
pub struct Restored {
    /// The file it was read from.
    pub file: PathBuf,
    /// The policy as backed up.
    pub backed_up: DeviceManagementConfigurationPolicy,
    /// The policy the target tenant created.
    pub created: DeviceManagementConfigurationPolicy,
    /// The assignments the target tenant answered `assign` with.
    pub assigned: Vec<DeviceManagementConfigurationPolicyAssignment>,
    /// The backed-up assignments not restored, and why.
    pub skipped: Vec<String>,
}

/// Creates each policy backed up in `folder` (its `.json` files, by name) in `client`'s tenant
/// and assigns it as it was, its targets' ids mapped by `ids`. Every file is read and checked
/// before anything is sent: a file that is not a policy, or lacks what a create needs, is an
/// error naming it, and the target is left as it was.
pub async fn restore<P: TokenProvider>(
    client: &Client<P>,
    folder: &Path,
    ids: &IdMap,
) -> Result<Vec<Restored>, AnyError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot read the backup folder {}: {error}", folder.display()))?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|file| file.extension().is_some_and(|extension| extension == "json"));
    files.sort();
    let mut backups = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        let backed_up: DeviceManagementConfigurationPolicy =
            from_json_str(&text).map_err(|error| format!("{} is not a policy: {error}", file.display()))?;
        let create = CreateRequest::from_entity(&backed_up, &[])
            .map_err(|error| format!("{} cannot be restored: {error}", file.display()))?;
        backups.push((file, backed_up, create));
    }
    let mut restored = Vec::new();
    for (file, backed_up, create) in backups {
        let created = client.send(&create).await?;
        let id = created.id.as_deref().ok_or("the target tenant sent the created policy without its id")?;

        let mut assignments = Vec::new();
        let mut skipped = Vec::new();
        for assignment in backed_up.assignments.iter().flatten() {
            match ids.assignment(assignment) {
                Ok(assignment) => assignments.push(assignment),
                Err(reason) => skipped.push(reason),
            }
        }
        let assigned = if assignments.is_empty() {
            Vec::new()
        } else {
            let parameters = DeviceManagementConfigurationPolicyAssign { assignments: Some(assignments) };
            client.send(&DeviceManagementConfigurationPolicy::assign(id, parameters)?).await?.value
        };
        restored.push(Restored { file, backed_up, created, assigned, skipped });
    }
    Ok(restored)
}

/// Source tenant ids (groups, assignment filters, Configuration Manager collections) → the
/// target tenant's.
#[derive(Debug, Clone, Default)]
pub struct IdMap {
    /// Source id → target id.
    pub ids: HashMap<String, String>,
    /// An id without a mapping is kept as it is (the target is the same tenant).
    pub keep_unmapped: bool,
}

impl IdMap {
    /// The id to use in the target tenant, or why there is none.
    fn map(&self, what: &str, id: &str) -> Result<String, String> {
        match self.ids.get(id) {
            Some(target) => Ok(target.clone()),
            None if self.keep_unmapped => Ok(id.to_owned()),
            None => Err(format!("{what} {id} of the source tenant has no mapping (--map {id}=TARGET_ID)")),
        }
    }

    fn filter(&self, filter: &mut Option<String>) -> Result<(), String> {
        if let Some(id) = filter.as_mut() {
            *id = self.map("the assignment filter", id)?;
        }
        Ok(())
    }

    /// A backed-up assignment as the target tenant's `assign` takes it: its target, ids mapped
    /// (the source tenant's assignment id and source are the service's to set).
    fn assignment(
        &self,
        assignment: &DeviceManagementConfigurationPolicyAssignment,
    ) -> Result<DeviceManagementConfigurationPolicyAssignment, String> {
        if assignment.source == Some(DeviceAndAppManagementAssignmentSource::PolicySets) {
            return Err("an assignment made through a policy set (restore the policy set)".to_owned());
        }
        let mut target = assignment.target.clone().ok_or("an assignment without a target")?;
        match &mut target {
            AnyTarget::GroupAssignmentTarget(group) => {
                self.filter(&mut group.device_and_app_management_assignment_filter_id)?;
                let id = group.group_id.as_deref().ok_or("a group assignment without its group")?;
                group.group_id = Some(self.map("the group", id)?);
            }
            AnyTarget::ExclusionGroupAssignmentTarget(group) => {
                self.filter(&mut group.device_and_app_management_assignment_filter_id)?;
                let id = group.group_id.as_deref().ok_or("an exclusion without its group")?;
                group.group_id = Some(self.map("the excluded group", id)?);
            }
            AnyTarget::ConfigurationManagerCollectionAssignmentTarget(collection) => {
                self.filter(&mut collection.device_and_app_management_assignment_filter_id)?;
                let id = collection.collection_id.as_deref().ok_or("a collection assignment without its collection")?;
                collection.collection_id = Some(self.map("the Configuration Manager collection", id)?);
            }
            AnyTarget::AllDevicesAssignmentTarget(all) => {
                self.filter(&mut all.device_and_app_management_assignment_filter_id)?
            }
            AnyTarget::AllLicensedUsersAssignmentTarget(all) => {
                self.filter(&mut all.device_and_app_management_assignment_filter_id)?
            }
            AnyTarget::DeviceAndAppManagementAssignmentTarget(target) => {
                self.filter(&mut target.device_and_app_management_assignment_filter_id)?
            }
            AnyTarget::Unlisted(_) => {
                return Err("an assignment target of a kind this model does not list".to_owned());
            }
        }
        Ok(DeviceManagementConfigurationPolicyAssignment { target: Some(target), ..Default::default() })
    }
}

/// A file name's stem from a policy's name: letters and digits, runs of anything else as `-`.
fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_end_matches('-').chars().take(60).collect();
    if stem.is_empty() { "policy".to_owned() } else { stem }
}

fn print_restored(restored: &[Restored]) {
    for policy in restored {
        println!(
            "{} => {:?} created as {}, {} assignment(s)",
            policy.file.display(),
            policy.created.name.as_deref().unwrap_or_default(),
            policy.created.id.as_deref().unwrap_or_default(),
            policy.assigned.len()
        );
        for reason in &policy.skipped {
            println!("   not assigned: {reason}");
        }
    }
}

// -------------------------------------------------------------------------------------------
// The default run: two stand-ins.

/// Backs the stand-in source up into `folder` (default: a new folder in the temporary
/// directory) and restores it into the stand-in target; prints what each step did.
async fn run_against_stand_ins(folder: Option<PathBuf>) -> Result<(), AnyError> {
    let Ok(schema) = Schema::locate() else {
        eprintln!(
            "skipped the backup and restore between two local stand-ins: the Intune schema they answer by, \
             intune-beta.csdl.xml, is absent (give it as $MSGRAPH_STANDIN_METADATA, in $GRAPH_SCHEMA_DIR, or in \
             shared/schema/ beside the workspace)"
        );
        return Ok(());
    };
    let schema = Schema::load(&schema)?;
    let source = StandIn::builder().schema(schema.clone()).start().await?;
    let target = StandIn::builder().schema(schema).start().await?;
    let folder = match folder {
        Some(folder) => folder,
        None => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            std::env::temp_dir().join(format!("msgraph-backup-{}-{}", std::process::id(), now.as_millis()))
        }
    };
    let (source_client, target_client) = (source.client()?, target.client()?);

    println!("## The source tenant ({}), seeded through the typed builder", source.base_url());
    let ids = seed(&source_client).await?;
    println!();
    println!("## Backup into {}", folder.display());
    for file in backup(&source_client, &folder).await? {
        println!("{}", file.display());
    }
    println!();
    println!("## Restore into the target tenant ({})", target.base_url());
    let restored = restore(&target_client, &folder, &ids).await?;
    print_restored(&restored);
    println!();
    println!("## Each restored policy, read back from the target, against its backup");
    for policy in &restored {
        let id = policy.created.id.as_deref().unwrap_or_default();
        let get = DeviceManagementConfigurationPolicy::get(id)?.expand([
            DeviceManagementConfigurationPolicyNavigation::Settings,
            DeviceManagementConfigurationPolicyNavigation::Assignments,
        ]);
        let read = target_client.send(&get).await?;
        // What a create request writes: every writable property and the settings tree, no key,
        // nothing read-only, no control information.
        let same = request_body(&read)? == request_body(&policy.backed_up)?;
        println!(
            "{:?}: {}, {} assignment(s)",
            read.name.as_deref().unwrap_or_default(),
            if same {
                "equal to its backup but for ids and what the service sets"
            } else {
                "DIFFERENT from its backup"
            },
            read.assignments.as_ref().map_or(0, Vec::len)
        );
        if !same {
            return Err(format!("{} was not restored as it was backed up", policy.file.display()).into());
        }
    }
    Ok(())
}

/// The body a create request sends for `policy`: what restoring it must keep.
pub fn request_body(policy: &DeviceManagementConfigurationPolicy) -> Result<Vec<u8>, Error> {
    use msgraph_entity::GraphRequest as _;
    Ok(CreateRequest::from_entity(policy, &[])?.body_json()?.unwrap_or_default())
}

/// The groups of the stand-in source tenant, and those the target tenant holds for them.
const GROUPS: [(&str, &str); 2] = [
    ("2f3b1c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
    ("6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f", "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"),
];

/// Creates the example's policies in the source tenant and assigns them; the id map to the target's groups.
pub async fn seed<P: TokenProvider>(client: &Client<P>) -> Result<IdMap, AnyError> {
    let [(pilots, pilots_in_target), (kiosks, kiosks_in_target)] = GROUPS;
    let group =
        |id: &str| AnyTarget::from(GroupAssignmentTarget { group_id: Some(id.to_owned()), ..Default::default() });
    let excluded = |id: &str| {
        AnyTarget::from(ExclusionGroupAssignmentTarget { group_id: Some(id.to_owned()), ..Default::default() })
    };
    let all_devices = AnyTarget::from(AllDevicesAssignmentTarget::default());
    let policies = [
        (lab_proxy_policy(), vec![group(pilots), excluded(kiosks)]),
        (screen_lock_policy(), vec![all_devices]),
        (edge_downloads_policy(), Vec::new()),
    ];
    for (create, targets) in policies {
        let created = client.send(&create).await?;
        let id = created.id.as_deref().ok_or("the created policy has no id")?;
        let assigned = if targets.is_empty() {
            0
        } else {
            let assignments = targets
                .into_iter()
                .map(|target| DeviceManagementConfigurationPolicyAssignment {
                    target: Some(target),
                    ..Default::default()
                })
                .collect();
            let parameters = DeviceManagementConfigurationPolicyAssign { assignments: Some(assignments) };
            client.send(&DeviceManagementConfigurationPolicy::assign(id, parameters)?).await?.value.len()
        };
        println!("{:?} created as {id}, {assigned} assignment(s)", created.name.as_deref().unwrap_or_default());
    }
    Ok(IdMap {
        ids: HashMap::from([
            (pilots.to_owned(), pilots_in_target.to_owned()),
            (kiosks.to_owned(), kiosks_in_target.to_owned()),
        ]),
        keep_unmapped: false,
    })
}

/// A setting of a policy: one instance, the root of its tree.
pub fn setting(instance: impl Into<AnyInstance>) -> DeviceManagementConfigurationSetting {
    DeviceManagementConfigurationSetting { setting_instance: Some(instance.into()), ..Default::default() }
}

/// A choice setting set to `value`, whose `children` apply when it is chosen.
pub fn choice(definition: &str, value: &str, children: Vec<AnyInstance>) -> AnyInstance {
    AnyInstance::from(DeviceManagementConfigurationChoiceSettingInstance {
        setting_definition_id: Some(definition.to_owned()),
        choice_setting_value: Some(DeviceManagementConfigurationChoiceSettingValue {
            value: Some(value.to_owned()),
            children: Some(children),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// A simple setting of one value.
pub fn simple(definition: &str, value: AnySimpleValue) -> AnyInstance {
    AnyInstance::from(DeviceManagementConfigurationSimpleSettingInstance {
        setting_definition_id: Some(definition.to_owned()),
        simple_setting_value: Some(value),
        ..Default::default()
    })
}

/// A string value.
pub fn text(value: &str) -> AnySimpleValue {
    AnySimpleValue::from(DeviceManagementConfigurationStringSettingValue {
        value: Some(value.to_owned()),
        ..Default::default()
    })
}

/// An integer value.
pub fn integer(value: i32) -> AnySimpleValue {
    AnySimpleValue::from(DeviceManagementConfigurationIntegerSettingValue { value: Some(value), ..Default::default() })
}

/// A policy for Windows, managed by MDM, in the default scope tag.
fn windows_policy(
    name: &str,
    description: &str,
    settings: Vec<DeviceManagementConfigurationSetting>,
) -> CreateRequest<DeviceManagementConfigurationPolicy> {
    DeviceManagementConfigurationPolicy::create()
        .name(name)
        .description(description)
        .platforms(DeviceManagementConfigurationPlatforms::Windows10)
        .technologies(Flags::from(DeviceManagementConfigurationTechnologies::Mdm))
        .role_scope_tag_ids(vec!["0".to_owned()])
        .settings(settings)
        .build()
}

/// A choice setting whose children hold a group setting collection (two proxy servers, each
/// an address and a port) and a simple setting collection (the addresses that bypass them).
pub fn lab_proxy_policy() -> CreateRequest<DeviceManagementConfigurationPolicy> {
    const PROXY: &str = "device_vendor_msft_policy_config_lab_proxysettings";
    let server = |address: &str, port: i32| DeviceManagementConfigurationGroupSettingValue {
        children: Some(vec![
            simple(&format!("{PROXY}_servers_address"), text(address)),
            simple(&format!("{PROXY}_servers_port"), integer(port)),
        ]),
        ..Default::default()
    };
    let servers = DeviceManagementConfigurationGroupSettingCollectionInstance {
        setting_definition_id: Some(format!("{PROXY}_servers")),
        group_setting_collection_value: Some(vec![
            server("proxy1.contoso.com", 8080),
            server("proxy2.contoso.com", 3128),
        ]),
        ..Default::default()
    };
    let bypass = DeviceManagementConfigurationSimpleSettingCollectionInstance {
        setting_definition_id: Some(format!("{PROXY}_bypasslist")),
        simple_setting_collection_value: Some(vec![text("*.contoso.com"), text("10.0.0.0/8")]),
        ..Default::default()
    };
    let proxy = choice(PROXY, &format!("{PROXY}_1"), vec![servers.into(), bypass.into()]);
    windows_policy("Lab proxy", "Two proxies, and what bypasses them.", vec![setting(proxy)])
}

fn screen_lock_policy() -> CreateRequest<DeviceManagementConfigurationPolicy> {
    const LOCK: &str = "device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock";
    let settings = vec![setting(simple(LOCK, integer(5)))];
    windows_policy("Screen lock after 5 minutes", "", settings)
}

fn edge_downloads_policy() -> CreateRequest<DeviceManagementConfigurationPolicy> {
    const DOWNLOADS: &str =
        "device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_downloadrestrictions";
    let restriction = simple(&format!("{DOWNLOADS}_downloadrestrictions"), text("3"));
    let settings = vec![setting(choice(DOWNLOADS, &format!("{DOWNLOADS}_1"), vec![restriction]))];
    windows_policy("Edge: no dangerous downloads", "Not assigned yet.", settings)
}

// -------------------------------------------------------------------------------------------
// Real tenants.

/// One tenant: where, and how to sign in.
struct Tenant {
    base_url: String,
    sign_in: Arc<SignIn>,
}

/// A token given, or a credential that gets them.
enum SignIn {
    Token(BearerToken),
    Secret(GraphCredential),
}

impl TokenProvider for SignIn {
    async fn token(&self) -> Result<BearerToken, Error> {
        match self {
            SignIn::Token(token) => Ok(token.clone()),
            SignIn::Secret(credential) => credential.token().await,
        }
    }
}

impl Tenant {
    fn client(&self) -> Result<Client<Arc<SignIn>>, Error> {
        Client::new(Endpoint::with_base_url(&self.base_url), self.sign_in.clone())
    }
}

struct Options {
    folder: Option<PathBuf>,
    source: Option<Tenant>,
    target: Option<Tenant>,
    ids: IdMap,
}

impl Options {
    fn from_args_and_env() -> Result<Options, AnyError> {
        let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let mut folder = None;
        let mut ids = IdMap::default();
        // (base URL, token, tenant) of the source, then of the target.
        let mut sides = [
            (env("SOURCE_GRAPH_BASE_URL"), env("SOURCE_GRAPH_TOKEN"), env("SOURCE_TENANT_ID")),
            (env("TARGET_GRAPH_BASE_URL"), env("TARGET_GRAPH_TOKEN"), env("TARGET_TENANT_ID")),
        ];
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--folder" => folder = Some(PathBuf::from(value()?)),
                "--source-url" => sides[0].0 = Some(value()?),
                "--source-token" => sides[0].1 = Some(value()?),
                "--source-tenant" => sides[0].2 = Some(value()?),
                "--target-url" => sides[1].0 = Some(value()?),
                "--target-token" => sides[1].1 = Some(value()?),
                "--target-tenant" => sides[1].2 = Some(value()?),
                "--map" => {
                    let pair = value()?;
                    let (from, to) =
                        pair.split_once('=').ok_or_else(|| format!("--map takes SOURCE_ID=TARGET_ID, not `{pair}`"))?;
                    ids.ids.insert(from.trim().to_owned(), to.trim().to_owned());
                }
                "--keep-ids" => ids.keep_unmapped = true,
                "--help" | "-h" => {
                    println!(
                        "usage: backup_restore [--folder DIR] [--source-url URL] [--source-token TOKEN | --source-tenant TENANT]"
                    );
                    println!(
                        "         [--target-url URL] [--target-token TOKEN | --target-tenant TENANT] [--map SOURCE_ID=TARGET_ID]... [--keep-ids]"
                    );
                    println!(
                        "  a tenant signs in with AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; without a source and a"
                    );
                    println!("  target, two local stand-ins are used (they need the Intune schema)");
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument `{other}` (try --help)").into()),
            }
        }
        let [source, target] = sides;
        Ok(Options { folder, source: tenant("source", source)?, target: tenant("target", target)?, ids })
    }
}

/// A tenant from its base URL, token and tenant id, as given; `None` when none is given.
fn tenant(
    side: &str,
    (base_url, token, tenant): (Option<String>, Option<String>, Option<String>),
) -> Result<Option<Tenant>, AnyError> {
    let sign_in = match (token, tenant) {
        (None, None) if base_url.is_none() => return Ok(None),
        (None, None) => {
            return Err(format!("the {side} needs a token (--{side}-token) or a tenant (--{side}-tenant)").into());
        }
        (Some(_), Some(_)) => return Err(format!("the {side} takes a token or a tenant, not both").into()),
        (Some(token), None) => SignIn::Token(BearerToken::new(token)),
        (None, Some(tenant)) => {
            let env = |name: &str| {
                std::env::var(name)
                    .ok()
                    .filter(|value| !value.is_empty())
                    .ok_or_else(|| format!("signing in to the {side} tenant needs {name}"))
            };
            let (client_id, secret) = (env("AZURE_CLIENT_ID")?, env("AZURE_CLIENT_SECRET")?);
            SignIn::Secret(GraphCredential::client_secret(&tenant, &client_id, &secret, CredentialOptions::default())?)
        }
    };
    Ok(Some(Tenant { base_url: base_url.unwrap_or_else(|| Endpoint::GLOBAL.to_owned()), sign_in: Arc::new(sign_in) }))
}
