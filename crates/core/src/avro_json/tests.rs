//! Behaviours of Avro JSON reading and writing, one test each.

use super::*;
use crate::schema::parse_schema;

fn schema(text: &str) -> Schema {
    match parse_schema(text) {
        Ok(s) => s,
        Err(e) => panic!("test schema: {e}"),
    }
}

fn read(schema_text: &str, datum: &str) -> Result<Value, DatumError> {
    from_avro_json(&schema(schema_text), datum)
}

fn round(schema_text: &str, datum: &str) -> String {
    let s = schema(schema_text);
    match from_avro_json(&s, datum) {
        Ok(v) => to_avro_json(&s, &v),
        Err(e) => panic!("read {datum}: {e}"),
    }
}

fn plain(schema_text: &str, datum: &str) -> Result<(Value, Vec<Conversion>), DatumError> {
    from_plain_json(&schema(schema_text), datum)
}

fn plain_to_avro(schema_text: &str, datum: &str) -> (String, Vec<Conversion>) {
    let s = schema(schema_text);
    match from_plain_json(&s, datum) {
        Ok((v, conversions)) => (to_avro_json(&s, &v), conversions),
        Err(e) => panic!("plain {datum}: {e}"),
    }
}

const TWO_X: &str = r#"["null",
    {"type": "record", "name": "X", "namespace": "a", "fields": [{"name": "i", "type": "int"}]},
    {"type": "record", "name": "X", "namespace": "b", "fields": [{"name": "s", "type": "string"}]},
    {"type": "enum", "name": "E", "namespace": "a", "symbols": ["Q"]}]"#;

// ---- unions

/// Java's JsonDecoder.readIndex looks the key up with Symbol.Alternative.findLabel, whose labels are each
/// branch's getFullName() (ValidatingGrammarGenerator.generate, case UNION): a short name is "Unknown
/// union branch".
#[test]
fn short_branch_name_is_rejected_as_java_does_naming_the_full_name() {
    let err = read(TWO_X, r#"{"E": "Q"}"#).unwrap_err();
    assert!(
        err.message.contains("`E` is the short name of branch a.E")
            && err.message.contains(r#"write {"a.E": …}"#),
        "{err}"
    );
    assert_eq!(err.position, LineColumn { line: 1, column: 2 });
}

#[test]
fn full_branch_name_is_read_and_written() {
    assert_eq!(round(TWO_X, r#"{"a.E": "Q"}"#), r#"{"a.E":"Q"}"#);
    assert_eq!(
        round(TWO_X, r#"{"b.X": {"s": "q"}}"#),
        r#"{"b.X":{"s":"q"}}"#
    );
}

#[test]
fn ambiguous_short_name_is_rejected_listing_the_full_names() {
    let err = read(TWO_X, r#"{"X": {"i": 1}}"#).unwrap_err();
    assert!(err.message.contains("a.X and b.X"), "{err}");
    assert_eq!(err.pointer.as_str(), "/");
    assert_eq!(
        err.position,
        LineColumn { line: 1, column: 2 },
        "points at the key"
    );
}

#[test]
fn branch_not_in_union_is_rejected() {
    let err = read(r#"["null", "string"]"#, r#"{"int": 5}"#).unwrap_err();
    assert!(
        err.message
            .contains("`int` is not a branch of union [null, string]"),
        "{err}"
    );
}

#[test]
fn null_union_value_is_bare_null_and_others_are_wrapped() {
    let s =
        r#"["null", "long", {"type": "array", "items": "int"}, {"type": "map", "values": "int"}]"#;
    assert_eq!(round(s, "null"), "null");
    assert_eq!(round(s, r#"{"long": 3}"#), r#"{"long":3}"#);
    assert_eq!(round(s, r#"{"array": [1]}"#), r#"{"array":[1]}"#);
    assert_eq!(round(s, r#"{"map": {}}"#), r#"{"map":{}}"#);
    assert!(read(s, "3").is_err(), "an unwrapped value is not Avro JSON");
    assert!(read(s, r#"{"long": 3, "map": {}}"#).is_err(), "two members");
}

#[test]
fn logical_type_branch_is_named_by_its_base_type() {
    let s = r#"["null", {"type": "long", "logicalType": "timestamp-millis"}]"#;
    assert_eq!(round(s, r#"{"long": 1}"#), r#"{"long":1}"#);
}

// ---- numbers

#[test]
fn long_extremes_are_exact_both_ways() {
    for n in [i64::MIN, i64::MAX, i64::MAX - 1, 9_007_199_254_740_993] {
        let text = n.to_string();
        assert_eq!(read("\"long\"", &text).unwrap(), Value::Long(n));
        assert_eq!(round("\"long\"", &text), text);
    }
    assert!(read("\"long\"", "9223372036854775808").is_err());
    assert!(read("\"long\"", "-9223372036854775809").is_err());
}

#[test]
fn int_outside_32_bits_is_rejected_with_the_range() {
    let err = read("\"int\"", "2147483648").unwrap_err();
    assert!(err.message.contains("-2147483648 to 2147483647"), "{err}");
    assert_eq!(
        read("\"int\"", "-2147483648").unwrap(),
        Value::Int(i32::MIN)
    );
}

/// Java's JsonDecoder.readInt takes a VALUE_NUMBER_FLOAT token within Float.MIN_VALUE of a whole number
/// (read through getFloatValue(); readLong through getDoubleValue()).
#[test]
fn whole_number_with_a_fraction_or_exponent_is_read_as_java_reads_it() {
    assert_eq!(read("\"int\"", "1.0").unwrap(), Value::Int(1));
    assert_eq!(read("\"int\"", "1E+2").unwrap(), Value::Int(100));
    assert_eq!(read("\"long\"", "-2.5e1").unwrap(), Value::Long(-25));
    assert_eq!(
        read("\"long\"", "1e18").unwrap(),
        Value::Long(1_000_000_000_000_000_000)
    );
}

#[test]
fn fraction_for_an_int_is_an_error() {
    for text in ["-0.5", "1.000001"] {
        let err = read("\"int\"", text).unwrap_err();
        assert!(err.message.contains("not a whole number"), "{text}: {err}");
        assert!(read("\"long\"", text).is_err(), "{text}");
    }
    assert!(read("\"int\"", "3e9")
        .unwrap_err()
        .message
        .contains("outside the range of an int"));
}

/// Java's JsonDecoder.readInt reads `16777217.0` through a float, which holds 16777216: not the value
/// written, so it is refused rather than read differently from Java.
#[test]
fn whole_number_a_float_does_not_hold_exactly_is_an_error_for_an_int() {
    let err = read("\"int\"", "16777217.0").unwrap_err();
    assert!(
        err.message
            .contains("not a whole number that a float holds exactly"),
        "{err}"
    );
    assert_eq!(
        read("\"int\"", "16777216.0").unwrap(),
        Value::Int(16_777_216)
    );
    assert!(read("\"long\"", "9007199254740993.0").is_err());
    assert_eq!(
        read("\"long\"", "16777217.0").unwrap(),
        Value::Long(16_777_217)
    );
}

#[test]
fn float_is_written_as_the_shortest_text_that_round_trips_as_f32() {
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(1.1)),
        "1.1"
    );
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(0.1)),
        "0.1"
    );
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(f32::MIN_POSITIVE)),
        "1.1754944e-38"
    );
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(f32::MAX)),
        "3.4028235e38"
    );
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(1e-45)),
        "1e-45"
    );
    assert_eq!(
        to_avro_json(&schema("\"float\""), &Value::Float(-0.0)),
        "-0.0"
    );
    assert_eq!(
        round("\"float\"", "1.1754943508222875e-38"),
        "1.1754944e-38"
    );
}

#[test]
fn double_is_written_as_the_shortest_text_that_round_trips() {
    assert_eq!(
        to_avro_json(&schema("\"double\""), &Value::Double(0.1)),
        "0.1"
    );
    assert_eq!(
        to_avro_json(&schema("\"double\""), &Value::Double(1e308)),
        "1e308"
    );
    assert_eq!(
        to_avro_json(&schema("\"double\""), &Value::Double(9007199254740992.0)),
        "9007199254740992.0"
    );
    assert_eq!(round("\"double\"", "5"), "5.0");
}

#[test]
fn nan_and_infinities_are_written_as_java_writes_them_and_read_back() {
    let s = schema(r#"{"type": "array", "items": "double"}"#);
    let v = Value::Array(vec![
        Value::Double(f64::NAN),
        Value::Double(f64::INFINITY),
        Value::Double(f64::NEG_INFINITY),
    ]);
    let text = to_avro_json(&s, &v);
    assert_eq!(text, r#"["NaN","Infinity","-Infinity"]"#);
    let Ok(Value::Array(back)) = from_avro_json(&s, &text) else {
        panic!("{text}")
    };
    assert!(matches!(back.first(), Some(Value::Double(d)) if d.is_nan()));
    assert_eq!(back.get(1..), Some(&v.clone_items()[1..]));
    assert_eq!(
        read("\"float\"", "\"-INF\"").unwrap(),
        Value::Float(f32::NEG_INFINITY)
    );
    assert!(
        read("\"float\"", "\"nan\"").is_err(),
        "only Java's spellings are Avro JSON"
    );
}

/// Java's JsonDecoder.readFloat and readDouble take the strings "NaN" (isNaNString), "Infinity" and "INF"
/// (isPositiveInfinityString), "-Infinity" and "-INF" (isNegativeInfinityString).
#[test]
fn nan_and_infinity_strings_are_read_for_float_and_double_as_java_reads_them() {
    for (text, want) in [
        ("\"NaN\"", f64::NAN),
        ("\"Infinity\"", f64::INFINITY),
        ("\"INF\"", f64::INFINITY),
        ("\"-Infinity\"", f64::NEG_INFINITY),
        ("\"-INF\"", f64::NEG_INFINITY),
    ] {
        let Ok(Value::Double(d)) = read("\"double\"", text) else {
            panic!("{text}")
        };
        assert!(d == want || (d.is_nan() && want.is_nan()), "{text}: {d}");
        let Ok(Value::Float(f)) = read("\"float\"", text) else {
            panic!("{text}")
        };
        assert!(
            f64::from(f) == want || (f.is_nan() && want.is_nan()),
            "{text}: {f}"
        );
    }
    assert!(read("\"double\"", "\"+INF\"").is_err());
}

trait CloneItems {
    fn clone_items(&self) -> Vec<Value>;
}

impl CloneItems for Value {
    fn clone_items(&self) -> Vec<Value> {
        match self {
            Value::Array(items) => items.clone(),
            _ => Vec::new(),
        }
    }
}

#[test]
fn number_too_large_for_the_type_is_an_error() {
    assert!(read("\"float\"", "3.5e38")
        .unwrap_err()
        .message
        .contains("too large for a float"));
    assert!(read("\"double\"", "1e309").is_err());
    assert_eq!(
        read("\"float\"", "3.4028235e38").unwrap(),
        Value::Float(f32::MAX)
    );
}

// ---- bytes, fixed, strings

/// Java's JsonDecoder.readBytes and readFixed take the string's ISO-8859-1 bytes (readByteArray:
/// `getText().getBytes(StandardCharsets.ISO_8859_1)`), which turns a code point beyond U+00FF into `?`:
/// we refuse it instead, saying so.
#[test]
fn code_point_256_is_rejected_naming_its_position() {
    let err = read("\"bytes\"", "\n  \"ab\\u0100c\"").unwrap_err();
    assert!(err.message.contains("character 3"), "{err}");
    assert!(err.message.contains("U+0100"), "{err}");
    assert!(err.message.contains("Java would write `?`"), "{err}");
    assert_eq!(err.position, LineColumn { line: 2, column: 6 });
    assert_eq!(err.range, TextRange { start: 6, end: 12 });
    let err = read(r#"{"type": "fixed", "name": "F", "size": 2}"#, "\"xĀ\"").unwrap_err();
    assert_eq!(err.position, LineColumn { line: 1, column: 3 });
}

#[test]
fn code_points_up_to_255_are_the_bytes() {
    assert_eq!(
        read("\"bytes\"", r#""\u0000ÿ\u0010""#).unwrap(),
        Value::Bytes(vec![0, 255, 16])
    );
    let bytes = Value::Bytes(vec![0, b'"', b'\\', 0x7F, 0x80, 0xFF, b'\n', 0x1F]);
    assert_eq!(
        to_avro_json(&schema("\"bytes\""), &bytes),
        "\"\\u0000\\\"\\\\\u{7f}\u{80}ÿ\\n\\u001f\""
    );
}

#[test]
fn fixed_length_is_checked() {
    let s = r#"{"type": "fixed", "name": "F4", "size": 4}"#;
    let err = read(s, r#""abc""#).unwrap_err();
    assert!(
        err.message.contains("4 code points")
            && err.message.contains("found a string of 3 code points"),
        "{err}"
    );
    assert_eq!(
        read(s, r#""abcd""#).unwrap(),
        Value::Fixed(b"abcd".to_vec())
    );
}

#[test]
fn strings_escape_quotes_backslash_and_controls_and_keep_non_ascii() {
    let v = Value::String("a\"b\\c\n\t\u{1}é日😀\u{2028}".into());
    let text = to_avro_json(&schema("\"string\""), &v);
    assert_eq!(text, "\"a\\\"b\\\\c\\n\\t\\u0001é日😀\u{2028}\"");
    assert_eq!(read("\"string\"", &text).unwrap(), v);
}

#[test]
fn enum_symbol_not_in_the_enum_is_rejected_listing_symbols() {
    let err = read(
        r#"{"type": "enum", "name": "Suit", "symbols": ["S", "H"]}"#,
        r#""J""#,
    )
    .unwrap_err();
    assert!(
        err.message
            .contains("\"J\" is not a symbol of enum Suit (S, H)"),
        "{err}"
    );
}

// ---- records, maps, arrays

const R: &str = r#"{"type": "record", "name": "R", "namespace": "n", "fields": [
    {"name": "a", "type": "int"},
    {"name": "b", "type": "int", "default": 7},
    {"name": "u", "type": ["null", "string", {"type": "array", "items": "int"}], "default": [1, 2]},
    {"name": "r", "type": {"type": "record", "name": "In", "fields": [
        {"name": "x", "type": ["null", "long"]}, {"name": "y", "type": "bytes", "default": "\u00ff"}]},
     "default": {"x": 3}}]}"#;

/// Java's JsonDecoder reads every field the grammar names (JsonGrammarGenerator.generate, case RECORD: a
/// FieldAdjustAction per field); for a field it does not find, doAction throws "Expected field name not
/// found: b" (or, at the end of the object, readInt fails on END_OBJECT): a default is never used.
#[test]
fn missing_field_with_a_default_is_an_error_as_java_reads_every_field() {
    let err = read(R, r#"{"a": 1, "u": null, "r": {"x": null, "y": ""}}"#).unwrap_err();
    assert!(
        err.message.contains("missing field `b` of record n.R")
            && err
                .message
                .contains("(default 7): Java's JsonDecoder fills in no default"),
        "{err}"
    );
    assert_eq!(err.pointer.as_str(), "/");
    let err = read(R, r#"{"a": 1, "b": 7, "u": null, "r": {"x": null}}"#).unwrap_err();
    assert!(
        err.message.contains("missing field `y` of record n.In"),
        "{err}"
    );
    assert_eq!(err.pointer.as_str(), "/r");
}

#[test]
fn plain_missing_field_with_a_default_is_filled_and_listed() {
    let (text, conversions) = plain_to_avro(R, "{\"a\": 1}");
    assert_eq!(
        text,
        r#"{"a":1,"b":7,"u":{"array":[1,2]},"r":{"x":{"long":3},"y":"ÿ"}}"#
    );
    let notes: Vec<(&str, &str, &str)> = conversions
        .iter()
        .map(|c| (c.pointer.as_str(), c.message.as_str(), c.avro_json.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "/b",
                "field `b` missing: its default 7 was filled in",
                "\"b\":7"
            ),
            (
                "/u",
                "field `u` missing: its default [1,2] was filled in",
                "\"u\":{\"array\":[1,2]}"
            ),
            (
                "/r",
                "field `r` missing: its default {\"x\":3} was filled in",
                "\"r\":{\"x\":{\"long\":3},\"y\":\"ÿ\"}"
            ),
        ]
    );
    assert_eq!(conversions[0].position, LineColumn { line: 1, column: 1 });
}

#[test]
fn union_default_may_match_a_non_first_branch_since_1_12() {
    let (v, _) = plain(R, r#"{"a": 1}"#).unwrap();
    let Value::Record(fields) = v else { panic!() };
    assert_eq!(
        fields.get(2).map(|f| &f.1),
        Some(&Value::Union(
            2,
            Box::new(Value::Array(vec![Value::Int(1), Value::Int(2)]))
        ))
    );
}

/// Java's JsonDecoder.doAction (FieldAdjustAction) sets aside the members before the field it looks for
/// and finds them later in its ReorderBuffer: any order is read.
#[test]
fn fields_come_out_in_schema_order_whatever_the_input_order() {
    assert_eq!(
        round(
            R,
            r#"{"r": {"y": "ÿ", "x": null}, "b": 2, "a": 1, "u": null}"#
        ),
        r#"{"a":1,"b":2,"u":null,"r":{"x":null,"y":"ÿ"}}"#
    );
}

const ALIASED: &str = r#"{"type": "record", "name": "A", "fields": [
    {"name": "a", "type": "int"}, {"name": "b", "type": "int", "aliases": ["old_b", "b0"]}]}"#;

/// Java's JsonDecoder.doAction takes a member keyed `name.equals(fn) || fa.aliases.contains(fn)` for the
/// field it looks for (FieldAdjustAction carries the field's aliases, JsonGrammarGenerator.generate).
#[test]
fn a_field_may_be_keyed_by_its_alias_as_java_allows() {
    assert_eq!(
        round(ALIASED, r#"{"a": 1, "old_b": 2}"#),
        r#"{"a":1,"b":2}"#
    );
    assert_eq!(round(ALIASED, r#"{"a": 1, "b0": 2}"#), r#"{"a":1,"b":2}"#);
}

/// Java's JsonDecoder.doAction looks among the members it set aside by the field's name only
/// (`currentReorderBuffer.savedFields.get(name)`): an alias before an earlier field is never found.
#[test]
fn an_alias_before_an_earlier_field_is_an_error_as_java_does_not_find_it() {
    let err = read(ALIASED, r#"{"old_b": 2, "a": 1}"#).unwrap_err();
    assert!(
        err.message
            .contains("alias `old_b` of field `b` comes before field `a`, so Java's JsonDecoder looks for it by name only; write `b`"),
        "{err}"
    );
    assert_eq!(err.pointer.as_str(), "/old_b");
    assert_eq!(err.position, LineColumn { line: 1, column: 2 });
    assert_eq!(round(ALIASED, r#"{"b": 2, "a": 1}"#), r#"{"a":1,"b":2}"#);
}

#[test]
fn plain_alias_java_would_not_find_is_read_with_a_conversion() {
    let (text, conversions) = plain_to_avro(ALIASED, r#"{"old_b": 2, "a": 1}"#);
    assert_eq!(text, r#"{"a":1,"b":2}"#);
    let [c] = conversions.as_slice() else {
        panic!("{conversions:?}")
    };
    assert_eq!(c.pointer.as_str(), "/old_b");
    assert_eq!(c.avro_json, "\"b\"");
    assert!(
        c.message
            .contains("alias `old_b` of field `b` comes before field `a`"),
        "{}",
        c.message
    );
}

#[test]
fn missing_field_without_a_default_is_an_error_at_the_record() {
    let err = plain(R, r#"{"b": 1}"#).unwrap_err();
    assert!(
        err.message
            .contains("missing field `a` of record n.R, which has no default"),
        "{err}"
    );
    let err = read(R, r#"{"b": 1, "u": null, "r": {"x": null, "y": ""}}"#).unwrap_err();
    assert!(
        err.message
            .contains("missing field `a` of record n.R, which has no default"),
        "{err}"
    );
    assert_eq!(err.pointer.as_str(), "/");
}

/// Java's JsonDecoder.doAction, RECORD_END: the members set aside and never taken are "Unknown fields:
/// [zz]"; one after the last field read is skipped there (it advances to END_OBJECT), which we still
/// report, saying that Java would skip it.
#[test]
fn unknown_field_is_rejected_with_its_pointer() {
    let err = read(
        R,
        "{\"a\": 1, \"b\": 7, \"u\": null,\n \"r\": {\"x\": null, \"zz\": 2, \"y\": \"\"}}",
    )
    .unwrap_err();
    assert_eq!(err.pointer.as_str(), "/r/zz");
    assert_eq!(
        err.position,
        LineColumn {
            line: 2,
            column: 19
        }
    );
    assert!(
        err.message
            .contains("unknown field `zz`: record n.In has the fields x, y (Java's JsonDecoder: \"Unknown fields\")"),
        "{err}"
    );
}

#[test]
fn unknown_field_after_the_last_field_is_rejected_saying_java_would_skip_it() {
    let err = read(
        R,
        r#"{"a": 1, "b": 7, "u": null, "r": {"x": null, "y": ""}, "zz": 2}"#,
    )
    .unwrap_err();
    assert_eq!(err.pointer.as_str(), "/zz");
    assert!(
        err.message
            .contains("unknown field `zz`: record n.R has the fields a, b, u, r")
            && err.message.contains("Java's JsonDecoder would skip it"),
        "{err}"
    );
}

#[test]
fn plain_unknown_field_is_skipped_with_a_conversion() {
    let (text, conversions) =
        plain_to_avro(ALIASED, r#"{"x": [1], "a": 1, "b": 2, "y": {"z": 0}}"#);
    assert_eq!(text, r#"{"a":1,"b":2}"#);
    let notes: Vec<(&str, &str)> = conversions
        .iter()
        .map(|c| (c.pointer.as_str(), c.avro_json.as_str()))
        .collect();
    assert_eq!(notes, [("/x", ""), ("/y", "")]);
    assert!(conversions[0]
        .message
        .contains("unknown field `x`: record A"));
    assert!(conversions[0]
        .message
        .contains("; skipped (Java's JsonDecoder: \"Unknown fields\")"));
    assert!(conversions[1]
        .message
        .contains("; skipped (Java's JsonDecoder would skip it"));
    assert_eq!(
        conversions[1].range.end - conversions[1].range.start,
        r#""y": {"z": 0}"#.len()
    );
}

#[test]
fn error_display_names_the_field_the_expectation_and_the_place() {
    let err = read(R, "{\n  \"a\": 1,\n  \"b\": \"x\"}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`field b`: expected an int, found the string \"x\" (at 3:8, /b)"
    );
}

#[test]
fn a_field_twice_and_a_map_key_twice_are_errors() {
    assert!(read(R, r#"{"a": 1, "a": 2}"#)
        .unwrap_err()
        .message
        .contains("appears twice"));
    assert!(plain(ALIASED, r#"{"a": 1, "b": 2, "old_b": 3}"#)
        .unwrap_err()
        .message
        .contains("field `b` appears twice (here as its alias `old_b`)"));
    let err = read(r#"{"type": "map", "values": "int"}"#, r#"{"k": 1, "k": 2}"#).unwrap_err();
    assert_eq!(err.pointer.as_str(), "/k");
}

#[test]
fn map_entries_keep_their_order() {
    assert_eq!(
        round(r#"{"type": "map", "values": "int"}"#, r#"{"z": 1, "a": 2}"#),
        r#"{"z":1,"a":2}"#
    );
}

#[test]
fn array_item_errors_point_at_the_item() {
    let err = read(r#"{"type": "array", "items": "int"}"#, "[1, true]").unwrap_err();
    assert_eq!(err.pointer.as_str(), "/1");
    assert!(
        err.message
            .starts_with("`item 1`: expected an int, found true"),
        "{err}"
    );
}

#[test]
fn pretty_output_is_indented_and_reads_back() {
    let s = schema(R);
    let (v, _) = from_plain_json(&s, r#"{"a": 1, "u": null}"#).unwrap();
    let pretty = to_avro_json_pretty(&s, &v);
    assert!(
        pretty
            .starts_with("{\n  \"a\": 1,\n  \"b\": 7,\n  \"u\": null,\n  \"r\": {\n    \"x\": {\n"),
        "{pretty}"
    );
    assert_eq!(from_avro_json(&s, &pretty).unwrap(), v);
    assert_eq!(
        to_avro_json_pretty(
            &schema(r#"{"type":"array","items":"int"}"#),
            &Value::Array(vec![])
        ),
        "[]"
    );
}

#[test]
fn logical_types_read_as_their_underlying_type() {
    let s = r#"{"type": "fixed", "name": "D", "size": 12, "logicalType": "duration"}"#;
    assert_eq!(
        read(
            s,
            "\"\\f\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\\\&\\u0005\""
        )
        .unwrap(),
        Value::Fixed(vec![12, 0, 0, 0, 0, 0, 0, 0, 0, b'\\', b'&', 5])
    );
    assert_eq!(
        read(r#"{"type": "int", "logicalType": "date"}"#, "-165").unwrap(),
        Value::Int(-165)
    );
    assert!(read(
        r#"{"type": "int", "logicalType": "date"}"#,
        "\"1969-07-20\""
    )
    .is_err());
}

// ---- robustness

#[test]
fn a_default_that_contains_itself_is_an_error_not_a_crash() {
    let s = r#"{"type": "record", "name": "Loop", "fields": [
        {"name": "a", "type": "int"},
        {"name": "next", "type": "Loop", "default": {"a": 1}}]}"#;
    let err = plain(s, r#"{"a": 0}"#).unwrap_err();
    assert!(err.message.contains("nest deeper"), "{err}");
}

#[test]
fn deep_recursive_values_read_and_write_in_both_modes() {
    let s = r#"{"type": "record", "name": "Node", "fields": [
        {"name": "v", "type": "int"}, {"name": "next", "type": ["null", "Node"]}]}"#;
    let depth = 120; // two JSON levels per node: 240 of the 256 allowed
    let nodes = r#"{"Node": {"v": 1, "next": "#.repeat(depth);
    let text = format!(r#"{{"v": 0, "next": {nodes}null{}}}"#, "}}".repeat(depth));
    let value = read(s, &text).unwrap();
    let written = to_avro_json(&schema(s), &value);
    assert_eq!(read(s, &written).unwrap(), value);
    let unwrapped = format!(
        "{}null{}",
        r#"{"v": 1, "next": "#.repeat(240),
        "}".repeat(240)
    );
    let (_, conversions) = plain(s, &unwrapped).unwrap();
    assert_eq!(conversions.len(), 239);
}

#[test]
fn values_that_fit_several_branches_deeply_are_bounded() {
    let s = r#"{"type": "record", "name": "I", "fields": [{"name": "v", "type": "int"},
        {"name": "next", "type": ["null", "I",
            {"type": "record", "name": "D", "fields": [{"name": "v", "type": "double"},
                {"name": "next", "type": ["null", "I", "D"]}]}]}]}"#;
    let text = format!(
        "{}null{}",
        r#"{"v": 1, "next": "#.repeat(60),
        "}".repeat(60)
    );
    let err = plain(s, &text).unwrap_err();
    assert!(err.message.contains("too many steps"), "{err}");
}

#[test]
fn a_value_not_following_its_schema_is_still_written() {
    let s = schema(r#"["null", "int"]"#);
    assert_eq!(
        to_avro_json(&s, &Value::Union(9, Box::new(Value::Long(1)))),
        r#"{"long":1}"#
    );
    assert_eq!(
        to_avro_json(&s, &Value::Record(vec![("a".into(), Value::Null)])),
        r#"{"a":null}"#
    );
}

#[test]
fn mangled_inputs_never_panic() {
    let s = schema(R);
    let base =
        r#"{"a": 1, "b": 2, "u": {"array": [1, 2]}, "r": {"x": {"long": 3}, "y": "\u00ff"}}"#;
    let specials = [
        "",
        "0",
        "-",
        "\"",
        "{",
        "}",
        "[",
        "]",
        "null",
        "1e999",
        "\"\\u0100\"",
        "{\"x\":1}",
        "[0,256]",
    ];
    for cut in 0..base.len() {
        for special in specials {
            let (head, tail) = (base.get(..cut), base.get(cut + 1..));
            if let (Some(head), Some(tail)) = (head, tail) {
                let text = format!("{head}{special}{tail}");
                let _ = from_avro_json(&s, &text);
                let _ = from_plain_json(&s, &text);
            }
        }
    }
}

// ---- plain JSON

#[test]
fn valid_avro_json_yields_no_conversions() {
    let (text, conversions) = plain_to_avro(
        R,
        r#"{"a": 1, "b": 7, "u": {"string": "s"}, "r": {"x": {"long": 3}, "y": "ÿ"}}"#,
    );
    assert!(conversions.is_empty(), "{conversions:?}");
    assert_eq!(
        text,
        r#"{"a":1,"b":7,"u":{"string":"s"},"r":{"x":{"long":3},"y":"ÿ"}}"#
    );
    let (_, conversions) = plain_to_avro(TWO_X, r#"{"a.X": {"i": 1}}"#);
    assert!(conversions.is_empty(), "{conversions:?}");
}

#[test]
fn plain_union_value_is_wrapped_with_a_conversion() {
    let (text, conversions) = plain_to_avro(
        R,
        "{\"a\": 1, \"b\": 7,\n \"u\": \"s\", \"r\": {\"x\": null, \"y\": \"\"}}",
    );
    assert_eq!(
        text,
        r#"{"a":1,"b":7,"u":{"string":"s"},"r":{"x":null,"y":""}}"#
    );
    let [c] = conversions.as_slice() else {
        panic!("{conversions:?}")
    };
    assert_eq!(c.pointer.as_str(), "/u");
    assert_eq!(c.position, LineColumn { line: 2, column: 7 });
    assert_eq!(c.avro_json, r#"{"string":"s"}"#);
    assert!(c.message.contains("`string`"), "{}", c.message);
}

#[test]
fn plain_ambiguous_number_is_an_error_listing_the_candidates() {
    let err = plain(r#"["null", "int", "long"]"#, "5").unwrap_err();
    assert!(err.message.contains("branches int and long"), "{err}");
    assert!(
        err.message.contains(r#"{"int": …} or {"long": …}"#),
        "{err}"
    );
}

#[test]
fn plain_object_fitting_two_record_branches_is_ambiguous() {
    let s = r#"[{"type": "record", "name": "A", "fields": [{"name": "a", "type": "int"}]},
                {"type": "record", "name": "B", "fields": [{"name": "a", "type": "long"}]}]"#;
    let err = plain(s, r#"{"a": 1}"#).unwrap_err();
    assert!(err.message.contains("branches A and B"), "{err}");
}

#[test]
fn plain_integer_prefers_an_integer_branch_over_a_floating_one() {
    let (text, _) = plain_to_avro(r#"["null", "double", "int"]"#, "5");
    assert_eq!(text, r#"{"int":5}"#);
    let (text, _) = plain_to_avro(r#"["null", "double", "int"]"#, "5.5");
    assert_eq!(text, r#"{"double":5.5}"#);
    let (text, _) = plain_to_avro(r#"["null", "int", "long"]"#, "5000000000");
    assert_eq!(text, r#"{"long":5000000000}"#);
}

#[test]
fn plain_wrapper_with_short_name_is_read_with_a_conversion() {
    let (text, conversions) = plain_to_avro(TWO_X, r#"{"E": "Q"}"#);
    assert_eq!(text, r#"{"a.E":"Q"}"#);
    let [c] = conversions.as_slice() else {
        panic!("{conversions:?}")
    };
    assert!(
        c.message.contains("union branch `a.E` named `E`"),
        "{}",
        c.message
    );
    assert_eq!(c.avro_json, r#"{"a.E":"Q"}"#);
    let err = plain(TWO_X, r#"{"X": {"i": 1}}"#).unwrap_err();
    assert!(err.message.contains("a.X and b.X"), "{err}");
}

#[test]
fn plain_bytes_as_numbers_become_a_string() {
    let (text, conversions) = plain_to_avro("\"bytes\"", "[0, 255, 34]");
    assert_eq!(text, "\"\\u0000ÿ\\\"\"");
    assert_eq!(conversions[0].avro_json, text);
    let err = plain("\"bytes\"", "[0, 256]").unwrap_err();
    assert_eq!(err.pointer.as_str(), "/1");
}

#[test]
fn plain_integers_as_strings_or_whole_decimals_are_converted() {
    assert_eq!(
        plain_to_avro("\"long\"", "\"9223372036854775807\"").0,
        "9223372036854775807"
    );
    assert_eq!(plain_to_avro("\"int\"", "5.0").0, "5");
    assert_eq!(plain_to_avro("\"int\"", "1e3").0, "1000");
    assert!(plain("\"int\"", "1.5").is_err());
    assert!(plain("\"int\"", "\"3000000000\"").is_err());
    assert_eq!(plain_to_avro("\"float\"", "\"1.5\"").0, "1.5");
    assert_eq!(plain_to_avro("\"double\"", "\"nan\"").0, "\"NaN\"");
}

#[test]
fn plain_string_union_prefers_string_over_a_converted_number() {
    let (text, _) = plain_to_avro(r#"["null", "long", "string"]"#, "\"42\"");
    assert_eq!(text, r#"{"string":"42"}"#);
}

#[test]
fn plain_dates_times_and_timestamps_from_iso_8601() {
    let ts = r#"{"type": "long", "logicalType": "timestamp-millis"}"#;
    assert_eq!(
        plain_to_avro(ts, "\"2024-11-24T00:00:00Z\"").0,
        "1732406400000"
    );
    assert_eq!(
        plain_to_avro(ts, "\"2024-11-24T01:00:00.5+01:00\"").0,
        "1732406400500"
    );
    let (_, c) = plain_to_avro(ts, "\"2024-11-24T00:00:00\"");
    assert!(c[0].message.contains("read as UTC"), "{}", c[0].message);
    let date = r#"{"type": "int", "logicalType": "date"}"#;
    assert_eq!(plain_to_avro(date, "\"1969-07-20\"").0, "-165");
    assert!(plain(date, "\"2023-02-29\"")
        .unwrap_err()
        .message
        .contains("day 29"));
    let time = r#"{"type": "long", "logicalType": "time-micros"}"#;
    assert_eq!(plain_to_avro(time, "\"23:59:59.999999\"").0, "86399999999");
    let local = r#"{"type": "long", "logicalType": "local-timestamp-nanos"}"#;
    assert_eq!(
        plain_to_avro(local, "\"2024-11-24T12:00:00.123456789\"").0,
        "1732449600123456789"
    );
    assert!(plain(local, "\"2024-11-24T12:00:00Z\"")
        .unwrap_err()
        .message
        .contains("no time zone"));
}

#[test]
fn plain_decimal_number_becomes_its_unscaled_bytes() {
    let s = r#"{"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}"#;
    assert_eq!(plain_to_avro(s, "1234567.89").0, "\"\\u0007[Í\\u0015\"");
    assert_eq!(plain_to_avro(s, "-1.23").0, "\"\u{85}\"");
    assert!(plain(s, "1.234").unwrap_err().message.contains("scale 2"));
    let f = r#"{"type": "fixed", "name": "D4", "size": 4, "logicalType": "decimal", "precision": 9, "scale": 2}"#;
    assert_eq!(plain_to_avro(f, "-0.01").0, "\"ÿÿÿÿ\"");
}

#[test]
fn plain_uuid_text_for_a_fixed_16_becomes_its_bytes() {
    let s = r#"{"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}"#;
    let (text, _) = plain_to_avro(s, "\"00000000-0000-0000-0000-0000000000ff\"");
    assert_eq!(text, format!("\"{}ÿ\"", "\\u0000".repeat(15)));
}

#[test]
fn plain_conversions_come_in_document_order_outer_first() {
    let s = r#"{"type": "array", "items": ["null", "bytes", "long"]}"#;
    let (text, conversions) = plain_to_avro(s, r#"[[1], "a"]"#);
    assert_eq!(text, r#"[{"bytes":"\u0001"},{"bytes":"a"}]"#);
    let pointers: Vec<&str> = conversions.iter().map(|c| c.pointer.as_str()).collect();
    assert_eq!(pointers, ["/0", "/0", "/1"]);
    assert!(
        conversions[0].message.contains("union"),
        "{}",
        conversions[0].message
    );
    assert!(conversions[1].message.contains("bytes written as an array"));
}

#[test]
fn plain_value_fitting_no_branch_reports_the_only_candidate_shape() {
    let s =
        r#"["null", {"type": "record", "name": "P", "fields": [{"name": "n", "type": "int"}]}]"#;
    let err = plain(s, r#"{"n": "x"}"#).unwrap_err();
    assert_eq!(err.pointer.as_str(), "/n");
}

#[test]
fn avro_or_plain_reads_avro_json_without_conversions_and_plain_json_with_them() {
    let s =
        schema(r#"{"type":"record","name":"R","fields":[{"name":"t","type":["null","string"]}]}"#);
    let (_, conversions) = from_avro_or_plain_json(&s, r#"{"t": {"string": "x"}}"#).unwrap();
    assert!(conversions.is_empty());
    let (_, conversions) = from_avro_or_plain_json(&s, r#"{"t": "x"}"#).unwrap();
    assert_eq!(conversions.len(), 1);
}

/// The page reads with `from_avro_or_plain_json`: a datum that leaves out a defaulted field still encodes,
/// and the default filled in is listed, so that the page never differs from Java silently.
#[test]
fn avro_or_plain_lists_each_default_it_filled_in() {
    let s = schema(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":0}]}"#,
    );
    assert!(from_avro_json(&s, r#"{"a": 1}"#).is_err());
    let (value, conversions) = from_avro_or_plain_json(&s, r#"{"a": 1}"#).unwrap();
    assert_eq!(
        value,
        Value::Record(vec![
            ("a".into(), Value::Int(1)),
            ("b".into(), Value::Int(0))
        ])
    );
    let [c] = conversions.as_slice() else {
        panic!("{conversions:?}")
    };
    assert_eq!(c.message, "field `b` missing: its default 0 was filled in");
    assert_eq!(c.pointer.as_str(), "/b");
}

#[test]
fn avro_or_plain_errors_name_the_branches_a_tie_leaves_open() {
    let s = schema(r#"{"type":"record","name":"N","fields":[{"name":"n","type":["int","long"]}]}"#);
    let e = from_avro_or_plain_json(&s, r#"{"n": 5}"#).unwrap_err();
    assert!(
        e.message
            .contains("fits the union branches int and long equally well"),
        "{}",
        e.message
    );
    assert_eq!(e.pointer.to_string(), "/n");
}

#[test]
fn avro_or_plain_keeps_the_avro_error_when_plain_fails_earlier() {
    // Avro JSON fails at "b" (a string for a long); plain JSON also fails there, not before it.
    let s = schema(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"long"}]}"#,
    );
    let strict = from_avro_json(&s, r#"{"a": 1, "b": "x"}"#).unwrap_err();
    let either = from_avro_or_plain_json(&s, r#"{"a": 1, "b": "x"}"#).unwrap_err();
    assert_eq!(either.pointer.to_string(), "/b");
    assert!(either.range.start >= strict.range.start);
    // Invalid JSON: the JSON error, once.
    let e = from_avro_or_plain_json(&s, "{").unwrap_err();
    assert_eq!(e.pointer.to_string(), "/");
}

#[test]
fn a_union_without_null_is_not_offered_null() {
    let e = read(r#"["int","long"]"#, "5").unwrap_err();
    assert!(!e.message.contains("null or"), "{}", e.message);
    assert!(
        e.message.contains(r#"{"<branch name>": value}"#),
        "{}",
        e.message
    );
    let e = read(r#"["null","long"]"#, r#""x""#).unwrap_err();
    assert!(
        e.message.contains(r#"null or {"<branch name>": value}"#),
        "{}",
        e.message
    );
}
