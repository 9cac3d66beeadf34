//! Object Container Files (specification: Object Container Files): reading them with the role of every
//! byte recorded, and writing them.
//!
//! A file is `Obj` 0x01, a metadata map (`map<bytes>`, holding `avro.schema` and `avro.codec`), a 16-byte
//! sync marker, then blocks: an object count (long), a byte size (long), that many bytes of (compressed)
//! data, and the sync marker again. This module frames the file and decompresses each block; the records
//! inside a block's decompressed data are decoded by the [`crate::walker`].
//!
//! Blocks are numbered from 1 in errors and in [`Block::number`], as the page shows them.

mod bzip2;
mod codec;
mod deflate;
mod error;
mod header;
mod reader;
mod varint;
mod walk;
mod writer;
mod xz_check;

pub use codec::{compress_light, Codec, UnknownCodec, LIGHT_CODECS};
pub use error::{BlockPart, ContainerError, Location};
pub use header::{Header, MetadataEntry, PartialHeader};
pub use reader::{
    read_container, read_container_partial, Block, Container, Limits, PartialRead, ReadSoFar,
};
pub use walk::{walk_container, ContainerWalk};
pub use writer::{write_container, write_container_with, WriteError};

/// The four bytes every Object Container File starts with: `Obj` and the format version 1.
pub const MAGIC: [u8; 4] = [b'O', b'b', b'j', 1];

/// The length of a sync marker.
pub const SYNC_LEN: usize = 16;

/// A byte range `[start, end)` of the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ByteRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteRange {
    /// The range `[start, end)`.
    pub const fn new(start: usize, end: usize) -> Self {
        ByteRange { start, end }
    }

    /// How many bytes the range covers.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the range covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for ByteRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bytes {}-{}", self.start, self.end.saturating_sub(1))
    }
}
