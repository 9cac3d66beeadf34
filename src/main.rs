//! Avro Playground: the web app. It mounts the panels; everything they show comes from the codec core.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole page.
#[component]
fn App() -> impl IntoView {
    view! { <h1>"Avro Playground"</h1> }
}
