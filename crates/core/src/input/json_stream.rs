//! JSON values one after another, as `kcat -J` prints them (one a line) or `jq` pretty-prints them, in a paste
//! that may hold bytes that are not UTF-8 inside its strings (kcat writes a payload's bytes as they are).
//! The core's JSON reader reads text, so [`structural_text`] stands an ASCII `?` in for each such byte: every
//! offset stays the same, and a string's own bytes are then read from the raw paste.

use super::{quote_char_at, Fail};

/// The paste as text with one `?` for each byte of a sequence that is not UTF-8; offsets are unchanged.
pub(super) fn structural_text(raw: &[u8]) -> String {
    let mut text = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

/// Where one top-level value stands in the text, with the number of lines before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Extent {
    /// Its first byte (`{` or `[`).
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Line breaks before `start`.
    pub lines_before: usize,
}

/// The top-level values of `text`, each an object or an array, separated by whitespace. Lines that kcat
/// writes about itself (`% Reached end of topic …`, on stderr, but often pasted with the rest) are skipped.
/// An error ends the walk: a value that never closes, or text that starts no object or array.
pub(super) fn extents(text: &str) -> Vec<Result<Extent, Fail>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let mut lines_before = 0;
    loop {
        // Whitespace and kcat's own `%` lines between values.
        while let Some(&b) = bytes.get(at) {
            match b {
                b'\n' => lines_before += 1,
                b' ' | b'\t' | b'\r' | b',' => {}
                b'%' if at == 0 || bytes.get(at - 1) == Some(&b'\n') => {
                    at += bytes
                        .get(at..)
                        .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
                        .unwrap_or(bytes.len() - at);
                    continue;
                }
                _ => break,
            }
            at += 1;
        }
        let Some(&open) = bytes.get(at) else {
            return out;
        };
        if !matches!(open, b'{' | b'[') {
            out.push(Err(Fail::new(
                at,
                quote_char_at(text, at),
                "starts no JSON object or array: a JSON envelope holds objects, one after another, or an array of them",
            )));
            return out;
        }
        match value_end(bytes, at) {
            Some(end) => {
                out.push(Ok(Extent {
                    start: at,
                    end,
                    lines_before,
                }));
                lines_before += bytes
                    .get(at..end)
                    .map_or(0, |v| v.iter().filter(|&&c| c == b'\n').count());
                at = end;
            }
            None => {
                out.push(Err(Fail::new(
                    at,
                    quote_char_at(text, at),
                    "is never closed: the JSON value is cut short",
                )));
                return out;
            }
        }
    }
}

/// One past the bracket that closes the object or array opening at `start`, counting brackets outside
/// strings; `None` when the text ends first.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_become_one_question_mark_each() {
        assert_eq!(
            structural_text(b"{\"a\":\"\xc8\\u0001\"}"),
            "{\"a\":\"?\\u0001\"}"
        );
        assert_eq!(structural_text("é".as_bytes()), "é");
    }

    #[test]
    fn values_one_a_line_and_pretty_printed_are_found() {
        let text = "{\"a\":\"}\"}\n{\"b\":\n  [1, {\"c\": \"\\\"]\"}]\n}\n";
        let found: Vec<_> = extents(text).into_iter().map(Result::unwrap).collect();
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].start, found[0].end, found[0].lines_before),
            (0, 9, 0)
        );
        assert_eq!((found[1].start, found[1].lines_before), (10, 1));
        assert_eq!(found[1].end, text.trim_end().len());
    }

    #[test]
    fn kcat_lines_about_itself_are_skipped() {
        let text = "{\"a\":1}\n% Reached end of topic t [0] at offset 1\n{\"b\":2}\n";
        let found: Vec<_> = extents(text).into_iter().map(Result::unwrap).collect();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].lines_before, 2);
    }

    #[test]
    fn a_value_cut_short_is_an_error_at_its_start() {
        let found = extents("{\"a\":1}\n{\"b\":[2");
        assert!(found[0].is_ok());
        let fail = found[1].as_ref().unwrap_err();
        assert_eq!(fail.at, 8);
    }

    #[test]
    fn text_that_is_no_object_is_an_error() {
        let found = extents("{}\nhello");
        assert_eq!(found[1].as_ref().unwrap_err().at, 3);
    }
}
