//! The derive's model of the user's type: what each field or variant is, as Graph sees it.

use proc_macro2::Span;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type, Visibility};

use crate::attr::{ContainerAttrs, ContainerKey, FieldAttrs, VariantAttrs, VariantKey};
use crate::case::{pascal_to_lower_camel, snake_to_lower_camel};
use crate::errors::Errors;
use crate::kind::DeriveKind;

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub kind: DeriveKind,
    pub attrs: ContainerAttrs,
    pub body: Body<'a>,
    /// A unit struct (`struct SyncDevice;`): built without braces.
    pub unit: bool,
}

pub enum Body<'a> {
    Struct(Vec<Field<'a>>),
    /// `GraphEnum`: unit variants are members.
    Enum(Vec<Variant<'a>>),
    /// `GraphEntity` or `GraphComplex` on an enum: each variant holds one derived type.
    Polymorphic(Vec<Variant<'a>>),
}

pub struct Field<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
    /// `T` when the field is written `Option<T>`: the property may be absent.
    pub option_inner: Option<&'a Type>,
    /// The property name on the wire.
    pub graph_name: String,
    /// Where the name comes from: the `rename` literal, else the field's identifier.
    pub name_span: Span,
    pub attrs: FieldAttrs,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// The member name on the wire.
    pub member: String,
    pub fields: &'a Fields,
    pub attrs: VariantAttrs,
    /// The variant's `#[cfg(...)]`s, repeated on everything generated for it.
    pub cfgs: Vec<&'a Attribute>,
}

impl<'a> Container<'a> {
    /// Reads the input. Returns `None` when its shape does not fit the derive at all.
    pub fn from_input(input: &'a DeriveInput, kind: DeriveKind, errors: &mut Errors) -> Option<Self> {
        let is_enum = matches!(input.data, Data::Enum(_));
        let allowed: &[ContainerKey] = match (kind, is_enum) {
            (DeriveKind::Entity, false) => &[
                ContainerKey::ODataType,
                ContainerKey::Collection,
                ContainerKey::CreateAt,
                ContainerKey::Single,
                ContainerKey::Cast,
            ],
            (DeriveKind::Entity, true) => {
                &[ContainerKey::ODataType, ContainerKey::Collection, ContainerKey::Single, ContainerKey::Cast]
            }
            (DeriveKind::Complex, _) => &[ContainerKey::ODataType],
            (DeriveKind::Action | DeriveKind::Function, _) => &[
                ContainerKey::Name,
                ContainerKey::Bound,
                ContainerKey::Path,
                ContainerKey::Returns,
                ContainerKey::Method,
            ],
            (DeriveKind::Enum, _) => &[ContainerKey::Name],
        };
        let attrs = ContainerAttrs::parse(&input.attrs, allowed, errors);
        let body = match (&input.data, kind) {
            (Data::Struct(data), DeriveKind::Action | DeriveKind::Function) => match &data.fields {
                Fields::Named(named) => {
                    Body::Struct(named.named.iter().map(|field| Field::from_syn(field, kind, errors)).collect())
                }
                // An operation without parameters.
                Fields::Unit => Body::Struct(Vec::new()),
                Fields::Unnamed(unnamed) => {
                    errors.spanned_by(unnamed, format!("{} is derived for a struct with named fields (the parameters) or a unit struct (none), not a tuple struct", kind.macro_name()));
                    return None;
                }
            },
            (Data::Struct(data), DeriveKind::Entity | DeriveKind::Complex) => match &data.fields {
                Fields::Named(named) => {
                    Body::Struct(named.named.iter().map(|field| Field::from_syn(field, kind, errors)).collect())
                }
                Fields::Unnamed(unnamed) => {
                    errors.spanned_by(unnamed, shape_message(kind, "a tuple struct"));
                    return None;
                }
                Fields::Unit => {
                    errors.spanned_by(&input.ident, shape_message(kind, "a unit struct"));
                    return None;
                }
            },
            (Data::Enum(data), DeriveKind::Enum) => Body::Enum(
                data.variants
                    .iter()
                    .map(|variant| Variant::from_syn(variant, &[VariantKey::Rename, VariantKey::Other], errors))
                    .collect(),
            ),
            (Data::Enum(data), DeriveKind::Action | DeriveKind::Function) => {
                errors.spanned_by(
                    data.enum_token,
                    format!("{} is derived for a struct: its fields are the operation's parameters", kind.macro_name()),
                );
                return None;
            }
            (Data::Enum(data), DeriveKind::Entity | DeriveKind::Complex) => Body::Polymorphic(
                data.variants.iter().map(|variant| Variant::from_syn(variant, &[VariantKey::Other], errors)).collect(),
            ),
            (Data::Union(data), _) => {
                errors.spanned_by(data.union_token, shape_message(kind, "a union"));
                return None;
            }
            (Data::Struct(data), DeriveKind::Enum) => {
                errors.spanned_by(
                    data.struct_token,
                    "GraphEnum is for enums; for a struct use #[derive(GraphEntity)] or #[derive(GraphComplex)]",
                );
                return None;
            }
        };
        if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
            errors.spanned_by(
                &input.generics,
                format!("{} does not support generic parameters: Graph types are concrete", kind.macro_name()),
            );
        }
        let unit = matches!(&input.data, Data::Struct(data) if matches!(data.fields, Fields::Unit));
        Some(Container { ident: &input.ident, vis: &input.vis, kind, attrs, body, unit })
    }

    pub fn fields(&self) -> &[Field<'a>] {
        match &self.body {
            Body::Struct(fields) => fields,
            Body::Enum(_) | Body::Polymorphic(_) => &[],
        }
    }

    /// The OData type name without `#`, when given: `microsoft.graph.ndesConnector`.
    pub fn odata_type_name(&self) -> Option<String> {
        let odata_type = self.attrs.odata_type.as_ref()?.value();
        Some(odata_type.strip_prefix('#').unwrap_or(&odata_type).to_owned())
    }

    /// The Graph name of the type: the last segment of its OData type, or the enum's `name`.
    pub fn graph_name(&self) -> String {
        match (&self.body, &self.attrs.name) {
            (Body::Enum(_), Some(name)) => name.value(),
            (Body::Enum(_), None) => pascal_to_lower_camel(&self.ident.to_string()),
            (Body::Struct(_) | Body::Polymorphic(_), _) => {
                let odata_type = self.odata_type_name().unwrap_or_default();
                odata_type.rsplit('.').next().unwrap_or_default().to_owned()
            }
        }
    }
}

fn shape_message(kind: DeriveKind, found: &str) -> String {
    format!(
        "{} can only be derived for a struct with named fields, or an enum of derived types, not {found}",
        kind.macro_name()
    )
}

impl<'a> Field<'a> {
    fn from_syn(field: &'a syn::Field, kind: DeriveKind, errors: &mut Errors) -> Self {
        let member = field.ident.as_ref().expect("named fields have identifiers");
        let attrs = FieldAttrs::parse(&field.attrs, kind, errors);
        let (graph_name, name_span) = match &attrs.rename {
            Some(rename) => (rename.value(), rename.span()),
            None => (snake_to_lower_camel(member.to_string().trim_start_matches("r#")), member.span()),
        };
        Field { member, ty: &field.ty, option_inner: option_inner(&field.ty), graph_name, name_span, attrs }
    }

    /// The type a setter or a required builder state holds: `T` for `Option<T>`.
    pub fn value_ty(&self) -> &'a Type {
        self.option_inner.unwrap_or(self.ty)
    }

    /// Set only by the service: the key and `read_only` properties.
    pub fn is_read_only(&self) -> bool {
        self.attrs.key.is_some() || self.attrs.read_only.is_some()
    }

    /// A create request cannot be built without it.
    pub fn is_required(&self) -> bool {
        !self.is_read_only()
            && self.attrs.additional.is_none()
            && (self.option_inner.is_none() || self.attrs.required.is_some())
    }
}

impl<'a> Variant<'a> {
    fn from_syn(variant: &'a syn::Variant, allowed: &[VariantKey], errors: &mut Errors) -> Self {
        let attrs = VariantAttrs::parse(&variant.attrs, allowed, errors);
        let cfgs = variant.attrs.iter().filter(|attr| attr.path().is_ident("cfg")).collect();
        let member = match &attrs.rename {
            Some(rename) => rename.value(),
            None => pascal_to_lower_camel(&variant.ident.to_string()),
        };
        Variant { ident: &variant.ident, member, fields: &variant.fields, attrs, cfgs }
    }

    /// The one field of a `Variant(Type)`.
    pub fn single_field(&self) -> Option<&'a syn::Field> {
        match self.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => fields.unnamed.first(),
            _ => None,
        }
    }

    pub fn span(&self) -> Span {
        self.ident.span()
    }
}

/// The base type of a polymorphic type: the type its first listed variant holds (`T` of `Box<T>`).
pub fn polymorphic_base<'a>(variants: &[Variant<'a>]) -> Option<&'a Type> {
    let field = variants.iter().find(|variant| variant.attrs.other.is_none()).and_then(Variant::single_field)?;
    Some(box_inner(&field.ty).unwrap_or(&field.ty))
}

/// Recognises `Option<T>` as written (`Option`, `std::option::Option`, `core::option::Option`),
/// the way serde does: a type alias of `Option` counts as a plain type.
fn option_inner(ty: &Type) -> Option<&Type> {
    wrapper_inner(ty, &["std", "core"], "option", "Option")
}

/// Recognises `Box<T>` as written (`Box`, `std::boxed::Box`, `alloc::boxed::Box`).
pub fn box_inner(ty: &Type) -> Option<&Type> {
    wrapper_inner(ty, &["std", "alloc"], "boxed", "Box")
}

/// `T` of `Wrapper<T>`, written bare or as `root::module::Wrapper<T>`.
fn wrapper_inner<'t>(ty: &'t Type, roots: &[&str], module: &str, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<_> = path.path.segments.iter().collect();
    let last = segments.last()?;
    let prefix_ok = match segments.len() {
        1 => path.path.leading_colon.is_none(),
        3 => roots.iter().any(|root| segments[0].ident == root) && segments[1].ident == module,
        _ => false,
    };
    if !prefix_ok || last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}
