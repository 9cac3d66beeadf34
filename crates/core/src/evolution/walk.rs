//! The diff walk: pairs the old and the new schema the way a resolving reader pairs them (fields by name or
//! alias, union branches by type and name, named types once per pair) and records every difference with
//! where it is written in each text and the rule behind it.

use super::rules::{self, RenameSide, Rules};
use super::{ChangeKind, RenameEvidence};
use crate::compat::MAX_DEPTH;
use crate::schema::{Field, Kind, LogicalType, Node, Record, Schema, SchemaId};
use crate::source::{Json, Pointer};
use std::collections::HashSet;

/// How one pass pairs an old field with a new one.
type FieldMatch = fn(&Field, &Field) -> bool;

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

impl Place {
    fn child(
        &self,
        old: Pointer,
        new: Pointer,
        old_step: &str,
        new_step: &str,
        what: String,
    ) -> Place {
        Place {
            at: Both { old, new },
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
            let inner: Vec<String> = branches
                .iter()
                .map(|b| signature(schema, *b, depth + 1))
                .collect();
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
                        Both {
                            old: on.pointer.push("size"),
                            new: nn.pointer.push("size"),
                        },
                        place.path.clone(),
                        format!("fixed {}: size {} → {} bytes", of.name, of.size, nf.size),
                        rules::fixed_size(of.size, nf.size),
                    );
                }
            }
            (Kind::Array(oi), Kind::Array(ni)) => {
                let child = place.child(
                    on.pointer.push("items"),
                    nn.pointer.push("items"),
                    "items",
                    "items",
                    format!("the items of {}", place.what),
                );
                self.pair(*oi, *ni, child, Some(visit), None);
            }
            (Kind::Map(ov), Kind::Map(nv)) => {
                let child = place.child(
                    on.pointer.push("values"),
                    nn.pointer.push("values"),
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
            ok.type_name() == nk.type_name() || rules::promotes(nk, ok) || rules::promotes(ok, nk);
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

    /// Names, namespaces and aliases of two named types.
    fn named(&mut self, visit: usize, on: &Node, nn: &Node, place: &Place) {
        let (ok, nk) = (&on.kind, &nn.kind);
        let (Some(oname), Some(nname)) = (ok.name(), nk.name()) else {
            return;
        };
        let (ofull, nfull) = (oname.full(), nname.full());
        let type_name = nk.type_name();
        let pointer = Both {
            old: on.pointer.push("name"),
            new: nn.pointer.push("name"),
        };
        let anchor = Both {
            old: place.path.old.push("name"),
            new: place.path.new.push("name"),
        };
        if oname.name != nname.name {
            let new_alias = nk.aliases().iter().any(|a| a.full() == ofull);
            let old_alias = ok.aliases().iter().any(|a| a.full() == nfull);
            let by = match (new_alias, old_alias) {
                (true, _) => format!(" (the new {type_name} lists {ofull} among its aliases)"),
                (false, true) => format!(" (the old {type_name} listed {nfull} among its aliases)"),
                (false, false) => " (no alias links the names)".into(),
            };
            self.change(
                visit,
                ChangeKind::TypeRenamed {
                    old: ofull.clone(),
                    new: nfull.clone(),
                },
                pointer,
                anchor,
                format!("{type_name} {ofull} renamed to {nfull}{by}"),
                rules::type_renamed(type_name, &ofull, &nfull, new_alias, old_alias),
            );
        } else if oname.namespace != nname.namespace {
            let shown = |ns: &Option<String>| ns.clone().unwrap_or_else(|| "(none)".into());
            self.change(
                visit,
                ChangeKind::NamespaceChanged {
                    old: oname.namespace.clone(),
                    new: nname.namespace.clone(),
                },
                pointer,
                anchor,
                format!(
                    "{type_name} {}: namespace {} → {}",
                    oname.name,
                    shown(&oname.namespace),
                    shown(&nname.namespace)
                ),
                rules::namespace_changed(&ofull, &nfull),
            );
        }
        let names = |aliases: &[crate::schema::Name]| -> Vec<String> {
            aliases.iter().map(|a| a.full()).collect()
        };
        let (oa, na) = (names(ok.aliases()), names(nk.aliases()));
        self.aliases(
            visit,
            (&oa, &na),
            Both {
                old: attribute(&on.pointer, "aliases", !oa.is_empty()),
                new: attribute(&nn.pointer, "aliases", !na.is_empty()),
            },
            place.path.clone(),
            format!("{type_name} {nfull}"),
        );
    }

    fn aliases(
        &mut self,
        visit: usize,
        (old, new): (&[String], &[String]),
        pointer: Both<Pointer>,
        anchor: Both<Pointer>,
        what: String,
    ) {
        let added: Vec<String> = new.iter().filter(|a| !old.contains(a)).cloned().collect();
        let removed: Vec<String> = old.iter().filter(|a| !new.contains(a)).cloned().collect();
        if added.is_empty() && removed.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("aliases added [{}]", added.join(", ")));
        }
        if !removed.is_empty() {
            parts.push(format!("aliases removed [{}]", removed.join(", ")));
        }
        self.change(
            visit,
            ChangeKind::AliasesChanged { added, removed },
            pointer,
            anchor,
            format!("{what}: {}", parts.join(", ")),
            rules::aliases(),
        );
    }

    fn doc(
        &mut self,
        visit: usize,
        (on, od): (&Node, &Option<String>),
        (nn, nd): (&Node, &Option<String>),
        path: &Both<Pointer>,
        what: &str,
    ) {
        self.doc_at(
            visit,
            (od, nd),
            Both {
                old: attribute(&on.pointer, "doc", od.is_some()),
                new: attribute(&nn.pointer, "doc", nd.is_some()),
            },
            path.clone(),
            format!("{} {what}", nn.kind.type_name()),
        );
    }

    fn doc_at(
        &mut self,
        visit: usize,
        (od, nd): (&Option<String>, &Option<String>),
        pointer: Both<Pointer>,
        anchor: Both<Pointer>,
        what: String,
    ) {
        if od == nd {
            return;
        }
        let how = match (od, nd) {
            (None, _) => "doc added",
            (_, None) => "doc removed",
            _ => "doc changed",
        };
        self.change(
            visit,
            ChangeKind::DocChanged {
                old: od.clone(),
                new: nd.clone(),
            },
            pointer,
            anchor,
            format!("{what}: {how}"),
            rules::doc(),
        );
    }

    fn symbols(&mut self, visit: usize, on: &Node, nn: &Node, place: &Place) {
        let (Kind::Enum(oe), Kind::Enum(ne)) = (&on.kind, &nn.kind) else {
            return;
        };
        let name = ne.name.full();
        for (i, symbol) in ne.symbols.iter().enumerate() {
            if !oe.symbols.contains(symbol) {
                self.change(
                    visit,
                    ChangeKind::EnumSymbolAdded {
                        symbol: symbol.clone(),
                    },
                    Both {
                        old: on.pointer.push("symbols"),
                        new: nn.pointer.push("symbols").push(i),
                    },
                    place.path.clone(),
                    format!("enum {name}: symbol {symbol} added"),
                    rules::symbol_added(symbol, oe.default.as_deref()),
                );
            }
        }
        for (i, symbol) in oe.symbols.iter().enumerate() {
            if !ne.symbols.contains(symbol) {
                self.change(
                    visit,
                    ChangeKind::EnumSymbolRemoved {
                        symbol: symbol.clone(),
                    },
                    Both {
                        old: on.pointer.push("symbols").push(i),
                        new: nn.pointer.push("symbols"),
                    },
                    place.path.clone(),
                    format!("enum {name}: symbol {symbol} removed"),
                    rules::symbol_removed(symbol, ne.default.as_deref()),
                );
            }
        }
        let (kind, how) = match (&oe.default, &ne.default) {
            (None, Some(d)) => (
                ChangeKind::EnumDefaultAdded { symbol: d.clone() },
                format!("enum default {d} added"),
            ),
            (Some(d), None) => (
                ChangeKind::EnumDefaultRemoved { symbol: d.clone() },
                format!("enum default {d} removed"),
            ),
            (Some(a), Some(b)) if a != b => (
                ChangeKind::EnumDefaultChanged {
                    old: a.clone(),
                    new: b.clone(),
                },
                format!("enum default {a} → {b}"),
            ),
            _ => return,
        };
        self.change(
            visit,
            kind,
            Both {
                old: attribute(&on.pointer, "default", oe.default.is_some()),
                new: attribute(&nn.pointer, "default", ne.default.is_some()),
            },
            place.path.clone(),
            format!("enum {name}: {how}"),
            rules::enum_default(),
        );
    }

    /// Pairs the fields of two records as a reader finds writer fields: by name, then by the new field's
    /// aliases, then by the old field's aliases, then a field keeping its position and type under a new name.
    fn fields(
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
                let found = or
                    .fields
                    .iter()
                    .enumerate()
                    .find(|(i, of)| !taken.get(*i).copied().unwrap_or(true) && matches(of, nf));
                if let Some((i, _)) = found {
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
    fn field_pair(
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
                Both {
                    old: of.pointer.push("name"),
                    new: nf.pointer.push("name"),
                },
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
            Both {
                old: attribute(&of.pointer, "doc", of.doc.is_some()),
                new: attribute(&nf.pointer, "doc", nf.doc.is_some()),
            },
            anchor.clone(),
            what.clone(),
        );
        self.aliases(
            visit,
            (&of.aliases, &nf.aliases),
            Both {
                old: attribute(&of.pointer, "aliases", !of.aliases.is_empty()),
                new: attribute(&nf.pointer, "aliases", !nf.aliases.is_empty()),
            },
            anchor.clone(),
            what.clone(),
        );
        let child = Place {
            at: Both {
                old: of.pointer.push("type"),
                new: nf.pointer.push("type"),
            },
            path: Both {
                old: anchor.old.push("type"),
                new: anchor.new.push("type"),
            },
            what,
        };
        self.pair(of.schema, nf.schema, child, Some(visit), None);
    }

    /// Two unions: branches paired by type and full name, then by unqualified name or alias, then a lone
    /// named type of the same kind on each side (a rename).
    fn unions(
        &mut self,
        visit: usize,
        o: SchemaId,
        n: SchemaId,
        obs: &'s [SchemaId],
        nbs: &'s [SchemaId],
        place: &Place,
    ) {
        let (old, new) = (self.old, self.new);
        let mut new_of_old: Vec<Option<usize>> = vec![None; obs.len()];
        let mut taken = vec![false; nbs.len()];
        let passes: [&dyn Fn(SchemaId, SchemaId) -> bool; 2] = [
            &|ob, nb| old.branch_name(ob) == new.branch_name(nb),
            &|ob, nb| same_named(old.kind(ob), new.kind(nb)),
        ];
        for matches in passes {
            for (i, ob) in obs.iter().enumerate() {
                if new_of_old.get(i).is_some_and(Option::is_some) {
                    continue;
                }
                let found = nbs
                    .iter()
                    .enumerate()
                    .find(|(j, nb)| !taken.get(*j).copied().unwrap_or(true) && matches(*ob, **nb));
                if let Some((j, _)) = found {
                    set(&mut taken, j, true);
                    set(&mut new_of_old, i, Some(j));
                }
            }
        }
        self.lone_renamed_branch(obs, nbs, &mut new_of_old, &mut taken);
        let (on, nn) = (old.node(o), new.node(n));
        for (j, nb) in nbs.iter().enumerate() {
            if taken.get(j).copied().unwrap_or(true) {
                continue;
            }
            let branch = new.branch_name(*nb);
            let old_reads = obs.iter().any(|ob| rules::readable(old, *ob, new, *nb));
            self.change(
                visit,
                ChangeKind::UnionBranchAdded {
                    branch: branch.clone(),
                    index: j,
                },
                Both {
                    old: on.pointer.clone(),
                    new: nn.pointer.push(j),
                },
                place.path.clone(),
                format!(
                    "{}: union branch {branch} added at position {j}",
                    place.what
                ),
                rules::branch_added(&branch, old_reads),
            );
        }
        for (i, ob) in obs.iter().enumerate() {
            if new_of_old.get(i).is_some_and(Option::is_some) {
                continue;
            }
            let branch = old.branch_name(*ob);
            let new_reads = nbs.iter().any(|nb| rules::readable(new, *nb, old, *ob));
            self.change(
                visit,
                ChangeKind::UnionBranchRemoved {
                    branch: branch.clone(),
                    index: i,
                },
                Both {
                    old: on.pointer.push(i),
                    new: nn.pointer.clone(),
                },
                place.path.clone(),
                format!(
                    "{}: union branch {branch} removed from position {i}",
                    place.what
                ),
                rules::branch_removed(&branch, new_reads),
            );
        }
        let kept: Vec<usize> = new_of_old.iter().flatten().copied().collect();
        if kept.windows(2).any(|w| w.first() > w.get(1)) {
            let names = |s: &Schema, bs: &[SchemaId]| -> Vec<String> {
                bs.iter().map(|b| s.branch_name(*b)).collect()
            };
            let (on_names, nn_names) = (names(old, obs), names(new, nbs));
            self.change(
                visit,
                ChangeKind::UnionBranchesReordered {
                    old: on_names.clone(),
                    new: nn_names.clone(),
                },
                Both {
                    old: on.pointer.clone(),
                    new: nn.pointer.clone(),
                },
                place.path.clone(),
                format!(
                    "{}: union branches reordered [{}] → [{}]",
                    place.what,
                    on_names.join(", "),
                    nn_names.join(", ")
                ),
                rules::branches_reordered(),
            );
        }
        for (i, (ob, j)) in obs.iter().zip(new_of_old).enumerate() {
            let Some((j, nb)) = j.and_then(|j| nbs.get(j).map(|nb| (j, nb))) else {
                continue;
            };
            let child = place.child(
                on.pointer.push(i),
                nn.pointer.push(j),
                &i.to_string(),
                &j.to_string(),
                format!("branch {} of {}", new.branch_name(*nb), place.what),
            );
            self.pair(*ob, *nb, child, Some(visit), Some((i, j)));
        }
    }

    /// One unpaired named branch on each side, of the same kind: the same type renamed.
    fn lone_renamed_branch(
        &self,
        obs: &[SchemaId],
        nbs: &[SchemaId],
        new_of_old: &mut [Option<usize>],
        taken: &mut [bool],
    ) {
        let (old, new) = (self.old, self.new);
        let free_old: Vec<usize> = (0..obs.len())
            .filter(|i| new_of_old.get(*i).is_some_and(Option::is_none))
            .collect();
        let free_new: Vec<usize> = (0..nbs.len())
            .filter(|j| !taken.get(*j).copied().unwrap_or(true))
            .collect();
        for &i in &free_old {
            let Some(ob) = obs.get(i) else { continue };
            let ok = old.kind(*ob);
            if ok.name().is_none() {
                continue;
            }
            let same_kind = |bs: &[SchemaId], s: &Schema, free: &[usize]| {
                free.iter()
                    .filter(|k| {
                        bs.get(**k)
                            .is_some_and(|b| s.kind(*b).type_name() == ok.type_name())
                    })
                    .copied()
                    .collect::<Vec<usize>>()
            };
            let (olds, news) = (
                same_kind(obs, old, &free_old),
                same_kind(nbs, new, &free_new),
            );
            if let ([_], [j]) = (olds.as_slice(), news.as_slice()) {
                set(taken, *j, true);
                set(new_of_old, i, Some(*j));
            }
        }
    }

    /// An old type that became a branch of the new union (or a type change, if no branch is it).
    fn type_to_union(
        &mut self,
        visit: usize,
        o: SchemaId,
        n: SchemaId,
        nbs: &'s [SchemaId],
        place: &Place,
    ) {
        let (old, new) = (self.old, self.new);
        let Some(j) = branch_of(new, nbs, old, o) else {
            return self.type_changed(visit, o, n, place);
        };
        let od = old.describe(o);
        let others: Vec<String> = nbs
            .iter()
            .enumerate()
            .filter(|(k, nb)| *k != j && !rules::readable(old, o, new, **nb))
            .map(|(_, nb)| new.branch_name(*nb))
            .collect();
        self.change(
            visit,
            ChangeKind::TypeToUnion {
                branch: j,
                union: new.describe(n),
            },
            place.at.clone(),
            place.path.clone(),
            format!(
                "{}: {od} → {} (the old type is branch {j})",
                place.what,
                new.describe(n)
            ),
            rules::type_to_union(&od, j, &others),
        );
        let Some(nb) = nbs.get(j) else { return };
        let child = Place {
            at: Both {
                old: place.at.old.clone(),
                new: new.node(n).pointer.push(j),
            },
            path: Both {
                old: place.path.old.clone(),
                new: place.path.new.push(j),
            },
            what: place.what.clone(),
        };
        self.pair(o, *nb, child, Some(visit), None);
    }

    /// An old union that became one of its branches (or a type change, if no branch is the new type).
    fn union_to_type(
        &mut self,
        visit: usize,
        o: SchemaId,
        n: SchemaId,
        obs: &'s [SchemaId],
        place: &Place,
    ) {
        let (old, new) = (self.old, self.new);
        let Some(i) = branch_of(old, obs, new, n) else {
            return self.type_changed(visit, o, n, place);
        };
        let nd = new.describe(n);
        let others: Vec<String> = obs
            .iter()
            .enumerate()
            .filter(|(k, ob)| *k != i && !rules::readable(new, n, old, **ob))
            .map(|(_, ob)| old.branch_name(*ob))
            .collect();
        self.change(
            visit,
            ChangeKind::UnionToType {
                branch: i,
                union: old.describe(o),
            },
            place.at.clone(),
            place.path.clone(),
            format!(
                "{}: {} → {nd} (the new type was branch {i})",
                place.what,
                old.describe(o)
            ),
            rules::union_to_type(&nd, i, &others),
        );
        let Some(ob) = obs.get(i) else { return };
        let child = Place {
            at: Both {
                old: old.node(o).pointer.push(i),
                new: place.at.new.clone(),
            },
            path: Both {
                old: place.path.old.push(i),
                new: place.path.new.clone(),
            },
            what: place.what.clone(),
        };
        self.pair(*ob, n, child, Some(visit), None);
    }
}

/// The branch of `branches` (in `union_schema`) that is the type `t` of `other`: the same type or full name,
/// else a named type of the same kind by unqualified name or alias, else the only one of the same kind.
fn branch_of(
    union_schema: &Schema,
    branches: &[SchemaId],
    other: &Schema,
    t: SchemaId,
) -> Option<usize> {
    let name = other.branch_name(t);
    let tk = other.kind(t);
    let position = |f: &dyn Fn(SchemaId) -> bool| branches.iter().position(|b| f(*b));
    position(&|b| union_schema.branch_name(b) == name)
        .or_else(|| position(&|b| same_named(union_schema.kind(b), tk)))
        .or_else(|| {
            let same_kind: Vec<usize> = branches
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    let k = union_schema.kind(**b);
                    k.name().is_some() && k.type_name() == tk.type_name()
                })
                .map(|(i, _)| i)
                .collect();
            match same_kind.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
}

/// Named types of one kind that match by unqualified name or an alias either way.
fn same_named(a: &Kind, b: &Kind) -> bool {
    let (Some(an), Some(bn)) = (a.name(), b.name()) else {
        return false;
    };
    if a.type_name() != b.type_name() {
        return false;
    }
    let (af, bf) = (an.full(), bn.full());
    an.name == bn.name
        || a.aliases().iter().any(|x| x.full() == bf)
        || b.aliases().iter().any(|x| x.full() == af)
}

/// Whether two defaults are the same JSON value (numbers by value).
fn same_default(a: Option<&Json>, b: Option<&Json>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same_value(b),
        (None, None) => true,
        _ => false,
    }
}

/// Sets `slice[i]` when `i` is in range.
fn set<T>(slice: &mut [T], i: usize, value: T) {
    if let Some(slot) = slice.get_mut(i) {
        *slot = value;
    }
}
