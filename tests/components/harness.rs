//! Mounting a component into its own element, driving it like a user would, and reading the DOM.

use avro_playground_web::state::Workspace;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Waits for Leptos to flush pending effects and DOM updates, and for the stand-in worker's answers.
pub async fn tick() {
    // Executor ticks: one for effects scheduled by the change, one for those they schedule in turn, and
    // two more for a request to the stand-in worker and the effects of its answer.
    for _ in 0..4 {
        leptos::task::tick().await;
    }
}

/// The stand-in for the site's worker (the test page has none): answers in the page with the worker's own
/// code, through the same messages. What it parses is not counted as the page's parses: in the site, the
/// worker parses in its own thread.
fn answer_in_page(message: JsValue) {
    use avro_playground_core::parse_count::{JSON_TEXTS, SCHEMAS};
    use avro_playground_web::worker::{deliver, jobs, protocol};
    let counted = (SCHEMAS.with(|c| c.get()), JSON_TEXTS.with(|c| c.get()));
    let answered = protocol::respond(message, jobs::answer);
    SCHEMAS.with(|c| c.set(counted.0));
    JSON_TEXTS.with(|c| c.set(counted.1));
    if let Some((reply, _)) = answered {
        deliver(reply.into());
    }
}

/// Waits `ms` milliseconds of real time (a `setTimeout`), for work the page does off the reactive graph.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the timer fires");
}

/// Puts the app's stylesheet on the test page once, so that the virtualized lists scroll as in the page.
fn install_stylesheet() {
    avro_playground_web::worker::answer_inline(answer_in_page);
    const ID: &str = "app-stylesheet";
    if document().get_element_by_id(ID).is_some() {
        return;
    }
    let style = document()
        .create_element("style")
        .expect("create a <style>");
    style.set_id(ID);
    style.set_text_content(Some(include_str!("../../style/main.css")));
    document()
        .head()
        .expect("the test page has a <head>")
        .append_child(&style)
        .expect("append the stylesheet");
}

/// A view mounted into its own `<div>` on the test page; unmounted and removed on drop.
pub struct Mounted {
    container: web_sys::HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    /// Mounts the whole [`avro_playground_web::App`], starting from the example (local storage cleared).
    pub async fn app() -> Self {
        if let Some(storage) = window().local_storage().ok().flatten() {
            storage.clear().expect("clear local storage");
        }
        Self::view(avro_playground_web::App).await
    }

    /// Mounts the view `render` builds into a fresh element appended to `<body>` and waits a tick.
    pub async fn view<F, N>(render: F) -> Self
    where
        F: FnOnce() -> N + 'static,
        N: IntoView + 'static,
    {
        install_stylesheet();
        let container: web_sys::HtmlElement = document()
            .create_element("div")
            .expect("create a <div>")
            .unchecked_into();
        document()
            .body()
            .expect("the test page has a <body>")
            .append_child(&container)
            .expect("append the container");
        let handle = mount_to(container.clone(), render);
        tick().await;
        Mounted {
            container,
            _handle: Box::new(handle),
        }
    }

    /// Mounts panels over a workspace holding these texts (no local storage), and returns the workspace
    /// so that the test can drive its signals.
    pub async fn panels<F, N>(schema: &str, datum: &str, render: F) -> (Self, Workspace)
    where
        F: FnOnce(Workspace) -> N + 'static,
        N: IntoView + 'static,
    {
        let (schema, datum) = (schema.to_owned(), datum.to_owned());
        let slot: Rc<Cell<Option<Workspace>>> = Rc::default();
        let filled = slot.clone();
        // The workspace is made under the mount's owner, so its memos and effects live as long as the view.
        let mounted = Self::view(move || {
            let ws = Workspace::with_texts(schema, datum);
            filled.set(Some(ws));
            render(ws)
        })
        .await;
        let ws = slot.get().expect("the view made its workspace");
        (mounted, ws)
    }

    /// The first element under the view matching a CSS selector.
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.container.query_selector(selector).ok().flatten()
    }

    /// The first element matching `selector`; panics with the view's HTML if none does.
    pub fn get(&self, selector: &str) -> web_sys::Element {
        match self.find(selector) {
            Some(element) => element,
            None => panic!("no element matches {selector:?} in:\n{}", self.html()),
        }
    }

    /// Every element under the view matching a CSS selector, in document order.
    pub fn find_all(&self, selector: &str) -> Vec<web_sys::Element> {
        // `querySelectorAll` through JavaScript: the NodeList binding is not among web-sys's enabled features.
        let method = js_sys::Reflect::get(&self.container, &JsValue::from_str("querySelectorAll"))
            .expect("querySelectorAll exists");
        let list = method
            .unchecked_into::<js_sys::Function>()
            .call1(&self.container, &JsValue::from_str(selector))
            .unwrap_or_else(|e| panic!("querySelectorAll({selector:?}) failed: {e:?}"));
        js_sys::Array::from(&list)
            .iter()
            .map(|node| node.unchecked_into())
            .collect()
    }

    /// How many elements match `selector`.
    pub fn count(&self, selector: &str) -> usize {
        self.find_all(selector).len()
    }

    /// The text of the first element matching `selector`, trimmed; panics with the view's HTML if none does.
    pub fn text(&self, selector: &str) -> String {
        text_of(&self.get(selector))
    }

    /// The texts of every element matching `selector`, trimmed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.find_all(selector).iter().map(text_of).collect()
    }

    /// The view's current HTML, for failure messages.
    pub fn html(&self) -> String {
        self.container.inner_html()
    }

    /// The `value` property of the form control matching `selector`.
    pub fn value(&self, selector: &str) -> String {
        js_sys::Reflect::get(&self.get(selector), &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| panic!("{selector:?} has no string value"))
    }

    /// Sets the `value` of the form control matching `selector` (a textarea, input or select), fires the
    /// bubbling `event` the page listens to, and waits a tick.
    async fn set_value(&self, selector: &str, value: &str, event: &str) {
        let element = self.get(selector);
        js_sys::Reflect::set(
            &element,
            &JsValue::from_str("value"),
            &JsValue::from_str(value),
        )
        .expect("set the value");
        // Leptos delegates bubbling events to the document, so the event must bubble.
        dispatch(&element, event, true);
        tick().await;
        let now = self.value(selector);
        assert_eq!(now, value, "{selector:?} did not take the value {value:?}");
    }

    /// Types `value` into the `<textarea>` or `<input>` matching `selector` (fires `input`).
    pub async fn type_into(&self, selector: &str, value: &str) {
        self.set_value(selector, value, "input").await;
    }

    /// Chooses the option `value` of the `<select>` matching `selector` (fires `change`).
    pub async fn choose(&self, selector: &str, value: &str) {
        self.set_value(selector, value, "change").await;
    }

    /// Clicks the element matching `selector` and waits a tick.
    pub async fn click(&self, selector: &str) {
        let element: web_sys::HtmlElement = self.get(selector).unchecked_into();
        element.click();
        tick().await;
    }

    /// Clicks the `<button>` whose text is `text` and waits a tick.
    pub async fn click_button(&self, text: &str) {
        let Some(button) = self
            .find_all("button")
            .into_iter()
            .find(|b| text_of(b) == text)
        else {
            panic!("no button {text:?} in:\n{}", self.html());
        };
        button.unchecked_into::<web_sys::HtmlElement>().click();
        tick().await;
    }

    /// Chooses a file named `name` holding `bytes` in the `<input type="file">` matching `selector` (fires
    /// `change`), then waits until an element matches `ready`: the page reads the file asynchronously.
    pub async fn choose_file(&self, selector: &str, name: &str, bytes: &[u8], ready: &str) {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let file = web_sys::File::new_with_u8_array_sequence(&parts, name).expect("make a File");
        // A FileList can only be made by a DataTransfer; `items.add` is called through JavaScript because
        // the DataTransferItemList binding is not among web-sys's enabled features.
        let transfer = web_sys::DataTransfer::new().expect("make a DataTransfer");
        let items = js_sys::Reflect::get(&transfer, &JsValue::from_str("items")).expect("items");
        js_sys::Reflect::get(&items, &JsValue::from_str("add"))
            .expect("items.add")
            .unchecked_into::<js_sys::Function>()
            .call1(&items, &file)
            .expect("add the file");
        let input: web_sys::HtmlInputElement = self.get(selector).unchecked_into();
        input.set_files(transfer.files().as_ref());
        dispatch(&input, "change", true);
        for _ in 0..200 {
            if self.find(ready).is_some() {
                tick().await;
                return;
            }
            sleep(10).await;
        }
        panic!(
            "{ready:?} did not appear after choosing {name:?}:\n{}",
            self.html()
        );
    }

    /// Moves the pointer onto `element` as a browser does: `mouseover` (bubbles, for delegated
    /// listeners), then `mouseenter` (does not bubble); waits a tick.
    pub async fn hover(&self, element: &web_sys::Element) {
        dispatch(element, "mouseover", true);
        dispatch(element, "mouseenter", false);
        tick().await;
    }

    /// Moves the pointer onto the first element matching `selector`.
    pub async fn hover_on(&self, selector: &str) {
        let element = self.get(selector);
        self.hover(&element).await;
    }

    /// Scrolls the element matching `selector` to `top` pixels (fires `scroll`) and waits a tick.
    pub async fn scroll_to(&self, selector: &str, top: i32) {
        let element = self.get(selector);
        element.set_scroll_top(top);
        assert_eq!(
            element.scroll_top(),
            top,
            "{selector:?} does not scroll (is it taller than its viewport?)"
        );
        dispatch(&element, "scroll", false);
        tick().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// An element's text, trimmed.
pub fn text_of(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default().trim().to_owned()
}

/// An element's `data-offset`, as a number.
pub fn offset_of(element: &web_sys::Element) -> usize {
    element
        .get_attribute("data-offset")
        .and_then(|o| o.parse().ok())
        .unwrap_or_else(|| panic!("no numeric data-offset on {}", element.outer_html()))
}

fn dispatch(element: &web_sys::Element, name: &str, bubbles: bool) {
    let event = web_sys::Event::new(name).expect("create an event");
    event.init_event_with_bubbles(name, bubbles);
    element
        .dispatch_event(&event)
        .unwrap_or_else(|e| panic!("dispatch {name}: {e:?}"));
}
