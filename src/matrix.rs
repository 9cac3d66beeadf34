//! The reader × writer matrix of every version: each cell says whether the row's version reads data
//! written with the column's, with how many incompatibilities; a cell opens them, and each one shows where
//! it is in both schema texts.

use crate::history::History;
use crate::state::Shared;
use avro_playground_core::compat::Compatibility;
use avro_playground_core::schema::Schema;
use avro_playground_core::source::TextRange;
use leptos::prelude::*;

/// Which way a cell reads, in plain words.
fn direction(reader: usize, writer: usize) -> &'static str {
    match reader.cmp(&writer) {
        std::cmp::Ordering::Greater => "new consumers read old data (backward)",
        std::cmp::Ordering::Less => "old consumers read new data (forward)",
        std::cmp::Ordering::Equal => "same version",
    }
}

/// A schema text with one range marked.
#[component]
fn MarkedText(text: String, range: Option<TextRange>, label: String) -> impl IntoView {
    let (before, marked, after) = match range {
        Some(r)
            if r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end) =>
        {
            (
                text[..r.start].to_string(),
                text[r.start..r.end].to_string(),
                text[r.end..].to_string(),
            )
        }
        _ => (text.clone(), String::new(), String::new()),
    };
    view! {
        <figure class="marked-schema">
            <figcaption>{label}</figcaption>
            <pre>{before}<mark class="location">{marked}</mark>{after}</pre>
        </figure>
    }
}

fn node_range(
    schema: Option<&Schema>,
    id: avro_playground_core::schema::SchemaId,
) -> Option<TextRange> {
    schema.map(|s| s.node(id).range)
}

/// The matrix and the selected cell's details.
#[component]
pub fn Matrix(history: Memo<Shared<History>>) -> impl IntoView {
    let cell = RwSignal::new(None::<(usize, usize)>);
    let picked = RwSignal::new(0usize);
    let grid = move || {
        let h = history.get();
        let Some(matrix) = h.0.matrix.as_ref() else {
            let broken = h.0.broken();
            return view! {
                <p class="error">
                    {broken.into_iter().map(|(n, e)| format!("{n} does not parse: {e}")).collect::<Vec<_>>().join("; ")}
                </p>
            }
            .into_any();
        };
        let names = h.0.names.clone();
        let n = matrix.len();
        let cells: Vec<Vec<(bool, usize)>> = (0..n)
            .map(|r| {
                (0..n)
                    .map(|w| {
                        matrix.get(r, w).map_or((false, 0), |c: &Compatibility| {
                            (c.compatible, c.incompatibilities.len())
                        })
                    })
                    .collect()
            })
            .collect();
        view! {
            <table id="matrix" class="matrix">
                <thead>
                    <tr>
                        <th class="corner">"reader ↓ / writer →"</th>
                        {names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {cells
                        .into_iter()
                        .enumerate()
                        .map(|(r, row)| {
                            view! {
                                <tr>
                                    <th scope="row">{names.get(r).cloned().unwrap_or_default()}</th>
                                    {row
                                        .into_iter()
                                        .enumerate()
                                        .map(|(w, (ok, count))| {
                                            let title = format!("{} reading data written with {}: {}", names[r], names[w], direction(r, w));
                                            view! {
                                                <td
                                                    class="cell"
                                                    class:ok=ok
                                                    class:bad=!ok
                                                    class:diagonal=r == w
                                                    class:open=move || cell.get() == Some((r, w))
                                                    data-reader=r
                                                    data-writer=w
                                                    title=title
                                                    on:click=move |_| {
                                                        cell.set(Some((r, w)));
                                                        picked.set(0);
                                                    }
                                                >
                                                    {if ok { "✓".to_string() } else { format!("✗ {count}") }}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let details = move || {
        let (r, w) = cell.get()?;
        let h = history.get();
        let c = h.0.matrix.as_ref()?.get(r, w)?.clone();
        let (rn, wn) = (h.0.names.get(r)?.clone(), h.0.names.get(w)?.clone());
        let reader = h.0.schemas.get(r).and_then(|s| s.as_ref().ok());
        let writer = h.0.schemas.get(w).and_then(|s| s.as_ref().ok());
        let chosen = c.incompatibilities.get(picked.get()).cloned();
        let reader_range = chosen
            .as_ref()
            .and_then(|i| node_range(reader, i.reader_fragment));
        let writer_range = chosen
            .as_ref()
            .and_then(|i| node_range(writer, i.writer_fragment));
        Some(view! {
            <div id="cell-details" class="cell-details">
                <h3>{format!("{rn} reading data written with {wn}: {}", direction(r, w))}</h3>
                <p class:ok=c.compatible class:error=!c.compatible>
                    {if c.compatible {
                        "Compatible: every datum the writer can write, the reader can read.".to_string()
                    } else {
                        format!("Incompatible: {} problem{} (Java's SchemaCompatibility).", c.incompatibilities.len(), if c.incompatibilities.len() == 1 { "" } else { "s" })
                    }}
                </p>
                <ol class="incompatibilities">
                    {c.incompatibilities
                        .iter()
                        .enumerate()
                        .map(|(i, inc)| view! {
                            <li class="incompatibility" class:picked=move || picked.get() == i on:click=move |_| picked.set(i)>
                                <code class="kind">{inc.kind.as_str()}</code>
                                " at "
                                <code class="location">{inc.location.to_string()}</code>
                                ": "
                                {inc.message.clone()}
                            </li>
                        })
                        .collect_view()}
                </ol>
                {(!c.notes.is_empty()).then(|| view! {
                    <ul class="notes">
                        {c.notes.iter().map(|n| view! { <li><code>{n.kind.as_str()}</code> " at " <code>{n.location.to_string()}</code> ": " {n.message.clone()}</li> }).collect_view()}
                    </ul>
                })}
                {chosen.map(|_| view! {
                    <div class="both-schemas">
                        <MarkedText text=h.0.texts.get(r).cloned().unwrap_or_default() range=reader_range label=format!("reader {rn}") />
                        <MarkedText text=h.0.texts.get(w).cloned().unwrap_or_default() range=writer_range label=format!("writer {wn}") />
                    </div>
                })}
            </div>
        })
    };
    view! {
        <div class="matrix-panel">
            <p class="muted">
                "Each row's version as reader against each column's as writer. Below the diagonal: new consumers reading old data (backward); above: old consumers reading new data (forward)."
            </p>
            {grid}
            {details}
        </div>
    }
}
