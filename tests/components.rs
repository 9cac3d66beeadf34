//! Component tests of the web app, run in headless Chromium by `wasm-bindgen-test-runner`:
//! `bash .ci/test` runs them, or by hand
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=.ci/webdriver.json
//!  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  cargo test -p avro-playground-web --target wasm32-unknown-unknown --test components`.
//!
//! Each test mounts [`App`] into a fresh element with [`Mounted::app`], drives it like a user would
//! ([`Mounted::type_into`] fires the `input` event the page listens to) and reads the DOM after [`tick`]:
//! Leptos updates the DOM asynchronously.
#![cfg(target_arch = "wasm32")]

use avro_playground_web::App;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for Leptos to flush pending effects and DOM updates.
pub async fn tick() {
    // Two executor ticks: one for effects scheduled by the change, one for those they schedule in turn.
    leptos::task::tick().await;
    leptos::task::tick().await;
}

/// The app mounted into its own `<div>` on the test page; unmounted and removed on drop.
pub struct Mounted {
    container: web_sys::HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// Mounts [`App`] into a fresh element appended to `<body>` and waits a tick.
    pub async fn app() -> Self {
        let container: web_sys::HtmlElement = document()
            .create_element("div")
            .expect("create a <div>")
            .unchecked_into();
        document()
            .body()
            .expect("the test page has a <body>")
            .append_child(&container)
            .expect("append the container");
        let handle = mount_to(container.clone(), App);
        tick().await;
        Mounted {
            container,
            _handle: Box::new(handle),
        }
    }

    /// The first element under the app matching a CSS selector.
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.container.query_selector(selector).ok().flatten()
    }

    /// The text of the first element matching `selector`, trimmed; panics with the page's HTML if none does.
    pub fn text(&self, selector: &str) -> String {
        match self.find(selector) {
            Some(element) => element.text_content().unwrap_or_default().trim().to_owned(),
            None => panic!("no element matches {selector:?} in:\n{}", self.html()),
        }
    }

    /// The app's current HTML, for failure messages.
    pub fn html(&self) -> String {
        self.container.inner_html()
    }

    /// Replaces the value of the `<textarea>` matching `selector` and fires a bubbling `input` event, then waits a tick.
    pub async fn type_into(&self, selector: &str, value: &str) {
        let Some(element) = self.find(selector) else {
            panic!("no element matches {selector:?} in:\n{}", self.html());
        };
        let textarea: web_sys::HtmlTextAreaElement = element
            .dyn_into()
            .unwrap_or_else(|_| panic!("{selector:?} is not a <textarea>"));
        textarea.set_value(value);
        let event = web_sys::Event::new("input").expect("create an input event");
        // Leptos delegates events to the document, so the event must bubble.
        event.init_event_with_bubbles("input", true);
        textarea
            .dispatch_event(&event)
            .expect("dispatch the input event");
        tick().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.container.remove();
    }
}

#[wasm_bindgen_test]
async fn app_shows_its_heading() {
    let app = Mounted::app().await;
    assert_eq!(app.text("h1"), "Avro Playground");
}
