//! The datum panel: encoding status, datum errors, and the output framing of the bytes.

use crate::harness::{tick, Mounted};
use avro_playground_core::canonical::{fingerprints, to_hex};
use avro_playground_core::schema::parse_schema;
use avro_playground_web::datum_panel::DatumPanel;
use avro_playground_web::state::Workspace;
use leptos::prelude::*;

const SCHEMA: &str = r#"{"type": "record", "name": "Reading", "namespace": "lab",
 "fields": [{"name": "at", "type": "long"}, {"name": "label", "type": "string"}]}"#;

/// Encodes as `02` (zigzag 1), then `04` (length 2) and `68 69` ("hi").
const DATUM: &str = r#"{"at": 1, "label": "hi"}"#;
const DATUM_HEX: &str = "02046869";

/// The datum panel (with the history of versions it reads the datum as).
async fn datum_panel_ws(datum: &str) -> (Mounted, Workspace) {
    Mounted::panels(SCHEMA, datum, |ws| {
        view! { <DatumPanel
            datum_text=ws.datum_text
            datum=ws.datum
            encoding=ws.encoding
            output=ws.output
            selected=ws.selected
            history=ws.history
            versions=ws.versions
            reader=ws.reader
        /> }
    })
    .await
}

async fn datum_panel(datum: &str) -> Mounted {
    datum_panel_ws(datum).await.0
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn the_encoded_datum_reads_as_another_version() {
    let (panel, ws) = datum_panel_ws(DATUM).await;
    // v2 adds a field with a default; the editor goes back to v1, which wrote the datum.
    ws.versions.duplicate();
    tick().await;
    ws.versions.set_text(SCHEMA.replace(
        r#"{"name": "label", "type": "string"}"#,
        r#"{"name": "label", "type": "string"}, {"name": "unit", "type": "string", "default": "kPa"}"#,
    ));
    tick().await;
    ws.versions.select(0);
    tick().await;
    assert!(
        panel.find("#resolution-status").is_none(),
        "{}",
        panel.html()
    );
    panel.click_button("v2").await;
    assert_eq!(panel.text("#resolution-status"), "Read as v2: 1 step.");
    assert!(
        panel.text("#resolution-steps").contains("/unit"),
        "{}",
        panel.html()
    );
    assert!(
        panel.text("#reader-json").contains(r#""unit": "kPa""#),
        "{}",
        panel.html()
    );
    // And back to the bytes as written.
    panel.click_button("as written").await;
    assert!(
        panel.find("#resolution-status").is_none(),
        "{}",
        panel.html()
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn valid_datum_reports_its_encoded_size() {
    let panel = datum_panel(DATUM).await;
    let status = panel.text(".status .ok");
    assert!(
        status.starts_with("4 bytes of Avro binary"),
        "status: {status}"
    );
    assert!(panel.find("#datum-error").is_none(), "{}", panel.html());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn raw_framing_outputs_just_the_datum() {
    let panel = datum_panel(DATUM).await;
    assert_eq!(panel.value("#out-frame"), "raw");
    assert_eq!(panel.value("#bytes-output"), DATUM_HEX);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn typing_a_datum_re_encodes_it() {
    let panel = datum_panel(DATUM).await;
    panel
        .type_into("#datum-input", r#"{"at": -2, "label": ""}"#)
        .await;
    // zigzag(-2) = 3, then an empty string's length 0.
    assert_eq!(panel.value("#bytes-output"), "0300");
    assert!(panel.text(".status .ok").starts_with("2 bytes"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn datum_of_the_wrong_type_names_its_pointer() {
    let panel = datum_panel("{\n  \"at\": \"soon\",\n  \"label\": \"hi\"\n}").await;
    let error = panel.text("#datum-error");
    assert_eq!(panel.text("#datum-error .pointer"), "(at /at)", "{error}");
    assert_eq!(panel.text("#datum-error .where"), "2:9", "{error}");
    assert_eq!(panel.texts("#datum-editor .line-number.error"), ["2"]);
    assert_eq!(
        panel.value("#bytes-output"),
        "",
        "no bytes for a broken datum"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn missing_field_names_its_record() {
    let panel = datum_panel(r#"{"at": 1}"#).await;
    let error = panel.text("#datum-error");
    assert!(error.contains("label"), "{error}");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn confluent_id_input_appears_only_for_confluent_framing() {
    let panel = datum_panel(DATUM).await;
    assert!(panel.find("#confluent-id").is_none(), "{}", panel.html());
    panel.choose("#out-frame", "confluent").await;
    assert_eq!(panel.value("#confluent-id"), "1");
    panel.choose("#out-frame", "raw").await;
    assert!(panel.find("#confluent-id").is_none(), "{}", panel.html());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn confluent_framing_prefixes_magic_and_big_endian_schema_id() {
    let panel = datum_panel(DATUM).await;
    panel.choose("#out-frame", "confluent").await;
    assert_eq!(
        panel.value("#bytes-output"),
        format!("0000000001{DATUM_HEX}")
    );
    panel.type_into("#confluent-id", "16909060").await;
    assert_eq!(
        panel.value("#bytes-output"),
        format!("0001020304{DATUM_HEX}")
    );
    assert!(panel.text(".status .ok").starts_with("9 bytes"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn confluent_id_that_is_not_a_number_is_an_error() {
    let panel = datum_panel(DATUM).await;
    panel.choose("#out-frame", "confluent").await;
    panel.type_into("#confluent-id", "v2").await;
    assert!(
        panel.text("#datum-error").contains("whole number"),
        "{}",
        panel.html()
    );
    assert_eq!(panel.value("#bytes-output"), "");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn single_object_framing_prefixes_c301_and_the_fingerprint() {
    let panel = datum_panel(DATUM).await;
    panel.choose("#out-frame", "single-object").await;
    let schema = parse_schema(SCHEMA).expect("the test schema parses");
    let fingerprint = to_hex(&fingerprints(&schema).rabin_le);
    assert_eq!(fingerprint.len(), 16);
    assert_eq!(
        panel.value("#bytes-output"),
        format!("c301{fingerprint}{DATUM_HEX}")
    );
    assert!(panel.text(".status .ok").starts_with("14 bytes"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn back_to_raw_framing_drops_the_header() {
    let panel = datum_panel(DATUM).await;
    panel.choose("#out-frame", "single-object").await;
    panel.choose("#out-frame", "raw").await;
    assert_eq!(panel.value("#bytes-output"), DATUM_HEX);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn copy_as_buttons_change_the_form_of_the_bytes() {
    let panel = datum_panel(DATUM).await;
    panel.click_button("base64").await;
    assert_eq!(panel.value("#bytes-output"), "AgRoaQ==");
    panel.click_button("hex (spaced)").await;
    assert_eq!(panel.value("#bytes-output"), "02 04 68 69");
    panel.click_button("Rust").await;
    assert_eq!(panel.value("#bytes-output"), "[0x02, 0x04, 0x68, 0x69]");
}
