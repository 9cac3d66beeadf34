//! The workspace: what the user typed (signals, autosaved to local storage) and what the core computes
//! from it (memos).

use crate::decoding::{decode_file, decode_text, DecodeView, Decoding};
use avro_playground_core::avro_json::{from_avro_json, DatumError};
use avro_playground_core::canonical::{fingerprints, Fingerprints};
use avro_playground_core::framing::{write_framed, FrameOut};
use avro_playground_core::schema::{parse_schema, Schema, SchemaError};
use avro_playground_core::walker::Walk;
use leptos::prelude::*;
use std::sync::Arc;

/// A computed value shared by pointer; two values are equal only if they are the same computation.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A parsed schema with its canonical form and fingerprints.
pub struct ParsedSchema {
    /// The schema model.
    pub schema: Arc<Schema>,
    /// Canonical form and fingerprints.
    pub fingerprints: Fingerprints,
}

/// Bytes with a span for each, and the schema whose nodes the spans name.
pub struct Shown {
    /// The schema that wrote the bytes (the workspace's, or a container file's own).
    pub schema: Arc<Schema>,
    /// The spans.
    pub walk: Walk,
}

/// The datum encoded, or why it could not be.
pub enum Encoding {
    /// The schema does not parse, so there is nothing to encode with.
    NoSchema,
    /// The datum text is not Avro JSON for this schema.
    Datum(DatumError),
    /// The core could not encode the value.
    Failed(String),
    /// The bytes, with a span for each.
    Bytes(Arc<Shown>),
}

/// A selected span and the view it was selected in (the other views scroll to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The span's id in the shown walk.
    pub span: u32,
    /// Where it was selected.
    pub origin: Origin,
}

/// The view a selection came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A byte of the hex dump.
    Hex,
    /// A row of the span tree.
    Tree,
}

/// Which way the page works: JSON to bytes, or bytes to JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Avro JSON datum → annotated bytes.
    Encode,
    /// Pasted bytes → framing, annotated bytes and datum.
    Decode,
}

/// Everything the page shows, as signals and memos.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The schema editor's text.
    pub schema_text: RwSignal<String>,
    /// The datum editor's text (Avro JSON).
    pub datum_text: RwSignal<String>,
    /// The selected span (hovered byte or tree row) and which view selected it.
    pub selected: RwSignal<Option<Selection>>,
    /// The schema, parsed.
    pub schema: Memo<Shared<Result<ParsedSchema, SchemaError>>>,
    /// The datum, encoded.
    pub encoding: Memo<Shared<Encoding>>,
    /// How encoded bytes are framed: `raw`, `confluent` or `single-object`.
    pub out_frame: RwSignal<String>,
    /// The schema id written in a Confluent frame.
    pub confluent_id: RwSignal<String>,
    /// Encode or decode.
    pub mode: RwSignal<Mode>,
    /// The pasted bytes (hex, base64, …).
    pub bytes_text: RwSignal<String>,
    /// A dropped or chosen file, read as raw bytes instead of the pasted text.
    pub bytes_file: RwSignal<Option<(String, Shared<Vec<u8>>)>>,
    /// The paste form: `auto` or a form name.
    pub input_format: RwSignal<String>,
    /// The framing: `auto`, `raw`, `confluent`, `single-object`.
    pub frame: RwSignal<String>,
    /// The pasted bytes, decoded.
    pub decoding: Memo<Shared<DecodeView>>,
    /// Which message of a several-message paste is shown.
    pub message: RwSignal<usize>,
    /// The bytes the hex view shows (the encoding or the decoding, by mode).
    pub shown: Memo<Option<Shared<Shown>>>,
}

const STORAGE_KEY: &str = "avro-playground/workspace/v1";

const EXAMPLE_SCHEMA: &str = r#"{
  "type": "record",
  "name": "UserEvent",
  "namespace": "com.company.events",
  "doc": "A user's action in the product.",
  "fields": [
    {"name": "user_id", "type": "string"},
    {"name": "event_type", "type": "string"},
    {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "session_id", "type": ["null", "string"], "default": null}
  ]
}"#;

/// The example datum as Avro single-object bytes (CRC-64-AVRO of the example schema, then the datum).
const EXAMPLE_BYTES: &str = "c3 01 23 46 d4 4b e6 d3 aa 82 08 75 2d 34 32 0a 63 6c 69 63 6b 80 d0 be b7 eb 64 02 06 73 2d 31";

const EXAMPLE_DATUM: &str = r#"{
  "user_id": "u-42",
  "event_type": "click",
  "timestamp": 1732406400000,
  "session_id": {"string": "s-1"}
}"#;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The texts saved by the last session, if any and if readable.
fn restore() -> Option<(String, String)> {
    let saved = storage()?.get_item(STORAGE_KEY).ok()??;
    let json: serde_json::Value = serde_json::from_str(&saved).ok()?;
    Some((
        json.get("schema")?.as_str()?.to_string(),
        json.get("datum")?.as_str()?.to_string(),
    ))
}

fn save(schema: &str, datum: &str) {
    if let Some(s) = storage() {
        let json = serde_json::json!({ "schema": schema, "datum": datum });
        // A full or disabled storage only loses the autosave, never the page.
        let _ = s.set_item(STORAGE_KEY, &json.to_string());
    }
}

impl Workspace {
    /// Creates the workspace from the autosaved texts (or the example) and wires the memos.
    pub fn new() -> Self {
        let (schema0, datum0) =
            restore().unwrap_or_else(|| (EXAMPLE_SCHEMA.to_string(), EXAMPLE_DATUM.to_string()));
        Self::with_texts(schema0, datum0)
    }

    /// Creates a workspace holding these texts (no autosave read).
    pub fn with_texts(schema0: String, datum0: String) -> Self {
        let schema_text = RwSignal::new(schema0);
        let datum_text = RwSignal::new(datum0);
        let schema = Memo::new(move |_| {
            Shared(Arc::new(schema_text.with(|t| parse_schema(t)).map(
                |schema| {
                    let fingerprints = fingerprints(&schema);
                    ParsedSchema {
                        schema: Arc::new(schema),
                        fingerprints,
                    }
                },
            )))
        });
        let out_frame = RwSignal::new("raw".to_string());
        let confluent_id = RwSignal::new("1".to_string());
        let encoding = Memo::new(move |_| {
            let parsed = schema.get();
            let frame =
                match out_frame.get().as_str() {
                    "confluent" => match confluent_id.get().trim().parse::<u32>() {
                        Ok(id) => FrameOut::Confluent(id),
                        Err(_) => return Shared(Arc::new(Encoding::Failed(
                            "the Confluent schema id must be a whole number from 0 to 4294967295"
                                .into(),
                        ))),
                    },
                    "single-object" => FrameOut::SingleObject,
                    _ => FrameOut::Raw,
                };
            let encoding = match parsed.0.as_ref() {
                Err(_) => Encoding::NoSchema,
                Ok(p) => match datum_text.with(|t| from_avro_json(&p.schema, t)) {
                    Err(e) => Encoding::Datum(e),
                    Ok(value) => match write_framed(&p.schema, &value, frame) {
                        Err(e) => Encoding::Failed(e.to_string()),
                        Ok(walk) => Encoding::Bytes(Arc::new(Shown {
                            schema: p.schema.clone(),
                            walk,
                        })),
                    },
                },
            };
            Shared(Arc::new(encoding))
        });
        let mode = RwSignal::new(Mode::Encode);
        let bytes_text = RwSignal::new(EXAMPLE_BYTES.to_string());
        let bytes_file: RwSignal<Option<(String, Shared<Vec<u8>>)>> = RwSignal::new(None);
        let input_format = RwSignal::new("auto".to_string());
        let frame = RwSignal::new("auto".to_string());
        let message = RwSignal::new(0usize);
        let decoding = Memo::new(move |_| {
            let view = match schema.get().0.as_ref() {
                Err(_) => DecodeView {
                    messages: Vec::new(),
                    current: 0,
                    decoding: Decoding::NoSchema,
                },
                Ok(p) => match bytes_file.get() {
                    Some((name, bytes)) => decode_file(&p.schema, &name, &bytes.0, &frame.get()),
                    None => bytes_text.with(|t| {
                        decode_text(
                            &p.schema,
                            t,
                            &input_format.get(),
                            &frame.get(),
                            message.get(),
                        )
                    }),
                },
            };
            Shared(Arc::new(view))
        });
        let shown = Memo::new(move |_| match mode.get() {
            Mode::Encode => match encoding.get().0.as_ref() {
                Encoding::Bytes(a) => Some(Shared(a.clone())),
                _ => None,
            },
            Mode::Decode => decoding.get().0.decoding.shown().map(Shared),
        });
        let selected = RwSignal::new(None);
        // New bytes invalidate the selected span.
        Effect::new(move |_| {
            shown.track();
            selected.set(None);
        });
        Workspace {
            schema_text,
            datum_text,
            selected,
            schema,
            encoding,
            out_frame,
            confluent_id,
            mode,
            bytes_text,
            bytes_file,
            input_format,
            frame,
            decoding,
            message,
            shown,
        }
    }

    /// Saves the texts to local storage whenever they change.
    pub fn autosave(self) {
        Effect::new(move |_| {
            let (s, d) = (self.schema_text.get(), self.datum_text.get());
            save(&s, &d);
        });
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}
