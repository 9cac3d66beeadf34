//! Which changes explain an incompatibility the checker reported.
//!
//! Every incompatibility names the reader and writer types where it was found (Java's fragments). The walk
//! knows which old/new pair of types each change sits in, so an incompatibility goes to the changes of its
//! pair that its type names (a removed symbol for MISSING_ENUM_SYMBOLS, the field named in
//! READER_FIELD_MISSING_DEFAULT_VALUE…). When the checker compared types the walk did not pair (a writer
//! union's branches against a reader type, Java's enum-against-record quirk), or when a union hides the real
//! cause, the incompatibility goes to the nearest pair the walk did compare, to its changes that break
//! reading by their rule.

use super::walk::{Found, Visit, Walked};
use super::ChangeKind;
use crate::compat::{Direction, Incompatibility, IncompatibilityType};
use crate::schema::{Kind, Schema, SchemaId};

/// Attributes incompatibilities of checks between one old and one new schema to the walk's changes.
pub(super) struct Attributor<'w> {
    old: &'w Schema,
    new: &'w Schema,
    walked: &'w Walked,
    old_parents: Vec<Vec<SchemaId>>,
    new_parents: Vec<Vec<SchemaId>>,
}

/// For each node of `schema`, the nodes that contain it (records by a field, arrays, maps, unions).
fn parents(schema: &Schema) -> Vec<Vec<SchemaId>> {
    let mut parents = vec![Vec::new(); schema.len()];
    for index in 0..schema.len() {
        let Ok(raw) = u32::try_from(index) else { break };
        let id = SchemaId(raw);
        let mut contains = |child: SchemaId| {
            if let Some(list) = parents.get_mut(child.0 as usize) {
                list.push(id);
            }
        };
        match schema.kind(id) {
            Kind::Record(r) => r.fields.iter().for_each(|f| contains(f.schema)),
            Kind::Array(child) | Kind::Map(child) => contains(*child),
            Kind::Union(branches) => branches.iter().for_each(|b| contains(*b)),
            _ => {}
        }
    }
    parents
}

/// How many containment steps lead up from `start` to each node that contains it (`None`: not above it).
fn distances(parents: &[Vec<SchemaId>], start: SchemaId) -> Vec<Option<usize>> {
    let mut distance = vec![None; parents.len()];
    set_distance(&mut distance, start, 0);
    // Breadth first: the queue is the visited nodes in order, `next` the first not yet expanded.
    let mut queue = vec![start];
    let mut next = 0;
    while let Some(&id) = queue.get(next) {
        next += 1;
        let d = distance_of(&distance, id).unwrap_or(0);
        for parent in parents.get(id.0 as usize).into_iter().flatten() {
            if distance_of(&distance, *parent).is_none() {
                set_distance(&mut distance, *parent, d + 1);
                queue.push(*parent);
            }
        }
    }
    distance
}

fn distance_of(distance: &[Option<usize>], id: SchemaId) -> Option<usize> {
    distance.get(id.0 as usize).copied().flatten()
}

fn set_distance(distance: &mut [Option<usize>], id: SchemaId, d: usize) {
    if let Some(slot) = distance.get_mut(id.0 as usize) {
        *slot = Some(d);
    }
}

impl<'w> Attributor<'w> {
    /// An attributor for the walk of `old` against `new`.
    pub(super) fn new(old: &'w Schema, new: &'w Schema, walked: &'w Walked) -> Self {
        Attributor {
            old,
            new,
            walked,
            old_parents: parents(old),
            new_parents: parents(new),
        }
    }

    /// The changes (indices into the walk's) that explain `incompatibility`, found by the check in
    /// `direction`, and the pair it was found in (or the nearest pair the walk compared).
    pub(super) fn changes(
        &self,
        incompatibility: &Incompatibility,
        direction: Direction,
    ) -> Explained {
        let (o, n) = match direction {
            Direction::Backward => (
                incompatibility.writer_fragment,
                incompatibility.reader_fragment,
            ),
            Direction::Forward => (
                incompatibility.reader_fragment,
                incompatibility.writer_fragment,
            ),
        };
        // The walk compares each pair once.
        let compared = self
            .walked
            .visits
            .iter()
            .position(|v| (v.old, v.new) == (o, n));
        if let Some(visit) = compared {
            let mut changes = self.direct(visit, incompatibility, direction);
            if changes.is_empty() {
                changes = self.fallback(visit, direction);
            }
            return Explained {
                visit: Some(visit),
                changes,
            };
        }
        let Some(visit) = self.nearest(o, n) else {
            return Explained::default();
        };
        let mut changes = self.enum_against_record(incompatibility, direction, visit);
        if changes.is_empty() {
            changes = self.fallback(visit, direction);
        }
        Explained {
            visit: Some(visit),
            changes,
        }
    }

    /// The indices of the changes that `keep` keeps (one instantiation for every filter below).
    fn found(&self, keep: &dyn Fn(&Found) -> bool) -> Vec<usize> {
        let mut kept = Vec::new();
        for (i, f) in self.walked.found.iter().enumerate() {
            if keep(f) {
                kept.push(i);
            }
        }
        kept
    }

    /// The changes of `visit` whose kind passes `wanted`.
    fn at(&self, visit: usize, wanted: &dyn Fn(&ChangeKind) -> bool) -> Vec<usize> {
        self.found(&|f| f.visit == visit && wanted(&f.kind))
    }

    /// The changes of `visit` and the pairs below it that break reading in `direction` by their rule.
    fn breaking_below(&self, visit: usize, direction: Direction, include_self: bool) -> Vec<usize> {
        self.found(&|f| {
            (include_self || f.visit != visit)
                && self.within(f.visit, visit)
                && breaks(f, direction)
        })
    }

    /// Whether pair `visit` is `ancestor` or was reached through it.
    fn within(&self, visit: usize, ancestor: usize) -> bool {
        let mut at = Some(visit);
        // At most one step per pair: a bound, should the parents ever form a cycle.
        for _ in 0..=self.walked.visits.len() {
            match at {
                Some(v) if v == ancestor => return true,
                Some(v) => at = self.parent(v),
                None => return false,
            }
        }
        false
    }

    /// The pair `visit` was reached from.
    fn parent(&self, visit: usize) -> Option<usize> {
        self.visit(visit)?.parent
    }

    fn visit(&self, visit: usize) -> Option<&'w Visit> {
        self.walked.visits.get(visit)
    }

    /// The changes of the pair the incompatibility was found in, that its type names.
    fn direct(
        &self,
        visit: usize,
        incompatibility: &Incompatibility,
        direction: Direction,
    ) -> Vec<usize> {
        let backward = direction == Direction::Backward;
        let message = incompatibility.message.as_str();
        match incompatibility.kind {
            IncompatibilityType::NameMismatch => {
                self.at(visit, &|k| matches!(k, ChangeKind::TypeRenamed { .. }))
            }
            IncompatibilityType::FixedSizeMismatch => {
                self.at(visit, &|k| matches!(k, ChangeKind::FixedSizeChanged { .. }))
            }
            IncompatibilityType::MissingEnumSymbols => self.at(visit, &|k| match k {
                ChangeKind::EnumSymbolRemoved { .. } => backward,
                ChangeKind::EnumSymbolAdded { .. } => !backward,
                _ => false,
            }),
            IncompatibilityType::ReaderFieldMissingDefaultValue => self.at(visit, &|k| match k {
                ChangeKind::FieldAdded { field, .. } => backward && field == message,
                ChangeKind::FieldRemoved { field, .. } => !backward && field == message,
                ChangeKind::FieldRenamed { old, new, .. } => {
                    if backward {
                        new == message
                    } else {
                        old == message
                    }
                }
                _ => false,
            }),
            IncompatibilityType::TypeMismatch => self.at(visit, &is_type_level),
            IncompatibilityType::MissingUnionBranch => {
                self.missing_union_branch(incompatibility, direction, visit)
            }
        }
    }

    /// A reader union lacking a writer type: the branch removed (backward) or added (forward); a paired
    /// branch whose own changes break; or, for a non-union writer, what breaks below the pair, else the type
    /// change itself.
    fn missing_union_branch(
        &self,
        incompatibility: &Incompatibility,
        direction: Direction,
        visit: usize,
    ) -> Vec<usize> {
        let backward = direction == Direction::Backward;
        let Some(pair) = self.visit(visit) else {
            return Vec::new();
        };
        let unions = matches!(self.old.kind(pair.old), Kind::Union(_))
            && matches!(self.new.kind(pair.new), Kind::Union(_));
        if !unions {
            let below = self.breaking_below(visit, direction, false);
            if !below.is_empty() {
                return below;
            }
            return self.at(visit, &is_type_level);
        }
        // Java's location ends with the writer's branch index.
        let Some(branch) = incompatibility
            .location
            .as_str()
            .rsplit('/')
            .next()
            .and_then(|t| t.parse::<usize>().ok())
        else {
            return Vec::new();
        };
        let lost = self.at(visit, &|k| match k {
            ChangeKind::UnionBranchRemoved { index, .. } => backward && *index == branch,
            ChangeKind::UnionBranchAdded { index, .. } => !backward && *index == branch,
            _ => false,
        });
        if !lost.is_empty() {
            return lost;
        }
        let paired = self.walked.visits.iter().position(|v| {
            v.parent == Some(visit)
                && v.branches.map(|(oi, ni)| if backward { oi } else { ni }) == Some(branch)
        });
        match paired {
            Some(child) => {
                let below = self.breaking_below(child, direction, true);
                if below.is_empty() {
                    self.found(&|f| self.within(f.visit, child))
                } else {
                    below
                }
            }
            None => Vec::new(),
        }
    }

    /// Java checks a reader field of an enum type with an enum default but no field default, that the writer
    /// lacks, as the enum against the whole writer record (TYPE_MISMATCH ENUM vs RECORD): that is the field
    /// added (backward) or removed (forward).
    fn enum_against_record(
        &self,
        incompatibility: &Incompatibility,
        direction: Direction,
        visit: usize,
    ) -> Vec<usize> {
        let (reader, writer, field_of) = match direction {
            Direction::Backward => (self.new, self.old, Side::New),
            Direction::Forward => (self.old, self.new, Side::Old),
        };
        let r = incompatibility.reader_fragment;
        let enum_vs_record = matches!(reader.kind(r), Kind::Enum(_))
            && matches!(
                writer.kind(incompatibility.writer_fragment),
                Kind::Record(_)
            );
        let Some(pair) = self.visit(visit) else {
            return Vec::new();
        };
        let reader_record = match field_of {
            Side::New => pair.new,
            Side::Old => pair.old,
        };
        let Kind::Record(record) = reader.kind(reader_record) else {
            return Vec::new();
        };
        if incompatibility.kind != IncompatibilityType::TypeMismatch || !enum_vs_record {
            return Vec::new();
        }
        let typed_r = |name: &str| {
            record
                .fields
                .iter()
                .any(|f| f.name == name && f.schema == r)
        };
        self.at(visit, &|k| match (k, field_of) {
            (ChangeKind::FieldAdded { field, .. }, Side::New) => typed_r(field),
            (ChangeKind::FieldRemoved { field, .. }, Side::Old) => typed_r(field),
            _ => false,
        })
    }

    /// What breaks at the pair, else below it, else any change at it, else what breaks at a pair above.
    fn fallback(&self, visit: usize, direction: Direction) -> Vec<usize> {
        let breaking = self.breaking_at(visit, direction);
        if !breaking.is_empty() {
            return breaking;
        }
        let below = self.breaking_below(visit, direction, false);
        if !below.is_empty() {
            return below;
        }
        let here = self.at(visit, &|_| true);
        if !here.is_empty() {
            return here;
        }
        // What breaks at the nearest pair above that has something breaking.
        let mut at = self.parent(visit);
        for _ in 0..self.walked.visits.len() {
            let Some(v) = at else { break };
            let up = self.breaking_at(v, direction);
            if !up.is_empty() {
                return up;
            }
            at = self.parent(v);
        }
        Vec::new()
    }

    /// The changes of `visit` that break reading in `direction` by their rule.
    fn breaking_at(&self, visit: usize, direction: Direction) -> Vec<usize> {
        self.found(&|f| f.visit == visit && breaks(f, direction))
    }

    /// The compared pair closest to the old type `o` and the new type `n`, going up through what contains
    /// them.
    fn nearest(&self, o: SchemaId, n: SchemaId) -> Option<usize> {
        let (up_old, up_new) = (
            distances(&self.old_parents, o),
            distances(&self.new_parents, n),
        );
        // The first of the closest.
        let mut nearest: Option<(usize, usize)> = None;
        for (i, v) in self.walked.visits.iter().enumerate() {
            let (Some(o), Some(n)) = (distance_of(&up_old, v.old), distance_of(&up_new, v.new))
            else {
                continue;
            };
            if nearest.is_none_or(|(d, _)| o + n < d) {
                nearest = Some((o + n, i));
            }
        }
        nearest.map(|(_, i)| i)
    }
}

/// The changes that explain one incompatibility.
#[derive(Clone, Debug, Default)]
pub(super) struct Explained {
    /// The pair the incompatibility was found in, or the nearest pair the walk compared.
    pub(super) visit: Option<usize>,
    /// Indices into the walk's changes.
    pub(super) changes: Vec<usize>,
}

#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// Whether the change's rule says it breaks reading in `direction`.
fn breaks(found: &Found, direction: Direction) -> bool {
    match direction {
        Direction::Backward => found.rules.backward.breaks,
        Direction::Forward => found.rules.forward.breaks,
    }
}

/// Changes of a whole type, which a TYPE_MISMATCH names.
fn is_type_level(kind: &ChangeKind) -> bool {
    matches!(
        kind,
        ChangeKind::TypeChanged { .. }
            | ChangeKind::TypeToUnion { .. }
            | ChangeKind::UnionToType { .. }
    )
}
