//! Decoding never panics, caps what lengths read from the input may allocate, bounds depth, and keeps
//! what it decoded before a failure.

mod common;

use avro_playground_core::schema::parse_schema;
use avro_playground_core::value::Value;
use avro_playground_core::walker::{decode, decode_with_limits, Limits};
use common::{cases, schema_text, unhex};

#[test]
fn every_truncation_and_byte_flip_of_every_vector_is_an_error_or_a_datum() {
    let mut tried = 0;
    for case in cases("encode.json") {
        let Ok(schema) = parse_schema(&schema_text(&case["schema"])) else {
            continue;
        };
        let bytes = unhex(case["hex"].as_str().unwrap_or_default());
        for cut in 0..bytes.len() {
            let walk = decode(&schema, &bytes[..cut]);
            // A shorter input either fails or is itself a complete (shorter) datum.
            assert!(walk.error.is_some() || walk.value.is_some());
            tried += 1;
        }
        for i in 0..bytes.len().min(64) {
            for flip in [0x80u8, 0xff, 0x01] {
                let mut mutated = bytes.clone();
                mutated[i] ^= flip;
                let walk = decode(&schema, &mutated);
                assert!(walk.error.is_some() || walk.value.is_some());
                tried += 1;
            }
        }
    }
    assert!(tried > 1000, "only {tried} inputs tried");
}

#[test]
fn huge_string_length_fails_without_allocating() {
    let schema = parse_schema(r#""string""#).unwrap();
    // Length 2^40 (zigzag 2^41) with 3 bytes of content.
    let walk = decode(
        &schema,
        &[0x80, 0x80, 0x80, 0x80, 0x80, 0x40, b'a', b'b', b'c'],
    );
    let e = walk.error.expect("an error");
    assert!(
        e.message.contains("exceeds the 3 bytes left"),
        "{}",
        e.message
    );
    assert_eq!(e.offset, 0);
}

#[test]
fn huge_array_count_of_strings_fails_fast() {
    let schema = parse_schema(r#"{"type":"map","values":"string"}"#).unwrap();
    let walk = decode(&schema, &unhex("808080808080808080010261"));
    assert!(walk
        .error
        .expect("an error")
        .message
        .contains("block count"));
}

#[test]
fn huge_count_of_zero_size_items_is_capped() {
    let schema = parse_schema(r#"{"type":"array","items":"null"}"#).unwrap();
    // 2^40 nulls take no bytes at all: the classic denial of service.
    let walk = decode(&schema, &[0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00]);
    assert!(walk
        .error
        .expect("an error")
        .message
        .contains("items of zero encoded size"));
    let small = decode_with_limits(&schema, &[0x06, 0x00], Limits::default());
    assert!(small.error.is_none(), "three nulls are fine");
}

/// An array<null> of 750 000 items in 3 bytes (the count) and the end marker.
const NULLS_750_000: [u8; 4] = [0xE0, 0xC6, 0x5B, 0x00];

#[test]
fn an_array_of_750_000_nulls_in_4_bytes_is_refused_at_its_count() {
    let schema = parse_schema(r#"{"type":"array","items":"null"}"#).unwrap();
    let walk = decode(&schema, &NULLS_750_000);
    let e = walk.error.expect("an error");
    assert_eq!(e.offset, 0, "the block count is at fault");
    assert!(
        e.message
            .starts_with("block count 750000: more than 10016 items"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("Limits::max_empty_items"),
        "{}",
        e.message
    );
    // Refused before a single item is read: the work done is the array's span and its count's.
    assert_eq!(walk.spans.len(), 2, "{:?}", walk.spans);
}

#[test]
fn the_zero_size_allowance_grows_with_the_input() {
    let schema = parse_schema(r#"{"type":"array","items":"null"}"#).unwrap();
    let limits = Limits {
        max_empty_items: 0,
        empty_items_per_byte: 1,
        ..Limits::default()
    };
    // Count 3 in 2 bytes: 2 allowed.
    let e = decode_with_limits(&schema, &[0x06, 0x00], limits)
        .error
        .expect("an error");
    assert!(e.message.contains("more than 2 items"), "{}", e.message);
    // The same 3 nulls with 2 bytes of padding after: 4 allowed.
    let walk = decode_with_limits(&schema, &[0x06, 0x00, 0xAA, 0xBB], limits);
    assert!(walk.error.is_none(), "{:?}", walk.error);
    assert_eq!(walk.trailing(), 2);
}

#[test]
fn array_blocks_of_empty_records_are_refused_at_their_count() {
    let schema =
        parse_schema(r#"{"type":"array","items":{"type":"record","name":"E","fields":[]}}"#)
            .unwrap();
    let walk = decode(&schema, &NULLS_750_000);
    let e = walk.error.expect("an error");
    assert!(
        e.message.contains("Limits::max_empty_items"),
        "{}",
        e.message
    );
    assert_eq!(walk.spans.len(), 2);
    // A negative count with a byte size of 0 is the same count.
    let walk = decode(&schema, &[0xDF, 0xC6, 0x5B, 0x00, 0x00]);
    assert!(walk
        .error
        .expect("an error")
        .message
        .contains("block count 750000"));
    // A hundred empty records are fine.
    let walk = decode(&schema, &[0xC8, 0x01, 0x00]);
    assert!(walk.error.is_none(), "{:?}", walk.error);
    assert_eq!(
        walk.spans.len(),
        1 + 1 + 100 + 1,
        "array, count, records, end"
    );
}

#[test]
fn map_blocks_of_empty_records_need_a_byte_per_key() {
    // A map entry takes at least its key's length byte, so a map count is bounded by the bytes left.
    for values in [r#""null""#, r#"{"type":"record","name":"E","fields":[]}"#] {
        let schema = parse_schema(&format!(r#"{{"type":"map","values":{values}}}"#)).unwrap();
        let walk = decode(&schema, &NULLS_750_000);
        let e = walk.error.expect("an error");
        assert!(
            e.message
                .contains("needs at least 750000 bytes but only 1 byte left"),
            "{}",
            e.message
        );
        assert_eq!(walk.spans.len(), 2);
    }
}

#[test]
fn nested_zero_size_records_are_counted_value_by_value() {
    // R0 holds two R1, R1 two R2, … R16 is empty: one datum is 2^17 - 1 values in zero bytes.
    let mut schema = r#"{"type":"record","name":"R16","fields":[]}"#.to_string();
    for i in (0..16).rev() {
        schema = format!(
            r#"{{"type":"record","name":"R{i}","fields":[{{"name":"a","type":{schema}}},{{"name":"b","type":"R{}"}}]}}"#,
            i + 1
        );
    }
    let schema = parse_schema(&schema).unwrap();
    let walk = decode(&schema, &[]);
    let e = walk.error.expect("an error");
    assert!(
        e.message
            .contains("more than 10000 items of zero encoded size"),
        "{}",
        e.message
    );
    assert!(walk.spans.len() <= 10_001, "{} spans", walk.spans.len());
}

#[test]
fn deep_recursion_is_bounded() {
    let schema = parse_schema(
        r#"{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}"#,
    )
    .unwrap();
    // 100 000 levels of "branch 1" then a final null.
    let mut bytes = vec![0x02; 100_000];
    bytes.push(0x00);
    let walk = decode(&schema, &bytes);
    assert!(walk
        .error
        .expect("an error")
        .message
        .contains("nested deeper"));
}

#[test]
fn union_index_out_of_range_names_the_branch_count() {
    let schema = parse_schema(r#"["null","int","string"]"#).unwrap();
    let walk = decode(&schema, &[0x0a]);
    let e = walk.error.expect("an error");
    assert_eq!(e.message, "union index 5 but the union has 3 branches");
}

#[test]
fn spans_before_a_failure_are_kept() {
    let schema =
        parse_schema(r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#)
            .unwrap();
    let walk = decode(&schema, &[0x04, 0x0a, b'x']);
    let e = walk.error.expect("an error");
    assert_eq!((e.offset, e.path.as_str()), (1, "/b"));
    assert!(
        walk.spans.iter().any(|s| s.start == 0 && s.end == 1),
        "the int's span is kept"
    );
}

#[test]
fn invalid_boolean_byte_is_an_error() {
    let schema = parse_schema(r#""boolean""#).unwrap();
    assert!(decode(&schema, &[0x02])
        .error
        .expect("an error")
        .message
        .contains("00 or 01"));
}

#[test]
fn invalid_utf8_string_names_the_byte() {
    let schema = parse_schema(r#""string""#).unwrap();
    let e = decode(&schema, &[0x04, b'a', 0xff])
        .error
        .expect("an error");
    assert_eq!(e.offset, 2);
}

#[test]
fn trailing_bytes_are_reported() {
    let schema = parse_schema(r#""int""#).unwrap();
    let walk = decode(&schema, &[0x02, 0xde, 0xad]);
    assert_eq!((walk.end, walk.trailing()), (1, 2));
}

#[test]
fn a_container_block_of_a_million_null_objects_is_refused_after_the_allowance() {
    use avro_playground_core::container::{self, walk_container, write_container, Codec};
    // Every object of schema "null" takes no bytes: the block is its count and size, 5 bytes.
    let file = write_container(
        r#""null""#,
        Codec::Null,
        &[(1_000_000, Vec::new())],
        [7; 16],
        &[],
    )
    .unwrap();
    let walk = walk_container(&file, &container::Limits::default());
    let error = walk.error.expect("an error");
    assert!(error.contains("Limits::max_empty_items"), "{error}");
    let allowed = Limits::default().empty_items_allowed(file.len());
    assert_eq!(
        walk.record_count as u64, allowed,
        "objects read before the refusal"
    );
    assert!(
        walk.walk.spans.len() as u64 <= allowed + 20,
        "{} spans",
        walk.walk.spans.len()
    );
    // A thousand of them are fine.
    let file = write_container(
        r#""null""#,
        Codec::Deflate,
        &[(1000, Vec::new())],
        [7; 16],
        &[],
    )
    .unwrap();
    let walk = walk_container(&file, &container::Limits::default());
    assert_eq!((walk.error, walk.record_count), (None, 1000));
}

#[test]
fn a_map_key_written_twice_keeps_the_last_value_as_java_does() {
    // Found by the datum_bytes fuzzer: {"a":"x"} then {"a":"y"} in one map. The spec is silent; Java's
    // GenericDatumReader.readMap puts each entry into a HashMap, so "y" wins, and Avro JSON holds the key once.
    let schema = parse_schema(r#"{"type":"map","values":"string"}"#).unwrap();
    let walk = decode(&schema, &unhex("04026102780261027900"));
    assert_eq!(walk.error, None);
    assert_eq!(
        walk.value,
        Some(Value::Map(vec![("a".into(), Value::String("y".into()))]))
    );
    assert_eq!(walk.trailing(), 0, "every byte is read");
    let other = decode(&schema, &unhex("04026102780262027900"));
    assert_eq!(
        other
            .value
            .map(|v| matches!(v, Value::Map(m) if m.len() == 2)),
        Some(true)
    );
}
