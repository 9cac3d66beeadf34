//! Reading a container file from any [`std::io::Read`], one block at a time: the header, then each block's
//! object count, byte size, stored data and sync marker, its data decompressed. At most one block's stored
//! and decompressed data is held, so memory stays within [`Limits`] per block whatever the file's size, and
//! offsets are `u64`, so files past 4 GiB are read on every target.
//!
//! The whole-file reader ([`read_container_partial`](super::read_container_partial)) runs this same
//! code over a slice, so both find the same problems, at the same bytes, in the same words. Three things
//! a stream cannot know ahead are bounded differently:
//! - [`Limits::max_total_bytes`] is not applied: a stream caps each block, not the file;
//! - a header is read up to [`Limits::max_block_bytes`] bytes (the whole-file reader has it in memory);
//! - a block whose stored data is larger than any data of [`Limits::max_block_bytes`] compresses to (see
//!   [`max_stored_bytes`]) is skipped unread and refused (the whole-file reader tries to decompress it).

use super::codec::{decompress, DecompressError, SNAPPY_CRC_LEN};
use super::error::{BlockPart, ContainerError, Location};
use super::header::{is_truncated_header, read_header, Header, PartialHeader};
use super::reader::Limits;
use super::varint::{read_long, VarintError};
use super::{ByteRange, Codec, SYNC_LEN};
use crate::canonical::to_hex;
use crate::schema::{min_datum_size, parse_schema};
use crate::walker::varint::MAX_LONG_BYTES;
use std::fmt;
use std::io::{self, Read};

/// A byte range `[start, end)` of a file, with `u64` offsets (a [`ByteRange`] is bounded by memory).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FileRange {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

impl FileRange {
    /// The range `[start, end)`.
    pub const fn new(start: u64, end: u64) -> Self {
        FileRange { start, end }
    }

    /// How many bytes the range covers.
    pub const fn len(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the range covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<ByteRange> for FileRange {
    fn from(r: ByteRange) -> Self {
        FileRange::new(r.start as u64, r.end as u64)
    }
}

impl fmt::Display for FileRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bytes {}-{}", self.start, self.end.saturating_sub(1))
    }
}

/// A container file that could not be read as a stream: where and why, in the words of
/// [`ContainerError`] (its `Display` is the same), or the input failing to deliver its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamError {
    /// Which part of the file is at fault; `None` when reading the input itself failed.
    pub location: Option<Location>,
    /// The bytes at fault (empty at the end of the file when bytes are missing).
    pub range: FileRange,
    /// What is wrong, for the reader of the page.
    pub message: String,
}

impl StreamError {
    /// The byte offset where the problem was found.
    pub fn offset(&self) -> u64 {
        self.range.start
    }

    /// The block the problem is in (from 1), if it is in one.
    pub fn block(&self) -> Option<usize> {
        match self.location {
            Some(Location::Block { block, .. } | Location::TruncatedBlock { block, .. }) => {
                Some(block)
            }
            _ => None,
        }
    }

    fn io(at: u64, e: &io::Error) -> Self {
        StreamError {
            location: None,
            range: FileRange::new(at, at),
            message: format!("the input could not be read: {e}"),
        }
    }
}

impl From<ContainerError> for StreamError {
    fn from(e: ContainerError) -> Self {
        StreamError {
            location: Some(e.location),
            range: e.range.into(),
            message: e.message,
        }
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{} (at byte {})", self.message, self.range.start)
    }
}

impl std::error::Error for StreamError {}

/// One data block read from a stream: the range of each part in the file and its decompressed data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamBlock {
    /// The block's number, from 1.
    pub number: usize,
    /// How many objects (records) the data holds.
    pub count: u64,
    /// The object count (a long); the block starts at its first byte.
    pub count_range: FileRange,
    /// The byte size of the stored data.
    pub size: u64,
    /// The byte size (a long).
    pub size_range: FileRange,
    /// The data as stored: compressed by `codec`, and for snappy followed by its CRC32.
    pub data_range: FileRange,
    /// For snappy, the 4-byte big-endian CRC32 of the uncompressed data (the end of `data_range`).
    pub checksum_range: Option<FileRange>,
    /// The sync marker after the data (shorter than 16 bytes only in a block delivered before the error
    /// that the file ends inside it).
    pub sync_range: FileRange,
    /// The codec the data was compressed with.
    pub codec: Codec,
    /// The decompressed data: `count` objects encoded one after another. With codec `null` its byte `i`
    /// is file byte `data_range.start + i`.
    pub data: Vec<u8>,
}

impl StreamBlock {
    /// Where the block starts: its object count.
    pub fn offset(&self) -> u64 {
        self.count_range.start
    }

    /// One past its last byte: the end of its sync marker (or of the file, where that cuts the marker).
    pub fn end(&self) -> u64 {
        self.sync_range.end.max(self.data_range.end)
    }
}

/// The most stored bytes a block may take when its data decompresses to at most `limits.max_block_bytes`:
/// that size, plus an eighth and 64 KiB for what a codec adds to data it cannot compress (deflate adds 5
/// bytes per 64 KiB, bzip2 about 1 %, snappy at most a sixth plus 32 bytes in theory, an eighth in practice).
pub fn max_stored_bytes(limits: &Limits) -> u64 {
    let limit = limits.max_block_bytes as u64;
    limit.saturating_add(limit / 8).saturating_add(64 << 10)
}

/// How many bytes a stream asks its input for at a time, and the first try at a header.
const CHUNK: usize = 64 << 10;

/// A found sync marker differing from the header's in at most this many bytes is called damaged rather
/// than misplaced.
const MAX_DAMAGED_SYNC_BYTES: usize = 4;

/// Reads a container file from `R` block by block (see the module documentation).
///
/// [`next_block`](Self::next_block) gives the blocks in file order, then `Ok(None)` at the end. A block
/// whose data is intact but whose sync marker differs or is cut short is given first, and its problem on
/// the next call, so its records can still be read; after an error every call gives `Ok(None)`.
pub struct BlockStream<R> {
    input: Source<R>,
    header: Header,
    limits: Limits,
    min_object_size: u64,
    /// Blocks read so far.
    blocks: usize,
    /// A problem to report after the block delivered with it.
    pending: Option<StreamError>,
    done: bool,
    /// For the whole-file reader: decompressed bytes so far, checked against `max_total_bytes`.
    total: Option<usize>,
    /// The most stored bytes read into memory for one block.
    max_stored: u64,
}

impl<R: Read> BlockStream<R> {
    /// Reads the header from `input` (growing its buffer only while the header is cut short, up to
    /// [`Limits::max_block_bytes`]); the blocks are read by [`next_block`](Self::next_block).
    pub fn open(input: R, limits: &Limits) -> Result<Self, StreamError> {
        let mut input = Source::new(input, 0);
        let cap = limits.max_block_bytes.max(CHUNK);
        let mut want = CHUNK;
        let header = loop {
            let have = match input.ensure(want) {
                Ok(have) => have,
                Err(e) => return Err(StreamError::io(input.window().len() as u64, &e)),
            };
            let at_end = have < want;
            let mut partial = PartialHeader::default();
            match read_header(input.window(), &mut partial) {
                Ok(header) => break header,
                Err(e) if at_end || !is_truncated_header(&e) => return Err(e.into()),
                Err(_) if want >= cap => {
                    return Err(StreamError {
                        location: Some(Location::Metadata),
                        range: FileRange::new(0, want as u64),
                        message: format!(
                            "the header is longer than {cap} bytes, the limit for one block"
                        ),
                    });
                }
                Err(_) => want = want.saturating_mul(2).min(cap),
            }
        };
        input.consume(header.end());
        Ok(Self::after_header(
            input,
            header,
            limits,
            None,
            max_stored_bytes(limits),
        ))
    }

    fn after_header(
        input: Source<R>,
        header: Header,
        limits: &Limits,
        total: Option<usize>,
        max_stored: u64,
    ) -> Self {
        let min_object_size = parse_schema(&header.schema)
            .map(|s| min_datum_size(&s))
            .unwrap_or(0);
        BlockStream {
            input,
            header,
            limits: *limits,
            min_object_size,
            blocks: 0,
            pending: None,
            done: false,
            total,
            max_stored,
        }
    }

    /// The file's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The header, giving up the stream.
    pub fn into_header(self) -> Header {
        self.header
    }

    /// How many bytes of the file have been read.
    pub fn position(&self) -> u64 {
        self.input.pos
    }

    /// The next block, `Ok(None)` at the end of the file (or after an error), or the first problem.
    pub fn next_block(&mut self) -> Result<Option<StreamBlock>, StreamError> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        if self.done {
            return Ok(None);
        }
        match self.input.at_end() {
            Ok(true) => {
                self.done = true;
                return Ok(None);
            }
            Ok(false) => {}
            Err(e) => {
                self.done = true;
                return Err(StreamError::io(self.input.pos, &e));
            }
        }
        self.blocks += 1;
        let read = self.read_block(self.blocks);
        match read {
            Ok((block, None)) => Ok(Some(block)),
            Ok((block, Some(problem))) => {
                self.done = true;
                self.pending = Some(problem);
                Ok(Some(block))
            }
            Err(e) => {
                self.done = true;
                Err(e)
            }
        }
    }

    /// Reads block `number`: the block when its data could be read, with a problem of its sync marker.
    fn read_block(
        &mut self,
        number: usize,
    ) -> Result<(StreamBlock, Option<StreamError>), StreamError> {
        let mut frame = self.frame(number)?;
        let sync_problem = self.check_sync(&frame, number)?;
        let limit = self.limits.max_block_bytes;
        let skipped = frame.stored.is_none();
        let data = match (frame.stored.take(), self.header.codec) {
            // Codec null: the stored bytes are the data.
            (Some(stored), Codec::Null) if stored.len() <= limit => Ok(stored),
            (Some(stored), codec) => decompress(codec, &stored, limit),
            (None, _) => Err(DecompressError::TooLarge { limit }),
        };
        let data = match data {
            Ok(data) => data,
            // A wrong or cut sync marker usually means a wrong byte size or a cut file: report that
            // rather than what the codec made of the misframed data.
            Err(e) => {
                return Err(
                    sync_problem.unwrap_or_else(|| self.codec_error(&frame, number, e, skipped))
                )
            }
        };
        let block = self.block(frame, number, data);
        if let Some(problem) = sync_problem {
            return Ok((block, Some(problem)));
        }
        if let Some(total) = &mut self.total {
            *total = total.saturating_add(block.data.len());
            if *total > self.limits.max_total_bytes {
                let message = format!(
                    "the blocks so far decompress to more than {} bytes, the limit for one file",
                    self.limits.max_total_bytes
                );
                return Err(block_error(
                    number,
                    BlockPart::CompressedData,
                    block.data_range,
                    message,
                ));
            }
        }
        if let Some(problem) = self.check_count(&block) {
            return Err(problem);
        }
        Ok((block, None))
    }

    fn block(&self, frame: Frame, number: usize, data: Vec<u8>) -> StreamBlock {
        let codec = self.header.codec;
        let data_range = frame.data_range;
        let crc = SNAPPY_CRC_LEN as u64;
        let checksum_range = (codec == Codec::Snappy && data_range.len() >= crc)
            .then(|| FileRange::new(data_range.end - crc, data_range.end));
        StreamBlock {
            number,
            count: frame.count,
            count_range: frame.count_range,
            size: frame.size,
            size_range: frame.size_range,
            data_range,
            checksum_range,
            sync_range: frame.sync_range,
            codec,
            data,
        }
    }

    fn io_error(&self, e: &io::Error) -> StreamError {
        StreamError::io(self.input.pos, e)
    }

    /// Reads a block's count, size, stored data and sync marker, checking that its data is in the file.
    fn frame(&mut self, number: usize) -> Result<Frame, StreamError> {
        let (count, count_range) = self.long(number, BlockPart::ObjectCount)?;
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
        let (size, size_range) = self.long(number, BlockPart::ByteSize)?;
        let size = u64::try_from(size).map_err(|_| {
            block_error(
                number,
                BlockPart::ByteSize,
                size_range,
                format!("the byte size is negative ({size})"),
            )
        })?;
        let data_start = size_range.end;
        // The header's marker is looked for in the data only when a problem needs it: a stored block
        // is searched afterwards, a skipped one while it is skipped.
        let mut finder = SyncFinder::new(self.header.sync, data_start);
        let stored = if size <= self.max_stored {
            let stored = self.input.take(size).map_err(|e| self.io_error(&e))?;
            if (stored.len() as u64) < size {
                finder.feed(&stored);
                return Err(size_past_end(
                    number,
                    size,
                    size_range,
                    stored.len() as u64,
                    finder.found,
                ));
            }
            Some(stored)
        } else {
            let skipped = self
                .input
                .skip(size, &mut finder)
                .map_err(|e| self.io_error(&e))?;
            if skipped < size {
                return Err(size_past_end(
                    number,
                    size,
                    size_range,
                    skipped,
                    finder.found,
                ));
            }
            None
        };
        let data_range = FileRange::new(data_start, data_start + size);
        // Cut at the end of the file; `check_sync` reports a short marker once the data has been read.
        let sync = self
            .input
            .take(SYNC_LEN as u64)
            .map_err(|e| self.io_error(&e))?;
        let sync_range = FileRange::new(data_range.end, data_range.end + sync.len() as u64);
        Ok(Frame {
            count,
            count_range,
            size,
            size_range,
            data_range,
            sync_range,
            stored,
            sync,
            finder,
        })
    }

    /// Reads a zigzag long for `part` of block `number`.
    fn long(&mut self, number: usize, part: BlockPart) -> Result<(i64, FileRange), StreamError> {
        let at = self.input.pos;
        let mut bytes = [0u8; MAX_LONG_BYTES];
        let mut n = 0;
        while let Some(slot) = bytes.get_mut(n) {
            let Some(b) = self.input.next_byte().map_err(|e| self.io_error(&e))? else {
                break;
            };
            *slot = b;
            n += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
        let read = bytes.get(..n).unwrap_or_default();
        read_long(read, 0)
            .map(|(value, len)| (value, FileRange::new(at, at + len.end as u64)))
            .map_err(|e| {
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
                StreamError {
                    location: Some(location),
                    range: FileRange::new(at, at + n as u64),
                    message: format!("the {}: {}", part.name(), e.describe()),
                }
            })
    }

    /// The sync marker's problem, if it has one. Looking for the header's marker further on reads the rest
    /// of the input: the stream ends at this block anyway.
    fn check_sync(
        &mut self,
        frame: &Frame,
        number: usize,
    ) -> Result<Option<StreamError>, StreamError> {
        let found = frame.sync.as_slice();
        let sync = self.header.sync;
        if found == sync {
            return Ok(None);
        }
        if found.len() < SYNC_LEN {
            return Ok(Some(StreamError {
                location: Some(Location::TruncatedBlock {
                    block: number,
                    part: BlockPart::SyncMarker,
                }),
                range: frame.sync_range,
                message: format!(
                    "the file ends {} bytes into the block's 16-byte sync marker",
                    found.len()
                ),
            }));
        }
        let mut message = format!(
            "differs from the header's sync marker: found {}, expected {}",
            to_hex(found),
            to_hex(&sync)
        );
        let differing = found.iter().zip(sync).filter(|(a, b)| **a != *b).count();
        if differing <= MAX_DAMAGED_SYNC_BYTES {
            message.push_str(&format!(
                "; {differing} of its 16 bytes differ, so the marker itself is damaged"
            ));
        } else {
            let mut finder = frame.finder.clone();
            if let Some(stored) = &frame.stored {
                finder.feed(stored);
            }
            finder.feed(found);
            self.input
                .find(&mut finder)
                .map_err(|e| self.io_error(&e))?;
            if let Some(at) = finder.found {
                message.push_str(&format!(
                    "; the header's marker appears at byte {at}, so the block's byte size may be wrong"
                ));
            }
        }
        Ok(Some(block_error(
            number,
            BlockPart::SyncMarker,
            frame.sync_range,
            message,
        )))
    }

    /// The problem decompressing a block's data; `skipped` when the data was too large to be read.
    fn codec_error(
        &self,
        frame: &Frame,
        number: usize,
        e: DecompressError,
        skipped: bool,
    ) -> StreamError {
        let codec = self.header.codec;
        let data = frame.data_range;
        let crc = SNAPPY_CRC_LEN as u64;
        match e {
            DecompressError::Garbled(said) => block_error(
                number,
                BlockPart::CompressedData,
                data,
                format!("the {codec} data could not be decompressed: the decoder said: {said}"),
            ),
            DecompressError::TooLarge { limit } if skipped => block_error(
                number,
                BlockPart::CompressedData,
                data,
                format!(
                    "the {codec} data takes {} bytes, more than data within the limit of {limit} bytes for \
                     one block takes compressed, so it was not read",
                    frame.size
                ),
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
                FileRange::new(data.end.saturating_sub(crc), data.end),
                format!(
                    "snappy CRC32 mismatch: the block stores {stored:08x}, the uncompressed data gives {computed:08x}"
                ),
            ),
        }
    }

    /// Every object takes at least `min_object_size` bytes: a count that cannot fit is wrong.
    fn check_count(&self, block: &StreamBlock) -> Option<StreamError> {
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

impl<'b> BlockStream<&'b [u8]> {
    /// A stream over a file held whole, for the whole-file reader: the header is read from all of it,
    /// blocks of any stored size are read, and `max_total_bytes` applies.
    pub(crate) fn over_slice(
        bytes: &'b [u8],
        limits: &Limits,
    ) -> Result<Self, Box<(PartialHeader, ContainerError)>> {
        let mut partial = PartialHeader::default();
        let header = read_header(bytes, &mut partial).map_err(|e| Box::new((partial, e)))?;
        let rest = bytes.get(header.end()..).unwrap_or_default();
        let input = Source::new(rest, header.end() as u64);
        Ok(Self::after_header(input, header, limits, Some(0), u64::MAX))
    }
}

fn block_error(block: usize, part: BlockPart, range: FileRange, message: String) -> StreamError {
    StreamError {
        location: Some(Location::Block { block, part }),
        range,
        message,
    }
}

/// A byte size running past the end: a wrong size when the sync marker shows up later (`found`), else a
/// cut file. `left` bytes followed the size.
fn size_past_end(
    number: usize,
    size: u64,
    size_range: FileRange,
    left: u64,
    found: Option<u64>,
) -> StreamError {
    let data_start = size_range.end;
    match found {
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
        None => StreamError {
            location: Some(Location::TruncatedBlock {
                block: number,
                part: BlockPart::CompressedData,
            }),
            range: FileRange::new(data_start, data_start + left),
            message: format!(
                "the byte size says {size} bytes, but the file ends after {left} of them"
            ),
        },
    }
}

/// Where a block's parts stand and what was read of them, before decompression.
struct Frame {
    count: u64,
    count_range: FileRange,
    size: u64,
    size_range: FileRange,
    data_range: FileRange,
    sync_range: FileRange,
    /// The stored data; `None` when it was larger than a stream holds, and skipped.
    stored: Option<Vec<u8>>,
    /// The sync marker as found (shorter at the end of the file).
    sync: Vec<u8>,
    /// The search for the header's marker from the data's start, fed with skipped data.
    finder: SyncFinder,
}

/// Looks for the first sync marker in bytes fed in file order, from a given offset on.
#[derive(Clone)]
struct SyncFinder {
    sync: [u8; SYNC_LEN],
    /// The file offset of the next byte to be fed.
    next: u64,
    /// The last bytes fed (fewer than a marker), which a marker may start in.
    tail: Vec<u8>,
    /// Where the first marker starts, once found.
    found: Option<u64>,
}

impl SyncFinder {
    fn new(sync: [u8; SYNC_LEN], from: u64) -> Self {
        SyncFinder {
            sync,
            next: from,
            tail: Vec::with_capacity(2 * SYNC_LEN),
            found: None,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if self.found.is_some() || bytes.is_empty() {
            self.next += bytes.len() as u64;
            return;
        }
        // A marker across the boundary: the tail and the first bytes of `bytes`.
        let tail_start = self.next - self.tail.len() as u64;
        let head = bytes.get(..SYNC_LEN - 1).unwrap_or(bytes);
        self.tail.extend_from_slice(head);
        if let Some(i) = position(&self.tail, &self.sync) {
            self.found = Some(tail_start + i as u64);
        } else if let Some(i) = position(bytes, &self.sync) {
            self.found = Some(self.next + i as u64);
        }
        self.next += bytes.len() as u64;
        let keep = SYNC_LEN - 1;
        if bytes.len() >= keep {
            self.tail.clear();
            self.tail
                .extend_from_slice(bytes.get(bytes.len() - keep..).unwrap_or_default());
        } else {
            // The tail already ends with all of `bytes`: keep its last `keep` bytes.
            let drop = self.tail.len().saturating_sub(keep);
            self.tail.drain(..drop);
        }
    }
}

/// The first place `sync` appears in `bytes`.
fn position(bytes: &[u8], sync: &[u8; SYNC_LEN]) -> Option<usize> {
    bytes.windows(SYNC_LEN).position(|w| w == sync)
}

/// The input with a window of bytes read ahead and the file offset of the window's first byte.
struct Source<R> {
    inner: R,
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    at: usize,
    /// The file offset of `buf[at]`.
    pos: u64,
    eof: bool,
}

impl<R: Read> Source<R> {
    fn new(inner: R, pos: u64) -> Self {
        Source {
            inner,
            buf: Vec::new(),
            at: 0,
            pos,
            eof: false,
        }
    }

    /// The bytes read ahead and not consumed.
    fn window(&self) -> &[u8] {
        self.buf.get(self.at..).unwrap_or_default()
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len() - self.at);
        self.at += n;
        self.pos += n as u64;
    }

    /// Reads ahead until the window holds `want` bytes or the input ends; returns the window's length.
    fn ensure(&mut self, want: usize) -> io::Result<usize> {
        if self.at > 0 {
            self.buf.drain(..self.at);
            self.at = 0;
        }
        let filled = self.buf.len();
        if filled < want && !self.eof {
            let got = read_into(&mut self.inner, &mut self.buf, want - filled);
            self.eof |= got.eof;
            got.error.map_or(Ok(()), Err)?;
        }
        Ok(self.buf.len())
    }

    /// Refills an empty window with the next chunk.
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.at >= self.buf.len() && !self.eof {
            // A big header's buffer is not kept for the blocks.
            if self.buf.capacity() > 2 * CHUNK {
                self.buf = Vec::new();
            }
            self.buf.clear();
            self.at = 0;
            self.ensure(CHUNK)?;
        }
        Ok(self.window())
    }

    fn at_end(&mut self) -> io::Result<bool> {
        Ok(self.fill()?.is_empty())
    }

    fn next_byte(&mut self) -> io::Result<Option<u8>> {
        let b = self.fill()?.first().copied();
        if b.is_some() {
            self.consume(1);
        }
        Ok(b)
    }

    /// Reads up to `n` bytes (fewer only at the end of the input). The buffer grows with the bytes that
    /// arrive, so a size the file does not back allocates no more than the file holds.
    fn take(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let window = self.window();
        let first = window.len().min(usize::try_from(n).unwrap_or(usize::MAX));
        let mut out = window.get(..first).unwrap_or_default().to_vec();
        self.consume(first);
        let mut left = n - first as u64;
        while left > 0 && !self.eof {
            let start = out.len();
            let room = usize::try_from(left)
                .unwrap_or(usize::MAX)
                .min(start.max(CHUNK));
            // Exactly: doubling would leave up to twice a block's size allocated.
            out.reserve_exact(room);
            let got = read_into(&mut self.inner, &mut out, room);
            self.eof |= got.eof;
            left -= got.n as u64;
            self.pos += got.n as u64;
            got.error.map_or(Ok(()), Err)?;
        }
        Ok(out)
    }

    /// Consumes bytes, feeding them to `finder`, until it finds the marker or the input ends.
    fn find(&mut self, finder: &mut SyncFinder) -> io::Result<()> {
        while finder.found.is_none() {
            let window = self.fill()?;
            if window.is_empty() {
                break;
            }
            let len = window.len();
            finder.feed(window);
            self.consume(len);
        }
        Ok(())
    }

    /// Consumes up to `n` bytes without keeping them, feeding them to `finder`; returns how many there were.
    fn skip(&mut self, n: u64, finder: &mut SyncFinder) -> io::Result<u64> {
        let mut skipped = 0;
        while skipped < n {
            let window = self.fill()?;
            if window.is_empty() {
                break;
            }
            let here = window
                .len()
                .min(usize::try_from(n - skipped).unwrap_or(usize::MAX));
            finder.feed(window.get(..here).unwrap_or_default());
            self.consume(here);
            skipped += here as u64;
        }
        Ok(skipped)
    }
}

/// What [`read_into`] got.
struct Got {
    /// Bytes read.
    n: usize,
    /// Whether the input ended.
    eof: bool,
    /// The input's failure, after the `n` bytes it gave.
    error: Option<io::Error>,
}

/// Appends up to `n` bytes of `input` to `buf`, fewer only when the input ends or fails (an interrupted
/// read is retried). Nothing is zeroed first, and `buf` grows only where its capacity falls short.
fn read_into(input: &mut impl Read, buf: &mut Vec<u8>, n: usize) -> Got {
    let before = buf.len();
    let result = input.by_ref().take(n as u64).read_to_end(buf);
    let got = buf.len() - before;
    Got {
        n: got,
        eof: result.is_ok() && got < n,
        error: result.err(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::write_container;

    #[test]
    fn offsets_past_4_gib_stay_whole() {
        let schema = r#""long""#;
        let sync = [7; SYNC_LEN];
        let file = write_container(
            schema,
            Codec::Null,
            &[(1, vec![2]), (1, vec![4])],
            sync,
            &[],
        )
        .unwrap();
        let mut partial = PartialHeader::default();
        let header = read_header(&file, &mut partial).unwrap();
        let mut rest = file[header.end()..].to_vec();
        // The second block's marker, damaged beyond repair.
        let last = rest.len() - 1;
        rest[last - 8..=last].fill(0);
        // As if the blocks came after 5 GiB of other blocks.
        let start = 5u64 << 30;
        let input = Source::new(&rest[..], start);
        let mut stream =
            BlockStream::after_header(input, header, &Limits::default(), None, 1 << 20);
        let first = stream.next_block().unwrap().unwrap();
        assert_eq!((first.offset(), first.end()), (start, start + 19));
        assert_eq!(first.data_range, FileRange::new(start + 2, start + 3));
        let second = stream.next_block().unwrap().unwrap();
        assert_eq!(second.offset(), start + 19);
        let e = stream.next_block().unwrap_err();
        assert_eq!(e.offset(), start + 19 + 3);
        assert!(
            e.to_string()
                .ends_with(&format!("(at byte {})", start + 22)),
            "{e}"
        );
        assert_eq!(stream.next_block(), Ok(None));
        assert_eq!(stream.position(), start + rest.len() as u64);
    }

    #[test]
    fn the_finder_sees_a_marker_split_across_any_two_feeds() {
        let sync = *b"0123456789abcdef";
        let mut file = vec![b'x'; 40];
        file.extend_from_slice(&sync);
        file.extend_from_slice(&[b'y'; 9]);
        for cut in 0..file.len() {
            for second in cut..file.len() {
                let mut finder = SyncFinder::new(sync, 100);
                finder.feed(&file[..cut]);
                finder.feed(&file[cut..second]);
                finder.feed(&file[second..]);
                assert_eq!(finder.found, Some(140), "cuts at {cut} and {second}");
            }
        }
        let mut finder = SyncFinder::new(sync, 0);
        for b in &file {
            finder.feed(std::slice::from_ref(b));
        }
        assert_eq!(finder.found, Some(40));
    }

    #[test]
    fn take_stops_at_the_end_and_counts_the_bytes() {
        let data: Vec<u8> = (0..=255).cycle().take(3 * CHUNK + 7).collect();
        let mut source = Source::new(&data[..], 10);
        assert_eq!(source.take(5).unwrap(), data[..5]);
        assert_eq!(source.next_byte().unwrap(), Some(5));
        let rest = source.take(u64::MAX).unwrap();
        assert_eq!(rest, data[6..]);
        assert_eq!(source.pos, 10 + data.len() as u64);
        assert!(source.at_end().unwrap());
    }
}
