//! Every span as a tree row in byte order: what it is, its bytes and its value. Hovering a row selects
//! its bytes; a byte hovered in the hex view scrolls its row into view. Only visible rows are built.

use crate::state::{Origin, Selection, Workspace};
use crate::virtual_rows::VirtualRows;
use avro_playground_core::walker::explain::explain;
use leptos::prelude::*;

const ROW_HEIGHT: f64 = 22.0;

/// The span tree.
#[component]
pub fn SpanTree(ws: Workspace) -> impl IntoView {
    let rows = Signal::derive(move || ws.shown.get().map_or(0, |w| w.0.walk.spans.len()));
    let reveal = Signal::derive(move || {
        let sel = ws.selected.get()?;
        (sel.origin == Origin::Hex).then_some(sel.span as usize)
    });
    let row = move |i: usize| {
        let id = i as u32;
        let Some(shown) = ws.shown.get_untracked() else {
            return ().into_any();
        };
        let walk = &shown.0.walk;
        let Some(info) = explain(&shown.0.schema, walk, id) else {
            return ().into_any();
        };
        let depth = walk.ancestry(id).len();
        let bytes = walk
            .bytes
            .get(info.start as usize..info.end as usize)
            .unwrap_or_default();
        let hex: Vec<String> = bytes.iter().take(16).map(|b| format!("{b:02x}")).collect();
        let more = if bytes.len() > 16 { " …" } else { "" };
        view! {
            <div
                class="span-row"
                data-span=id
                style=format!("--depth: {depth}")
                class:selected=move || ws.selected.get().map(|s| s.span) == Some(id)
                on:mouseenter=move |_| ws.selected.set(Some(Selection { span: id, origin: Origin::Tree }))
            >
                <span class="span-row-label">{info.label.clone()}</span>
                <code class="span-row-bytes">{format!("{}{more}", hex.join(" "))}</code>
                <span class="span-row-value">{info.interpreted.clone().or(info.value.clone()).unwrap_or_default()}</span>
            </div>
        }
        .into_any()
    };
    view! {
        <div id="span-tree" aria-label="Spans">
            {move || ws.shown.get().map(|_| view! {
                <VirtualRows id="span-rows" class="span-list" rows=rows row_height=ROW_HEIGHT viewport=330.0 reveal=reveal
                        reset=Signal::derive(move || ws.shown.get().map_or(0, |s| std::sync::Arc::as_ptr(&s.0) as usize)) render=row />
            })}
        </div>
    }
}
