//! The details of the selected span: where it is in the datum and the schema, and how its bytes give
//! its value.

use crate::state::Workspace;
use avro_playground_core::walker::explain::explain;
use leptos::prelude::*;

/// The details panel.
#[component]
pub fn SpanDetails(ws: Workspace) -> impl IntoView {
    let body = move || {
        let id = ws.selected.get().map(|s| s.span);
        let shown = ws.shown.get();
        let (Some(id), Some(shown)) = (id, shown) else {
            return view! { <p class="muted">"Hover a byte (or a row of the tree) to see what it means."</p> }.into_any();
        };
        let walk = &shown.0.walk;
        let Some(info) = explain(&shown.0.schema, walk, id) else {
            return view! { <p class="muted">"Nothing selected."</p> }.into_any();
        };
        let len = info.end - info.start;
        let range = if len == 0 {
            format!("no bytes, at offset {}", info.start)
        } else {
            format!(
                "bytes {}–{} ({} byte{})",
                info.start,
                info.end - 1,
                len,
                if len == 1 { "" } else { "s" }
            )
        };
        view! {
            <h3 class="span-label">{info.label.clone()}</h3>
            <dl>
                {(!info.path.is_empty()).then(|| view! {
                    <dt>"Datum path"</dt>
                    <dd><code class="span-path">{info.path.clone()}</code></dd>
                })}
                <dt>"Schema"</dt>
                <dd>
                    <code class="span-type">{info.type_name.clone()}</code>
                    {(!info.schema_path.is_empty()).then(|| view! { " at " <code>{info.schema_path.clone()}</code> })}
                </dd>
                <dt>"Bytes"</dt>
                <dd class="span-range">{range}</dd>
                {info.value.clone().map(|v| view! { <dt>"Value"</dt><dd><code class="span-value">{v}</code></dd> })}
                {info.interpreted.clone().map(|v| view! { <dt>"Interpreted"</dt><dd class="span-interpreted">{v}</dd> })}
            </dl>
            <ol class="breakdown">
                {info.breakdown.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <aside id="span-details" aria-live="polite">{body}</aside>
    }
}
