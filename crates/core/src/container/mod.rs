//! Object Container Files (specification: Object Container Files): reading them with the role of every
//! byte recorded, reading them as a stream of any size, and writing them.
//!
//! A file is `Obj` 0x01, a metadata map (`map<bytes>`, holding `avro.schema` and `avro.codec`), a 16-byte
//! sync marker, then blocks: an object count (long), a byte size (long), that many bytes of (compressed)
//! data, and the sync marker again. This module frames the file and decompresses each block; the records
//! inside a block's decompressed data are decoded by the [`crate::walker`].
//!
//! Two ways in: a file held whole ([`read_container`], and [`walk_container`], which records a span for
//! every byte), or any [`std::io::Read`] one block at a time ([`BlockStream`], and the validating pass
//! [`validate_container`] / [`pass_container`], which decodes every record without spans and builds the
//! block index). Both run the same framing and record code, so they find the same first problem.
//!
//! Blocks are numbered from 1 in errors and in [`Block::number`], as the page shows them.

mod codec;
mod error;
mod header;
mod reader;
mod records;
#[cfg(test)]
mod samples;
mod stream;
mod validate;
mod varint;
mod walk;
mod writer;

pub use codec::{Codec, UnknownCodec};
pub use error::{BlockPart, ContainerError, Location};
pub use header::{Header, MetadataEntry, PartialHeader};
pub use reader::{
    read_container, read_container_partial, Block, Container, Limits, PartialRead, ReadSoFar,
};
pub use stream::{max_stored_bytes, BlockStream, FileRange, StreamBlock, StreamError};
pub use validate::{
    pass_container, validate_container, BlockEntry, ContainerPass, PassError, PassVisitor,
    Validation,
};
pub use walk::{walk_container, ContainerWalk};
pub use writer::{write_container, WriteError};

/// The four bytes every Object Container File starts with: `Obj` and the format version 1.
pub const MAGIC: [u8; 4] = [b'O', b'b', b'j', 1];

/// Says so when `bytes` start like an Object Container File with a damaged magic: `Obj` and a version other
/// than 1, or `OBJ` and 1. A raw datum may start with these bytes too, so ask only when there is no schema to
/// read a datum with, or when reading the bytes as a datum failed.
pub fn damaged_magic(bytes: &[u8]) -> Option<String> {
    let found = bytes.get(..MAGIC.len())?;
    let damaged = match found {
        [b'O', b'b', b'j', version] => *version != 1,
        [b'O', b'B', b'J', 1] => true,
        _ => false,
    };
    damaged.then(|| {
        format!(
            "an Object Container File with a bad magic at bytes 0–3: found {}, expected `Obj` 01 (4f626a01)",
            crate::canonical::to_hex(found)
        )
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_magic_is_obj_with_another_version_or_obj_in_capitals() {
        assert!(damaged_magic(b"Obj\x02").is_some_and(|m| m.contains("4f626a02")));
        assert!(damaged_magic(b"Obj\x00rest").is_some());
        assert!(damaged_magic(b"OBJ\x01").is_some());
    }

    #[test]
    fn a_sound_magic_or_other_bytes_are_not_damaged() {
        assert_eq!(damaged_magic(&MAGIC), None);
        assert_eq!(damaged_magic(b"OBJ\x02"), None);
        assert_eq!(damaged_magic(b"Obj"), None);
        assert_eq!(damaged_magic(&[0, 0, 0, 1]), None);
    }
}
