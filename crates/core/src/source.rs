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

    /// Whether two JSON texts mean the same value: numbers by value (`1.0` is `1`), object members in any
    /// order, a key written twice by its last value (as Java's parser reads it).
    pub fn same_value(&self, other: &Json) -> bool {
        same_value(self, other, 0)
    }

    /// The node a JSON pointer (RFC 6901) addresses, `/` or `` being this node.
    pub fn at(&self, pointer: &str) -> Option<&Json> {
        let mut node = self;
        for token in pointer.split('/').skip(1).filter(|t| !t.is_empty()) {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                JsonValue::Object(_) => &node.get(&token)?.value,
                JsonValue::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The JSON pointers of the values that hold text offset `offset`, from this whole node (`/`) down to
    /// the innermost value; an object member's key counts as part of its value. Empty when the offset is
    /// outside this node.
    pub fn pointers_at(&self, offset: usize) -> Vec<String> {
        let mut chain = Vec::new();
        if !(self.range.start..self.range.end).contains(&offset) {
            return chain;
        }
        chain.push("/".to_string());
        let mut node = self;
        let mut pointer = String::new();
        loop {
            let child = match &node.value {
                JsonValue::Object(members) => members
                    .iter()
                    .find(|m| m.key_range.start <= offset && offset < m.value.range.end)
                    .map(|m| (m.key.replace('~', "~0").replace('/', "~1"), &m.value)),
                JsonValue::Array(items) => items
                    .iter()
                    .position(|i| (i.range.start..i.range.end).contains(&offset))
                    .map(|i| (i.to_string(), &items[i])),
                _ => None,
            };
            let Some((token, child)) = child else {
                return chain;
            };
            pointer.push('/');
            pointer.push_str(&token);
            chain.push(pointer.clone());
            node = child;
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

/// `s` as a JSON string literal, as [`write_json_string`] writes it.
pub fn json_string(s: &str) -> String {
    let mut out = String::new();
    write_json_string(&mut out, s);
    out
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

fn same_value(a: &Json, b: &Json, depth: usize) -> bool {
    if depth > MAX_JSON_DEPTH {
        return false;
    }
    match (&a.value, &b.value) {
        (JsonValue::Null, JsonValue::Null) => true,
        (JsonValue::Bool(x), JsonValue::Bool(y)) => x == y,
        (JsonValue::String(x), JsonValue::String(y)) => x == y,
        (JsonValue::Number(x), JsonValue::Number(y)) => same_number(x, y),
        (JsonValue::Array(xs), JsonValue::Array(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_value(x, y, depth + 1))
        }
        // A key written twice means its last value, as Java's parser (Jackson) reads it.
        (JsonValue::Object(xs), JsonValue::Object(ys)) => {
            let (xs, ys) = (by_last_key(xs), by_last_key(ys));
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(key, x)| ys.get(key).is_some_and(|y| same_value(x, y, depth + 1)))
        }
        _ => false,
    }
}

/// An object's members by key, a key written twice by its last value.
fn by_last_key(members: &[Member]) -> std::collections::HashMap<&str, &Json> {
    members.iter().map(|m| (m.key.as_str(), &m.value)).collect()
}

fn same_number(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    match (x.parse::<i128>(), y.parse::<i128>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        },
    }
}

/// Parses strict JSON (RFC 8259: no comments, no trailing commas) keeping source ranges.
pub fn parse_json(text: &str) -> Result<Json, SyntaxError> {
    #[cfg(feature = "parse-count")]
    crate::parse_count::count(&crate::parse_count::JSON_TEXTS);
    if text.trim().is_empty() {
        return Err(SyntaxError {
            range: TextRange { start: 0, end: 0 },
            message: "the text is empty: expected a JSON value".into(),
        });
    }
    let mut p = JsonParser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.skip_whitespace();
    if p.pos < p.bytes.len() {
        return Err(p.error(p.pos, "unexpected text after the JSON value".into()));
    }
    Ok(value)
}

/// A recursive-descent reader of RFC 8259 JSON that records where each value stands.
struct JsonParser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn error(&self, at: usize, what: String) -> SyntaxError {
        let end = (at + 1).min(self.bytes.len()).max(at);
        SyntaxError {
            range: TextRange { start: at, end },
            message: format!("JSON syntax: {what}"),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// What stands at `at`, for messages.
    fn found(&self, at: usize) -> String {
        match self.text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => format!("`{c}`"),
            None => "the end of the text".into(),
        }
    }

    fn value(&mut self) -> Result<Json, SyntaxError> {
        self.skip_whitespace();
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", JsonValue::Bool(true))?,
            Some(b'f') => self.literal("false", JsonValue::Bool(false))?,
            Some(b'n') => self.literal("null", JsonValue::Null)?,
            _ => {
                return Err(self.error(
                    start,
                    format!("expected a value, found {}", self.found(start)),
                ))
            }
        };
        Ok(Json {
            range: TextRange {
                start,
                end: self.pos,
            },
            value,
        })
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(
                self.pos,
                format!("expected `{word}`, found {}", self.found(self.pos)),
            ))
        }
    }

    fn nest(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_JSON_DEPTH {
            return Err(self.error(
                self.pos,
                format!("JSON nested deeper than {MAX_JSON_DEPTH} levels"),
            ));
        }
        self.pos += 1;
        Ok(())
    }

    /// After an item: `,` (not before the closing bracket) or the closing bracket. A missing comma is
    /// reported right after the item, where it belongs.
    fn separator(&mut self, close: u8) -> Result<bool, SyntaxError> {
        let after_item = self.pos;
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    return Err(self.error(
                        comma,
                        format!(
                            "Trailing comma before `{}` (JSON allows none)",
                            close as char
                        ),
                    ));
                }
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.error(
                after_item,
                format!(
                    "expected `,` or `{}` here, found {}",
                    close as char,
                    self.found(self.pos)
                ),
            )),
        }
    }

    fn array(&mut self) -> Result<JsonValue, SyntaxError> {
        self.nest()?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                items.push(self.value()?);
                if !self.separator(b']')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(JsonValue::Array(items))
    }

    fn object(&mut self) -> Result<JsonValue, SyntaxError> {
        self.nest()?;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_whitespace();
                let key_start = self.pos;
                if self.peek() != Some(b'"') {
                    return Err(self.error(
                        key_start,
                        format!(
                            "expected a member name in quotes, found {}",
                            self.found(key_start)
                        ),
                    ));
                }
                let key = self.string()?;
                let key_range = TextRange {
                    start: key_start,
                    end: self.pos,
                };
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.error(
                        self.pos,
                        format!(
                            "expected `:` after the member name, found {}",
                            self.found(self.pos)
                        ),
                    ));
                }
                self.pos += 1;
                let value = self.value()?;
                members.push(Member {
                    key,
                    key_range,
                    value,
                });
                if !self.separator(b'}')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(JsonValue::Object(members))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = digits
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error(self.pos, "`\\u` needs four hex digits".into()))?;
        self.pos += 4;
        Ok(value)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high)
                                && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                            {
                                self.pos += 2;
                                let low = self.hex4()?;
                                0x10000
                                    + ((high - 0xD800) << 10)
                                    + (low.wrapping_sub(0xDC00) & 0x3FF)
                            } else {
                                high
                            };
                            out.push(char::from_u32(code).ok_or_else(|| {
                                self.error(
                                    escape,
                                    "an unpaired surrogate is not a character".into(),
                                )
                            })?);
                            continue;
                        }
                        _ => {
                            return Err(self.error(
                                escape,
                                format!(
                                    "unknown escape `\\{}`",
                                    self.found(self.pos).trim_matches('`')
                                ),
                            ))
                        }
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error(
                        self.pos,
                        "a control character must be escaped in a string".into(),
                    ))
                }
                None => return Err(self.error(open, "this string is never closed".into())),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<JsonValue, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => {
                return Err(self.error(
                    self.pos,
                    format!("expected a digit, found {}", self.found(self.pos)),
                ))
            }
            n if n > 1 && self.bytes.get(int_start) == Some(&b'0') => {
                return Err(self.error(
                    int_start,
                    "a number may not start with 0 (leading zeros)".into(),
                ))
            }
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error(self.pos, "expected digits after `.`".into()));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error(self.pos, "expected digits in the exponent".into()));
            }
        }
        Ok(JsonValue::Number(
            self.text
                .get(start..self.pos)
                .unwrap_or_default()
                .to_string(),
        ))
    }
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
    fn a_key_written_twice_means_its_last_value_as_java_reads_it() {
        let same = |a: &str, b: &str| parse_json(a).unwrap().same_value(&parse_json(b).unwrap());
        assert!(same(r#"{"y":1,"y":2}"#, r#"{"y":1,"y":2}"#));
        assert!(same(r#"{"y":1,"y":2}"#, r#"{"y":2}"#));
        assert!(!same(r#"{"y":1,"y":2}"#, r#"{"y":1}"#));
        assert!(same(
            r#"{"a":{"y":1,"y":2},"b":0}"#,
            r#"{"b":0,"a":{"y":2}}"#
        ));
    }

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

    fn syntax(text: &str) -> (usize, String) {
        let e = parse_json(text).expect_err("rejected");
        (e.range.start, e.message)
    }

    #[test]
    fn strict_json_rejects_what_rfc_8259_rejects() {
        for bad in [
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "'a'",
            "{a:1}",
            "[1 2]",
            "{\"a\":1,}",
            "nul",
            "\"a",
            "\"\\x\"",
            "[1] x",
            "NaN",
            "//c\n1",
        ] {
            assert!(parse_json(bad).is_err(), "{bad} must be rejected");
        }
        for good in [
            "0",
            "-0.5e+10",
            "1E3",
            "[]",
            "{}",
            "\"\\u00e9\\n\"",
            " [ 1 , {\"a\" : null} ] ",
        ] {
            assert!(parse_json(good).is_ok(), "{good} must be accepted");
        }
    }

    #[test]
    fn escapes_and_surrogate_pairs_decode() {
        let j = parse_json(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(j.as_str(), Some("a\"\\/\u{8}\u{c}\n\r\té😀"));
        assert!(parse_json(r#""\ud800""#).is_err(), "an unpaired surrogate");
    }

    #[test]
    fn a_missing_comma_is_reported_after_the_item() {
        let (at, message) = syntax("[1 2]");
        assert_eq!(at, 2);
        assert!(message.contains("expected `,` or `]`"), "{message}");
    }

    #[test]
    fn control_characters_in_strings_are_rejected_where_they_stand() {
        assert_eq!(syntax("\"a\u{1}\"").0, 2);
    }

    #[test]
    fn ranges_cover_each_value() {
        let j = parse_json(r#"{"k": [true, -1.5]}"#).unwrap();
        let m = j.get("k").unwrap();
        assert_eq!(
            (
                m.key_range.start,
                m.key_range.end,
                m.value.range.start,
                m.value.range.end
            ),
            (1, 4, 6, 18)
        );
    }

    #[test]
    fn pointers_address_nodes() {
        let j = parse_json(r#"{"fields":[{"name":"a","type":"int"}],"a/b":1}"#).unwrap();
        assert_eq!(j.at("/fields/0/type").and_then(Json::as_str), Some("int"));
        assert_eq!(j.at("/a~1b").map(|n| n.range.start), Some(44));
        assert!(j.at("/fields/9").is_none());
        assert_eq!(j.at("/").map(|n| n.range.start), Some(0));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_json(&text).is_err());
    }
}
