//! The crash module's wasm side. The banner and safe mode are `src/crash.js`, tested end to end with a real
//! panic in `tests/e2e/crash.test.mjs`; a panic cannot be caught here (the wasm aborts).

/// Only the test build of the site (the `crash-test` feature) panics on the trigger; the page never does.
#[cfg(not(feature = "crash-test"))]
#[wasm_bindgen_test::wasm_bindgen_test]
fn the_crash_trigger_does_nothing_without_the_crash_test_feature() {
    avro_playground_web::crash::trip(
        r#"{"type": "record", "name": "R", "doc": "__panic__", "fields": []}"#,
    );
}
