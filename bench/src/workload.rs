//! One step of each workload, named, so the criterion benches and the callgrind binary run the same code.

use std::hint::black_box;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::proposal::{self, PreparedEndpoint};
use crate::shapes;
use crate::{CreateInputs, Fixture, SHORT_TOKEN, list_fixture, long_token, ndes_fixture, via_value, windows10_fixture};

/// Who reads and writes the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The `msgraph-intune` model, `#[derive(GraphEntity)]`.
    Derive,
    /// The hand-written baseline.
    Manual,
    /// Plain serde derives tagged and checked through `serde_json::Value`.
    ViaValue,
    /// Copying the expected bytes (serialize), `IgnoredAny` over the input (deserialize).
    Floor,
}

impl Side {
    /// Every side, in report order.
    pub const ALL: [Side; 4] = [Side::Derive, Side::Manual, Side::ViaValue, Side::Floor];

    /// The name in bench ids and workload names: `derive`, `manual`, `via-value`, `floor`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Derive => "derive",
            Side::Manual => "manual",
            Side::ViaValue => "via-value",
            Side::Floor => "floor",
        }
    }
}

/// Serializing a fixture's value and deserializing its bytes, each side its own way.
pub trait Document {
    /// Replaces `out` with the document as `side` writes it.
    fn serialize(&self, side: Side, out: &mut Vec<u8>);
    /// Reads the document's bytes as `side` reads them, then drops what was read.
    fn deserialize(&self, side: Side);
    /// The document's bytes.
    fn json(&self) -> &[u8];
}

/// How the `via-value` side reads and writes a fixture's untagged twin.
pub trait ViaValue: Sized {
    /// Replaces `out` with `self`, tagged through `Value`.
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    /// Reads `json`, its tag checked through `Value`.
    fn read(json: &[u8]) -> serde_json::Result<Self>;
}

impl<T: Serialize + for<'de> Deserialize<'de> + crate::manual::Tagged> ViaValue for T {
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        via_value::serialize(self, out)
    }

    fn read(json: &[u8]) -> serde_json::Result<Self> {
        via_value::deserialize(json)
    }
}

impl<T: Serialize + for<'de> Deserialize<'de> + crate::manual::Tagged> ViaValue for crate::list::ListResponse<T> {
    fn write(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        via_value::serialize_list(self, out)
    }

    fn read(json: &[u8]) -> serde_json::Result<Self> {
        via_value::deserialize_list(json)
    }
}

impl<D, M, N> Document for Fixture<D, M, N>
where
    D: Serialize + for<'de> Deserialize<'de>,
    M: Serialize + for<'de> Deserialize<'de>,
    N: ViaValue,
{
    #[inline]
    fn serialize(&self, side: Side, out: &mut Vec<u8>) {
        out.clear();
        match side {
            Side::Derive => serde_json::to_writer(out, black_box(&self.derive)).expect("serializable"),
            Side::Manual => serde_json::to_writer(out, black_box(&self.manual)).expect("serializable"),
            Side::ViaValue => black_box(&self.naive).write(out).expect("serializable"),
            Side::Floor => out.extend_from_slice(black_box(&self.json)),
        }
    }

    #[inline]
    fn deserialize(&self, side: Side) {
        let json = black_box(self.json.as_slice());
        match side {
            Side::Derive => drop(black_box(serde_json::from_slice::<D>(json).expect("readable"))),
            Side::Manual => drop(black_box(serde_json::from_slice::<M>(json).expect("readable"))),
            Side::ViaValue => drop(black_box(N::read(json).expect("readable"))),
            Side::Floor => drop(black_box(serde_json::from_slice::<IgnoredAny>(json).expect("readable"))),
        }
    }

    fn json(&self) -> &[u8] {
        &self.json
    }
}

/// The documents: `ndes`, `windows10`, `list10k`.
pub const DOCUMENTS: [&str; 3] = ["ndes", "windows10", "list10k"];

/// The create-request steps: `to-vec` (the body alone), `builder`, `to-http`, `to-http-long-token`,
/// and `to-http-proposal` (the prototype of [`proposal::to_http`]).
pub const CREATE_STEPS: [&str; 5] = ["to-vec", "builder", "to-http", "to-http-long-token", "to-http-proposal"];

/// Every workload name: `{document}-{serialize|deserialize}-{side}`, then `ndes-create-{step}`,
/// then the shapes of [`crate::shapes`]: `unknown{count}-deserialize-{derive|flatten}`,
/// `any-{windows10|ios}-{direct|first|last}`, `stringdates-{serialize|deserialize}-{derive|manual}`
/// and `datetime-{serialize|deserialize}`.
pub const NAMES: [&str; 51] = [
    "ndes-serialize-derive",
    "ndes-serialize-manual",
    "ndes-serialize-via-value",
    "ndes-serialize-floor",
    "ndes-deserialize-derive",
    "ndes-deserialize-manual",
    "ndes-deserialize-via-value",
    "ndes-deserialize-floor",
    "windows10-serialize-derive",
    "windows10-serialize-manual",
    "windows10-serialize-via-value",
    "windows10-serialize-floor",
    "windows10-deserialize-derive",
    "windows10-deserialize-manual",
    "windows10-deserialize-via-value",
    "windows10-deserialize-floor",
    "list10k-serialize-derive",
    "list10k-serialize-manual",
    "list10k-serialize-via-value",
    "list10k-serialize-floor",
    "list10k-deserialize-derive",
    "list10k-deserialize-manual",
    "list10k-deserialize-via-value",
    "list10k-deserialize-floor",
    "ndes-create-to-vec",
    "ndes-create-builder",
    "ndes-create-to-http",
    "ndes-create-to-http-long-token",
    "ndes-create-to-http-proposal",
    "ndes-create-to-vec-presized",
    "ndes-create-to-vec-http",
    "unknown0-deserialize-derive",
    "unknown0-deserialize-flatten",
    "unknown10-deserialize-derive",
    "unknown10-deserialize-flatten",
    "unknown100-deserialize-derive",
    "unknown100-deserialize-flatten",
    "unknown10000-deserialize-derive",
    "unknown10000-deserialize-flatten",
    "any-windows10-direct",
    "any-windows10-first",
    "any-windows10-last",
    "any-ios-direct",
    "any-ios-first",
    "any-ios-last",
    "stringdates-serialize-derive",
    "stringdates-serialize-manual",
    "stringdates-deserialize-derive",
    "stringdates-deserialize-manual",
    "datetime-serialize",
    "datetime-deserialize",
];

/// A workload ready to run: its fixture built, its step chosen.
pub struct Workload {
    step: Box<dyn FnMut()>,
}

impl Workload {
    /// The workload called `name` (one of [`NAMES`]), its inputs built; `None` for an unknown name.
    pub fn new(name: &str) -> Option<Workload> {
        if let Some(step) = name.strip_prefix("ndes-create-") {
            return create_step(step);
        }
        if let Some(step) = shape_step(name) {
            return Some(Workload { step });
        }
        let (document, rest) = name.split_once('-')?;
        let (operation, side) = rest.split_once('-')?;
        let side = Side::ALL.into_iter().find(|candidate| candidate.name() == side)?;
        let serialize = match operation {
            "serialize" => true,
            "deserialize" => false,
            _ => return None,
        };
        let fixture: Box<dyn Document> = match document {
            "ndes" => Box::new(ndes_fixture()),
            "windows10" => Box::new(windows10_fixture()),
            "list10k" => Box::new(list_fixture()),
            _ => return None,
        };
        let step: Box<dyn FnMut()> = if serialize {
            let mut out = Vec::with_capacity(fixture.json().len() * 2);
            Box::new(move || fixture.serialize(side, &mut out))
        } else {
            Box::new(move || fixture.deserialize(side))
        };
        Some(Workload { step })
    }

    /// Runs the step `iterations` times.
    #[inline(never)]
    pub fn run(&mut self, iterations: u64) {
        for _ in 0..iterations {
            (self.step)();
        }
    }
}

/// The steps of [`crate::shapes`], by name.
fn shape_step(name: &str) -> Option<Box<dyn FnMut()>> {
    if let Some(rest) = name.strip_prefix("unknown") {
        let (count, rest) = rest.split_once('-')?;
        return shapes::unknown_step(count.parse().ok()?, rest.strip_prefix("deserialize-")?);
    }
    if let Some(rest) = name.strip_prefix("any-") {
        let (document, how) = rest.split_once('-')?;
        let document = shapes::PolymorphicDocument::new(document)?;
        let how = match how {
            "direct" => "direct",
            "first" => "first",
            "last" => "last",
            _ => return None,
        };
        return Some(Box::new(move || document.read(how)));
    }
    if let Some(rest) = name.strip_prefix("stringdates-") {
        let (operation, side) = rest.split_once('-')?;
        return shapes::string_dates_step(operation, side);
    }
    shapes::date_time_step(name.strip_prefix("datetime-")?)
}

fn create_step(step: &str) -> Option<Workload> {
    let inputs = match step {
        "to-http-long-token" => CreateInputs::new(&long_token()),
        "to-vec" | "builder" | "to-http" | "to-http-proposal" | "to-vec-presized" | "to-vec-http" => {
            CreateInputs::new(SHORT_TOKEN)
        }
        _ => return None,
    };
    let step: Box<dyn FnMut()> = match step {
        "to-vec" => Box::new(move || drop(black_box(inputs.body_to_vec()))),
        "to-vec-presized" => Box::new(move || drop(black_box(shapes::body_to_presized_vec(black_box(&inputs.body))))),
        "to-vec-http" => {
            let authorization = inputs.token.header_value().expect("a valid token");
            Box::new(move || {
                let url = inputs.endpoint.url("/deviceManagement/ndesConnectors");
                drop(black_box(shapes::bare_http_request(black_box(&inputs.body), &url, &authorization)))
            })
        }
        "builder" => Box::new(move || drop(black_box(inputs.build()))),
        "to-http-proposal" => {
            let endpoint = PreparedEndpoint::new(&inputs.endpoint);
            let authorization = proposal::authorization(&inputs.token);
            Box::new(move || {
                let request = proposal::to_http(&inputs.build(), &endpoint, &authorization, 256);
                drop(black_box(request.expect("a valid request")))
            })
        }
        _ => Box::new(move || drop(black_box(inputs.build_http()))),
    };
    Some(Workload { step })
}
