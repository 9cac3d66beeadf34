//! A message's bytes back from a JSON string that holds them as text, as kcat writes a payload (yajl: control
//! bytes as `\u00XX`, `\n` `\r` `\t` `\b` `\f` `\"` `\\`, every other byte as it is) and as tools that decode
//! the bytes as UTF-8 write them (`JSON.stringify`, Jackson). Each `\u00XX` escape is one byte; a character
//! written as is stands for its UTF-8 bytes, and bytes that are not UTF-8 (kcat writes them raw: a file keeps
//! them) are kept as they are. A U+FFFD replacement character, or an escape above `\u00FF`, is a doubt:
//! the bytes it stood for are lost.

use super::envelope::{Doubt, DoubtCause};

/// Bytes read back from a JSON string.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Recovered {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The runs of bytes in doubt, in order.
    pub doubts: Vec<Doubt>,
    /// Whether an escape from `\u0080` to `\u00FF` was read as one byte (a Latin-1 reading, which only a
    /// tool that escapes bytes writes).
    pub latin1_escapes: bool,
}

/// U+FFFD as UTF-8.
const REPLACEMENT: [u8; 3] = [0xef, 0xbf, 0xbd];

/// Reads the inside of a JSON string literal (without its quotes), as raw bytes. The literal has been
/// checked by the JSON reader; anything unexpected is kept as it stands rather than refused.
pub(super) fn recover(literal: &[u8]) -> Recovered {
    let mut out = Recovered {
        bytes: Vec::with_capacity(literal.len()),
        ..Recovered::default()
    };
    let mut i = 0;
    while let Some(&b) = literal.get(i) {
        if b != b'\\' {
            if literal.get(i..i + 3) == Some(&REPLACEMENT[..]) {
                out.doubt(REPLACEMENT.len(), DoubtCause::Replaced, &REPLACEMENT);
                i += 3;
            } else {
                out.bytes.push(b);
                i += 1;
            }
            continue;
        }
        let short = match literal.get(i + 1) {
            Some(b'"') => Some(b'"'),
            Some(b'\\') => Some(b'\\'),
            Some(b'/') => Some(b'/'),
            Some(b'b') => Some(0x08),
            Some(b'f') => Some(0x0c),
            Some(b'n') => Some(b'\n'),
            Some(b'r') => Some(b'\r'),
            Some(b't') => Some(b'\t'),
            _ => None,
        };
        if let Some(byte) = short {
            out.bytes.push(byte);
            i += 2;
            continue;
        }
        match hex4(literal, i + 2) {
            Some(code) if literal.get(i + 1) == Some(&b'u') => {
                i += 6;
                if let Ok(byte) = u8::try_from(code) {
                    out.latin1_escapes |= byte >= 0x80;
                    out.bytes.push(byte);
                    continue;
                }
                let code = match (code, literal.get(i..i + 2), hex4(literal, i + 2)) {
                    (0xd800..=0xdbff, Some(b"\\u"), Some(low @ 0xdc00..=0xdfff)) => {
                        i += 6;
                        0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                    }
                    _ => code,
                };
                let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut utf8 = [0; 4];
                let encoded = c.encode_utf8(&mut utf8).as_bytes();
                out.doubt(encoded.len(), DoubtCause::WideEscape(code), encoded);
            }
            _ => {
                out.bytes.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The four hex digits at `at`, as a number.
fn hex4(literal: &[u8], at: usize) -> Option<u32> {
    let digits = literal.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        char::from(d).to_digit(16).map(|v| (acc << 4) | v)
    })
}

impl Recovered {
    /// Pushes `bytes`, `len` of them, marking them as in doubt (a run next to another of one cause grows it).
    fn doubt(&mut self, len: usize, cause: DoubtCause, bytes: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        let end = start + len;
        match self.doubts.last_mut() {
            Some(last) if last.end == start && last.cause == cause => last.end = end,
            _ => self.doubts.push(Doubt { start, end, cause }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_below_u0100_are_one_byte_each() {
        let r = recover(br#"\u0000\u0000*\u0003\u0004hi\u001B\u007f"#);
        assert_eq!(r.bytes, vec![0, 0, b'*', 3, 4, b'h', b'i', 0x1b, 0x7f]);
        assert!(r.doubts.is_empty());
        assert!(!r.latin1_escapes);
    }

    #[test]
    fn short_escapes_are_their_bytes() {
        let r = recover(br#"\"\\\/\b\f\n\r\t"#);
        assert_eq!(r.bytes, b"\"\\/\x08\x0c\n\r\t".to_vec());
    }

    #[test]
    fn characters_written_as_is_are_their_utf8_bytes_and_raw_bytes_stay() {
        let r = recover("é".as_bytes());
        assert_eq!(r.bytes, vec![0xc3, 0xa9]);
        // kcat writes bytes that are not UTF-8 as they are: a file keeps them.
        let r = recover(b"\xc8\\u0001");
        assert_eq!(r.bytes, vec![0xc8, 0x01]);
        assert!(r.doubts.is_empty());
    }

    #[test]
    fn a_replacement_character_is_a_doubt_over_its_three_bytes() {
        let r = recover("\\u0000\u{fffd}\u{fffd}\\u0001".as_bytes());
        assert_eq!(r.bytes, vec![0, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 1]);
        assert_eq!(
            r.doubts,
            vec![Doubt {
                start: 1,
                end: 7,
                cause: DoubtCause::Replaced
            }]
        );
    }

    #[test]
    fn an_escape_above_u00ff_is_a_doubt() {
        let r = recover(br#"a\u20ACb"#);
        assert_eq!(r.bytes, vec![b'a', 0xe2, 0x82, 0xac, b'b']);
        assert_eq!(
            r.doubts,
            vec![Doubt {
                start: 1,
                end: 4,
                cause: DoubtCause::WideEscape(0x20ac)
            }]
        );
    }

    #[test]
    fn a_surrogate_pair_escape_is_one_doubtful_character() {
        let r = recover(br#"\ud83d\ude00"#);
        assert_eq!(r.bytes, "😀".as_bytes().to_vec());
        assert_eq!(r.doubts[0].cause, DoubtCause::WideEscape(0x1f600));
    }

    #[test]
    fn latin1_escapes_are_one_byte_and_noticed() {
        let r = recover(br#"\u00c8\u0001"#);
        assert_eq!(r.bytes, vec![0xc8, 0x01]);
        assert!(r.latin1_escapes);
    }
}
