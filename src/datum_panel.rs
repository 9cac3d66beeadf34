//! The datum editor (Avro JSON) and why a datum does not fit the schema.

use crate::editor::{CodeEditor, ErrorMark};
use crate::state::{Encoding, Workspace};
use leptos::prelude::*;

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
            <p id="datum-error" class="error" role="alert">
                <span class="where">{format!("{}", e.position)}</span>
                " "
                {e.message.clone()}
                " "
                <code class="pointer">{format!("(at {})", e.pointer)}</code>
            </p>
        }
        .into_any(),
        Encoding::Failed(e) => {
            view! { <p id="datum-error" class="error" role="alert">{e.clone()}</p> }.into_any()
        }
        Encoding::Bytes(shown) => {
            let walk = &shown.walk;
            let json_len = ws.datum_text.with(|t| t.len());
            view! {
                <p class="ok">
                    {format!("{} bytes of Avro binary ({} characters of JSON as typed)", walk.bytes.len(), json_len)}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="datum-title">
            <h2 id="datum-title">"Datum " <small>"Avro JSON"</small></h2>
            <CodeEditor
                editor_id="datum-editor"
                input_id="datum-input"
                label="Datum (Avro JSON encoding)"
                text=ws.datum_text
                error=error_mark
            />
            <div class="status">{status}</div>
            <crate::bytes_out::BytesOut ws=ws />
        </section>
    }
}
