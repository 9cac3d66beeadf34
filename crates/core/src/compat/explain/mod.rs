//! The explain pass: walks reader and writer together the way a resolving reader pairs them and notes what
//! Java's verdict does not say. It never changes the verdict.

mod defaults;
mod logical;
mod unions;

use super::checker::Checker;
use super::location::{pointer, Token};
use super::matching::{lookup_writer_field, WriterField};
use super::{Note, NoteKind, MAX_DEPTH};
use crate::schema::{Field, Kind, Record, Schema, SchemaId};
use std::collections::HashSet;

/// Notes for a learner about reading `writer` data with `reader`: the cause hidden behind a
/// MISSING_UNION_BRANCH, and what Java calls compatible though values change (time units, decimals,
/// namespaces, defaults, enum defaults).
pub fn explain(reader: &Schema, writer: &Schema) -> Vec<Note> {
    let mut explainer = Explainer {
        reader,
        writer,
        checker: Checker::new(reader, writer),
        visited: HashSet::new(),
        path: Vec::new(),
        depth: 0,
        notes: Vec::new(),
    };
    explainer.walk(reader.root(), writer.root(), None);
    explainer.notes
}

struct Explainer<'s> {
    reader: &'s Schema,
    writer: &'s Schema,
    /// Answers "does this reader branch read that writer type?" with Java's rules.
    checker: Checker<'s>,
    /// Pairs already explained: each pair is explained once, at its first location (recursion ends here).
    visited: HashSet<(SchemaId, SchemaId)>,
    /// Where in the reader schema the walk is; after a union, the reader's branch index.
    path: Vec<Token>,
    depth: usize,
    notes: Vec<Note>,
}

impl<'s> Explainer<'s> {
    fn note(&mut self, kind: NoteKind, message: String) {
        self.notes.push(Note {
            kind,
            location: pointer(&self.path),
            message,
        });
    }

    fn at<T>(&mut self, token: Token, f: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(token);
        let out = f(self);
        self.path.pop();
        out
    }

    /// Explains reader type `r` reading writer type `w`; `field` is the reader field whose type `r` is.
    fn walk(&mut self, r: SchemaId, w: SchemaId, field: Option<&'s Field>) {
        if self.depth >= MAX_DEPTH || !self.visited.insert((r, w)) {
            return;
        }
        self.depth += 1;
        self.pair(r, w, field);
        self.depth -= 1;
    }

    fn pair(&mut self, r: SchemaId, w: SchemaId, field: Option<&'s Field>) {
        let (reader, writer) = (self.reader, self.writer);
        if let Some((kind, message)) = logical::change(reader.node(r), writer.node(w)) {
            self.note(kind, message);
        }
        match (reader.kind(r), writer.kind(w)) {
            (Kind::Union(rbs), Kind::Union(wbs)) => {
                for (i, wb) in wbs.iter().enumerate() {
                    self.reader_branch(rbs, *wb, Some(i));
                }
            }
            (_, Kind::Union(wbs)) => {
                for wb in wbs {
                    self.walk(r, *wb, field);
                }
            }
            (Kind::Union(rbs), _) => self.reader_branch(rbs, w, None),
            (Kind::Record(rr), Kind::Record(wr)) => {
                self.namespace_only(r, w);
                self.fields(rr, wr);
            }
            (Kind::Enum(re), Kind::Enum(we)) => {
                self.namespace_only(r, w);
                if let Some((kind, message)) = defaults::enum_symbols(re, we, field) {
                    self.note(kind, message);
                }
            }
            (Kind::Fixed(_), Kind::Fixed(_)) => self.namespace_only(r, w),
            (Kind::Array(ri), Kind::Array(wi)) => self.at(Token::Items, |e| e.walk(*ri, *wi, None)),
            (Kind::Map(rv), Kind::Map(wv)) => self.at(Token::Values, |e| e.walk(*rv, *wv, None)),
            _ => {}
        }
    }

    fn fields(&mut self, reader: &'s Record, writer: &'s Record) {
        self.path.push(Token::Fields);
        for (pos, field) in reader.fields.iter().enumerate() {
            self.path.push(Token::Index(pos));
            match lookup_writer_field(writer, field, pos) {
                WriterField::Missing => {
                    if let Some(message) =
                        defaults::enum_default_for_missing_field(self.reader, field)
                    {
                        self.note(NoteKind::EnumDefaultConfusion, message);
                    }
                }
                WriterField::Found(wf) | WriterField::Ambiguous(wf, _) => {
                    // A default of a changed type necessarily changes; only a compatible pair says more.
                    let same_field = self.checker.compatible(field.schema, wf.schema);
                    if let Some(message) = defaults::changed(field, wf).filter(|_| same_field) {
                        self.note(NoteKind::DefaultChanged, message);
                    }
                    self.at(Token::Type, |e| {
                        e.walk(field.schema, wf.schema, Some(field))
                    });
                }
            }
            self.path.pop();
        }
        self.path.pop();
    }

    /// Named types whose full names differ only in namespace: Java compares unqualified names.
    fn namespace_only(&mut self, r: SchemaId, w: SchemaId) {
        let (rk, wk) = (self.reader.kind(r), self.writer.kind(w));
        let (Some(rn), Some(wn)) = (rk.name(), wk.name()) else {
            return;
        };
        let writer_full = wn.full();
        if rn.name != wn.name
            || rn.full() == writer_full
            || rk.aliases().iter().any(|a| a.full() == writer_full)
        {
            return;
        }
        let message = format!(
            "the reader's {rn} and the writer's {writer_full} differ only in namespace: Java compares unqualified \
             names and calls them compatible, but whatever matches full names sees two types: a resolver choosing \
             a union branch, the Avro JSON union key, generated classes. Add \"aliases\": [\"{writer_full}\"] to \
             the reader's type to say they are the same"
        );
        self.at(Token::Name, |e| {
            e.note(NoteKind::NamespaceOnlyRename, message)
        });
    }
}
