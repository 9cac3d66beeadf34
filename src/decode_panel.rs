//! The decoder: paste bytes as kcat, a log or a hex dump gave them; see the paste form and framing
//! recognised, the datum, and where and why bytes and schema disagree.

use crate::decoding::{describe_framing, Decoding};
use crate::history::History;
use crate::html::clicked_attribute;
use crate::read_as::read_as_html;
use crate::state::Shared;
use crate::state::Workspace;
use crate::writer_fit::writer_fit_html;
use leptos::prelude::*;
use std::sync::Arc;

/// Reads a dropped or chosen file into the workspace as raw bytes.
fn load_file(ws: Workspace, file: web_sys::File) {
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                ws.bytes_file.set(Some((name, Shared(Arc::new(bytes)))));
            }
            Err(_) => ws.bytes_file.set(None),
        }
    });
}

const FORMATS: [(&str, &str); 8] = [
    ("auto", "detect"),
    ("hex", "hex"),
    ("base64", "base64"),
    ("base64url", "base64url"),
    ("xxd", "xxd"),
    ("od", "od -x / hexdump"),
    ("escaped", "kcat -e / \\x escapes"),
    ("binary", "raw binary"),
];

const FRAMES: [(&str, &str); 5] = [
    ("auto", "detect"),
    ("raw", "raw datum"),
    ("confluent", "Confluent (magic 00 + id)"),
    ("single-object", "single-object (C3 01)"),
    ("ocf", "container file"),
];

/// A `<select>` bound to a signal.
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="choice">
            {label}
            " "
            <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                {options.iter().map(|(v, text)| view! { <option value=*v>{*text}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The decode panel; `history` holds the saved versions, parsed, that the datum can be read as.
#[component]
pub fn DecodePanel(ws: Workspace, history: Memo<Shared<History>>) -> impl IntoView {
    let status = move || {
        match &ws.decoding.get().0.decoding {
        Decoding::NoSchema => view! { <p class="muted">"Fix the schema to decode bytes."</p> }.into_any(),
        Decoding::Empty => view! {
            <p class="muted">"Paste bytes: hex (spaces, 0x, \\x allowed), base64, xxd or od output, or kcat -e text."</p>
        }
        .into_any(),
        Decoding::Tombstone => view! {
            <p id="decode-status" class="ok">"An empty line: a tombstone, the null value Kafka uses to delete a key (no bytes, no framing)."</p>
        }
        .into_any(),
        Decoding::Input(e) => view! { <p id="decode-error" class="error" role="alert">{e.clone()}</p> }.into_any(),
        Decoding::Framing(e, _) => view! {
            <p id="decode-error" class="error" role="alert">
                {format!("{} header, byte {}: {}", e.framing, e.offset, e.message)}
            </p>
        }
        .into_any(),
        Decoding::Container { input_note, summary, records, record_count, error, .. } => {
            let more = record_count.saturating_sub(records.len());
            view! {
                <p id="decode-status" class="ok">{format!("{input_note}; {summary}")}</p>
                {error.clone().map(|e| view! { <p id="decode-error" class="error" role="alert">{e}</p> })}
                <ol id="decoded-records" class="records">
                    {records
                        .iter()
                        .map(|(block, json)| view! { <li><span class="muted">{format!("block {block} ")}</span><code>{json.clone()}</code></li> })
                        .collect_view()}
                </ol>
                {(more > 0).then(|| view! {
                    <p class="muted">{format!("… and {more} more records (every byte is in the hex view below)")}</p>
                })}
            }
            .into_any()
        }
        Decoding::Read { input_note, framing, alternatives, shown, json } => {
            let walk = &shown.walk;
            let error = walk.error.clone();
            let at_end = error.as_ref().is_some_and(|e| e.offset >= walk.bytes.len());
            let trailing = walk.trailing();
            view! {
                <p id="decode-status" class="ok">
                    {format!("{input_note}; {}; {} bytes", describe_framing(framing), walk.bytes.len())}
                </p>
                {alternatives.iter().map(|a| view! { <p class="warning">{format!("Also possible: {a}")}</p> }).collect_view()}
                {error.map(|e| view! {
                    <p id="decode-error" class="error" role="alert">
                        <span class="where">{format!("byte {}", e.offset)}</span>
                        {format!(" {}: {}", if e.path.is_empty() { "/".to_string() } else { e.path.clone() }, e.message)}
                    </p>
                    <p class="muted">{if at_end {
                        "The input ends where more bytes were expected: everything before is decoded below, and the end is marked ⟂."
                    } else {
                        "Everything before the failing byte is decoded below; the failing byte is outlined in red."
                    }}</p>
                })}
                {(trailing > 0).then(|| view! {
                    <p class="warning" id="decode-trailing">
                        {format!("{trailing} trailing bytes after the datum (from byte {}) are not explained by the schema.", walk.end)}
                    </p>
                })}
                {json.clone().map(|j| view! { <pre id="decoded-json" class="json">{j}</pre> })}
            }
            .into_any()
        }
    }
    };
    view! {
        <section class="panel" aria-labelledby="decode-title">
            <h2 id="decode-title">"Bytes to decode"</h2>
            <div class="choices">
                <Choice id="input-format" label="Paste form" options=&FORMATS value=ws.input_format />
                <Choice id="frame-choice" label="Framing" options=&FRAMES value=ws.frame />
            </div>
            <div class="file-row">
                <label class="choice">
                    "or a file "
                    <input
                        id="bytes-file"
                        type="file"
                        on:change=move |ev| {
                            let input = event_target::<web_sys::HtmlInputElement>(&ev);
                            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                                load_file(ws, file);
                            }
                        }
                    />
                </label>
                {move || ws.bytes_file.get().map(|(name, bytes)| view! {
                    <span class="file-name">{format!("{name} ({} bytes)", bytes.0.len())}</span>
                    <button class="copy" on:click=move |_| ws.bytes_file.set(None)>"use the pasted text"</button>
                })}
            </div>
            <textarea
                id="bytes-input"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        load_file(ws, file);
                    }
                }
                class="bytes-input"
                aria-label="Bytes to decode"
                spellcheck="false"
                placeholder="00 00 00 00 07 54 06 41 64 61 …"
                prop:value=move || ws.bytes_text.get()
                on:input=move |ev| {
                    ws.bytes_file.set(None);
                    ws.bytes_text.set(event_target_value(&ev))
                }
            ></textarea>
            {move || {
                let view = ws.decoding.get();
                let messages = view.0.messages.clone();
                let current = view.0.current;
                (!messages.is_empty()).then(|| view! {
                    <div class="messages">
                        <p class="muted">{format!("{} messages, one per line; showing message {}.", messages.len(), current + 1)}</p>
                        <ol id="message-list">
                            {messages
                                .into_iter()
                                .enumerate()
                                .map(|(i, m)| view! {
                                    <li
                                        class="message"
                                        class:current=i == current
                                        class:bad=!m.ok
                                        on:click=move |_| ws.message.set(i)
                                    >
                                        <span class="muted">{format!("line {} ", m.line)}</span>
                                        {m.summary}
                                    </li>
                                })
                                .collect_view()}
                        </ol>
                    </div>
                })
            }}
            <div class="status">{status}</div>
            <div
                class="resolution"
                on:click=move |ev| {
                    if let Some(id) = clicked_attribute(&ev, "data-reader") {
                        ws.reader.set(id);
                    } else if let Some(i) = clicked_attribute(&ev, "data-use-version").and_then(|i| i.parse().ok()) {
                        ws.select_version(i);
                    }
                }
                inner_html=move || {
                    let (view, h) = (ws.decoding.get(), history.get());
                    let ids: Vec<u32> = ws.versions.with(|vs| vs.iter().map(|v| v.id).collect());
                    let current = ws.current.get();
                    read_as_html(&view.0.decoding, &h.0, &ids, current, ws.reader.with(|r| r.parse().ok()))
                        + &writer_fit_html(&view.0.decoding, &h.0, current)
                }
            ></div>
        </section>
    }
}
