//! A scrolling list that puts only the rows in view into the DOM, so a 10 MB hex dump or a million-span
//! tree stays as light as a short one. Rows have a fixed height and are written as HTML text (see
//! [`crate::html::Markup`]): one string per scroll step instead of a typed view per row.

use crate::html::{html_fn, Markup};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

/// Rows rendered above and below the visible ones, so fast scrolling does not show gaps.
const OVERSCAN: usize = 8;

/// Appends row `index`'s HTML to the markup.
pub type RenderRow = Arc<dyn Fn(usize, &mut Markup) + Send + Sync>;

/// A virtualized list of `rows` rows of `row_height` pixels in a viewport at most `viewport` pixels high.
/// `reveal` scrolls a row into view when it is outside it; `container` is the scrolling element, for
/// delegated events and for updating classes in place.
#[component]
pub fn VirtualRows(
    id: &'static str,
    class: &'static str,
    #[prop(into)] rows: Signal<usize>,
    row_height: f64,
    viewport: f64,
    #[prop(into)] reveal: Signal<Option<usize>>,
    /// Any change of this value starts the list again at its top (new content, not more of the same).
    #[prop(into)]
    reset: Signal<usize>,
    render: RenderRow,
    container: NodeRef<html::Div>,
) -> impl IntoView {
    let scroll_top = RwSignal::new(0.0f64);
    let range = move || {
        let first = ((scroll_top.get() / row_height).floor() as usize).saturating_sub(OVERSCAN);
        let count = (viewport / row_height).ceil() as usize + 2 * OVERSCAN;
        let last = (first + count).min(rows.get());
        (first.min(last), last)
    };
    // New rows start at the top, or where `reveal` points; a revealed row out of view is scrolled to.
    // `scrollTop` is set only when it changes, and read from `scroll_top` (which every scroll updates),
    // never from the element: either forces a synchronous layout of the whole page, which cost 17 ms per
    // list and edit with 30 versions in the matrix benchmark. (The lists keep one instance while bytes are
    // shown, so the signal knows where the element is scrolled.)
    Effect::new(move |last: Option<usize>| {
        let now = reset.get();
        let row = reveal.get();
        let Some(el) = container.get() else {
            return now;
        };
        let current = scroll_top.get_untracked();
        let base = if last.is_some_and(|l| l != now) {
            0.0
        } else {
            current
        };
        let target = match row {
            Some(row) => {
                let top = row as f64 * row_height;
                if top < base || top + row_height > base + viewport {
                    (top - viewport / 3.0).max(0.0)
                } else {
                    base
                }
            }
            None => base,
        };
        if target != current {
            el.set_scroll_top(target as i32);
            scroll_top.set(target);
        }
        now
    });
    let visible = html_fn(move || {
        reset.track();
        let (first, last) = range();
        let mut out = Markup::new();
        for row in first..last {
            render(row, &mut out);
        }
        out.into_string()
    });
    view! {
        <div
            id=id
            class=format!("virtual {class}")
            node_ref=container
            style=format!("max-height: {viewport}px")
            on:scroll=move |ev| scroll_top.set(f64::from(event_target::<web_sys::Element>(&ev).scroll_top()))
        >
            <div style=move || format!("height: {}px; position: relative", rows.get() as f64 * row_height)>
                <div
                    style=move || format!("position: absolute; left: 0; right: 0; top: {}px", range().0 as f64 * row_height)
                    inner_html=visible
                ></div>
            </div>
        </div>
    }
}

/// Sets `class` on each element under `container` matching `selector` whose `attribute` (a number)
/// satisfies `on`, and removes it from the others: a selection follows the pointer without rebuilding
/// the rows.
pub fn mark_rows(
    container: &web_sys::Element,
    selector: &str,
    attribute: &str,
    class: &str,
    on: impl Fn(usize) -> bool,
) {
    let Ok(nodes) = container.query_selector_all(selector) else {
        return;
    };
    for i in 0..nodes.length() {
        let Some(el) = nodes.item(i).and_then(|n| {
            use wasm_bindgen::JsCast;
            n.dyn_into::<web_sys::Element>().ok()
        }) else {
            continue;
        };
        let value = el
            .get_attribute(attribute)
            .and_then(|v| v.parse::<usize>().ok());
        let _ = el
            .class_list()
            .toggle_with_force(class, value.is_some_and(&on));
    }
}
