//! Path templates (`/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments`),
//! parsed once, when the attribute is read: every later stage, and the runtime, use this model.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::LitStr;

use crate::errors::Errors;

/// A collection path from the service root, with whole-segment `{parameter}`s.
pub struct PathTemplate {
    /// The literal as written, for spans and messages.
    pub literal: LitStr,
    pub segments: Vec<Segment>,
}

pub enum Segment {
    Literal(String),
    Parameter(Parameter),
}

/// One `{name}` segment: its name in the template and the Rust parameter that fills it.
pub struct Parameter {
    pub name: String,
    /// `deviceConfigurationId` → `device_configuration_id`; `{type}` → `type_`, `{key}` → `key_`.
    pub ident: Ident,
}

impl PathTemplate {
    /// Parses the literal; a malformed path is an error on the literal that says what to write.
    ///
    /// The template comes back either way: a malformed one without segments, so the
    /// fallback can still stub the operations under their names (expand never sees it).
    pub fn parse(literal: LitStr, errors: &mut Errors) -> Self {
        let text = literal.value();
        let segments = parse_segments(&text).unwrap_or_else(|problem| {
            errors.spanned_by(&literal, format!("invalid path `{text}`: {problem}"));
            Vec::new()
        });
        PathTemplate { literal, segments }
    }

    /// The template as a URL's path has it: a name outside ASCII percent-encoded.
    pub fn url_text(&self) -> String {
        percent_encode_non_ascii(&self.literal.value())
    }

    pub fn parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Parameter(parameter) => Some(parameter),
            Segment::Literal(_) => None,
        })
    }

    pub fn parameter_idents(&self) -> Vec<&Ident> {
        self.parameters().map(|parameter| &parameter.ident).collect()
    }

    /// How a generated function with this path reaches it (see [`PathCall`]); `rt` is the runtime crate.
    pub fn call<'a>(&'a self, rt: &'a TokenStream) -> PathCall<'a> {
        PathCall { template: self, parameters: self.parameter_idents(), rt }
    }

    /// The runtime value: `PathTemplate` with the literal runs and parameters already split.
    pub fn to_runtime(&self, rt: &TokenStream) -> TokenStream {
        let text = self.url_text();
        let mut parts = Vec::new();
        let mut literal_run = String::new();
        for segment in &self.segments {
            literal_run.push('/');
            match segment {
                // A name outside ASCII goes in a URL percent-encoded.
                Segment::Literal(literal) => literal_run.push_str(&percent_encode_non_ascii(literal)),
                Segment::Parameter(parameter) => {
                    let run = std::mem::take(&mut literal_run);
                    parts.push(quote! { #rt::PathPart::Literal(#run) });
                    let name = &parameter.name;
                    parts.push(quote! { #rt::PathPart::Parameter(#name) });
                }
            }
        }
        if !literal_run.is_empty() {
            parts.push(quote! { #rt::PathPart::Literal(#literal_run) });
        }
        quote! { #rt::PathTemplate::__from_parts(#text, &[#(#parts),*]) }
    }
}

/// How a generated function reaches its path: the literal itself, or (with parameters) the
/// template in a `const __TEMPLATE` filled from the function's `&str` parameters, which makes the
/// function return a `Result`.
pub struct PathCall<'a> {
    template: &'a PathTemplate,
    parameters: Vec<&'a Ident>,
    rt: &'a TokenStream,
}

impl PathCall<'_> {
    /// Whether filling the template can fail (it has parameters).
    pub fn is_fallible(&self) -> bool {
        !self.parameters.is_empty()
    }

    /// The function's leading path parameters, each followed by a comma (`a: &str, b: &str,`).
    pub fn parameters(&self) -> TokenStream {
        let parameters = &self.parameters;
        quote! { #(#parameters: &str,)* }
    }

    /// The path as a `Cow<'static, str>`.
    pub fn cow(&self) -> TokenStream {
        if self.is_fallible() {
            self.filled()
        } else {
            let text = self.template.url_text();
            let rt = self.rt;
            quote! { #rt::__private::Cow::Borrowed(#text) }
        }
    }

    /// The path as a `&str`.
    pub fn str(&self) -> TokenStream {
        if self.is_fallible() {
            let filled = self.filled();
            quote! { &#filled }
        } else {
            let text = self.template.url_text();
            quote! { #text }
        }
    }

    fn filled(&self) -> TokenStream {
        let parameters = &self.parameters;
        quote! { __TEMPLATE.fill(&[#(#parameters),*])? }
    }

    /// The return type of a function that returns an `output`: as it is, or in a `Result`.
    pub fn output(&self, output: TokenStream) -> TokenStream {
        if self.is_fallible() {
            let rt = self.rt;
            quote! { ::core::result::Result<#output, #rt::Error> }
        } else {
            output
        }
    }

    /// The body of a function that returns `value` (an expression built with [`PathCall::cow`] or
    /// [`PathCall::str`]) as [`PathCall::output`] says: as it is, or as `Ok` after the template's
    /// declaration.
    pub fn returning(&self, value: TokenStream) -> TokenStream {
        if self.is_fallible() {
            let rt = self.rt;
            let runtime = self.template.to_runtime(rt);
            quote! {
                const __TEMPLATE: #rt::PathTemplate = #runtime;
                ::core::result::Result::Ok(#value)
            }
        } else {
            value
        }
    }
}

/// `literal` with each byte of a character outside ASCII as `%XX` (a URL's path is ASCII).
fn percent_encode_non_ascii(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    for ch in literal.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            for byte in ch.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// A path is absolute, from the service root, made of non-empty plain segments
/// or whole-segment parameters whose names start with a letter.
fn parse_segments(path: &str) -> Result<Vec<Segment>, &'static str> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err("it must start with `/` (the path from the service root, without the version)");
    };
    let mut segments = Vec::new();
    for segment in rest.split('/') {
        if segment.is_empty() {
            return Err("it has an empty segment");
        }
        if segment == "." || segment == ".." {
            return Err("it has a `.` or `..` segment");
        }
        if let Some(name) = segment.strip_prefix('{').and_then(|inner| inner.strip_suffix('}')) {
            if !is_parameter_name(name) {
                return Err(
                    "a parameter segment is `{name}`, the name a letter or `_` followed by letters, digits or `_`",
                );
            }
            segments.push(Segment::Parameter(Parameter { name: name.to_owned(), ident: parameter_ident(name) }));
            continue;
        }
        // Names (OData identifiers, in any script) joined by `.` (a cast), or `-`.
        if let Some(bad) = segment.chars().find(|ch| !(ch.is_alphanumeric() || matches!(ch, '.' | '_' | '-'))) {
            return Err(match bad {
                '?' | '#' => "it must not carry a query or fragment",
                '{' | '}' => "a parameter must be a whole segment: `/{name}/`",
                _ => "it has a character that is not allowed in a path segment",
            });
        }
        segments.push(Segment::Literal(segment.to_owned()));
    }
    Ok(segments)
}

/// A parameter is named like anything OData names: the generator's `{xId}` of a type `x`.
fn is_parameter_name(name: &str) -> bool {
    msgraph_names::check_simple_identifier(name).is_ok()
}

/// The argument that fills a `{parameter}`: `msgraph_names::path_parameter`'s name for it.
fn parameter_ident(name: &str) -> Ident {
    Ident::new(&msgraph_names::path_parameter(name), Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(path: &str) -> Vec<String> {
        parse_segments(path)
            .unwrap()
            .iter()
            .filter_map(|segment| match segment {
                Segment::Parameter(parameter) => Some(parameter.ident.to_string()),
                Segment::Literal(_) => None,
            })
            .collect()
    }

    #[test]
    fn well_formed_paths() {
        assert!(parse_segments("/deviceManagement/ndesConnectors").is_ok());
        assert!(parse_segments("/deviceManagement/microsoft.graph.x").is_ok());
        assert_eq!(
            idents("/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"),
            ["device_configuration_id"]
        );
    }

    #[test]
    fn reserved_parameter_names_get_a_trailing_underscore() {
        assert_eq!(
            idents("/a/{key}/b/{patch}/c/{type}/d/{self}/e/{parameters}"),
            ["key_", "patch_", "type_", "self_", "parameters_"]
        );
        assert_eq!(idents("/a/{YId}/b/{yId}"), ["y_id", "y_id"], "duplicates are the check stage's to report");
    }

    #[test]
    fn names_in_any_script_are_path_segments_and_go_percent_encoded() {
        assert_eq!(idents("/größe/{_aId}/naïve"), ["a_id"]);
        assert_eq!(percent_encode_non_ascii("/naïve"), "/na%C3%AFve");
    }

    #[test]
    fn malformed_paths() {
        for bad in
            ["deviceManagement", "/", "//x", "/a/", "/a?b", "/a/x{id}/b", "/a/{}/b", "/a/{1x}/b", "/a/../b", "/a b"]
        {
            assert!(parse_segments(bad).is_err(), "{bad}");
        }
    }
}
