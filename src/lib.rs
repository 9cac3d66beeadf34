//! Avro Playground's web app: Leptos components over the codec core. `main.rs` mounts [`App`].
//!
//! Each panel lives in its own module; [`state::Workspace`] holds what the user typed and what the core
//! computed from it.

pub mod bytes_out;
pub mod crash;
pub mod datum_panel;
pub mod decode_panel;
pub mod decoding;
pub mod diff_panel;
pub mod editor;
pub mod hex_view;
pub mod history;
pub mod html;
pub mod matrix;
pub mod modes_panel;
pub mod read_as;
pub mod scenarios;
pub mod schema_panel;
pub mod span_details;
pub mod span_tree;
pub mod state;
pub mod version_bar;
pub mod virtual_rows;
pub mod writer_fit;

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let ws = state::Workspace::new();
    ws.autosave();
    let history = history::history(ws);
    let diff_pair = RwSignal::new(None);
    view! {
        <header class="top">
            <h1>"Avro Playground"</h1>
            <p class="tagline">"See what your Avro schemas and bytes really do. Everything runs in your browser."</p>
        </header>
        <main class="layout">
            <schema_panel::SchemaPanel ws=ws />
            <div class="mode-panel">
                <nav class="tabs" role="tablist" aria-label="Direction">
                    <button
                        id="tab-encode"
                        role="tab"
                        aria-selected=move || (ws.mode.get() == state::Mode::Encode).to_string()
                        on:click=move |_| ws.mode.set(state::Mode::Encode)
                    >
                        "JSON → bytes"
                    </button>
                    <button
                        id="tab-decode"
                        role="tab"
                        aria-selected=move || (ws.mode.get() == state::Mode::Decode).to_string()
                        on:click=move |_| ws.mode.set(state::Mode::Decode)
                    >
                        "bytes → JSON"
                    </button>
                </nav>
                {move || match ws.mode.get() {
                    state::Mode::Encode => view! { <datum_panel::DatumPanel ws=ws history=history /> }.into_any(),
                    state::Mode::Decode => view! { <decode_panel::DecodePanel ws=ws history=history /> }.into_any(),
                }}
            </div>
            <section class="panel bytes" aria-labelledby="bytes-title">
                <h2 id="bytes-title">"Bytes " <small>"Avro binary, annotated"</small></h2>
                <div class="bytes-grid">
                    <hex_view::HexView ws=ws />
                    <span_details::SpanDetails ws=ws />
                </div>
                <span_tree::SpanTree ws=ws />
            </section>
            <section class="panel evolution" aria-labelledby="evolution-title">
                <h2 id="evolution-title">"Evolution " <small>"every version against every other"</small></h2>
                <matrix::Matrix history=history diff=diff_pair />
                <diff_panel::DiffPanel ws=ws history=history chosen=diff_pair />
                <modes_panel::ModesPanel history=history />
                <scenarios::Scenarios ws=ws history=history />
            </section>
        </main>
    }
}
