//! Pasted text, or a file, decoded with the core for the decode panel: the paste form, one message or
//! several (one per line, as kcat prints them), the framing, the datum or a container file's records.

use crate::state::Shown;
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::container::{walk_container, Limits, MAGIC};
use avro_playground_core::framing::{read_framed, FrameChoice, Framing, FramingError};
use avro_playground_core::input::{read_paste, Decoded, InputError, InputFormat, Paste};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::value::Value;
use std::sync::Arc;

/// Records of a container file written out as Avro JSON for the list; the hex view and the tree show every
/// byte regardless. Writing only these keeps a large file's decode time to the decoding itself.
pub const MAX_RECORDS_SHOWN: usize = 200;

/// One message's bytes decoded, or why they could not be.
pub enum Decoding {
    /// The schema does not parse.
    NoSchema,
    /// Nothing pasted yet.
    Empty,
    /// An empty line among several messages: a null value (Kafka tombstone).
    Tombstone,
    /// The pasted text is not in the chosen form.
    Input(String),
    /// The framing's header is wrong; the message's bytes.
    Framing(FramingError, Vec<u8>),
    /// Read: the framing, the spans (with `walk.error` if the datum broke off), the datum as Avro JSON.
    Read {
        /// How the paste was recognised.
        input_note: String,
        /// The framing and its header fields.
        framing: Framing,
        /// Other readings that were also possible.
        alternatives: Vec<String>,
        /// The spans over all the bytes.
        shown: Arc<Shown>,
        /// The datum as Avro JSON, when complete.
        json: Option<String>,
    },
    /// An Object Container File: its codec, blocks, metadata, records, and the first problem.
    Container {
        /// How the paste was recognised.
        input_note: String,
        /// The codec, block and record counts, e.g. `codec deflate, 3 blocks`.
        summary: String,
        /// The spans over the file, named by the file's own writer schema.
        shown: Arc<Shown>,
        /// The first [`MAX_RECORDS_SHOWN`] records read, as Avro JSON, with their block numbers.
        records: Vec<(usize, String)>,
        /// The same records' values (for reading them with another schema).
        values: Vec<Value>,
        /// How many records were read in all.
        record_count: usize,
        /// The first problem, naming where.
        error: Option<String>,
    },
}

impl Decoding {
    /// The bytes to show in the hex view, if any.
    pub fn shown(&self) -> Option<Arc<Shown>> {
        match self {
            Decoding::Read { shown, .. } | Decoding::Container { shown, .. } => Some(shown.clone()),
            _ => None,
        }
    }

    /// The bytes left over after a datum read without error (0 for a container file read whole); `None`
    /// when nothing was read.
    fn trailing(&self) -> Option<usize> {
        match self {
            Decoding::Read { shown, .. } if shown.walk.error.is_none() => {
                Some(shown.walk.trailing())
            }
            Decoding::Container { error: None, .. } => Some(0),
            _ => None,
        }
    }

    /// One line for the list of messages.
    fn summary(&self) -> (String, bool) {
        match self {
            Decoding::Tombstone => ("tombstone (null value)".into(), true),
            Decoding::Input(e) => (e.clone(), false),
            Decoding::Framing(e, _) => (format!("{} header: {}", e.framing, e.message), false),
            Decoding::Read { framing, shown, .. } => match &shown.walk.error {
                Some(e) => (format!("{}: {e}", framing.name()), false),
                None => (
                    format!(
                        "{}, {} bytes",
                        describe_framing(framing),
                        shown.walk.bytes.len()
                    ),
                    true,
                ),
            },
            Decoding::Container { summary, error, .. } => (summary.clone(), error.is_none()),
            Decoding::NoSchema | Decoding::Empty => (String::new(), false),
        }
    }
}

/// A framing in words.
pub fn describe_framing(framing: &Framing) -> String {
    use avro_playground_core::canonical::to_hex;
    match framing {
        Framing::Raw => "raw datum (no header)".into(),
        Framing::Confluent { schema_id } => format!("Confluent wire format, schema id {schema_id}"),
        Framing::ConfluentGuid { guid } => {
            format!("Confluent wire format, schema GUID {}", to_hex(guid))
        }
        Framing::SingleObject { fingerprint } => {
            format!(
                "Avro single-object, fingerprint {} (matches the schema)",
                to_hex(fingerprint)
            )
        }
        Framing::Container => "Object Container File".into(),
    }
}

/// A message in a paste of several: where it is and how it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageLine {
    /// Its 1-based line in the paste.
    pub line: usize,
    /// What it decoded to, in one line.
    pub summary: String,
    /// Whether it decoded cleanly.
    pub ok: bool,
}

/// The decode panel's input read: every message's summary (when there are several) and the chosen one.
pub struct DecodeView {
    /// One entry per message when the paste holds several; empty for one.
    pub messages: Vec<MessageLine>,
    /// The index of the chosen message.
    pub current: usize,
    /// The chosen message decoded.
    pub decoding: Decoding,
}

/// Decodes a dropped or chosen file's raw bytes.
pub fn decode_file(
    schema: &Arc<Schema>,
    name: &str,
    bytes: &[u8],
    frame: FrameChoice,
) -> DecodeView {
    let note = format!("file {name}, {} bytes", bytes.len());
    DecodeView {
        messages: Vec::new(),
        current: 0,
        decoding: decode_bytes(schema, bytes, note, frame),
    }
}

/// Decodes pasted text: the form (`None` detects it), one message or one per line, under `frame`.
pub fn decode_text(
    schema: &Arc<Schema>,
    text: &str,
    format: Option<InputFormat>,
    frame: FrameChoice,
    chosen: usize,
) -> DecodeView {
    let single = |decoding| DecodeView {
        messages: Vec::new(),
        current: 0,
        decoding,
    };
    if text.trim().is_empty() {
        return single(Decoding::Empty);
    }
    let read = |value: Result<Option<Decoded>, InputError>| match value {
        Ok(None) => Decoding::Tombstone,
        Ok(Some(d)) => decode_bytes(schema, &d.bytes, note(&d), frame),
        Err(e) => Decoding::Input(e.to_string()),
    };
    // A textarea's trailing line breaks are no tombstones; in raw bytes they are data.
    let text = match format {
        Some(InputFormat::Binary) => text,
        _ => text.trim_end_matches(['\n', '\r']),
    };
    let messages = match read_paste(text, format, read, Decoding::trailing) {
        Paste::One(decoding) => return single(decoding),
        Paste::Several(messages) => messages,
    };
    let current = chosen.min(messages.len() - 1);
    let mut lines = Vec::with_capacity(messages.len());
    let mut decoding = Decoding::Empty;
    for (i, (line, d)) in messages.into_iter().enumerate() {
        let (summary, ok) = d.summary();
        lines.push(MessageLine { line, summary, ok });
        if i == current {
            decoding = d;
        }
    }
    DecodeView {
        messages: lines,
        current,
        decoding,
    }
}

fn note(d: &Decoded) -> String {
    if d.note.is_empty() {
        format!("read as {}", d.format.name())
    } else {
        d.note.clone()
    }
}

/// Decodes bytes under the chosen framing: a container file with its own schema, else one datum.
fn decode_bytes(
    schema: &Arc<Schema>,
    bytes: &[u8],
    input_note: String,
    choice: FrameChoice,
) -> Decoding {
    if choice == FrameChoice::Container
        || (choice == FrameChoice::Auto && bytes.starts_with(&MAGIC))
    {
        return decode_container(bytes, input_note);
    }
    match read_framed(schema, bytes, choice) {
        Err(e) => Decoding::Framing(e, bytes.to_vec()),
        Ok(framed) => {
            let json = framed.walk.value.as_ref().map(|v| to_avro_json(schema, v));
            Decoding::Read {
                input_note,
                framing: framed.framing,
                alternatives: framed.alternatives,
                shown: Arc::new(Shown {
                    schema: schema.clone(),
                    walk: framed.walk,
                }),
                json,
            }
        }
    }
}

/// Reads an Object Container File with its own writer schema.
fn decode_container(bytes: &[u8], input_note: String) -> Decoding {
    let limits = Limits {
        max_records_kept: MAX_RECORDS_SHOWN,
        ..Limits::default()
    };
    let file = walk_container(bytes, &limits);
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let summary = match &file.container {
        Some(c) => format!(
            "Object Container File: codec {}, {}, {}, {}",
            c.header.codec.name(),
            plural(c.blocks.len(), "block"),
            plural(file.record_count, "record"),
            plural(c.header.user_metadata().count(), "user metadata key"),
        ),
        None => "Object Container File (header unreadable)".into(),
    };
    let record_count = file.record_count;
    let records = match &file.writer {
        Some(w) => file
            .records
            .iter()
            .map(|(b, v)| (*b, to_avro_json(w, v)))
            .collect(),
        None => Vec::new(),
    };
    // Spans name nodes of the file's writer schema; without a readable one, header spans need none.
    let schema = match file.writer {
        Some(w) => Arc::new(w),
        None => match parse_schema("\"null\"") {
            Ok(s) => Arc::new(s),
            Err(_) => return Decoding::Input("internal: the null schema does not parse".into()),
        },
    };
    Decoding::Container {
        input_note,
        summary,
        shown: Arc::new(Shown {
            schema,
            walk: file.walk,
        }),
        records,
        values: file.records.into_iter().map(|(_, v)| v).collect(),
        record_count,
        error: file.error,
    }
}
