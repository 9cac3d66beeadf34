//! The command line as scripts use it: every command on the corpus, JSON shapes, exit codes 0/1/2.

mod common;

use common::{run, scratch, stdout};
use serde_json::Value;
use std::path::PathBuf;

fn corpus(file: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .expect("an array")
}

fn schema_text(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

#[test]
fn encode_and_decode_every_encode_vector() {
    let mut failures = Vec::new();
    for (i, case) in corpus("encode.json").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let schema = scratch(&format!("e{i}.avsc"), &schema_text(&case["schema"]));
        let schema = schema.to_str().unwrap_or_default();
        let hex = case["hex"].as_str().unwrap_or_default();
        if case["decode_only"].as_bool() != Some(true) {
            let o = run(
                &["encode", "--schema", schema],
                &case["datum_json"].to_string(),
            );
            if !o.status.success() || stdout(&o) != hex {
                failures.push(format!(
                    "{id}: encode gave {:?} {}",
                    o.status.code(),
                    String::from_utf8_lossy(&o.stderr)
                ));
            }
        }
        let o = run(
            &[
                "decode",
                "--schema",
                schema,
                "--input-format",
                "hex",
                "--frame",
                "raw",
            ],
            hex,
        );
        let got: Option<Value> = serde_json::from_str(&stdout(&o)).ok();
        if !o.status.success() || got.is_none() {
            failures.push(format!(
                "{id}: decode gave {:?} {}",
                o.status.code(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn canonical_prints_the_corpus_fingerprints() {
    let mut failures = Vec::new();
    for (i, case) in corpus("schemas.json").iter().enumerate() {
        let id = case["id"].as_str().unwrap_or("?");
        let path = scratch(
            &format!("s{i}.avsc"),
            case["schema_text"].as_str().unwrap_or_default(),
        );
        let o = run(
            &["canonical", "--schema", path.to_str().unwrap_or_default()],
            "",
        );
        if case["expect_valid"].as_bool() == Some(true) {
            let got: Value = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
            for key in ["canonical", "rabin_hex", "md5_hex", "sha256_hex"] {
                if got[key] != case[key] {
                    failures.push(format!("{id}: {key} {} != {}", got[key], case[key]));
                }
            }
        } else if o.status.code() != Some(1) || o.stderr.is_empty() {
            failures.push(format!(
                "{id}: invalid schema gave exit {:?}",
                o.status.code()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn inspect_reports_framing_fields() {
    let schema = scratch("int.avsc", "\"int\"");
    let schema = schema.to_str().unwrap_or_default();
    let o = run(
        &["inspect", "--schema", schema],
        "00 00 00 00 09 0a 01 02 03",
    );
    let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(got["framing"], "confluent");
    assert_eq!(got["schema_id"], 9);
    assert_eq!(got["trailing_bytes"], 3);
    assert_eq!(got["datum"], 5);
    assert!(
        got.get("fingerprint_hex").is_none(),
        "keys that do not apply are absent"
    );

    let o = run(&["inspect", "--schema", schema], "c3018f5c393f1ad5757205");
    let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(got["framing"], "single-object");
    assert_eq!(got["fingerprint_hex"], "8f5c393f1ad57572");
    assert_eq!(got["datum"], -3);
    assert!(got.get("schema_id").is_none());
}

#[test]
fn auto_framing_prefers_the_reading_that_explains_every_byte() {
    // A raw long 0 followed by nothing: starts with 00 but is not a Confluent frame.
    let schema = scratch(
        "rec.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"long"},{"name":"c","type":"long"},{"name":"d","type":"long"},{"name":"e","type":"long"}]}"#,
    );
    let o = run(
        &["inspect", "--schema", schema.to_str().unwrap_or_default()],
        "0002040608",
    );
    let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        got["framing"],
        "raw",
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn annotate_gives_a_span_tree() {
    let schema = scratch(
        "r2.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#,
    );
    let datum = scratch("r2.json", r#"{"id": -2, "name": "hi"}"#);
    let o = run(
        &[
            "annotate",
            "--schema",
            schema.to_str().unwrap_or_default(),
            "--datum",
            datum.to_str().unwrap_or_default(),
        ],
        "",
    );
    let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(got["bytes_hex"], "03046869");
    let id = &got["spans"][0]["children"][0];
    assert_eq!(
        (
            id["path"].as_str(),
            id["start"].as_u64(),
            id["end"].as_u64()
        ),
        (Some("/id"), Some(0), Some(1))
    );
    assert!(id["breakdown"].to_string().contains("zigzag"));
}

#[test]
fn decode_reader_resolves_and_explains() {
    let writer = scratch(
        "w.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#,
    );
    let reader = scratch(
        "rd.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string","default":"x"}]}"#,
    );
    let o = run(
        &[
            "decode",
            "--schema",
            writer.to_str().unwrap_or_default(),
            "--reader",
            reader.to_str().unwrap_or_default(),
        ],
        "02",
    );
    assert_eq!(
        stdout(&o),
        r#"{"a":1,"b":"x"}"#,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("promoted"));
    let bad = scratch(
        "bad.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"c","type":"int"}]}"#,
    );
    let o = run(
        &[
            "decode",
            "--schema",
            writer.to_str().unwrap_or_default(),
            "--reader",
            bad.to_str().unwrap_or_default(),
        ],
        "02",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("/c"),
        "names the path"
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let schema = scratch(
        "x.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}"#,
    );
    let o = run(
        &["canonical", "--schema", schema.to_str().unwrap_or_default()],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(":1:58") && err.contains("/fields/0/type"),
        "names line:column and pointer: {err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line");

    assert_eq!(
        run(&["canonical"], "").status.code(),
        Some(2),
        "missing --schema is a usage error"
    );
    assert_eq!(run(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(
        run(&["encode", "--schema", "x", "--bogus", "1"], "")
            .status
            .code(),
        Some(2)
    );

    let int = scratch("i.avsc", "\"int\"");
    let o = run(
        &[
            "decode",
            "--schema",
            int.to_str().unwrap_or_default(),
            "--frame",
            "raw",
        ],
        "0a0b",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "trailing bytes are reported, not fatal"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 trailing byte"));
    let o = run(
        &["decode", "--schema", int.to_str().unwrap_or_default()],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "an empty input is not an int");
}

#[test]
fn every_command_has_help() {
    for cmd in [
        "encode",
        "decode",
        "inspect",
        "canonical",
        "annotate",
        "compat",
        "check",
    ] {
        let o = run(&[cmd, "--help"], "");
        assert_eq!(o.status.code(), Some(0), "{cmd} --help");
        assert!(
            stdout(&o).contains(&format!("avro-playground {cmd}")),
            "{cmd} --help names itself"
        );
    }
    assert_eq!(run(&["--help"], "").status.code(), Some(0));
}

#[test]
fn encode_writes_a_container_file_with_every_codec_that_decode_reads_back() {
    let schema = scratch(
        "ocf.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"s","type":"string"}]}"#,
    );
    let schema = schema.to_str().unwrap_or_default();
    let lines = "{\"id\": 1, \"s\": \"a\"}\n{\"id\": -2, \"s\": \"bc\"}\n";
    for codec in ["null", "deflate", "snappy", "bzip2", "xz", "zstandard"] {
        let out = std::env::temp_dir().join(format!(
            "avro-playground-cli-{}-{codec}.avro",
            std::process::id()
        ));
        let o = run(
            &[
                "encode",
                "--schema",
                schema,
                "--frame",
                &format!("ocf:{codec}"),
                "--output",
                out.to_str().unwrap_or_default(),
            ],
            lines,
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{codec}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = run(
            &[
                "decode",
                "--input",
                out.to_str().unwrap_or_default(),
                "--input-format",
                "binary",
            ],
            "",
        );
        assert_eq!(
            stdout(&o),
            "{\"id\":1,\"s\":\"a\"}\n{\"id\":-2,\"s\":\"bc\"}",
            "{codec}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let o = run(
            &["inspect", "--input", out.to_str().unwrap_or_default()],
            "",
        );
        let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(
            (
                got["framing"].as_str(),
                got["codec"].as_str(),
                got["records"].as_u64()
            ),
            (Some("ocf"), Some(codec), Some(2))
        );
    }
    let o = run(
        &[
            "encode",
            "--schema",
            schema,
            "--frame",
            "ocf:lz4",
            "--output",
            "/tmp/x.avro",
        ],
        lines,
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown codec is a usage error"
    );
}

#[test]
fn diff_lists_each_change_with_its_effect_each_way() {
    let old = scratch(
        "d1.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#,
    );
    let new = scratch(
        "d2.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}"#,
    );
    let o = run(
        &[
            "diff",
            old.to_str().unwrap_or_default(),
            new.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let got: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let changes = got["changes"].as_array().expect("a list");
    let kinds: Vec<&str> = changes.iter().filter_map(|c| c["kind"].as_str()).collect();
    assert!(
        kinds.contains(&"type_changed") && kinds.contains(&"field_added"),
        "{kinds:?}"
    );
    let added = changes
        .iter()
        .find(|c| c["kind"] == "field_added")
        .expect("field_added");
    assert_eq!(
        added["backward"]["verdict"], "incompatible",
        "new consumers need a default for b"
    );
    assert_eq!(added["forward"]["verdict"], "compatible");
    assert_eq!(
        run(&["diff", old.to_str().unwrap_or_default()], "")
            .status
            .code(),
        Some(2)
    );
}

/// The bytes of a hex string.
fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn inspect_blocks_indexes_every_container_file_and_stops_where_reading_does() {
    let mut failures = Vec::new();
    for case in corpus("ocf.json") {
        let id = case["id"].as_str().expect("id");
        let file = common::scratch_bytes(
            &format!("blocks-{id}.avro"),
            &unhex(case["hex"].as_str().expect("hex")),
        );
        let path = file.to_str().expect("utf-8 path");
        let index = run(
            &["inspect", "--input", path, "--frame", "ocf", "--blocks"],
            "",
        );
        let summary = run(&["inspect", "--input", path, "--frame", "ocf"], "");
        let lines: Vec<Value> = stdout(&index)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        let (blocks, error): (Vec<&Value>, Vec<&Value>) =
            lines.iter().partition(|l| l.get("block").is_some());
        // Blocks follow one another, and number their records from where the last one ended.
        let mut next_record = 0;
        for pair in blocks.windows(2) {
            let end = pair[0]["offset"].as_u64().unwrap() + pair[0]["size"].as_u64().unwrap();
            if pair[1]["offset"].as_u64() != Some(end) {
                failures.push(format!(
                    "{id}: block {} does not start where the last ends",
                    pair[1]["block"]
                ));
            }
        }
        for b in &blocks {
            if b["first_record"].as_u64() != Some(next_record) {
                failures.push(format!(
                    "{id}: block {} first_record {}",
                    b["block"], b["first_record"]
                ));
            }
            next_record += b["records"].as_u64().unwrap();
        }
        match summary.status.code() {
            // A file that reads whole: no error line, and the same record count as the summary.
            Some(0) => {
                let records: Value = serde_json::from_str(&stdout(&summary)).expect("summary");
                if !error.is_empty() || index.status.code() != Some(0) {
                    failures.push(format!("{id}: an error where the full read has none"));
                }
                if records["records"].as_u64() != Some(next_record) {
                    failures.push(format!(
                        "{id}: {next_record} records, the summary says {}",
                        records["records"]
                    ));
                }
            }
            // A file that breaks off: the same first problem, at the same byte, as the full read.
            _ => {
                let said = common::stderr(&summary);
                let last = error
                    .first()
                    .and_then(|e| e["error"].as_str())
                    .unwrap_or("");
                if index.status.code() != Some(1) || last.is_empty() || !said.contains(last) {
                    failures.push(format!(
                        "{id}: --blocks says {last:?}, the full read {said:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn inspect_blocks_of_something_else_is_a_usage_error() {
    let schema = scratch("blocks-int.avsc", "\"int\"");
    let o = run(
        &[
            "inspect",
            "--schema",
            schema.to_str().expect("path"),
            "--blocks",
        ],
        "02",
    );
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
}
