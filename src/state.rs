//! The workspace: what the user typed (signals, autosaved to local storage) and what the core computes
//! from it (memos).

use crate::decoding::{decode_file, decode_text, DecodeView, Decoding};
use avro_playground_core::avro_json::{
    example_value, from_avro_or_plain_json, to_avro_json_pretty, Conversion, DatumError,
};
use avro_playground_core::canonical::{fingerprints, Fingerprints};
use avro_playground_core::container::{
    compress_light, walk_container, write_container_with, Codec, Limits, SYNC_LEN,
};
use avro_playground_core::framing::{write_framed, FrameOut};
use avro_playground_core::schema::{parse_schema, Schema, SchemaError};
use avro_playground_core::source::{parse_json, write_json_string, JsonValue};
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

/// Where a datum typed as plain JSON differs from Avro JSON, and its Avro JSON.
pub struct Plain {
    /// Each difference (empty when the text is Avro JSON).
    pub conversions: Vec<Conversion>,
    /// The datum as Avro JSON, when it differed.
    pub avro_json: Option<String>,
}

/// The datum encoded, or why it could not be.
pub enum Encoding {
    /// The schema does not parse, so there is nothing to encode with.
    NoSchema,
    /// The datum text is not Avro JSON for this schema.
    Datum(DatumError),
    /// The core could not encode the value.
    Failed(String),
    /// The bytes, with a span for each, and how the datum text differed from Avro JSON.
    Bytes(Arc<Shown>, Arc<Plain>),
}

/// The datum's encoding `walk` written as a one-record container file with `codec`, walked again so
/// every header, block and sync byte is explained; the datum's value stays with the walk.
fn container_of(
    schema_text: &str,
    codec: Codec,
    walk: Walk,
    sync: [u8; SYNC_LEN],
) -> Result<Walk, String> {
    let file = write_container_with(
        schema_text,
        codec,
        &[(1, walk.bytes)],
        sync,
        &[],
        compress_light,
    )
    .map_err(|e| e.to_string())?;
    let read = walk_container(&file, &Limits::default());
    match read.error {
        Some(e) => Err(format!(
            "the written container file does not read back: {e}"
        )),
        None => Ok(Walk {
            value: walk.value,
            ..read.walk
        }),
    }
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
    /// A place in the datum's JSON text (the caret).
    Text,
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
    /// The schema editor's text: the current version's.
    pub schema_text: RwSignal<String>,
    /// The schema's versions, oldest first.
    pub versions: RwSignal<Vec<Version>>,
    /// The index of the version the editor shows.
    pub current: RwSignal<usize>,
    /// The datum editor's text (Avro JSON).
    pub datum_text: RwSignal<String>,
    /// The selected span (hovered byte or tree row) and which view selected it.
    pub selected: RwSignal<Option<Selection>>,
    /// The schema, parsed.
    pub schema: Memo<Shared<Result<ParsedSchema, SchemaError>>>,
    /// The datum, encoded.
    pub encoding: Memo<Shared<Encoding>>,
    /// How encoded bytes are framed: `raw`, `confluent`, `single-object` or `ocf` (a container file).
    pub out_frame: RwSignal<String>,
    /// The codec of a written container file.
    pub out_codec: RwSignal<Codec>,
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
    /// The id (as text) of the version the decoded datum is read as (schema resolution); empty reads it
    /// as written.
    pub reader: RwSignal<String>,
    /// The bytes the hex view shows (the encoding or the decoding, by mode).
    pub shown: Memo<Option<Shared<Shown>>>,
}

const STORAGE_KEY: &str = "avro-playground/workspace/v2";

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

/// What the last session saved: the schema versions, the one being edited, and the datum.
struct Saved {
    versions: Vec<Version>,
    current: usize,
    datum: String,
}

/// The workspace saved by the last session, if any and if readable; anything malformed is ignored.
fn restore() -> Option<Saved> {
    let saved = storage()?.get_item(STORAGE_KEY).ok()??;
    // The core's JSON reader, so the page carries one JSON parser, not two.
    let json = parse_json(&saved).ok()?;
    let versions: Vec<Version> = match &json.get("versions")?.value.value {
        JsonValue::Array(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                Some(Version {
                    id: i as u32,
                    name: v.get("name")?.value.as_str()?.to_string(),
                    text: v.get("text")?.value.as_str()?.to_string(),
                    registry_id: v
                        .get("registry_id")
                        .and_then(|r| r.value.as_str())
                        .unwrap_or_default()
                        .to_string(),
                })
            })
            .collect(),
        _ => return None,
    };
    if versions.is_empty() {
        return None;
    }
    let current = match json.get("current").map(|c| &c.value.value) {
        Some(JsonValue::Number(n)) => n.parse::<usize>().unwrap_or(0),
        _ => 0,
    };
    Some(Saved {
        current: current.min(versions.len() - 1),
        versions,
        datum: json.get("datum")?.value.as_str()?.to_string(),
    })
}

fn save(versions: &[Version], current: usize, datum: &str) {
    if let Some(s) = storage() {
        let mut json = String::from("{\"versions\":[");
        for (i, v) in versions.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str("{\"name\":");
            write_json_string(&mut json, &v.name);
            json.push_str(",\"text\":");
            write_json_string(&mut json, &v.text);
            json.push_str(",\"registry_id\":");
            write_json_string(&mut json, &v.registry_id);
            json.push('}');
        }
        json.push_str(&format!("],\"current\":{current},\"datum\":"));
        write_json_string(&mut json, datum);
        json.push('}');
        // A full or disabled storage only loses the autosave, never the page.
        let _ = s.set_item(STORAGE_KEY, &json);
    }
}

/// One version of the schema in the workspace's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// A stable key for lists (survives reordering).
    pub id: u32,
    /// The name shown, e.g. `v2`.
    pub name: String,
    /// The schema text.
    pub text: String,
    /// The id a schema registry gave this version, as typed (a Confluent schema id or GUID; empty when
    /// unknown): Confluent-framed bytes that name it mark this version as their writer.
    pub registry_id: String,
}

impl Workspace {
    /// Creates the workspace from the autosaved texts (or the example) and wires the memos.
    pub fn new() -> Self {
        match restore() {
            Some(saved) => Self::with_versions(saved.versions, saved.current, saved.datum),
            None => Self::with_texts(EXAMPLE_SCHEMA.to_string(), EXAMPLE_DATUM.to_string()),
        }
    }

    /// Creates a workspace holding these texts (no autosave read).
    pub fn with_texts(schema0: String, datum0: String) -> Self {
        let v1 = Version {
            id: 0,
            name: "v1".into(),
            text: schema0,
            registry_id: String::new(),
        };
        Self::with_versions(vec![v1], 0, datum0)
    }

    /// Creates a workspace holding these versions, editing version `current`.
    pub fn with_versions(versions0: Vec<Version>, current0: usize, datum0: String) -> Self {
        let schema0 = versions0
            .get(current0)
            .map(|v| v.text.clone())
            .unwrap_or_default();
        let versions = RwSignal::new(versions0);
        let current = RwSignal::new(current0);
        let schema_text = RwSignal::new(schema0);
        // The editor writes through to the version it shows.
        Effect::new(move |_| {
            let text = schema_text.get();
            let at = current.get_untracked();
            versions.maybe_update(|vs| match vs.get_mut(at) {
                Some(v) if v.text != text => {
                    v.text = text;
                    true
                }
                _ => false,
            });
        });
        let datum_text = RwSignal::new(datum0);
        let schema = Memo::new(move |_| {
            schema_text.with(|t| crate::crash::trip(t));
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
        let out_codec = RwSignal::new(Codec::Null);
        // One random sync marker per page, as writers pick one per file.
        let sync: [u8; SYNC_LEN] = std::array::from_fn(|_| (js_sys::Math::random() * 256.0) as u8);
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
            let container = (out_frame.get() == "ocf").then(|| out_codec.get());
            let encoding = match parsed.0.as_ref() {
                Err(_) => Encoding::NoSchema,
                Ok(p) => match datum_text.with(|t| from_avro_or_plain_json(&p.schema, t)) {
                    Err(e) => Encoding::Datum(e),
                    Ok((value, conversions)) => match write_framed(&p.schema, &value, frame)
                        .map_err(|e| e.to_string())
                        .and_then(|walk| match container {
                            Some(codec) => schema_text.with(|t| container_of(t, codec, walk, sync)),
                            None => Ok(walk),
                        }) {
                        Err(e) => Encoding::Failed(e),
                        Ok(walk) => {
                            let avro_json = (!conversions.is_empty())
                                .then(|| to_avro_json_pretty(&p.schema, &value));
                            Encoding::Bytes(
                                Arc::new(Shown {
                                    schema: p.schema.clone(),
                                    walk,
                                }),
                                Arc::new(Plain {
                                    conversions,
                                    avro_json,
                                }),
                            )
                        }
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
                Encoding::Bytes(a, _) => Some(Shared(a.clone())),
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
            versions,
            current,
            datum_text,
            selected,
            schema,
            encoding,
            out_frame,
            out_codec,
            confluent_id,
            mode,
            bytes_text,
            bytes_file,
            input_format,
            frame,
            decoding,
            message,
            reader: RwSignal::new(String::new()),
            shown,
        }
    }

    /// Saves the texts to local storage whenever they change.
    pub fn autosave(self) {
        Effect::new(move |_| {
            let datum = self.datum_text.get();
            let current = self.current.get();
            self.versions.with(|vs| save(vs, current, &datum));
        });
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Workspace {
    /// Shows version `index` in the editor.
    pub fn select_version(self, index: usize) {
        if let Some(text) = self
            .versions
            .with_untracked(|vs| vs.get(index).map(|v| v.text.clone()))
        {
            self.current.set(index);
            self.schema_text.set(text);
        }
    }

    /// Adds a copy of the current version after the last one, named after it, and selects it.
    pub fn duplicate_version(self) {
        let text = self.schema_text.get_untracked();
        let mut index = 0;
        self.versions.update(|vs| {
            let id = vs.iter().map(|v| v.id).max().map_or(0, |m| m + 1);
            let mut n = vs.len() + 1;
            while vs.iter().any(|v| v.name == format!("v{n}")) {
                n += 1;
            }
            vs.push(Version {
                id,
                name: format!("v{n}"),
                text,
                registry_id: String::new(),
            });
            index = vs.len() - 1;
        });
        self.select_version(index);
    }

    /// Deletes version `index` (never the last one left).
    pub fn delete_version(self, index: usize) {
        let mut remaining = 0;
        self.versions.update(|vs| {
            if vs.len() > 1 && index < vs.len() {
                vs.remove(index);
            }
            remaining = vs.len();
        });
        let current = self.current.get_untracked();
        self.select_version(if current >= remaining {
            remaining - 1
        } else if current > index {
            current - 1
        } else {
            current
        });
    }

    /// Swaps version `index` with the one after it.
    pub fn move_version_later(self, index: usize) {
        let mut moved = false;
        self.versions.update(|vs| {
            if index + 1 < vs.len() {
                vs.swap(index, index + 1);
                moved = true;
            }
        });
        if moved {
            let current = self.current.get_untracked();
            if current == index {
                self.current.set(index + 1);
            } else if current == index + 1 {
                self.current.set(index);
            }
        }
    }

    /// Gives version `index` the id a schema registry knows it by.
    pub fn set_registry_id(self, index: usize, registry_id: String) {
        self.versions.update(|vs| {
            if let Some(v) = vs.get_mut(index) {
                v.registry_id = registry_id;
            }
        });
    }

    /// Renames version `index`.
    pub fn rename_version(self, index: usize, name: String) {
        self.versions.update(|vs| {
            if let Some(v) = vs.get_mut(index) {
                v.name = name;
            }
        });
    }

    /// Replaces every version (a loaded scenario) and selects the newest.
    pub fn load_versions(self, texts: Vec<(String, String)>) {
        let versions: Vec<Version> = texts
            .into_iter()
            .enumerate()
            .map(|(i, (name, text))| Version {
                id: i as u32,
                name,
                text,
                registry_id: String::new(),
            })
            .collect();
        let last = versions.len().saturating_sub(1);
        // A datum that does not fit the newest version makes way for an example that does.
        if let Some(schema) = versions.last().and_then(|v| parse_schema(&v.text).ok()) {
            let fits = self
                .datum_text
                .with_untracked(|t| from_avro_or_plain_json(&schema, t).is_ok());
            if let (false, Some(value)) = (fits, example_value(&schema)) {
                self.datum_text.set(to_avro_json_pretty(&schema, &value));
            }
        }
        // The new versions' ids start over: a reader picked among the old ones would name another.
        self.reader.set(String::new());
        self.versions.set(versions);
        self.select_version(last);
    }
}
