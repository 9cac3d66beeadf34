//! `inspect`: the framing, its header fields and the datum, as one JSON object (one per message when the
//! input holds several).

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{
    open_input, read_any_payload_keeping, ContainerInput, Input, LineMessage, Payload,
    PAYLOAD_FLAGS,
};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::container::{
    pass_container, BlockEntry, ContainerWalk, Header, Limits, PassVisitor,
};
use avro_playground_core::framing::{Framed, Framing};
use avro_playground_core::input::{Doubt, DoubtCause, Envelope};
use avro_playground_core::schema::Schema;
use serde_json::{json, Map, Value as Json};
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;

/// Help text.
pub const HELP: &str = "avro-playground inspect --schema S.avsc [--input FILE]
    [--input-format auto|hex|base64|base64url|xxd|od|escaped|bytes|json-envelope|binary]
    [--frame auto|raw|confluent|single-object|ocf] [--blocks]

Prints {\"framing\", \"schema_id\", \"fingerprint_hex\", \"trailing_bytes\", \"datum\"}: schema_id for
Confluent framing, fingerprint_hex (the 8 header bytes as they stand, little-endian) for single-object;
keys that do not apply are absent. For an Object Container File (no --schema needed) prints
{\"framing\": \"ocf\", \"codec\", \"blocks\", \"records\", \"metadata\": {user keys}, \"sync_hex\"}.
With --blocks, a container file's block index instead, one object per block per line: {\"block\" (from 1),
\"offset\" (of its object count), \"size\" (its bytes, sync marker included), \"data_size\" (stored),
\"decompressed_size\", \"records\", \"first_record\" (from 0)}; a file that breaks off lists the blocks read
before, then {\"error\": \"...\"} (also on stderr), and the exit status is 1.
A binary container file is read block by block (each block's lines printed as it is read), every record
decoded: its size does not matter, and memory stays within a few blocks.
Several messages, one per line (as kcat prints them; an empty line is a tombstone, a Kafka null value):
one object per message, one per line, in order, each starting with \"line\": N; a tombstone is
{\"line\": N, \"tombstone\": true}, a message that cannot be read {\"line\": N, \"error\": \"...\"} (also
on stderr). Every message is tried; the exit status is 1 if any failed.
A record of a Kafka tool's JSON (json-envelope) also carries, after \"line\", what the tool printed beside
it: \"envelope\" (kcat, rest-proxy, kafka-ui, akhq, redpanda-console), \"topic\", \"partition\",
\"offset\", \"timestamp_ms\", \"timestamp_as_written\", \"timestamp_type\", \"key\" (its text, or null for
a null key), \"key_hex\", \"key_error\", \"key_in_doubt\" and \"value_encoding\" (base64, hex or text), each
when it applies. A value its JSON could not carry whole is not decoded: \"bytes_in_doubt\":
[{\"start\", \"end\", \"cause\"}] names its bytes, \"error\" says how to get them whole.";

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

/// Byte runs in doubt, as JSON: `[{"start", "end", "cause"}]`.
fn doubts(doubt: &[Doubt]) -> Json {
    let runs: Vec<Json> = doubt
        .iter()
        .map(|d| {
            let cause = match d.cause {
                DoubtCause::Replaced => "replacement-character".to_string(),
                DoubtCause::WideEscape(code) => format!("escape \\u{code:04X}"),
            };
            json!({"start": d.start, "end": d.end, "cause": cause})
        })
        .collect();
    Json::Array(runs)
}

/// What a Kafka tool printed beside a record's value, as the keys `inspect` documents.
fn envelope_fields(envelope: &Envelope, out: &mut Map<String, Json>) {
    out.insert("envelope".into(), json!(envelope.tool.name()));
    if let Some(topic) = &envelope.topic {
        out.insert("topic".into(), json!(topic));
    }
    if let Some(partition) = envelope.partition {
        out.insert("partition".into(), json!(partition));
    }
    if let Some(offset) = envelope.offset {
        out.insert("offset".into(), json!(offset));
    }
    if let Some(ts) = &envelope.timestamp {
        if let Some(millis) = ts.millis {
            out.insert("timestamp_ms".into(), json!(millis));
        }
        out.insert("timestamp_as_written".into(), json!(ts.written));
        if let Some(kind) = &ts.kind {
            out.insert("timestamp_type".into(), json!(kind));
        }
    }
    match &envelope.key {
        Ok(None) => {
            out.insert("key".into(), Json::Null);
        }
        Ok(Some(key)) => {
            if let Ok(text) = std::str::from_utf8(&key.bytes) {
                out.insert("key".into(), json!(text));
            }
            out.insert("key_hex".into(), json!(to_hex(&key.bytes)));
            if !key.doubt.is_empty() {
                out.insert("key_in_doubt".into(), doubts(&key.doubt));
            }
        }
        Err(e) => {
            out.insert("key_error".into(), json!(e.to_string()));
        }
    }
    if let Some(carried) = envelope.value_carried {
        out.insert("value_encoding".into(), json!(carried.name()));
    }
}

/// One message's object: its line, a record's envelope, then its datum, tombstone or error.
fn message_object(schema: &Schema, message: &LineMessage, out: &mut Map<String, Json>) {
    out.insert("line".into(), json!(message.line));
    if let Some(envelope) = &message.envelope {
        envelope_fields(envelope, out);
    }
    if !message.doubt.is_empty() {
        out.insert("bytes_in_doubt".into(), doubts(&message.doubt));
    }
    match &message.datum {
        Ok(None) => {
            out.insert("tombstone".into(), json!(true));
        }
        Ok(Some(framed)) => datum_object(schema, framed, out),
        Err(e) => {
            out.insert("error".into(), json!(e));
        }
    }
}

/// One block of a container file's block index, as one line of JSON.
fn block_line(b: &BlockEntry) -> String {
    json!({
        "block": b.number,
        "offset": b.offset,
        "size": b.size,
        "data_size": b.data_size,
        "decompressed_size": b.decompressed_size,
        "records": b.records,
        "first_record": b.first_record,
    })
    .to_string()
}

/// A container file's first problem, ending its block index: the line, and the note for stderr.
fn index_error(e: &str, notes: &mut Vec<String>) -> String {
    notes.push(format!("ocf: {e}"));
    json!({ "error": e }).to_string()
}

/// A container file read whole: its block index, one JSON object per block per line, then its first
/// problem if any.
fn block_index(file: &ContainerWalk, mut notes: Vec<String>) -> Output {
    let index = file.container.as_ref().map(|c| c.block_index());
    let mut lines: Vec<String> = index.iter().flatten().map(block_line).collect();
    if let Some(e) = &file.error {
        lines.push(index_error(e, &mut notes));
    }
    Output {
        stdout: lines.join("\n"),
        notes,
        failed: file.error.is_some(),
    }
}

/// Prints each block's index line as the block is read.
struct IndexPrinter<W> {
    out: W,
    /// Writing to stdout failed.
    failure: Option<std::io::Error>,
}

impl<W: Write> PassVisitor for IndexPrinter<W> {
    fn block(&mut self, entry: &BlockEntry, _decoding: bool) -> ControlFlow<()> {
        match writeln!(self.out, "{}", block_line(entry)) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.failure = Some(e);
                ControlFlow::Break(())
            }
        }
    }
}

/// A binary container file's block index, read as a stream: each block's line printed as it is read,
/// then the first problem if any, as [`block_index`] gives it for a file read whole.
fn stream_block_index(file: ContainerInput) -> Result<Output, Failure> {
    let stdout = std::io::stdout();
    let mut printer = IndexPrinter {
        out: BufWriter::new(stdout.lock()),
        failure: None,
    };
    let pass = pass_container(file.reader, &Limits::default(), &mut printer);
    let mut notes = file.notes;
    let written = match (printer.failure.take(), &pass.error) {
        (Some(e), _) => Err(e),
        (None, Some(e)) => {
            let line = index_error(&e.message, &mut notes);
            writeln!(printer.out, "{line}").and_then(|()| printer.out.flush())
        }
        (None, None) => printer.out.flush(),
    };
    written.map_err(|e| Failure::Invalid(format!("standard output: {e}")))?;
    Ok(Output {
        stdout: String::new(),
        notes,
        failed: pass.error.is_some(),
    })
}

/// Stops a pass at the first problem: a summary has nothing to show past it.
struct UntilError;

impl PassVisitor for UntilError {
    fn block(&mut self, _entry: &BlockEntry, decoding: bool) -> ControlFlow<()> {
        if decoding {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }
}

/// A container file's summary: codec, blocks, records, user metadata, sync marker.
fn summary(header: &Header, blocks: usize, records: u64, out: &mut Map<String, Json>) {
    out.insert("framing".into(), json!("ocf"));
    out.insert("codec".into(), json!(header.codec.name()));
    out.insert("blocks".into(), json!(blocks));
    out.insert("records".into(), json!(records));
    let metadata: Map<String, Json> = header
        .user_metadata()
        .map(|m| (m.key.clone(), json!(latin1(&m.value))))
        .collect();
    out.insert("metadata".into(), Json::Object(metadata));
    out.insert("sync_hex".into(), json!(to_hex(&header.sync)));
}

/// A binary container file read as a stream, every record decoded: its summary, or its block index.
fn inspect_stream(file: ContainerInput, blocks: bool) -> Result<Output, Failure> {
    if blocks {
        return stream_block_index(file);
    }
    let pass = pass_container(file.reader, &Limits::default(), &mut UntilError);
    let header = match (&pass.error, &pass.header) {
        (Some(e), _) => return Err(Failure::Invalid(format!("ocf: {e}"))),
        (None, Some(header)) => header,
        (None, None) => return Err(Failure::Invalid("ocf: no header".into())),
    };
    let mut out = Map::new();
    summary(header, pass.blocks, pass.record_count, &mut out);
    Ok(Output {
        stdout: Json::Object(out).to_string(),
        notes: file.notes,
        failed: false,
    })
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &["blocks"])?;
    let mut known = vec!["schema", "blocks"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = args.value("schema").map(read_schema).transpose()?;
    let blocks = args.switch("blocks");
    let raw = match open_input(&args)? {
        Input::Container(file) => return inspect_stream(file, blocks),
        Input::Bytes(raw) => raw,
    };
    let (payload, mut notes) = read_any_payload_keeping(&args, schema.as_ref(), raw, blocks)?;
    let mut out = Map::new();
    match payload {
        Payload::Container(file) if blocks => return Ok(block_index(&file, notes)),
        _ if blocks => {
            return Err(Failure::Usage(
                "--blocks lists a container file's blocks; the input is not one".into(),
            ))
        }
        Payload::Container(file) => {
            let c = file
                .container
                .as_ref()
                .ok_or_else(|| Failure::Invalid("ocf: no header".into()))?;
            summary(
                &c.header,
                c.blocks.len(),
                file.record_count as u64,
                &mut out,
            );
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
                let mut line = Map::new();
                message_object(schema, &message, &mut line);
                notes.extend(message.notes);
                if let Err(e) = message.datum {
                    failed = true;
                    notes.push(e);
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
