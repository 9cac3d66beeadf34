//! The schema's versions parsed and checked against each other: the reader × writer matrix that every
//! view of the evolution side reads, and the one parse of each version that the editor, lints, encoder,
//! decoder and "which version wrote these bytes" share. Recomputed incrementally: a version whose text did
//! not change keeps its parsed schema (the same `Arc`), and a cell whose two texts did not change keeps its
//! check, so an edit to one version of N costs one parse and 2N − 1 checks.

use crate::state::{Shared, Version};
use avro_playground_core::compat::CompatibilityMatrix;
use avro_playground_core::schema::{parse_schema, Schema, SchemaError};
use leptos::prelude::*;
use std::sync::Arc;

/// A version's text parsed: the schema, or why it is not one.
pub type Parsed = Shared<Result<Arc<Schema>, SchemaError>>;

/// The versions as parsed, and the matrix when every version parses.
pub struct History {
    /// Version names, oldest first.
    pub names: Vec<String>,
    /// Version texts (the ranges of the schemas' nodes point into them).
    pub texts: Vec<String>,
    /// Each version parsed.
    pub schemas: Vec<Parsed>,
    /// Every reader × writer check; `None` while a version does not parse.
    pub matrix: Option<CompatibilityMatrix>,
}

impl History {
    /// The versions that do not parse, with their names.
    pub fn broken(&self) -> Vec<(String, String)> {
        self.names
            .iter()
            .zip(&self.schemas)
            .filter_map(|(n, s)| {
                s.0.as_ref()
                    .as_ref()
                    .err()
                    .map(|e| (n.clone(), e.to_string()))
            })
            .collect()
    }

    /// Version `i`'s schema, when it parses.
    pub fn schema(&self, i: usize) -> Option<&Arc<Schema>> {
        self.schemas.get(i)?.0.as_ref().as_ref().ok()
    }

    /// Builds the history of `versions`, reusing from `previous` what did not change.
    pub fn compute(names: Vec<String>, texts: Vec<String>, previous: Option<&History>) -> History {
        // For each version, the index of the same text in the previous history.
        // The same place is tried first: an edit changes one text and leaves the others where they were.
        let before: Vec<Option<usize>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let p = previous?;
                (p.texts.get(i) == Some(t))
                    .then_some(i)
                    .or_else(|| p.texts.iter().position(|old| old == t))
            })
            .collect();
        let schemas: Vec<Parsed> = texts
            .iter()
            .zip(&before)
            .map(|(t, b)| match b.and_then(|i| previous?.schemas.get(i)) {
                Some(parsed) => parsed.clone(),
                None => {
                    crate::crash::trip(t);
                    Shared(Arc::new(parse_schema(t).map(Arc::new)))
                }
            })
            .collect();
        let valid: Option<Vec<Arc<Schema>>> = schemas
            .iter()
            .map(|s| s.0.as_ref().as_ref().ok().cloned())
            .collect();
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

/// The history memo of a list of versions: recomputed when any version's name or text changes.
pub fn history(versions: RwSignal<Vec<Version>>) -> Memo<Shared<History>> {
    Memo::new(move |previous: Option<&Shared<History>>| {
        let (names, texts): (Vec<String>, Vec<String>) =
            versions.with(|vs| vs.iter().map(|v| (v.name.clone(), v.text.clone())).unzip());
        Shared(Arc::new(History::compute(
            names,
            texts,
            previous.map(|p| p.0.as_ref()),
        )))
    })
}
