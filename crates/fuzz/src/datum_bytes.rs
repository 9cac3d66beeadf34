//! Target `datum_bytes`: the first line is the writer schema, the second an optional reader schema (empty or
//! invalid: none), the rest the message's bytes. The bytes are read under every framing (auto-detected and
//! each one forced); a datum that reads re-encodes and reads back, every span is explained, and with a reader
//! schema the datum is resolved (when Java's checker calls the pair compatible, resolution must succeed and
//! give a datum of the reader schema). Both schemas are tried as the writer ("which version wrote these
//! bytes"), as the page does.

use crate::first_line;
use crate::invariants::{spans_inside, writes_and_reads_back};
use avro_playground_core::compat::check_reader_writer_compatibility;
use avro_playground_core::fit::{try_writer, Fit};
use avro_playground_core::framing::{read_framed, FrameChoice, Framing};
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::walker::explain::{datum_path, explain};

/// How many spans of a walk are explained (the page explains the one under the pointer).
const EXPLAINED_SPANS: usize = 64;

/// Reads the bytes after the two schema lines under every framing, resolves and fits them.
pub fn datum_bytes(data: &[u8]) {
    let (writer_line, rest) = first_line(data);
    let (reader_line, bytes) = first_line(rest);
    let Some(writer) = schema_of(writer_line) else {
        return;
    };
    let reader = schema_of(reader_line);
    let compatible = reader
        .as_ref()
        .is_some_and(|reader| check_reader_writer_compatibility(reader, &writer).compatible);
    let mut framings = Vec::new();
    for choice in [
        FrameChoice::Auto,
        FrameChoice::Raw,
        FrameChoice::Confluent,
        FrameChoice::SingleObject,
        FrameChoice::Container,
    ] {
        let framed = match read_framed(&writer, bytes, choice) {
            Ok(framed) => framed,
            Err(e) => {
                assert!(
                    e.offset <= bytes.len(),
                    "framing error at {} of {} bytes",
                    e.offset,
                    bytes.len()
                );
                continue;
            }
        };
        let walk = &framed.walk;
        spans_inside(walk);
        for id in 0..walk.spans.len().min(EXPLAINED_SPANS) as u32 {
            explain(&writer, walk, id);
            datum_path(&writer, walk, id);
        }
        if let Some(value) = &walk.value {
            writes_and_reads_back(&writer, value);
            if let Some(reader) = &reader {
                match resolve(&writer, reader, value) {
                    Ok(resolved) => {
                        writes_and_reads_back(reader, &resolved.value);
                    }
                    Err(e) => assert!(
                        !compatible,
                        "the checker calls the reader compatible, but resolving fails: {e} (datum {value:?})"
                    ),
                }
            }
        }
        framings.push(framed.framing);
    }
    for framing in framings {
        for schema in std::iter::once(&writer).chain(&reader) {
            let trial = try_writer(schema, &framing, bytes);
            if let Fit::Broken(e) = &trial.fit {
                assert!(
                    e.offset <= bytes.len(),
                    "fit error at {} of {} bytes",
                    e.offset,
                    bytes.len()
                );
            }
            assert_eq!(
                trial.fingerprint_matches.is_some(),
                matches!(framing, Framing::SingleObject { .. })
            );
        }
    }
}

/// The schema a line holds, if it is one.
fn schema_of(line: &[u8]) -> Option<Schema> {
    let text = std::str::from_utf8(line).ok()?;
    parse_schema(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compatible_reader_resolves_a_promoted_int() {
        datum_bytes(b"\"int\"\n\"long\"\n\x02");
    }
}
