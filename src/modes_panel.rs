//! What each Confluent Schema Registry compatibility level answers when the newest version (or any one
//! picked) is registered after the versions before it: which it checks, in which order, and which fails.

use crate::history::History;
use crate::html::{handler, html_fn, Markup};
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
    let mut out = Markup::new();
    let n = matrix.len();
    if n < 2 {
        out.open("p")
            .attr("class", "muted")
            .text("Add a version to see what each registry level would answer.")
            .close("p");
        return out.into_string();
    }
    let name = |v: usize| {
        h.names
            .get(v.wrapping_sub(1))
            .map_or_else(|| format!("v{v}"), String::clone)
    };
    let candidate = candidate.filter(|c| (1..n).contains(c)).unwrap_or(n - 1);
    // Any version with an earlier one can be the candidate; the newest by default.
    out.open("h3")
        .text("Registering ")
        .open("select")
        .attr("id", "mode-candidate")
        .attr("aria-label", "The version registered");
    for c in 1..n {
        out.open("option")
            .attr("value", c)
            .flag("selected", c == candidate)
            .text(name(c + 1))
            .close("option");
    }
    out.close("select");
    if candidate == 1 {
        out.text(" after the first version");
    } else {
        out.text(format_args!(" after the {candidate} before it"));
    }
    out.close("h3")
        .open("p")
        .attr("class", "muted")
        .text("Confluent checks the newest version first and stops at the first that fails; the _TRANSITIVE levels check every earlier version, the others only the latest.")
        .close("p")
        .open("table")
        .attr("class", "modes-table")
        .open("thead")
        .open("tr")
        .el("th", "level")
        .el("th", "verdict")
        .el("th", "versions checked")
        .el("th", "meaning")
        .close("tr")
        .close("thead")
        .open("tbody");
    for reg in Mode::ALL
        .iter()
        .filter_map(|m| matrix.registration(*m, candidate))
    {
        let checked: Vec<String> = reg.checked_versions.iter().map(|v| name(*v)).collect();
        out.open("tr")
            .attr(
                "class",
                if reg.compatible {
                    "mode ok"
                } else {
                    "mode bad"
                },
            )
            .attr("data-mode", reg.mode.as_str())
            .open("th")
            .attr("scope", "row")
            .el("code", reg.mode.as_str())
            .close("th")
            .open("td")
            .attr("class", "verdict")
            .text(if reg.compatible {
                "accepted"
            } else {
                "rejected"
            })
            .close("td")
            .open("td")
            .attr("class", "checked");
        if checked.is_empty() {
            out.text("no check");
        } else {
            out.text(checked.join(" → "));
        }
        if let Some(v) = reg.failing_version {
            out.text(format_args!(" (stops at {})", name(v)));
        }
        out.close("td")
            .open("td")
            .attr("class", "meaning")
            .text(meaning(reg.mode));
        if let Some(d) = reg.incompatibilities.first() {
            out.open("div")
                .attr("class", "why")
                .text(format_args!(
                    "{} ({}): {}",
                    d.incompatibility.kind.as_str(),
                    d.direction.as_str(),
                    d.incompatibility.message
                ))
                .close("div");
        }
        out.close("td").close("tr");
    }
    out.close("tbody").close("table");
    out.into_string()
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
            on:change=handler(move |ev| candidate.set(event_target_value(&ev).parse().ok()))
            inner_html=html_fn(move || modes_html(&history.get().0, candidate.get()))
        ></div>
    }
}
