//! Schema compatibility as Java's `org.apache.avro.SchemaCompatibility` decides it (which Confluent Schema
//! Registry and Apicurio run), an explain pass that tells learners what Java's verdict hides, and Confluent's
//! compatibility modes on top.
//!
//! * [`check`]: Java's verdict with every incompatibility (type, JSON pointer into the reader schema, Java's
//!   message), plus [`Note`]s from the explain pass. The notes never change the verdict.
//! * [`register`] and [`CompatibilityMatrix`]: Confluent's BACKWARD, FORWARD, FULL, their `_TRANSITIVE` forms and
//!   NONE.

mod checker;
mod explain;
mod found;
mod location;
mod matching;
mod modes;

pub use explain::explain;
pub use location::Token;
pub use modes::{
    register, CompatibilityMatrix, DirectedIncompatibility, Direction, Mode, Registration,
};

use crate::schema::{Schema, SchemaId};
use crate::source::Pointer;
use std::fmt;

/// The most incompatibilities one check lists. Java lists a named type's problems again at each reference
/// to it, which can grow without bound on shared types; past this many the rest are counted in a note.
pub const MAX_INCOMPATIBILITIES: usize = 1000;

/// The deepest nesting of reader/writer pairs the checker and the explain pass follow. Recursive schemas
/// stop earlier, at the first repeated pair; only pathological pairs of cycles come near this.
pub const MAX_DEPTH: usize = 256;

/// Java's `SchemaIncompatibilityType`: why a reader cannot read what a writer wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IncompatibilityType {
    /// A named type (record, enum, fixed) whose unqualified name differs and no reader alias names the
    /// writer's full name.
    NameMismatch,
    /// Two fixed types of different sizes.
    FixedSizeMismatch,
    /// Writer enum symbols the reader lacks, and the reader enum has no default.
    MissingEnumSymbols,
    /// A reader field the writer does not have (by name or alias), with no default.
    ReaderFieldMissingDefaultValue,
    /// Types that do not match and no promotion leads from the writer's to the reader's.
    TypeMismatch,
    /// A writer type (or union branch) that no branch of the reader union can read.
    MissingUnionBranch,
}

impl IncompatibilityType {
    /// The name as Java writes it (`TYPE_MISMATCH`…).
    pub fn as_str(self) -> &'static str {
        match self {
            IncompatibilityType::NameMismatch => "NAME_MISMATCH",
            IncompatibilityType::FixedSizeMismatch => "FIXED_SIZE_MISMATCH",
            IncompatibilityType::MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
            IncompatibilityType::ReaderFieldMissingDefaultValue => {
                "READER_FIELD_MISSING_DEFAULT_VALUE"
            }
            IncompatibilityType::TypeMismatch => "TYPE_MISMATCH",
            IncompatibilityType::MissingUnionBranch => "MISSING_UNION_BRANCH",
        }
    }
}

impl fmt::Display for IncompatibilityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One incompatibility, as Java's `SchemaCompatibility.Incompatibility` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incompatibility {
    /// Its type.
    pub kind: IncompatibilityType,
    /// Where: a JSON pointer into the reader schema, except that a number after a union addresses the
    /// writer's union branch (Java's convention).
    pub location: Pointer,
    /// Java's message, with type names as Java writes them (`reader type: INT not compatible with writer
    /// type: STRING`).
    pub message: String,
    /// The reader type where it was found (Java's reader fragment), an id in the reader schema.
    pub reader_fragment: SchemaId,
    /// The writer type where it was found (Java's writer fragment), an id in the writer schema.
    pub writer_fragment: SchemaId,
}

/// What kind of thing a [`Note`] tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKind {
    /// The real cause behind a MISSING_UNION_BRANCH: what the closest reader branch lacks.
    UnionBranchCause,
    /// A time or timestamp read in another unit: the numbers are not converted.
    TimeUnitChange,
    /// Another change of logical type on a compatible base type (date read as timestamp, instant read as
    /// local time…).
    LogicalTypeChange,
    /// Decimal precision or scale changed: Java ignores logical types.
    DecimalChange,
    /// Named types that differ only in namespace: compatible for Java, not for what matches full names.
    NamespaceOnlyRename,
    /// A field whose default differs between reader and writer.
    DefaultChanged,
    /// An enum default mistaken for a field default, or the other way round.
    EnumDefaultConfusion,
    /// Writer enum symbols the reader lacks, silently read as the reader enum's default.
    EnumDefaultSubstitution,
    /// A reader field that matches several writer fields by name and aliases (Java throws).
    AmbiguousFieldAlias,
    /// The check stopped following a pair of types at [`MAX_DEPTH`].
    DepthLimit,
    /// More than [`MAX_INCOMPATIBILITIES`] incompatibilities; the rest are not listed.
    IncompatibilitiesOmitted,
}

impl NoteKind {
    /// The kind's name in snake case, as the CLI prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::UnionBranchCause => "union_branch_cause",
            NoteKind::TimeUnitChange => "time_unit_change",
            NoteKind::LogicalTypeChange => "logical_type_change",
            NoteKind::DecimalChange => "decimal_change",
            NoteKind::NamespaceOnlyRename => "namespace_only_rename",
            NoteKind::DefaultChanged => "default_changed",
            NoteKind::EnumDefaultConfusion => "enum_default_confusion",
            NoteKind::EnumDefaultSubstitution => "enum_default_substitution",
            NoteKind::AmbiguousFieldAlias => "ambiguous_field_alias",
            NoteKind::DepthLimit => "depth_limit",
            NoteKind::IncompatibilitiesOmitted => "incompatibilities_omitted",
        }
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a learner should know that Java's verdict does not say. Never changes the verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What kind of note.
    pub kind: NoteKind,
    /// Where: a JSON pointer into the reader schema; a number after a union addresses the reader's branch
    /// (unlike Java's incompatibility locations, which address the writer's). Below the reader branch of a
    /// [`NoteKind::UnionBranchCause`] the path is that branch's own check, in Java's convention again.
    pub location: Pointer,
    /// The explanation.
    pub message: String,
}

/// The result of checking a reader schema against a writer schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compatibility {
    /// Java's verdict: the reader can decode everything the writer writes.
    pub compatible: bool,
    /// Every incompatibility, in Java's order (at most [`MAX_INCOMPATIBILITIES`]).
    pub incompatibilities: Vec<Incompatibility>,
    /// Explanations beyond Java's verdict, and limits the check ran into.
    pub notes: Vec<Note>,
}

/// Checks whether `reader` can read data written with `writer`, as Java's
/// `SchemaCompatibility.checkReaderWriterCompatibility` does, and adds the explain pass's notes.
pub fn check(reader: &Schema, writer: &Schema) -> Compatibility {
    let mut result = check_reader_writer_compatibility(reader, writer);
    result.notes.extend(explain(reader, writer));
    result
}

/// Java's verdict and incompatibilities only, without the explain pass (its notes hold only limits the check
/// ran into). This is what the Confluent modes and the matrix use.
pub fn check_reader_writer_compatibility(reader: &Schema, writer: &Schema) -> Compatibility {
    let mut checker = checker::Checker::new(reader, writer);
    let found = checker.check(Vec::new(), reader.root(), writer.root());
    let (incompatibilities, omitted) = found.to_vec(MAX_INCOMPATIBILITIES);
    let mut notes = checker.into_notes();
    if omitted > 0 {
        notes.push(Note {
            kind: NoteKind::IncompatibilitiesOmitted,
            location: Pointer::root(),
            message: format!(
                "{omitted} more incompatibilities are not listed (Java repeats a shared type's problems at every reference to it)"
            ),
        });
    }
    Compatibility {
        compatible: found.is_empty(),
        incompatibilities,
        notes,
    }
}

#[cfg(test)]
mod tests;
