//! The validating pass: a container file read once from any [`std::io::Read`], block by block, every block
//! decompressed and every record decoded by the walker (no span recorded, nothing skipped by block size),
//! the records counted, and the block index built: one entry per block, not one per record.
//!
//! It reports the first problem at the same byte, in the same words, as
//! [`walk_container`](super::walk_container) (`ContainerWalk::error` and its offset), with the same record
//! count before it, and its index lists the blocks that walk's container holds. It differs only where a
//! stream cannot know ahead (see [`BlockStream`]) and in [`crate::walker::Limits::max_spans`], which bounds
//! recorded spans only.

use super::reader::{Container, Limits};
use super::records::{schema_error, BlockRecords, InputSoFar};
use super::stream::{BlockStream, StreamBlock, StreamError};
use super::Header;
use crate::schema::{parse_schema, Schema};
use crate::value::Value;
use crate::walker::{self, DatumReader};
use std::fmt;
use std::io::Read;
use std::ops::ControlFlow;

/// One block of the block index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockEntry {
    /// The block's number, from 1.
    pub number: usize,
    /// Where the block starts in the file (its object count).
    pub offset: u64,
    /// Its bytes in the file, sync marker included.
    pub size: u64,
    /// The byte size of its stored (compressed) data.
    pub data_size: u64,
    /// The byte size of its data decompressed.
    pub decompressed_size: u64,
    /// How many records it holds (its object count).
    pub records: u64,
    /// The number of its first record in the file, from 0.
    pub first_record: u64,
}

impl BlockEntry {
    fn of(block: &StreamBlock, first_record: u64) -> Self {
        BlockEntry {
            number: block.number,
            offset: block.offset(),
            size: block.end() - block.offset(),
            data_size: block.size,
            decompressed_size: block.data.len() as u64,
            records: block.count,
            first_record,
        }
    }
}

impl Container {
    /// The block index of a file read whole: the entries the validating pass gives for its blocks.
    pub fn block_index(&self) -> Vec<BlockEntry> {
        let mut first_record = 0u64;
        self.blocks
            .iter()
            .map(|b| {
                let entry = BlockEntry {
                    number: b.number,
                    offset: b.offset as u64,
                    size: b.sync_range.end.saturating_sub(b.offset) as u64,
                    data_size: b.size as u64,
                    decompressed_size: b.data.len() as u64,
                    records: b.count,
                    first_record,
                };
                first_record = first_record.saturating_add(b.count);
                entry
            })
            .collect()
    }
}

/// The first problem of a file: where, and the message [`walk_container`](super::walk_container) gives
/// for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassError {
    /// The byte offset to mark: the problem's first byte (for a record in compressed data, the block's
    /// compressed data).
    pub offset: u64,
    /// The block it is in (from 1), if it is in one.
    pub block: Option<usize>,
    /// What is wrong and where, for the user (the same text as `ContainerWalk::error`).
    pub message: String,
}

impl From<StreamError> for PassError {
    fn from(e: StreamError) -> Self {
        PassError {
            offset: e.offset(),
            block: e.block(),
            message: e.to_string(),
        }
    }
}

impl fmt::Display for PassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PassError {}

/// What a pass over a container file found.
#[derive(Clone, Debug, Default)]
pub struct ContainerPass {
    /// The header (absent when it could not be read).
    pub header: Option<Header>,
    /// The writer schema from `avro.schema`, when it parses.
    pub writer: Option<Schema>,
    /// How many blocks were read (framed and decompressed), also after a problem in a record, as the
    /// whole-file reader reads them.
    pub blocks: usize,
    /// How many records decoded before the first problem.
    pub record_count: u64,
    /// The first problem: a broken header or block, a bad `avro.schema`, or a record that does not decode.
    pub error: Option<PassError>,
    /// Whether the visitor stopped the pass before the end.
    pub stopped: bool,
}

/// Told about each block and record as a pass reads them; either may stop the pass (a cancel button, a
/// consumer that failed).
pub trait PassVisitor {
    /// A block read (framed and decompressed). `decoding` says whether its records will be decoded: after
    /// the first problem the pass only reads the blocks that follow, as the whole-file reader does, so a
    /// visitor that wants only the records stops there.
    fn block(&mut self, entry: &BlockEntry, decoding: bool) -> ControlFlow<()> {
        let _ = (entry, decoding);
        ControlFlow::Continue(())
    }

    /// A record of block `block` decoded with `writer`, in file order.
    fn record(&mut self, writer: &Schema, block: usize, value: Value) -> ControlFlow<()> {
        let _ = (writer, block, value);
        ControlFlow::Continue(())
    }
}

/// Counts the records and nothing else.
impl PassVisitor for () {}

/// Collects the block index.
impl PassVisitor for Vec<BlockEntry> {
    fn block(&mut self, entry: &BlockEntry, _decoding: bool) -> ControlFlow<()> {
        self.push(*entry);
        ControlFlow::Continue(())
    }
}

/// The validating pass and the block index it built.
#[derive(Clone, Debug, Default)]
pub struct Validation {
    /// What the pass found.
    pub pass: ContainerPass,
    /// One entry per block read, in file order.
    pub index: Vec<BlockEntry>,
}

/// Reads a container file from `input` once, holding at most one block, decoding every record, and
/// builds its block index.
pub fn validate_container<R: Read>(input: R, limits: &Limits) -> Validation {
    let mut index = Vec::new();
    let pass = pass_container(input, limits, &mut index);
    Validation { pass, index }
}

/// Reads a container file from `input` once, holding at most one block and its decompressed data:
/// every block is decompressed and every record decoded with the writer schema from the header (no span
/// recorded), each handed to `visitor` as it is read.
pub fn pass_container<R: Read>(
    input: R,
    limits: &Limits,
    visitor: &mut impl PassVisitor,
) -> ContainerPass {
    let mut pass = ContainerPass::default();
    let mut stream = match BlockStream::open(input, limits) {
        Ok(stream) => stream,
        Err(e) => {
            pass.error = Some(e.into());
            return pass;
        }
    };
    let writer = match parse_schema(&stream.header().schema) {
        Ok(schema) => Some(schema),
        Err(e) => {
            let (at, message) = schema_error(stream.header(), &e);
            pass.error = Some(PassError {
                offset: at.unwrap_or(0) as u64,
                block: None,
                message,
            });
            None
        }
    };
    read_blocks(&mut stream, writer.as_ref(), &mut pass, visitor);
    pass.header = Some(stream.into_header());
    pass.writer = writer;
    pass
}

/// Reads the blocks to the end, the first problem or the visitor's stop, decoding records with `writer`
/// until the first problem.
fn read_blocks<R: Read>(
    stream: &mut BlockStream<R>,
    writer: Option<&Schema>,
    pass: &mut ContainerPass,
    visitor: &mut impl PassVisitor,
) {
    let mut reader = writer.map(|w| DatumReader::new(w, walker::Limits::default()));
    let mut input = InputSoFar::new();
    let mut first_record = 0u64;
    loop {
        let block = match stream.next_block() {
            Ok(Some(block)) => block,
            Ok(None) => return,
            Err(e) => {
                pass.error.get_or_insert(e.into());
                return;
            }
        };
        pass.blocks += 1;
        let entry = BlockEntry::of(&block, first_record);
        first_record = first_record.saturating_add(block.count);
        let decoding = pass.error.is_none();
        if visitor.block(&entry, decoding).is_break() {
            pass.stopped = true;
            return;
        }
        let (Some(reader), Some(writer), true) = (&mut reader, writer, decoding) else {
            continue;
        };
        reader.set_input_len(input.add(block.codec, block.sync_range.end, block.data.len()));
        let records = BlockRecords {
            number: block.number,
            count: block.count,
            codec: block.codec,
            bytes: &block.data,
            start: 0,
            base: block.data_range.start,
            data_start: block.data_range.start,
        };
        let count = &mut pass.record_count;
        let decoded = records.decode(reader, None, |value| {
            *count += 1;
            visitor.record(writer, block.number, value)
        });
        match decoded {
            Ok(ControlFlow::Continue(())) => {}
            Ok(ControlFlow::Break(())) => {
                pass.stopped = true;
                return;
            }
            Err((offset, message)) => {
                pass.error = Some(PassError {
                    offset,
                    block: Some(block.number),
                    message,
                });
            }
        }
    }
}
