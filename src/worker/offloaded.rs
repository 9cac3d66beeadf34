//! A question for the worker and its answer, as a memo reads them: the answer when it is there for the
//! question asked now, else the question is asked (once) and, until the answer comes, the last answer
//! stands (so a keystroke does not blank the view), or the memo shows that it is loading. The answer lands
//! in a signal, so the memo runs again when it comes; an answer to a question no longer asked is dropped.

use super::protocol::{Reply, Request};
use super::WorkerError;
use leptos::prelude::*;

/// Where an answer from the worker stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer<V> {
    /// Asked; the worker (or its files) has not answered yet.
    Loading,
    /// The worker could not answer.
    Failed(WorkerError),
    /// The answer.
    Done(V),
}

/// An answer with the generation it came in and its question.
type Answered<K, V> = (u32, K, Result<V, WorkerError>);

/// The last question of one kind and its answer: `K` says what was asked, `V` is the answer as the page
/// keeps it.
pub struct Offloaded<K: 'static, V: 'static> {
    /// The last answer: the [`super::generation`] it came in, its question, and the answer.
    answered: RwSignal<Option<Answered<K, V>>>,
    asked: StoredValue<Option<(u32, K)>>,
}

impl<K: 'static, V: 'static> Clone for Offloaded<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: 'static, V: 'static> Copy for Offloaded<K, V> {}

impl<K, V> Offloaded<K, V>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    /// Nothing asked yet.
    pub fn new() -> Self {
        Offloaded {
            answered: RwSignal::new(None),
            asked: StoredValue::new(None),
        }
    }

    /// The answer to `key` (tracked; the last answer while it loads); asks the worker `request()` when
    /// `key` was not asked yet, and turns its reply to `key` into the page's answer with `take` (`None`: a
    /// reply of another kind).
    pub fn get(
        self,
        key: &K,
        request: impl FnOnce() -> Request,
        take: fn(&K, Reply) -> Option<V>,
    ) -> Answer<V> {
        let generation = super::generation();
        let done = self.answered.with(|a| match a {
            Some((g, k, answer)) if *g == generation && k == key => Some(answer.clone()),
            _ => None,
        });
        match done {
            Some(Ok(v)) => return Answer::Done(v),
            Some(Err(e)) => return Answer::Failed(e),
            None => {}
        }
        let asked = self
            .asked
            .with_value(|a| matches!(a, Some((g, k)) if *g == generation && k == key));
        if !asked {
            self.asked.set_value(Some((generation, key.clone())));
            let key = key.clone();
            super::ask(request(), move |reply| {
                let current = self
                    .asked
                    .try_with_value(|a| matches!(a, Some((g, k)) if *g == generation && *k == key));
                if current == Some(true) {
                    let answer = reply.and_then(|r| {
                        take(&key, r).ok_or_else(|| {
                            WorkerError::Failed("it answered another question".into())
                        })
                    });
                    self.answered.set(Some((generation, key, answer)));
                }
            });
        }
        let last = self.answered.with(|a| match a {
            Some((g, _, Ok(v))) if *g == generation => Some(v.clone()),
            _ => None,
        });
        last.map_or(Answer::Loading, Answer::Done)
    }
}

impl<K, V> Default for Offloaded<K, V>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}
