//! The diff view: the changes between two versions with their verdicts, and the picked one marked.

use crate::harness::{tick, Mounted};
use avro_playground_web::diff_panel::DiffPanel;
use leptos::prelude::*;

const V1: &str = r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}, {"name": "note", "type": "string"}]}"#;
const V2: &str =
    r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}"#;

#[wasm_bindgen_test::wasm_bindgen_test]
async fn the_diff_lists_a_removed_field_and_marks_it_when_clicked() {
    let (panel, ws) = Mounted::panels(V1, "{}", |ws| {
        let chosen = RwSignal::new(None);
        view! { <DiffPanel history=ws.history current=ws.versions.current chosen=chosen edited=ws.edited_diff /> }
    })
    .await;
    assert!(
        panel.text("#diff").contains("Add a version"),
        "{}",
        panel.html()
    );
    ws.load_versions(vec![("v1".into(), V1.into()), ("v2".into(), V2.into())]);
    tick().await;
    assert_eq!(panel.count("li.change"), 1, "{}", panel.html());
    let effects = panel.texts("li.change[data-kind=\"field_removed\"] .effect");
    assert!(
        effects[0].contains("(backward): compatible:"),
        "{effects:?}"
    );
    assert!(
        effects[1].contains("(forward): incompatible:"),
        "{effects:?}"
    );
    panel.click("li.change").await;
    assert_eq!(
        panel.texts("mark.location").first().map(String::as_str),
        Some(r#"{"name": "note", "type": "string"}"#)
    );
}
