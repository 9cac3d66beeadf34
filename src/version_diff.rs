//! The semantic diff of two versions, computed by the worker (with the cross-version lints it gives the
//! newer one) and asked again only when either version's text changes. The diff panel and the
//! cross-version lints share the diff of the edited version with the one before it.

use crate::history::History;
use crate::worker::offloaded::{Answer, Offloaded};
use crate::worker::protocol::{DiffAnswer, Reply, Request};
use crate::worker::WorkerError;
use leptos::prelude::*;
use std::sync::Arc;

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

/// The diff of a pair of versions, or where it stands.
#[derive(Clone, Debug)]
pub enum Diffed {
    /// Nothing to compare: why (a version that does not parse is named; empty when there is no pair).
    Nothing(String),
    /// The worker is computing it.
    Loading,
    /// The worker could not.
    Worker(WorkerError),
    /// The changes, and the lints they give the newer version.
    Done(Arc<DiffAnswer>),
}

impl PartialEq for Diffed {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Diffed::Done(a), Diffed::Done(b)) => Arc::ptr_eq(a, b),
            (Diffed::Nothing(a), Diffed::Nothing(b)) => a == b,
            (Diffed::Loading, Diffed::Loading) => true,
            (Diffed::Worker(a), Diffed::Worker(b)) => a == b,
            _ => false,
        }
    }
}

/// Why versions `old` and `new` of the history cannot be compared, if they cannot.
fn unparsed(h: &History, (old, new): (usize, usize)) -> Option<String> {
    [old, new]
        .into_iter()
        .find_map(|i| match h.schemas.get(i).map(|s| s.0.as_ref()) {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(format!(
                "{} does not parse, so there is nothing to compare: {e}",
                h.names.get(i).map_or("", |n| n)
            )),
            None => Some(String::new()),
        })
}

/// A memo of the diff of the pair `pair` returns, `(old, new)`.
pub fn diff_memo(
    history: Memo<crate::state::Shared<History>>,
    pair: impl Fn() -> (usize, usize) + Send + Sync + 'static,
) -> Memo<Diffed> {
    let asked = Offloaded::<(String, String, String), Result<Arc<DiffAnswer>, String>>::new();
    Memo::new(move |_| {
        let (old, new) = pair();
        let key = history.with(|h| {
            if let Some(why) = unparsed(&h.0, (old, new)) {
                return Err(why);
            }
            let text = |i: usize| h.0.texts.get(i).map_or(String::new(), |t| t.to_string());
            Ok((
                text(old),
                text(new),
                h.0.names.get(old).cloned().unwrap_or_default(),
            ))
        });
        let key = match key {
            Err(why) => return Diffed::Nothing(why),
            Ok(key) => key,
        };
        let request = || Request::Diff {
            old: key.0.clone(),
            new: key.1.clone(),
            old_name: key.2.clone(),
        };
        let take = |_: &_, reply| match reply {
            Reply::Diffed(Ok(d)) => Some(Ok(Arc::new(d))),
            Reply::Diffed(Err(e)) => Some(Err(e)),
            _ => None,
        };
        match asked.get(&key, request, take) {
            Answer::Done(Ok(d)) => Diffed::Done(d),
            Answer::Done(Err(why)) => Diffed::Nothing(why),
            Answer::Loading => Diffed::Loading,
            Answer::Failed(e) => Diffed::Worker(e),
        }
    })
}
