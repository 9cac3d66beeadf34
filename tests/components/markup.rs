//! The markup builder: text and attribute values are escaped by construction, so hostile text stays text
//! when the browser parses the result.

use avro_playground_core::source::TextRange;
use avro_playground_web::html::{mark_range, marked, Markup};
use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Markup that tries to become an element, an attribute and a script.
const PAYLOAD: &str = r#"<img src=x onerror="window.__pwned=1">"'><b id=injected>&amp;</b>"#;

/// `html` parsed by the browser into a detached `<div>` (never in the document, so nothing loads or runs).
fn parse(html: &str) -> web_sys::Element {
    let div = document().create_element("div").expect("create a <div>");
    div.set_inner_html(html);
    div
}

/// How many elements under `root` match `selector`.
fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .expect("a valid selector")
        .length()
}

/// The names of an element's attributes, in order.
fn attribute_names(element: &web_sys::Element) -> Vec<String> {
    let names = element.get_attribute_names();
    (0..names.length())
        .filter_map(|i| names.get(i).as_string())
        .collect()
}

/// Asserts that nothing in `root` came from the payload's markup.
fn assert_nothing_injected(root: &web_sys::Element) {
    for selector in [
        "img",
        "script",
        "b",
        "#injected",
        "[onerror]",
        "[onmouseover]",
    ] {
        assert_eq!(
            count(root, selector),
            0,
            "{selector} injected into {}",
            root.inner_html()
        );
    }
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn text_escapes_the_five_html_specials() {
    let mut m = Markup::new();
    m.el("p", "<>&\"' plain");
    assert_eq!(m.into_string(), "<p>&lt;&gt;&amp;&quot;&#39; plain</p>");
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn text_takes_numbers_and_format_args_escaped() {
    let mut m = Markup::new();
    m.text(42).text(format_args!(" {}<", "a&b"));
    assert_eq!(m.into_string(), "42 a&amp;b&lt;");
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn an_attribute_value_cannot_add_an_attribute() {
    let value = r#"" onmouseover="alert(1)"#;
    let mut m = Markup::new();
    m.open("span").attr("title", value).text("x").close("span");
    let html = m.into_string();
    assert_eq!(
        html,
        r#"<span title="&quot; onmouseover=&quot;alert(1)">x</span>"#
    );
    let root = parse(&html);
    let span = root.first_element_child().expect("the span");
    assert_eq!(attribute_names(&span), ["title"]);
    assert_eq!(span.get_attribute("title").as_deref(), Some(value));
    assert_nothing_injected(&root);
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn an_attribute_value_cannot_close_the_tag_or_open_a_script() {
    let value = "'><script>window.__pwned=1</script>";
    let mut m = Markup::new();
    m.open("button")
        .attr("data-version", value)
        .attr("class", "copy")
        .text("use")
        .close("button");
    let root = parse(&m.into_string());
    assert_eq!(root.child_element_count(), 1, "{}", root.inner_html());
    let button = root.first_element_child().expect("the button");
    assert_eq!(attribute_names(&button), ["data-version", "class"]);
    assert_eq!(button.get_attribute("data-version").as_deref(), Some(value));
    assert_eq!(button.text_content().as_deref(), Some("use"));
    assert_nothing_injected(&root);
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn nested_markup_with_hostile_text_everywhere_parses_as_built() {
    let mut inner = Markup::new();
    inner
        .open("li")
        .attr("data-name", PAYLOAD)
        .text(PAYLOAD)
        .close("li");
    let mut m = Markup::new();
    m.open("div")
        .attr("class", "outer")
        .attr("title", PAYLOAD)
        .open("h3")
        .text(PAYLOAD)
        .close("h3")
        .open("select")
        .open("option")
        .attr("value", PAYLOAD)
        .flag("selected", true)
        .text(PAYLOAD)
        .close("option")
        .close("select")
        .open("input")
        .attr("value", PAYLOAD)
        .open("ol")
        .append(&inner)
        .append(&inner)
        .close("ol")
        .open("pre");
    mark_range(&mut m, PAYLOAD, Some((1, 4)), "value-mark");
    m.close("pre");
    marked(
        &mut m,
        PAYLOAD,
        Some(TextRange { start: 0, end: 4 }),
        PAYLOAD,
    );
    m.close("div");
    let root = parse(&m.into_string());
    assert_nothing_injected(&root);
    assert_eq!(root.child_element_count(), 1, "{}", root.inner_html());
    let outer = root.first_element_child().expect("the outer div");
    assert_eq!(attribute_names(&outer), ["class", "title"]);
    assert_eq!(outer.get_attribute("title").as_deref(), Some(PAYLOAD));
    let children: Vec<String> = {
        let list = outer
            .query_selector_all(":scope > *")
            .expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.tag_name())
            .collect()
    };
    assert_eq!(children, ["H3", "SELECT", "INPUT", "OL", "PRE", "FIGURE"]);
    let text = |selector: &str| {
        outer
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .unwrap_or_else(|| panic!("no {selector} in {}", outer.inner_html()))
    };
    assert_eq!(text("h3"), PAYLOAD);
    assert_eq!(text("option"), PAYLOAD);
    assert_eq!(text("pre mark.value-mark"), "img");
    assert_eq!(text("pre"), PAYLOAD);
    assert_eq!(text("figcaption"), PAYLOAD);
    assert_eq!(text("figure mark.location"), "<img");
    let input: web_sys::HtmlInputElement = outer
        .query_selector("input")
        .ok()
        .flatten()
        .expect("the input")
        .unchecked_into();
    assert_eq!(input.value(), PAYLOAD);
    assert_eq!(count(&outer, "ol > li"), 2);
    for li in [
        outer.query_selector("ol > li:first-child"),
        outer.query_selector("ol > li:last-child"),
    ] {
        let li = li.ok().flatten().expect("a list item");
        assert_eq!(li.get_attribute("data-name").as_deref(), Some(PAYLOAD));
        assert_eq!(li.text_content().as_deref(), Some(PAYLOAD));
    }
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn a_void_element_ends_its_start_tag_before_what_follows() {
    let mut m = Markup::new();
    m.open("input")
        .attr("value", "a")
        .open("input")
        .attr("size", 6)
        .text("after");
    assert_eq!(m.into_string(), r#"<input value="a"><input size="6">after"#);
    let mut open = Markup::new();
    open.open("input").attr("value", "<x>");
    assert_eq!(open.into_string(), r#"<input value="&lt;x&gt;">"#);
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn a_flag_is_written_only_when_on() {
    let mut m = Markup::new();
    m.open("option")
        .attr("value", 1)
        .flag("selected", false)
        .text("a")
        .close("option")
        .open("option")
        .attr("value", 2)
        .flag("selected", true)
        .text("b")
        .close("option");
    assert_eq!(
        m.into_string(),
        r#"<option value="1">a</option><option value="2" selected>b</option>"#
    );
}

#[wasm_bindgen_test::wasm_bindgen_test]
fn a_mark_is_clamped_to_char_boundaries_and_padded_when_empty() {
    let mut m = Markup::new();
    // Byte 1 is inside "é": the mark starts at its first byte.
    mark_range(&mut m, "é<b>", Some((1, 2)), "error-mark");
    assert_eq!(
        m.into_string(),
        r#"<mark class="error-mark">é</mark>&lt;b&gt;"#
    );
    let mut empty = Markup::new();
    mark_range(&mut empty, "ab", Some((2, 2)), "error-mark");
    assert_eq!(
        empty.into_string(),
        r#"ab<mark class="error-mark"> </mark>"#
    );
}
