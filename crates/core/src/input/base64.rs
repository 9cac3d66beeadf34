//! Base64 and base64url (RFC 4648 §4 and §5), padded or not, with whitespace anywhere (wrapped output).

use super::{quote_char_at, Fail, InputFormat};

/// Which 64-character alphabet: they differ only in the last two characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Alphabet {
    /// `+` and `/` (RFC 4648 §4).
    Standard,
    /// `-` and `_` (RFC 4648 §5).
    UrlSafe,
}

impl Alphabet {
    /// The input form that reads this alphabet.
    pub(super) fn format(self) -> InputFormat {
        match self {
            Alphabet::Standard => InputFormat::Base64,
            Alphabet::UrlSafe => InputFormat::Base64Url,
        }
    }

    fn value(self, c: char) -> Option<u32> {
        let v = match c {
            'A'..='Z' => u32::from(c) - u32::from('A'),
            'a'..='z' => u32::from(c) - u32::from('a') + 26,
            '0'..='9' => u32::from(c) - u32::from('0') + 52,
            '+' if self == Alphabet::Standard => 62,
            '/' if self == Alphabet::Standard => 63,
            '-' if self == Alphabet::UrlSafe => 62,
            '_' if self == Alphabet::UrlSafe => 63,
            _ => return None,
        };
        Some(v)
    }

    fn not_in_alphabet(self, c: char) -> &'static str {
        match (self, c) {
            (Alphabet::Standard, '-' | '_') => {
                "is not a base64 character but a base64url one: choose `base64url`"
            }
            (Alphabet::UrlSafe, '+' | '/') => {
                "is not a base64url character but a standard base64 one: choose `base64`"
            }
            _ => "is not a base64 character",
        }
    }
}

/// Reads base64 text. `strict` also refuses non-zero padding bits (which no encoder writes), the sign that
/// an auto-detected text was not base64 after all.
pub(super) fn read(text: &str, alphabet: Alphabet, strict: bool) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut count = 0usize;
    let mut pads = 0usize;
    let mut first_pad = 0usize;
    let mut last = 0usize;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        if c == '=' {
            if pads == 0 {
                first_pad = i;
            }
            pads += 1;
            if pads > 2 {
                return Err(Fail::new(
                    i,
                    "`=`",
                    "is one `=` too many: base64 pads with two at most",
                ));
            }
            continue;
        }
        if pads > 0 {
            return Err(Fail::new(
                i,
                quote_char_at(text, i),
                "comes after the `=` padding, which ends base64 text",
            ));
        }
        let Some(v) = alphabet.value(c) else {
            return Err(Fail::new(
                i,
                quote_char_at(text, i),
                alphabet.not_in_alphabet(c),
            ));
        };
        acc = (acc << 6) | v;
        count += 1;
        last = i;
        if count.is_multiple_of(4) {
            let [_, a, b, c] = acc.to_be_bytes();
            out.extend([a, b, c]);
            acc = 0;
        }
    }
    let leftover_bits_are_zero = match count % 4 {
        1 => {
            return Err(Fail::new(
                last,
                "",
                format!(
                    "base64 text of {count} characters cannot end here: its last character holds 6 bits, less than a byte"
                ),
            ))
        }
        2 => {
            let [_, _, _, b] = (acc >> 4).to_be_bytes();
            out.push(b);
            acc & 0xf == 0
        }
        3 => {
            let [_, _, a, b] = (acc >> 2).to_be_bytes();
            out.extend([a, b]);
            acc & 0x3 == 0
        }
        _ => true,
    };
    if pads > 0 && !(count + pads).is_multiple_of(4) {
        return Err(Fail::new(
            first_pad,
            "`=`",
            "padding does not complete a group of four characters",
        ));
    }
    if strict && !leftover_bits_are_zero {
        return Err(Fail::new(
            last,
            quote_char_at(text, last),
            "leaves padding bits that are not zero, which no base64 encoder writes",
        ));
    }
    Ok(out)
}

/// The alphabet when `text` looks like an encoder's base64: only alphabet characters and `=`, no spaces
/// inside a line, every line but the last of one width, and not both alphabets' special characters.
pub(super) fn looks_like(text: &str) -> Option<Alphabet> {
    let mut width = None;
    let mut last_width = 0;
    let mut lines = 0usize;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !line
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_' | '='))
        {
            return None;
        }
        if let Some(w) = width {
            if last_width != w {
                return None; // a line before this one was shorter than the first
            }
        } else {
            width = Some(line.len());
        }
        last_width = line.len();
        lines += 1;
    }
    if lines == 0 || width.is_some_and(|w| last_width > w) {
        return None;
    }
    let standard = text.contains(['+', '/']);
    let url = text.contains(['-', '_']);
    match (standard, url) {
        (true, true) => None,
        (false, true) => Some(Alphabet::UrlSafe),
        _ => Some(Alphabet::Standard),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_reads_padded_and_unpadded() {
        assert_eq!(
            read("AQID", Alphabet::Standard, true).unwrap(),
            vec![1, 2, 3]
        );
        assert_eq!(read("AQI=", Alphabet::Standard, true).unwrap(), vec![1, 2]);
        assert_eq!(read("AQI", Alphabet::Standard, true).unwrap(), vec![1, 2]);
        assert_eq!(read("AQ==", Alphabet::Standard, true).unwrap(), vec![1]);
        assert_eq!(read("AQ", Alphabet::Standard, true).unwrap(), vec![1]);
    }

    #[test]
    fn base64_ignores_wrapping() {
        assert_eq!(
            read("AQ\r\nID\n", Alphabet::Standard, true).unwrap(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn strict_base64_refuses_nonzero_padding_bits() {
        assert!(read("AR", Alphabet::Standard, true).is_err());
        assert_eq!(read("AR", Alphabet::Standard, false).unwrap(), vec![1]);
    }

    #[test]
    fn misplaced_padding_is_an_error() {
        assert!(read("AQ=I", Alphabet::Standard, false).is_err());
        assert!(read("AQI==", Alphabet::Standard, false).is_err());
        assert!(read("AQ===", Alphabet::Standard, false).is_err());
    }

    #[test]
    fn looks_like_wants_lines_of_one_width() {
        assert_eq!(looks_like("AAAA\nAAAA\nAA=="), Some(Alphabet::Standard));
        assert_eq!(looks_like("AA\nAAAA"), None);
        assert_eq!(looks_like("AA AA"), None);
        assert_eq!(looks_like("a-b+"), None);
    }
}
