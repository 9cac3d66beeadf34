//! The schema's versions parsed and checked against each other: the reader × writer matrix that every
//! view of the evolution side reads. Recomputed incrementally: a version whose text did not change keeps
//! its parsed schema, and a cell whose two texts did not change keeps its check, so an edit to one version
//! of N costs one parse and 2N − 1 checks.

use crate::state::{Shared, Workspace};
use avro_playground_core::compat::CompatibilityMatrix;
use avro_playground_core::schema::{parse_schema, Schema, SchemaError};
use leptos::prelude::*;
use std::sync::Arc;

/// The versions as parsed, and the matrix when every version parses.
pub struct History {
    /// Version names, oldest first.
    pub names: Vec<String>,
    /// Version texts (the ranges of the schemas' nodes point into them).
    pub texts: Vec<String>,
    /// Each version parsed.
    pub schemas: Vec<Result<Schema, SchemaError>>,
    /// Every reader × writer check; `None` while a version does not parse.
    pub matrix: Option<CompatibilityMatrix>,
}

impl History {
    /// The versions that do not parse, with their names.
    pub fn broken(&self) -> Vec<(String, String)> {
        self.names
            .iter()
            .zip(&self.schemas)
            .filter_map(|(n, s)| s.as_ref().err().map(|e| (n.clone(), e.to_string())))
            .collect()
    }

    /// Builds the history of `versions`, reusing from `previous` what did not change.
    pub fn compute(names: Vec<String>, texts: Vec<String>, previous: Option<&History>) -> History {
        // For each version, the index of the same text in the previous history.
        let before: Vec<Option<usize>> = texts
            .iter()
            .map(|t| previous.and_then(|p| p.texts.iter().position(|old| old == t)))
            .collect();
        let schemas: Vec<Result<Schema, SchemaError>> = texts
            .iter()
            .zip(&before)
            .map(|(t, b)| match b.and_then(|i| previous?.schemas.get(i)) {
                Some(parsed) => parsed.clone(),
                None => parse_schema(t),
            })
            .collect();
        let valid: Option<Vec<Schema>> = schemas.iter().map(|s| s.as_ref().ok().cloned()).collect();
        let matrix = valid.map(|v| {
            CompatibilityMatrix::compute_reusing(&v, |r, w| {
                let old = previous?.matrix.as_ref()?;
                old.get(before.get(r).copied()??, before.get(w).copied()??)
                    .cloned()
            })
        });
        History {
            names,
            texts,
            schemas,
            matrix,
        }
    }
}

/// The history memo of a workspace: recomputed when any version's text changes.
pub fn history(ws: Workspace) -> Memo<Shared<History>> {
    Memo::new(move |previous: Option<&Shared<History>>| {
        let (names, texts): (Vec<String>, Vec<String>) = ws
            .versions
            .with(|vs| vs.iter().map(|v| (v.name.clone(), v.text.clone())).unzip());
        Shared(Arc::new(History::compute(
            names,
            texts,
            previous.map(|p| p.0.as_ref()),
        )))
    })
}
