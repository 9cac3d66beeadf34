//! The lenient reader's additions to Avro JSON: what producers log instead, each noted as a conversion.
//!
//! Records (in `read.rs`): a missing field takes its default, a key that names no field is skipped, a field
//! keyed by an alias where Java's `JsonDecoder` does not find it is taken; each is a conversion.
//!
//! Unions: an Avro JSON wrapper (`{"<branch>": value}`) is taken when its key names a branch (by its full
//! name, or with a conversion by a short name no other branch shares) and the value fits it; otherwise the value is tried unwrapped against every branch of a fitting JSON shape. Among the
//! branches it fits, the one needing the fewest conversions wins (an integer read as `float`/`double` counts
//! as one, so `5` picks `int` over `double`); a tie is ambiguous and an error naming the candidates.

use super::calendar::{parse_date, parse_time, parse_timestamp, Unit, Zone};
use super::decimal::{sign_extend, unscaled_bytes};
use super::number_text::{NumberText, Whole};
use super::read::{expectation, f32_of, f64_of, found, Fault, Label, Place, Reader, Trial};
use crate::schema::{Kind, LogicalType, SchemaId};
use crate::source::{Json, JsonValue};
use crate::value::Value;

/// A union value in plain JSON: wrapped as in Avro JSON, or unwrapped and matched to the branch it fits.
pub(super) fn union(
    r: &mut Reader<'_>,
    branches: &[SchemaId],
    id: SchemaId,
    place: Place<'_>,
) -> Result<Value, Fault> {
    if matches!(place.json.value, JsonValue::Null) {
        return r.wrapped_union(branches, id, place);
    }
    let wrapper_fault = match wrapper(r, branches, id, place) {
        Ok(Some(value)) => return Ok(value),
        Ok(None) => None,
        Err(f) if f.fatal => return Err(f),
        Err(f) => Some(f),
    };
    let mut fits = Vec::new();
    let mut faults = Vec::new();
    for (index, &branch) in branches.iter().enumerate() {
        if !shape_fits(r, branch, place) {
            continue;
        }
        match r.trial(branch, place) {
            Ok(trial) => fits.push((index, trial)),
            Err(f) if f.fatal => return Err(f),
            Err(f) => faults.push(f),
        }
    }
    if fits.is_empty() {
        return Err(match (wrapper_fault, faults.len()) {
            (Some(f), _) => f,
            (None, 1) => faults
                .into_iter()
                .next()
                .unwrap_or_else(|| r.expected(id, place)),
            (None, _) => not_a_wrapper(r, branches, place).unwrap_or_else(|| r.expected(id, place)),
        });
    }
    choose(r, branches, id, fits, place)
}

/// Reads `{"<branch>": value}` when the key names a branch (by its full name, or with a conversion by its
/// short name, which Java's `JsonDecoder` does not take) and the value fits it; `Ok(None)` when the JSON is
/// not such a wrapper.
#[inline(never)]
fn wrapper(
    r: &mut Reader<'_>,
    branches: &[SchemaId],
    id: SchemaId,
    place: Place<'_>,
) -> Result<Option<Value>, Fault> {
    let JsonValue::Object(members) = &place.json.value else {
        return Ok(None);
    };
    let [member] = members.as_slice() else {
        return Ok(None);
    };
    let (index, branch, short) = match r.branch_by_key(branches, &member.key) {
        Ok((index, branch)) => (index, branch, false),
        Err(_) => match r.branches_short_named(branches, &member.key).as_slice() {
            [index] => match branches.get(*index) {
                Some(&branch) => (*index, branch, true),
                None => return Ok(None),
            },
            _ => return Ok(None),
        },
    };
    let here = place.at.push(&member.key);
    let inner = Place {
        json: &member.value,
        at: &here,
        label: place.label,
    };
    let Trial {
        value,
        conversions,
        promotions,
    } = {
        r.enter(inner)?;
        let trial = r.trial(branch, inner);
        r.leave();
        trial?
    };
    let value = Value::Union(index as u32, Box::new(value));
    if short {
        let full = r.schema.branch_name(branch);
        let message = format!(
            "union branch `{full}` named `{}`: Java's JsonDecoder takes the full name",
            member.key
        );
        r.convert(id, &value, place, message);
    }
    r.keep(conversions, promotions);
    Ok(Some(value))
}

/// For a one-member object that fits no branch, the reason its key names no branch.
#[inline(never)]
fn not_a_wrapper(r: &Reader<'_>, branches: &[SchemaId], place: Place<'_>) -> Option<Fault> {
    let JsonValue::Object(members) = &place.json.value else {
        return None;
    };
    let [member] = members.as_slice() else {
        return None;
    };
    let why = r.branch_by_key(branches, &member.key).err()?;
    Some(place.fault_in(member.key_range, why))
}

/// Whether the JSON's kind could be a value of the branch at all (before trying it).
fn shape_fits(r: &Reader<'_>, branch: SchemaId, place: Place<'_>) -> bool {
    let node = r.schema.node(branch);
    let decimal = matches!(node.logical, Some(LogicalType::Decimal { .. }));
    match (&node.kind, &place.json.value) {
        (Kind::Null, JsonValue::Null) | (Kind::Boolean, JsonValue::Bool(_)) => true,
        (
            Kind::Int | Kind::Long | Kind::Float | Kind::Double,
            JsonValue::Number(_) | JsonValue::String(_),
        ) => true,
        (Kind::Bytes | Kind::Fixed(_), JsonValue::String(_) | JsonValue::Array(_)) => true,
        (Kind::Bytes | Kind::Fixed(_), JsonValue::Number(_)) => decimal,
        (Kind::String | Kind::Enum(_), JsonValue::String(_)) => true,
        (Kind::Record(_) | Kind::Map(_), JsonValue::Object(_)) => true,
        (Kind::Array(_), JsonValue::Array(_)) => true,
        _ => false,
    }
}

/// Picks the branch an unwrapped value fits with the fewest conversions; a tie is an error.
#[inline(never)]
fn choose(
    r: &mut Reader<'_>,
    branches: &[SchemaId],
    id: SchemaId,
    fits: Vec<(usize, Trial)>,
    place: Place<'_>,
) -> Result<Value, Fault> {
    let cost = |t: &Trial| t.conversions.len() + t.promotions;
    let best = fits.iter().map(|(_, t)| cost(t)).min().unwrap_or_default();
    let name = |i: &usize| {
        branches
            .get(*i)
            .map(|b| r.schema.branch_name(*b))
            .unwrap_or_default()
    };
    let (winners, others): (Vec<_>, Vec<_>) = fits.into_iter().partition(|(_, t)| cost(t) == best);
    if winners.len() > 1 {
        let names: Vec<String> = winners.iter().map(|(i, _)| name(i)).collect();
        let wrapped: Vec<String> = names.iter().map(|n| format!("{{\"{n}\": …}}")).collect();
        return Err(place.fault(format!(
            "{} fits the union branches {} equally well; write it as {} to choose",
            found(place.json),
            names.join(" and "),
            wrapped.join(" or ")
        )));
    }
    let Some((index, trial)) = winners.into_iter().next() else {
        return Err(r.expected(id, place));
    };
    let chosen = name(&index);
    let also: Vec<String> = others.iter().map(|(i, _)| name(i)).collect();
    let mut message = format!("union value written without its branch; it fits branch `{chosen}`");
    if !also.is_empty() {
        message.push_str(&format!(
            " (also {}, with more conversions)",
            also.join(", ")
        ));
    }
    let Trial {
        value,
        conversions,
        promotions,
    } = trial;
    let value = Value::Union(index as u32, Box::new(value));
    r.convert(id, &value, place, message);
    r.keep(conversions, promotions);
    Ok(value)
}

/// What a plain conversion produced: the value and what differed from Avro JSON.
type Outcome = Result<(Value, String), Fault>;

/// A scalar in a form Avro JSON writes differently; `None` when no conversion applies (the strict error
/// stands).
#[inline(never)]
pub(super) fn convert(
    r: &mut Reader<'_>,
    id: SchemaId,
    place: Place<'_>,
) -> Option<Result<Value, Fault>> {
    let node = r.schema.node(id);
    let outcome = match (&node.kind, &place.json.value) {
        (Kind::Int | Kind::Long, JsonValue::String(s)) => integer_string(r, id, s, place),
        (Kind::Int | Kind::Long, JsonValue::Number(t)) => integral_number(&node.kind, t),
        (Kind::Float | Kind::Double, JsonValue::String(s)) => float_string(&node.kind, s),
        (Kind::Bytes | Kind::Fixed(_), JsonValue::Array(items)) => {
            byte_numbers(r, id, items, place)
        }
        (Kind::Bytes | Kind::Fixed(_), JsonValue::Number(t)) => decimal_number(r, id, t, place),
        (Kind::Fixed(f), JsonValue::String(s))
            if f.size == 16 && node.logical == Some(LogicalType::Uuid) =>
        {
            uuid_text(s, place)
        }
        _ => None,
    }?;
    Some(outcome.map(|(value, message)| {
        r.convert(id, &value, place, message);
        value
    }))
}

/// An `int` or `long` value of the type `kind`, if in range.
fn integer_value(kind: &Kind, v: i64) -> Option<Value> {
    match kind {
        Kind::Int => i32::try_from(v).ok().map(Value::Int),
        _ => Some(Value::Long(v)),
    }
}

/// `"5"` for an int or long; for a date, time or timestamp also its ISO 8601 text.
fn integer_string(r: &Reader<'_>, id: SchemaId, s: &str, place: Place<'_>) -> Option<Outcome> {
    let kind = r.schema.kind(id);
    if let Some(Whole::Fits(v)) = NumberText::parse(s).map(|n| n.whole()) {
        let value = integer_value(kind, v)?;
        let message = format!(
            "{} written as a string; Avro JSON writes a number",
            kind.type_name()
        );
        return Some(Ok((value, message)));
    }
    let logical = r.schema.node(id).logical.as_ref()?;
    let result = calendar_count(logical, s).and_then(|(count, note)| {
        let value = i64::try_from(count)
            .ok()
            .and_then(|v| integer_value(kind, v));
        let value =
            value.ok_or_else(|| format!("it is outside the range of a {}", kind.type_name()))?;
        Ok((
            value,
            format!(
                "{} written as text; Avro JSON writes {note}",
                logical.name()
            ),
        ))
    });
    Some(result.map_err(|why| {
        let what = expectation(r.schema, id, r.mode);
        place.fault(format!(
            "expected {what}, found {}: {why}",
            found(place.json)
        ))
    }))
}

/// The count a date, time or timestamp text stands for, and what Avro JSON writes, in words.
fn calendar_count(logical: &LogicalType, s: &str) -> Result<(i128, String), String> {
    let timestamp = |unit: Unit, local: bool| -> Result<(i128, String), String> {
        let t = parse_timestamp(s, unit)?;
        let count = t.count;
        let epoch = if local {
            "1970-01-01T00:00 local time"
        } else {
            "1970-01-01T00:00Z"
        };
        let note = format!("{} since {epoch}", unit.name());
        match (t.zone, local) {
            (Zone::Offset(_), true) => {
                Err("a local timestamp has no time zone; remove the offset".into())
            }
            (Zone::Absent, false) => {
                Ok((count, format!("{note} (no zone was written: read as UTC)")))
            }
            _ => Ok((count, note)),
        }
    };
    match logical {
        LogicalType::Date => Ok((i128::from(parse_date(s)?), "days since 1970-01-01".into())),
        LogicalType::TimeMillis => Ok((
            parse_time(s, Unit::Millis)?,
            "milliseconds after midnight".into(),
        )),
        LogicalType::TimeMicros => Ok((
            parse_time(s, Unit::Micros)?,
            "microseconds after midnight".into(),
        )),
        LogicalType::TimestampMillis => timestamp(Unit::Millis, false),
        LogicalType::TimestampMicros => timestamp(Unit::Micros, false),
        LogicalType::TimestampNanos => timestamp(Unit::Nanos, false),
        LogicalType::LocalTimestampMillis => timestamp(Unit::Millis, true),
        LogicalType::LocalTimestampMicros => timestamp(Unit::Micros, true),
        LogicalType::LocalTimestampNanos => timestamp(Unit::Nanos, true),
        _ => Err("expected a number".into()),
    }
}

/// A whole number written with a fraction or exponent that Avro JSON, as Java's `JsonDecoder` reads it,
/// does not take for an int or long (`16777217.0`: Java reads it through a float, inexactly).
fn integral_number(kind: &Kind, text: &str) -> Option<Outcome> {
    if !text.contains(['.', 'e', 'E']) {
        return None;
    }
    let Whole::Fits(v) = NumberText::parse(text)?.whole() else {
        return None;
    };
    let value = integer_value(kind, v)?;
    let message = format!(
        "{} written as {text}; Avro JSON writes the integer {v}",
        kind.type_name()
    );
    Some(Ok((value, message)))
}

/// `"1.5"`, `"nan"`, `"inf"` for a float or double.
fn float_string(kind: &Kind, s: &str) -> Option<Outcome> {
    let canonical = if NumberText::parse(s).is_some() {
        s
    } else {
        match s.to_ascii_lowercase().as_str() {
            "nan" => "NaN",
            "inf" | "+inf" | "infinity" | "+infinity" => "Infinity",
            "-inf" | "-infinity" => "-Infinity",
            _ => return None,
        }
    };
    let value = match kind {
        Kind::Float => Value::Float(f32_of(canonical)?),
        _ => Value::Double(f64_of(canonical)?),
    };
    let message = if canonical == s {
        format!(
            "{} written as a string; Avro JSON writes a number",
            kind.type_name()
        )
    } else {
        format!("{s:?} written for {canonical}; Avro JSON (as Java writes it) uses \"{canonical}\"")
    };
    Some(Ok((value, message)))
}

/// `[0, 255]` for bytes or fixed.
fn byte_numbers(r: &Reader<'_>, id: SchemaId, items: &[Json], place: Place<'_>) -> Option<Outcome> {
    let mut bytes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let byte = match &item.value {
            JsonValue::Number(t) if !t.contains(['.', 'e', 'E']) => t.parse::<u8>().ok(),
            _ => None,
        };
        match byte {
            Some(b) => bytes.push(b),
            None => {
                let what = format!("expected a byte (an integer 0-255), found {}", found(item));
                let at = place.at.push(i);
                let item = Place {
                    json: item,
                    at: &at,
                    label: Label::Item(i),
                };
                return Some(Err(item.fault(what)));
            }
        }
    }
    let value = match r.schema.kind(id) {
        Kind::Fixed(f) if f.size != bytes.len() => {
            let what = format!(
                "expected fixed {} of {} bytes, found {} numbers",
                f.name,
                f.size,
                bytes.len()
            );
            return Some(Err(place.fault(what)));
        }
        Kind::Fixed(_) => Value::Fixed(bytes),
        _ => Value::Bytes(bytes),
    };
    let message =
        "bytes written as an array of numbers; Avro JSON writes a string of code points 0-255"
            .into();
    Some(Ok((value, message)))
}

/// A JSON number for a `decimal` on bytes or fixed.
fn decimal_number(r: &Reader<'_>, id: SchemaId, text: &str, place: Place<'_>) -> Option<Outcome> {
    let node = r.schema.node(id);
    let Some(LogicalType::Decimal { precision, scale }) = node.logical else {
        return None;
    };
    let number = NumberText::parse(text)?;
    let bytes = unscaled_bytes(&number, precision, scale).and_then(|bytes| match &node.kind {
        Kind::Fixed(f) => sign_extend(bytes, f.size).map(Value::Fixed),
        _ => Ok(Value::Bytes(bytes)),
    });
    Some(match bytes {
        Ok(value) => Ok((
            value,
            format!(
                "decimal written as the number {text}; Avro JSON writes the bytes of the unscaled value \
                 (scale {scale}) as a string of code points 0-255"
            ),
        )),
        Err(why) => Err(place.fault(format!("decimal({precision}, {scale}): {text} {why}"))),
    })
}

/// The 36-character text of a uuid for a `uuid` on `fixed(16)`.
fn uuid_text(s: &str, place: Place<'_>) -> Option<Outcome> {
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    let dashes_ok = s.len() == 36
        && [8, 13, 18, 23]
            .iter()
            .all(|&i| s.as_bytes().get(i) == Some(&b'-'));
    if !dashes_ok || hex.len() != 32 {
        return None;
    }
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let what = format!(
            "{} is not a uuid (8-4-4-4-12 hexadecimal digits)",
            found(place.json)
        );
        return Some(Err(place.fault(what)));
    }
    let bytes: Vec<u8> = hex
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect();
    let message =
        "uuid written as text; Avro JSON writes its 16 bytes as a string of code points 0-255"
            .into();
    Some(Ok((Value::Fixed(bytes), message)))
}
