//! The semantic diff of two versions, memoized on their parses: computed again only when either version's
//! parsed schema changes. The diff panel and the cross-version lints share the diff of the edited version
//! with the one before it.

use crate::history::History;
use crate::state::Shared;
use avro_playground_core::evolution::{diff, Change};
use avro_playground_core::schema::Schema;
use leptos::prelude::*;
use std::sync::Arc;

/// The changes between two versions, or why there are none to show.
pub type Compared = Result<Vec<Change>, String>;

/// The versions compared, `(old, new)`: the chosen pair while both exist, else the version before the
/// edited one and the edited one (the first two when the first is edited).
pub fn compared_pair(
    chosen: Option<(usize, usize)>,
    current: usize,
    count: usize,
) -> (usize, usize) {
    match chosen {
        Some((old, new)) if old < count && new < count => (old, new),
        _ if count < 2 => (0, 0),
        _ => {
            let new = current.clamp(1, count - 1);
            (new - 1, new)
        }
    }
}

/// The two parsed schemas of versions `old` and `new` of the history; a version that does not parse is
/// named instead.
fn schemas(h: &History, (old, new): (usize, usize)) -> Result<(Arc<Schema>, Arc<Schema>), String> {
    let schema = |i: usize| match h.schemas.get(i).map(|s| s.0.as_ref()) {
        Some(Ok(s)) => Ok(s.clone()),
        Some(Err(e)) => Err(format!(
            "{} does not parse, so there is nothing to compare: {e}",
            h.names.get(i).map_or("", |n| n)
        )),
        None => Err(String::new()),
    };
    Ok((schema(old)?, schema(new)?))
}

/// The diff of two parsed schemas, with the schemas it was computed from: kept while neither changes.
#[derive(Clone)]
pub struct Diffed {
    schemas: Result<(Arc<Schema>, Arc<Schema>), String>,
    /// The changes, or why there are none to show.
    pub compared: Shared<Compared>,
}

impl PartialEq for Diffed {
    fn eq(&self, other: &Self) -> bool {
        self.compared == other.compared
    }
}

impl Diffed {
    /// Whether this diff was computed from these schemas (the same parses) or the same error.
    fn of(&self, schemas: &Result<(Arc<Schema>, Arc<Schema>), String>) -> bool {
        match (&self.schemas, schemas) {
            (Ok((a, b)), Ok((c, d))) => Arc::ptr_eq(a, c) && Arc::ptr_eq(b, d),
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }
}

/// A memo of the diff of the pair `pair` returns, `(old, new)`.
pub fn diff_memo(
    history: Memo<Shared<History>>,
    pair: impl Fn() -> (usize, usize) + Send + Sync + 'static,
) -> Memo<Diffed> {
    Memo::new(move |previous: Option<&Diffed>| {
        let schemas = history.with(|h| schemas(&h.0, pair()));
        if let Some(p) = previous.filter(|p| p.of(&schemas)) {
            return p.clone();
        }
        let compared = schemas
            .as_ref()
            .map(|(a, b)| diff(a, b))
            .map_err(Clone::clone);
        Diffed {
            schemas,
            compared: Shared(Arc::new(compared)),
        }
    })
}
