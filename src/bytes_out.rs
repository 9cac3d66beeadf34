//! Taking encoded bytes away: the output framing, copy as hex/base64/byte-array literals, download.

use crate::html::{clicked_attribute, handler, html_fn, Markup};
use crate::state::{Encoding, Output, Shared};
use avro_playground_core::container::Codec;
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::output::{format_bytes, Literal};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        // The promise is left to the browser; a refused clipboard leaves the text shown for manual copying.
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Offers `bytes` as a download named `name`, of the MIME type `mime`.
pub fn download(bytes: &[u8], name: &str, mime: &str) -> Option<()> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

/// The output controls under the datum editor: the `output` choices, and the `encoding`'s bytes to copy
/// or download.
#[component]
pub fn BytesOut(encoding: Memo<Shared<Encoding>>, output: Output) -> impl IntoView {
    let literal = RwSignal::new(Literal::Hex);
    let bytes = move || match encoding.get().0.as_ref() {
        Encoding::Bytes(shown, _) => Some(shown.walk.bytes.clone()),
        _ => None,
    };
    let text = move || {
        bytes()
            .map(|b| format_bytes(&b, literal.get()))
            .unwrap_or_default()
    };
    let is_file = move || output.frame.get() == FrameChoice::Container;
    let codec_options = || {
        let mut out = Markup::new();
        for c in Codec::ALL {
            out.open("option").attr("value", c).text(c).close("option");
        }
        out.into_string()
    };
    // The copy-as buttons as HTML text, with one delegated listener.
    let literal_buttons = html_fn(move || {
        let current = literal.get();
        let mut out = Markup::new();
        for (i, l) in Literal::ALL.iter().enumerate() {
            out.open("button")
                .attr("class", if *l == current { "copy active" } else { "copy" })
                .attr("data-literal", i)
                .text(l.name())
                .close("button");
        }
        out.into_string()
    });
    let choose_literal = move |ev: web_sys::MouseEvent| {
        let chosen = clicked_attribute(&ev, "data-literal")
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| Literal::ALL.get(i));
        if let Some(l) = chosen {
            literal.set(*l);
            copy_to_clipboard(&text());
        }
    };
    view! {
        <div class="bytes-out">
            <div class="choices">
                <label class="choice">
                    "Framing "
                    <select
                        id="out-frame"
                        on:change=handler(move |ev| {
                            if let Ok(frame) = event_target_value(&ev).parse::<FrameChoice>() {
                                output.frame.set(frame);
                            }
                        })
                        prop:value=move || output.frame.get().name()
                    >
                        <option value="raw">"raw datum"</option>
                        <option value="confluent">"Confluent (00 + schema id)"</option>
                        <option value="single-object">"single-object (C3 01 + fingerprint)"</option>
                        <option value="ocf">"container file (.avro)"</option>
                    </select>
                </label>
                <Show when=is_file>
                    <label class="choice">
                        "codec "
                        <select
                            id="out-codec"
                            on:change=handler(move |ev| {
                                if let Ok(codec) = event_target_value(&ev).parse::<Codec>() {
                                    output.codec.set(codec);
                                }
                            })
                            prop:value=move || output.codec.get().name()
                            inner_html=codec_options
                        ></select>
                    </label>
                </Show>
                <Show when=move || output.frame.get() == FrameChoice::Confluent>
                    <label class="choice">
                        "schema id "
                        <input
                            id="confluent-id"
                            type="text"
                            inputmode="numeric"
                            size="10"
                            prop:value=move || output.confluent_id.get()
                            on:input=handler(move |ev| output.confluent_id.set(event_target_value(&ev)))
                        />
                    </label>
                </Show>
            </div>
            <div class="copy-as" role="group" aria-label="Copy the bytes as">
                "Copy as "
                <span inner_html=literal_buttons on:click=handler(choose_literal)></span>
                <button class="copy" id="download-bin" on:click=handler(move |_| {
                    if let Some(b) = bytes() {
                        let _ = download(&b, if is_file() { "datum.avro" } else { "datum.bin" }, "application/octet-stream");
                    }
                })>{move || if is_file() { "download .avro" } else { "download .bin" }}</button>
            </div>
            <textarea id="bytes-output" class="bytes-output" readonly aria-label="The bytes as text" prop:value=text></textarea>
        </div>
    }
}
