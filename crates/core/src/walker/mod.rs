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

/// Where the bytes of an encoding go (see [`Walk::byte_roles`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteRoles {
    /// Framing bytes: a frame's magic, schema id or fingerprint; a container file's header, block counts
    /// and sizes, and sync markers.
    pub header: usize,
    /// Length prefixes of bytes, strings and map keys.
    pub lengths: usize,
    /// Union branch indexes.
    pub union_indexes: usize,
    /// Array and map block counts, sizes and ends.
    pub block_counts: usize,
    /// The values: numbers, booleans, string and bytes content, fixed, enum indexes.
    pub values: usize,
    /// A container block's compressed data (its values are inside, not separately visible).
    pub compressed: usize,
    /// Anything else (trailing bytes).
    pub other: usize,
}

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
    /// (None when the datum broke off: the bytes after the failure were never read, so they are not trailing.)
    pub fn trailing(&self) -> usize {
        match self.error {
            Some(_) => 0,
            None => self.bytes.len().saturating_sub(self.end),
        }
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

    /// How many bytes play each role: framing headers, length prefixes, union indexes, array/map block
    /// counts, and the values themselves; trailing bytes count as `other`.
    pub fn byte_roles(&self) -> ByteRoles {
        let mut roles = ByteRoles::default();
        // A container file's header (its first span) holds lengths and values too, but it is all framing.
        let header_end = self
            .spans
            .first()
            .filter(|s| s.part == Part::Header)
            .map_or(0, |s| s.end as usize);
        for offset in 0..self.bytes.len() {
            let part = self
                .innermost_at(offset)
                .and_then(|s| self.spans.get(s as usize))
                .map(|s| s.part);
            let slot = match part {
                _ if offset < header_end => &mut roles.header,
                Some(
                    Part::Magic
                    | Part::SchemaRef
                    | Part::Fingerprint
                    | Part::Sync
                    | Part::ObjectCount
                    | Part::DataSize,
                ) => &mut roles.header,
                Some(Part::Compressed) => &mut roles.compressed,
                Some(Part::Length) => &mut roles.lengths,
                Some(Part::BranchIndex) => &mut roles.union_indexes,
                Some(Part::BlockCount | Part::BlockSize | Part::BlockEnd) => {
                    &mut roles.block_counts
                }
                Some(Part::Value | Part::Content) => &mut roles.values,
                _ => &mut roles.other,
            };
            *slot += 1;
        }
        roles
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

#[cfg(test)]
mod tests {
    use crate::schema::parse_schema;
    use crate::walker::decode;

    #[test]
    fn byte_roles_split_lengths_unions_blocks_and_values() {
        let schema = parse_schema(
            r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"u","type":["null","int"]},{"name":"a","type":{"type":"array","items":"int"}}]}"#,
        )
        .unwrap();
        // s = "hi" (04 68 69), u = int 1 (02 02), a = [1] (02 02 00)
        let walk = decode(&schema, &[0x04, 0x68, 0x69, 0x02, 0x02, 0x02, 0x02, 0x00]);
        let roles = walk.byte_roles();
        assert_eq!(
            (
                roles.lengths,
                roles.union_indexes,
                roles.block_counts,
                roles.values
            ),
            (1, 1, 2, 4)
        );
    }

    #[test]
    fn byte_roles_of_a_container_file_count_its_framing_and_compressed_data() {
        use crate::container::{walk_container, write_container, Codec, Limits, SYNC_LEN};
        let text = r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"}]}"#;
        let datum = vec![0x04, 0x68, 0x69];
        for codec in [Codec::Null, Codec::Deflate] {
            let file =
                write_container(text, codec, &[(1, datum.clone())], [7; SYNC_LEN], &[]).unwrap();
            let roles = walk_container(&file, &Limits::default()).walk.byte_roles();
            let total = roles.header
                + roles.lengths
                + roles.union_indexes
                + roles.block_counts
                + roles.values
                + roles.compressed
                + roles.other;
            assert_eq!(total, file.len(), "{codec}");
            if codec == Codec::Null {
                // The record's own bytes: a length prefix and two content bytes; the rest is framing.
                assert_eq!((roles.lengths, roles.values, roles.compressed), (1, 2, 0));
                assert_eq!(roles.header, file.len() - 3);
            } else {
                assert!(roles.compressed > 0 && roles.values == 0, "{roles:?}");
            }
        }
    }
}
