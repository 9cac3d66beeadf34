//! Every file `write_container` writes reads back: with the core, value for value, for every codec; and
//! each bzip2, xz and zstandard block's compressed bytes with the reference command-line tools (`bzip2 -d`,
//! `xz -d`, `zstd -d`), byte for byte. The other way too: what those tools compress, the core reads. And the
//! compression is real: a repetitive 64 KiB block shrinks well with every codec but null.
//!
//! The tools are Debian's `bzip2`, `xz-utils` and `zstd`, which `.ci/setup` installs; a missing tool fails
//! these tests rather than skipping them.

use avro_playground_core::avro_json::from_avro_json;
use avro_playground_core::container::{
    read_container, walk_container, write_container, Codec, Container, Limits,
};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::value::Value;
use avro_playground_core::walker;
use std::io::Write;
use std::process::{Command, Stdio};

const USER: &str = r#"{"type": "record", "name": "User", "namespace": "demo", "fields": [
  {"name": "id", "type": "long"},
  {"name": "name", "type": "string"},
  {"name": "email", "type": ["null", "string"], "default": null},
  {"name": "tags", "type": {"type": "array", "items": "string"}}
]}"#;
const SYNC: [u8; 16] = *b"read-back-sync16";

/// The `i`th of a set of varied records: every field changes, and no two of the first thousands are equal.
fn user(schema: &Schema, i: u64) -> Value {
    let names = [
        "Ada", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Tony",
    ];
    let name = format!("{} {}", names[(i % 7) as usize], i * 7919 % 10007);
    let email = if i.is_multiple_of(3) {
        "null".to_string()
    } else {
        format!(r#"{{"string": "user{i}@example.org"}}"#)
    };
    let tags: Vec<String> = (0..i % 4)
        .map(|t| format!("\"tag{}\"", i % 5 + t))
        .collect();
    let json = format!(
        r#"{{"id": {}, "name": "{name}", "email": {email}, "tags": [{}]}}"#,
        i as i64 * 1_000_003 - 500_000,
        tags.join(", ")
    );
    from_avro_json(schema, &json).expect("a demo.User record")
}

/// The records' binary encoding, one after another.
fn encoded(schema: &Schema, values: &[Value]) -> Vec<u8> {
    values
        .iter()
        .flat_map(|v| walker::encode(schema, v).expect("encodes").bytes)
        .collect()
}

/// Blocks of 1, 100 and 2000 varied records (the last about 60 KB), with their values.
fn varied_blocks(schema: &Schema) -> (Vec<(u64, Vec<u8>)>, Vec<Value>) {
    let mut values = Vec::new();
    let mut blocks = Vec::new();
    for count in [1u64, 100, 2000] {
        let start = values.len() as u64;
        let block: Vec<Value> = (start..start + count).map(|i| user(schema, i)).collect();
        blocks.push((count, encoded(schema, &block)));
        values.extend(block);
    }
    (blocks, values)
}

/// One block of at least 64 KiB that repeats the same 10 records.
fn repetitive_block(schema: &Schema) -> (u64, Vec<u8>) {
    let ten = encoded(
        schema,
        &(0..10).map(|i| user(schema, i)).collect::<Vec<_>>(),
    );
    let times = (64 << 10) / ten.len() + 1;
    ((10 * times) as u64, ten.repeat(times))
}

#[test]
fn every_codec_writes_a_file_the_core_reads_back_value_for_value() {
    let schema = parse_schema(USER).unwrap();
    let (blocks, values) = varied_blocks(&schema);
    for codec in Codec::ALL {
        let file = write_container(USER, codec, &blocks, SYNC, &[]).unwrap();
        let walked = walk_container(&file, &Limits::default());
        assert_eq!(walked.error, None, "{codec}");
        let read: Vec<&Value> = walked.records.iter().map(|(_, v)| v).collect();
        assert_eq!(read.len(), values.len(), "{codec}");
        assert!(
            read.iter().zip(&values).all(|(got, want)| *got == want),
            "{codec}: the values read differ from those written"
        );
        let numbers: Vec<usize> = walked.records.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers.first(), Some(&1), "{codec}");
        assert_eq!(numbers.last(), Some(&3), "{codec}");
    }
}

#[test]
fn every_codec_but_null_compresses_a_repetitive_64_kib_block_well() {
    let schema = parse_schema(USER).unwrap();
    let block = repetitive_block(&schema);
    let input = block.1.len();
    assert!(input >= 64 << 10);
    for codec in Codec::ALL {
        let file = write_container(USER, codec, std::slice::from_ref(&block), SYNC, &[]).unwrap();
        let stored = read_container(&file).unwrap().blocks[0].size;
        if codec == Codec::Null {
            assert_eq!(stored, input);
        } else {
            // The 10 records take under 500 bytes; a real compressor stores the rest as repeats (snappy, whose
            // copies reach back at most 64 bytes each, needs about 5 %).
            assert!(
                stored * 10 < input,
                "{codec}: {stored} bytes stored for {input} bytes of repeated records"
            );
        }
    }
}

/// Runs `tool args` with `input` on its standard input and returns its standard output; fails the test when
/// the tool is missing or fails.
fn run_tool(tool: &str, package: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "`{tool}` could not be started ({e}): `.ci/setup` installs it (Debian package {package})"
            )
        });
    let mut stdin = child.stdin.take().expect("a piped stdin");
    let input = input.to_vec();
    // Written from another thread, so that a full stdout pipe cannot block the write.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("the tool runs to its end");
    writer
        .join()
        .expect("the writer thread")
        .unwrap_or_else(|e| panic!("`{tool}` did not take its input: {e}"));
    assert!(
        output.status.success(),
        "`{tool} {}` failed ({}): {}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The command-line tool, its Debian package, and its arguments to decompress and to compress (standard
/// input to standard output), for the codecs that have one.
fn tool(
    codec: Codec,
) -> (
    &'static str,
    &'static str,
    [&'static str; 2],
    [&'static str; 2],
) {
    match codec {
        Codec::Bzip2 => ("bzip2", "bzip2", ["-d", "-c"], ["-9", "-c"]),
        Codec::Xz => ("xz", "xz-utils", ["-d", "-c"], ["-9", "-c"]),
        Codec::Zstandard => ("zstd", "zstd", ["-d", "-c"], ["-19", "-c"]),
        other => panic!("{other} has no command-line tool here"),
    }
}

/// A file written with `codec`: varied blocks, then a repetitive one, read back by the core.
fn written(codec: Codec) -> (Vec<u8>, Container) {
    let schema = parse_schema(USER).unwrap();
    let (mut blocks, _) = varied_blocks(&schema);
    blocks.push(repetitive_block(&schema));
    let file = write_container(USER, codec, &blocks, SYNC, &[]).unwrap();
    let container = read_container(&file).unwrap();
    assert_eq!(container.blocks.len(), 4, "{codec}");
    (file, container)
}

/// Each block's compressed bytes, decompressed by the codec's command-line tool, are the block's data.
fn the_tool_decompresses_every_block(codec: Codec) {
    let (name, package, decompress, _) = tool(codec);
    let (file, container) = written(codec);
    for block in &container.blocks {
        let range = block.data_range;
        let out = run_tool(name, package, &decompress, &file[range.start..range.end]);
        assert!(
            out == block.data,
            "{codec} block {}: `{name} -d` gives {} bytes, the core {}",
            block.number,
            out.len(),
            block.data.len()
        );
    }
}

#[test]
fn bzip2_decompresses_every_bzip2_block() {
    the_tool_decompresses_every_block(Codec::Bzip2);
}

#[test]
fn xz_decompresses_every_xz_block() {
    the_tool_decompresses_every_block(Codec::Xz);
}

#[test]
fn zstd_decompresses_every_zstandard_block() {
    the_tool_decompresses_every_block(Codec::Zstandard);
}

/// Each block's data compressed by the codec's command-line tool at its strongest level, put in place of
/// the block's compressed bytes, reads back to the same data with the core.
fn the_core_decompresses_what_the_tool_compressed(codec: Codec) {
    let (name, package, _, compress) = tool(codec);
    let (_, container) = written(codec);
    let mut file = write_container(USER, codec, &[], SYNC, &[]).unwrap();
    for block in &container.blocks {
        let packed = run_tool(name, package, &compress, &block.data);
        walker::varint::write_long(&mut file, block.count as i64);
        walker::varint::write_long(&mut file, packed.len() as i64);
        file.extend(packed);
        file.extend(SYNC);
    }
    let again = read_container(&file).unwrap_or_else(|e| panic!("{codec}: {e}"));
    let data =
        |c: &Container| -> Vec<Vec<u8>> { c.blocks.iter().map(|b| b.data.clone()).collect() };
    assert!(data(&again) == data(&container), "{codec}");
}

#[test]
fn the_core_reads_bzip2_blocks_that_bzip2_compressed() {
    the_core_decompresses_what_the_tool_compressed(Codec::Bzip2);
}

#[test]
fn the_core_reads_xz_blocks_that_xz_compressed() {
    the_core_decompresses_what_the_tool_compressed(Codec::Xz);
}

#[test]
fn the_core_reads_zstandard_blocks_that_zstd_compressed() {
    the_core_decompresses_what_the_tool_compressed(Codec::Zstandard);
}
