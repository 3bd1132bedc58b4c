//! Rust names to Graph names.

/// `last_connection_date_time` → `lastConnectionDateTime`.
pub fn snake_to_lower_camel(snake: &str) -> String {
    let mut camel = String::with_capacity(snake.len());
    let mut upper_next = false;
    for ch in snake.chars() {
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

/// `NdesConnectorState` → `ndesConnectorState`; `Active` → `active`.
pub fn pascal_to_lower_camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `NdesConnector` → `ndes_connector`.
pub fn pascal_to_snake(pascal: &str) -> String {
    let mut snake = String::with_capacity(pascal.len() + 4);
    for (index, ch) in pascal.chars().enumerate() {
        if ch.is_uppercase() {
            if index > 0 {
                snake.push('_');
            }
            snake.extend(ch.to_lowercase());
        } else {
            snake.push(ch);
        }
    }
    snake
}

/// Every Rust keyword, strict or reserved, of any edition: none can be a plain identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Whether `word` is a Rust keyword (so it needs renaming to be an identifier).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_convert() {
        assert_eq!(snake_to_lower_camel("last_connection_date_time"), "lastConnectionDateTime");
        assert_eq!(snake_to_lower_camel("id"), "id");
        assert_eq!(snake_to_lower_camel("_private_name"), "privateName");
        assert_eq!(pascal_to_lower_camel("NdesConnectorState"), "ndesConnectorState");
        assert_eq!(pascal_to_snake("NdesConnector"), "ndes_connector");
    }
}
