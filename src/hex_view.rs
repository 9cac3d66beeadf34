//! The shown bytes as a hex dump: offsets, hex, ASCII. Each top-level field's bytes share a colour, the
//! failing byte of a broken datum is outlined, and hovering a byte selects its innermost span. Only the
//! rows in view are in the DOM.

use crate::state::{Origin, Selection, Workspace};
use crate::virtual_rows::VirtualRows;
use avro_playground_core::walker::Walk;
use leptos::prelude::*;

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

/// The hex view.
#[component]
pub fn HexView(ws: Workspace) -> impl IntoView {
    let selected_range = Memo::new(move |_| {
        let id = ws.selected.get()?.span;
        let shown = ws.shown.get()?;
        let s = shown.0.walk.spans.get(id as usize)?;
        Some((s.start as usize, s.end as usize))
    });
    let rows = Signal::derive(move || {
        ws.shown
            .get()
            .map_or(0, |w| w.0.walk.bytes.len().div_ceil(ROW))
    });
    // A span picked in the tree scrolls its bytes into view; with nothing picked, a failing byte does.
    let reveal = Signal::derive(move || match ws.selected.get() {
        Some(sel) if sel.origin == Origin::Hex => None,
        Some(_) => selected_range.get().map(|(start, _)| start / ROW),
        None => ws
            .shown
            .get()
            .and_then(|s| s.0.walk.error.as_ref().map(|e| e.offset / ROW)),
    });
    let row = move |r: usize| {
        let Some(shown) = ws.shown.get_untracked() else {
            return ().into_any();
        };
        let walk = &shown.0.walk;
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
        let cells = chunk
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let offset = start + i;
                let span = walk.innermost_at(offset);
                let g = span.map_or(PALETTE, |s| group(walk, s));
                let starts_group = previous != Some(g);
                previous = Some(g);
                let class = format!(
                    "hex-byte g{g}{}{}",
                    if starts_group { " group-start" } else { "" },
                    if error_at == Some(offset) { " error-byte" } else { "" }
                );
                view! {
                    <span
                        class=class
                        data-offset=offset
                        class:selected=move || selected_range.get().is_some_and(|(s, e)| offset >= s && offset < e)
                        on:mouseenter=move |_| {
                            if let Some(span) = span {
                                ws.selected.set(Some(Selection { span, origin: Origin::Hex }))
                            }
                        }
                    >
                        {format!("{b:02x}")}
                    </span>
                }
            })
            .collect_view();
        let end = walk.bytes.len();
        let end_marker = (error_at.is_some_and(|e| e >= end) && (start..start + ROW).contains(&end)).then(|| {
            view! {
                <span class="hex-end error-byte" data-offset=end title="The input ends here, where more bytes were expected">
                    "⟂"
                </span>
            }
        });
        let ascii: String = chunk
            .iter()
            .map(|&b| {
                if (0x20..0x7f).contains(&b) {
                    b as char
                } else {
                    '.'
                }
            })
            .collect();
        view! {
            <div class="hex-row">
                <span class="hex-offset">{format!("{start:08x}")}</span>
                <span class="hex-cells">{cells}{end_marker}</span>
                <span class="hex-ascii">{ascii}</span>
            </div>
        }
        .into_any()
    };
    view! {
        <div id="hex-view">
            {move || match ws.shown.get() {
                None => view! { <p class="muted">"No bytes yet."</p> }.into_any(),
                Some(w) if w.0.walk.bytes.is_empty() => {
                    view! { <p class="muted" id="hex-empty">"Zero bytes: null takes none."</p> }.into_any()
                }
                // Keyed on the walk: new bytes render afresh, scrolling keeps the rows cheap.
                Some(_) => view! {
                    <VirtualRows
                        id="hex-rows"
                        class="hex-dump"
                        rows=rows
                        row_height=ROW_HEIGHT
                        viewport=432.0
                        reveal=reveal
                        reset=Signal::derive(move || ws.shown.get().map_or(0, |s| std::sync::Arc::as_ptr(&s.0) as usize))
                        render=row
                    />
                }
                .into_any(),
            }}
        </div>
    }
}
