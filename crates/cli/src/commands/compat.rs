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
