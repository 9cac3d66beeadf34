//! Mounts the Avro Playground app on the page, marks the page interactive, then fetches the on-demand
//! worker when the page is idle.

use wasm_bindgen::prelude::*;

/// The name of the `performance.mark` set once the page answers input. The end-to-end test of the first load
/// (tests/e2e/first-load.test.mjs) reads it by this name: every module fetched before it must be in the
/// build's first-load manifest.
const INTERACTIVE_MARK: &str = "interactive";

fn main() {
    avro_playground_web::crash::install();
    leptos::mount::mount_to_body(avro_playground_web::App);
    let Some(window) = web_sys::window() else {
        return;
    };
    // `mount_to_body` builds the whole page synchronously: the schema editor and its input listener exist now.
    // Effects' first runs (the editor's text among them) are microtasks of this same task, so they are done
    // before the browser can dispatch any input event to the page.
    if let Some(performance) = window.performance() {
        // Only a measurement is lost if the mark fails; the page works the same.
        let _ = performance.mark(INTERACTIVE_MARK);
    }
    // The worker's files only after the mark, when the page is idle: they are not part of the first load.
    // Requests made before (the scenario gallery's) wait for it.
    let prefetch = Closure::once_into_js(avro_playground_web::worker::prefetch);
    if window
        .request_idle_callback(prefetch.unchecked_ref())
        .is_err()
    {
        let _ = window.set_timeout_with_callback(prefetch.unchecked_ref());
    }
}
