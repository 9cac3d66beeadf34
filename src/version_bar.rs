//! The schema's versions, oldest first: select one to edit it, rename, reorder, duplicate, delete.
//! Written as HTML text with delegated listeners (see [`crate::html`]).

use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::state::{Version, Versions};
use leptos::prelude::*;

/// The bar's HTML: one entry per version, the current one with its name and registry id fields and tools.
fn bar_html(versions: &[Version], current: usize) -> String {
    let mut out = Markup::new();
    for (
        i,
        Version {
            name, registry_id, ..
        },
    ) in versions.iter().enumerate()
    {
        let is_current = i == current;
        out.open("span")
            .attr(
                "class",
                if is_current {
                    "version current"
                } else {
                    "version"
                },
            )
            .attr("data-version", i)
            .open("button")
            .attr("class", "version-select")
            .attr("role", "tab")
            .attr("aria-selected", is_current)
            .attr("data-action", "select")
            .text(name)
            .close("button");
        if is_current {
            out.open("input")
                .attr("class", "version-name")
                .attr("aria-label", "Version name")
                .attr("size", "6")
                .attr("value", name)
                .open("input")
                .attr("class", "registry-id")
                .attr("aria-label", "Registry schema id")
                .attr(
                    "title",
                    "The id (or GUID) a schema registry gave this version: Confluent-framed bytes \
                     that carry it are marked as written by it",
                )
                .attr("placeholder", "registry id")
                .attr("size", "7")
                .attr("value", registry_id);
            for (title, action, icon) in [
                ("Move later", "later", "→"),
                ("Move earlier", "earlier", "←"),
                ("Delete this version", "delete", "✕"),
            ] {
                out.open("button")
                    .attr("class", "icon")
                    .attr("title", title)
                    .attr("data-action", action)
                    .text(icon)
                    .close("button");
            }
        }
        out.close("span");
    }
    out.into_string()
}

/// The version bar above the schema editor.
#[component]
pub fn VersionBar(versions: Versions) -> impl IntoView {
    let entries = html_fn(move || {
        let current = versions.current.get();
        versions.list.with(|v| bar_html(v, current))
    });
    let version_of = |ev: &web_sys::Event| {
        use wasm_bindgen::JsCast;
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        target
            .closest("[data-version]")
            .ok()??
            .get_attribute("data-version")?
            .parse::<usize>()
            .ok()
    };
    let click = move |ev: web_sys::MouseEvent| {
        let (Some(action), Some(i)) = (clicked_attribute(&ev, "data-action"), version_of(&ev))
        else {
            return;
        };
        match action.as_str() {
            "select" => versions.select(i),
            "later" => versions.move_later(i),
            "earlier" if i > 0 => versions.move_later(i - 1),
            "delete" => versions.delete(i),
            _ => {}
        }
    };
    let change = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let Some(i) = version_of(&ev) else {
            return;
        };
        let registry = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.class_name() == "registry-id");
        if registry {
            versions.set_registry_id(i, event_target_value(&ev));
        } else {
            versions.rename(i, event_target_value(&ev));
        }
    };
    view! {
        <div class="version-bar" role="tablist" aria-label="Schema versions">
            <span class="versions" inner_html=entries on:click=handler(click) on:change=handler(change)></span>
            <button id="add-version" class="copy" title="Add a new version: a copy of the one shown" on:click=handler(move |_| versions.duplicate())>
                "+ new version"
            </button>
        </div>
    }
}
