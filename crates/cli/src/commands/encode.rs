//! `encode`: an Avro JSON datum → Avro binary as lowercase hex, framed as asked, or an Object Container
//! File written to `--output`.

use crate::args::{read_bytes, read_schema_and_text, Args, Failure, Output};
use crate::datum::{datum_reading_help, Reading, Source, PLAIN_JSON};
use avro_playground_core::canonical::to_hex;
use avro_playground_core::container::{write_container, Codec};
use avro_playground_core::framing::{write_framed, FrameOut};
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use avro_playground_core::walker::encode;
use md5::Digest as _;

/// Help text.
pub const HELP: &str = concat!(
    "avro-playground encode --schema S.avsc [--datum D.json] [--plain-json]
    [--frame raw|confluent:ID|single-object|ocf:CODEC] [--output FILE]

Reads an Avro JSON datum (from D.json, or stdin when --datum is omitted) and prints its Avro binary
encoding as lowercase hex on one line, framed as asked (default raw).
ocf:CODEC (null, deflate, snappy, bzip2, xz, zstandard) writes an Object Container File to --output
FILE (binary), one block; the input may hold one datum, or several as JSON lines (one per line). The
sync marker is derived from the content (MD5), so the same input gives the same file.

",
    datum_reading_help!()
);

/// Reads the datum text: one datum, or (for a container file) one per line; with the notes of the
/// conversions made.
fn datums(
    schema: &Schema,
    text: &str,
    name: &str,
    several: bool,
    reading: Reading,
) -> Result<(Vec<Value>, Vec<String>), Failure> {
    let whole = Source { name, line: None };
    let whole_error = match reading.read(schema, text) {
        Ok((value, conversions)) => return Ok((vec![value], whole.notes(&conversions))),
        Err(e) => e,
    };
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    if !several || lines.len() < 2 {
        return Err(whole.failure(&whole_error));
    }
    let mut values = Vec::with_capacity(lines.len());
    let mut notes = Vec::new();
    for (n, l) in lines {
        let source = Source {
            name,
            line: Some(n),
        };
        let (value, conversions) = reading.read(schema, l).map_err(|e| source.failure(&e))?;
        values.push(value);
        notes.extend(source.notes(&conversions));
    }
    Ok((values, notes))
}

/// Where encoded datums go, as `--frame` and `--output` say: hex on stdout, or a container file.
pub(super) enum Destination {
    /// One line of lowercase hex per datum, framed so.
    Hex(FrameOut),
    /// An Object Container File of one block, written to `path`.
    Container {
        /// The block's codec.
        codec: Codec,
        /// The file to write.
        path: String,
    },
}

impl Destination {
    /// Reads `--frame` (default `raw`) and `--output`, which goes only with `--frame ocf:CODEC`.
    pub(super) fn from_args(args: &Args) -> Result<Destination, Failure> {
        let frame = args.value("frame").unwrap_or("raw");
        if let Some(codec) = frame.strip_prefix("ocf:") {
            let codec = codec.parse().map_err(|e| Failure::Usage(format!("{e}")))?;
            let path = args.required("output")?.to_string();
            return Ok(Destination::Container { codec, path });
        }
        let frame = frame.parse().map_err(Failure::Usage)?;
        if args.value("output").is_some() {
            return Err(Failure::Usage(
                "--output goes with --frame ocf:CODEC; other framings print hex".into(),
            ));
        }
        Ok(Destination::Hex(frame))
    }

    /// Encodes `values`, datums of `schema` (whose text is `schema_text`) read from `source`, there.
    pub(super) fn write(
        &self,
        schema: &Schema,
        schema_text: &str,
        values: &[Value],
        source: &str,
    ) -> Result<Output, Failure> {
        let invalid = |e: avro_playground_core::walker::EncodeError| {
            Failure::Invalid(format!("{source}: {e}"))
        };
        let (codec, output) = match self {
            Destination::Hex(frame) => {
                let lines = values
                    .iter()
                    .map(|v| write_framed(schema, v, *frame).map(|walk| to_hex(&walk.bytes)))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(invalid)?;
                return Ok(lines.join("\n").into());
            }
            Destination::Container { codec, path } => (*codec, path),
        };
        let mut data = Vec::new();
        for v in values {
            data.extend_from_slice(&encode(schema, v).map_err(invalid)?.bytes);
        }
        let digest = md5::Md5::digest([schema_text.as_bytes(), &data].concat());
        let sync: [u8; 16] = digest.into();
        let file = write_container(
            schema_text.trim(),
            codec,
            &[(values.len() as u64, data)],
            sync,
            &[],
        )
        .map_err(|e| Failure::Invalid(format!("ocf: {e}")))?;
        std::fs::write(output, &file).map_err(|e| Failure::Invalid(format!("{output}: {e}")))?;
        Ok(Output {
            stdout: String::new(),
            notes: vec![format!(
                "wrote {output}: {} bytes, {} records, codec {}",
                file.len(),
                values.len(),
                codec.name()
            )],
            failed: false,
        })
    }
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[PLAIN_JSON])?;
    args.only(&["schema", "datum", "frame", "output", PLAIN_JSON])?;
    let reading = Reading::of(&args);
    let (schema, schema_text) = read_schema_and_text(args.required("schema")?)?;
    let destination = Destination::from_args(&args)?;
    let datum_name = args.value("datum").unwrap_or("stdin");
    let text = String::from_utf8(read_bytes(args.value("datum"))?)
        .map_err(|e| Failure::Invalid(format!("{datum_name}: not UTF-8 text ({e})")))?;
    let several = matches!(destination, Destination::Container { .. });
    let (values, mut notes) = datums(&schema, &text, datum_name, several, reading)?;
    let mut output = destination.write(&schema, &schema_text, &values, datum_name)?;
    notes.append(&mut output.notes);
    output.notes = notes;
    Ok(output)
}
