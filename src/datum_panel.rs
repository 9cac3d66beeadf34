//! The datum editor (Avro JSON) and why a datum does not fit the schema.

use crate::editor::{positioned_error_html, CodeEditor, ErrorMark};
use crate::history::History;
use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::read_as::{in_editor, read_as_html, resolve_in, Resolutions};
use crate::state::{
    Encoding, Origin, Output, ParsedDatum, Plain, Selected, Selection, Shared, Shown, Versions,
};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::walker::explain::{datum_path, span_at_text};
use leptos::prelude::*;

/// The range in the datum text of the value whose bytes are selected in the hex view.
fn selected_value(
    selected: Selected,
    encoding: Memo<Shared<Encoding>>,
    datum: Memo<ParsedDatum>,
) -> Option<(usize, usize)> {
    let span = selected.get()?.span;
    let encoding = encoding.get();
    let Encoding::Bytes(shown, _) = encoding.0.as_ref() else {
        return None;
    };
    let path = datum_path(&shown.schema, &shown.walk, span);
    let datum = datum.get();
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
fn select_at_caret(
    (encoding, datum, datum_text): (Memo<Shared<Encoding>>, Memo<ParsedDatum>, RwSignal<String>),
    selected: Selected,
    ev: &web_sys::Event,
) {
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
    let encoding = encoding.get_untracked();
    let Encoding::Bytes(shown, _) = encoding.0.as_ref() else {
        return;
    };
    let datum = datum.get_untracked();
    let Ok(json) = datum.0.as_ref() else {
        return;
    };
    let span = datum_text.with_untracked(|t| {
        span_at_text(
            &shown.schema,
            &shown.walk,
            json,
            byte_offset(t, caret as usize),
        )
    });
    if let Some(span) = span {
        selected.set(Some(Selection {
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

/// The datum panel: the datum's editor and status, the output choices, and the datum read with another
/// version (`history`, `versions`; `reader` is the one picked).
#[component]
pub fn DatumPanel(
    datum_text: RwSignal<String>,
    datum: Memo<ParsedDatum>,
    encoding: Memo<Shared<Encoding>>,
    output: Output,
    selected: Selected,
    history: Memo<Shared<History>>,
    versions: Versions,
    reader: RwSignal<Option<u32>>,
) -> impl IntoView {
    let caret = (encoding, datum, datum_text);
    let resolutions = Resolutions::new();
    let apply = move |ev: web_sys::MouseEvent| {
        if crate::worker::trouble::clicked(&ev)
            || clicked_attribute(&ev, "id").as_deref() != Some("apply-conversions")
        {
            return;
        }
        let text = match encoding.get_untracked().0.as_ref() {
            Encoding::Bytes(_, plain) => plain.avro_json.clone(),
            _ => None,
        };
        if let Some(text) = text {
            datum_text.set(text);
        }
    };
    let error_mark = Signal::derive(move || match encoding.get().0.as_ref() {
        Encoding::Datum(e) => Some(ErrorMark {
            line: e.position.line,
            start: e.range.start,
            end: e.range.end,
        }),
        _ => None,
    });
    let status = html_fn(move || match encoding.get().0.as_ref() {
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
        Encoding::Loading => {
            let mut out = Markup::new();
            crate::worker::trouble::loading_html(&mut out, "Writing the container file");
            out.into_string()
        }
        Encoding::Worker(e) => {
            let mut out = Markup::new();
            crate::worker::trouble::trouble_html(&mut out, e);
            out.into_string()
        }
        Encoding::Bytes(shown, plain) => bytes_html(shown, plain, datum_text.with(|t| t.len())),
    });
    view! {
        <section
            class="panel"
            aria-labelledby="datum-title"
            on:click=move |ev| select_at_caret(caret, selected, &ev)
            on:keyup=move |ev| select_at_caret(caret, selected, &ev)
        >
            <h2 id="datum-title">"Datum " <small>"Avro JSON"</small></h2>
            <CodeEditor
                editor_id="datum-editor"
                input_id="datum-input"
                label="Datum (Avro JSON encoding)"
                text=datum_text
                on_edit=Callback::new(move |text| datum_text.set(text))
                error=error_mark
                highlight=Signal::derive(move || selected_value(selected, encoding, datum))
            />
            <div class="status" inner_html=status on:click=handler(apply)></div>
            <crate::bytes_out::BytesOut encoding=encoding output=output />
            <div
                class="resolution"
                on:click=handler(move |ev| {
                    if let Some(id) = clicked_attribute(&ev, "data-reader") {
                        reader.set(id.parse().ok());
                    } else {
                        crate::worker::trouble::clicked(&ev);
                    }
                })
                inner_html=html_fn(move || match encoding.get().0.as_ref() {
                    // The encoded datum read with a saved version: what a consumer on that version sees.
                    Encoding::Bytes(shown, _) => {
                        let h = history.get();
                        let ids: Vec<u32> = versions.list.with(|vs| vs.iter().map(|v| v.id).collect());
                        let written = in_editor(&shown.schema, shown.walk.value.as_ref(), &h.0, versions.current.get());
                        read_as_html(&written, &h.0, &ids, reader.get(), &|r| resolve_in(resolutions, r))
                    }
                    _ => String::new(),
                })
            ></div>
        </section>
    }
}
