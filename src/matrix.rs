//! The reader × writer matrix of every version: each cell says whether the row's version reads data
//! written with the column's, with how many incompatibilities; a cell opens them, each with the checker's
//! explain notes, and the picked one is marked in both schema texts.

use crate::history::History;
use crate::html::{clicked_attribute, handler, html_fn, marked, pointer_range, Markup};
use crate::state::Shared;
use avro_playground_core::compat::CompatibilityMatrix;
use avro_playground_core::compat::{check, Compatibility};
use avro_playground_core::schema::Schema;
use leptos::prelude::*;
use std::sync::Arc;

/// Which way a cell reads, in plain words.
fn direction(reader: usize, writer: usize) -> &'static str {
    match reader.cmp(&writer) {
        std::cmp::Ordering::Greater => "new consumers read old data (backward)",
        std::cmp::Ordering::Less => "old consumers read new data (forward)",
        std::cmp::Ordering::Equal => "same version",
    }
}

/// Which side may upgrade first, as this cell decides it: a newer reader is a consumer upgrade, a newer
/// writer a producer upgrade (`None` on the diagonal).
fn upgrade_order(
    reader: usize,
    writer: usize,
    compatible: bool,
    rn: &str,
    wn: &str,
) -> Option<String> {
    Some(match (reader.cmp(&writer), compatible) {
        (std::cmp::Ordering::Equal, _) => return None,
        (std::cmp::Ordering::Greater, true) => {
            format!("Consumers may upgrade to {rn} first: they still read what {wn} producers write.")
        }
        (std::cmp::Ordering::Greater, false) => format!(
            "Consumers on {rn} cannot read {wn} data: upgrade them only once no {wn} data is left to read."
        ),
        (std::cmp::Ordering::Less, true) => {
            format!("Producers may upgrade to {wn} first: {rn} consumers still read what they write.")
        }
        (std::cmp::Ordering::Less, false) => format!(
            "Producers on {wn} would break {rn} consumers: upgrade every consumer before the producers."
        ),
    })
}

/// How one cell looks: its verdict, its number of incompatibilities, and whether it is open.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Look {
    ok: bool,
    count: usize,
    diagonal: bool,
    open: bool,
}

impl Look {
    fn of(matrix: &CompatibilityMatrix, r: usize, w: usize, open: Option<(usize, usize)>) -> Look {
        let (ok, count) = matrix
            .get(r, w)
            .map_or((false, 0), |c| (c.compatible, c.incompatibilities.len()));
        Look {
            ok,
            count,
            diagonal: r == w,
            open: open == Some((r, w)),
        }
    }

    fn class(self) -> &'static str {
        match (self.ok, self.diagonal, self.open) {
            (true, false, false) => "cell ok",
            (true, false, true) => "cell ok open",
            (true, true, false) => "cell ok diagonal",
            (true, true, true) => "cell ok diagonal open",
            (false, false, false) => "cell bad",
            (false, false, true) => "cell bad open",
            (false, true, false) => "cell bad diagonal",
            (false, true, true) => "cell bad diagonal open",
        }
    }

    fn text(self) -> String {
        if self.ok {
            "✓".into()
        } else {
            format!("✗ {}", self.count)
        }
    }
}

/// What a drawn grid shows: the version names, and each cell's look, row by row.
#[derive(PartialEq)]
struct Drawn {
    names: Vec<String>,
    looks: Vec<Look>,
}

impl Drawn {
    /// The grid of `h` with the cell `open`; `None` while a version does not parse.
    fn of(h: &History, open: Option<(usize, usize)>) -> Option<Drawn> {
        let matrix = h.matrix.as_ref()?;
        let n = matrix.len();
        Some(Drawn {
            names: h.names.clone(),
            looks: (0..n * n)
                .map(|i| Look::of(matrix, i / n, i % n, open))
                .collect(),
        })
    }
}

/// The grid as HTML: `drawn`, or why there is none (`None`: a version does not parse).
fn grid(h: &History, drawn: Option<&Drawn>) -> String {
    let mut out = Markup::new();
    let Some(drawn) = drawn else {
        let broken: Vec<String> = h
            .broken()
            .into_iter()
            .map(|(n, e)| format!("{n} does not parse: {e}"))
            .collect();
        out.open("p")
            .attr("class", "error")
            .text(broken.join("; "))
            .close("p");
        return out.into_string();
    };
    out.open("table")
        .attr("id", "matrix")
        .attr("class", "matrix")
        .open("thead")
        .open("tr")
        .open("th")
        .attr("class", "corner")
        .text("reader ↓ / writer →")
        .close("th");
    for n in &drawn.names {
        out.open("th").attr("scope", "col").text(n).close("th");
    }
    out.close("tr").close("thead").open("tbody");
    let n = drawn.names.len();
    for (r, rn) in drawn.names.iter().enumerate() {
        out.open("tr")
            .open("th")
            .attr("scope", "row")
            .text(rn)
            .close("th");
        for (w, look) in drawn.looks.iter().skip(r * n).take(n).enumerate() {
            out.open("td")
                .attr("class", look.class())
                // No title per cell: 900 cells of 30 versions made the grid 145 KB of HTML per edit. A
                // cell gets its title when the pointer reaches it (see `Matrix`).
                .attr("data-cell", format_args!("{r},{w}"))
                .text(look.text())
                .close("td");
        }
        out.close("tr");
    }
    out.close("tbody").close("table");
    out.into_string()
}

/// The open cell checked with the explain pass (which the matrix leaves out), with the two parsed schemas
/// it was computed from: kept while neither changes.
#[derive(Clone)]
struct Checked {
    reader: Arc<Schema>,
    writer: Arc<Schema>,
    compatibility: Shared<Compatibility>,
}

impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        self.compatibility == other.compatibility
    }
}

/// The open cell's incompatibilities and notes, and the picked one in both texts, as HTML.
fn details(
    h: &History,
    (r, w): (usize, usize),
    checked: &Checked,
    picked: usize,
) -> Option<String> {
    let (reader, writer, c) = (&checked.reader, &checked.writer, &checked.compatibility.0);
    let (rn, wn) = (h.names.get(r)?, h.names.get(w)?);
    let n = c.incompatibilities.len();
    let mut out = Markup::new();
    out.el(
        "h3",
        format_args!("{rn} reading data written with {wn}: {}", direction(r, w)),
    )
    .open("p")
    .attr("class", if c.compatible { "ok" } else { "error" });
    if c.compatible {
        out.text("Compatible: every datum the writer can write, the reader can read.");
    } else {
        out.text(format_args!(
            "Incompatible: {n} problem{} (Java's SchemaCompatibility).",
            if n == 1 { "" } else { "s" }
        ));
    }
    out.close("p").open("ol").attr("class", "incompatibilities");
    for (i, inc) in c.incompatibilities.iter().enumerate() {
        out.open("li")
            .attr(
                "class",
                if i == picked {
                    "incompatibility picked"
                } else {
                    "incompatibility"
                },
            )
            .attr("data-incompatibility", i)
            .open("code")
            .attr("class", "kind")
            .text(inc.kind.as_str())
            .close("code")
            .text(" at ")
            .open("code")
            .attr("class", "location")
            .text(inc.location.as_str())
            .close("code")
            .text(": ")
            .text(&inc.message)
            .close("li");
    }
    out.close("ol");
    if let Some(order) = upgrade_order(r, w, c.compatible, rn, wn) {
        out.open("p")
            .attr("class", "upgrade")
            .text(order)
            .close("p");
    }
    if r != w {
        out.open("button")
            .attr("class", "copy")
            .attr("data-diff-pair", format_args!("{},{}", r.min(w), r.max(w)))
            .text("diff these two versions")
            .close("button");
    }
    if !c.notes.is_empty() {
        out.open("ul").attr("class", "notes");
        for note in &c.notes {
            out.open("li")
                .attr("class", "note")
                .el("code", note.kind.as_str())
                .text(" at ")
                .el("code", note.location.as_str())
                .text(": ")
                .text(&note.message)
                .close("li");
        }
        out.close("ul");
    }
    if let Some(inc) = c.incompatibilities.get(picked) {
        out.open("div").attr("class", "both-schemas");
        // Java's location is a pointer into the reader schema; where it leaves the text (numbers after a
        // union address the writer's branches) the reader fragment stands in.
        let reader_text = h.texts.get(r).map_or("", |s| s);
        let reader_range = pointer_range(reader_text, inc.location.as_str())
            .filter(|_| inc.location.as_str() != "/")
            .or(Some(reader.node(inc.reader_fragment).range));
        let writer_range = Some(writer.node(inc.writer_fragment).range);
        marked(
            &mut out,
            h.texts.get(r).map_or("", |s| s),
            reader_range,
            &format!("reader {rn}"),
        );
        marked(
            &mut out,
            h.texts.get(w).map_or("", |s| s),
            writer_range,
            &format!("writer {wn}"),
        );
        out.close("div");
    }
    Some(out.into_string())
}

/// Two indices written `a,b`.
fn pair_of(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once(',')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The matrix and the open cell's details; `cell` is the open cell, and a cell's "diff these two
/// versions" sets `diff` (old, new).
#[component]
pub fn Matrix(
    history: Memo<Shared<History>>,
    cell: RwSignal<Option<(usize, usize)>>,
    diff: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let picked = RwSignal::new(0usize);
    let checked = Memo::new(move |previous: Option<&Option<Checked>>| {
        let (r, w) = cell.get()?;
        let (reader, writer) =
            history.with(|h| Some((h.0.schema(r)?.clone(), h.0.schema(w)?.clone())))?;
        if let Some(Some(p)) = previous {
            if Arc::ptr_eq(&p.reader, &reader) && Arc::ptr_eq(&p.writer, &writer) {
                return Some(p.clone());
            }
        }
        let compatibility = Shared(Arc::new(check(&reader, &writer)));
        Some(Checked {
            reader,
            writer,
            compatibility,
        })
    });
    // A cell's title says who reads what, written when the pointer first reaches the cell.
    let on_hover = move |ev: web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(td) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("td[data-cell]").ok().flatten())
        else {
            return;
        };
        if td.has_attribute("title") {
            return;
        }
        let Some((r, w)) = td.get_attribute("data-cell").and_then(|c| pair_of(&c)) else {
            return;
        };
        let title = history.with_untracked(|h| {
            let name = |i: usize| h.0.names.get(i).map_or("", |s| s);
            format!(
                "{} reading data written with {}: {}",
                name(r),
                name(w),
                direction(r, w)
            )
        });
        let _ = td.set_attribute("title", &title);
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(pair) = clicked_attribute(&ev, "data-diff-pair").and_then(|p| pair_of(&p)) {
            diff.set(Some(pair));
            if let Some(view) = document().get_element_by_id("diff") {
                view.scroll_into_view();
            }
        } else if let Some(i) =
            clicked_attribute(&ev, "data-incompatibility").and_then(|i| i.parse().ok())
        {
            picked.set(i);
        } else if let Some((r, w)) = clicked_attribute(&ev, "data-cell").and_then(|c| pair_of(&c)) {
            cell.set(Some((r, w)));
            picked.set(0);
        }
    };
    // The grid is written whole when the versions or their names change, and otherwise patched cell by
    // cell: an edit to one of 30 versions changes at most 59 of 900 cells, and a grid written whole was
    // laid out whole (a third of the edit's layout time in the matrix benchmark).
    let grid_holder: NodeRef<leptos::html::Div> = NodeRef::new();
    Effect::new(move |drawn: Option<Option<Drawn>>| {
        let holder = grid_holder.get()?;
        let (h, open) = (history.get(), cell.get());
        let now = Drawn::of(&h.0, open);
        match (drawn.flatten(), &now) {
            (Some(before), Some(after)) if before.names == after.names => {
                let n = after.names.len();
                for (i, (b, a)) in before.looks.iter().zip(&after.looks).enumerate() {
                    if b == a {
                        continue;
                    }
                    let selector = format!("td[data-cell=\"{},{}\"]", i / n, i % n);
                    if let Ok(Some(td)) = holder.query_selector(&selector) {
                        td.set_class_name(a.class());
                        td.set_text_content(Some(&a.text()));
                    }
                }
            }
            _ => holder.set_inner_html(&grid(&h.0, now.as_ref())),
        }
        now
    });
    view! {
        <div class="matrix-panel" on:click=handler(on_click) on:mouseover=handler(on_hover)>
            <p class="muted">
                "Each row's version as reader against each column's as writer. Below the diagonal: new consumers reading old data (backward); above: old consumers reading new data (forward)."
            </p>
            <div node_ref=grid_holder></div>
            <div id="cell-details" class="cell-details" inner_html=html_fn(move || {
                let (c, checked) = (cell.get(), checked.get());
                c.zip(checked)
                    .and_then(|(c, checked)| details(&history.get().0, c, &checked, picked.get()))
                    .unwrap_or_default()
            })></div>
        </div>
    }
}
