//! The gallery of guided scenarios: each loads its versions into the workspace, tells the story, names the
//! rule with its spec section, and puts its stated verdicts beside what the checker answers. The texts come
//! from the worker (they are not needed for the first load).

use crate::history::History;
use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::state::Shared;
use crate::worker::offloaded::{Answer, Offloaded};
use crate::worker::protocol::{Reply, Request, ScenarioText};
use crate::worker::trouble::{answered, clicked};
use avro_playground_core::compat::{CompatibilityMatrix, Mode};
use leptos::prelude::*;
use std::sync::Arc;

fn verdict(ok: bool) -> &'static str {
    if ok {
        "compatible"
    } else {
        "incompatible"
    }
}

/// One line comparing the checker's answer with the stated one.
fn line(out: &mut Markup, agree: bool, text: &str) {
    out.open("li")
        .attr("class", if agree { "agree" } else { "disagree" })
        .text(text)
        .close("li");
}

/// The loaded scenario: its story, rule, and each stated verdict beside the checker's.
fn report(s: &ScenarioText, matrix: &CompatibilityMatrix) -> String {
    let mut out = Markup::new();
    out.el("h3", &s.title)
        .el("p", &s.story)
        .open("p")
        .attr("class", "rule")
        .el("strong", "Rule: ")
        .text(&s.rule)
        .text(" ")
        .open("span")
        .attr("class", "muted")
        .text(format_args!("(spec: {})", s.spec_section))
        .close("span")
        .close("p")
        .open("p")
        .attr("class", "muted")
        .text("The checker's answers beside the scenario's stated verdicts:")
        .close("p")
        .open("ul")
        .attr("class", "stated");
    for (i, &(backward, forward)) in s.steps.iter().enumerate() {
        let back = matrix.get(i + 1, i).is_some_and(|c| c.compatible);
        let fwd = matrix.get(i, i + 1).is_some_and(|c| c.compatible);
        let text = format!(
            "v{} → v{}: new consumers read old data: {} (stated {}); old consumers read new data: {} (stated {})",
            i + 1,
            i + 2,
            verdict(back),
            verdict(backward),
            verdict(fwd),
            verdict(forward)
        );
        line(&mut out, back == backward && fwd == forward, &text);
    }
    let last = s.versions.len().saturating_sub(1);
    for (m, &stated) in Mode::ALL.into_iter().zip(&s.modes) {
        if let Some(reg) = matrix.registration(m, last) {
            let word = |ok| if ok { "accepted" } else { "rejected" };
            let text = format!(
                "{}: {} (stated {})",
                m.as_str(),
                word(reg.compatible),
                word(stated)
            );
            line(&mut out, reg.compatible == stated, &text);
        }
    }
    out.close("ul");
    out.into_string()
}

/// The scenario gallery and the loaded scenario's checks; `load` replaces the workspace's versions with
/// a scenario's (named and in order).
#[component]
pub fn Scenarios(
    history: Memo<Shared<History>>,
    load: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    let loaded = RwSignal::new(None::<String>);
    let texts = Offloaded::<(), Arc<Vec<ScenarioText>>>::new();
    let gallery = move || {
        texts.get(
            &(),
            || Request::Scenarios,
            |_, reply| match reply {
                Reply::Scenarios(list) => Some(Arc::new(list)),
                _ => None,
            },
        )
    };
    let gallery_html = html_fn(move || {
        let mut out = Markup::new();
        if let Some(list) = answered(&mut out, gallery(), "Loading the scenarios") {
            out.open("ul").attr("class", "gallery");
            for s in list.iter() {
                out.open("li")
                    .attr("class", "scenario")
                    .attr("data-scenario", &s.id)
                    .open("button")
                    .attr("class", "copy load-scenario")
                    .text("load")
                    .close("button")
                    .text(" ")
                    .el("strong", &s.title)
                    .text(" ")
                    .open("span")
                    .attr("class", "muted")
                    .text(format_args!("({} versions)", s.versions.len()))
                    .close("span")
                    .close("li");
            }
            out.close("ul");
        }
        out.into_string()
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if clicked(&ev) {
            return;
        }
        let Some(id) = clicked_attribute(&ev, "data-scenario") else {
            return;
        };
        let Answer::Done(list) = gallery() else {
            return;
        };
        if let Some(s) = list.iter().find(|s| s.id == id) {
            let versions = s
                .versions
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("v{}", i + 1), t.clone()))
                .collect();
            load.run(versions);
            loaded.set(Some(id));
        }
    };
    let current = move || {
        let Answer::Done(list) = gallery() else {
            return None;
        };
        let s = loaded.with(|id| list.iter().find(|s| Some(&s.id) == id.as_ref()))?;
        let h = history.get();
        // Only while the workspace still holds the scenario's versions.
        if h.0.texts.len() != s.versions.len()
            || h.0.texts.iter().zip(&s.versions).any(|(a, b)| a != b)
        {
            return None;
        }
        Some(report(s, h.0.matrix.as_ref()?))
    };
    view! {
        <div class="scenarios" id="scenarios">
            <h3>"Guided scenarios"</h3>
            <p class="muted">"Each loads its versions into the workspace (replacing the current ones): edit them, open the matrix cells."</p>
            <div on:click=handler(on_click) inner_html=gallery_html></div>
            <div id="scenario-loaded" class="scenario-loaded" inner_html=html_fn(move || current().unwrap_or_default())></div>
        </div>
    }
}
