//! The schema editor, its validation message, its lints (against the version before it too), and the
//! canonical form with fingerprints.

use crate::editor::{positioned_error_html, CodeEditor, ErrorMark};
use crate::history::{History, Parsed};
use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::state::{Shared, Versions};
use crate::version_diff::Diffed;
use crate::worker::offloaded::{Answer, Offloaded};
use crate::worker::protocol::LintView;
use crate::worker::protocol::{Reply, Request};
use crate::worker::trouble::{answered, clicked};
use avro_playground_core::lint::lint;
use avro_playground_core::schema::Schema;
use leptos::prelude::*;

/// The lints of version `at` of the history: against the version before it (from `edited`, the diff of
/// the two, when `at` is not the first; they come once the worker has compared them), then on its own.
fn lints_of(h: &History, at: usize, edited: &Diffed) -> Vec<LintView> {
    let (Some(schema), Some(text)) = (h.schema(at), h.texts.get(at)) else {
        return Vec::new();
    };
    let mut lints = match edited {
        Diffed::Done(d) if at > 0 => d.lints.clone(),
        _ => Vec::new(),
    };
    lints.extend(lint(schema, text).iter().map(LintView::from));
    lints
}

/// A valid schema's status as HTML: what it is, and its lints.
fn ok_html(schema: &Schema, lints: &[LintView]) -> String {
    let mut out = Markup::new();
    out.open("p")
        .attr("id", "schema-ok")
        .attr("class", "ok")
        .text("Valid Avro 1.12 schema: ")
        .text(schema.describe(schema.root()))
        .close("p")
        .open("ul")
        .attr("id", "lints")
        .attr("class", "lints");
    for (i, l) in lints.iter().enumerate() {
        out.open("li")
            .attr("class", "lint")
            .attr("data-rule", &l.rule)
            .open("span")
            .attr("class", "where")
            .text(&l.position)
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
            .el("summary", &l.rule)
            .text(&l.explanation)
            .close("details")
            .close("li");
    }
    out.close("ul");
    out.into_string()
}

/// A schema's Parsing Canonical Form and fingerprints (from the worker), as HTML.
fn canonical_html(answer: Answer<std::sync::Arc<Result<[String; 4], String>>>) -> String {
    let mut out = Markup::new();
    let Some(texts) = answered(&mut out, answer, "Computing the fingerprints") else {
        return out.into_string();
    };
    let Ok([canonical, rabin, md5, sha256]) = texts.as_ref() else {
        return String::new();
    };
    out.open("dl")
        .el("dt", "Canonical form")
        .open("dd")
        .open("code")
        .attr("id", "canonical-form")
        .text(canonical)
        .close("code")
        .close("dd")
        .el(
            "dt",
            "CRC-64-AVRO (as in a single-object header, little-endian)",
        )
        .open("dd")
        .open("code")
        .attr("id", "fingerprint-rabin")
        .text(rabin)
        .close("code")
        .close("dd")
        .el("dt", "MD5")
        .open("dd")
        .el("code", md5)
        .close("dd")
        .el("dt", "SHA-256")
        .open("dd")
        .el("code", sha256)
        .close("dd")
        .close("dl");
    out.into_string()
}

/// The schema panel: the edited version of `versions`, its parse (`schema`, the history's), its lints
/// and fingerprints.
#[component]
pub fn SchemaPanel(
    versions: Versions,
    schema: Memo<Parsed>,
    history: Memo<Shared<History>>,
    /// The diff of the edited version with the one before it.
    edited: Memo<Diffed>,
) -> impl IntoView {
    let error_mark = Signal::derive(move || {
        schema.get().0.as_ref().as_ref().err().map(|e| ErrorMark {
            line: e.position.line,
            start: e.range.start,
            end: e.range.end,
        })
    });
    // Lints read the version before the edited one too, so they follow the history.
    let canonical_open = RwSignal::new(false);
    let hashed = Offloaded::new();
    let canonical = html_fn(move || {
        if !canonical_open.get() || schema.with(|s| s.0.is_err()) {
            return String::new();
        }
        let text = versions.text();
        let take = |_: &String, reply| match reply {
            Reply::Fingerprints(f) => Some(std::sync::Arc::new(f)),
            _ => None,
        };
        canonical_html(hashed.get(&text, || Request::Fingerprints(text.clone()), take))
    });
    let status = html_fn(move || match schema.get().0.as_ref() {
        Err(e) => positioned_error_html(
            "schema-error",
            &e.position.to_string(),
            &e.message,
            &e.pointer.to_string(),
        ),
        Ok(s) => {
            let lints =
                history.with(|h| edited.with(|d| lints_of(&h.0, versions.current.get(), d)));
            ok_html(s, &lints)
        }
    });
    // A lint's fix button names the lint by its place in the list.
    let fix = move |ev: web_sys::MouseEvent| {
        let Some(i) = clicked_attribute(&ev, "data-fix").and_then(|i| i.parse::<usize>().ok())
        else {
            return;
        };
        let at = versions.current.get_untracked();
        let fixed = history.with_untracked(|h| {
            edited.with_untracked(|d| lints_of(&h.0, at, d).into_iter().nth(i))
        });
        if let Some(text) = fixed.and_then(|l| l.fixed_text) {
            versions.set_text(text);
        }
    };
    view! {
        <section class="panel" aria-labelledby="schema-title">
            <h2 id="schema-title">"Schema " <small>".avsc"</small></h2>
            <crate::version_bar::VersionBar versions=versions />
            <CodeEditor
                editor_id="schema-editor"
                input_id="schema-input"
                label="Schema (.avsc JSON)"
                text=Signal::derive(move || versions.text())
                on_edit=Callback::new(move |text| versions.set_text(text))
                error=error_mark
            />
            <div class="status" inner_html=status on:click=handler(fix)></div>
            // Computed only while open: the canonical form and its hashes, on every keystroke, were a
            // tenth of the schema panel's work.
            <details
                class="canonical"
                hidden=move || schema.with(|s| s.0.is_err())
                on:toggle=move |ev| canonical_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
            >
                <summary>"Parsing Canonical Form and fingerprints"</summary>
                <div inner_html=canonical on:click=handler(move |ev| { clicked(&ev); })></div>
            </details>
        </section>
    }
}
