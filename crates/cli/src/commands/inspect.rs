//! `inspect`: the framing, its header fields and the datum, as one JSON object.

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{read_framed_payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::Framing;
use serde_json::{json, Map, Value as Json};

/// Help text.
pub const HELP: &str = "avro-playground inspect --schema S.avsc [--input FILE]
    [--input-format auto|hex|base64|binary] [--frame auto|raw|confluent|single-object|ocf]

Prints {\"framing\", \"schema_id\", \"fingerprint_hex\", \"trailing_bytes\", \"datum\"}: schema_id for
Confluent framing, fingerprint_hex (the 8 header bytes as they stand, little-endian) for single-object;
keys that do not apply are absent.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = read_schema(args.required("schema")?)?;
    let (framed, notes) = read_framed_payload(&args, &schema)?;
    let mut out = Map::new();
    out.insert("framing".into(), json!(framed.framing.name()));
    match &framed.framing {
        Framing::Confluent { schema_id } => {
            out.insert("schema_id".into(), json!(schema_id));
        }
        Framing::ConfluentGuid { guid } => {
            out.insert("schema_guid_hex".into(), json!(to_hex(guid)));
        }
        Framing::SingleObject { fingerprint } => {
            out.insert("fingerprint_hex".into(), json!(to_hex(fingerprint)));
        }
        Framing::Raw => {}
        Framing::Container => {
            return Err(Failure::Invalid(
                "Object Container Files are not supported yet".into(),
            ));
        }
    }
    out.insert("trailing_bytes".into(), json!(framed.trailing()));
    if let Some(value) = &framed.walk.value {
        let datum: Json = serde_json::from_str(&to_avro_json(&schema, value)).unwrap_or(Json::Null);
        out.insert("datum".into(), datum);
    }
    Ok(Output {
        stdout: Json::Object(out).to_string(),
        notes,
    })
}
