//! Hex digits: `00 01`, `0001`, `0x00, 0x01`, `\x00\x01`, `00:01`, `[0x00, 0x01]`, upper or lower case, wrapped
//! over lines, or a whole C array declaration as `xxd -i` prints it. Every run of digits must hold whole
//! bytes; a lone digit is a byte only after `0x` (`0x5`).

use super::{quote, quote_char_at, Fail};

/// Characters between bytes: whitespace, commas, semicolons, colons and brackets.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '[' | ']' | '{' | '}')
}

fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

/// Pushes the bytes of an even run of hex digits.
pub(super) fn push_pairs(run: &[u8], out: &mut Vec<u8>) {
    out.extend(
        run.chunks_exact(2)
            .map(|pair| pair.iter().fold(0u8, |acc, &d| (acc << 4) | nibble(d))),
    );
}

/// The character at byte `at`, when `text` has one there.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// Reads hex text into bytes. In a C declaration (`unsigned char x[] = { 0x00, … };`, xxd -i) only the
/// part between the braces counts.
pub(super) fn read(text: &str) -> Result<Vec<u8>, Fail> {
    match c_array_body(text) {
        Some((start, body)) => read_digits(body).map_err(|fail| fail.shifted(start)),
        None => read_digits(text),
    }
}

/// The text between the braces of a C array declaration, with its offset: `… = {` must come first and the
/// last `}` closes it (what follows, like xxd's `unsigned int x_len = 82;`, is not data).
pub(super) fn c_array_body(text: &str) -> Option<(usize, &str)> {
    let open = text.find('{')?;
    let close = text.rfind('}')?;
    let declaration = text.get(..open)?;
    if close < open || !declaration.trim_end().ends_with('=') {
        return None;
    }
    Some((open + 1, text.get(open + 1..close)?))
}

fn read_digits(text: &str) -> Result<Vec<u8>, Fail> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if is_separator(c) {
            i += c.len_utf8();
            continue;
        }
        let prefixed = matches!(c, '0' | '\\')
            && matches!(b.get(i + 1), Some(b'x' | b'X'))
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if prefixed {
            i += 2;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_hexdigit) {
            i += 1;
        }
        if i == start {
            return Err(Fail::new(i, quote_char_at(text, i), "is not a hex digit"));
        }
        // What follows a run must be a separator, another `\x`, or the end.
        if let Some(next) = char_at(text, i) {
            if !is_separator(next) && next != '\\' {
                return Err(Fail::new(i, quote_char_at(text, i), "is not a hex digit"));
            }
        }
        let run = b.get(start..i).unwrap_or_default();
        if run.len() % 2 == 0 {
            push_pairs(run, &mut out);
        } else if prefixed && run.len() == 1 {
            out.extend(run.first().map(|&d| nibble(d)));
        } else {
            let piece = text.get(start..i).unwrap_or_default();
            return Err(Fail::new(
                start,
                quote(piece),
                format!(
                    "has an odd number of hex digits ({}): each byte takes two",
                    run.len()
                ),
            ));
        }
    }
    Ok(out)
}

/// Whether `text` looks meant as hex despite failing: at most one character in ten (and at least one) is
/// neither a hex digit, a separator nor part of a `0x` / `\x` prefix.
pub(super) fn looks_nearly_hex(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().filter(|&c| !is_separator(c)) {
        total += 1;
        if !(c.is_ascii_hexdigit() || matches!(c, 'x' | 'X' | '\\')) {
            bad += 1;
        }
    }
    total >= 2 && bad <= (total / 10).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_spaced_wrapped_and_mixed_case_digits() {
        assert_eq!(read("0a 0B\n0c,0D").unwrap(), vec![10, 11, 12, 13]);
    }

    #[test]
    fn hex_reads_colon_separated_and_bracketed_lists() {
        assert_eq!(read("de:ad").unwrap(), vec![0xde, 0xad]);
        assert_eq!(read("[0x01, 0x2]").unwrap(), vec![1, 2]);
        assert_eq!(read("{ 0x01 }").unwrap(), vec![1]);
    }

    #[test]
    fn hex_reads_a_c_array_declaration_ignoring_the_rest() {
        let text = "unsigned char a_bin[] = {\n  0x00, 0x01\n};\nunsigned int a_bin_len = 2;\n";
        assert_eq!(read(text).unwrap(), vec![0, 1]);
    }

    #[test]
    fn c_array_errors_point_into_the_whole_text() {
        let fail = read("char a[] = { 0x0g };").unwrap_err();
        assert_eq!(fail.at, 16);
    }

    #[test]
    fn hex_reads_a_long_run_after_one_prefix() {
        assert_eq!(read("0x0001ff").unwrap(), vec![0, 1, 0xff]);
    }

    #[test]
    fn hex_accepts_crlf_and_non_breaking_spaces() {
        assert_eq!(read("00\r\n01\u{a0}02").unwrap(), vec![0, 1, 2]);
    }

    #[test]
    fn hex_error_points_at_the_first_bad_character() {
        let fail = read("00 0x 01").unwrap_err();
        assert_eq!((fail.at, fail.subject.as_str()), (4, "`x`"));
    }

    #[test]
    fn lone_digit_without_prefix_is_odd() {
        let fail = read("00 1").unwrap_err();
        assert_eq!(fail.at, 3);
        assert!(fail.problem.contains("odd"));
    }

    #[test]
    fn nearly_hex_counts_bad_characters() {
        assert!(looks_nearly_hex("00 01 0g"));
        assert!(!looks_nearly_hex("hello"));
        assert!(!looks_nearly_hex("g"));
    }
}
