//! The saved document: written and read back whole, the first version's format migrated, unknown values
//! named instead of silently replaced, and large bytes left out with a note.

use avro_playground_core::container::Codec;
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::input::InputFormat;
use avro_playground_web::document::{
    Choices, Document, Mode, Open, SavedFile, SavedVersion, FORMAT, MAX_SAVED_BYTES,
};
use wasm_bindgen_test::wasm_bindgen_test;

fn version(name: &str, text: &str, registry_id: &str) -> SavedVersion {
    SavedVersion {
        name: name.into(),
        text: text.into(),
        registry_id: registry_id.into(),
    }
}

/// A document with every part set away from its default, and strings that need escaping.
fn full() -> Document {
    Document {
        versions: vec![
            version("v1", "\"int\"", ""),
            version("v2 \"quoted\" <b>", "{\"type\": \"long\"}\n", "42"),
        ],
        current: 1,
        datum: "7\n".into(),
        bytes: "0e\n\\u0000 ü".into(),
        file: Some(SavedFile {
            name: "data.avro".into(),
            bytes: vec![0, 1, 2, 255, 128, 79],
        }),
        choices: Choices {
            out_frame: FrameChoice::Container,
            out_codec: Codec::Deflate,
            confluent_id: "12x".into(),
            input_format: Some(InputFormat::Base64),
            frame: FrameChoice::Confluent,
        },
        open: Open {
            mode: Mode::Decode,
            cell: Some((1, 0)),
            diff: Some((0, 1)),
            reader: Some(0),
            message: 3,
            candidate: Some(1),
            key_version: Some(1),
        },
    }
}

#[wasm_bindgen_test]
fn every_part_of_the_document_reads_back_as_written() {
    let doc = full();
    let written = doc.to_json();
    assert!(written.left_out.is_empty(), "{:?}", written.left_out);
    assert!(written.json.starts_with(&format!("{{\"format\":{FORMAT},")));
    let read = Document::from_json(&written.json).expect("reads back");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.document, doc);
}

#[wasm_bindgen_test]
fn the_first_versions_autosave_is_migrated() {
    // What the first version of the page saved under `avro-playground/workspace/v2`.
    let v2 = r#"{"versions":[{"name":"v1","text":"\"int\"","registry_id":""},{"name":"next","text":"\"long\"","registry_id":"7"}],"current":1,"datum":"5"}"#;
    let read = Document::from_json(v2).expect("format 2 reads");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let doc = read.document;
    assert_eq!(
        doc.versions,
        vec![
            version("v1", "\"int\"", ""),
            version("next", "\"long\"", "7")
        ]
    );
    assert_eq!((doc.current, doc.datum.as_str()), (1, "5"));
    assert_eq!(
        doc.bytes,
        avro_playground_web::state::EXAMPLE_BYTES,
        "the first version always showed the example's bytes"
    );
    assert_eq!(doc.choices, Choices::default());
    assert_eq!(doc.open, Open::default());
}

#[wasm_bindgen_test]
fn an_unknown_choice_is_named_not_silently_replaced() {
    let json = r#"{"format":3,"versions":[{"name":"v1","text":"\"int\"","registry_id":""}],"current":0,"datum":"1","bytes":"",
        "choices":{"out_frame":"smoke-signals","out_codec":"lz4","confluent_id":"1","input_format":"braille","frame":"auto"},
        "open":{"mode":"sideways","cell":null,"diff":null,"reader":null,"message":0,"candidate":null}}"#;
    let read = Document::from_json(json).expect("the rest reads");
    let warnings = read.warnings.join("\n");
    for named in ["smoke-signals", "lz4", "braille", "sideways"] {
        assert!(
            warnings.contains(named),
            "{named} is not named in:\n{warnings}"
        );
    }
    assert_eq!(read.document.choices, Choices::default());
    assert_eq!(read.document.open.mode, Mode::Encode);
}

#[wasm_bindgen_test]
fn a_newer_format_or_no_version_is_refused_with_the_reason() {
    let newer = r#"{"format":99,"versions":[{"name":"v1","text":"1"}],"current":0,"datum":""}"#;
    let err = Document::from_json(newer).expect_err("format 99 is refused");
    assert!(err.contains("format 99"), "{err}");
    let none = r#"{"versions":[],"current":0,"datum":""}"#;
    assert!(Document::from_json(none)
        .expect_err("no version")
        .contains("no schema version"));
    assert!(Document::from_json("{\"versions\":")
        .expect_err("truncated")
        .contains("not JSON"));
}

#[wasm_bindgen_test]
fn bytes_and_files_over_the_cap_are_left_out_and_named() {
    let mut doc = full();
    doc.bytes = "ab ".repeat(MAX_SAVED_BYTES / 3 + 1);
    doc.file = Some(SavedFile {
        name: "big.avro".into(),
        bytes: vec![7; MAX_SAVED_BYTES + 1],
    });
    let written = doc.to_json();
    assert_eq!(written.left_out.len(), 2, "{:?}", written.left_out);
    assert!(written.left_out[0].contains("pasted bytes"));
    assert!(written.left_out[1].contains("big.avro"));
    assert!(
        written.json.len() < 10_000,
        "{} characters",
        written.json.len()
    );
    let read = Document::from_json(&written.json).expect("reads back");
    assert_eq!(read.document.bytes, "");
    assert_eq!(read.document.file, None);
    assert_eq!(read.document.versions, doc.versions);
}
