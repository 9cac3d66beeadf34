//! The workspace's state: one parse per edit shared by every panel, the autosave and its old format, and a
//! selection that belongs to the bytes it was made in.

use crate::harness::{sleep, tick, Mounted};
use avro_playground_core::parse_count::{json_texts, schemas};
use avro_playground_web::state::Workspace;
use avro_playground_web::storage::{DOCUMENT_KEY, FORMAT_2_KEY};
use avro_playground_web::Page;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

const SCHEMA: &str = r#"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string", "default": ""}]}"#;

/// The whole page over a workspace of three versions of [`SCHEMA`], the matrix cell (2, 0) and a diff open.
async fn page() -> (Mounted, Workspace) {
    let (page, ws) = Mounted::panels(SCHEMA, r#"{"a": 1, "b": "x"}"#, |ws| {
        view! { <Page ws=ws /> }
    })
    .await;
    ws.versions.duplicate();
    ws.versions.duplicate();
    ws.cell.set(Some((2, 0)));
    ws.diff.set(Some((0, 2)));
    tick().await;
    (page, ws)
}

#[wasm_bindgen_test]
async fn a_keystroke_in_the_schema_parses_it_once_for_every_panel() {
    let (page, _ws) = page().await;
    assert!(page.find("#cell-details h3").is_some(), "{}", page.html());
    assert!(page.find("#diff h3").is_some(), "{}", page.html());
    let before = schemas();
    let edited = SCHEMA.replace("\"int\"", "\"long\"");
    page.type_into("#schema-input", &edited).await;
    tick().await;
    assert_eq!(
        schemas() - before,
        1,
        "the editor, lints, matrix, diff, encoder and decoder share one parse"
    );
    // The edit reached every panel: v3 now writes a long that v1 (an int reader) cannot read.
    assert!(page
        .text("#cell-details")
        .contains("v3 reading data written with v1"));
    assert!(page.text("#diff").contains("int"), "{}", page.text("#diff"));
    assert!(page.find("#matrix td.bad").is_some(), "{}", page.html());
}

#[wasm_bindgen_test]
async fn a_keystroke_in_the_datum_parses_it_once_and_no_schema() {
    let (page, _ws) = page().await;
    let (schemas_before, json_before) = (schemas(), json_texts());
    page.type_into("#datum-input", r#"{"a": 2, "b": "y"}"#)
        .await;
    tick().await;
    assert_eq!(schemas() - schemas_before, 0, "no schema is parsed again");
    assert_eq!(
        json_texts() - json_before,
        1,
        "the datum's JSON is parsed once"
    );
    assert!(page
        .text("#datum-editor + .status")
        .contains("3 bytes of Avro binary"));
}

#[wasm_bindgen_test]
async fn choosing_a_version_parses_nothing() {
    let (page, ws) = page().await;
    let before = schemas();
    ws.versions.select(0);
    tick().await;
    assert_eq!(schemas() - before, 0, "every version was parsed already");
    assert_eq!(page.value("#schema-input"), SCHEMA);
}

#[wasm_bindgen_test]
async fn the_first_versions_autosave_loads_and_is_saved_in_the_new_format() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let v2 = r#"{"versions":[{"name":"old","text":"\"int\"","registry_id":"3"},{"name":"new","text":"\"long\"","registry_id":""}],"current":0,"datum":"41"}"#;
    storage.set_item(FORMAT_2_KEY, v2).unwrap();
    let app = Mounted::view(avro_playground_web::App).await;
    tick().await;
    assert_eq!(app.value("#schema-input"), "\"int\"");
    assert_eq!(app.value("#datum-input"), "41");
    assert_eq!(app.texts(".version-select"), vec!["old", "new"]);
    app.type_into("#datum-input", "42").await;
    // The autosave waits for typing to pause.
    sleep(700).await;
    let saved = storage.get_item(DOCUMENT_KEY).unwrap().expect("saved");
    assert!(saved.starts_with("{\"format\":3,"), "{saved}");
    assert!(saved.contains("\"datum\":\"42\""), "{saved}");
    assert!(saved.contains("\"registry_id\":\"3\""), "{saved}");
    assert_eq!(storage.get_item(FORMAT_2_KEY).unwrap(), None, "migrated");
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn an_unreadable_autosave_is_kept_aside_and_said() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage
        .set_item(DOCUMENT_KEY, "{\"format\":3,\"versions\":[")
        .unwrap();
    let app = Mounted::view(avro_playground_web::App).await;
    tick().await;
    assert!(
        app.text("#storage-notes").contains("could not be read"),
        "{}",
        app.html()
    );
    assert_eq!(
        storage
            .get_item(avro_playground_web::storage::BACKUP_KEY)
            .unwrap()
            .as_deref(),
        Some("{\"format\":3,\"versions\":[")
    );
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn pasted_bytes_over_the_cap_are_left_out_of_the_autosave_and_said() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let app = Mounted::view(avro_playground_web::App).await;
    app.click("#tab-decode").await;
    let big = "00 ".repeat(avro_playground_web::document::MAX_SAVED_BYTES / 3 + 1);
    app.type_into("#bytes-input", &big).await;
    sleep(700).await;
    tick().await;
    let notes = app.text("#storage-notes");
    assert!(
        notes.contains("Not kept in the autosave: the pasted bytes"),
        "{notes}"
    );
    let saved = storage
        .get_item(DOCUMENT_KEY)
        .unwrap()
        .expect("the rest is saved");
    assert!(saved.contains("\"bytes\":\"\""), "the bytes are left out");
    assert!(saved.contains("\"mode\":\"decode\""), "the mode is kept");
    // Back under the cap, the note goes away.
    app.type_into("#bytes-input", "00").await;
    sleep(700).await;
    tick().await;
    assert_eq!(app.text("#storage-notes"), "");
    storage.clear().unwrap();
}
