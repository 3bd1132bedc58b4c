//! Mutations of a CSDL document: attributes replaced, deleted or added, elements deleted,
//! duplicated, moved, copied or renamed, the text cut short or given stray bytes. The
//! document is indexed once (element and attribute positions); a case applies a few
//! mutations as edits of its bytes.

use std::ops::Range;

use roxmltree::{Document, Node};

/// A small, seeded generator (SplitMix64): each case is reproduced from its seed alone.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub struct Attribute {
    pub name: String,
    /// `Name="x"`, whole.
    pub range: Range<usize>,
    /// `x`, inside the quotes.
    pub value: Range<usize>,
}

pub struct Element {
    pub local: String,
    pub range: Range<usize>,
    /// The tag name in the start tag (`edmx:Include`).
    pub qname: Range<usize>,
    /// Where the start tag's `>` (or `/>`) is.
    pub start_tag_end: usize,
    pub self_closing: bool,
    pub attributes: Vec<Attribute>,
}

/// Where the elements and attributes of a document are, and the type names it declares.
pub struct Index {
    pub elements: Vec<Element>,
    /// Declared types as a document writes them (`graph.x` for the aliased namespace).
    pub type_names: Vec<String>,
    /// Each declared type: its element, and the names that refer to it (`graph.x`, `microsoft.graph.x`).
    pub types: Vec<(usize, Vec<String>)>,
}

impl Index {
    pub fn new(text: &str) -> Index {
        let doc = Document::parse(text).expect("the source documents are well-formed");
        let mut elements = Vec::new();
        let mut type_names = Vec::new();
        let mut types = Vec::new();
        for node in doc.descendants().filter(Node::is_element) {
            let range = node.range();
            let qname_end = range.start
                + 1
                + text[range.start + 1..].find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/').unwrap();
            let start_tag_end = start_tag_end(text, range.start);
            let attributes = node
                .attributes()
                .map(|attribute| Attribute {
                    name: attribute.name().to_owned(),
                    range: attribute.range(),
                    value: attribute.range_value(),
                })
                .collect();
            let local = node.tag_name().name().to_owned();
            if matches!(local.as_str(), "EntityType" | "ComplexType" | "EnumType")
                && let (Some(name), Some(schema)) = (node.attribute("Name"), node.parent())
            {
                let namespace = schema.attribute("Alias").or(schema.attribute("Namespace")).unwrap_or_default();
                type_names.push(format!("{namespace}.{name}"));
                let mut references: Vec<String> =
                    schema.attribute("Namespace").map(|full| format!("{full}.{name}")).into_iter().collect();
                references.extend(schema.attribute("Alias").map(|alias| format!("{alias}.{name}")));
                types.push((elements.len(), references));
            }
            elements.push(Element {
                local,
                qname: range.start + 1..qname_end,
                range,
                start_tag_end,
                self_closing: text.as_bytes()[start_tag_end - 1] == b'/',
                attributes,
            });
        }
        Index { elements, type_names, types }
    }
}

/// The offset of the `>` that ends the start tag at `start` (attribute values may hold `>`).
fn start_tag_end(text: &str, start: usize) -> usize {
    let mut quote = None;
    for (offset, byte) in text.as_bytes()[start..].iter().enumerate() {
        match (quote, *byte) {
            (None, b'"' | b'\'') => quote = Some(*byte),
            (Some(open), byte) if byte == open => quote = None,
            (None, b'>') => return start + offset,
            _ => {}
        }
    }
    text.len()
}

/// One change of the bytes: `range` becomes `replacement`.
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: Vec<u8>,
}

/// Invalid names: each must be refused wherever a name goes.
const INVALID_NAMES: &[&str] = &[
    "bad-name",
    "my prop",
    "../../../../outside/pwned",
    r"a\b",
    "x&quot;y",
    "",
    "parts&quot;, evil = &quot;x",
    "1st",
    "a&#x202e;b",
    "zero&#x200d;width",
    "new&#10;line",
    "a.b",
    "$x",
    "x;y",
    "Collection(x)",
];

const PRIMITIVES: &[&str] = &[
    "Edm.String",
    "Edm.Boolean",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Double",
    "Edm.Guid",
    "Edm.DateTimeOffset",
    "Edm.Stream",
    "Edm.Untyped",
    "Edm.Binary",
    "Edm.Geography",
    "Edm.PrimitiveType",
    "Edm.EntityType",
];

const STRAY: &[&[u8]] = &[
    b"<",
    b"&",
    b"&bogus;",
    b"]]>",
    b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
    b"<?pi x?>",
    b"\0",
    b"\xff\xfe",
    b"\xc3",
    b"<!-- -->",
    b"<![CDATA[<x/>]]>",
    b"&#0;",
    b"&#x202e;",
    "\u{feff}".as_bytes(),
    b"</Schema>",
    b"<Schema>",
];

const ATTRIBUTES: &[&str] = &[
    "BaseType",
    "ContainsTarget",
    "IsBound",
    "IsFlags",
    "Abstract",
    "OpenType",
    "Nullable",
    "Alias",
    "UnderlyingType",
    "Type",
    "EntityType",
    "Name",
    "Namespace",
    "Value",
    "xmlns",
];

const RENAMES: &[&[&str]] = &[
    &["EntityType", "ComplexType", "EnumType", "TypeDefinition", "Term"],
    &["Property", "NavigationProperty", "Member", "Parameter", "PropertyRef"],
    &["Singleton", "EntitySet", "ActionImport"],
    &["Action", "Function"],
    &["Schema", "EntityContainer", "Annotations", "Key", "ReturnType", "Record", "Unknown"],
];

/// The mutated bytes, what was done, and the offset of the first change.
pub struct Mutated {
    pub bytes: Vec<u8>,
    pub done: Vec<String>,
    pub first_change: usize,
}

/// Applies `count` mutations (those that would overlap an earlier one are skipped).
pub fn mutate(rng: &mut Rng, text: &str, index: &Index, count: usize, extra_names: &[&str]) -> Mutated {
    let mut edits: Vec<Edit> = Vec::new();
    let mut done = Vec::new();
    for _ in 0..count {
        let (what, new_edits) = one_mutation(rng, text, index, extra_names);
        let overlaps = new_edits.iter().any(|edit| {
            edits.iter().any(|other| {
                edit.range.start < other.range.end.max(other.range.start + 1)
                    && other.range.start < edit.range.end.max(edit.range.start + 1)
            })
        });
        if !overlaps {
            done.push(what);
            edits.extend(new_edits);
        }
    }
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let mut bytes = text.as_bytes().to_vec();
    let first_change = edits.last().map_or(0, |edit| edit.range.start);
    for edit in edits {
        bytes.splice(edit.range, edit.replacement);
    }
    Mutated { bytes, done, first_change }
}

fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        shown.push_str(&format!("…({} bytes)", bytes.len()));
    }
    format!("{shown:?}")
}

fn replace(range: Range<usize>, replacement: impl Into<Vec<u8>>) -> Edit {
    Edit { range, replacement: replacement.into() }
}

/// A value for an attribute named `name`: sometimes right for its kind, often not.
fn value_for(rng: &mut Rng, name: &str, index: &Index, extra_names: &[&str]) -> Vec<u8> {
    let declared =
        |rng: &mut Rng| index.type_names.get(rng.below(index.type_names.len().max(1))).cloned().unwrap_or_default();
    match rng.below(10) {
        0 => return rng.pick(INVALID_NAMES).as_bytes().to_vec(),
        1 => return "v".repeat(1 + rng.below(4_000)).into_bytes(),
        2 if !extra_names.is_empty() => return rng.pick(extra_names).as_bytes().to_vec(),
        _ => {}
    }
    match name {
        "Type" | "BaseType" | "EntityType" | "UnderlyingType" => match rng.below(7) {
            0 => rng.pick(PRIMITIVES).as_bytes().to_vec(),
            1 => format!("Collection({})", declared(rng)).into_bytes(),
            2 => format!("Collection(Collection({}))", declared(rng)).into_bytes(),
            3 => b"graph.missing".to_vec(),
            4 => format!("Collection({})", rng.pick(PRIMITIVES)).into_bytes(),
            _ => declared(rng).into_bytes(),
        },
        "ContainsTarget" | "IsBound" | "IsFlags" | "Abstract" | "OpenType" | "Nullable" | "Bool" | "IsComposable" => {
            rng.pick(&["true", "false", "TRUE", "1", ""]).as_bytes().to_vec()
        }
        "Value" => rng.pick(&["0", "-1", "99999999999999999999", "x", "", "1.5"]).as_bytes().to_vec(),
        "Namespace" | "Alias" => rng
            .pick(&["graph", "microsoft.graph", "Edm", "odata", "Core", "x.y.z", "self", "Org.OData.Core.V1"])
            .as_bytes()
            .to_vec(),
        "Term" => rng
            .pick(&["Core.Computed", "Org.OData.Core.V1.Computed", "Core.OptionalParameter", "x"])
            .as_bytes()
            .to_vec(),
        "Target" => format!("{}/{}", declared(rng), rng.pick(&["id", "displayName", "x", ""])).into_bytes(),
        _ => match rng.below(3) {
            // Another element's name: duplicates.
            0 => declared(rng).rsplit('.').next().unwrap_or_default().as_bytes().to_vec(),
            1 => rng.pick(&["id", "value", "entity", "type", "root"]).as_bytes().to_vec(),
            _ => b"renamed".to_vec(),
        },
    }
}

fn one_mutation(rng: &mut Rng, text: &str, index: &Index, extra_names: &[&str]) -> (String, Vec<Edit>) {
    let elements = &index.elements;
    let element = &elements[1 + rng.below(elements.len() - 1)];
    let position = |element: &Element| format!("<{}> at byte {}", element.local, element.range.start);
    match rng.below(100) {
        0..=29 if !element.attributes.is_empty() => {
            let attribute = rng.pick(&element.attributes);
            let value = value_for(rng, &attribute.name, index, extra_names);
            let what = format!("{}: {} = {}", position(element), attribute.name, shown(&value));
            (what, vec![replace(attribute.value.clone(), value)])
        }
        30..=39 if !element.attributes.is_empty() => {
            let attribute = rng.pick(&element.attributes);
            (format!("{}: {} deleted", position(element), attribute.name), vec![replace(attribute.range.clone(), "")])
        }
        40..=49 => {
            let name = *rng.pick(ATTRIBUTES);
            let value = value_for(rng, name, index, extra_names);
            let attribute = format!(" {name}=\"{}\"", String::from_utf8_lossy(&value));
            let at = element.qname.end;
            (format!("{}: {name} = {} added", position(element), shown(&value)), vec![replace(at..at, attribute)])
        }
        50..=59 => (format!("{} deleted", position(element)), vec![replace(element.range.clone(), "")]),
        60..=67 => {
            let copy = text[element.range.clone()].to_owned();
            let at = element.range.end;
            (format!("{} duplicated", position(element)), vec![replace(at..at, copy)])
        }
        68..=81 => {
            let target = &elements[rng.below(elements.len())];
            let inside = target.range.start >= element.range.start && target.range.end <= element.range.end;
            if inside {
                return (format!("{} left in place", position(element)), Vec::new());
            }
            let moved = rng.chance(50);
            let mut edits = insert_child(text, target, &text[element.range.clone()]);
            if moved {
                edits.push(replace(element.range.clone(), ""));
            }
            let verb = if moved { "moved" } else { "copied" };
            (format!("{} {verb} into {}", position(element), position(target)), edits)
        }
        82..=88 => {
            let group =
                RENAMES.iter().find(|group| group.contains(&element.local.as_str())).copied().unwrap_or(RENAMES[4]);
            let new_name = *rng.pick(group);
            let prefix = text[element.qname.clone()]
                .rsplit_once(':')
                .map(|(prefix, _)| format!("{prefix}:"))
                .unwrap_or_default();
            let new_qname = format!("{prefix}{new_name}");
            let mut edits = vec![replace(element.qname.clone(), new_qname.clone())];
            if !element.self_closing {
                let qname_len = element.qname.len();
                let end_name = element.range.end - 1 - qname_len..element.range.end - 1;
                edits.push(replace(end_name, new_qname));
            }
            (format!("{} renamed {new_name}", position(element)), edits)
        }
        89..=91 => {
            let at = rng.below(text.len());
            (format!("cut at byte {at}"), vec![replace(at..text.len(), "")])
        }
        _ => {
            let at = rng.below(text.len());
            let stray = *rng.pick(STRAY);
            (format!("{} inserted at byte {at}", shown(stray)), vec![replace(at..at, stray)])
        }
    }
}

/// Edits that put `child` first inside `target`.
fn insert_child(text: &str, target: &Element, child: &str) -> Vec<Edit> {
    if target.self_closing {
        let qname = &text[target.qname.clone()];
        vec![replace(target.start_tag_end - 1..target.start_tag_end + 1, format!(">{child}</{qname}>"))]
    } else {
        let at = target.start_tag_end + 1;
        vec![replace(at..at, child)]
    }
}

/// Gives a declared type a new name everywhere (its element and every reference to it), or a
/// property, navigation property, member or parameter a new name where it is declared: the
/// document stays valid, and the generator meets the name.
pub fn rename(rng: &mut Rng, text: &str, index: &Index, names: &[&str], count: usize) -> Mutated {
    let mut edits: Vec<Edit> = Vec::new();
    let mut done = Vec::new();
    let mut renamed_types = Vec::new();
    for _ in 0..count {
        let new_name = *rng.pick(names);
        if rng.chance(50) && !index.types.is_empty() {
            let (element, references) = &index.types[rng.below(index.types.len())];
            if renamed_types.contains(element) {
                continue;
            }
            renamed_types.push(*element);
            let element = &index.elements[*element];
            let Some(name) = element.attributes.iter().find(|attribute| attribute.name == "Name") else { continue };
            let mut new_edits = vec![replace(name.value.clone(), new_name)];
            for reference in references {
                let new_reference =
                    format!("{}.{new_name}", reference.rsplit_once('.').map_or("", |(namespace, _)| namespace));
                for (at, _) in text.match_indices(reference.as_str()) {
                    let before = text[..at].chars().next_back();
                    let after = text[at + reference.len()..].chars().next();
                    if matches!(before, Some('"' | '(')) && matches!(after, Some('"' | ')' | '/')) {
                        new_edits.push(replace(at..at + reference.len(), new_reference.clone()));
                    }
                }
            }
            if new_edits.iter().any(|edit| {
                edits.iter().any(|other| edit.range.start < other.range.end && other.range.start < edit.range.end)
            }) {
                continue;
            }
            done.push(format!("type {} renamed {new_name} everywhere", &text[name.value.clone()]));
            edits.extend(new_edits);
        } else {
            let declarations: Vec<&Element> = index
                .elements
                .iter()
                .filter(|element| {
                    matches!(element.local.as_str(), "Property" | "NavigationProperty" | "Member" | "Parameter")
                })
                .collect();
            if declarations.is_empty() {
                continue;
            }
            let element = declarations[rng.below(declarations.len())];
            let Some(name) = element.attributes.iter().find(|attribute| attribute.name == "Name") else { continue };
            if edits.iter().any(|other| name.value.start < other.range.end && other.range.start < name.value.end) {
                continue;
            }
            done.push(format!("<{}> {} renamed {new_name}", element.local, &text[name.value.clone()]));
            edits.push(replace(name.value.clone(), new_name));
        }
    }
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let first_change = edits.last().map_or(0, |edit| edit.range.start);
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        bytes.splice(edit.range, edit.replacement);
    }
    Mutated { bytes, done, first_change }
}
