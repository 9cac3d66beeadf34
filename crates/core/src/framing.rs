//! How a datum is wrapped on the wire: Confluent Schema Registry's wire format (magic 0 + 4-byte
//! big-endian schema id, or magic 1 + 16-byte GUID), Avro single-object encoding (C3 01 + 8-byte
//! little-endian CRC-64-AVRO fingerprint), an Object Container File (`Obj` 1), or a raw datum.

use crate::canonical::{rabin_le, to_hex};
use crate::schema::{Kind, Schema};
use crate::value::Value;
use crate::walker::{decode, encode, EncodeError, Part, Span, Walk, NO_PARENT};
use std::fmt;

/// A framing, with what its header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Framing {
    /// A bare datum.
    Raw,
    /// Confluent wire format with a 4-byte schema id.
    Confluent {
        /// The registry's schema id.
        schema_id: u32,
    },
    /// Confluent wire format with a 16-byte schema GUID (magic byte 1).
    ConfluentGuid {
        /// The schema's GUID bytes.
        guid: [u8; 16],
    },
    /// Avro single-object encoding.
    SingleObject {
        /// The 8 fingerprint bytes as they stand (CRC-64-AVRO, little-endian).
        fingerprint: [u8; 8],
    },
    /// An Object Container File (read with [`crate::container`]).
    Container,
}

impl Framing {
    /// The framing's name as the CLI writes it: `raw`, `confluent`, `single-object`, `ocf`.
    pub fn name(&self) -> &'static str {
        match self {
            Framing::Raw => "raw",
            Framing::Confluent { .. } | Framing::ConfluentGuid { .. } => "confluent",
            Framing::SingleObject { .. } => "single-object",
            Framing::Container => "ocf",
        }
    }

    /// How many header bytes come before the datum (a container file: its 4 magic bytes).
    pub fn header_len(&self) -> usize {
        match self {
            Framing::Raw => 0,
            Framing::Confluent { .. } => 5,
            Framing::ConfluentGuid { .. } => 17,
            Framing::SingleObject { .. } => 10,
            Framing::Container => 4,
        }
    }
}

/// The fingerprint in a single-object header (`C3 01` + 8 bytes), read without a schema.
pub fn single_object_fingerprint(bytes: &[u8]) -> Option<[u8; 8]> {
    if !bytes.starts_with(&SINGLE_OBJECT_MAGIC) {
        return None;
    }
    bytes.get(2..10).and_then(|f| <[u8; 8]>::try_from(f).ok())
}

/// Which framing to read: one in particular, or detect it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameChoice {
    /// Try every framing the bytes allow and keep the reading that explains them best.
    Auto,
    /// A bare datum.
    Raw,
    /// Confluent wire format (magic 0 + id, or magic 1 + GUID).
    Confluent,
    /// Single-object encoding.
    SingleObject,
    /// Object Container File.
    Container,
}

impl FrameChoice {
    /// The choice's name as the CLI's `--frame` takes it: `auto`, `raw`, `confluent`, `single-object`, `ocf`.
    pub fn name(self) -> &'static str {
        match self {
            FrameChoice::Auto => "auto",
            FrameChoice::Raw => "raw",
            FrameChoice::Confluent => "confluent",
            FrameChoice::SingleObject => "single-object",
            FrameChoice::Container => "ocf",
        }
    }
}

impl std::str::FromStr for FrameChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "auto" => FrameChoice::Auto,
            "raw" => FrameChoice::Raw,
            "confluent" => FrameChoice::Confluent,
            "single-object" => FrameChoice::SingleObject,
            "ocf" => FrameChoice::Container,
            other => {
                return Err(format!(
                "unknown framing `{other}`: expected auto, raw, confluent, single-object or ocf"
            ))
            }
        })
    }
}

/// A framing whose header is wrong: which framing, at which byte, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FramingError {
    /// The framing being read.
    pub framing: &'static str,
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// For single-object: whether the fingerprint is the schema's.
    pub fingerprint_matches: Option<bool>,
}

impl fmt::Display for FramingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for FramingError {}

/// Bytes read under a framing: header spans and the datum's walk over the whole input.
#[derive(Clone, Debug)]
pub struct Framed {
    /// The framing and its header fields.
    pub framing: Framing,
    /// The walk over all the bytes: the header's spans first, then the datum's (shifted past the header),
    /// then any trailing bytes, all in byte order. `walk.error` is set when the datum could not be read.
    pub walk: Walk,
    /// Other readings of the same bytes that were also possible (auto-detection only).
    pub alternatives: Vec<String>,
}

impl Framed {
    /// Bytes after the datum.
    pub fn trailing(&self) -> usize {
        self.walk.trailing()
    }
}

const SINGLE_OBJECT_MAGIC: [u8; 2] = [0xC3, 0x01];

/// Reads `bytes` as a datum of `schema` under `choice`. Object Container Files are only detected here
/// (`Framing::Container` with no datum); read them with [`crate::container`].
pub fn read_framed(
    schema: &Schema,
    bytes: &[u8],
    choice: FrameChoice,
) -> Result<Framed, FramingError> {
    match choice {
        FrameChoice::Raw => Ok(raw(schema, bytes)),
        FrameChoice::Confluent => confluent(schema, bytes),
        FrameChoice::SingleObject => single_object(schema, bytes),
        FrameChoice::Container => container(bytes),
        FrameChoice::Auto => auto(schema, bytes),
    }
}

fn auto(schema: &Schema, bytes: &[u8]) -> Result<Framed, FramingError> {
    if bytes.starts_with(&crate::container::MAGIC) {
        return container(bytes);
    }
    let mut readings: Vec<Result<Framed, FramingError>> = Vec::new();
    match bytes.first() {
        Some(0) | Some(1) => readings.push(confluent(schema, bytes)),
        Some(0xC3) if bytes.get(1) == Some(&1) => readings.push(single_object(schema, bytes)),
        _ => {}
    }
    readings.push(Ok(raw(schema, bytes)));
    // Rank: a reading that explains every byte wins (a framed one on a tie: its magic is evidence). Past
    // that the magic decides: a framed reading, complete or not, outranks a raw one that leaves bytes
    // unexplained; a raw reading with trailing bytes only wins where no magic was seen.
    let rank = |r: &Result<Framed, FramingError>| match r {
        Ok(f) if f.walk.error.is_none() && f.trailing() == 0 => (0, 0),
        Ok(f) if f.framing != Framing::Raw && f.walk.error.is_none() => (1, f.trailing()),
        Ok(f) if f.framing != Framing::Raw => (2, 0),
        Err(_) => (2, 0),
        Ok(f) if f.walk.error.is_none() => (3, f.trailing()),
        Ok(_) => (4, 0),
    };
    let best = (0..readings.len())
        .min_by_key(|&i| readings.get(i).map(rank).unwrap_or((2, 0)))
        .unwrap_or(0);
    let complete: Vec<String> = readings
        .iter()
        .enumerate()
        .filter(|(i, r)| *i != best && matches!(r, Ok(f) if f.walk.error.is_none()))
        .filter_map(|(_, r)| r.as_ref().ok())
        .map(describe_reading)
        .collect();
    let chosen = readings.swap_remove(best);
    chosen.map(|mut f| {
        f.alternatives = complete;
        f
    })
}

fn describe_reading(f: &Framed) -> String {
    let trailing = match f.trailing() {
        0 => "the whole input".to_string(),
        n => format!("all but {n} trailing bytes"),
    };
    format!("as {} it also decodes ({trailing})", f.framing.name())
}

fn raw(schema: &Schema, bytes: &[u8]) -> Framed {
    let walk = with_trailing(decode(schema, bytes));
    Framed {
        framing: Framing::Raw,
        walk,
        alternatives: Vec::new(),
    }
}

/// A top-level span that belongs to the framing, not to the datum.
fn frame_span(start: usize, end: usize, part: Part) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
        parent: NO_PARENT,
        schema: crate::schema::SchemaId(0),
        part,
        index: 0,
    }
}

/// Header spans in byte order and the header's length.
fn header_spans(header: &[(usize, usize, Part)]) -> (Vec<Span>, u32) {
    let spans = header
        .iter()
        .map(|(s, e, p)| frame_span(*s, *e, *p))
        .collect();
    (spans, header.last().map_or(0, |h| h.1 as u32))
}

/// Decodes the body after the `header` parts and lays their spans in front of the datum's.
fn body(
    schema: &Schema,
    bytes: &[u8],
    header: &[(usize, usize, Part)],
    framing: Framing,
) -> Framed {
    let header_len = header.last().map_or(0, |h| h.1);
    let body = bytes.get(header_len..).unwrap_or_default();
    // Confluent writes a top-level `bytes` schema raw, with no length prefix.
    let walk = if matches!(
        framing,
        Framing::Confluent { .. } | Framing::ConfluentGuid { .. }
    ) && matches!(schema.kind(schema.root()), Kind::Bytes)
    {
        bare_bytes(schema, body)
    } else {
        decode(schema, body)
    };
    let (spans, len) = header_spans(header);
    let mut walk = walk.behind_header(&spans, len);
    walk.bytes = bytes.to_vec();
    Framed {
        framing,
        walk: with_trailing(walk),
        alternatives: Vec::new(),
    }
}

fn bare_bytes(schema: &Schema, body: &[u8]) -> Walk {
    let root = schema.root();
    Walk {
        bytes: body.to_vec(),
        spans: vec![Span {
            start: 0,
            end: body.len() as u32,
            parent: NO_PARENT,
            schema: root,
            part: Part::Value,
            index: 0,
        }],
        value: Some(Value::Bytes(body.to_vec())),
        error: None,
        end: body.len(),
    }
}

/// Adds a span over bytes after a complete datum, so they are shown rather than dropped.
fn with_trailing(mut walk: Walk) -> Walk {
    if walk.error.is_none() && walk.end < walk.bytes.len() {
        let (start, end) = (walk.end, walk.bytes.len());
        walk.spans.push(frame_span(start, end, Part::Trailing));
    }
    walk
}

fn confluent(schema: &Schema, bytes: &[u8]) -> Result<Framed, FramingError> {
    let error = |offset, message: String| FramingError {
        framing: "confluent",
        offset,
        message,
        fingerprint_matches: None,
    };
    match bytes.first() {
        Some(0) => {
            let Some(id) = bytes.get(1..5) else {
                return Err(error(0, format!("confluent header (needs 5 bytes): magic 00 + a 4-byte schema id, but the input has {}", bytes.len())));
            };
            let schema_id = u32::from_be_bytes([id[0], id[1], id[2], id[3]]);
            Ok(body(
                schema,
                bytes,
                &[(0, 1, Part::Magic), (1, 5, Part::SchemaRef)],
                Framing::Confluent { schema_id },
            ))
        }
        Some(1) => {
            let Some(guid) = bytes.get(1..17).and_then(|g| <[u8; 16]>::try_from(g).ok()) else {
                return Err(error(0, format!("confluent GUID header (needs 17 bytes): magic 01 + a 16-byte schema GUID, but the input has {}", bytes.len())));
            };
            Ok(body(
                schema,
                bytes,
                &[(0, 1, Part::Magic), (1, 17, Part::SchemaRef)],
                Framing::ConfluentGuid { guid },
            ))
        }
        Some(other) => Err(error(
            0,
            format!("confluent magic byte must be 00 (or 01 for a GUID), found {other:02x}"),
        )),
        None => Err(error(
            0,
            "confluent header (needs 5 bytes): the input is empty".into(),
        )),
    }
}

fn single_object(schema: &Schema, bytes: &[u8]) -> Result<Framed, FramingError> {
    let error = |offset, message: String, matches| FramingError {
        framing: "single-object",
        offset,
        message,
        fingerprint_matches: matches,
    };
    if !bytes.starts_with(&SINGLE_OBJECT_MAGIC) {
        let found = bytes
            .iter()
            .take(2)
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ");
        return Err(error(
            0,
            format!("single-object magic must be c3 01, found `{found}`"),
            None,
        ));
    }
    let Some(fingerprint) = single_object_fingerprint(bytes) else {
        return Err(error(0, format!("single-object header (needs 10 bytes): c3 01 + an 8-byte fingerprint, but the input has {}", bytes.len()), None));
    };
    let ours = rabin_le(schema);
    if fingerprint != ours {
        let mut reversed = fingerprint;
        reversed.reverse();
        let hint = if reversed == ours {
            " It is this schema's fingerprint in big-endian: the fingerprint byte order is wrong (the spec writes it little-endian)."
        } else {
            " The bytes were written with another schema (or another version of it)."
        };
        return Err(error(
            2,
            format!(
                "the fingerprint {} is not this schema's ({}).{hint}",
                to_hex(&fingerprint),
                to_hex(&ours)
            ),
            Some(false),
        ));
    }
    let framed = body(
        schema,
        bytes,
        &[(0, 2, Part::Magic), (2, 10, Part::Fingerprint)],
        Framing::SingleObject { fingerprint },
    );
    Ok(framed)
}

fn container(bytes: &[u8]) -> Result<Framed, FramingError> {
    if !bytes.starts_with(&crate::container::MAGIC) {
        return Err(FramingError {
            framing: "ocf",
            offset: 0,
            message: "an Object Container File starts with `Obj` 01".into(),
            fingerprint_matches: None,
        });
    }
    let mut walk = Walk {
        bytes: bytes.to_vec(),
        ..Walk::default()
    };
    walk.spans.push(frame_span(0, 4, Part::Magic));
    Ok(Framed {
        framing: Framing::Container,
        walk,
        alternatives: Vec::new(),
    })
}

/// How to frame an encoded datum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameOut {
    /// A bare datum.
    Raw,
    /// Confluent wire format with this schema id.
    Confluent(u32),
    /// Single-object encoding.
    SingleObject,
}

impl std::str::FromStr for FrameOut {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "raw" => Ok(FrameOut::Raw),
            "single-object" => Ok(FrameOut::SingleObject),
            _ => match s.strip_prefix("confluent:") {
                Some(id) => id.parse::<u32>().map(FrameOut::Confluent).map_err(|_| {
                    format!("confluent:ID needs an id from 0 to 4294967295, found `{id}`")
                }),
                None => Err(format!(
                    "unknown framing `{s}`: expected raw, confluent:ID or single-object"
                )),
            },
        }
    }
}

/// Encodes `value` and frames it; the walk's spans cover the header too.
pub fn write_framed(schema: &Schema, value: &Value, frame: FrameOut) -> Result<Walk, EncodeError> {
    let (header, parts): (Vec<u8>, Vec<(usize, usize, Part)>) = match frame {
        FrameOut::Raw => (Vec::new(), Vec::new()),
        FrameOut::Confluent(id) => {
            let mut h = vec![0u8];
            h.extend_from_slice(&id.to_be_bytes());
            (h, vec![(0, 1, Part::Magic), (1, 5, Part::SchemaRef)])
        }
        FrameOut::SingleObject => {
            let mut h = SINGLE_OBJECT_MAGIC.to_vec();
            h.extend_from_slice(&rabin_le(schema));
            (h, vec![(0, 2, Part::Magic), (2, 10, Part::Fingerprint)])
        }
    };
    let body = match (frame, value) {
        (FrameOut::Confluent(_), Value::Bytes(b))
            if matches!(schema.kind(schema.root()), Kind::Bytes) =>
        {
            bare_bytes(schema, b)
        }
        _ => encode(schema, value)?,
    };
    let (spans, len) = header_spans(&parts);
    let mut walk = body.behind_header(&spans, len);
    let mut bytes = header;
    bytes.extend_from_slice(&walk.bytes);
    walk.bytes = bytes;
    Ok(walk)
}
