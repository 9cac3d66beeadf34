//! Target `container_file`: the input is an Object Container File (the seeds hold files under each of the
//! six codecs). The reader and the walker read it without panicking, within the input; they agree on what
//! they read; and a file that reads whole is written again, under a codec picked by the input's length, and
//! reads back to the same blocks and records (so every codec's compressor and decompressor meet fuzzed data).

use crate::invariants::{must, same, spans_inside};
use avro_playground_core::container::{
    read_container_partial, walk_container, write_container, Codec, Limits, ReadSoFar,
};

/// Reads the input as a container file, and writes a file that reads whole again under another codec.
pub fn container_file(data: &[u8]) {
    let limits = Limits::default();
    let walk = walk_container(data, &limits);
    spans_inside(&walk.walk);
    let read = read_container_partial(data, &limits);
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
