//! A lower bound on the bytes one datum of each type takes (specification: Binary Encoding), so a count
//! read from the input (array or map block, container block) that cannot fit in the bytes left is caught
//! before anything is decoded or allocated.

use super::{Kind, Schema, SchemaId};

/// Rounds of the fixed point; each round is a valid lower bound, later rounds only tighten it.
const MAX_ROUNDS: usize = 64;

/// The fewest bytes any datum of each node of `schema` can take, indexed by `SchemaId`.
///
/// Computed as a least fixed point from zero, so recursive types get the size of their smallest finite
/// value; stopping early still leaves a lower bound.
pub fn min_datum_sizes(schema: &Schema) -> Vec<u64> {
    let mut sizes = vec![0u64; schema.len()];
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for i in 0..sizes.len() {
            let id = SchemaId(u32::try_from(i).unwrap_or(u32::MAX));
            let size = node_size(schema, id, &sizes);
            if let Some(slot) = sizes.get_mut(i) {
                if *slot != size {
                    *slot = size;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    sizes
}

/// The fewest bytes any datum of `schema`'s root type can take.
pub fn min_datum_size(schema: &Schema) -> u64 {
    min_datum_sizes(schema)
        .get(schema.root().0 as usize)
        .copied()
        .unwrap_or(0)
}

fn node_size(schema: &Schema, id: SchemaId, sizes: &[u64]) -> u64 {
    let of = |child: &SchemaId| sizes.get(child.0 as usize).copied().unwrap_or(0);
    match schema.kind(id) {
        Kind::Null => 0,
        // A varint, a boolean byte, a length or count prefix, an enum index: one byte at least.
        Kind::Boolean
        | Kind::Int
        | Kind::Long
        | Kind::Bytes
        | Kind::String
        | Kind::Enum(_)
        | Kind::Array(_)
        | Kind::Map(_) => 1,
        Kind::Float => 4,
        Kind::Double => 8,
        Kind::Fixed(f) => f.size as u64,
        Kind::Record(r) => r
            .fields
            .iter()
            .fold(0u64, |sum, f| sum.saturating_add(of(&f.schema))),
        // The branch index, then the smallest branch.
        Kind::Union(branches) => 1u64.saturating_add(branches.iter().map(of).min().unwrap_or(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn min(text: &str) -> u64 {
        min_datum_size(&parse_schema(text).unwrap())
    }

    #[test]
    fn primitives_take_their_fixed_minimum() {
        assert_eq!(min("\"null\""), 0);
        assert_eq!(min("\"double\""), 8);
        assert_eq!(min("\"string\""), 1);
    }

    #[test]
    fn records_add_their_fields_and_unions_take_the_smallest_branch() {
        let text = r#"{"type":"record","name":"R","fields":[
            {"name":"a","type":"float"},{"name":"b","type":["null","double"]},
            {"name":"c","type":{"type":"fixed","name":"F","size":3}}]}"#;
        assert_eq!(min(text), 4 + 1 + 3);
    }

    #[test]
    fn recursive_records_take_their_smallest_finite_value() {
        let text = r#"{"type":"record","name":"Node","fields":[
            {"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}"#;
        assert_eq!(min(text), 2);
    }
}
