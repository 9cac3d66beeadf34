//! What each Confluent Schema Registry compatibility level answers when the newest version is registered
//! after the others: which versions it checks, in which order, and which one fails.

use crate::history::History;
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

/// The seven levels' verdicts for the newest version.
#[component]
pub fn ModesPanel(history: Memo<Shared<History>>) -> impl IntoView {
    move || {
        let h = history.get();
        let matrix = h.0.matrix.as_ref()?;
        let n = matrix.len();
        if n < 2 {
            return Some(view! { <p class="muted" id="modes">"Add a version to see what each registry level would answer."</p> }.into_any());
        }
        let names = h.0.names.clone();
        let candidate = names.get(n - 1).cloned().unwrap_or_default();
        let rows = Mode::ALL
            .iter()
            .filter_map(|mode| matrix.registration(*mode, n - 1))
            .map(|reg| {
                let checked: Vec<String> = reg
                    .checked_versions
                    .iter()
                    .map(|v| names.get(v - 1).cloned().unwrap_or_else(|| format!("v{v}")))
                    .collect();
                let failing = reg.failing_version.and_then(|v| names.get(v - 1).cloned());
                let first = reg.incompatibilities.first().map(|d| {
                    format!("{} ({}): {}", d.incompatibility.kind.as_str(), d.direction.as_str(), d.incompatibility.message)
                });
                view! {
                    <tr class="mode" class:ok=reg.compatible class:bad=!reg.compatible data-mode=reg.mode.as_str()>
                        <th scope="row"><code>{reg.mode.as_str()}</code></th>
                        <td class="verdict">{if reg.compatible { "accepted" } else { "rejected" }}</td>
                        <td class="checked">
                            {if checked.is_empty() {
                                "no check".to_string()
                            } else {
                                checked.join(" → ")
                            }}
                            {failing.map(|f| format!(" (stops at {f})"))}
                        </td>
                        <td class="meaning">{meaning(reg.mode)} {first.map(|f| view! { <div class="why">{f}</div> })}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div id="modes" class="modes">
                <h3>{format!("Registering {candidate} after the others")}</h3>
                <p class="muted">"Confluent checks the newest version first and stops at the first that fails; the _TRANSITIVE levels check every earlier version, the others only the latest."</p>
                <table class="modes-table">
                    <thead><tr><th>"level"</th><th>"verdict"</th><th>"versions checked"</th><th>"meaning"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any())
    }
}
