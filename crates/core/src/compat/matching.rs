//! How Java pairs reader and writer names: named types by unqualified name or a reader alias, fields by
//! name or a reader field alias.

use crate::schema::{Enum, Field, Kind, Record};
use std::collections::BTreeSet;

/// Java's `schemaNameEquals`: the unqualified names are equal, or one of the reader's aliases (qualified with
/// the reader's namespace when written short, as Java's `Schema.addAlias` does) is the writer's full name.
pub(crate) fn schema_name_equals(reader: &Kind, writer: &Kind) -> bool {
    let (Some(reader_name), Some(writer_name)) = (reader.name(), writer.name()) else {
        return false;
    };
    if reader_name.name == writer_name.name {
        return true;
    }
    let writer_full = writer_name.full();
    reader
        .aliases()
        .iter()
        .any(|alias| alias.full() == writer_full)
}

/// The writer's enum symbols the reader's enum lacks, sorted (Java collects them in a `TreeSet`).
pub(crate) fn missing_symbols<'w>(reader: &Enum, writer: &'w Enum) -> BTreeSet<&'w str> {
    writer
        .symbols
        .iter()
        .filter(|s| !reader.symbols.contains(s))
        .map(String::as_str)
        .collect()
}

/// The writer field that a reader field reads, found as Java's `lookupWriterField` finds it.
pub(crate) enum WriterField<'w> {
    /// No writer field has the reader field's name or one of its aliases.
    Missing,
    /// Exactly one does.
    Found(&'w Field),
    /// Several do, which makes Java throw `AvroRuntimeException`. The first is the one with the reader
    /// field's own name if there is one (the Python port's choice); the rest are the other matches.
    Ambiguous(&'w Field, Vec<&'w Field>),
}

/// Looks up the writer field for `reader_field` by its name, then by each of its aliases. `at` is the
/// reader field's position: the writer field there is tried first, as versions mostly keep their fields in
/// order (field names are unique within a record, so the answer is the same; a 100-field record checked
/// against another no longer compares every pair of names).
pub(crate) fn lookup_writer_field<'w>(
    writer: &'w Record,
    reader_field: &Field,
    at: usize,
) -> WriterField<'w> {
    let by_name = |name: &str| {
        writer
            .fields
            .get(at)
            .filter(|f| f.name == name)
            .or_else(|| writer.fields.iter().find(|f| f.name == name))
    };
    if reader_field.aliases.is_empty() {
        return match by_name(&reader_field.name) {
            Some(f) => WriterField::Found(f),
            None => WriterField::Missing,
        };
    }
    // Java keeps field aliases in a set: a repeated alias counts once, but an alias equal to the field's
    // own name matches the same writer field a second time.
    let mut aliases: Vec<&str> = Vec::new();
    for alias in &reader_field.aliases {
        if !aliases.contains(&alias.as_str()) {
            aliases.push(alias);
        }
    }
    let mut matches: Vec<&'w Field> = std::iter::once(reader_field.name.as_str())
        .chain(aliases)
        .filter_map(by_name)
        .collect();
    if matches.is_empty() {
        return WriterField::Missing;
    }
    let first = matches.remove(0);
    if matches.is_empty() {
        WriterField::Found(first)
    } else {
        WriterField::Ambiguous(first, matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{parse_schema, Schema};

    fn record(schema: &Schema) -> &Record {
        match schema.kind(schema.root()) {
            Kind::Record(r) => r,
            other => panic!("not a record: {other:?}"),
        }
    }

    #[test]
    fn names_match_unqualified_and_by_reader_alias_against_the_writer_full_name() {
        let reader =
            parse_schema(r#"{"type":"fixed","name":"n1.F","aliases":["G"],"size":1}"#).unwrap();
        let same_short = parse_schema(r#"{"type":"fixed","name":"n2.F","size":1}"#).unwrap();
        let alias_target = parse_schema(r#"{"type":"fixed","name":"n1.G","size":1}"#).unwrap();
        let other_ns = parse_schema(r#"{"type":"fixed","name":"n2.G","size":1}"#).unwrap();
        let r = reader.kind(reader.root());
        assert!(schema_name_equals(r, same_short.kind(same_short.root())));
        assert!(schema_name_equals(
            r,
            alias_target.kind(alias_target.root())
        ));
        assert!(!schema_name_equals(r, other_ns.kind(other_ns.root())));
    }

    #[test]
    fn a_reader_field_is_found_by_name_then_by_alias() {
        let reader = parse_schema(
            r#"{"type":"record","name":"R","fields":[{"name":"a","aliases":["b"],"type":"int"}]}"#,
        )
        .unwrap();
        let by_alias =
            parse_schema(r#"{"type":"record","name":"R","fields":[{"name":"b","type":"int"}]}"#)
                .unwrap();
        let both = parse_schema(
            r#"{"type":"record","name":"R","fields":[{"name":"b","type":"int"},{"name":"a","type":"int"}]}"#,
        )
        .unwrap();
        let field = &record(&reader).fields[0];
        assert!(
            matches!(lookup_writer_field(record(&by_alias), field, 0), WriterField::Found(f) if f.name == "b")
        );
        assert!(matches!(
            lookup_writer_field(record(&both), field, 0),
            WriterField::Ambiguous(f, rest) if f.name == "a" && rest.len() == 1
        ));
        assert!(
            matches!(lookup_writer_field(record(&reader), field, 0), WriterField::Found(f) if f.name == "a")
        );
    }
}
