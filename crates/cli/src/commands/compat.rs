//! `compat`: whether a reader schema reads data written with a writer schema, as Java's
//! `SchemaCompatibility` decides it, with notes for learners.

use crate::args::{read_schema, Args, Failure, Output};
use avro_playground_core::compat::{check, Incompatibility, Note};
use serde_json::json;

/// Help text.
pub const HELP: &str = "avro-playground compat --reader R.avsc --writer W.avsc

Checks whether R (the reader's schema) can read everything written with W (the writer's schema), as Java's
org.apache.avro.SchemaCompatibility decides it (which Confluent Schema Registry runs), and prints one line:
  {\"compatible\": bool,
   \"incompatibilities\": [{\"type\", \"location\", \"message\"}],
   \"notes\": [{\"kind\", \"location\", \"message\"}]}
Every incompatibility is listed, with Java's type (NAME_MISMATCH, FIXED_SIZE_MISMATCH, MISSING_ENUM_SYMBOLS,
READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, MISSING_UNION_BRANCH), Java's message and Java's location: a
JSON pointer into the reader schema, where a number after a union is the writer's branch.
Notes never change the verdict: they tell what Java does not (the cause hidden behind MISSING_UNION_BRANCH,
time units and decimals read differently, namespace-only renames, changed defaults, enum default vs field
default). A note's location is a pointer into the reader schema, with the reader's branch after a union.

Exit status: 0 whether compatible or not, 1 if a schema is invalid, 2 on usage errors.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["reader", "writer"])?;
    if let Some(extra) = args.positional.first() {
        return Err(Failure::Usage(format!("unexpected argument `{extra}`")));
    }
    let reader_path = args.required("reader")?;
    let writer_path = args.required("writer")?;
    let reader = read_schema(reader_path)?;
    let writer = read_schema(writer_path)?;
    let result = check(&reader, &writer);
    let out = object(&[
        ("compatible", json!(result.compatible).to_string()),
        (
            "incompatibilities",
            array(
                result
                    .incompatibilities
                    .iter()
                    .map(|i| incompatibility(i, &[])),
            ),
        ),
        ("notes", array(result.notes.iter().map(note))),
    ]);
    Ok(out.into())
}

/// An incompatibility as `{"type", "location", "message"}` followed by `extra` members.
pub(crate) fn incompatibility(i: &Incompatibility, extra: &[(&str, String)]) -> String {
    let mut members = vec![
        ("type", json!(i.kind.as_str()).to_string()),
        ("location", json!(i.location.as_str()).to_string()),
        ("message", json!(i.message).to_string()),
    ];
    members.extend(extra.iter().cloned());
    object(&members)
}

fn note(n: &Note) -> String {
    object(&[
        ("kind", json!(n.kind.as_str()).to_string()),
        ("location", json!(n.location.as_str()).to_string()),
        ("message", json!(n.message).to_string()),
    ])
}

/// A JSON object whose members keep the order given (values are JSON text), so that the output reads in the
/// order the help text promises.
pub(crate) fn object(members: &[(&str, String)]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(key, value)| format!("{}:{value}", json!(key)))
        .collect();
    format!("{{{}}}", members.join(","))
}

/// A JSON array of JSON texts.
pub(crate) fn array(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Writes `text` to a file of its own in the temporary folder and returns its path.
    pub(crate) fn file(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("avro-playground-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("temporary file");
        path.to_string_lossy().into_owned()
    }

    pub(crate) fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prints_the_verdict_incompatibilities_and_notes_in_order() {
        let reader = file("r_int.avsc", r#""int""#);
        let writer = file("w_union.avsc", r#"["int","string"]"#);
        let out = run(&args(&["--reader", &reader, "--writer", &writer])).expect("runs");
        assert_eq!(
            out.stdout,
            r#"{"compatible":false,"incompatibilities":[{"type":"TYPE_MISMATCH","location":"/1","message":"reader type: INT not compatible with writer type: STRING"}],"notes":[]}"#
        );
    }

    #[test]
    fn notes_carry_kind_location_and_message() {
        let reader = file(
            "r_micros.avsc",
            r#"{"type":"long","logicalType":"timestamp-micros"}"#,
        );
        let writer = file(
            "w_millis.avsc",
            r#"{"type":"long","logicalType":"timestamp-millis"}"#,
        );
        let out = run(&args(&["--reader", &reader, "--writer", &writer])).expect("runs");
        let value: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
        assert_eq!(value["compatible"], true);
        assert_eq!(value["notes"][0]["kind"], "time_unit_change");
        assert_eq!(value["notes"][0]["location"], "/");
    }

    #[test]
    fn an_invalid_schema_names_the_file_position_and_pointer() {
        let good = file("good.avsc", r#""int""#);
        let bad = file("bad.avsc", "{\"type\": \"record\",\n \"name\": 3}");
        match run(&args(&["--reader", &good, "--writer", &bad])) {
            Err(Failure::Invalid(message)) => {
                assert!(message.contains("bad.avsc:2:10"), "{message}");
                assert!(message.contains("/name"), "{message}");
            }
            other => panic!("expected an invalid-input failure, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_flag_or_an_extra_argument_is_a_usage_error() {
        let good = file("usage.avsc", r#""int""#);
        assert!(matches!(
            run(&args(&["--reader", &good])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(&["--reader", &good, "--writer", &good, "extra"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(&["--schema", &good])),
            Err(Failure::Usage(_))
        ));
    }
}
