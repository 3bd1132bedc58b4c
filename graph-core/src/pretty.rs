//! Pretty JSON of a value, every level indented alike — what it keeps as raw text (unknown
//! properties, control information) included — for files a person reads and diffs (backups).

use serde::Serialize;

/// `value` as indented JSON (two spaces, `serde_json::to_string_pretty`'s layout), every nested
/// level indented, those a model keeps as raw JSON text too (`serde_json::to_string_pretty` writes
/// a raw value as one compact line, so a backup's unknown properties would be one line each and
/// its diffs useless). Every token is written as the value writes it: a number's digits, a
/// string's escapes and the order of members stay as they are.
///
/// ```
/// # use msgraph_entity::{AdditionalProperties, to_json_pretty};
/// let properties: AdditionalProperties = serde_json::from_str(r#"{"future":{"a":[1,{"b":12345678901234567890}]}}"#)?;
/// assert_eq!(
///     to_json_pretty(&properties)?,
///     "{\n  \"future\": {\n    \"a\": [\n      1,\n      {\n        \"b\": 12345678901234567890\n      }\n    ]\n  }\n}"
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_json_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let compact = serde_json::to_string(value)?;
    Ok(indent(&compact))
}

/// Re-indents compact JSON text (serde_json's own output: no whitespace between tokens).
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                // An empty object or array stays `{}` / `[]`, as serde_json writes it.
                let close = if ch == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(chars.next().expect("peeked"));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            // Raw text kept from a body may carry whitespace of its own: the layout is ours.
            ch if ch.is_whitespace() => {}
            ch => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_serde_jsons_at_every_level() {
        let value = serde_json::json!({"a": [1, 2, {"b": null, "c": "x\"y,z:{"}], "d": {}, "e": [], "f": {"g": true}});
        assert_eq!(indent(&serde_json::to_string(&value).unwrap()), serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn raw_text_with_its_own_whitespace_is_laid_out_alike() {
        assert_eq!(indent("{\"a\": [ 1 ,\n 2 ]}"), "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    }
}
