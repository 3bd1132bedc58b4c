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
    pub fn parse(attrs: &[Attribute], kind: DeriveKind, errors: &mut Errors) -> Self {
        let allowed: &[&str] = match kind {
            DeriveKind::Entity => &[ODATA_TYPE, COLLECTION],
            DeriveKind::Complex => &[ODATA_TYPE],
            DeriveKind::Enum => &[NAME],
        };
        let mut parsed = ContainerAttrs::default();
        for_each_key(attrs, allowed, errors, |key, meta, errors| {
            let slot = match key {
                ODATA_TYPE => &mut parsed.odata_type,
                COLLECTION => &mut parsed.collection,
                _ => &mut parsed.name,
            };
            set_string(slot, key, meta, errors)
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
    pub fn parse(attrs: &[Attribute], errors: &mut Errors) -> Self {
        let mut parsed = VariantAttrs::default();
        for_each_key(attrs, &[RENAME, OTHER], errors, |key, meta, errors| match key {
            RENAME => set_string(&mut parsed.rename, key, meta, errors),
            _ => set_flag(&mut parsed.other, key, meta, errors),
        });
        parsed
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
                    let name = meta
                        .path
                        .get_ident()
                        .map_or_else(|| "this path".to_owned(), |ident| format!("`{ident}`"));
                    let expected = allowed
                        .iter()
                        .map(|key| format!("`{key}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    errors.spanned_by(
                        &meta.path,
                        format!("unknown graph attribute {name}; expected one of {expected}"),
                    );
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
        errors.spanned_by(
            &meta.path,
            format!("graph attribute `{key}` takes no value: write `{key}` alone"),
        );
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
