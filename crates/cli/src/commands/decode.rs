//! `decode`: Avro binary (any paste form, any framing) → the datum as Avro JSON.

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{read_framed_payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::framing::Framing;

/// Help text.
pub const HELP: &str = "avro-playground decode --schema W.avsc [--reader R.avsc] [--input FILE]
    [--input-format auto|hex|base64|binary] [--frame auto|raw|confluent|single-object|ocf]

Reads bytes (from FILE or stdin; `auto` recognises hex with or without spaces/0x, base64, raw binary),
detects or applies the framing, and prints the datum as Avro JSON on one line. With --frame auto a raw
datum that happens to start with 00 or C3 01 is not mistaken for a frame: the reading that decodes the
whole input wins, and stderr says when another reading was also possible.
--reader: resolve to a reader schema (not available yet: exits 2).";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema", "reader"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = read_schema(args.required("schema")?)?;
    if args.value("reader").is_some() {
        return Err(Failure::Usage(
            "--reader (schema resolution) is not implemented yet; decode with the writer schema alone".into(),
        ));
    }
    let (framed, notes) = read_framed_payload(&args, &schema)?;
    if framed.framing == Framing::Container {
        return Err(Failure::Invalid(
            "Object Container Files are not supported yet".into(),
        ));
    }
    let value = framed
        .walk
        .value
        .as_ref()
        .ok_or_else(|| Failure::Invalid("no datum was decoded".into()))?;
    Ok(Output {
        stdout: to_avro_json(&schema, value),
        notes,
    })
}
