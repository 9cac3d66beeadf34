//! Shared by the vector tests: loading the corpus and reporting every failing case id, not the first.
#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

/// The corpus folder (tests/corpus at the repository's top).
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// All cases of one corpus file.
pub fn cases(file: &str) -> Vec<Value> {
    let path = corpus_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Array(cases)) => cases,
        other => panic!("{} is not a JSON array: {other:?}", path.display()),
    }
}

/// The case's id.
pub fn id(case: &Value) -> String {
    case["id"].as_str().unwrap_or("?").to_string()
}

/// A schema given as JSON in a case, as text.
pub fn schema_text(v: &Value) -> String {
    match v {
        Value::String(s) if !s.trim_start().starts_with(['{', '[', '"']) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

/// Collects failures of a vector run and fails the test with all of them.
#[derive(Default)]
pub struct Report {
    pub ran: usize,
    pub failures: Vec<String>,
}

impl Report {
    /// Records one case's outcome.
    pub fn check(&mut self, case_id: &str, outcome: Result<(), String>) {
        self.ran += 1;
        if let Err(why) = outcome {
            self.failures.push(format!("{case_id}: {why}"));
        }
    }

    /// Fails with every failing id, or prints the count.
    pub fn finish(self, what: &str) {
        assert!(self.ran > 0, "{what}: no case ran");
        if !self.failures.is_empty() {
            panic!(
                "{what}: {} of {} cases failed:\n{}",
                self.failures.len(),
                self.ran,
                self.failures.join("\n")
            );
        }
        eprintln!("{what}: all {} cases passed", self.ran);
    }
}
