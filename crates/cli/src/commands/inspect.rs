//! `inspect`: the framing, its header fields and the datum, as one JSON object.

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{read_any_payload, Payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::Framing;
use serde_json::{json, Map, Value as Json};

/// Help text.
pub const HELP: &str = "avro-playground inspect --schema S.avsc [--input FILE]
    [--input-format auto|hex|base64|base64url|xxd|od|escaped|binary]
    [--frame auto|raw|confluent|single-object|ocf]

Prints {\"framing\", \"schema_id\", \"fingerprint_hex\", \"trailing_bytes\", \"datum\"}: schema_id for
Confluent framing, fingerprint_hex (the 8 header bytes as they stand, little-endian) for single-object;
keys that do not apply are absent. For an Object Container File (no --schema needed) prints
{\"framing\": \"ocf\", \"codec\", \"blocks\", \"records\", \"metadata\": {user keys}, \"sync_hex\"}.";

/// Bytes as a string whose code points 0–255 are the bytes (how Avro JSON writes bytes).
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = args.value("schema").map(read_schema).transpose()?;
    let (payload, notes) = read_any_payload(&args, schema.as_ref())?;
    let mut out = Map::new();
    match payload {
        Payload::Container(file) => {
            let c = file
                .container
                .as_ref()
                .ok_or_else(|| Failure::Invalid("ocf: no header".into()))?;
            out.insert("framing".into(), json!("ocf"));
            out.insert("codec".into(), json!(c.header.codec.name()));
            out.insert("blocks".into(), json!(c.blocks.len()));
            out.insert("records".into(), json!(file.records.len()));
            let metadata: Map<String, Json> = c
                .header
                .user_metadata()
                .map(|m| (m.key.clone(), json!(latin1(&m.value))))
                .collect();
            out.insert("metadata".into(), Json::Object(metadata));
            out.insert("sync_hex".into(), json!(to_hex(&c.header.sync)));
        }
        Payload::Datum(framed) => {
            let schema = schema
                .as_ref()
                .ok_or_else(|| Failure::Usage("--schema is required".into()))?;
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
                Framing::Raw | Framing::Container => {}
            }
            out.insert("trailing_bytes".into(), json!(framed.trailing()));
            if let Some(value) = &framed.walk.value {
                let datum: Json =
                    serde_json::from_str(&to_avro_json(schema, value)).unwrap_or(Json::Null);
                out.insert("datum".into(), datum);
            }
        }
    }
    Ok(Output {
        stdout: Json::Object(out).to_string(),
        notes,
    })
}
