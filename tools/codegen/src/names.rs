//! Graph names to Rust names, and whether the derive's own conversion gets back to the Graph name.

/// `ndesConnector` → `NdesConnector`; `iPv6Range` → `IPv6Range`.
pub fn type_ident(graph_name: &str) -> String {
    let mut chars = graph_name.chars();
    let first = chars.next().expect("type names are not empty");
    first.to_uppercase().chain(chars).collect()
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
            if previous.is_lowercase() || previous.is_ascii_digit() || (previous.is_uppercase() && next_is_lower) {
                snake.push('_');
            }
        }
        snake.extend(ch.to_lowercase());
    }
    snake
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

/// The field for a property, and the `rename` it needs when the derive would not get back to the Graph name.
pub fn field(graph_name: &str) -> (String, Option<String>) {
    let snake = snake(graph_name);
    let ident = match snake.as_str() {
        "self" | "super" | "crate" => format!("{snake}_"),
        keyword if KEYWORDS.contains(&keyword) => format!("r#{snake}"),
        _ => snake,
    };
    let rename = (derive_camel(&ident) != graph_name).then(|| graph_name.to_owned());
    (ident, rename)
}

/// The variant for an enum member, and its `rename` when needed. Underscores next to
/// letters are dropped (`sha_256_128` → `Sha256_128`), as `non_camel_case_types` wants.
pub fn variant(member: &str) -> (String, Option<String>) {
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
        } else if upper_next {
            ident.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            ident.push(ch);
        }
    }
    if ident.starts_with(|ch: char| ch.is_ascii_digit()) {
        ident.insert(0, 'N');
    }
    let mut chars = ident.chars();
    let derived: String = chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default();
    let rename = (derived != member).then(|| member.to_owned());
    (ident, rename)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(field("lastConnectionDateTime"), ("last_connection_date_time".into(), None));
        assert_eq!(field("minOSVersion"), ("min_os_version".into(), Some("minOSVersion".into())));
        assert_eq!(field("type"), ("r#type".into(), None));
        assert_eq!(
            field("kioskBrowserBlockedURLs"),
            ("kiosk_browser_blocked_urls".into(), Some("kioskBrowserBlockedURLs".into()))
        );
        assert_eq!(field("userPrincipalName"), ("user_principal_name".into(), None));
        assert_eq!(field("iPv6Range"), ("i_pv6_range".into(), None));
        assert_eq!(variant("notConfigured"), ("NotConfigured".into(), None));
        assert_eq!(variant("sha2_256"), ("Sha2_256".into(), None));
        assert_eq!(variant("sha_256_128"), ("Sha256_128".into(), Some("sha_256_128".into())));
        assert_eq!(variant("iOS"), ("IOS".into(), None));
        assert_eq!(type_ident("iPv6Range"), "IPv6Range");
    }
}
