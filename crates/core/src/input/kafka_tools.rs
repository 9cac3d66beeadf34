//! Which Kafka tool wrote a JSON record, and where its key, value and metadata stand (see [`Tool`] for the
//! tools, and `tests/paste-samples/README.md` for the source each shape was read from):
//!
//! - `kcat -J`: an object per message, `{"topic", "partition", "offset", "tstype", "ts", "broker",
//!   "headers"?, "key", "payload"}`; key and payload are JSON strings of the bytes (or null), or JSON when
//!   kcat decoded them itself (`-s value=avro`, with `value_schema_id`, or `payload_error`).
//! - The Confluent REST Proxy (binary, v2): `[{"topic", "key", "value", "partition", "offset"}]`, key and
//!   value base64 or null.
//! - Kafka UI: `{"Value", "Offset", "Key", "Partition", "Headers", "Timestamp"}` (tab-indented); the value is
//!   what the chosen serde wrote: text (String), base64 (Base64) or hex pairs (Hex).
//! - AKHQ: `[{"partition", "offset", "timestamp", "keySchemaId", "valueSchemaId", "headers", "key", "value"}]`,
//!   key and value as text, the timestamp in seconds.
//! - Redpanda Console: `[{"partitionID", "offset", "timestamp", "compression", "isTransactional", "headers",
//!   "key", "value"}]`, key and value objects `{"payload", "rawPayload"?, "encoding", "isPayloadNull",
//!   "schemaId", "size"}` where `rawPayload` is base64 (saved with "Include raw data").

use super::envelope::{Timestamp, Tool};
use crate::avro_json::calendar::{parse_timestamp, Unit};
use crate::source::{Json, JsonValue};

/// Which tool's record `json` is.
pub(super) fn tool_of(json: &Json) -> Option<Tool> {
    let has = |key: &str| json.get(key).is_some();
    if !matches!(json.value, JsonValue::Object(_)) {
        None
    } else if has("payload") && (has("topic") || has("partition") || has("offset")) {
        Some(Tool::Kcat)
    } else if has("Value") || (has("Offset") && has("Partition")) {
        Some(Tool::KafkaUi)
    } else if has("partitionID") {
        Some(Tool::RedpandaConsole)
    } else if has("valueSchemaId") || has("keySchemaId") {
        Some(Tool::Akhq)
    } else if has("value") && (has("topic") || has("partition") || has("offset")) {
        Some(Tool::RestProxy)
    } else {
        None
    }
}

/// How a key or value stands in a record.
pub(super) enum Field<'a> {
    /// Null or not written: no bytes (for a value, a tombstone).
    Null,
    /// A JSON string of the bytes as text.
    Text(&'a Json),
    /// A JSON string of base64.
    Base64(&'a Json),
    /// Kafka UI's value, which does not say which serde wrote it: hex pairs, base64 or text, tried in order.
    Serde(&'a Json),
    /// Not bytes: the member, and why.
    Refused(&'a Json, String),
}

/// One record's parts, as its tool writes them.
pub(super) struct Parts<'a> {
    pub topic: Option<String>,
    pub partition: Option<i64>,
    pub offset: Option<i64>,
    pub timestamp: Option<Timestamp>,
    pub key: Field<'a>,
    pub value: Field<'a>,
}

fn member<'a>(json: &'a Json, key: &str) -> Option<&'a Json> {
    json.get(key).map(|m| &m.value)
}

fn number<'a>(json: &'a Json, key: &str) -> Option<&'a str> {
    match &member(json, key)?.value {
        JsonValue::Number(text) => Some(text),
        _ => None,
    }
}

fn integer(json: &Json, key: &str) -> Option<i64> {
    number(json, key)?.parse().ok()
}

fn string(json: &Json, key: &str) -> Option<String> {
    member(json, key)?.as_str().map(str::to_string)
}

/// A JSON string member as `string` (text or base64), null as [`Field::Null`], anything else refused.
fn field<'a>(json: &'a Json, key: &str, string: fn(&'a Json) -> Field<'a>) -> Field<'a> {
    match member(json, key) {
        None => Field::Null,
        Some(m) => match m.value {
            JsonValue::Null => Field::Null,
            JsonValue::String(_) => string(m),
            _ => Field::Refused(
                m,
                format!("is {}, not a string of the bytes", m.kind_name()),
            ),
        },
    }
}

/// Milliseconds of a timestamp in seconds with a fraction (`1714564800.123`).
fn seconds_to_millis(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if !fraction.bytes().all(|d| d.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let millis = format!("{:0<3}", fraction.get(..3).unwrap_or(fraction));
    let millis: i64 = millis.parse().ok()?;
    let sign = if text.starts_with('-') { -1 } else { 1 };
    whole.checked_mul(1000)?.checked_add(sign * millis)
}

/// A record's parts, read as `tool` writes them.
pub(super) fn parts<'a>(tool: Tool, json: &'a Json) -> Parts<'a> {
    match tool {
        Tool::Kcat => Parts {
            topic: string(json, "topic"),
            partition: integer(json, "partition"),
            offset: integer(json, "offset"),
            timestamp: number(json, "ts").map(|ts| Timestamp {
                written: ts.to_string(),
                millis: ts.parse().ok(),
                kind: string(json, "tstype"),
            }),
            key: kcat_field(json, "key", "key_error", "key_schema_id", "-s key=avro"),
            value: kcat_field(
                json,
                "payload",
                "payload_error",
                "value_schema_id",
                "-s value=avro",
            ),
        },
        Tool::RestProxy => Parts {
            topic: string(json, "topic"),
            partition: integer(json, "partition"),
            offset: integer(json, "offset"),
            timestamp: None,
            key: rest_field(json, "key"),
            value: rest_field(json, "value"),
        },
        Tool::KafkaUi => Parts {
            topic: None,
            partition: integer(json, "Partition"),
            offset: integer(json, "Offset"),
            timestamp: string(json, "Timestamp").map(|written| Timestamp {
                millis: parse_timestamp(&written, Unit::Millis)
                    .ok()
                    .and_then(|t| i64::try_from(t.count).ok()),
                written,
                kind: None,
            }),
            key: field(json, "Key", Field::Serde),
            value: field(json, "Value", Field::Serde),
        },
        Tool::Akhq => Parts {
            topic: None,
            partition: integer(json, "partition"),
            offset: integer(json, "offset"),
            timestamp: number(json, "timestamp").map(|ts| Timestamp {
                written: ts.to_string(),
                millis: seconds_to_millis(ts),
                kind: None,
            }),
            key: field(json, "key", Field::Text),
            value: field(json, "value", Field::Text),
        },
        Tool::RedpandaConsole => Parts {
            topic: None,
            partition: integer(json, "partitionID"),
            offset: integer(json, "offset"),
            timestamp: number(json, "timestamp").map(|ts| Timestamp {
                written: ts.to_string(),
                millis: ts.parse().ok(),
                kind: None,
            }),
            key: redpanda_field(json, "key"),
            value: redpanda_field(json, "value"),
        },
    }
}

/// kcat's key or payload: a string of the bytes, null (with `…_error` when kcat failed to decode it), or
/// JSON kcat wrote after decoding it itself (`-s value=avro`).
fn kcat_field<'a>(
    json: &'a Json,
    key: &str,
    error: &str,
    schema_id: &str,
    flag: &str,
) -> Field<'a> {
    match (member(json, key), member(json, error)) {
        (Some(m), Some(e)) => Field::Refused(
            m,
            format!(
                "is null because kcat could not decode it ({flag}): {}",
                e.as_str().unwrap_or_default()
            ),
        ),
        (Some(m), None) if matches!(m.value, JsonValue::Null) => Field::Null,
        (Some(m), None) if m.as_str().is_some() => Field::Text(m),
        (Some(m), None) => {
            let id = number(json, schema_id)
                .map(|id| format!(", schema id {id}"))
                .unwrap_or_default();
            Field::Refused(
                m,
                format!(
                    "is JSON that kcat decoded itself ({flag}{id}): the envelope holds the datum, not its bytes; drop {flag}, or print the bytes with -f '%s' | xxd"
                ),
            )
        }
        (None, _) => Field::Null,
    }
}

/// The REST Proxy's key or value: base64, or null. JSON there means another embedded format.
fn rest_field<'a>(json: &'a Json, key: &str) -> Field<'a> {
    match field(json, key, Field::Base64) {
        Field::Refused(m, _) => Field::Refused(
            m,
            format!(
                "is {}, not base64: this is the REST Proxy's json or avro embedded format, which holds the decoded value; consume with Accept: application/vnd.kafka.binary.v2+json for the bytes",
                m.kind_name()
            ),
        ),
        other => other,
    }
}

/// Redpanda Console's key or value: `{"payload", "rawPayload"?, "encoding", "isPayloadNull", "schemaId"}`.
fn redpanda_field<'a>(json: &'a Json, key: &str) -> Field<'a> {
    let Some(payload) = member(json, key).filter(|m| matches!(m.value, JsonValue::Object(_)))
    else {
        return Field::Null;
    };
    if matches!(
        member(payload, "isPayloadNull").map(|m| &m.value),
        Some(JsonValue::Bool(true))
    ) {
        return Field::Null;
    }
    if let Some(raw) = member(payload, "rawPayload").filter(|m| m.as_str().is_some()) {
        return Field::Base64(raw);
    }
    match member(payload, "payload") {
        Some(text) if text.as_str().is_some() => Field::Text(text),
        Some(decoded) => {
            let encoding = string(payload, "encoding").unwrap_or_else(|| "?".into());
            let id = integer(payload, "schemaId")
                .filter(|&id| id != 0)
                .map(|id| format!(", schema id {id}"))
                .unwrap_or_default();
            Field::Refused(
                decoded,
                format!(
                    "is {} that Redpanda Console decoded ({encoding}{id}): the export holds the datum, not its bytes; save the messages again with \"Include raw data\" checked",
                    decoded.kind_name()
                ),
            )
        }
        None => Field::Null,
    }
}

/// What `tool` calls a record's value.
pub(super) fn value_name(tool: Tool) -> &'static str {
    match tool {
        Tool::Kcat => "payload",
        Tool::KafkaUi => "Value",
        _ => "value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_with_a_fraction_become_milliseconds() {
        assert_eq!(seconds_to_millis("1714564800.123"), Some(1714564800123));
        assert_eq!(seconds_to_millis("1714564800.1"), Some(1714564800100));
        assert_eq!(seconds_to_millis("1714564800"), Some(1714564800000));
        assert_eq!(seconds_to_millis("1.7e9"), None);
    }
}
