//! Records in the diff walk: pairing fields as a reader finds them, then comparing each pair.

use super::{attribute, first, json_text, logical_text, set, strings, Both, Place, Walker};
use crate::compat::MAX_DEPTH;
use crate::evolution::rules::{self, RenameSide};
use crate::evolution::{ChangeKind, RenameEvidence};
use crate::schema::{Field, Kind, Node, Record, Schema, SchemaId};
use crate::source::Json;

/// How one pass pairs an old field with a new one.
type FieldMatch = fn(&Field, &Field) -> bool;

impl<'s> Walker<'s> {
    /// Pairs the fields of two records as a reader finds writer fields: by name, then by the new field's
    /// aliases, then by the old field's aliases, then a field keeping its position and type under a new name.
    pub(super) fn fields(
        &mut self,
        visit: usize,
        (on, or): (&Node, &'s Record),
        (nn, nr): (&Node, &'s Record),
        place: &Place,
    ) {
        let mut old_of_new: Vec<Option<(usize, Option<RenameEvidence>)>> =
            vec![None; nr.fields.len()];
        let mut taken = vec![false; or.fields.len()];
        let passes: [(Option<RenameEvidence>, FieldMatch); 3] = [
            (None, |o, n| o.name == n.name),
            (Some(RenameEvidence::NewFieldAlias), |o, n| {
                n.aliases.contains(&o.name)
            }),
            (Some(RenameEvidence::OldFieldAlias), |o, n| {
                o.aliases.contains(&n.name)
            }),
        ];
        for (evidence, matches) in passes {
            for (j, nf) in nr.fields.iter().enumerate() {
                if old_of_new.get(j).is_some_and(Option::is_some) {
                    continue;
                }
                let free_match = |i: usize| {
                    !taken.get(i).copied().unwrap_or(true)
                        && or.fields.get(i).is_some_and(|of| matches(of, nf))
                };
                // By name, the old field at the same place is tried first: names are unique, so the
                // answer is the same, and versions that keep their order cost one comparison per field.
                let found = if evidence.is_none() && free_match(j) {
                    Some(j)
                } else {
                    first(or.fields.len(), &free_match)
                };
                if let Some(i) = found {
                    set(&mut taken, i, true);
                    set(&mut old_of_new, j, Some((i, evidence)));
                }
            }
        }
        for (j, nf) in nr.fields.iter().enumerate() {
            let free_old = !taken.get(j).copied().unwrap_or(true);
            let free_new = old_of_new.get(j).is_some_and(Option::is_none);
            let same_type = or.fields.get(j).is_some_and(|of| {
                signature(self.old, of.schema, 0) == signature(self.new, nf.schema, 0)
            });
            if free_old && free_new && same_type {
                set(&mut taken, j, true);
                set(
                    &mut old_of_new,
                    j,
                    Some((j, Some(RenameEvidence::SamePositionAndType))),
                );
            }
        }
        let record = nr.name.full();
        for (j, nf) in nr.fields.iter().enumerate() {
            match old_of_new.get(j).copied().flatten() {
                Some((i, evidence)) => {
                    if let Some(of) = or.fields.get(i) {
                        self.field_pair(visit, (i, of), (j, nf), evidence, &record, place);
                    }
                }
                None => {
                    let default = nf.default.as_ref().map(json_text);
                    let with = match &default {
                        Some(d) => format!("with default {d}"),
                        None => "without a default".into(),
                    };
                    self.change(
                        visit,
                        ChangeKind::FieldAdded {
                            field: nf.name.clone(),
                            has_default: default.is_some(),
                        },
                        Both {
                            old: on.pointer.push("fields"),
                            new: nf.pointer.clone(),
                        },
                        Both {
                            old: place.path.old.push("fields"),
                            new: place.path.new.push("fields").push(j),
                        },
                        format!("field {} added to record {record}, {with}", nf.name),
                        rules::field_added(&nf.name, default.as_deref()),
                    );
                }
            }
        }
        for (i, of) in or.fields.iter().enumerate() {
            if taken.get(i).copied().unwrap_or(true) {
                continue;
            }
            let default = of.default.as_ref().map(json_text);
            let with = match &default {
                Some(d) => format!("it had default {d}"),
                None => "it had no default".into(),
            };
            self.change(
                visit,
                ChangeKind::FieldRemoved {
                    field: of.name.clone(),
                    had_default: default.is_some(),
                },
                Both {
                    old: of.pointer.clone(),
                    new: nn.pointer.push("fields"),
                },
                Both {
                    old: place.path.old.push("fields").push(i),
                    new: place.path.new.push("fields"),
                },
                format!("field {} removed from record {}; {with}", of.name, or.name),
                rules::field_removed(&of.name, default.as_deref()),
            );
        }
    }

    /// Two paired fields: a rename, their defaults, docs and aliases, then their types.
    pub(super) fn field_pair(
        &mut self,
        visit: usize,
        (i, of): (usize, &'s Field),
        (j, nf): (usize, &'s Field),
        evidence: Option<RenameEvidence>,
        record: &str,
        place: &Place,
    ) {
        let anchor = Both {
            old: place.path.old.push("fields").push(i),
            new: place.path.new.push("fields").push(j),
        };
        let what = format!("field {} of record {record}", nf.name);
        let (od, nd) = (
            of.default.as_ref().map(json_text),
            nf.default.as_ref().map(json_text),
        );
        if let Some(evidence) = evidence {
            let by = match evidence {
                RenameEvidence::NewFieldAlias => {
                    format!("the new field lists {} among its aliases", of.name)
                }
                RenameEvidence::OldFieldAlias => {
                    format!("the old field listed {} among its aliases", nf.name)
                }
                RenameEvidence::SamePositionAndType => {
                    "same position and type, no alias links the names".into()
                }
            };
            self.change(
                visit,
                ChangeKind::FieldRenamed {
                    old: of.name.clone(),
                    new: nf.name.clone(),
                    evidence,
                },
                Both::pushed(&of.pointer, &nf.pointer, "name"),
                anchor.clone(),
                format!(
                    "field {} of record {record} renamed to {} ({by})",
                    of.name, nf.name
                ),
                rules::field_renamed(
                    RenameSide {
                        reader: &nf.name,
                        writer: &of.name,
                        alias: nf.aliases.contains(&of.name),
                        default: nd.as_deref(),
                    },
                    RenameSide {
                        reader: &of.name,
                        writer: &nf.name,
                        alias: of.aliases.contains(&nf.name),
                        default: od.as_deref(),
                    },
                ),
            );
        }
        let default_at = |f: &Field| attribute(&f.pointer, "default", f.default.is_some());
        let default_change = match (&od, &nd) {
            (None, Some(d)) => Some((
                ChangeKind::DefaultAdded {
                    field: nf.name.clone(),
                    default: d.clone(),
                },
                format!("default {d} added"),
                "a later version may now drop the field: consumers of this one fill it in",
            )),
            (Some(d), None) => Some((
                ChangeKind::DefaultRemoved {
                    field: nf.name.clone(),
                    default: d.clone(),
                },
                format!("default {d} removed"),
                "a later version can no longer drop the field without breaking consumers of this one",
            )),
            (Some(a), Some(b)) if !same_default(of.default.as_ref(), nf.default.as_ref()) => Some((
                ChangeKind::DefaultChanged {
                    field: nf.name.clone(),
                    old: a.clone(),
                    new: b.clone(),
                },
                format!("default {a} → {b}"),
                "records from versions without the field read differently with each default",
            )),
            _ => None,
        };
        if let Some((kind, how, after)) = default_change {
            self.change(
                visit,
                kind,
                Both {
                    old: default_at(of),
                    new: default_at(nf),
                },
                anchor.clone(),
                format!("{what}: {how}"),
                rules::field_default(&nf.name, after),
            );
        }
        self.doc_at(
            visit,
            (&of.doc, &nf.doc),
            Both::attributes(
                (&of.pointer, of.doc.is_some()),
                (&nf.pointer, nf.doc.is_some()),
                "doc",
            ),
            anchor.clone(),
            what.clone(),
        );
        self.aliases(
            visit,
            (&of.aliases, &nf.aliases),
            Both::attributes(
                (&of.pointer, !of.aliases.is_empty()),
                (&nf.pointer, !nf.aliases.is_empty()),
                "aliases",
            ),
            anchor.clone(),
            what.clone(),
        );
        let child = Place {
            at: Both::pushed(&of.pointer, &nf.pointer, "type"),
            path: Both::pushed(&anchor.old, &anchor.new, "type"),
            what,
        };
        self.pair(of.schema, nf.schema, child, Some(visit), None);
    }
}

/// A type's identity for "same type": its kind and name, items, values, branches and logical type.
fn signature(schema: &Schema, id: SchemaId, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return "…".into();
    }
    let node = schema.node(id);
    let base = match &node.kind {
        Kind::Array(items) => format!("array<{}>", signature(schema, *items, depth + 1)),
        Kind::Map(values) => format!("map<{}>", signature(schema, *values, depth + 1)),
        Kind::Union(branches) => {
            let inner = strings(branches.len(), &|i| {
                Some(signature(schema, *branches.get(i)?, depth + 1))
            });
            format!("[{}]", inner.join(","))
        }
        Kind::Fixed(f) => format!("fixed {} {}", f.name, f.size),
        _ => schema.branch_name(id),
    };
    match &node.logical {
        Some(l) => format!("{base}({})", logical_text(l)),
        None => base,
    }
}

/// Whether two defaults are the same JSON value (numbers by value).
fn same_default(a: Option<&Json>, b: Option<&Json>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same_value(b),
        (None, None) => true,
        _ => false,
    }
}
