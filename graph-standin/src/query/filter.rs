//! `$filter`: a small OData expression parser and evaluator.
//!
//! Written here rather than taken from a crate: the one maintained OData filter crate
//! (odata-params) has no lambda operators (`any`, `all`) and no enum literals
//! (`microsoft.graph.x'member'`), both of which Intune filters use, and brings chrono,
//! chrono-tz and bigdecimal. This is a recursive-descent parser of the subset Graph
//! documents for Intune: comparison (`eq ne gt ge lt le`), `has`, `in`, `and or not`,
//! parentheses, `startswith endswith contains tolower toupper trim length concat`, literals
//! (string, number, boolean, `null`, enum, date-time, date, GUID) and `any`/`all` on
//! collection properties and contained navigation properties.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Value};

/// An item being filtered: an entity's properties.
type Item = Map<String, Value>;

/// A parsed `$filter`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Literal(Value),
    /// `a/b/c`: a property path, from the item or from a lambda variable (its first segment).
    Path(Vec<String>),
    Compare(Box<Expr>, CompareOp, Box<Expr>),
    In(Box<Expr>, Vec<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Call(Function, Vec<Expr>),
    /// `path/any(v: predicate)` (`all` when `every`); `path/any()` when there is no predicate.
    Lambda {
        path: Vec<String>,
        every: bool,
        variable: String,
        predicate: Option<Box<Expr>>,
    },
    /// An enum literal, `microsoft.graph.x'member'`: its type is checked against the schema.
    Enum {
        ty: String,
        member: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Has,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    StartsWith,
    EndsWith,
    Contains,
    ToLower,
    ToUpper,
    Trim,
    Length,
    Concat,
}

impl Function {
    fn named(name: &str) -> Option<(Function, usize)> {
        Some(match name {
            "startswith" => (Function::StartsWith, 2),
            "endswith" => (Function::EndsWith, 2),
            "contains" => (Function::Contains, 2),
            "tolower" => (Function::ToLower, 1),
            "toupper" => (Function::ToUpper, 1),
            "trim" => (Function::Trim, 1),
            "length" => (Function::Length, 1),
            "concat" => (Function::Concat, 2),
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Comma,
    Colon,
    Slash,
    Text(String),
    /// A word: an identifier, a keyword, a qualified name.
    Word(String),
    /// A number, a date-time, a date or a GUID written bare.
    Bare(String),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            ' ' | '\t' => index += 1,
            '(' => {
                tokens.push(Token::Open);
                index += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                index += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                index += 1;
            }
            ':' => {
                tokens.push(Token::Colon);
                index += 1;
            }
            '/' => {
                tokens.push(Token::Slash);
                index += 1;
            }
            '\'' => {
                let mut value = String::new();
                index += 1;
                loop {
                    match chars.get(index) {
                        None => return Err("a string literal is not closed with '".to_owned()),
                        Some('\'') if chars.get(index + 1) == Some(&'\'') => {
                            value.push('\'');
                            index += 2;
                        }
                        Some('\'') => {
                            index += 1;
                            break;
                        }
                        Some(other) => {
                            value.push(*other);
                            index += 1;
                        }
                    }
                }
                tokens.push(Token::Text(value));
            }
            c if c.is_ascii_digit() || (c == '-' && chars.get(index + 1).is_some_and(char::is_ascii_digit)) => {
                let start = index;
                index += 1;
                while index < chars.len() && (chars[index].is_ascii_alphanumeric() || ":.+-".contains(chars[index])) {
                    index += 1;
                }
                tokens.push(Token::Bare(chars[start..index].iter().collect()));
            }
            c if c.is_alphabetic() || c == '_' || c == '@' || c == '$' => {
                let start = index;
                // A GUID written bare may start with a letter.
                let candidate: String = chars[index..(index + 36).min(chars.len())].iter().collect();
                if crate::validate::is_guid(&candidate) {
                    index += 36;
                    tokens.push(Token::Bare(candidate));
                    continue;
                }
                while index < chars.len() && (chars[index].is_alphanumeric() || "_.@$".contains(chars[index])) {
                    index += 1;
                }
                tokens.push(Token::Word(chars[start..index].iter().collect()));
            }
            other => return Err(format!("unexpected character '{other}'")),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    position: usize,
    /// How deep the parse is: a hostile filter of thousands of `(` must not exhaust the stack.
    depth: usize,
}

/// The deepest nesting of parentheses, `not` and lambdas a filter may have.
const MAX_DEPTH: usize = 64;

/// Parses a `$filter` expression; the error says what is wrong and where.
pub(crate) fn parse(text: &str) -> Result<Expr, String> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err("the expression is empty".to_owned());
    }
    let mut parser = Parser { tokens, position: 0, depth: 0 };
    let expr = parser.or()?;
    if parser.position < parser.tokens.len() {
        return Err(format!("unexpected {} after a complete expression", parser.describe()));
    }
    Ok(expr)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => "the end of the expression".to_owned(),
            Some(Token::Word(word)) => format!("'{word}'"),
            Some(Token::Bare(bare)) => format!("'{bare}'"),
            Some(Token::Text(text)) => format!("the string '{text}'"),
            Some(token) => format!("'{}'", token_text(token)),
        }
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w == word) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: Token) -> Result<(), String> {
        if self.peek() == Some(&token) {
            self.position += 1;
            Ok(())
        } else {
            Err(format!("expected '{}', found {}", token_text(&token), self.describe()))
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("the expression nests deeper than {MAX_DEPTH} levels"));
        }
        let mut left = self.and()?;
        while self.keyword("or") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.not()?;
        while self.keyword("and") {
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, String> {
        if self.keyword("not") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(format!("the expression nests deeper than {MAX_DEPTH} levels"));
            }
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let left = self.primary()?;
        let op = match self.peek() {
            Some(Token::Word(word)) => match word.as_str() {
                "eq" => CompareOp::Eq,
                "ne" => CompareOp::Ne,
                "gt" => CompareOp::Gt,
                "ge" => CompareOp::Ge,
                "lt" => CompareOp::Lt,
                "le" => CompareOp::Le,
                "has" => CompareOp::Has,
                "in" => {
                    self.position += 1;
                    self.expect(Token::Open)?;
                    let mut items = vec![self.primary()?];
                    while self.peek() == Some(&Token::Comma) {
                        self.position += 1;
                        items.push(self.primary()?);
                    }
                    self.expect(Token::Close)?;
                    return Ok(Expr::In(Box::new(left), items));
                }
                "add" | "sub" | "mul" | "div" | "mod" => {
                    return Err(format!("the arithmetic operator '{word}' is not supported by the stand-in"));
                }
                _ => return Ok(left),
            },
            _ => return Ok(left),
        };
        self.position += 1;
        let right = self.primary()?;
        Ok(Expr::Compare(Box::new(left), op, Box::new(right)))
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Open) => {
                let inner = self.or()?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Some(Token::Text(text)) => Ok(Expr::Literal(Value::String(text))),
            Some(Token::Bare(bare)) => bare_literal(&bare),
            Some(Token::Word(word)) => self.word(word),
            Some(token) => Err(format!("expected a value, found '{}'", token_text(&token))),
            None => Err("the expression ends where a value was expected".to_owned()),
        }
    }

    fn word(&mut self, word: String) -> Result<Expr, String> {
        match word.as_str() {
            "null" => return Ok(Expr::Literal(Value::Null)),
            "true" => return Ok(Expr::Literal(Value::Bool(true))),
            "false" => return Ok(Expr::Literal(Value::Bool(false))),
            _ => {}
        }
        // A typed literal: `microsoft.graph.x'member'`, `duration'P1D'`.
        if let Some(Token::Text(_)) = self.peek() {
            let Some(Token::Text(member)) = self.next() else { unreachable!("peeked") };
            return Ok(match word.as_str() {
                "duration" | "guid" | "binary" => Expr::Literal(Value::String(member)),
                _ => Expr::Enum { ty: word, member },
            });
        }
        if self.peek() == Some(&Token::Open) {
            let Some((function, arity)) = Function::named(&word) else {
                return Err(format!("the function '{word}' is not supported by the stand-in"));
            };
            self.position += 1;
            let mut arguments = Vec::new();
            if self.peek() != Some(&Token::Close) {
                arguments.push(self.or()?);
                while self.peek() == Some(&Token::Comma) {
                    self.position += 1;
                    arguments.push(self.or()?);
                }
            }
            self.expect(Token::Close)?;
            if arguments.len() != arity {
                return Err(format!("'{word}' takes {arity} argument(s), not {}", arguments.len()));
            }
            return Ok(Expr::Call(function, arguments));
        }
        let mut path = vec![word];
        while self.peek() == Some(&Token::Slash) {
            self.position += 1;
            match self.next() {
                Some(Token::Word(segment))
                    if (segment == "any" || segment == "all") && self.peek() == Some(&Token::Open) =>
                {
                    self.position += 1;
                    let every = segment == "all";
                    if self.peek() == Some(&Token::Close) {
                        self.position += 1;
                        if every {
                            return Err("'all()' needs a predicate".to_owned());
                        }
                        return Ok(Expr::Lambda { path, every, variable: String::new(), predicate: None });
                    }
                    let Some(Token::Word(variable)) = self.next() else {
                        return Err(format!("'{segment}(' is followed by a variable name: {segment}(x: x/… eq …)"));
                    };
                    self.expect(Token::Colon)?;
                    let predicate = self.or()?;
                    self.expect(Token::Close)?;
                    return Ok(Expr::Lambda { path, every, variable, predicate: Some(Box::new(predicate)) });
                }
                Some(Token::Word(segment)) => path.push(segment),
                _ => return Err("'/' is followed by a property name".to_owned()),
            }
        }
        Ok(Expr::Path(path))
    }
}

fn token_text(token: &Token) -> String {
    match token {
        Token::Open => "(".to_owned(),
        Token::Close => ")".to_owned(),
        Token::Comma => ",".to_owned(),
        Token::Colon => ":".to_owned(),
        Token::Slash => "/".to_owned(),
        Token::Text(text) => format!("'{text}'"),
        Token::Word(word) | Token::Bare(word) => word.clone(),
    }
}

/// A number, a date-time, a date or a GUID written without quotes. Date-times, dates and
/// GUIDs become strings: stored values are strings, and compare as their kind (see [`compare`]).
fn bare_literal(text: &str) -> Result<Expr, String> {
    if let Ok(integer) = text.parse::<i64>() {
        return Ok(Expr::Literal(Value::from(integer)));
    }
    if let Ok(number) = text.trim_end_matches(['d', 'D', 'm', 'M', 'f', 'F']).parse::<f64>()
        && let Some(number) = serde_json::Number::from_f64(number)
    {
        return Ok(Expr::Literal(Value::Number(number)));
    }
    let is_date = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    if crate::validate::parse_date_time(text).is_some() || is_date || crate::validate::is_guid(text) {
        return Ok(Expr::Literal(Value::String(text.to_owned())));
    }
    Err(format!("'{text}' is not a number, date, date-time or GUID literal"))
}

/// Where the evaluator finds what an item's path names.
pub(crate) trait Scope {
    /// The items of a navigation property of the item being filtered (`assignments`).
    fn navigation(&self, name: &str) -> Option<Vec<Value>>;
}

/// What a lambda variable stands for.
struct Variable<'v> {
    name: &'v str,
    value: &'v Value,
}

/// Whether `item` passes `expr`.
pub(crate) fn matches(expr: &Expr, item: &Item, scope: &dyn Scope) -> bool {
    truth(expr, item, scope, &[])
}

fn truth(expr: &Expr, item: &Item, scope: &dyn Scope, variables: &[Variable<'_>]) -> bool {
    match expr {
        Expr::And(left, right) => truth(left, item, scope, variables) && truth(right, item, scope, variables),
        Expr::Or(left, right) => truth(left, item, scope, variables) || truth(right, item, scope, variables),
        Expr::Not(inner) => !truth(inner, item, scope, variables),
        Expr::Compare(left, op, right) => {
            let left = evaluate(left, item, scope, variables);
            let right = evaluate(right, item, scope, variables);
            match op {
                CompareOp::Eq => equal(&left, &right),
                CompareOp::Ne => !equal(&left, &right),
                CompareOp::Has => has_flag(&left, &right),
                _ => match compare(&left, &right) {
                    None => false,
                    Some(ordering) => match op {
                        CompareOp::Gt => ordering == Ordering::Greater,
                        CompareOp::Ge => ordering != Ordering::Less,
                        CompareOp::Lt => ordering == Ordering::Less,
                        _ => ordering != Ordering::Greater,
                    },
                },
            }
        }
        Expr::In(left, items) => {
            let left = evaluate(left, item, scope, variables);
            items.iter().any(|candidate| equal(&left, &evaluate(candidate, item, scope, variables)))
        }
        Expr::Lambda { path, every, variable, predicate } => {
            let collection = path_value(path, item, scope, variables);
            let Value::Array(elements) = collection.as_ref() else { return false };
            let Some(predicate) = predicate else { return !elements.is_empty() };
            let check = |element: &Value| {
                let mut inner: Vec<Variable<'_>> =
                    variables.iter().map(|variable| Variable { name: variable.name, value: variable.value }).collect();
                inner.push(Variable { name: variable, value: element });
                truth(predicate, item, scope, &inner)
            };
            if *every { elements.iter().all(check) } else { elements.iter().any(check) }
        }
        other => evaluate(other, item, scope, variables).as_ref() == &Value::Bool(true),
    }
}

fn evaluate<'v>(expr: &'v Expr, item: &'v Item, scope: &dyn Scope, variables: &[Variable<'v>]) -> Cow<'v, Value> {
    match expr {
        Expr::Literal(value) => Cow::Borrowed(value),
        Expr::Enum { member, .. } => Cow::Owned(Value::String(member.clone())),
        Expr::Path(path) => path_value(path, item, scope, variables),
        Expr::Call(function, arguments) => {
            let values: Vec<Cow<'_, Value>> =
                arguments.iter().map(|argument| evaluate(argument, item, scope, variables)).collect();
            let text = |index: usize| values[index].as_str().map(str::to_owned);
            let result = match function {
                Function::StartsWith | Function::EndsWith | Function::Contains => match (text(0), text(1)) {
                    (Some(haystack), Some(needle)) => Value::Bool(match function {
                        Function::StartsWith => haystack.starts_with(&needle),
                        Function::EndsWith => haystack.ends_with(&needle),
                        _ => haystack.contains(&needle),
                    }),
                    _ => Value::Bool(false),
                },
                Function::ToLower => text(0).map_or(Value::Null, |text| Value::String(text.to_lowercase())),
                Function::ToUpper => text(0).map_or(Value::Null, |text| Value::String(text.to_uppercase())),
                Function::Trim => text(0).map_or(Value::Null, |text| Value::String(text.trim().to_owned())),
                Function::Length => match values[0].as_ref() {
                    Value::String(text) => Value::from(text.chars().count()),
                    Value::Array(items) => Value::from(items.len()),
                    _ => Value::Null,
                },
                Function::Concat => match (text(0), text(1)) {
                    (Some(left), Some(right)) => Value::String(left + &right),
                    _ => Value::Null,
                },
            };
            Cow::Owned(result)
        }
        boolean => Cow::Owned(Value::Bool(truth(boolean, item, scope, variables))),
    }
}

/// The value a path names: from a lambda variable when its first segment is one, else from
/// the item (a navigation property's items from the store).
fn path_value<'v>(path: &[String], item: &'v Item, scope: &dyn Scope, variables: &[Variable<'v>]) -> Cow<'v, Value> {
    let (mut current, rest): (Cow<'v, Value>, &[String]) =
        match variables.iter().rev().find(|variable| variable.name == path[0]) {
            Some(variable) => (Cow::Borrowed(variable.value), &path[1..]),
            None => match item.get(&path[0]) {
                Some(value) => (Cow::Borrowed(value), &path[1..]),
                None => match scope.navigation(&path[0]) {
                    Some(items) => (Cow::Owned(Value::Array(items)), &path[1..]),
                    None => return Cow::Owned(Value::Null),
                },
            },
        };
    for segment in rest {
        // A cast segment (`microsoft.graph.x/property`) reads on.
        if segment.contains('.') {
            continue;
        }
        current = match current {
            Cow::Borrowed(value) => value.get(segment).map_or(Cow::Owned(Value::Null), Cow::Borrowed),
            Cow::Owned(value) => Cow::Owned(value.get(segment).cloned().unwrap_or(Value::Null)),
        };
    }
    current
}

fn equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        _ => compare(left, right) == Some(Ordering::Equal),
    }
}

/// `flags has microsoft.graph.x'member'`: the member is one of the value's comma-separated members.
fn has_flag(left: &Value, right: &Value) -> bool {
    match (left.as_str(), right.as_str()) {
        (Some(members), Some(wanted)) => members.split(',').any(|member| member.trim() == wanted),
        _ => false,
    }
}

/// How two values order: numbers as numbers, date-times as instants (whatever their offsets
/// and fraction digits), other strings as text, booleans false first; `None` for values of
/// different kinds or `null`.
pub(crate) fn compare(left: &Value, right: &Value) -> Option<Ordering> {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
        },
        (Value::String(a), Value::String(b)) => {
            match (crate::validate::parse_date_time(a), crate::validate::parse_date_time(b)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => Some(a.cmp(b)),
            }
        }
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// The order of `$orderby`: `null` (and a value of another kind) first, then [`compare`].
pub(crate) fn order(left: &Value, right: &Value) -> Ordering {
    match (left.is_null(), right.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => compare(left, right).unwrap_or(Ordering::Equal),
    }
}

/// Reads a path from an item for `$orderby` (no navigation, no variables).
pub(crate) fn read_path<'v>(item: &'v Item, path: &[String]) -> &'v Value {
    static NULL: Value = Value::Null;
    let mut segments = path.iter().filter(|segment| !segment.contains('.'));
    let Some(first) = segments.next() else { return &NULL };
    let mut current = item.get(first).unwrap_or(&NULL);
    for segment in segments {
        current = current.get(segment).unwrap_or(&NULL);
    }
    current
}

/// The lambda variables in scope: each name and the path of the collection it ranges over.
pub(crate) type Variables<'e> = [(&'e str, &'e [String])];

/// What [`visit_paths`] calls with each path and the variables in scope there.
pub(crate) type PathVisitor<'v, 'e> = dyn FnMut(&'e [String], &Variables<'e>) -> Result<(), String> + 'v;

/// Every path an expression reads, with the lambda variables in scope where it is read.
pub(crate) fn visit_paths<'e>(
    expr: &'e Expr,
    variables: &mut Vec<(&'e str, &'e [String])>,
    visit: &mut PathVisitor<'_, 'e>,
) -> Result<(), String> {
    match expr {
        Expr::Literal(_) | Expr::Enum { .. } => Ok(()),
        Expr::Path(path) => visit(path, variables),
        Expr::Compare(left, _, right) | Expr::And(left, right) | Expr::Or(left, right) => {
            visit_paths(left, variables, visit)?;
            visit_paths(right, variables, visit)
        }
        Expr::In(left, items) => {
            visit_paths(left, variables, visit)?;
            items.iter().try_for_each(|item| visit_paths(item, variables, visit))
        }
        Expr::Not(inner) => visit_paths(inner, variables, visit),
        Expr::Call(_, arguments) => arguments.iter().try_for_each(|argument| visit_paths(argument, variables, visit)),
        Expr::Lambda { path, variable, predicate, .. } => {
            visit(path, variables)?;
            if let Some(predicate) = predicate {
                variables.push((variable, path));
                let result = visit_paths(predicate, variables, visit);
                variables.pop();
                result?;
            }
            Ok(())
        }
    }
}

/// Every enum literal of an expression.
pub(crate) fn enum_literals(expr: &Expr, found: &mut Vec<(String, String)>) {
    match expr {
        Expr::Enum { ty, member } => found.push((ty.clone(), member.clone())),
        Expr::Compare(left, _, right) | Expr::And(left, right) | Expr::Or(left, right) => {
            enum_literals(left, found);
            enum_literals(right, found);
        }
        Expr::In(left, items) => {
            enum_literals(left, found);
            items.iter().for_each(|item| enum_literals(item, found));
        }
        Expr::Not(inner) => enum_literals(inner, found),
        Expr::Call(_, arguments) => arguments.iter().for_each(|argument| enum_literals(argument, found)),
        Expr::Lambda { predicate: Some(predicate), .. } => enum_literals(predicate, found),
        Expr::Lambda { .. } | Expr::Literal(_) | Expr::Path(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Navigation(Vec<Value>);

    impl Scope for Navigation {
        fn navigation(&self, name: &str) -> Option<Vec<Value>> {
            (name == "assignments").then(|| self.0.clone())
        }
    }

    fn check(filter: &str, item: &Value) -> bool {
        let Value::Object(item) = item else { panic!("an object") };
        let expr = parse(filter).unwrap_or_else(|error| panic!("{filter}: {error}"));
        let assignments = vec![json!({"target": {"groupId": "g1"}}), json!({"target": {"groupId": "g2"}})];
        matches(&expr, item, &Navigation(assignments))
    }

    #[test]
    fn comparisons_logic_and_functions() {
        let item = json!({
            "displayName": "Lab 'A'", "version": 3, "ratio": 0.5, "enabled": true, "state": "active",
            "flags": "a,c", "tags": ["0", "7"], "lastModifiedDateTime": "2024-06-01T10:00:00.1234567+02:00",
            "settings": {"mode": "on"}, "missing": null
        });
        for (filter, expected) in [
            ("displayName eq 'Lab ''A'''", true),
            ("displayName ne 'Lab ''A'''", false),
            ("version gt 2 and version le 3", true),
            ("version lt 3 or ratio ge 0.5", true),
            ("not (enabled eq true)", false),
            ("missing eq null and displayName ne null", true),
            ("missing gt 1", false),
            ("state eq microsoft.graph.ndesConnectorState'active'", true),
            ("state in ('none', 'active')", true),
            ("version in (1, 2)", false),
            ("flags has microsoft.graph.x'c'", true),
            ("flags has microsoft.graph.x'b'", false),
            ("startswith(displayName,'Lab') and endswith(displayName, '''A''') and contains(displayName,' ')", true),
            ("tolower(displayName) eq 'lab ''a'''", true),
            ("length(displayName) eq 7", true),
            ("lastModifiedDateTime gt 2024-06-01T07:59:59Z", true),
            ("lastModifiedDateTime lt 2024-06-01T08:00:00.1234567Z", false),
            ("settings/mode eq 'on'", true),
            ("tags/any(t: t eq '7')", true),
            ("tags/all(t: t eq '7')", false),
            ("tags/any()", true),
            ("assignments/any(a: a/target/groupId eq 'g2')", true),
            ("assignments/any(a: a/target/groupId eq 'g3')", false),
            ("(version eq 1 or version eq 3) and enabled", true),
        ] {
            assert_eq!(check(filter, &item), expected, "{filter}");
        }
    }

    #[test]
    fn malformed_filters_say_what_is_wrong() {
        for (filter, message) in [
            ("displayName eq", "the expression ends where a value was expected"),
            ("displayName eq 'open", "not closed"),
            ("(version eq 1", "expected ')'"),
            ("version eq 1 version", "unexpected 'version'"),
            ("substringof('a', displayName)", "the function 'substringof' is not supported"),
            ("version add 1 eq 2", "arithmetic operator 'add'"),
            ("startswith(displayName)", "takes 2 argument(s), not 1"),
            ("tags/any(eq)", "expected ':'"),
            ("version eq 12x", "not a number"),
            ("a eq #", "unexpected character '#'"),
            ("", "empty"),
            (&("(".repeat(5000) + "a eq 1" + &")".repeat(5000)), "deeper than 64"),
            (&"not ".repeat(5000), "deeper than 64"),
        ] {
            let error = parse(filter).unwrap_err();
            assert!(error.contains(message), "{filter}: {error}");
        }
    }

    #[test]
    fn orderby_puts_null_first_and_compares_date_times_as_instants() {
        assert_eq!(order(&Value::Null, &json!("a")), Ordering::Less);
        assert_eq!(order(&json!(10), &json!(9)), Ordering::Greater);
        assert_eq!(order(&json!("2024-01-01T01:00:00+02:00"), &json!("2024-01-01T00:00:00Z")), Ordering::Less);
    }
}
