//! Markup written as text, through one builder that escapes by construction: [`Markup`]. Read-only lists
//! and panels rebuilt whole cost far less wasm as HTML text with one delegated click handler than as a
//! typed view per element; interactive parts are Leptos components.

use avro_playground_core::source::{parse_json, TextRange};

/// A panel's HTML, computed reactively: every `inner_html` of the page takes this one boxed type, so
/// Leptos's reactive inner-HTML code is compiled once instead of once per closure type (measured: 1.3 KB
/// less wasm gzipped for the page's 16 closures).
pub type HtmlFn = Box<dyn Fn() -> String + Send + Sync>;

/// Boxes a closure that computes a panel's HTML (see [`HtmlFn`]).
pub fn html_fn(f: impl Fn() -> String + Send + Sync + 'static) -> HtmlFn {
    Box::new(f)
}

/// An event handler, boxed: every `on:click` (`on:change`, …) of the page takes this one type for its
/// event, so Leptos's listener code is compiled once per event instead of once per closure.
pub type Handler<E> = Box<dyn FnMut(E)>;

/// Boxes an event handler (see [`Handler`]).
pub fn handler<E>(f: impl FnMut(E) + 'static) -> Handler<E> {
    Box::new(f)
}
use std::fmt::{self, Display, Write};

/// HTML under construction. Tag and attribute names are `&'static str`, the program's own; every text and
/// attribute value goes through [`Markup::text`] or [`Markup::attr`], which escape `&`, `<`, `>`, `"` and
/// `'`. There is no way to append unescaped text, so nothing the user typed or loaded can become markup.
#[derive(Clone, Debug, Default)]
pub struct Markup {
    html: String,
    /// A start tag is waiting for attributes: `<tag a="b"` is written, its `>` not yet.
    in_tag: bool,
}

/// Writes into a string with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in a quoted attribute.
struct Escaped<'a>(&'a mut String);

impl Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            self.0.push_str(&s[plain..i]);
            self.0.push_str(entity);
            plain = i + 1;
        }
        self.0.push_str(&s[plain..]);
        Ok(())
    }
}

impl Markup {
    /// Empty markup.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ends a start tag still open for attributes.
    fn end_tag(&mut self) {
        if self.in_tag {
            self.html.push('>');
            self.in_tag = false;
        }
    }

    /// Starts element `tag`: [`Markup::attr`] and [`Markup::flag`] may follow, then its content and
    /// [`Markup::close`] (none for a void element such as `input`).
    pub fn open(&mut self, tag: &'static str) -> &mut Self {
        self.end_tag();
        self.html.push('<');
        self.html.push_str(tag);
        self.in_tag = true;
        self
    }

    /// Adds attribute `name="value"` to the element just opened, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.attr_args(name, format_args!("{value}"))
    }

    fn attr_args(&mut self, name: &'static str, value: fmt::Arguments) -> &mut Self {
        debug_assert!(self.in_tag, "attribute {name} outside a start tag");
        if self.in_tag {
            self.html.push(' ');
            self.html.push_str(name);
            self.html.push_str("=\"");
            let _ = Escaped(&mut self.html).write_fmt(value);
            self.html.push('"');
        }
        self
    }

    /// Adds the boolean attribute `name` (such as `selected`) to the element just opened when `on`.
    pub fn flag(&mut self, name: &'static str, on: bool) -> &mut Self {
        debug_assert!(self.in_tag, "attribute {name} outside a start tag");
        if on && self.in_tag {
            self.html.push(' ');
            self.html.push_str(name);
        }
        self
    }

    /// Appends `value` as text, escaped (a number, a `format_args!`, any text).
    pub fn text(&mut self, value: impl Display) -> &mut Self {
        self.text_args(format_args!("{value}"))
    }

    fn text_args(&mut self, value: fmt::Arguments) -> &mut Self {
        self.end_tag();
        let _ = Escaped(&mut self.html).write_fmt(value);
        self
    }

    /// Ends element `tag`.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.end_tag();
        self.html.push_str("</");
        self.html.push_str(tag);
        self.html.push('>');
        self
    }

    /// Element `tag` holding `value` as text: `<tag>value</tag>`.
    pub fn el(&mut self, tag: &'static str, value: impl Display) -> &mut Self {
        self.open(tag).text(value).close(tag)
    }

    /// Appends markup built separately.
    pub fn append(&mut self, other: &Markup) -> &mut Self {
        self.end_tag();
        self.html.push_str(&other.html);
        if other.in_tag {
            self.html.push('>');
        }
        self
    }

    /// The markup as HTML text, any start tag still open for attributes ended.
    pub fn into_string(mut self) -> String {
        self.end_tag();
        self.html
    }
}

impl From<Markup> for String {
    fn from(markup: Markup) -> String {
        markup.into_string()
    }
}

/// Appends `text` with the byte range `range` (clamped to the text's char boundaries) in a
/// `<mark class=…>`; an empty or line-end mark is padded with a space so it still shows.
pub fn mark_range(out: &mut Markup, text: &str, range: Option<(usize, usize)>, class: &str) {
    let Some((start, end)) = range else {
        out.text(text);
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
    let marked = &text[start..end];
    out.text(&text[..start]).open("mark").attr("class", class);
    if marked.is_empty() || marked == "\n" {
        out.text(" ");
    }
    out.text(marked).close("mark").text(&text[end..]);
}

/// Appends a schema text with one range marked, in a figure captioned `label`.
pub fn marked(out: &mut Markup, text: &str, range: Option<TextRange>, label: &str) {
    out.open("figure").attr("class", "marked-schema");
    out.el("figcaption", label).open("pre");
    mark_range(out, text, range.map(|r| (r.start, r.end)), "location");
    out.close("pre").close("figure");
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
