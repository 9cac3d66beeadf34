//! Surviving a panic. The release build aborts on a panic, which kills the wasm for good; the page's script
//! `src/crash.js` (loaded before the wasm, and never calling into it) does the rest:
//!
//! - it records each edit of the schema, datum or bytes input before the wasm computes from it (a capturing
//!   `input` listener) and clears the record once the edit has been processed; a crash leaves it behind;
//! - the panic hook installed here hands it the panic message: it writes the crash record and shows a banner
//!   with a bug report and a reload button;
//! - on the next load, before the wasm starts, it sees the crash record and starts in safe mode: the saved
//!   workspace without the input that crashed, which it offers back. A saved workspace that crashed the page
//!   while it loaded is put aside (kept, never deleted), so the page starts from the example, and offered
//!   back too.
//!
//! All of it is in JavaScript because the wasm is at its size budget: the hook is all the wasm carries.

use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

/// Set by the panic hook: the wasm's state can no longer be trusted.
static HAPPENED: AtomicBool = AtomicBool::new(false);

#[wasm_bindgen]
extern "C" {
    /// Records the crash and shows the banner (`src/crash.js`); an error if the script is missing.
    #[wasm_bindgen(catch, js_namespace = window, js_name = avroPlaygroundCrash)]
    fn crashed(message: &str) -> Result<(), JsValue>;
}

/// Installs the panic hook: it hands the message (with where it panicked) to the page's script, and does
/// nothing else but raise the flag [`happened`] reads, since it must not panic itself and after it the wasm
/// is gone.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        HAPPENED.store(true, Ordering::Relaxed);
        let _ = crashed(&info.to_string());
    }));
}

/// Whether the page has panicked: the autosave's timers may still call in after the abort, and must not
/// save what was being processed.
pub fn happened() -> bool {
    HAPPENED.load(Ordering::Relaxed)
}

/// With the `crash-test` feature (test builds of the site only), panics on a text holding `"__panic__"`;
/// otherwise does nothing.
#[inline(always)]
pub fn trip(text: &str) {
    #[cfg(feature = "crash-test")]
    if text.contains("\"__panic__\"") {
        panic!("crash test: the input holds \"__panic__\"");
    }
    #[cfg(not(feature = "crash-test"))]
    let _ = text;
}
