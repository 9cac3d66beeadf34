//! What each Confluent Schema Registry compatibility level answers when the newest version (or any one
//! picked) is registered after the versions before it: which it checks, in which order, and which fails.

use crate::history::History;
use crate::html::escape;
use crate::state::Shared;
use avro_playground_core::compat::Mode;
use leptos::prelude::*;

/// The plain-language meaning of a level, and who must upgrade first.
fn meaning(mode: Mode) -> &'static str {
    match mode {
        Mode::Backward => "new consumers can read data written with the latest version; upgrade consumers first",
        Mode::BackwardTransitive => "new consumers can read data written with every earlier version; upgrade consumers first",
        Mode::Forward => "consumers of the latest version can read new data; upgrade producers first",
        Mode::ForwardTransitive => "consumers of every earlier version can read new data; upgrade producers first",
        Mode::Full => "both ways with the latest version; upgrade in any order",
        Mode::FullTransitive => "both ways with every earlier version; upgrade in any order",
        Mode::None => "nothing is checked",
    }
}

/// The seven levels' verdicts for registering version `candidate` (0-based; `None` or out of range: the
/// newest) after the versions before it, as HTML.
fn modes_html(h: &History, candidate: Option<usize>) -> String {
    let Some(matrix) = h.matrix.as_ref() else {
        return String::new();
    };
    let n = matrix.len();
    if n < 2 {
        return "<p class=\"muted\">Add a version to see what each registry level would answer.</p>".into();
    }
    let name = |v: usize| {
        h.names
            .get(v.wrapping_sub(1))
            .map_or_else(|| format!("v{v}"), |s| escape(s))
    };
    let candidate = candidate.filter(|c| (1..n).contains(c)).unwrap_or(n - 1);
    // Any version with an earlier one can be the candidate; the newest by default.
    let mut out = String::from(
        "<h3>Registering <select id=\"mode-candidate\" aria-label=\"The version registered\">",
    );
    for c in 1..n {
        out.push_str(&format!(
            "<option value=\"{c}\"{}>{}</option>",
            if c == candidate { " selected" } else { "" },
            name(c + 1)
        ));
    }
    out.push_str(&format!(
        "</select> after the {}</h3><p class=\"muted\">Confluent checks the newest version first and stops at the first that fails; the _TRANSITIVE levels check every earlier version, the others only the latest.</p><table class=\"modes-table\"><thead><tr><th>level</th><th>verdict</th><th>versions checked</th><th>meaning</th></tr></thead><tbody>",
        if candidate == 1 { "first version".to_string() } else { format!("{candidate} before it") }
    ));
    for reg in Mode::ALL
        .iter()
        .filter_map(|m| matrix.registration(*m, candidate))
    {
        let checked: Vec<String> = reg.checked_versions.iter().map(|v| name(*v)).collect();
        let checked = if checked.is_empty() {
            "no check".to_string()
        } else {
            checked.join(" → ")
        };
        let stops = reg
            .failing_version
            .map(|v| format!(" (stops at {})", name(v)))
            .unwrap_or_default();
        let why = reg
            .incompatibilities
            .first()
            .map(|d| {
                format!(
                    "<div class=\"why\">{} ({}): {}</div>",
                    d.incompatibility.kind.as_str(),
                    d.direction.as_str(),
                    escape(&d.incompatibility.message)
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "<tr class=\"mode {}\" data-mode=\"{}\"><th scope=\"row\"><code>{}</code></th><td class=\"verdict\">{}</td><td class=\"checked\">{checked}{stops}</td><td class=\"meaning\">{}{why}</td></tr>",
            if reg.compatible { "ok" } else { "bad" },
            reg.mode.as_str(),
            reg.mode.as_str(),
            if reg.compatible { "accepted" } else { "rejected" },
            meaning(reg.mode)
        ));
    }
    out.push_str("</tbody></table>");
    out
}

/// The seven levels' verdicts for the newest version, or the one picked as the candidate.
#[component]
pub fn ModesPanel(
    history: Memo<Shared<History>>,
    candidate: RwSignal<Option<usize>>,
) -> impl IntoView {
    view! {
        <div
            id="modes"
            class="modes"
            on:change=move |ev| candidate.set(event_target_value(&ev).parse().ok())
            inner_html=move || modes_html(&history.get().0, candidate.get())
        ></div>
    }
}
