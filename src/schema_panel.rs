//! The schema editor, its validation message, its lints (against the version before it too), and the
//! canonical form with fingerprints.

use crate::editor::{positioned_error_html, CodeEditor, ErrorMark};
use crate::html::{clicked_attribute, Markup};
use crate::state::{ParsedSchema, Workspace};
use avro_playground_core::canonical::to_hex;
use avro_playground_core::lint::Lint;
use avro_playground_core::lint::{cross_version_lints, lint};
use avro_playground_core::schema::parse_schema;
use leptos::prelude::*;

/// The lints of the edited schema: against the version before it (`previous`: its name and text, if
/// any), then on its own.
fn lints_of(ws: Workspace, previous: Option<(String, String)>, p: &ParsedSchema) -> Vec<Lint> {
    let text = ws.schema_text.get_untracked();
    let mut lints = previous
        .and_then(|(name, old)| {
            Some(cross_version_lints(
                &parse_schema(&old).ok()?,
                &p.schema,
                &text,
                &name,
            ))
        })
        .unwrap_or_default();
    lints.extend(lint(&p.schema, &text));
    lints
}

/// A valid schema's status as HTML: what it is, its lints, its canonical form and fingerprints.
fn ok_html(p: &ParsedSchema, lints: &[Lint]) -> String {
    let mut out = Markup::new();
    out.open("p")
        .attr("id", "schema-ok")
        .attr("class", "ok")
        .text("Valid Avro 1.12 schema: ")
        .text(p.schema.describe(p.schema.root()))
        .close("p")
        .open("ul")
        .attr("id", "lints")
        .attr("class", "lints");
    for (i, l) in lints.iter().enumerate() {
        out.open("li")
            .attr("class", "lint")
            .attr("data-rule", l.rule.id())
            .open("span")
            .attr("class", "where")
            .text(l.position)
            .close("span")
            .text(" ")
            .text(&l.message)
            .text(" ")
            .open("code")
            .attr("class", "pointer")
            .text(format_args!("(at {})", l.pointer))
            .close("code");
        if l.fixed_text.is_some() {
            out.text(" ")
                .open("button")
                .attr("class", "copy fix")
                .attr("data-fix", i)
                .text("fix")
                .close("button");
        }
        out.open("details")
            .el("summary", l.rule.id())
            .text(l.rule.explanation())
            .close("details")
            .close("li");
    }
    let f = &p.fingerprints;
    out.close("ul")
        .open("details")
        .attr("class", "canonical")
        .el("summary", "Parsing Canonical Form and fingerprints")
        .open("dl")
        .el("dt", "Canonical form")
        .open("dd")
        .open("code")
        .attr("id", "canonical-form")
        .text(&f.canonical)
        .close("code")
        .close("dd")
        .el(
            "dt",
            "CRC-64-AVRO (as in a single-object header, little-endian)",
        )
        .open("dd")
        .open("code")
        .attr("id", "fingerprint-rabin")
        .text(to_hex(&f.rabin_le))
        .close("code")
        .close("dd")
        .el("dt", "MD5")
        .open("dd")
        .el("code", to_hex(&f.md5))
        .close("dd")
        .el("dt", "SHA-256")
        .open("dd")
        .el("code", to_hex(&f.sha256))
        .close("dd")
        .close("dl")
        .close("details");
    out.into_string()
}

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
    // The version before the edited one: a memo, so typing in the edited one (which updates the list of
    // versions) does not lint twice.
    let previous = Memo::new(move |_| {
        let before = ws.current.get().checked_sub(1)?;
        ws.versions
            .with(|vs| vs.get(before).map(|v| (v.name.clone(), v.text.clone())))
    });
    let status = move || match ws.schema.get().0.as_ref() {
        Err(e) => positioned_error_html(
            "schema-error",
            &e.position.to_string(),
            &e.message,
            &e.pointer.to_string(),
        ),
        Ok(p) => ok_html(p, &lints_of(ws, previous.get(), p)),
    };
    // A lint's fix button names the lint by its place in the list.
    let fix = move |ev: web_sys::MouseEvent| {
        let Some(i) = clicked_attribute(&ev, "data-fix").and_then(|i| i.parse::<usize>().ok())
        else {
            return;
        };
        let fixed = match ws.schema.get_untracked().0.as_ref() {
            Ok(p) => lints_of(ws, previous.get_untracked(), p)
                .into_iter()
                .nth(i)
                .and_then(|l| l.fixed_text),
            Err(_) => None,
        };
        if let Some(text) = fixed {
            ws.schema_text.set(text);
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
            <div class="status" inner_html=status on:click=fix></div>
        </section>
    }
}
