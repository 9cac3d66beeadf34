//! The semantic diff of two versions: each change with what it does to new consumers reading old data
//! (backward) and to old consumers reading new data (forward), and the picked change marked in both texts.

use crate::history::History;
use crate::html::{clicked_attribute, handler, html_fn, marked, pointer_range, Markup};
use crate::state::Shared;
use crate::version_diff::{compared_pair, diff_memo, Diffed};
use crate::worker::protocol::EffectView;
use crate::worker::trouble::{clicked, loading_html, trouble_html};
use avro_playground_core::evolution::Verdict;
use leptos::prelude::*;

/// The verdict in plain words.
fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Compatible => "compatible",
        Verdict::CompatibleWithCondition => "compatible on a condition",
        Verdict::Incompatible => "incompatible",
    }
}

/// A `<select>` of every version for one side of the diff.
fn picker(out: &mut Markup, h: &History, side: &'static str, selected: usize) {
    out.open("select")
        .attr("data-diff-side", side)
        .attr("aria-label", format_args!("{side} version"));
    for (i, name) in h.names.iter().enumerate() {
        out.open("option")
            .attr("value", i)
            .flag("selected", i == selected)
            .text(name)
            .close("option");
    }
    out.close("select");
}

/// One direction's effect: who reads what, the verdict and its reason.
fn effect(out: &mut Markup, e: &EffectView, who: &str) {
    out.open("div")
        .attr("class", format_args!("effect {}", e.verdict.as_str()))
        .open("span")
        .attr("class", "direction")
        .text(format_args!("{who}:"))
        .close("span")
        .text(" ")
        .el("strong", verdict_words(e.verdict))
        .text(": ")
        .text(&e.reason)
        .close("div");
}

/// The diff view as HTML: the two pickers, then the changes (or why there are none), then the picked
/// change marked in both texts.
fn diff_html(
    h: &History,
    (old, new): (usize, usize),
    diffed: &Diffed,
    picked: Option<usize>,
) -> String {
    let mut out = Markup::new();
    if h.names.len() < 2 {
        out.open("p")
            .attr("class", "muted")
            .text("Add a version to see what changed between two of them.")
            .close("p");
        return out.into_string();
    }
    out.open("h3").text("Diff: changes from ");
    picker(&mut out, h, "old", old);
    out.text(" to ");
    picker(&mut out, h, "new", new);
    out.close("h3");
    let changes = match diffed {
        Diffed::Nothing(broken) => {
            out.open("p").attr("class", "error").text(broken).close("p");
            return out.into_string();
        }
        Diffed::Loading => {
            loading_html(&mut out, "Comparing the versions");
            return out.into_string();
        }
        Diffed::Worker(e) => {
            trouble_html(&mut out, e);
            return out.into_string();
        }
        Diffed::Done(d) => &d.changes,
    };
    if changes.is_empty() {
        out.open("p")
            .attr("class", "ok")
            .attr("id", "diff-none")
            .text(if h.texts.get(old) == h.texts.get(new) {
                "The two versions are identical."
            } else {
                "No change that resolution sees: the texts differ only in layout or in attributes it ignores."
            })
            .close("p");
        return out.into_string();
    }
    out.open("p")
        .attr("class", "muted")
        .text("Backward: new consumers (the new version) read data written with the old one. Forward: old consumers read data written with the new one. Click a change to see it in both texts.")
        .close("p")
        .open("ol")
        .attr("class", "changes");
    for (i, c) in changes.iter().enumerate() {
        out.open("li")
            .attr(
                "class",
                if picked == Some(i) {
                    "change picked"
                } else {
                    "change"
                },
            )
            .attr("data-change", i)
            .attr("data-kind", &c.kind)
            .open("code")
            .attr("class", "kind")
            .text(&c.kind)
            .close("code")
            .text(" ")
            .text(&c.message);
        effect(
            &mut out,
            &c.backward,
            "new consumers reading old data (backward)",
        );
        effect(
            &mut out,
            &c.forward,
            "old consumers reading new data (forward)",
        );
        out.close("li");
    }
    out.close("ol");
    if let Some(c) = picked.and_then(|i| changes.get(i)) {
        out.open("div").attr("class", "both-schemas");
        for (i, pointer, role) in [(old, &c.old_pointer, "old"), (new, &c.new_pointer, "new")] {
            let text = h.texts.get(i).map_or("", |s| s);
            let name = h.names.get(i).map_or("", |s| s);
            marked(
                &mut out,
                text,
                pointer_range(text, pointer),
                &format!("{role} {name} at {pointer}"),
            );
        }
        out.close("div");
    }
    out.into_string()
}

/// The diff of two versions; `chosen` is the pair picked here or from a matrix cell (`None`: the edited
/// version, `current`, and the one before it).
#[component]
pub fn DiffPanel(
    history: Memo<Shared<History>>,
    current: RwSignal<usize>,
    chosen: RwSignal<Option<(usize, usize)>>,
    /// The diff of the edited version and the one before it (the lints read it too).
    edited: Memo<Diffed>,
) -> impl IntoView {
    // The picked change, with the pair it was picked in: another pair shows none picked.
    let picked = RwSignal::new(None::<(usize, (usize, usize))>);
    let pair = move || {
        compared_pair(
            chosen.get(),
            current.get(),
            history.with(|h| h.0.names.len()),
        )
    };
    // Diffed once per change of either parsed schema, not at every render; the default pair is the
    // workspace's diff of the edited version, which the lints share.
    let picked_pair = diff_memo(history, pair);
    let diffed = move || {
        if chosen.get().is_some() {
            picked_pair.get()
        } else {
            edited.get()
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if clicked(&ev) {
            return;
        }
        if let Some(i) = clicked_attribute(&ev, "data-change").and_then(|i| i.parse().ok()) {
            picked.set(Some((i, untrack(pair))));
        }
    };
    let on_change = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let Some(side) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.get_attribute("data-diff-side"))
        else {
            return;
        };
        let Ok(version) = event_target_value(&ev).parse::<usize>() else {
            return;
        };
        let (old, new) = untrack(pair);
        chosen.set(Some(if side == "old" {
            (version, new)
        } else {
            (old, version)
        }));
    };
    view! {
        <div
            id="diff"
            class="diff"
            on:click=handler(on_click)
            on:change=handler(on_change)
            inner_html=html_fn(move || {
                let (h, pair, diffed) = (history.get(), pair(), diffed());
                let picked = picked.get().filter(|(_, at)| *at == pair).map(|(i, _)| i);
                diff_html(&h.0, pair, &diffed, picked)
            })
        ></div>
    }
}
