//! `encode`: an Avro JSON datum → Avro binary as lowercase hex, framed as asked, or an Object Container
//! File written to `--output`.

use crate::args::{read_bytes, read_text, Args, Failure, Output};
use avro_playground_core::avro_json::from_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::container::{write_container, Codec};
use avro_playground_core::framing::{write_framed, FrameOut};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::value::Value;
use avro_playground_core::walker::encode;
use md5::Digest as _;

/// Help text.
pub const HELP: &str = "avro-playground encode --schema S.avsc [--datum D.json]
    [--frame raw|confluent:ID|single-object|ocf:CODEC] [--output FILE]

Reads an Avro JSON datum (from D.json, or stdin when --datum is omitted) and prints its Avro binary
encoding as lowercase hex on one line, framed as asked (default raw).
ocf:CODEC (null, deflate, snappy, bzip2, xz, zstandard) writes an Object Container File to --output
FILE (binary), one block; the input may hold one datum, or several as JSON lines (one per line). The
sync marker is derived from the content (MD5), so the same input gives the same file.";

/// Reads the datum text: one Avro JSON datum, or (for a container file) one per line.
fn datums(schema: &Schema, text: &str, name: &str, several: bool) -> Result<Vec<Value>, Failure> {
    let located = |e: avro_playground_core::avro_json::DatumError, line: usize| {
        let at = if line == 0 {
            e.position.to_string()
        } else {
            format!("{line}:{}", e.position.column)
        };
        Failure::Invalid(format!("{name}:{at}: {} (at {})", e.message, e.pointer))
    };
    match from_avro_json(schema, text) {
        Ok(v) => Ok(vec![v]),
        Err(e) if !several => Err(located(e, 0)),
        Err(whole) => {
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (i + 1, l))
                .collect();
            if lines.len() < 2 {
                return Err(located(whole, 0));
            }
            lines
                .into_iter()
                .map(|(n, l)| from_avro_json(schema, l).map_err(|e| located(e, n)))
                .collect()
        }
    }
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["schema", "datum", "frame", "output"])?;
    let schema_path = args.required("schema")?;
    let schema_text = read_text(schema_path)?;
    let schema = parse_schema(&schema_text).map_err(|e| {
        Failure::Invalid(format!(
            "{schema_path}:{}: {} (at {})",
            e.position, e.message, e.pointer
        ))
    })?;
    let frame = args.value("frame").unwrap_or("raw");
    let datum_name = args.value("datum").unwrap_or("stdin");
    let text = String::from_utf8(read_bytes(args.value("datum"))?)
        .map_err(|e| Failure::Invalid(format!("{datum_name}: not UTF-8 text ({e})")))?;
    if let Some(codec) = frame.strip_prefix("ocf:") {
        let codec: Codec = codec.parse().map_err(|e| Failure::Usage(format!("{e}")))?;
        let output = args.required("output")?;
        let values = datums(&schema, &text, datum_name, true)?;
        let mut data = Vec::new();
        for v in &values {
            let walk =
                encode(&schema, v).map_err(|e| Failure::Invalid(format!("{datum_name}: {e}")))?;
            data.extend_from_slice(&walk.bytes);
        }
        let digest = md5::Md5::digest([schema_text.as_bytes(), &data].concat());
        let sync: [u8; 16] = digest.into();
        let file = write_container(
            schema_text.trim(),
            codec,
            &[(values.len() as u64, data)],
            sync,
            &[],
        )
        .map_err(|e| Failure::Invalid(format!("ocf: {e}")))?;
        std::fs::write(output, &file).map_err(|e| Failure::Invalid(format!("{output}: {e}")))?;
        return Ok(Output {
            stdout: String::new(),
            notes: vec![format!(
                "wrote {output}: {} bytes, {} records, codec {}",
                file.len(),
                values.len(),
                codec.name()
            )],
            failed: false,
        });
    }
    let frame: FrameOut = frame.parse().map_err(Failure::Usage)?;
    if args.value("output").is_some() {
        return Err(Failure::Usage(
            "--output goes with --frame ocf:CODEC; other framings print hex".into(),
        ));
    }
    let value = datums(&schema, &text, datum_name, false)?.remove(0);
    let walk = write_framed(&schema, &value, frame)
        .map_err(|e| Failure::Invalid(format!("{datum_name}: {e}")))?;
    Ok(to_hex(&walk.bytes).into())
}
