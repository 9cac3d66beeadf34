//! The encoded bytes as a hex dump: offsets, hex, ASCII; each top-level field's bytes share a colour, and
//! hovering a byte selects its innermost span.

use crate::state::Workspace;
use avro_playground_core::walker::{Walk, NO_PARENT};
use leptos::prelude::*;

const ROW: usize = 16;
const PALETTE: usize = 8;

/// For each byte, the colour group: the top-level span (child of the root) it belongs to.
fn groups(walk: &Walk, innermost: &[u32]) -> Vec<usize> {
    innermost
        .iter()
        .map(|&span| {
            let chain = walk.ancestry(span);
            match chain.as_slice() {
                [] => PALETTE,
                [only]
                    if walk
                        .spans
                        .get(*only as usize)
                        .is_some_and(|s| s.parent == NO_PARENT) =>
                {
                    *only as usize % PALETTE
                }
                [_, child, ..] => *child as usize % PALETTE,
                [root] => *root as usize % PALETTE,
            }
        })
        .collect()
}

/// The hex view.
#[component]
pub fn HexView(ws: Workspace) -> impl IntoView {
    let selected_range = Memo::new(move |_| {
        let id = ws.selected.get()?;
        let shown = ws.shown.get()?;
        let s = shown.0.walk.spans.get(id as usize)?;
        Some((s.start as usize, s.end as usize))
    });
    let dump = move || {
        let Some(shown) = ws.shown.get() else {
            return view! { <p class="muted">"No bytes yet."</p> }.into_any();
        };
        let (walk, innermost) = (&shown.0.walk, &shown.0.innermost);
        let error_at = walk.error.as_ref().map(|e| e.offset);
        if walk.bytes.is_empty() {
            return view! { <p class="muted" id="hex-empty">"The datum encodes to zero bytes (null takes none)."</p> }.into_any();
        }
        let groups = groups(walk, innermost);
        let rows = walk
            .bytes
            .chunks(ROW)
            .enumerate()
            .map(|(r, chunk)| {
                let cells = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let offset = r * ROW + i;
                        let span = innermost.get(offset).copied().unwrap_or(u32::MAX);
                        let group = groups.get(offset).copied().unwrap_or(PALETTE);
                        let starts_group = offset == 0 || groups.get(offset - 1) != Some(&group);
                        let class = format!(
                            "hex-byte g{group}{}{}",
                            if starts_group { " group-start" } else { "" },
                            if error_at == Some(offset) { " error-byte" } else { "" }
                        );
                        view! {
                            <span
                                class=class
                                data-offset=offset
                                class:selected=move || selected_range.get().is_some_and(|(s, e)| offset >= s && offset < e)
                                on:mouseenter=move |_| {
                                    if span != u32::MAX {
                                        ws.selected.set(Some(span))
                                    }
                                }
                            >
                                {format!("{b:02x}")}
                            </span>
                        }
                    })
                    .collect_view();
                let ascii: String = chunk
                    .iter()
                    .map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' })
                    .collect();
                view! {
                    <div class="hex-row">
                        <span class="hex-offset">{format!("{:08x}", r * ROW)}</span>
                        <span class="hex-cells">{cells}</span>
                        <span class="hex-ascii">{ascii}</span>
                    </div>
                }
            })
            .collect_view();
        view! { <div class="hex-dump" role="grid" aria-label="Encoded bytes">{rows}</div> }
            .into_any()
    };
    view! {
        <div id="hex-view">{dump}</div>
    }
}
