//! Unions in the diff walk: branches paired by type and name, types that became a union or a branch.

use super::{first, indices, set, strings, Both, Place, Walker};
use crate::evolution::rules;
use crate::evolution::ChangeKind;
use crate::schema::{Kind, Schema, SchemaId};

impl<'s> Walker<'s> {
    /// Two unions: branches paired by type and full name, then by unqualified name or alias, then a lone
    /// named type of the same kind on each side (a rename).
    pub(super) fn unions(
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
                let found = first(nbs.len(), &|j| {
                    !taken.get(j).copied().unwrap_or(true)
                        && nbs.get(j).is_some_and(|nb| matches(*ob, *nb))
                });
                if let Some(j) = found {
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
        // Reordered when the kept branches' new positions do not rise with the old ones.
        let mut last = None;
        let mut reordered = false;
        for j in new_of_old.iter().flatten() {
            reordered |= last > Some(*j);
            last = Some(*j);
        }
        if reordered {
            let names = |s: &Schema, bs: &[SchemaId]| {
                strings(bs.len(), &|i| Some(s.branch_name(*bs.get(i)?)))
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
        for (i, ob) in obs.iter().enumerate() {
            let Some((j, nb)) = new_of_old
                .get(i)
                .copied()
                .flatten()
                .and_then(|j| Some((j, nbs.get(j)?)))
            else {
                continue;
            };
            let child = place.child(
                (&on.pointer, &nn.pointer),
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
        let free_old = indices(obs.len(), &|i| {
            new_of_old.get(i).is_some_and(Option::is_none)
        });
        let free_new = indices(nbs.len(), &|j| !taken.get(j).copied().unwrap_or(true));
        for &i in &free_old {
            let Some(ob) = obs.get(i) else { continue };
            let ok = old.kind(*ob);
            if ok.name().is_none() {
                continue;
            }
            let same_kind = |bs: &[SchemaId], s: &Schema, free: &[usize]| {
                let mut found = Vec::new();
                for &k in free {
                    if bs
                        .get(k)
                        .is_some_and(|b| s.kind(*b).type_name() == ok.type_name())
                    {
                        found.push(k);
                    }
                }
                found
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
    pub(super) fn type_to_union(
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
        let others = unreadable_branches((old, o), (new, nbs), j);
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
    pub(super) fn union_to_type(
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
        let others = unreadable_branches((new, n), (old, obs), i);
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
    let position = |f: &dyn Fn(SchemaId) -> bool| {
        first(branches.len(), &|i| branches.get(i).is_some_and(|b| f(*b)))
    };
    position(&|b| union_schema.branch_name(b) == name)
        .or_else(|| position(&|b| same_named(union_schema.kind(b), tk)))
        .or_else(|| {
            let same_kind = indices(branches.len(), &|i| {
                branches.get(i).is_some_and(|b| {
                    let k = union_schema.kind(*b);
                    k.name().is_some() && k.type_name() == tk.type_name()
                })
            });
            match same_kind.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
}
/// The names of the union's branches, other than `branch`, that the plain type `t` cannot read.
fn unreadable_branches(
    (plain, t): (&Schema, SchemaId),
    (union, branches): (&Schema, &[SchemaId]),
    branch: usize,
) -> Vec<String> {
    strings(branches.len(), &|k| {
        let b = *branches.get(k)?;
        (k != branch && !rules::readable(plain, t, union, b)).then(|| union.branch_name(b))
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
