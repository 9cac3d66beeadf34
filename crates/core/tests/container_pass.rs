//! The validating pass over a stream (`validate_container`) against the full decode of the file held whole
//! (`walk_container`): the same first problem, at the same byte, in the same words, the same records
//! counted before it, and a block index matching the blocks the full decode read. Run over every ocf and
//! ocf_large case of tests/corpus, every cut and every flipped byte of the small ones, and files written
//! here under every codec, read through inputs that deliver a byte at a time.

mod common;

use avro_playground_core::container::{
    pass_container, validate_container, walk_container, write_container, BlockEntry, BlockStream,
    Codec, ContainerWalk, Limits, PassVisitor, StreamError, Validation,
};
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use common::{cases, id, Report};
use std::io::Read;
use std::ops::ControlFlow;

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("corpus hex"))
        .collect()
}

/// The full decode's block index.
fn walk_index(walk: &ContainerWalk) -> Vec<BlockEntry> {
    walk.container
        .as_ref()
        .map(|c| c.block_index())
        .unwrap_or_default()
}

/// How the pass and the full decode differ on `bytes`, if they do.
fn disagreement(bytes: &[u8], pass: &Validation) -> Option<String> {
    let walk = walk_container(bytes, &Limits::default());
    let theirs = (
        walk.error.clone(),
        walk.walk.error.as_ref().map(|e| e.offset as u64),
        walk.record_count as u64,
    );
    let ours = (
        pass.pass.error.as_ref().map(|e| e.message.clone()),
        pass.pass.error.as_ref().map(|e| e.offset),
        pass.pass.record_count,
    );
    if ours != theirs {
        return Some(format!(
            "the pass found {ours:?}, the full decode {theirs:?} (error, offset, records)"
        ));
    }
    let index = walk_index(&walk);
    if pass.index != index {
        return Some(format!(
            "the pass indexed {} blocks {:?}, the full decode read {} {:?}",
            pass.index.len(),
            pass.index.first(),
            index.len(),
            index.first()
        ));
    }
    if pass.pass.blocks != index.len() {
        return Some(format!("{} blocks counted", pass.pass.blocks));
    }
    None
}

fn agree(bytes: &[u8]) -> Result<(), String> {
    match disagreement(bytes, &validate_container(bytes, &Limits::default())) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

fn corpus_files() -> Vec<(String, Vec<u8>)> {
    ["ocf.json", "ocf_large.json"]
        .iter()
        .flat_map(|file| cases(file))
        .map(|case| {
            (
                id(&case),
                hex_bytes(case["hex"].as_str().unwrap_or_default()),
            )
        })
        .collect()
}

#[test]
fn the_pass_agrees_with_the_full_decode_on_every_corpus_file() {
    let mut report = Report::default();
    let files = corpus_files();
    assert_eq!(files.len(), 27, "every ocf and ocf_large case");
    for (id, bytes) in files {
        report.check(&id, agree(&bytes));
    }
    report.finish("ocf.json + ocf_large.json: pass vs walk_container");
}

#[test]
fn the_pass_finds_every_corpus_error_and_reads_every_valid_file_whole() {
    let mut report = Report::default();
    for case in cases("ocf.json").into_iter().chain(cases("ocf_large.json")) {
        let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
        let pass = validate_container(&bytes[..], &Limits::default()).pass;
        let outcome = if case["expect"]["error"].as_bool() == Some(true) {
            let place = case["expect"]["where"].as_str().unwrap_or_default();
            match &pass.error {
                Some(e) if e.message.contains(place) => Ok(()),
                other => Err(format!("want an error at {place}, got {other:?}")),
            }
        } else {
            let records = case["records_json"].as_array().map_or(0, Vec::len) as u64;
            let blocks = case["block_count"].as_u64().unwrap_or(u64::MAX);
            match (&pass.error, pass.record_count, pass.blocks as u64) {
                (None, r, b) if r == records && b == blocks => Ok(()),
                other => Err(format!(
                    "{other:?}, want {records} records in {blocks} blocks"
                )),
            }
        };
        report.check(&id(&case), outcome);
    }
    report.finish("ocf.json + ocf_large.json: the pass alone");
}

/// Damaged copies of every small corpus file: cut, and a byte flipped (low bit, all bits), at every offset
/// of files whose codec is quick to run unoptimized (null, deflate, snappy), every seventh of the others. The full decode's first error is what the pass must find, whatever the damage.
#[test]
fn the_pass_agrees_with_the_full_decode_on_every_cut_and_flipped_corpus_file() {
    let mut report = Report::default();
    for case in cases("ocf.json") {
        let id = id(&case);
        let bytes = hex_bytes(case["hex"].as_str().unwrap_or_default());
        let quick = matches!(case["codec"].as_str(), Some("null" | "deflate" | "snappy"));
        let step = if quick { 1 } else { 7 };
        for cut in (0..bytes.len()).step_by(step) {
            report.check(&format!("{id} cut at {cut}"), agree(&bytes[..cut]));
        }
        for at in (0..bytes.len()).step_by(step) {
            for mask in [0x01, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= mask;
                report.check(&format!("{id} byte {at} ^ {mask:02x}"), agree(&damaged));
            }
        }
    }
    report.finish("damaged ocf.json files: pass vs walk_container");
}

/// An input that gives one byte per read, as a slow pipe may.
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

const SCHEMA: &str = r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"}]}"#;
const SYNC: [u8; 16] = *b"0123456789abcdef";

/// `blocks` blocks of three records each: ("ab", 1), ("cd", -2), ("", 300).
fn three_record_blocks(blocks: usize) -> Vec<(u64, Vec<u8>)> {
    let data = vec![4, b'a', b'b', 2, 4, b'c', b'd', 3, 0, 0xd8, 0x04];
    vec![(3, data); blocks]
}

#[test]
fn a_byte_at_a_time_input_reads_as_the_whole_file_does_under_every_codec() {
    let mut report = Report::default();
    for codec in Codec::ALL {
        let file = write_container(SCHEMA, codec, &three_record_blocks(5), SYNC, &[]).unwrap();
        let whole = validate_container(&file[..], &Limits::default());
        let slow = validate_container(ByteAtATime(&file), &Limits::default());
        let outcome = match disagreement(&file, &slow) {
            Some(why) => Err(why),
            None if slow.index != whole.index => Err("the index differs".into()),
            None if (slow.pass.record_count, slow.pass.blocks) != (15, 5) => Err(format!(
                "{} records in {} blocks",
                slow.pass.record_count, slow.pass.blocks
            )),
            None => Ok(()),
        };
        report.check(codec.name(), outcome);
    }
    report.finish("byte-at-a-time inputs");
}

/// A header longer than the first 64 KiB a stream reads: the stream reads on until it has the header.
#[test]
fn a_header_past_the_first_read_is_read_whole_and_cut_ones_fail_as_in_memory() {
    let big = vec![b'm'; 200_000];
    let metadata = [("app.big".to_string(), big)];
    let file = write_container(
        SCHEMA,
        Codec::Deflate,
        &three_record_blocks(2),
        SYNC,
        &metadata,
    )
    .unwrap();
    let pass = validate_container(ByteAtATime(&file), &Limits::default());
    assert_eq!(disagreement(&file, &pass), None);
    assert_eq!(pass.pass.record_count, 6);
    let mut report = Report::default();
    for cut in [10, 70_000, 150_000, 199_990, 200_020, file.len() - 20] {
        report.check(&format!("cut at {cut}"), agree(&file[..cut]));
    }
    report.finish("a 200 KB header");
}

#[test]
fn a_header_longer_than_a_block_may_be_is_refused_without_reading_on() {
    let metadata = [("app.big".to_string(), vec![b'm'; 300_000])];
    let file = write_container(SCHEMA, Codec::Null, &[], SYNC, &metadata).unwrap();
    let limits = Limits {
        max_block_bytes: 100_000,
        ..Limits::default()
    };
    let e = BlockStream::open(&file[..], &limits)
        .err()
        .expect("the header is too long");
    assert!(
        e.to_string()
            .contains("the header is longer than 100000 bytes"),
        "{e}"
    );
}

#[test]
fn an_error_in_block_37_of_40_is_found_with_the_36_blocks_before_it_indexed() {
    for codec in [Codec::Null, Codec::Deflate] {
        let mut blocks = three_record_blocks(40);
        // Record 2 of block 37: its string length says 20 bytes.
        blocks[36].1[4] = 40;
        let file = write_container(SCHEMA, codec, &blocks, SYNC, &[]).unwrap();
        let pass = validate_container(&file[..], &Limits::default());
        assert_eq!(disagreement(&file, &pass), None, "{codec}");
        let e = pass.pass.error.expect("an error");
        assert_eq!(e.block, Some(37), "{codec}: {e}");
        assert!(e.message.starts_with("block 37 record 2 "), "{codec}: {e}");
        assert_eq!(pass.pass.record_count, 36 * 3 + 1, "{codec}");
        // The blocks after it are still read, as the whole-file reader reads them.
        assert_eq!(pass.index.len(), 40, "{codec}");
        assert_eq!(pass.index[36].first_record, 108, "{codec}");
    }
}

/// Stops after `stop_after` records, keeping what it was given.
struct Stopper {
    stop_after: usize,
    records: Vec<(usize, Value)>,
    blocks: Vec<(usize, bool)>,
}

impl PassVisitor for Stopper {
    fn block(&mut self, entry: &BlockEntry, decoding: bool) -> ControlFlow<()> {
        self.blocks.push((entry.number, decoding));
        ControlFlow::Continue(())
    }

    fn record(&mut self, _writer: &Schema, block: usize, value: Value) -> ControlFlow<()> {
        self.records.push((block, value));
        if self.records.len() == self.stop_after {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

#[test]
fn a_visitor_gets_every_record_in_order_and_may_stop_the_pass() {
    let file = write_container(SCHEMA, Codec::Snappy, &three_record_blocks(4), SYNC, &[]).unwrap();
    let walk = walk_container(&file, &Limits::default());
    let mut all = Stopper {
        stop_after: usize::MAX,
        records: Vec::new(),
        blocks: Vec::new(),
    };
    let pass = pass_container(&file[..], &Limits::default(), &mut all);
    assert!(!pass.stopped && pass.error.is_none());
    assert_eq!(all.records, walk.records);
    assert_eq!(all.blocks, [(1, true), (2, true), (3, true), (4, true)]);
    let mut some = Stopper {
        stop_after: 5,
        records: Vec::new(),
        blocks: Vec::new(),
    };
    let pass = pass_container(&file[..], &Limits::default(), &mut some);
    assert!(pass.stopped);
    assert_eq!((pass.record_count, pass.blocks), (5, 2));
    assert_eq!(some.records[..], walk.records[..5]);
}

#[test]
fn blocks_after_a_record_error_are_told_as_not_decoded() {
    let mut blocks = three_record_blocks(3);
    blocks[0].1[0] = 0x80; // a string length cut short: record 1 of block 1
    let file = write_container(SCHEMA, Codec::Null, &blocks, SYNC, &[]).unwrap();
    let mut visitor = Stopper {
        stop_after: usize::MAX,
        records: Vec::new(),
        blocks: Vec::new(),
    };
    let pass = pass_container(&file[..], &Limits::default(), &mut visitor);
    assert_eq!(visitor.blocks, [(1, true), (2, false), (3, false)]);
    assert!(visitor.records.is_empty());
    assert_eq!(pass.error.map(|e| e.block), Some(Some(1)));
}

/// An input that fails after `ok` bytes.
struct Failing<'a> {
    bytes: &'a [u8],
    ok: usize,
}

impl Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.ok == 0 {
            return Err(std::io::Error::other("the disk is gone"));
        }
        let n = buf.len().min(self.ok).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        self.ok -= n;
        Ok(n)
    }
}

#[test]
fn an_input_that_fails_is_an_error_at_the_byte_it_failed_at() {
    let file = write_container(SCHEMA, Codec::Null, &three_record_blocks(3), SYNC, &[]).unwrap();
    let header_end = file.len() - 3 * (2 + 11 + 16);
    let pass = validate_container(
        Failing {
            bytes: &file,
            ok: header_end + 20,
        },
        &Limits::default(),
    )
    .pass;
    let e = pass.error.expect("an error");
    assert!(e.message.contains("the disk is gone"), "{e}");
    assert_eq!(
        e.message,
        format!(
            "the input could not be read: the disk is gone (at byte {})",
            e.offset
        )
    );
    assert_eq!(pass.record_count, 0, "block 1 was not whole");
    let e: StreamError = BlockStream::open(
        Failing {
            bytes: &file,
            ok: 3,
        },
        &Limits::default(),
    )
    .err()
    .expect("no header");
    assert_eq!(e.location, None);
}

#[test]
fn a_block_larger_than_any_within_the_limit_is_refused_unread_but_framed() {
    // 300 KB of stored data under a 100 KB block limit: more than deflate makes of 100 KB.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..300_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let schema = r#"{"type":"fixed","name":"F","size":300000}"#;
    let file = write_container(schema, Codec::Deflate, &[(1, noise)], SYNC, &[]).unwrap();
    let limits = Limits {
        max_block_bytes: 100_000,
        ..Limits::default()
    };
    let e = validate_container(&file[..], &limits)
        .pass
        .error
        .expect("too large");
    assert!(
        e.message
            .starts_with("block 1 compressed data: the deflate data takes "),
        "{e}"
    );
    assert!(e.message.contains("so it was not read"), "{e}");
    // Cut inside that data, it is a cut file, as in memory.
    let cut = &file[..file.len() - 1000];
    let pass = validate_container(cut, &limits);
    let walk = walk_container(cut, &limits);
    assert_eq!(pass.pass.error.map(|e| e.message), walk.error);
}
