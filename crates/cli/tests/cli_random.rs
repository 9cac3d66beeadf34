//! The `random` command as scripts use it: Avro JSON lines that `encode` reads back, seeds that repeat,
//! framings and container files as `encode` writes them, and its exit codes.

mod common;

use common::{p, run, scratch, scratch_path, stderr, stdout};
use std::process::Output;

/// A record with a recursive field, a union, an enum, a map, bytes and logical types.
const SCHEMA: &str = r#"{"type": "record", "name": "Order", "namespace": "shop", "fields": [
    {"name": "id", "type": "long"},
    {"name": "customer", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
    {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
    {"name": "placed", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "tags", "type": {"type": "map", "values": "string"}},
    {"name": "note", "type": ["null", "string"], "default": null},
    {"name": "previous", "type": ["null", "Order"], "default": null}
]}"#;

fn random(args: &[&str]) -> Output {
    let schema = scratch("order.avsc", SCHEMA);
    let mut all = vec!["random", "--schema", p(&schema)];
    all.extend_from_slice(args);
    run(&all, "")
}

fn lines(o: &Output) -> Vec<String> {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    stdout(o).lines().map(str::to_string).collect()
}

#[test]
fn count_datums_are_printed_one_per_line_as_json() {
    let got = lines(&random(&["--count", "5", "--seed", "1"]));
    assert_eq!(got.len(), 5);
    for line in &got {
        let json: serde_json::Value = serde_json::from_str(line).expect("one JSON value a line");
        assert!(json["id"].is_i64() && json["status"].is_string(), "{line}");
    }
}

#[test]
fn one_datum_by_default() {
    assert_eq!(lines(&random(&["--seed", "1"])).len(), 1);
    assert!(stdout(&random(&["--seed", "1", "--count", "0"])).is_empty());
}

#[test]
fn the_same_seed_gives_the_same_datums_and_a_longer_run_starts_with_them() {
    let five = lines(&random(&["--count", "5", "--seed", "42"]));
    assert_eq!(five, lines(&random(&["--count", "5", "--seed", "42"])));
    assert_eq!(
        five[..2],
        lines(&random(&["--count", "2", "--seed", "42"]))[..]
    );
    assert_ne!(five, lines(&random(&["--count", "5", "--seed", "43"])));
}

#[test]
fn without_a_seed_the_clock_gives_one_and_stderr_says_which() {
    let o = random(&["--count", "3"]);
    let got = lines(&o);
    let note = stderr(&o);
    let seed = note
        .strip_prefix("seed ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("a seed note: {note:?}"));
    assert_eq!(got, lines(&random(&["--count", "3", "--seed", seed])));
    // With --seed, nothing on stderr.
    assert!(stderr(&random(&["--seed", seed])).is_empty());
}

#[test]
fn encode_reads_every_line_back() {
    let schema = scratch("order-encode.avsc", SCHEMA);
    let datums = lines(&random(&["--count", "20", "--seed", "7"]));
    let hex = lines(&random(&["--count", "20", "--seed", "7", "--frame", "raw"]));
    assert_eq!(hex.len(), datums.len());
    for (datum, hex) in datums.iter().zip(&hex) {
        let o = run(&["encode", "--schema", p(&schema)], datum);
        assert_eq!(o.status.code(), Some(0), "{datum}: {}", stderr(&o));
        assert_eq!(&stdout(&o), hex, "--frame raw prints what encode does");
    }
}

#[test]
fn framed_lines_are_what_encode_frames() {
    let schema = scratch("order-frame.avsc", SCHEMA);
    let datum = lines(&random(&["--seed", "3"])).remove(0);
    for frame in ["confluent:42", "single-object"] {
        let hex = lines(&random(&["--seed", "3", "--frame", frame])).remove(0);
        let o = run(
            &["encode", "--schema", p(&schema), "--frame", frame],
            &datum,
        );
        assert_eq!(stdout(&o), hex, "{frame}: {}", stderr(&o));
    }
}

#[test]
fn a_deflate_container_file_reads_back_with_every_record() {
    let out = scratch_path("random-deflate.avro");
    let o = random(&[
        "--count",
        "12",
        "--seed",
        "5",
        "--frame",
        "ocf:deflate",
        "--output",
        p(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("12 records, codec deflate"),
        "{}",
        stderr(&o)
    );

    let o = run(&["inspect", "--input", p(&out)], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(summary["codec"], "deflate");
    assert_eq!(summary["records"], 12);

    let o = run(&["decode", "--input", p(&out)], "");
    assert_eq!(
        lines(&o),
        lines(&random(&["--count", "12", "--seed", "5"])),
        "the file holds the datums the same seed prints"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--count", "many"][..],
        &["--count", "-1"],
        &["--seed", "-5"],
        &["--seed", "18446744073709551616"],
        &["--colour", "red"],
        &["--output", "x.avro"],
        &["--frame", "ocf:deflate"],
        &["--frame", "ocf:lz4", "--output", "x.avro"],
        &["--frame", "protobuf"],
        &["--frame", "raw", "--output", "x.avro"],
    ] {
        let o = random(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    let o = run(&["random", "--count", "2"], "");
    assert_eq!(o.status.code(), Some(2), "--schema is required");
}

#[test]
fn a_bad_schema_exits_1_with_one_line_saying_where() {
    let bad = scratch("bad.avsc", "{\"type\": \"record\", \"name\": \"R\",\n \"fields\": [{\"name\": \"a\", \"type\": \"nope\"}]}");
    let o = run(&["random", "--schema", p(&bad), "--seed", "1"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("bad.avsc:2:"), "file and line: {err}");
    assert!(err.contains("/fields/0/type"), "JSON pointer: {err}");
}

#[test]
fn a_schema_without_a_finite_datum_exits_1_naming_the_record() {
    let endless = scratch(
        "endless.avsc",
        r#"{"type": "record", "name": "Loop", "fields": [{"name": "me", "type": "Loop"}]}"#,
    );
    let o = run(&["random", "--schema", p(&endless), "--seed", "1"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("endless.avsc: record Loop has no finite datum"),
        "{err}"
    );
}

#[test]
fn help_describes_the_command() {
    let o = run(&["random", "--help"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--seed"));
    let o = run(&["--help"], "");
    assert!(stdout(&o).contains("random"), "listed among the commands");
}
