//! How `encode` and `annotate` read a datum: strictly by default, as Java's `JsonDecoder` reads Avro JSON
//! (lang/java/avro/src/main/java/org/apache/avro/io/JsonDecoder.java), and leniently with `--plain-json`,
//! each conversion then listed on stderr.

mod common;

use common::{p, run, scratch, stderr, stdout};
use std::path::PathBuf;
use std::process::Output;

/// A record with a defaulted field `b` (alias `old_b`), a union of a named enum, bytes and a double.
const SCHEMA: &str = r#"{"type": "record", "name": "R", "namespace": "n", "fields": [
    {"name": "a", "type": "int"},
    {"name": "b", "type": "int", "default": 0, "aliases": ["old_b"]},
    {"name": "u", "type": ["null", {"type": "enum", "name": "E", "symbols": ["X"]}], "default": null},
    {"name": "by", "type": "bytes", "default": ""},
    {"name": "d", "type": "double", "default": 0}]}"#;

fn schema() -> PathBuf {
    scratch("reading.avsc", SCHEMA)
}

/// `encode` of `datum` (on stdin) with `extra` arguments.
fn encode(datum: &str, extra: &[&str]) -> Output {
    let schema = schema();
    let mut args = vec!["encode", "--schema", p(&schema)];
    args.extend_from_slice(extra);
    run(&args, datum)
}

/// Exit 1, nothing on stdout, one line on stderr that contains each of `parts`.
fn assert_invalid(o: &Output, parts: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(stdout(o), "", "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    for part in parts {
        assert!(err.contains(part), "{part:?} in {err}");
    }
}

/// JsonDecoder.doAction (FieldAdjustAction) throws "Expected field name not found: b": a default is
/// never filled in.
#[test]
fn strict_encode_rejects_a_missing_field_that_has_a_default() {
    let o = encode(r#"{"a": 1, "u": null, "by": "", "d": 0}"#, &[]);
    assert_invalid(
        &o,
        &[
            "stdin:1:1:",
            "missing field `b` of record n.R",
            "fills in no default",
            "(at /)",
        ],
    );
}

/// JsonDecoder.doAction, RECORD_END: "Unknown fields: [x]" for a member set aside before a field.
#[test]
fn strict_encode_rejects_an_unknown_field_before_the_last_field() {
    let o = encode(
        r#"{"x": 1, "a": 1, "b": 2, "u": null, "by": "", "d": 0}"#,
        &[],
    );
    assert_invalid(
        &o,
        &[
            "stdin:1:2:",
            "unknown field `x`",
            "(Java's JsonDecoder: \"Unknown fields\")",
            "(at /x)",
        ],
    );
}

/// JsonDecoder.doAction, RECORD_END advances to END_OBJECT: a member after the last field is skipped
/// unread by Java; we still reject it, saying so.
#[test]
fn strict_encode_rejects_an_unknown_field_after_the_last_field_saying_java_would_skip_it() {
    let o = encode(
        r#"{"a": 1, "b": 2, "u": null, "by": "", "d": 0, "x": 1}"#,
        &[],
    );
    assert_invalid(
        &o,
        &[
            "stdin:1:47:",
            "unknown field `x`",
            "Java's JsonDecoder would skip it",
            "(at /x)",
        ],
    );
}

/// JsonDecoder.doAction takes a member keyed by one of the field's aliases (`fa.aliases.contains(fn)`);
/// JsonDecoder.readIndex takes the full name `n.E`; bytes are ISO-8859-1 (readByteArray).
#[test]
fn strict_encode_accepts_an_alias_key_a_full_branch_name_and_iso_8859_1_bytes() {
    let o = encode(
        r#"{"a": 1, "old_b": 2, "u": {"n.E": "X"}, "by": "\u00ff\u0000A", "d": 0.5}"#,
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // a=1, b=2, union branch 1 symbol 0, bytes: length 3, ff 00 41, double 0.5 little-endian.
    assert_eq!(stdout(&o), "0204020006ff0041000000000000e03f");
    assert_eq!(stderr(&o), "", "no notes when strict");
}

/// JsonDecoder.readIndex looks the label up among the branches' full names (Symbol.Alternative.findLabel).
#[test]
fn strict_encode_rejects_a_short_branch_name() {
    let o = encode(
        r#"{"a": 1, "b": 2, "u": {"E": "X"}, "by": "", "d": 0}"#,
        &[],
    );
    assert_invalid(&o, &["`E` is the short name of branch n.E", "(at /u)"]);
}

/// JsonDecoder.readDouble: isNaNString, isPositiveInfinityString ("Infinity", "INF"),
/// isNegativeInfinityString ("-Infinity", "-INF").
#[test]
fn strict_encode_reads_java_nan_and_infinity_strings() {
    let schema = scratch("doubles.avsc", r#"{"type": "array", "items": "double"}"#);
    let o = run(
        &["encode", "--schema", p(&schema)],
        r#"["NaN", "Infinity", "INF", "-Infinity", "-INF"]"#,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plus = "000000000000f07f";
    let minus = "000000000000f0ff";
    assert_eq!(
        stdout(&o),
        format!("0a000000000000f87f{plus}{plus}{minus}{minus}00")
    );
    let o = run(&["encode", "--schema", p(&schema)], r#"["nan"]"#);
    assert_invalid(&o, &["(at /0)"]);
}

/// A code point beyond U+00FF has no ISO-8859-1 byte (Java's readByteArray would write `?`).
#[test]
fn strict_encode_rejects_a_code_point_beyond_ff_in_bytes_naming_the_character() {
    let o = encode(
        r#"{"a": 1, "b": 2, "u": null, "by": "a\u0100", "d": 0}"#,
        &[],
    );
    assert_invalid(&o, &["character 2", "U+0100", "(at /by)"]);
}

#[test]
fn plain_json_fills_defaults_skips_unknown_fields_and_lists_each_conversion_on_stderr() {
    let o = encode(
        "{\"a\": 1,\n \"u\": \"X\", \"x\": [1], \"by\": [255]}",
        &["--plain-json"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // a=1, b=0 (default), branch 1 symbol 0, bytes ff, d=0.0 (default).
    assert_eq!(stdout(&o), "0200020002ff0000000000000000");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    let expected = [
        (
            "stdin:1:1: plain JSON: field `b` missing: its default 0 was filled in (at /b)",
            "; Avro JSON: \"b\":0",
        ),
        (
            "stdin:1:1: plain JSON: field `d` missing: its default 0 was filled in (at /d)",
            "; Avro JSON: \"d\":0.0",
        ),
        (
            "stdin:2:7: plain JSON: union value written without its branch",
            "(at /u); Avro JSON: {\"n.E\":\"X\"}",
        ),
        (
            "stdin:2:12: plain JSON: unknown field `x`: record n.R has the fields",
            "(at /x)",
        ),
        (
            "stdin:2:28: plain JSON: bytes written as an array of numbers",
            "(at /by); Avro JSON: \"ÿ\"",
        ),
    ];
    for (line, (start, end)) in lines.iter().zip(expected) {
        assert!(line.starts_with(start) && line.ends_with(end), "{line}");
    }
}

#[test]
fn plain_json_reads_avro_json_without_notes_and_still_rejects_what_it_cannot_read() {
    let o = encode(
        r#"{"a": 1, "b": 2, "u": null, "by": "", "d": 0}"#,
        &["--plain-json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let o = encode(r#"{"b": 2}"#, &["--plain-json"]);
    assert_invalid(
        &o,
        &["missing field `a` of record n.R, which has no default"],
    );
}

#[test]
fn plain_json_notes_name_the_line_of_each_json_line_of_a_container_file() {
    let out = common::scratch_path("plain.avro");
    let o = encode(
        "{\"a\": 1}\n{\"a\": 2, \"b\": 3, \"u\": null, \"by\": \"\", \"d\": 0}\n{\"a\": 3, \"zz\": 0}",
        &["--plain-json", "--frame", "ocf:null", "--output", p(&out)],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("stdin:1:1: plain JSON: field `b` missing"),
        "{err}"
    );
    assert!(
        err.contains("stdin:3:10: plain JSON: unknown field `zz`"),
        "{err}"
    );
    assert!(err.contains("3 records"), "{err}");
    let o = encode(
        "{\"a\": 1}\n{\"a\": 2}",
        &["--frame", "ocf:null", "--output", p(&out)],
    );
    assert_invalid(&o, &["stdin:1:1:", "missing field `b`"]);
}

#[test]
fn annotate_reads_its_datum_strictly_unless_plain_json() {
    let schema = schema();
    let datum = scratch("short.json", r#"{"a": 1}"#);
    let args = ["annotate", "--schema", p(&schema), "--datum", p(&datum)];
    let o = run(&args, "");
    assert_invalid(&o, &["short.json:1:1:", "missing field `b`"]);
    let o = run(&[&args[..], &["--plain-json"]].concat(), "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(r#"{"bytes_hex":"020000000000000000000000","#),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        stderr(&o).lines().count(),
        4,
        "b, u, by and d filled in: {}",
        stderr(&o)
    );
    let o = run(
        &[
            "annotate",
            "--schema",
            p(&schema),
            "--input",
            p(&datum),
            "--plain-json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2), "--plain-json is for --datum");
}

#[test]
fn help_of_encode_and_annotate_documents_plain_json() {
    for command in ["encode", "annotate"] {
        let o = run(&[command, "--help"], "");
        let help = stdout(&o);
        assert!(help.contains("--plain-json"), "{command}: {help}");
        assert!(
            help.contains("as Java's JsonDecoder reads Avro JSON"),
            "{command}: {help}"
        );
    }
}
