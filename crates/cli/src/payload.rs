//! Reading a payload for `decode`, `inspect` and `annotate`: bytes from a file or stdin in any paste form,
//! then framed and decoded with the core. An Object Container File needs no schema: its header has one.
//! Text holding several messages, one per line as `kcat` prints them, is read message by message, and so are
//! the records of a Kafka tool's JSON (kcat -J, the REST Proxy, Kafka UI, AKHQ, Redpanda Console), each
//! with its envelope. A value whose bytes its JSON could not carry is not decoded: it is an error.
//! A binary container file is not read whole: [`open_input`] leaves it to be read block by block.

use crate::args::{read_bytes, Args, Failure};
use avro_playground_core::container::{
    damaged_magic, walk_container, ContainerWalk, Limits, MAGIC,
};
use avro_playground_core::framing::{read_framed, FrameChoice, Framed, Framing};
use avro_playground_core::input::{
    decode_input, describe_doubts, not_decoded, read_messages, Decoded, Doubt, Envelope,
    InputError, InputFormat, Message, Paste,
};
use avro_playground_core::schema::Schema;
use std::io::{Cursor, Read};

/// The flags every payload-reading command accepts.
pub const PAYLOAD_FLAGS: [&str; 3] = ["input", "input-format", "frame"];

/// Where a payload comes from, once its start has been looked at.
pub enum Input {
    /// A binary Object Container File, to be read block by block as it is decoded.
    Container(ContainerInput),
    /// Anything else, read whole.
    Bytes(Vec<u8>),
}

/// A binary container file to read as a stream.
pub struct ContainerInput {
    /// The file: the bytes already looked at, then the rest.
    pub reader: Box<dyn Read>,
    /// What was noticed about its form (`input: read as raw binary: …`), as reading it whole notes it.
    pub notes: Vec<String>,
}

/// How much of the input is looked at to tell a binary container file: enough for its header and the
/// sync marker after it, whose random bytes are not UTF-8 text, so no text form applies.
const PROBE_BYTES: u64 = 1 << 20;

/// Opens `--input` (or stdin). Input that starts with a container file's magic, under `--frame auto` or
/// `ocf` and `--input-format auto` or `binary`, and whose first `PROBE_BYTES` are not UTF-8 text (or are
/// binary by choice) is a binary container file, read as it is decoded; anything else is read whole, and a
/// container file in a text form (hex, base64…) too.
pub fn open_input(args: &Args) -> Result<Input, Failure> {
    let choice = frame_choice(args)?;
    let format = input_format(args)?;
    let (name, mut reader): (&str, Box<dyn Read>) = match args.value("input") {
        Some(path) => (
            path,
            Box::new(
                std::fs::File::open(path).map_err(|e| Failure::Invalid(format!("{path}: {e}")))?,
            ),
        ),
        None => ("standard input", Box::new(std::io::stdin().lock())),
    };
    let read_error = |e: std::io::Error| Failure::Invalid(format!("{name}: {e}"));
    let mut start = Vec::new();
    reader
        .by_ref()
        .take(PROBE_BYTES)
        .read_to_end(&mut start)
        .map_err(read_error)?;
    let streamable = matches!(choice, FrameChoice::Auto | FrameChoice::Container)
        && matches!(format, None | Some(InputFormat::Binary))
        && start.starts_with(&MAGIC);
    // Auto-detection takes bytes that are not UTF-8 text as binary; the first byte that is not decides,
    // so the start alone answers when it holds one.
    let binary =
        format.is_some() || std::str::from_utf8(&start).is_err_and(|e| e.error_len().is_some());
    if streamable && binary {
        if let Ok(decoded) = decode_input(&start, format) {
            if decoded.format == InputFormat::Binary {
                let (_, notes) = bytes_of(Ok(decoded), format)?;
                return Ok(Input::Container(ContainerInput {
                    reader: Box::new(Cursor::new(start).chain(reader)),
                    notes,
                }));
            }
        }
    }
    reader.read_to_end(&mut start).map_err(read_error)?;
    Ok(Input::Bytes(start))
}

/// What a payload turned out to be.
pub enum Payload {
    /// A single datum, framed or raw.
    Datum(Framed),
    /// An Object Container File, read whole.
    Container(ContainerWalk),
    /// Several messages, one per line, each read on its own, in order.
    Messages(Vec<LineMessage>),
}

/// One message of several: its line, the notes on reading it, and its datum.
pub struct LineMessage {
    /// The 1-based line of the input it stands on.
    pub line: usize,
    /// What was noticed reading it (paste form, other framings, trailing bytes), each starting `line N: `.
    pub notes: Vec<String>,
    /// `Ok(None)` for a tombstone (an empty line, or a null value in a JSON envelope: a Kafka null value);
    /// `Err` says why it cannot be read.
    pub datum: Result<Option<Framed>, String>,
    /// What a Kafka tool printed beside the value (topic, partition, offset, timestamp, key), for a record
    /// of a JSON envelope.
    pub envelope: Option<Envelope>,
    /// The value's bytes that its JSON could not carry; the datum is then an error.
    pub doubt: Vec<Doubt>,
}

/// `--input-format`: `None` for auto (the default).
fn input_format(args: &Args) -> Result<Option<InputFormat>, Failure> {
    match args.value("input-format").unwrap_or("auto") {
        "auto" => Ok(None),
        name => name
            .parse::<InputFormat>()
            .map(Some)
            .map_err(|e| Failure::Usage(e.to_string())),
    }
}

/// The bytes of a paste read in `format`, with a note saying what was recognised when it was detected.
fn bytes_of(
    decoded: Result<Decoded, InputError>,
    format: Option<InputFormat>,
) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let decoded = decoded.map_err(|e| Failure::Invalid(format!("input: {e}")))?;
    if !decoded.doubt.is_empty() {
        return Err(Failure::Invalid(in_doubt(&decoded.doubt, None)));
    }
    let mut notes = Vec::new();
    if format.is_none() && !decoded.note.is_empty() {
        notes.push(format!("input: {}", decoded.note));
    }
    Ok((decoded.bytes, notes))
}

/// Reads `--input` (or stdin) in `--input-format` (default auto) as one paste; notes say what was recognised.
pub fn read_payload(args: &Args) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let format = input_format(args)?;
    let raw = read_bytes(args.value("input"))?;
    bytes_of(decode_input(&raw, format), format)
}

fn frame_choice(args: &Args) -> Result<FrameChoice, Failure> {
    args.value("frame")
        .unwrap_or("auto")
        .parse()
        .map_err(Failure::Usage)
}

/// Reads the payload `raw` (what [`open_input`] read whole): an Object Container File (by `--frame ocf` or
/// its magic) is read whole with the writer schema from its header; anything else is decoded with
/// `schema`, which is then required. Text of several lines is one message or one per line as the core's
/// [`read_messages`] decides: a message wrapped over lines (base64 at 76 columns, `xxd -p`) stays one
/// message, and a Kafka tool's JSON is one message per record. Bytes that start like a container file with
/// a damaged magic are reported as such when there is no schema or they do not read as a datum.
pub fn read_any_payload(
    args: &Args,
    schema: Option<&Schema>,
    raw: Vec<u8>,
) -> Result<(Payload, Vec<String>), Failure> {
    read_any_payload_keeping(args, schema, raw, false)
}

/// [`read_any_payload`], but a container file that breaks off is returned with what was read before its
/// first problem (in [`ContainerWalk::error`]) instead of failing.
pub fn read_any_payload_keeping(
    args: &Args,
    schema: Option<&Schema>,
    raw: Vec<u8>,
    keep_broken_container: bool,
) -> Result<(Payload, Vec<String>), Failure> {
    let choice = frame_choice(args)?;
    let format = input_format(args)?;
    let whole = decode_input(&raw, format);
    if choice == FrameChoice::Container
        || (choice == FrameChoice::Auto
            && whole.as_ref().is_ok_and(|d| d.bytes.starts_with(&MAGIC)))
    {
        let (bytes, notes) = bytes_of(whole, format)?;
        let walk = walk_container(&bytes, &Limits::default());
        if let (Some(e), false) = (&walk.error, keep_broken_container) {
            return Err(Failure::Invalid(format!("ocf: {e}")));
        }
        return Ok((Payload::Container(walk), notes));
    }
    let damaged = whole
        .as_ref()
        .ok()
        .and_then(|d| damaged_magic(&d.bytes))
        .map(|why| Failure::Invalid(format!("ocf: {why}")));
    let Some(schema) = schema else {
        return Err(damaged.unwrap_or_else(|| {
            Failure::Usage(
                "--schema is required unless the input is an Object Container File".into(),
            )
        }));
    };
    let read = |message| read_message(schema, message, format, choice);
    match read_messages(&raw, format, read, Reading::trailing) {
        Paste::One(reading) => match reading.datum {
            Ok(Some(framed)) => Ok((Payload::Datum(framed), reading.notes)),
            Ok(None) => Err(Failure::Invalid("input: no message".into())),
            Err(why) => Err(damaged.unwrap_or(Failure::Invalid(why))),
        },
        Paste::Several(lines) => Ok((
            Payload::Messages(lines.into_iter().map(LineMessage::at).collect()),
            Vec::new(),
        )),
    }
}

/// One message read: the notes on reading it and its datum (`Ok(None)` for a tombstone), with a record's
/// envelope and doubts.
struct Reading {
    notes: Vec<String>,
    datum: Result<Option<Framed>, String>,
    envelope: Option<Envelope>,
    doubt: Vec<Doubt>,
}

impl Reading {
    /// The bytes left over after the datum; `None` when there is no datum.
    fn trailing(&self) -> Option<usize> {
        match &self.datum {
            Ok(Some(framed)) => Some(framed.trailing()),
            _ => None,
        }
    }
}

impl LineMessage {
    /// The reading of line `line`, its notes and error starting `line N: `.
    fn at((line, reading): (usize, Reading)) -> Self {
        let at = format!("line {line}: ");
        LineMessage {
            line,
            notes: reading.notes.iter().map(|n| format!("{at}{n}")).collect(),
            datum: reading
                .datum
                .map_err(|e| format!("{at}{}", e.replace('\n', " "))),
            envelope: reading.envelope,
            doubt: reading.doubt,
        }
    }
}

/// Why a value in doubt is not decoded, and how to get its bytes whole.
fn in_doubt(doubt: &[Doubt], envelope: Option<&Envelope>) -> String {
    format!("input: {}", not_decoded(doubt, envelope))
}

/// Reads one message (its bytes, `Ok(None)` for a tombstone, and a record's envelope) as a framed datum of
/// `schema`. A value in doubt is an error; a key that cannot be read is a note.
fn read_message(
    schema: &Schema,
    message: Message,
    format: Option<InputFormat>,
    choice: FrameChoice,
) -> Reading {
    let mut notes = Vec::new();
    let envelope = message.envelope;
    match envelope.as_ref().map(|e| &e.key) {
        Some(Err(e)) => notes.push(format!("key: {e}")),
        Some(Ok(Some(key))) if !key.doubt.is_empty() => {
            notes.push(format!("key: {}", describe_doubts(&key.doubt)));
        }
        _ => {}
    }
    let mut doubt = Vec::new();
    let datum = match message.value {
        Ok(None) => Ok(None),
        Err(e) => Err(format!("input: {e}")),
        Ok(Some(decoded)) => {
            if format.is_none() && !decoded.note.is_empty() {
                notes.push(format!("input: {}", decoded.note));
            }
            if decoded.doubt.is_empty() {
                decode_framed(schema, &decoded.bytes, choice, &mut notes)
                    .map_err(|e| e.to_string())
                    .and_then(|framed| match framed.framing {
                        Framing::Container => Err(
                            "an Object Container File cannot be one of several messages: give it as the whole input"
                                .to_string(),
                        ),
                        _ => Ok(Some(framed)),
                    })
            } else {
                doubt = decoded.doubt;
                Err(in_doubt(&doubt, envelope.as_ref()))
            }
        }
    };
    Reading {
        notes,
        datum,
        envelope,
        doubt,
    }
}

/// Reads the payload as one datum of `schema` under `--frame` (default auto).
pub fn read_framed_payload(args: &Args, schema: &Schema) -> Result<(Framed, Vec<String>), Failure> {
    let choice = frame_choice(args)?;
    let (bytes, mut notes) = read_payload(args)?;
    let framed = decode_framed(schema, &bytes, choice, &mut notes)?;
    Ok((framed, notes))
}

/// Decodes bytes as one datum: a datum that does not decode fails with the byte offset and the path;
/// readings that were also possible, and trailing bytes, become notes.
fn decode_framed(
    schema: &Schema,
    bytes: &[u8],
    choice: FrameChoice,
    notes: &mut Vec<String>,
) -> Result<Framed, Failure> {
    let framed = read_framed(schema, bytes, choice).map_err(|e| {
        Failure::Invalid(format!(
            "{} framing, byte {}: {}",
            e.framing, e.offset, e.message
        ))
    })?;
    if let Some(e) = &framed.walk.error {
        let also = framed
            .alternatives
            .iter()
            .map(|a| format!("; {a}"))
            .collect::<String>();
        return Err(Failure::Invalid(format!(
            "{} body: {e}{also}",
            framed.framing.name()
        )));
    }
    for alt in &framed.alternatives {
        notes.push(format!("read as {}; {alt}", framed.framing.name()));
    }
    if framed.trailing() > 0 {
        notes.push(format!(
            "{} trailing byte{} after the datum (from byte {}) were not read",
            framed.trailing(),
            if framed.trailing() == 1 { "" } else { "s" },
            framed.walk.end
        ));
    }
    Ok(framed)
}
