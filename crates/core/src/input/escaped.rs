//! Escaped text, as printf, `kcat`-style tools, Python's `repr(bytes)` and bash's `printf %q` write it:
//! every character stands for its own UTF-8 bytes, except C escapes: `\xN` / `\xNN`, octal `\N` to `\NNN`
//! (`\0` is a zero byte), `\n` `\t` `\r` `\\` `\'` `\"` `\a` `\b` `\e` `\f` `\v` `\?`.

use super::{quote, Fail};

/// Escaped text read into bytes.
#[derive(Debug)]
pub(super) struct Unescaped {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The quoting the text was found in, when any (`b'…'`, `$'…'`).
    pub wrapper: Option<&'static str>,
}

/// Characters that may follow a backslash.
const ESCAPES: &str = "xX01234567ntr\\'\"abeEfv?";

/// Whether `text` uses backslash escapes (or is wrapped as a Python or shell literal).
pub(super) fn looks_escaped(text: &str) -> bool {
    if unwrap_literal(text).is_some() {
        return true;
    }
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next().is_some_and(|e| ESCAPES.contains(e)) {
            return true;
        }
    }
    false
}

/// The inside of `b'…'`, `b"…"` or `$'…'` with its offset, when the whole (trimmed) text is one of those.
fn unwrap_literal(text: &str) -> Option<(usize, &str, &'static str)> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    for (open, close, name) in [
        ("b'", "'", "a Python bytes literal b'…'"),
        ("b\"", "\"", "a Python bytes literal b\"…\""),
        ("$'", "'", "shell $'…' quoting"),
    ] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return Some((lead + open.len(), inner, name));
        }
    }
    None
}

/// Reads escaped text. Line breaks are wrapping, not data: every escaper writes a newline byte as `\n`, and
/// a paste ends with a line break. Every other character counts, spaces and tabs included.
pub(super) fn read(text: &str) -> Result<Unescaped, Fail> {
    let (base, body, wrapper) = match unwrap_literal(text) {
        Some((base, inner, name)) => (base, inner, Some(name)),
        None => (0, text, None),
    };
    let mut bytes = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\r' | '\n') {
            continue;
        }
        if c != '\\' {
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            continue;
        }
        let Some((_, e)) = chars.next() else {
            return Err(Fail::new(
                base + i,
                "`\\`",
                "ends the text: an escape needs a character after it",
            ));
        };
        let byte = match e {
            'x' | 'X' => {
                let (value, digits) = take_digits(&mut chars, 16, 0, 2);
                if digits == 0 {
                    return Err(Fail::new(
                        base + i,
                        quote(&format!("\\{e}")),
                        "needs one or two hex digits after it",
                    ));
                }
                value
            }
            '0'..='7' => {
                let first = e.to_digit(8).unwrap_or(0);
                let (value, digits) = take_digits(&mut chars, 8, first, 2);
                if value > 255 {
                    let piece = body.get(i..i + 2 + digits).unwrap_or("\\");
                    return Err(Fail::new(
                        base + i,
                        quote(piece),
                        format!("is {value}, over 255: an octal escape names one byte"),
                    ));
                }
                value
            }
            'n' => 0x0a,
            't' => 0x09,
            'r' => 0x0d,
            'a' => 0x07,
            'b' => 0x08,
            'e' | 'E' => 0x1b,
            'f' => 0x0c,
            'v' => 0x0b,
            '\\' | '\'' | '"' | '?' => u32::from(e),
            other => {
                return Err(Fail::new(
                    base + i,
                    quote(&format!("\\{other}")),
                    "is not an escape this form knows: use \\xNN, \\NNN (octal), \\0, \\n, \\t, \\r or \\\\",
                ))
            }
        };
        bytes.push(u8::try_from(byte).unwrap_or(u8::MAX));
    }
    Ok(Unescaped { bytes, wrapper })
}

/// Takes up to `most` digits of `radix` from `chars` onto `value`; returns the value and how many were taken.
fn take_digits(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    radix: u32,
    mut value: u32,
    most: usize,
) -> (u32, usize) {
    let mut taken = 0;
    while taken < most {
        let Some(d) = chars.peek().and_then(|&(_, c)| c.to_digit(radix)) else {
            break;
        };
        value = value * radix + d;
        taken += 1;
        chars.next();
    }
    (value, taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_escape_takes_at_most_two_digits() {
        assert_eq!(read("\\x0001").unwrap().bytes, b"\x0001".to_vec());
        assert_eq!(read("\\xa").unwrap().bytes, vec![0x0a]);
    }

    #[test]
    fn octal_escape_takes_at_most_three_digits() {
        assert_eq!(read("\\0101").unwrap().bytes, vec![0o10, b'1']);
        assert_eq!(read("\\310").unwrap().bytes, vec![0xc8]);
    }

    #[test]
    fn non_ascii_characters_stand_for_their_utf8_bytes() {
        assert_eq!(read("é").unwrap().bytes, vec![0xc3, 0xa9]);
    }

    #[test]
    fn line_breaks_are_dropped_but_spaces_and_tabs_kept() {
        assert_eq!(read(" a\r\n\tb \n").unwrap().bytes, b" a\tb ".to_vec());
    }

    #[test]
    fn lone_backslash_at_the_end_is_an_error() {
        let fail = read("ab\\").unwrap_err();
        assert_eq!(fail.at, 2);
    }

    #[test]
    fn backslash_x_without_digits_is_an_error() {
        let fail = read("\\xg").unwrap_err();
        assert_eq!(fail.subject, "`\\x`");
    }

    #[test]
    fn error_offsets_count_the_literal_prefix() {
        let fail = read("  b'ab\\q'").unwrap_err();
        assert_eq!(fail.at, 6);
    }
}
