//! Reading a payload for `decode`, `inspect` and `annotate`: bytes from a file or stdin in any paste form,
//! then framed and decoded with the core. An Object Container File needs no schema: its header has one.

use crate::args::{read_bytes, Args, Failure};
use avro_playground_core::container::{walk_container, ContainerWalk, Limits, MAGIC};
use avro_playground_core::framing::{read_framed, FrameChoice, Framed};
use avro_playground_core::input::{decode_input, InputFormat};
use avro_playground_core::schema::Schema;

/// The flags every payload-reading command accepts.
pub const PAYLOAD_FLAGS: [&str; 3] = ["input", "input-format", "frame"];

/// What a payload turned out to be.
pub enum Payload {
    /// A single datum, framed or raw.
    Datum(Framed),
    /// An Object Container File, read whole.
    Container(ContainerWalk),
}

/// Reads `--input` (or stdin) in `--input-format` (default auto); notes say what was recognised.
pub fn read_payload(args: &Args) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let format = match args.value("input-format").unwrap_or("auto") {
        "auto" => None,
        name => Some(
            name.parse::<InputFormat>()
                .map_err(|e| Failure::Usage(e.to_string()))?,
        ),
    };
    let raw = read_bytes(args.value("input"))?;
    let decoded =
        decode_input(&raw, format).map_err(|e| Failure::Invalid(format!("input: {e}")))?;
    let mut notes = Vec::new();
    if format.is_none() && !decoded.note.is_empty() {
        notes.push(format!("input: {}", decoded.note));
    }
    Ok((decoded.bytes, notes))
}

fn frame_choice(args: &Args) -> Result<FrameChoice, Failure> {
    args.value("frame")
        .unwrap_or("auto")
        .parse()
        .map_err(Failure::Usage)
}

/// Reads the payload: an Object Container File (by `--frame ocf` or its magic) is read whole with the
/// writer schema from its header; anything else is decoded with `schema`, which is then required.
pub fn read_any_payload(
    args: &Args,
    schema: Option<&Schema>,
) -> Result<(Payload, Vec<String>), Failure> {
    let choice = frame_choice(args)?;
    let (bytes, mut notes) = read_payload(args)?;
    if choice == FrameChoice::Container
        || (choice == FrameChoice::Auto && bytes.starts_with(&MAGIC))
    {
        let walk = walk_container(&bytes, &Limits::default());
        if let Some(e) = &walk.error {
            return Err(Failure::Invalid(format!("ocf: {e}")));
        }
        return Ok((Payload::Container(walk), notes));
    }
    let schema = schema.ok_or_else(|| {
        Failure::Usage("--schema is required unless the input is an Object Container File".into())
    })?;
    let framed = decode_framed(schema, &bytes, choice, &mut notes)?;
    Ok((Payload::Datum(framed), notes))
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
