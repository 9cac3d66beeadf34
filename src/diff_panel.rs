//! The semantic diff of two versions: each change with what it does to new consumers reading old data
//! (backward) and to old consumers reading new data (forward), and the picked change marked in both texts.

use crate::history::History;
use crate::html::{clicked_attribute, escape_into, marked, pointer_range};
use crate::state::Shared;
use avro_playground_core::evolution::{self, diff, Change, Verdict};
use avro_playground_core::schema::Schema;
use leptos::prelude::*;
use std::sync::Arc;

/// The changes between two versions, or why there are none to show.
type Compared = Result<Vec<Change>, String>;

/// The verdict in plain words.
fn verdict_words(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Compatible => "compatible",
        Verdict::CompatibleWithCondition => "compatible on a condition",
        Verdict::Incompatible => "incompatible",
    }
}

/// The versions compared, `(old, new)`: the chosen pair while both exist, else the version before the
/// edited one and the edited one (the first two when the first is edited).
fn compared_pair(chosen: Option<(usize, usize)>, current: usize, count: usize) -> (usize, usize) {
    match chosen {
        Some((old, new)) if old < count && new < count => (old, new),
        _ if count < 2 => (0, 0),
        _ => {
            let new = current.clamp(1, count - 1);
            (new - 1, new)
        }
    }
}

/// The two parsed schemas of versions `old` and `new` of the history; a version that does not parse is
/// named instead.
fn schemas(h: &History, (old, new): (usize, usize)) -> Result<(Arc<Schema>, Arc<Schema>), String> {
    let schema = |i: usize| match h.schemas.get(i).map(|s| s.0.as_ref()) {
        Some(Ok(s)) => Ok(s.clone()),
        Some(Err(e)) => Err(format!(
            "{} does not parse, so there is nothing to compare: {e}",
            h.names.get(i).map_or("", |n| n)
        )),
        None => Err(String::new()),
    };
    Ok((schema(old)?, schema(new)?))
}

/// The diff of two parsed schemas, with the schemas it was computed from: kept while neither changes.
#[derive(Clone)]
struct Diffed {
    schemas: Result<(Arc<Schema>, Arc<Schema>), String>,
    compared: Shared<Compared>,
}

impl PartialEq for Diffed {
    fn eq(&self, other: &Self) -> bool {
        self.compared == other.compared
    }
}

impl Diffed {
    /// Whether this diff was computed from these schemas (the same parses) or the same error.
    fn of(&self, schemas: &Result<(Arc<Schema>, Arc<Schema>), String>) -> bool {
        match (&self.schemas, schemas) {
            (Ok((a, b)), Ok((c, d))) => Arc::ptr_eq(a, c) && Arc::ptr_eq(b, d),
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }
}

/// A `<select>` of every version for one side of the diff.
fn picker(out: &mut String, h: &History, side: &str, selected: usize) {
    out.push_str("<select data-diff-side=\"");
    out.push_str(side);
    out.push_str("\" aria-label=\"");
    out.push_str(side);
    out.push_str(" version\">");
    for (i, name) in h.names.iter().enumerate() {
        out.push_str(&format!(
            "<option value=\"{i}\"{}>",
            if i == selected { " selected" } else { "" }
        ));
        escape_into(out, name);
        out.push_str("</option>");
    }
    out.push_str("</select>");
}

/// One direction's effect: who reads what, the verdict and its reason.
fn effect(out: &mut String, e: &evolution::Effect, who: &str) {
    out.push_str(&format!(
        "<div class=\"effect {}\"><span class=\"direction\">{who}:</span> <strong>{}</strong>: ",
        e.verdict.as_str(),
        verdict_words(e.verdict)
    ));
    escape_into(out, &e.reason);
    out.push_str("</div>");
}

/// The diff view as HTML: the two pickers, then the changes (or why there are none), then the picked
/// change marked in both texts.
fn diff_html(
    h: &History,
    (old, new): (usize, usize),
    compared: &Compared,
    picked: Option<usize>,
) -> String {
    if h.names.len() < 2 {
        return "<p class=\"muted\">Add a version to see what changed between two of them.</p>"
            .into();
    }
    let mut out = String::from("<h3>Diff: changes from ");
    picker(&mut out, h, "old", old);
    out.push_str(" to ");
    picker(&mut out, h, "new", new);
    out.push_str("</h3>");
    let changes = match compared {
        Err(broken) => {
            out.push_str("<p class=\"error\">");
            escape_into(&mut out, broken);
            out.push_str("</p>");
            return out;
        }
        Ok(changes) => changes,
    };
    if changes.is_empty() {
        out.push_str(if h.texts.get(old) == h.texts.get(new) {
            "<p class=\"ok\" id=\"diff-none\">The two versions are identical.</p>"
        } else {
            "<p class=\"ok\" id=\"diff-none\">No change that resolution sees: the texts differ only in layout or in attributes it ignores.</p>"
        });
        return out;
    }
    out.push_str("<p class=\"muted\">Backward: new consumers (the new version) read data written with the old one. Forward: old consumers read data written with the new one. Click a change to see it in both texts.</p><ol class=\"changes\">");
    for (i, c) in changes.iter().enumerate() {
        out.push_str(&format!(
            "<li class=\"change{}\" data-change=\"{i}\" data-kind=\"{}\"><code class=\"kind\">{}</code> ",
            if picked == Some(i) { " picked" } else { "" },
            c.kind.id(),
            c.kind.id()
        ));
        escape_into(&mut out, &c.message);
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
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    if let Some(c) = picked.and_then(|i| changes.get(i)) {
        out.push_str("<div class=\"both-schemas\">");
        for (i, pointer, role) in [(old, &c.old_pointer, "old"), (new, &c.new_pointer, "new")] {
            let text = h.texts.get(i).map_or("", |s| s);
            let name = h.names.get(i).map_or("", |s| s);
            marked(
                &mut out,
                text,
                pointer_range(text, pointer.as_str()),
                &format!("{role} {name} at {pointer}"),
            );
        }
        out.push_str("</div>");
    }
    out
}

/// The diff of two versions; `chosen` is the pair picked here or from a matrix cell (`None`: the edited
/// version, `current`, and the one before it).
#[component]
pub fn DiffPanel(
    history: Memo<Shared<History>>,
    current: RwSignal<usize>,
    chosen: RwSignal<Option<(usize, usize)>>,
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
    // Diffed once per change of either parsed schema, not at every render.
    let diffed = Memo::new(move |previous: Option<&Diffed>| {
        let schemas = history.with(|h| schemas(&h.0, pair()));
        if let Some(p) = previous.filter(|p| p.of(&schemas)) {
            return p.clone();
        }
        let compared = schemas.as_ref().map(|(a, b)| diff(a, b)).map_err(Clone::clone);
        Diffed {
            schemas,
            compared: Shared(Arc::new(compared)),
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| {
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
            on:click=on_click
            on:change=on_change
            inner_html=move || {
                let (h, pair, diffed) = (history.get(), pair(), diffed.get());
                let picked = picked.get().filter(|(_, at)| *at == pair).map(|(i, _)| i);
                diff_html(&h.0, pair, &diffed.compared.0, picked)
            }
        ></div>
    }
}
