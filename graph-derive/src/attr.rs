//! Parses every `#[graph(...)]` attribute. Each key may appear once; a
//! duplicate or unknown key is reported on the key itself.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

use crate::ast::DeriveKind;
use crate::errors::Errors;
use crate::symbol::*;

/// `#[graph(...)]` on the struct or enum.
#[derive(Default)]
pub struct ContainerAttrs {
    pub odata_type: Option<LitStr>,
    pub collection: Option<LitStr>,
    pub name: Option<LitStr>,
    pub create_at: Vec<CreateAt>,
}

/// `create_at(name = "create_in_x", path = "/a/{aId}/xs")`: another collection the entity can be created in.
pub struct CreateAt {
    pub name: LitStr,
    pub path: LitStr,
}

/// `#[graph(...)]` on a field. Flags keep the span of their key, for errors.
#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<LitStr>,
    pub key: Option<Span>,
    pub read_only: Option<Span>,
    pub required: Option<Span>,
    pub additional: Option<Span>,
}

/// `#[graph(...)]` on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<LitStr>,
    pub other: Option<Span>,
}

impl ContainerAttrs {
    /// `allowed` depends on the derive and on the shape of the input (struct or enum).
    pub fn parse(attrs: &[Attribute], allowed: &[&'static str], errors: &mut Errors) -> Self {
        let mut parsed = ContainerAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            ODATA_TYPE => set_string(&mut parsed.odata_type, key, meta, errors),
            COLLECTION => set_string(&mut parsed.collection, key, meta, errors),
            CREATE_AT => {
                if let Some(create_at) = parse_create_at(meta, errors)? {
                    parsed.create_at.push(create_at);
                }
                Ok(())
            }
            _ => set_string(&mut parsed.name, key, meta, errors),
        });
        parsed
    }
}

impl FieldAttrs {
    pub fn parse(attrs: &[Attribute], kind: DeriveKind, errors: &mut Errors) -> Self {
        let allowed: &[&str] = match kind {
            DeriveKind::Entity => &[RENAME, KEY, READ_ONLY, REQUIRED, ADDITIONAL],
            DeriveKind::Complex | DeriveKind::Enum => &[RENAME, ADDITIONAL],
        };
        let mut parsed = FieldAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            RENAME => set_string(&mut parsed.rename, key, meta, errors),
            KEY => set_flag(&mut parsed.key, key, meta, errors),
            READ_ONLY => set_flag(&mut parsed.read_only, key, meta, errors),
            REQUIRED => set_flag(&mut parsed.required, key, meta, errors),
            _ => set_flag(&mut parsed.additional, key, meta, errors),
        });
        parsed
    }
}

impl VariantAttrs {
    pub fn parse(attrs: &[Attribute], allowed: &[&'static str], errors: &mut Errors) -> Self {
        let mut parsed = VariantAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| match key {
            RENAME => set_string(&mut parsed.rename, key, meta, errors),
            _ => set_flag(&mut parsed.other, key, meta, errors),
        });
        parsed
    }
}

fn parse_create_at(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<Option<CreateAt>> {
    let mut name = None;
    let mut path = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(NAME) {
            set_string(&mut name, NAME, &inner, errors)
        } else if inner.path.is_ident(PATH) {
            set_string(&mut path, PATH, &inner, errors)
        } else {
            errors.spanned_by(&inner.path, format!("unknown key in `{CREATE_AT}`; expected `{NAME}` or `{PATH}`"));
            skip_value(&inner)
        }
    })?;
    match (name, path) {
        (Some(name), Some(path)) => Ok(Some(CreateAt { name, path })),
        _ => {
            errors.spanned_by(
                &meta.path,
                format!("`{CREATE_AT}` needs both keys: {CREATE_AT}({NAME} = \"create_in_...\", {PATH} = \"/...\")"),
            );
            Ok(None)
        }
    }
}

/// Calls `handle` for every allowed key of every `#[graph(...)]` in `attrs`;
/// reports the others. `handle` only sees keys from `allowed`.
fn for_each_key(
    attrs: &[Attribute],
    allowed: &[&'static str],
    errors: &mut Errors,
    mut handle: impl FnMut(&'static str, &ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(GRAPH)) {
        let result = attr.parse_nested_meta(|meta| {
            let known = allowed.iter().copied().find(|key| meta.path.is_ident(key));
            match known {
                Some(key) => handle(key, &meta, errors),
                None => {
                    let name =
                        meta.path.get_ident().map_or_else(|| "this path".to_owned(), |ident| format!("`{ident}`"));
                    let expected = allowed.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
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

fn set_string(
    slot: &mut Option<LitStr>,
    key: &str,
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let value: LitStr = meta.value()?.parse()?;
    if slot.is_some() {
        errors.spanned_by(&meta.path, format!("duplicate graph attribute `{key}`"));
    } else {
        *slot = Some(value);
    }
    Ok(())
}

fn set_flag(slot: &mut Option<Span>, key: &str, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<()> {
    if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        errors.spanned_by(&meta.path, format!("graph attribute `{key}` takes no value: write `{key}` alone"));
        return skip_value(meta);
    }
    if slot.is_some() {
        errors.spanned_by(&meta.path, format!("duplicate graph attribute `{key}`"));
    } else {
        *slot = Some(meta.path.get_ident().map_or_else(Span::call_site, |ident| ident.span()));
    }
    Ok(())
}

/// Consumes whatever follows a key we reported, so parsing goes on with the next key.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}
