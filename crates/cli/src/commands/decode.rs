//! `decode`: Avro binary (any paste form, any framing, or a container file) → Avro JSON.

use crate::args::{read_schema, Args, Failure, Output};
use crate::payload::{open_input, read_any_payload, ContainerInput, Input, Payload, PAYLOAD_FLAGS};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::container::{pass_container, BlockEntry, Limits, PassVisitor};
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;

/// Help text.
pub const HELP: &str = "avro-playground decode --schema W.avsc [--reader R.avsc] [--input FILE]
    [--input-format auto|hex|base64|base64url|xxd|od|escaped|bytes|json-envelope|binary]
    [--frame auto|raw|confluent|single-object|ocf]

Reads bytes (from FILE or stdin; `auto` recognises the paste form), detects or applies the framing, and
prints the datum as Avro JSON on one line. With --frame auto a raw datum that happens to start with 00
or C3 01 is not mistaken for a frame: the reading that decodes the whole input wins, and stderr says
when another reading was also possible.
An Object Container File needs no --schema (its header carries the writer's; --schema given is read as
the reader schema): each record is printed as Avro JSON, one per line. A binary container file is read
block by block as its records are printed, so its size does not matter and memory stays within a few
blocks; a problem in it stops the output there (the records before it are printed), says where on stderr
and exits 1.
--reader R.avsc: read the datum with the reader schema per the spec's resolution rules (Java's choice of
union branch); each step (promotion, default, skipped field, enum default, branch, alias) is noted on
stderr. An impossible resolution exits 1 naming the path and the rule.
Several messages, one per line (as kcat prints them; an empty line is a tombstone, a Kafka null value):
each is read on its own (--reader applies to each) and printed on its own line, in order; a tombstone
prints null and notes `line N: tombstone (empty message)` on stderr; a message that cannot be read prints
nothing and a one-line `line N: ...` message on stderr saying where and why. Every message is tried; the
exit status is 1 if any failed. A message wrapped over lines (base64 at 76 columns, xxd -p) is one message
when no line is a whole datum and the whole text is one; a dump (xxd, od, hexdump) is always one.
Byte arrays as code prints them (bytes): Java's [0, -56] (signed) or Python's and JavaScript's [0, 200]
(unsigned), Uint8Array(2) [...], Go's [0 200]; stderr says which reading was taken.
Kafka tools' JSON (json-envelope): kcat -J lines (or jq's pretty-printing of them), a REST Proxy response
(binary, v2), a Kafka UI message, an AKHQ or Redpanda Console export: each record is a message, read as
above (null value: a tombstone). A value that its JSON could not carry whole (a U+FFFD replacement
character, or an escape above \\u00FF, where kcat's raw bytes were decoded as text on the way) is not
decoded: stderr names the bytes in doubt and how to get them whole, nothing is printed for it, and the exit
status is 1.";

/// Resolves `value` to `reader` when one is given, noting each step.
fn read_as(
    writer: &Schema,
    reader: Option<&Schema>,
    value: &Value,
    notes: &mut Vec<String>,
    at: &str,
) -> Result<String, Failure> {
    let Some(reader) = reader else {
        return Ok(to_avro_json(writer, value));
    };
    let resolved = resolve(writer, reader, value)
        .map_err(|e| Failure::Invalid(format!("{at}resolution at {e}")))?;
    notes.extend(
        resolved
            .steps
            .iter()
            .map(|s| format!("{at}resolution at {}: {}", s.path, s.message)),
    );
    Ok(to_avro_json(reader, &resolved.value))
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    let mut known = vec!["schema", "reader"];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = args.value("schema").map(read_schema).transpose()?;
    let reader = args.value("reader").map(read_schema).transpose()?;
    let raw = match open_input(&args)? {
        // In a container file the writer schema is the header's; a --schema given is the reader's.
        Input::Container(file) => return decode_stream(file, reader.as_ref().or(schema.as_ref())),
        Input::Bytes(raw) => raw,
    };
    let (payload, mut notes) = read_any_payload(&args, schema.as_ref(), raw)?;
    match payload {
        Payload::Datum(framed) => {
            let writer = schema
                .as_ref()
                .ok_or_else(|| Failure::Usage("--schema is required".into()))?;
            let value = framed
                .walk
                .value
                .as_ref()
                .ok_or_else(|| Failure::Invalid("no datum was decoded".into()))?;
            let stdout = read_as(writer, reader.as_ref(), value, &mut notes, "")?;
            Ok(Output {
                stdout,
                notes,
                failed: false,
            })
        }
        Payload::Messages(messages) => {
            let writer = schema
                .as_ref()
                .ok_or_else(|| Failure::Usage("--schema is required".into()))?;
            let mut lines = Vec::with_capacity(messages.len());
            let mut failed = false;
            for message in messages {
                let at = format!("line {}: ", message.line);
                notes.extend(message.notes);
                let json = match message.datum {
                    Ok(None) => {
                        let what = match message.envelope {
                            Some(_) => "null value",
                            None => "empty message",
                        };
                        notes.push(format!("{at}tombstone ({what})"));
                        Ok("null".to_string())
                    }
                    Ok(Some(framed)) => match framed.walk.value.as_ref() {
                        Some(value) => read_as(writer, reader.as_ref(), value, &mut notes, &at)
                            .map_err(|e| e.to_string()),
                        None => Err(format!("{at}no datum was decoded")),
                    },
                    Err(e) => Err(e),
                };
                match json {
                    Ok(json) => lines.push(json),
                    Err(e) => {
                        failed = true;
                        notes.push(e.replace('\n', " "));
                    }
                }
            }
            Ok(Output {
                stdout: lines.join("\n"),
                notes,
                failed,
            })
        }
        Payload::Container(file) => {
            let writer = file
                .writer
                .as_ref()
                .ok_or_else(|| Failure::Invalid("ocf: no writer schema".into()))?;
            // In a container file the writer schema is the header's; a --schema given is the reader's.
            let reader = reader.as_ref().or(schema.as_ref());
            let mut lines = Vec::with_capacity(file.records.len());
            for (i, (block, value)) in file.records.iter().enumerate() {
                let at = format!("block {block} record {}: ", i + 1);
                lines.push(read_as(writer, reader, value, &mut notes, &at)?);
            }
            Ok(Output {
                stdout: lines.join("\n"),
                notes,
                failed: false,
            })
        }
    }
}

/// Prints each record of a container file as it is read, its resolution steps on stderr.
struct RecordPrinter<'r, W> {
    out: W,
    reader: Option<&'r Schema>,
    /// Notes on the input, printed with the first record (or at a clean end), as a file read whole prints
    /// them only when it decodes.
    notes: Vec<String>,
    records: u64,
    /// Why printing stopped before the end of the file, when it did.
    failure: Option<Failure>,
}

impl<W: Write> PassVisitor for RecordPrinter<'_, W> {
    fn block(&mut self, _entry: &BlockEntry, decoding: bool) -> ControlFlow<()> {
        // Past the first problem there is nothing more to print.
        if decoding {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    fn record(&mut self, writer: &Schema, block: usize, value: Value) -> ControlFlow<()> {
        self.records += 1;
        let at = format!("block {block} record {}: ", self.records);
        let mut notes = Vec::new();
        let printed = read_as(writer, self.reader, &value, &mut notes, &at).and_then(|json| {
            for note in self.notes.drain(..).chain(notes) {
                eprintln!("{note}");
            }
            writeln!(self.out, "{json}")
                .map_err(|e| Failure::Invalid(format!("standard output: {e}")))
        });
        match printed {
            Ok(()) => ControlFlow::Continue(()),
            Err(failure) => {
                self.failure = Some(failure);
                ControlFlow::Break(())
            }
        }
    }
}

/// Decodes a binary container file as a stream: each record printed as Avro JSON as soon as it is read
/// (read as `reader` when given), so memory holds a block at a time whatever the file's size.
fn decode_stream(file: ContainerInput, reader: Option<&Schema>) -> Result<Output, Failure> {
    let stdout = std::io::stdout();
    let mut printer = RecordPrinter {
        out: BufWriter::new(stdout.lock()),
        reader,
        notes: file.notes,
        records: 0,
        failure: None,
    };
    let pass = pass_container(file.reader, &Limits::default(), &mut printer);
    let flushed = printer.out.flush();
    if let Some(failure) = printer.failure {
        return Err(failure);
    }
    flushed.map_err(|e| Failure::Invalid(format!("standard output: {e}")))?;
    match pass.error {
        Some(e) => Err(Failure::Invalid(format!("ocf: {e}"))),
        None => Ok(Output {
            notes: printer.notes,
            ..Output::default()
        }),
    }
}
