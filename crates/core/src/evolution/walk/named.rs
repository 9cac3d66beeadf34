//! Named types in the diff walk: names, namespaces, aliases, docs, enum symbols and enum defaults.

use super::{strings, Both, Place, Walker};
use crate::evolution::rules;
use crate::evolution::ChangeKind;
use crate::schema::{Kind, Node};
use crate::source::Pointer;

impl Walker<'_> {
    /// Names, namespaces and aliases of two named types.
    pub(super) fn named(&mut self, visit: usize, on: &Node, nn: &Node, place: &Place) {
        let (ok, nk) = (&on.kind, &nn.kind);
        let (Some(oname), Some(nname)) = (ok.name(), nk.name()) else {
            return;
        };
        let (ofull, nfull) = (oname.full(), nname.full());
        let type_name = nk.type_name();
        let pointer = Both::pushed(&on.pointer, &nn.pointer, "name");
        let anchor = Both::pushed(&place.path.old, &place.path.new, "name");
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
        let names = |aliases: &[crate::schema::Name]| {
            strings(aliases.len(), &|i| Some(aliases.get(i)?.full()))
        };
        let (oa, na) = (names(ok.aliases()), names(nk.aliases()));
        self.aliases(
            visit,
            (&oa, &na),
            Both::attributes(
                (&on.pointer, !oa.is_empty()),
                (&nn.pointer, !na.is_empty()),
                "aliases",
            ),
            place.path.clone(),
            format!("{type_name} {nfull}"),
        );
    }

    pub(super) fn aliases(
        &mut self,
        visit: usize,
        (old, new): (&[String], &[String]),
        pointer: Both<Pointer>,
        anchor: Both<Pointer>,
        what: String,
    ) {
        let only = |these: &[String], other: &[String]| {
            strings(these.len(), &|i| {
                these.get(i).filter(|a| !other.contains(a)).cloned()
            })
        };
        let (added, removed) = (only(new, old), only(old, new));
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

    pub(super) fn doc(
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
            Both::attributes(
                (&on.pointer, od.is_some()),
                (&nn.pointer, nd.is_some()),
                "doc",
            ),
            path.clone(),
            format!("{} {what}", nn.kind.type_name()),
        );
    }

    pub(super) fn doc_at(
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

    pub(super) fn symbols(&mut self, visit: usize, on: &Node, nn: &Node, place: &Place) {
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
            Both::attributes(
                (&on.pointer, oe.default.is_some()),
                (&nn.pointer, ne.default.is_some()),
                "default",
            ),
            place.path.clone(),
            format!("enum {name}: {how}"),
            rules::enum_default(),
        );
    }
}
