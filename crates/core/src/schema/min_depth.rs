//! How deep the shallowest datum of each type nests, or that it has none (a record that always holds
//! itself, an enum without symbols): the way out that makes recursion end when a datum is made from a
//! schema (the example datum, the random generator).
//!
//! Depth counts values as the binary decoder does ([`crate::walker::Limits::max_depth`]): a value with no
//! nested value (a number, a string, an enum, a fixed, an empty array or map) is 1 deep, a record is one
//! more than its deepest field, a union one more than its chosen branch.

use super::{Kind, Schema, SchemaId};

/// The depth of the shallowest datum of each node of a schema, indexed by [`SchemaId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatumDepths(Vec<Option<u32>>);

impl DatumDepths {
    /// Computes the depths of every node of `schema`.
    ///
    /// A greatest fixed point from "no datum": each round can only make a depth smaller, and a shallowest
    /// datum never repeats a node on a path from its root, so the depths settle within one round per node.
    pub fn of(schema: &Schema) -> DatumDepths {
        let mut depths = vec![None; schema.len()];
        for _ in 0..=schema.len() {
            let mut changed = false;
            for i in 0..depths.len() {
                let id = SchemaId(u32::try_from(i).unwrap_or(u32::MAX));
                let depth = node_depth(schema, id, &depths);
                if let Some(slot) = depths.get_mut(i) {
                    if depth.is_some() && (slot.is_none() || depth < *slot) {
                        *slot = depth;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        DatumDepths(depths)
    }

    /// The depth of the shallowest datum of `id`, or `None` when it has no finite datum.
    pub fn get(&self, id: SchemaId) -> Option<u32> {
        self.0.get(id.0 as usize).copied().flatten()
    }

    /// The first of `branches` whose shallowest datum is the shallowest of all (a branch that does not
    /// nest, such as `null`, before a record), or `None` when no branch has a finite datum.
    pub fn shallowest(&self, branches: &[SchemaId]) -> Option<usize> {
        let mut best: Option<(usize, u32)> = None;
        for (i, b) in branches.iter().enumerate() {
            if let Some(d) = self.get(*b) {
                if best.is_none_or(|(_, least)| d < least) {
                    best = Some((i, d));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

fn node_depth(schema: &Schema, id: SchemaId, depths: &[Option<u32>]) -> Option<u32> {
    let of = |child: &SchemaId| depths.get(child.0 as usize).copied().flatten();
    match schema.kind(id) {
        Kind::Enum(e) if e.symbols.is_empty() => None,
        Kind::Null
        | Kind::Boolean
        | Kind::Int
        | Kind::Long
        | Kind::Float
        | Kind::Double
        | Kind::Bytes
        | Kind::String
        | Kind::Enum(_)
        | Kind::Fixed(_)
        | Kind::Array(_)
        | Kind::Map(_) => Some(1),
        Kind::Record(r) => r
            .fields
            .iter()
            .try_fold(0u32, |deepest, f| Some(deepest.max(of(&f.schema)?)))
            .map(|d| d.saturating_add(1)),
        Kind::Union(branches) => branches
            .iter()
            .filter_map(of)
            .min()
            .map(|d| d.saturating_add(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn root_depth(text: &str) -> Option<u32> {
        let schema = parse_schema(text).unwrap();
        DatumDepths::of(&schema).get(schema.root())
    }

    #[test]
    fn values_without_nested_values_are_one_deep() {
        assert_eq!(root_depth(r#""long""#), Some(1));
        assert_eq!(
            root_depth(r#"{"type": "array", "items": {"type": "array", "items": "int"}}"#),
            Some(1)
        );
    }

    #[test]
    fn records_add_one_to_their_deepest_field_and_unions_to_their_shallowest_branch() {
        let text = r#"{"type": "record", "name": "R", "fields": [
            {"name": "a", "type": "int"},
            {"name": "b", "type": ["null", "int"]},
            {"name": "c", "type": {"type": "record", "name": "S", "fields": [{"name": "d", "type": "int"}]}}]}"#;
        assert_eq!(root_depth(text), Some(3));
    }

    #[test]
    fn a_linked_list_ends_at_its_null_branch() {
        let text = r#"{"type": "record", "name": "Node", "fields": [
            {"name": "next", "type": ["Node", "null"]}]}"#;
        let schema = parse_schema(text).unwrap();
        let depths = DatumDepths::of(&schema);
        assert_eq!(depths.get(schema.root()), Some(3));
        let Kind::Record(r) = schema.kind(schema.root()) else {
            panic!("a record")
        };
        let Kind::Union(branches) = schema.kind(r.fields[0].schema) else {
            panic!("a union")
        };
        assert_eq!(depths.shallowest(branches), Some(1));
    }

    #[test]
    fn a_record_that_always_holds_itself_has_no_datum() {
        assert_eq!(
            root_depth(
                r#"{"type": "record", "name": "Loop", "fields": [{"name": "me", "type": "Loop"}]}"#
            ),
            None
        );
        let both_recurse = r#"{"type": "record", "name": "L", "fields": [{"name": "f", "type": [
            {"type": "record", "name": "A", "fields": [{"name": "g", "type": "L"}]},
            {"type": "record", "name": "B", "fields": [{"name": "h", "type": "L"}]}]}]}"#;
        assert_eq!(root_depth(both_recurse), None);
    }

    #[test]
    fn the_shallowest_record_branch_is_chosen_not_the_first() {
        // A reaches the way out only through L again; B ends at once.
        let text = r#"{"type": "record", "name": "L", "fields": [{"name": "f", "type": [
            {"type": "record", "name": "A", "fields": [{"name": "g", "type": "L"}]},
            {"type": "record", "name": "B", "fields": [{"name": "h", "type": "null"}]}]}]}"#;
        let schema = parse_schema(text).unwrap();
        let depths = DatumDepths::of(&schema);
        let Kind::Record(r) = schema.kind(schema.root()) else {
            panic!("a record")
        };
        let Kind::Union(branches) = schema.kind(r.fields[0].schema) else {
            panic!("a union")
        };
        assert_eq!(depths.shallowest(branches), Some(1));
        assert_eq!(depths.get(schema.root()), Some(4));
    }
}
