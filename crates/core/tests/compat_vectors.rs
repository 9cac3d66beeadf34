//! Every case of tests/corpus/compat.json: Java's verdict, the incompatibility types (as a multiset), the
//! locations (as a set) and the messages (as a set, after writing the Python port's wording as Java's).
//!
//! The expectations come from the Python port of Java's checker, whose locations differ from Java's in two
//! known ways (tests/corpus/README.md): after a writer union read by a non-union reader, Python restarts the
//! location at `/` where Java goes on with the branch index and the path below it; and Python adds a stray
//! `/` to the location set when an incompatible result is merged with a compatible one (a name mismatch shows
//! as both `/` and `/name`). Our checker follows Java; the test accepts both spellings.

mod common;

use avro_playground_core::compat::{
    check, check_reader_writer_compatibility, Incompatibility, IncompatibilityType,
};
use avro_playground_core::schema::{parse_schema, Schema};
use common::{cases, id, schema_text, Report};
use serde_json::Value;
use std::collections::BTreeSet;

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn parse(case: &Value, key: &str) -> Result<Schema, String> {
    parse_schema(&schema_text(&case[key])).map_err(|e| format!("{key} rejected: {e}"))
}

/// The Python port's spelling of a Java location: it restarts at `/` below a writer union read by a
/// non-union reader. Such a branch index is a number not preceded by `fields` (a field position is), other
/// than the last token of a MISSING_UNION_BRANCH, which names the writer branch in both ports.
fn python_spelling(incompatibility: &Incompatibility) -> String {
    let location = incompatibility.location.as_str();
    let tokens: Vec<&str> = location.split('/').filter(|t| !t.is_empty()).collect();
    let last = tokens.len().saturating_sub(1);
    let restart = (0..tokens.len()).rev().find(|&k| {
        let numeric = tokens[k].chars().all(|c| c.is_ascii_digit());
        let field_position = k > 0 && tokens[k - 1] == "fields";
        let branch_named =
            k == last && incompatibility.kind == IncompatibilityType::MissingUnionBranch;
        numeric && !field_position && !branch_named
    });
    match restart {
        Some(k) => format!("/{}", tokens[k + 1..].join("/")),
        None => location.to_string(),
    }
}

/// The Python port's message as Java writes it: upper-case type names, a colon after "writer type", and
/// enum symbols as Java's sorted `[A, B]` instead of a Python set.
fn java_message(python: &str) -> String {
    if let Some(rest) = python.strip_prefix("reader type: ") {
        if let Some((r, w)) = rest.split_once(" not compatible with writer type: ") {
            return format!(
                "reader type: {} not compatible with writer type: {}",
                r.to_uppercase(),
                w.to_uppercase()
            );
        }
    }
    let lacking = python
        .strip_prefix("reader union lacking writer type: ")
        .or_else(|| python.strip_prefix("reader union lacking writer type "));
    if let Some(t) = lacking {
        return format!("reader union lacking writer type: {}", t.to_uppercase());
    }
    if let Some(inner) = python.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        let symbols: BTreeSet<&str> = inner.split(", ").map(|s| s.trim_matches('\'')).collect();
        return format!("[{}]", symbols.into_iter().collect::<Vec<_>>().join(", "));
    }
    python.to_string()
}

fn compare(case: &Value) -> Result<(), String> {
    let reader = parse(case, "reader_schema")?;
    let writer = parse(case, "writer_schema")?;
    let result = check_reader_writer_compatibility(&reader, &writer);
    let mut diffs = Vec::new();

    let want = case["compatible"].as_bool().unwrap_or(false);
    if result.compatible != want {
        diffs.push(format!(
            "compatible: got {}, want {want}",
            result.compatible
        ));
    }
    if check(&reader, &writer).compatible != result.compatible {
        diffs.push("the explain pass changed the verdict".into());
    }

    let mut types: Vec<&str> = result
        .incompatibilities
        .iter()
        .map(|i| i.kind.as_str())
        .collect();
    types.sort_unstable();
    let want_types = strings(&case["incompatibility_types"]);
    if types != want_types {
        diffs.push(format!("types: got {types:?}, want {want_types:?}"));
    }

    let want_locations: BTreeSet<String> = strings(&case["locations"]).into_iter().collect();
    let ours: Vec<(String, String)> = result
        .incompatibilities
        .iter()
        .map(|i| (i.location.to_string(), python_spelling(i)))
        .collect();
    for (java, python) in &ours {
        if !want_locations.contains(java) && !want_locations.contains(python) {
            diffs.push(format!(
                "location {java} (Python would say {python}) not expected"
            ));
        }
    }
    for want in &want_locations {
        let known = want == "/"
            || ours
                .iter()
                .any(|(java, python)| java == want || python == want);
        if !known {
            diffs.push(format!("expected location {want} not found in {ours:?}"));
        }
    }

    let messages: BTreeSet<String> = result
        .incompatibilities
        .iter()
        .map(|i| i.message.clone())
        .collect();
    let want_messages: BTreeSet<String> = strings(&case["messages"])
        .iter()
        .map(|m| java_message(m))
        .collect();
    if messages != want_messages {
        diffs.push(format!(
            "messages: got {messages:?}, want {want_messages:?}"
        ));
    }

    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[test]
fn every_compat_case_gets_javas_verdict_types_locations_and_messages() {
    let mut report = Report::default();
    for case in cases("compat.json") {
        let case_id = id(&case);
        report.check(&case_id, compare(&case));
    }
    report.finish("compat.json");
}

#[test]
fn python_spellings_of_java_locations() {
    let at = |kind, location: &str| {
        let schema = parse_schema("\"int\"").unwrap();
        let pointer = location
            .split('/')
            .filter(|t| !t.is_empty())
            .fold(avro_playground_core::source::Pointer::root(), |p, t| {
                p.push(t)
            });
        Incompatibility {
            kind,
            location: pointer,
            message: String::new(),
            reader_fragment: schema.root(),
            writer_fragment: schema.root(),
        }
    };
    let tm = IncompatibilityType::TypeMismatch;
    let mub = IncompatibilityType::MissingUnionBranch;
    assert_eq!(python_spelling(&at(tm, "/fields/1/type/0")), "/");
    assert_eq!(
        python_spelling(&at(tm, "/1/fields/0/type")),
        "/fields/0/type"
    );
    assert_eq!(python_spelling(&at(tm, "/fields/1/type")), "/fields/1/type");
    assert_eq!(
        python_spelling(&at(mub, "/fields/1/type/2")),
        "/fields/1/type/2"
    );
    assert_eq!(java_message("{'D', 'B'}"), "[B, D]");
    assert_eq!(
        java_message("reader union lacking writer type long"),
        "reader union lacking writer type: LONG"
    );
}
