//! Target `schema_text`: the input is a schema's text. It parses or fails inside the text; a schema's
//! Parsing Canonical Form parses to a schema with the same canonical form and fingerprints; every lint lies
//! inside the text and every one-click fix parses; a datum made up for the schema writes and reads back.

use crate::invariants::{must, writes_and_reads_back};
use avro_playground_core::avro_json::example_value;
use avro_playground_core::canonical::{canonical_form, fingerprints, rabin};
use avro_playground_core::lint::lint;
use avro_playground_core::schema::{min_datum_sizes, parse_schema};

/// Parses the input as a schema text and checks canonical form, fingerprints, lints and an example datum.
pub fn schema_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = match parse_schema(text) {
        Ok(schema) => schema,
        Err(e) => {
            assert!(
                e.range.start <= e.range.end && e.range.end <= text.len(),
                "error range {:?} outside the text: {e}",
                e.range
            );
            return;
        }
    };
    let prints = fingerprints(&schema);
    assert_eq!(
        rabin(prints.canonical.as_bytes()).to_le_bytes(),
        prints.rabin_le
    );
    assert_eq!(prints.md5.len(), 16);
    assert_eq!(prints.sha256.len(), 32);
    let again = must(
        parse_schema(&prints.canonical),
        &format!("the canonical form {} does not parse", prints.canonical),
    );
    assert_eq!(
        canonical_form(&again),
        prints.canonical,
        "the canonical form is not its own canonical form"
    );
    for found in lint(&schema, text) {
        assert!(
            found.range.start <= found.range.end && found.range.end <= text.len(),
            "lint {:?} outside the text",
            found.range
        );
        if let Some(fixed) = &found.fixed_text {
            must(
                parse_schema(fixed),
                &format!(
                    "the fix of {:?} gives a text that does not parse: {fixed}",
                    found.rule
                ),
            );
        }
    }
    assert_eq!(min_datum_sizes(&schema).len(), schema.len());
    if let Some(value) = example_value(&schema) {
        writes_and_reads_back(&schema, &value);
    }
}
