//! The workspace: what the user typed (signals, autosaved to local storage) and what the core computes
//! from it (memos).

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
    pub schema: Schema,
    /// Canonical form and fingerprints.
    pub fingerprints: Fingerprints,
}

/// The datum encoded, or why it could not be.
pub enum Encoding {
    /// The schema does not parse, so there is nothing to encode with.
    NoSchema,
    /// The datum text is not Avro JSON for this schema.
    Datum(DatumError),
    /// The core could not encode the value.
    Failed(String),
    /// The bytes, with a span for each, and the innermost span of every byte.
    Bytes {
        /// Spans over the bytes.
        walk: Walk,
        /// The innermost span of each byte.
        innermost: Vec<u32>,
    },
}

/// Everything the page shows, as signals and memos.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The schema editor's text.
    pub schema_text: RwSignal<String>,
    /// The datum editor's text (Avro JSON).
    pub datum_text: RwSignal<String>,
    /// The selected span (hovered byte or tree row).
    pub selected: RwSignal<Option<u32>>,
    /// The schema, parsed.
    pub schema: Memo<Shared<Result<ParsedSchema, SchemaError>>>,
    /// The datum, encoded.
    pub encoding: Memo<Shared<Encoding>>,
}

const STORAGE_KEY: &str = "avro-playground/workspace/v1";

const EXAMPLE_SCHEMA: &str = r#"{
  "type": "record",
  "name": "UserEvent",
  "namespace": "com.company.events",
  "fields": [
    {"name": "user_id", "type": "string"},
    {"name": "event_type", "type": {"type": "enum", "name": "EventType",
      "symbols": ["click", "view", "purchase"]}},
    {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "session_id", "type": ["null", "string"], "default": null}
  ]
}"#;

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
                        schema,
                        fingerprints,
                    }
                },
            )))
        });
        let encoding = Memo::new(move |_| {
            let parsed = schema.get();
            let encoding = match parsed.0.as_ref() {
                Err(_) => Encoding::NoSchema,
                Ok(p) => match datum_text.with(|t| from_avro_json(&p.schema, t)) {
                    Err(e) => Encoding::Datum(e),
                    Ok(value) => match write_framed(&p.schema, &value, FrameOut::Raw) {
                        Err(e) => Encoding::Failed(e.to_string()),
                        Ok(walk) => {
                            let innermost = walk.innermost_by_byte();
                            Encoding::Bytes { walk, innermost }
                        }
                    },
                },
            };
            Shared(Arc::new(encoding))
        });
        let selected = RwSignal::new(None);
        // A new encoding invalidates the selected span.
        Effect::new(move |_| {
            encoding.track();
            selected.set(None);
        });
        Workspace {
            schema_text,
            datum_text,
            selected,
            schema,
            encoding,
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
