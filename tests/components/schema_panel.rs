//! The schema panel: validation status, the error's place in the editor, lints and their fixes.

use crate::harness::{tick, Mounted};
use avro_playground_web::schema_panel::SchemaPanel;
use leptos::prelude::*;

/// A schema with a doc and a namespace, so that it draws no lint of its own.
const CLEAN: &str = r#"{"type": "record", "name": "Reading", "namespace": "lab", "doc": "A sensor reading.",
 "fields": [{"name": "at", "type": "long"}]}"#;

/// The `type` of the field on line 4 names no type.
const UNKNOWN_TYPE: &str = r#"{
  "type": "record", "name": "Reading", "namespace": "lab", "doc": "A sensor reading.",
  "fields": [
    {"name": "at", "type": "lnog"}
  ]
}"#;

/// `logicalType` on the field object, where the spec does not read it.
const LOGICAL_ON_FIELD: &str = r#"{"type": "record", "name": "Reading", "namespace": "lab", "doc": "A sensor reading.",
 "fields": [{"name": "at", "type": "long", "logicalType": "timestamp-millis"}]}"#;

async fn schema_panel(schema: &str) -> Mounted {
    let (panel, _) = Mounted::panels(
        schema,
        "{}",
        |ws| view! { <SchemaPanel versions=ws.versions schema=ws.schema history=ws.history edited=ws.edited_diff /> },
    )
    .await;
    panel
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn valid_schema_shows_ok_and_what_it_is() {
    let panel = schema_panel(CLEAN).await;
    let ok = panel.text("#schema-ok");
    assert!(ok.starts_with("Valid Avro 1.12 schema"), "{ok}");
    assert!(ok.contains("Reading"), "the status names the record: {ok}");
    assert!(panel.find("#schema-error").is_none(), "{}", panel.html());
    assert_eq!(panel.count(".line-number.error"), 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn valid_schema_shows_its_canonical_form_once_opened() {
    let panel = schema_panel(CLEAN).await;
    assert!(
        panel.find("#canonical-form").is_none(),
        "computed only when opened"
    );
    panel.click("details.canonical summary").await;
    // The `toggle` event comes after the click, as a task of its own.
    crate::harness::sleep(50).await;
    tick().await;
    assert_eq!(
        panel.text("#canonical-form"),
        r#"{"name":"lab.Reading","type":"record","fields":[{"name":"at","type":"long"}]}"#
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn unknown_type_shows_error_with_line_column_and_pointer() {
    let panel = schema_panel(UNKNOWN_TYPE).await;
    assert!(panel.find("#schema-ok").is_none(), "{}", panel.html());
    assert_eq!(panel.text("#schema-error .where"), "4:28");
    assert_eq!(panel.text("#schema-error .pointer"), "(at /fields/0/type)");
    assert!(
        panel.text("#schema-error").contains("lnog"),
        "{}",
        panel.text("#schema-error")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn schema_error_marks_its_line_in_the_gutter() {
    let panel = schema_panel(UNKNOWN_TYPE).await;
    let numbers = panel.text("#schema-editor .gutter");
    assert_eq!(
        numbers.split_whitespace().collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5", "6"]
    );
    assert_eq!(panel.texts("#schema-editor .line-number.error"), ["4"]);
    assert_eq!(panel.text("#schema-editor mark.error-mark"), "\"lnog\"");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn json_syntax_error_shows_where_the_text_breaks() {
    // The comma after "lab" on line 2 is missing: the error is where it should be.
    let text = "{\n  \"type\": \"record\", \"namespace\": \"lab\"\n  \"name\": \"Reading\", \"fields\": []\n}";
    let panel = schema_panel(text).await;
    let error = panel.text("#schema-error");
    assert!(error.contains("JSON syntax"), "{error}");
    assert_eq!(panel.text("#schema-error .where"), "2:39", "{error}");
    assert_eq!(panel.texts("#schema-editor .line-number.error"), ["2"]);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn typing_a_fix_replaces_the_error_with_ok() {
    let panel = schema_panel(UNKNOWN_TYPE).await;
    panel
        .type_into("#schema-input", &UNKNOWN_TYPE.replace("lnog", "long"))
        .await;
    assert!(panel.find("#schema-error").is_none(), "{}", panel.html());
    assert!(panel.find("#schema-ok").is_some(), "{}", panel.html());
    assert_eq!(panel.count("#schema-editor .line-number.error"), 0);
    assert_eq!(panel.count("#schema-editor mark.error-mark"), 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn clean_schema_has_no_lints() {
    let panel = schema_panel(CLEAN).await;
    assert_eq!(panel.count("#lints .lint"), 0, "{}", panel.html());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn logical_type_on_a_field_is_linted_with_its_place() {
    let panel = schema_panel(LOGICAL_ON_FIELD).await;
    let lint = "#lints .lint[data-rule=\"logical-type-on-field\"]";
    assert_eq!(panel.count(lint), 1, "{}", panel.html());
    assert_eq!(
        panel.text(&format!("{lint} .pointer")),
        "(at /fields/0/logicalType)"
    );
    assert_eq!(panel.text(&format!("{lint} .where")), "2:44");
    assert!(panel.find(&format!("{lint} button.fix")).is_some());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn lint_fix_moves_the_logical_type_into_the_type() {
    let panel = schema_panel(LOGICAL_ON_FIELD).await;
    panel
        .click("#lints .lint[data-rule=\"logical-type-on-field\"] button.fix")
        .await;
    let text = panel.value("#schema-input");
    let fixed: serde_json::Value = serde_json::from_str(&text).expect("the fixed schema is JSON");
    assert_eq!(
        fixed["fields"][0],
        serde_json::json!({"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}),
        "{text}"
    );
    assert_eq!(panel.count("#lints .lint"), 0, "{}", panel.html());
    assert!(panel.find("#schema-ok").is_some(), "{}", panel.html());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn a_rename_since_the_previous_version_is_linted_and_its_fix_adds_the_alias() {
    let (panel, ws) = Mounted::panels(
        CLEAN,
        "{}",
        |ws| view! { <SchemaPanel versions=ws.versions schema=ws.schema history=ws.history edited=ws.edited_diff /> },
    )
    .await;
    ws.load_versions(vec![
        ("v1".into(), CLEAN.into()),
        ("v2".into(), CLEAN.replace("\"at\"", "\"taken_at\"")),
    ]);
    tick().await;
    let lint = "#lints .lint[data-rule=\"rename-without-alias\"]";
    assert_eq!(panel.count(lint), 1, "{}", panel.html());
    assert!(
        panel.text(lint).contains("`at` of v1"),
        "{}",
        panel.text(lint)
    );
    panel.click(&format!("{lint} button.fix")).await;
    let fixed: serde_json::Value =
        serde_json::from_str(&panel.value("#schema-input")).expect("the fixed schema is JSON");
    assert_eq!(fixed["fields"][0]["aliases"], serde_json::json!(["at"]));
    assert_eq!(panel.count("#lints .lint"), 0, "{}", panel.html());
}
