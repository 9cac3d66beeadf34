//! Decoding never panics, caps what lengths read from the input may allocate, bounds depth, and keeps
//! what it decoded before a failure.

mod common;

use avro_playground_core::schema::parse_schema;
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
        .contains("zero-size items"));
    let small = decode_with_limits(&schema, &[0x06, 0x00], Limits::default());
    assert!(small.error.is_none(), "three nulls are fine");
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
