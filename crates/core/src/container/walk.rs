//! A container file read for showing: a span for every byte of the file (header, metadata entries,
//! blocks, sync markers, and for uncompressed blocks each record's fields) and every record decoded with
//! the writer schema from the header.

use super::reader::{read_container_partial, Block, Container, Limits, ReadSoFar};
use super::records::{schema_error, BlockRecords, InputSoFar, RecordError, Recording};
use super::{ByteRange, Codec, ContainerError, MetadataEntry};
use crate::schema::{parse_schema, Schema, SchemaId};
use crate::value::Value;
use crate::walker::{self, DatumReader, Part, Span, Walk, NO_PARENT};
use std::ops::ControlFlow;

/// What reading a container file gave: as much as could be read, and the first problem.
#[derive(Clone, Debug)]
pub struct ContainerWalk {
    /// Spans over the file's bytes (`walk.value` is unused: the records are below).
    pub walk: Walk,
    /// The header and blocks read (absent when the header itself is broken).
    pub container: Option<Container>,
    /// The writer schema from `avro.schema`, when it parses.
    pub writer: Option<Schema>,
    /// The records decoded before any error, in file order, with their block number (from 1): the first
    /// [`Limits::max_records_kept`] of them.
    pub records: Vec<(usize, Value)>,
    /// How many records decoded before any error (kept or not).
    pub record_count: usize,
    /// The first problem: a broken header or block, a bad `avro.schema`, or a record that does not decode.
    pub error: Option<String>,
}

fn span(start: usize, end: usize, parent: u32, part: Part, index: u32) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
        parent,
        schema: SchemaId(0),
        part,
        index,
    }
}

fn push(spans: &mut Vec<Span>, s: Span) -> u32 {
    spans.push(s);
    (spans.len() - 1) as u32
}

fn range_span(spans: &mut Vec<Span>, r: ByteRange, parent: u32, part: Part, index: u32) -> u32 {
    push(spans, span(r.start, r.end, parent, part, index))
}

/// Spans of the header: magic, the metadata map (counts, each entry's key and value), sync marker.
fn header_spans(
    spans: &mut Vec<Span>,
    magic: Option<ByteRange>,
    metadata: &[MetadataEntry],
    metadata_end: Option<ByteRange>,
    sync: Option<ByteRange>,
) {
    let end = sync
        .or(metadata_end)
        .map(|r| r.end)
        .or_else(|| metadata.last().map(|m| m.value_range.end))
        .or(magic.map(|m| m.end))
        .unwrap_or(0);
    let header = push(spans, span(0, end, NO_PARENT, Part::Header, 0));
    if let Some(m) = magic {
        range_span(spans, m, header, Part::Magic, 0);
    }
    let mut last_count = None;
    for (i, entry) in metadata.iter().enumerate() {
        if last_count != Some(entry.block_count.start) {
            range_span(spans, entry.block_count, header, Part::BlockCount, 0);
            if let Some(size) = entry.block_size {
                range_span(spans, size, header, Part::BlockSize, 0);
            }
            last_count = Some(entry.block_count.start);
        }
        let e = push(
            spans,
            span(
                entry.key_length.start,
                entry.value_range.end,
                header,
                Part::Metadata,
                i as u32,
            ),
        );
        range_span(spans, entry.key_length, e, Part::Length, 0);
        range_span(spans, entry.key_range, e, Part::Content, 0);
        range_span(spans, entry.value_length, e, Part::Length, 1);
        range_span(spans, entry.value_range, e, Part::Content, 1);
    }
    if let Some(r) = metadata_end {
        range_span(spans, r, header, Part::BlockEnd, 0);
    }
    if let Some(r) = sync {
        range_span(spans, r, header, Part::Sync, 0);
    }
}

/// Reads `bytes` as an Object Container File; records come back as the writer wrote them (resolve them
/// afterwards to read them with another schema).
pub fn walk_container(bytes: &[u8], limits: &Limits) -> ContainerWalk {
    let partial = read_container_partial(bytes, limits);
    let mut spans = Vec::new();
    let mut error = partial.error.as_ref().map(ContainerError::to_string);
    // Where the first problem is, so views can mark the byte.
    let mut error_at = partial.error.as_ref().map(|e| e.range.start);
    let container = match partial.read {
        ReadSoFar::Header(h) => {
            // Bytes that should have been the magic still get a span, so they can be hovered.
            let magic = h
                .magic
                .or_else(|| Some(ByteRange::new(0, bytes.len().min(super::MAGIC.len()))));
            header_spans(&mut spans, magic, &h.metadata, h.metadata_end, h.sync_range);
            None
        }
        ReadSoFar::Container(c) => Some(c),
    };
    let mut writer = None;
    let mut records = Records {
        kept: Vec::new(),
        keep: limits.max_records_kept,
        count: 0,
    };
    if let Some(c) = &container {
        let h = &c.header;
        header_spans(
            &mut spans,
            Some(h.magic),
            &h.metadata,
            Some(h.metadata_end),
            Some(h.sync_range),
        );
        match parse_schema(&h.schema) {
            // The header comes before the blocks: a schema that does not parse is the first problem.
            Err(e) => {
                let (at, message) = schema_error(h, &e);
                error_at = at.or(error_at);
                error = Some(message);
            }
            Ok(schema) => {
                let mut reader = DatumReader::new(&schema, walker::Limits::default());
                let mut input = InputSoFar::new();
                for (i, block) in c.blocks.iter().enumerate() {
                    let before = spans.len();
                    let end = block.sync_range.end as u64;
                    reader.set_input_len(input.add(block.codec, end, block.data.len()));
                    if let Err((at, e)) =
                        block_spans(bytes, block, &mut reader, &mut spans, &mut records)
                    {
                        error = Some(e);
                        error_at = Some(in_memory(at));
                        break;
                    }
                    if i == 0 {
                        let rest = c.blocks.get(1..).unwrap_or_default();
                        let first_spans = spans.len() - before;
                        reserve_spans(&mut spans, block, first_spans, rest);
                    }
                }
                writer = Some(schema);
            }
        }
    }
    let end = spans.iter().map(|s| s.end as usize).max().unwrap_or(0);
    let walk = Walk {
        bytes: bytes.to_vec(),
        spans,
        value: None,
        error: error.as_ref().map(|message| walker::DecodeError {
            offset: error_at.unwrap_or(0),
            message: message.clone(),
            path: String::new(),
        }),
        end,
    };
    ContainerWalk {
        walk,
        container,
        writer,
        records: records.kept,
        record_count: records.count,
        error,
    }
}

/// Where decoded records go: the first `keep` values are kept, every one is counted.
struct Records {
    kept: Vec<(usize, Value)>,
    keep: usize,
    count: usize,
}

impl Records {
    fn push(&mut self, block: usize, value: Value) {
        if self.kept.len() < self.keep {
            self.kept.push((block, value));
        }
        self.count += 1;
    }
}

/// Reserves room for the spans of the blocks after the first, estimated from the first block's spans per
/// byte, so the span list grows once instead of doubling again and again: doubling briefly holds the old
/// and the new list, which sets the page's memory high-water mark. At most one span per two bytes is
/// reserved (records of ordinary data have about one per three), so a dense first block cannot make a
/// sparse file reserve much more than it needs; denser data grows the list as before.
fn reserve_spans(spans: &mut Vec<Span>, first: &Block, first_spans: usize, rest: &[Block]) {
    let first_bytes = first.sync_range.end.saturating_sub(first.offset).max(1);
    let rest_bytes: usize = rest
        .iter()
        .map(|b| b.sync_range.end.saturating_sub(b.offset))
        .sum();
    let estimate = (first_spans as u128 * rest_bytes as u128 / first_bytes as u128) * 21 / 20;
    let estimate = usize::try_from(estimate)
        .unwrap_or(usize::MAX)
        .min(rest_bytes / 2);
    spans.reserve(estimate);
}

/// Spans of one block and its records. Records of an uncompressed block are decoded in place, so their
/// fields get spans over the file; a compressed block's records are decoded from its decompressed data,
/// without spans (its data is not in the file).
fn block_spans(
    bytes: &[u8],
    block: &Block,
    reader: &mut DatumReader<'_>,
    spans: &mut Vec<Span>,
    records: &mut Records,
) -> Result<(), RecordError> {
    let number = block.number as u32;
    let b = push(
        spans,
        span(
            block.offset,
            block.sync_range.end.max(block.data_range.end),
            NO_PARENT,
            Part::Block,
            number,
        ),
    );
    range_span(spans, block.count_range, b, Part::ObjectCount, number);
    range_span(spans, block.size_range, b, Part::DataSize, number);
    let null = block.codec == Codec::Null;
    let of_block = BlockRecords {
        number: block.number,
        count: block.count,
        codec: block.codec,
        bytes: if null {
            bytes.get(..block.data_range.end).unwrap_or_default()
        } else {
            &block.data
        },
        start: if null { block.data_range.start } else { 0 },
        base: 0,
        data_start: block.data_range.start as u64,
    };
    if !null {
        range_span(
            spans,
            ByteRange::new(
                block.data_range.start,
                block
                    .checksum_range
                    .map_or(block.data_range.end, |c| c.start),
            ),
            b,
            Part::Compressed,
            number,
        );
        if let Some(c) = block.checksum_range {
            range_span(spans, c, b, Part::Checksum, number);
        }
    }
    let recording = null.then_some(Recording {
        spans: &mut *spans,
        parent: b,
    });
    // Every record is kept or counted: the decoding never stops early.
    let _ = of_block.decode(reader, recording, |value| {
        records.push(block.number, value);
        ControlFlow::Continue(())
    })?;
    range_span(spans, block.sync_range, b, Part::Sync, number);
    Ok(())
}

/// A file offset inside bytes held in memory.
fn in_memory(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}
