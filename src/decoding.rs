//! Pasted text, or a file, decoded with the core for the decode panel: the paste form, one message or
//! several (one per line, as kcat prints them), the framing, the datum or a container file's records.

use crate::state::Shown;
use crate::worker::offloaded::Answer;
use crate::worker::protocol::{Chosen, ContainerRead, MessageLine, PasteRead};
use crate::worker::WorkerError;
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::container::MAGIC;
use avro_playground_core::framing::{read_framed, FrameChoice, Framing, FramingError};
use avro_playground_core::input::{
    describe_doubts, not_decoded, read_messages, Decoded, Envelope, InputError, InputFormat,
    Message, Paste,
};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::source::json_string;
use avro_playground_core::value::Value;
use avro_playground_core::walker::{decode, Walk};
use std::sync::Arc;

/// A container file as the worker read it, ready to show: its spans named by its own writer schema.
pub struct ContainerFile {
    /// The text of the file's writer schema (empty when it does not parse).
    pub schema_text: String,
    /// The codec, block and record counts, e.g. `codec deflate, 3 blocks`.
    pub summary: String,
    /// The spans over the file, named by the file's own writer schema.
    pub shown: Arc<Shown>,
    /// The first records read (at most `protocol::MAX_RECORDS_SHOWN`), as Avro JSON, with their block
    /// numbers.
    pub records: Vec<(usize, String)>,
    /// The same records' values (for reading them with another schema).
    pub values: Vec<Value>,
    /// How many records were read in all.
    pub record_count: u64,
    /// The first problem, naming where.
    pub error: Option<String>,
}

impl ContainerFile {
    /// The worker's reading of `bytes`, with the writer schema parsed here (the same text gives the same
    /// nodes, which the spans name) and each record decoded again from its binary encoding.
    pub fn new(bytes: Vec<u8>, read: ContainerRead) -> Option<Self> {
        let writer = read
            .schema
            .as_deref()
            .and_then(|text| parse_schema(text).ok());
        let mut records = Vec::with_capacity(read.records.len());
        let mut values = Vec::with_capacity(read.records.len());
        if let Some(w) = &writer {
            for (block, record) in &read.records {
                if let Some(v) = decode(w, record).value {
                    records.push((*block as usize, to_avro_json(w, &v)));
                    values.push(v);
                }
            }
        }
        // Without a readable writer schema only the header has spans, and they name no node.
        let schema = match writer {
            Some(w) => w,
            None => parse_schema("\"null\"").ok()?,
        };
        let walk = Walk {
            bytes,
            spans: read.spans,
            value: None,
            error: read.walk_error,
            end: read.end,
        };
        Some(ContainerFile {
            schema_text: read.schema.unwrap_or_default(),
            summary: read.summary,
            shown: Arc::new(Shown {
                schema: Arc::new(schema),
                walk,
            }),
            records,
            values,
            record_count: read.record_count,
            error: read.error,
        })
    }
}

/// The worker's reading of a container file's bytes, asked for when not there yet.
pub type ReadContainer<'a> = &'a dyn Fn(&Arc<Vec<u8>>) -> Answer<Arc<ContainerFile>>;

/// One message's bytes decoded, or why they could not be.
pub enum Decoding {
    /// The schema does not parse.
    NoSchema,
    /// Nothing pasted yet.
    Empty,
    /// A null value (Kafka tombstone): an empty line among several messages, or a record's null value.
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
        /// The file as the worker read it.
        file: Arc<ContainerFile>,
    },
    /// An Object Container File not read yet (the worker reads only the chosen message's).
    Unread {
        /// How the paste was recognised.
        input_note: String,
        /// The file's bytes.
        bytes: Arc<Vec<u8>>,
    },
    /// The worker is reading the paste or the container file (what, in words).
    Loading(&'static str),
    /// The worker could not read it.
    Worker(WorkerError),
}

impl Decoding {
    /// The bytes to show in the hex view, if any.
    pub fn shown(&self) -> Option<Arc<Shown>> {
        match self {
            Decoding::Read { shown, .. } => Some(shown.clone()),
            Decoding::Container { file, .. } => Some(file.shown.clone()),
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
            Decoding::Container { file, .. } if file.error.is_none() => Some(0),
            // Whole, as far as the split into messages goes: a container file is one.
            Decoding::Unread { .. } => Some(0),
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
            Decoding::Container { file, .. } => (file.summary.clone(), file.error.is_none()),
            Decoding::Unread { bytes, .. } => (
                format!(
                    "Object Container File, {} bytes (choose it to read it)",
                    bytes.len()
                ),
                true,
            ),
            Decoding::Worker(e) => (e.to_string(), false),
            Decoding::NoSchema | Decoding::Empty | Decoding::Loading(_) => (String::new(), false),
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
    read_container: ReadContainer,
) -> DecodeView {
    let note = format!("file {name}, {} bytes", bytes.len());
    DecodeView {
        messages: Vec::new(),
        current: 0,
        decoding: read_chosen(decode_bytes(schema, bytes, note, frame), read_container),
    }
}

/// The chosen message, with its container file read by the worker (or loading).
fn read_chosen(decoding: Decoding, read_container: ReadContainer) -> Decoding {
    match decoding {
        Decoding::Unread { input_note, bytes } => match read_container(&bytes) {
            Answer::Done(file) => Decoding::Container { input_note, file },
            Answer::Loading => Decoding::Loading("Reading the container file"),
            Answer::Failed(e) => Decoding::Worker(e),
        },
        other => other,
    }
}

/// Reads pasted text (in the worker): the form (`None` detects it), one message, one per line, or a Kafka
/// tool's JSON records (each with its envelope), each decoded with `schema` under `frame` for its summary;
/// the chosen message (`chosen`, bounded by the count) is kept as read from the text, for the page to
/// decode again. A value whose bytes its JSON could not carry is not decoded (as on the command line): its
/// error names the bytes in doubt and the way to get them whole.
pub fn read_paste_text(
    schema: &Arc<Schema>,
    text: &str,
    format: Option<InputFormat>,
    frame: FrameChoice,
    chosen: usize,
    keys: Option<&Result<Schema, String>>,
) -> PasteRead {
    let one = |chosen| PasteRead {
        messages: Vec::new(),
        current: 0,
        chosen,
    };
    if text.trim().is_empty() {
        return one(Chosen::Empty);
    }
    let read = |m: Message| {
        let (decoding, chosen) = match m.value {
            Ok(None) => (Decoding::Tombstone, Chosen::Tombstone),
            Ok(Some(d)) if !d.doubt.is_empty() => (
                Decoding::Input(format!("not decoded: {}", describe_doubts(&d.doubt))),
                Chosen::Input(not_decoded(&d.doubt, m.envelope.as_ref())),
            ),
            Ok(Some(d)) => {
                let note = note(&d);
                let decoding = decode_bytes(schema, &d.bytes, note.clone(), frame);
                (
                    decoding,
                    Chosen::Bytes {
                        note,
                        bytes: d.bytes,
                    },
                )
            }
            Err(e) => (Decoding::Input(e.to_string()), Chosen::Input(e.to_string())),
        };
        let envelope = m
            .envelope
            .as_ref()
            .map_or(Vec::new(), |e| envelope_fields(e, keys));
        (decoding, chosen, envelope)
    };
    // A textarea's trailing line breaks are no tombstones; in raw bytes they are data.
    let text = match format {
        Some(InputFormat::Binary) => text,
        _ => text.trim_end_matches(['\n', '\r']),
    };
    let messages = match read_messages(text.as_bytes(), format, read, |(d, ..)| d.trailing()) {
        Paste::One((_, chosen, _)) => return one(chosen),
        Paste::Several(messages) => messages,
    };
    let current = chosen.min(messages.len() - 1);
    let mut lines = Vec::with_capacity(messages.len());
    let mut picked = Chosen::Empty;
    for (i, (line, (d, message, envelope))) in messages.into_iter().enumerate() {
        let (summary, ok) = d.summary();
        lines.push(MessageLine {
            line,
            summary,
            ok,
            envelope,
        });
        if i == current {
            picked = message;
        }
    }
    PasteRead {
        messages: lines,
        current,
        chosen: picked,
    }
}

/// What a Kafka tool printed beside a message's value, as the list of messages shows it: the topic,
/// partition, offset, key and timestamp, each with its name, where written. The key is `null`, its datum
/// as Avro JSON when `keys` gives a key schema (its framing detected, a Confluent one named), else its text
/// as a JSON string when it is printable UTF-8, else its bytes in hex; with its bytes in doubt, or why it
/// cannot be read.
fn envelope_fields(e: &Envelope, keys: Option<&Result<Schema, String>>) -> Vec<String> {
    let key = match (&e.key, keys) {
        (Ok(Some(k)), Some(keys)) if k.doubt.is_empty() => key_datum(&k.bytes, keys),
        (key, _) => plain_key(key),
    };
    let mut fields = Vec::new();
    if let Some(topic) = &e.topic {
        fields.push(format!("topic {topic}"));
    }
    if let Some(partition) = e.partition {
        fields.push(format!("partition {partition}"));
    }
    if let Some(offset) = e.offset {
        fields.push(format!("offset {offset}"));
    }
    fields.push(format!("key {key}"));
    if let Some(time) = &e.timestamp {
        fields.push(format!("time {}", time.describe()));
    }
    fields
}

/// A key's bytes read as a datum of the key schema (raw, Confluent-framed or single-object).
fn key_datum(bytes: &[u8], keys: &Result<Schema, String>) -> String {
    let schema = match keys {
        Ok(s) => s,
        Err(e) => return format!("(the key schema does not parse: {e})"),
    };
    match read_framed(schema, bytes, FrameChoice::Auto) {
        Ok(read) => match (&read.walk.value, &read.walk.error) {
            (Some(v), None) if read.walk.trailing() == 0 => {
                let framed = match read.framing {
                    Framing::Raw => String::new(),
                    f => format!(" ({})", describe_framing(&f)),
                };
                format!("{}{framed}", to_avro_json(schema, v))
            }
            (_, Some(e)) => format!("0x{} (not a key of that schema: {e})", to_hex(bytes)),
            _ => format!(
                "0x{} (not a key of that schema: bytes left over)",
                to_hex(bytes)
            ),
        },
        Err(e) => format!("0x{} (not a key of that schema: {e})", to_hex(bytes)),
    }
}

/// A key as text, or hex.
fn plain_key(key: &Result<Option<Decoded>, InputError>) -> String {
    match key {
        Ok(None) => "null".into(),
        Ok(Some(k)) => {
            let text = match std::str::from_utf8(&k.bytes) {
                Ok(text) if !text.contains(char::is_control) => json_string(text),
                _ => format!("0x{}", to_hex(&k.bytes)),
            };
            if k.doubt.is_empty() {
                text
            } else {
                format!("{text} ({})", describe_doubts(&k.doubt))
            }
        }
        Err(why) => format!("unreadable ({why})"),
    }
}

/// The page's view of a paste the worker read: its messages, and the chosen one decoded with `schema`
/// (its container file read by the worker too).
pub fn decode_paste(
    schema: &Arc<Schema>,
    paste: &PasteRead,
    frame: FrameChoice,
    read_container: ReadContainer,
) -> DecodeView {
    let decoding = match &paste.chosen {
        Chosen::Empty => Decoding::Empty,
        Chosen::Tombstone => Decoding::Tombstone,
        Chosen::Input(e) => Decoding::Input(e.clone()),
        Chosen::Bytes { note, bytes } => decode_bytes(schema, bytes, note.clone(), frame),
    };
    DecodeView {
        messages: paste.messages.clone(),
        current: paste.current,
        decoding: read_chosen(decoding, read_container),
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
        return Decoding::Unread {
            input_note,
            bytes: Arc::new(bytes.to_vec()),
        };
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
