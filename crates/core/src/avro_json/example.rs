//! A small datum that fits a schema, for a schema that arrives without one (a loaded scenario): each
//! field's default where it has one, otherwise the plainest value of its type.

use super::field_default;
use crate::schema::{DatumDepths, Kind, LogicalType, Schema, SchemaId};
use crate::value::Value;
use crate::walker::Limits;

/// How many values the example may hold: a schema whose smallest datum is huge (records that each hold
/// two of the one before, many levels over) gets none rather than taking long.
const MAX_STEPS: usize = 10_000;

/// How many bytes of fixed values one example may hold: a schema may declare a fixed of 10^17 bytes, and
/// its zeros must not be allocated for an example nobody could read.
const MAX_FIXED_BYTES: usize = 1 << 20;

/// A datum of `schema`: field defaults, the first enum symbol (or the enum's default), the union branch
/// with the shallowest datum (the first such: a branch that does not nest before a record), empty arrays
/// and maps, zeros and empty strings (a zero uuid, a one-byte decimal 0).
/// `None` when no finite datum exists (a record that always holds itself), or when the smallest one nests
/// deeper than the decoder reads, or holds more than [`MAX_STEPS`] values or 1 MiB of fixed values.
pub fn example_value(schema: &Schema) -> Option<Value> {
    let depths = DatumDepths::of(schema);
    let depth = usize::try_from(depths.get(schema.root())?).ok()?;
    if depth > Limits::default().max_depth {
        return None;
    }
    Example {
        schema,
        depths,
        steps: 0,
        fixed_bytes: 0,
    }
    .value(schema.root())
}

struct Example<'a> {
    schema: &'a Schema,
    depths: DatumDepths,
    steps: usize,
    fixed_bytes: usize,
}

impl Example<'_> {
    /// Each nested value is one level shallower than its parent's shallowest datum, so this ends.
    fn value(&mut self, id: SchemaId) -> Option<Value> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return None;
        }
        let schema = self.schema;
        let node = schema.node(id);
        Some(match &node.kind {
            Kind::Null => Value::Null,
            Kind::Boolean => Value::Boolean(false),
            Kind::Int => Value::Int(0),
            Kind::Long => Value::Long(0),
            Kind::Float => Value::Float(0.0),
            Kind::Double => Value::Double(0.0),
            Kind::Bytes => match node.logical {
                Some(LogicalType::Decimal { .. } | LogicalType::BigDecimal) => {
                    Value::Bytes(vec![0])
                }
                _ => Value::Bytes(Vec::new()),
            },
            Kind::String => match node.logical {
                Some(LogicalType::Uuid) => {
                    Value::String("00000000-0000-0000-0000-000000000000".into())
                }
                _ => Value::String(String::new()),
            },
            Kind::Record(r) => {
                let mut fields = Vec::with_capacity(r.fields.len());
                for f in &r.fields {
                    let value = match field_default(schema, f) {
                        Some(v) => v,
                        None => self.value(f.schema)?,
                    };
                    fields.push((f.name.clone(), value));
                }
                Value::Record(fields)
            }
            Kind::Enum(e) => {
                let symbol = e.default.as_ref().or(e.symbols.first())?;
                let index = e.symbols.iter().position(|s| s == symbol)?;
                Value::Enum(u32::try_from(index).ok()?, symbol.clone())
            }
            Kind::Array(_) => Value::Array(Vec::new()),
            Kind::Map(_) => Value::Map(Vec::new()),
            Kind::Union(branches) => {
                let i = self.depths.shallowest(branches)?;
                let value = self.value(*branches.get(i)?)?;
                Value::Union(u32::try_from(i).ok()?, Box::new(value))
            }
            Kind::Fixed(f) => {
                self.fixed_bytes = self.fixed_bytes.saturating_add(f.size);
                if self.fixed_bytes > MAX_FIXED_BYTES {
                    return None;
                }
                Value::Fixed(vec![0; f.size])
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::avro_json::{from_avro_json, to_avro_json};
    use crate::schema::parse_schema;

    /// The example of `schema` as Avro JSON, checked to read back as a datum of the schema.
    fn example_json(schema: &str) -> Option<String> {
        let schema = parse_schema(schema).unwrap();
        let value = example_value(&schema)?;
        let json = to_avro_json(&schema, &value);
        assert_eq!(
            from_avro_json(&schema, &json).as_ref(),
            Ok(&value),
            "{json}"
        );
        Some(json)
    }

    #[test]
    fn defaults_first_then_plain_values() {
        let json = example_json(
            r#"{"type": "record", "name": "R", "fields": [
                {"name": "id", "type": "long"},
                {"name": "currency", "type": "string", "default": "EUR"},
                {"name": "tag", "type": ["null", "string"], "default": null},
                {"name": "kind", "type": {"type": "enum", "name": "K", "symbols": ["A", "B"], "default": "B"}},
                {"name": "list", "type": {"type": "array", "items": "int"}},
                {"name": "id2", "type": {"type": "string", "logicalType": "uuid"}},
                {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}},
                {"name": "hash", "type": {"type": "fixed", "name": "H", "size": 2}}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            json,
            r#"{"id":0,"currency":"EUR","tag":null,"kind":"B","list":[],"id2":"00000000-0000-0000-0000-000000000000","amount":"\u0000","hash":"\u0000\u0000"}"#
        );
    }

    #[test]
    fn recursion_ends_through_a_union_and_not_otherwise() {
        // A linked list: the null branch ends it.
        assert_eq!(
            example_json(
                r#"{"type": "record", "name": "Node", "fields": [
                    {"name": "next", "type": ["Node", "null"]}]}"#
            )
            .as_deref(),
            Some(r#"{"next":null}"#)
        );
        // A record that always holds itself has no finite datum.
        assert_eq!(
            example_json(
                r#"{"type": "record", "name": "Loop", "fields": [{"name": "me", "type": "Loop"}]}"#
            ),
            None
        );
    }

    #[test]
    fn a_union_of_records_takes_the_one_that_ends_soonest() {
        // A ends only through L again; B ends at once.
        let schema = r#"{"type": "record", "name": "L", "fields": [{"name": "f", "type": [
            {"type": "record", "name": "A", "fields": [{"name": "g", "type": "L"}]},
            {"type": "record", "name": "B", "fields": [{"name": "h", "type": "null"}]}]}]}"#;
        assert_eq!(
            example_json(schema).as_deref(),
            Some(r#"{"f":{"B":{"h":null}}}"#)
        );
    }

    #[test]
    fn unions_of_endless_records_stop_quickly() {
        // Every branch recurses: without a bound on the steps this would try 2^64 paths.
        let schema = r#"{"type": "record", "name": "L", "fields": [{"name": "f", "type": [
            {"type": "record", "name": "A", "fields": [{"name": "g", "type": "L"}]},
            {"type": "record", "name": "B", "fields": [{"name": "h", "type": "L"}]}]}]}"#;
        assert_eq!(example_json(schema), None);
    }

    #[test]
    fn every_scenario_version_has_an_example() {
        for scenario in crate::evolution::scenarios() {
            for text in scenario.versions {
                assert!(example_json(text).is_some(), "{}", scenario.id);
            }
        }
    }

    #[test]
    fn a_fixed_too_large_to_hold_has_no_example() {
        // Found by the schema_text fuzzer: the example allocated the fixed's 1.7 * 10^17 zeros.
        let schema = r#"{"type": "fixed", "name": "U", "size": 169999999999999999}"#;
        assert_eq!(example_json(schema), None);
        let two = r#"{"type": "record", "name": "R", "fields": [
            {"name": "a", "type": {"type": "fixed", "name": "A", "size": 600000}},
            {"name": "b", "type": {"type": "fixed", "name": "B", "size": 600000}}]}"#;
        assert_eq!(example_json(two), None, "1.2 MB of fixed values in all");
        assert!(example_json(r#"{"type": "fixed", "name": "M", "size": 1048576}"#).is_some());
    }
}
