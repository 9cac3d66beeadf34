//! The details of the selected span: where it is in the datum and the schema, and how its bytes give
//! its value. Written as HTML text (see [`crate::html`]).

use crate::html::escape_into;
use crate::state::{Selected, Shared, Shown};
use avro_playground_core::walker::explain::{explain, SpanInfo};
use leptos::prelude::*;
use std::fmt::Write;

/// The details of one span as HTML.
fn details_html(info: &SpanInfo) -> String {
    let mut out = String::from("<h3 class=\"span-label\">");
    escape_into(&mut out, &info.label);
    out.push_str("</h3><dl>");
    let item = |out: &mut String, term: &str, open: &str, text: &str, close: &str| {
        let _ = write!(out, "<dt>{term}</dt><dd>{open}");
        escape_into(out, text);
        out.push_str(close);
        out.push_str("</dd>");
    };
    if !info.path.is_empty() {
        item(
            &mut out,
            "Datum path",
            "<code class=\"span-path\">",
            &info.path,
            "</code>",
        );
    }
    out.push_str("<dt>Schema</dt><dd><code class=\"span-type\">");
    escape_into(&mut out, &info.type_name);
    out.push_str("</code>");
    if !info.schema_path.is_empty() {
        out.push_str(" at <code>");
        escape_into(&mut out, &info.schema_path);
        out.push_str("</code>");
    }
    out.push_str("</dd>");
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
    let _ = write!(out, "<dt>Bytes</dt><dd class=\"span-range\">{range}</dd>");
    if let Some(v) = &info.value {
        item(
            &mut out,
            "Value",
            "<code class=\"span-value\">",
            v,
            "</code>",
        );
    }
    if let Some(v) = &info.interpreted {
        out.push_str("<dt>Interpreted</dt><dd class=\"span-interpreted\">");
        escape_into(&mut out, v);
        out.push_str("</dd>");
    }
    out.push_str("</dl><ol class=\"breakdown\">");
    for line in &info.breakdown {
        out.push_str("<li>");
        escape_into(&mut out, line);
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// The details panel.
#[component]
pub fn SpanDetails(shown: Memo<Option<Shared<Shown>>>, selected: Selected) -> impl IntoView {
    let body = move || {
        let id = selected.get().map(|s| s.span);
        let shown = shown.get();
        let (Some(id), Some(shown)) = (id, shown) else {
            return "<p class=\"muted\">Hover a byte (or a row of the tree) to see what it means.</p>".to_string();
        };
        match explain(&shown.0.schema, &shown.0.walk, id) {
            Some(info) => details_html(&info),
            None => "<p class=\"muted\">Nothing selected.</p>".to_string(),
        }
    };
    view! { <aside id="span-details" aria-live="polite" inner_html=body></aside> }
}
