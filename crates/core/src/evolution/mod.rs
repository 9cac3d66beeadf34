//! Schema evolution for learners: what changed between two versions of a schema ([`diff`]), what each change
//! does to old and new consumers, and a gallery of guided [`scenarios`] whose verdicts the tests assert
//! against the compatibility checker.
//!
//! Directions follow Confluent's words. **Backward**: the new schema reads data written with the old one
//! ("new consumers can read old data"). **Forward**: the old schema reads data written with the new one ("old
//! consumers can read new data"). Each change's effect in each direction comes from Java's checker
//! ([`crate::compat`]): a change is incompatible in a direction exactly when the checker reports an
//! incompatibility that the change explains, and the checker's incompatibilities are handed on with it.

mod attribute;
mod effects;
mod rules;
mod scenarios;
mod walk;

pub use scenarios::{scenarios, ModeVerdicts, Scenario, Step};

use crate::compat::{Incompatibility, Note};
use crate::schema::Schema;
use crate::source::Pointer;
use std::fmt;

/// One difference between an old and a new version of a schema, with its effect in each direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// JSON pointer into the old schema text (`/` is the whole text). For something the old version lacks,
    /// the place it would go (the record's `fields`, the enum's `symbols`, the union).
    pub old_pointer: Pointer,
    /// JSON pointer into the new schema text. For something the new version lacks, the place it was taken
    /// from.
    pub new_pointer: Pointer,
    /// The change in words, naming where it is (`field session_id of com.company.events.UserEvent`).
    pub message: String,
    /// Whether new consumers can read old data (the new schema reads, the old one wrote).
    pub backward: Effect,
    /// Whether old consumers can read new data (the old schema reads, the new one wrote).
    pub forward: Effect,
}

/// What one change does to reading in one direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effect {
    /// Compatible, compatible on a condition, or incompatible.
    pub verdict: Verdict,
    /// One line citing the rule (`a reader field without a default that the writer lacks:
    /// READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3`).
    pub reason: String,
    /// The checker's incompatibilities that this change explains (their locations point into the reading
    /// schema); empty unless the verdict is [`Verdict::Incompatible`].
    pub incompatibilities: Vec<Incompatibility>,
    /// The explain pass's notes about this change: what Java's verdict does not say.
    pub notes: Vec<Note>,
}

/// A change's effect on reading in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Data reads as written, or promoted without loss.
    Compatible,
    /// The checker passes, but values are filled in or read differently: a default fills a missing field,
    /// an enum default stands in for a symbol, a promotion may round, a logical type reads the same numbers
    /// with another meaning.
    CompatibleWithCondition,
    /// The checker reports an incompatibility that this change explains.
    Incompatible,
}

impl Verdict {
    /// `compatible`, `compatible-with-condition` or `incompatible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Compatible => "compatible",
            Verdict::CompatibleWithCondition => "compatible-with-condition",
            Verdict::Incompatible => "incompatible",
        }
    }

    /// Whether the checker lets data through (compatible, with or without a condition).
    pub fn is_compatible(self) -> bool {
        self != Verdict::Incompatible
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a renamed field was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RenameEvidence {
    /// The new field lists the old name among its `aliases` (the reader-side alias the spec resolves).
    NewFieldAlias,
    /// The old field already listed the new name among its `aliases`.
    OldFieldAlias,
    /// No alias: the field keeps its position and its type under a new name.
    SamePositionAndType,
}

/// Whether a type change is one of the spec's promotions (Schema Resolution: int is promoted to long, float
/// or double; long to float or double; float to double; string and bytes to each other).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Promotion {
    /// Old values are promoted to the new type (int → long): new consumers read old data.
    Widening,
    /// New values are promoted to the old type (long → int): old consumers read new data.
    Narrowing,
    /// Each is promoted to the other (string ↔ bytes).
    BothWays,
    /// Neither is promoted to the other.
    None,
}

/// What kind of difference a [`Change`] is, with its particulars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// A field only the new record has.
    FieldAdded {
        /// The field's name.
        field: String,
        /// Whether it has a default.
        has_default: bool,
    },
    /// A field only the old record has.
    FieldRemoved {
        /// The field's name.
        field: String,
        /// Whether the old field had a default.
        had_default: bool,
    },
    /// A field under a new name.
    FieldRenamed {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
        /// How the rename was recognised.
        evidence: RenameEvidence,
    },
    /// A type replaced by another (not a branch of a union, not one of its branches).
    TypeChanged {
        /// The old type, described (`int`, `record a.R`, `union [null, string]`).
        old: String,
        /// The new type, described.
        new: String,
        /// Whether a promotion leads from one to the other.
        promotion: Promotion,
    },
    /// A type became a branch of a union (`"string"` → `["null", "string"]`: the field is made optional).
    TypeToUnion {
        /// The branch of the new union that is the old type.
        branch: usize,
        /// The new union, described.
        union: String,
    },
    /// A union became one of its branches (`["null", "string"]` → `"string"`: the field is made required).
    UnionToType {
        /// The branch of the old union that the new type is.
        branch: usize,
        /// The old union, described.
        union: String,
    },
    /// A field default that the old field lacked.
    DefaultAdded {
        /// The field's name.
        field: String,
        /// The new default, as JSON.
        default: String,
    },
    /// A field default that the new field lacks.
    DefaultRemoved {
        /// The field's name.
        field: String,
        /// The old default, as JSON.
        default: String,
    },
    /// A field default changed value.
    DefaultChanged {
        /// The field's name.
        field: String,
        /// The old default, as JSON.
        old: String,
        /// The new default, as JSON.
        new: String,
    },
    /// A branch only the new union has.
    UnionBranchAdded {
        /// The branch's type or full name.
        branch: String,
        /// Its position in the new union.
        index: usize,
    },
    /// A branch only the old union has.
    UnionBranchRemoved {
        /// The branch's type or full name.
        branch: String,
        /// Its position in the old union.
        index: usize,
    },
    /// The same branches in another order.
    UnionBranchesReordered {
        /// The old order (types or full names).
        old: Vec<String>,
        /// The new order.
        new: Vec<String>,
    },
    /// A symbol only the new enum has.
    EnumSymbolAdded {
        /// The symbol.
        symbol: String,
    },
    /// A symbol only the old enum has.
    EnumSymbolRemoved {
        /// The symbol.
        symbol: String,
    },
    /// An enum default (the symbol read for unknown symbols) that the old enum lacked.
    EnumDefaultAdded {
        /// The new default symbol.
        symbol: String,
    },
    /// An enum default that the new enum lacks.
    EnumDefaultRemoved {
        /// The old default symbol.
        symbol: String,
    },
    /// An enum default changed symbol.
    EnumDefaultChanged {
        /// The old default symbol.
        old: String,
        /// The new default symbol.
        new: String,
    },
    /// A fixed type's size changed.
    FixedSizeChanged {
        /// The old size in bytes.
        old: usize,
        /// The new size in bytes.
        new: usize,
    },
    /// A logical type annotates a type that had none.
    LogicalTypeAdded {
        /// The new logical type (`timestamp-millis`, `decimal(10,2)`).
        logical: String,
    },
    /// A logical type that the new type lacks.
    LogicalTypeRemoved {
        /// The old logical type.
        logical: String,
    },
    /// Another logical type, or the same with other parameters (`timestamp-millis` → `timestamp-micros`).
    LogicalTypeChanged {
        /// The old logical type.
        old: String,
        /// The new logical type.
        new: String,
    },
    /// A named type (record, enum, fixed) under another simple name.
    TypeRenamed {
        /// The old full name.
        old: String,
        /// The new full name.
        new: String,
    },
    /// A named type in another namespace, same simple name.
    NamespaceChanged {
        /// The old namespace (`None`: the null namespace).
        old: Option<String>,
        /// The new namespace.
        new: Option<String>,
    },
    /// Aliases of a named type or a field added or removed.
    AliasesChanged {
        /// Aliases only the new version has.
        added: Vec<String>,
        /// Aliases only the old version has.
        removed: Vec<String>,
    },
    /// The `doc` of a record, enum or field changed.
    DocChanged {
        /// The old doc.
        old: Option<String>,
        /// The new doc.
        new: Option<String>,
    },
}

impl ChangeKind {
    /// A short identifier in snake case (`field_added`), for the command line and tests.
    pub fn id(&self) -> &'static str {
        match self {
            ChangeKind::FieldAdded { .. } => "field_added",
            ChangeKind::FieldRemoved { .. } => "field_removed",
            ChangeKind::FieldRenamed { .. } => "field_renamed",
            ChangeKind::TypeChanged { .. } => "type_changed",
            ChangeKind::TypeToUnion { .. } => "type_to_union",
            ChangeKind::UnionToType { .. } => "union_to_type",
            ChangeKind::DefaultAdded { .. } => "default_added",
            ChangeKind::DefaultRemoved { .. } => "default_removed",
            ChangeKind::DefaultChanged { .. } => "default_changed",
            ChangeKind::UnionBranchAdded { .. } => "union_branch_added",
            ChangeKind::UnionBranchRemoved { .. } => "union_branch_removed",
            ChangeKind::UnionBranchesReordered { .. } => "union_branches_reordered",
            ChangeKind::EnumSymbolAdded { .. } => "enum_symbol_added",
            ChangeKind::EnumSymbolRemoved { .. } => "enum_symbol_removed",
            ChangeKind::EnumDefaultAdded { .. } => "enum_default_added",
            ChangeKind::EnumDefaultRemoved { .. } => "enum_default_removed",
            ChangeKind::EnumDefaultChanged { .. } => "enum_default_changed",
            ChangeKind::FixedSizeChanged { .. } => "fixed_size_changed",
            ChangeKind::LogicalTypeAdded { .. } => "logical_type_added",
            ChangeKind::LogicalTypeRemoved { .. } => "logical_type_removed",
            ChangeKind::LogicalTypeChanged { .. } => "logical_type_changed",
            ChangeKind::TypeRenamed { .. } => "type_renamed",
            ChangeKind::NamespaceChanged { .. } => "namespace_changed",
            ChangeKind::AliasesChanged { .. } => "aliases_changed",
            ChangeKind::DocChanged { .. } => "doc_changed",
        }
    }
}

impl Change {
    /// The effect in one direction.
    pub fn effect(&self, direction: crate::compat::Direction) -> &Effect {
        match direction {
            crate::compat::Direction::Backward => &self.backward,
            crate::compat::Direction::Forward => &self.forward,
        }
    }
}

/// Every difference between `old` and `new`, recursing into records, arrays, maps and unions (each pair
/// of named types once, so recursive schemas end), each with its backward and forward effect as Java's
/// checker decides them.
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let walked = walk::walk(old, new);
    effects::judge(old, new, walked)
}
