//! Confluent Schema Registry compatibility levels on top of the reader/writer check.
//!
//! BACKWARD: the candidate, as reader, reads the latest version as writer. FORWARD: the latest version, as
//! reader, reads the candidate as writer. FULL: both. The `_TRANSITIVE` levels check every earlier version,
//! newest first, and stop at the first that fails. NONE checks nothing.

use super::{check_reader_writer_compatibility, Compatibility, Incompatibility};
use crate::schema::Schema;
use std::fmt;

/// A Confluent compatibility level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The candidate reads the latest version.
    Backward,
    /// The candidate reads every version.
    BackwardTransitive,
    /// The latest version reads the candidate.
    Forward,
    /// Every version reads the candidate.
    ForwardTransitive,
    /// Backward and forward against the latest version.
    Full,
    /// Backward and forward against every version.
    FullTransitive,
    /// No check.
    None,
}

/// Which way one directional check reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The candidate is the reader, the registered version the writer.
    Backward,
    /// The registered version is the reader, the candidate the writer.
    Forward,
}

impl Mode {
    /// Every level, in Confluent's order.
    pub const ALL: [Mode; 7] = [
        Mode::Backward,
        Mode::BackwardTransitive,
        Mode::Forward,
        Mode::ForwardTransitive,
        Mode::Full,
        Mode::FullTransitive,
        Mode::None,
    ];

    /// The level's name as Confluent writes it (`BACKWARD_TRANSITIVE`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Backward => "BACKWARD",
            Mode::BackwardTransitive => "BACKWARD_TRANSITIVE",
            Mode::Forward => "FORWARD",
            Mode::ForwardTransitive => "FORWARD_TRANSITIVE",
            Mode::Full => "FULL",
            Mode::FullTransitive => "FULL_TRANSITIVE",
            Mode::None => "NONE",
        }
    }

    /// The level named `name`, in any letter case.
    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }

    /// Whether every earlier version is checked, not only the latest.
    pub fn is_transitive(self) -> bool {
        matches!(
            self,
            Mode::BackwardTransitive | Mode::ForwardTransitive | Mode::FullTransitive
        )
    }

    /// The directional checks made against each version.
    pub fn directions(self) -> &'static [Direction] {
        match self {
            Mode::Backward | Mode::BackwardTransitive => &[Direction::Backward],
            Mode::Forward | Mode::ForwardTransitive => &[Direction::Forward],
            Mode::Full | Mode::FullTransitive => &[Direction::Backward, Direction::Forward],
            Mode::None => &[],
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Direction {
    /// `backward` or `forward`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Backward => "backward",
            Direction::Forward => "forward",
        }
    }
}

/// An incompatibility and the direction of the check that found it (its location is in that check's reader).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectedIncompatibility {
    /// Which way the failing check read.
    pub direction: Direction,
    /// What Java reported.
    pub incompatibility: Incompatibility,
}

/// Whether a candidate schema registers under a level, and what was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    /// The level.
    pub mode: Mode,
    /// Whether the registry accepts the candidate.
    pub compatible: bool,
    /// The versions checked, 1-based, in the order checked (newest first).
    pub checked_versions: Vec<usize>,
    /// The version that failed (1-based); checking stopped there.
    pub failing_version: Option<usize>,
    /// The failing version's incompatibilities, backward ones first.
    pub incompatibilities: Vec<DirectedIncompatibility>,
}

/// Decides registering `candidate` after `versions` (oldest first) under `mode`, with only the directional
/// checks that level needs.
pub fn register(mode: Mode, versions: &[Schema], candidate: &Schema) -> Registration {
    decide(mode, versions.len(), |direction, v| {
        let version = versions.get(v)?;
        Some(match direction {
            Direction::Backward => check_reader_writer_compatibility(candidate, version),
            Direction::Forward => check_reader_writer_compatibility(version, candidate),
        })
    })
}

/// `check(direction, v)` answers one directional check against version index `v` (0-based).
fn decide(
    mode: Mode,
    version_count: usize,
    mut check: impl FnMut(Direction, usize) -> Option<Compatibility>,
) -> Registration {
    let order: Vec<usize> = match (mode, version_count) {
        (Mode::None, _) | (_, 0) => Vec::new(),
        (m, n) if m.is_transitive() => (0..n).rev().collect(),
        (_, n) => vec![n - 1],
    };
    let mut registration = Registration {
        mode,
        compatible: true,
        checked_versions: Vec::new(),
        failing_version: None,
        incompatibilities: Vec::new(),
    };
    for v in order {
        registration.checked_versions.push(v + 1);
        for &direction in mode.directions() {
            let Some(result) = check(direction, v) else {
                continue;
            };
            if !result.compatible {
                registration.compatible = false;
                registration.failing_version = Some(v + 1);
                registration
                    .incompatibilities
                    .extend(result.incompatibilities.into_iter().map(|incompatibility| {
                        DirectedIncompatibility {
                            direction,
                            incompatibility,
                        }
                    }));
            }
        }
        if !registration.compatible {
            break;
        }
    }
    registration
}

/// Every schema of a subject checked as reader against every one as writer: N² directional checks, from
/// which any level's decision for any version can be read without checking again.
#[derive(Clone, Debug)]
pub struct CompatibilityMatrix {
    size: usize,
    /// Row-major: `cells[reader * size + writer]`.
    cells: Vec<Compatibility>,
}

impl CompatibilityMatrix {
    /// Checks each of `schemas` (oldest first) as reader against each as writer.
    pub fn compute(schemas: &[Schema]) -> CompatibilityMatrix {
        Self::compute_reusing(schemas, |_, _| None)
    }

    /// Like [`compute`](Self::compute), but takes a cell from `known(reader, writer)` where it gives one
    /// (e.g. the previous matrix's, for versions whose text did not change), so an edit to one version
    /// costs 2N − 1 checks instead of N².
    pub fn compute_reusing<S: std::borrow::Borrow<Schema>>(
        schemas: &[S],
        mut known: impl FnMut(usize, usize) -> Option<Compatibility>,
    ) -> CompatibilityMatrix {
        let mut cells = Vec::with_capacity(schemas.len() * schemas.len());
        for (r, reader) in schemas.iter().enumerate() {
            for (w, writer) in schemas.iter().enumerate() {
                cells.push(known(r, w).unwrap_or_else(|| {
                    check_reader_writer_compatibility(reader.borrow(), writer.borrow())
                }));
            }
        }
        CompatibilityMatrix {
            size: schemas.len(),
            cells,
        }
    }

    /// How many schemas.
    pub fn len(&self) -> usize {
        self.size
    }

    /// Whether there are no schemas.
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// Whether schema `reader` reads schema `writer` (0-based indices), with Java's incompatibilities.
    pub fn get(&self, reader: usize, writer: usize) -> Option<&Compatibility> {
        if reader >= self.size || writer >= self.size {
            return None;
        }
        self.cells.get(reader * self.size + writer)
    }

    /// The decision for registering schema `candidate` (0-based) after the schemas before it, under `mode`.
    pub fn registration(&self, mode: Mode, candidate: usize) -> Option<Registration> {
        if candidate >= self.size {
            return None;
        }
        Some(decide(mode, candidate, |direction, v| {
            let cell = match direction {
                Direction::Backward => self.get(candidate, v),
                Direction::Forward => self.get(v, candidate),
            };
            cell.cloned()
        }))
    }
}
