//! Read-only lists rendered as HTML text with one delegated click handler: far less wasm than a typed
//! view per element, for content that is rebuilt whole when it changes.

use avro_playground_core::source::{parse_json, TextRange};

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped for HTML text and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` escaped for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends `text` escaped, with the byte range `range` (clamped to the text's char boundaries) in a
/// `<mark class=…>`; an empty or line-end mark is padded with a space so it still shows.
pub fn mark_range(out: &mut String, text: &str, range: Option<(usize, usize)>, class: &str) {
    let Some((start, end)) = range else {
        escape_into(out, text);
        return;
    };
    let clamp = |i: usize| {
        let mut i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = clamp(start);
    let end = clamp(end).max(start);
    escape_into(out, &text[..start]);
    out.push_str("<mark class=\"");
    out.push_str(class);
    out.push_str("\">");
    let marked = &text[start..end];
    if marked.is_empty() || marked == "\n" {
        out.push(' ');
    }
    escape_into(out, marked);
    out.push_str("</mark>");
    escape_into(out, &text[end..]);
}

/// A schema text with one range marked, as HTML.
pub fn marked(out: &mut String, text: &str, range: Option<TextRange>, label: &str) {
    out.push_str("<figure class=\"marked-schema\"><figcaption>");
    escape_into(out, label);
    out.push_str("</figcaption><pre>");
    mark_range(out, text, range.map(|r| (r.start, r.end)), "location");
    out.push_str("</pre></figure>");
}

/// The byte range of the JSON node that `pointer` addresses in `text`, if the text parses and has it.
pub fn pointer_range(text: &str, pointer: &str) -> Option<TextRange> {
    Some(parse_json(text).ok()?.at(pointer)?.range)
}

/// The value of `attribute` on the clicked element or its nearest ancestor that has it.
pub fn clicked_attribute(ev: &web_sys::MouseEvent, attribute: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let holder = target.closest(&format!("[{attribute}]")).ok()??;
    holder.get_attribute(attribute)
}

/// The number in `attribute` of the element matching `selector` under the pointer (the event's target or
/// its nearest such ancestor).
pub fn hovered_number(ev: &web_sys::MouseEvent, selector: &str, attribute: &str) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let holder = target.closest(selector).ok()??;
    holder.get_attribute(attribute)?.parse().ok()
}
