//! Turning byte offsets into line:column and finding a character inside a JSON string literal.

use crate::source::{LineColumn, TextRange};

/// The line and column of every offset, in one pass over the text (results in the order of `offsets`).
pub(super) fn line_columns(text: &str, offsets: &[usize]) -> Vec<LineColumn> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
    let mut result = vec![LineColumn::default(); offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut here = LineColumn { line: 1, column: 1 };
    for i in order {
        let target = offsets.get(i).copied().unwrap_or(0);
        while let Some(&(at, c)) = chars.peek() {
            if at >= target {
                break;
            }
            chars.next();
            if c == '\n' {
                here = LineColumn {
                    line: here.line + 1,
                    column: 1,
                };
            } else {
                here.column += 1;
            }
        }
        if let Some(slot) = result.get_mut(i) {
            *slot = here;
        }
    }
    result
}

/// Where the character numbered `index` (0-based, as decoded) of the JSON string literal at `range` is
/// written in `text` (an escape sequence counts as one character); the whole literal when it is not found.
pub(super) fn char_in_string_literal(text: &str, range: TextRange, index: usize) -> TextRange {
    let Some(raw) = text.get(range.start..range.end) else {
        return range;
    };
    let mut at = 1; // after the opening quote
    for _ in 0..index {
        match source_len(raw, at) {
            Some(len) => at += len,
            None => return range,
        }
    }
    match source_len(raw, at) {
        Some(len) if at + len < raw.len() => TextRange {
            start: range.start + at,
            end: range.start + at + len,
        },
        _ => range,
    }
}

/// The length of the source form of the character starting at `at`: an escape or one UTF-8 character.
fn source_len(raw: &str, at: usize) -> Option<usize> {
    let bytes = raw.as_bytes();
    match bytes.get(at)? {
        b'\\' => Some(escape_len(bytes, at)),
        _ => raw.get(at..)?.chars().next().map(char::len_utf8),
    }
}

/// The length of the escape sequence starting at `at` (a backslash), counting a surrogate pair as one.
fn escape_len(bytes: &[u8], at: usize) -> usize {
    if bytes.get(at + 1) != Some(&b'u') {
        return 2;
    }
    let high = bytes
        .get(at + 2..at + 6)
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u16::from_str_radix(h, 16).ok());
    let pair_follows = bytes.get(at + 6) == Some(&b'\\') && bytes.get(at + 7) == Some(&b'u');
    match high {
        Some(h) if (0xD800..0xDC00).contains(&h) && pair_follows => 12,
        _ => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::line_column;

    #[test]
    fn one_pass_agrees_with_line_column() {
        let text = "{\n  \"é\": [1,\n 2]}";
        let offsets = [14, 0, 9, 3];
        let got = line_columns(text, &offsets);
        for (o, lc) in offsets.iter().zip(got) {
            assert_eq!(lc, line_column(text, *o));
        }
    }

    #[test]
    fn escapes_count_as_one_character() {
        let text = r#""a\u0041\n\ud83d\ude00Ā""#;
        let range = TextRange {
            start: 0,
            end: text.len(),
        };
        let at = |i| char_in_string_literal(text, range, i);
        assert_eq!(at(0), TextRange { start: 1, end: 2 });
        assert_eq!(at(2), TextRange { start: 8, end: 10 });
        assert_eq!(at(3), TextRange { start: 10, end: 22 });
        assert_eq!(at(4), TextRange { start: 22, end: 24 });
        assert_eq!(at(5), range);
    }
}
