//! Why a container file could not be read, and where: the part of the file (in the words the page uses,
//! e.g. `block 2 byte size`), the byte range at fault and what is wrong.

use super::ByteRange;
use std::fmt;

/// A container file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerError {
    /// Which part of the file is at fault.
    pub location: Location,
    /// The bytes at fault (empty at the end of the file when bytes are missing).
    pub range: ByteRange,
    /// What is wrong, for the reader of the page.
    pub message: String,
}

impl ContainerError {
    /// The byte offset where the problem was found.
    pub fn offset(&self) -> usize {
        self.range.start
    }
}

impl fmt::Display for ContainerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (at byte {})",
            self.location, self.message, self.range.start
        )
    }
}

impl std::error::Error for ContainerError {}

/// The part of a container file an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The four magic bytes `Obj` 0x01.
    Magic,
    /// The header's metadata map as a whole (its framing: counts, lengths, an entry cut short).
    Metadata,
    /// The metadata entry with this key (`avro.schema`, `avro.codec`…).
    MetadataEntry(String),
    /// The sync marker that ends the header.
    HeaderSync,
    /// A part of a block; `block` counts from 1.
    Block {
        /// The block's number, from 1.
        block: usize,
        /// Which part of it.
        part: BlockPart,
    },
    /// The file ends inside the last block; `block` counts from 1.
    TruncatedBlock {
        /// The block's number, from 1.
        block: usize,
        /// The part the file ends in.
        part: BlockPart,
    },
}

/// The parts of a block, in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockPart {
    /// The object count (a long).
    ObjectCount,
    /// The byte size of the data (a long).
    ByteSize,
    /// The data as stored (compressed by the file's codec).
    CompressedData,
    /// The snappy codec's CRC32 of the uncompressed data.
    Checksum,
    /// The sync marker after the data.
    SyncMarker,
}

impl BlockPart {
    /// The part's name as the page writes it.
    pub const fn name(self) -> &'static str {
        match self {
            BlockPart::ObjectCount => "object count",
            BlockPart::ByteSize => "byte size",
            BlockPart::CompressedData => "compressed data",
            BlockPart::Checksum => "checksum",
            BlockPart::SyncMarker => "sync marker",
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Magic => f.write_str("magic (bytes 0-3)"),
            Location::Metadata => f.write_str("header metadata"),
            Location::MetadataEntry(key) => write!(f, "header metadata {key}"),
            Location::HeaderSync => f.write_str("header sync marker"),
            Location::Block {
                block,
                part: BlockPart::SyncMarker,
            } => write!(f, "sync marker after block {block}"),
            Location::Block { block, part } => write!(f, "block {block} {}", part.name()),
            Location::TruncatedBlock { block, part } => {
                write!(f, "truncated last block (block {block} {})", part.name())
            }
        }
    }
}
