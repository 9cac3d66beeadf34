//! `decode`: Avro binary (any paste form, any framing) → the datum as Avro JSON.

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{read_framed_payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::framing::Framing;
use avro_playground_core::resolve::resolve;

/// Help text.
pub const HELP: &str = "avro-playground decode --schema W.avsc [--reader R.avsc] [--input FILE]
    [--input-format auto|hex|base64|binary] [--frame auto|raw|confluent|single-object|ocf]

Reads bytes (from FILE or stdin; `auto` recognises hex with or without spaces/0x, base64, raw binary),
detects or applies the framing, and prints the datum as Avro JSON on one line. With --frame auto a raw
datum that happens to start with 00 or C3 01 is not mistaken for a frame: the reading that decodes the
whole input wins, and stderr says when another reading was also possible.
--reader R.avsc: read the datum with the reader schema per the spec's resolution rules (Java's choice of
union branch); each step (promotion, default, skipped field, enum default, branch, alias) is noted on
stderr. An impossible resolution exits 1 naming the path and the rule.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema", "reader"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = read_schema(args.required("schema")?)?;
    let reader = args.value("reader").map(read_schema).transpose()?;
    let (framed, mut notes) = read_framed_payload(&args, &schema)?;
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
    let Some(reader) = reader else {
        return Ok(Output {
            stdout: to_avro_json(&schema, value),
            notes,
        });
    };
    let resolved = resolve(&schema, &reader, value)
        .map_err(|e| Failure::Invalid(format!("resolution at {e}")))?;
    notes.extend(
        resolved
            .steps
            .iter()
            .map(|s| format!("resolution at {}: {}", s.path, s.message)),
    );
    Ok(Output {
        stdout: to_avro_json(&reader, &resolved.value),
        notes,
    })
}
