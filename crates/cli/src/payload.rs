//! Reading a payload for `decode`, `inspect` and `annotate`: bytes from a file or stdin in any paste form,
//! then framed and decoded with the core.

use crate::args::{read_bytes, Args, Failure};
use avro_playground_core::framing::{read_framed, FrameChoice, Framed};
use avro_playground_core::input::{decode_input, InputFormat};
use avro_playground_core::schema::Schema;

/// The flags every payload-reading command accepts.
pub const PAYLOAD_FLAGS: [&str; 3] = ["input", "input-format", "frame"];

/// Reads `--input` (or stdin) in `--input-format` (default auto); notes say what was recognised.
pub fn read_payload(args: &Args) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let format = match args.value("input-format").unwrap_or("auto") {
        "auto" => None,
        name => Some(name.parse::<InputFormat>().map_err(Failure::Usage)?),
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

/// Reads the payload and decodes it under `--frame` (default auto). A datum that does not decode fails
/// with the byte offset and the path; readings that were also possible become notes.
pub fn read_framed_payload(args: &Args, schema: &Schema) -> Result<(Framed, Vec<String>), Failure> {
    let choice: FrameChoice = args
        .value("frame")
        .unwrap_or("auto")
        .parse()
        .map_err(Failure::Usage)?;
    let (bytes, mut notes) = read_payload(args)?;
    let framed = read_framed(schema, &bytes, choice).map_err(|e| {
        Failure::Invalid(format!(
            "{} framing, byte {}: {}",
            e.framing, e.offset, e.message
        ))
    })?;
    if let Some(e) = &framed.walk.error {
        return Err(Failure::Invalid(format!(
            "{} body: {e}",
            framed.framing.name()
        )));
    }
    for alt in &framed.alternatives {
        notes.push(format!("read as {}; {alt}", framed.framing.name()));
    }
    if framed.trailing() > 0 {
        notes.push(format!(
            "{} trailing bytes after the datum (from byte {}) were not read",
            framed.trailing(),
            framed.walk.end
        ));
    }
    Ok((framed, notes))
}
