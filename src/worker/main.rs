//! The on-demand worker: a second binary that Trunk builds from index.html's
//! `<link data-trunk rel="rust" data-bin="avro-playground-worker" data-type="worker" ...>` and the page
//! starts as a module worker (`worker::start`). It holds what the first load leaves out: container files
//! and their six codecs, pastes in all their forms, the diff, and the scenario gallery. It links only
//! the lib's `worker::jobs` and what that uses (no Leptos, no page).

use avro_playground_web::worker::{jobs, protocol};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        if let Some((message, transfer)) = protocol::respond(ev.data(), jobs::answer) {
            // Only fails for a message that cannot be cloned, which these arrays never are.
            let _ = reply.post_message_with_transfer(&message, &transfer);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&protocol::ready());
}
