//! The shown bytes as a hex dump: offsets, hex, ASCII. Each top-level field's bytes share a colour, bytes
//! after the datum that nothing read are hatched, the failing byte of a broken datum is outlined, and hovering a byte selects its innermost span. Only the
//! rows in view are in the DOM.

use crate::html::{self, handler, Markup};
use crate::state::{Origin, Selected, Selection, Shared, Shown};
use crate::virtual_rows::{mark_rows, RenderRow, VirtualRows};
use avro_playground_core::walker::{Part, Walk};
use leptos::prelude::*;
use std::sync::Arc;

const ROW: usize = 16;
const PALETTE: u32 = 8;
const ROW_HEIGHT: f64 = 24.0;

/// The colour group of a span: the top-level span (child of the root) it lies in.
fn group(walk: &Walk, span: u32) -> u32 {
    match walk.ancestry(span).as_slice() {
        [] => PALETTE,
        [only] => only % PALETTE,
        [_, child, ..] => child % PALETTE,
    }
}

/// Appends row `r` of the dump (offset, hex cells, ASCII) as HTML.
fn write_row(walk: &Walk, selected: Option<(usize, usize)>, r: usize, out: &mut Markup) {
    let start = r * ROW;
    let chunk = walk
        .bytes
        .get(start..(start + ROW).min(walk.bytes.len()))
        .unwrap_or_default();
    let error_at = walk.error.as_ref().map(|e| e.offset);
    let mut previous = if start == 0 {
        None
    } else {
        walk.innermost_at(start - 1).map(|s| group(walk, s))
    };
    out.open("div")
        .attr("class", "hex-row")
        .open("span")
        .attr("class", "hex-offset")
        .text(format_args!("{start:08x}"))
        .close("span")
        .open("span")
        .attr("class", "hex-cells");
    for (i, b) in chunk.iter().enumerate() {
        let offset = start + i;
        let innermost = walk.innermost_at(offset);
        let g = innermost.map_or(PALETTE, |s| group(walk, s));
        let trailing = innermost
            .and_then(|s| walk.spans.get(s as usize))
            .is_some_and(|s| s.part == Part::Trailing);
        let starts_group = previous != Some(g);
        previous = Some(g);
        out.open("span")
            .attr(
                "class",
                format_args!(
                    "hex-byte g{g}{}{}{}{}",
                    if starts_group { " group-start" } else { "" },
                    if trailing { " trailing" } else { "" },
                    if error_at == Some(offset) {
                        " error-byte"
                    } else {
                        ""
                    },
                    if selected.is_some_and(|(s, e)| offset >= s && offset < e) {
                        " selected"
                    } else {
                        ""
                    },
                ),
            )
            .attr("data-offset", offset)
            .text(format_args!("{b:02x}"))
            .close("span");
    }
    let end = walk.bytes.len();
    if error_at.is_some_and(|e| e >= end) && (start..start + ROW).contains(&end) {
        out.open("span")
            .attr("class", "hex-end error-byte")
            .attr("data-offset", end)
            .attr(
                "title",
                "The input ends here, where more bytes were expected",
            )
            .text("⟂")
            .close("span");
    }
    let ascii: String = chunk
        .iter()
        .map(|&b| match b {
            0x20..0x7f => b as char,
            _ => '.',
        })
        .collect();
    out.close("span")
        .open("span")
        .attr("class", "hex-ascii")
        .text(ascii)
        .close("span")
        .close("div");
}

/// The hex view.
#[component]
pub fn HexView(shown: Memo<Option<Shared<Shown>>>, selected: Selected) -> impl IntoView {
    let selected_range = Memo::new(move |_| {
        let id = selected.get()?.span;
        let shown = shown.get()?;
        let s = shown.0.walk.spans.get(id as usize)?;
        Some((s.start as usize, s.end as usize))
    });
    let rows = Signal::derive(move || {
        shown
            .get()
            .map_or(0, |w| w.0.walk.bytes.len().div_ceil(ROW))
    });
    // A span picked in the tree scrolls its bytes into view; with nothing picked, a failing byte does.
    let reveal = Signal::derive(move || match selected.get() {
        Some(sel) if sel.origin == Origin::Hex => None,
        Some(_) => selected_range.get().map(|(start, _)| start / ROW),
        None => shown
            .get()
            .and_then(|s| s.0.walk.error.as_ref().map(|e| e.offset / ROW)),
    });
    let render: RenderRow = Arc::new(move |r, out| {
        if let Some(shown) = shown.get_untracked() {
            write_row(&shown.0.walk, selected_range.get_untracked(), r, out);
        }
    });
    let container: NodeRef<leptos::html::Div> = NodeRef::new();
    // The selection moves without rebuilding the rows.
    Effect::new(move |_| {
        let range = selected_range.get();
        if let Some(el) = container.get() {
            mark_rows(&el, ".hex-byte", "data-offset", "selected", |o| {
                range.is_some_and(|(s, e)| o >= s && o < e)
            });
        }
    });
    // Hovering a byte selects its innermost span (one listener for all the bytes).
    let hover = move |ev: web_sys::MouseEvent| {
        let Some(offset) = html::hovered_number(&ev, ".hex-byte", "data-offset") else {
            return;
        };
        let Some(shown) = shown.get_untracked() else {
            return;
        };
        if let Some(span) = shown.0.walk.innermost_at(offset) {
            let selection = Some(Selection {
                span,
                origin: Origin::Hex,
            });
            selected.set(selection);
        }
    };
    // What is shown changes kind rarely; new bytes of the same kind keep the rows' component (and its
    // scroll state), which `reset` scrolls back to the top.
    let some = Memo::new(move |_| shown.with(Option::is_some));
    let empty =
        Memo::new(move |_| shown.with(|s| s.as_ref().is_some_and(|w| w.0.walk.bytes.is_empty())));
    view! {
        <div id="hex-view" on:mouseover=handler(hover)>
            {move || {
                if !some.get() {
                    view! { <p class="muted">"No bytes yet."</p> }.into_any()
                } else if empty.get() {
                    view! { <p class="muted" id="hex-empty">"Zero bytes: null takes none."</p> }.into_any()
                } else {
                    view! {
                        <VirtualRows
                            id="hex-rows"
                            class="hex-dump"
                            rows=rows
                            row_height=ROW_HEIGHT
                            viewport=432.0
                            reveal=reveal
                            reset=Signal::derive(move || shown.get().map_or(0, |s| Arc::as_ptr(&s.0) as usize))
                            render=render.clone()
                            container=container
                        />
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
