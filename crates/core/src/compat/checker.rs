//! Java's `ReaderWriterCompatibilityChecker`, step for step: the same rules, the same order of
//! incompatibilities, the same locations and messages, and the same memo of reader/writer pairs (a pair in
//! progress counts as compatible, which is what ends recursion; a pair seen before gives back the result,
//! locations included, from its first visit).

use super::found::Found;
use super::location::{pointer, Token};
use super::matching::{lookup_writer_field, missing_symbols, schema_name_equals, WriterField};
use super::{Incompatibility, IncompatibilityType, Note, NoteKind, MAX_DEPTH};
use crate::schema::{Enum, Field, Fixed, Kind, Record, Schema, SchemaId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A reader/writer pair: Java keys its memo on the identity of the two schema objects; named types are
/// shared ids here as they are shared objects there.
type ReaderWriter = (SchemaId, SchemaId);

/// A fast hash of a pair of schema ids (FxHash's mix): the memo's keys are our own indexes, not input an
/// attacker picks, so SipHash's protection would only slow every edit of a large history.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u32(u32::from(*b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

enum Memo {
    /// Java's RECURSION_IN_PROGRESS.
    InProgress,
    Done(Found),
}

/// One run of the checker over a reader and a writer schema.
pub(crate) struct Checker<'s> {
    reader: &'s Schema,
    writer: &'s Schema,
    memo: HashMap<ReaderWriter, Memo, BuildHasherDefault<PairHasher>>,
    /// Java's location stack, without its root token.
    location: Vec<Token>,
    depth: usize,
    notes: Vec<Note>,
}

impl<'s> Checker<'s> {
    /// A checker with an empty memo.
    pub(crate) fn new(reader: &'s Schema, writer: &'s Schema) -> Self {
        Checker {
            reader,
            writer,
            memo: HashMap::default(),
            location: Vec::new(),
            depth: 0,
            notes: Vec::new(),
        }
    }

    /// Checks reader type `r` against writer type `w`, with locations starting at `prefix`.
    pub(crate) fn check(&mut self, prefix: Vec<Token>, r: SchemaId, w: SchemaId) -> Found {
        let saved = std::mem::replace(&mut self.location, prefix);
        let found = self.compatibility(None, r, w);
        self.location = saved;
        found
    }

    /// Whether `r` reads everything `w` writes (the memo is shared with other calls).
    pub(crate) fn compatible(&mut self, r: SchemaId, w: SchemaId) -> bool {
        self.check(Vec::new(), r, w).is_empty()
    }

    /// The notes about limits and ambiguities met so far.
    pub(crate) fn into_notes(self) -> Vec<Note> {
        self.notes
    }

    /// Java's `getCompatibility(referenceToken, reader, writer, location)`.
    fn compatibility(&mut self, token: Option<Token>, r: SchemaId, w: SchemaId) -> Found {
        if let Some(token) = token {
            self.location.push(token);
        }
        // Two primitives need no memo: each use of a primitive is a node of its own, so the pair is never met
        // again, and nothing recurses below it (a third of a 100-field record's check was memo upkeep).
        if is_primitive(self.reader.kind(r)) && is_primitive(self.writer.kind(w)) {
            let found = self.calculate(r, w);
            if token.is_some() {
                self.location.pop();
            }
            return found;
        }
        let found = match self.memo.get(&(r, w)) {
            // Schemas are compatible unless proven incompatible: this ends recursion.
            Some(Memo::InProgress) => Found::Nothing,
            Some(Memo::Done(found)) => found.clone(),
            None if self.depth >= MAX_DEPTH => {
                self.depth_limit();
                Found::Nothing
            }
            None => {
                self.memo.insert((r, w), Memo::InProgress);
                self.depth += 1;
                let found = self.calculate(r, w);
                self.depth -= 1;
                self.memo.insert((r, w), Memo::Done(found.clone()));
                found
            }
        };
        if token.is_some() {
            self.location.pop();
        }
        found
    }

    /// Java's two-argument `getCompatibility(reader, writer)`: a fresh location stack, the same memo.
    fn fresh(&mut self, r: SchemaId, w: SchemaId) -> Found {
        self.check(Vec::new(), r, w)
    }

    fn calculate(&mut self, r: SchemaId, w: SchemaId) -> Found {
        let reader = self.reader;
        let writer = self.writer;
        let (rk, wk) = (reader.kind(r), writer.kind(w));
        if rk.type_name() == wk.type_name() {
            return match (rk, wk) {
                (Kind::Array(ri), Kind::Array(wi)) => {
                    self.compatibility(Some(Token::Items), *ri, *wi)
                }
                (Kind::Map(rv), Kind::Map(wv)) => self.compatibility(Some(Token::Values), *rv, *wv),
                (Kind::Fixed(rf), Kind::Fixed(wf)) => {
                    Found::all(vec![self.names(r, w), self.fixed_size(rf, wf, r, w)])
                }
                (Kind::Enum(re), Kind::Enum(we)) => {
                    Found::all(vec![self.names(r, w), self.enum_symbols(re, we, r, w)])
                }
                (Kind::Record(rr), Kind::Record(wr)) => {
                    Found::all(vec![self.names(r, w), self.record_fields(rr, wr, r, w)])
                }
                (Kind::Union(_), Kind::Union(wbs)) => self.writer_union_branches(r, w, wbs),
                // Primitives of one type.
                _ => Found::Nothing,
            };
        }
        // A reader compatible with every branch of a writer union is compatible.
        if let Kind::Union(wbs) = wk {
            let parts = wbs
                .iter()
                .enumerate()
                .map(|(i, wb)| self.compatibility(Some(Token::Index(i)), r, *wb))
                .collect();
            return Found::all(parts);
        }
        if let Kind::Union(rbs) = rk {
            return self.reader_union(r, w, rbs);
        }
        if rk.promotes_from(wk) {
            Found::Nothing
        } else {
            self.type_mismatch(r, w)
        }
    }

    /// Both unions: every writer branch must be readable by the reader union.
    fn writer_union_branches(
        &mut self,
        r: SchemaId,
        w: SchemaId,
        writer_branches: &[SchemaId],
    ) -> Found {
        let mut parts = Vec::new();
        for (i, wb) in writer_branches.iter().enumerate() {
            self.location.push(Token::Index(i));
            if !self.fresh(r, *wb).is_empty() {
                let message = format!(
                    "reader union lacking writer type: {}",
                    java_type(self.writer.kind(*wb))
                );
                parts.push(self.incompatible(
                    IncompatibilityType::MissingUnionBranch,
                    r,
                    w,
                    message,
                ));
            }
            self.location.pop();
        }
        Found::all(parts)
    }

    /// A reader union and a writer that is not one: some reader branch must read it.
    fn reader_union(&mut self, r: SchemaId, w: SchemaId, reader_branches: &[SchemaId]) -> Found {
        for rb in reader_branches {
            if self.fresh(*rb, w).is_empty() {
                return Found::Nothing;
            }
        }
        let message = format!(
            "reader union lacking writer type: {}",
            java_type(self.writer.kind(w))
        );
        self.incompatible(IncompatibilityType::MissingUnionBranch, r, w, message)
    }

    fn names(&mut self, r: SchemaId, w: SchemaId) -> Found {
        let (rk, wk) = (self.reader.kind(r), self.writer.kind(w));
        if schema_name_equals(rk, wk) {
            return Found::Nothing;
        }
        let expected = wk.name().map(|n| n.full()).unwrap_or_default();
        self.location.push(Token::Name);
        let found = self.incompatible(
            IncompatibilityType::NameMismatch,
            r,
            w,
            format!("expected: {expected}"),
        );
        self.location.pop();
        found
    }

    fn fixed_size(&mut self, reader: &Fixed, writer: &Fixed, r: SchemaId, w: SchemaId) -> Found {
        if reader.size == writer.size {
            return Found::Nothing;
        }
        let message = format!("expected: {}, found: {}", writer.size, reader.size);
        self.location.push(Token::Size);
        let found = self.incompatible(IncompatibilityType::FixedSizeMismatch, r, w, message);
        self.location.pop();
        found
    }

    fn enum_symbols(&mut self, reader: &Enum, writer: &Enum, r: SchemaId, w: SchemaId) -> Found {
        let missing = missing_symbols(reader, writer);
        let covered_by_default = reader
            .default
            .as_ref()
            .is_some_and(|d| reader.symbols.contains(d));
        if missing.is_empty() || covered_by_default {
            return Found::Nothing;
        }
        // Java prints a TreeSet: sorted, `[A, B]`.
        let message = format!("[{}]", missing.into_iter().collect::<Vec<_>>().join(", "));
        self.location.push(Token::Symbols);
        let found = self.incompatible(IncompatibilityType::MissingEnumSymbols, r, w, message);
        self.location.pop();
        found
    }

    fn record_fields(
        &mut self,
        reader: &Record,
        writer: &Record,
        r: SchemaId,
        w: SchemaId,
    ) -> Found {
        let mut parts = Vec::with_capacity(reader.fields.len());
        self.location.push(Token::Fields);
        for (pos, field) in reader.fields.iter().enumerate() {
            self.location.push(Token::Index(pos));
            let writer_field = match lookup_writer_field(writer, field, pos) {
                WriterField::Missing => None,
                WriterField::Found(wf) => Some(wf),
                WriterField::Ambiguous(wf, others) => {
                    self.ambiguous(field, wf, &others, writer);
                    Some(wf)
                }
            };
            let part = match writer_field {
                Some(wf) => self.compatibility(Some(Token::Type), field.schema, wf.schema),
                None => self.missing_field(field, r, w),
            };
            parts.push(part);
            self.location.pop();
        }
        self.location.pop();
        Found::all(parts)
    }

    /// A reader field the writer lacks: fine with a default. Without one, Java lets an enum-typed field with
    /// an enum default through to a type check of the enum against the whole writer record (which fails).
    fn missing_field(&mut self, field: &Field, r: SchemaId, w: SchemaId) -> Found {
        if field.default.is_some() {
            return Found::Nothing;
        }
        if let Kind::Enum(e) = self.reader.kind(field.schema) {
            if e.default.is_some() {
                return self.compatibility(Some(Token::Type), field.schema, w);
            }
        }
        self.incompatible(
            IncompatibilityType::ReaderFieldMissingDefaultValue,
            r,
            w,
            field.name.clone(),
        )
    }

    fn type_mismatch(&mut self, r: SchemaId, w: SchemaId) -> Found {
        let message = format!(
            "reader type: {} not compatible with writer type: {}",
            java_type(self.reader.kind(r)),
            java_type(self.writer.kind(w))
        );
        self.incompatible(IncompatibilityType::TypeMismatch, r, w, message)
    }

    fn incompatible(
        &self,
        kind: IncompatibilityType,
        r: SchemaId,
        w: SchemaId,
        message: String,
    ) -> Found {
        Found::one(Incompatibility {
            kind,
            location: pointer(&self.location),
            message,
            reader_fragment: r,
            writer_fragment: w,
        })
    }

    fn ambiguous(&mut self, field: &Field, chosen: &Field, others: &[&Field], writer: &Record) {
        let mut names: Vec<String> = vec![format!("`{}`", chosen.name)];
        names.extend(others.iter().map(|f| format!("`{}`", f.name)));
        self.notes.push(Note {
            kind: NoteKind::AmbiguousFieldAlias,
            location: pointer(&self.location),
            message: format!(
                "reader field `{}` matches writer fields {} of {} by its name and aliases; Java's checker throws \
                 AvroRuntimeException (\"matches multiple fields in writer record schema\") here, this checker \
                 reads `{}` as the Python port does",
                field.name,
                names.join(" and "),
                writer.name,
                chosen.name
            ),
        });
    }

    fn depth_limit(&mut self) {
        if self.notes.iter().any(|n| n.kind == NoteKind::DepthLimit) {
            return;
        }
        self.notes.push(Note {
            kind: NoteKind::DepthLimit,
            location: pointer(&self.location),
            message: format!(
                "the check stopped following types nested deeper than {MAX_DEPTH} reader/writer pairs; \
                 deeper pairs were taken as compatible"
            ),
        });
    }
}

/// A type's name as Java's `Schema.Type` prints it: `INT`, `RECORD`…
pub(crate) fn java_type(kind: &Kind) -> String {
    kind.type_name().to_ascii_uppercase()
}

/// Whether `kind` is a primitive type: no name, nothing below it.
fn is_primitive(kind: &Kind) -> bool {
    !matches!(
        kind,
        Kind::Record(_)
            | Kind::Enum(_)
            | Kind::Array(_)
            | Kind::Map(_)
            | Kind::Union(_)
            | Kind::Fixed(_)
    )
}
