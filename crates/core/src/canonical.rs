//! Parsing Canonical Form and schema fingerprints (specification: Parsing Canonical Form for Schemas,
//! Schema Fingerprints). Computed from the model, so logical types and extra attributes are dropped
//! (STRIP) and named types are written in full once, then by full name.

use crate::schema::{Kind, Schema, SchemaId};
use crate::source::json_string;
use md5::Digest as _;
use std::collections::HashSet;

/// The spec's `EMPTY` constant for CRC-64-AVRO.
const EMPTY: u64 = 0xc15d_213a_a4d7_a795;

/// The Parsing Canonical Form of `schema`.
pub fn canonical_form(schema: &Schema) -> String {
    let mut out = String::new();
    let mut seen = HashSet::new();
    write(schema, schema.root(), &mut seen, &mut out);
    out
}

fn write(schema: &Schema, id: SchemaId, seen: &mut HashSet<SchemaId>, out: &mut String) {
    let kind = schema.kind(id);
    if let Some(name) = kind.name() {
        if !seen.insert(id) {
            out.push_str(&json_string(&name.full()));
            return;
        }
    }
    match kind {
        Kind::Record(r) => {
            out.push_str(&format!(
                "{{\"name\":{},\"type\":\"record\",\"fields\":[",
                json_string(&r.name.full())
            ));
            for (i, f) in r.fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&format!("{{\"name\":{},\"type\":", json_string(&f.name)));
                write(schema, f.schema, seen, out);
                out.push('}');
            }
            out.push_str("]}");
        }
        Kind::Enum(e) => {
            let symbols: Vec<String> = e.symbols.iter().map(|s| json_string(s)).collect();
            out.push_str(&format!(
                "{{\"name\":{},\"type\":\"enum\",\"symbols\":[{}]}}",
                json_string(&e.name.full()),
                symbols.join(",")
            ));
        }
        Kind::Fixed(f) => out.push_str(&format!(
            "{{\"name\":{},\"type\":\"fixed\",\"size\":{}}}",
            json_string(&f.name.full()),
            f.size
        )),
        Kind::Array(items) => {
            out.push_str("{\"type\":\"array\",\"items\":");
            write(schema, *items, seen, out);
            out.push('}');
        }
        Kind::Map(values) => {
            out.push_str("{\"type\":\"map\",\"values\":");
            write(schema, *values, seen, out);
            out.push('}');
        }
        Kind::Union(branches) => {
            out.push('[');
            for (i, b) in branches.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(schema, *b, seen, out);
            }
            out.push(']');
        }
        primitive => out.push_str(&json_string(primitive.type_name())),
    }
}

/// The 256-entry table of CRC-64-AVRO.
fn crc64_table() -> [u64; 256] {
    let mut table = [0u64; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut fp = i as u64;
        for _ in 0..8 {
            fp = (fp >> 1) ^ (EMPTY & (fp & 1).wrapping_neg());
        }
        *slot = fp;
    }
    table
}

/// The CRC-64-AVRO (Rabin) fingerprint of `bytes`.
pub fn rabin(bytes: &[u8]) -> u64 {
    let table = crc64_table();
    bytes.iter().fold(EMPTY, |fp, &b| {
        (fp >> 8) ^ table[((fp ^ u64::from(b)) & 0xff) as usize]
    })
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A schema's canonical form with its three fingerprints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprints {
    /// The Parsing Canonical Form.
    pub canonical: String,
    /// CRC-64-AVRO of the canonical form, as its 8 bytes little-endian (as in a single-object header).
    pub rabin_le: [u8; 8],
    /// MD5 of the canonical form.
    pub md5: Vec<u8>,
    /// SHA-256 of the canonical form.
    pub sha256: Vec<u8>,
}

/// Canonical form and fingerprints of `schema`.
pub fn fingerprints(schema: &Schema) -> Fingerprints {
    let canonical = canonical_form(schema);
    let bytes = canonical.as_bytes();
    Fingerprints {
        rabin_le: rabin(bytes).to_le_bytes(),
        md5: md5::Md5::digest(bytes).to_vec(),
        sha256: sha256(bytes).to_vec(),
        canonical,
    }
}

/// SHA-256's round constants (FIPS 180-4, 4.2.2).
#[rustfmt::skip]
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 of `data` (FIPS 180-4), rolled into loops: fingerprints hash short texts, so size beats speed.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    // Padding: a 1 bit, zeros up to 56 bytes mod 64, then the length in bits as a big-endian u64.
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&(data.len() as u64).wrapping_mul(8).to_be_bytes());
    for chunk in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (word, bytes) in w.iter_mut().zip(chunk.chunks_exact(4)) {
            *word = bytes.iter().fold(0, |acc, &b| acc << 8 | u32::from(b));
        }
        for i in 16..64 {
            let (a, b) = (w[i - 15], w[i - 2]);
            let s0 = a.rotate_right(7) ^ a.rotate_right(18) ^ a >> 3;
            let s1 = b.rotate_right(17) ^ b.rotate_right(19) ^ b >> 10;
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for (&k, &wi) in K.iter().zip(&w) {
            let [a, b, c, d, e, f, g, hh] = v;
            let t1 = hh
                .wrapping_add(e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25))
                .wrapping_add(e & f ^ !e & g)
                .wrapping_add(k)
                .wrapping_add(wi);
            let t2 = (a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22))
                .wrapping_add(a & b ^ a & c ^ b & c);
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(h) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_fips_180_examples() {
        let million_a = vec![b'a'; 1_000_000];
        let cases: [(&[u8], &str); 5] = [
            (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            ),
            (&million_a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ];
        for (message, digest) in cases {
            assert_eq!(hex(&sha256(message)), digest, "{} bytes", message.len());
        }
    }

    #[test]
    fn sha256_agrees_with_the_sha2_crate_at_every_padding_length() {
        use sha2::Digest as _;
        for len in 0..300 {
            let message: Vec<u8> = (0..len).map(|i| (i * 131 + len) as u8).collect();
            assert_eq!(
                sha256(&message)[..],
                sha2::Sha256::digest(&message)[..],
                "{len} bytes"
            );
        }
    }

    #[test]
    fn rabin_of_nothing_is_empty() {
        assert_eq!(rabin(b""), EMPTY);
    }

    #[test]
    fn canonical_of_int_object_is_the_name() {
        let s = crate::schema::parse_schema(r#"{"type":"int","logicalType":"date"}"#).unwrap();
        assert_eq!(canonical_form(&s), r#""int""#);
    }
}
