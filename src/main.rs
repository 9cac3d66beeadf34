//! Mounts the Avro Playground app on the page, then marks the page interactive.

/// The name of the `performance.mark` set once the page answers input. The end-to-end test of the first load
/// (tests/e2e/first-load.test.mjs) reads it by this name: every module fetched before it must be in the
/// build's first-load manifest.
const INTERACTIVE_MARK: &str = "interactive";

fn main() {
    avro_playground_web::crash::install();
    leptos::mount::mount_to_body(avro_playground_web::App);
    // `mount_to_body` builds the whole page synchronously: the schema editor and its input listener exist now.
    // Effects' first runs (the editor's text among them) are microtasks of this same task, so they are done
    // before the browser can dispatch any input event to the page.
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        // Only a measurement is lost if the mark fails; the page works the same.
        let _ = performance.mark(INTERACTIVE_MARK);
    }
}
