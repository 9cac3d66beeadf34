//! The bytes section: the hex view, the selected span's details and the span tree, tied together by the
//! selected span; and the virtualized lists that keep a large datum light.

use crate::harness::{offset_of, text_of, Mounted};
use avro_playground_web::hex_view::HexView;
use avro_playground_web::span_details::SpanDetails;
use avro_playground_web::span_tree::SpanTree;
use avro_playground_web::state::Workspace;
use leptos::prelude::*;

const SCHEMA: &str = r#"{"type": "record", "name": "Reading", "namespace": "lab",
 "fields": [{"name": "at", "type": "long"}, {"name": "label", "type": "string"}]}"#;

/// Encodes as `03` (zigzag -2), then `04` (length 2) and `68 69` ("hi").
const DATUM: &str = r#"{"at": -2, "label": "hi"}"#;

/// An array of 5 000 longs: about 17 000 bytes, over a thousand hex rows and 5 000 tree rows.
fn large_datum() -> String {
    let items: Vec<String> = (0..5000).map(|i| (i * 1000).to_string()).collect();
    format!("[{}]", items.join(", "))
}
const LARGE_SCHEMA: &str = r#"{"type": "array", "items": "long"}"#;

async fn bytes_view(schema: &str, datum: &str) -> (Mounted, Workspace) {
    Mounted::panels(schema, datum, |ws| {
        view! {
            <HexView shown=ws.shown selected=ws.selected />
            <SpanDetails shown=ws.shown selected=ws.selected />
            <SpanTree shown=ws.shown selected=ws.selected />
        }
    })
    .await
}

/// The offsets of the hex bytes marked `selected`.
fn selected_offsets(view: &Mounted) -> Vec<usize> {
    view.find_all("#hex-view .hex-byte.selected")
        .iter()
        .map(offset_of)
        .collect()
}

/// The byte range of span `id` of the shown walk.
fn span_range(ws: Workspace, id: u32) -> std::ops::Range<usize> {
    let shown = ws.shown.get_untracked().expect("bytes are shown");
    let span = shown.0.walk.spans[id as usize];
    span.start as usize..span.end as usize
}

fn byte_selector(offset: usize) -> String {
    format!("#hex-view .hex-byte[data-offset=\"{offset}\"]")
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn encoded_bytes_appear_as_hex_bytes_with_offsets() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    assert_eq!(view.texts("#hex-view .hex-byte"), ["03", "04", "68", "69"]);
    let offsets: Vec<usize> = view
        .find_all("#hex-view .hex-byte")
        .iter()
        .map(offset_of)
        .collect();
    assert_eq!(offsets, [0, 1, 2, 3]);
    assert_eq!(view.text("#hex-view .hex-offset"), "00000000");
    assert_eq!(view.text("#hex-view .hex-ascii"), "..hi");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn nothing_is_selected_before_a_hover() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    assert!(selected_offsets(&view).is_empty());
    assert!(
        view.text("#span-details").starts_with("Hover a byte"),
        "{}",
        view.html()
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn hovering_a_byte_selects_the_bytes_of_its_innermost_span() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    // Byte 2 is in the string's content (bytes 2-3), inside the string (1-3), inside the record (0-3).
    view.hover_on(&byte_selector(2)).await;
    assert_eq!(selected_offsets(&view), [2, 3]);
    view.hover_on(&byte_selector(0)).await;
    assert_eq!(selected_offsets(&view), [0]);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn details_explain_a_hovered_long_down_to_its_zigzag() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    view.hover_on(&byte_selector(0)).await;
    assert_eq!(view.text("#span-details .span-path"), "/at");
    assert_eq!(view.text("#span-details .span-type"), "long");
    assert_eq!(view.text("#span-details .span-range"), "bytes 0–0 (1 byte)");
    assert_eq!(view.text("#span-details .span-value"), "-2");
    let breakdown = view.texts("#span-details .breakdown li");
    assert!(
        breakdown.iter().any(|l| l.starts_with("zigzag: 3 → -2")),
        "{breakdown:?}"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn details_explain_a_hovered_string_content() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    view.hover_on(&byte_selector(3)).await;
    assert_eq!(view.text("#span-details .span-label"), "content of label");
    assert_eq!(view.text("#span-details .span-path"), "/label");
    assert_eq!(
        view.text("#span-details .span-range"),
        "bytes 2–3 (2 bytes)"
    );
    assert_eq!(view.text("#span-details .span-value"), "\"hi\"");
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn hovering_a_byte_marks_its_row_in_the_tree() {
    let (view, ws) = bytes_view(SCHEMA, DATUM).await;
    view.hover_on(&byte_selector(2)).await;
    let rows = view.find_all("#span-tree .span-row.selected");
    assert_eq!(rows.len(), 1, "{}", view.html());
    assert_eq!(
        text_of(&rows[0].query_selector(".span-row-label").unwrap().unwrap()),
        "content of label"
    );
    let id: u32 = rows[0].get_attribute("data-span").unwrap().parse().unwrap();
    assert_eq!(span_range(ws, id), 2..4);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn tree_lists_every_span_with_its_bytes() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    let bytes = view.texts("#span-tree .span-row .span-row-bytes");
    // The record, its long, its string with the string's length prefix and content.
    assert_eq!(bytes, ["03 04 68 69", "03", "04 68 69", "04", "68 69"]);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn entering_a_tree_row_selects_its_bytes() {
    let (view, _) = bytes_view(SCHEMA, DATUM).await;
    let row = view
        .find_all("#span-tree .span-row")
        .into_iter()
        .find(|r| {
            r.query_selector(".span-row-label")
                .ok()
                .flatten()
                .is_some_and(|l| text_of(&l) == "length prefix of label")
        })
        .unwrap_or_else(|| panic!("no row for the length prefix in {}", view.html()));
    view.hover(&row).await;
    assert_eq!(selected_offsets(&view), [1]);
    assert!(row.class_list().contains("selected"));
    assert_eq!(
        view.text("#span-details .span-label"),
        "length prefix of label"
    );
    // The root row selects every byte.
    view.hover_on("#span-tree .span-row").await;
    assert_eq!(selected_offsets(&view), [0, 1, 2, 3]);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn new_bytes_clear_the_selection() {
    let (view, ws) = bytes_view(SCHEMA, DATUM).await;
    view.hover_on(&byte_selector(0)).await;
    assert_eq!(selected_offsets(&view), [0]);
    ws.datum_text.set(r#"{"at": 5, "label": "hi"}"#.into());
    crate::harness::tick().await;
    assert_eq!(view.text("#hex-view .hex-byte"), "0a");
    assert!(selected_offsets(&view).is_empty(), "{}", view.html());
    assert!(view.text("#span-details").starts_with("Hover a byte"));
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn null_datum_shows_that_it_takes_no_bytes() {
    let (view, _) = bytes_view(r#""null""#, "null").await;
    assert!(view.find("#hex-empty").is_some(), "{}", view.html());
    assert_eq!(view.count("#hex-view .hex-byte"), 0);
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn large_datum_renders_only_the_rows_in_view() {
    let (view, ws) = bytes_view(LARGE_SCHEMA, &large_datum()).await;
    let len = ws
        .shown
        .get_untracked()
        .expect("bytes are shown")
        .0
        .walk
        .bytes
        .len();
    let all_rows = len.div_ceil(16);
    assert!(all_rows > 1000, "{len} bytes");
    let hex_rows = view.count("#hex-view .hex-row");
    assert!(
        hex_rows > 0 && hex_rows <= 40,
        "{hex_rows} hex rows in the DOM of {all_rows}"
    );
    assert!(view.find(&byte_selector(0)).is_some());
    assert!(view.find(&byte_selector(len - 1)).is_none());
    let tree_rows = view.count("#span-tree .span-row");
    assert!(
        tree_rows > 0 && tree_rows <= 40,
        "{tree_rows} tree rows in the DOM of over 5000 spans"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn scrolling_the_hex_dump_renders_the_rows_scrolled_to() {
    let (view, _) = bytes_view(LARGE_SCHEMA, &large_datum()).await;
    // Row 500 (offset 8000) at the top of the viewport; rows are 24 px high.
    view.scroll_to("#hex-rows", 500 * 24).await;
    assert!(
        view.find(&byte_selector(8000)).is_some(),
        "row 500 is rendered"
    );
    assert!(view.find(&byte_selector(0)).is_none(), "row 0 is gone");
    assert!(view.count("#hex-view .hex-row") <= 40);
    assert_eq!(
        view.text("#hex-view .hex-row .hex-offset"),
        format!("{:08x}", (500 - 8) * 16),
        "the first rendered row is a few rows above the viewport"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn tree_row_far_down_scrolls_the_hex_view_to_its_bytes() {
    let (view, ws) = bytes_view(LARGE_SCHEMA, &large_datum()).await;
    // Tree rows are 22 px high; scroll to row 4900 and enter the last row rendered.
    view.scroll_to("#span-rows", 4900 * 22).await;
    let rows = view.find_all("#span-tree .span-row");
    let row = rows.last().expect("rows are rendered");
    let id: u32 = row.get_attribute("data-span").unwrap().parse().unwrap();
    assert!(id > 4900, "row {id}");
    view.hover(row).await;
    let range = span_range(ws, id);
    assert!(range.start > 16 * 1000, "{range:?}");
    assert!(
        view.get("#hex-rows").scroll_top() > 0,
        "the hex view scrolled"
    );
    assert_eq!(selected_offsets(&view), range.collect::<Vec<_>>());
}

#[wasm_bindgen_test::wasm_bindgen_test]
async fn byte_far_down_scrolls_the_tree_to_its_row() {
    let (view, _) = bytes_view(LARGE_SCHEMA, &large_datum()).await;
    view.scroll_to("#hex-rows", 900 * 24).await;
    view.hover_on(&byte_selector(900 * 16)).await;
    assert!(view.get("#span-rows").scroll_top() > 0, "the tree scrolled");
    let selected = view.find_all("#span-tree .span-row.selected");
    assert_eq!(
        selected.len(),
        1,
        "the hovered byte's row is rendered and marked"
    );
}
