//! Target `container_file`: the input is an Object Container File (the seeds hold files under each of the
//! six codecs). The reader and the walker read it without panicking, within the input; they agree on what
//! they read; the validating pass over a stream (fed a byte at a time) agrees with the walk on the first
//! problem, its byte, the records before it and the block index; and a file that reads whole is written
//! again, under a codec picked by the input's length, and reads back to the same blocks and records (so
//! every codec's compressor and decompressor meet fuzzed data).

use crate::invariants::{must, same, spans_inside};
use avro_playground_core::container::{
    pass_container, read_container_partial, walk_container, write_container, BlockEntry, Codec,
    ContainerWalk, Limits, PassVisitor, ReadSoFar,
};
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use std::io::Read;
use std::ops::ControlFlow;

/// An input that gives one byte per read, so every boundary of the stream's buffering is crossed.
struct ByteAtATime<'a>(&'a [u8]);

impl Read for ByteAtATime<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((b, rest)), Some(slot)) => {
                *slot = *b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// What the pass handed its visitor.
#[derive(Default)]
struct Seen {
    index: Vec<BlockEntry>,
    records: Vec<(usize, Value)>,
}

impl PassVisitor for Seen {
    fn block(&mut self, entry: &BlockEntry, _decoding: bool) -> ControlFlow<()> {
        self.index.push(*entry);
        ControlFlow::Continue(())
    }

    fn record(&mut self, _writer: &Schema, block: usize, value: Value) -> ControlFlow<()> {
        self.records.push((block, value));
        ControlFlow::Continue(())
    }
}

/// The validating pass over `data` as a stream finds what the walk of it whole finds: the same first
/// problem (text and byte), the same records before it, and an index of the blocks the walk read. A
/// stream does not apply `max_total_bytes`, so a file refused by it is not compared.
fn pass_agrees(data: &[u8], limits: &Limits, walk: &ContainerWalk, total_refused: bool) {
    let mut seen = Seen::default();
    let pass = pass_container(ByteAtATime(data), limits, &mut seen);
    if total_refused {
        return;
    }
    let ours = (
        pass.error.as_ref().map(|e| e.message.as_str()),
        pass.error.as_ref().map(|e| e.offset),
    );
    let theirs = (
        walk.error.as_deref(),
        walk.walk.error.as_ref().map(|e| e.offset as u64),
    );
    assert_eq!(
        ours, theirs,
        "the pass and the walk differ on the first problem"
    );
    assert_eq!(
        pass.record_count, walk.record_count as u64,
        "records before it"
    );
    assert_eq!(seen.records.len(), walk.records.len());
    for ((block_a, a), (block_b, b)) in seen.records.iter().zip(&walk.records) {
        assert!(
            block_a == block_b && same(a, b),
            "the pass read {a:?}, the walk {b:?}"
        );
    }
    let index = walk
        .container
        .as_ref()
        .map(|c| c.block_index())
        .unwrap_or_default();
    assert_eq!(seen.index, index, "the pass's block index");
}

/// Reads the input as a container file, and writes a file that reads whole again under another codec.
pub fn container_file(data: &[u8]) {
    let limits = Limits::default();
    let walk = walk_container(data, &limits);
    spans_inside(&walk.walk);
    let read = read_container_partial(data, &limits);
    let total_refused = read
        .error
        .as_ref()
        .is_some_and(|e| e.message.contains("the limit for one file"));
    pass_agrees(data, &limits, &walk, total_refused);
    if let Some(e) = &read.error {
        assert!(
            e.range.start <= e.range.end && e.range.end <= data.len(),
            "container error range {} outside {} bytes: {e}",
            e.range,
            data.len()
        );
    }
    let ReadSoFar::Container(container) = read.read else {
        assert!(walk.error.is_some(), "a broken header gives no error");
        return;
    };
    if read.error.is_some() || walk.error.is_some() {
        return;
    }
    assert_eq!(walk.record_count as u64, container.object_count());
    let codec = Codec::ALL
        .get(data.len() % Codec::ALL.len())
        .copied()
        .unwrap_or(Codec::Null);
    let blocks: Vec<(u64, Vec<u8>)> = container
        .blocks
        .iter()
        .map(|b| (b.count, b.data.clone()))
        .collect();
    let metadata: Vec<(String, Vec<u8>)> = container
        .header
        .metadata
        .iter()
        .filter(|m| !m.key.starts_with("avro."))
        .map(|m| (m.key.clone(), m.value.clone()))
        .collect();
    let file = must(
        write_container(
            &container.header.schema,
            codec,
            &blocks,
            container.header.sync,
            &metadata,
        ),
        "a file that reads whole cannot be written again",
    );
    let again = walk_container(&file, &limits);
    spans_inside(&again.walk);
    assert!(
        again.error.is_none(),
        "rewritten as {codec}: {:?}",
        again.error
    );
    assert_eq!(
        again.record_count, walk.record_count,
        "rewritten as {codec}"
    );
    let rewritten = again.container.as_ref().map(|c| {
        c.blocks
            .iter()
            .map(|b| (b.count, &b.data))
            .collect::<Vec<_>>()
    });
    let original: Vec<_> = blocks.iter().map(|(count, data)| (*count, data)).collect();
    assert_eq!(
        rewritten,
        Some(original),
        "rewritten as {codec}, the blocks differ"
    );
    assert_eq!(again.records.len(), walk.records.len());
    for ((block_a, a), (block_b, b)) in walk.records.iter().zip(&again.records) {
        assert!(
            block_a == block_b && same(a, b),
            "rewritten as {codec}: record {a:?} became {b:?}"
        );
    }
}
