//! The whole page: its panels wired to one workspace.

use crate::harness::Mounted;

#[wasm_bindgen_test::wasm_bindgen_test]
async fn app_shows_its_heading() {
    let app = Mounted::app().await;
    assert_eq!(app.text("h1"), "Avro Playground");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn app_starts_with_the_example_encoded() {
    let app = Mounted::app().await;
    assert!(app.find("#schema-ok").is_some(), "{}", app.html());
    assert!(app
        .text("#datum-editor + .status")
        .contains("bytes of Avro binary"));
    assert!(app.count("#hex-view .hex-byte") > 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn decode_tab_swaps_the_datum_editor_for_the_byte_input() {
    let app = Mounted::app().await;
    assert!(app.find("#datum-input").is_some());
    app.click("#tab-decode").await;
    assert!(app.find("#datum-input").is_none(), "{}", app.html());
    assert!(app.find("#bytes-input").is_some(), "{}", app.html());
    assert_eq!(
        app.get("#tab-decode")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        app.get("#tab-encode")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("false")
    );
    // The example bytes are a single-object frame of the example schema.
    let status = app.text("#decode-status");
    assert!(status.contains("single-object"), "{status}");
    assert!(status.contains("matches the schema"), "{status}");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn hex_view_follows_the_tab() {
    let app = Mounted::app().await;
    let encoded = app.texts("#hex-view .hex-byte");
    app.click("#tab-decode").await;
    let decoded = app.texts("#hex-view .hex-byte");
    assert_eq!(
        &decoded[..2],
        ["c3", "01"],
        "the decode tab shows the pasted frame"
    );
    assert_eq!(
        &decoded[10..],
        encoded.as_slice(),
        "the same datum after the header"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn breaking_the_schema_stops_the_encoding() {
    let app = Mounted::app().await;
    app.type_into("#schema-input", "{").await;
    assert!(app.find("#schema-error").is_some(), "{}", app.html());
    assert!(app
        .text("#datum-editor + .status")
        .contains("Fix the schema"));
    assert_eq!(app.count("#hex-view .hex-byte"), 0);
}
