//! Every span as a tree row: what it is, its bytes and its value. Hovering a row selects its bytes.

use crate::state::Workspace;
use avro_playground_core::walker::explain::explain;
use leptos::prelude::*;

/// The span tree.
#[component]
pub fn SpanTree(ws: Workspace) -> impl IntoView {
    let rows = move || {
        let schema = ws.schema.get();
        let shown = ws.shown.get();
        let (Ok(parsed), Some(shown)) = (schema.0.as_ref(), shown) else {
            return ().into_any();
        };
        let walk = &shown.0.walk;
        (0..walk.spans.len() as u32)
            .filter_map(|id| {
                let info = explain(&parsed.schema, walk, id)?;
                let depth = walk.ancestry(id).len();
                let bytes = walk.bytes.get(info.start as usize..info.end as usize).unwrap_or_default();
                let hex: String = bytes.iter().take(24).map(|b| format!("{b:02x} ")).collect();
                let more = if bytes.len() > 24 { "…" } else { "" };
                Some(view! {
                    <li
                        class="span-row"
                        data-span=id
                        style=format!("--depth: {depth}")
                        class:selected=move || ws.selected.get() == Some(id)
                        on:mouseenter=move |_| ws.selected.set(Some(id))
                    >
                        <span class="span-row-label">{info.label.clone()}</span>
                        <code class="span-row-bytes">{format!("{}{more}", hex.trim_end())}</code>
                        <span class="span-row-value">{info.interpreted.clone().or(info.value.clone()).unwrap_or_default()}</span>
                    </li>
                })
            })
            .collect_view()
            .into_any()
    };
    view! { <ul id="span-tree" aria-label="Spans">{rows}</ul> }
}
