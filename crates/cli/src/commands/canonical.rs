//! `canonical`: Parsing Canonical Form and fingerprints.

use crate::args::{read_schema, Args, Failure, Output};
use avro_playground_core::canonical::{fingerprints, to_hex};

/// Help text.
pub const HELP: &str = "avro-playground canonical --schema S.avsc

Prints {\"canonical\", \"rabin_hex\", \"md5_hex\", \"sha256_hex\"}: the Parsing Canonical Form and its
CRC-64-AVRO (8 bytes little-endian, as in a single-object header), MD5 and SHA-256 fingerprints.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["schema"])?;
    let schema = read_schema(args.required("schema")?)?;
    let f = fingerprints(&schema);
    let out = serde_json::json!({
        "canonical": f.canonical,
        "rabin_hex": to_hex(&f.rabin_le),
        "md5_hex": to_hex(&f.md5),
        "sha256_hex": to_hex(&f.sha256),
    });
    Ok(out.to_string().into())
}
