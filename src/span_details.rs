//! The details of the selected span: where it is in the datum and the schema, and how its bytes give
//! its value. Written as HTML text (see [`crate::html`]).

use crate::html::{html_fn, Markup};
use crate::state::{Selected, Shared, Shown};
use avro_playground_core::walker::explain::{explain, SpanInfo};
use leptos::prelude::*;

/// The details of one span as HTML.
fn details_html(info: &SpanInfo) -> String {
    let mut out = Markup::new();
    out.open("h3")
        .attr("class", "span-label")
        .text(&info.label)
        .close("h3")
        .open("dl");
    if !info.path.is_empty() {
        out.el("dt", "Datum path")
            .open("dd")
            .open("code")
            .attr("class", "span-path")
            .text(&info.path)
            .close("code")
            .close("dd");
    }
    out.el("dt", "Schema")
        .open("dd")
        .open("code")
        .attr("class", "span-type")
        .text(&info.type_name)
        .close("code");
    if !info.schema_path.is_empty() {
        out.text(" at ").el("code", &info.schema_path);
    }
    out.close("dd");
    let len = info.end - info.start;
    out.el("dt", "Bytes").open("dd").attr("class", "span-range");
    if len == 0 {
        out.text(format_args!("no bytes, at offset {}", info.start));
    } else {
        out.text(format_args!(
            "bytes {}–{} ({} byte{})",
            info.start,
            info.end - 1,
            len,
            if len == 1 { "" } else { "s" }
        ));
    }
    out.close("dd");
    if let Some(v) = &info.value {
        out.el("dt", "Value")
            .open("dd")
            .open("code")
            .attr("class", "span-value")
            .text(v)
            .close("code")
            .close("dd");
    }
    if let Some(v) = &info.interpreted {
        out.el("dt", "Interpreted")
            .open("dd")
            .attr("class", "span-interpreted")
            .text(v)
            .close("dd");
    }
    out.close("dl").open("ol").attr("class", "breakdown");
    for line in &info.breakdown {
        out.el("li", line);
    }
    out.close("ol");
    out.into_string()
}

/// A muted paragraph, as HTML.
fn muted(text: &str) -> String {
    let mut out = Markup::new();
    out.open("p").attr("class", "muted").text(text).close("p");
    out.into_string()
}

/// The details panel.
#[component]
pub fn SpanDetails(shown: Memo<Option<Shared<Shown>>>, selected: Selected) -> impl IntoView {
    let body = html_fn(move || {
        let id = selected.get().map(|s| s.span);
        let shown = shown.get();
        let (Some(id), Some(shown)) = (id, shown) else {
            return muted("Hover a byte (or a row of the tree) to see what it means.");
        };
        match explain(&shown.0.schema, &shown.0.walk, id) {
            Some(info) => details_html(&info),
            None => muted("Nothing selected."),
        }
    });
    view! { <aside id="span-details" aria-live="polite" inner_html=body></aside> }
}
