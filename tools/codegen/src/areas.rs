//! Areas: how an Intune administrator finds things, one module and one cargo feature each.
//!
//! Each top-level navigation property of the selected roots (`deviceConfigurations`,
//! `mobileApps`, …) belongs to an area by the table below; the entities there
//! (and, for device configuration, each platform's profiles) anchor their area.
//! A type lives in the one area that every anchor reaching it shares: its own
//! when one area needs it, else the nearest common parent in the area tree,
//! up to `common`. So a type only ever refers to types of its own area or of
//! an area above it. Where a type lives is only its module: it is compiled when
//! any area whose anchors reach it is on (`Placement::reached_by`), so areas do
//! not turn each other on and each compiles only the types it reaches.

use std::collections::{BTreeMap, BTreeSet};

use crate::csdl::{Csdl, TypeRef};
use crate::select::{Selection, derived_types};

pub struct Area {
    /// The feature: `device-config-windows`.
    pub feature: &'static str,
    /// The area it builds on.
    pub parent: Option<&'static str>,
    /// What it holds, for the docs and the feature table.
    pub description: &'static str,
}

impl Area {
    /// The module: `device_config_windows`.
    pub fn module(&self) -> String {
        self.feature.replace('-', "_")
    }
}

pub const COMMON: &str = "common";

pub const AREAS: &[Area] = &[
    Area {
        feature: COMMON,
        parent: None,
        description: "types several areas share: base types, assignment targets, settings-catalog values, shared enums",
    },
    Area {
        feature: "tenant",
        parent: Some(COMMON),
        description: "the `deviceManagement` and `deviceAppManagement` singletons, terms and conditions, notification templates, branding, assignment filters",
    },
    Area { feature: "ndes", parent: Some(COMMON), description: "NDES connectors" },
    Area {
        feature: "rbac",
        parent: Some(COMMON),
        description: "role definitions and assignments, scope tags, resource operations, multi-admin approval",
    },
    Area {
        feature: "devices",
        parent: Some(COMMON),
        description: "managed and co-managed devices, detected apps, device categories, malware, cleanup rules, troubleshooting",
    },
    Area {
        feature: "device-config",
        parent: Some(COMMON),
        description: "device configuration and compliance profiles: base types, assignments, statuses and summaries",
    },
    Area {
        feature: "device-config-windows",
        parent: Some("device-config"),
        description: "Windows configuration and compliance profiles",
    },
    Area {
        feature: "device-config-ios",
        parent: Some("device-config"),
        description: "iOS/iPadOS configuration and compliance profiles",
    },
    Area {
        feature: "device-config-macos",
        parent: Some("device-config"),
        description: "macOS configuration and compliance profiles",
    },
    Area {
        feature: "device-config-android",
        parent: Some("device-config"),
        description: "Android and AOSP configuration and compliance profiles",
    },
    Area {
        feature: "settings-catalog",
        parent: Some(COMMON),
        description: "settings catalog: configuration and compliance policies, setting definitions, templates, reusable settings",
    },
    Area {
        feature: "endpoint-security",
        parent: Some(COMMON),
        description: "endpoint security intents, security baselines and their templates and setting definitions",
    },
    Area {
        feature: "group-policy",
        parent: Some(COMMON),
        description: "administrative templates (group policy) configurations, definitions and uploads",
    },
    Area {
        feature: "scripts",
        parent: Some(COMMON),
        description: "platform scripts, remediations (health scripts), compliance scripts, custom attributes",
    },
    Area {
        feature: "apps",
        parent: Some(COMMON),
        description: "apps and app configuration: mobile apps, categories, VPP tokens, e-books, policy sets",
    },
    Area {
        feature: "app-protection",
        parent: Some(COMMON),
        description: "app protection (MAM) and Windows Information Protection policies, registrations, statuses",
    },
    Area {
        feature: "enrollment",
        parent: Some(COMMON),
        description: "enrollment and Autopilot: enrollment configurations, Autopilot profiles and devices, DEP, Android enrollment profiles",
    },
    Area {
        feature: "updates",
        parent: Some(COMMON),
        description: "Windows feature, quality and driver updates, update catalog, Zebra FOTA",
    },
    Area {
        feature: "reports",
        parent: Some(COMMON),
        description: "reports, export jobs, monitoring and alerts, audit events",
    },
    Area { feature: "analytics", parent: Some(COMMON), description: "Endpoint analytics (user experience analytics)" },
    Area {
        feature: "cloud-pc",
        parent: Some(COMMON),
        description: "Windows 365 Cloud PC: provisioning policies, images, Cloud PCs, settings",
    },
    Area {
        feature: "partners",
        parent: Some(COMMON),
        description: "partners and connectors: telecom expense management, mobile threat defense, Exchange, ServiceNow, Android for Work, APNs, certificate and domain join connectors",
    },
    Area {
        feature: "tunnel",
        parent: Some(COMMON),
        description: "Microsoft Tunnel sites, servers, configurations and health thresholds",
    },
    Area {
        feature: "cloud-pki",
        parent: Some(COMMON),
        description: "Cloud PKI certification authorities and leaf certificates",
    },
];

/// Top-level navigation property → area. A name not listed falls to `common`.
const ROOT_AREAS: &[(&str, &[&str])] = &[
    ("ndes", &["ndesConnectors"]),
    ("tenant", &["termsAndConditions", "notificationMessageTemplates", "intuneBrandingProfiles", "assignmentFilters"]),
    (
        "rbac",
        &[
            "roleDefinitions",
            "roleAssignments",
            "resourceOperations",
            "roleScopeTags",
            "tenantAttachRBAC",
            "operationApprovalPolicies",
            "operationApprovalRequests",
        ],
    ),
    (
        "devices",
        &[
            "managedDevices",
            "comanagedDevices",
            "comanagementEligibleDevices",
            "detectedApps",
            "deviceCategories",
            "windowsMalwareInformation",
            "remoteActionAudits",
            "managedDeviceOverview",
            "managedDeviceCleanupRules",
            "managedDeviceEncryptionStates",
            "managedDeviceWindowsOSImages",
            "hardwarePasswordDetails",
            "hardwarePasswordInfo",
            "dataSharingConsents",
            "privilegeManagementElevations",
            "elevationRequests",
            "endpointPrivilegeManagementProvisioningStatus",
            "mobileAppTroubleshootingEvents",
            "troubleshootingEvents",
            "configManagerCollections",
            "cartToClassAssociations",
            "embeddedSIMActivationCodePools",
            "chromeOSOnboardingSettings",
        ],
    ),
    (
        "device-config",
        &[
            "deviceConfigurations",
            "deviceConfigurationConflictSummary",
            "deviceConfigurationDeviceStateSummaries",
            "deviceConfigurationRestrictedAppsViolations",
            "deviceConfigurationsAllManagedDeviceCertificateStates",
            "deviceConfigurationUserStateSummaries",
            "resourceAccessProfiles",
            "hardwareConfigurations",
            "userPfxCertificates",
            "derivedCredentials",
            "deviceCompliancePolicies",
            "deviceCompliancePolicyDeviceStateSummary",
            "deviceCompliancePolicySettingStateSummaries",
            "softwareUpdateStatusSummary",
            "iosUpdateStatuses",
            "macOSSoftwareUpdateAccountSummaries",
            "windowsInformationProtectionAppLearningSummaries",
            "windowsInformationProtectionNetworkLearningSummaries",
        ],
    ),
    (
        "settings-catalog",
        &[
            "configurationPolicies",
            "configurationPolicyTemplates",
            "configurationSettings",
            "configurationCategories",
            "reusablePolicySettings",
            "reusableSettings",
            "compliancePolicies",
            "complianceSettings",
            "complianceCategories",
            "inventoryPolicies",
            "inventorySettings",
            "inventoryCategories",
        ],
    ),
    (
        "endpoint-security",
        &["intents", "templates", "templateSettings", "templateInsights", "settingDefinitions", "categories"],
    ),
    (
        "group-policy",
        &[
            "groupPolicyCategories",
            "groupPolicyConfigurations",
            "groupPolicyDefinitionFiles",
            "groupPolicyDefinitions",
            "groupPolicyMigrationReports",
            "groupPolicyObjectFiles",
            "groupPolicyUploadedDefinitionFiles",
        ],
    ),
    (
        "scripts",
        &[
            "deviceManagementScripts",
            "deviceShellScripts",
            "deviceHealthScripts",
            "deviceCustomAttributeShellScripts",
            "deviceComplianceScripts",
        ],
    ),
    (
        "apps",
        &[
            "mobileApps",
            "mobileAppCategories",
            "mobileAppConfigurations",
            "mobileAppRelationships",
            "mobileAppCatalogPackages",
            "vppTokens",
            "managedEBooks",
            "managedEBookCategories",
            "enterpriseCodeSigningCertificates",
            "symantecCodeSigningCertificate",
            "iosLobAppProvisioningConfigurations",
            "wdacSupplementalPolicies",
            "policySets",
            "deviceAppManagementTasks",
            "windowsManagementApp",
        ],
    ),
    (
        "app-protection",
        &[
            "managedAppPolicies",
            "managedAppRegistrations",
            "managedAppStatuses",
            "iosManagedAppProtections",
            "androidManagedAppProtections",
            "defaultManagedAppProtections",
            "windowsManagedAppProtections",
            "targetedManagedAppConfigurations",
            "mdmWindowsInformationProtectionPolicies",
            "windowsInformationProtectionPolicies",
            "windowsInformationProtectionDeviceRegistrations",
            "windowsInformationProtectionWipeActions",
        ],
    ),
    (
        "enrollment",
        &[
            "deviceEnrollmentConfigurations",
            "windowsAutopilotDeploymentProfiles",
            "windowsAutopilotDeviceIdentities",
            "windowsAutopilotSettings",
            "importedWindowsAutopilotDeviceIdentities",
            "importedDeviceIdentities",
            "depOnboardingSettings",
            "appleUserInitiatedEnrollmentProfiles",
            "androidDeviceOwnerEnrollmentProfiles",
            "androidForWorkEnrollmentProfiles",
            "autopilotEvents",
        ],
    ),
    (
        "updates",
        &[
            "windowsDriverUpdateProfiles",
            "windowsFeatureUpdateProfiles",
            "windowsQualityUpdatePolicies",
            "windowsQualityUpdateProfiles",
            "windowsUpdateCatalogItems",
            "zebraFotaArtifacts",
            "zebraFotaConnector",
            "zebraFotaDeployments",
        ],
    ),
    ("reports", &["reports", "monitoring", "auditEvents"]),
    ("cloud-pc", &["virtualEndpoint", "cloudPCConnectivityIssues"]),
    (
        "tunnel",
        &[
            "microsoftTunnelConfigurations",
            "microsoftTunnelHealthThresholds",
            "microsoftTunnelServerLogCollectionResponses",
            "microsoftTunnelSites",
        ],
    ),
    ("cloud-pki", &["cloudCertificationAuthority", "cloudCertificationAuthorityLeafCertificate"]),
    (
        "partners",
        &[
            "telecomExpenseManagementPartners",
            "mobileThreatDefenseConnectors",
            "deviceManagementPartners",
            "complianceManagementPartners",
            "remoteAssistancePartners",
            "remoteAssistanceSettings",
            "exchangeConnectors",
            "exchangeOnPremisesPolicies",
            "exchangeOnPremisesPolicy",
            "serviceNowConnections",
            "androidForWorkSettings",
            "androidManagedStoreAccountEnterpriseSettings",
            "androidForWorkAppConfigurationSchemas",
            "androidManagedStoreAppConfigurationSchemas",
            "androidAppConfigurationSchema",
            "applePushNotificationCertificate",
            "conditionalAccessSettings",
            "advancedThreatProtectionOnboardingStateSummary",
            "certificateConnectorDetails",
            "domainJoinConnectors",
        ],
    ),
];

/// The area a top-level navigation property (or root) belongs to.
fn root_area(name: &str) -> &'static str {
    ROOT_AREAS.iter().find(|(_, names)| names.contains(&name)).map_or(COMMON, |(area, _)| area)
}

/// A device configuration or compliance profile's platform area, by its type name.
fn platform_area(type_name: &str) -> Option<&'static str> {
    let lower = type_name.to_ascii_lowercase();
    if lower.starts_with("android") || lower.starts_with("aosp") {
        Some("device-config-android")
    } else if lower.starts_with("ios") {
        Some("device-config-ios")
    } else if lower.starts_with("macos") {
        Some("device-config-macos")
    } else if ["windows", "win32", "sharedpc", "editionupgrade"].iter().any(|prefix| lower.starts_with(prefix)) {
        Some("device-config-windows")
    } else {
        None
    }
}

pub fn area(feature: &str) -> &'static Area {
    AREAS.iter().find(|area| area.feature == feature).unwrap_or_else(|| panic!("no area `{feature}`"))
}

/// `feature` and the areas above it, nearest first.
pub fn ancestors(feature: &str) -> Vec<&'static str> {
    let mut chain = vec![area(feature).feature];
    while let Some(parent) = area(chain.last().expect("not empty")).parent {
        chain.push(parent);
    }
    chain
}

/// The nearest area every one of `areas` is under (itself included).
fn common_ancestor(areas: &BTreeSet<&'static str>) -> &'static str {
    let mut iter = areas.iter();
    let Some(first) = iter.next() else { return COMMON };
    let mut shared: Vec<&'static str> = ancestors(first);
    for other in iter {
        let theirs = ancestors(other);
        shared.retain(|area| theirs.contains(area));
    }
    shared.first().copied().unwrap_or(COMMON)
}

/// Where each selected type lives and which areas need it.
pub struct Placement {
    /// The type's home: the area whose module holds its file.
    pub home: BTreeMap<String, &'static str>,
    /// The areas whose types reach it: it is compiled when one of their features is on.
    pub reached_by: BTreeMap<String, BTreeSet<&'static str>>,
}

/// The home of every selected type, and the areas that reach it.
pub fn place(csdl: &Csdl, selection: &Selection) -> Placement {
    // The anchors: each root's own type is the tenant's; each top-level navigation
    // target (and its derived types) is its property's area.
    let mut anchors: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    let root_types: BTreeSet<&str> = selection.roots.iter().map(|(_, ty)| ty.as_str()).collect();
    for (_, ty) in &selection.roots {
        anchors.entry(ty.clone()).or_default().insert("tenant");
    }
    for paths in selection.paths.values() {
        for path in paths {
            let depth = path.segments();
            let top_level = depth == 2 && !path.template.contains('{');
            if !top_level || root_types.contains(path.declared.as_str()) {
                continue;
            }
            let area = root_area(&path.name);
            anchors.entry(path.declared.clone()).or_default().insert(area);
            for derived in derived_types(csdl, &path.declared) {
                let derived_area = match (area, platform_area(&csdl.get(&derived).name)) {
                    ("device-config", Some(platform)) => platform,
                    _ => area,
                };
                anchors.entry(derived).or_default().insert(derived_area);
            }
        }
    }
    let mut reached: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for (anchor, areas) in &anchors {
        for name in needs(csdl, selection, anchor, root_types.contains(anchor.as_str())) {
            reached.entry(name).or_default().extend(areas.iter().copied());
        }
    }
    let mut placed: BTreeMap<String, &'static str> =
        selection.types.iter().map(|name| (name.clone(), reached.get(name).map_or(COMMON, common_ancestor))).collect();
    // What no anchor reaches (no area needs it) is compiled with the area it lives in.
    let reached_by: BTreeMap<String, BTreeSet<&'static str>> = selection
        .types
        .iter()
        .map(|name| (name.clone(), reached.get(name).cloned().unwrap_or_else(|| BTreeSet::from([placed[name]]))))
        .collect();
    // A type an area refers to must be in that area or above it: lift until it holds.
    loop {
        let mut changed = false;
        for name in &selection.types {
            let area = placed[name];
            let typed_navigations = csdl.get(name).navigation.iter().filter_map(|navigation| {
                let target = &navigation.ty.name;
                typed_navigation(&reached_by, name, target).then(|| target.clone())
            });
            for referenced in direct_references(csdl, selection, name).into_iter().chain(typed_navigations) {
                let current = placed[&referenced];
                if !ancestors(area).contains(&current) {
                    let lifted = common_ancestor(&BTreeSet::from([area, current]));
                    placed.insert(referenced, lifted);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    Placement { home: placed, reached_by }
}

/// Whether a navigation property of `owner` holding `target` is typed: the target is compiled
/// whenever the owner is (every area that reaches the owner reaches it). Else (a root's
/// navigation into another area's collections) its field holds untyped JSON.
pub fn typed_navigation(reached_by: &BTreeMap<String, BTreeSet<&'static str>>, owner: &str, target: &str) -> bool {
    match (reached_by.get(owner), reached_by.get(target)) {
        (Some(owner), Some(target)) => owner.is_subset(target),
        _ => false,
    }
}

impl Placement {
    /// Whether a navigation property of `owner` holding `target` is typed (see [`typed_navigation`]).
    pub fn typed_navigation(&self, owner: &str, target: &str) -> bool {
        typed_navigation(&self.reached_by, owner, target)
    }
}

/// The types a value of `name` refers to by name in its generated file: its base,
/// its property types, and the parameter and return types of its operations.
pub fn direct_references(csdl: &Csdl, selection: &Selection, name: &str) -> Vec<String> {
    let ty = csdl.get(name);
    let mut references: Vec<&TypeRef> = ty.properties.iter().map(|property| &property.ty).collect();
    for index in &selection.operations {
        let operation = &csdl.operations[*index];
        if operation.binding.as_ref().is_some_and(|binding| binding.name == name) {
            references.extend(operation.parameters.iter().map(|parameter| &parameter.ty));
            references.extend(operation.return_type.iter());
        }
    }
    let mut names: Vec<String> = references
        .into_iter()
        .filter(|reference| !reference.is_primitive() && selection.types.contains(&reference.name))
        .map(|reference| reference.name.clone())
        .collect();
    names.extend(ty.base.clone());
    names
}

/// Everything an anchor's values need: their structure (with the types derived from
/// what they refer to), what their contained navigation properties hold, and their
/// operations' types. A root's own navigation properties are the other anchors: not followed.
fn needs(csdl: &Csdl, selection: &Selection, anchor: &str, is_root: bool) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![anchor.to_owned()];
    while let Some(name) = stack.pop() {
        if !selection.types.contains(&name) || !seen.insert(name.clone()) {
            continue;
        }
        let ty = csdl.get(&name);
        // An entity with places of its own does not need its base (its struct carries the base's
        // properties); one that lives in its base's collection does (`Any…` lists it there).
        let own_places = selection.paths.contains_key(&name);
        for referenced in direct_references(csdl, selection, &name) {
            let is_base = ty.base.as_deref() == Some(referenced.as_str());
            if is_base && own_places {
                continue;
            }
            if !is_base {
                stack.extend(derived_types(csdl, &referenced));
            }
            stack.push(referenced);
        }
        if is_root && name == anchor {
            continue;
        }
        // What its navigation properties hold: their fields are typed. A contained value may be
        // of any type derived from the declared one; a reference (often back to a parent) needs
        // only its declared type, so a reference does not pull in every profile of a platform.
        for navigation in &ty.navigation {
            stack.push(navigation.ty.name.clone());
            if navigation.contains_target {
                stack.extend(derived_types(csdl, &navigation.ty.name));
            }
        }
    }
    seen
}
