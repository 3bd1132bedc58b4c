//! A small seeded generator of arbitrary values, with the extremes the hostile-input
//! tests want: empty strings, unicode, control characters, integer limits, dates at
//! years 1 and 9999, offsets of ±14:00, 0 to 7 fractional digits, unknown enum
//! members and unlisted derived types. Types get `Arbitrary` from the generated
//! `intune_arbitrary.rs`; this file covers primitives and containers.

use msgraph_entity::{AdditionalProperties, Binary, Date, DateTimeOffset, Duration, Flags, GraphEnum, Guid, TimeOfDay};
use serde_json::{Value, json};

/// A seeded generator (SplitMix64): the same seed gives the same value.
pub struct Gen {
    state: u64,
    depth: u32,
}

/// Values a test can ask for.
pub trait Arbitrary: Sized {
    /// A value drawn from `g`.
    fn arbitrary(g: &mut Gen) -> Self;
}

impl Gen {
    /// Nesting beyond this gives `None` and empty lists, so values stay finite.
    const MAX_DEPTH: u32 = 3;

    pub fn new(seed: u64) -> Self {
        Gen { state: seed, depth: 0 }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        choices[self.below(choices.len() as u64) as usize]
    }

    /// `None` about one time in three, and always past the depth limit.
    pub fn option<T: Arbitrary>(&mut self) -> Option<T> {
        if self.depth >= Self::MAX_DEPTH || self.below(3) == 0 {
            return None;
        }
        self.depth += 1;
        let value = T::arbitrary(self);
        self.depth -= 1;
        Some(value)
    }

    /// A known member most of the time, else a member the model does not know.
    pub fn member<E: GraphEnum>(&mut self) -> E {
        if self.below(8) == 0 || E::MEMBERS.is_empty() {
            return E::from_member(&format!("unknownMember{}", self.below(100)));
        }
        let index = self.below(E::MEMBERS.len() as u64) as usize;
        E::from_member(E::MEMBERS[index])
    }

    /// The properties of a derived type the model does not list.
    pub fn unlisted_value(&mut self) -> AdditionalProperties {
        let mut properties = AdditionalProperties::new();
        let values = [
            ("@odata.type", json!(format!("#microsoft.graph.unlisted{}", self.below(10)))),
            ("someNumber", json!(self.next_u64())),
            ("nested", json!({"list": [1, "two", null], "flag": true})),
        ];
        for (name, value) in values {
            properties.insert_value(name, &value).expect("a Value is written");
        }
        properties
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "",
            "a",
            "Display Name value",
            "ünïcødé ✓",
            "日本語",
            "\u{0}",
            "\n\t\r",
            "\"quoted\"",
            "\\",
            "🦀",
            "\u{7f}",
        ];
        (0..self.below(4)).map(|_| self.pick(PIECES)).collect()
    }

    fn fraction_digits(&mut self) -> String {
        let digits = self.below(8) as usize;
        if digits == 0 {
            return String::new();
        }
        let fraction: String = (0..digits).map(|_| char::from(b'0' + self.below(10) as u8)).collect();
        format!(".{fraction}")
    }
}

impl Arbitrary for String {
    fn arbitrary(g: &mut Gen) -> Self {
        g.text()
    }
}

impl Arbitrary for bool {
    fn arbitrary(g: &mut Gen) -> Self {
        g.below(2) == 0
    }
}

impl Arbitrary for i32 {
    fn arbitrary(g: &mut Gen) -> Self {
        match g.below(4) {
            0 => g.pick(&[i32::MIN, i32::MAX, 0, -1]),
            _ => g.next_u64() as i32,
        }
    }
}

impl Arbitrary for u8 {
    fn arbitrary(g: &mut Gen) -> Self {
        let any = g.next_u64() as u8;
        g.pick(&[0, 1, u8::MAX, any])
    }
}

impl Arbitrary for i16 {
    fn arbitrary(g: &mut Gen) -> Self {
        let any = g.next_u64() as i16;
        g.pick(&[i16::MIN, i16::MAX, 0, any])
    }
}

/// An untyped value (`Edm.Untyped`): any JSON, nested a little. Not `null` itself: a
/// property read as `null` is `None` (and written back as `null`), never `Some(Null)`.
impl Arbitrary for Value {
    fn arbitrary(g: &mut Gen) -> Self {
        match g.below(6) {
            0 => json!([null]),
            1 => json!(g.below(2) == 0),
            2 => json!(g.next_u64() as i64),
            3 => json!(g.text()),
            4 => json!([g.text(), {"nested": g.below(10)}]),
            _ => json!({"key": g.text(), "list": [1, 2, 3]}),
        }
    }
}

impl Arbitrary for i64 {
    fn arbitrary(g: &mut Gen) -> Self {
        match g.below(4) {
            0 => g.pick(&[i64::MIN, i64::MAX, 0, -1]),
            _ => g.next_u64() as i64,
        }
    }
}

impl Arbitrary for f64 {
    /// Finite values only: JSON has no NaN or infinity. At most 15 significant digits
    /// beyond the listed extremes: serde_json's default float parser (without its
    /// `float_roundtrip` feature, which would change every crate's parsing) is exact
    /// only up to there, so a 17-digit value may read back one ULP off.
    fn arbitrary(g: &mut Gen) -> Self {
        match g.below(4) {
            0 => g.pick(&[0.0, -0.5, f64::MAX, f64::MIN_POSITIVE, 1e-300]),
            _ => f64::from(g.next_u64() as i32) / 8.0,
        }
    }
}

impl Arbitrary for Binary {
    fn arbitrary(g: &mut Gen) -> Self {
        let bytes: Vec<u8> = (0..g.below(12)).map(|_| g.next_u64() as u8).collect();
        Binary::from(bytes)
    }
}

fn year(g: &mut Gen) -> u64 {
    match g.below(4) {
        0 => 1,
        1 => 9999,
        _ => 1 + g.below(9999),
    }
}

fn day_text(g: &mut Gen) -> String {
    format!("{:04}-{:02}-{:02}", year(g), 1 + g.below(12), 1 + g.below(28))
}

fn time_text(g: &mut Gen) -> String {
    let fraction = g.fraction_digits();
    format!("{:02}:{:02}:{:02}{fraction}", g.below(24), g.below(60), g.below(60))
}

impl Arbitrary for Date {
    fn arbitrary(g: &mut Gen) -> Self {
        day_text(g).parse().expect("generated dates are valid")
    }
}

impl Arbitrary for TimeOfDay {
    fn arbitrary(g: &mut Gen) -> Self {
        time_text(g).parse().expect("generated times are valid")
    }
}

impl Arbitrary for DateTimeOffset {
    fn arbitrary(g: &mut Gen) -> Self {
        let offset = match g.below(4) {
            0 => "Z".to_owned(),
            1 => g.pick(&["+14:00", "-14:00", "+00:00"]).to_owned(),
            _ => format!("{}{:02}:{:02}", g.pick(&["+", "-"]), g.below(14), g.pick(&[0, 30, 45])),
        };
        let text = format!("{}T{}{offset}", day_text(g), time_text(g));
        text.parse().unwrap_or_else(|error| panic!("generated {text}: {error}"))
    }
}

impl Arbitrary for Duration {
    fn arbitrary(g: &mut Gen) -> Self {
        let text =
            g.pick(&["PT3M", "P1D", "P1DT2H30M", "PT0.5S", "-PT1H", "PT0S", "PT90M", "P10675199DT2H48M5.4775807S"]);
        text.parse().expect("listed durations are valid")
    }
}

impl Arbitrary for Guid {
    fn arbitrary(g: &mut Gen) -> Self {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&g.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&g.next_u64().to_le_bytes());
        Guid::from_bytes(bytes)
    }
}

impl<T: Arbitrary> Arbitrary for Vec<T> {
    fn arbitrary(g: &mut Gen) -> Self {
        if g.depth >= Gen::MAX_DEPTH {
            return Vec::new();
        }
        g.depth += 1;
        let items = (0..g.below(3)).map(|_| T::arbitrary(g)).collect();
        g.depth -= 1;
        items
    }
}

impl<T: Arbitrary> Arbitrary for Box<T> {
    fn arbitrary(g: &mut Gen) -> Self {
        Box::new(T::arbitrary(g))
    }
}

impl<E: GraphEnum + Arbitrary> Arbitrary for Flags<E> {
    /// At least one member: the empty list writes `""`, which reads back the same,
    /// but a lone unknown empty member could not be told from it.
    fn arbitrary(g: &mut Gen) -> Self {
        (0..1 + g.below(3)).map(|_| E::arbitrary(g)).collect()
    }
}

/// JSON with the shapes that break parsers: deep nesting, huge numbers, wrong types.
pub fn hostile_json(g: &mut Gen, depth: u32) -> Value {
    match g.below(if depth > 6 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => json!(g.below(2) == 0),
        2 => json!(g.next_u64()),
        3 => serde_json::from_str(g.pick(&["1e308", "-1e-308", "18446744073709551616", "-9223372036854775809", "0.1"]))
            .unwrap_or(Value::Null),
        4 => json!(g.text()),
        5 => json!(g.pick(&[
            "#microsoft.graph.user",
            "microsoft.graph.ndesConnector",
            "",
            "2016-13-01",
            "not base64 %%"
        ])),
        6 => Value::Array((0..g.below(4)).map(|_| hostile_json(g, depth + 1)).collect()),
        _ => {
            let names = ["@odata.type", "id", "displayName", "state", "value", "version", "lastModifiedDateTime", "x"];
            Value::Object((0..g.below(5)).map(|_| (g.pick(&names).to_owned(), hostile_json(g, depth + 1))).collect())
        }
    }
}
