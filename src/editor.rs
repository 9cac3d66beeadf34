//! A plain textarea with a synchronised layer behind it: line numbers, and the error's range underlined.
//! No JavaScript editor: the textarea keeps native editing, undo and accessibility.

use leptos::html;
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
    text: RwSignal<String>,
    #[prop(into)] error: Signal<Option<ErrorMark>>,
    /// A byte range to highlight (the value of the selected span), shown when there is no error.
    #[prop(optional, into)]
    highlight: Option<Signal<Option<(usize, usize)>>>,
) -> impl IntoView {
    let textarea: NodeRef<html::Textarea> = NodeRef::new();
    let backdrop: NodeRef<html::Pre> = NodeRef::new();
    let gutter: NodeRef<html::Div> = NodeRef::new();

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

    let line_count = move || text.with(|t| t.split('\n').count());
    let error_line = move || error.get().map(|e| e.line);

    let backdrop_content = move || {
        let t = text.get();
        let mark = error
            .get()
            .map(|e| (e.start, e.end.max(e.start + 1), "error-mark"))
            .or_else(|| {
                highlight
                    .and_then(|h| h.get())
                    .map(|(s, e)| (s, e, "value-mark"))
            });
        match mark {
            Some((start, end, class)) => {
                let start = clamp_to_char(&t, start);
                let end = clamp_to_char(&t, end).max(start);
                let (before, rest) = t.split_at(start);
                let (marked, after) = rest.split_at(end - start);
                // An error at the very end (e.g. a missing bracket) still needs something to underline.
                let marked = if marked.is_empty() || marked == "\n" {
                    " ".to_string() + marked
                } else {
                    marked.to_string()
                };
                view! { {before.to_string()}<mark class=class>{marked}</mark>{after.to_string()}"\n" }.into_any()
            }
            None => view! { {t}"\n" }.into_any(),
        }
    };

    view! {
        <div class="editor" id=editor_id>
            <div class="gutter" node_ref=gutter aria-hidden="true">
                {move || {
                    (1..=line_count())
                        .map(|n| {
                            let is_error = error_line() == Some(n);
                            view! { <div class="line-number" class:error=is_error>{n}</div> }
                        })
                        .collect_view()
                }}
            </div>
            <div class="editor-body">
                <pre class="backdrop" node_ref=backdrop aria-hidden="true">{backdrop_content}</pre>
                <textarea
                    id=input_id
                    node_ref=textarea
                    aria-label=label
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:scroll=move |_| sync_scroll()
                ></textarea>
            </div>
        </div>
    }
}

/// An error that names where: line:column, the message, and the JSON pointer.
#[component]
pub fn PositionedError(
    id: &'static str,
    position: String,
    message: String,
    pointer: String,
) -> impl IntoView {
    view! {
        <p id=id class="error" role="alert">
            <span class="where">{position}</span>
            " "
            {message}
            " "
            <code class="pointer">{format!("(at {pointer})")}</code>
        </p>
    }
}

/// The largest char boundary at or before `i`.
fn clamp_to_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
