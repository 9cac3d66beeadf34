//! What a panel shows while the worker works for it, and when the worker could not: as markup for the
//! panels' `inner_html`, with the way out handled by the panel's click handler ([`clicked`]).

use super::offloaded::Answer;
use super::WorkerError;
use crate::html::{clicked_attribute, Markup};

/// Appends the line shown while the worker works on `what` (e.g. "Reading the container file"); the first
/// time, it says this part of the page is loading.
pub fn loading_html(out: &mut Markup, what: &str) {
    out.open("p")
        .attr("class", "loading")
        .attr("role", "status")
        .text(what);
    if !super::is_ready() {
        out.text(": loading this part of the page…");
    } else {
        out.text("…");
    }
    out.close("p");
}

/// Appends the worker's failure with a way out: try again, or reload for a page of another build.
pub fn trouble_html(out: &mut Markup, error: &WorkerError) {
    let (action, label) = match error {
        WorkerError::Mismatch { .. } => ("reload", "Reload the page"),
        WorkerError::Failed(_) => ("retry", "Try again"),
    };
    out.open("div")
        .attr("class", "worker-trouble error")
        .attr("role", "alert")
        .el("p", error.to_string())
        .open("button")
        .attr("class", "copy")
        .attr("data-worker", action)
        .text(label)
        .close("button")
        .close("div");
}

/// The answer, if the worker has given it; else appends what the panel shows meanwhile: the loading line
/// for `what` ([`loading_html`]) or the failure ([`trouble_html`]).
pub fn answered<V>(out: &mut Markup, answer: Answer<V>, what: &str) -> Option<V> {
    match answer {
        Answer::Done(v) => Some(v),
        Answer::Loading => {
            loading_html(out, what);
            None
        }
        Answer::Failed(e) => {
            trouble_html(out, &e);
            None
        }
    }
}

/// Handles a click on the way out [`trouble_html`] offers; whether it was one.
pub fn clicked(ev: &web_sys::MouseEvent) -> bool {
    match clicked_attribute(ev, "data-worker").as_deref() {
        Some("retry") => super::retry(),
        Some("reload") => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
        _ => return false,
    }
    true
}
