//! Properties of the core over random schemas (written as schema text and parsed, see `random_schemas`)
//! and random datums from the core's own generator (`random`), seeded by proptest:
//!
//! - decoding an encoding gives back the datum;
//! - Avro JSON written and read back is the same datum;
//! - Parsing Canonical Form is a fixed point, and its fingerprints do not change;
//! - every schema reads itself: compatible with itself, and resolution changes nothing;
//! - adding a field with a default is backward compatible, and old data read with it gets the default;
//! - removing a field that has a default is forward compatible, and new data read by the old schema gets
//!   the default (old data read by the new schema loses the field);
//! - renaming every named type and field, each with an alias naming the old name, reads old data as it
//!   was (specification: Aliases).
//!
//! A failure prints the schema text and the datum as Avro JSON. Shrunk counterexamples are kept in
//! `properties.proptest-regressions` and as named tests at the end of this file.

mod random_schemas;

use avro_playground_core::avro_json::{
    from_avro_json, from_plain_json, to_avro_json, write_avro_json, Layout,
};
use avro_playground_core::canonical::{canonical_form, fingerprints};
use avro_playground_core::compat::{check, register, Mode, Registration};
use avro_playground_core::random::{RandomDatums, RandomOptions};
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::{parse_schema, Kind, Schema, SchemaId};
use avro_playground_core::value::Value;
use avro_playground_core::walker::{decode, encode};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use random_schemas::{Evolution, SchemaText};

/// Cases per property (half for the evolution ones): the whole file runs in about 10 s in a debug build
/// on 2 busy cores. `PROPTEST_CASES=N` runs N cases of each instead, for a deeper search.
const CASES: u32 = 1024;

/// `cases` cases (unless `PROPTEST_CASES` says otherwise); failures are kept beside this file.
fn config(cases: u32) -> ProptestConfig {
    let base = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            base.cases
        } else {
            cases
        },
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..base
    }
}

/// The schema, or a failure naming the text (the generator only writes valid schemas).
fn parsed(text: &str) -> Result<Schema, TestCaseError> {
    parse_schema(text).map_err(|e| TestCaseError::fail(format!("{e}\nschema: {text}")))
}

/// A few random datums of `schema` for `seed`.
fn datums(schema: &Schema, text: &str, seed: u64) -> Result<Vec<Value>, TestCaseError> {
    RandomDatums::new(schema, seed, RandomOptions::default())
        .and_then(|d| d.take(3).collect())
        .map_err(|e| TestCaseError::fail(format!("no random datum: {e}\nschema: {text}")))
}

/// `value` resolved from `writer` to `reader`.
fn resolved(
    writer: &Schema,
    reader: &Schema,
    value: &Value,
    what: &str,
) -> Result<Value, TestCaseError> {
    resolve(writer, reader, value)
        .map(|r| r.value)
        .map_err(|e| {
            TestCaseError::fail(format!(
                "{what}: {e}\ndatum: {}",
                to_avro_json(writer, value)
            ))
        })
}

/// A record value's fields, as [`Value::Record`] holds them.
type Fields = Vec<(String, Value)>;

/// `value`, a datum of type `id` of `schema`, with `edit` applied to every value of the root record
/// type in it (the root itself and, in recursive schemas, the ones nested in it), innermost first.
fn edit_root_records(
    schema: &Schema,
    id: SchemaId,
    value: &Value,
    edit: &dyn Fn(&mut Fields),
) -> Value {
    let mut out = match (schema.kind(id), value) {
        (Kind::Record(r), Value::Record(fields)) => Value::Record(
            r.fields
                .iter()
                .zip(fields)
                .map(|(f, (name, v))| (name.clone(), edit_root_records(schema, f.schema, v, edit)))
                .collect(),
        ),
        (Kind::Array(items), Value::Array(values)) => Value::Array(
            values
                .iter()
                .map(|v| edit_root_records(schema, *items, v, edit))
                .collect(),
        ),
        (Kind::Map(values), Value::Map(entries)) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), edit_root_records(schema, *values, v, edit)))
                .collect(),
        ),
        (Kind::Union(branches), Value::Union(i, inner)) => match branches.get(*i as usize) {
            Some(b) => Value::Union(*i, Box::new(edit_root_records(schema, *b, inner, edit))),
            None => value.clone(),
        },
        _ => value.clone(),
    };
    if id == schema.root() {
        if let Value::Record(fields) = &mut out {
            edit(fields);
        }
    }
    out
}

/// The value of the field `extra`'s default, read from its Avro JSON (`e.default_avro_json`, where a
/// union default names its branch): the root record of `with` written with `value`'s fields (a datum of
/// `without`) and the default, read back, and its field taken.
fn extra_default(
    e: &Evolution,
    without: &Schema,
    with: &Schema,
    value: &Value,
) -> Result<Value, TestCaseError> {
    let (Kind::Record(r), Value::Record(fields)) = (without.kind(without.root()), value) else {
        return Err(TestCaseError::fail("the root is a record"));
    };
    let mut members: Vec<String> = r
        .fields
        .iter()
        .zip(fields)
        .map(|(f, (name, v))| {
            format!(
                "{}:{}",
                serde_json::to_string(name).unwrap_or_default(),
                write_avro_json(without, f.schema, v, Layout::Compact)
            )
        })
        .collect();
    members.insert(e.position, format!("\"extra\":{}", e.default_avro_json));
    let text = format!("{{{}}}", members.join(","));
    // Read leniently: records of the same type nested in the datum lack `extra` and take its default.
    match from_plain_json(with, &text).map(|(v, _)| v) {
        Ok(Value::Record(mut fields)) if e.position < fields.len() => {
            Ok(fields.swap_remove(e.position).1)
        }
        other => Err(TestCaseError::fail(format!(
            "the default does not read: {other:?}\n{text}"
        ))),
    }
}

/// What a reader with the field `extra` makes of `value` (a datum of `without`): every root record,
/// nested ones included, gets the field's default at its position.
fn with_default(
    e: &Evolution,
    without: &Schema,
    with: &Schema,
    value: &Value,
) -> Result<Value, TestCaseError> {
    let default = extra_default(e, without, with, value)?;
    Ok(edit_root_records(
        without,
        without.root(),
        value,
        &|fields| fields.insert(e.position, ("extra".into(), default.clone())),
    ))
}

/// What a reader without the field `extra` makes of `value` (a datum of `with`): every root record,
/// nested ones included, loses it.
fn without_extra(e: &Evolution, with: &Schema, value: &Value) -> Value {
    edit_root_records(with, with.root(), value, &|fields| {
        fields.remove(e.position);
    })
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn decoding_an_encoding_gives_back_the_datum(schema in random_schemas::schema(), seed in any::<u64>()) {
        let SchemaText(text) = &schema;
        let parsed = parsed(text)?;
        for value in datums(&parsed, text, seed)? {
            let json = to_avro_json(&parsed, &value);
            let walk = encode(&parsed, &value)
                .map_err(|e| TestCaseError::fail(format!("{e}\nschema: {text}\ndatum: {json}")))?;
            let back = decode(&parsed, &walk.bytes);
            prop_assert_eq!(&back.error, &None, "schema: {}\ndatum: {}", text, json);
            prop_assert_eq!(back.trailing(), 0, "schema: {}\ndatum: {}", text, json);
            prop_assert_eq!(back.value.as_ref(), Some(&value), "schema: {}\ndatum: {}", text, json);
        }
    }

    #[test]
    fn avro_json_written_and_read_back_is_the_same_datum(schema in random_schemas::schema(), seed in any::<u64>()) {
        let SchemaText(text) = &schema;
        let parsed = parsed(text)?;
        for value in datums(&parsed, text, seed)? {
            let json = to_avro_json(&parsed, &value);
            let back = from_avro_json(&parsed, &json);
            prop_assert_eq!(back.as_ref(), Ok(&value), "schema: {}\ndatum: {}", text, json);
        }
    }

    #[test]
    fn canonical_form_is_a_fixed_point_with_the_same_fingerprints(schema in random_schemas::schema()) {
        let SchemaText(text) = &schema;
        let parsed = parsed(text)?;
        let pcf = canonical_form(&parsed);
        let reparsed = parse_schema(&pcf)
            .map_err(|e| TestCaseError::fail(format!("the canonical form does not parse: {e}\nschema: {text}\ncanonical: {pcf}")))?;
        prop_assert_eq!(&canonical_form(&reparsed), &pcf, "schema: {}", text);
        prop_assert_eq!(fingerprints(&reparsed), fingerprints(&parsed), "schema: {}", text);
    }

    #[test]
    fn every_schema_reads_itself_unchanged(schema in random_schemas::schema(), seed in any::<u64>()) {
        let SchemaText(text) = &schema;
        let parsed = parsed(text)?;
        let verdict = check(&parsed, &parsed);
        prop_assert!(verdict.compatible, "schema: {}\n{:?}", text, verdict.incompatibilities);
        for value in datums(&parsed, text, seed)? {
            let json = to_avro_json(&parsed, &value);
            let back = resolved(&parsed, &parsed, &value, text)?;
            prop_assert_eq!(&back, &value, "schema: {}\ndatum: {}", text, json);
        }
    }
}

/// `value` with every record field `f<i>` renamed `g<i>`, as the renamed copy of its schema reads it.
fn renamed_fields(value: &Value) -> Value {
    match value {
        Value::Record(fields) => Value::Record(
            fields
                .iter()
                .map(|(name, v)| (name.replacen('f', "g", 1), renamed_fields(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(renamed_fields).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), renamed_fields(v)))
                .collect(),
        ),
        Value::Union(i, inner) => Value::Union(*i, Box::new(renamed_fields(inner))),
        other => other.clone(),
    }
}

/// Java's checker and the registry level `registration` stands for both let `reader` read `writer`.
fn assert_compatible(
    reader: &Schema,
    writer: &Schema,
    registration: Registration,
    e: &Evolution,
) -> Result<(), TestCaseError> {
    let verdict = check(reader, writer);
    prop_assert!(
        verdict.compatible,
        "{:?}\n{:?}",
        e,
        verdict.incompatibilities
    );
    prop_assert!(
        registration.compatible,
        "{:?}\n{:?}",
        e,
        registration.incompatibilities
    );
    Ok(())
}

/// Datums of `without` (the record lacking `extra`), read with `with`, get the field's default.
fn assert_reads_with_default(
    e: &Evolution,
    without: &Schema,
    with: &Schema,
    seed: u64,
) -> Result<(), TestCaseError> {
    for value in datums(without, &e.without, seed)? {
        let json = to_avro_json(without, &value);
        let read = resolved(without, with, &value, &e.with)?;
        let expected = with_default(e, without, with, &value)?;
        prop_assert_eq!(&read, &expected, "{:?}\ndatum: {}", e, json);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES / 2))]

    #[test]
    fn renaming_every_type_and_field_with_an_alias_to_the_old_name_reads_the_same_datums(r in random_schemas::renamed(), seed in any::<u64>()) {
        let (old, new) = (parsed(&r.original)?, parsed(&r.renamed)?);
        let verdict = check(&new, &old);
        prop_assert!(verdict.compatible, "{:?}\n{:?}", r, verdict.incompatibilities);
        for value in datums(&old, &r.original, seed)? {
            let json = to_avro_json(&old, &value);
            let read = resolved(&old, &new, &value, &r.renamed)?;
            prop_assert_eq!(&read, &renamed_fields(&value), "{:?}\ndatum: {}", r, json);
        }
    }

    #[test]
    fn adding_a_field_with_a_default_is_backward_compatible_and_fills_the_default(e in random_schemas::evolution(), seed in any::<u64>()) {
        let (old, new) = (parsed(&e.without)?, parsed(&e.with)?);
        // The new schema reads data the old one wrote.
        assert_compatible(&new, &old, register(Mode::Backward, std::slice::from_ref(&old), &new), &e)?;
        assert_reads_with_default(&e, &old, &new, seed)?;
    }

    #[test]
    fn removing_a_field_with_a_default_is_forward_compatible_and_old_readers_fill_it(e in random_schemas::evolution(), seed in any::<u64>()) {
        // The old schema has the field (with its default); the new one has dropped it.
        let (old, new) = (parsed(&e.with)?, parsed(&e.without)?);
        // The old schema reads data the new one writes: the default fills the field.
        assert_compatible(&old, &new, register(Mode::Forward, std::slice::from_ref(&old), &new), &e)?;
        assert_reads_with_default(&e, &new, &old, seed)?;
        // Old data, new consumers: the field is skipped, at every level of a recursive record.
        for value in datums(&old, &e.with, seed)? {
            let json = to_avro_json(&old, &value);
            let read = resolved(&old, &new, &value, &e.without)?;
            prop_assert_eq!(&read, &without_extra(&e, &old, &value), "{:?}\nold datum: {}", e, json);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Counterexamples proptest found (kept in properties.proptest-regressions), as named tests.

/// The first entry of the regressions file: the root record holds itself (in a map's union), so
/// removing a field from the root type removes it from the records nested in the datum too. It failed
/// because this file's expectation first edited only the outermost record; the core was right.
#[test]
fn removing_a_field_from_a_recursive_record_removes_it_from_the_records_nested_in_it_too() {
    let without = parse_schema(
        r#"{"type": "record", "name": "T0", "fields": [
            {"name": "f1", "type": {"type": "map", "values": ["int", "T0"]}}]}"#,
    )
    .unwrap();
    let with = parse_schema(
        r#"{"type": "record", "name": "T0", "fields": [
            {"name": "extra", "type": "null", "default": null},
            {"name": "f1", "type": {"type": "map", "values": ["int", "T0"]}}]}"#,
    )
    .unwrap();
    let old = from_avro_json(
        &with,
        r#"{"extra": null, "f1": {"1zw": {"T0": {"extra": null, "f1": {}}}}}"#,
    )
    .unwrap();
    let read = resolve(&with, &without, &old).unwrap().value;
    assert_eq!(
        to_avro_json(&without, &read),
        r#"{"f1":{"1zw":{"T0":{"f1":{}}}}}"#
    );
    // And back: the new datum read by the old schema gets the default at every level.
    let back = resolve(&without, &with, &read).unwrap().value;
    assert_eq!(back, old);
}
