//! How Microsoft Graph names become Rust names, in one place.
//!
//! The derive (`msgraph-entity-derive`) reads a Rust field and needs its Graph property name;
//! the generator (`msgraph-codegen`) reads a Graph property and writes a Rust field the derive
//! must spell back. Both call this crate, so a rule changed here changes on both sides at once:
//!
//! - **case**: [`lower_camel_from_snake`] (field → property), [`snake_from_camel`]
//!   (property → field, acronyms kept whole), [`upper_first`], [`lower_first`], [`pascal_from_snake`];
//! - **keywords**: [`is_keyword`], and the forms a name takes when it is one:
//!   [`field_identifier`] (`r#type`, `self_`), [`with_trailing_underscore`] (`type_`);
//! - **what the derive writes beside a type**: [`Companion`] (`NdesConnectorPatch`, …),
//!   [`builder_state_module`], [`clear_method`], [`property_variant`], the functions of an
//!   entity ([`ENTITY_FUNCTIONS`], [`BUILDER_METHODS`], [`single_functions`], [`create_at_functions`]);
//! - **parameters**: [`path_parameter`] (`{deviceConfigurationId}` → `device_configuration_id`),
//!   [`item_segment`], [`operation_method`];
//! - **generated items**: [`fields`], [`variants`], [`module_name`], [`TypeNames`].
//!
//! Every identifier this crate makes for a generated item is ASCII: a letter outside ASCII
//! (valid in an OData name) becomes `u` and its code point in hex (`naïve` → `nau00efve`), so a
//! module file can be named after it and no lint on confusable characters fires.

use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// OData names.

/// The longest name OData allows (a SimpleIdentifier: CSDL 4.0, part 3, section 17.2).
pub const MAX_NAME_CHARS: usize = 128;

/// Whether `name` is an OData SimpleIdentifier — the one rule for every name a document gives
/// (types, properties, navigation properties, enum members, operations, parameters, container
/// children, and each dot-separated part of a namespace or alias): a letter or `_`, then
/// letters, digits and `_` (any script's), at most [`MAX_NAME_CHARS`] characters.
///
/// Letters and digits are Unicode's identifier classes (XID_Start, XID_Continue), the ones
/// Rust's own identifiers use. CSDL also allows format characters (category Cf); they are
/// refused, because they are invisible: bidirectional overrides and zero-width joiners make
/// two different names look alike, or a name look like another text.
pub fn check_simple_identifier(name: &str) -> Result<(), String> {
    let Some(first) = name.chars().next() else {
        return Err("a name cannot be empty".to_owned());
    };
    if first != '_' && !unicode_ident::is_xid_start(first) {
        return Err(format!("a name starts with a letter or `_`, not {}", shown(first)));
    }
    let mut count = 0;
    for ch in name.chars() {
        count += 1;
        if count > MAX_NAME_CHARS {
            return Err(format!("a name has at most {MAX_NAME_CHARS} characters"));
        }
        // Zero-width (non-)joiners are the two format characters XID_Continue has.
        if !unicode_ident::is_xid_continue(ch) || matches!(ch, '\u{200c}' | '\u{200d}') {
            return Err(format!("a name holds letters, digits and `_`, not {}", shown(ch)));
        }
    }
    Ok(())
}

/// A character as a message shows it: in backticks, control and invisible characters escaped
/// (`\u{202e}`), so no name can hide or forge part of a message.
fn shown(ch: char) -> String {
    match ch {
        '"' | '\'' | '\\' => format!("`{ch}`"),
        _ => format!("`{}`", ch.escape_debug()),
    }
}

// ---------------------------------------------------------------------------------------------
// Case.

/// `last_connection_date_time` → `lastConnectionDateTime`: the Graph name the derive gives a
/// field without `rename`. A raw identifier's `r#` and any leading or trailing `_` are dropped.
pub fn lower_camel_from_snake(snake: &str) -> String {
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

/// `lastConnectionDateTime` → `last_connection_date_time`; `minOSVersion` → `min_os_version`;
/// `kioskBrowserBlockedURLs` → `kiosk_browser_blocked_urls`. An acronym stays one word (a lone
/// plural `s` after it too); an empty result is `value`.
pub fn snake_from_camel(camel: &str) -> String {
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

/// `ndesConnector` → `NdesConnector`; `iPv6Range` → `IPv6Range`.
pub fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `NdesConnectorState` → `ndesConnectorState`; `Active` → `active`: the Graph name of an enum or
/// of a member the derive reads without `rename`.
pub fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `last_connection_date_time` → `LastConnectionDateTime` (`r#` and empty parts dropped).
pub fn pascal_from_snake(snake: &str) -> String {
    snake.trim_start_matches("r#").split('_').filter(|part| !part.is_empty()).map(upper_first).collect()
}

// ---------------------------------------------------------------------------------------------
// Keywords.

/// Every Rust keyword, strict or reserved, of any edition.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Words that are not even raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Whether `word` cannot be a plain identifier: a Rust keyword of any edition, or `_`.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word) || word == "_"
}

/// `word`, or `word_` when it is a keyword: the form of parameters, functions and variants.
pub fn with_trailing_underscore(word: &str) -> String {
    if is_keyword(word) { format!("{word}_") } else { word.to_owned() }
}

/// The identifier of a struct field named `word`: `word`; `r#word` for a keyword that can be
/// raw (`r#type`, which the derive spells back as `type`); `word_` for one that cannot (`self_`).
pub fn field_identifier(word: &str) -> String {
    if NOT_RAW.contains(&word) {
        format!("{word}_")
    } else if is_keyword(word) {
        format!("r#{word}")
    } else {
        word.to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// What the derive writes beside a type.

/// A type the derive (or the generator) writes beside an entity or complex type, named after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Companion {
    /// `NdesConnectorProperty`: the property enum, for `$select`, `$orderby` and filters.
    Property,
    /// `DeviceManagementConfigurationPolicyNavigation`: the navigation enum, for `$expand`.
    Navigation,
    /// `NdesConnectorPatch`: the update.
    Patch,
    /// `CreateNdesConnector`: the typestate create builder.
    Create,
    /// `AnyDeviceConfiguration`: the type or any type derived from it.
    Any,
}

impl Companion {
    /// Every companion an entity can have.
    pub const ALL: [Companion; 5] =
        [Companion::Property, Companion::Navigation, Companion::Patch, Companion::Create, Companion::Any];

    /// The companion's name for the type `ident`.
    pub fn name(self, ident: &str) -> String {
        match self {
            Companion::Property => format!("{ident}Property"),
            Companion::Navigation => format!("{ident}Navigation"),
            Companion::Patch => format!("{ident}Patch"),
            Companion::Create => format!("Create{ident}"),
            Companion::Any => format!("Any{ident}"),
        }
    }
}

/// `NdesConnector` → `__create_NdesConnector_state`: the module of the builder's unset markers,
/// named after the type as it is (two types whose snake_case names agree, `AB` and `Ab`, keep
/// distinct modules).
pub fn builder_state_module(ident: &str) -> String {
    format!("__create_{ident}_state")
}

/// `display_name` → `clear_display_name`: the patch method that sends `null`.
pub fn clear_method(field: &str) -> String {
    format!("clear_{}", field.trim_start_matches("r#").trim_end_matches('_'))
}

/// `last_connection_date_time` → `LastConnectionDateTime`: the variant of a field in the
/// property and navigation enums (`self_` → `Self_`, since `Self` is a keyword).
pub fn property_variant(field: &str) -> String {
    with_trailing_underscore(&pascal_from_snake(field))
}

/// The functions the derive writes on an entity with a collection: a `create_at` or `single`
/// function cannot take one of these names.
pub const ENTITY_FUNCTIONS: &[&str] = &["create", "get", "list", "update", "delete", "update_item"];

/// The create builder's own methods: a writable field cannot be named like one (its setter would be).
pub const BUILDER_METHODS: &[&str] = &["build", "target_path"];

/// `settings` → `get_settings`, `update_settings`: the functions of a `single(name = …)` place.
pub fn single_functions(name: &str) -> [String; 2] {
    [format!("get_{name}"), format!("update_{name}")]
}

/// `create_in_settings` → `create_in_settings`, `in_settings`: the functions of a
/// `create_at(name = …)` collection, the create builder and the rest of its lifecycle
/// (the runtime's `CollectionAt`). A name that does not start
/// with `create_` keeps it whole: `add_setting` → `add_setting_collection`.
pub fn create_at_functions(name: &str) -> [String; 2] {
    let collection = match name.strip_prefix("create_") {
        Some(rest) => rest.to_owned(),
        None => format!("{name}_collection"),
    };
    [name.to_owned(), collection]
}

/// The field that keeps a type's unknown properties in generated models.
pub const CATCH_ALL_FIELD: &str = "additional_properties";

/// The field that keeps a type's control information in generated models.
pub const CONTROL_FIELD: &str = "odata";

/// The catch-all variant of generated enums: no member takes this name.
pub const UNRECOGNIZED_VARIANT: &str = "Unrecognized";

/// The catch-all variant of generated polymorphic enums.
pub const UNLISTED_VARIANT: &str = "Unlisted";

// ---------------------------------------------------------------------------------------------
// Parameters.

/// Names the generated operations give their own arguments: a path parameter written the same
/// gets a trailing `_`.
pub const OPERATION_ARGUMENTS: &[&str] = &["key", "patch", "parameters"];

/// `{deviceConfigurationId}`'s name → `device_configuration_id`, the argument that fills it;
/// `key_`, `patch_`, `parameters_`, `type_` for an operation's own argument or a keyword.
pub fn path_parameter(name: &str) -> String {
    let snake = ascii_identifier(&snake_from_camel(name));
    if OPERATION_ARGUMENTS.contains(&snake.as_str()) { format!("{snake}_") } else { with_trailing_underscore(&snake) }
}

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

/// `getEffectivePermissions` → `get_effective_permissions`: the function an operation gets on
/// its bound type (`type_` for a keyword).
pub fn operation_method(operation_name: &str) -> String {
    with_trailing_underscore(&ascii_identifier(&snake_from_camel(operation_name)))
}

// ---------------------------------------------------------------------------------------------
// Generated items.

/// Field names the derive or the generated models use for themselves: a property named like one
/// gets a trailing `_`.
const RESERVED_FIELDS: &[&str] = &["build", "target_path", CATCH_ALL_FIELD, CONTROL_FIELD];

/// `ï` → `u00ef`: an identifier made of ASCII only (see the crate documentation).
pub fn ascii_identifier(text: &str) -> String {
    let mut ascii = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() {
            ascii.push(ch);
        } else {
            ascii.push_str(&format!("u{:04x}", u32::from(ch)));
        }
    }
    ascii
}

/// The field for one property name, before collisions.
fn field_candidate(graph_name: &str) -> String {
    let snake = ascii_identifier(&snake_from_camel(graph_name));
    if RESERVED_FIELDS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if snake.starts_with(|ch: char| ch.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        field_identifier(&snake)
    }
}

/// A generated item's identifier and the `rename` it needs when the derive would not spell the
/// Graph name back from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustName {
    /// The identifier: `min_os_version`, `r#type`, `Sha256_128`.
    pub ident: String,
    /// The Graph name, when the derive's rule does not give it back from `ident`.
    pub rename: Option<String>,
}

/// The fields of a type's properties, in order, each distinct. The property whose Graph name
/// comes back from the plain identifier has the first claim on it; the others get `_2`, `_3`.
pub fn fields(graph_names: &[&str]) -> Vec<RustName> {
    let candidates: Vec<String> = graph_names.iter().map(|name| field_candidate(name)).collect();
    let spells_back = |index: usize| lower_camel_from_snake(&candidates[index]) == graph_names[index];
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
            let rename = (lower_camel_from_snake(&ident) != name).then(|| name.to_owned());
            RustName { ident, rename }
        })
        .collect()
}

/// The variant for an enum member. Underscores next to letters are dropped (`sha_256_128` →
/// `Sha256_128`), as `non_camel_case_types` wants.
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
        } else if !ch.is_alphanumeric() {
            upper_next = true;
        } else if upper_next {
            ident.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            ident.push(ch);
        }
    }
    // Upper case first, also where the first letter was not ASCII (`É` → `U00c9`).
    let mut ident = upper_first(&ascii_identifier(&ident));
    if ident.is_empty() || ident.starts_with(|ch: char| ch.is_ascii_digit()) {
        ident.insert(0, 'N');
    }
    with_trailing_underscore(&ident)
}

/// The variants of an enum's members, in order, each distinct and none named `reserved`.
pub fn variants(members: &[&str], reserved: &str) -> Vec<RustName> {
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
            let rename = (lower_first(&ident) != *member).then(|| (*member).to_owned());
            RustName { ident, rename }
        })
        .collect()
}

/// `NdesConnector` → `ndes_connector`: the module (and file) of a type, ASCII only (`n` before
/// a leading digit, as for fields).
pub fn module_name(ident: &str) -> String {
    let snake = ascii_identifier(&snake_from_camel(ident));
    let snake = if snake.starts_with(|ch: char| ch.is_ascii_digit()) { format!("n{snake}") } else { snake };
    with_trailing_underscore(&snake)
}

/// `ndesConnector` → `NdesConnector`; `a_b` → `AB`: the identifier of a type or of a namespace's
/// part in UpperCamelCase (`_` dropped, the letter after it upper case), ASCII only, `N` before
/// a leading digit or in place of nothing.
pub fn type_identifier(name: &str) -> String {
    let camel: String = name.split('_').filter(|part| !part.is_empty()).map(upper_first).collect();
    let camel = upper_first(&ascii_identifier(&camel));
    if camel.is_empty() || camel.starts_with(|ch: char| ch.is_ascii_digit()) { format!("N{camel}") } else { camel }
}

/// Names a generated type cannot take, whatever the schema calls it: the runtime's types and
/// derives that generated files import (`AdditionalProperties`, `GraphEntity`, …), the prelude's
/// types and variants that generated code names bare (`Option`, `Vec`, `String`, `Box`, …), and
/// the catch-all variants. A type the schema names so is numbered (`Option2`).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AdditionalProperties",
    "ControlInformation",
    "GraphEntity",
    "GraphComplex",
    "GraphEnum",
    "GraphAction",
    "GraphFunction",
    "Flags",
    "Binary",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Duration",
    "Guid",
    "TimeOfDay",
    "UntypedValue",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    UNRECOGNIZED_VARIANT,
    UNLISTED_VARIANT,
];

/// A type to name: its full OData name, its name, its namespace, and the companions the derive
/// will write beside it.
#[derive(Debug, Clone)]
pub struct TypeToName {
    /// `microsoft.graph.ndesConnector`.
    pub full_name: String,
    /// `ndesConnector`.
    pub name: String,
    /// `microsoft.graph`.
    pub namespace: String,
    /// The companions the type gets (`Patch` for an entity, `Any` for a type with derived types, …).
    pub companions: Vec<Companion>,
}

/// The Rust names of a set of types: distinct, with every companion name kept free as well, and
/// distinct module names.
#[derive(Debug, Clone, Default)]
pub struct TypeNames {
    /// Full OData name → Rust identifier.
    pub idents: BTreeMap<String, String>,
    /// Full OData name → module (and file) name.
    pub modules: BTreeMap<String, String>,
}

impl TypeNames {
    /// Names `types`. A type of `main_namespace` is named after itself (`NdesConnector`); one of
    /// another namespace gets its namespace's last part in front (`DeviceManagementAlertRule`).
    /// Two types that would share a name, or whose companions would, are numbered (`Thing2`).
    /// `reserved_modules` cannot be module names (the areas').
    pub fn new(types: &[TypeToName], main_namespace: &str, reserved_modules: &[String]) -> TypeNames {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut names = TypeNames::default();
        let mut module_taken: BTreeSet<String> = reserved_modules.iter().cloned().collect();
        let mut planned: Vec<(&TypeToName, String)> = types
            .iter()
            .map(|ty| {
                let prefix = if ty.namespace == main_namespace {
                    String::new()
                } else {
                    type_identifier(ty.namespace.rsplit('.').next().unwrap_or_default())
                };
                (ty, format!("{prefix}{}", type_identifier(&ty.name)))
            })
            .collect();
        // Every plain ident is claimed before any companion, so a real type keeps its own name.
        taken.extend(planned.iter().map(|(_, ident)| ident.clone()));
        planned.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.full_name.cmp(&b.0.full_name)));
        let mut owned = BTreeSet::new();
        for (ty, ident) in planned {
            let free = |candidate: &str, owned: &BTreeSet<String>, taken: &BTreeSet<String>| {
                !owned.contains(candidate)
                    && !is_keyword(candidate)
                    && !RESERVED_TYPE_NAMES.contains(&candidate)
                    && ty.companions.iter().all(|companion| !taken.contains(&companion.name(candidate)))
            };
            let mut chosen = ident.clone();
            let mut counter = 2;
            while !free(&chosen, &owned, &taken) {
                chosen = format!("{ident}{counter}");
                counter += 1;
            }
            owned.insert(chosen.clone());
            taken.insert(chosen.clone());
            for companion in &ty.companions {
                taken.insert(companion.name(&chosen));
            }
            let module_base = module_name(&chosen);
            let mut module = module_base.clone();
            let mut counter = 2;
            while !module_taken.insert(module.clone()) {
                module = format!("{module_base}_{counter}");
                counter += 1;
            }
            names.modules.insert(ty.full_name.clone(), module);
            names.idents.insert(ty.full_name.clone(), chosen);
        }
        names
    }
}

#[cfg(test)]
mod tests;
