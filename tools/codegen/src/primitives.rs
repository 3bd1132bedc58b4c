//! The OData primitive types the generator knows, and the Rust type that holds each: one row
//! per primitive. A new primitive is a type in the runtime crate and a row here.

/// One OData primitive and its Rust type.
#[derive(Debug, PartialEq, Eq)]
pub struct Primitive {
    /// The schema's name: `Edm.DateTimeOffset`.
    pub edm: &'static str,
    /// The Rust type: `DateTimeOffset`.
    pub rust: &'static str,
    /// Whether the Rust type is one of the runtime crate's (imported from `msgraph_entity`), not
    /// one of the language's.
    pub from_runtime: bool,
}

const fn language(edm: &'static str, rust: &'static str) -> Primitive {
    Primitive { edm, rust, from_runtime: false }
}

const fn runtime(edm: &'static str, rust: &'static str) -> Primitive {
    Primitive { edm, rust, from_runtime: true }
}

/// Every primitive a property, a parameter or a return type may have.
pub const PRIMITIVES: &[Primitive] = &[
    language("Edm.String", "String"),
    language("Edm.Boolean", "bool"),
    language("Edm.Byte", "u8"),
    language("Edm.SByte", "i8"),
    language("Edm.Int16", "i16"),
    language("Edm.Int32", "i32"),
    language("Edm.Int64", "i64"),
    // f64 holds every digit the service writes for a Single; f32 would round some away.
    language("Edm.Single", "f64"),
    language("Edm.Double", "f64"),
    // Kept as its exact text: a decimal has more digits than an f64.
    runtime("Edm.Decimal", "Decimal"),
    runtime("Edm.Date", "Date"),
    runtime("Edm.TimeOfDay", "TimeOfDay"),
    runtime("Edm.Duration", "Duration"),
    runtime("Edm.DateTimeOffset", "DateTimeOffset"),
    runtime("Edm.Guid", "Guid"),
    runtime("Edm.Binary", "Binary"),
    // A stream property's value, when the service inlines it, is base64 like Binary.
    runtime("Edm.Stream", "Binary"),
    runtime("Edm.Untyped", "UntypedValue"),
];

/// The primitive named `edm`, if the generator knows it.
pub fn primitive(edm: &str) -> Option<&'static Primitive> {
    PRIMITIVES.iter().find(|primitive| primitive.edm == edm)
}

/// The runtime's type for "any JSON value" (`Edm.Untyped`, and the schema's `graph.Json`).
pub fn untyped() -> &'static Primitive {
    primitive("Edm.Untyped").expect("in the table")
}
