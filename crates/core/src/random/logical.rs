//! Random values of the logical types (specification: Logical Types): dates, times and instants around a
//! fixed reference day rather than "now", so a seed always gives the same datum; decimals within their
//! precision; version-4 uuids; durations of up to a hundred years.

use super::draw::Draw;
use crate::avro_json::{sign_extend, twos_complement};
use crate::schema::{Kind, LogicalType, Node};
use crate::value::Value;
use crate::walker::explain::uuid_text;
use crate::walker::varint::write_long;

/// 2025-01-01, in days since 1970-01-01: dates and timestamps are drawn around it.
pub const REFERENCE_DAY: i64 = 20_089;

/// How far from [`REFERENCE_DAY`] a date or timestamp may fall, in days either way (about 2.7 years).
const SPREAD_DAYS: i64 = 1_000;

const DAY_MILLIS: i64 = 86_400_000;

/// The most digits a random decimal's unscaled value has, whatever its precision.
const MAX_DECIMAL_DIGITS: u32 = 40;

/// A random value of `node`'s logical type, or `None` when it has none (the base type is drawn then).
pub(super) fn logical_value(node: &Node, draw: &mut Draw) -> Option<Value> {
    let logical = node.logical.as_ref()?;
    Some(match logical {
        LogicalType::Date => Value::Int(i32::try_from(REFERENCE_DAY + day_offset(draw)).ok()?),
        LogicalType::TimeMillis => Value::Int(i32::try_from(draw.between(0, DAY_MILLIS - 1)).ok()?),
        LogicalType::TimeMicros => Value::Long(draw.between(0, DAY_MILLIS * 1_000 - 1)),
        LogicalType::TimestampMillis | LogicalType::LocalTimestampMillis => {
            Value::Long(instant_millis(draw))
        }
        LogicalType::TimestampMicros | LogicalType::LocalTimestampMicros => {
            Value::Long(instant_millis(draw) * 1_000 + draw.between(0, 999))
        }
        LogicalType::TimestampNanos | LogicalType::LocalTimestampNanos => {
            Value::Long(instant_millis(draw) * 1_000_000 + draw.between(0, 999_999))
        }
        LogicalType::Decimal { precision, .. } => {
            let (negative, digits) = unscaled_digits(*precision, draw);
            let bytes = twos_complement(negative, &digits);
            match &node.kind {
                // The parser keeps the precision within what the size holds, so this fits.
                Kind::Fixed(f) => Value::Fixed(sign_extend(bytes, f.size).ok()?),
                _ => Value::Bytes(bytes),
            }
        }
        LogicalType::BigDecimal => Value::Bytes(big_decimal(draw)),
        LogicalType::Uuid => {
            let bytes = uuid_v4(draw);
            match &node.kind {
                Kind::Fixed(_) => Value::Fixed(bytes),
                _ => Value::String(uuid_text(&bytes)),
            }
        }
        LogicalType::Duration => {
            let parts = [
                draw.below(1_201),
                draw.below(32),
                draw.below(DAY_MILLIS as u32),
            ];
            Value::Fixed(parts.iter().flat_map(|p| p.to_le_bytes()).collect())
        }
    })
}

fn day_offset(draw: &mut Draw) -> i64 {
    draw.between(-SPREAD_DAYS, SPREAD_DAYS)
}

/// Milliseconds since the epoch: a day around the reference day and a time of that day.
fn instant_millis(draw: &mut Draw) -> i64 {
    (REFERENCE_DAY + day_offset(draw)) * DAY_MILLIS + draw.between(0, DAY_MILLIS - 1)
}

/// A sign and 1 to `precision` decimal digits (at most [`MAX_DECIMAL_DIGITS`]).
fn unscaled_digits(precision: u32, draw: &mut Draw) -> (bool, String) {
    let count = 1 + draw.below(precision.clamp(1, MAX_DECIMAL_DIGITS));
    let digits = (0..count)
        .map(|_| char::from(b'0' + draw.below(10) as u8))
        .collect();
    (draw.one_in(2), digits)
}

/// Java's `big-decimal` layout (`Conversions.BigDecimalConversion`): the unscaled value as Avro `bytes`
/// (a length, then minimal big-endian two's complement), then the scale as an Avro `int`.
fn big_decimal(draw: &mut Draw) -> Vec<u8> {
    let (negative, digits) = unscaled_digits(MAX_DECIMAL_DIGITS, draw);
    let unscaled = twos_complement(negative, &digits);
    let mut out = Vec::with_capacity(unscaled.len() + 2);
    write_long(&mut out, unscaled.len() as i64);
    out.extend_from_slice(&unscaled);
    write_long(&mut out, i64::from(draw.below(10)));
    out
}

/// 16 random bytes marked as a version-4, RFC 4122 variant uuid.
fn uuid_v4(draw: &mut Draw) -> Vec<u8> {
    let mut bytes = draw.bytes(16);
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0F) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3F) | 0x80;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn value_of(schema: &str, seed: u64) -> Value {
        let schema = parse_schema(schema).unwrap();
        logical_value(schema.node(schema.root()), &mut Draw::new(seed)).unwrap()
    }

    #[test]
    fn dates_fall_around_the_reference_day() {
        for seed in 0..50 {
            let Value::Int(day) = value_of(r#"{"type": "int", "logicalType": "date"}"#, seed)
            else {
                panic!("an int")
            };
            assert!(
                (i64::from(day) - REFERENCE_DAY).abs() <= SPREAD_DAYS,
                "{day}"
            );
        }
    }

    #[test]
    fn timestamps_in_nanos_fall_around_the_reference_day_too() {
        let schema = r#"{"type": "long", "logicalType": "timestamp-nanos"}"#;
        for seed in 0..50 {
            let Value::Long(ns) = value_of(schema, seed) else {
                panic!("a long")
            };
            let day = ns.div_euclid(DAY_MILLIS * 1_000_000);
            assert!((day - REFERENCE_DAY).abs() <= SPREAD_DAYS, "{ns}");
        }
    }

    #[test]
    fn times_of_day_stay_within_the_day() {
        for seed in 0..50 {
            let Value::Int(ms) = value_of(r#"{"type": "int", "logicalType": "time-millis"}"#, seed)
            else {
                panic!("an int")
            };
            assert!((0..86_400_000).contains(&ms));
        }
    }

    #[test]
    fn fixed_decimals_are_sign_extended_to_their_size() {
        let schema = r#"{"type": "fixed", "name": "D", "size": 3, "logicalType": "decimal", "precision": 6, "scale": 2}"#;
        for seed in 0..50 {
            let Value::Fixed(bytes) = value_of(schema, seed) else {
                panic!("a fixed")
            };
            assert_eq!(bytes.len(), 3);
            let unscaled = i32::from_be_bytes([
                if bytes[0] & 0x80 != 0 { 0xFF } else { 0 },
                bytes[0],
                bytes[1],
                bytes[2],
            ]);
            assert!(unscaled.abs() < 1_000_000, "{unscaled}");
        }
    }

    #[test]
    fn uuids_are_version_4_text_on_strings_and_bytes_on_fixed() {
        let Value::String(text) = value_of(r#"{"type": "string", "logicalType": "uuid"}"#, 1)
        else {
            panic!("a string")
        };
        assert_eq!(text.len(), 36);
        assert_eq!(text.as_bytes()[14], b'4', "{text}");
        let Value::Fixed(bytes) = value_of(
            r#"{"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}"#,
            1,
        ) else {
            panic!("a fixed")
        };
        assert_eq!(uuid_text(&bytes), text, "the same draws on both bases");
    }

    #[test]
    fn durations_are_three_little_endian_counts() {
        let schema = r#"{"type": "fixed", "name": "Dur", "size": 12, "logicalType": "duration"}"#;
        let Value::Fixed(bytes) = value_of(schema, 3) else {
            panic!("a fixed")
        };
        let millis = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        assert!(millis < 86_400_000);
    }

    #[test]
    fn big_decimals_hold_their_unscaled_bytes_then_their_scale() {
        let Value::Bytes(bytes) = value_of(r#"{"type": "bytes", "logicalType": "big-decimal"}"#, 5)
        else {
            panic!("bytes")
        };
        let (len, used) = crate::walker::varint::read_long(&bytes).unwrap();
        let rest = &bytes[used + len as usize..];
        let (scale, _) = crate::walker::varint::read_long(rest).unwrap();
        assert!((0..10).contains(&scale));
    }
}
