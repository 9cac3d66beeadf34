//! A plain textarea with a synchronised layer behind it: line numbers, and the error's range underlined.
//! No JavaScript editor: the textarea keeps native editing, undo and accessibility.

use crate::html::{handler, html_fn, mark_range, Markup};
use leptos::prelude::*;

/// Where to mark an error in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorMark {
    /// 1-based line of the error.
    pub line: usize,
    /// Byte range to underline.
    pub start: usize,
    /// End of the range (at least `start + 1` so an empty range still shows).
    pub end: usize,
}

/// A code editor: `editor_id` names the wrapper, `input_id` the textarea.
#[component]
pub fn CodeEditor(
    editor_id: &'static str,
    input_id: &'static str,
    label: &'static str,
    /// The text shown.
    #[prop(into)]
    text: Signal<String>,
    /// Called with the new text on each edit.
    on_edit: Callback<String>,
    #[prop(into)] error: Signal<Option<ErrorMark>>,
    /// A byte range to highlight (the value of the selected span), shown when there is no error.
    #[prop(optional, into)]
    highlight: Option<Signal<Option<(usize, usize)>>>,
) -> impl IntoView {
    let textarea: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let backdrop: NodeRef<leptos::html::Pre> = NodeRef::new();
    let gutter: NodeRef<leptos::html::Div> = NodeRef::new();

    // Programmatic changes (examples, restored state) reach the textarea; typing does not loop back.
    Effect::new(move |_| {
        let value = text.get();
        if let Some(el) = textarea.get() {
            if el.value() != value {
                el.set_value(&value);
            }
        }
    });

    let sync_scroll = move || {
        if let Some(ta) = textarea.get() {
            if let Some(b) = backdrop.get() {
                b.set_scroll_top(ta.scroll_top());
                b.set_scroll_left(ta.scroll_left());
            }
            if let Some(g) = gutter.get() {
                g.set_scroll_top(ta.scroll_top());
            }
        }
    };

    // The gutter and the backdrop are rebuilt whole on each change, as HTML text: far less wasm than a
    // typed view per line.
    // One text of line numbers, the error's line in its own span: a div per line made every line a layout
    // object, and the gutter of a 650-line schema a third of an edit's layout.
    let gutter_html = html_fn(move || {
        let lines = text.with(|t| t.split('\n').count());
        let error_line = error.get().map(|e| e.line);
        let mut out = Markup::new();
        for n in 1..=lines {
            if error_line == Some(n) {
                out.open("span")
                    .attr("class", "line-number error")
                    .text(n)
                    .close("span");
            } else {
                out.text(n);
            }
            out.text("\n");
        }
        out.into_string()
    });

    let backdrop_html = html_fn(move || {
        let mark = error
            .get()
            .map(|e| (e.start, e.end.max(e.start + 1), "error-mark"))
            .or_else(|| {
                highlight
                    .and_then(|h| h.get())
                    .map(|(s, e)| (s, e, "value-mark"))
            });
        // With nothing to mark the backdrop is empty. With a mark, only the text up to the end of the
        // mark's line places it; the rest is a spacer as tall and wide as the rest of the text, so that the
        // backdrop still scrolls with the textarea. A 650-line schema was laid out twice per keystroke
        // (textarea and backdrop): the backdrop was a third of the editor's layout time.
        let Some((start, end, class)) = mark else {
            return String::new();
        };
        text.with(|t| {
            let mut end = end.min(t.len());
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            let cut = t[end..].find('\n').map_or(t.len(), |i| end + i);
            let mut out = Markup::new();
            // An error at the very end (e.g. a missing bracket) still shows: the mark is padded.
            mark_range(&mut out, &t[..cut], Some((start, end.max(start))), class);
            let lines = t[cut..].matches('\n').count();
            let columns = t
                .split('\n')
                .map(|l| {
                    l.chars()
                        .map(|c| if c == '\t' { 2 } else { 1 })
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(0);
            out.text("\n")
                .open("span")
                .attr("class", "backdrop-rest")
                .attr(
                    "style",
                    format_args!("height: calc({lines} * var(--code-line)); width: {columns}ch"),
                )
                .close("span");
            out.into_string()
        })
    });

    view! {
        <div class="editor" id=editor_id>
            <div class="gutter" node_ref=gutter aria-hidden="true" inner_html=gutter_html></div>
            <div class="editor-body">
                <pre class="backdrop" node_ref=backdrop aria-hidden="true" inner_html=backdrop_html></pre>
                <textarea
                    id=input_id
                    node_ref=textarea
                    aria-label=label
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    on:input=handler(move |ev| on_edit.run(event_target_value(&ev)))
                    on:scroll=move |_| sync_scroll()
                ></textarea>
            </div>
        </div>
    }
}

/// An error that names where, as HTML: line:column, the message, and the JSON pointer.
pub fn positioned_error_html(id: &str, position: &str, message: &str, pointer: &str) -> String {
    let mut out = Markup::new();
    out.open("p")
        .attr("id", id)
        .attr("class", "error")
        .attr("role", "alert")
        .open("span")
        .attr("class", "where")
        .text(position)
        .close("span")
        .text(" ")
        .text(message)
        .text(" ")
        .open("code")
        .attr("class", "pointer")
        .text(format_args!("(at {pointer})"))
        .close("code")
        .close("p");
    out.into_string()
}
