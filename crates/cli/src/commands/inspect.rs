//! `inspect`: the framing, its header fields and the datum, as one JSON object (one per message when the
//! input holds several).

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{read_any_payload, Payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::{Framed, Framing};
use avro_playground_core::schema::Schema;
use serde_json::{json, Map, Value as Json};

/// Help text.
pub const HELP: &str = "avro-playground inspect --schema S.avsc [--input FILE]
    [--input-format auto|hex|base64|base64url|xxd|od|escaped|binary]
    [--frame auto|raw|confluent|single-object|ocf]

Prints {\"framing\", \"schema_id\", \"fingerprint_hex\", \"trailing_bytes\", \"datum\"}: schema_id for
Confluent framing, fingerprint_hex (the 8 header bytes as they stand, little-endian) for single-object;
keys that do not apply are absent. For an Object Container File (no --schema needed) prints
{\"framing\": \"ocf\", \"codec\", \"blocks\", \"records\", \"metadata\": {user keys}, \"sync_hex\"}.
Several messages, one per line (as kcat prints them; an empty line is a tombstone, a Kafka null value):
one object per message, one per line, in order, each starting with \"line\": N; a tombstone is
{\"line\": N, \"tombstone\": true}, a message that cannot be read {\"line\": N, \"error\": \"...\"} (also
on stderr). Every message is tried; the exit status is 1 if any failed.";

/// Bytes as a string whose code points 0–255 are the bytes (how Avro JSON writes bytes).
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// The object for one framed datum: its framing, the header fields that apply, trailing bytes, the datum.
fn datum_object(schema: &Schema, framed: &Framed, out: &mut Map<String, Json>) {
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
        let datum: Json = serde_json::from_str(&to_avro_json(schema, value)).unwrap_or(Json::Null);
        out.insert("datum".into(), datum);
    }
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = args.value("schema").map(read_schema).transpose()?;
    let (payload, mut notes) = read_any_payload(&args, schema.as_ref())?;
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
            out.insert("records".into(), json!(file.record_count));
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
            datum_object(schema, &framed, &mut out);
        }
        Payload::Messages(messages) => {
            let schema = schema
                .as_ref()
                .ok_or_else(|| Failure::Usage("--schema is required".into()))?;
            let mut lines = Vec::with_capacity(messages.len());
            let mut failed = false;
            for message in messages {
                notes.extend(message.notes);
                let mut line = Map::new();
                line.insert("line".into(), json!(message.line));
                match &message.datum {
                    Ok(None) => {
                        line.insert("tombstone".into(), json!(true));
                    }
                    Ok(Some(framed)) => datum_object(schema, framed, &mut line),
                    Err(e) => {
                        failed = true;
                        notes.push(e.clone());
                        line.insert("error".into(), json!(e));
                    }
                }
                lines.push(Json::Object(line).to_string());
            }
            return Ok(Output {
                stdout: lines.join("\n"),
                notes,
                failed,
            });
        }
    }
    Ok(Output {
        stdout: Json::Object(out).to_string(),
        notes,
        failed: false,
    })
}
