//! The walker: binary encoding and decoding (specification: Binary Encoding) that record a [`Span`] for
//! every byte. Spans are compact (offsets, a part, an index, the schema node); labels and breakdowns are
//! built on demand by [`explain`], so a million spans stay in tens of megabytes.

mod decode;
mod encode;
pub mod explain;
pub mod varint;

pub use decode::{decode, decode_with_limits, DatumReader, Limits};
pub use encode::{encode, EncodeError};

use crate::schema::SchemaId;
use crate::value::Value;
use std::fmt;

/// No parent: a top-level span.
pub const NO_PARENT: u32 = u32::MAX;

/// What a byte range is in the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// A whole datum of the span's schema node. `index` is its place in the parent: field index in a
    /// record, item index in an array, entry index in a map (its key is the `MapKey` span just before
    /// it), the branch for a union value.
    Value,
    /// The length prefix (a zigzag long) of bytes, a string or a map key.
    Length,
    /// The content bytes after a length prefix.
    Content,
    /// A union's branch index (a zigzag int); `index` is the branch.
    BranchIndex,
    /// An array or map block's item count (a zigzag long); `index` is the block number.
    BlockCount,
    /// A block's byte size, written after a negative count; `index` is the block number.
    BlockSize,
    /// The zero count that ends an array or map.
    BlockEnd,
    /// A map key (a string); `index` is the entry number.
    MapKey,
    /// A framing's magic bytes.
    Magic,
    /// A Confluent schema id (4 bytes big-endian) or GUID (16 bytes).
    SchemaRef,
    /// A single-object fingerprint (8 bytes, CRC-64-AVRO little-endian).
    Fingerprint,
    /// Bytes after the datum that the schema does not explain.
    Trailing,
    /// A container file's header (magic, metadata, sync marker).
    Header,
    /// A container metadata entry (key, then value); `index` is the entry number.
    Metadata,
    /// A container block; `index` is its number, from 1.
    Block,
    /// A container block's object count; `index` is the block number.
    ObjectCount,
    /// A container block's data size in bytes; `index` is the block number.
    DataSize,
    /// A container block's compressed data; `index` is the block number.
    Compressed,
    /// A snappy block's CRC32 of the uncompressed data; `index` is the block number.
    Checksum,
    /// A container sync marker; `index` is the block it ends (0 for the header).
    Sync,
}

/// One byte range of the encoding and its place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of the enclosing span in [`Walk::spans`], or [`NO_PARENT`].
    pub parent: u32,
    /// The schema node this range belongs to.
    pub schema: SchemaId,
    /// What the range is.
    pub part: Part,
    /// Meaning depends on `part` (see [`Part`]).
    pub index: u32,
}

/// A decoding failure: where, why and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the failing byte.
    pub offset: usize,
    /// What went wrong, in words.
    pub message: String,
    /// JSON pointer into the datum of the value being read.
    pub path: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}", self.offset)?;
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DecodeError {}

/// The result of walking an encoding: spans in pre-order (a parent before its children).
#[derive(Clone, Debug, Default)]
pub struct Walk {
    /// The encoded bytes (the input for a decode, the output of an encode).
    pub bytes: Vec<u8>,
    /// Every span, parents first.
    pub spans: Vec<Span>,
    /// The datum, when decoding reached its end.
    pub value: Option<Value>,
    /// Where decoding failed; spans hold everything decoded before.
    pub error: Option<DecodeError>,
    /// Where the datum ends.
    pub end: usize,
}

impl Walk {
    /// Bytes after the datum.
    pub fn trailing(&self) -> usize {
        self.bytes.len().saturating_sub(self.end)
    }

    /// The innermost span holding byte `offset`. Spans are in pre-order, so their starts never decrease:
    /// the last span starting at or before `offset` is the innermost holder or a descendant of it.
    pub fn innermost_at(&self, offset: usize) -> Option<u32> {
        let offset = offset as u32;
        let after = self.spans.partition_point(|s| s.start <= offset);
        let mut at = after.checked_sub(1)? as u32;
        for _ in 0..=self.spans.len() {
            let s = self.spans.get(at as usize)?;
            if s.start <= offset && offset < s.end {
                return Some(at);
            }
            at = s.parent;
        }
        None
    }

    /// The span ids from the root down to `span` (inclusive).
    pub fn ancestry(&self, span: u32) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut at = span;
        while let Some(s) = self.spans.get(at as usize) {
            chain.push(at);
            if chain.len() > self.spans.len() {
                break;
            }
            at = s.parent;
        }
        chain.reverse();
        chain
    }

    /// The children of every span, computed in one pass (for tree views).
    pub fn children(&self) -> Vec<Vec<u32>> {
        let mut children = vec![Vec::new(); self.spans.len()];
        for (i, s) in self.spans.iter().enumerate() {
            if let Some(c) = children.get_mut(s.parent as usize) {
                c.push(i as u32);
            }
        }
        children
    }

    /// Puts `header` spans (top-level, in byte order) before this walk's spans, whose bytes start after
    /// `header_len` header bytes: span ids and offsets shift, so spans stay in pre-order by start.
    pub fn behind_header(mut self, header: &[Span], header_len: u32) -> Walk {
        let shift = header.len() as u32;
        for s in &mut self.spans {
            s.start += header_len;
            s.end += header_len;
            if s.parent != NO_PARENT {
                s.parent += shift;
            }
        }
        let mut spans = header.to_vec();
        spans.append(&mut self.spans);
        self.spans = spans;
        self.end += header_len as usize;
        if let Some(e) = &mut self.error {
            e.offset += header_len as usize;
        }
        self
    }
}
