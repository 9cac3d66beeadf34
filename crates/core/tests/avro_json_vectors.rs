//! Avro JSON against the corpus: every `datum_json` of tests/corpus/encode.json reads as a datum of its schema
//! and writes back to the same JSON; every case of invalid_datums.json is rejected with a pointer naming where.

mod common;

use avro_playground_core::avro_json::{
    from_avro_json, from_plain_json, to_avro_json, to_avro_json_pretty,
};
use avro_playground_core::schema::parse_schema;
use avro_playground_core::source::{parse_json, Json, JsonValue};
use common::{cases, corpus_dir, id, schema_text, Report};

/// The exact source text of each case's `datum_json`, in case order, so that numbers keep every digit
/// (serde_json would turn integers beyond 64 bits into doubles).
fn datum_texts(file: &str) -> Vec<String> {
    let path = corpus_dir().join(file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let json = parse_json(&text).unwrap_or_else(|e| panic!("{file}: {}", e.message));
    let JsonValue::Array(items) = json.value else {
        panic!("{file} is not an array");
    };
    items
        .iter()
        .map(|case| {
            let member = case
                .get("datum_json")
                .unwrap_or_else(|| panic!("{file}: a case has no datum_json"));
            text[member.value.range.start..member.value.range.end].to_string()
        })
        .collect()
}

/// Whether two JSON numbers are equal: integers exactly, others as doubles or, failing that, at float32
/// precision (the corpus writes float values widened to double: `1.1754943508222875e-38`).
fn same_number(a: &str, b: &str) -> bool {
    if let (Ok(x), Ok(y)) = (a.parse::<i128>(), b.parse::<i128>()) {
        return x == y;
    }
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x == y || (x as f32) == (y as f32),
        _ => false,
    }
}

/// Compares two JSON values (objects as unordered members), naming the first difference's path.
fn same_json(a: &Json, b: &Json, path: &str) -> Result<(), String> {
    let differ = || Err(format!("at {path}: {a} vs {b}",));
    match (&a.value, &b.value) {
        (JsonValue::Number(x), JsonValue::Number(y)) if same_number(x, y) => Ok(()),
        (JsonValue::Array(xs), JsonValue::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .enumerate()
            .try_for_each(|(i, (x, y))| same_json(x, y, &format!("{path}/{i}"))),
        (JsonValue::Object(xs), JsonValue::Object(ys)) if xs.len() == ys.len() => {
            xs.iter().try_for_each(|m| match b.get(&m.key) {
                Some(n) => same_json(&m.value, &n.value, &format!("{path}/{}", m.key)),
                None => Err(format!("at {path}: key {:?} missing from ours", m.key)),
            })
        }
        (JsonValue::Number(_), _) | (JsonValue::Array(_), _) | (JsonValue::Object(_), _) => {
            differ()
        }
        (x, y) if x == y => Ok(()),
        _ => differ(),
    }
}

fn round_trip(case: &serde_json::Value, datum_text: &str) -> Result<(), String> {
    let schema = parse_schema(&schema_text(&case["schema"])).map_err(|e| format!("schema: {e}"))?;
    let value = from_avro_json(&schema, datum_text).map_err(|e| format!("read: {e}"))?;
    let written = to_avro_json(&schema, &value);
    if written.contains('\n') {
        return Err(format!("compact output has a line break: {written}"));
    }
    let ours = parse_json(&written)
        .map_err(|e| format!("our output is not JSON ({}): {written}", e.message))?;
    let theirs = parse_json(datum_text).map_err(|e| e.message)?;
    same_json(&theirs, &ours, "").map_err(|why| format!("written back differently {why}"))?;
    let again = from_avro_json(&schema, &written)
        .map_err(|e| format!("our output does not read back: {e}"))?;
    if again != value {
        return Err(format!("our output reads back as another value: {written}"));
    }
    let pretty = from_avro_json(&schema, &to_avro_json_pretty(&schema, &value));
    if pretty.as_ref() != Ok(&value) {
        return Err(format!("the pretty output does not read back: {pretty:?}"));
    }
    Ok(())
}

#[test]
fn every_encode_case_reads_as_avro_json_and_writes_back_the_same() {
    let mut report = Report::default();
    let texts = datum_texts("encode.json");
    for (case, text) in cases("encode.json").iter().zip(&texts) {
        report.check(&id(case), round_trip(case, text));
    }
    report.finish("encode.json (Avro JSON round trip)");
}

fn plain_reads_the_same(case: &serde_json::Value, datum_text: &str) -> Result<(), String> {
    let schema = parse_schema(&schema_text(&case["schema"])).map_err(|e| format!("schema: {e}"))?;
    let strict = from_avro_json(&schema, datum_text).map_err(|e| format!("read: {e}"))?;
    let (plain, conversions) =
        from_plain_json(&schema, datum_text).map_err(|e| format!("plain read: {e}"))?;
    if !conversions.is_empty() {
        return Err(format!("conversions for valid Avro JSON: {conversions:?}"));
    }
    if plain != strict {
        return Err(format!("plain read {plain:?}, Avro JSON read {strict:?}"));
    }
    Ok(())
}

#[test]
fn every_encode_case_reads_as_plain_json_without_conversions() {
    let mut report = Report::default();
    let texts = datum_texts("encode.json");
    for (case, text) in cases("encode.json").iter().zip(&texts) {
        report.check(&id(case), plain_reads_the_same(case, text));
    }
    report.finish("encode.json (plain JSON reader on Avro JSON)");
}

/// Where each case's `note` points: the unknown key of `record_extra_field`, the whole datum for the others.
fn expected_pointer(case_id: &str) -> Option<&'static str> {
    match case_id {
        "record_extra_field" => Some("/zz"),
        "int_as_string" | "long_overflow" | "enum_unknown" | "union_wrong_branch"
        | "array_not_list" | "boolean_as_int" | "null_not_null" => Some("/"),
        _ => None,
    }
}

fn rejected(case: &serde_json::Value, datum_text: &str) -> Result<(), String> {
    let schema = parse_schema(&schema_text(&case["schema"])).map_err(|e| format!("schema: {e}"))?;
    let err = match from_avro_json(&schema, datum_text) {
        Ok(v) => return Err(format!("accepted as {v:?}")),
        Err(e) => e,
    };
    if err.message.is_empty() {
        return Err("error without a message".into());
    }
    let pointer = err.pointer.as_str();
    match expected_pointer(&id(case)) {
        Some(want) if want != pointer => Err(format!("pointer {pointer}, want {want} ({err})")),
        Some(_) => Ok(()),
        // A case without a known path: the pointer must at least name a place in the datum.
        None => {
            let datum = &case["datum_json"];
            let found = if pointer == "/" {
                Some(datum)
            } else {
                datum.pointer(pointer)
            };
            found
                .map(|_| ())
                .ok_or_else(|| format!("pointer {pointer} is not in the datum ({err})"))
        }
    }
}

#[test]
fn every_invalid_datum_is_rejected_with_its_path() {
    let mut report = Report::default();
    let texts = datum_texts("invalid_datums.json");
    for (case, text) in cases("invalid_datums.json").iter().zip(&texts) {
        report.check(&id(case), rejected(case, text));
    }
    report.finish("invalid_datums.json (Avro JSON)");
}
