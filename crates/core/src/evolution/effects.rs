//! Judging the walk's changes with the checker: each direction is checked once with Java's rules and the
//! explain pass; each incompatibility goes to the changes that explain it, each note to the change it is
//! about.

use super::attribute::Attributor;
use super::rules::Rule;
use super::walk::Walked;
use super::{Change, ChangeKind, Effect, Verdict};
use crate::compat::{self, Direction, Incompatibility, IncompatibilityType, Note, NoteKind};
use crate::schema::Schema;

/// The walk's changes with their backward and forward effects.
pub(super) fn judge(old: &Schema, new: &Schema, walked: Walked) -> Vec<Change> {
    let attributor = Attributor::new(old, new, &walked);
    let backward = directed(old, new, &walked, &attributor, Direction::Backward);
    let forward = directed(old, new, &walked, &attributor, Direction::Forward);
    // Plain loops rather than iterator chains here and below: each chain is its own wasm instantiation.
    let (mut backward, mut forward) = (backward.into_iter(), forward.into_iter());
    let mut changes = Vec::new();
    for found in walked.found {
        let (Some(backward), Some(forward)) = (backward.next(), forward.next()) else {
            break;
        };
        changes.push(Change {
            kind: found.kind,
            old_pointer: found.pointer.old,
            new_pointer: found.pointer.new,
            message: found.message,
            backward,
            forward,
        });
    }
    changes
}

/// Every change's effect in one direction.
fn directed(
    old: &Schema,
    new: &Schema,
    walked: &Walked,
    attributor: &Attributor<'_>,
    direction: Direction,
) -> Vec<Effect> {
    let (reader, writer) = match direction {
        Direction::Backward => (new, old),
        Direction::Forward => (old, new),
    };
    let result = compat::check(reader, writer);
    let count = walked.found.len();
    let mut explained: Vec<Vec<Incompatibility>> = vec![Vec::new(); count];
    // Changes below the pair where Java reported a MISSING_UNION_BRANCH: the union hid them.
    let mut hidden = vec![false; count];
    for incompatibility in &result.incompatibilities {
        let found_in = attributor.changes(incompatibility, direction);
        for i in found_in.changes {
            if let Some(list) = explained.get_mut(i) {
                list.push(incompatibility.clone());
            }
            let below = walked.found.get(i).map(|f| Some(f.visit)) != Some(found_in.visit);
            if below && incompatibility.kind == IncompatibilityType::MissingUnionBranch {
                if let Some(flag) = hidden.get_mut(i) {
                    *flag = true;
                }
            }
        }
    }
    let mut effects = Vec::new();
    for (i, found) in walked.found.iter().enumerate() {
        let (anchor, rule) = match direction {
            Direction::Backward => (&found.anchor.new, &found.rules.backward),
            Direction::Forward => (&found.anchor.old, &found.rules.forward),
        };
        let mut notes: Vec<Note> = Vec::new();
        for note in &result.notes {
            if &note.location == anchor && about(&found.kind, note.kind, direction) {
                notes.push(note.clone());
            }
        }
        let incompatibilities = explained.get_mut(i).map(std::mem::take).unwrap_or_default();
        let hidden = hidden.get(i).copied().unwrap_or(false);
        effects.push(effect(rule, incompatibilities, notes, hidden));
    }
    effects
}

/// Whether a note of kind `note`, from the check in `direction`, is about a change of kind `change`. Notes
/// about what the reader lacks concern only the change that took it away in that direction.
fn about(change: &ChangeKind, note: NoteKind, direction: Direction) -> bool {
    let backward = direction == Direction::Backward;
    match change {
        ChangeKind::LogicalTypeAdded { .. }
        | ChangeKind::LogicalTypeRemoved { .. }
        | ChangeKind::LogicalTypeChanged { .. } => matches!(
            note,
            NoteKind::TimeUnitChange | NoteKind::LogicalTypeChange | NoteKind::DecimalChange
        ),
        ChangeKind::NamespaceChanged { .. } => note == NoteKind::NamespaceOnlyRename,
        ChangeKind::DefaultChanged { .. } => note == NoteKind::DefaultChanged,
        ChangeKind::EnumSymbolAdded { .. } | ChangeKind::EnumSymbolRemoved { .. } => {
            let lacking = matches!(change, ChangeKind::EnumSymbolRemoved { .. }) == backward;
            lacking
                && matches!(
                    note,
                    NoteKind::EnumDefaultSubstitution | NoteKind::EnumDefaultConfusion
                )
        }
        ChangeKind::FieldAdded { .. } => backward && note == NoteKind::EnumDefaultConfusion,
        ChangeKind::FieldRemoved { .. } => !backward && note == NoteKind::EnumDefaultConfusion,
        ChangeKind::FieldRenamed { .. } => note == NoteKind::EnumDefaultConfusion,
        _ => false,
    }
}

/// One change's effect in one direction: incompatible when the checker's incompatibilities name it,
/// otherwise compatible, on a condition when its rule fills in or reinterprets values or a note says so.
fn effect(
    rule: &Rule,
    incompatibilities: Vec<Incompatibility>,
    notes: Vec<Note>,
    hidden: bool,
) -> Effect {
    if !incompatibilities.is_empty() {
        let mut reported: Vec<String> = Vec::new();
        for i in &incompatibilities {
            let line = format!("{} at {}", i.kind, i.location);
            if !reported.contains(&line) {
                reported.push(line);
            }
        }
        let rule_text = if rule.fails.is_empty() {
            "Java's checker reports"
        } else {
            rule.fails.as_str()
        };
        let mut reason = format!("{rule_text}: {}", reported.join("; "));
        if hidden {
            reason.push_str(" (the union hides the cause: Java reports only the branch)");
        }
        return Effect {
            verdict: Verdict::Incompatible,
            reason,
            incompatibilities,
            notes,
        };
    }
    let verdict = if rule.condition || !notes.is_empty() {
        Verdict::CompatibleWithCondition
    } else {
        Verdict::Compatible
    };
    let reason = match notes.first() {
        Some(note) => note.message.clone(),
        None if !rule.reads.is_empty() => rule.reads.clone(),
        None => {
            "Java's checker reports no incompatibility for this change in this direction".into()
        }
    };
    Effect {
        verdict,
        reason,
        incompatibilities,
        notes,
    }
}
