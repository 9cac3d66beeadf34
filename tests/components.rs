//! Component tests of the web app, run in headless Chromium by `wasm-bindgen-test-runner`:
//! `bash .ci/test` runs them, or by hand
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=.ci/webdriver.json
//!  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//!  cargo test -p avro-playground-web --target wasm32-unknown-unknown --test components`.
//!
//! Each test mounts a panel over its own [`avro_playground_web::state::Workspace`] (or the whole app) into a
//! fresh element with [`harness::Mounted`], drives it like a user would (typing fires `input`, choosing fires
//! `change`, hovering fires `mouseenter`) or through the workspace's signals, and reads the DOM after
//! [`harness::tick`]: Leptos updates the DOM asynchronously.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "components/harness.rs"]
mod harness;

#[path = "components/app.rs"]
mod app;
#[path = "components/bytes_view.rs"]
mod bytes_view;
#[path = "components/crash.rs"]
mod crash;
#[path = "components/datum_panel.rs"]
mod datum_panel;
#[path = "components/decode_panel.rs"]
mod decode_panel;
#[path = "components/diff_panel.rs"]
mod diff_panel;
#[path = "components/document.rs"]
mod document;
#[path = "components/markup.rs"]
mod markup;
#[path = "components/schema_panel.rs"]
mod schema_panel;
#[path = "components/state.rs"]
mod state;
#[path = "components/worker.rs"]
mod worker;
