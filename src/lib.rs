//! Avro Playground's web app: Leptos components over the codec core. `main.rs` mounts [`App`].

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! { <h1>"Avro Playground"</h1> }
}
