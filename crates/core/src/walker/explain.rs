//! What a span means, built on demand: its datum path, schema path, label and the breakdown a learner
//! needs (varint bytes → zigzag → value, length prefix → content, union index → branch, enum index →
//! symbol, block count and size, logical types interpreted).

use super::varint::{read_raw, unzigzag, MAX_LONG_BYTES};
use super::{Part, Span, Walk};
use crate::schema::{Kind, LogicalType, Schema};
use crate::source::Json;

/// Everything the details panel shows for one span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanInfo {
    /// JSON pointer into the datum (Avro JSON, so union values add the branch name).
    pub path: String,
    /// JSON pointer into the schema text of the type that wrote these bytes.
    pub schema_path: String,
    /// The schema type, e.g. `long (timestamp-millis)`.
    pub type_name: String,
    /// A short label: `id: long`, `length of name`, `union branch of x`.
    pub label: String,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Lines explaining how the bytes give the value.
    pub breakdown: Vec<String>,
    /// The decoded value, as text (leaves only).
    pub value: Option<String>,
    /// The logical type's reading of the value, beside the raw one.
    pub interpreted: Option<String>,
}

fn span_bytes<'a>(walk: &'a Walk, s: &Span) -> &'a [u8] {
    walk.bytes
        .get(s.start as usize..s.end as usize)
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The JSON pointer token a `Value` span adds to its parent's path, if any.
fn token(schema: &Schema, walk: &Walk, id: u32) -> Option<String> {
    let s = walk.spans.get(id as usize)?;
    if s.part != Part::Value {
        return None;
    }
    let parent = walk.spans.get(s.parent as usize)?;
    match schema.kind(parent.schema) {
        Kind::Record(r) => r.fields.get(s.index as usize).map(|f| f.name.clone()),
        Kind::Array(_) => Some(s.index.to_string()),
        Kind::Map(_) => {
            // The key precedes its value: MapKey, then its Length and Content.
            let content = walk.spans.get((id as usize).checked_sub(1)?)?;
            (content.part == Part::Content)
                .then(|| String::from_utf8_lossy(span_bytes(walk, content)).into_owned())
        }
        Kind::Union(_) if !matches!(schema.kind(s.schema), Kind::Null) => {
            Some(schema.branch_name(s.schema))
        }
        _ => None,
    }
}

/// The JSON pointer into the datum of the value that span `id` belongs to.
pub fn datum_path(schema: &Schema, walk: &Walk, id: u32) -> String {
    let mut path = String::new();
    for a in walk.ancestry(id) {
        if let Some(t) = token(schema, walk, a) {
            path.push('/');
            path.push_str(&t.replace('~', "~0").replace('/', "~1"));
        }
    }
    if path.is_empty() {
        "/".into()
    } else {
        path
    }
}

/// The way back from the datum's Avro JSON text to its bytes: the span of the innermost value at text
/// offset `offset` of `json` (the parsed datum text) that has bytes of its own, as the outermost span of
/// that value. A value with no bytes (`null`) gives its enclosing value.
pub fn span_at_text(schema: &Schema, walk: &Walk, json: &Json, offset: usize) -> Option<u32> {
    let chain = json.pointers_at(offset);
    let mut best: Option<(usize, u32)> = None;
    for (id, span) in walk.spans.iter().enumerate() {
        if span.part != Part::Value || span.start == span.end {
            continue;
        }
        let id = u32::try_from(id).ok()?;
        let path = datum_path(schema, walk, id);
        if let Some(depth) = chain.iter().position(|p| *p == path) {
            if best.is_none_or(|(d, _)| depth > d) {
                best = Some((depth, id));
            }
        }
    }
    best.map(|(_, id)| id)
}

/// Explains span `id` of `walk`, decoded or encoded with `schema`.
pub fn explain(schema: &Schema, walk: &Walk, id: u32) -> Option<SpanInfo> {
    let s = *walk.spans.get(id as usize)?;
    let bytes = span_bytes(walk, &s);
    let node = schema.node(s.schema);
    let path = datum_path(schema, walk, id);
    let mut info = SpanInfo {
        path: path.clone(),
        schema_path: node.pointer.to_string(),
        type_name: schema.describe(s.schema),
        label: String::new(),
        start: s.start,
        end: s.end,
        breakdown: Vec::new(),
        value: None,
        interpreted: None,
    };
    let name = path
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("the datum")
        .to_string();
    let parent_part = walk.spans.get(s.parent as usize).map(|p| p.part);
    if let Some(done) = container_part(&s, parent_part, bytes, &mut info) {
        return Some(done);
    }
    match s.part {
        Part::Value => value_info(schema, walk, id, bytes, &name, &mut info),
        Part::Length => {
            info.label = format!("length prefix of {name}");
            info.breakdown = varint_lines(bytes);
            if let Some(len) = varint_value(bytes) {
                info.value = Some(len.to_string());
                info.breakdown
                    .push(format!("→ the next {len} bytes are the content"));
            }
        }
        Part::Content => {
            info.label = format!("content of {name}");
            info.breakdown
                .push(format!("{} bytes: {}", bytes.len(), hex(bytes)));
            if matches!(node.kind, Kind::String | Kind::Map(_)) {
                info.value = Some(format!("{:?}", String::from_utf8_lossy(bytes)));
                info.breakdown.push("UTF-8 text".into());
            } else {
                info.value = Some(format!("{} bytes", bytes.len()));
            }
        }
        Part::BranchIndex => {
            info.label = format!("union branch index of {name}");
            info.breakdown = varint_lines(bytes);
            if let Kind::Union(branches) = &node.kind {
                let branch = branches
                    .get(s.index as usize)
                    .map(|b| schema.describe(*b))
                    .unwrap_or_default();
                info.value = Some(s.index.to_string());
                info.breakdown.push(format!(
                    "→ branch {} of {}: {branch}",
                    s.index,
                    branches.len()
                ));
            }
        }
        Part::BlockCount => {
            info.label = format!("block {} item count of {name}", s.index);
            info.breakdown = varint_lines(bytes);
            if let Some(n) = varint_value(bytes) {
                info.value = Some(n.to_string());
                info.breakdown.push(if n < 0 {
                    format!(
                        "negative: {} items, and the block's byte size follows",
                        n.unsigned_abs()
                    )
                } else {
                    format!("{n} items follow")
                });
            }
        }
        Part::BlockSize => {
            info.label = format!("block {} byte size of {name}", s.index);
            info.breakdown = varint_lines(bytes);
            if let Some(n) = varint_value(bytes) {
                info.value = Some(n.to_string());
                info.breakdown.push(format!(
                    "the block's items take {n} bytes (lets a reader skip them)"
                ));
            }
        }
        Part::BlockEnd => {
            info.label = format!("end of {name}");
            info.breakdown = varint_lines(bytes);
            info.value = Some("0".into());
            info.breakdown
                .push("a block count of 0 ends the array or map".into());
        }
        Part::MapKey => {
            info.label = format!("map key #{}", s.index);
            info.breakdown
                .push("a map key is a string: length prefix, then UTF-8".into());
        }
        Part::Magic => {
            info.label = "magic bytes".into();
            info.breakdown.push(hex(bytes));
        }
        Part::SchemaRef => {
            info.label = "schema id".into();
            info.breakdown.push(format!("{} (big-endian)", hex(bytes)));
            if let Ok(b) = <[u8; 4]>::try_from(bytes) {
                info.value = Some(u32::from_be_bytes(b).to_string());
            }
        }
        Part::Fingerprint => {
            info.label = "schema fingerprint (CRC-64-AVRO, little-endian)".into();
            info.breakdown.push(hex(bytes));
        }
        Part::Trailing => {
            info.label = format!("{} trailing bytes the schema does not explain", bytes.len());
            info.breakdown.push(hex(bytes));
        }
        Part::Header => {
            info.label = "container header".into();
            info.type_name = "container header".into();
            info.breakdown.push(
                "magic `Obj` 01, the metadata map (map<bytes>), then the 16-byte sync marker"
                    .into(),
            );
        }
        Part::Metadata => {
            let key = child_text(walk, id, 0);
            info.label = format!("metadata entry `{key}`");
            info.value = Some(child_text(walk, id, 1));
            info.breakdown.push(
                "a map<bytes> entry: key (length + UTF-8), then value (length + bytes)".into(),
            );
        }
        Part::Block => {
            info.label = format!("block {}", s.index);
            info.breakdown.push(
                "object count, byte size, the objects (compressed by the codec), the sync marker"
                    .into(),
            );
        }
        Part::ObjectCount => {
            info.label = format!("object count of block {}", s.index);
            info.breakdown = varint_lines(bytes);
            info.value = varint_value(bytes).map(|v| v.to_string());
        }
        Part::DataSize => {
            info.label = format!("data size of block {}", s.index);
            info.breakdown = varint_lines(bytes);
            info.value = varint_value(bytes).map(|v| format!("{v} bytes"));
        }
        Part::Compressed => {
            info.label = format!("compressed data of block {}", s.index);
            info.value = Some(format!("{} bytes", bytes.len()));
            info.breakdown.push("the block's objects, compressed with the file's codec; decoded records are listed below".into());
        }
        Part::Checksum => {
            info.label = format!("CRC32 of block {}'s uncompressed data", s.index);
            info.breakdown
                .push(format!("{} (big-endian, as snappy blocks end)", hex(bytes)));
        }
        Part::Sync => {
            info.label = if s.index == 0 {
                "sync marker (header)".into()
            } else {
                format!("sync marker after block {}", s.index)
            };
            info.breakdown
                .push(format!("{}: must equal the header's marker", hex(bytes)));
        }
    }
    if !matches!(
        s.part,
        Part::Value
            | Part::Length
            | Part::Content
            | Part::BranchIndex
            | Part::BlockCount
            | Part::BlockSize
            | Part::BlockEnd
            | Part::MapKey
    ) {
        // Framing and container parts belong to no schema type and no datum.
        info.type_name = "framing".into();
        info.schema_path = String::new();
        info.path = String::new();
    }
    Some(info)
}

/// Labels for the parts of a container header's metadata map, which is a `map<bytes>` outside any datum.
fn container_part(
    s: &Span,
    parent: Option<Part>,
    bytes: &[u8],
    info: &mut SpanInfo,
) -> Option<SpanInfo> {
    let what = match (parent, s.part) {
        (Some(Part::Metadata), Part::Length) => ["key length", "value length"],
        (Some(Part::Metadata), Part::Content) => ["key", "value"],
        (Some(Part::Header), Part::BlockCount) => ["metadata map: entry count", ""],
        (Some(Part::Header), Part::BlockSize) => ["metadata map: block byte size", ""],
        (Some(Part::Header), Part::BlockEnd) => ["end of the metadata map (count 0)", ""],
        _ => return None,
    };
    let label = what
        .get(s.index as usize)
        .copied()
        .filter(|l| !l.is_empty())
        .unwrap_or(what[0]);
    info.label = label.to_string();
    info.type_name = "container header".into();
    info.schema_path = String::new();
    info.path = String::new();
    if s.part == Part::Content {
        info.value = Some(String::from_utf8_lossy(bytes).into_owned());
        info.breakdown
            .push(format!("{} bytes: {}", bytes.len(), hex(bytes)));
    } else {
        info.breakdown = varint_lines(bytes);
        info.value = varint_value(bytes).map(|v| v.to_string());
    }
    Some(info.clone())
}

/// The text of the `n`th content span under span `id` (a metadata entry's key or value).
fn child_text(walk: &Walk, id: u32, n: u32) -> String {
    walk.spans
        .iter()
        .skip(id as usize + 1)
        .take(4)
        .find(|c| c.parent == id && c.part == Part::Content && c.index == n)
        .map(|c| String::from_utf8_lossy(span_bytes(walk, c)).into_owned())
        .unwrap_or_default()
}

fn varint_value(bytes: &[u8]) -> Option<i64> {
    read_raw(bytes, MAX_LONG_BYTES)
        .ok()
        .map(|(raw, _)| unzigzag(raw))
}

/// Lines explaining a zigzag varint: each byte's continuation bit and 7-bit group, the raw value, zigzag.
pub fn varint_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        let more = b & 0x80 != 0;
        lines.push(format!(
            "byte {i}: {b:02x} = {} {:07b}  ({})",
            u8::from(more),
            b & 0x7f,
            if more {
                "high bit set: more bytes follow"
            } else {
                "high bit clear: last byte"
            }
        ));
    }
    if let Ok((raw, _)) = read_raw(bytes, MAX_LONG_BYTES) {
        if bytes.len() > 1 {
            lines.push(format!("7-bit groups, least significant first → {raw}"));
        }
        let v = unzigzag(raw);
        lines.push(format!(
            "zigzag: {raw} → {v}  ({})",
            if raw % 2 == 0 {
                "even n → n/2"
            } else {
                "odd n → -(n+1)/2"
            }
        ));
    }
    lines
}

fn value_info(
    schema: &Schema,
    walk: &Walk,
    id: u32,
    bytes: &[u8],
    name: &str,
    info: &mut SpanInfo,
) {
    let Some(s) = walk.spans.get(id as usize) else {
        return;
    };
    let node = schema.node(s.schema);
    info.label = format!("{name}: {}", info.type_name);
    match &node.kind {
        Kind::Null => info.breakdown.push("null takes no bytes".into()),
        Kind::Boolean => {
            info.value = bytes.first().map(|b| (*b == 1).to_string());
            info.breakdown.push(format!(
                "{} → {}",
                hex(bytes),
                info.value.clone().unwrap_or_default()
            ));
        }
        Kind::Int | Kind::Long => {
            info.breakdown = varint_lines(bytes);
            info.value = varint_value(bytes).map(|v| v.to_string());
            if let (Some(v), Some(l)) = (varint_value(bytes), &node.logical) {
                info.interpreted = interpret_integer(l, v);
            }
        }
        Kind::Float => {
            if let Ok(b) = <[u8; 4]>::try_from(bytes) {
                let v = f32::from_le_bytes(b);
                info.value = Some(v.to_string());
                info.breakdown.push(format!(
                    "{} = IEEE 754 single, little-endian → {v}",
                    hex(bytes)
                ));
            }
        }
        Kind::Double => {
            if let Ok(b) = <[u8; 8]>::try_from(bytes) {
                let v = f64::from_le_bytes(b);
                info.value = Some(v.to_string());
                info.breakdown.push(format!(
                    "{} = IEEE 754 double, little-endian → {v}",
                    hex(bytes)
                ));
            }
        }
        Kind::Bytes | Kind::String => {
            info.breakdown
                .push("a length prefix (zigzag long), then the content".into());
            let content = walk
                .spans
                .iter()
                .skip(id as usize + 1)
                .take(2)
                .find(|c| c.parent == id && c.part == Part::Content)
                .map(|c| span_bytes(walk, c));
            if let Some(c) = content {
                info.value = Some(if matches!(node.kind, Kind::String) {
                    format!("{:?}", String::from_utf8_lossy(c))
                } else {
                    hex(c)
                });
                if let Some(LogicalType::Decimal { scale, .. }) = &node.logical {
                    info.breakdown.push(decimal_line(c, *scale));
                    info.interpreted = Some(decimal_text(c, *scale));
                }
            }
        }
        Kind::Fixed(f) => {
            info.breakdown
                .push(format!("fixed: exactly {} bytes, no length prefix", f.size));
            info.value = Some(hex(bytes));
            match &node.logical {
                Some(LogicalType::Decimal { scale, .. }) => {
                    info.breakdown.push(decimal_line(bytes, *scale));
                }
                Some(LogicalType::Duration) => info.breakdown.extend(duration_lines(bytes)),
                _ => {}
            }
            info.interpreted = match &node.logical {
                Some(LogicalType::Decimal { scale, .. }) => Some(decimal_text(bytes, *scale)),
                Some(LogicalType::Uuid) => Some(uuid_text(bytes)),
                Some(LogicalType::Duration) => duration_text(bytes),
                _ => None,
            };
        }
        Kind::Enum(e) => {
            info.breakdown = varint_lines(bytes);
            if let Some(i) = varint_value(bytes) {
                let symbol = usize::try_from(i).ok().and_then(|i| e.symbols.get(i));
                info.value = symbol.cloned();
                info.breakdown.push(format!(
                    "enum index {i} → {}",
                    symbol.map_or("(out of range)", |s| s.as_str())
                ));
            }
        }
        Kind::Record(r) => info.breakdown.push(format!(
            "a record is its {} fields in order, with no separators or names",
            r.fields.len()
        )),
        Kind::Array(_) => info
            .breakdown
            .push("an array is blocks: an item count, the items, …, then a count of 0".into()),
        Kind::Map(_) => info
            .breakdown
            .push("a map is blocks: an entry count, key/value pairs, …, then a count of 0".into()),
        Kind::Union(_) => info
            .breakdown
            .push("a union is the branch index (zigzag int), then the branch's value".into()),
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An instant `v` units of `per_second` since the epoch, as ISO 8601 (no zone suffix).
pub(crate) fn date_time(v: i64, per_second: i64, digits: usize) -> String {
    let secs = v.div_euclid(per_second);
    let frac = v.rem_euclid(per_second);
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{frac:0digits$}",
        tod / 3600,
        tod % 3600 / 60,
        tod % 60
    )
}

fn interpret_integer(logical: &LogicalType, v: i64) -> Option<String> {
    Some(match logical {
        LogicalType::Date => {
            let (y, m, d) = civil_from_days(v);
            format!("{y:04}-{m:02}-{d:02} ({v} days since 1970-01-01)")
        }
        LogicalType::TimeMillis => {
            format!("{} (time of day)", date_time(v, 1000, 3).split('T').nth(1)?)
        }
        LogicalType::TimeMicros => format!(
            "{} (time of day)",
            date_time(v, 1_000_000, 6).split('T').nth(1)?
        ),
        LogicalType::TimestampMillis => format!("{}Z (UTC instant)", date_time(v, 1000, 3)),
        LogicalType::TimestampMicros => format!("{}Z (UTC instant)", date_time(v, 1_000_000, 6)),
        LogicalType::TimestampNanos => format!("{}Z (UTC instant)", date_time(v, 1_000_000_000, 9)),
        LogicalType::LocalTimestampMillis => {
            format!("{} (local time, no zone)", date_time(v, 1000, 3))
        }
        LogicalType::LocalTimestampMicros => {
            format!("{} (local time, no zone)", date_time(v, 1_000_000, 6))
        }
        LogicalType::LocalTimestampNanos => {
            format!("{} (local time, no zone)", date_time(v, 1_000_000_000, 9))
        }
        _ => return None,
    })
}

/// A big-endian two's-complement integer scaled by 10^-scale, as exact decimal text.
pub fn decimal_text(bytes: &[u8], scale: u32) -> String {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    // Magnitude as big-endian bytes (two's complement negated for negative numbers).
    let mut mag: Vec<u8> = if negative {
        let mut m: Vec<u8> = bytes.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (v, carry) = b.overflowing_add(1);
            *b = v;
            if !carry {
                break;
            }
        }
        m
    } else {
        bytes.to_vec()
    };
    // Repeated division by 10 over the big-endian bytes.
    let mut digits = Vec::new();
    while mag.iter().any(|b| *b != 0) {
        let mut rem = 0u32;
        for b in mag.iter_mut() {
            let cur = (rem << 8) | u32::from(*b);
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(char::from(b'0' + rem as u8));
    }
    while digits.len() <= scale as usize {
        digits.push('0');
    }
    digits.reverse();
    let mut text: String = digits.iter().collect();
    if scale > 0 {
        text.insert(text.len() - scale as usize, '.');
    }
    if negative {
        text.insert(0, '-');
    }
    text
}

/// The breakdown line of a decimal: the unscaled big-endian two's-complement integer, then the scaling.
fn decimal_line(bytes: &[u8], scale: u32) -> String {
    format!(
        "{} = unscaled {} (big-endian two's complement) × 10^-{scale} → {}",
        hex(bytes),
        decimal_text(bytes, 0),
        decimal_text(bytes, scale)
    )
}

/// The breakdown lines of a duration: its three little-endian u32, each with its bytes.
fn duration_lines(bytes: &[u8]) -> Vec<String> {
    ["months", "days", "milliseconds"]
        .iter()
        .enumerate()
        .filter_map(|(i, unit)| {
            let b = bytes.get(i * 4..i * 4 + 4)?;
            let v = u32::from_le_bytes(b.try_into().ok()?);
            Some(format!("{} = u32 little-endian → {v} {unit}", hex(b)))
        })
        .collect()
}

/// 16 bytes as a uuid's 8-4-4-4-12 lowercase hexadecimal text (other lengths as plain hex).
pub(crate) fn uuid_text(bytes: &[u8]) -> String {
    let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    if h.len() != 32 {
        return h;
    }
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn duration_text(bytes: &[u8]) -> Option<String> {
    let u = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    Some(format!(
        "{} months, {} days, {} milliseconds (three little-endian u32)",
        u(0)?,
        u(4)?,
        u(8)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_is_exact_and_signed() {
        assert_eq!(decimal_text(&[0x07, 0x5b, 0xcd, 0x15], 2), "1234567.89");
        assert_eq!(decimal_text(&[0xff, 0xff, 0xff, 0xff], 2), "-0.01");
        assert_eq!(decimal_text(&[0x30, 0x39], 5), "0.12345");
        assert_eq!(decimal_text(&[], 0), "0");
    }

    #[test]
    fn timestamps_before_the_epoch() {
        assert_eq!(
            interpret_integer(&LogicalType::TimestampMillis, -2_208_988_800_000).unwrap(),
            "1900-01-01T00:00:00.000Z (UTC instant)"
        );
    }

    #[test]
    fn varint_breakdown_names_zigzag() {
        let lines = varint_lines(&[0x03]);
        assert!(lines.iter().any(|l| l.contains("zigzag: 3 → -2")));
    }

    /// Encodes `datum` with `schema`; returns the walk and the parsed datum text.
    fn walk_of(schema: &str, datum: &str) -> (Schema, Walk, Json) {
        let schema = crate::schema::parse_schema(schema).unwrap();
        let value = crate::avro_json::from_avro_json(&schema, datum).unwrap();
        let walk = crate::walker::encode(&schema, &value).unwrap();
        (schema, walk, crate::source::parse_json(datum).unwrap())
    }

    const RECORD: &str = r#"{"type": "record", "name": "R", "fields": [
        {"name": "id", "type": "long"},
        {"name": "tag", "type": ["null", "string"]},
        {"name": "list", "type": {"type": "array", "items": "int"}},
        {"name": "map", "type": {"type": "map", "values": "boolean"}},
        {"name": "none", "type": "null"}
    ]}"#;
    const DATUM: &str = r#"{"id": 300, "tag": {"string": "hey"}, "list": [1, 2], "map": {"k": true}, "none": null}"#;

    /// The path and byte range of the span found at the first occurrence of `needle` in the datum text.
    fn at(needle: &str) -> Option<(String, u32, u32)> {
        let (schema, walk, json) = walk_of(RECORD, DATUM);
        let offset = DATUM.find(needle).unwrap();
        let id = span_at_text(&schema, &walk, &json, offset)?;
        let s = walk.spans[id as usize];
        Some((datum_path(&schema, &walk, id), s.start, s.end))
    }

    #[test]
    fn text_positions_lead_back_to_their_bytes() {
        // 300 is zigzag 600: two varint bytes at the start.
        assert_eq!(at("300"), Some(("/id".into(), 0, 2)));
        // The field name selects the field's value.
        assert_eq!(at("\"id\""), Some(("/id".into(), 0, 2)));
        // Inside a union: the branch's value, length prefix and content (the branch index stays outside).
        assert_eq!(at("hey"), Some(("/tag/string".into(), 3, 7)));
        // The union wrapper's key is the branch value too; its object is the whole field.
        assert_eq!(at("\"string\""), Some(("/tag/string".into(), 3, 7)));
        assert_eq!(at("{\"string"), Some(("/tag".into(), 2, 7)));
        // Array items, map values.
        assert_eq!(at("2]"), Some(("/list/1".into(), 9, 10)));
        assert_eq!(at("true"), Some(("/map/k".into(), 14, 15)));
        // null has no bytes: its enclosing value, the whole record.
        assert_eq!(at("null"), Some(("/".into(), 0, 16)));
    }

    #[test]
    fn every_value_span_is_found_from_its_text() {
        let (schema, walk, json) = walk_of(RECORD, DATUM);
        for (id, s) in walk.spans.iter().enumerate() {
            if s.part != Part::Value || s.start == s.end {
                continue;
            }
            let path = datum_path(&schema, &walk, id as u32);
            let node = json.at(&path).unwrap();
            let found = span_at_text(&schema, &walk, &json, node.range.start).unwrap();
            assert_eq!(datum_path(&schema, &walk, found), path, "span {id}");
        }
    }

    /// The explanation of the top-level value of `datum` written with `schema`.
    fn root_info(schema: &str, datum: &str) -> SpanInfo {
        let (schema, walk, _) = walk_of(schema, datum);
        explain(&schema, &walk, 0).unwrap()
    }

    #[test]
    fn a_decimal_shows_its_unscaled_integer_then_the_scaled_value() {
        let bytes = r#"{"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}"#;
        let info = root_info(bytes, r#""\u0007[\u00cd\u0015""#);
        assert!(
            info.breakdown.iter().any(|l| l
                == "07 5b cd 15 = unscaled 123456789 (big-endian two's complement) × 10^-2 → 1234567.89"),
            "{:?}",
            info.breakdown
        );
        assert_eq!(info.interpreted.as_deref(), Some("1234567.89"));
        let fixed = r#"{"type": "fixed", "name": "D", "size": 2, "logicalType": "decimal", "precision": 4, "scale": 1}"#;
        let info = root_info(fixed, r#""\u00ff\u00fe""#);
        assert!(
            info.breakdown
                .iter()
                .any(|l| l.contains("unscaled -2 ") && l.ends_with("→ -0.2")),
            "{:?}",
            info.breakdown
        );
        // Without the logical type there is no scaling line.
        let info = root_info(r#""bytes""#, r#""\u0007""#);
        assert!(!info.breakdown.iter().any(|l| l.contains("unscaled")));
    }

    #[test]
    fn a_duration_shows_its_three_little_endian_u32() {
        let schema = r#"{"type": "fixed", "name": "Dur", "size": 12, "logicalType": "duration"}"#;
        let datum = r#""\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u00e8\u0003\u0000\u0000""#;
        let info = root_info(schema, datum);
        let lines: Vec<&str> = info
            .breakdown
            .iter()
            .filter(|l| l.contains("u32"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            lines,
            [
                "01 00 00 00 = u32 little-endian → 1 months",
                "02 00 00 00 = u32 little-endian → 2 days",
                "e8 03 00 00 = u32 little-endian → 1000 milliseconds"
            ]
        );
        assert_eq!(
            info.interpreted.as_deref(),
            Some("1 months, 2 days, 1000 milliseconds (three little-endian u32)")
        );
    }

    #[test]
    fn a_fixed_uuid_is_shown_as_uuid_text() {
        let schema = r#"{"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}"#;
        let datum: String = (0..16u8).map(|b| format!("\\u{b:04x}")).collect();
        let info = root_info(schema, &format!("\"{datum}\""));
        assert_eq!(
            info.interpreted.as_deref(),
            Some("00010203-0405-0607-0809-0a0b0c0d0e0f")
        );
    }

    #[test]
    fn timestamps_are_utc_instants_and_local_timestamps_have_no_zone() {
        let cases = [
            (
                "timestamp-millis",
                "1700000000123",
                "2023-11-14T22:13:20.123Z (UTC instant)",
            ),
            (
                "timestamp-micros",
                "1700000000123456",
                "2023-11-14T22:13:20.123456Z (UTC instant)",
            ),
            (
                "timestamp-nanos",
                "-1",
                "1969-12-31T23:59:59.999999999Z (UTC instant)",
            ),
            (
                "local-timestamp-millis",
                "0",
                "1970-01-01T00:00:00.000 (local time, no zone)",
            ),
            (
                "local-timestamp-micros",
                "86400000001",
                "1970-01-02T00:00:00.000001 (local time, no zone)",
            ),
            (
                "local-timestamp-nanos",
                "1",
                "1970-01-01T00:00:00.000000001 (local time, no zone)",
            ),
        ];
        for (logical, datum, want) in cases {
            let schema = format!(r#"{{"type": "long", "logicalType": "{logical}"}}"#);
            let info = root_info(&schema, datum);
            assert_eq!(info.interpreted.as_deref(), Some(want), "{logical}");
            assert_eq!(
                info.value.as_deref(),
                Some(datum),
                "{logical}: raw beside interpreted"
            );
        }
        let info = root_info(r#"{"type": "int", "logicalType": "date"}"#, "-1");
        assert_eq!(
            info.interpreted.as_deref(),
            Some("1969-12-31 (-1 days since 1970-01-01)")
        );
        let info = root_info(
            r#"{"type": "int", "logicalType": "time-millis"}"#,
            "3723004",
        );
        assert_eq!(
            info.interpreted.as_deref(),
            Some("01:02:03.004 (time of day)")
        );
        // A plain long is not interpreted.
        assert_eq!(root_info(r#""long""#, "5").interpreted, None);
    }

    #[test]
    fn outside_the_text_nothing_is_found() {
        let (schema, walk, json) = walk_of(RECORD, DATUM);
        assert_eq!(span_at_text(&schema, &walk, &json, DATUM.len() + 5), None);
    }
}
