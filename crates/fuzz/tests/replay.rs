//! Replays every committed corpus file (`corpus/<target>/`) and regression file (`regressions/<target>/`)
//! through the same target functions the fuzzers run, on stable Rust with the test profile's overflow
//! checks. Every failing file is reported by name, then the test fails once.

use avro_playground_fuzz::TARGETS;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The files of `dir/<target>/`, sorted; none when the directory is missing.
fn files(dir: &str, target: &str) -> Vec<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(target);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Runs each file of `dir` through its target; returns how many ran and the failures, by file.
fn replay(dir: &str) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (target, run) in TARGETS {
        for file in files(dir, target) {
            let name = format!(
                "{dir}/{target}/{}",
                file.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            let data = match std::fs::read(&file) {
                Ok(data) => data,
                Err(e) => {
                    failures.push(format!("{name}: cannot be read: {e}"));
                    continue;
                }
            };
            ran += 1;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(&data))) {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: {why}"));
            }
        }
    }
    (ran, failures)
}

fn assert_replays(dir: &str, at_least: usize) {
    let (ran, failures) = replay(dir);
    assert!(
        failures.is_empty(),
        "{} of {ran} {dir} files fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran >= at_least, "only {ran} {dir} files found");
}

#[test]
fn every_corpus_file_replays_without_a_broken_property() {
    assert_replays("corpus", TARGETS.len());
}

#[test]
fn every_regression_file_replays_without_a_broken_property() {
    assert_replays("regressions", 1);
}

#[test]
fn every_target_has_a_corpus() {
    let empty: Vec<&str> = TARGETS
        .iter()
        .filter(|(t, _)| files("corpus", t).is_empty())
        .map(|(t, _)| *t)
        .collect();
    assert!(empty.is_empty(), "targets without a corpus: {empty:?}");
}

#[test]
fn overflow_checks_are_on_in_this_build() {
    let max = std::hint::black_box(u8::MAX);
    let result = catch_unwind(|| max + std::hint::black_box(1));
    assert!(
        result.is_err(),
        "u8::MAX + 1 did not panic: overflow checks are off"
    );
}
