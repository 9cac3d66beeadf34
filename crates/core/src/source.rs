//! JSON text with source positions: every node keeps its byte range, so errors in a schema or a datum can
//! name line:column as well as a JSON pointer. Numbers keep their source text, so 64-bit values stay exact.

use std::fmt;

/// The deepest JSON nesting accepted (arrays and objects), so hostile input cannot exhaust the stack.
pub const MAX_JSON_DEPTH: usize = 256;

/// A byte range `[start, end)` in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A JSON value with the byte range it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// Where the value stands in the text.
    pub range: TextRange,
    /// The value itself.
    pub value: JsonValue,
}

/// The JSON value kinds. Objects keep their members in source order, duplicates included.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as its exact source text.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: members in source order.
    Object(Vec<Member>),
}

/// One member of a JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key stands.
    pub key_range: TextRange,
    /// The member's value.
    pub value: Json,
}

/// A line and column, both 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl fmt::Display for LineColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A JSON syntax error: where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Where the error was found.
    pub range: TextRange,
    /// What was wrong, in words.
    pub message: String,
}

impl Json {
    /// The name of this value's JSON kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "an array",
            JsonValue::Object(_) => "an object",
        }
    }

    /// The member named `key` when this is an object (the first one if the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Member> {
        match &self.value {
            JsonValue::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The string value, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for Json {
    /// Compact JSON text: numbers as written, strings escaped, members in source order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_json(&mut out, self);
        f.write_str(&out)
    }
}

fn write_json(out: &mut String, json: &Json) {
    match &json.value {
        JsonValue::Null => out.push_str("null"),
        JsonValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsonValue::Number(text) => out.push_str(text),
        JsonValue::String(s) => write_json_string(out, s),
        JsonValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        JsonValue::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(out, &m.key);
                out.push(':');
                write_json(out, &m.value);
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal: quotes, backslash and control characters escaped, everything
/// else kept as UTF-8.
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        write_json_char(out, c);
    }
    out.push('"');
}

/// Appends one character as JSON string content, escaped where JSON requires it.
pub fn write_json_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push(c),
    }
}

/// Parses strict JSON (RFC 8259: no comments, no trailing commas) keeping source ranges.
pub fn parse_json(text: &str) -> Result<Json, SyntaxError> {
    use jsonc_parser::{CollectOptions, ParseOptions};
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    if text.trim().is_empty() {
        return Err(SyntaxError {
            range: TextRange { start: 0, end: 0 },
            message: "the text is empty: expected a JSON value".into(),
        });
    }
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options).map_err(|e| {
            let r = e.range();
            SyntaxError {
                range: TextRange {
                    start: r.start,
                    end: r.end,
                },
                message: format!("JSON syntax: {}", e.kind()),
            }
        })?;
    let value = parsed.value.ok_or_else(|| SyntaxError {
        range: TextRange { start: 0, end: 0 },
        message: "the text holds no JSON value".into(),
    })?;
    convert(&value, 0)
}

fn range_of(r: jsonc_parser::common::Range) -> TextRange {
    TextRange {
        start: r.start,
        end: r.end,
    }
}

fn convert(v: &jsonc_parser::ast::Value<'_>, depth: usize) -> Result<Json, SyntaxError> {
    use jsonc_parser::ast::Value as V;
    let (range, value) = match v {
        V::NullKeyword(n) => (n.range, JsonValue::Null),
        V::BooleanLit(b) => (b.range, JsonValue::Bool(b.value)),
        V::NumberLit(n) => (n.range, JsonValue::Number(n.value.to_string())),
        V::StringLit(s) => (s.range, JsonValue::String(s.value.to_string())),
        V::Array(a) => {
            check_depth(a.range, depth)?;
            let items = a
                .elements
                .iter()
                .map(|e| convert(e, depth + 1))
                .collect::<Result<_, _>>()?;
            (a.range, JsonValue::Array(items))
        }
        V::Object(o) => {
            check_depth(o.range, depth)?;
            let mut members = Vec::with_capacity(o.properties.len());
            for p in &o.properties {
                let key_range = match &p.name {
                    jsonc_parser::ast::ObjectPropName::String(s) => s.range,
                    jsonc_parser::ast::ObjectPropName::Word(w) => w.range,
                };
                members.push(Member {
                    key: p.name.as_str().to_string(),
                    key_range: range_of(key_range),
                    value: convert(&p.value, depth + 1)?,
                });
            }
            (o.range, JsonValue::Object(members))
        }
    };
    Ok(Json {
        range: range_of(range),
        value,
    })
}

fn check_depth(range: jsonc_parser::common::Range, depth: usize) -> Result<(), SyntaxError> {
    if depth >= MAX_JSON_DEPTH {
        return Err(SyntaxError {
            range: range_of(range),
            message: format!("JSON nested deeper than {MAX_JSON_DEPTH} levels"),
        });
    }
    Ok(())
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> LineColumn {
    let offset = offset.min(text.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in text.bytes().enumerate().take(offset) {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = text
        .get(line_start..offset)
        .map(|s| s.chars().count())
        .unwrap_or(offset - line_start)
        + 1;
    LineColumn { line, column }
}

/// A JSON pointer (RFC 6901) being built while walking a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (`""`, shown as `/`).
    pub const fn root() -> Self {
        Pointer(String::new())
    }

    /// This pointer extended by one reference token, escaped per RFC 6901.
    pub fn push(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, token))
    }

    /// The pointer as text; the root is `/` so that it can be shown.
    pub fn as_str(&self) -> &str {
        if self.0.is_empty() {
            "/"
        } else {
            &self.0
        }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "{\n  \"é\": x}";
        assert_eq!(line_column(text, 9), LineColumn { line: 2, column: 7 });
    }

    #[test]
    fn strict_json_rejects_trailing_comma_with_position() {
        let err = parse_json("[1,\n 2,]").unwrap_err();
        assert_eq!(line_column("[1,\n 2,]", err.range.start).line, 2);
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        let j = parse_json("9223372036854775807").unwrap();
        assert_eq!(j.value, JsonValue::Number("9223372036854775807".into()));
    }

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        assert_eq!(Pointer::root().push("a/b~c").as_str(), "/a~1b~0c");
        assert_eq!(Pointer::root().as_str(), "/");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_json(&text).is_err());
    }
}
