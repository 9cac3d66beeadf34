//! Mounts the Avro Playground app on the page, then fetches the on-demand worker when the page is idle.

use wasm_bindgen::prelude::*;

fn main() {
    avro_playground_web::crash::install();
    leptos::mount::mount_to_body(avro_playground_web::App);
    // After the first load only: its files are not part of it.
    let prefetch = Closure::once_into_js(avro_playground_web::worker::prefetch);
    if let Some(window) = web_sys::window() {
        if window
            .request_idle_callback(prefetch.unchecked_ref())
            .is_err()
        {
            let _ = window.set_timeout_with_callback(prefetch.unchecked_ref());
        }
    }
}
