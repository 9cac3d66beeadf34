//! Encoded bytes written out the ways people paste them: hex, base64, and byte-array literals.

/// A way to write bytes as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Literal {
    /// `0a1bff` (what the CLI prints).
    Hex,
    /// `0a 1b ff`.
    HexSpaced,
    /// Standard base64 with padding (RFC 4648 §4).
    Base64,
    /// `{ 0x0a, 0x1b, 0xff }` for C.
    C,
    /// `[0x0a, 0x1b, 0xff]` for Rust.
    Rust,
    /// `new byte[] { 0x0a, 0x1b, (byte) 0xff }` for Java (bytes are signed there).
    Java,
    /// `b"\x0a\x1b\xff"` for Python.
    Python,
}

impl Literal {
    /// Every literal, in the order a menu shows them.
    pub const ALL: [Literal; 7] = [
        Literal::Hex,
        Literal::HexSpaced,
        Literal::Base64,
        Literal::C,
        Literal::Rust,
        Literal::Java,
        Literal::Python,
    ];

    /// A short name for a button.
    pub fn name(&self) -> &'static str {
        match self {
            Literal::Hex => "hex",
            Literal::HexSpaced => "hex (spaced)",
            Literal::Base64 => "base64",
            Literal::C => "C",
            Literal::Rust => "Rust",
            Literal::Java => "Java",
            Literal::Python => "Python",
        }
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Writes `bytes` as `literal`.
pub fn format_bytes(bytes: &[u8], literal: Literal) -> String {
    let list =
        |f: &dyn Fn(u8) -> String| bytes.iter().map(|b| f(*b)).collect::<Vec<_>>().join(", ");
    match literal {
        Literal::Hex => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        Literal::HexSpaced => bytes
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" "),
        Literal::Base64 => base64(bytes),
        Literal::C => format!("{{ {} }}", list(&|b| format!("0x{b:02x}"))),
        Literal::Rust => format!("[{}]", list(&|b| format!("0x{b:02x}"))),
        Literal::Java => format!(
            "new byte[] {{ {} }}",
            list(&|b| if b < 0x80 {
                format!("0x{b:02x}")
            } else {
                format!("(byte) 0x{b:02x}")
            })
        ),
        Literal::Python => format!(
            "b\"{}\"",
            bytes
                .iter()
                .map(|b| format!("\\x{b:02x}"))
                .collect::<String>()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_per_rfc_4648() {
        assert_eq!(format_bytes(b"", Literal::Base64), "");
        assert_eq!(format_bytes(b"f", Literal::Base64), "Zg==");
        assert_eq!(format_bytes(b"fo", Literal::Base64), "Zm8=");
        assert_eq!(format_bytes(b"foo", Literal::Base64), "Zm9v");
        assert_eq!(format_bytes(b"foob", Literal::Base64), "Zm9vYg==");
    }

    #[test]
    fn java_bytes_above_0x7f_are_cast() {
        assert_eq!(
            format_bytes(&[0x0a, 0xff], Literal::Java),
            "new byte[] { 0x0a, (byte) 0xff }"
        );
    }

    #[test]
    fn c_rust_python_literals() {
        assert_eq!(format_bytes(&[0, 0xab], Literal::C), "{ 0x00, 0xab }");
        assert_eq!(format_bytes(&[0, 0xab], Literal::Rust), "[0x00, 0xab]");
        assert_eq!(format_bytes(&[0, 0xab], Literal::Python), "b\"\\x00\\xab\"");
    }
}
