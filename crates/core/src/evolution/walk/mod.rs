//! The diff walk: pairs the old and the new schema the way a resolving reader pairs them (fields by name or
//! alias, union branches by type and name, named types once per pair) and records every difference with
//! where it is written in each text and the rule behind it.

mod fields;
mod named;
mod unions;

use super::rules::{self, Rules};
use super::ChangeKind;
use crate::compat::MAX_DEPTH;
use crate::schema::{Kind, LogicalType, Node, Schema, SchemaId};
use crate::source::{Json, Pointer};
use std::collections::HashSet;

/// A pair of things, old and new.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Both<T> {
    pub(super) old: T,
    pub(super) new: T,
}

/// One old/new pair of types the walk compared.
#[derive(Clone, Debug)]
pub(super) struct Visit {
    /// The old type.
    pub(super) old: SchemaId,
    /// The new type.
    pub(super) new: SchemaId,
    /// The pair this one was reached from.
    pub(super) parent: Option<usize>,
    /// The union branch positions (old, new) when the pair is two branches of paired unions.
    pub(super) branches: Option<(usize, usize)>,
}

/// One difference, before its effects are judged.
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub(super) kind: ChangeKind,
    /// Where it is written in each text.
    pub(super) pointer: Both<Pointer>,
    /// Where the explain pass notes it when that side reads: the walk's path, not always a place in the text.
    pub(super) anchor: Both<Pointer>,
    pub(super) message: String,
    /// The pair it was found in.
    pub(super) visit: usize,
    pub(super) rules: Rules,
}

/// Everything the walk found.
#[derive(Clone, Debug, Default)]
pub(super) struct Walked {
    pub(super) visits: Vec<Visit>,
    pub(super) found: Vec<Found>,
}

/// Where a pair of types stands: in each text, and on the walk's path.
#[derive(Clone, Debug)]
struct Place {
    /// Where the type is written (a reference to a named type is written where it is used).
    at: Both<Pointer>,
    /// The walk's path, as the checker and its explain pass spell locations.
    path: Both<Pointer>,
    /// The place in words: `field session_id of com.company.events.UserEvent`.
    what: String,
}

impl Both<Pointer> {
    /// Each side's pointer extended by `key`.
    fn pushed(old: &Pointer, new: &Pointer, key: &str) -> Self {
        Both {
            old: old.push(key),
            new: new.push(key),
        }
    }

    /// Each side's attribute `key` (see [`attribute`]), given each node's pointer and whether it writes it.
    fn attributes(old: (&Pointer, bool), new: (&Pointer, bool), key: &str) -> Self {
        Both {
            old: attribute(old.0, key, old.1),
            new: attribute(new.0, key, new.1),
        }
    }
}

impl Place {
    /// The place one step below: `old_step` into the old node written at `old`, `new_step` into the new.
    fn child(
        &self,
        (old, new): (&Pointer, &Pointer),
        old_step: &str,
        new_step: &str,
        what: String,
    ) -> Place {
        Place {
            at: Both {
                old: old.push(old_step),
                new: new.push(new_step),
            },
            path: Both {
                old: self.path.old.push(old_step),
                new: self.path.new.push(new_step),
            },
            what,
        }
    }
}

/// Walks `old` and `new` together from their roots.
pub(super) fn walk(old: &Schema, new: &Schema) -> Walked {
    let mut walker = Walker {
        old,
        new,
        seen: HashSet::new(),
        walked: Walked::default(),
        depth: 0,
    };
    let root = Place {
        at: Both::default(),
        path: Both::default(),
        what: "the top-level type".into(),
    };
    walker.pair(old.root(), new.root(), root, None, None);
    walker.walked
}

struct Walker<'s> {
    old: &'s Schema,
    new: &'s Schema,
    seen: HashSet<(SchemaId, SchemaId)>,
    walked: Walked,
    depth: usize,
}

/// A default as compact JSON.
fn json_text(json: &Json) -> String {
    json.to_string()
}

/// A logical type as a learner reads it: `decimal(10,2)`, `timestamp-millis`.
fn logical_text(logical: &LogicalType) -> String {
    match logical {
        LogicalType::Decimal { precision, scale } => format!("decimal({precision},{scale})"),
        other => other.name().to_string(),
    }
}

/// `node`'s pointer, extended by `key` when the attribute is written there.
fn attribute(node_pointer: &Pointer, key: &str, written: bool) -> Pointer {
    if written {
        node_pointer.push(key)
    } else {
        node_pointer.clone()
    }
}
impl<'s> Walker<'s> {
    fn change(
        &mut self,
        visit: usize,
        kind: ChangeKind,
        pointer: Both<Pointer>,
        anchor: Both<Pointer>,
        message: String,
        rules: Rules,
    ) {
        self.walked.found.push(Found {
            kind,
            pointer,
            anchor,
            message,
            visit,
            rules,
        });
    }

    /// Compares old type `o` with new type `n` once per pair.
    fn pair(
        &mut self,
        o: SchemaId,
        n: SchemaId,
        place: Place,
        parent: Option<usize>,
        branches: Option<(usize, usize)>,
    ) {
        if self.depth >= MAX_DEPTH || !self.seen.insert((o, n)) {
            return;
        }
        let visit = self.walked.visits.len();
        self.walked.visits.push(Visit {
            old: o,
            new: n,
            parent,
            branches,
        });
        self.depth += 1;
        self.compare(visit, o, n, &place);
        self.depth -= 1;
    }

    fn compare(&mut self, visit: usize, o: SchemaId, n: SchemaId, place: &Place) {
        let (old, new) = (self.old, self.new);
        let (on, nn) = (old.node(o), new.node(n));
        match (&on.kind, &nn.kind) {
            (Kind::Union(obs), Kind::Union(nbs)) => {
                return self.unions(visit, o, n, obs, nbs, place)
            }
            (Kind::Union(obs), _) => return self.union_to_type(visit, o, n, obs, place),
            (_, Kind::Union(nbs)) => return self.type_to_union(visit, o, n, nbs, place),
            (Kind::Record(or), Kind::Record(nr)) => {
                self.named(visit, on, nn, place);
                self.doc(
                    visit,
                    (on, &or.doc),
                    (nn, &nr.doc),
                    &place.path,
                    &or.name.full(),
                );
                self.fields(visit, (on, or), (nn, nr), place);
            }
            (Kind::Enum(oe), Kind::Enum(ne)) => {
                self.named(visit, on, nn, place);
                self.doc(
                    visit,
                    (on, &oe.doc),
                    (nn, &ne.doc),
                    &place.path,
                    &oe.name.full(),
                );
                self.symbols(visit, on, nn, place);
            }
            (Kind::Fixed(of), Kind::Fixed(nf)) => {
                self.named(visit, on, nn, place);
                if of.size != nf.size {
                    self.change(
                        visit,
                        ChangeKind::FixedSizeChanged {
                            old: of.size,
                            new: nf.size,
                        },
                        Both::pushed(&on.pointer, &nn.pointer, "size"),
                        place.path.clone(),
                        format!("fixed {}: size {} → {} bytes", of.name, of.size, nf.size),
                        rules::fixed_size(of.size, nf.size),
                    );
                }
            }
            (Kind::Array(oi), Kind::Array(ni)) => {
                let child = place.child(
                    (&on.pointer, &nn.pointer),
                    "items",
                    "items",
                    format!("the items of {}", place.what),
                );
                self.pair(*oi, *ni, child, Some(visit), None);
            }
            (Kind::Map(ov), Kind::Map(nv)) => {
                let child = place.child(
                    (&on.pointer, &nn.pointer),
                    "values",
                    "values",
                    format!("the values of {}", place.what),
                );
                self.pair(*ov, *nv, child, Some(visit), None);
            }
            (ok, nk) if ok.type_name() == nk.type_name() => {}
            _ => self.type_changed(visit, o, n, place),
        }
        self.logical(visit, on, nn, place);
    }

    fn type_changed(&mut self, visit: usize, o: SchemaId, n: SchemaId, place: &Place) {
        let (old, new) = (self.old, self.new);
        let (od, nd) = (old.describe(o), new.describe(n));
        let promotion = rules::promotion(old.kind(o), new.kind(n));
        let how = match promotion {
            super::Promotion::Widening => " (a promotion: old values widen to the new type)",
            super::Promotion::Narrowing => " (the reverse of a promotion: new values narrow)",
            super::Promotion::BothWays => " (string and bytes promote to each other)",
            super::Promotion::None => "",
        };
        self.change(
            visit,
            ChangeKind::TypeChanged {
                old: od.clone(),
                new: nd.clone(),
                promotion,
            },
            place.at.clone(),
            place.path.clone(),
            format!("{}: {od} → {nd}{how}", place.what),
            rules::type_changed(old, o, new, n),
        );
    }

    /// Logical types on the same or a promoted base type (a changed base is already a type change).
    fn logical(&mut self, visit: usize, on: &Node, nn: &Node, place: &Place) {
        let (ok, nk) = (&on.kind, &nn.kind);
        let related =
            ok.type_name() == nk.type_name() || nk.promotes_from(ok) || ok.promotes_from(nk);
        if !related || on.logical == nn.logical {
            return;
        }
        let at = |node: &Node| {
            attribute(
                &node.pointer,
                "logicalType",
                node.logical.is_some() || node.ignored_logical.is_some(),
            )
        };
        let pointer = Both {
            old: at(on),
            new: at(nn),
        };
        let (kind, message, rules) = match (&on.logical, &nn.logical) {
            (None, Some(l)) => {
                let l = logical_text(l);
                let rules =
                    rules::logical_added_or_removed(&format!("the new version reads them as {l}"));
                (
                    ChangeKind::LogicalTypeAdded { logical: l.clone() },
                    format!("{}: logical type {l} added", place.what),
                    rules,
                )
            }
            (Some(l), None) => {
                let l = logical_text(l);
                let rules = rules::logical_added_or_removed(&format!(
                    "the new version reads them as plain {} instead of {l}",
                    nk.type_name()
                ));
                (
                    ChangeKind::LogicalTypeRemoved { logical: l.clone() },
                    format!("{}: logical type {l} removed", place.what),
                    rules,
                )
            }
            (Some(a), Some(b)) => {
                let (a, b) = (logical_text(a), logical_text(b));
                let rules = rules::logical_changed(&a, &b);
                (
                    ChangeKind::LogicalTypeChanged {
                        old: a.clone(),
                        new: b.clone(),
                    },
                    format!("{}: logical type {a} → {b}", place.what),
                    rules,
                )
            }
            (None, None) => return,
        };
        self.change(visit, kind, pointer, place.path.clone(), message, rules);
    }
}

/// The indices below `len` that `keep` keeps: one loop for every index filter of the walk, not an iterator
/// chain per closure.
fn indices(len: usize, keep: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let mut kept = Vec::new();
    for i in 0..len {
        if keep(i) {
            kept.push(i);
        }
    }
    kept
}

/// The first index below `len` that `keep` keeps.
fn first(len: usize, keep: &dyn Fn(usize) -> bool) -> Option<usize> {
    (0..len).find(|i| keep(*i))
}

/// The strings `item` gives for the indices below `len`: one loop for every string list of the walk.
fn strings(len: usize, item: &dyn Fn(usize) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..len {
        if let Some(s) = item(i) {
            out.push(s);
        }
    }
    out
}

/// Sets `slice[i]` when `i` is in range.
fn set<T>(slice: &mut [T], i: usize, value: T) {
    if let Some(slot) = slice.get_mut(i) {
        *slot = value;
    }
}
