//! The gallery of guided scenarios: each loads its versions into the workspace, tells the story, names the
//! rule with its spec section, and puts its stated verdicts beside what the checker answers.

use crate::history::History;
use crate::html::{clicked_attribute, html_fn, Markup};
use crate::state::Shared;
use avro_playground_core::compat::{CompatibilityMatrix, Mode};
use avro_playground_core::evolution::{scenarios, Scenario};
use leptos::prelude::*;

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
fn report(s: &Scenario, matrix: &CompatibilityMatrix) -> String {
    let mut out = Markup::new();
    out.el("h3", s.title)
        .el("p", s.story)
        .open("p")
        .attr("class", "rule")
        .el("strong", "Rule: ")
        .text(s.rule)
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
    for (i, step) in s.steps.iter().enumerate() {
        let back = matrix.get(i + 1, i).is_some_and(|c| c.compatible);
        let fwd = matrix.get(i, i + 1).is_some_and(|c| c.compatible);
        let text = format!(
            "v{} → v{}: new consumers read old data: {} (stated {}); old consumers read new data: {} (stated {})",
            i + 1,
            i + 2,
            verdict(back),
            verdict(step.backward),
            verdict(fwd),
            verdict(step.forward)
        );
        line(
            &mut out,
            back == step.backward && fwd == step.forward,
            &text,
        );
    }
    let last = s.versions.len().saturating_sub(1);
    for m in Mode::ALL {
        if let Some(reg) = matrix.registration(m, last) {
            let word = |ok| if ok { "accepted" } else { "rejected" };
            let text = format!(
                "{}: {} (stated {})",
                m.as_str(),
                word(reg.compatible),
                word(s.modes.get(m))
            );
            line(&mut out, reg.compatible == s.modes.get(m), &text);
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
    let loaded = RwSignal::new(None::<&'static str>);
    let mut gallery = Markup::new();
    for s in scenarios() {
        gallery
            .open("li")
            .attr("class", "scenario")
            .attr("data-scenario", s.id)
            .open("button")
            .attr("class", "copy load-scenario")
            .text("load")
            .close("button")
            .text(" ")
            .el("strong", s.title)
            .text(" ")
            .open("span")
            .attr("class", "muted")
            .text(format_args!("({} versions)", s.versions.len()))
            .close("span")
            .close("li");
    }
    let gallery = gallery.into_string();
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(id) = clicked_attribute(&ev, "data-scenario") else {
            return;
        };
        if let Some(s) = scenarios().iter().find(|s| s.id == id) {
            let versions = s
                .versions
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("v{}", i + 1), t.to_string()))
                .collect();
            load.run(versions);
            loaded.set(Some(s.id));
        }
    };
    let current = move || {
        let s = scenarios().iter().find(|s| Some(s.id) == loaded.get())?;
        let h = history.get();
        // Only while the workspace still holds the scenario's versions.
        if h.0.texts.len() != s.versions.len()
            || h.0.texts.iter().zip(s.versions).any(|(a, b)| a != b)
        {
            return None;
        }
        Some(report(s, h.0.matrix.as_ref()?))
    };
    view! {
        <div class="scenarios" id="scenarios">
            <h3>"Guided scenarios"</h3>
            <p class="muted">"Each loads its versions into the workspace (replacing the current ones): edit them, open the matrix cells."</p>
            <ul class="gallery" on:click=on_click inner_html=gallery></ul>
            <div id="scenario-loaded" class="scenario-loaded" inner_html=html_fn(move || current().unwrap_or_default())></div>
        </div>
    }
}
