//! The saved document: what autosave (and later export and share links) writes. One plain type with a
//! format version, read back with every older format migrated and every unknown value reported, never
//! silently replaced. The selection and the hovered byte are view state and never saved.

use avro_playground_core::container::Codec;
use avro_playground_core::framing::FrameChoice;
use avro_playground_core::input::InputFormat;
use avro_playground_core::output::{format_bytes, Literal};
use avro_playground_core::source::{parse_json, write_json_string, Json, JsonValue};

/// Base64 read with the browser's `atob` (the core's reader carries every paste form, which the first
/// load leaves to the worker); `None` for text that is not base64.
fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    // `atob` gives one character per byte, each below 256.
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// The format this page writes. Format 2 (no `format` key: versions, current and datum only) is migrated.
pub const FORMAT: u32 = 3;

/// Pasted bytes and dropped files larger than this are left out of the saved document, and the page says
/// so: a saved copy must leave room for the backup and the safe-mode copy in local storage.
pub const MAX_SAVED_BYTES: usize = 1_000_000;

/// Which way the page works: JSON to bytes, or bytes to JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// Avro JSON datum → annotated bytes.
    #[default]
    Encode,
    /// Pasted bytes → framing, annotated bytes and datum.
    Decode,
}

impl Mode {
    /// The name saved: `encode` or `decode`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Encode => "encode",
            Mode::Decode => "decode",
        }
    }
}

/// One version of the schema as saved.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SavedVersion {
    /// The name shown, e.g. `v2`.
    pub name: String,
    /// The schema text.
    pub text: String,
    /// The id a schema registry gave this version, as typed (empty when unknown).
    pub registry_id: String,
}

/// A dropped or chosen file, read as raw bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedFile {
    /// The file's name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The choices of the encoder and the decoder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choices {
    /// How encoded bytes are framed (`Auto` is never offered: it reads as raw).
    pub out_frame: FrameChoice,
    /// The codec of a written container file.
    pub out_codec: Codec,
    /// The schema id written in a Confluent frame, as typed.
    pub confluent_id: String,
    /// The paste form; `None` detects it.
    pub input_format: Option<InputFormat>,
    /// The framing of pasted bytes.
    pub frame: FrameChoice,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            out_frame: FrameChoice::Raw,
            out_codec: Codec::Null,
            confluent_id: "1".into(),
            input_format: None,
            frame: FrameChoice::Auto,
        }
    }
}

/// What is open: the mode and the panels' picks, by version index.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Open {
    /// Encode or decode.
    pub mode: Mode,
    /// The open matrix cell, `(reader, writer)`.
    pub cell: Option<(usize, usize)>,
    /// The diff's chosen pair, `(old, new)`; `None` diffs the edited version with the one before it.
    pub diff: Option<(usize, usize)>,
    /// The version the decoded datum is read as; `None` reads it as written.
    pub reader: Option<usize>,
    /// Which message of a several-message paste is shown.
    pub message: usize,
    /// The version whose registration the modes table shows; `None`: the newest.
    pub candidate: Option<usize>,
    /// The version Kafka records' keys are read with; `None` shows them as text.
    pub key_version: Option<usize>,
}

/// The saved document.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Document {
    /// The schema's versions, oldest first (at least one).
    pub versions: Vec<SavedVersion>,
    /// The index of the version the editor shows.
    pub current: usize,
    /// The datum editor's text.
    pub datum: String,
    /// The pasted bytes' text.
    pub bytes: String,
    /// A dropped or chosen file, read instead of the pasted text.
    pub file: Option<SavedFile>,
    /// The encoder's and decoder's choices.
    pub choices: Choices,
    /// What is open.
    pub open: Open,
}

/// A document read back, with what could not be read in it (each named; the rest is kept).
#[derive(Debug)]
pub struct Read {
    /// The document.
    pub document: Document,
    /// Every value that was unknown or malformed and replaced by its default, in words.
    pub warnings: Vec<String>,
}

/// A document written, and what was left out of it (in words).
#[derive(Debug)]
pub struct Written {
    /// The JSON text.
    pub json: String,
    /// The parts left out for their size.
    pub left_out: Vec<String>,
}

fn size(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{:.1} MB", n as f64 / 1e6)
    } else {
        format!("{} KB", n.div_ceil(1000))
    }
}

impl Document {
    /// Writes the document as JSON (format [`FORMAT`]), leaving out pasted bytes and files over
    /// [`MAX_SAVED_BYTES`].
    pub fn to_json(&self) -> Written {
        let mut left_out = Vec::new();
        let mut out = format!("{{\"format\":{FORMAT},\"versions\":[");
        for (i, v) in self.versions.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"name\":");
            write_json_string(&mut out, &v.name);
            out.push_str(",\"text\":");
            write_json_string(&mut out, &v.text);
            out.push_str(",\"registry_id\":");
            write_json_string(&mut out, &v.registry_id);
            out.push('}');
        }
        out.push_str(&format!("],\"current\":{},\"datum\":", self.current));
        write_json_string(&mut out, &self.datum);
        out.push_str(",\"bytes\":");
        if self.bytes.len() > MAX_SAVED_BYTES {
            left_out.push(format!(
                "the pasted bytes ({}, over the {} cap)",
                size(self.bytes.len()),
                size(MAX_SAVED_BYTES)
            ));
            out.push_str("\"\"");
        } else {
            write_json_string(&mut out, &self.bytes);
        }
        if let Some(file) = &self.file {
            if file.bytes.len() > MAX_SAVED_BYTES {
                left_out.push(format!(
                    "the file {} ({}, over the {} cap)",
                    file.name,
                    size(file.bytes.len()),
                    size(MAX_SAVED_BYTES)
                ));
            } else {
                out.push_str(",\"file\":{\"name\":");
                write_json_string(&mut out, &file.name);
                out.push_str(",\"base64\":");
                write_json_string(&mut out, &format_bytes(&file.bytes, Literal::Base64));
                out.push('}');
            }
        }
        let c = &self.choices;
        out.push_str(&format!(
            ",\"choices\":{{\"out_frame\":\"{}\",\"out_codec\":\"{}\",\"confluent_id\":",
            c.out_frame.name(),
            c.out_codec.name()
        ));
        write_json_string(&mut out, &c.confluent_id);
        out.push_str(&format!(
            ",\"input_format\":\"{}\",\"frame\":\"{}\"}}",
            c.input_format.map_or("auto", InputFormat::name),
            c.frame.name()
        ));
        let o = &self.open;
        let pair =
            |p: Option<(usize, usize)>| p.map_or("null".into(), |(a, b)| format!("[{a},{b}]"));
        let index = |i: Option<usize>| i.map_or("null".into(), |i| i.to_string());
        out.push_str(&format!(
            ",\"open\":{{\"mode\":\"{}\",\"cell\":{},\"diff\":{},\"reader\":{},\"message\":{},\"candidate\":{},\"key_version\":{}}}}}",
            o.mode.name(),
            pair(o.cell),
            pair(o.diff),
            index(o.reader),
            o.message,
            index(o.candidate),
            index(o.key_version)
        ));
        Written {
            json: out,
            left_out,
        }
    }

    /// Reads a saved document of any known format. An unknown format, or one without a readable version,
    /// is an error; an unknown or malformed value elsewhere is replaced by its default and named in
    /// [`Read::warnings`].
    pub fn from_json(text: &str) -> Result<Read, String> {
        let json = parse_json(text)
            .map_err(|e| format!("not JSON: {} at byte {}", e.message, e.range.start))?;
        if !matches!(json.value, JsonValue::Object(_)) {
            return Err(format!("a JSON {}, not an object", json.kind_name()));
        }
        let format = match json.get("format") {
            None => 2,
            Some(m) => number(&m.value).ok_or("`format` is not a whole number")?,
        };
        if !(2..=FORMAT as usize).contains(&format) {
            return Err(format!(
                "saved in format {format}, which this page does not know (it reads 2 to {FORMAT}): \
                 it was written by a newer version of the page"
            ));
        }
        let mut warnings = Vec::new();
        let versions: Vec<SavedVersion> = match json.get("versions").map(|m| &m.value.value) {
            Some(JsonValue::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let text = v.get("text").and_then(|t| t.value.as_str());
                    if text.is_none() {
                        warnings.push(format!("version {} has no text and was left out", i + 1));
                    }
                    Some(SavedVersion {
                        name: string(v, "name").unwrap_or_else(|| format!("v{}", i + 1)),
                        text: text?.to_string(),
                        registry_id: string(v, "registry_id").unwrap_or_default(),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        if versions.is_empty() {
            return Err("no schema version in it".into());
        }
        let mut doc = Document {
            current: json
                .get("current")
                .and_then(|m| number(&m.value))
                .unwrap_or(0)
                .min(versions.len() - 1),
            versions,
            datum: string(&json, "datum").unwrap_or_default(),
            ..Document::default()
        };
        if format == 2 {
            // The first version saved no pasted bytes: it always showed the example's.
            doc.bytes = crate::state::EXAMPLE_BYTES.into();
            return Ok(Read {
                document: doc,
                warnings,
            });
        }
        doc.bytes = string(&json, "bytes").unwrap_or_default();
        if let Some(file) = json.get("file").map(|m| &m.value) {
            let bytes = file
                .get("base64")
                .and_then(|b| b.value.as_str())
                .and_then(from_base64);
            match (string(file, "name"), bytes) {
                (Some(name), Some(bytes)) => doc.file = Some(SavedFile { name, bytes }),
                _ => warnings.push("the saved file is unreadable and was left out".into()),
            }
        }
        let choices = json.get("choices").map(|m| &m.value);
        let choice = |key: &str, warnings: &mut Vec<String>| -> Option<String> {
            let value = choices?.get(key)?.value.as_str();
            if value.is_none() {
                warnings.push(format!(
                    "the saved `{key}` is not a string; using the default"
                ));
            }
            value.map(str::to_string)
        };
        let c = &mut doc.choices;
        if let Some(v) = choice("out_frame", &mut warnings) {
            match v.parse::<FrameChoice>() {
                Ok(FrameChoice::Auto) | Err(_) => {
                    warnings.push(format!("unknown output framing `{v}`; using raw"))
                }
                Ok(f) => c.out_frame = f,
            }
        }
        if let Some(v) = choice("out_codec", &mut warnings) {
            match v.parse::<Codec>() {
                Ok(codec) => c.out_codec = codec,
                Err(_) => warnings.push(format!("unknown codec `{v}`; using null")),
            }
        }
        if let Some(v) = choice("confluent_id", &mut warnings) {
            c.confluent_id = v;
        }
        if let Some(v) = choice("input_format", &mut warnings) {
            match v.as_str() {
                "auto" => {}
                name => match name.parse::<InputFormat>() {
                    Ok(f) => c.input_format = Some(f),
                    Err(_) => warnings.push(format!("unknown paste form `{v}`; detecting it")),
                },
            }
        }
        if let Some(v) = choice("frame", &mut warnings) {
            match v.parse::<FrameChoice>() {
                Ok(f) => c.frame = f,
                Err(_) => warnings.push(format!("unknown framing `{v}`; detecting it")),
            }
        }
        if let Some(open) = json.get("open").map(|m| &m.value) {
            let o = &mut doc.open;
            match open.get("mode").and_then(|m| m.value.as_str()) {
                Some("decode") => o.mode = Mode::Decode,
                Some("encode") | None => {}
                Some(other) => warnings.push(format!("unknown mode `{other}`; encoding")),
            }
            o.cell = open.get("cell").and_then(|m| pair(&m.value));
            o.diff = open.get("diff").and_then(|m| pair(&m.value));
            o.reader = open.get("reader").and_then(|m| number(&m.value));
            o.message = open
                .get("message")
                .and_then(|m| number(&m.value))
                .unwrap_or(0);
            o.candidate = open.get("candidate").and_then(|m| number(&m.value));
            o.key_version = open.get("key_version").and_then(|m| number(&m.value));
        }
        Ok(Read {
            document: doc,
            warnings,
        })
    }
}

fn string(json: &Json, key: &str) -> Option<String> {
    Some(json.get(key)?.value.as_str()?.to_string())
}

fn number(json: &Json) -> Option<usize> {
    match &json.value {
        JsonValue::Number(n) => n.parse().ok(),
        _ => None,
    }
}

fn pair(json: &Json) -> Option<(usize, usize)> {
    match &json.value {
        JsonValue::Array(items) => match items.as_slice() {
            [a, b] => Some((number(a)?, number(b)?)),
            _ => None,
        },
        _ => None,
    }
}
