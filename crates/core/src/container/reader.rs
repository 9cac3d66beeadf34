//! Reading a container file: the header, then each block framed (object count, byte size, data, sync
//! marker) and decompressed, stopping at the first problem but keeping everything read before it.

use super::error::{ContainerError, Location};
use super::header::{Header, PartialHeader};
use super::stream::{BlockStream, FileRange, StreamBlock, StreamError};
use super::{ByteRange, Codec};

/// Bounds on what reading may allocate, whatever the file says. A [`BlockStream`] applies them per block
/// (all but `max_total_bytes`, which bounds a file held whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one block may decompress to.
    pub max_block_bytes: usize,
    /// The most decompressed bytes of all blocks together, for a file read whole (a stream ignores it).
    pub max_total_bytes: usize,
    /// The most objects one block may claim (only zero-byte objects could need more than one per byte).
    pub max_block_objects: u64,
    /// How many records' values [`walk_container`](super::walk_container) keeps; later ones are decoded
    /// (and checked) and counted, but their values are dropped.
    pub max_records_kept: usize,
}

impl Default for Limits {
    /// 256 MiB per block, 512 MiB in all, 256 Mi objects per block, every record's value kept.
    fn default() -> Self {
        Limits {
            max_block_bytes: 256 << 20,
            max_total_bytes: 512 << 20,
            max_block_objects: 256 << 20,
            max_records_kept: usize::MAX,
        }
    }
}

/// A container file read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Container {
    /// The header: magic, metadata, schema text, codec, sync marker.
    pub header: Header,
    /// The blocks in file order.
    pub blocks: Vec<Block>,
}

impl Container {
    /// The total of the blocks' object counts.
    pub fn object_count(&self) -> u64 {
        self.blocks.iter().fold(0, |n, b| n.saturating_add(b.count))
    }
}

/// One data block, with the range of each part and its decompressed data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's number, from 1.
    pub number: usize,
    /// Where the block starts (its object count).
    pub offset: usize,
    /// How many objects (records) the data holds.
    pub count: u64,
    /// The object count (a long).
    pub count_range: ByteRange,
    /// The byte size of the stored data.
    pub size: usize,
    /// The byte size (a long).
    pub size_range: ByteRange,
    /// The data as stored: compressed by `codec`, and for snappy followed by its CRC32.
    pub data_range: ByteRange,
    /// For snappy, the 4-byte big-endian CRC32 of the uncompressed data (the end of `data_range`).
    pub checksum_range: Option<ByteRange>,
    /// The sync marker after the data (shorter than 16 bytes only in a block delivered with the error
    /// that the file ends inside it).
    pub sync_range: ByteRange,
    /// The codec the data was compressed with.
    pub codec: Codec,
    /// The decompressed data: `count` objects encoded one after another, for the walker to decode.
    /// Offsets in it are its own; with codec `null` its byte `i` is file byte `data_range.start + i`.
    pub data: Vec<u8>,
}

/// What a reader got from a file: everything read before the first error, and that error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartialRead {
    /// What was read.
    pub read: ReadSoFar,
    /// Why reading stopped early, if it did.
    pub error: Option<ContainerError>,
}

/// How far a read got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadSoFar {
    /// The header could not be read whole: the parts read.
    Header(PartialHeader),
    /// The header was read; `blocks` holds every block read before the error (a block whose data is
    /// intact but whose sync marker differs or is cut short is included, so its records can still be shown).
    Container(Container),
}

/// Reads a whole container file, failing at the first problem (default [`Limits`]).
pub fn read_container(bytes: &[u8]) -> Result<Container, ContainerError> {
    let partial = read_container_partial(bytes, &Limits::default());
    match (partial.read, partial.error) {
        (_, Some(error)) => Err(error),
        (ReadSoFar::Container(container), None) => Ok(container),
        (ReadSoFar::Header(_), None) => Err(ContainerError {
            location: Location::Metadata,
            range: ByteRange::new(0, 0),
            message: "the header could not be read".into(),
        }),
    }
}

/// Reads a container file as far as it can, keeping what was read before an error. This is the
/// [`BlockStream`] run over the bytes held whole, with [`Limits::max_total_bytes`] applied.
pub fn read_container_partial(bytes: &[u8], limits: &Limits) -> PartialRead {
    let mut stream = match BlockStream::over_slice(bytes, limits) {
        Ok(stream) => stream,
        Err(failed) => {
            let (partial, error) = *failed;
            return PartialRead {
                read: ReadSoFar::Header(partial),
                error: Some(error),
            };
        }
    };
    let mut blocks = Vec::new();
    let error = loop {
        match stream.next_block() {
            Ok(Some(block)) => blocks.push(block_in_memory(block)),
            Ok(None) => break None,
            Err(e) => break Some(error_in_memory(e)),
        }
    };
    PartialRead {
        read: ReadSoFar::Container(Container {
            header: stream.into_header(),
            blocks,
        }),
        error,
    }
}

/// A file offset of bytes held in memory (so it fits a `usize`).
fn in_memory(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

fn range_in_memory(r: FileRange) -> ByteRange {
    ByteRange::new(in_memory(r.start), in_memory(r.end))
}

fn block_in_memory(b: StreamBlock) -> Block {
    Block {
        number: b.number,
        offset: in_memory(b.offset()),
        count: b.count,
        count_range: range_in_memory(b.count_range),
        size: in_memory(b.size),
        size_range: range_in_memory(b.size_range),
        data_range: range_in_memory(b.data_range),
        checksum_range: b.checksum_range.map(range_in_memory),
        sync_range: range_in_memory(b.sync_range),
        codec: b.codec,
        data: b.data,
    }
}

/// The error of a stream over a slice, which always has a location (only a failing input has none).
fn error_in_memory(e: StreamError) -> ContainerError {
    ContainerError {
        location: e.location.unwrap_or(Location::Metadata),
        range: range_in_memory(e.range),
        message: e.message,
    }
}
