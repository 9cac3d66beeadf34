//! Binary container files are read block by block by `decode` and `inspect`: from a file or from stdin,
//! past the 64 MiB a paste may take, printing records as they are read.

mod common;

use avro_playground_core::container::{write_container, Codec};
use common::{p, run, run_bytes, scratch_bytes, stderr, stdout};
use serde_json::Value;

const SCHEMA: &str = r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"n","type":"long"}]}"#;
const SYNC: [u8; 16] = *b"0123456789abcdef";

/// `blocks` blocks of two records each: {"s": "ab", "n": 1}, {"s": "c", "n": -2}.
fn two_record_blocks(blocks: usize) -> Vec<(u64, Vec<u8>)> {
    vec![(2, vec![4, b'a', b'b', 2, 2, b'c', 3]); blocks]
}

#[test]
fn decode_and_inspect_read_a_container_file_from_stdin_as_from_a_file() {
    for codec in Codec::ALL {
        let file = write_container(SCHEMA, codec, &two_record_blocks(3), SYNC, &[]).unwrap();
        let path = scratch_bytes(&format!("stream-{codec}.avro"), &file);
        for args in [
            &["decode"][..],
            &["inspect"],
            &["inspect", "--blocks"],
            &["decode", "--input-format", "binary", "--frame", "ocf"],
        ] {
            let from_file = run(&[args, &["--input", p(&path)]].concat(), "");
            let from_stdin = run_bytes(args, &file);
            assert_eq!(
                from_file.status.code(),
                Some(0),
                "{codec} {args:?}: {}",
                stderr(&from_file)
            );
            assert_eq!(
                (stdout(&from_file), stderr(&from_file)),
                (stdout(&from_stdin), stderr(&from_stdin)),
                "{codec} {args:?}"
            );
        }
        let decoded = run_bytes(&["decode"], &file);
        let want = "{\"s\":\"ab\",\"n\":1}\n{\"s\":\"c\",\"n\":-2}\n".repeat(3);
        assert_eq!(String::from_utf8_lossy(&decoded.stdout), want, "{codec}");
        assert!(
            stderr(&decoded).starts_with("input: read as raw binary: byte 0x"),
            "{codec}: {}",
            stderr(&decoded)
        );
        let index = run_bytes(&["inspect", "--blocks"], &file);
        let lines: Vec<Value> = stdout(&index)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        let first: Vec<u64> = lines
            .iter()
            .filter_map(|l| l["first_record"].as_u64())
            .collect();
        assert_eq!(first, [0, 2, 4], "{codec}");
    }
}

#[test]
fn a_broken_container_file_prints_the_records_before_its_problem_then_fails() {
    let mut blocks = two_record_blocks(4);
    blocks[2].1[0] = 0x80; // block 3, record 1: its string length is cut short
    let file = write_container(SCHEMA, Codec::Null, &blocks, SYNC, &[]).unwrap();
    let o = run_bytes(&["decode"], &file);
    assert_eq!(o.status.code(), Some(1));
    let want = "{\"s\":\"ab\",\"n\":1}\n{\"s\":\"c\",\"n\":-2}\n".repeat(2);
    assert_eq!(String::from_utf8_lossy(&o.stdout), want);
    let last = stderr(&o).lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("avro-playground decode: ocf: block 3 record 1 (file byte "),
        "{last}"
    );
    // The index lists every block the file frames, then the problem, as for a file read whole.
    let o = run_bytes(&["inspect", "--blocks"], &file);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<&str> = o
        .stdout
        .split(|b| *b == b'\n')
        .map(|l| std::str::from_utf8(l).unwrap_or(""))
        .collect();
    assert_eq!(
        lines.len(),
        6,
        "four blocks, the error, the last newline: {lines:?}"
    );
    assert!(
        lines[4].starts_with("{\"error\":\"block 3 record 1 "),
        "{}",
        lines[4]
    );
    assert_eq!(run_bytes(&["inspect"], &file).status.code(), Some(1));
}

/// 70 MiB of 64 KiB `bytes` records, 16 to a block: past the 64 MiB a paste may take, which a file read
/// whole was refused at.
#[test]
fn a_container_file_past_the_paste_limit_is_read_block_by_block() {
    let record = {
        let mut r = vec![0x80, 0x80, 0x08]; // length 65536, zigzag
        r.extend((0..65_536u32).map(|i| (i % 251) as u8));
        r
    };
    let block: Vec<u8> = record.repeat(16);
    let blocks = vec![(16, block); 70];
    let file = write_container(r#""bytes""#, Codec::Null, &blocks, SYNC, &[]).unwrap();
    assert!(file.len() > 70 << 20);
    let path = scratch_bytes("past-the-paste-limit.avro", &file);
    drop(file);
    let summary = run(&["inspect", "--input", p(&path)], "");
    let got: Value = serde_json::from_str(&stdout(&summary)).unwrap_or(Value::Null);
    assert_eq!(
        (got["blocks"].as_u64(), got["records"].as_u64()),
        (Some(70), Some(1120)),
        "{}",
        stderr(&summary)
    );
    let index = run(&["inspect", "--blocks", "--input", p(&path)], "");
    let last = stdout(&index)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let last: Value = serde_json::from_str(&last).unwrap_or(Value::Null);
    assert_eq!(
        last["first_record"].as_u64(),
        Some(1104),
        "{}",
        stderr(&index)
    );
    let _ = std::fs::remove_file(&path);
}
