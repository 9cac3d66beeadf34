//! The datum editor (Avro JSON) and why a datum does not fit the schema.

use crate::editor::{CodeEditor, ErrorMark, PositionedError};
use crate::state::{Encoding, Origin, Selection, Workspace};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::source::parse_json;
use avro_playground_core::walker::explain::{datum_path, span_at_text};
use leptos::prelude::*;

/// The range in the datum text of the value whose bytes are selected in the hex view.
fn selected_value(ws: Workspace) -> Option<(usize, usize)> {
    let span = ws.selected.get()?.span;
    let shown = ws.shown.get()?;
    let path = datum_path(&shown.0.schema, &shown.0.walk, span);
    let json = ws.datum_text.with(|t| parse_json(t).ok())?;
    json.at(&path).map(|n| (n.range.start, n.range.end))
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
    let span = ws.datum_text.with_untracked(|t| {
        let json = parse_json(t).ok()?;
        span_at_text(
            &shown.schema,
            &shown.walk,
            &json,
            byte_offset(t, caret as usize),
        )
    });
    if let Some(span) = span {
        let selection = Some(Selection {
            span,
            origin: Origin::Text,
        });
        if ws.selected.get_untracked() != selection {
            ws.selected.set(selection);
        }
    }
}

/// The datum panel.
#[component]
pub fn DatumPanel(ws: Workspace) -> impl IntoView {
    let error_mark = Signal::derive(move || match ws.encoding.get().0.as_ref() {
        Encoding::Datum(e) => Some(ErrorMark {
            line: e.position.line,
            start: e.range.start,
            end: e.range.end,
        }),
        _ => None,
    });
    let status = move || match ws.encoding.get().0.as_ref() {
        Encoding::NoSchema => {
            view! { <p class="muted">"Fix the schema to encode the datum."</p> }.into_any()
        }
        Encoding::Datum(e) => view! {
            <PositionedError
                id="datum-error"
                position=e.position.to_string()
                message=e.message.clone()
                pointer=e.pointer.to_string()
            />
        }
        .into_any(),
        Encoding::Failed(e) => {
            view! { <p id="datum-error" class="error" role="alert">{e.clone()}</p> }.into_any()
        }
        Encoding::Bytes(shown, plain) => {
            let walk = &shown.walk;
            let typed = ws.datum_text.with(|t| t.len());
            let compact = walk
                .value
                .as_ref()
                .map_or(0, |v| to_avro_json(&shown.schema, v).len());
            let names = walk.value.as_ref().map_or(0, |v| v.field_name_bytes());
            let roles = walk.byte_roles();
            let apply = plain.avro_json.clone();
            view! {
                <p class="ok" id="datum-size">
                    {format!("{} bytes of Avro binary", walk.bytes.len())}
                    <span class="muted">
                        {format!(" vs {compact} bytes of compact Avro JSON ({typed} as typed); the binary writes no field names ({names} bytes of JSON)")}
                    </span>
                </p>
                <p class="muted size-roles">
                    {format!(
                        "Where the bytes go: {} values, {} length prefixes, {} union indexes, {} block counts{}.",
                        roles.values,
                        roles.lengths,
                        roles.union_indexes,
                        roles.block_counts,
                        if roles.header > 0 { format!(", {} header", roles.header) } else { String::new() }
                    )}
                </p>
                {(!plain.conversions.is_empty()).then(|| view! {
                    <div id="conversions" class="conversions">
                        <p class="warning">
                            {format!("Not Avro JSON: read as plain JSON with {} conversion{}.", plain.conversions.len(), if plain.conversions.len() == 1 { "" } else { "s" })}
                            " "
                            {apply.map(|text| view! {
                                <button class="copy fix" id="apply-conversions" on:click=move |_| ws.datum_text.set(text.clone())>"apply: rewrite as Avro JSON"</button>
                            })}
                        </p>
                        <ul>
                            {plain.conversions.iter().map(|c| view! {
                                <li>
                                    <span class="where">{c.position.to_string()}</span>
                                    " " {c.message.clone()} " "
                                    <code class="pointer">{format!("(at {})", c.pointer)}</code>
                                    " → " <code>{c.avro_json.clone()}</code>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="datum-title">
            <h2 id="datum-title">"Datum " <small>"Avro JSON"</small></h2>
            <div class="caret-select" on:click=move |ev| select_at_caret(ws, &ev) on:keyup=move |ev| select_at_caret(ws, &ev)>
            <CodeEditor
                editor_id="datum-editor"
                input_id="datum-input"
                label="Datum (Avro JSON encoding)"
                text=ws.datum_text
                error=error_mark
                highlight=Signal::derive(move || selected_value(ws))
            />
            </div>
            <div class="status">{status}</div>
            <crate::bytes_out::BytesOut ws=ws />
        </section>
    }
}
