//! The page–worker protocol (src/worker/protocol.rs): every request and answer survives its trip as a JS
//! message, a malformed or foreign message is refused with a reason, and a worker of another build says so.
//! The worker itself runs in the end-to-end tests (tests/e2e/worker.test.mjs); here its answers run in the page.

use avro_playground_core::container::Codec;
use avro_playground_core::evolution::Verdict;
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::input::InputFormat;
use avro_playground_core::schema::SchemaId;
use avro_playground_core::walker::{DecodeError, Part, Span, NO_PARENT};
use avro_playground_web::worker::protocol::{
    respond, ChangeView, Chosen, ContainerRead, ContainerWritten, DiffAnswer, EffectView, LintView,
    MessageLine, PasteRead, Reader, Reply, Request, ScenarioText, BUILD_ID,
};
use avro_playground_web::worker::{jobs, protocol};
use js_sys::Array;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// One span of every part, so the part table is covered both ways.
fn spans() -> Vec<Span> {
    use Part::*;
    [
        Value,
        Length,
        Content,
        BranchIndex,
        BlockCount,
        BlockSize,
        BlockEnd,
        MapKey,
        Magic,
        SchemaRef,
        Fingerprint,
        Trailing,
        Header,
        Metadata,
        Block,
        ObjectCount,
        DataSize,
        Compressed,
        Checksum,
        Sync,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, part)| Span {
        start: i as u32,
        end: i as u32 + 1,
        parent: if i == 0 { NO_PARENT } else { 0 },
        schema: SchemaId(i as u32 * 3),
        part,
        index: u32::MAX - i as u32,
    })
    .collect()
}

/// A request as the worker reads it.
fn request_trip(request: &Request) -> Request {
    let (message, _) = request.to_message(41);
    let (tag, mut reader) = Reader::new(message.into()).expect("a message");
    assert_eq!(tag, "ask");
    assert_eq!(reader.string().unwrap(), BUILD_ID);
    assert_eq!(reader.number().unwrap(), 41);
    Request::read(&mut reader).expect("the worker reads it")
}

/// A reply as the page reads it.
fn reply_trip(reply: &Reply) -> Result<Reply, String> {
    let (message, _) = reply.to_message(9);
    let (tag, mut reader) = Reader::new(message.into())?;
    assert_eq!(tag, "answer");
    assert_eq!(reader.number()?, 9);
    Reply::read(&mut reader)
}

#[wasm_bindgen_test]
fn every_request_survives_the_trip() {
    let requests = [
        Request::ReadContainer(vec![0x4f, 0x62, 0x6a, 1, 0, 255]),
        Request::WriteContainer {
            schema: "\"int\"".into(),
            codec: Codec::Zstandard,
            datum: vec![2],
            sync: [7; 16],
        },
        Request::Scenarios,
        Request::ReadPaste {
            schema: "\"string\"".into(),
            text: "06 66 6f 6f\n\n00".into(),
            format: Some(InputFormat::Hex),
            frame: FrameChoice::Confluent,
            chosen: 2,
            key_schema: Some("\"string\"".into()),
        },
        Request::ReadPaste {
            schema: "\"string\"".into(),
            text: "BmZvbw==".into(),
            format: None,
            frame: FrameChoice::Auto,
            chosen: 0,
            key_schema: None,
        },
        Request::Diff {
            old: "\"int\"".into(),
            new: "\"long\"".into(),
            old_name: "v1".into(),
        },
        Request::Fingerprints("\"int\"".into()),
        Request::ReadWith {
            writer: "\"int\"".into(),
            reader: "\"long\"".into(),
            name: "v2".into(),
            datums: vec![vec![2], vec![], vec![0x80, 0x01]],
            several: true,
        },
    ];
    for r in &requests {
        assert_eq!(&request_trip(r), r);
    }
}

#[wasm_bindgen_test]
fn every_answer_survives_the_trip() {
    let replies = [
        Reply::ContainerRead(ContainerRead {
            schema: Some("\"int\"".into()),
            summary: "Object Container File: codec null, 1 block, 2 records".into(),
            spans: spans(),
            walk_error: Some(DecodeError {
                offset: 70_000,
                message: "the block ends early".into(),
                path: "/0".into(),
            }),
            end: 70_001,
            records: vec![(1, vec![2]), (1, vec![]), (2, vec![4, 5, 6])],
            record_count: 1 << 40,
            error: Some("block 2: the sync marker differs".into()),
        }),
        Reply::ContainerRead(ContainerRead {
            schema: None,
            summary: "Object Container File (header unreadable)".into(),
            spans: Vec::new(),
            walk_error: None,
            end: 0,
            records: Vec::new(),
            record_count: 0,
            error: None,
        }),
        Reply::ContainerWritten(Ok(ContainerWritten {
            bytes: (0..=255).collect(),
            spans: spans(),
            end: 256,
        })),
        Reply::ContainerWritten(Err("the schema does not parse".into())),
        Reply::Scenarios(vec![ScenarioText {
            id: "add".into(),
            title: "Adding a field".into(),
            story: "A story <b>with markup</b> & more.".into(),
            versions: vec!["\"int\"".into(), "\"long\"".into(), "\"float\"".into()],
            spec_section: "Schema Resolution".into(),
            rule: "promotion".into(),
            steps: vec![(true, false), (false, true)],
            modes: vec![true, false, true, true, false, false, true],
        }]),
        Reply::PasteRead(PasteRead {
            messages: vec![
                MessageLine {
                    line: 1,
                    summary: "raw datum, 4 bytes".into(),
                    ok: true,
                    envelope: Vec::new(),
                },
                MessageLine {
                    line: 3,
                    summary: "tombstone (null value)".into(),
                    ok: true,
                    envelope: Vec::new(),
                },
                MessageLine {
                    line: 4,
                    summary: "`zz` at 4:1 is not hex".into(),
                    ok: false,
                    envelope: Vec::new(),
                },
            ],
            current: 2,
            chosen: Chosen::Input("`zz` at 4:1 is not hex".into()),
        }),
        Reply::PasteRead(PasteRead {
            messages: vec![
                MessageLine {
                    line: 1,
                    summary: "Confluent wire format, schema id 42, 9 bytes".into(),
                    ok: true,
                    envelope: vec![
                        "topic orders <&> \"eu\"".into(),
                        "partition 0".into(),
                        "key \"user-1\"".into(),
                        "time 2024-05-01T12:00:00.123Z (create)".into(),
                    ],
                },
                MessageLine {
                    line: 3,
                    summary: "tombstone (null value)".into(),
                    ok: true,
                    envelope: vec!["key null".into()],
                },
            ],
            current: 1,
            chosen: Chosen::Tombstone,
        }),
        Reply::PasteRead(PasteRead {
            messages: Vec::new(),
            current: 0,
            chosen: Chosen::Bytes {
                note: "recognised as hex".into(),
                bytes: vec![0, 1, 2],
            },
        }),
        Reply::PasteRead(PasteRead {
            messages: Vec::new(),
            current: 0,
            chosen: Chosen::Tombstone,
        }),
        Reply::PasteRead(PasteRead {
            messages: Vec::new(),
            current: 0,
            chosen: Chosen::Empty,
        }),
        Reply::Diffed(Ok(DiffAnswer {
            changes: vec![ChangeView {
                kind: "type-changed".into(),
                message: "int became long".into(),
                backward: EffectView {
                    verdict: Verdict::Compatible,
                    reason: "promotion".into(),
                },
                forward: EffectView {
                    verdict: Verdict::Incompatible,
                    reason: "no narrowing".into(),
                },
                old_pointer: "/fields/0/type".into(),
                new_pointer: "/fields/0/type".into(),
            }],
            lints: vec![LintView {
                rule: "field-removed-without-default".into(),
                explanation: "why".into(),
                position: "3:5".into(),
                message: "what".into(),
                pointer: "/fields/1".into(),
                fixed_text: Some("{}".into()),
            }],
        })),
        Reply::Diffed(Err("v2 does not parse".into())),
        Reply::ReadWith("<p class=\"ok\">Read as v2</p>".into()),
        Reply::Fingerprints(Ok([
            "\"int\"".into(),
            "8f5c393f1ad57572".into(),
            "ef52".into(),
            "3f2b".into(),
        ])),
        Reply::Fingerprints(Err("not a schema".into())),
    ];
    for r in &replies {
        assert_eq!(&reply_trip(r).expect("the page reads it"), r);
    }
}

#[wasm_bindgen_test]
fn a_malformed_answer_is_refused_with_the_item_named() {
    let message = Array::of4(
        &"answer".into(),
        &1.into(),
        &"container-written".into(),
        &true.into(),
    );
    message.push(&js_sys::Uint8Array::new_with_length(3));
    // Spans must be whole (six words each).
    message.push(&js_sys::Uint32Array::new_with_length(5));
    message.push(&3.into());
    let (_, mut reader) = Reader::new(message.into()).unwrap();
    reader.number().unwrap();
    assert_eq!(
        Reply::read(&mut reader).unwrap_err(),
        "item 5 of the message is not whole spans"
    );
    let unknown = Array::of3(&"answer".into(), &1.into(), &"poem".into());
    let (_, mut reader) = Reader::new(unknown.into()).unwrap();
    reader.number().unwrap();
    assert_eq!(
        Reply::read(&mut reader).unwrap_err(),
        "an unknown answer: poem"
    );
    assert!(Reader::new(JsValue::from("ready")).is_err(), "not an array");
}

#[wasm_bindgen_test]
fn a_paste_answer_with_a_malformed_envelope_is_refused() {
    let reply = Reply::PasteRead(PasteRead {
        messages: vec![MessageLine {
            line: 1,
            summary: "tombstone (null value)".into(),
            ok: true,
            envelope: vec!["offset 2".into(), "key null".into()],
        }],
        current: 0,
        chosen: Chosen::Tombstone,
    });
    let (message, _) = reply.to_message(9);
    // Items: "answer", 9, "paste-read", the lines' words, the summaries, the envelopes, …
    let envelopes: Array = message.get(5).into();
    let envelope: Array = envelopes.get(0).into();
    envelope.set(1, 2.into());
    let (_, mut reader) = Reader::new(message.into()).unwrap();
    reader.number().unwrap();
    assert_eq!(
        Reply::read(&mut reader).unwrap_err(),
        "item 5 of the message is not a list of the expected items"
    );
}

#[wasm_bindgen_test]
fn a_request_from_another_build_is_answered_with_the_workers_build() {
    let (message, _) = Request::Scenarios.to_message(5);
    message.set(1, "0.0.0+elsewhere".into());
    let (reply, _) = respond(message.into(), jobs::answer).expect("an answer");
    let (tag, mut reader) = Reader::new(reply.into()).unwrap();
    assert_eq!(tag, "mismatch");
    assert_eq!(reader.string().unwrap(), BUILD_ID);
    assert_eq!(reader.number().unwrap(), 5);
    // The worker's first message names its build.
    let (tag, mut reader) = Reader::new(protocol::ready().into()).unwrap();
    assert_eq!(
        (tag.as_str(), reader.string().unwrap()),
        ("ready", BUILD_ID.to_string())
    );
}

#[wasm_bindgen_test]
fn the_worker_writes_and_reads_a_container_of_every_codec() {
    for codec in Codec::ALL {
        let Reply::ContainerWritten(Ok(file)) = jobs::answer(Request::WriteContainer {
            schema: "\"string\"".into(),
            codec,
            datum: vec![6, b'f', b'o', b'o'],
            sync: [9; 16],
        }) else {
            panic!("{codec}: not written");
        };
        assert_eq!(file.end, file.bytes.len(), "{codec}");
        let Reply::ContainerRead(read) = jobs::answer(Request::ReadContainer(file.bytes)) else {
            panic!("{codec}: not read");
        };
        assert_eq!(read.error, None, "{codec}");
        assert_eq!(read.schema.as_deref(), Some("\"string\""), "{codec}");
        assert_eq!(
            read.records,
            vec![(1, vec![6, b'f', b'o', b'o'])],
            "{codec}"
        );
        assert!(
            read.summary
                .contains(&format!("codec {codec}, 1 block, 1 record")),
            "{codec}: {}",
            read.summary
        );
    }
}

#[wasm_bindgen_test]
fn the_worker_resolves_datums_with_another_version_and_hashes_a_schema() {
    let Reply::ReadWith(html) = jobs::answer(Request::ReadWith {
        writer: "\"int\"".into(),
        reader: "\"long\"".into(),
        name: "v2".into(),
        datums: vec![vec![0x54]],
        several: false,
    }) else {
        panic!("not resolved");
    };
    assert!(html.contains("Read as v2: 1 step."), "{html}");
    assert!(html.contains(">42</pre>"), "{html}");
    let Reply::Fingerprints(Ok([canonical, rabin, md5, sha256])) =
        jobs::answer(Request::Fingerprints(r#"{"type": "int"}"#.into()))
    else {
        panic!("no fingerprints");
    };
    assert_eq!(canonical, "\"int\"");
    assert_eq!(rabin, "8f5c393f1ad57572");
    assert_eq!(md5, "ef524ea1b91e73173d938ade36c1db32");
    assert_eq!(
        sha256,
        "3f2b87a9fe7cc9b13835598c3981cd45e3e355309e5090aa0933d7becb6fba45"
    );
}
