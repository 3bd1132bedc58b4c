//! The derive's model of the user's type: what each field or variant is, as Graph sees it.

use msgraph_names::{lower_camel_from_snake, lower_first};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens as _, quote};
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type, Visibility};

use crate::attr::{ContainerAttrs, ContainerKey, FieldAttrs, VariantAttrs, VariantKey};
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
    /// The runtime crate as generated code names it: `::msgraph_entity`, or the `crate = path` given.
    pub rt: TokenStream,
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
    /// What the field is, computed once from its attributes and type.
    pub role: FieldRole,
}

/// What a field holds, as every stage sees it. Contradictory attributes (`key` with `additional`)
/// are the check stage's to report; the role takes the first that applies in this order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldRole {
    /// `#[graph(additional)]`: the unknown properties, not a property itself.
    CatchAll,
    /// `#[graph(odata)]`: the control information, not a property itself.
    Control,
    /// `#[graph(key)]`: the key property, set by the service.
    Key,
    /// `#[graph(read_only)]`: set by the service only.
    ReadOnly,
    /// A property a create request or a patch may carry; `required` when a create request cannot
    /// be built without it (`#[graph(required)]`, or a field that is not an `Option`).
    Writable { required: bool },
    /// `#[graph(navigation)]`: a navigation property, read when the service expands it, left out
    /// of `$select` and patches; `deep_insert` when a create request carries it inline (then maybe
    /// `required`).
    Navigation { deep_insert: bool, required: bool },
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
                ContainerKey::Crate,
            ],
            (DeriveKind::Entity, true) => &[
                ContainerKey::ODataType,
                ContainerKey::Collection,
                ContainerKey::Single,
                ContainerKey::Cast,
                ContainerKey::Crate,
            ],
            (DeriveKind::Complex, _) => &[ContainerKey::ODataType, ContainerKey::Crate],
            (DeriveKind::Action | DeriveKind::Function, _) => &[
                ContainerKey::Name,
                ContainerKey::Bound,
                ContainerKey::Path,
                ContainerKey::Returns,
                ContainerKey::Method,
                ContainerKey::Crate,
            ],
            (DeriveKind::Enum, _) => &[ContainerKey::Name, ContainerKey::Crate],
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
        let rt = runtime_path(&attrs);
        Some(Container { ident: &input.ident, vis: &input.vis, kind, attrs, body, unit, rt })
    }

    pub fn fields(&self) -> &[Field<'a>] {
        match &self.body {
            Body::Struct(fields) => fields,
            Body::Enum(_) | Body::Polymorphic(_) => &[],
        }
    }

    /// The runtime crate's path with every token at `span`, for generated code whose failure to
    /// type-check should point at the user's token (a field's type), not at the derive.
    pub fn rt_at(&self, span: Span) -> TokenStream {
        self.rt
            .clone()
            .into_iter()
            .map(|mut token| {
                token.set_span(span);
                token
            })
            .collect()
    }

    /// The fields read and written under a Graph name: properties and navigation properties (all but
    /// the catch-all and the control information), in order.
    pub fn wire_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields().iter().filter(|field| !matches!(field.role, FieldRole::CatchAll | FieldRole::Control))
    }

    /// The structural properties (not navigation properties), in order: what `$select` names.
    pub fn properties(&self) -> impl Iterator<Item = &Field<'a>> {
        self.wire_fields().filter(|field| !matches!(field.role, FieldRole::Navigation { .. }))
    }

    /// The navigation properties, in order: what `$expand` names.
    pub fn navigations(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields().iter().filter(|field| matches!(field.role, FieldRole::Navigation { .. }))
    }

    /// The properties a patch may carry, in order.
    pub fn writable(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields().iter().filter(|field| matches!(field.role, FieldRole::Writable { .. }))
    }

    /// What a create request may carry, in order: the writable properties, and the navigation
    /// properties the service takes inline.
    pub fn creatable(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields().iter().filter(|field| field.is_creatable())
    }

    /// The catch-all field of unknown properties, if there is one.
    pub fn catch_all(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|field| field.role == FieldRole::CatchAll)
    }

    /// The control-information field, if there is one.
    pub fn control(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|field| field.role == FieldRole::Control)
    }

    /// The key field, if there is one.
    pub fn key(&self) -> Option<&Field<'a>> {
        self.fields().iter().find(|field| field.role == FieldRole::Key)
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
            (Body::Enum(_), None) => lower_first(&self.ident.to_string()),
            (Body::Struct(_) | Body::Polymorphic(_), _) => {
                let odata_type = self.odata_type_name().unwrap_or_default();
                odata_type.rsplit('.').next().unwrap_or_default().to_owned()
            }
        }
    }
}

/// The runtime crate as generated code names it: the `crate = path` given, else `::msgraph_entity`.
pub fn runtime_path(attrs: &ContainerAttrs) -> TokenStream {
    match &attrs.krate {
        Some(path) => path.to_token_stream(),
        None => quote!(::msgraph_entity),
    }
}

/// The runtime crate's path of an input the derive cannot describe (its shape is wrong): only
/// `crate = …` is read, the rest was reported already.
pub fn runtime_path_of(input: &DeriveInput) -> TokenStream {
    let attrs = ContainerAttrs::parse(&input.attrs, &[ContainerKey::Crate], &mut Errors::default());
    runtime_path(&attrs)
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
            None => (lower_camel_from_snake(&member.to_string()), member.span()),
        };
        let option_inner = option_inner(&field.ty);
        let role = if attrs.additional.is_some() {
            FieldRole::CatchAll
        } else if attrs.odata.is_some() {
            FieldRole::Control
        } else if let Some(navigation) = attrs.navigation {
            let required = navigation.deep_insert && (option_inner.is_none() || attrs.required.is_some());
            FieldRole::Navigation { deep_insert: navigation.deep_insert, required }
        } else if attrs.key.is_some() {
            FieldRole::Key
        } else if attrs.read_only.is_some() {
            FieldRole::ReadOnly
        } else {
            FieldRole::Writable { required: option_inner.is_none() || attrs.required.is_some() }
        };
        Field { member, ty: &field.ty, option_inner, graph_name, name_span, attrs, role }
    }

    /// The type a setter or a required builder state holds: `T` for `Option<T>`.
    pub fn value_ty(&self) -> &'a Type {
        self.option_inner.unwrap_or(self.ty)
    }

    /// Set only by the service: the key and `read_only` properties.
    pub fn is_read_only(&self) -> bool {
        matches!(self.role, FieldRole::Key | FieldRole::ReadOnly)
    }

    /// A create request cannot be built without it.
    pub fn is_required(&self) -> bool {
        matches!(self.role, FieldRole::Writable { required: true } | FieldRole::Navigation { required: true, .. })
    }

    /// A create request may carry it: a writable property, or a navigation property the service
    /// takes inline.
    pub fn is_creatable(&self) -> bool {
        matches!(self.role, FieldRole::Writable { .. } | FieldRole::Navigation { deep_insert: true, .. })
    }

    /// Left out of a request body: a key, a read-only property, a navigation property the service
    /// does not take inline.
    pub fn is_left_out_of_requests(&self) -> bool {
        matches!(self.role, FieldRole::Key | FieldRole::ReadOnly | FieldRole::Navigation { deep_insert: false, .. })
    }
}

impl<'a> Variant<'a> {
    fn from_syn(variant: &'a syn::Variant, allowed: &[VariantKey], errors: &mut Errors) -> Self {
        let attrs = VariantAttrs::parse(&variant.attrs, allowed, errors);
        let cfgs = variant.attrs.iter().filter(|attr| attr.path().is_ident("cfg")).collect();
        let member = match &attrs.rename {
            Some(rename) => rename.value(),
            None => lower_first(&variant.ident.to_string()),
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
