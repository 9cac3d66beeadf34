//! The decoder: paste bytes as kcat, a log or a hex dump gave them; see the paste form and framing
//! recognised, the datum, and where and why bytes and schema disagree.

use crate::decoding::{describe_framing, ContainerFile, DecodeView, Decoding};
use crate::history::History;
use crate::html::{clicked_attribute, handler, html_fn, mark_range, Markup};
use crate::read_as::{decoded, read_as_html, resolve_in, Resolutions};
use crate::state::{Input, Origin, Selected, Selection, Shared, Versions};
use crate::writer_fit::writer_fit_html;
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::input::InputFormat;
use avro_playground_core::source::parse_json;
use avro_playground_core::walker::explain::{datum_path, span_at_text};
use leptos::prelude::*;
use std::sync::Arc;

/// Reads a dropped or chosen file into `into` as raw bytes.
fn load_file(into: RwSignal<Option<(String, Shared<Vec<u8>>)>>, file: web_sys::File) {
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                into.set(Some((name, Shared(Arc::new(bytes)))));
            }
            Err(_) => into.set(None),
        }
    });
}

/// The paste forms offered, `None` detecting the form.
const FORMATS: [(Option<InputFormat>, &str); 10] = [
    (None, "detect"),
    (Some(InputFormat::Hex), "hex"),
    (Some(InputFormat::Base64), "base64"),
    (Some(InputFormat::Base64Url), "base64url"),
    (Some(InputFormat::Xxd), "xxd"),
    (Some(InputFormat::Od), "od -x / hexdump"),
    (Some(InputFormat::Escaped), "kcat -e / \\x escapes"),
    (Some(InputFormat::Bytes), "byte array [0, 42, -56]"),
    (
        Some(InputFormat::JsonEnvelope),
        "kcat -J / Kafka tools' JSON",
    ),
    (Some(InputFormat::Binary), "raw binary"),
];

/// A paste form's name as an option value.
fn format_name(format: Option<InputFormat>) -> &'static str {
    format.map_or("auto", InputFormat::name)
}

const FRAMES: [(FrameChoice, &str); 5] = [
    (FrameChoice::Auto, "detect"),
    (FrameChoice::Raw, "raw datum"),
    (FrameChoice::Confluent, "Confluent (magic 00 + id)"),
    (FrameChoice::SingleObject, "single-object (C3 01)"),
    (FrameChoice::Container, "container file"),
];

/// A `<select>` bound to a typed choice: `name` gives each option's value, and the option picked is
/// found by it.
#[component]
fn Choice<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    options: &'static [(T, &'static str)],
    name: fn(T) -> &'static str,
    value: RwSignal<T>,
) -> impl IntoView {
    let mut option_tags = Markup::new();
    for (v, text) in options {
        option_tags
            .open("option")
            .attr("value", name(*v))
            .text(text)
            .close("option");
    }
    let option_tags = option_tags.into_string();
    let pick = move |picked: String| {
        if let Some((v, _)) = options.iter().find(|(v, _)| name(*v) == picked) {
            value.set(*v);
        }
    };
    view! {
        <label class="choice">
            {label}
            " "
            <select
                id=id
                on:change=handler(move |ev| pick(event_target_value(&ev)))
                inner_html=option_tags
                prop:value=move || name(value.get())
            >
            </select>
        </label>
    }
}

/// The list of messages of a several-message paste, the current one marked, each record of a Kafka tool's
/// JSON with its envelope, as HTML; records get a choice of the version (of `versions`, `(id, name)`)
/// their keys are read with, `key_version`.
fn messages_html(
    view: &DecodeView,
    versions: &[(u32, String)],
    key_version: Option<u32>,
) -> String {
    if view.messages.is_empty() {
        return String::new();
    }
    // A Kafka tool's JSON is records, wherever their lines fall; other pastes are one message a line.
    let records = view.messages.iter().any(|m| !m.envelope.is_empty());
    let (many, one) = if records {
        ("records", "record")
    } else {
        ("messages, one per line", "message")
    };
    let mut out = Markup::new();
    out.open("div")
        .attr("class", "messages")
        .open("p")
        .attr("class", "muted")
        .text(format_args!(
            "{} {many}; showing {one} {}.",
            view.messages.len(),
            view.current + 1
        ))
        .close("p");
    if records {
        out.open("label")
            .text("Keys read as ")
            .open("select")
            .attr("id", "key-version")
            .open("option")
            .attr("value", "")
            .text("text")
            .close("option");
        for (id, name) in versions {
            out.open("option")
                .attr("value", id)
                .flag("selected", key_version == Some(*id))
                .text(format_args!("datums of {name}"))
                .close("option");
        }
        out.close("select").close("label");
    }
    out.open("ol").attr("id", "message-list");
    for (i, m) in view.messages.iter().enumerate() {
        out.open("li")
            .attr(
                "class",
                format_args!(
                    "message{}{}",
                    if i == view.current { " current" } else { "" },
                    if m.ok { "" } else { " bad" }
                ),
            )
            .attr("data-message", i)
            .open("span")
            .attr("class", "muted")
            .text(format_args!("line {} ", m.line))
            .close("span");
        if !m.envelope.is_empty() {
            out.open("span").attr("class", "envelope");
            for field in &m.envelope {
                out.el("span", field);
            }
            out.close("span");
        }
        out.text(&m.summary).close("li");
    }
    out.close("ol").close("div");
    out.into_string()
}

/// Appends `<p id class>text</p>` (no id when empty; errors are alerts).
fn paragraph(out: &mut Markup, id: &str, class: &str, text: &str) {
    out.open("p");
    if !id.is_empty() {
        out.attr("id", id);
    }
    out.attr("class", class);
    if class == "error" {
        out.attr("role", "alert");
    }
    out.text(text).close("p");
}

/// What was decoded, or why not, as HTML.
fn status_html(decoding: &Decoding) -> String {
    let mut out = Markup::new();
    let p = paragraph;
    match decoding {
        Decoding::NoSchema => p(&mut out, "", "muted", "Fix the schema to decode bytes."),
        Decoding::Empty => p(
            &mut out,
            "",
            "muted",
            "Paste bytes: hex (spaces, 0x, \\x allowed), base64, xxd or od output, kcat -e text, a byte array, or Kafka tools' JSON (kcat -J, …).",
        ),
        Decoding::Tombstone => p(
            &mut out,
            "decode-status",
            "ok",
            "A tombstone: the null value Kafka uses to delete a key (no bytes, no framing).",
        ),
        Decoding::Input(e) => p(&mut out, "decode-error", "error", e),
        Decoding::Framing(e, _) => p(
            &mut out,
            "decode-error",
            "error",
            &format!("{} header, byte {}: {}", e.framing, e.offset, e.message),
        ),
        Decoding::Unread { .. } => {
            crate::worker::trouble::loading_html(&mut out, "Reading the container file")
        }
        Decoding::Loading(what) => crate::worker::trouble::loading_html(&mut out, what),
        Decoding::Worker(e) => crate::worker::trouble::trouble_html(&mut out, e),
        Decoding::Container { input_note, file } => {
            let ContainerFile {
                summary,
                records,
                record_count,
                error,
                ..
            } = file.as_ref();
            p(&mut out, "decode-status", "ok", &format!("{input_note}; {summary}"));
            if let Some(e) = error {
                p(&mut out, "decode-error", "error", e);
            }
            out.open("ol")
                .attr("id", "decoded-records")
                .attr("class", "records");
            for (block, json) in records {
                out.open("li")
                    .open("span")
                    .attr("class", "muted")
                    .text(format_args!("block {block} "))
                    .close("span")
                    .el("code", json)
                    .close("li");
            }
            out.close("ol");
            let more = record_count.saturating_sub(records.len() as u64);
            if more > 0 {
                out.open("p")
                    .attr("class", "muted")
                    .text(format_args!(
                        "… and {more} more records (every byte is in the hex view below)"
                    ))
                    .close("p");
            }
        }
        Decoding::Read {
            input_note,
            framing,
            alternatives,
            shown,
            ..
        } => {
            let walk = &shown.walk;
            p(
                &mut out,
                "decode-status",
                "ok",
                &format!("{input_note}; {}; {} bytes", describe_framing(framing), walk.bytes.len()),
            );
            for a in alternatives {
                p(&mut out, "", "warning", &format!("Also possible: {a}"));
            }
            if let Some(e) = &walk.error {
                let path = if e.path.is_empty() { "/" } else { &e.path };
                out.open("p")
                    .attr("id", "decode-error")
                    .attr("class", "error")
                    .attr("role", "alert")
                    .open("span")
                    .attr("class", "where")
                    .text(format_args!("byte {}", e.offset))
                    .close("span")
                    .text(format_args!(" {path}: {}", e.message))
                    .close("p");
                p(
                    &mut out,
                    "",
                    "muted",
                    if e.offset >= walk.bytes.len() {
                        "The input ends where more bytes were expected: everything before is decoded below, and the end is marked ⟂."
                    } else {
                        "Everything before the failing byte is decoded below; the failing byte is outlined in red."
                    },
                );
            }
            let trailing = walk.trailing();
            if trailing > 0 {
                p(
                    &mut out,
                    "decode-trailing",
                    "warning",
                    &format!(
                        "{trailing} trailing bytes after the datum (from byte {}) are not explained by the schema.",
                        walk.end
                    ),
                );
            }
        }
    }
    out.into_string()
}

/// The longest decoded JSON whose selected value is marked (each hover rewrites and reparses it).
const MAX_MARKED_JSON: usize = 256 * 1024;

/// The decoded datum's Avro JSON, the selected span's value marked, as HTML.
fn decoded_json_html(decoding: Memo<Shared<DecodeView>>, selected: Selected) -> String {
    let view = decoding.get();
    let Decoding::Read {
        shown,
        json: Some(json),
        ..
    } = &view.0.decoding
    else {
        return String::new();
    };
    let range = selected
        .get()
        .filter(|_| json.len() <= MAX_MARKED_JSON)
        .and_then(|sel| {
            let path = datum_path(&shown.schema, &shown.walk, sel.span);
            let node = parse_json(json).ok()?;
            node.at(&path).map(|n| (n.range.start, n.range.end))
        });
    let mut out = Markup::new();
    out.open("pre")
        .attr("id", "decoded-json")
        .attr("class", "json");
    mark_range(&mut out, json, range, "value-mark");
    out.close("pre");
    out.into_string()
}

/// The way back on the decoder's side: a click in the decoded JSON selects the bytes of the value there.
fn select_in_json(
    decoding: Memo<Shared<DecodeView>>,
    selected: Selected,
    ev: &web_sys::MouseEvent,
) -> Option<()> {
    use wasm_bindgen::JsCast;
    let pre = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("#decoded-json")
        .ok()??;
    // The text from the start of the JSON to the caret: its UTF-8 length is the offset in the JSON.
    let caret = web_sys::window()?
        .get_selection()
        .ok()??
        .get_range_at(0)
        .ok()?;
    let before = web_sys::window()?.document()?.create_range().ok()?;
    before.select_node_contents(&pre).ok()?;
    before
        .set_end(&caret.start_container().ok()?, caret.start_offset().ok()?)
        .ok()?;
    let offset = String::from(before.to_string()).len();
    let view = decoding.get_untracked();
    let Decoding::Read {
        shown,
        json: Some(json),
        ..
    } = &view.0.decoding
    else {
        return None;
    };
    let span = span_at_text(&shown.schema, &shown.walk, &parse_json(json).ok()?, offset)?;
    selected.set(Some(Selection {
        span,
        origin: Origin::Text,
    }));
    Some(())
}

/// The decode panel: the decoder's `input`, what it decoded to, the datum read with another version
/// (`reader`), and which of the `versions` could have written the bytes.
#[component]
pub fn DecodePanel(
    input: Input,
    decoding: Memo<Shared<DecodeView>>,
    selected: Selected,
    history: Memo<Shared<History>>,
    versions: Versions,
    reader: RwSignal<Option<u32>>,
) -> impl IntoView {
    let resolutions = Resolutions::new();
    view! {
        <section class="panel" aria-labelledby="decode-title">
            <h2 id="decode-title">"Bytes to decode"</h2>
            <div class="choices">
                <Choice id="input-format" label="Paste form" options=&FORMATS name=format_name value=input.format />
                <Choice id="frame-choice" label="Framing" options=&FRAMES name=FrameChoice::name value=input.frame />
            </div>
            <div class="file-row">
                <label class="choice">
                    "or a file "
                    <input
                        id="bytes-file"
                        type="file"
                        on:change=handler(move |ev| {
                            let chooser = event_target::<web_sys::HtmlInputElement>(&ev);
                            if let Some(file) = chooser.files().and_then(|f| f.get(0)) {
                                load_file(input.file, file);
                            }
                        })
                    />
                </label>
                {move || input.file.get().map(|(name, bytes)| view! {
                    <span class="file-name">{format!("{name} ({} bytes)", bytes.0.len())}</span>
                    <button class="copy" on:click=handler(move |_| input.file.set(None))>"use the pasted text"</button>
                })}
            </div>
            <textarea
                id="bytes-input"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        load_file(input.file, file);
                    }
                }
                class="bytes-input"
                aria-label="Bytes to decode"
                spellcheck="false"
                placeholder="00 00 00 00 07 54 06 41 64 61 …"
                prop:value=move || input.text.get()
                on:input=handler(move |ev| {
                    input.file.set(None);
                    input.text.set(event_target_value(&ev))
                })
            ></textarea>
            <div
                class="status"
                on:click=handler(move |ev| {
                    if let Some(i) = clicked_attribute(&ev, "data-message").and_then(|i| i.parse().ok()) {
                        input.message.set(i);
                    } else {
                        crate::worker::trouble::clicked(&ev);
                    }
                })
                on:change=handler(move |ev| {
                    let target = event_target::<web_sys::Element>(&ev);
                    if target.id() == "key-version" {
                        input.key_version.set(event_target_value(&ev).parse().ok());
                    }
                })
                inner_html=html_fn(move || {
                    let view = decoding.get();
                    let names: Vec<(u32, String)> =
                        versions.list.with(|vs| vs.iter().map(|v| (v.id, v.name.clone())).collect());
                    messages_html(&view.0, &names, input.key_version.get())
                        + &status_html(&view.0.decoding)
                })
            ></div>
            <div
                class="decoded"
                on:click=handler(move |ev| {
                    let _ = select_in_json(decoding, selected, &ev);
                })
                inner_html=html_fn(move || decoded_json_html(decoding, selected))
            ></div>
            <div
                class="resolution"
                on:click=handler(move |ev| {
                    if let Some(id) = clicked_attribute(&ev, "data-reader") {
                        reader.set(id.parse().ok());
                    } else if let Some(i) = clicked_attribute(&ev, "data-use-version").and_then(|i| i.parse().ok()) {
                        versions.select(i);
                    } else if let Some(given) = clicked_attribute(&ev, "data-give-id") {
                        // "index:id", as the row's button writes it.
                        if let Some((i, id)) = given.split_once(':') {
                            if let Ok(i) = i.parse() {
                                versions.set_registry_id(i, id.to_string());
                            }
                        }
                    } else {
                        crate::worker::trouble::clicked(&ev);
                    }
                })
                inner_html=html_fn(move || {
                    let (view, h) = (decoding.get(), history.get());
                    let (ids, registry_ids): (Vec<u32>, Vec<String>) = versions
                        .list
                        .with(|vs| vs.iter().map(|v| (v.id, v.registry_id.clone())).unzip());
                    let current = versions.current.get();
                    decoded(&view.0.decoding, &h.0, current)
                        .map(|w| read_as_html(&w, &h.0, &ids, reader.get(), &|r| resolve_in(resolutions, r)))
                        .unwrap_or_default()
                        + &writer_fit_html(&view.0.decoding, &h.0, current, &registry_ids)
                })
            ></div>
        </section>
    }
}
