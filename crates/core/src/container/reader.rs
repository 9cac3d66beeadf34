//! Reading a container file: the header, then each block framed (object count, byte size, data, sync
//! marker) and decompressed, stopping at the first problem but keeping everything read before it.

use super::codec::{decompress, DecompressError, SNAPPY_CRC_LEN};
use super::error::{BlockPart, ContainerError, Location};
use super::header::{read_header, Header, PartialHeader};
use super::varint::{read_long, VarintError};
use super::{ByteRange, Codec, SYNC_LEN};
use crate::canonical::to_hex;
use crate::schema::min_datum_size;
use crate::schema::parse_schema;

/// Bounds on what reading may allocate, whatever the file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one block may decompress to.
    pub max_block_bytes: usize,
    /// The most decompressed bytes of all blocks together.
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

/// Reads a container file as far as it can, keeping what was read before an error.
pub fn read_container_partial(bytes: &[u8], limits: &Limits) -> PartialRead {
    let mut partial = PartialHeader::default();
    let header = match read_header(bytes, &mut partial) {
        Ok(header) => header,
        Err(error) => {
            return PartialRead {
                read: ReadSoFar::Header(partial),
                error: Some(error),
            }
        }
    };
    let mut reader = BlockReader {
        bytes,
        limits,
        codec: header.codec,
        sync: header.sync,
        min_object_size: parse_schema(&header.schema)
            .map(|s| min_datum_size(&s))
            .unwrap_or(0),
        total: 0,
    };
    let mut blocks = Vec::new();
    let mut at = header.end();
    let mut error = None;
    while at < bytes.len() {
        let number = blocks.len() + 1;
        let (block, problem) = reader.read_block(at, number);
        if let Some(block) = block {
            at = block.sync_range.end;
            blocks.push(block);
        }
        if problem.is_some() {
            error = problem;
            break;
        }
    }
    PartialRead {
        read: ReadSoFar::Container(Container { header, blocks }),
        error,
    }
}

/// A found sync marker differing from the header's in at most this many bytes is called damaged rather
/// than misplaced.
const MAX_DAMAGED_SYNC_BYTES: usize = 4;

struct BlockReader<'b> {
    bytes: &'b [u8],
    limits: &'b Limits,
    codec: Codec,
    sync: [u8; SYNC_LEN],
    min_object_size: u64,
    total: usize,
}

/// Where a block's stored bytes stand, before decompression.
struct Frame {
    count: u64,
    count_range: ByteRange,
    size: usize,
    size_range: ByteRange,
    data_range: ByteRange,
    sync_range: ByteRange,
}

fn block_error(block: usize, part: BlockPart, range: ByteRange, message: String) -> ContainerError {
    ContainerError {
        location: Location::Block { block, part },
        range,
        message,
    }
}

impl BlockReader<'_> {
    /// Reads block `number` at `at`: the block when its data could be read, and the first problem.
    fn read_block(&mut self, at: usize, number: usize) -> (Option<Block>, Option<ContainerError>) {
        let frame = match self.frame(at, number) {
            Ok(frame) => frame,
            Err(e) => return (None, Some(e)),
        };
        let stored = self.slice(frame.data_range);
        let sync_problem = self.check_sync(&frame, number);
        let data = match decompress(self.codec, stored, self.limits.max_block_bytes) {
            Ok(data) => data,
            // A wrong or cut sync marker usually means a wrong byte size or a cut file: report that
            // rather than what the codec made of the misframed data.
            Err(e) => {
                return (
                    None,
                    Some(sync_problem.unwrap_or_else(|| self.codec_error(&frame, number, e))),
                )
            }
        };
        let block = self.block(frame, number, data);
        if let Some(problem) = sync_problem {
            return (Some(block), Some(problem));
        }
        self.total = self.total.saturating_add(block.data.len());
        if self.total > self.limits.max_total_bytes {
            let message = format!(
                "the blocks so far decompress to more than {} bytes, the limit for one file",
                self.limits.max_total_bytes
            );
            return (
                None,
                Some(block_error(
                    number,
                    BlockPart::CompressedData,
                    block.data_range,
                    message,
                )),
            );
        }
        if let Some(problem) = self.check_count(&block) {
            return (None, Some(problem));
        }
        (Some(block), None)
    }

    fn slice(&self, range: ByteRange) -> &[u8] {
        self.bytes.get(range.start..range.end).unwrap_or_default()
    }

    fn block(&self, frame: Frame, number: usize, data: Vec<u8>) -> Block {
        let checksum_range = (self.codec == Codec::Snappy
            && frame.data_range.len() >= SNAPPY_CRC_LEN)
            .then(|| ByteRange::new(frame.data_range.end - SNAPPY_CRC_LEN, frame.data_range.end));
        Block {
            number,
            offset: frame.count_range.start,
            count: frame.count,
            count_range: frame.count_range,
            size: frame.size,
            size_range: frame.size_range,
            data_range: frame.data_range,
            checksum_range,
            sync_range: frame.sync_range,
            codec: self.codec,
            data,
        }
    }

    /// Reads a block's count and size and checks that its data is in the file.
    fn frame(&self, at: usize, number: usize) -> Result<Frame, ContainerError> {
        let (count, count_range) = self.long(at, number, BlockPart::ObjectCount)?;
        let count = u64::try_from(count).map_err(|_| {
            block_error(
                number,
                BlockPart::ObjectCount,
                count_range,
                format!("the object count is negative ({count})"),
            )
        })?;
        if count > self.limits.max_block_objects {
            return Err(block_error(
                number,
                BlockPart::ObjectCount,
                count_range,
                format!(
                    "the object count {count} is more than {} objects, the limit for one block",
                    self.limits.max_block_objects
                ),
            ));
        }
        let (size, size_range) = self.long(count_range.end, number, BlockPart::ByteSize)?;
        let size = usize::try_from(size).map_err(|_| {
            block_error(
                number,
                BlockPart::ByteSize,
                size_range,
                format!("the byte size is negative ({size})"),
            )
        })?;
        let data_start = size_range.end;
        let left = self.bytes.len().saturating_sub(data_start);
        if size > left {
            return Err(self.size_past_end(number, size, size_range, left));
        }
        let data_range = ByteRange::new(data_start, data_start + size);
        // Cut to the end of the file; `check_sync` reports a short marker once the data has been read.
        let sync_end = data_range
            .end
            .saturating_add(SYNC_LEN)
            .min(self.bytes.len());
        let sync_range = ByteRange::new(data_range.end, sync_end);
        Ok(Frame {
            count,
            count_range,
            size,
            size_range,
            data_range,
            sync_range,
        })
    }

    fn long(
        &self,
        at: usize,
        number: usize,
        part: BlockPart,
    ) -> Result<(i64, ByteRange), ContainerError> {
        read_long(self.bytes, at).map_err(|e| {
            let range = ByteRange::new(at, self.bytes.len().min(at.saturating_add(10)));
            let location = match e {
                VarintError::Truncated => Location::TruncatedBlock {
                    block: number,
                    part,
                },
                VarintError::TooLong => Location::Block {
                    block: number,
                    part,
                },
            };
            ContainerError {
                location,
                range,
                message: format!("the {}: {}", part.name(), e.describe()),
            }
        })
    }

    /// A byte size running past the end: a wrong size when the sync marker shows up later, else a cut file.
    fn size_past_end(
        &self,
        number: usize,
        size: usize,
        size_range: ByteRange,
        left: usize,
    ) -> ContainerError {
        let data_start = size_range.end;
        match find_sync(self.bytes, data_start, &self.sync) {
            Some(found) => block_error(
                number,
                BlockPart::ByteSize,
                size_range,
                format!(
                    "the byte size says {size} bytes, past the end of the file ({left} bytes follow); the sync \
                     marker appears at byte {found}, so the data is probably {} bytes",
                    found - data_start
                ),
            ),
            None => ContainerError {
                location: Location::TruncatedBlock { block: number, part: BlockPart::CompressedData },
                range: ByteRange::new(data_start, self.bytes.len()),
                message: format!("the byte size says {size} bytes, but the file ends after {left} of them"),
            },
        }
    }

    fn check_sync(&self, frame: &Frame, number: usize) -> Option<ContainerError> {
        let found = self.slice(frame.sync_range);
        if found == self.sync {
            return None;
        }
        if found.len() < SYNC_LEN {
            return Some(ContainerError {
                location: Location::TruncatedBlock {
                    block: number,
                    part: BlockPart::SyncMarker,
                },
                range: frame.sync_range,
                message: format!(
                    "the file ends {} bytes into the block's 16-byte sync marker",
                    found.len()
                ),
            });
        }
        let mut message = format!(
            "differs from the header's sync marker: found {}, expected {}",
            to_hex(found),
            to_hex(&self.sync)
        );
        let differing = found
            .iter()
            .zip(self.sync)
            .filter(|(a, b)| **a != *b)
            .count();
        if differing <= MAX_DAMAGED_SYNC_BYTES {
            message.push_str(&format!(
                "; {differing} of its 16 bytes differ, so the marker itself is damaged"
            ));
        } else if let Some(at) = find_sync(self.bytes, frame.data_range.start, &self.sync) {
            message.push_str(&format!(
                "; the header's marker appears at byte {at}, so the block's byte size may be wrong"
            ));
        }
        Some(block_error(
            number,
            BlockPart::SyncMarker,
            frame.sync_range,
            message,
        ))
    }

    fn codec_error(&self, frame: &Frame, number: usize, e: DecompressError) -> ContainerError {
        let codec = self.codec;
        let data = frame.data_range;
        match e {
            DecompressError::Garbled(said) => block_error(
                number,
                BlockPart::CompressedData,
                data,
                format!("the {codec} data could not be decompressed: the decoder said: {said}"),
            ),
            DecompressError::TooLarge { limit } => block_error(
                number,
                BlockPart::CompressedData,
                data,
                format!("the {codec} data decompresses to more than {limit} bytes, the limit for one block"),
            ),
            DecompressError::MissingChecksum { len } => block_error(
                number,
                BlockPart::Checksum,
                data,
                format!("snappy data must end with a 4-byte CRC32, but the block holds only {len} bytes"),
            ),
            DecompressError::ChecksumMismatch { stored, computed } => block_error(
                number,
                BlockPart::Checksum,
                ByteRange::new(data.end.saturating_sub(SNAPPY_CRC_LEN), data.end),
                format!(
                    "snappy CRC32 mismatch: the block stores {stored:08x}, the uncompressed data gives {computed:08x}"
                ),
            ),
        }
    }

    /// Every object takes at least `min_object_size` bytes: a count that cannot fit is wrong.
    fn check_count(&self, block: &Block) -> Option<ContainerError> {
        let need = u128::from(block.count) * u128::from(self.min_object_size);
        let have = block.data.len() as u128;
        (need > have).then(|| {
            block_error(
                block.number,
                BlockPart::ObjectCount,
                block.count_range,
                format!(
                    "{} objects need at least {need} bytes ({} each for this schema), but the block's data \
                     holds {have} bytes",
                    block.count, self.min_object_size
                ),
            )
        })
    }
}

/// The first place at or after `from` where `sync` appears.
fn find_sync(bytes: &[u8], from: usize, sync: &[u8; SYNC_LEN]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(SYNC_LEN)
        .position(|w| w == sync)
        .map(|i| from + i)
}
