//! Target `schema_pair`: the first line is one schema (the older version), the rest another (the newer).
//! Every schema reads itself (compatible, no changes in its diff); the pair is checked both ways with
//! Java's checker and the explain pass, every Confluent registry level agrees with the directional checks
//! it is made of, the matrix agrees with the checker, the diff and the cross-version lints run both ways, and
//! where the checker calls the newer schema a compatible reader, a datum of the older one resolves to it.

use crate::first_line;
use crate::invariants::writes_and_reads_back;
use avro_playground_core::avro_json::example_value;
use avro_playground_core::compat::{
    check, check_reader_writer_compatibility, register, CompatibilityMatrix, Mode,
};
use avro_playground_core::evolution::diff;
use avro_playground_core::lint::cross_version_lints;
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::{parse_schema, Schema};

/// Checks the two schemas against each other every way the page does.
pub fn schema_pair(data: &[u8]) {
    let (old_line, new_line) = first_line(data);
    let (Ok(old_text), Ok(new_text)) =
        (std::str::from_utf8(old_line), std::str::from_utf8(new_line))
    else {
        return;
    };
    let (Ok(old), Ok(new)) = (parse_schema(old_text), parse_schema(new_text)) else {
        return;
    };
    for (schema, text) in [(&old, old_text), (&new, new_text)] {
        let itself = check_reader_writer_compatibility(schema, schema);
        assert!(
            itself.compatible,
            "a schema cannot read itself: {:?}",
            itself.incompatibilities
        );
        let changes = diff(schema, schema);
        assert!(
            changes.is_empty(),
            "a schema differs from itself: {changes:?}"
        );
        cross_version_lints(schema, schema, text, "v1");
    }
    let backward = check(&new, &old);
    let forward = check(&old, &new);
    for mode in Mode::ALL {
        let registration = register(mode, std::slice::from_ref(&old), &new);
        let expected = match mode {
            Mode::Backward | Mode::BackwardTransitive => backward.compatible,
            Mode::Forward | Mode::ForwardTransitive => forward.compatible,
            Mode::Full | Mode::FullTransitive => backward.compatible && forward.compatible,
            Mode::None => true,
        };
        assert_eq!(
            registration.compatible, expected,
            "{mode} after one version"
        );
        // With the pair registered, the newer one checked again as a candidate passes wherever it passed.
        let again = register(mode, &[old.clone(), new.clone()], &new);
        if mode.is_transitive() {
            assert_eq!(again.compatible, expected, "{mode} after both versions");
        } else {
            assert!(again.compatible, "{mode}: a schema is refused after itself");
        }
    }
    let matrix = CompatibilityMatrix::compute(&[old.clone(), new.clone()]);
    assert_eq!(
        matrix.get(1, 0).map(|c| c.compatible),
        Some(backward.compatible),
        "matrix cell new reads old"
    );
    assert_eq!(
        matrix.get(0, 1).map(|c| c.compatible),
        Some(forward.compatible),
        "matrix cell old reads new"
    );
    diff(&old, &new);
    diff(&new, &old);
    cross_version_lints(&old, &new, new_text, "v1");
    cross_version_lints(&new, &old, old_text, "v2");
    for (reader, writer, compatible) in [
        (&new, &old, backward.compatible),
        (&old, &new, forward.compatible),
    ] {
        resolves_when_compatible(reader, writer, compatible);
    }
}

/// A made-up datum of `writer` resolves to `reader` when the checker says it can.
fn resolves_when_compatible(reader: &Schema, writer: &Schema, compatible: bool) {
    let Some(value) = example_value(writer) else {
        return;
    };
    writes_and_reads_back(writer, &value);
    match resolve(writer, reader, &value) {
        Ok(resolved) => {
            writes_and_reads_back(reader, &resolved.value);
        }
        Err(e) => assert!(
            !compatible,
            "the checker calls the reader compatible, but {value:?} does not resolve: {e}"
        ),
    }
}
