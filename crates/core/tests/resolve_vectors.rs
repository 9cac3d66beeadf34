//! Every case of tests/corpus/resolve.json: decode with the writer schema, resolve to the reader schema.

mod common;

use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::parse_schema;
use avro_playground_core::walker::decode;
use common::{cases, id, same_json, schema_text, unhex, Report};

#[test]
fn every_resolve_case_gives_the_reader_datum_or_fails() {
    let mut report = Report::default();
    for case in cases("resolve.json") {
        let outcome = (|| {
            let writer = parse_schema(&schema_text(&case["writer_schema"]))
                .map_err(|e| format!("writer schema: {e}"))?;
            let reader = parse_schema(&schema_text(&case["reader_schema"]))
                .map_err(|e| format!("reader schema: {e}"))?;
            let walk = decode(
                &writer,
                &unhex(case["writer_hex"].as_str().unwrap_or_default()),
            );
            let value = walk
                .value
                .ok_or_else(|| format!("writer bytes do not decode: {:?}", walk.error))?;
            let resolved = resolve(&writer, &reader, &value);
            match (resolved, case.get("expected_reader_datum_json")) {
                (Err(_), None) if case["expected_error"].as_bool() == Some(true) => Ok(()),
                (Ok(r), None) => Err(format!(
                    "resolved to {}, but an error was expected",
                    to_avro_json(&reader, &r.value)
                )),
                (Err(e), Some(_)) => Err(format!("failed: {e}")),
                (Ok(r), Some(want)) => {
                    let text = to_avro_json(&reader, &r.value);
                    let got: serde_json::Value =
                        serde_json::from_str(&text).map_err(|e| format!("our JSON {text}: {e}"))?;
                    if same_json(&got, want) {
                        Ok(())
                    } else {
                        Err(format!("got {got}, want {want}"))
                    }
                }
                (Err(e), None) => Err(format!("unexpected case shape; error {e}")),
            }
        })();
        report.check(&id(&case), outcome);
    }
    report.finish("resolve.json");
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_a_string_with_replacement_characters() {
    // Found by the datum_bytes fuzzer: the checker calls bytes → string compatible (a promotion), and Java
    // reads any bytes so, replacing invalid sequences; resolution used to fail instead.
    use avro_playground_core::resolve::resolve;
    use avro_playground_core::schema::parse_schema;
    use avro_playground_core::value::Value;
    let writer = parse_schema(r#""bytes""#).unwrap();
    let reader = parse_schema(r#""string""#).unwrap();
    let resolved = resolve(&writer, &reader, &Value::Bytes(vec![b'a', 0x80, b'b'])).unwrap();
    assert_eq!(resolved.value, Value::String("a\u{FFFD}b".into()));
    assert!(
        resolved.steps.iter().any(|s| s.message.contains("U+FFFD")),
        "{:?}",
        resolved.steps
    );
}
