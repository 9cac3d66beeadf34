//! Unions in the explain pass: which reader branch reads a writer type, and, when none does, what the
//! closest branch lacks (Java reports only MISSING_UNION_BRANCH and drops the branch's own problems).

use super::Explainer;
use crate::compat::checker::Checker;
use crate::compat::location::Token;
use crate::compat::matching::schema_name_equals;
use crate::compat::{Note, NoteKind, MAX_INCOMPATIBILITIES};
use crate::schema::SchemaId;

impl Explainer<'_> {
    /// The reader union `branches` reading writer type `w` (branch `writer_index` of a writer union, if so).
    pub(super) fn reader_branch(
        &mut self,
        branches: &[SchemaId],
        w: SchemaId,
        writer_index: Option<usize>,
    ) {
        match self.chosen_branch(branches, w) {
            Some((j, rb)) => self.at(Token::Index(j), |e| e.walk(rb, w, None)),
            None => self.hidden_cause(branches, w, writer_index),
        }
    }

    /// The readable branch a resolver would pick: the same type (same full name for named types) first, then
    /// a named type of the same unqualified name or alias, then the first that reads `w` at all.
    fn chosen_branch(&mut self, branches: &[SchemaId], w: SchemaId) -> Option<(usize, SchemaId)> {
        let (reader, writer) = (self.reader, self.writer);
        let wk = writer.kind(w);
        let readable: Vec<(usize, SchemaId)> = branches
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, rb)| self.checker.compatible(*rb, w))
            .collect();
        let same_type = |rb: SchemaId| reader.kind(rb).type_name() == wk.type_name();
        let exact = readable.iter().find(|(_, rb)| {
            same_type(*rb)
                && reader.kind(*rb).name().map(|n| n.full()) == wk.name().map(|n| n.full())
        });
        let by_name = || {
            readable
                .iter()
                .find(|(_, rb)| same_type(*rb) && schema_name_equals(reader.kind(*rb), wk))
        };
        exact.or_else(by_name).or(readable.first()).copied()
    }

    /// No reader branch reads `w`: explain with the incompatibilities of the closest branch, the one of the
    /// same type (preferring the same name).
    fn hidden_cause(&mut self, branches: &[SchemaId], w: SchemaId, writer_index: Option<usize>) {
        let (reader, writer) = (self.reader, self.writer);
        let wk = writer.kind(w);
        let same_type: Vec<(usize, SchemaId)> = branches
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, rb)| reader.kind(*rb).type_name() == wk.type_name())
            .collect();
        let closest = same_type
            .iter()
            .find(|(_, rb)| schema_name_equals(reader.kind(*rb), wk))
            .or(same_type.first());
        let Some(&(j, rb)) = closest else {
            return;
        };
        let mut prefix = self.path.clone();
        prefix.push(Token::Index(j));
        let found = Checker::new(reader, writer).check(prefix, rb, w);
        let (causes, _) = found.to_vec(MAX_INCOMPATIBILITIES);
        let what = match writer_index {
            Some(i) => format!("writer branch {i} ({})", writer.describe(w)),
            None => format!("the writer's {}", writer.describe(w)),
        };
        for cause in causes {
            self.notes.push(Note {
                kind: NoteKind::UnionBranchCause,
                location: cause.location,
                message: format!(
                    "{what} fits no branch of the reader union, which Java reports only as MISSING_UNION_BRANCH; \
                     the closest, reader branch {j} ({}), fails with {}: {}",
                    reader.describe(rb),
                    cause.kind,
                    cause.message
                ),
            });
        }
    }
}
