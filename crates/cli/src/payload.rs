//! Reading a payload for `decode`, `inspect` and `annotate`: bytes from a file or stdin in any paste form,
//! then framed and decoded with the core. An Object Container File needs no schema: its header has one.
//! Text holding several messages, one per line as `kcat` prints them, is read message by message.

use crate::args::{read_bytes, Args, Failure};
use avro_playground_core::container::{walk_container, ContainerWalk, Limits, MAGIC};
use avro_playground_core::framing::{read_framed, FrameChoice, Framed, Framing};
use avro_playground_core::input::{decode_input, split_messages, Decoded, InputError, InputFormat};
use avro_playground_core::schema::Schema;

/// The flags every payload-reading command accepts.
pub const PAYLOAD_FLAGS: [&str; 3] = ["input", "input-format", "frame"];

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
    /// `Ok(None)` for a tombstone (an empty line: a Kafka null value); `Err` says why it cannot be read.
    pub datum: Result<Option<Framed>, String>,
}

impl LineMessage {
    /// Whether the line is one datum with nothing left over: evidence that the lines are messages.
    fn is_whole_datum(&self) -> bool {
        matches!(&self.datum, Ok(Some(framed)) if framed.trailing() == 0)
    }
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

/// Reads the payload: an Object Container File (by `--frame ocf` or its magic) is read whole with the
/// writer schema from its header; anything else is decoded with `schema`, which is then required. Text of
/// several lines is several messages when one of its lines is a whole datum, or when the text does not
/// read as one datum; a message wrapped over lines (base64 at 76 columns, `xxd -p`) stays one message.
pub fn read_any_payload(
    args: &Args,
    schema: Option<&Schema>,
) -> Result<(Payload, Vec<String>), Failure> {
    let choice = frame_choice(args)?;
    let format = input_format(args)?;
    let raw = read_bytes(args.value("input"))?;
    let whole = decode_input(&raw, format);
    if choice == FrameChoice::Container
        || (choice == FrameChoice::Auto
            && whole.as_ref().is_ok_and(|d| d.bytes.starts_with(&MAGIC)))
    {
        let (bytes, notes) = bytes_of(whole, format)?;
        let walk = walk_container(&bytes, &Limits::default());
        if let Some(e) = &walk.error {
            return Err(Failure::Invalid(format!("ocf: {e}")));
        }
        return Ok((Payload::Container(walk), notes));
    }
    let schema = schema.ok_or_else(|| {
        Failure::Usage("--schema is required unless the input is an Object Container File".into())
    })?;
    let one_datum = || {
        let (bytes, mut notes) = bytes_of(whole, format)?;
        decode_framed(schema, &bytes, choice, &mut notes).map(|framed| (framed, notes))
    };
    let text = match std::str::from_utf8(&raw) {
        Ok(text) if format != Some(InputFormat::Binary) => text,
        _ => return one_datum().map(|(framed, notes)| (Payload::Datum(framed), notes)),
    };
    let lines = split_messages(text, format);
    if lines.len() < 2 {
        return one_datum().map(|(framed, notes)| (Payload::Datum(framed), notes));
    }
    let messages: Vec<LineMessage> = lines
        .into_iter()
        .map(|m| read_line(schema, m.line, m.value, format, choice))
        .collect();
    if messages.iter().any(LineMessage::is_whole_datum) {
        return Ok((Payload::Messages(messages), Vec::new()));
    }
    match one_datum() {
        Ok((framed, notes)) => Ok((Payload::Datum(framed), notes)),
        Err(_) => Ok((Payload::Messages(messages), Vec::new())),
    }
}

/// Reads one line of several as a message.
fn read_line(
    schema: &Schema,
    line: usize,
    value: Result<Option<Decoded>, InputError>,
    format: Option<InputFormat>,
    choice: FrameChoice,
) -> LineMessage {
    let at = format!("line {line}: ");
    let mut notes = Vec::new();
    let datum = match value {
        Ok(None) => Ok(None),
        Err(e) => Err(format!("input: {e}")),
        Ok(Some(decoded)) => {
            if format.is_none() && !decoded.note.is_empty() {
                notes.push(format!("{at}input: {}", decoded.note));
            }
            let mut framing_notes = Vec::new();
            let datum = decode_framed(schema, &decoded.bytes, choice, &mut framing_notes)
                .map_err(|e| e.to_string())
                .and_then(|framed| match framed.framing {
                    Framing::Container => Err(
                        "an Object Container File cannot be one of several messages: give it as the whole input"
                            .to_string(),
                    ),
                    _ => Ok(Some(framed)),
                });
            notes.extend(framing_notes.into_iter().map(|n| format!("{at}{n}")));
            datum
        }
    };
    LineMessage {
        line,
        notes,
        datum: datum.map_err(|e| format!("{at}{}", e.replace('\n', " "))),
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
