//! `encode`: an Avro JSON datum → Avro binary as lowercase hex.

use crate::args::{read_bytes, read_schema, Args, Failure, Output};
use avro_playground_core::avro_json::from_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::{write_framed, FrameOut};

/// Help text.
pub const HELP: &str = "avro-playground encode --schema S.avsc [--datum D.json] [--frame raw|confluent:ID|single-object]

Reads an Avro JSON datum (from D.json, or stdin when --datum is omitted) and prints its Avro binary
encoding as lowercase hex on one line, framed as asked (default raw).";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["schema", "datum", "frame"])?;
    let schema = read_schema(args.required("schema")?)?;
    let frame: FrameOut = args
        .value("frame")
        .unwrap_or("raw")
        .parse()
        .map_err(Failure::Usage)?;
    let datum_name = args.value("datum").unwrap_or("stdin");
    let bytes = read_bytes(args.value("datum"))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Failure::Invalid(format!("{datum_name}: not UTF-8 text ({e})")))?;
    let value = from_avro_json(&schema, &text).map_err(|e| {
        Failure::Invalid(format!(
            "{datum_name}:{}: {} (at {})",
            e.position, e.message, e.pointer
        ))
    })?;
    let walk = write_framed(&schema, &value, frame)
        .map_err(|e| Failure::Invalid(format!("{datum_name}: {e}")))?;
    Ok(to_hex(&walk.bytes).into())
}
