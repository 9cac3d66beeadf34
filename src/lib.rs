//! Avro Playground's web app: Leptos components over the codec core. `main.rs` mounts [`App`].
//!
//! Each panel lives in its own module and takes the signals and memos it uses; [`state::Workspace`] holds
//! them: the saved document's parts ([`document`], kept by [`storage`]), the selection, and what the core
//! computes.

pub mod bytes_out;
pub mod crash;
pub mod datum_panel;
pub mod decode_panel;
pub mod decoding;
pub mod diff_panel;
pub mod document;
pub mod editor;
pub mod hex_view;
pub mod history;
pub mod html;
pub mod matrix;
pub mod modes_panel;
pub mod read_as;
pub mod scenarios;
pub mod schema_panel;
pub mod share;
pub mod span_details;
pub mod span_tree;
pub mod state;
pub mod storage;
pub mod version_bar;
pub mod version_diff;
pub mod virtual_rows;
pub mod worker;
pub mod writer_fit;

use crate::html::handler;
use leptos::prelude::*;

/// The whole page, on the saved document (or the example).
#[component]
pub fn App() -> impl IntoView {
    let loaded = storage::load();
    let ws = state::Workspace::from_document(loaded.document);
    let save_notes = RwSignal::new(Vec::new());
    storage::autosave(ws, save_notes);
    view! { <Page ws=ws load_notes=loaded.notes save_notes=save_notes /> }
}

/// The page's panels over a workspace; `load_notes` and `save_notes` say what the autosave could not
/// read or keep.
#[component]
pub fn Page(
    ws: state::Workspace,
    #[prop(optional)] load_notes: Vec<String>,
    #[prop(optional)] save_notes: Option<RwSignal<Vec<String>>>,
) -> impl IntoView {
    let tab = move |mode: state::Mode, id: &'static str, label: &'static str| {
        view! {
            <button
                id=id
                role="tab"
                aria-selected=move || (ws.mode.get() == mode).to_string()
                on:click=handler(move |_| ws.mode.set(mode))
            >
                {label}
            </button>
        }
    };
    let notes = move || {
        let mut all = load_notes.clone();
        if let Some(saved) = save_notes {
            all.extend(saved.get());
        }
        all.into_iter()
            .map(|n| view! { <p class="warning">{n}</p> })
            .collect_view()
    };
    view! {
        <header class="top">
            <h1>"Avro Playground"</h1>
            <p class="tagline">"See what your Avro schemas and bytes really do. Everything runs in your browser."</p>
            <share::ShareBar ws=ws />
            <div id="storage-notes" class="storage-notes">{notes}</div>
        </header>
        <main class="layout">
            <schema_panel::SchemaPanel versions=ws.versions schema=ws.schema history=ws.history edited=ws.edited_diff />
            <div class="mode-panel">
                <nav class="tabs" role="tablist" aria-label="Direction">
                    {tab(state::Mode::Encode, "tab-encode", "JSON → bytes")}
                    {tab(state::Mode::Decode, "tab-decode", "bytes → JSON")}
                </nav>
                {move || match ws.mode.get() {
                    state::Mode::Encode => view! {
                        <datum_panel::DatumPanel
                            datum_text=ws.datum_text
                            datum=ws.datum
                            encoding=ws.encoding
                            output=ws.output
                            selected=ws.selected
                            history=ws.history
                            versions=ws.versions
                            reader=ws.reader
                        />
                    }
                    .into_any(),
                    state::Mode::Decode => view! {
                        <decode_panel::DecodePanel
                            input=ws.input
                            decoding=ws.decoding
                            selected=ws.selected
                            history=ws.history
                            versions=ws.versions
                            reader=ws.reader
                        />
                    }
                    .into_any(),
                }}
            </div>
            <section class="panel bytes" aria-labelledby="bytes-title">
                <h2 id="bytes-title">"Bytes " <small>"Avro binary, annotated"</small></h2>
                <div class="bytes-grid">
                    <hex_view::HexView shown=ws.shown selected=ws.selected />
                    <span_details::SpanDetails shown=ws.shown selected=ws.selected />
                </div>
                <span_tree::SpanTree shown=ws.shown selected=ws.selected />
            </section>
            <section class="panel evolution" aria-labelledby="evolution-title">
                <h2 id="evolution-title">"Evolution " <small>"every version against every other"</small></h2>
                <matrix::Matrix history=ws.history cell=ws.cell diff=ws.diff />
                <diff_panel::DiffPanel history=ws.history current=ws.versions.current chosen=ws.diff edited=ws.edited_diff />
                <modes_panel::ModesPanel history=ws.history candidate=ws.candidate />
                <scenarios::Scenarios history=ws.history load=Callback::new(move |v| ws.load_versions(v)) />
            </section>
        </main>
    }
}
