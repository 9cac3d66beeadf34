//! The incompatibilities a check has found, as a shared tree rather than a list.
//!
//! Java memoises each reader/writer pair's result and merges it again at every later visit, so a named
//! type referenced many times repeats its incompatibilities at each reference; with types that share types
//! the list can double at each level. Merging here is a cheap node that shares its parts; the list is
//! spelled out once, up to a cap.

use super::Incompatibility;
use std::rc::Rc;

/// Incompatibilities found, in Java's order.
#[derive(Clone, Debug, Default)]
pub(crate) enum Found {
    /// None: the pair is compatible.
    #[default]
    Nothing,
    /// One incompatibility.
    One(Rc<Incompatibility>),
    /// Several parts in order (never empty ones), and how many incompatibilities they hold (saturating).
    All(Rc<[Found]>, usize),
}

impl Found {
    /// One incompatibility.
    pub(crate) fn one(incompatibility: Incompatibility) -> Found {
        Found::One(Rc::new(incompatibility))
    }

    /// The parts in order, as Java's `mergedWith` chains them.
    pub(crate) fn all(parts: Vec<Found>) -> Found {
        let mut parts: Vec<Found> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        match parts.len() {
            0 => Found::Nothing,
            1 => parts.pop().unwrap_or_default(),
            _ => {
                let count = parts.iter().fold(0usize, |n, p| n.saturating_add(p.len()));
                Found::All(parts.into(), count)
            }
        }
    }

    /// Whether nothing was found (Java's COMPATIBLE).
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Found::Nothing)
    }

    /// How many incompatibilities, counting repeats (saturating).
    pub(crate) fn len(&self) -> usize {
        match self {
            Found::Nothing => 0,
            Found::One(_) => 1,
            Found::All(_, n) => *n,
        }
    }

    /// The first `cap` incompatibilities in order, and how many more there are.
    pub(crate) fn to_vec(&self, cap: usize) -> (Vec<Incompatibility>, usize) {
        let mut out = Vec::new();
        let mut stack: Vec<&Found> = vec![self];
        while let Some(next) = stack.pop() {
            if out.len() >= cap {
                break;
            }
            match next {
                Found::Nothing => {}
                Found::One(i) => out.push(Incompatibility::clone(i)),
                Found::All(parts, _) => stack.extend(parts.iter().rev()),
            }
        }
        let omitted = self.len().saturating_sub(out.len());
        (out, omitted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::IncompatibilityType;
    use crate::schema::SchemaId;
    use crate::source::Pointer;

    fn leaf(message: &str) -> Found {
        Found::one(Incompatibility {
            kind: IncompatibilityType::TypeMismatch,
            location: Pointer::root(),
            message: message.into(),
            reader_fragment: SchemaId(0),
            writer_fragment: SchemaId(0),
        })
    }

    #[test]
    fn parts_keep_their_order_and_empty_parts_vanish() {
        let found = Found::all(vec![
            leaf("a"),
            Found::Nothing,
            Found::all(vec![leaf("b"), leaf("c")]),
        ]);
        let (list, omitted) = found.to_vec(10);
        let messages: Vec<&str> = list.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(messages, ["a", "b", "c"]);
        assert_eq!(omitted, 0);
        assert!(Found::all(vec![Found::Nothing]).is_empty());
    }

    #[test]
    fn shared_parts_double_without_copying_and_the_list_is_capped() {
        let mut found = leaf("x");
        for _ in 0..80 {
            found = Found::all(vec![found.clone(), found]);
        }
        assert_eq!(found.len(), usize::MAX);
        let (list, omitted) = found.to_vec(5);
        assert_eq!(list.len(), 5);
        assert_eq!(omitted, usize::MAX - 5);
    }
}
