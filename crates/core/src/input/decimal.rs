//! Decimal byte arrays, as code and logs print them: Java's `Arrays.toString(bytes)` (signed, −128…127),
//! Python's `list(b)`, JavaScript's `Array.from(u8)` and `JSON.stringify` (unsigned, 0…255), a console's
//! `Uint8Array(9) [0, 0, …]` (Node spreads it over lines), Go's `[0 0 42]`; and the literals that build them:
//! `new byte[]{…}`, `[]byte{…}`, `byteArrayOf(…)`, `bytes([…])`, `bytearray([…])`, `Buffer.from([…])`,
//! `new Uint8Array([…])`, `vec![…]`. Values are separated by commas, spaces or line breaks; in a literal
//! they may be `0x` hex too.
//!
//! A list is read signed when it holds a negative value, unsigned when it holds one above 127, and the two
//! readings agree when every value is 0…127; a list that holds both kinds is an error.

use super::{quote, Fail};

/// How the values were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// −128…127, as Java prints a `byte[]`: −1 is 0xFF.
    Signed,
    /// 0…255, as Python, JavaScript and Go print bytes.
    Unsigned,
    /// Every value is 0…127 (or `0x` hex): both readings give the same bytes.
    Either,
}

/// A byte array read.
#[derive(Debug)]
pub(super) struct ByteArray {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The reading taken.
    pub reading: Reading,
    /// The type or call in front of the list as written (`Uint8Array(9)`, `new byte[]`), if any.
    pub prefix: Option<String>,
    /// The first negative value, for the note (`-56` is 0xC8).
    pub first_negative: Option<i64>,
}

/// The list's parts: what stands in front of it, its count (`Uint8Array(9)`), and the values' text.
struct Shape<'a> {
    prefix: &'a str,
    prefix_at: usize,
    count: Option<usize>,
    /// Whether brackets open (and close) the list.
    bracketed: bool,
    body: &'a str,
    body_at: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$'
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '!')
}

fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        _ => ')',
    }
}

/// Splits `text` into its prefix (identifiers, `new`, `[]`, `=`, a `(count)`), the brackets that open the
/// list, and the list itself up to the brackets that close it. Without brackets the whole text is the list.
fn shape(text: &str) -> Result<Shape<'_>, Fail> {
    let b = text.as_bytes();
    let lead = text.len() - text.trim_start().len();
    let mut i = lead;
    let mut count = None;
    let mut prefix_end = lead;
    while let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
        if is_ident_start(c) {
            i += text
                .get(i..)
                .map_or(0, |r| r.find(|c: char| !is_ident(c)).unwrap_or(r.len()));
            // `Uint8Array(9) [`: a count in parentheses, then the list's bracket.
            let digits = b
                .get(i + 1..)
                .map_or(0, |r| r.iter().take_while(|d| d.is_ascii_digit()).count());
            if b.get(i) == Some(&b'(') && digits > 0 && b.get(i + 1 + digits) == Some(&b')') {
                let after = text.get(i + 2 + digits..).unwrap_or_default();
                if after.trim_start().starts_with(['[', '{']) {
                    count = text.get(i + 1..i + 1 + digits).and_then(|d| d.parse().ok());
                    i += 2 + digits;
                }
            }
            prefix_end = i;
        } else if c == '['
            && b.get(i + 1) == Some(&b']')
            && ((i == prefix_end && prefix_end > lead)
                || text
                    .get(i + 2..)
                    .is_some_and(|r| r.starts_with(is_ident_start)))
        {
            // `byte[]`, Go's `[]byte`; a lone `[]` is an empty list.
            i += 2;
            prefix_end = i;
        } else if c == '=' {
            i += 1;
            prefix_end = i;
        } else if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    let prefix = text.get(lead..prefix_end).unwrap_or_default().trim_end();
    let mut opens = String::new();
    let open_at = i;
    while let Some(&o) = b.get(i).filter(|o| matches!(o, b'[' | b'{' | b'(')) {
        opens.push(char::from(o));
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
    }
    if opens.is_empty() {
        if !prefix.is_empty() {
            return Err(Fail::new(
                lead,
                quote(prefix),
                "is not a number, and no `[`, `{` or `(` opens a list after it",
            ));
        }
        return Ok(Shape {
            prefix,
            prefix_at: lead,
            count,
            bracketed: false,
            body: text,
            body_at: 0,
        });
    }
    // The list ends with the closing brackets in reverse order, then maybe `;`.
    let mut end = text.trim_end().len();
    if b.get(end.wrapping_sub(1)) == Some(&b';') {
        end -= 1;
    }
    for open in opens.chars() {
        end = text.get(..end).map_or(0, |t| t.trim_end().len());
        if end > i && b.get(end - 1) == Some(&(closing(open) as u8)) {
            end -= 1;
        } else {
            return Err(Fail::new(
                open_at,
                quote(&opens),
                format!(
                    "is never closed: the list must end with `{}`",
                    opens.chars().rev().map(closing).collect::<String>()
                ),
            ));
        }
    }
    Ok(Shape {
        prefix,
        prefix_at: lead,
        count,
        bracketed: true,
        body: text.get(i..end).unwrap_or_default(),
        body_at: i,
    })
}

/// One value of the list as written.
#[derive(Clone, Copy)]
enum Token<'a> {
    Decimal(&'a str),
    Hex(&'a str),
    /// `…` or `...`: a console cut the list short.
    Cut(&'a str),
    Other(&'a str),
}

/// The tokens of a list body with their offsets in it.
fn tokens(body: &str) -> impl Iterator<Item = (usize, Token<'_>)> {
    let mut at = 0;
    body.split(|c: char| c == ',' || c.is_whitespace())
        .map(move |piece| {
            let start = at;
            at += piece.len() + 1;
            (start, piece)
        })
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(start, piece)| {
            let digits = piece.strip_prefix('-').unwrap_or(piece);
            let hex = piece
                .strip_prefix("0x")
                .or_else(|| piece.strip_prefix("0X"));
            let token = if !digits.is_empty() && digits.bytes().all(|d| d.is_ascii_digit()) {
                Token::Decimal(piece)
            } else if hex.is_some_and(|h| !h.is_empty() && h.bytes().all(|d| d.is_ascii_hexdigit()))
            {
                Token::Hex(piece)
            } else if piece.starts_with('…') || piece.starts_with("...") {
                Token::Cut(piece)
            } else {
                Token::Other(piece)
            };
            (start, token)
        })
}

/// The tokens up to a console's cut (`...` then Node's `20 more items` are not values, and need not be).
fn tokens_to_cut(body: &str) -> impl Iterator<Item = (usize, Token<'_>)> {
    tokens(body).scan(false, |cut, (at, token)| {
        if *cut {
            return None;
        }
        *cut = matches!(token, Token::Cut(_));
        Some((at, token))
    })
}

/// Whether `text` is a bracketed list of decimal numbers as printers write them (no leading zeros, no hex):
/// such a list is never hex (`[10, 11]` is two bytes 0x0A 0x0B), so this is tried before hex.
pub(super) fn looks_like(text: &str) -> bool {
    let Ok(shape) = shape(text) else {
        return false;
    };
    let mut any = false;
    shape.bracketed
        && tokens_to_cut(shape.body).all(|(_, t)| {
            any = true;
            match t {
                Token::Decimal(d) => {
                    let digits = d.strip_prefix('-').unwrap_or(d);
                    digits == "0" || !digits.starts_with('0')
                }
                Token::Cut(_) => true,
                Token::Hex(_) | Token::Other(_) => false,
            }
        })
        && (any || !shape.prefix.is_empty())
}

/// Whether `text`, which hex could not read, is a byte list all the same: a literal with a type in front
/// (`[]byte{0x0, 0x2a}`, `Uint8Array(3) […]`), or values with commas or signs and no brackets (`0, 0, 42`).
pub(super) fn looks_like_list(text: &str) -> bool {
    let Ok(shape) = shape(text) else {
        // A list never closed is still one when its values are.
        let unbracketed = text.replace(['[', ']', '{', '}', '(', ')', ';'], " ");
        return starts_with_array_type(text)
            || (text.trim_start().starts_with(['[', '{', '(']) && all_values(&unbracketed));
    };
    all_values(shape.body) && (shape.bracketed || shape.body.contains([',', '-']))
}

/// Whether `body` holds at least one value and nothing but values (or a console's cut).
fn all_values(body: &str) -> bool {
    let mut any = false;
    tokens_to_cut(body).all(|(_, t)| {
        any = true;
        !matches!(t, Token::Other(_))
    }) && any
}

/// Whether `text` is one bracketed list (maybe over several lines, as Node prints a `Uint8Array`), not
/// several lists one a line: then it is one message, whatever its values.
pub(super) fn is_one_list(text: &str) -> bool {
    shape(text).is_ok_and(|s| s.bracketed && !s.body.contains(['[', ']', '{', '}', '(', ')']))
}

/// Whether `text` starts with a type that names a byte array (its list is then broken: the error says how).
fn starts_with_array_type(text: &str) -> bool {
    let t = text.trim_start();
    [
        "Uint8Array(",
        "Int8Array(",
        "Uint8ClampedArray(",
        "new byte[]",
        "[]byte{",
        "byteArrayOf(",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// The range a type in front of the list allows, when it says: `Uint8Array` holds 0…255, `Int8Array` and
/// Kotlin's `byteArrayOf` −128…127.
fn implied(prefix: &str) -> Option<Reading> {
    let name = prefix.trim_start_matches("new ").trim();
    let unsigned = ["Uint8", "Buffer", "[]byte"]
        .iter()
        .any(|t| name.contains(t))
        || matches!(name, "bytes" | "bytearray");
    if unsigned {
        Some(Reading::Unsigned)
    } else if name.contains("Int8Array") || name.starts_with("byteArrayOf") {
        Some(Reading::Signed)
    } else {
        None
    }
}

const RANGES: &str =
    "a byte is 0…255 unsigned (Python, JavaScript, Go) or −128…127 signed (Java's byte[])";

/// Reads a byte array.
pub(super) fn read(text: &str) -> Result<ByteArray, Fail> {
    let shape = shape(text)?;
    let prefix_type = (!shape.prefix.is_empty()).then_some(shape.prefix);
    let limit = prefix_type.and_then(implied);
    let mut bytes = Vec::with_capacity(shape.body.len() / 3);
    // The first value that fixed the reading: (index, text, signed?).
    let mut decided: Option<(usize, &str, Reading)> = None;
    let mut first_negative = None;
    for (index, (offset, token)) in tokens(shape.body).enumerate() {
        let at = shape.body_at + offset;
        let value = match token {
            Token::Decimal(d) => {
                let value: i64 = d.parse().unwrap_or(i64::MAX);
                if value > 255 {
                    return Err(Fail::new(at, quote(d), format!("is over 255: {RANGES}")));
                }
                if value < -128 {
                    return Err(Fail::new(at, quote(d), format!("is below −128: {RANGES}")));
                }
                let kind = if value < 0 {
                    first_negative.get_or_insert(value);
                    Some(Reading::Signed)
                } else if value > 127 {
                    Some(Reading::Unsigned)
                } else {
                    None
                };
                if let (Some(kind), Some(prefix), Some(allowed)) = (kind, prefix_type, limit) {
                    if kind != allowed {
                        let holds = match allowed {
                            Reading::Unsigned => "0…255",
                            _ => "−128…127",
                        };
                        let what = if value < 0 { "is negative" } else { "is over 127" };
                        return Err(Fail::new(at, quote(d), format!("{what}, but `{prefix}` holds {holds}")));
                    }
                }
                match (kind, decided) {
                    (Some(kind), Some((first, first_text, decided_kind))) if kind != decided_kind => {
                        let (this, that) = match kind {
                            Reading::Signed => ("is negative", "is over 127"),
                            _ => ("is over 127", "is negative"),
                        };
                        return Err(Fail::new(
                            at,
                            quote(d),
                            format!(
                                "{this} while value {} (`{first_text}`) {that}: a list is either signed (−128…127, as Java prints byte[]) or unsigned (0…255, as Python and JavaScript print bytes), not both",
                                first + 1
                            ),
                        ));
                    }
                    (Some(kind), None) => decided = Some((index, d, kind)),
                    _ => {}
                }
                value.rem_euclid(256)
            }
            Token::Hex(h) => {
                let digits = h.get(2..).unwrap_or_default().trim_start_matches('0');
                match i64::from_str_radix(if digits.is_empty() { "0" } else { digits }, 16) {
                    Ok(v) if v <= 0xff && digits.len() <= 2 => v,
                    _ => return Err(Fail::new(at, quote(h), "is over 0xFF: a byte is 0x00…0xFF")),
                }
            }
            Token::Cut(c) => {
                return Err(Fail::new(
                    at,
                    quote(c),
                    "means the list was cut short (consoles shorten long arrays): copy the whole array, e.g. `copy(Array.from(bytes))` in a browser's console or `console.log(JSON.stringify(Array.from(bytes)))` in Node",
                ))
            }
            Token::Other(o) => {
                return Err(Fail::new(
                    at,
                    quote(o),
                    "is not a number: a byte array holds decimal values (or 0x hex)",
                ))
            }
        };
        bytes.push(u8::try_from(value).unwrap_or(0));
    }
    if let Some(count) = shape.count {
        if count != bytes.len() {
            return Err(Fail::new(
                shape.prefix_at,
                quote(shape.prefix),
                format!(
                    "announces {count} values but the list holds {}: part of it is missing",
                    bytes.len()
                ),
            ));
        }
    }
    Ok(ByteArray {
        bytes,
        reading: decided.map_or(Reading::Either, |(_, _, kind)| kind),
        prefix: prefix_type.map(str::to_string),
        first_negative,
    })
}

/// The note's account of the reading.
pub(super) fn describe(array: &ByteArray) -> String {
    let inside = array
        .prefix
        .as_ref()
        .map(|p| format!(" (after `{p}`)"))
        .unwrap_or_default();
    let reading = match array.reading {
        Reading::Signed => {
            let example = array.first_negative.map_or(String::new(), |v| {
                format!(": {v} is 0x{:02X}", v.rem_euclid(256))
            });
            format!("signed values (−128…127), as Java prints a byte[]{example}")
        }
        Reading::Unsigned => {
            "unsigned values (0…255), as Python's list(b), JavaScript and Go print bytes".to_string()
        }
        Reading::Either => {
            "every value is 0…127, so the signed reading (Java) and the unsigned one (Python, JavaScript, Go) agree"
                .to_string()
        }
    };
    format!("{inside}; {reading}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Vec<u8> {
        read(text).unwrap().bytes
    }

    #[test]
    fn java_arrays_to_string_is_signed() {
        let a = read("[0, 0, 0, 0, 42, -56, 1, 4, 104, 105]").unwrap();
        assert_eq!(a.bytes, vec![0, 0, 0, 0, 42, 0xc8, 1, 4, 104, 105]);
        assert_eq!(a.reading, Reading::Signed);
        assert!(describe(&a).contains("-56 is 0xC8"), "{}", describe(&a));
    }

    #[test]
    fn python_list_is_unsigned() {
        let a = read("[0, 0, 0, 0, 42, 200, 1, 4, 104, 105]").unwrap();
        assert_eq!(a.bytes, vec![0, 0, 0, 0, 42, 0xc8, 1, 4, 104, 105]);
        assert_eq!(a.reading, Reading::Unsigned);
    }

    #[test]
    fn values_up_to_127_read_the_same_both_ways() {
        let a = read("[0, 0, 0, 0, 42, 3, 4, 104, 105]").unwrap();
        assert_eq!(a.reading, Reading::Either);
        assert!(describe(&a).contains("agree"));
    }

    #[test]
    fn a_console_typed_array_with_its_count() {
        let a = read("Uint8Array(3) [0, 200, 1]").unwrap();
        assert_eq!(a.bytes, vec![0, 200, 1]);
        assert_eq!(a.prefix.as_deref(), Some("Uint8Array(3)"));
    }

    #[test]
    fn node_spreads_a_typed_array_over_lines() {
        let text = "Uint8Array(10) [\n    0,   0, 0, 0, 42,\n  200,   1, 4, 104, 105\n]";
        assert_eq!(bytes(text), vec![0, 0, 0, 0, 42, 200, 1, 4, 104, 105]);
    }

    #[test]
    fn go_prints_values_with_spaces() {
        assert_eq!(bytes("[0 0 42 200]"), vec![0, 0, 42, 200]);
    }

    #[test]
    fn literals_in_code_with_hex_values() {
        assert_eq!(bytes("[]byte{0x0, 0x2a, 200}"), vec![0, 0x2a, 200]);
        assert_eq!(bytes("new byte[] {0, 42, -56};"), vec![0, 42, 0xc8]);
        assert_eq!(bytes("byteArrayOf(0x00, 0x2A)"), vec![0, 0x2a]);
        assert_eq!(bytes("bytes([0, 42, 200])"), vec![0, 42, 200]);
        assert_eq!(bytes("Buffer.from([0, 42])"), vec![0, 42]);
        assert_eq!(bytes("byte[] b = {1, 2};"), vec![1, 2]);
        assert_eq!(bytes("vec![1, 2]"), vec![1, 2]);
    }

    #[test]
    fn an_empty_list_is_no_bytes() {
        assert_eq!(bytes("[]"), Vec::<u8>::new());
        assert_eq!(bytes("Uint8Array(0) []"), Vec::<u8>::new());
    }

    #[test]
    fn a_value_over_255_is_an_error_at_it() {
        let fail = read("[0, 256]").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (4, "`256`"));
        assert!(fail.problem.starts_with("is over 255"), "{}", fail.problem);
    }

    #[test]
    fn a_value_below_minus_128_is_an_error() {
        let fail = read("[-129]").unwrap_err();
        assert_eq!(fail.at, 1);
        assert!(
            fail.problem.starts_with("is below −128"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn negative_and_over_127_together_is_an_error_naming_both() {
        let fail = read("[0, -5, 7, 200]").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (11, "`200`"));
        assert!(
            fail.problem
                .starts_with("is over 127 while value 2 (`-5`) is negative"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn a_count_that_does_not_match_is_an_error() {
        let fail = read("Uint8Array(9) [0, 0]").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (0, "`Uint8Array(9)`"));
        assert!(fail
            .problem
            .contains("announces 9 values but the list holds 2"));
    }

    #[test]
    fn a_console_cut_is_an_error() {
        let fail = read("Uint8Array(300) [0, 0, …]").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (23, "`…`"));
        assert!(fail.problem.contains("cut short"));
        let node = "Uint8Array(300) [\n  0, 0,\n  ... 298 more items\n]";
        let fail = read(node).unwrap_err();
        assert_eq!(fail.subject, "`...`");
    }

    #[test]
    fn a_negative_value_in_an_unsigned_type_is_an_error() {
        let fail = read("Uint8Array(2) [0, -1]").unwrap_err();
        assert!(
            fail.problem.contains("`Uint8Array(2)` holds 0…255"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn a_value_over_127_in_a_signed_type_is_an_error() {
        let fail = read("Int8Array(2) [0, 200]").unwrap_err();
        assert!(
            fail.problem.contains("`Int8Array(2)` holds −128…127"),
            "{}",
            fail.problem
        );
    }

    #[test]
    fn a_word_without_a_list_is_an_error() {
        let fail = read("hello world").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (0, "`hello world`"));
        assert!(fail.problem.contains("no `[`"), "{}", fail.problem);
    }

    #[test]
    fn a_word_in_the_list_is_an_error() {
        let fail = read("[0, x]").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (4, "`x`"));
    }

    #[test]
    fn a_list_never_closed_is_an_error() {
        let fail = read("[0, 1").unwrap_err();
        assert_eq!(fail.at, 0);
        assert!(fail.problem.contains("never closed"));
    }

    #[test]
    fn hex_over_ff_is_an_error() {
        let fail = read("[]byte{0x100}").unwrap_err();
        assert_eq!(fail.subject, "`0x100`");
    }

    #[test]
    fn looks_like_wants_brackets_and_printed_decimals() {
        assert!(looks_like("[10, 11]"));
        assert!(looks_like("[0 0 42]"));
        assert!(looks_like("Uint8Array(2) [0, 1]"));
        assert!(!looks_like("[00 01 0a]"));
        assert!(!looks_like("[0x10, 0x11]"));
        assert!(!looks_like("10, 11"));
        assert!(!looks_like("{ 0x0a }"));
    }

    #[test]
    fn looks_like_list_accepts_literals_and_unbracketed_lists_with_commas() {
        assert!(looks_like_list("[]byte{0x0, 0x2a}"));
        assert!(looks_like_list("0, 0, 42"));
        assert!(looks_like_list("-1 2"));
        assert!(!looks_like_list("0 0 42"));
        assert!(!looks_like_list("00 01 0g"));
    }
}
