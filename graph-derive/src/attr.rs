//! Parses every `#[graph(...)]` attribute. Each key may appear once; a
//! duplicate or unknown key is reported on the key itself. Keys are enums
//! matched exhaustively, so a key added to one list cannot fall into another's arm.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

use crate::errors::Errors;
use crate::kind::DeriveKind;
use crate::path::PathTemplate;
use crate::symbol::*;

/// A key of `#[graph(...)]`, as one of the attribute's closed lists.
trait AttributeKey: Copy + 'static {
    fn symbol(self) -> &'static str;
}

/// Keys on the struct or enum.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ContainerKey {
    ODataType,
    Collection,
    Name,
    CreateAt,
    Single,
    Cast,
    Bound,
    Path,
    Returns,
    Method,
    /// `crate = path`: where the runtime crate is, when not `::msgraph_entity`.
    Crate,
}

/// Keys on a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    Rename,
    Key,
    ReadOnly,
    Required,
    Additional,
    /// `odata`: the field that keeps control information (`ControlInformation`).
    Odata,
    /// `navigation` or `navigation(deep_insert)`: a navigation property.
    Navigation,
}

/// Keys on an enum variant.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum VariantKey {
    Rename,
    Other,
}

impl AttributeKey for ContainerKey {
    fn symbol(self) -> &'static str {
        match self {
            ContainerKey::ODataType => ODATA_TYPE,
            ContainerKey::Collection => COLLECTION,
            ContainerKey::Name => NAME,
            ContainerKey::CreateAt => CREATE_AT,
            ContainerKey::Single => SINGLE,
            ContainerKey::Cast => CAST,
            ContainerKey::Bound => BOUND,
            ContainerKey::Path => PATH,
            ContainerKey::Returns => RETURNS,
            ContainerKey::Method => METHOD,
            ContainerKey::Crate => CRATE,
        }
    }
}

impl AttributeKey for FieldKey {
    fn symbol(self) -> &'static str {
        match self {
            FieldKey::Rename => RENAME,
            FieldKey::Key => KEY,
            FieldKey::ReadOnly => READ_ONLY,
            FieldKey::Required => REQUIRED,
            FieldKey::Additional => ADDITIONAL,
            FieldKey::Odata => ODATA,
            FieldKey::Navigation => NAVIGATION,
        }
    }
}

impl AttributeKey for VariantKey {
    fn symbol(self) -> &'static str {
        match self {
            VariantKey::Rename => RENAME,
            VariantKey::Other => OTHER,
        }
    }
}

/// `#[graph(...)]` on the struct or enum.
#[derive(Default)]
pub struct ContainerAttrs {
    pub odata_type: Option<LitStr>,
    pub collection: Option<PathTemplate>,
    pub name: Option<LitStr>,
    /// `create_at(name = "create_in_x", path = "/a/{aId}/xs")`: another collection the entity can be created in.
    pub create_at: Vec<NamedPath>,
    /// `single(name = "settings", path = "/a/settings")`: a place holding one value of the entity.
    pub singles: Vec<NamedPath>,
    /// `cast`: the collection holds a base type's items; `list()` asks for this type's with a cast segment.
    pub cast: Option<Span>,
    /// An operation's `bound = Type`: the type its function is written on.
    pub bound: Option<syn::Type>,
    /// An operation's `path = "/..."`: where what it is bound to is.
    pub path: Option<PathTemplate>,
    /// An operation's `returns`.
    pub returns: Option<Returns>,
    /// An operation's `method = "..."`: the name of its function, when not the operation's own.
    pub method: Option<LitStr>,
    /// `crate = path` (or `crate = "path"`): the runtime crate's path, for a renamed dependency or a facade.
    pub krate: Option<syn::Path>,
}

/// What an operation's success reads as.
pub enum Returns {
    /// `returns = T`: an entity or complex value, the body itself.
    Object(syn::Type),
    /// `returns(value = T)`: a primitive or enum, as `{"value": …}`.
    Value(syn::Type),
    /// `returns(collection = T)`: a collection, as a page.
    Collection(syn::Type),
    /// `returns(stream)`: the body's bytes.
    Stream(Span),
}

/// A named path: the name of the function(s) it gets, and its template.
pub struct NamedPath {
    pub name: LitStr,
    pub path: PathTemplate,
}

/// The functions the `create_at` and `single` places get: `create_in_x` and `in_x`, `get_x` and
/// `update_x`. A place is written when its names are functions the derive can write and no
/// earlier place gave them; the checks report the others, and leaving them out keeps a name's
/// error from cascading into duplicate definitions.
pub struct PlaceFunctions<'a> {
    pub create_at: Vec<(&'a NamedPath, [syn::Ident; 2])>,
    pub singles: Vec<(&'a NamedPath, [syn::Ident; 2])>,
}

impl ContainerAttrs {
    pub fn place_functions(&self) -> PlaceFunctions<'_> {
        let mut given = std::collections::HashSet::new();
        let mut written = |place: &NamedPath, functions: [String; 2]| {
            let name = place.name.value();
            let writable = crate::names::writes_functions(&functions, &name)
                && functions.iter().all(|function| !given.contains(function));
            given.extend(functions.iter().cloned());
            writable.then(|| functions.map(|function| syn::Ident::new(&function, place.name.span())))
        };
        let create_at = (self.create_at.iter())
            .filter_map(|place| Some((place, written(place, msgraph_names::create_at_functions(&place.name.value()))?)))
            .collect();
        let singles = (self.singles.iter())
            .filter_map(|place| Some((place, written(place, msgraph_names::single_functions(&place.name.value()))?)))
            .collect();
        PlaceFunctions { create_at, singles }
    }
}

/// `#[graph(...)]` on a field. Flags keep the span of their key, for errors.
#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<LitStr>,
    pub key: Option<Span>,
    pub read_only: Option<Span>,
    pub required: Option<Span>,
    pub additional: Option<Span>,
    pub odata: Option<Span>,
    pub navigation: Option<Navigation>,
}

/// `navigation` on a field, and whether the service takes its value inline on create.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub span: Span,
    /// `navigation(deep_insert)`.
    pub deep_insert: bool,
}

/// `#[graph(...)]` on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<LitStr>,
    pub other: Option<Span>,
}

impl ContainerAttrs {
    /// `allowed` depends on the derive and on the shape of the input (struct or enum).
    pub fn parse(attrs: &[Attribute], allowed: &[ContainerKey], errors: &mut Errors) -> Self {
        let mut parsed = ContainerAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            ContainerKey::ODataType => set_string(&mut parsed.odata_type, key, meta, errors),
            ContainerKey::Name => set_string(&mut parsed.name, key, meta, errors),
            ContainerKey::Collection => {
                let literal: LitStr = meta.value()?.parse()?;
                set_once(&mut parsed.collection, PathTemplate::parse(literal, errors), key, meta, errors);
                Ok(())
            }
            ContainerKey::CreateAt => {
                if let Some(create_at) = parse_named_path(meta, CREATE_AT, "create_in_...", errors)? {
                    parsed.create_at.push(create_at);
                }
                Ok(())
            }
            ContainerKey::Single => {
                if let Some(single) = parse_named_path(meta, SINGLE, "settings", errors)? {
                    parsed.singles.push(single);
                }
                Ok(())
            }
            ContainerKey::Cast => set_flag(&mut parsed.cast, key, meta, errors),
            ContainerKey::Bound => {
                let ty: syn::Type = meta.value()?.parse()?;
                set_once(&mut parsed.bound, ty, key, meta, errors);
                Ok(())
            }
            ContainerKey::Path => {
                let literal: LitStr = meta.value()?.parse()?;
                set_once(&mut parsed.path, PathTemplate::parse(literal, errors), key, meta, errors);
                Ok(())
            }
            ContainerKey::Method => set_string(&mut parsed.method, key, meta, errors),
            ContainerKey::Returns => {
                if let Some(returns) = parse_returns(meta, errors)? {
                    set_once(&mut parsed.returns, returns, key, meta, errors);
                }
                Ok(())
            }
            ContainerKey::Crate => {
                let value = meta.value()?;
                // `crate = "path"` as serde writes it, or `crate = path` as bon does.
                let path = if value.peek(LitStr) { value.parse::<LitStr>()?.parse()? } else { value.parse()? };
                set_once(&mut parsed.krate, path, key, meta, errors);
                Ok(())
            }
        });
        parsed
    }
}

impl FieldAttrs {
    pub fn parse(attrs: &[Attribute], kind: DeriveKind, errors: &mut Errors) -> Self {
        let allowed: &[FieldKey] = match kind {
            DeriveKind::Entity => &[
                FieldKey::Rename,
                FieldKey::Key,
                FieldKey::ReadOnly,
                FieldKey::Required,
                FieldKey::Additional,
                FieldKey::Odata,
                FieldKey::Navigation,
            ],
            DeriveKind::Complex | DeriveKind::Enum => {
                &[FieldKey::Rename, FieldKey::Additional, FieldKey::Odata, FieldKey::Navigation]
            }
            DeriveKind::Action | DeriveKind::Function => &[FieldKey::Rename],
        };
        let mut parsed = FieldAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            FieldKey::Rename => set_string(&mut parsed.rename, key, meta, errors),
            FieldKey::Key => set_flag(&mut parsed.key, key, meta, errors),
            FieldKey::ReadOnly => set_flag(&mut parsed.read_only, key, meta, errors),
            FieldKey::Required => set_flag(&mut parsed.required, key, meta, errors),
            FieldKey::Additional => set_flag(&mut parsed.additional, key, meta, errors),
            FieldKey::Odata => set_flag(&mut parsed.odata, key, meta, errors),
            FieldKey::Navigation => {
                let span = meta.path.get_ident().map_or_else(Span::call_site, |ident| ident.span());
                let mut deep_insert = false;
                if meta.input.peek(syn::token::Paren) {
                    meta.parse_nested_meta(|inner| {
                        if inner.path.is_ident(DEEP_INSERT) && !deep_insert {
                            deep_insert = true;
                        } else {
                            errors.spanned_by(
                                &inner.path,
                                format!("`{NAVIGATION}` takes one key, `{DEEP_INSERT}`: write `{NAVIGATION}(`{DEEP_INSERT}`)` for a navigation property the service takes inline on create"),
                            );
                        }
                        skip_value(&inner)
                    })?;
                } else if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                    errors.spanned_by(&meta.path, format!("write `{NAVIGATION}` or `{NAVIGATION}({DEEP_INSERT})`"));
                    return skip_value(meta);
                }
                set_once(&mut parsed.navigation, Navigation { span, deep_insert }, key, meta, errors);
                Ok(())
            }
        });
        parsed
    }
}

impl VariantAttrs {
    pub fn parse(attrs: &[Attribute], allowed: &[VariantKey], errors: &mut Errors) -> Self {
        let mut parsed = VariantAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            VariantKey::Rename => set_string(&mut parsed.rename, key, meta, errors),
            VariantKey::Other => set_flag(&mut parsed.other, key, meta, errors),
        });
        parsed
    }
}

/// `returns = T`, or `returns(value = T)`, `returns(collection = T)`, `returns(stream)`.
fn parse_returns(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<Option<Returns>> {
    const FORMS: &str = "write `returns = Type` (an entity or complex value), `returns(value = Type)` (a primitive or enum), `returns(collection = Type)` or `returns(stream)`";
    if meta.input.peek(Token![=]) {
        return Ok(Some(Returns::Object(meta.value()?.parse()?)));
    }
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        errors.spanned_by(&meta.path, format!("`{RETURNS}` needs what the operation returns: {FORMS}"));
        return Ok(None);
    }
    let mut returns = None;
    meta.parse_nested_meta(|inner| {
        let parsed = if inner.path.is_ident(VALUE) {
            Returns::Value(inner.value()?.parse()?)
        } else if inner.path.is_ident(COLLECTION_OF) {
            Returns::Collection(inner.value()?.parse()?)
        } else if inner.path.is_ident(STREAM) {
            Returns::Stream(inner.path.get_ident().map_or_else(Span::call_site, |ident| ident.span()))
        } else {
            errors.spanned_by(&inner.path, format!("unknown key in `{RETURNS}`: {FORMS}"));
            return skip_value(&inner);
        };
        if returns.is_some() {
            errors.spanned_by(&inner.path, format!("`{RETURNS}` takes one form: {FORMS}"));
        } else {
            returns = Some(parsed);
        }
        Ok(())
    })?;
    Ok(returns)
}

/// `key(name = "...", path = "/...")`, for `create_at` and `single`.
fn parse_named_path(
    meta: &ParseNestedMeta<'_>,
    key: &str,
    example: &str,
    errors: &mut Errors,
) -> syn::Result<Option<NamedPath>> {
    let mut name = None;
    let mut path = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(NAME) {
            set_string(&mut name, ContainerKey::Name, &inner, errors)
        } else if inner.path.is_ident(PATH) {
            let literal: LitStr = inner.value()?.parse()?;
            set_once(&mut path, PathTemplate::parse(literal, errors), ContainerKey::Path, &inner, errors);
            Ok(())
        } else {
            errors.spanned_by(&inner.path, format!("unknown key in `{key}`; expected `{NAME}` or `{PATH}`"));
            skip_value(&inner)
        }
    })?;
    match (name, path) {
        (Some(name), Some(path)) => Ok(Some(NamedPath { name, path })),
        _ => {
            errors.spanned_by(
                &meta.path,
                format!("`{key}` needs both keys: {key}({NAME} = \"{example}\", {PATH} = \"/...\")"),
            );
            Ok(None)
        }
    }
}

/// Calls `handle` for every allowed key of every `#[graph(...)]` in `attrs`;
/// reports the others. `handle` only sees keys from `allowed`.
fn for_each_key<K: AttributeKey>(
    attrs: &[Attribute],
    allowed: &[K],
    errors: &mut Errors,
    mut handle: impl FnMut(K, &ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(GRAPH)) {
        let result = attr.parse_nested_meta(|meta| {
            let known = allowed.iter().copied().find(|key| meta.path.is_ident(key.symbol()));
            match known {
                Some(key) => handle(key, &meta, errors),
                None => {
                    let name =
                        meta.path.get_ident().map_or_else(|| "this path".to_owned(), |ident| format!("`{ident}`"));
                    let expected =
                        allowed.iter().map(|key| format!("`{}`", key.symbol())).collect::<Vec<_>>().join(", ");
                    errors
                        .spanned_by(&meta.path, format!("unknown graph attribute {name}; expected one of {expected}"));
                    skip_value(&meta)
                }
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
}

/// Puts `value` in `slot`, or reports the key as a duplicate when the slot is filled already:
/// the one rule for every key that may appear once.
fn set_once<T>(
    slot: &mut Option<T>,
    value: T,
    key: impl AttributeKey,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) {
    if slot.is_some() {
        errors.spanned_by(&meta.path, format!("duplicate graph attribute `{}`", key.symbol()));
    } else {
        *slot = Some(value);
    }
}

fn set_string(
    slot: &mut Option<LitStr>,
    key: impl AttributeKey,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let value: LitStr = meta.value()?.parse()?;
    set_once(slot, value, key, meta, errors);
    Ok(())
}

/// A key without a value (`key`, `read_only`); the slot keeps the key's span, for errors.
fn set_flag(
    slot: &mut Option<Span>,
    key: impl AttributeKey,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<()> {
    if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        let key = key.symbol();
        errors.spanned_by(&meta.path, format!("graph attribute `{key}` takes no value: write `{key}` alone"));
        return skip_value(meta);
    }
    let span = meta.path.get_ident().map_or_else(Span::call_site, |ident| ident.span());
    set_once(slot, span, key, meta, errors);
    Ok(())
}

/// Consumes whatever follows a key we reported, so parsing goes on with the next key.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}
