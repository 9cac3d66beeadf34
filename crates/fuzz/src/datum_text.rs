//! Target `datum_text`: the first line is a schema, the rest a datum in JSON. The datum is read as strict
//! Avro JSON, as plain JSON and as either; whatever reads is written under every framing (raw, Confluent,
//! single-object, a one-record container file under a codec picked by the input's length) and read back.
//!
//! Why a schema line rather than a fixed set of schemas chosen by the first byte: the seeds carry every
//! schema of the encode and invalid-datum vectors (each kind, logical type, named and recursive type), and
//! libFuzzer's mutations also reach the schema, so datums meet schemas no fixed set would hold, while most
//! mutations touch only the datum and keep the schema line valid.

use crate::first_line;
use crate::invariants::{must, same, spans_inside, writes_and_reads_back};
use avro_playground_core::avro_json::{
    from_avro_json, from_avro_or_plain_json, from_plain_json, DatumError,
};
use avro_playground_core::container::{walk_container, write_container, Codec, Limits};
use avro_playground_core::framing::{read_framed, write_framed, FrameChoice, FrameOut, Framing};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::value::Value;

/// Reads the datum after the schema line every way and writes whatever reads under every framing.
pub fn datum_text(data: &[u8]) {
    let (schema_line, datum) = first_line(data);
    let (Ok(schema_text), Ok(datum)) =
        (std::str::from_utf8(schema_line), std::str::from_utf8(datum))
    else {
        return;
    };
    let Ok(schema) = parse_schema(schema_text) else {
        return;
    };
    let codec = Codec::ALL
        .get(data.len() % Codec::ALL.len())
        .copied()
        .unwrap_or(Codec::Null);
    let inside = |e: &DatumError| {
        assert!(
            e.range.start <= e.range.end && e.range.end <= datum.len(),
            "datum error range {:?} outside the {} bytes of text: {e}",
            e.range,
            datum.len()
        );
    };
    let strict = from_avro_json(&schema, datum);
    let plain = from_plain_json(&schema, datum);
    let either = from_avro_or_plain_json(&schema, datum);
    match (&strict, &plain, &either) {
        (Ok(value), plain, either) => {
            // Text that strict Avro JSON reads needs no conversion as plain JSON (from_plain_json's promise).
            let (plain_value, conversions) =
                must(plain.as_ref(), "plain JSON refuses what Avro JSON reads");
            assert!(
                conversions.is_empty(),
                "Avro JSON read as plain needed {conversions:?}"
            );
            assert!(
                same(value, plain_value),
                "plain JSON reads {plain_value:?}, Avro JSON {value:?}"
            );
            let (either_value, conversions) = must(
                either.as_ref(),
                "Avro-or-plain refuses what Avro JSON reads",
            );
            assert!(conversions.is_empty() && same(value, either_value));
            written_everywhere(&schema, schema_text, value, codec);
        }
        (Err(e), Ok((value, _)), either) => {
            inside(e);
            // Where Avro JSON fails, the Avro-or-plain reader is the plain one.
            let (either_value, _) = must(
                either.as_ref(),
                "Avro-or-plain refuses what plain JSON reads",
            );
            assert!(
                same(value, either_value),
                "Avro-or-plain reads {either_value:?}, plain JSON {value:?}"
            );
            written_everywhere(&schema, schema_text, value, codec);
        }
        (Err(e), Err(p), either) => {
            inside(e);
            inside(p);
            let Err(either) = either else {
                crate::invariants::broken(
                    "Avro-or-plain reads what neither Avro nor plain JSON reads",
                )
            };
            inside(either);
        }
    }
}

/// Writes `value` under every framing and reads each back to the same bytes.
fn written_everywhere(schema: &Schema, schema_text: &str, value: &Value, codec: Codec) {
    let bytes = writes_and_reads_back(schema, value);
    for (frame, choice) in [
        (FrameOut::Raw, FrameChoice::Raw),
        (FrameOut::Confluent(0x0102_0304), FrameChoice::Confluent),
        (FrameOut::SingleObject, FrameChoice::SingleObject),
    ] {
        let framed = must(
            write_framed(schema, value, frame),
            "write_framed refuses a datum encode took",
        );
        spans_inside(&framed);
        let mut choices = vec![choice];
        // Auto-detection may read a raw datum as framed; a framed one must be read as framed.
        if frame != FrameOut::Raw {
            choices.push(FrameChoice::Auto);
        }
        for choice in choices {
            let read = must(
                read_framed(schema, &framed.bytes, choice),
                "written framing does not read",
            );
            spans_inside(&read.walk);
            assert!(
                read.walk.error.is_none() && read.trailing() == 0,
                "{frame:?} read {choice:?}: {:?}",
                read.walk.error
            );
            assert!(
                !matches!(read.framing, Framing::Raw | Framing::Container)
                    || frame == FrameOut::Raw
            );
            let Some(back) = &read.walk.value else {
                crate::invariants::broken("a framed read without error has no value")
            };
            assert!(
                same(value, back),
                "{frame:?} read {choice:?} gives {back:?}, not {value:?}"
            );
        }
    }
    let sync = [0x5a; 16];
    let file = must(
        write_container(
            schema_text,
            codec,
            &[(1, bytes)],
            sync,
            &[("fuzz".into(), b"x".to_vec())],
        ),
        "a container file of a datum that encodes cannot be written",
    );
    let walk = walk_container(&file, &Limits::default());
    spans_inside(&walk.walk);
    assert!(
        walk.error.is_none(),
        "a written {codec} container file does not read: {:?}",
        walk.error
    );
    assert_eq!(walk.record_count, 1);
    let read_back = walk.records.first().map(|(_, v)| v);
    assert!(
        read_back.is_some_and(|back| same(value, back)),
        "{codec} container gives {read_back:?}, not {value:?}"
    );
}
