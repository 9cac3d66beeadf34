//! Parsing Canonical Form and schema fingerprints (specification: Parsing Canonical Form for Schemas,
//! Schema Fingerprints). Computed from the model, so logical types and extra attributes are dropped
//! (STRIP) and named types are written in full once, then by full name.

use crate::schema::{Kind, Schema, SchemaId};
use crate::source::json_string;
use md5::Digest as _;
use sha2::Sha256;
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

/// The CRC-64-AVRO fingerprint of `schema`'s canonical form, as its 8 bytes little-endian (as a
/// single-object header holds it): [`fingerprints`] without the MD5 and SHA-256, which a caller that needs
/// only this one does not link.
pub fn rabin_le(schema: &Schema) -> [u8; 8] {
    rabin(canonical_form(schema).as_bytes()).to_le_bytes()
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
        sha256: Sha256::digest(bytes).to_vec(),
        canonical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_fips_180_examples() {
        // The hash `fingerprints` computes (the sha2 crate, with the features this build gives it).
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
            assert_eq!(
                to_hex(&Sha256::digest(message)),
                digest,
                "{} bytes",
                message.len()
            );
        }
    }

    #[test]
    fn the_sha256_fingerprint_is_of_the_canonical_form() {
        let s = crate::schema::parse_schema(r#"{"type":"int","logicalType":"date"}"#).unwrap();
        // `printf '"int"' | sha256sum`
        assert_eq!(
            to_hex(&fingerprints(&s).sha256),
            "3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45"
        );
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
