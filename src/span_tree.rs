//! Every span as a tree row in byte order: what it is, its bytes and its value. Hovering a row selects
//! its bytes; a byte hovered in the hex view scrolls its row into view. Only visible rows are built.

use crate::html::{self, handler, Markup};
use crate::state::{Origin, Selected, Selection, Shared, Shown};
use crate::virtual_rows::{mark_rows, RenderRow, VirtualRows};
use avro_playground_core::walker::explain::explain;
use leptos::prelude::*;
use std::sync::Arc;

const ROW_HEIGHT: f64 = 22.0;

/// Appends span `id`'s row (label, first bytes, value) as HTML.
fn write_row(shown: &Shown, selected: Option<u32>, id: u32, out: &mut Markup) {
    let walk = &shown.walk;
    let Some(info) = explain(&shown.schema, walk, id) else {
        return;
    };
    let depth = walk.ancestry(id).len();
    let bytes = walk
        .bytes
        .get(info.start as usize..info.end as usize)
        .unwrap_or_default();
    out.open("div")
        .attr(
            "class",
            if selected == Some(id) {
                "span-row selected"
            } else {
                "span-row"
            },
        )
        .attr("data-span", id)
        .attr("style", format_args!("--depth: {depth}"))
        .open("span")
        .attr("class", "span-row-label")
        .text(&info.label)
        .close("span")
        .open("code")
        .attr("class", "span-row-bytes");
    for (i, b) in bytes.iter().take(16).enumerate() {
        out.text(format_args!("{}{b:02x}", if i > 0 { " " } else { "" }));
    }
    if bytes.len() > 16 {
        out.text(" …");
    }
    out.close("code")
        .open("span")
        .attr("class", "span-row-value");
    if let Some(value) = info.interpreted.as_ref().or(info.value.as_ref()) {
        out.text(value);
    }
    out.close("span").close("div");
}

/// The span tree.
#[component]
pub fn SpanTree(shown: Memo<Option<Shared<Shown>>>, selected: Selected) -> impl IntoView {
    let rows = Signal::derive(move || shown.get().map_or(0, |w| w.0.walk.spans.len()));
    let reveal = Signal::derive(move || {
        let sel = selected.get()?;
        (sel.origin != Origin::Tree).then_some(sel.span as usize)
    });
    let selected_span = move || selected.get_untracked().map(|s| s.span);
    let render: RenderRow = Arc::new(move |i, out| {
        if let Some(shown) = shown.get_untracked() {
            write_row(&shown.0, selected_span(), i as u32, out);
        }
    });
    let container: NodeRef<leptos::html::Div> = NodeRef::new();
    // The selection moves without rebuilding the rows.
    Effect::new(move |_| {
        let span = selected.get().map(|s| s.span as usize);
        if let Some(el) = container.get() {
            mark_rows(&el, ".span-row", "data-span", "selected", |s| {
                Some(s) == span
            });
        }
    });
    // Hovering a row selects its bytes (one listener for all the rows).
    let hover = move |ev: web_sys::MouseEvent| {
        let Some(span) = html::hovered_number(&ev, ".span-row", "data-span") else {
            return;
        };
        let selection = Some(Selection {
            span: span as u32,
            origin: Origin::Tree,
        });
        selected.set(selection);
    };
    // New bytes keep the rows' component (and its scroll state), which `reset` scrolls back to the top.
    let some = Memo::new(move |_| shown.with(Option::is_some));
    view! {
        <div id="span-tree" aria-label="Spans" on:mouseover=handler(hover)>
            {move || some.get().then(|| view! {
                <VirtualRows id="span-rows" class="span-list" rows=rows row_height=ROW_HEIGHT viewport=330.0 reveal=reveal
                        reset=Signal::derive(move || shown.get().map_or(0, |s| Arc::as_ptr(&s.0) as usize))
                        render=render.clone() container=container />
            })}
        </div>
    }
}
