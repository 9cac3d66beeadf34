//! Behaviour tests of the checker, the explain pass and the modes, one behaviour each.

use super::*;
use crate::schema::parse_schema;

fn schema(text: &str) -> Schema {
    parse_schema(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn java(reader: &str, writer: &str) -> Compatibility {
    check_reader_writer_compatibility(&schema(reader), &schema(writer))
}

/// (type, location, message) of every incompatibility, in order.
fn listed(result: &Compatibility) -> Vec<(&'static str, String, String)> {
    result
        .incompatibilities
        .iter()
        .map(|i| (i.kind.as_str(), i.location.to_string(), i.message.clone()))
        .collect()
}

fn notes_of(reader: &str, writer: &str, kind: NoteKind) -> Vec<Note> {
    check(&schema(reader), &schema(writer))
        .notes
        .into_iter()
        .filter(|n| n.kind == kind)
        .collect()
}

fn record(name: &str, fields: &[(&str, &str)]) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(n, t)| format!(r#"{{"name":"{n}","type":{t}}}"#))
        .collect();
    format!(
        r#"{{"type":"record","name":"{name}","fields":[{}]}}"#,
        fields.join(",")
    )
}

/// A record whose only field is an enum with an enum default, and no field default.
fn enum_field_with_only_an_enum_default() -> String {
    record(
        "R",
        &[(
            "e",
            r#"{"type":"enum","name":"E","symbols":["A"],"default":"A"}"#,
        )],
    )
}

// ---- Java's checker ----

#[test]
fn promotions_are_compatible_and_their_reverse_is_not() {
    for (reader, writer) in [
        ("long", "int"),
        ("float", "int"),
        ("double", "int"),
        ("float", "long"),
        ("double", "long"),
        ("double", "float"),
        ("string", "bytes"),
        ("bytes", "string"),
    ] {
        assert!(
            java(&format!("\"{reader}\""), &format!("\"{writer}\"")).compatible,
            "{reader} <- {writer}"
        );
        if reader != "string" && reader != "bytes" {
            assert!(
                !java(&format!("\"{writer}\""), &format!("\"{reader}\"")).compatible,
                "{writer} <- {reader}"
            );
        }
    }
}

#[test]
fn type_mismatch_writes_type_names_as_java_does() {
    let result = java(r#""int""#, r#""string""#);
    assert_eq!(
        listed(&result),
        [(
            "TYPE_MISMATCH",
            "/".into(),
            "reader type: INT not compatible with writer type: STRING".into()
        )]
    );
}

/// Java's TestSchemaCompatibilityMultiple, written as JSON: all nine incompatibilities, in Java's order,
/// with Java's messages and locations.
#[test]
fn every_incompatibility_is_reported_in_javas_order() {
    let reader = r#"{"type":"record","name":"base","fields":[
      {"name":"check_enum_symbols_field","type":{"type":"enum","name":"check_enum_symbols_type","symbols":["A","C"]}},
      {"name":"check_enum_name_field","type":{"type":"enum","name":"check_enum_name_type","symbols":["A","B","C","D"]}},
      {"name":"type_mismatch_field","type":"string"},
      {"name":"sub_record","type":{"type":"record","name":"sub_record_type","fields":[
        {"name":"identical_1_field","type":"long","default":42},
        {"name":"extra_no_default_field","type":"long"},
        {"name":"fixed_length_mismatch_field","type":{"type":"fixed","name":"fixed_length_mismatch_type","size":4}},
        {"name":"union_missing_branches_field","type":["boolean"]},
        {"name":"reader_union_does_not_support_type_field","type":["boolean"]},
        {"name":"record_fqn_mismatch_field","type":{"type":"record","name":"recordA","namespace":"not_nsA","fields":[
          {"name":"A_field_0","type":"boolean","default":true},
          {"name":"array_type_mismatch_field","type":{"type":"array","items":"string"}}]}}]}}]}"#;
    let writer = r#"{"type":"record","name":"base","fields":[
      {"name":"check_enum_symbols_field","type":{"type":"enum","name":"check_enum_symbols_type","symbols":["A","B","C","D"]}},
      {"name":"check_enum_name_field","type":{"type":"enum","name":"check_enum_name_type_ERR","symbols":["A","B","C","D"]}},
      {"name":"type_mismatch_field","type":"long"},
      {"name":"sub_record","type":{"type":"record","name":"sub_record_type","fields":[
        {"name":"identical_1_field","type":"long","default":42},
        {"name":"fixed_length_mismatch_field","type":{"type":"fixed","name":"fixed_length_mismatch_type","size":8}},
        {"name":"union_missing_branches_field","type":["boolean","double","string"]},
        {"name":"reader_union_does_not_support_type_field","type":"long"},
        {"name":"record_fqn_mismatch_field","type":{"type":"record","name":"recordA","namespace":"nsA","fields":[
          {"name":"A_field_0","type":"boolean","default":true},
          {"name":"array_type_mismatch_field","type":{"type":"array","items":"boolean"}}]}}]}}]}"#;
    let result = java(reader, writer);
    let expected: Vec<(&str, &str, &str)> = vec![
        ("MISSING_ENUM_SYMBOLS", "/fields/0/type/symbols", "[B, D]"),
        (
            "NAME_MISMATCH",
            "/fields/1/type/name",
            "expected: check_enum_name_type_ERR",
        ),
        (
            "TYPE_MISMATCH",
            "/fields/2/type",
            "reader type: STRING not compatible with writer type: LONG",
        ),
        (
            "READER_FIELD_MISSING_DEFAULT_VALUE",
            "/fields/3/type/fields/1",
            "extra_no_default_field",
        ),
        (
            "FIXED_SIZE_MISMATCH",
            "/fields/3/type/fields/2/type/size",
            "expected: 8, found: 4",
        ),
        (
            "MISSING_UNION_BRANCH",
            "/fields/3/type/fields/3/type/1",
            "reader union lacking writer type: DOUBLE",
        ),
        (
            "MISSING_UNION_BRANCH",
            "/fields/3/type/fields/3/type/2",
            "reader union lacking writer type: STRING",
        ),
        (
            "MISSING_UNION_BRANCH",
            "/fields/3/type/fields/4/type",
            "reader union lacking writer type: LONG",
        ),
        (
            "TYPE_MISMATCH",
            "/fields/3/type/fields/5/type/fields/1/type/items",
            "reader type: STRING not compatible with writer type: BOOLEAN",
        ),
    ];
    let expected: Vec<(&str, String, String)> = expected
        .into_iter()
        .map(|(t, l, m)| (t, l.to_string(), m.to_string()))
        .collect();
    assert!(!result.compatible);
    assert_eq!(listed(&result), expected);
}

#[test]
fn names_compare_unqualified_so_a_namespace_change_is_compatible() {
    let reader = r#"{"type":"fixed","name":"a.F","size":2}"#;
    let writer = r#"{"type":"fixed","name":"b.F","size":2}"#;
    assert!(java(reader, writer).compatible);
}

#[test]
fn a_reader_alias_matches_the_writer_full_name_qualified_with_the_reader_namespace() {
    let reader = r#"{"type":"enum","name":"E2","namespace":"n1","aliases":["E"],"symbols":["A"]}"#;
    assert!(
        java(
            reader,
            r#"{"type":"enum","name":"E","namespace":"n1","symbols":["A"]}"#
        )
        .compatible
    );
    let other_namespace = java(
        reader,
        r#"{"type":"enum","name":"E","namespace":"n2","symbols":["A"]}"#,
    );
    assert_eq!(
        listed(&other_namespace),
        [("NAME_MISMATCH", "/name".into(), "expected: n2.E".into())]
    );
}

#[test]
fn a_field_alias_reads_the_renamed_writer_field() {
    let reader =
        r#"{"type":"record","name":"R","fields":[{"name":"new","aliases":["old"],"type":"int"}]}"#;
    assert!(java(reader, &record("R", &[("old", r#""int""#)])).compatible);
}

#[test]
fn a_missing_reader_field_needs_a_default() {
    let writer = record("R", &[]);
    let without = java(&record("R", &[("a", r#""int""#)]), &writer);
    assert_eq!(
        listed(&without),
        [(
            "READER_FIELD_MISSING_DEFAULT_VALUE",
            "/fields/0".into(),
            "a".into()
        )]
    );
    let with = r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":0}]}"#;
    assert!(java(with, &writer).compatible);
}

#[test]
fn an_enum_default_covers_writer_symbols_the_reader_lacks() {
    let writer = r#"{"type":"enum","name":"E","symbols":["A","B","C"]}"#;
    let without = java(r#"{"type":"enum","name":"E","symbols":["A"]}"#, writer);
    assert_eq!(
        listed(&without),
        [("MISSING_ENUM_SYMBOLS", "/symbols".into(), "[B, C]".into())]
    );
    assert!(
        java(
            r#"{"type":"enum","name":"E","symbols":["A"],"default":"A"}"#,
            writer
        )
        .compatible
    );
}

#[test]
fn an_enum_field_with_only_an_enum_default_is_checked_against_the_writer_record() {
    let reader = enum_field_with_only_an_enum_default();
    let result = java(&reader, &record("R", &[]));
    assert_eq!(
        listed(&result),
        [(
            "TYPE_MISMATCH",
            "/fields/0/type".into(),
            "reader type: ENUM not compatible with writer type: RECORD".into()
        )]
    );
}

#[test]
fn a_writer_union_read_by_a_plain_type_reports_each_failing_branch_by_its_writer_index() {
    let result = java(r#""long""#, r#"["int","float","string"]"#);
    assert_eq!(
        listed(&result),
        [
            (
                "TYPE_MISMATCH",
                "/1".into(),
                "reader type: LONG not compatible with writer type: FLOAT".into()
            ),
            (
                "TYPE_MISMATCH",
                "/2".into(),
                "reader type: LONG not compatible with writer type: STRING".into()
            ),
        ]
    );
}

#[test]
fn a_union_missing_a_writer_branch_is_located_at_the_writer_branch() {
    let result = java(r#"["null","int"]"#, r#"["int","string","null"]"#);
    assert_eq!(
        listed(&result),
        [(
            "MISSING_UNION_BRANCH",
            "/1".into(),
            "reader union lacking writer type: STRING".into()
        )]
    );
}

#[test]
fn a_reader_union_reads_a_plain_writer_through_any_branch_with_promotion() {
    assert!(java(r#"["null","double"]"#, r#""int""#).compatible);
    let result = java(r#"["null","int"]"#, r#""long""#);
    assert_eq!(
        listed(&result),
        [(
            "MISSING_UNION_BRANCH",
            "/".into(),
            "reader union lacking writer type: LONG".into()
        )]
    );
}

#[test]
fn recursive_schemas_terminate_and_compare_through_the_cycle() {
    let list = |t: &str| {
        format!(
            r#"{{"type":"record","name":"L","fields":[{{"name":"v","type":"{t}"}},{{"name":"next","type":["null","L"]}}]}}"#
        )
    };
    assert!(java(&list("long"), &list("int")).compatible);
    let result = java(&list("int"), &list("long"));
    assert_eq!(
        listed(&result),
        [(
            "TYPE_MISMATCH",
            "/fields/0/type".into(),
            "reader type: INT not compatible with writer type: LONG".into()
        )]
    );
}

/// Java memoises each reader/writer pair: a shared named type's problems are merged again at its second
/// reference, with the location of its first.
#[test]
fn a_shared_named_type_repeats_its_incompatibility_at_the_first_location_as_java_does() {
    let r = r#"{"type":"record","name":"R","fields":[
        {"name":"a","type":{"type":"record","name":"X","fields":[{"name":"v","type":"int"}]}},
        {"name":"b","type":"X"}]}"#;
    let w = r#"{"type":"record","name":"R","fields":[
        {"name":"a","type":{"type":"record","name":"X","fields":[{"name":"v","type":"long"}]}},
        {"name":"b","type":"X"}]}"#;
    let locations: Vec<String> = java(r, w)
        .incompatibilities
        .iter()
        .map(|i| i.location.to_string())
        .collect();
    assert_eq!(
        locations,
        [
            "/fields/0/type/fields/0/type",
            "/fields/0/type/fields/0/type"
        ]
    );
}

#[test]
fn fragments_name_the_reader_and_writer_types_where_it_failed() {
    let (r, w) = (
        schema(&record("R", &[("a", r#""int""#)])),
        schema(&record("R", &[("a", r#""string""#)])),
    );
    let result = check_reader_writer_compatibility(&r, &w);
    let first = &result.incompatibilities[0];
    assert!(matches!(
        r.kind(first.reader_fragment),
        crate::schema::Kind::Int
    ));
    assert!(matches!(
        w.kind(first.writer_fragment),
        crate::schema::Kind::String
    ));
}

/// Reader records named n0.N … n42.N nest in a cycle of 43, writer records in a cycle of 13 (unqualified
/// names match): following them together repeats only after 43 × 13 = 559 pairs.
fn coprime_cycles() -> (String, String) {
    fn cycle(len: usize) -> String {
        // The innermost reference "n0.N" closes the cycle the outer definitions open.
        let mut text = String::from(r#""n0.N""#);
        for i in (0..len).rev() {
            text = format!(
                r#"{{"type":"record","name":"n{i}.N","fields":[{{"name":"next","type":{text}}}]}}"#
            );
        }
        text
    }
    (cycle(43), cycle(13))
}

#[test]
fn a_pathological_pair_of_cycles_stops_at_the_depth_limit_with_a_note() {
    let (reader, writer) = coprime_cycles();
    let result = check(&schema(&reader), &schema(&writer));
    assert!(result.compatible);
    assert!(
        result.notes.iter().any(|n| n.kind == NoteKind::DepthLimit),
        "{:?}",
        result.notes
    );
}

#[test]
fn an_ordinary_recursive_pair_does_not_reach_the_depth_limit() {
    let list = r#"{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}"#;
    assert!(notes_of(list, list, NoteKind::DepthLimit).is_empty());
}

/// Types X0 … X10 each hold two fields of the next: Java lists the innermost problem 2^10 times.
fn doubling(leaf: &str) -> String {
    let mut text =
        format!(r#"{{"type":"record","name":"X10","fields":[{{"name":"v","type":"{leaf}"}}]}}"#);
    for i in (0..10).rev() {
        let next = format!("X{}", i + 1);
        text = format!(
            r#"{{"type":"record","name":"X{i}","fields":[{{"name":"a","type":{text}}},{{"name":"b","type":"{next}"}}]}}"#
        );
    }
    text
}

#[test]
fn more_than_the_cap_of_incompatibilities_are_counted_in_a_note() {
    let result = java(&doubling("int"), &doubling("long"));
    assert_eq!(result.incompatibilities.len(), MAX_INCOMPATIBILITIES);
    let note = result
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::IncompatibilitiesOmitted);
    assert!(
        note.is_some_and(|n| n.message.starts_with("24 more")),
        "{:?}",
        result.notes
    );
}

#[test]
fn a_short_list_of_incompatibilities_has_no_omission_note() {
    let result = java(
        &record("R", &[("a", r#""int""#)]),
        &record("R", &[("a", r#""long""#)]),
    );
    assert!(result.notes.is_empty());
}

#[test]
fn a_field_matching_several_writer_fields_is_noted_where_java_throws() {
    let reader =
        r#"{"type":"record","name":"R","fields":[{"name":"a","aliases":["b"],"type":"int"}]}"#;
    let writer = record("R", &[("a", r#""int""#), ("b", r#""int""#)]);
    let result = java(reader, &writer);
    assert!(result.compatible);
    assert_eq!(result.notes.len(), 1);
    assert_eq!(result.notes[0].kind, NoteKind::AmbiguousFieldAlias);
    assert_eq!(result.notes[0].location.as_str(), "/fields/0");
    assert!(java(reader, &record("R", &[("b", r#""int""#)]))
        .notes
        .is_empty());
}

// ---- The explain pass ----

#[test]
fn the_cause_hidden_in_a_union_branch_is_revealed() {
    let inner = |fields: &[(&str, &str)]| record("I", fields);
    let reader = format!(
        r#"["null",{}]"#,
        inner(&[("x", r#""int""#), ("y", r#""int""#)])
    );
    let writer = format!(r#"["null",{}]"#, inner(&[("x", r#""int""#)]));
    let java_says = java(&reader, &writer);
    assert_eq!(
        listed(&java_says),
        [(
            "MISSING_UNION_BRANCH",
            "/1".into(),
            "reader union lacking writer type: RECORD".into()
        )]
    );
    let notes = notes_of(&reader, &writer, NoteKind::UnionBranchCause);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].location.as_str(), "/1/fields/1");
    assert!(
        notes[0]
            .message
            .contains("READER_FIELD_MISSING_DEFAULT_VALUE: y"),
        "{}",
        notes[0].message
    );
}

#[test]
fn a_union_whose_branches_all_read_has_no_hidden_cause() {
    let r = record("I", &[("x", r#""long""#)]);
    let w = record("I", &[("x", r#""int""#)]);
    assert!(notes_of(
        &format!(r#"["null",{r}]"#),
        &format!(r#"["null",{w}]"#),
        NoteKind::UnionBranchCause
    )
    .is_empty());
}

#[test]
fn a_timestamp_unit_change_is_noted_with_its_factor() {
    let millis = r#"{"type":"long","logicalType":"timestamp-millis"}"#;
    let micros = r#"{"type":"long","logicalType":"timestamp-micros"}"#;
    let notes = notes_of(micros, millis, NoteKind::TimeUnitChange);
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].message.contains("1000× too small"),
        "{}",
        notes[0].message
    );
    assert!(notes_of(millis, micros, NoteKind::TimeUnitChange)[0]
        .message
        .contains("1000× too large"));
}

#[test]
fn the_same_time_unit_on_both_sides_has_no_note() {
    let micros = r#"{"type":"long","logicalType":"timestamp-micros"}"#;
    assert!(check(&schema(micros), &schema(micros)).notes.is_empty());
    let local = r#"{"type":"long","logicalType":"local-timestamp-micros"}"#;
    assert!(notes_of(local, micros, NoteKind::TimeUnitChange).is_empty());
}

#[test]
fn an_instant_read_as_local_time_is_a_logical_type_change() {
    let instant = r#"{"type":"long","logicalType":"timestamp-millis"}"#;
    let local = r#"{"type":"long","logicalType":"local-timestamp-millis"}"#;
    assert_eq!(
        notes_of(local, instant, NoteKind::LogicalTypeChange).len(),
        1
    );
    assert!(notes_of(r#""long""#, instant, NoteKind::LogicalTypeChange).is_empty());
}

#[test]
fn a_decimal_scale_change_is_noted() {
    let writer = r#"{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}"#;
    let reader = r#"{"type":"bytes","logicalType":"decimal","precision":10,"scale":3}"#;
    let notes = notes_of(reader, writer, NoteKind::DecimalChange);
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].message.contains("10^1 times too small"),
        "{}",
        notes[0].message
    );
    let narrower = r#"{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}"#;
    assert!(notes_of(narrower, writer, NoteKind::DecimalChange)[0]
        .message
        .contains("precision shrinks"));
}

#[test]
fn a_wider_decimal_precision_has_no_note() {
    let writer = r#"{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}"#;
    let wider = r#"{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}"#;
    assert!(notes_of(wider, writer, NoteKind::DecimalChange).is_empty());
}

#[test]
fn a_namespace_only_rename_is_noted_at_the_name() {
    let notes = notes_of(
        r#"{"type":"fixed","name":"a.F","size":2}"#,
        r#"{"type":"fixed","name":"b.F","size":2}"#,
        NoteKind::NamespaceOnlyRename,
    );
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].location.as_str(), "/name");
}

#[test]
fn a_namespace_change_covered_by_an_alias_has_no_note() {
    let reader = r#"{"type":"fixed","name":"a.F","aliases":["b.F"],"size":2}"#;
    let writer = r#"{"type":"fixed","name":"b.F","size":2}"#;
    assert!(notes_of(reader, writer, NoteKind::NamespaceOnlyRename).is_empty());
}

#[test]
fn a_changed_field_default_is_noted() {
    let with = |d: &str| {
        format!(
            r#"{{"type":"record","name":"R","fields":[{{"name":"n","type":"double","default":{d}}}]}}"#
        )
    };
    let notes = notes_of(&with("2"), &with("1"), NoteKind::DefaultChanged);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].location.as_str(), "/fields/0");
}

#[test]
fn a_default_that_changes_with_its_type_has_no_note() {
    let with = |t: &str, d: &str| {
        format!(
            r#"{{"type":"record","name":"R","fields":[{{"name":"n","type":"{t}","default":{d}}}]}}"#
        )
    };
    assert!(notes_of(
        &with("string", "\"a\""),
        &with("int", "1"),
        NoteKind::DefaultChanged
    )
    .is_empty());
}

#[test]
fn the_same_default_written_differently_has_no_note() {
    let with = |d: &str| {
        format!(
            r#"{{"type":"record","name":"R","fields":[{{"name":"n","type":"double","default":{d}}}]}}"#
        )
    };
    assert!(notes_of(&with("1.0"), &with("1"), NoteKind::DefaultChanged).is_empty());
}

#[test]
fn an_enum_default_mistaken_for_a_field_default_is_explained() {
    let reader = enum_field_with_only_an_enum_default();
    let notes = notes_of(&reader, &record("R", &[]), NoteKind::EnumDefaultConfusion);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].location.as_str(), "/fields/0");
    let fixed = r#"{"type":"record","name":"R","fields":[{"name":"e","default":"A","type":{"type":"enum","name":"E","symbols":["A"],"default":"A"}}]}"#;
    assert!(notes_of(fixed, &record("R", &[]), NoteKind::EnumDefaultConfusion).is_empty());
}

#[test]
fn a_field_default_mistaken_for_an_enum_default_is_explained() {
    let reader = |enum_default: &str| {
        format!(
            r#"{{"type":"record","name":"R","fields":[{{"name":"e","default":"A","type":{{"type":"enum","name":"E","symbols":["A"]{enum_default}}}}}]}}"#
        )
    };
    let writer = record(
        "R",
        &[("e", r#"{"type":"enum","name":"E","symbols":["A","B"]}"#)],
    );
    let notes = notes_of(&reader(""), &writer, NoteKind::EnumDefaultConfusion);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].location.as_str(), "/fields/0/type");
    assert!(notes_of(
        &reader(r#","default":"A""#),
        &writer,
        NoteKind::EnumDefaultConfusion
    )
    .is_empty());
}

#[test]
fn writer_symbols_read_as_the_enum_default_are_noted() {
    let reader = r#"{"type":"enum","name":"E","symbols":["A"],"default":"A"}"#;
    let notes = notes_of(
        reader,
        r#"{"type":"enum","name":"E","symbols":["A","B"]}"#,
        NoteKind::EnumDefaultSubstitution,
    );
    assert_eq!(notes.len(), 1);
    assert!(notes_of(
        reader,
        r#"{"type":"enum","name":"E","symbols":["A"]}"#,
        NoteKind::EnumDefaultSubstitution
    )
    .is_empty());
}

#[test]
fn notes_never_change_the_verdict() {
    let (reader, writer) = (schema(&doubling("int")), schema(&doubling("long")));
    let with_notes = check(&reader, &writer);
    let without = check_reader_writer_compatibility(&reader, &writer);
    assert_eq!(with_notes.compatible, without.compatible);
    assert_eq!(with_notes.incompatibilities, without.incompatibilities);
}

// ---- Confluent modes ----

fn versions(texts: &[&str]) -> Vec<Schema> {
    texts.iter().map(|t| schema(t)).collect()
}

#[test]
fn mode_names_parse_in_any_case() {
    assert_eq!(Mode::parse("full_transitive"), Some(Mode::FullTransitive));
    assert_eq!(Mode::parse("BACKWARD"), Some(Mode::Backward));
    assert_eq!(Mode::parse("sideways"), None);
}

#[test]
fn transitive_checks_newest_first_and_stops_at_the_first_failure() {
    let v = versions(&[r#""string""#, r#""int""#, r#""int""#]);
    let registration = register(Mode::BackwardTransitive, &v, &schema(r#""long""#));
    assert!(!registration.compatible);
    assert_eq!(registration.checked_versions, [3, 2, 1]);
    assert_eq!(registration.failing_version, Some(1));
    let v = versions(&[r#""string""#, r#""string""#, r#""int""#]);
    let registration = register(Mode::BackwardTransitive, &v, &schema(r#""long""#));
    assert_eq!(registration.checked_versions, [3, 2]);
    assert_eq!(registration.failing_version, Some(2));
}

#[test]
fn plain_modes_check_only_the_latest_version() {
    let v = versions(&[r#""string""#, r#""int""#]);
    let registration = register(Mode::Backward, &v, &schema(r#""long""#));
    assert!(registration.compatible);
    assert_eq!(registration.checked_versions, [2]);
}

#[test]
fn none_checks_nothing_and_a_first_version_always_registers() {
    let registration = register(Mode::None, &versions(&[r#""string""#]), &schema(r#""int""#));
    assert!(registration.compatible && registration.checked_versions.is_empty());
    assert!(register(Mode::FullTransitive, &[], &schema(r#""int""#)).compatible);
}

#[test]
fn full_reports_both_directions_of_the_failing_version() {
    let registration = register(Mode::Full, &versions(&[r#""int""#]), &schema(r#""string""#));
    let directions: Vec<Direction> = registration
        .incompatibilities
        .iter()
        .map(|d| d.direction)
        .collect();
    assert_eq!(directions, [Direction::Backward, Direction::Forward]);
    assert_eq!(
        registration.incompatibilities[0].incompatibility.message,
        "reader type: STRING not compatible with writer type: INT"
    );
}

#[test]
fn forward_reads_the_candidate_with_the_old_version() {
    let v = versions(&[r#""long""#]);
    assert!(register(Mode::Forward, &v, &schema(r#""int""#)).compatible);
    assert!(!register(Mode::Backward, &v, &schema(r#""int""#)).compatible);
}

#[test]
fn the_matrix_holds_every_pair_and_decides_like_register() {
    let all = versions(&[r#""int""#, r#""long""#, r#""double""#]);
    let matrix = CompatibilityMatrix::compute(&all);
    assert_eq!(matrix.len(), 3);
    assert!(matrix.get(2, 0).is_some_and(|c| c.compatible));
    assert!(matrix.get(0, 2).is_some_and(|c| !c.compatible));
    assert!(matrix.get(3, 0).is_none());
    for mode in Mode::ALL {
        assert_eq!(
            matrix.registration(mode, 2),
            Some(register(mode, &all[..2], &all[2])),
            "{mode}"
        );
    }
    assert!(matrix.registration(Mode::Full, 3).is_none());
}

/// 1 MiB is the default stack of a wasm32 program; the limit must keep even a debug build within it.
#[test]
fn the_depth_limit_keeps_the_check_within_a_one_mebibyte_stack() {
    let outcome = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let (reader, writer) = coprime_cycles();
            check(&schema(&reader), &schema(&writer)).compatible
        })
        .map(|handle| handle.join());
    assert!(matches!(outcome, Ok(Ok(true))));
}

#[test]
fn a_matrix_reusing_unchanged_cells_equals_one_computed_afresh() {
    use crate::compat::CompatibilityMatrix;
    let v = |extra: &str| {
        crate::schema::parse_schema(&format!(
            r#"{{"type":"record","name":"R","fields":[{{"name":"a","type":"int"}}{extra}]}}"#
        ))
        .unwrap()
    };
    let before = vec![v(""), v(r#",{"name":"b","type":"string"}"#)];
    let old = CompatibilityMatrix::compute(&before);
    // The second version changes; the first keeps its cells with itself.
    let after = vec![v(""), v(r#",{"name":"b","type":"string","default":"x"}"#)];
    let mut reused = 0;
    let incremental = CompatibilityMatrix::compute_reusing(&after, |r, w| {
        (r == 0 && w == 0).then(|| {
            reused += 1;
            old.get(0, 0).cloned()
        })?
    });
    let fresh = CompatibilityMatrix::compute(&after);
    assert_eq!(reused, 1);
    for r in 0..2 {
        for w in 0..2 {
            assert_eq!(incremental.get(r, w), fresh.get(r, w), "cell {r},{w}");
        }
    }
    assert!(
        !old.get(1, 0).unwrap().compatible && fresh.get(1, 0).unwrap().compatible,
        "the edit changed a cell"
    );
}
