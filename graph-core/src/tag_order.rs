//! Moving `@odata.type` to the front of every JSON object, byte for byte otherwise: what
//! locating an error in a body with late tags re-reads (see `response::locate_error`).

/// Deeper than serde_json reads (128): such a body fails on depth, not on a tag.
const MAX_DEPTH: usize = 256;

/// `body` with each object's first top-level `@odata.type` member moved to the front, or `None`
/// when no object needs it (or the text is not JSON this scanner follows: the caller then
/// re-reads the body as it is).
pub(crate) fn tags_first(body: &[u8]) -> Option<Vec<u8>> {
    // Most bodies that fail have no tag out of place: those are re-read as they are.
    memchr_tag(body)?;
    let mut scanner = Scanner { bytes: body, at: 0, out: Vec::with_capacity(body.len()), moved: false };
    scanner.value(0)?;
    scanner.out.extend_from_slice(&body[scanner.at..]);
    scanner.moved.then_some(scanner.out)
}

fn memchr_tag(body: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"\"@odata.type\"";
    body.windows(TAG.len()).position(|window| window == TAG)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    out: Vec<u8>,
    moved: bool,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn copy_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.out.push(self.bytes[self.at]);
            self.at += 1;
        }
    }

    fn copy_byte(&mut self) {
        self.out.push(self.bytes[self.at]);
        self.at += 1;
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.copy_whitespace();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(drop),
            _ => {
                let start = self.at;
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                (self.at > start).then(|| self.out.extend_from_slice(&self.bytes[start..self.at]))
            }
        }
    }

    /// Copies a string; returns its raw content (between the quotes, escapes as written).
    fn string(&mut self) -> Option<std::ops::Range<usize>> {
        self.copy_byte();
        let start = self.at;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
        let end = self.at.min(self.bytes.len());
        self.out.extend_from_slice(&self.bytes[start..end]);
        self.copy_byte();
        Some(start..end)
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.copy_byte();
        self.copy_whitespace();
        if self.peek()? == b']' {
            self.copy_byte();
            return Some(());
        }
        loop {
            self.value(depth + 1)?;
            self.copy_whitespace();
            match self.peek()? {
                b',' => self.copy_byte(),
                b']' => {
                    self.copy_byte();
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.copy_byte();
        // Each member's span in `out`, from after the `{` or `,` before it to before the `,` or `}` after it.
        let mut members: Vec<(usize, usize)> = Vec::new();
        let mut tag = None;
        loop {
            let start = self.out.len();
            self.copy_whitespace();
            if members.is_empty() && self.peek()? == b'}' {
                self.copy_byte();
                return Some(());
            }
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            if tag.is_none() && &self.bytes[key] == b"@odata.type" {
                tag = Some(members.len());
            }
            self.copy_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.copy_byte();
            self.value(depth + 1)?;
            self.copy_whitespace();
            members.push((start, self.out.len()));
            match self.peek()? {
                b',' => self.copy_byte(),
                b'}' => break,
                _ => return None,
            }
        }
        if let Some(index @ 1..) = tag {
            // `m0,…,m(k-1),mk` → `mk,m0,…,m(k-1)`: two rotations, in place.
            let (first, _) = members[0];
            let (tag_start, tag_end) = members[index];
            let region = &mut self.out[first..tag_end];
            region.rotate_right(tag_end - tag_start);
            region[tag_end - tag_start..].rotate_right(1);
            self.moved = true;
        }
        self.copy_byte();
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::tags_first;

    fn moved(text: &str) -> Option<String> {
        tags_first(text.as_bytes()).map(|bytes| String::from_utf8(bytes).unwrap())
    }

    #[test]
    fn late_tags_move_first_at_every_depth_and_nothing_else_changes() {
        assert_eq!(moved(r#"{"@odata.type":"x","a":1}"#), None);
        assert_eq!(moved(r#"{"a":1}"#), None);
        assert_eq!(moved(r#"{"a":1,"@odata.type":"x"}"#).unwrap(), r#"{"@odata.type":"x","a":1}"#);
        assert_eq!(
            moved(r#"{"value":[{"a":[1,{"b":"}","@odata.type":"y"}],"c":"\"","@odata.type":"x","d":null}]}"#).unwrap(),
            r#"{"value":[{"@odata.type":"x","a":[1,{"@odata.type":"y","b":"}"}],"c":"\"","d":null}]}"#
        );
        let pretty = "{\n  \"a\": 1,\n  \"b\": {},\n  \"@odata.type\": \"x\"\n}";
        let reordered = moved(pretty).unwrap();
        assert_eq!(reordered.len(), pretty.len());
        assert_eq!(serde_json::from_str::<serde_json::Value>(&reordered).unwrap()["@odata.type"], "x");
        assert!(reordered.find("@odata.type") < reordered.find("\"a\""), "{reordered}");
    }

    #[test]
    fn text_it_cannot_follow_is_left_alone() {
        for text in [r#"{"a":1,"@odata.type":"x""#, r#"{"a" 1,"@odata.type":"x"}"#, r#"[{"a":1,"@odata.type":"x"}"#] {
            assert_eq!(moved(text), None, "{text}");
        }
        let deep = format!("{}{{\"a\":1,\"@odata.type\":\"x\"}}{}", "[".repeat(300), "]".repeat(300));
        assert_eq!(moved(&deep), None);
    }
}
