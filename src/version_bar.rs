//! The schema's versions, oldest first: select one to edit it, rename, reorder, duplicate, delete.

use crate::state::Workspace;
use leptos::prelude::*;

/// The version bar above the schema editor.
#[component]
pub fn VersionBar(ws: Workspace) -> impl IntoView {
    view! {
        <div class="version-bar" role="tablist" aria-label="Schema versions">
            {move || {
                ws.versions.get().into_iter().enumerate().map(|(i, v)| {
                    let name = v.name.clone();
                    view! {
                        <span class="version" class:current=move || ws.current.get() == i data-version=i>
                            <button class="version-select" role="tab" on:click=move |_| ws.select_version(i)>
                                {name.clone()}
                            </button>
                            <Show when=move || ws.current.get() == i>
                                <input
                                    class="version-name"
                                    aria-label="Version name"
                                    size="6"
                                    prop:value=v.name.clone()
                                    on:change=move |ev| ws.rename_version(i, event_target_value(&ev))
                                />
                                <button class="icon" title="Move later" on:click=move |_| ws.move_version_later(i)>"→"</button>
                                <button
                                    class="icon"
                                    title="Move earlier"
                                    on:click=move |_| {
                                        if i > 0 {
                                            ws.move_version_later(i - 1)
                                        }
                                    }
                                >
                                    "←"
                                </button>
                                <button class="icon" title="Delete this version" on:click=move |_| ws.delete_version(i)>"✕"</button>
                            </Show>
                        </span>
                    }
                }).collect_view()
            }}
            <button id="add-version" class="copy" title="Add a new version: a copy of the one shown" on:click=move |_| ws.duplicate_version()>
                "+ new version"
            </button>
        </div>
    }
}
