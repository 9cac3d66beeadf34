//! The datum editor (Avro JSON) and why a datum does not fit the schema.

use crate::editor::{positioned_error_html, CodeEditor, ErrorMark};
use crate::html::{clicked_attribute, html_fn, Markup};
use crate::read_as::{in_editor, read_as_html};
use crate::state::{Encoding, Origin, Plain, Selection, Shown, Workspace};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::walker::explain::{datum_path, span_at_text};
use leptos::prelude::*;

/// The range in the datum text of the value whose bytes are selected in the hex view.
fn selected_value(ws: Workspace) -> Option<(usize, usize)> {
    let span = ws.selected.get()?.span;
    let shown = ws.shown.get()?;
    let path = datum_path(&shown.0.schema, &shown.0.walk, span);
    let datum = ws.datum.get();
    let node = datum.0.as_ref().as_ref().ok()?.at(&path)?;
    Some((node.range.start, node.range.end))
}

/// The byte offset in `text` of a textarea position counted in UTF-16 code units.
fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The way back: the caret in the datum text selects the bytes of the value it is in.
fn select_at_caret(ws: Workspace, ev: &web_sys::Event) {
    use wasm_bindgen::JsCast;
    let Some(textarea) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .filter(|t| t.id() == "datum-input")
    else {
        return;
    };
    let Ok(Some(caret)) = textarea.selection_start() else {
        return;
    };
    let encoding = ws.encoding.get_untracked();
    let Encoding::Bytes(shown, _) = encoding.0.as_ref() else {
        return;
    };
    let datum = ws.datum.get_untracked();
    let Ok(json) = datum.0.as_ref() else {
        return;
    };
    let span = ws.datum_text.with_untracked(|t| {
        span_at_text(
            &shown.schema,
            &shown.walk,
            json,
            byte_offset(t, caret as usize),
        )
    });
    if let Some(span) = span {
        ws.selected.set(Some(Selection {
            span,
            origin: Origin::Text,
        }));
    }
}

/// What the encoding weighs and where its bytes go, and the plain-JSON conversions (each difference from
/// Avro JSON as Java's `JsonDecoder` reads it, defaults filled in and fields skipped included), as HTML text.
fn bytes_html(shown: &Shown, plain: &Plain, typed: usize) -> String {
    let walk = &shown.walk;
    let compact = walk
        .value
        .as_ref()
        .map_or(0, |v| to_avro_json(&shown.schema, v).len());
    let names = walk.value.as_ref().map_or(0, |v| v.field_name_bytes());
    let roles = walk.byte_roles();
    let mut out = Markup::new();
    out.open("p")
        .attr("class", "ok")
        .attr("id", "datum-size")
        .text(format_args!("{} bytes of Avro binary", walk.bytes.len()))
        .open("span")
        .attr("class", "muted")
        .text(format_args!(
            " vs {compact} bytes of compact Avro JSON ({typed} as typed); the binary writes no field \
             names ({names} bytes of JSON)"
        ))
        .close("span")
        .close("p");
    out.open("p")
        .attr("class", "muted size-roles")
        .text(format_args!(
            "Where the bytes go: {} values, {} length prefixes, {} union indexes, {} block counts",
            roles.values, roles.lengths, roles.union_indexes, roles.block_counts,
        ));
    if roles.header > 0 {
        out.text(format_args!(", {} header", roles.header));
    }
    out.text(".").close("p");
    if plain.conversions.is_empty() {
        return out.into_string();
    }
    let n = plain.conversions.len();
    out.open("div")
        .attr("id", "conversions")
        .attr("class", "conversions")
        .open("p")
        .attr("class", "warning")
        .text(format_args!(
            "Not Avro JSON: read as plain JSON with {n} conversion{}. ",
            if n == 1 { "" } else { "s" }
        ));
    if plain.avro_json.is_some() {
        out.open("button")
            .attr("class", "copy fix")
            .attr("id", "apply-conversions")
            .text("apply: rewrite as Avro JSON")
            .close("button");
    }
    out.close("p").open("ul");
    for c in &plain.conversions {
        out.open("li")
            .open("span")
            .attr("class", "where")
            .text(c.position)
            .close("span")
            .text(" ")
            .text(&c.message)
            .text(" ")
            .open("code")
            .attr("class", "pointer")
            .text(format_args!("(at {})", c.pointer))
            .close("code");
        // A member skipped has no Avro JSON of its own: nothing stands in its place.
        if !c.avro_json.is_empty() {
            out.text(" → ").el("code", &c.avro_json);
        }
        out.close("li");
    }
    out.close("ul").close("div");
    out.into_string()
}

/// The datum panel: it edits the datum and reads nearly every part of the workspace (the encoding, the
/// selection, the versions to read the datum as), so it takes the workspace.
#[component]
pub fn DatumPanel(ws: Workspace) -> impl IntoView {
    let history = ws.history;
    let apply = move |ev: web_sys::MouseEvent| {
        if clicked_attribute(&ev, "id").as_deref() != Some("apply-conversions") {
            return;
        }
        let text = match ws.encoding.get_untracked().0.as_ref() {
            Encoding::Bytes(_, plain) => plain.avro_json.clone(),
            _ => None,
        };
        if let Some(text) = text {
            ws.datum_text.set(text);
        }
    };
    let error_mark = Signal::derive(move || match ws.encoding.get().0.as_ref() {
        Encoding::Datum(e) => Some(ErrorMark {
            line: e.position.line,
            start: e.range.start,
            end: e.range.end,
        }),
        _ => None,
    });
    let status = html_fn(move || match ws.encoding.get().0.as_ref() {
        Encoding::NoSchema => {
            let mut out = Markup::new();
            out.open("p")
                .attr("class", "muted")
                .text("Fix the schema to encode the datum.")
                .close("p");
            out.into_string()
        }
        Encoding::Datum(e) => positioned_error_html(
            "datum-error",
            &e.position.to_string(),
            &e.message,
            &e.pointer.to_string(),
        ),
        Encoding::Failed(e) => {
            let mut out = Markup::new();
            out.open("p")
                .attr("id", "datum-error")
                .attr("class", "error")
                .attr("role", "alert")
                .text(e)
                .close("p");
            out.into_string()
        }
        Encoding::Bytes(shown, plain) => bytes_html(shown, plain, ws.datum_text.with(|t| t.len())),
    });
    view! {
        <section
            class="panel"
            aria-labelledby="datum-title"
            on:click=move |ev| select_at_caret(ws, &ev)
            on:keyup=move |ev| select_at_caret(ws, &ev)
        >
            <h2 id="datum-title">"Datum " <small>"Avro JSON"</small></h2>
            <CodeEditor
                editor_id="datum-editor"
                input_id="datum-input"
                label="Datum (Avro JSON encoding)"
                text=ws.datum_text
                on_edit=Callback::new(move |text| ws.datum_text.set(text))
                error=error_mark
                highlight=Signal::derive(move || selected_value(ws))
            />
            <div class="status" inner_html=status on:click=apply></div>
            <crate::bytes_out::BytesOut encoding=ws.encoding output=ws.output />
            <div
                class="resolution"
                on:click=move |ev| {
                    if let Some(id) = clicked_attribute(&ev, "data-reader") {
                        ws.reader.set(id.parse().ok());
                    }
                }
                inner_html=html_fn(move || match ws.encoding.get().0.as_ref() {
                    // The encoded datum read with a saved version: what a consumer on that version sees.
                    Encoding::Bytes(shown, _) => {
                        let h = history.get();
                        let ids: Vec<u32> = ws.versions.list.with(|vs| vs.iter().map(|v| v.id).collect());
                        let written = in_editor(&shown.schema, shown.walk.value.as_ref(), &h.0, ws.versions.current.get());
                        read_as_html(&written, &h.0, &ids, ws.reader.get())
                    }
                    _ => String::new(),
                })
            ></div>
        </section>
    }
}
