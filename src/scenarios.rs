//! The gallery of guided scenarios: each loads its versions into the workspace, tells the story, names the
//! rule with its spec section, and puts its stated verdicts beside what the checker answers.

use crate::history::History;
use crate::html::{clicked_attribute, escape};
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
fn line(out: &mut String, agree: bool, text: &str) {
    out.push_str(if agree {
        "<li class=\"agree\">"
    } else {
        "<li class=\"disagree\">"
    });
    out.push_str(&escape(text));
    out.push_str("</li>");
}

/// The loaded scenario: its story, rule, and each stated verdict beside the checker's.
fn report(s: &Scenario, matrix: &CompatibilityMatrix) -> String {
    let mut out = format!(
        "<h3>{}</h3><p>{}</p><p class=\"rule\"><strong>Rule: </strong>{} <span class=\"muted\">(spec: {})</span></p><p class=\"muted\">The checker's answers beside the scenario's stated verdicts:</p><ul class=\"stated\">",
        escape(s.title),
        escape(s.story),
        escape(s.rule),
        escape(s.spec_section)
    );
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
    out.push_str("</ul>");
    out
}

/// The scenario gallery and the loaded scenario's checks; `load` replaces the workspace's versions with
/// a scenario's (named and in order).
#[component]
pub fn Scenarios(
    history: Memo<Shared<History>>,
    load: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    let loaded = RwSignal::new(None::<&'static str>);
    let gallery: String = scenarios()
        .iter()
        .map(|s| {
            format!(
                "<li class=\"scenario\" data-scenario=\"{}\"><button class=\"copy load-scenario\">load</button> <strong>{}</strong> <span class=\"muted\">({} versions)</span></li>",
                escape(s.id),
                escape(s.title),
                s.versions.len()
            )
        })
        .collect();
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
            <div id="scenario-loaded" class="scenario-loaded" inner_html=move || current().unwrap_or_default()></div>
        </div>
    }
}
