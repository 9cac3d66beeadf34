//! More process-level contracts of the command line: compat and check verdicts, the Object
//! Container File summary, every paste form, Confluent and single-object framing, several
//! messages per input, and hostile lengths.

mod common;

use common::{p, run, run_bytes, scratch, scratch_bytes, scratch_path, stderr, stdout};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};

/// The one JSON line a command printed, with stderr in the panic message if it is not JSON.
fn json_out(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}): exit {:?}\nstdout: {}\nstderr: {}",
            o.status.code(),
            stdout(o),
            stderr(o)
        )
    })
}

/// Exit 1 with exactly one non-empty line on stderr and nothing on stdout.
fn assert_one_line_failure(o: &Output, what: &str) {
    assert_eq!(o.status.code(), Some(1), "{what}: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.trim().lines().count(), 1, "{what}: one line: {err:?}");
    assert!(!err.trim().is_empty(), "{what}: a message");
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A tool on PATH that runs (xxd, od, base64), so its real output can be used.
fn tool_output(tool: &str, args: &[&str]) -> Option<String> {
    let o = Command::new(tool).args(args).output().ok()?;
    if o.status.success() {
        String::from_utf8(o.stdout).ok()
    } else {
        None
    }
}

fn base64_std(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// CRC-64-AVRO (the spec's Rabin fingerprint) of a canonical form, as 8 little-endian bytes.
fn crc64_avro_le(text: &str) -> [u8; 8] {
    const EMPTY: u64 = 0xc15d_213a_a4d7_a795;
    let mut table = [0u64; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut fp = i as u64;
        for _ in 0..8 {
            fp = (fp >> 1) ^ (EMPTY & (fp & 1).wrapping_neg());
        }
        *slot = fp;
    }
    let mut fp = EMPTY;
    for &b in text.as_bytes() {
        fp = (fp >> 8) ^ table[((fp ^ u64::from(b)) & 0xff) as usize];
    }
    fp.to_le_bytes()
}

const RECORD: &str = r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#;
/// {"id": -2, "name": "hi"} under RECORD.
const BODY: [u8; 4] = [0x03, 0x04, 0x68, 0x69];

// ---------------------------------------------------------------------------------------------
// 1. compat

#[test]
fn compat_int_writer_long_reader_is_compatible() {
    let writer = scratch("c-int.avsc", "\"int\"");
    let reader = scratch("c-long.avsc", "\"long\"");
    let o = run(
        &["compat", "--reader", p(&reader), "--writer", p(&writer)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = json_out(&o);
    assert_eq!(got["compatible"], true);
    assert_eq!(got["incompatibilities"], json!([]));
    assert!(got["notes"].is_array(), "notes is a list: {got}");

    // The other way round is not compatible, and still exits 0.
    let o = run(
        &["compat", "--reader", p(&writer), "--writer", p(&reader)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "incompatible still exits 0");
    let got = json_out(&o);
    assert_eq!(got["compatible"], false);
    assert_eq!(got["incompatibilities"][0]["type"], "TYPE_MISMATCH");
}

#[test]
fn compat_reader_field_without_default_is_reported_as_java_does() {
    let writer_text = r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#;
    let reader_text = r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#;
    let writer = scratch("c-w.avsc", writer_text);
    let reader = scratch("c-r.avsc", reader_text);
    let o = run(
        &["compat", "--reader", p(&reader), "--writer", p(&writer)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = json_out(&o);
    assert_eq!(got["compatible"], false, "{got}");
    let list = got["incompatibilities"].as_array().expect("a list");
    assert_eq!(list.len(), 1, "{got}");
    let inc = &list[0];
    for key in ["type", "location", "message"] {
        assert!(inc[key].is_string(), "{key} is a string: {inc}");
    }
    assert_eq!(inc["type"], "READER_FIELD_MISSING_DEFAULT_VALUE");
    assert_eq!(inc["location"], "/fields/1");
    // Java's message for this type is the reader field's name.
    assert_eq!(inc["message"], "b");
    // The location is a JSON pointer into the reader schema, at the field lacking a default.
    let reader_json: Value = serde_json::from_str(reader_text).expect("JSON");
    let at = reader_json
        .pointer(inc["location"].as_str().unwrap_or_default())
        .expect("the location resolves in the reader schema");
    assert_eq!(at["name"], "b");
    assert!(at.get("default").is_none());
    // The writer has no /fields/1: the pointer cannot be into the writer.
    let writer_json: Value = serde_json::from_str(writer_text).expect("JSON");
    assert!(writer_json.pointer("/fields/1").is_none());
}

#[test]
fn compat_exit_codes() {
    let good = scratch("c-good.avsc", "\"int\"");
    let bad = scratch(
        "c-bad.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}"#,
    );
    let o = run(&["compat", "--reader", p(&bad), "--writer", p(&good)], "");
    assert_one_line_failure(&o, "invalid reader");
    assert!(o.stdout.is_empty(), "no verdict for an invalid schema");
    let o = run(&["compat", "--reader", p(&good), "--writer", p(&bad)], "");
    assert_one_line_failure(&o, "invalid writer");
    assert!(stderr(&o).contains("c-bad.avsc"), "names the file");

    let o = run(&["compat", "--reader", p(&good)], "");
    assert_eq!(
        o.status.code(),
        Some(2),
        "missing --writer is a usage error"
    );
    assert!(stderr(&o).contains("--writer"), "{}", stderr(&o));
    let o = run(&["compat", "--writer", p(&good)], "");
    assert_eq!(
        o.status.code(),
        Some(2),
        "missing --reader is a usage error"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. check

/// v1 {a}; v2 adds b without a default (new readers cannot read v1 data); v3 adds c with a default.
fn three_versions() -> [PathBuf; 3] {
    [
        scratch(
            "k-v1.avsc",
            r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#,
        ),
        scratch(
            "k-v2.avsc",
            r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#,
        ),
        scratch(
            "k-v3.avsc",
            r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"c","type":"string","default":"x"}]}"#,
        ),
    ]
}

fn check(mode: &str, files: &[PathBuf]) -> Value {
    let mut args = vec!["check", "--mode", mode];
    args.extend(files.iter().map(|f| p(f)));
    let o = run(&args, "");
    assert_eq!(o.status.code(), Some(0), "{mode}: {}", stderr(&o));
    let got = json_out(&o);
    for key in [
        "mode",
        "compatible",
        "checked_versions",
        "failing_version",
        "incompatibilities",
    ] {
        assert!(got.get(key).is_some(), "{mode}: key {key} in {got}");
    }
    got
}

#[test]
fn check_backward_looks_only_at_the_latest_version() {
    let v = three_versions();
    let got = check("BACKWARD", &v);
    assert_eq!(got["mode"], "BACKWARD");
    assert_eq!(got["compatible"], true, "v3 reads v2 data: {got}");
    assert_eq!(got["checked_versions"], json!([2]));
    assert_eq!(got["failing_version"], Value::Null);
    assert_eq!(got["incompatibilities"], json!([]));
}

#[test]
fn check_backward_transitive_fails_at_v1_newest_first() {
    let v = three_versions();
    let got = check("BACKWARD_TRANSITIVE", &v);
    assert_eq!(got["compatible"], false, "v3 cannot read v1 data: {got}");
    assert_eq!(got["checked_versions"], json!([2, 1]), "newest first");
    assert_eq!(got["failing_version"], 1);
    let inc = &got["incompatibilities"][0];
    assert_eq!(inc["type"], "READER_FIELD_MISSING_DEFAULT_VALUE");
    assert_eq!(inc["message"], "b");
    assert_eq!(inc["direction"], "backward");
    // The candidate (v3) was the reader: the location points into it, at b.
    let v3: Value =
        serde_json::from_str(&std::fs::read_to_string(&v[2]).expect("read")).expect("JSON");
    assert_eq!(
        v3.pointer(inc["location"].as_str().unwrap_or_default())
            .map(|f| f["name"].clone()),
        Some(json!("b"))
    );
}

#[test]
fn check_transitive_stops_at_the_first_failure() {
    // v1 {a}, v2 {a}, v3 adds b without default: v2 fails first and v1 is never checked.
    let v = three_versions();
    let v2_same_as_v1 = scratch(
        "k-v1b.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#,
    );
    let files = [v[0].clone(), v2_same_as_v1, v[1].clone()];
    let got = check("BACKWARD_TRANSITIVE", &files);
    assert_eq!(got["compatible"], false);
    assert_eq!(got["checked_versions"], json!([2]));
    assert_eq!(got["failing_version"], 2);
}

#[test]
fn check_none_checks_nothing() {
    let v = three_versions();
    let got = check("NONE", &v);
    assert_eq!(got["compatible"], true);
    assert_eq!(got["checked_versions"], json!([]));
    assert_eq!(got["failing_version"], Value::Null);
    assert_eq!(got["incompatibilities"], json!([]));
}

#[test]
fn check_forward_and_full_verdicts() {
    let v = three_versions();
    // Forward: the old reader reads new data. v2 reads v3 data (c is skipped); v1 reads v3
    // data (b and c skipped): compatible, transitively too.
    let got = check("FORWARD", &v);
    assert_eq!(got["compatible"], true, "{got}");
    assert_eq!(got["checked_versions"], json!([2]));
    let got = check("FORWARD_TRANSITIVE", &v);
    assert_eq!(got["compatible"], true, "{got}");
    assert_eq!(got["checked_versions"], json!([2, 1]));
    // Full = backward and forward against v2: v3 reads v2 (c has a default), v2 reads v3.
    let got = check("FULL", &v);
    assert_eq!(got["compatible"], true, "{got}");
    // Full transitive fails backward at v1 (v3 cannot fill b from v1 data).
    let got = check("FULL_TRANSITIVE", &v);
    assert_eq!(got["compatible"], false, "{got}");
    assert_eq!(got["failing_version"], 1);
    assert_eq!(got["incompatibilities"][0]["direction"], "backward");

    // Dropping a field the old reader needs (no default there) breaks forward, not backward.
    let old = scratch(
        "k-f1.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#,
    );
    let new = scratch(
        "k-f2.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}"#,
    );
    let pair = [old, new];
    assert_eq!(check("BACKWARD", &pair)["compatible"], true);
    let got = check("FORWARD", &pair);
    assert_eq!(got["compatible"], false, "{got}");
    assert_eq!(got["failing_version"], 1);
    let inc = &got["incompatibilities"][0];
    assert_eq!(inc["type"], "READER_FIELD_MISSING_DEFAULT_VALUE");
    assert_eq!(inc["direction"], "forward");
    assert_eq!(
        inc["location"], "/fields/1",
        "a pointer into v1, the reader"
    );
    let got = check("FULL", &pair);
    assert_eq!(got["compatible"], false, "{got}");
    assert_eq!(got["incompatibilities"][0]["direction"], "forward");
}

#[test]
fn check_mode_is_case_insensitive_and_errors_have_their_codes() {
    let v = three_versions();
    assert_eq!(check("backward", &v)["mode"], "BACKWARD");

    let o = run(&["check", "--mode", "SIDEWAYS", p(&v[0]), p(&v[1])], "");
    assert_eq!(o.status.code(), Some(2), "unknown mode is a usage error");
    assert!(stderr(&o).contains("SIDEWAYS"), "{}", stderr(&o));

    let bad = scratch(
        "k-bad.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}"#,
    );
    let o = run(&["check", "--mode", "BACKWARD", p(&v[0]), p(&bad)], "");
    assert_one_line_failure(&o, "invalid candidate");
    let o = run(&["check", "--mode", "BACKWARD", p(&bad), p(&v[0])], "");
    assert_one_line_failure(&o, "invalid earlier version");
}

// ---------------------------------------------------------------------------------------------
// 3. inspect on an Object Container File

#[test]
fn inspect_summarises_a_deflate_container_file() {
    let schema = scratch(
        "ocf.avsc",
        r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"s","type":"string"}]}"#,
    );
    let lines =
        "{\"id\": 1, \"s\": \"a\"}\n{\"id\": -2, \"s\": \"bc\"}\n{\"id\": 3, \"s\": \"d\"}\n";
    let out = scratch_path("deflate.avro");
    let o = run(
        &[
            "encode",
            "--schema",
            p(&schema),
            "--frame",
            "ocf:deflate",
            "--output",
            p(&out),
        ],
        lines,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = std::fs::read(&out).expect("the container file");
    assert_eq!(&file[..4], b"Obj\x01", "OCF magic");

    let o = run(&["inspect", "--input", p(&out)], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = json_out(&o);
    assert_eq!(got["framing"], "ocf");
    assert_eq!(got["codec"], "deflate");
    assert_eq!(got["blocks"], 1, "encode writes one block");
    assert_eq!(got["records"], 3);
    let sync = got["sync_hex"].as_str().expect("sync_hex");
    assert_eq!(sync.len(), 32, "{sync}");
    assert!(sync
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(
        sync,
        to_hex(&file[file.len() - 16..]),
        "the file ends with the sync marker"
    );
    let meta = got["metadata"].as_object().expect("metadata is an object");
    assert!(
        !meta.contains_key("avro.schema") && !meta.contains_key("avro.codec"),
        "user keys only: {got}"
    );
    assert!(meta.is_empty(), "encode writes no user keys: {got}");

    // The same input gives the same file (sync derived from content).
    let again = scratch_path("deflate2.avro");
    let o = run(
        &[
            "encode",
            "--schema",
            p(&schema),
            "--frame",
            "ocf:deflate",
            "--output",
            p(&again),
        ],
        lines,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&again).expect("file"), file);

    // Decode needs no --schema and prints the records in order.
    let o = run(&["decode", "--input", p(&out)], "");
    assert_eq!(
        stdout(&o),
        "{\"id\":1,\"s\":\"a\"}\n{\"id\":-2,\"s\":\"bc\"}\n{\"id\":3,\"s\":\"d\"}",
        "{}",
        stderr(&o)
    );
}

fn zigzag(n: i64) -> Vec<u8> {
    let mut v = ((n << 1) ^ (n >> 63)) as u64;
    let mut out = Vec::new();
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

fn avro_bytes(b: &[u8]) -> Vec<u8> {
    let mut out = zigzag(b.len() as i64);
    out.extend_from_slice(b);
    out
}

#[test]
fn inspect_lists_user_metadata_keys_only() {
    // A hand-made null-codec file of "long" with one user key and a known sync marker.
    let meta: [(&[u8], &[u8]); 3] = [
        (b"avro.schema", b"\"long\""),
        (b"avro.codec", b"null"),
        (b"app.owner", b"team"),
    ];
    let mut file = b"Obj\x01".to_vec();
    file.extend(zigzag(meta.len() as i64));
    for (k, v) in meta {
        file.extend(avro_bytes(k));
        file.extend(avro_bytes(v));
    }
    file.push(0);
    let sync: Vec<u8> = (0u8..16).collect();
    file.extend(&sync);
    let data: Vec<u8> = [zigzag(5), zigzag(-1)].concat();
    file.extend(zigzag(2));
    file.extend(zigzag(data.len() as i64));
    file.extend(&data);
    file.extend(&sync);
    let path = scratch_bytes("user-meta.avro", &file);

    let o = run(&["inspect", "--input", p(&path)], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = json_out(&o);
    assert_eq!(got["framing"], "ocf");
    assert_eq!(got["codec"], "null");
    assert_eq!(got["blocks"], 1);
    assert_eq!(got["records"], 2);
    assert_eq!(got["metadata"], json!({"app.owner": "team"}));
    assert_eq!(got["sync_hex"], "000102030405060708090a0b0c0d0e0f");
    let o = run(&["decode", "--input", p(&path)], "");
    assert_eq!(stdout(&o), "5\n-1", "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// 4. every --input-format

/// (format, text or bytes to feed, what auto detection's stderr should name)
fn paste_forms() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let bin = scratch_bytes("forms.bin", &BODY);
    let xxd_literal = "00000000: 0304 6869                                ..hi\n".to_string();
    let od_literal = "0000000 0403 6968\n0000004\n".to_string();
    let xxd = tool_output("xxd", &[p(&bin)]).unwrap_or_else(|| xxd_literal.clone());
    let od = tool_output("od", &["-x", p(&bin)]).unwrap_or_else(|| od_literal.clone());
    // Where the tools exist, my literals are what they print.
    assert_eq!(xxd, xxd_literal, "xxd output format");
    assert_eq!(od, od_literal, "od -x output format");
    vec![
        ("hex", b"03046869".to_vec(), "recognised as hex"),
        ("base64", b"AwRoaQ==".to_vec(), "recognised as base64"),
        // Without `-` or `_` base64url and base64 read the same bytes; the tool says so.
        ("base64url", b"AwRoaQ".to_vec(), "base64url"),
        ("xxd", xxd.into_bytes(), "recognised as xxd"),
        ("od", od.into_bytes(), "recognised as od"),
        ("escaped", br"\x03\x04hi".to_vec(), "recognised as escaped"),
        ("binary", BODY.to_vec(), "raw binary"),
    ]
}

#[test]
fn every_input_format_decodes_the_same_datum() {
    let schema = scratch("forms.avsc", RECORD);
    let want = json!({"id": -2, "name": "hi"});
    let mut failures = Vec::new();
    for (format, input, _) in paste_forms() {
        // Given on stdin and as a file.
        let file = scratch_bytes(&format!("form-{format}.txt"), &input);
        for (how, o) in [
            (
                "stdin",
                run_bytes(
                    &["decode", "--schema", p(&schema), "--input-format", format],
                    &input,
                ),
            ),
            (
                "file",
                run(
                    &[
                        "decode",
                        "--schema",
                        p(&schema),
                        "--input-format",
                        format,
                        "--input",
                        p(&file),
                    ],
                    "",
                ),
            ),
        ] {
            let got: Value = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
            if o.status.code() != Some(0) || got != want {
                failures.push(format!(
                    "{format} ({how}): exit {:?} stdout {} stderr {}",
                    o.status.code(),
                    stdout(&o),
                    stderr(&o)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn auto_detection_recognises_every_form() {
    let schema = scratch("forms-auto.avsc", RECORD);
    let want = json!({"id": -2, "name": "hi"});
    let mut failures = Vec::new();
    for (format, input, says) in paste_forms() {
        let o = run_bytes(&["decode", "--schema", p(&schema)], &input);
        let got: Value = serde_json::from_str(&stdout(&o)).unwrap_or(Value::Null);
        if o.status.code() != Some(0) || got != want || !stderr(&o).contains(says) {
            failures.push(format!(
                "{format}: exit {:?} stdout {} stderr {}",
                o.status.code(),
                stdout(&o),
                stderr(&o)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn base64url_with_its_own_characters_is_told_apart() {
    // {"id": -2, "name": "\u{ff}\u{fe}"}: bytes 03 08 c3 bf c3 be, base64 AwjDv8O+.
    let schema = scratch("url.avsc", RECORD);
    let want = json!({"id": -2, "name": "\u{ff}\u{fe}"});
    assert_eq!(
        base64_std(&[0x03, 0x08, 0xc3, 0xbf, 0xc3, 0xbe]),
        "AwjDv8O+"
    );
    for (input, format, says) in [
        ("AwjDv8O-", "base64url", "recognised as base64url"),
        ("AwjDv8O+", "base64", "recognised as base64"),
    ] {
        let o = run(
            &["decode", "--schema", p(&schema), "--input-format", format],
            input,
        );
        assert_eq!(
            serde_json::from_str::<Value>(&stdout(&o)).ok(),
            Some(want.clone()),
            "{input} as {format}: {}",
            stderr(&o)
        );
        let o = run(&["decode", "--schema", p(&schema)], input);
        assert_eq!(
            serde_json::from_str::<Value>(&stdout(&o)).ok(),
            Some(want.clone()),
            "{input} auto: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains(says), "{input}: {}", stderr(&o));
    }
    let o = run(
        &["decode", "--schema", p(&schema), "--input-format", "base64"],
        "AwjDv8O-",
    );
    assert_eq!(o.status.code(), Some(1), "`-` is not standard base64");
}

// ---------------------------------------------------------------------------------------------
// 5. Confluent and single-object framing

#[test]
fn confluent_frame_is_magic_and_big_endian_id_then_body() {
    let schema = scratch("frame.avsc", RECORD);
    let datum = r#"{"id": -2, "name": "hi"}"#;
    let o = run(
        &["encode", "--schema", p(&schema), "--frame", "confluent:42"],
        datum,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hex = stdout(&o);
    assert_eq!(hex, format!("000000002a{}", to_hex(&BODY)));

    for frame in ["auto", "confluent"] {
        let o = run(&["decode", "--schema", p(&schema), "--frame", frame], &hex);
        assert_eq!(
            serde_json::from_str::<Value>(&stdout(&o)).ok(),
            Some(json!({"id": -2, "name": "hi"})),
            "{frame}: {}",
            stderr(&o)
        );
    }
    let o = run(&["inspect", "--schema", p(&schema)], &hex);
    let got = json_out(&o);
    assert_eq!(got["framing"], "confluent");
    assert_eq!(got["schema_id"], 42);
    assert_eq!(got["trailing_bytes"], 0);
    assert_eq!(got["datum"], json!({"id": -2, "name": "hi"}));
    assert!(got.get("fingerprint_hex").is_none());
}

#[test]
fn single_object_frame_is_c301_and_the_crc64_fingerprint_then_body() {
    let schema = scratch("so.avsc", RECORD);
    let o = run(&["canonical", "--schema", p(&schema)], "");
    let canonical = json_out(&o);
    let form = canonical["canonical"].as_str().expect("canonical");
    assert_eq!(
        form,
        r#"{"name":"R","type":"record","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#
    );
    let fingerprint = to_hex(&crc64_avro_le(form));
    assert_eq!(
        canonical["rabin_hex"], fingerprint,
        "canonical prints CRC-64-AVRO little-endian"
    );

    let o = run(
        &["encode", "--schema", p(&schema), "--frame", "single-object"],
        r#"{"id": -2, "name": "hi"}"#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hex = stdout(&o);
    assert_eq!(hex, format!("c301{fingerprint}{}", to_hex(&BODY)));

    for frame in ["auto", "single-object"] {
        let o = run(&["decode", "--schema", p(&schema), "--frame", frame], &hex);
        assert_eq!(
            serde_json::from_str::<Value>(&stdout(&o)).ok(),
            Some(json!({"id": -2, "name": "hi"})),
            "{frame}: {}",
            stderr(&o)
        );
    }
    let got = json_out(&run(&["inspect", "--schema", p(&schema)], &hex));
    assert_eq!(got["framing"], "single-object");
    assert_eq!(got["fingerprint_hex"], fingerprint);
    assert_eq!(got["trailing_bytes"], 0);
    assert_eq!(got["datum"], json!({"id": -2, "name": "hi"}));
    assert!(got.get("schema_id").is_none());
}

// ---------------------------------------------------------------------------------------------
// 6. top-level bytes under Confluent framing

#[test]
fn confluent_top_level_bytes_has_no_length_prefix() {
    let schema = scratch("bytes.avsc", "\"bytes\"");
    let o = run(
        &["encode", "--schema", p(&schema), "--frame", "confluent:1"],
        r#""\u0001\u0002""#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "00000000010102", "raw payload, no length");
    // Raw framing keeps the Avro length prefix.
    let o = run(&["encode", "--schema", p(&schema)], r#""\u0001\u0002""#);
    assert_eq!(stdout(&o), "040102");

    for frame in ["auto", "confluent"] {
        let o = run(
            &["decode", "--schema", p(&schema), "--frame", frame],
            "00000000010102",
        );
        assert_eq!(o.status.code(), Some(0), "{frame}: {}", stderr(&o));
        assert_eq!(stdout(&o), r#""\u0001\u0002""#, "{frame}: {}", stderr(&o));
    }
    let got = json_out(&run(&["inspect", "--schema", p(&schema)], "00000000010102"));
    assert_eq!(got["framing"], "confluent");
    assert_eq!(got["schema_id"], 1);
    assert_eq!(got["trailing_bytes"], 0);
    assert_eq!(got["datum"], "\u{1}\u{2}");
}

// ---------------------------------------------------------------------------------------------
// 7. several messages, one per line

#[test]
fn decode_reads_each_line_as_a_message() {
    let schema = scratch("multi.avsc", RECORD);
    // 1 good, 2 tombstone, 3 truncated (string of 4 bytes, none left), 4 good.
    let input = scratch("multi.txt", "03046869\n\n0308\n0204686a\n");
    let o = run(
        &["decode", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "one message failed");
    let out: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(
        out,
        vec![
            json!({"id": -2, "name": "hi"}),
            Value::Null,
            json!({"id": 1, "name": "hj"}),
        ],
        "{}",
        stderr(&o)
    );
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.starts_with("line 2:") && l.contains("tombstone")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("line 3:") && l.contains("byte")),
        "says where: {err}"
    );
    assert!(
        !err.lines()
            .any(|l| l.starts_with("line 1:") && l.contains("byte 1")),
        "{err}"
    );

    // All good (a tombstone is not a failure): exit 0.
    let input = scratch("multi-good.txt", "03046869\n\n0204686a\n");
    let o = run(
        &["decode", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"id\":-2,\"name\":\"hi\"}\nnull\n{\"id\":1,\"name\":\"hj\"}"
    );
}

#[test]
fn inspect_reads_each_line_as_a_message() {
    let schema = scratch("multi-i.avsc", RECORD);
    let input = scratch("multi-i.txt", "03046869\n\n0308\n0204686a\n");
    let o = run(
        &["inspect", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let out: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(out.len(), 4, "{}", stdout(&o));
    assert_eq!(out[0]["line"], 1);
    assert_eq!(out[0]["framing"], "raw");
    assert_eq!(out[0]["datum"], json!({"id": -2, "name": "hi"}));
    assert_eq!(out[1], json!({"line": 2, "tombstone": true}));
    assert_eq!(out[2]["line"], 3);
    assert!(out[2]["error"].is_string(), "{}", out[2]);
    assert!(out[2].get("datum").is_none());
    assert_eq!(out[3]["line"], 4);
    assert_eq!(out[3]["datum"], json!({"id": 1, "name": "hj"}));
    assert!(
        stderr(&o).lines().any(|l| l.starts_with("line 3:")),
        "the error is also on stderr: {}",
        stderr(&o)
    );
    // "line" comes first in each object.
    for line in stdout(&o).lines() {
        assert!(line.starts_with("{\"line\":"), "{line}");
    }

    let input = scratch("multi-i-good.txt", "03046869\n0204686a\n");
    let o = run(
        &["inspect", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn wrapped_base64_is_one_message() {
    let schema = scratch("wrap.avsc", RECORD);
    let name = "x".repeat(100);
    // 03 (id -2), c8 01 (length 100), then the 100 bytes: 103 bytes, 140 base64 characters.
    let mut bytes = vec![0x03, 0xc8, 0x01];
    bytes.extend(name.as_bytes());
    let b64 = base64_std(&bytes);
    let mut wrapped = String::new();
    for chunk in b64.as_bytes().chunks(76) {
        wrapped.push_str(std::str::from_utf8(chunk).expect("ASCII"));
        wrapped.push('\n');
    }
    let bin = scratch_bytes("wrap.bin", &bytes);
    if let Some(real) = tool_output("base64", &[p(&bin)]) {
        assert_eq!(real, wrapped, "base64 wraps at 76 columns");
    }
    assert_eq!(wrapped.lines().count(), 2);
    let input = scratch("wrap.b64", &wrapped);
    let want = json!({"id": -2, "name": name});
    let o = run(
        &["decode", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "one message");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).ok(),
        Some(want.clone())
    );
    let o = run(
        &["inspect", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let got = json_out(&o);
    assert_eq!(got["datum"], want);
}

// ---------------------------------------------------------------------------------------------
// 8. hostile input

#[test]
fn a_huge_string_length_is_an_error_not_a_panic() {
    let schema = scratch("hostile.avsc", RECORD);
    // id 1, then a string length of 2^40 (zigzag varint 80 80 80 80 80 40).
    let mut bytes = vec![0x02];
    bytes.extend(zigzag(1 << 40));
    assert_eq!(to_hex(&bytes), "02808080808040");
    for frame in ["auto", "raw"] {
        let o = run(
            &[
                "decode",
                "--schema",
                p(&schema),
                "--input-format",
                "hex",
                "--frame",
                frame,
            ],
            &to_hex(&bytes),
        );
        assert_eq!(o.status.code(), Some(1), "{frame}: not 101 (a panic)");
        let err = stderr(&o);
        assert_eq!(err.trim().lines().count(), 1, "{frame}: one line: {err}");
        assert!(err.contains("byte 1"), "{frame}: names the offset: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty());
    }
    let o = run(
        &["inspect", "--schema", p(&schema), "--input-format", "hex"],
        &to_hex(&bytes),
    );
    assert_eq!(o.status.code(), Some(1), "inspect: {}", stderr(&o));
}

#[test]
fn huge_counts_and_negative_lengths_are_errors_not_panics() {
    let cases = [
        ("\"string\"", zigzag(1 << 40)),
        ("\"bytes\"", zigzag(-64)),
        ("\"bytes\"", zigzag(i64::MIN)),
        (r#"{"type":"array","items":"null"}"#, zigzag(1 << 40)),
        (r#"{"type":"array","items":"long"}"#, zigzag(1 << 40)),
        (r#"{"type":"map","values":"null"}"#, zigzag(1 << 40)),
        ("\"string\"", vec![0xff; 11]),
    ];
    for (i, (schema, bytes)) in cases.iter().enumerate() {
        let path = scratch(&format!("hostile{i}.avsc"), schema);
        let o = run(
            &[
                "decode",
                "--schema",
                p(&path),
                "--input-format",
                "hex",
                "--frame",
                "raw",
            ],
            &to_hex(bytes),
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{schema} {}: {}",
            to_hex(bytes),
            stderr(&o)
        );
        let err = stderr(&o);
        assert_eq!(err.trim().lines().count(), 1, "{schema}: {err}");
        assert!(err.contains("byte 0"), "{schema}: names the offset: {err}");
    }
}

// ---------------------------------------------------------------------------------------------
// 9. damaged container files

/// `Obj` 02 and `OBJ` 01: a container file whose magic is damaged, then a header-like tail.
const DAMAGED_MAGICS: [[u8; 4]; 2] = [*b"Obj\x02", *b"OBJ\x01"];

#[test]
fn a_damaged_container_magic_without_schema_is_invalid_input_not_usage() {
    for magic in DAMAGED_MAGICS {
        let mut bytes = magic.to_vec();
        bytes.extend([0x04, 0x14]);
        let input = scratch_bytes("damaged-magic.avro", &bytes);
        for command in ["decode", "inspect"] {
            let o = run(&[command, "--input", p(&input)], "");
            assert_one_line_failure(&o, command);
            let err = stderr(&o);
            assert!(
                err.contains("an Object Container File with a bad magic at bytes 0–3"),
                "{command} {magic:?}: {err}"
            );
            assert!(err.contains(&to_hex(&magic)), "names what it found: {err}");
        }
    }
}

#[test]
fn a_damaged_container_magic_that_fails_as_a_datum_is_reported_as_a_container() {
    let schema = scratch("damaged-magic.avsc", RECORD);
    // `O` (0x4f) is the zigzag long -40: an id, then the string length 0x62 = 49 bytes that are not there.
    let input = scratch_bytes("damaged-magic-2.avro", b"Obj\x02\x00");
    let o = run(
        &["decode", "--schema", p(&schema), "--input", p(&input)],
        "",
    );
    assert_one_line_failure(&o, "decode");
    assert!(
        stderr(&o).contains("an Object Container File with a bad magic at bytes 0–3"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bytes_like_a_damaged_magic_that_read_as_a_datum_stay_a_datum() {
    // A long and a string: `O` is -40, `b` (0x62) a length of 49, then 49 bytes of text.
    let schema = scratch("obj-datum.avsc", RECORD);
    let mut bytes = b"Ob".to_vec();
    bytes.extend([b'j'; 49]);
    let input = scratch_bytes("obj-datum.bin", &bytes);
    let o = run(
        &[
            "decode",
            "--schema",
            p(&schema),
            "--input",
            p(&input),
            "--input-format",
            "binary",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&o)).ok(),
        Some(json!({"id": -40, "name": "j".repeat(49)}))
    );
}

#[test]
fn without_schema_other_bytes_still_ask_for_one() {
    let input = scratch_bytes("no-schema.bin", &BODY);
    let o = run(&["decode", "--input", p(&input)], "");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--schema is required"),
        "{}",
        stderr(&o)
    );
}
