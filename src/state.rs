//! The workspace: the saved document's parts as signals (see [`crate::document`]), the view state (the
//! selection), and what the core computes from them (memos). No effect copies one signal into another:
//! everything shown is derived.

use crate::decoding::{decode_file, decode_paste, ContainerFile, DecodeView, Decoding};
pub use crate::document::Mode;
use crate::document::{Choices, Document, Open, SavedFile, SavedVersion};
use crate::history::{history, History, Parsed};
use crate::version_diff::{compared_pair, diff_memo, Diffed};
use crate::worker::offloaded::{Answer, Offloaded};
use crate::worker::protocol::{ContainerWritten, PasteRead, Reply, Request};
use crate::worker::WorkerError;
use avro_playground_core::avro_json::{
    example_value, from_avro_or_plain_json, from_avro_or_plain_json_parsed, parse_datum,
    to_avro_json_pretty, Conversion, DatumError,
};
use avro_playground_core::container::{Codec, SYNC_LEN};
use avro_playground_core::framing::{write_framed, FrameChoice, FrameOut};
use avro_playground_core::input::InputFormat;
use avro_playground_core::schema::Schema;
use avro_playground_core::source::Json;
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
    /// The worker is writing the container file.
    Loading,
    /// The worker could not write it.
    Worker(WorkerError),
    /// The bytes, with a span for each, and how the datum text differed from Avro JSON.
    Bytes(Arc<Shown>, Arc<Plain>),
}

/// A container file the worker wrote: what it was asked (schema text, codec, datum encoding) and the file.
type Written = Offloaded<(String, Codec, Vec<u8>), Arc<Result<ContainerWritten, String>>>;

/// A paste the worker read: what it was asked (schema text, paste, form, framing, chosen message) and
/// its messages.
type Pasted = Offloaded<Request, Arc<PasteRead>>;

/// A container file the worker read: its bytes and what it read, shown.
type Read = Offloaded<Arc<Vec<u8>>, Option<Arc<ContainerFile>>>;

pub const EXAMPLE_SCHEMA: &str = r#"{
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
pub const EXAMPLE_BYTES: &str = "c3 01 23 46 d4 4b e6 d3 aa 82 08 75 2d 34 32 0a 63 6c 69 63 6b 80 d0 be b7 eb 64 02 06 73 2d 31";

pub const EXAMPLE_DATUM: &str = r#"{
  "user_id": "u-42",
  "event_type": "click",
  "timestamp": 1732406400000,
  "session_id": {"string": "s-1"}
}"#;

/// The datum text parsed as JSON, or where it is not JSON.
pub type ParsedDatum = Shared<Result<Json, DatumError>>;

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

/// The selected span (view state, never saved). A selection belongs to the bytes it was made in: once
/// other bytes are shown it reads as none, with no effect resetting it.
#[derive(Clone, Copy)]
pub struct Selected {
    /// The selection, with the generation of the shown bytes it was made in.
    made: RwSignal<Option<(u64, Selection)>>,
    /// The shown bytes' generation: it grows each time other bytes are shown.
    generation: Memo<(usize, u64)>,
}

impl Selected {
    fn new(shown: Memo<Option<Shared<Shown>>>) -> Self {
        let generation = Memo::new(move |previous: Option<&(usize, u64)>| {
            let at = shown.with(|s| s.as_ref().map_or(0, |s| Arc::as_ptr(&s.0) as usize));
            match previous {
                Some(&(p, g)) if p == at => (p, g),
                Some(&(_, g)) => (at, g + 1),
                None => (at, 0),
            }
        });
        Selected {
            made: RwSignal::new(None),
            generation,
        }
    }

    /// The selection (tracked).
    pub fn get(self) -> Option<Selection> {
        let (_, now) = self.generation.get();
        self.made.get().filter(|(g, _)| *g == now).map(|(_, s)| s)
    }

    /// The selection (untracked).
    pub fn get_untracked(self) -> Option<Selection> {
        untrack(|| self.get())
    }

    /// Selects a span of the bytes shown now (nothing happens when it is already selected).
    pub fn set(self, selection: Option<Selection>) {
        if self.get_untracked() != selection {
            let (_, now) = self.generation.get_untracked();
            self.made.set(selection.map(|s| (now, s)));
        }
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

/// The schema's versions and the one the editor shows, with the edits made to them.
#[derive(Clone, Copy)]
pub struct Versions {
    /// The versions, oldest first (never empty).
    pub list: RwSignal<Vec<Version>>,
    /// The index of the version the editor shows.
    pub current: RwSignal<usize>,
}

impl Versions {
    fn new(saved: Vec<SavedVersion>, current: usize) -> Self {
        let list: Vec<Version> = saved
            .into_iter()
            .enumerate()
            .map(|(i, v)| Version {
                id: i as u32,
                name: v.name,
                text: v.text,
                registry_id: v.registry_id,
            })
            .collect();
        let current = current.min(list.len().saturating_sub(1));
        Versions {
            list: RwSignal::new(list),
            current: RwSignal::new(current),
        }
    }

    /// The edited version's text (tracked).
    pub fn text(self) -> String {
        let at = self.current.get();
        self.list
            .with(|vs| vs.get(at).map(|v| v.text.clone()))
            .unwrap_or_default()
    }

    /// Replaces the edited version's text (what the editor writes).
    pub fn set_text(self, text: String) {
        let at = self.current.get_untracked();
        self.list.maybe_update(|vs| match vs.get_mut(at) {
            Some(v) if v.text != text => {
                v.text = text;
                true
            }
            _ => false,
        });
    }

    /// Shows version `index` in the editor.
    pub fn select(self, index: usize) {
        if index < self.list.with_untracked(Vec::len) {
            self.current.set(index);
        }
    }

    /// Adds a copy of the edited version after the last one, named after it, and selects it.
    pub fn duplicate(self) {
        let mut index = 0;
        let current = self.current.get_untracked();
        self.list.update(|vs| {
            let id = vs.iter().map(|v| v.id).max().map_or(0, |m| m + 1);
            let mut n = vs.len() + 1;
            while vs.iter().any(|v| v.name == format!("v{n}")) {
                n += 1;
            }
            let text = vs.get(current).map(|v| v.text.clone()).unwrap_or_default();
            vs.push(Version {
                id,
                name: format!("v{n}"),
                text,
                registry_id: String::new(),
            });
            index = vs.len() - 1;
        });
        self.select(index);
    }

    /// Deletes version `index` (never the last one left).
    pub fn delete(self, index: usize) {
        let mut remaining = 0;
        self.list.update(|vs| {
            if vs.len() > 1 && index < vs.len() {
                vs.remove(index);
            }
            remaining = vs.len();
        });
        let current = self.current.get_untracked();
        self.current.set(if current >= remaining {
            remaining - 1
        } else if current > index {
            current - 1
        } else {
            current
        });
    }

    /// Swaps version `index` with the one after it.
    pub fn move_later(self, index: usize) {
        let mut moved = false;
        self.list.update(|vs| {
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
        self.list.update(|vs| {
            if let Some(v) = vs.get_mut(index) {
                v.registry_id = registry_id;
            }
        });
    }

    /// Renames version `index`.
    pub fn rename(self, index: usize, name: String) {
        self.list.update(|vs| {
            if let Some(v) = vs.get_mut(index) {
                v.name = name;
            }
        });
    }

    /// The index of the version with list key `id`.
    pub fn index_of(self, id: u32) -> Option<usize> {
        self.list.with(|vs| vs.iter().position(|v| v.id == id))
    }
}

/// The encoder's choices: how the bytes are framed.
#[derive(Clone, Copy)]
pub struct Output {
    /// Raw, Confluent, single-object, or a container file (`Container`); never `Auto`.
    pub frame: RwSignal<FrameChoice>,
    /// The codec of a written container file.
    pub codec: RwSignal<Codec>,
    /// The schema id written in a Confluent frame, as typed.
    pub confluent_id: RwSignal<String>,
}

/// The decoder's input: the pasted text or a file, and how to read it.
#[derive(Clone, Copy)]
pub struct Input {
    /// The pasted bytes (hex, base64, …).
    pub text: RwSignal<String>,
    /// A dropped or chosen file, read as raw bytes instead of the pasted text.
    pub file: RwSignal<Option<(String, Shared<Vec<u8>>)>>,
    /// The paste form; `None` detects it.
    pub format: RwSignal<Option<InputFormat>>,
    /// The framing.
    pub frame: RwSignal<FrameChoice>,
    /// Which message of a several-message paste is shown.
    pub message: RwSignal<usize>,
    /// The version (its list key) that Kafka records' keys are read with; `None` shows them as text.
    pub key_version: RwSignal<Option<u32>>,
}

/// Everything the page shows: the document's parts as signals, the selection, and the memos over them.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The schema's versions and the edited one.
    pub versions: Versions,
    /// The datum editor's text (Avro JSON, or plain JSON).
    pub datum_text: RwSignal<String>,
    /// The encoder's choices.
    pub output: Output,
    /// The decoder's input.
    pub input: Input,
    /// Encode or decode.
    pub mode: RwSignal<Mode>,
    /// The open matrix cell, `(reader, writer)`.
    pub cell: RwSignal<Option<(usize, usize)>>,
    /// The diff's chosen pair, `(old, new)`.
    pub diff: RwSignal<Option<(usize, usize)>>,
    /// The list key ([`Version::id`]) of the version the datum is read as; `None` reads it as written.
    pub reader: RwSignal<Option<u32>>,
    /// The version whose registration the modes table shows; `None`: the newest.
    pub candidate: RwSignal<Option<usize>>,
    /// The selected span (view state).
    pub selected: Selected,
    /// Every version parsed once, and the reader × writer matrix.
    pub history: Memo<Shared<History>>,
    /// The edited version parsed: the history's parse of it, shared.
    pub schema: Memo<Parsed>,
    /// The diff of the edited version with the one before it (the first two when the first is edited),
    /// shared by the diff panel and the cross-version lints; the worker computes it.
    pub edited_diff: Memo<Diffed>,
    /// The datum text parsed as JSON, once per edit.
    pub datum: Memo<ParsedDatum>,
    /// The datum, encoded.
    pub encoding: Memo<Shared<Encoding>>,
    /// The pasted bytes, decoded.
    pub decoding: Memo<Shared<DecodeView>>,
    /// The bytes the hex view shows (the encoding or the decoding, by mode).
    pub shown: Memo<Option<Shared<Shown>>>,
}

/// The example workspace: the UserEvent schema, a datum, and its single-object bytes.
pub fn example() -> Document {
    Document {
        versions: vec![SavedVersion {
            name: "v1".into(),
            text: EXAMPLE_SCHEMA.into(),
            registry_id: String::new(),
        }],
        datum: EXAMPLE_DATUM.into(),
        bytes: EXAMPLE_BYTES.into(),
        ..Document::default()
    }
}

impl Workspace {
    /// Creates a workspace holding these texts, with the example's bytes.
    pub fn with_texts(schema: String, datum: String) -> Self {
        let mut doc = example();
        doc.versions[0].text = schema;
        doc.datum = datum;
        Self::from_document(doc)
    }

    /// Creates the workspace of a saved document and wires the memos.
    pub fn from_document(doc: Document) -> Self {
        let Document {
            versions,
            current,
            datum,
            bytes,
            file,
            choices,
            open,
        } = doc;
        let versions = Versions::new(versions, current);
        let reader = RwSignal::new(
            open.reader
                .and_then(|i| versions.list.with_untracked(|vs| vs.get(i).map(|v| v.id))),
        );
        let history = history(versions.list);
        let current = versions.current;
        let schema = Memo::new(move |_| {
            let at = current.get();
            history
                .with(|h| h.0.schemas.get(at).cloned())
                .unwrap_or_else(|| {
                    Shared(Arc::new(Err(avro_playground_core::schema::SchemaError {
                        message: "no version is selected".into(),
                        pointer: Default::default(),
                        range: Default::default(),
                        position: Default::default(),
                    })))
                })
        });
        let edited_diff = diff_memo(history, move || {
            compared_pair(None, current.get(), history.with(|h| h.0.names.len()))
        });
        let datum_text = RwSignal::new(datum);
        let datum = Memo::new(move |_| Shared(Arc::new(datum_text.with(|t| parse_datum(t)))));
        let output = Output {
            frame: RwSignal::new(choices.out_frame),
            codec: RwSignal::new(choices.out_codec),
            confluent_id: RwSignal::new(choices.confluent_id),
        };
        // One random sync marker per page, as writers pick one per file.
        let sync: [u8; SYNC_LEN] = std::array::from_fn(|_| (js_sys::Math::random() * 256.0) as u8);
        let written = Written::new();
        let encoding = Memo::new(move |_| {
            let parsed = schema.get();
            let Ok(writer) = parsed.0.as_ref() else {
                return Shared(Arc::new(Encoding::NoSchema));
            };
            // The text `writer` was parsed from (a container file's header holds it): read untracked, as
            // `schema` already tracks it, so an edit elsewhere in the history does not encode again.
            let encoding = history.with_untracked(|h| {
                let text = h.0.texts.get(current.get_untracked()).map_or("", |t| t);
                let datum = &datum.get().0;
                encode(writer, text, datum, datum_text, output, (written, sync))
            });
            Shared(Arc::new(encoding))
        });
        let input = Input {
            text: RwSignal::new(bytes),
            file: RwSignal::new(file.map(|f| (f.name, Shared(Arc::new(f.bytes))))),
            format: RwSignal::new(choices.input_format),
            frame: RwSignal::new(choices.frame),
            message: RwSignal::new(open.message),
            key_version: RwSignal::new(
                open.key_version
                    .and_then(|i| versions.list.with_untracked(|vs| vs.get(i).map(|v| v.id))),
            ),
        };
        let read = Read::new();
        let pasted = Pasted::new();
        let read_container = move |bytes: &Arc<Vec<u8>>| {
            let answer = read.get(
                bytes,
                || Request::ReadContainer(bytes.to_vec()),
                |bytes, reply| match reply {
                    // The file's bytes are not sent back: the page keeps its own copy.
                    Reply::ContainerRead(r) => {
                        Some(ContainerFile::new(bytes.to_vec(), r).map(Arc::new))
                    }
                    _ => None,
                },
            );
            match answer {
                Answer::Done(Some(file)) => Answer::Done(file),
                Answer::Done(None) => Answer::Failed(WorkerError::Failed(
                    "internal: the null schema does not parse".into(),
                )),
                Answer::Loading => Answer::Loading,
                Answer::Failed(e) => Answer::Failed(e),
            }
        };
        let decoding = Memo::new(move |_| {
            let view = match schema.get().0.as_ref() {
                Err(_) => DecodeView {
                    messages: Vec::new(),
                    current: 0,
                    decoding: Decoding::NoSchema,
                },
                Ok(s) => match input.file.get() {
                    Some((name, bytes)) => {
                        decode_file(s, &name, &bytes.0, input.frame.get(), &read_container)
                    }
                    None if input.text.with(|t| t.trim().is_empty()) => DecodeView {
                        messages: Vec::new(),
                        current: 0,
                        decoding: Decoding::Empty,
                    },
                    None => {
                        // The text `s` was parsed from: read untracked, as `schema` tracks it.
                        let text = history.with_untracked(|h| {
                            h.0.texts
                                .get(current.get_untracked())
                                .cloned()
                                .unwrap_or_default()
                        });
                        let frame = input.frame.get();
                        let key_schema = input.key_version.get().and_then(|id| {
                            let at = versions
                                .list
                                .with(|vs| vs.iter().position(|v| v.id == id))?;
                            history.with(|h| h.0.texts.get(at).cloned())
                        });
                        let key = Request::ReadPaste {
                            schema: text,
                            text: input.text.get(),
                            format: input.format.get(),
                            frame,
                            chosen: input.message.get(),
                            key_schema,
                        };
                        let request = || key.clone();
                        let take = |_: &_, reply| match reply {
                            Reply::PasteRead(p) => Some(Arc::new(p)),
                            _ => None,
                        };
                        let waiting = |decoding| DecodeView {
                            messages: Vec::new(),
                            current: 0,
                            decoding,
                        };
                        match pasted.get(&key, request, take) {
                            Answer::Done(p) => decode_paste(s, &p, frame, &read_container),
                            Answer::Loading => {
                                waiting(Decoding::Loading("Reading the pasted bytes"))
                            }
                            Answer::Failed(e) => waiting(Decoding::Worker(e)),
                        }
                    }
                },
            };
            Shared(Arc::new(view))
        });
        let mode = RwSignal::new(open.mode);
        let shown = Memo::new(move |_| match mode.get() {
            Mode::Encode => match encoding.get().0.as_ref() {
                Encoding::Bytes(a, _) => Some(Shared(a.clone())),
                _ => None,
            },
            Mode::Decode => decoding.get().0.decoding.shown().map(Shared),
        });
        Workspace {
            versions,
            datum_text,
            output,
            input,
            mode,
            cell: RwSignal::new(open.cell),
            diff: RwSignal::new(open.diff),
            reader,
            candidate: RwSignal::new(open.candidate),
            selected: Selected::new(shown),
            history,
            schema,
            edited_diff,
            datum,
            encoding,
            decoding,
            shown,
        }
    }

    /// The saved document of this workspace, as it stands (untracked).
    pub fn document(self) -> Document {
        let (versions, current) = (self.versions.list, self.versions.current);
        Document {
            versions: versions.with_untracked(|vs| {
                vs.iter()
                    .map(|v| SavedVersion {
                        name: v.name.clone(),
                        text: v.text.clone(),
                        registry_id: v.registry_id.clone(),
                    })
                    .collect()
            }),
            current: current.get_untracked(),
            datum: self.datum_text.get_untracked(),
            bytes: self.input.text.get_untracked(),
            file: self
                .input
                .file
                .get_untracked()
                .map(|(name, bytes)| SavedFile {
                    name,
                    bytes: bytes.0.as_ref().clone(),
                }),
            choices: Choices {
                out_frame: self.output.frame.get_untracked(),
                out_codec: self.output.codec.get_untracked(),
                confluent_id: self.output.confluent_id.get_untracked(),
                input_format: self.input.format.get_untracked(),
                frame: self.input.frame.get_untracked(),
            },
            open: Open {
                mode: self.mode.get_untracked(),
                cell: self.cell.get_untracked(),
                diff: self.diff.get_untracked(),
                reader: self.reader.get_untracked().and_then(|id| {
                    versions.with_untracked(|vs| vs.iter().position(|v| v.id == id))
                }),
                message: self.input.message.get_untracked(),
                candidate: self.candidate.get_untracked(),
                key_version: self.input.key_version.get_untracked().and_then(|id| {
                    versions.with_untracked(|vs| vs.iter().position(|v| v.id == id))
                }),
            },
        }
    }

    /// Tracks every part of the saved document (for the autosave).
    pub fn track_document(self) {
        self.versions.list.track();
        self.versions.current.track();
        self.datum_text.track();
        self.input.text.track();
        self.input.file.track();
        self.input.format.track();
        self.input.frame.track();
        self.input.message.track();
        self.input.key_version.track();
        self.output.frame.track();
        self.output.codec.track();
        self.output.confluent_id.track();
        self.mode.track();
        self.cell.track();
        self.diff.track();
        self.reader.track();
        self.candidate.track();
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
        if let Some(schema) = versions
            .last()
            .and_then(|v| avro_playground_core::schema::parse_schema(&v.text).ok())
        {
            let fits = self
                .datum_text
                .with_untracked(|t| from_avro_or_plain_json(&schema, t).is_ok());
            if let (false, Some(value)) = (fits, example_value(&schema)) {
                self.datum_text.set(to_avro_json_pretty(&schema, &value));
            }
        }
        // The new versions' ids start over: a reader picked among the old ones would name another.
        self.reader.set(None);
        self.input.key_version.set(None);
        self.cell.set(None);
        self.diff.set(None);
        self.candidate.set(None);
        self.versions.list.set(versions);
        self.versions.current.set(last);
    }
}

/// Encodes the parsed datum with `writer` (the edited version, whose text is `schema_text`) under the
/// output choices.
fn encode(
    writer: &Arc<Schema>,
    schema_text: &str,
    datum: &Result<Json, DatumError>,
    datum_text: RwSignal<String>,
    output: Output,
    (written, sync): (Written, [u8; SYNC_LEN]),
) -> Encoding {
    let frame = match output.frame.get() {
        FrameChoice::Confluent => match output.confluent_id.get().trim().parse::<u32>() {
            Ok(id) => FrameOut::Confluent(id),
            Err(_) => {
                return Encoding::Failed(
                    "the Confluent schema id must be a whole number from 0 to 4294967295".into(),
                )
            }
        },
        FrameChoice::SingleObject => FrameOut::SingleObject,
        FrameChoice::Raw | FrameChoice::Auto | FrameChoice::Container => FrameOut::Raw,
    };
    let container = (output.frame.get() == FrameChoice::Container).then(|| output.codec.get());
    let json = match datum {
        Ok(json) => json,
        Err(e) => return Encoding::Datum(e.clone()),
    };
    let read = datum_text.with(|t| from_avro_or_plain_json_parsed(writer, json, t));
    let (value, conversions) = match read {
        Ok(read) => read,
        Err(e) => return Encoding::Datum(e),
    };
    let walk = match write_framed(writer, &value, frame) {
        Err(e) => return Encoding::Failed(e.to_string()),
        Ok(walk) => walk,
    };
    let walk = match container {
        None => walk,
        Some(codec) => {
            let key = (schema_text.to_string(), codec, walk.bytes);
            let request = || Request::WriteContainer {
                schema: key.0.clone(),
                codec,
                datum: key.2.clone(),
                sync,
            };
            let take = |_: &_, reply| match reply {
                Reply::ContainerWritten(w) => Some(Arc::new(w)),
                _ => None,
            };
            match written.get(&key, request, take) {
                Answer::Loading => return Encoding::Loading,
                Answer::Failed(e) => return Encoding::Worker(e),
                Answer::Done(file) => match file.as_ref() {
                    Err(e) => return Encoding::Failed(e.clone()),
                    // The datum's value stays with the file's walk.
                    Ok(file) => Walk {
                        bytes: file.bytes.clone(),
                        spans: file.spans.clone(),
                        value: walk.value,
                        error: None,
                        end: file.end,
                    },
                },
            }
        }
    };
    let avro_json = (!conversions.is_empty()).then(|| to_avro_json_pretty(writer, &value));
    Encoding::Bytes(
        Arc::new(Shown {
            schema: writer.clone(),
            walk,
        }),
        Arc::new(Plain {
            conversions,
            avro_json,
        }),
    )
}
