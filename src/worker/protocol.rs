//! What the page and its worker say to each other. Compiled into both binaries (the page's through the
//! lib's `worker` module, the worker's from `worker/main.rs`), so they agree on it at build time; at run
//! time they check the build id, since the worker's files have fixed names and may come from an older cache.
//!
//! Every message is a JS array whose first item is its tag, written and read by hand over js-sys: in a
//! trial, gloo-worker (bincode and its actor runtime) cost the page 4.5 KB gzip more than this, and copies
//! the bytes where this transfers them.
//! - worker → page, once its wasm has started: `["ready", build_id]` (a message posted earlier is lost);
//! - page → worker: `["ask", build_id, seq, kind, ...fields]`;
//! - worker → page: `["answer", seq, kind, ...fields]`, or `["mismatch", worker_build_id, seq]`.
//!
//! Large byte fields (spans, file bytes) travel as typed arrays whose buffers are transferred, not copied.

use avro_playground_core::container::{Codec, SYNC_LEN};
use avro_playground_core::evolution::{Change, Effect, Verdict};
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::input::InputFormat;
use avro_playground_core::lint::Lint;
use avro_playground_core::schema::SchemaId;
use avro_playground_core::walker::{DecodeError, Part, Span};
use js_sys::{Array, Uint32Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// The page's and the worker's build (`build.rs`): the package version and a hash of the sources.
pub const BUILD_ID: &str = env!("AVRO_PLAYGROUND_BUILD_ID");

/// Where the worker's loader is, relative to the page (Trunk writes it next to index.html, unhashed).
pub const WORKER_URL: &str = "./avro-playground-worker_loader.js";

/// The start of a link's fragment after `#`: the link's format, raw deflate then base64url of a saved
/// document's JSON (which carries its own format too).
pub const LINK_FORMAT: &str = "w1.";

/// The most a link's fragment may unpack to: far more than any workspace the page writes, so a hostile link
/// cannot make it allocate without bound.
pub const MAX_LINK_DOCUMENT: usize = 16 << 20;

/// Records of a container file sent back for the list; the hex view and the tree show every byte
/// regardless. Keeping only these bounds the answer's size by the spans, not the records.
pub const MAX_RECORDS_SHOWN: usize = 200;

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Read these bytes as an Object Container File.
    ReadContainer(Vec<u8>),
    /// Write one datum's binary encoding as a one-record container file.
    WriteContainer {
        /// The writer schema's text (the file's `avro.schema`).
        schema: String,
        /// The block codec.
        codec: Codec,
        /// The datum's binary encoding.
        datum: Vec<u8>,
        /// The sync marker.
        sync: [u8; SYNC_LEN],
    },
    /// The scenario gallery.
    Scenarios,
    /// Read a paste (one message or several) with a schema, under a framing.
    ReadPaste {
        /// The schema's text.
        schema: String,
        /// The pasted text.
        text: String,
        /// The paste form; `None` detects it.
        format: Option<InputFormat>,
        /// The framing.
        frame: FrameChoice,
        /// Which message of several is chosen.
        chosen: usize,
        /// The schema text Kafka records' keys are read with; `None` shows them as text.
        key_schema: Option<String>,
    },
    /// A schema's Parsing Canonical Form and fingerprints (the hashes are not in the first load).
    Fingerprints(String),
    /// A saved document's JSON packed for a link's fragment.
    PackLink(String),
    /// A link's fragment unpacked into a saved document's JSON, which the worker checks reads.
    UnpackLink(String),
    /// A workspace file's text, which the worker checks is a saved document that reads.
    CheckDocument(String),
    /// Datums read with another version as the reader (Schema Resolution), as the page shows them.
    ReadWith {
        /// The writer schema's text.
        writer: String,
        /// The reader schema's text.
        reader: String,
        /// The reader version's name.
        name: String,
        /// The datums, each in the writer's binary encoding.
        datums: Vec<Vec<u8>>,
        /// Whether these are a container file's records.
        several: bool,
    },
    /// The semantic diff of two versions, with the lints it gives the new one.
    Diff {
        /// The old version's text.
        old: String,
        /// The new version's text.
        new: String,
        /// The old version's name (the lints name it).
        old_name: String,
    },
}

/// A message in a paste of several: where it is and how it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageLine {
    /// Its 1-based line in the paste.
    pub line: usize,
    /// What it decoded to, in one line.
    pub summary: String,
    /// Whether it decoded cleanly.
    pub ok: bool,
    /// What the tool printed beside the value, for a record of a Kafka tool's JSON (`kcat -J`, the REST
    /// Proxy, …): its fields as the list shows them, each with its name (`partition 0`, `key "user-1"`);
    /// empty for a line.
    pub envelope: Vec<String>,
}

/// The chosen message of a paste, as read from the text (the page decodes its bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// Nothing pasted.
    Empty,
    /// An empty line among several messages: a null value.
    Tombstone,
    /// The text is not in the chosen form.
    Input(String),
    /// The message's bytes, and how the paste was recognised.
    Bytes {
        /// How the paste was recognised.
        note: String,
        /// The bytes.
        bytes: Vec<u8>,
    },
}

/// A paste read: every message's summary (when there are several) and the chosen one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteRead {
    /// One entry per message when the paste holds several; empty for one.
    pub messages: Vec<MessageLine>,
    /// The index of the chosen message.
    pub current: usize,
    /// The chosen message.
    pub chosen: Chosen,
}

/// What one change does to reading in one direction, as the diff shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectView {
    /// Compatible, on a condition, or not.
    pub verdict: Verdict,
    /// The rule it follows, in one line.
    pub reason: String,
}

/// One change of a diff, as the diff panel shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeView {
    /// The change's kind (`field-added`).
    pub kind: String,
    /// The change in words.
    pub message: String,
    /// New consumers reading old data.
    pub backward: EffectView,
    /// Old consumers reading new data.
    pub forward: EffectView,
    /// Where it is in the old text (a JSON pointer).
    pub old_pointer: String,
    /// Where it is in the new text.
    pub new_pointer: String,
}

/// A lint as the schema panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintView {
    /// The rule's id.
    pub rule: String,
    /// The rule explained.
    pub explanation: String,
    /// Where, as `line:column`.
    pub position: String,
    /// What is wrong, in words.
    pub message: String,
    /// Where, as a JSON pointer.
    pub pointer: String,
    /// The schema text with the safe fix applied, when one is safe.
    pub fixed_text: Option<String>,
}

/// A diff of two versions and the cross-version lints of the new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffAnswer {
    /// The changes.
    pub changes: Vec<ChangeView>,
    /// The lints of the new version against the old.
    pub lints: Vec<LintView>,
}

/// A container file read: as much as could be read, and the first problem.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerRead {
    /// The header's `avro.schema` text, when it parses (the spans name its nodes).
    pub schema: Option<String>,
    /// The codec, block, record and metadata counts in words.
    pub summary: String,
    /// The spans over the file's bytes.
    pub spans: Vec<Span>,
    /// Where reading broke off, for the views to mark.
    pub walk_error: Option<DecodeError>,
    /// Where the spans end.
    pub end: usize,
    /// The first [`MAX_RECORDS_SHOWN`] records: their block number and their binary encoding.
    pub records: Vec<(u32, Vec<u8>)>,
    /// How many records were read in all.
    pub record_count: u64,
    /// The first problem, naming where.
    pub error: Option<String>,
}

/// A container file written, with a span for each byte.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerWritten {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its spans.
    pub spans: Vec<Span>,
    /// Where the spans end.
    pub end: usize,
}

/// A scenario of the gallery, owned (the worker's static data, sent over).
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioText {
    /// A stable identifier.
    pub id: String,
    /// The title.
    pub title: String,
    /// What happens.
    pub story: String,
    /// The versions' texts, oldest first.
    pub versions: Vec<String>,
    /// The specification's section.
    pub spec_section: String,
    /// The rule it teaches.
    pub rule: String,
    /// The stated verdicts of each adjacent pair: (backward, forward).
    pub steps: Vec<(bool, bool)>,
    /// The stated verdict of each registry mode, in the order of `compat::Mode::ALL`.
    pub modes: Vec<bool>,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// A container file read.
    ContainerRead(ContainerRead),
    /// A container file written, or why it could not be.
    ContainerWritten(Result<ContainerWritten, String>),
    /// The scenario gallery.
    Scenarios(Vec<ScenarioText>),
    /// A paste read.
    PasteRead(PasteRead),
    /// A diff, or why there is none (a version does not parse).
    Diffed(Result<DiffAnswer, String>),
    /// The resolution of [`Request::ReadWith`], as HTML (built with `html::Markup`, which escapes).
    ReadWith(String),
    /// A link's fragment (for [`Request::PackLink`]), or a saved document's JSON (for
    /// [`Request::UnpackLink`] and [`Request::CheckDocument`]), or why not.
    Link(Result<String, String>),
    /// A schema's canonical form, then its CRC-64-AVRO (little-endian), MD5 and SHA-256 in hex; or why
    /// not.
    Fingerprints(Result<[String; 4], String>),
}

impl From<&Lint> for LintView {
    fn from(l: &Lint) -> Self {
        LintView {
            rule: l.rule.id().into(),
            explanation: l.rule.explanation().into(),
            position: l.position.to_string(),
            message: l.message.clone(),
            pointer: l.pointer.to_string(),
            fixed_text: l.fixed_text.clone(),
        }
    }
}

impl From<&Change> for ChangeView {
    fn from(c: &Change) -> Self {
        let effect = |e: &Effect| EffectView {
            verdict: e.verdict,
            reason: e.reason.clone(),
        };
        ChangeView {
            kind: c.kind.id().into(),
            message: c.message.clone(),
            backward: effect(&c.backward),
            forward: effect(&c.forward),
            old_pointer: c.old_pointer.to_string(),
            new_pointer: c.new_pointer.to_string(),
        }
    }
}

/// Every [`Part`], in declaration order: `part as u32` indexes it.
const PARTS: [Part; 20] = [
    Part::Value,
    Part::Length,
    Part::Content,
    Part::BranchIndex,
    Part::BlockCount,
    Part::BlockSize,
    Part::BlockEnd,
    Part::MapKey,
    Part::Magic,
    Part::SchemaRef,
    Part::Fingerprint,
    Part::Trailing,
    Part::Header,
    Part::Metadata,
    Part::Block,
    Part::ObjectCount,
    Part::DataSize,
    Part::Compressed,
    Part::Checksum,
    Part::Sync,
];

/// Words per span in a message: start, end, parent, schema node, part, index.
const SPAN_WORDS: usize = 6;

/// A message being written: its items, and the buffers to transfer with it.
pub struct Writer {
    items: Array,
    transfer: Array,
}

impl Writer {
    fn new(tag: &str) -> Self {
        let items = Array::new();
        items.push(&tag.into());
        Writer {
            items,
            transfer: Array::new(),
        }
    }

    fn push(&mut self, value: impl Into<JsValue>) -> &mut Self {
        self.items.push(&value.into());
        self
    }

    fn optional(&mut self, value: Option<&str>) -> &mut Self {
        self.push(value.map_or(JsValue::NULL, JsValue::from))
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        let array = Uint8Array::from(bytes);
        self.transfer.push(&array.buffer());
        self.push(array)
    }

    fn words(&mut self, words: &[u32]) -> &mut Self {
        let array = Uint32Array::from(words);
        self.transfer.push(&array.buffer());
        self.push(array)
    }

    /// Byte strings: their lengths, then all their bytes in one transferred buffer.
    fn byte_strings(&mut self, strings: &[Vec<u8>]) -> &mut Self {
        let lengths: Vec<u32> = strings.iter().map(|s| s.len() as u32).collect();
        self.words(&lengths).bytes(&strings.concat())
    }

    fn spans(&mut self, spans: &[Span]) -> &mut Self {
        let mut words = Vec::with_capacity(spans.len() * SPAN_WORDS);
        for s in spans {
            words.extend([s.start, s.end, s.parent, s.schema.0, s.part as u32, s.index]);
        }
        self.words(&words)
    }

    /// The message and its transfer list, for `postMessage`.
    pub fn finish(self) -> (Array, Array) {
        (self.items, self.transfer)
    }
}

/// A message being read, item by item; a missing or mistyped item is an error naming it.
pub struct Reader {
    items: Array,
    at: u32,
}

impl Reader {
    /// Reads `data`, which must be an array whose first item is a tag; returns the tag.
    pub fn new(data: JsValue) -> Result<(String, Self), String> {
        let items: Array = data
            .dyn_into()
            .map_err(|_| "a message that is not an array".to_string())?;
        let mut reader = Reader { items, at: 0 };
        let tag = reader.string()?;
        Ok((tag, reader))
    }

    fn next(&mut self) -> JsValue {
        let value = self.items.get(self.at);
        self.at += 1;
        value
    }

    fn malformed(&self, what: &str) -> String {
        format!("item {} of the message is not {what}", self.at - 1)
    }

    /// The next item, a string.
    pub fn string(&mut self) -> Result<String, String> {
        self.next()
            .as_string()
            .ok_or_else(|| self.malformed("a string"))
    }

    fn optional(&mut self) -> Result<Option<String>, String> {
        let value = self.next();
        if value.is_null() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| self.malformed("a string or null"))
    }

    /// The next item, a whole number.
    pub fn number(&mut self) -> Result<u64, String> {
        match self.next().as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= (1u64 << 53) as f64 => Ok(n as u64),
            _ => Err(self.malformed("a whole number")),
        }
    }

    fn flag(&mut self) -> Result<bool, String> {
        self.next()
            .as_bool()
            .ok_or_else(|| self.malformed("a boolean"))
    }

    fn bytes(&mut self) -> Result<Vec<u8>, String> {
        let value = self.next();
        match value.dyn_ref::<Uint8Array>() {
            Some(array) => Ok(array.to_vec()),
            None => Err(self.malformed("a Uint8Array")),
        }
    }

    fn words(&mut self) -> Result<Vec<u32>, String> {
        let value = self.next();
        match value.dyn_ref::<Uint32Array>() {
            Some(array) => Ok(array.to_vec()),
            None => Err(self.malformed("a Uint32Array")),
        }
    }

    /// Byte strings written by `Writer::byte_strings`.
    fn byte_strings(&mut self) -> Result<Vec<Vec<u8>>, String> {
        let lengths = self.words()?;
        let bytes = self.bytes()?;
        let mut at = 0usize;
        lengths
            .into_iter()
            .map(|len| {
                let string = bytes
                    .get(at..at + len as usize)
                    .ok_or_else(|| self.malformed("byte strings within their bytes"))?;
                at += len as usize;
                Ok(string.to_vec())
            })
            .collect()
    }

    fn spans(&mut self) -> Result<Vec<Span>, String> {
        let words = self.words()?;
        if words.len() % SPAN_WORDS != 0 {
            return Err(self.malformed("whole spans"));
        }
        words
            .chunks_exact(SPAN_WORDS)
            .map(|w| {
                Ok(Span {
                    start: w[0],
                    end: w[1],
                    parent: w[2],
                    schema: SchemaId(w[3]),
                    part: *PARTS
                        .get(w[4] as usize)
                        .ok_or_else(|| self.malformed("spans of known parts"))?,
                    index: w[5],
                })
            })
            .collect()
    }

    fn list(&mut self) -> Result<Vec<Reader>, String> {
        let value = self.next();
        let Some(list) = value.dyn_ref::<Array>() else {
            return Err(self.malformed("an array"));
        };
        Ok(list
            .iter()
            .map(|item| Reader {
                items: item.dyn_into().unwrap_or_default(),
                at: 0,
            })
            .collect())
    }
}

impl Request {
    fn kind(&self) -> &'static str {
        match self {
            Request::ReadContainer(_) => "read-container",
            Request::WriteContainer { .. } => "write-container",
            Request::Scenarios => "scenarios",
            Request::ReadPaste { .. } => "read-paste",
            Request::Diff { .. } => "diff",
            Request::Fingerprints(_) => "fingerprints",
            Request::ReadWith { .. } => "read-with",
            Request::PackLink(_) => "pack-link",
            Request::UnpackLink(_) => "unpack-link",
            Request::CheckDocument(_) => "check-document",
        }
    }

    /// The `ask` message for request number `seq`.
    pub fn to_message(&self, seq: u32) -> (Array, Array) {
        let mut out = Writer::new("ask");
        out.push(BUILD_ID).push(seq).push(self.kind());
        match self {
            Request::ReadContainer(bytes) => {
                out.bytes(bytes);
            }
            Request::WriteContainer {
                schema,
                codec,
                datum,
                sync,
            } => {
                out.push(schema.as_str())
                    .push(codec.name())
                    .bytes(datum)
                    .bytes(sync);
            }
            Request::Scenarios => {}
            Request::ReadPaste {
                schema,
                text,
                format,
                frame,
                chosen,
                key_schema,
            } => {
                out.push(schema.as_str())
                    .push(text.as_str())
                    .push(format.map_or("auto", InputFormat::name))
                    .push(frame.name())
                    .push(*chosen as u32)
                    .optional(key_schema.as_deref());
            }
            Request::Diff { old, new, old_name } => {
                out.push(old.as_str())
                    .push(new.as_str())
                    .push(old_name.as_str());
            }
            Request::Fingerprints(text)
            | Request::PackLink(text)
            | Request::UnpackLink(text)
            | Request::CheckDocument(text) => {
                out.push(text.as_str());
            }
            Request::ReadWith {
                writer,
                reader,
                name,
                datums,
                several,
            } => {
                out.push(writer.as_str())
                    .push(reader.as_str())
                    .push(name.as_str())
                    .push(*several)
                    .byte_strings(datums);
            }
        }
        out.finish()
    }

    /// Reads an `ask` message after its tag, build id and number.
    pub fn read(message: &mut Reader) -> Result<Request, String> {
        let kind = message.string()?;
        let request = match kind.as_str() {
            "read-container" => Request::ReadContainer(message.bytes()?),
            "write-container" => Request::WriteContainer {
                schema: message.string()?,
                codec: message
                    .string()?
                    .parse()
                    .map_err(|_| message.malformed("a codec"))?,
                datum: message.bytes()?,
                sync: message
                    .bytes()?
                    .try_into()
                    .map_err(|_| message.malformed("a 16-byte sync marker"))?,
            },
            "scenarios" => Request::Scenarios,
            "read-paste" => Request::ReadPaste {
                schema: message.string()?,
                text: message.string()?,
                format: match message.string()?.as_str() {
                    "auto" => None,
                    name => Some(
                        name.parse()
                            .map_err(|_| message.malformed("a paste form"))?,
                    ),
                },
                frame: message
                    .string()?
                    .parse()
                    .map_err(|_| message.malformed("a framing"))?,
                chosen: message.number()? as usize,
                key_schema: message.optional()?,
            },
            "diff" => Request::Diff {
                old: message.string()?,
                new: message.string()?,
                old_name: message.string()?,
            },
            "fingerprints" => Request::Fingerprints(message.string()?),
            "pack-link" => Request::PackLink(message.string()?),
            "unpack-link" => Request::UnpackLink(message.string()?),
            "check-document" => Request::CheckDocument(message.string()?),
            "read-with" => {
                let (writer, reader, name) =
                    (message.string()?, message.string()?, message.string()?);
                let several = message.flag()?;
                let datums = message.byte_strings()?;
                Request::ReadWith {
                    writer,
                    reader,
                    name,
                    datums,
                    several,
                }
            }
            other => return Err(format!("an unknown request: {other}")),
        };
        Ok(request)
    }
}

impl Reply {
    /// The `answer` message to request number `seq`.
    pub fn to_message(&self, seq: u32) -> (Array, Array) {
        let mut out = Writer::new("answer");
        out.push(seq);
        match self {
            Reply::ContainerRead(r) => {
                out.push("container-read")
                    .optional(r.schema.as_deref())
                    .push(r.summary.as_str())
                    .spans(&r.spans);
                match &r.walk_error {
                    Some(e) => out
                        .push(e.offset as f64)
                        .push(e.message.as_str())
                        .push(e.path.as_str()),
                    None => out.push(JsValue::NULL).push("").push(""),
                };
                let (blocks, records): (Vec<u32>, Vec<Vec<u8>>) = r.records.iter().cloned().unzip();
                out.push(r.end as f64)
                    .words(&blocks)
                    .byte_strings(&records)
                    .push(r.record_count as f64)
                    .optional(r.error.as_deref());
            }
            Reply::ContainerWritten(Ok(w)) => {
                out.push("container-written")
                    .push(true)
                    .bytes(&w.bytes)
                    .spans(&w.spans)
                    .push(w.end as f64);
            }
            Reply::ContainerWritten(Err(e)) => {
                out.push("container-written").push(false).push(e.as_str());
            }
            Reply::Scenarios(list) => {
                let all = Array::new();
                for s in list {
                    let mut one = Writer::new(&s.id);
                    one.push(s.title.as_str())
                        .push(s.story.as_str())
                        .push(s.spec_section.as_str())
                        .push(s.rule.as_str())
                        .push(s.versions.iter().map(JsValue::from).collect::<Array>())
                        .push(
                            s.steps
                                .iter()
                                .map(|&(b, f)| JsValue::from(u8::from(b) | u8::from(f) << 1))
                                .collect::<Array>(),
                        )
                        .push(s.modes.iter().map(|&m| JsValue::from(m)).collect::<Array>());
                    all.push(&one.items);
                }
                out.push("scenarios").push(all);
            }
            Reply::PasteRead(p) => {
                let lines: Vec<u32> = p
                    .messages
                    .iter()
                    .flat_map(|m| [m.line as u32, u32::from(m.ok)])
                    .collect();
                out.push("paste-read")
                    .words(&lines)
                    .push(
                        p.messages
                            .iter()
                            .map(|m| JsValue::from(&m.summary))
                            .collect::<Array>(),
                    )
                    .push(
                        p.messages
                            .iter()
                            .map(|m| m.envelope.iter().map(JsValue::from).collect::<Array>())
                            .collect::<Array>(),
                    )
                    .push(p.current as u32);
                match &p.chosen {
                    Chosen::Empty => out.push("empty").push(""),
                    Chosen::Tombstone => out.push("tombstone").push(""),
                    Chosen::Input(e) => out.push("input").push(e.as_str()),
                    Chosen::Bytes { note, bytes } => {
                        out.push("bytes").push(note.as_str()).bytes(bytes)
                    }
                };
            }
            Reply::ReadWith(html) => {
                out.push("read-with").push(html.as_str());
            }
            Reply::Link(answer) => {
                let (ok, text) = match answer {
                    Ok(t) => (true, t),
                    Err(e) => (false, e),
                };
                out.push("link").push(ok).push(text.as_str());
            }
            Reply::Fingerprints(Ok(texts)) => {
                out.push("fingerprints").push(true);
                for t in texts {
                    out.push(t.as_str());
                }
            }
            Reply::Fingerprints(Err(e)) => {
                out.push("fingerprints").push(false).push(e.as_str());
            }
            Reply::Diffed(Err(e)) => {
                out.push("diffed").push(false).push(e.as_str());
            }
            Reply::Diffed(Ok(d)) => {
                let changes = Array::new();
                for c in &d.changes {
                    let mut one = Writer::new(&c.kind);
                    one.push(c.message.as_str())
                        .push(c.backward.verdict.as_str())
                        .push(c.backward.reason.as_str())
                        .push(c.forward.verdict.as_str())
                        .push(c.forward.reason.as_str())
                        .push(c.old_pointer.as_str())
                        .push(c.new_pointer.as_str());
                    changes.push(&one.items);
                }
                let lints = Array::new();
                for l in &d.lints {
                    let mut one = Writer::new(&l.rule);
                    one.push(l.explanation.as_str())
                        .push(l.position.as_str())
                        .push(l.message.as_str())
                        .push(l.pointer.as_str())
                        .optional(l.fixed_text.as_deref());
                    lints.push(&one.items);
                }
                out.push("diffed").push(true).push(changes).push(lints);
            }
        }
        out.finish()
    }

    /// Reads an `answer` message after its tag and the number of the request it answers.
    pub fn read(message: &mut Reader) -> Result<Reply, String> {
        let kind = message.string()?;
        let reply = match kind.as_str() {
            "container-read" => {
                let schema = message.optional()?;
                let summary = message.string()?;
                let spans = message.spans()?;
                let offset = message.next();
                let (message_text, path) = (message.string()?, message.string()?);
                let walk_error = offset.as_f64().map(|o| DecodeError {
                    offset: o as usize,
                    message: message_text,
                    path,
                });
                let end = message.number()? as usize;
                let blocks = message.words()?;
                let encoded = message.byte_strings()?;
                if blocks.len() != encoded.len() {
                    return Err(message.malformed("a block number for each record"));
                }
                let records = blocks.into_iter().zip(encoded).collect();
                Reply::ContainerRead(ContainerRead {
                    schema,
                    summary,
                    spans,
                    walk_error,
                    end,
                    records,
                    record_count: message.number()?,
                    error: message.optional()?,
                })
            }
            "container-written" => Reply::ContainerWritten(if message.flag()? {
                Ok(ContainerWritten {
                    bytes: message.bytes()?,
                    spans: message.spans()?,
                    end: message.number()? as usize,
                })
            } else {
                Err(message.string()?)
            }),
            "scenarios" => {
                let mut list = Vec::new();
                for mut s in message.list()? {
                    let id = s.string()?;
                    let (title, story) = (s.string()?, s.string()?);
                    let (spec_section, rule) = (s.string()?, s.string()?);
                    let versions = s.list_of(|v| v.as_string())?;
                    let steps =
                        s.list_of(|v| v.as_f64().map(|n| (n as u8 & 1 == 1, n as u8 & 2 == 2)))?;
                    let modes = s.list_of(|v| v.as_bool())?;
                    list.push(ScenarioText {
                        id,
                        title,
                        story,
                        versions,
                        spec_section,
                        rule,
                        steps,
                        modes,
                    });
                }
                Reply::Scenarios(list)
            }
            "paste-read" => {
                let lines = message.words()?;
                let summaries = message.list_of(|v| v.as_string())?;
                let envelopes = message.list_of(|v| {
                    v.dyn_into::<Array>()
                        .ok()?
                        .iter()
                        .map(|field| field.as_string())
                        .collect::<Option<Vec<_>>>()
                })?;
                if lines.len() != summaries.len() * 2 || summaries.len() != envelopes.len() {
                    return Err(message.malformed("a summary and an envelope for each message"));
                }
                let messages = lines
                    .chunks_exact(2)
                    .zip(summaries)
                    .zip(envelopes)
                    .map(|((w, summary), envelope)| MessageLine {
                        line: w[0] as usize,
                        summary,
                        ok: w[1] == 1,
                        envelope,
                    })
                    .collect();
                let current = message.number()? as usize;
                let (kind, text) = (message.string()?, message.string()?);
                let chosen = match kind.as_str() {
                    "empty" => Chosen::Empty,
                    "tombstone" => Chosen::Tombstone,
                    "input" => Chosen::Input(text),
                    "bytes" => Chosen::Bytes {
                        note: text,
                        bytes: message.bytes()?,
                    },
                    _ => return Err(message.malformed("a message's kind")),
                };
                Reply::PasteRead(PasteRead {
                    messages,
                    current,
                    chosen,
                })
            }
            "read-with" => Reply::ReadWith(message.string()?),
            "link" => {
                let ok = message.flag()?;
                let text = message.string()?;
                Reply::Link(if ok { Ok(text) } else { Err(text) })
            }
            "fingerprints" => Reply::Fingerprints(if message.flag()? {
                Ok([
                    message.string()?,
                    message.string()?,
                    message.string()?,
                    message.string()?,
                ])
            } else {
                Err(message.string()?)
            }),
            "diffed" => Reply::Diffed(if message.flag()? {
                let mut changes = Vec::new();
                for mut c in message.list()? {
                    let kind = c.string()?;
                    let text = c.string()?;
                    let backward = c.effect()?;
                    let forward = c.effect()?;
                    changes.push(ChangeView {
                        kind,
                        message: text,
                        backward,
                        forward,
                        old_pointer: c.string()?,
                        new_pointer: c.string()?,
                    });
                }
                let mut lints = Vec::new();
                for mut l in message.list()? {
                    lints.push(LintView {
                        rule: l.string()?,
                        explanation: l.string()?,
                        position: l.string()?,
                        message: l.string()?,
                        pointer: l.string()?,
                        fixed_text: l.optional()?,
                    });
                }
                Ok(DiffAnswer { changes, lints })
            } else {
                Err(message.string()?)
            }),
            other => return Err(format!("an unknown answer: {other}")),
        };
        Ok(reply)
    }
}

impl Reader {
    fn effect(&mut self) -> Result<EffectView, String> {
        let verdict = match self.string()?.as_str() {
            "compatible" => Verdict::Compatible,
            "compatible-with-condition" => Verdict::CompatibleWithCondition,
            "incompatible" => Verdict::Incompatible,
            _ => return Err(self.malformed("a verdict")),
        };
        Ok(EffectView {
            verdict,
            reason: self.string()?,
        })
    }

    fn list_of<T>(&mut self, item: impl Fn(JsValue) -> Option<T>) -> Result<Vec<T>, String> {
        let value = self.next();
        let Some(list) = value.dyn_ref::<Array>() else {
            return Err(self.malformed("an array"));
        };
        list.iter()
            .map(|v| item(v).ok_or_else(|| self.malformed("a list of the expected items")))
            .collect()
    }
}

/// The worker's side: answers the `ask` message `data` with `answer`, or says the builds differ. `None` for
/// a message that is no request.
pub fn respond(data: JsValue, answer: fn(Request) -> Reply) -> Option<(Array, Array)> {
    let (tag, mut message) = Reader::new(data).ok()?;
    if tag != "ask" {
        return None;
    }
    let build = message.string().ok()?;
    let seq = message.number().ok()? as u32;
    if build != BUILD_ID {
        let out = Array::of3(&"mismatch".into(), &BUILD_ID.into(), &seq.into());
        return Some((out, Array::new()));
    }
    match Request::read(&mut message) {
        Ok(request) => Some(answer(request).to_message(seq)),
        // A page of this very build never sends one; nothing to answer it with.
        Err(_) => None,
    }
}

/// The worker's first message, once its wasm has started.
pub fn ready() -> Array {
    Array::of2(&"ready".into(), &BUILD_ID.into())
}
