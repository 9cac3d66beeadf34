//! Properties every target checks: spans and error offsets inside the bytes, and a datum that writes,
//! reads back and survives its Avro JSON.

use avro_playground_core::avro_json::{from_avro_json, from_avro_or_plain_json, to_avro_json};
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use avro_playground_core::walker::{decode, encode, Walk, NO_PARENT};
use std::fmt::Debug;

/// Reports a broken property: the panic is what libFuzzer (and the replay test) catch.
#[allow(clippy::panic)]
pub(crate) fn broken(what: impl std::fmt::Display) -> ! {
    panic!("{what}")
}

/// The value of `result`, or a broken property naming `what` and the error.
pub(crate) fn must<T, E: Debug>(result: Result<T, E>, what: &str) -> T {
    match result {
        Ok(value) => value,
        Err(e) => broken(format!("{what}: {e:?}")),
    }
}

/// Every span lies inside the walk's bytes and names an existing parent; the error and the end are inside too.
pub(crate) fn spans_inside(walk: &Walk) {
    let len = walk.bytes.len();
    for (i, s) in walk.spans.iter().enumerate() {
        assert!(
            s.start <= s.end && s.end as usize <= len,
            "span {i} {s:?} is not inside the {len} bytes"
        );
        assert!(
            s.parent == NO_PARENT || (s.parent as usize) < walk.spans.len(),
            "span {i} {s:?} names a parent that does not exist"
        );
    }
    assert!(walk.end <= len, "walk ends at {} of {len} bytes", walk.end);
    if let Some(e) = &walk.error {
        assert!(e.offset <= len, "error at {} of {len} bytes: {e}", e.offset);
    }
}

/// `value`, a datum of `schema`, encodes; its bytes decode to the same datum, and so does its Avro JSON,
/// which the Avro-or-plain reader also takes with no conversion. Returns the bytes.
pub(crate) fn writes_and_reads_back(schema: &Schema, value: &Value) -> Vec<u8> {
    let written = must(
        encode(schema, value),
        "a datum that was read does not encode",
    );
    spans_inside(&written);
    let read = decode(schema, &written.bytes);
    spans_inside(&read);
    assert!(
        read.error.is_none(),
        "encoded bytes do not decode: {:?}",
        read.error
    );
    assert_eq!(read.trailing(), 0, "encoded bytes leave bytes over");
    let Some(decoded) = &read.value else {
        broken("a decode without error has no value")
    };
    assert!(
        same(value, decoded),
        "decoded {decoded:?} differs from encoded {value:?}"
    );
    let json = to_avro_json(schema, value);
    let from_json = must(
        from_avro_json(schema, &json),
        &format!("written Avro JSON {json} does not read back"),
    );
    assert!(
        same(value, &from_json),
        "Avro JSON {json} reads back as {from_json:?}, not {value:?}"
    );
    let (either, conversions) = must(
        from_avro_or_plain_json(schema, &json),
        &format!("Avro JSON {json} is refused by the Avro-or-plain reader"),
    );
    assert!(
        conversions.is_empty(),
        "Avro JSON {json} needed conversions: {conversions:?}"
    );
    assert!(
        same(value, &either),
        "Avro-or-plain reads {json} as {either:?}"
    );
    written.bytes
}

/// Equal datums, a NaN equal to any NaN (Avro JSON writes every NaN as `"NaN"`); other floats bit for bit.
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Value::Double(x), Value::Double(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Value::Record(x), Value::Record(y)) | (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Union(i, x), Value::Union(j, y)) => i == j && same(x, y),
        _ => a == b,
    }
}
