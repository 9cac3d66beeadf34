//! The command line over tests/paste-samples: decimal byte arrays and Kafka tools' JSON, read by `decode`
//! and `inspect` (every record with its envelope fields), and values whose JSON lost bytes refused with
//! exit 1.

mod common;

use common::{p, run, run_bytes, scratch, stderr, stdout};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/paste-samples")
        .join(name)
}

fn sample_arg(name: &str) -> String {
    p(&sample(name)).to_string()
}

fn decode(input: &str, extra: &[&str]) -> Output {
    let schema = sample_arg("r.avsc");
    let input = sample_arg(input);
    let mut args = vec!["decode", "--schema", &schema, "--input", &input];
    args.extend(extra);
    run(&args, "")
}

fn inspect(input: &str) -> (Vec<Value>, Output) {
    let schema = sample_arg("r.avsc");
    let input = sample_arg(input);
    let o = run(&["inspect", "--schema", &schema, "--input", &input], "");
    let lines = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (lines, o)
}

const A: &str = r#"{"id":-2,"name":"hi"}"#;
const B: &str = r#"{"id":100,"name":"hi"}"#;
const C: &str = r#"{"id":-2,"name":"é"}"#;

#[test]
fn decode_reads_every_byte_array_sample() {
    for file in [
        "java-arrays-tostring.txt",
        "python-list.txt",
        "node-uint8array.txt",
        "js-json-stringify.txt",
        "chrome-console-uint8array.txt",
        "go-fmt-v.txt",
    ] {
        let o = decode(file, &[]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        assert_eq!(stdout(&o), B, "{file}");
    }
}

#[test]
fn decode_says_which_reading_a_byte_array_took() {
    let o = decode("java-arrays-tostring.txt", &[]);
    assert!(
        stderr(&o).contains("signed values (−128…127), as Java prints a byte[]: -56 is 0xC8"),
        "{}",
        stderr(&o)
    );
    let o = decode("python-list.txt", &["--input-format", "bytes"]);
    assert_eq!(stdout(&o), B);
}

#[test]
fn a_byte_array_error_names_its_position_and_exits_1() {
    let o = decode("node-uint8array-cut.txt", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bytes: `...` at 11:3 means the list was cut short"),
        "{}",
        stderr(&o)
    );
    let input = scratch("mixed.txt", "[0, -1, 200]");
    let schema = sample_arg("r.avsc");
    let o = run(&["decode", "--schema", &schema, "--input", p(&input)], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`200` at 1:9 is over 127 while value 2 (`-1`) is negative"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn decode_reads_kcat_json_with_a_confluent_payload_a_tombstone_and_keys() {
    let o = decode("kcat-J.jsonl", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), [A, B, "null", C].join("\n"));
    assert!(
        stderr(&o).contains("line 3: tombstone (null value)"),
        "{}",
        stderr(&o)
    );
    // The same chosen, and through stdin.
    let raw = std::fs::read(sample("kcat-J.jsonl")).unwrap();
    let schema = sample_arg("r.avsc");
    let o = run_bytes(
        &[
            "decode",
            "--schema",
            &schema,
            "--input-format",
            "json-envelope",
        ],
        &raw,
    );
    assert_eq!(stdout(&o), [A, B, "null", C].join("\n"));
}

#[test]
fn decode_refuses_a_value_whose_bytes_are_in_doubt_and_exits_1() {
    let o = decode("kcat-J-jq.json", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), [A, "null", C].join("\n"));
    let err = stderr(&o);
    assert!(
        err.contains("line 15: input: not decoded, since its bytes cannot be trusted: bytes 5–7 (a U+FFFD replacement character"),
        "{err}"
    );
    assert!(
        err.contains("kcat -C -b BROKER -t orders -p 0 -o 1 -c 1 -e -f '%s' | xxd"),
        "{err}"
    );
}

#[test]
fn decode_reads_every_tools_json() {
    for (file, want, code) in [
        ("rest-proxy-v2-binary.json", [A, B, "null", C].join("\n"), 0),
        ("kafka-ui-message-string.json", A.to_string(), 0),
        ("kafka-ui-message-base64.json", B.to_string(), 0),
        ("kafka-ui-message-hex.json", B.to_string(), 0),
        ("kafka-ui-message-string-damaged.json", String::new(), 1),
        ("akhq-download.json", [A, "null"].join("\n"), 1),
        (
            "redpanda-console-messages.json",
            [A, B, "null"].join("\n"),
            0,
        ),
        (
            "redpanda-console-messages-no-raw.json",
            "null".to_string(),
            1,
        ),
    ] {
        let o = decode(file, &[]);
        assert_eq!(o.status.code(), Some(code), "{file}: {}", stderr(&o));
        assert_eq!(stdout(&o), want, "{file}: {}", stderr(&o));
    }
}

#[test]
fn inspect_carries_the_envelope_fields_beside_its_own() {
    let (lines, o) = inspect("kcat-J.jsonl");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines.len(), 4);
    let first = &lines[0];
    assert_eq!(first["line"], 1);
    assert_eq!(first["envelope"], "kcat");
    assert_eq!(first["topic"], "orders");
    assert_eq!(first["partition"], 0);
    assert_eq!(first["offset"], 0);
    assert_eq!(first["timestamp_ms"], 1714564800123_i64);
    assert_eq!(first["timestamp_type"], "create");
    assert_eq!(first["key"], "user-1");
    assert_eq!(first["key_hex"], "757365722d31");
    assert_eq!(first["value_encoding"], "text");
    assert_eq!(first["framing"], "confluent");
    assert_eq!(first["schema_id"], 42);
    assert_eq!(first["datum"]["id"], -2);
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.first(), Some(&"line"), "{keys:?}");
    assert_eq!(lines[2]["tombstone"], true);
    assert_eq!(lines[2]["key"], "user-1");
    assert_eq!(lines[3]["key"], Value::Null);
}

#[test]
fn inspect_names_the_bytes_in_doubt_and_gives_no_datum() {
    let (lines, o) = inspect("akhq-download.json");
    assert_eq!(o.status.code(), Some(1));
    let damaged = &lines[1];
    assert_eq!(damaged["line"], 12);
    assert_eq!(damaged["timestamp_ms"], 1714564800456_i64);
    assert_eq!(damaged["timestamp_as_written"], "1714564800.456");
    assert_eq!(
        damaged["bytes_in_doubt"],
        serde_json::json!([{"start": 5, "end": 8, "cause": "replacement-character"}])
    );
    assert!(damaged.get("datum").is_none());
    assert!(damaged["error"]
        .as_str()
        .unwrap()
        .contains("AKHQ's download keeps the value only as text"));
}

#[test]
fn inspect_reads_the_rest_proxy_and_redpanda_keys_as_base64() {
    let (lines, _) = inspect("rest-proxy-v2-binary.json");
    assert_eq!(lines[1]["envelope"], "rest-proxy");
    assert_eq!(lines[1]["key"], "user-2");
    assert_eq!(lines[1]["value_encoding"], "base64");
    let (lines, o) = inspect("redpanda-console-messages-no-raw.json");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("Include raw data"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0]["key"], "user-1");
}

#[test]
fn a_single_kcat_line_is_one_record_with_its_envelope() {
    let raw = std::fs::read(sample("kcat-J.jsonl")).unwrap();
    let first = raw.split(|&b| b == b'\n').next().unwrap();
    let schema = sample_arg("r.avsc");
    let o = run_bytes(&["inspect", "--schema", &schema], first);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["line"].clone(), v["offset"].clone()),
        (Value::from(1), Value::from(0))
    );
    assert_eq!(v["datum"]["name"], "hi");
}

#[test]
fn json_envelope_chosen_on_other_json_is_an_error() {
    let schema = sample_arg("r.avsc");
    let o = run(
        &[
            "decode",
            "--schema",
            &schema,
            "--input-format",
            "json-envelope",
        ],
        "{\"id\": 1}",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not from a tool this form knows"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_unknown_input_format_lists_the_new_forms() {
    let schema = sample_arg("r.avsc");
    let o = run(
        &["decode", "--schema", &schema, "--input-format", "json"],
        "00",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("escaped, bytes, json-envelope or binary"),
        "{}",
        stderr(&o)
    );
}
