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

/// Runs each file of `dir/<target>/` through the target; returns how many ran and the failures, by file.
fn replay(dir: &str, target: &str) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (_, run) in TARGETS.iter().filter(|(name, _)| *name == target) {
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

/// Replays `dir/<target>/` through `target`, failing once with every failing file named.
fn assert_replays(dir: &str, target: &str, at_least: usize) {
    let (ran, failures) = replay(dir, target);
    assert!(
        failures.is_empty(),
        "{} of {ran} files of {dir}/{target} fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(ran >= at_least, "only {ran} files in {dir}/{target}");
}

/// A corpus test and a regression test for each target, named after it.
macro_rules! replay_tests {
    ($($target:ident),*) => {
        $(
            mod $target {
                #[test]
                fn every_corpus_file_keeps_every_property() {
                    super::assert_replays("corpus", stringify!($target), 1);
                }

                #[test]
                fn every_regression_file_keeps_every_property() {
                    super::assert_replays("regressions", stringify!($target), 0);
                }
            }
        )*
    };
}

replay_tests!(
    schema_text,
    datum_text,
    datum_bytes,
    container_file,
    paste,
    schema_pair
);

#[test]
fn every_target_is_replayed() {
    let names: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "schema_text",
            "datum_text",
            "datum_bytes",
            "container_file",
            "paste",
            "schema_pair"
        ],
        "a target was added: add it to replay_tests! too"
    );
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
