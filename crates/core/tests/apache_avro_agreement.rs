//! Our encoder against apache-avro's: for every case of tests/corpus/encode.json where apache-avro's
//! `GenericDatumWriter` returns Ok, the bytes must be the same as ours (and ours must equal the corpus's,
//! which walker_vectors.rs checks). Maps with several entries are compared after decoding, because
//! apache-avro keeps map entries in a HashMap and writes them in no fixed order.

mod common;

use apache_avro::types::Value as Theirs;
use avro_playground_core::schema::{Kind, LogicalType, Schema, SchemaId};
use avro_playground_core::value::Value;
use avro_playground_core::walker::{decode, encode};
use common::{cases, id, schema_text, unhex, Report};
use std::collections::HashMap;

/// Our value as apache-avro's, with its logical variants where the schema has a logical type.
fn theirs(schema: &Schema, id: SchemaId, v: &Value) -> Theirs {
    let node = schema.node(id);
    match (v, &node.logical) {
        (Value::Int(i), Some(LogicalType::Date)) => return Theirs::Date(*i),
        (Value::Int(i), Some(LogicalType::TimeMillis)) => return Theirs::TimeMillis(*i),
        (Value::Long(l), Some(LogicalType::TimeMicros)) => return Theirs::TimeMicros(*l),
        (Value::Long(l), Some(LogicalType::TimestampMillis)) => return Theirs::TimestampMillis(*l),
        (Value::Long(l), Some(LogicalType::TimestampMicros)) => return Theirs::TimestampMicros(*l),
        (Value::Long(l), Some(LogicalType::TimestampNanos)) => return Theirs::TimestampNanos(*l),
        (Value::Long(l), Some(LogicalType::LocalTimestampMillis)) => {
            return Theirs::LocalTimestampMillis(*l)
        }
        (Value::Long(l), Some(LogicalType::LocalTimestampMicros)) => {
            return Theirs::LocalTimestampMicros(*l)
        }
        (Value::Long(l), Some(LogicalType::LocalTimestampNanos)) => {
            return Theirs::LocalTimestampNanos(*l)
        }
        (Value::Bytes(b) | Value::Fixed(b), Some(LogicalType::Decimal { .. })) => {
            return Theirs::Decimal(apache_avro::Decimal::from(b.clone()))
        }
        (Value::Fixed(b), Some(LogicalType::Duration)) => {
            if let Ok(arr) = <[u8; 12]>::try_from(b.as_slice()) {
                return Theirs::Duration(apache_avro::Duration::from(arr));
            }
        }
        (Value::String(s), Some(LogicalType::Uuid)) => {
            if let Ok(u) = s.parse::<apache_avro::Uuid>() {
                return Theirs::Uuid(u);
            }
        }
        _ => {}
    }
    match (v, &node.kind) {
        (Value::Null, _) => Theirs::Null,
        (Value::Boolean(b), _) => Theirs::Boolean(*b),
        (Value::Int(i), _) => Theirs::Int(*i),
        (Value::Long(l), _) => Theirs::Long(*l),
        (Value::Float(f), _) => Theirs::Float(*f),
        (Value::Double(d), _) => Theirs::Double(*d),
        (Value::Bytes(b), _) => Theirs::Bytes(b.clone()),
        (Value::String(s), _) => Theirs::String(s.clone()),
        (Value::Fixed(b), _) => Theirs::Fixed(b.len(), b.clone()),
        (Value::Enum(i, s), _) => Theirs::Enum(*i, s.clone()),
        (Value::Union(i, inner), Kind::Union(branches)) => {
            let branch = branches.get(*i as usize).copied().unwrap_or(id);
            Theirs::Union(*i, Box::new(theirs(schema, branch, inner)))
        }
        (Value::Array(items), Kind::Array(item)) => {
            Theirs::Array(items.iter().map(|x| theirs(schema, *item, x)).collect())
        }
        (Value::Map(entries), Kind::Map(values)) => Theirs::Map(
            entries
                .iter()
                .map(|(k, x)| (k.clone(), theirs(schema, *values, x)))
                .collect::<HashMap<_, _>>(),
        ),
        (Value::Record(fields), Kind::Record(r)) => Theirs::Record(
            fields
                .iter()
                .zip(&r.fields)
                .map(|((name, x), f)| (name.clone(), theirs(schema, f.schema, x)))
                .collect(),
        ),
        _ => Theirs::Null,
    }
}

/// Values equal up to the order of map entries.
fn same_up_to_map_order(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .any(|(k2, v2)| k == k2 && same_up_to_map_order(v, v2))
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_up_to_map_order(p, q))
        }
        (Value::Record(x), Value::Record(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((_, p), (_, q))| same_up_to_map_order(p, q))
        }
        (Value::Union(i, p), Value::Union(j, q)) => i == j && same_up_to_map_order(p, q),
        _ => a == b,
    }
}

#[test]
fn our_bytes_equal_apache_avros_wherever_it_encodes() {
    let mut report = Report::default();
    let mut compared = 0;
    let all = cases("encode.json");
    for case in &all {
        if case["decode_only"].as_bool() == Some(true) {
            continue;
        }
        let text = schema_text(&case["schema"]);
        let (Ok(ours_schema), Ok(their_schema)) = (
            avro_playground_core::schema::parse_schema(&text),
            apache_avro::Schema::parse_str(&text),
        ) else {
            continue;
        };
        let walk = decode(
            &ours_schema,
            &unhex(case["hex"].as_str().unwrap_or_default()),
        );
        let Some(value) = walk.value else { continue };
        let their_value = theirs(&ours_schema, ours_schema.root(), &value);
        let Ok(their_bytes) =
            apache_avro::writer::datum::GenericDatumWriter::builder(&their_schema)
                .build()
                .and_then(|w| w.write_value_to_vec(their_value))
        else {
            continue;
        };
        compared += 1;
        let ours = encode(&ours_schema, &value)
            .map(|w| w.bytes)
            .unwrap_or_default();
        let outcome = if ours == their_bytes {
            Ok(())
        } else {
            match decode(&ours_schema, &their_bytes).value {
                Some(v) if same_up_to_map_order(&v, &value) => Ok(()),
                _ => Err(format!(
                    "apache-avro wrote {their_bytes:02x?}, we wrote {ours:02x?}"
                )),
            }
        };
        report.check(&id(case), outcome);
    }
    // The comparison must not pass vacuously: apache-avro encodes most of the corpus.
    assert!(
        compared * 4 >= all.len() * 3,
        "apache-avro encoded only {compared} of {} cases",
        all.len()
    );
    report.finish("encode.json against apache-avro");
}
