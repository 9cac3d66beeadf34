//! The schema's versions parsed and checked against each other: the reader × writer matrix that every
//! view of the evolution side reads (N² directional checks, each Confluent level read from them).

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
}

/// The history memo of a workspace: recomputed when any version's text changes.
pub fn history(ws: Workspace) -> Memo<Shared<History>> {
    Memo::new(move |_| {
        let (names, texts): (Vec<String>, Vec<String>) = ws
            .versions
            .with(|vs| vs.iter().map(|v| (v.name.clone(), v.text.clone())).unzip());
        let schemas: Vec<Result<Schema, SchemaError>> =
            texts.iter().map(|t| parse_schema(t)).collect();
        let valid: Option<Vec<Schema>> = schemas.iter().map(|s| s.as_ref().ok().cloned()).collect();
        let matrix = valid.map(|v| CompatibilityMatrix::compute(&v));
        Shared(Arc::new(History {
            names,
            texts,
            schemas,
            matrix,
        }))
    })
}
