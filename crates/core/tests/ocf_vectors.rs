//! Object Container Files: every case of tests/corpus/ocf.json and ocf_large.json, the writer's round trip
//! per codec, and hostile inputs that must fail with an error, never a panic or a huge allocation.
//!
//! Records (`records_json`) are decoded from [`Block::data`] by the walker; [`block_data`] below hands
//! each block's object count and decompressed bytes to whoever decodes them. Here an independent decoder
//! (apache-avro) checks that each block's data holds exactly `count` datums of the file's schema.

mod common;

use avro_playground_core::canonical::to_hex;
use avro_playground_core::container::{
    read_container, read_container_partial, walk_container, write_container, Block, BlockPart,
    ByteRange, Codec, Container, ContainerError, Limits, Location, ReadSoFar, MAGIC,
};
use avro_playground_core::schema::parse_schema;
use common::{cases, id, Report};
use serde_json::Value;

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("corpus hex"))
        .collect()
}

/// Each block's object count and decompressed data: what the walker decodes records from.
fn block_data(container: &Container) -> Vec<(u64, &[u8])> {
    container
        .blocks
        .iter()
        .map(|b| (b.count, b.data.as_slice()))
        .collect()
}

/// A metadata value as the corpus writes it: a string whose code points 0–255 are the bytes.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Checks one valid case: codec, block count, sync marker, user metadata, schema, data per block.
fn check_valid(case: &Value) -> Result<(), String> {
    let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
    let container = read_container(&bytes).map_err(|e| format!("read failed: {e}"))?;
    let header = &container.header;
    let mut diffs = Vec::new();
    let want_codec = case["codec"].as_str().unwrap_or_default();
    if header.codec.name() != want_codec {
        diffs.push(format!("codec {}, want {want_codec}", header.codec));
    }
    let want_blocks = case["block_count"].as_u64().unwrap_or(u64::MAX);
    if container.blocks.len() as u64 != want_blocks {
        diffs.push(format!(
            "{} blocks, want {want_blocks}",
            container.blocks.len()
        ));
    }
    let want_sync = case["sync_hex"].as_str().unwrap_or_default();
    if to_hex(&header.sync) != want_sync {
        diffs.push(format!("sync {}, want {want_sync}", to_hex(&header.sync)));
    }
    let user: serde_json::Map<String, Value> = header
        .user_metadata()
        .map(|e| (e.key.clone(), Value::String(latin1(&e.value))))
        .collect();
    if Value::Object(user.clone()) != case["metadata"] {
        diffs.push(format!("metadata {user:?}, want {}", case["metadata"]));
    }
    if header.get("avro.schema").is_none() {
        diffs.push("no avro.schema".into());
    }
    if let Err(e) = parse_schema(&header.schema) {
        diffs.push(format!("avro.schema does not parse: {e}"));
    }
    let want_records = case["records_json"].as_array().map_or(0, Vec::len) as u64;
    if container.object_count() != want_records {
        diffs.push(format!(
            "{} objects, want {want_records}",
            container.object_count()
        ));
    }
    if let Err(e) = check_roles_tile_the_file(&container, bytes.len()) {
        diffs.push(e);
    }
    if let Err(e) = check_data_holds_count_datums(&container) {
        diffs.push(e);
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Every byte of a valid file has exactly one role: the ranges, sorted, follow each other from 0 to the end.
fn check_roles_tile_the_file(container: &Container, len: usize) -> Result<(), String> {
    let h = &container.header;
    let mut ranges = vec![h.magic, h.metadata_end, h.sync_range];
    for e in &h.metadata {
        ranges.extend([
            e.block_count,
            e.key_length,
            e.key_range,
            e.value_length,
            e.value_range,
        ]);
        ranges.extend(e.block_size);
    }
    for b in &container.blocks {
        ranges.extend([b.count_range, b.size_range, b.data_range, b.sync_range]);
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup();
    let mut at = 0;
    for r in ranges {
        if r.start != at {
            return Err(format!(
                "byte roles leave a gap or overlap at {at} (next range {r})"
            ));
        }
        at = r.end;
    }
    if at != len {
        return Err(format!("byte roles end at {at}, the file at {len}"));
    }
    Ok(())
}

/// An independent decoder (apache-avro) reads exactly `count` datums from each block's data.
fn check_data_holds_count_datums(container: &Container) -> Result<(), String> {
    let Ok(schema) = apache_avro::Schema::parse_str(&container.header.schema) else {
        return Ok(()); // apache-avro cannot parse every schema the spec allows; nothing to check then.
    };
    let reader = apache_avro::reader::datum::GenericDatumReader::builder(&schema)
        .build()
        .map_err(|e| format!("apache-avro: {e}"))?;
    for (i, (count, data)) in block_data(container).into_iter().enumerate() {
        let mut rest = data;
        for n in 0..count {
            reader
                .read_value(&mut rest)
                .map_err(|e| format!("block {}: datum {n} does not decode: {e}", i + 1))?;
        }
        if !rest.is_empty() {
            return Err(format!(
                "block {}: {} bytes left after {count} datums",
                i + 1,
                rest.len()
            ));
        }
    }
    Ok(())
}

/// The words of `text` in lower case, split at anything but letters, digits, `-`, `.` and `_`.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_')))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The error names `where` when its text (location and message) holds it, or every word of it.
fn names_where(error: &ContainerError, place: &str) -> bool {
    let text = error.to_string();
    let have = words(&text);
    text.contains(place) || words(place).iter().all(|w| have.contains(w))
}

fn check_corrupt(case: &Value) -> Result<(), String> {
    let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
    let place = case["expect"]["where"].as_str().unwrap_or_default();
    match read_container(&bytes) {
        Ok(c) => Err(format!(
            "read without error ({} blocks), want an error at {place}",
            c.blocks.len()
        )),
        Err(e) if names_where(&e, place) => Ok(()),
        Err(e) => Err(format!("error `{e}` does not name `{place}`")),
    }
}

fn run_corpus_file(file: &str) {
    let mut report = Report::default();
    for case in cases(file) {
        let outcome = if case["expect"]["error"].as_bool() == Some(true) {
            check_corrupt(&case)
        } else {
            check_valid(&case)
        };
        report.check(&id(&case), outcome);
    }
    report.finish(file);
}

#[test]
fn every_ocf_case_reads_or_fails_where_the_corpus_says() {
    run_corpus_file("ocf.json");
}

#[test]
fn every_large_ocf_case_reads_with_its_blocks() {
    run_corpus_file("ocf_large.json");
}

#[test]
fn corrupt_cases_keep_the_intact_blocks_before_the_error() {
    // (case, blocks delivered): a bad sync or a cut sync marker still delivers that block's data.
    let want = [
        ("corrupt_sync_block2", 2),
        ("corrupt_truncated_last_block", 2),
        ("corrupt_truncated_last_sync", 3),
        ("corrupt_block_size_past_eof", 0),
    ];
    let all = cases("ocf.json");
    for (case_id, blocks) in want {
        let case = all
            .iter()
            .find(|c| id(c) == case_id)
            .expect("case in corpus");
        let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
        let partial = read_container_partial(&bytes, &Limits::default());
        assert!(partial.error.is_some(), "{case_id}");
        match partial.read {
            ReadSoFar::Container(c) => assert_eq!(c.blocks.len(), blocks, "{case_id}"),
            ReadSoFar::Header(_) => panic!("{case_id}: header not read"),
        }
    }
}

#[test]
fn a_header_error_keeps_the_entries_read() {
    let case = cases("ocf.json")
        .into_iter()
        .find(|c| id(c) == "corrupt_unknown_codec")
        .expect("case in corpus");
    let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
    let partial = read_container_partial(&bytes, &Limits::default());
    match partial.read {
        ReadSoFar::Header(h) => {
            assert_eq!(h.magic, Some(ByteRange::new(0, 4)));
            assert!(h.metadata.iter().any(|e| e.key == "avro.codec"));
        }
        ReadSoFar::Container(_) => panic!("an unknown codec must stop at the header"),
    }
}

// ---- the writer ----

const SCHEMA: &str = r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"}]}"#;
const SYNC: [u8; 16] = *b"0123456789abcdef";

fn sample_blocks() -> Vec<(u64, Vec<u8>)> {
    // Each record: string "hi" (04 68 69) and long n.
    let record = |n: u8| vec![0x04, b'h', b'i', n];
    vec![
        (2, [record(2), record(4)].concat()),
        (1, record(6)),
        (3, [record(8), record(10), record(12)].concat()),
    ]
}

#[test]
fn writer_round_trips_through_the_reader_for_every_codec() {
    let metadata = vec![("team".to_string(), b"data\x00\xff".to_vec())];
    for codec in Codec::ALL {
        let blocks = sample_blocks();
        let file = write_container(SCHEMA, codec, &blocks, SYNC, &metadata).unwrap();
        let read = read_container(&file).unwrap_or_else(|e| panic!("{codec}: {e}"));
        assert_eq!(read.header.codec, codec);
        assert_eq!(read.header.sync, SYNC);
        assert_eq!(read.header.schema, SCHEMA);
        assert_eq!(read.header.get("team"), Some(&b"data\x00\xff"[..]));
        let got: Vec<(u64, Vec<u8>)> = read
            .blocks
            .iter()
            .map(|b| (b.count, b.data.clone()))
            .collect();
        assert_eq!(got, blocks, "{codec}");
        check_roles_tile_the_file(&read, file.len()).unwrap();
    }
}

#[test]
fn writer_recompresses_every_corpus_file_with_every_codec() {
    for case in cases("ocf.json") {
        if case["expect"]["error"].as_bool() == Some(true) {
            continue;
        }
        let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
        let original = read_container(&bytes).unwrap();
        let blocks: Vec<(u64, Vec<u8>)> = original
            .blocks
            .iter()
            .map(|b| (b.count, b.data.clone()))
            .collect();
        for codec in Codec::ALL {
            let file = write_container(
                &original.header.schema,
                codec,
                &blocks,
                original.header.sync,
                &[],
            )
            .unwrap_or_else(|e| panic!("{}: {codec}: {e}", id(&case)));
            let again =
                read_container(&file).unwrap_or_else(|e| panic!("{}: {codec}: {e}", id(&case)));
            assert_eq!(
                block_data(&again),
                block_data(&original),
                "{}: {codec}",
                id(&case)
            );
        }
    }
}

#[test]
fn writer_rejects_reserved_keys_and_invalid_schemas() {
    let reserved = vec![("avro.codec".to_string(), b"null".to_vec())];
    assert!(write_container(SCHEMA, Codec::Null, &[], SYNC, &reserved).is_err());
    assert!(write_container("{\"type\":\"nope\"}", Codec::Null, &[], SYNC, &[]).is_err());
}

#[test]
fn a_file_without_blocks_reads_as_zero_blocks() {
    let file = write_container(SCHEMA, Codec::Deflate, &[], SYNC, &[]).unwrap();
    assert_eq!(read_container(&file).unwrap().blocks.len(), 0);
}

// ---- hostile and damaged input ----

/// A valid header, then the given block bytes.
fn with_header(block: &[u8]) -> Vec<u8> {
    let mut file = write_container(SCHEMA, Codec::Null, &[], SYNC, &[]).unwrap();
    file.extend_from_slice(block);
    file
}

fn block_location(bytes: &[u8]) -> Location {
    read_container(bytes).expect_err("must fail").location
}

/// A file of a valid header and `block` fails at that part of block 1.
fn first_block_fails_at(block: &[u8], part: BlockPart) {
    assert_eq!(
        block_location(&with_header(block)),
        Location::Block { block: 1, part }
    );
}

#[test]
fn a_block_count_of_2_pow_62_is_an_error_naming_the_count() {
    // count 2^62 (zigzag 2^63: nine 0x80 bytes and 0x01), size 4, four bytes, sync.
    let mut block = vec![0x80; 9];
    block.push(0x01);
    block.extend_from_slice(&[0x08, 0x04, b'h', b'i', 0x02]);
    block.extend_from_slice(&SYNC);
    let e = read_container(&with_header(&block)).unwrap_err();
    assert_eq!(
        e.location,
        Location::Block {
            block: 1,
            part: BlockPart::ObjectCount
        }
    );
    assert!(e.to_string().contains("block 1 object count"), "{e}");
}

#[test]
fn a_count_larger_than_its_data_allows_is_an_error_naming_the_count() {
    // 100 records of at least 2 bytes each cannot fit in 4 bytes.
    let mut block = vec![0xc8, 0x01, 0x08, 0x04, b'h', b'i', 0x02];
    block.extend_from_slice(&SYNC);
    first_block_fails_at(&block, BlockPart::ObjectCount);
}

#[test]
fn a_size_varint_of_ten_ff_bytes_is_an_error_naming_the_size() {
    let mut block = vec![0x02];
    block.extend_from_slice(&[0xff; 10]);
    block.extend_from_slice(&[0; 20]);
    first_block_fails_at(&block, BlockPart::ByteSize);
}

#[test]
fn a_negative_size_is_an_error_naming_the_size() {
    let mut block = vec![0x02, 0x03];
    block.extend_from_slice(&SYNC);
    first_block_fails_at(&block, BlockPart::ByteSize);
}

#[test]
fn tiny_files_fail_at_the_magic() {
    for bytes in [
        &b""[..],
        b"O",
        b"Ob",
        b"Obj",
        b"Obj\x02",
        b"\x00\x00\x00\x00",
    ] {
        assert_eq!(block_location(bytes), Location::Magic, "{bytes:?}");
    }
}

#[test]
fn a_file_ending_after_the_magic_is_a_truncated_header() {
    assert_eq!(block_location(&MAGIC), Location::Metadata);
}

#[test]
fn a_sync_marker_that_differs_names_its_block() {
    let mut file = write_container(SCHEMA, Codec::Snappy, &sample_blocks(), SYNC, &[]).unwrap();
    let container = read_container(&file).unwrap();
    let at = container.blocks[1].sync_range.start + 3;
    file[at] ^= 0x20;
    let e = read_container(&file).unwrap_err();
    assert_eq!(
        e.location,
        Location::Block {
            block: 2,
            part: BlockPart::SyncMarker
        }
    );
    assert!(e.to_string().contains("sync marker after block 2"), "{e}");
}

#[test]
fn a_snappy_checksum_mismatch_names_block_and_checksum() {
    let mut file = write_container(SCHEMA, Codec::Snappy, &sample_blocks(), SYNC, &[]).unwrap();
    let crc = read_container(&file).unwrap().blocks[2]
        .checksum_range
        .expect("snappy crc");
    file[crc.start] ^= 0x01;
    let e = read_container(&file).unwrap_err();
    assert_eq!(
        e.location,
        Location::Block {
            block: 3,
            part: BlockPart::Checksum
        }
    );
    assert!(e.message.contains("CRC32"), "{e}");
}

#[test]
fn garbled_compressed_data_names_block_codec_and_decoder() {
    for codec in Codec::ALL.into_iter().skip(1) {
        let mut file = write_container(SCHEMA, codec, &sample_blocks(), SYNC, &[]).unwrap();
        let data = read_container(&file).unwrap().blocks[1].data_range;
        for byte in &mut file[data.start..data.end.min(data.start + 12)] {
            *byte ^= 0xa5;
        }
        let e = read_container(&file).unwrap_err();
        let Location::Block { block: 2, part } = e.location else {
            panic!("{codec}: {e}");
        };
        assert!(
            matches!(part, BlockPart::CompressedData | BlockPart::Checksum),
            "{codec}: {e}"
        );
        assert!(
            e.message.contains(codec.name()) || part == BlockPart::Checksum,
            "{codec}: {e}"
        );
    }
}

#[test]
fn a_block_inflating_past_the_limit_is_an_error_not_an_allocation() {
    let big = vec![(1u64, vec![0u8; 1 << 20])];
    let schema = r#"{"type":"fixed","name":"F","size":1048576}"#;
    for codec in Codec::ALL {
        let file = write_container(schema, codec, &big, SYNC, &[]).unwrap();
        let limits = Limits {
            max_block_bytes: 1 << 16,
            ..Limits::default()
        };
        let partial = read_container_partial(&file, &limits);
        let e = partial
            .error
            .unwrap_or_else(|| panic!("{codec}: read past the limit"));
        assert_eq!(
            e.location,
            Location::Block {
                block: 1,
                part: BlockPart::CompressedData
            },
            "{codec}"
        );
    }
}

/// Block ends: where a cut file is still a whole, valid file.
fn block_boundaries(container: &Container) -> Vec<usize> {
    std::iter::once(container.header.end())
        .chain(container.blocks.iter().map(|b: &Block| b.sync_range.end))
        .collect()
}

#[test]
fn a_file_cut_at_any_offset_fails_or_ends_at_a_block_boundary() {
    for codec in Codec::ALL {
        let file = write_container(SCHEMA, codec, &sample_blocks(), SYNC, &[]).unwrap();
        let boundaries = block_boundaries(&read_container(&file).unwrap());
        for cut in 0..file.len() {
            match read_container(&file[..cut]) {
                Ok(_) => assert!(boundaries.contains(&cut), "{codec}: cut at {cut} read fine"),
                Err(e) => assert!(!e.message.is_empty(), "{codec}: cut at {cut}"),
            }
        }
    }
}

#[test]
fn flipping_any_byte_never_panics() {
    for codec in Codec::ALL {
        let file = write_container(SCHEMA, codec, &sample_blocks(), SYNC, &[]).unwrap();
        for at in 0..file.len() {
            for mask in [0x01, 0x80, 0xff] {
                let mut damaged = file.clone();
                damaged[at] ^= mask;
                let _ = read_container_partial(&damaged, &Limits::default());
            }
        }
    }
}

#[test]
fn random_block_data_never_panics_for_any_codec() {
    // xorshift64: deterministic noise, so a failure can be replayed.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for codec in Codec::ALL {
        let header = write_container(SCHEMA, codec, &[], SYNC, &[]).unwrap();
        for _ in 0..300 {
            let len = (next() % 64) as usize;
            let mut file = header.clone();
            file.extend_from_slice(&[0x02, (len as u8) << 1]);
            file.extend((0..len).map(|_| next() as u8));
            file.extend_from_slice(&SYNC);
            let read = read_container_partial(&file, &Limits::default());
            if let Some(e) = read.error {
                assert!(!e.message.is_empty(), "{codec}");
            }
        }
    }
}

/// A page shows only the first records: the rest are still decoded (an error in them is still found) and
/// counted, but their values are not kept.
#[test]
fn records_past_the_kept_limit_are_decoded_and_counted_but_not_kept() {
    let schema = r#""long""#;
    let values: Vec<(u64, Vec<u8>)> = (0..5u8).map(|i| (1, vec![i * 2])).collect();
    let file = write_container(schema, Codec::Null, &values, SYNC, &[]).unwrap();
    let limits = Limits {
        max_records_kept: 2,
        ..Limits::default()
    };
    let walk = walk_container(&file, &limits);
    assert_eq!(walk.error, None);
    assert_eq!(walk.record_count, 5);
    assert_eq!(walk.records.len(), 2);
    let all = walk_container(&file, &Limits::default());
    assert_eq!((all.record_count, all.records.len()), (5, 5));
    assert_eq!(all.records[..2], walk.records[..]);
    // The same spans either way: every record is walked.
    assert_eq!(all.walk.spans, walk.walk.spans);

    // A broken fifth record (in block 5: one record per block here) is found though its value is not kept.
    let mut broken = values.clone();
    broken[4].1 = vec![0x80];
    let file = write_container(schema, Codec::Null, &broken, SYNC, &[]).unwrap();
    let walk = walk_container(&file, &limits);
    assert!(
        walk.error
            .as_deref()
            .unwrap_or_default()
            .contains("block 5 record 1"),
        "{:?}",
        walk.error
    );
    assert_eq!(walk.record_count, 4);
}
