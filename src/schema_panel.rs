//! The schema editor, its validation message, its lints (against the version before it too), and the
//! canonical form with fingerprints.

use crate::editor::{CodeEditor, ErrorMark, PositionedError};
use crate::state::Workspace;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::lint::{cross_version_lints, lint};
use avro_playground_core::schema::parse_schema;
use leptos::prelude::*;

/// The schema panel.
#[component]
pub fn SchemaPanel(ws: Workspace) -> impl IntoView {
    let error_mark = Signal::derive(move || {
        ws.schema
            .get()
            .0
            .as_ref()
            .as_ref()
            .err()
            .map(|e| ErrorMark {
                line: e.position.line,
                start: e.range.start,
                end: e.range.end,
            })
    });
    let status = move || match ws.schema.get().0.as_ref() {
        Err(e) => view! {
            <PositionedError
                id="schema-error"
                position=e.position.to_string()
                message=e.message.clone()
                pointer=e.pointer.to_string()
            />
        }
        .into_any(),
        Ok(p) => {
            let f = &p.fingerprints;
            let text = ws.schema_text.get_untracked();
            // Against the version before the edited one, if any.
            let before = ws.current.get().checked_sub(1);
            let mut lints = ws
                .versions
                .with(|vs| {
                    let v = vs.get(before?)?;
                    Some(cross_version_lints(
                        &parse_schema(&v.text).ok()?,
                        &p.schema,
                        &text,
                        &v.name,
                    ))
                })
                .unwrap_or_default();
            lints.extend(lint(&p.schema, &text));
            view! {
                <p id="schema-ok" class="ok">"Valid Avro 1.12 schema: " {p.schema.describe(p.schema.root())}</p>
                <ul id="lints" class="lints">
                    {lints
                        .into_iter()
                        .map(|l| {
                            let fix = l.fixed_text.clone();
                            view! {
                                <li class="lint" data-rule=l.rule.id()>
                                    <span class="where">{format!("{}", l.position)}</span>
                                    " "
                                    {l.message.clone()}
                                    " "
                                    <code class="pointer">{format!("(at {})", l.pointer)}</code>
                                    {fix.map(|text| view! {
                                        " "
                                        <button class="copy fix" on:click=move |_| ws.schema_text.set(text.clone())>"fix"</button>
                                    })}
                                    <details>
                                        <summary>{l.rule.id()}</summary>
                                        {l.rule.explanation()}
                                    </details>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <details class="canonical">
                    <summary>"Parsing Canonical Form and fingerprints"</summary>
                    <dl>
                        <dt>"Canonical form"</dt>
                        <dd><code id="canonical-form">{f.canonical.clone()}</code></dd>
                        <dt>"CRC-64-AVRO (as in a single-object header, little-endian)"</dt>
                        <dd><code id="fingerprint-rabin">{to_hex(&f.rabin_le)}</code></dd>
                        <dt>"MD5"</dt>
                        <dd><code>{to_hex(&f.md5)}</code></dd>
                        <dt>"SHA-256"</dt>
                        <dd><code>{to_hex(&f.sha256)}</code></dd>
                    </dl>
                </details>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="schema-title">
            <h2 id="schema-title">"Schema " <small>".avsc"</small></h2>
            <crate::version_bar::VersionBar ws=ws />
            <CodeEditor
                editor_id="schema-editor"
                input_id="schema-input"
                label="Schema (.avsc JSON)"
                text=ws.schema_text
                error=error_mark
            />
            <div class="status">{status}</div>
        </section>
    }
}
