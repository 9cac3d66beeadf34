//! Schema evolution: every scenario's stated verdicts against the checker and the Confluent modes; the
//! diff's change kinds, each reported where it happens and not where it does not; and the diff's agreement
//! with the checker on every pair of the corpus (each incompatibility explained by a change, each change's
//! pointers pointing into its text).

mod common;

use avro_playground_core::compat::{
    check_reader_writer_compatibility, register, CompatibilityMatrix, Direction, Mode,
};
use avro_playground_core::evolution::{
    diff, scenarios, Change, ChangeKind, Promotion, RenameEvidence, Scenario, Verdict,
};
use avro_playground_core::schema::{parse_schema, Schema};
use common::{cases, id, schema_text, Report};
use serde_json::Value;

fn parse(text: &str) -> Schema {
    parse_schema(text).unwrap_or_else(|e| panic!("schema rejected: {e}\n{text}"))
}

fn changes(old: &str, new: &str) -> Vec<Change> {
    diff(&parse(old), &parse(new))
}

fn ids(old: &str, new: &str) -> Vec<&'static str> {
    changes(old, new).iter().map(|c| c.kind.id()).collect()
}

/// A record `n.R` with these fields (JSON objects, comma-separated).
fn record(fields: &str) -> String {
    format!(r#"{{"type":"record","name":"R","namespace":"n","fields":[{fields}]}}"#)
}

/// A record `n.R` with one field `a` of this type (JSON).
fn field_a(schema: &str) -> String {
    record(&format!(r#"{{"name":"a","type":{schema}}}"#))
}

/// The one change of kind `id` between `old` and `new`.
fn the(id: &str, old: &str, new: &str) -> Change {
    let all = changes(old, new);
    let found: Vec<&Change> = all.iter().filter(|c| c.kind.id() == id).collect();
    match found.as_slice() {
        [one] => (*one).clone(),
        _ => panic!("expected one {id}, found {}: {all:#?}", found.len()),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

fn scenario(id: &str) -> &'static Scenario {
    scenarios()
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no scenario {id}"))
}

fn stated_verdicts_hold(s: &Scenario) -> Result<(), String> {
    let schemas = s
        .schemas()
        .map_err(|e| format!("a version is rejected: {e}"))?;
    let mut failures = Vec::new();
    if s.steps.len() + 1 != schemas.len() {
        failures.push(format!(
            "{} versions but {} steps",
            schemas.len(),
            s.steps.len()
        ));
    }
    for (i, (pair, step)) in schemas.windows(2).zip(s.steps).enumerate() {
        let [old, new] = pair else { continue };
        let backward = check_reader_writer_compatibility(new, old).compatible;
        let forward = check_reader_writer_compatibility(old, new).compatible;
        if backward != step.backward {
            failures.push(format!(
                "v{}→v{} backward: stated {}, checker {backward}",
                i + 1,
                i + 2,
                step.backward
            ));
        }
        if forward != step.forward {
            failures.push(format!(
                "v{}→v{} forward: stated {}, checker {forward}",
                i + 1,
                i + 2,
                step.forward
            ));
        }
    }
    let Some((last, earlier)) = schemas.split_last() else {
        return Err("no versions".into());
    };
    let matrix = CompatibilityMatrix::compute(&schemas);
    for mode in Mode::ALL {
        let stated = s.modes.get(mode);
        let registered = register(mode, earlier, last).compatible;
        let from_matrix = matrix
            .registration(mode, schemas.len() - 1)
            .map(|r| r.compatible);
        if registered != stated || from_matrix != Some(stated) {
            failures.push(format!(
                "{mode}: stated {stated}, register {registered}, matrix {from_matrix:?}"
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

#[test]
fn every_scenario_states_the_checkers_verdicts_and_the_modes() {
    let mut report = Report::default();
    for s in scenarios() {
        report.check(s.id, stated_verdicts_hold(s));
    }
    report.finish("scenario verdicts");
}

#[test]
fn every_scenario_step_is_explained_by_its_diff() {
    let mut report = Report::default();
    for s in scenarios() {
        let outcome = s.schemas().map_err(|e| e.to_string()).and_then(|schemas| {
            let mut failures = Vec::new();
            for (i, (pair, step)) in schemas.windows(2).zip(s.steps).enumerate() {
                let [old, new] = pair else { continue };
                let all = diff(old, new);
                if all.is_empty() {
                    failures.push(format!("v{}→v{}: no change found", i + 1, i + 2));
                }
                let backward = all.iter().all(|c| c.backward.verdict.is_compatible());
                let forward = all.iter().all(|c| c.forward.verdict.is_compatible());
                if (backward, forward) != (step.backward, step.forward) {
                    failures.push(format!(
                        "v{}→v{}: the changes say backward {backward}, forward {forward}",
                        i + 1,
                        i + 2
                    ));
                }
            }
            if failures.is_empty() {
                Ok(())
            } else {
                Err(failures.join("; "))
            }
        });
        report.check(s.id, outcome);
    }
    report.finish("scenario diffs");
}

#[test]
fn the_gallery_covers_every_lesson_once() {
    let wanted = [
        "seed_session_id",
        "add_field_with_default",
        "add_field_without_default",
        "remove_field_with_default",
        "remove_field_without_default",
        "rename_field_without_alias",
        "rename_field_with_alias",
        "widen_int_to_long",
        "narrow_long_to_int",
        "enum_add_symbol_without_default",
        "enum_add_symbol_with_default",
        "enum_remove_symbol_without_default",
        "enum_remove_symbol_with_default",
        "make_field_optional",
        "reorder_union_branches",
        "change_fixed_size",
        "timestamp_millis_to_micros",
        "transitive_backward_fails",
    ];
    let all: Vec<&str> = scenarios().iter().map(|s| s.id).collect();
    let missing: Vec<&&str> = wanted.iter().filter(|w| !all.contains(w)).collect();
    assert!(missing.is_empty(), "missing scenarios: {missing:?}");
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "scenario ids repeat: {all:?}");
}

/// Sentences end with `.`, `!` or `?` followed by a space or the end (the stories use no abbreviations).
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
        })
        .count()
}

#[test]
fn every_story_tells_two_to_four_sentences_and_names_its_rule() {
    let mut report = Report::default();
    for s in scenarios() {
        let n = sentences(s.story);
        let outcome = if !(2..=4).contains(&n) {
            Err(format!("{n} sentences"))
        } else if s.title.is_empty() || s.rule.is_empty() || s.spec_section.is_empty() {
            Err("a title, a rule and a spec section are required".into())
        } else if s.versions.len() < 2 {
            Err("fewer than two versions".into())
        } else {
            Ok(())
        };
        report.check(s.id, outcome);
    }
    report.finish("scenario texts");
}

#[test]
fn the_seed_story_adds_an_optional_session_id_to_user_event() {
    let s = scenario("seed_session_id");
    let schemas = s.schemas().unwrap();
    let root = schemas[1].kind(schemas[1].root()).name().unwrap().full();
    assert_eq!(root, "com.company.events.UserEvent");
    let added = the("field_added", s.versions[0], s.versions[1]);
    assert_eq!(
        added.kind,
        ChangeKind::FieldAdded {
            field: "session_id".into(),
            has_default: true
        }
    );
    assert_eq!(added.backward.verdict, Verdict::CompatibleWithCondition);
    assert_eq!(added.forward.verdict, Verdict::Compatible);
    assert!(Mode::ALL.iter().all(|m| s.modes.get(*m)));
}

#[test]
fn backward_passes_where_backward_transitive_fails() {
    let s = scenario("transitive_backward_fails");
    let schemas = s.schemas().unwrap();
    assert_eq!(schemas.len(), 3);
    let (last, earlier) = schemas.split_last().unwrap();
    assert!(register(Mode::Backward, earlier, last).compatible);
    let transitive = register(Mode::BackwardTransitive, earlier, last);
    assert!(!transitive.compatible);
    assert_eq!(transitive.failing_version, Some(1));
}

#[test]
fn a_timestamp_unit_change_passes_the_checker_but_reads_1000_times_off() {
    let s = scenario("timestamp_millis_to_micros");
    let change = the("logical_type_changed", s.versions[0], s.versions[1]);
    assert_eq!(
        change.kind,
        ChangeKind::LogicalTypeChanged {
            old: "timestamp-millis".into(),
            new: "timestamp-micros".into()
        }
    );
    for effect in [&change.backward, &change.forward] {
        assert_eq!(effect.verdict, Verdict::CompatibleWithCondition);
        assert!(effect.reason.contains("1000×"), "{}", effect.reason);
        assert!(!effect.notes.is_empty());
    }
    assert!(s.modes.get(Mode::FullTransitive));
}

// ---------------------------------------------------------------------------------------------------------
// The diff against the checker, on every pair we have

/// Old/new schema text pairs: each compat.json case both ways (writer as old, reader as new, and the
/// reverse), each adjacent pair of confluent_modes.json's versions and candidate, each scenario step, and
/// every ordered pair of schemas.json's valid schemas (mostly unrelated types: the hard cases to explain).
fn corpus_pairs() -> Vec<(String, String, String)> {
    let mut pairs = Vec::new();
    for case in cases("compat.json") {
        let (writer, reader) = (
            schema_text(&case["writer_schema"]),
            schema_text(&case["reader_schema"]),
        );
        pairs.push((
            format!("{} reversed", id(&case)),
            reader.clone(),
            writer.clone(),
        ));
        pairs.push((id(&case), writer, reader));
    }
    for case in cases("confluent_modes.json") {
        let mut texts: Vec<String> = case["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(schema_text)
            .collect();
        texts.push(schema_text(&case["candidate"]));
        for (i, pair) in texts.windows(2).enumerate() {
            pairs.push((
                format!("{} v{}→v{}", id(&case), i + 1, i + 2),
                pair[0].clone(),
                pair[1].clone(),
            ));
        }
    }
    let valid: Vec<(String, String)> = cases("schemas.json")
        .iter()
        .filter(|case| case["expect_valid"] == Value::Bool(true))
        .filter_map(|case| Some((id(case), case["schema_text"].as_str()?.to_string())))
        .collect();
    for (old_id, old) in &valid {
        for (new_id, new) in &valid {
            pairs.push((format!("{old_id} → {new_id}"), old.clone(), new.clone()));
        }
    }
    for s in scenarios() {
        for (i, pair) in s.versions.windows(2).enumerate() {
            pairs.push((
                format!("scenario {} v{}→v{}", s.id, i + 1, i + 2),
                pair[0].to_string(),
                pair[1].to_string(),
            ));
        }
    }
    pairs
}

/// In `direction`: every incompatibility of the checker is explained by some change, every change's
/// incompatibilities are the checker's, and the changes are all compatible exactly when the checker is.
fn agrees(old: &Schema, new: &Schema, all: &[Change], direction: Direction) -> Result<(), String> {
    let check = match direction {
        Direction::Backward => check_reader_writer_compatibility(new, old),
        Direction::Forward => check_reader_writer_compatibility(old, new),
    };
    let mut failures = Vec::new();
    for i in &check.incompatibilities {
        if !all
            .iter()
            .any(|c| c.effect(direction).incompatibilities.iter().any(|j| j == i))
        {
            failures.push(format!(
                "{}: {} at {} ({}) is explained by no change",
                direction.as_str(),
                i.kind,
                i.location,
                i.message
            ));
        }
    }
    for c in all {
        let effect = c.effect(direction);
        if effect
            .incompatibilities
            .iter()
            .any(|j| !check.incompatibilities.iter().any(|i| i == j))
        {
            failures.push(format!(
                "{}: {} cites an unknown incompatibility",
                direction.as_str(),
                c.message
            ));
        }
        if (effect.verdict == Verdict::Incompatible) == effect.incompatibilities.is_empty() {
            failures.push(format!(
                "{}: {} is {} with {} incompatibilities",
                direction.as_str(),
                c.message,
                effect.verdict,
                effect.incompatibilities.len()
            ));
        }
    }
    let changes_compatible = all
        .iter()
        .all(|c| c.effect(direction).verdict.is_compatible());
    if changes_compatible != check.compatible {
        failures.push(format!(
            "{}: the checker says {}, the changes {changes_compatible}",
            direction.as_str(),
            check.compatible
        ));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

#[test]
fn every_incompatibility_of_the_corpus_pairs_is_explained_by_a_change() {
    let mut report = Report::default();
    for (name, old_text, new_text) in corpus_pairs() {
        let (old, new) = (parse(&old_text), parse(&new_text));
        let all = diff(&old, &new);
        let outcome = agrees(&old, &new, &all, Direction::Backward)
            .and_then(|()| agrees(&old, &new, &all, Direction::Forward));
        report.check(&name, outcome);
    }
    report.finish("diff against the checker");
}

/// The value at `pointer` in `text`, where `/` is the whole document.
fn at<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    document.pointer(if pointer == "/" { "" } else { pointer })
}

#[test]
fn every_change_points_into_both_schema_texts() {
    let mut report = Report::default();
    for (name, old_text, new_text) in corpus_pairs() {
        let outcome = (|| {
            let old_json: Value = serde_json::from_str(&old_text).map_err(|e| e.to_string())?;
            let new_json: Value = serde_json::from_str(&new_text).map_err(|e| e.to_string())?;
            let mut missing = Vec::new();
            for c in changes(&old_text, &new_text) {
                if at(&old_json, c.old_pointer.as_str()).is_none() {
                    missing.push(format!("old {} ({})", c.old_pointer, c.message));
                }
                if at(&new_json, c.new_pointer.as_str()).is_none() {
                    missing.push(format!("new {} ({})", c.new_pointer, c.message));
                }
            }
            if missing.is_empty() {
                Ok(())
            } else {
                Err(missing.join("; "))
            }
        })();
        report.check(&name, outcome);
    }
    report.finish("change pointers");
}

// ---------------------------------------------------------------------------------------------------------
// Each kind of change: reported where it happens, not where a near miss happens

/// Two tests for the change kind whose id is the module name: it is reported between `old` and `new`, and
/// not between `quiet_old` and `quiet_new` (a near miss).
macro_rules! change_kind {
    ($id:ident: reported in ($old:expr, $new:expr), not in ($quiet_old:expr, $quiet_new:expr)) => {
        mod $id {
            use super::*;

            #[test]
            fn is_reported_where_it_happens() {
                let ids = ids(&$old, &$new);
                assert!(ids.contains(&stringify!($id)), "{ids:?}");
            }

            #[test]
            fn is_not_reported_for_a_near_miss() {
                let ids = ids(&$quiet_old, &$quiet_new);
                assert!(!ids.contains(&stringify!($id)), "{ids:?}");
            }
        }
    };
}

const INT_A: &str = r#"{"name":"a","type":"int"}"#;
const INT_B: &str = r#"{"name":"b","type":"int"}"#;

fn enum_a(symbols: &str, default: &str) -> String {
    field_a(&format!(
        r#"{{"type":"enum","name":"E","symbols":[{symbols}]{default}}}"#
    ))
}

change_kind!(field_added:
    reported in (record(INT_A), record(&format!(r#"{INT_A},{{"name":"b","type":"int","default":0}}"#))),
    not in (record(&format!("{INT_A},{INT_B}")), record(&format!("{INT_B},{INT_A}"))));
change_kind!(field_removed:
    reported in (record(&format!("{INT_A},{INT_B}")), record(INT_A)),
    not in (record(INT_A), record(r#"{"name":"a","type":"int","doc":"the a"}"#)));
change_kind!(field_renamed:
    reported in (record(r#"{"name":"a","type":"int"},{"name":"b","type":"string"}"#),
                 record(r#"{"name":"a","type":"int"},{"name":"c","type":"string"}"#)),
    not in (record(r#"{"name":"a","type":"int"},{"name":"b","type":"string"}"#),
            record(r#"{"name":"a","type":"int"},{"name":"c","type":"long"}"#)));
change_kind!(type_changed:
    reported in (field_a(r#""int""#), field_a(r#""long""#)),
    not in (field_a(r#""int""#), field_a(r#"{"type":"int"}"#)));
change_kind!(type_to_union:
    reported in (field_a(r#""string""#), field_a(r#"["null","string"]"#)),
    not in (field_a(r#""string""#), field_a(r#"["null","int"]"#)));
change_kind!(union_to_type:
    reported in (field_a(r#"["null","string"]"#), field_a(r#""string""#)),
    not in (field_a(r#"["null","int"]"#), field_a(r#""string""#)));
change_kind!(default_added:
    reported in (record(INT_A), record(r#"{"name":"a","type":"int","default":1}"#)),
    not in (record(INT_A), record(&format!(r#"{INT_A},{{"name":"b","type":"int","default":1}}"#))));
change_kind!(default_removed:
    reported in (record(r#"{"name":"a","type":"int","default":1}"#), record(INT_A)),
    not in (record(&format!(r#"{INT_A},{{"name":"b","type":"int","default":1}}"#)), record(INT_A)));
change_kind!(default_changed:
    reported in (record(r#"{"name":"a","type":"int","default":1}"#),
                 record(r#"{"name":"a","type":"int","default":2}"#)),
    not in (record(r#"{"name":"a","type":"double","default":1}"#),
            record(r#"{"name":"a","type":"double","default":1.0}"#)));
change_kind!(union_branch_added:
    reported in (field_a(r#"["null","string"]"#), field_a(r#"["null","string","int"]"#)),
    not in (field_a(r#"["null","string"]"#), field_a(r#"["string","null"]"#)));
change_kind!(union_branch_removed:
    reported in (field_a(r#"["null","string","int"]"#), field_a(r#"["null","string"]"#)),
    not in (field_a(r#"["null","string"]"#), field_a(r#"["string","null"]"#)));
change_kind!(union_branches_reordered:
    reported in (field_a(r#"["null","string"]"#), field_a(r#"["string","null"]"#)),
    not in (field_a(r#"["null","string"]"#), field_a(r#"["null","string","int"]"#)));
change_kind!(enum_symbol_added:
    reported in (enum_a(r#""A","B""#, ""), enum_a(r#""A","B","C""#, "")),
    not in (enum_a(r#""A","B""#, ""), enum_a(r#""B","A""#, "")));
change_kind!(enum_symbol_removed:
    reported in (enum_a(r#""A","B","C""#, ""), enum_a(r#""A","B""#, "")),
    not in (enum_a(r#""A","B""#, ""), enum_a(r#""B","A""#, "")));
change_kind!(enum_default_added:
    reported in (enum_a(r#""A","B""#, ""), enum_a(r#""A","B""#, r#","default":"A""#)),
    not in (record(r#"{"name":"a","type":{"type":"enum","name":"E","symbols":["A"]}}"#),
            record(r#"{"name":"a","type":{"type":"enum","name":"E","symbols":["A"]},"default":"A"}"#)));
change_kind!(enum_default_removed:
    reported in (enum_a(r#""A","B""#, r#","default":"A""#), enum_a(r#""A","B""#, "")),
    not in (enum_a(r#""A","B""#, r#","default":"A""#), enum_a(r#""A","B","C""#, r#","default":"A""#)));
change_kind!(enum_default_changed:
    reported in (enum_a(r#""A","B""#, r#","default":"A""#), enum_a(r#""A","B""#, r#","default":"B""#)),
    not in (enum_a(r#""A","B""#, r#","default":"A""#), enum_a(r#""A","B","C""#, r#","default":"A""#)));
change_kind!(fixed_size_changed:
    reported in (field_a(r#"{"type":"fixed","name":"F","size":4}"#),
                 field_a(r#"{"type":"fixed","name":"F","size":8}"#)),
    not in (field_a(r#"{"type":"fixed","name":"F","size":4}"#),
            field_a(r#"{"type":"fixed","name":"F","size":4,"aliases":["G"]}"#)));
change_kind!(logical_type_added:
    reported in (field_a(r#""long""#), field_a(r#"{"type":"long","logicalType":"timestamp-millis"}"#)),
    not in (field_a(r#""long""#), field_a(r#"{"type":"long","logicalType":"no-such-type"}"#)));
change_kind!(logical_type_removed:
    reported in (field_a(r#"{"type":"long","logicalType":"timestamp-millis"}"#), field_a(r#""long""#)),
    not in (field_a(r#"{"type":"long","logicalType":"no-such-type"}"#), field_a(r#""long""#)));
change_kind!(logical_type_changed:
    reported in (field_a(r#"{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}"#),
                 field_a(r#"{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}"#)),
    not in (field_a(r#"{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}"#),
            field_a(r#"{"type":"bytes","scale":2,"precision":10,"logicalType":"decimal"}"#)));
change_kind!(type_renamed:
    reported in (record(INT_A), record(INT_A).replace(r#""name":"R""#, r#""name":"S""#)),
    not in (record(INT_A), record(INT_A).replace(r#""namespace":"n""#, r#""namespace":"m""#)));
change_kind!(namespace_changed:
    reported in (record(INT_A), record(INT_A).replace(r#""namespace":"n""#, r#""namespace":"m""#)),
    not in (record(INT_A), record(INT_A).replace(r#""name":"R","namespace":"n""#, r#""name":"n.R""#)));
change_kind!(aliases_changed:
    reported in (record(INT_A), record(INT_A).replace(r#""name":"R""#, r#""name":"R","aliases":["Old"]"#)),
    not in (record(INT_A).replace(r#""name":"R""#, r#""name":"R","aliases":["Old"]"#),
            record(INT_A).replace(r#""name":"R""#, r#""name":"R","aliases":["n.Old"]"#)));
change_kind!(doc_changed:
    reported in (record(INT_A), record(INT_A).replace(r#""name":"R""#, r#""name":"R","doc":"a record""#)),
    not in (record(INT_A).replace(r#""name":"R""#, r#""name":"R","doc":"a record""#),
            record(&format!("{INT_A},{INT_B}")).replace(r#""name":"R""#, r#""name":"R","doc":"a record""#)));

// ---------------------------------------------------------------------------------------------------------
// What the diff says about particular changes

#[test]
fn identical_schemas_have_no_changes() {
    let s = scenario("seed_session_id");
    assert!(changes(s.versions[1], s.versions[1]).is_empty());
}

#[test]
fn a_rename_through_the_new_fields_alias_reads_backward_only() {
    let c = the(
        "field_renamed",
        &record(r#"{"name":"a","type":"int"}"#),
        &record(r#"{"name":"b","type":"long","aliases":["a"]}"#),
    );
    assert_eq!(
        c.kind,
        ChangeKind::FieldRenamed {
            old: "a".into(),
            new: "b".into(),
            evidence: RenameEvidence::NewFieldAlias
        }
    );
    assert_eq!(c.backward.verdict, Verdict::Compatible);
    assert_eq!(c.forward.verdict, Verdict::Incompatible);
    assert!(c
        .forward
        .reason
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/0"));
}

#[test]
fn a_rename_through_the_old_fields_alias_reads_forward_only() {
    let c = the(
        "field_renamed",
        &record(r#"{"name":"a","type":"int","aliases":["b"]}"#),
        &record(r#"{"name":"b","type":"int"}"#),
    );
    assert!(matches!(
        c.kind,
        ChangeKind::FieldRenamed {
            evidence: RenameEvidence::OldFieldAlias,
            ..
        }
    ));
    assert_eq!(c.backward.verdict, Verdict::Incompatible);
    assert_eq!(c.forward.verdict, Verdict::Compatible);
}

#[test]
fn a_rename_without_alias_is_recognised_by_position_and_type() {
    let s = scenario("rename_field_without_alias");
    let c = the("field_renamed", s.versions[0], s.versions[1]);
    assert!(matches!(
        c.kind,
        ChangeKind::FieldRenamed {
            evidence: RenameEvidence::SamePositionAndType,
            ..
        }
    ));
    assert_eq!(c.old_pointer.as_str(), "/fields/1/name");
    assert_eq!(c.new_pointer.as_str(), "/fields/1/name");
    assert_eq!(c.backward.verdict, Verdict::Incompatible);
    assert_eq!(c.forward.verdict, Verdict::Incompatible);
}

#[test]
fn a_type_change_says_which_way_a_promotion_leads() {
    let promotion =
        |old: &str, new: &str| match the("type_changed", &field_a(old), &field_a(new)).kind {
            ChangeKind::TypeChanged { promotion, .. } => promotion,
            other => panic!("{other:?}"),
        };
    assert_eq!(promotion(r#""int""#, r#""long""#), Promotion::Widening);
    assert_eq!(promotion(r#""long""#, r#""int""#), Promotion::Narrowing);
    assert_eq!(promotion(r#""string""#, r#""bytes""#), Promotion::BothWays);
    assert_eq!(promotion(r#""int""#, r#""string""#), Promotion::None);
}

#[test]
fn a_lossy_promotion_is_compatible_on_a_condition() {
    let c = the(
        "type_changed",
        &field_a(r#""long""#),
        &field_a(r#""double""#),
    );
    assert_eq!(c.backward.verdict, Verdict::CompatibleWithCondition);
    assert!(c.backward.reason.contains("2^53"), "{}", c.backward.reason);
    assert_eq!(c.forward.verdict, Verdict::Incompatible);
    assert!(c.forward.reason.contains("TYPE_MISMATCH at /fields/0/type"));
}

#[test]
fn an_incompatible_effect_cites_the_rule_and_javas_incompatibility() {
    let s = scenario("add_field_without_default");
    let c = the("field_added", s.versions[0], s.versions[1]);
    assert_eq!(c.backward.verdict, Verdict::Incompatible);
    assert!(c
        .backward
        .reason
        .starts_with("a reader field without a default that the writer lacks"));
    assert!(c
        .backward
        .reason
        .ends_with("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2"));
    assert_eq!(c.backward.incompatibilities.len(), 1);
    assert!(c.forward.incompatibilities.is_empty());
}

#[test]
fn a_field_added_inside_a_union_branch_is_the_cause_of_the_missing_branch() {
    let inner = |fields: &str| {
        field_a(&format!(
            r#"["null",{{"type":"record","name":"Inner","fields":[{fields}]}}]"#
        ))
    };
    let c = the(
        "field_added",
        &inner(r#"{"name":"x","type":"int"}"#),
        &inner(r#"{"name":"x","type":"int"},{"name":"y","type":"int"}"#),
    );
    assert_eq!(c.new_pointer.as_str(), "/fields/0/type/1/fields/1");
    assert_eq!(c.backward.verdict, Verdict::Incompatible);
    assert!(
        c.backward
            .reason
            .contains("MISSING_UNION_BRANCH at /fields/0/type/1")
            && c.backward.reason.contains("the union hides the cause"),
        "{}",
        c.backward.reason
    );
}

#[test]
fn javas_enum_against_record_mismatch_is_blamed_on_the_added_field() {
    let s = scenario("enum_default_is_not_a_field_default");
    let all = changes(s.versions[0], s.versions[1]);
    let incompatible: Vec<&Change> = all
        .iter()
        .filter(|c| c.backward.verdict == Verdict::Incompatible)
        .collect();
    assert_eq!(incompatible.len(), 1, "{all:#?}");
    let c = incompatible[0];
    assert!(
        matches!(&c.kind, ChangeKind::FieldAdded { field, has_default: false } if field == "tier")
    );
    assert!(c.backward.reason.contains("TYPE_MISMATCH"));
    assert!(
        !c.backward.notes.is_empty(),
        "the explain pass's note on enum defaults"
    );
}

#[test]
fn an_enum_default_standing_in_for_a_new_symbol_is_a_condition() {
    let s = scenario("enum_add_symbol_with_default");
    let c = the("enum_symbol_added", s.versions[0], s.versions[1]);
    assert_eq!(c.backward.verdict, Verdict::Compatible);
    assert_eq!(c.forward.verdict, Verdict::CompatibleWithCondition);
    assert!(c.forward.reason.contains("UNKNOWN"), "{}", c.forward.reason);
}

#[test]
fn a_namespace_change_passes_java_on_a_condition() {
    let s = scenario("namespace_change");
    let c = the("namespace_changed", s.versions[0], s.versions[1]);
    assert_eq!(
        c.kind,
        ChangeKind::NamespaceChanged {
            old: Some("com.shop".into()),
            new: Some("com.store".into())
        }
    );
    assert_eq!(c.backward.verdict, Verdict::CompatibleWithCondition);
    assert_eq!(c.forward.verdict, Verdict::CompatibleWithCondition);
}

#[test]
fn changes_inside_maps_arrays_and_unions_point_at_both_texts() {
    let nested = |item: &str| {
        field_a(&format!(
            r#"{{"type":"map","values":{{"type":"array","items":["null",{{"type":"record","name":"Item","fields":[{{"name":"n","type":"{item}"}}]}}]}}}}"#
        ))
    };
    let c = the("type_changed", &nested("int"), &nested("string"));
    let at = "/fields/0/type/values/items/1/fields/0/type";
    assert_eq!(c.old_pointer.as_str(), at);
    assert_eq!(c.new_pointer.as_str(), at);
    assert!(
        c.message.starts_with("field n of record n.Item"),
        "{}",
        c.message
    );
}

#[test]
fn a_recursive_schema_is_compared_once_per_pair_of_types() {
    let list = |v: &str| {
        format!(
            r#"{{"type":"record","name":"List","fields":[{{"name":"v","type":"{v}"}},{{"name":"next","type":["null","List"],"default":null}}]}}"#
        )
    };
    assert_eq!(ids(&list("int"), &list("long")), ["type_changed"]);
}

#[test]
fn a_named_type_used_twice_is_compared_once() {
    let two = |size: u32| {
        record(&format!(
            r#"{{"name":"a","type":{{"type":"fixed","name":"F","size":{size}}}}},{{"name":"b","type":"F"}}"#
        ))
    };
    let all = changes(&two(4), &two(8));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].old_pointer.as_str(), "/fields/0/type/size");
    assert_eq!(all[0].backward.verdict, Verdict::Incompatible);
}

#[test]
fn deep_nesting_is_walked_without_exhausting_the_stack() {
    let nested = |leaf: &str| {
        let mut schema = format!("\"{leaf}\"");
        for _ in 0..100 {
            schema = format!(r#"{{"type":"array","items":{schema}}}"#);
        }
        schema
    };
    let all = changes(&nested("int"), &nested("long"));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].forward.verdict, Verdict::Incompatible);
}

#[test]
fn a_changed_default_carries_the_explain_passes_note() {
    let c = the(
        "default_changed",
        &record(r#"{"name":"a","type":"int","default":1}"#),
        &record(r#"{"name":"a","type":"int","default":2}"#),
    );
    assert_eq!(c.old_pointer.as_str(), "/fields/0/default");
    for effect in [&c.backward, &c.forward] {
        assert_eq!(effect.verdict, Verdict::CompatibleWithCondition);
        assert_eq!(effect.notes.len(), 1, "{:?}", effect.notes);
    }
}

#[test]
fn a_removed_union_branch_is_named_by_javas_missing_union_branch() {
    let c = the(
        "union_branch_removed",
        &field_a(r#"["null","string","int"]"#),
        &field_a(r#"["null","string"]"#),
    );
    assert_eq!(c.old_pointer.as_str(), "/fields/0/type/2");
    assert_eq!(c.new_pointer.as_str(), "/fields/0/type");
    assert_eq!(c.backward.verdict, Verdict::Incompatible);
    assert!(
        c.backward
            .reason
            .ends_with("MISSING_UNION_BRANCH at /fields/0/type/2"),
        "{}",
        c.backward.reason
    );
    assert_eq!(c.forward.verdict, Verdict::Compatible);
}

#[test]
fn a_removed_union_branch_that_another_branch_promotes_stays_compatible() {
    let c = the(
        "union_branch_removed",
        &field_a(r#"["null","int"]"#),
        &field_a(r#"["null","long"]"#),
    );
    assert_eq!(c.backward.verdict, Verdict::Compatible);
    let added = the(
        "union_branch_added",
        &field_a(r#"["null","int"]"#),
        &field_a(r#"["null","long"]"#),
    );
    assert_eq!(added.forward.verdict, Verdict::Incompatible);
}

#[test]
fn an_enum_default_note_goes_only_to_the_symbol_the_reader_lacks() {
    let all = changes(
        &enum_a(r#""U","A","B""#, r#","default":"U""#),
        &enum_a(r#""U","A","C""#, r#","default":"U""#),
    );
    let of = |id: &str| all.iter().find(|c| c.kind.id() == id).unwrap();
    let (added, removed) = (of("enum_symbol_added"), of("enum_symbol_removed"));
    assert_eq!(added.backward.verdict, Verdict::Compatible);
    assert_eq!(added.forward.verdict, Verdict::CompatibleWithCondition);
    assert!(
        added.forward.reason.contains("[C]"),
        "{}",
        added.forward.reason
    );
    assert_eq!(removed.backward.verdict, Verdict::CompatibleWithCondition);
    assert!(
        removed.backward.reason.contains("[B]"),
        "{}",
        removed.backward.reason
    );
    assert_eq!(removed.forward.verdict, Verdict::Compatible);
}

#[test]
fn a_default_with_a_key_written_twice_is_not_changed_from_itself() {
    // Found by the schema_pair fuzzer: `{"y":1,"y":2}` compared its second `y` with the first.
    let text = r#"{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"long"},"default":{"y":1,"y":2}}]}"#;
    let schema =
        avro_playground_core::schema::parse_schema(text).expect("Java accepts it: the last y wins");
    assert_eq!(
        avro_playground_core::evolution::diff(&schema, &schema),
        vec![]
    );
}

#[test]
fn a_default_with_a_key_written_twice_takes_its_last_value_as_java_does() {
    let text = r#"{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"long"},"default":{"y":1,"y":2}}]}"#;
    let schema = avro_playground_core::schema::parse_schema(text).expect("parses");
    let avro_playground_core::schema::Kind::Record(record) = schema.kind(schema.root()) else {
        panic!("a record");
    };
    let default = avro_playground_core::avro_json::field_default(&schema, &record.fields[0]);
    assert_eq!(
        default,
        Some(avro_playground_core::value::Value::Map(vec![(
            "y".into(),
            avro_playground_core::value::Value::Long(2)
        )]))
    );
}
