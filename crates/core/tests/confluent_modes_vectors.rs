//! Every case of tests/corpus/confluent_modes.json, for every level: whether the candidate registers, and
//! which versions it is incompatible with.
//!
//! The corpus lists every failing version; the registry (and `register`) checks newest first and stops at the
//! first failure. So `register` must fail at the newest failing version after checking exactly the versions
//! down to it, and the full set of failing versions is read from the N×N matrix.

mod common;

use avro_playground_core::compat::{register, CompatibilityMatrix, Direction, Mode};
use avro_playground_core::schema::{parse_schema, Schema};
use common::{cases, id, schema_text, Report};
use serde_json::Value;

fn parse(v: &Value, what: &str) -> Result<Schema, String> {
    parse_schema(&schema_text(v)).map_err(|e| format!("{what} rejected: {e}"))
}

/// The versions (1-based) incompatible with the candidate under `mode`, from the matrix.
fn failing_from_matrix(matrix: &CompatibilityMatrix, mode: Mode, candidate: usize) -> Vec<usize> {
    let versions: Vec<usize> = match (mode, candidate) {
        (Mode::None, _) | (_, 0) => Vec::new(),
        (m, n) if m.is_transitive() => (0..n).collect(),
        (_, n) => vec![n - 1],
    };
    versions
        .into_iter()
        .filter(|&v| {
            mode.directions().iter().any(|d| {
                let cell = match d {
                    Direction::Backward => matrix.get(candidate, v),
                    Direction::Forward => matrix.get(v, candidate),
                };
                cell.is_some_and(|c| !c.compatible)
            })
        })
        .map(|v| v + 1)
        .collect()
}

fn compare(case: &Value) -> Result<(), String> {
    let versions: Vec<Schema> = case["versions"]
        .as_array()
        .ok_or("no versions")?
        .iter()
        .enumerate()
        .map(|(i, v)| parse(v, &format!("version {}", i + 1)))
        .collect::<Result<_, _>>()?;
    let candidate = parse(&case["candidate"], "candidate")?;
    let mut all = versions.clone();
    all.push(candidate.clone());
    let matrix = CompatibilityMatrix::compute(&all);
    let n = versions.len();
    let mut diffs = Vec::new();
    for mode in Mode::ALL {
        let expect = &case["expect"][mode.as_str()];
        let want_compatible = expect["compatible"]
            .as_bool()
            .ok_or(format!("{mode}: no expectation"))?;
        let want_failing: Vec<usize> = expect["failing_versions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64().map(|v| v as usize))
                    .collect()
            })
            .unwrap_or_default();

        let registration = register(mode, &versions, &candidate);
        if registration.compatible != want_compatible {
            diffs.push(format!(
                "{mode}: compatible {} want {want_compatible}",
                registration.compatible
            ));
        }
        let failing = failing_from_matrix(&matrix, mode, n);
        if failing != want_failing {
            diffs.push(format!(
                "{mode}: failing versions {failing:?} want {want_failing:?}"
            ));
        }
        let newest_failing = want_failing.iter().max().copied();
        if registration.failing_version != newest_failing {
            diffs.push(format!(
                "{mode}: stopped at {:?}, want the newest failing {newest_failing:?}",
                registration.failing_version
            ));
        }
        let stop = newest_failing.unwrap_or(1);
        let want_checked: Vec<usize> = match mode {
            Mode::None => Vec::new(),
            m if m.is_transitive() => (stop..=n).rev().collect(),
            _ => (n..=n).filter(|&v| v >= 1).collect(),
        };
        if registration.checked_versions != want_checked {
            diffs.push(format!(
                "{mode}: checked {:?} want {want_checked:?}",
                registration.checked_versions
            ));
        }
        if registration.compatible != registration.incompatibilities.is_empty() {
            diffs.push(format!("{mode}: verdict and incompatibilities disagree"));
        }
        if matrix.registration(mode, n).as_ref() != Some(&registration) {
            diffs.push(format!(
                "{mode}: the matrix decides differently from register"
            ));
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[test]
fn every_confluent_case_registers_or_fails_at_the_expected_versions() {
    let mut report = Report::default();
    for case in cases("confluent_modes.json") {
        report.check(&id(&case), compare(&case));
    }
    report.finish("confluent_modes.json");
}
