//! The decode panel: pasted bytes, their framing, several messages one per line, and broken datums
//! outlined in the hex view.

use crate::harness::{offset_of, text_of, Mounted};
use avro_playground_core::container::{write_container, Codec};
use avro_playground_web::decode_panel::DecodePanel;
use avro_playground_web::hex_view::HexView;
use avro_playground_web::state::{Mode, Workspace};
use leptos::prelude::*;

const SCHEMA: &str = r#"{"type": "record", "name": "Reading", "namespace": "lab",
 "fields": [{"name": "at", "type": "long"}, {"name": "label", "type": "string"}]}"#;

/// `{"at": -2, "label": "hi"}` in a Confluent frame: magic `00`, schema id 7 big-endian, the datum.
const CONFLUENT: &str = "00 00 00 00 07 03 04 68 69";

/// The decode panel over the hex view, in decode mode, with `bytes` pasted.
async fn decode_panel(bytes: &str) -> Mounted {
    let (panel, _) = decoder(SCHEMA).await;
    panel.type_into("#bytes-input", bytes).await;
    panel
}

/// The decode panel and the hex view over a workspace of `schema`, in decode mode.
async fn decoder(schema: &str) -> (Mounted, Workspace) {
    let (panel, ws) = Mounted::panels(schema, "{}", |ws| {
        view! {
            <DecodePanel
                input=ws.input
                decoding=ws.decoding
                selected=ws.selected
                history=ws.history
                versions=ws.versions
                reader=ws.reader
            />
            <HexView shown=ws.shown selected=ws.selected />
        }
    })
    .await;
    ws.mode.set(Mode::Decode);
    crate::harness::tick().await;
    (panel, ws)
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn confluent_frame_shows_its_schema_id() {
    let panel = decode_panel(CONFLUENT).await;
    let status = panel.text("#decode-status");
    assert!(
        status.contains("Confluent wire format, schema id 7"),
        "{status}"
    );
    assert!(status.ends_with("9 bytes"), "{status}");
    assert!(panel.find("#decode-error").is_none(), "{}", panel.html());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn decoded_datum_is_shown_as_avro_json() {
    let panel = decode_panel(CONFLUENT).await;
    let json: serde_json::Value =
        serde_json::from_str(&panel.text("#decoded-json")).expect("the datum is JSON");
    assert_eq!(json, serde_json::json!({"at": -2, "label": "hi"}));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn decoded_bytes_fill_the_hex_view_header_included() {
    let panel = decode_panel(CONFLUENT).await;
    assert_eq!(
        panel.texts("#hex-view .hex-byte"),
        ["00", "00", "00", "00", "07", "03", "04", "68", "69"]
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn one_message_per_line_lists_each_with_tombstones() {
    let panel = decode_panel("00 00 00 00 07 03 04 68 69\n\n00 00 00 00 07 02 04 68 69").await;
    let items = panel.texts("#message-list li");
    assert_eq!(items.len(), 3, "{}", panel.html());
    assert!(items[0].starts_with("line 1"), "{items:?}");
    assert!(items[1].starts_with("line 2"), "{items:?}");
    assert!(items[1].contains("tombstone"), "{items:?}");
    assert!(items[2].contains("schema id 7"), "{items:?}");
    // The first message is the one shown.
    assert!(panel
        .find("#message-list li.current")
        .is_some_and(|li| text_of(&li) == items[0]));
    assert!(panel.text("#decode-status").contains("schema id 7"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn clicking_a_message_shows_that_message() {
    let panel = decode_panel("00 00 00 00 07 03 04 68 69\n\n00 00 00 00 09 02 04 68 69").await;
    panel.click("#message-list li:nth-child(2)").await;
    assert!(
        panel.text("#decode-status").contains("tombstone"),
        "{}",
        panel.html()
    );
    assert!(panel
        .get("#message-list li:nth-child(2)")
        .class_list()
        .contains("current"));
    assert_eq!(
        panel.count("#hex-view .hex-byte"),
        0,
        "a tombstone has no bytes"
    );
    panel.click("#message-list li:nth-child(3)").await;
    assert!(panel.text("#decode-status").contains("schema id 9"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn message_that_fails_is_marked_bad_in_the_list() {
    let panel = decode_panel("00 00 00 00 07 03 04 68 69\n03 04 68").await;
    let bad = panel.find_all("#message-list li.bad");
    assert_eq!(bad.len(), 1, "{}", panel.html());
    assert!(text_of(&bad[0]).starts_with("line 2"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn truncated_datum_names_the_failing_byte_and_outlines_it() {
    // The string's length prefix (byte 1) says 2 bytes; only one follows.
    let panel = decode_panel("03 04 68").await;
    let error = panel.text("#decode-error");
    assert!(error.contains("/label"), "{error}");
    assert!(error.contains("length 2 exceeds"), "{error}");
    assert_eq!(panel.text("#decode-error .where"), "byte 1");
    let outlined = panel.find_all("#hex-view .hex-byte.error-byte");
    assert_eq!(outlined.len(), 1, "{}", panel.html());
    assert_eq!(offset_of(&outlined[0]), 1);
    // What was read before the failure is still shown.
    assert_eq!(panel.texts("#hex-view .hex-byte"), ["03", "04", "68"]);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn trailing_bytes_after_the_datum_are_reported() {
    let panel = decode_panel("03 04 68 69 ff ff").await;
    assert!(
        panel
            .text("#decode-trailing")
            .starts_with("2 trailing bytes"),
        "{}",
        panel.html()
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn text_that_is_not_in_the_chosen_form_is_an_input_error() {
    let panel = decode_panel("not hex at all").await;
    panel.choose("#input-format", "hex").await;
    assert!(panel.find("#decode-error").is_some(), "{}", panel.html());
    assert!(panel.find("#decode-status").is_none());
    assert_eq!(panel.count("#hex-view .hex-byte"), 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn wrong_confluent_magic_is_a_framing_error() {
    let panel = decode_panel("01 00 00 00 07 03 04 68 69").await;
    panel.choose("#frame-choice", "confluent").await;
    let error = panel.text("#decode-error");
    assert!(error.contains("byte 0"), "{error}");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn container_file_lists_its_records() {
    // Two records in one block: {"at": -2, "label": "hi"} and {"at": 1, "label": ""}.
    let file = write_container(
        SCHEMA,
        Codec::Null,
        &[(2, vec![0x03, 0x04, 0x68, 0x69, 0x02, 0x00])],
        [7; 16],
        &[],
    )
    .expect("write the test file");
    let hex: Vec<String> = file.iter().map(|b| format!("{b:02x}")).collect();
    let panel = decode_panel(&hex.join(" ")).await;
    let status = panel.text("#decode-status");
    assert!(
        status.contains("Object Container File: codec null, 1 block, 2 records"),
        "{status}"
    );
    let records: Vec<serde_json::Value> = panel
        .texts("#decoded-records li code")
        .iter()
        .map(|r| serde_json::from_str(r).expect("a record is JSON"))
        .collect();
    assert_eq!(
        records,
        [
            serde_json::json!({"at": -2, "label": "hi"}),
            serde_json::json!({"at": 1, "label": ""})
        ]
    );
    assert_eq!(panel.count("#hex-view .hex-byte"), file.len().min(34 * 16));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn chosen_file_is_decoded_as_raw_bytes() {
    let panel = decode_panel("03 04 68 69").await;
    let frame = [0x00, 0x00, 0x00, 0x00, 0x07, 0x03, 0x04, 0x68, 0x69];
    panel
        .choose_file("#bytes-file", "reading.bin", &frame, ".file-name")
        .await;
    assert_eq!(panel.text(".file-name"), "reading.bin (9 bytes)");
    let status = panel.text("#decode-status");
    assert!(status.starts_with("file reading.bin, 9 bytes"), "{status}");
    assert!(status.contains("schema id 7"), "{status}");
    assert_eq!(panel.count("#hex-view .hex-byte"), 9);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn pasted_text_takes_over_from_a_chosen_file_again() {
    let panel = decode_panel("03 04 68 69").await;
    panel
        .choose_file(
            "#bytes-file",
            "reading.bin",
            &[0x00, 0, 0, 0, 7, 3, 4, 0x68, 0x69],
            ".file-name",
        )
        .await;
    panel.click_button("use the pasted text").await;
    assert!(panel.find(".file-name").is_none(), "{}", panel.html());
    let status = panel.text("#decode-status");
    assert!(status.contains("raw datum"), "{status}");
    assert_eq!(panel.count("#hex-view .hex-byte"), 4);
}

/// `{"at": 100, "label": "hi"}` in a Confluent frame as Java's `Arrays.toString` prints it: signed, so the
/// varint byte C8 is -56.
const JAVA_ARRAY: &str = "[0, 0, 0, 0, 7, -56, 1, 4, 104, 105]";

/// kcat -J's output (tests/paste-samples/kcat-J.jsonl) as it reaches the paste box: the clipboard has
/// turned its raw byte C8, which is not UTF-8, into U+FFFD.
fn kcat_lines() -> String {
    String::from_utf8_lossy(include_bytes!("../paste-samples/kcat-J.jsonl")).into_owned()
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_java_signed_byte_array_decodes_and_the_status_says_signed() {
    let panel = decode_panel(JAVA_ARRAY).await;
    let status = panel.text("#decode-status");
    assert!(
        status.starts_with("recognised as a decimal byte array"),
        "{status}"
    );
    assert!(
        status.contains("signed values (−128…127), as Java prints a byte[]: -56 is 0xC8"),
        "{status}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&panel.text("#decoded-json")).expect("the datum is JSON");
    assert_eq!(json, serde_json::json!({"at": 100, "label": "hi"}));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn kcat_json_records_are_listed_with_their_envelopes() {
    let panel = decode_panel(&kcat_lines()).await;
    let items = panel.texts("#message-list li");
    assert_eq!(items.len(), 4, "{}", panel.html());
    assert_eq!(panel.text(".messages p"), "4 records; showing record 1.");
    let fields = |i: usize| {
        panel.texts(&format!(
            "#message-list li:nth-child({}) .envelope span",
            i + 1
        ))
    };
    assert_eq!(
        fields(0),
        [
            "topic orders",
            "partition 0",
            "offset 0",
            "key \"user-1\"",
            "time 2024-05-01T12:00:00.123Z (create)"
        ]
    );
    assert!(
        items[0].ends_with("Confluent wire format, schema id 42, 9 bytes"),
        "{items:?}"
    );
    assert!(items[2].ends_with("tombstone (null value)"), "{items:?}");
    assert!(fields(2).contains(&"offset 2".to_string()));
    assert!(
        fields(3).contains(&"key null".to_string()),
        "{:?}",
        fields(3)
    );
    // The first record is shown, and the status says how its payload was read.
    let status = panel.text("#decode-status");
    assert!(
        status.starts_with("record 1 of kcat -J output: the payload, text read back into 9 bytes"),
        "{status}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&panel.text("#decoded-json")).expect("the datum is JSON");
    assert_eq!(json, serde_json::json!({"at": -2, "label": "hi"}));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_kcat_payload_in_doubt_is_not_decoded_and_the_lossless_way_is_named() {
    let panel = decode_panel(&kcat_lines()).await;
    let doubtful = panel.get("#message-list li:nth-child(2)");
    assert!(doubtful.class_list().contains("bad"), "{}", panel.html());
    assert!(
        text_of(&doubtful).contains("not decoded: bytes 5–7 (a U+FFFD replacement character"),
        "{}",
        text_of(&doubtful)
    );
    panel.click("#message-list li:nth-child(2)").await;
    let error = panel.get("#decode-error");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    let error = text_of(&error);
    assert!(
        error.starts_with("not decoded, since its bytes cannot be trusted: bytes 5–7"),
        "{error}"
    );
    assert!(
        error.contains("kcat -C -b BROKER -t orders -p 0 -o 1 -c 1 -e -f '%s' | xxd"),
        "{error}"
    );
    assert!(panel.find("#decoded-json").is_none(), "{}", panel.html());
    assert_eq!(panel.count("#hex-view .hex-byte"), 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_null_kcat_payload_is_a_tombstone() {
    let panel = decode_panel(&kcat_lines()).await;
    panel.click("#message-list li:nth-child(3)").await;
    let status = panel.text("#decode-status");
    assert!(status.starts_with("A tombstone"), "{status}");
    assert_eq!(panel.count("#hex-view .hex-byte"), 0);
}

/// A Kafka record's key read as a datum of a version chosen as the key schema: raw Avro, and
/// Confluent-framed (its schema id named); one that is no such datum says so with its bytes.
#[wasm_bindgen_test::wasm_bindgen_test]
async fn record_keys_are_read_with_a_version_chosen_as_the_key_schema() {
    let (panel, ws) = decoder(r#""int""#).await;
    // v2 is the key schema: a string.
    ws.versions.duplicate();
    ws.versions.set_text(r#""string""#.into());
    ws.versions.select(0);
    crate::harness::tick().await;
    let line = |offset: u32, key: &str| {
        format!(
            r#"{{"topic":"t","partition":0,"offset":{offset},"tstype":"create","ts":1,"broker":0,"key":"{key}","payload":"\u0002"}}"#
        )
    };
    let paste = [
        line(0, r"\u0004k1"),
        line(1, r"\u0000\u0000\u0000\u0000\u0007\u0004k2"),
        line(2, "plain"),
    ]
    .join("\n");
    panel.type_into("#bytes-input", &paste).await;
    let key = |i: usize| {
        panel
            .texts(&format!(
                "#message-list li:nth-child({}) .envelope span",
                i + 1
            ))
            .into_iter()
            .find(|f| f.starts_with("key "))
            .unwrap_or_default()
    };
    assert_eq!(
        key(0),
        "key 0x046b31",
        "as bytes until a key schema is chosen"
    );
    let v2 = ws.versions.list.with_untracked(|vs| vs[1].id);
    panel.choose("#key-version", &v2.to_string()).await;
    crate::harness::tick().await;
    assert_eq!(key(0), r#"key "k1""#, "{}", panel.html());
    assert_eq!(
        ws.document().open.key_version,
        Some(1),
        "the choice is saved, as the version's place"
    );
    assert_eq!(key(1), r#"key "k2" (Confluent wire format, schema id 7)"#);
    assert!(
        key(2).starts_with("key 0x706c61696e (not a key of that schema:"),
        "{}",
        key(2)
    );
    // The value is still read with the edited version.
    assert!(
        panel
            .text("#message-list li")
            .ends_with("raw datum (no header), 1 bytes"),
        "{}",
        panel.text("#message-list li")
    );
}

/// Every byte-array and Kafka-tool sample of tests/paste-samples that holds its bytes whole decodes in the
/// page to one of the samples' three datums (the worker reads the paste, the page decodes the chosen one).
#[wasm_bindgen_test::wasm_bindgen_test]
async fn every_whole_paste_sample_decodes_to_its_datum() {
    let samples: [(&str, &[u8]); 13] = [
        (
            "java-arrays-tostring.txt",
            include_bytes!("../paste-samples/java-arrays-tostring.txt"),
        ),
        (
            "python-list.txt",
            include_bytes!("../paste-samples/python-list.txt"),
        ),
        (
            "node-uint8array.txt",
            include_bytes!("../paste-samples/node-uint8array.txt"),
        ),
        (
            "js-json-stringify.txt",
            include_bytes!("../paste-samples/js-json-stringify.txt"),
        ),
        (
            "chrome-console-uint8array.txt",
            include_bytes!("../paste-samples/chrome-console-uint8array.txt"),
        ),
        (
            "go-fmt-v.txt",
            include_bytes!("../paste-samples/go-fmt-v.txt"),
        ),
        (
            "kcat-J.jsonl",
            include_bytes!("../paste-samples/kcat-J.jsonl"),
        ),
        (
            "rest-proxy-v2-binary.json",
            include_bytes!("../paste-samples/rest-proxy-v2-binary.json"),
        ),
        (
            "kafka-ui-message-string.json",
            include_bytes!("../paste-samples/kafka-ui-message-string.json"),
        ),
        (
            "kafka-ui-message-base64.json",
            include_bytes!("../paste-samples/kafka-ui-message-base64.json"),
        ),
        (
            "kafka-ui-message-hex.json",
            include_bytes!("../paste-samples/kafka-ui-message-hex.json"),
        ),
        (
            "akhq-download.json",
            include_bytes!("../paste-samples/akhq-download.json"),
        ),
        (
            "redpanda-console-messages.json",
            include_bytes!("../paste-samples/redpanda-console-messages.json"),
        ),
    ];
    let datums = [
        serde_json::json!({"id": -2, "name": "hi"}),
        serde_json::json!({"id": 100, "name": "hi"}),
        serde_json::json!({"id": -2, "name": "é"}),
    ];
    let (panel, _) = decoder(include_str!("../paste-samples/r.avsc")).await;
    for (name, bytes) in samples {
        // As the clipboard gives it: text, a byte that is not UTF-8 replaced.
        panel
            .type_into("#bytes-input", &String::from_utf8_lossy(bytes))
            .await;
        let json = panel.text("#decoded-json");
        let datum: serde_json::Value = serde_json::from_str(&json)
            .unwrap_or_else(|_| panic!("{name}: no datum; {}", panel.text(".status")));
        assert!(datums.contains(&datum), "{name}: {datum}");
    }
}
