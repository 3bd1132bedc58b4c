//! Graph names to Rust names: distinct and predictable, whatever the schema allows.
//!
//! - Types: `ndesConnector` → `NdesConnector`; a type of another namespace than the
//!   main one gets that namespace's last part in front
//!   (`microsoft.graph.deviceManagement.alertRule` → `DeviceManagementAlertRule`).
//! - Fields: snake_case, a keyword raw (`r#type`) or, where a raw identifier is not
//!   allowed, with a trailing `_` (`self_`); the names the derive gives itself
//!   (`build`, `target_path`) get a trailing `_` too. Two properties that would
//!   get one name (`remoteControlSoftware`, `remote_Control_Software`): the one whose
//!   name the derive would spell back keeps it, the others get `_2`, `_3`… in order.
//! - Enum members: PascalCase, with the same rule for collisions.

use std::collections::{BTreeMap, BTreeSet};

/// `ndesConnector` → `NdesConnector`; `iPv6Range` → `IPv6Range`.
pub fn pascal(graph_name: &str) -> String {
    let mut chars = graph_name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `lastConnectionDateTime` → `last_connection_date_time`; `minOSVersion` → `min_os_version`.
pub fn snake(camel: &str) -> String {
    let chars: Vec<char> = camel.chars().collect();
    let mut snake = String::with_capacity(camel.len() + 8);
    for (index, &ch) in chars.iter().enumerate() {
        if ch.is_uppercase() && index > 0 {
            let previous = chars[index - 1];
            // `URLs` is one word: a lone plural `s` after an acronym does not start a new one.
            let plural_s = chars.get(index + 1) == Some(&'s')
                && chars.get(index + 2).is_none_or(|after| after.is_uppercase() || after.is_ascii_digit());
            let next_is_lower = !plural_s && chars.get(index + 1).is_some_and(|next| next.is_lowercase());
            if (previous.is_lowercase() || previous.is_ascii_digit() || (previous.is_uppercase() && next_is_lower))
                && !snake.ends_with('_')
            {
                snake.push('_');
            }
        }
        if ch == '_' && (snake.is_empty() || snake.ends_with('_')) {
            continue;
        }
        snake.extend(ch.to_lowercase());
    }
    let trimmed = snake.trim_end_matches('_');
    if trimmed.is_empty() { "value".to_owned() } else { trimmed.to_owned() }
}

/// What the derive computes from a field name (its `snake_to_lower_camel`).
pub fn derive_camel(snake: &str) -> String {
    let mut camel = String::with_capacity(snake.len());
    let mut upper_next = false;
    for ch in snake.trim_start_matches("r#").chars() {
        if ch == '_' {
            upper_next = !camel.is_empty();
        } else if upper_next {
            camel.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            camel.push(ch);
        }
    }
    camel
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// The path segment of an item of type `type_name` (`{deviceConfigurationId}`), numbered
/// (`{deviceConfigurationId2}`, …) past the segments of the path it follows, `taken`.
pub fn item_segment(type_name: &str, taken: &[&str]) -> String {
    let mut segment = format!("{{{type_name}Id}}");
    let mut counter = 2;
    while taken.contains(&segment.as_str()) {
        segment = format!("{{{type_name}Id{counter}}}");
        counter += 1;
    }
    segment
}

/// Whether `word` is a Rust keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word) || NOT_RAW.contains(&word)
}

/// Words that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Field names the derive gives the builder's own methods, or that the generated catch-all takes.
const RESERVED_FIELDS: &[&str] = &["build", "target_path", "additional_properties"];

/// The field for one property name, before collisions: its identifier.
fn field_candidate(graph_name: &str) -> String {
    let snake = snake(graph_name);
    if NOT_RAW.contains(&snake.as_str()) || RESERVED_FIELDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else if snake.starts_with(|ch: char| ch.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    }
}

/// A property's field: its identifier, and the `rename` it needs when the derive would not
/// spell the Graph name back from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    pub ident: String,
    pub rename: Option<String>,
}

/// The fields of a type's properties, in order, each distinct.
pub fn fields(graph_names: &[&str]) -> Vec<FieldName> {
    let candidates: Vec<String> = graph_names.iter().map(|name| field_candidate(name)).collect();
    let spells_back = |index: usize| derive_camel(&candidates[index]) == graph_names[index];
    // The property whose name comes back from the plain identifier has the first claim on it.
    let claimed: BTreeSet<&String> =
        (0..candidates.len()).filter(|index| spells_back(*index)).map(|index| &candidates[index]).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    (0..candidates.len())
        .map(|index| {
            let candidate = &candidates[index];
            let free = if spells_back(index) {
                !taken.contains(candidate)
            } else {
                !claimed.contains(candidate) && !taken.contains(candidate)
            };
            let ident = if free {
                candidate.clone()
            } else {
                let base = candidate.trim_start_matches("r#").trim_end_matches('_').to_owned();
                let mut counter = 2;
                let mut next = format!("{base}_{counter}");
                while taken.contains(&next) || claimed.contains(&next) {
                    counter += 1;
                    next = format!("{base}_{counter}");
                }
                next
            };
            taken.insert(ident.clone());
            let name = graph_names[index];
            let rename = (derive_camel(&ident) != name).then(|| name.to_owned());
            FieldName { ident, rename }
        })
        .collect()
}

/// The variant for an enum member, and its `rename` when needed. Underscores next to
/// letters are dropped (`sha_256_128` → `Sha256_128`), as `non_camel_case_types` wants.
fn variant_candidate(member: &str) -> String {
    let chars: Vec<char> = member.chars().collect();
    let mut ident = String::with_capacity(member.len());
    let mut upper_next = true;
    for (index, &ch) in chars.iter().enumerate() {
        if ch == '_' {
            let beside_letter = index == 0
                || chars[index - 1].is_alphabetic()
                || chars.get(index + 1).is_none_or(|next| next.is_alphabetic());
            if beside_letter {
                upper_next = true;
                continue;
            }
            ident.push('_');
        } else if !(ch.is_alphanumeric()) {
            upper_next = true;
        } else if upper_next {
            ident.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            ident.push(ch);
        }
    }
    if ident.is_empty() || ident.starts_with(|ch: char| ch.is_ascii_digit()) {
        ident.insert(0, 'N');
    }
    if ident == "Self" { "Self_".to_owned() } else { ident }
}

/// What the derive spells back from a variant: its lowerCamel name.
pub fn variant_member(ident: &str) -> String {
    let mut chars = ident.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The variants of an enum's members, in order, each distinct and none named `reserved`.
pub fn variants(members: &[&str], reserved: &str) -> Vec<FieldName> {
    let mut taken: BTreeSet<String> = BTreeSet::from([reserved.to_owned()]);
    members
        .iter()
        .map(|member| {
            let base = variant_candidate(member);
            let mut ident = base.clone();
            let mut counter = 2;
            while !taken.insert(ident.clone()) {
                ident = format!("{base}{counter}");
                counter += 1;
            }
            let rename = (variant_member(&ident) != *member).then(|| (*member).to_owned());
            FieldName { ident, rename }
        })
        .collect()
}

/// The Rust names of the selected types: distinct, with the derive's companion names
/// (`XProperty`, `XPatch`, `CreateX`, `AnyX`) kept free as well.
pub struct TypeNames {
    pub idents: BTreeMap<String, String>,
    pub modules: BTreeMap<String, String>,
}

impl TypeNames {
    /// `types`: full name, name, namespace, and the companions its ident will have (`Patch`, …).
    /// `reserved_modules`: module names taken already (the areas'), which a type's file cannot have.
    pub fn new(
        types: &[(String, String, String, Vec<&'static str>)],
        main_namespace: &str,
        reserved_modules: &[String],
    ) -> TypeNames {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut idents = BTreeMap::new();
        let mut modules = BTreeMap::new();
        let mut module_taken: BTreeSet<String> = reserved_modules.iter().cloned().collect();
        let mut planned: Vec<(&String, String, &Vec<&'static str>)> = types
            .iter()
            .map(|(full, name, namespace, companions)| {
                let prefix = if namespace == main_namespace {
                    String::new()
                } else {
                    pascal(namespace.rsplit('.').next().unwrap_or_default())
                };
                (full, format!("{prefix}{}", pascal(name)), companions)
            })
            .collect();
        // Every plain ident is claimed before any companion, so a real type keeps its own name.
        taken.extend(planned.iter().map(|(_, ident, _)| ident.clone()));
        planned.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let mut owned = BTreeSet::new();
        for (full, ident, companions) in planned {
            let mut chosen = ident.clone();
            let mut counter = 2;
            let free = |candidate: &str, owned: &BTreeSet<String>, taken: &BTreeSet<String>| {
                !owned.contains(candidate)
                    && companions.iter().all(|companion| !taken.contains(&companion_name(companion, candidate)))
            };
            while !free(&chosen, &owned, &taken) {
                chosen = format!("{ident}{counter}");
                counter += 1;
            }
            owned.insert(chosen.clone());
            taken.insert(chosen.clone());
            for companion in companions {
                taken.insert(companion_name(companion, &chosen));
            }
            let mut module = snake(&chosen);
            let module_base = module.clone();
            let mut counter = 2;
            while !module_taken.insert(module.clone()) {
                module = format!("{module_base}_{counter}");
                counter += 1;
            }
            modules.insert(full.clone(), module);
            idents.insert(full.clone(), chosen);
        }
        TypeNames { idents, modules }
    }
}

/// `Patch` of `NdesConnector` → `NdesConnectorPatch`; `Any` → `AnyNdesConnector`; `Create` → `CreateNdesConnector`.
fn companion_name(companion: &str, ident: &str) -> String {
    match companion {
        "Any" | "Create" => format!("{companion}{ident}"),
        suffix => format!("{ident}{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_segment_is_numbered_past_the_ones_its_path_has() {
        let path = ["", "deviceManagement", "deviceConfigurations"];
        assert_eq!(item_segment("deviceConfiguration", &path), "{deviceConfigurationId}");
        let nested = ["", "a", "{deviceConfigurationId}", "b", "{deviceConfigurationId2}", "c"];
        assert_eq!(item_segment("deviceConfiguration", &nested), "{deviceConfigurationId3}");
        assert_eq!(item_segment("deviceConfiguration", &nested[..3]), "{deviceConfigurationId2}");
    }

    fn idents(names: &[&str]) -> Vec<(String, Option<String>)> {
        fields(names).into_iter().map(|field| (field.ident, field.rename)).collect()
    }

    #[test]
    fn fields_are_distinct_and_spell_back() {
        assert_eq!(idents(&["lastConnectionDateTime"]), [("last_connection_date_time".into(), None)]);
        assert_eq!(idents(&["minOSVersion"]), [("min_os_version".into(), Some("minOSVersion".into()))]);
        assert_eq!(
            idents(&["type", "self", "key", "build"]),
            [("r#type".into(), None), ("self_".into(), None), ("key".into(), None), ("build_".into(), None),]
        );
        // The property the plain name spells back keeps it, whatever the order.
        assert_eq!(
            idents(&["remote_Control_Software", "remoteControlSoftware"]),
            [
                ("remote_control_software_2".into(), Some("remote_Control_Software".into())),
                ("remote_control_software".into(), None),
            ]
        );
        assert_eq!(idents(&["additionalProperties"]), [("additional_properties_".into(), None)]);
        // Not spelled back, but nobody else wants the name: it keeps it, with a rename.
        assert_eq!(
            idents(&["enterpriseIPRanges"]),
            [("enterprise_ip_ranges".into(), Some("enterpriseIPRanges".into()))]
        );
        assert_eq!(
            idents(&["kioskBrowserBlockedURLs"]),
            [("kiosk_browser_blocked_urls".into(), Some("kioskBrowserBlockedURLs".into()))]
        );
        assert_eq!(idents(&["iPv6Range"]), [("i_pv6_range".into(), None)]);
    }

    #[test]
    fn enum_members_are_distinct_variants() {
        let names: Vec<(String, Option<String>)> = variants(
            &["notConfigured", "sha2_256", "sha_256_128", "iOS", "NotConfigured", "unrecognized"],
            "Unrecognized",
        )
        .into_iter()
        .map(|variant| (variant.ident, variant.rename))
        .collect();
        assert_eq!(
            names,
            [
                ("NotConfigured".into(), None),
                ("Sha2_256".into(), None),
                ("Sha256_128".into(), Some("sha_256_128".into())),
                ("IOS".into(), None),
                ("NotConfigured2".into(), Some("NotConfigured".into())),
                ("Unrecognized2".into(), Some("unrecognized".into())),
            ]
        );
    }

    #[test]
    fn type_names_leave_room_for_companions_and_other_namespaces() {
        let types = vec![
            ("microsoft.graph.thing".to_owned(), "thing".to_owned(), "microsoft.graph".to_owned(), vec!["Patch"]),
            ("microsoft.graph.thingPatch".to_owned(), "thingPatch".to_owned(), "microsoft.graph".to_owned(), vec![]),
            ("microsoft.graph.x.thing".to_owned(), "thing".to_owned(), "microsoft.graph.x".to_owned(), vec![]),
        ];
        let names = TypeNames::new(&types, "microsoft.graph", &["thing_patch".to_owned()]);
        assert_eq!(names.idents["microsoft.graph.thingPatch"], "ThingPatch");
        assert_eq!(names.idents["microsoft.graph.thing"], "Thing2", "its patch would be the other type's name");
        assert_eq!(names.idents["microsoft.graph.x.thing"], "XThing");
        assert_eq!(names.modules["microsoft.graph.thingPatch"], "thing_patch_2", "`thing_patch` is reserved");
    }
}
