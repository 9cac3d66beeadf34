//! Sharing the workspace: a link that holds it whole (the saved document, packed by the worker into the
//! address's fragment, which browsers never send to a server), opening such a link, and the workspace as a
//! `.json` file. A link never replaces local work without asking; the work it replaces is kept for one click
//! to restore. Opening reloads the page with the new saved document, so the page reads it as it reads its
//! own autosave (the worker has checked that it reads).

use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::state::{example, Workspace};
use crate::storage::{self, REPLACED_KEY, SWITCHED_KEY};
use crate::worker::protocol::{Reply, Request, LINK_FORMAT};
use leptos::prelude::*;

/// Links longer than this are too long for many chat tools; the page says so.
pub const MAX_LINK_CHARS: usize = 8 * 1024;

/// Where sharing stands.
#[derive(Clone)]
enum Sharing {
    /// The worker is packing the link.
    Packing,
    /// A link: the address, and what was left out of it.
    Link(String, Vec<String>),
    /// A link's or file's workspace (where it came from, its saved document's JSON), waiting for the user to
    /// open it.
    Offer(&'static str, String),
    /// What the last load did: it opened a shared workspace, or restored the replaced one.
    Switched(String),
    /// Something could not be done: why.
    Failed(String),
}

/// The address without its fragment.
fn address() -> String {
    let location = window().location();
    location.origin().unwrap_or_default()
        + &location.pathname().unwrap_or_default()
        + &location.search().unwrap_or_default()
}

/// Drops the fragment from the address, so a reload does not open the link again.
fn drop_fragment() {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address()));
    }
}

/// Opens the link in the address, if there is one (safe mode has dropped it before the page started).
fn open_link(ws: Workspace, state: RwSignal<Option<Sharing>>) {
    let hash = window().location().hash().unwrap_or_default();
    if let Some(fragment) = hash
        .strip_prefix('#')
        .filter(|f| f.starts_with(&LINK_FORMAT[..1]))
    {
        take(ws, state, "link", Request::UnpackLink(fragment.to_string()));
    }
}

/// Asks the worker for a link's or file's workspace (`request`, from `from`) and opens it: at once over the
/// untouched example, else after asking.
fn take(ws: Workspace, state: RwSignal<Option<Sharing>>, from: &'static str, request: Request) {
    crate::worker::ask(request, move |reply| match reply {
        Ok(Reply::Link(Ok(json))) => {
            if ws.document() == example() {
                drop_fragment();
                if !storage::switch_to(ws, &json, false, from) {
                    state.set(Some(Sharing::Failed(format!(
                        "The {from}'s workspace could not be stored in this browser, so it was not opened."
                    ))));
                }
            } else {
                state.set(Some(Sharing::Offer(from, json)));
            }
        }
        other => {
            let why = match other {
                Ok(Reply::Link(Err(why))) => why,
                Err(e) => e.to_string(),
                Ok(_) => "the worker answered something else".into(),
            };
            state.set(Some(Sharing::Failed(format!(
                "The {from} could not be opened: {why}. Your workspace is unchanged."
            ))));
            drop_fragment();
        }
    });
}

/// Reads a chosen workspace file, for [`take`].
fn import(ws: Workspace, state: RwSignal<Option<Sharing>>, file: web_sys::File) {
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => take(
                ws,
                state,
                "workspace file",
                Request::CheckDocument(text.as_string().unwrap_or_default()),
            ),
            Err(_) => state.set(Some(Sharing::Failed(format!(
                "The file {} could not be read.",
                file.name()
            )))),
        }
    });
}

/// Packs the workspace into a link and copies it.
fn share(ws: Workspace, state: RwSignal<Option<Sharing>>) {
    let written = storage::written(ws);
    state.set(Some(Sharing::Packing));
    crate::worker::ask(Request::PackLink(written.json), move |reply| {
        state.set(Some(match reply {
            Ok(Reply::Link(Ok(fragment))) => {
                let url = format!("{}#{fragment}", address());
                // Copied when the browser lets the page write the clipboard; shown to copy by hand either way.
                let _ = window().navigator().clipboard().write_text(&url);
                Sharing::Link(url, written.left_out)
            }
            Ok(_) => Sharing::Failed("The link could not be made.".into()),
            Err(e) => Sharing::Failed(e.to_string()),
        }))
    });
}

/// What sharing says now.
fn said(state: &Sharing) -> Markup {
    let mut out = Markup::new();
    let button = |out: &mut Markup, action: &str, label: &str| {
        out.open("button")
            .attr("class", "copy")
            .attr("data-share", action)
            .text(label)
            .close("button");
    };
    match state {
        Sharing::Packing => crate::worker::trouble::loading_html(&mut out, "Making the link"),
        Sharing::Link(url, left_out) => {
            out.open("p")
                .attr("class", "ok")
                .attr("id", "share-status")
                .text(format_args!(
                    "Link copied ({} characters): all of this workspace, after the #, which is never sent to a server.",
                    url.len()
                ))
                .close("p")
                .open("input")
                .attr("id", "share-link")
                .attr("readonly", "")
                .attr("aria-label", "Link to this workspace")
                .attr("value", url);
            if url.len() > MAX_LINK_CHARS {
                out.open("p")
                    .attr("class", "warning")
                    .attr("id", "share-long")
                    .text(format_args!(
                        "Over {} KB: too long for many chat tools. Send the workspace as a file instead: ",
                        MAX_LINK_CHARS / 1024
                    ));
                button(&mut out, "save", "save workspace file");
                out.close("p");
            }
            for what in left_out {
                out.open("p")
                    .attr("class", "warning")
                    .text(format_args!("Not in the link: {what}."))
                    .close("p");
            }
        }
        Sharing::Offer(from, _) => {
            out.open("p").attr("id", "share-offer").text(format_args!(
                "This {from} holds a workspace. Open it? Yours is kept, to restore. "
            ));
            button(&mut out, "open", "open it");
            out.text(" ");
            button(&mut out, "keep", "keep mine");
            out.close("p");
        }
        Sharing::Switched(what) => {
            out.open("p").attr("class", "ok").attr("id", "share-opened");
            if what == "restored" {
                out.text("Your previous workspace is back.");
            } else {
                out.text(format_args!("The workspace of the {what} is open. "));
                if storage::read(REPLACED_KEY).is_some() {
                    button(&mut out, "restore", "restore the one it replaced");
                }
            }
            out.close("p");
        }
        Sharing::Failed(why) => {
            out.open("p")
                .attr("class", "error")
                .attr("role", "alert")
                .attr("id", "share-error")
                .text(why)
                .close("p");
        }
    }
    out
}

/// The Share button, the workspace file's button, and what sharing says: HTML text with one delegated
/// listener, as the page's other panels.
#[component]
pub fn ShareBar(ws: Workspace) -> impl IntoView {
    // What the last load did, once.
    let switched = storage::read(SWITCHED_KEY).map(Sharing::Switched);
    if switched.is_some() {
        if let Some(s) = window().local_storage().ok().flatten() {
            let _ = s.remove_item(SWITCHED_KEY);
        }
    }
    let state = RwSignal::new(switched);
    open_link(ws, state);
    let on_click = move |ev: web_sys::MouseEvent| {
        if crate::worker::trouble::clicked(&ev) {
            return;
        }
        match clicked_attribute(&ev, "data-share").as_deref() {
            Some("share") => share(ws, state),
            Some("save") => {
                let json = storage::written(ws).json;
                let _ = crate::bytes_out::download(
                    json.as_bytes(),
                    "workspace.avro-playground.json",
                    "application/json",
                );
            }
            Some("open") => {
                if let Some(Sharing::Offer(from, json)) = state.get_untracked() {
                    drop_fragment();
                    if !storage::switch_to(ws, &json, true, from) {
                        state.set(Some(Sharing::Failed(format!(
                            "The {from}'s workspace could not be stored in this browser, so it was not opened."
                        ))));
                    }
                }
            }
            Some("keep") => {
                state.set(None);
                drop_fragment();
            }
            Some("restore") => {
                if let Some(json) = storage::read(REPLACED_KEY) {
                    storage::switch_to(ws, &json, false, "restored");
                }
            }
            _ => {}
        }
    };
    let html = html_fn(move || {
        let mut out = Markup::new();
        for (action, label) in [("share", "share link"), ("save", "save workspace file")] {
            out.open("button")
                .attr("class", "copy")
                .attr("data-share", action)
                .text(label)
                .close("button");
        }
        out.open("label")
            .attr("class", "copy")
            .text("open workspace file")
            .open("input")
            .attr("id", "open-workspace")
            .attr("type", "file")
            .attr("accept", ".json,application/json")
            .attr("class", "visually-hidden")
            .close("label")
            .open("div")
            .attr("id", "share-said");
        if let Some(s) = state.get() {
            out.append(&said(&s));
        }
        out.close("div");
        out.into_string()
    });
    let on_change = move |ev: web_sys::Event| {
        let chooser = event_target::<web_sys::HtmlInputElement>(&ev);
        if let Some(file) = chooser.files().and_then(|f| f.get(0)) {
            import(ws, state, file);
        }
        chooser.set_value("");
    };
    view! {
        <div class="share-bar" on:click=handler(on_click) on:change=handler(on_change) inner_html=html></div>
    }
}
