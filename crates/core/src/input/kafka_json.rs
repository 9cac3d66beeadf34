//! Kafka tools' JSON read into messages: finding the records of a paste (objects one after another, or arrays
//! of them), telling whether it is such JSON at all, reading each record's key and value into bytes (a JSON
//! string's own bytes, base64, or Kafka UI's hex pairs) with a note, and placing every error at its
//! line:column in the paste. The shape of each tool's record is `kafka_tools`.
use super::envelope::{describe_doubts, Carried, Envelope};
use super::json_stream::{extents, structural_text, Extent};
use super::json_string::recover;
use super::kafka_tools::{parts, tool_of, value_name, Field};
use super::{
    base64, byte_count, hex, quote, Decoded, Fail, InputError, InputFormat, Message, Origin,
};
use crate::source::{parse_json, Json, JsonValue, SyntaxError};

const FORMAT: Option<InputFormat> = Some(InputFormat::JsonEnvelope);

/// The keys that may open a tool's record: a paste whose first object starts with one of them is meant as an
/// envelope even when its JSON is broken (the error then says where).
const OPENING_KEYS: [&str; 6] = [
    "topic",
    "partition",
    "payload",
    "Value",
    "Partition",
    "partitionID",
];

/// Whether `raw` may be JSON at all: its first character (after a byte-order mark and whitespace) opens an
/// object or an array. Cheap, so that other pastes pay nothing.
fn may_be_json(raw: &[u8]) -> bool {
    let raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw);
    raw.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

/// Reads `raw` as Kafka tools' JSON, one [`Message`] per record. `None` when the form was not `chosen` and
/// `raw` is not such JSON; a paste that is meant as such but cannot be read is one message with the error.
pub(super) fn messages(raw: &[u8], chosen: bool) -> Option<Vec<Message>> {
    if !chosen && !may_be_json(raw) {
        return None;
    }
    let text = structural_text(raw);
    let found = extents(&text);
    if !chosen && !meant_as_envelope(&text, found.first()) {
        return None;
    }
    let mut out = Vec::new();
    let mut walk = Walk::new(&text);
    let mut record = 0;
    for extent in found {
        let extent = match extent {
            Ok(extent) => extent,
            Err(fail) => {
                out.push(failed(raw, &mut walk, fail));
                break;
            }
        };
        let slice = text.get(extent.start..extent.end).unwrap_or_default();
        let json = match parse_json(slice) {
            Ok(json) => json,
            Err(e) => {
                out.push(failed(raw, &mut walk, syntax(e, extent.start)));
                continue;
            }
        };
        let items: Vec<&Json> = match &json.value {
            JsonValue::Array(items) => items.iter().collect(),
            _ => vec![&json],
        };
        for item in items {
            record += 1;
            let start = extent.start + item.range.start;
            walk.to(start);
            let place = Place {
                raw,
                start,
                end: extent.start + item.range.end,
                line: walk.line,
                column: walk.column,
            };
            out.push(read_record(item, extent.start, record, &place));
        }
    }
    Some(out)
}

/// Whether the first value makes the paste an envelope: it is a tool's record (or an array of them), or its
/// JSON is broken but it opens with a key only those records start with.
fn meant_as_envelope(text: &str, first: Option<&Result<Extent, Fail>>) -> bool {
    let slice = match first {
        Some(Ok(first)) => text.get(first.start..first.end),
        Some(Err(cut)) => text.get(cut.at..),
        None => None,
    };
    let slice = slice.unwrap_or_default();
    match parse_json(slice) {
        Ok(json) => {
            let record = match &json.value {
                JsonValue::Array(items) => items.first(),
                _ => Some(&json),
            };
            record.and_then(tool_of).is_some()
        }
        Err(_) => {
            let opening = slice.trim_start_matches(['[', ' ', '\t', '\r', '\n']);
            let key = opening
                .strip_prefix('{')
                .map(|r| r.trim_start())
                .and_then(|r| r.strip_prefix('"'))
                .and_then(|r| r.split('"').next());
            key.is_some_and(|k| OPENING_KEYS.contains(&k))
        }
    }
}

/// Reads `raw` as an envelope holding exactly one message, for a caller that reads one: its value's bytes.
/// `None` when the form was not chosen and `raw` is not an envelope.
pub(super) fn one_message(
    raw: &[u8],
    format: Option<InputFormat>,
) -> Option<Result<Decoded, InputError>> {
    if !matches!(format, None | Some(InputFormat::JsonEnvelope)) {
        return None;
    }
    let messages = messages(raw, format.is_some())?;
    Some(match messages.as_slice() {
        [one] => match &one.value {
            Ok(Some(decoded)) => Ok(decoded.clone()),
            Ok(None) => Err(whole_error(
                raw,
                one.offset,
                "its value is null (a Kafka tombstone): there are no bytes to read",
            )),
            Err(e) => Err(e.clone()),
        },
        many => Err(whole_error(
            raw,
            0,
            &format!(
                "it holds {} records, and one message was expected: give one, or read them as several messages",
                many.len()
            ),
        )),
    })
}

fn whole_error(raw: &[u8], at: usize, problem: &str) -> InputError {
    Fail::new(at, "", format!("a JSON envelope: {problem}")).into_error(
        raw,
        FORMAT,
        Origin::default(),
    )
}

/// A JSON syntax error found in the value at `base`.
fn syntax(e: SyntaxError, base: usize) -> Fail {
    Fail::new(base + e.range.start, "", e.message)
}

/// A message for a paste (or the rest of it) that could not be read, placed where it failed.
fn failed(raw: &[u8], walk: &mut Walk<'_>, fail: Fail) -> Message {
    let at = fail.at;
    walk.to(at);
    let place = Place {
        raw,
        start: at,
        end: raw.len(),
        line: walk.line,
        column: walk.column,
    };
    Message::plain(walk.line + 1, at, Err(place.error(fail)))
}

/// Walks the text in order, keeping the line and column it has reached, so that placing every record costs
/// one pass over the paste.
struct Walk<'a> {
    text: &'a str,
    at: usize,
    /// Line breaks before `at`.
    line: usize,
    /// Characters between the last line break and `at`.
    column: usize,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Self {
        Walk {
            text,
            at: 0,
            line: 0,
            column: 0,
        }
    }

    fn to(&mut self, at: usize) {
        for c in self.text.get(self.at..at).unwrap_or_default().chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.at = self.at.max(at);
    }
}

/// Where a record stands, to place its errors in the whole paste.
struct Place<'a> {
    raw: &'a [u8],
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

impl Place<'_> {
    /// `fail` (at an offset in the whole paste) as an error naming line:column in it.
    fn error(&self, fail: Fail) -> InputError {
        let local = fail.at.saturating_sub(self.start);
        Fail::new(local, fail.subject, fail.problem).into_error(
            self.raw.get(self.start..self.end).unwrap_or_default(),
            FORMAT,
            Origin {
                offset: self.start,
                lines_before: self.line,
                column_before: self.column,
            },
        )
    }
}

/// Reads one record (`json`, found at `base` + its range in the paste) into a message.
fn read_record(json: &Json, base: usize, record: usize, place: &Place<'_>) -> Message {
    let line = place.line + 1;
    let Some(tool) = tool_of(json) else {
        let problem = if record > 1 {
            "is not a record of the tools this form knows"
        } else {
            "is JSON, but not from a tool this form knows: expected kcat -J objects (with `payload`), a REST Proxy array (`topic`, `key`, `value`), a Kafka UI message (`Value`), an AKHQ download (`valueSchemaId`) or a Redpanda Console export (`partitionID`)"
        };
        let subject = quote(if matches!(json.value, JsonValue::Object(_)) {
            "{"
        } else {
            "["
        });
        return Message::plain(
            line,
            place.start,
            Err(place.error(Fail::new(place.start, subject, problem))),
        );
    };
    let parts = parts(tool, json);
    let reading = Reading {
        raw: place.raw,
        base,
        intro: format!("record {record} of {}", tool.describe()),
    };
    let key = reading.field(&parts.key, "key");
    let value = reading.field(&parts.value, value_name(tool));
    let envelope = Envelope {
        tool,
        record,
        topic: parts.topic,
        partition: parts.partition,
        offset: parts.offset,
        timestamp: parts.timestamp,
        key_carried: key.as_ref().ok().and_then(|k| k.as_ref().map(|(_, c)| *c)),
        value_carried: value
            .as_ref()
            .ok()
            .and_then(|v| v.as_ref().map(|(_, c)| *c)),
        key: key.map(|k| k.map(|(d, _)| d)).map_err(|f| place.error(f)),
    };
    Message {
        line,
        offset: place.start,
        value: value.map(|v| v.map(|(d, _)| d)).map_err(|f| place.error(f)),
        envelope: Some(envelope),
    }
}

/// What reading a record's fields needs: the raw paste (a string's own bytes are read from it), where the
/// record's JSON starts, and the start of every note.
struct Reading<'a> {
    raw: &'a [u8],
    base: usize,
    intro: String,
}

impl Reading<'_> {
    /// The bytes of a key or value (`Ok(None)` when null), with how they were written.
    fn field(&self, field: &Field<'_>, what: &str) -> Result<Option<(Decoded, Carried)>, Fail> {
        let intro = format!("{}: the {what}", self.intro);
        match field {
            Field::Null => Ok(None),
            Field::Refused(json, why) => Err(Fail::new(
                self.base + json.range.start,
                format!("the {what}"),
                why.clone(),
            )),
            Field::Text(json) => Ok(Some((self.text(json, &intro, ""), Carried::Text))),
            Field::Base64(json) => {
                let bytes = self.base64(json)?;
                let note = format!("{intro}, base64, is {}", byte_count(bytes.len()));
                Ok(Some((decoded(bytes, note), Carried::Base64)))
            }
            Field::Serde(json) => {
                let text = json.as_str().unwrap_or_default();
                let unsaid = "(Kafka UI does not save which serde wrote it)";
                if is_hex_pairs(text) {
                    let bytes = hex::read(text).map_err(|f| f.shifted(self.inside(json)))?;
                    let note = format!(
                        "{intro}, hex pairs as Kafka UI's Hex serde writes them {unsaid}, is {}",
                        byte_count(bytes.len())
                    );
                    return Ok(Some((decoded(bytes, note), Carried::Hex)));
                }
                if let Some(bytes) = canonical_base64(text) {
                    let as_text = recover(self.literal(json)).bytes.len();
                    let note = format!(
                        "{intro}, read as base64 as Kafka UI's Base64 serde writes it {unsaid}, is {}; as text it would be {}",
                        byte_count(bytes.len()),
                        byte_count(as_text)
                    );
                    return Ok(Some((decoded(bytes, note), Carried::Base64)));
                }
                let serde = " (Kafka UI's String serde)";
                Ok(Some((self.text(json, &intro, serde), Carried::Text)))
            }
        }
    }

    /// Where a string's content starts in the paste.
    fn inside(&self, json: &Json) -> usize {
        self.base + json.range.start + 1
    }

    /// A string's raw bytes, between its quotes.
    fn literal(&self, json: &Json) -> &[u8] {
        let end = (self.base + json.range.end).saturating_sub(1);
        self.raw.get(self.inside(json)..end).unwrap_or_default()
    }

    /// A string of base64, its errors placed in the paste.
    fn base64(&self, json: &Json) -> Result<Vec<u8>, Fail> {
        let text = json.as_str().unwrap_or_default();
        base64::read(text, base64::Alphabet::Standard, false)
            .map_err(|f| f.shifted(self.inside(json)))
    }

    fn text(&self, json: &Json, intro: &str, serde: &str) -> Decoded {
        let recovered = recover(self.literal(json));
        let mut note = format!(
            "{intro}, text{serde} read back into {} (each \\u00XX escape is one byte, every other character its UTF-8 bytes)",
            byte_count(recovered.bytes.len())
        );
        if recovered.latin1_escapes {
            note += "; its escapes \\u0080–\\u00FF are read as one byte each, as a tool that escapes bytes writes them";
        }
        if looks_decoded(&recovered.bytes) {
            note += "; it is JSON text, so the tool may have decoded the message already (a schema registry serde): these are that text's bytes, not the message's";
        }
        if !recovered.doubts.is_empty() {
            note += &format!("; {}", describe_doubts(&recovered.doubts));
        }
        Decoded {
            format: InputFormat::JsonEnvelope,
            bytes: recovered.bytes,
            note,
            doubt: recovered.doubts,
        }
    }
}

fn decoded(bytes: Vec<u8>, note: String) -> Decoded {
    Decoded {
        format: InputFormat::JsonEnvelope,
        bytes,
        note,
        doubt: Vec::new(),
    }
}

/// The bytes of `text` when it is base64 as Java's `Base64.getEncoder()` writes it: standard alphabet,
/// padded to whole quads, zero padding bits. Anything else is no base64 for a guess.
fn canonical_base64(text: &str) -> Option<Vec<u8>> {
    let standard = base64::looks_like(text) == Some(base64::Alphabet::Standard);
    if !(standard && text.len().is_multiple_of(4)) {
        return None;
    }
    base64::read(text, base64::Alphabet::Standard, true).ok()
}

/// Kafka UI's Hex serde: upper-case hex pairs separated by single spaces (`00 2A C8`).
fn is_hex_pairs(text: &str) -> bool {
    !text.is_empty()
        && text.split(' ').all(|pair| {
            pair.len() == 2
                && pair
                    .bytes()
                    .all(|d| d.is_ascii_digit() || (b'A'..=b'F').contains(&d))
        })
}

/// Whether the bytes are JSON text (an object or array), the sign of a value the tool decoded already.
fn looks_decoded(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|text| text.trim_start().starts_with(['{', '[']) && parse_json(text).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::envelope::Tool;
    use crate::source::LineColumn;

    fn read(text: &str) -> Vec<Message> {
        messages(text.as_bytes(), false).expect("an envelope")
    }

    fn value(m: &Message) -> &Decoded {
        m.value.as_ref().unwrap().as_ref().unwrap()
    }

    #[test]
    fn kcat_lines_give_bytes_key_and_metadata() {
        let text = concat!(
            r#"{"topic":"t","partition":0,"offset":7,"tstype":"create","ts":1714564800123,"broker":1,"key":"k1","payload":"\u0000\u0000\u0000\u0000*\u0003\u0004hi"}"#,
            "\n",
            r#"{"topic":"t","partition":0,"offset":8,"tstype":"create","ts":1714564800124,"broker":1,"key":"k2","payload":null}"#,
            "\n"
        );
        let m = read(text);
        assert_eq!(m.len(), 2);
        assert_eq!(value(&m[0]).bytes, vec![0, 0, 0, 0, 42, 3, 4, b'h', b'i']);
        let e = m[0].envelope.as_ref().unwrap();
        assert_eq!(
            (e.tool, e.partition, e.offset),
            (Tool::Kcat, Some(0), Some(7))
        );
        assert_eq!(e.topic.as_deref(), Some("t"));
        let ts = e.timestamp.as_ref().unwrap();
        assert_eq!(
            (ts.millis, ts.kind.as_deref()),
            (Some(1714564800123), Some("create"))
        );
        assert_eq!(
            e.key.as_ref().unwrap().as_ref().unwrap().bytes,
            b"k1".to_vec()
        );
        assert_eq!(m[1].value, Ok(None));
        assert_eq!(m[1].line, 2);
    }

    #[test]
    fn a_raw_byte_kcat_wrote_is_kept_exactly() {
        let raw = b"{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":null,\"payload\":\"\\u0000\xc8\\u0001\"}";
        let m = messages(raw, false).unwrap();
        assert_eq!(value(&m[0]).bytes, vec![0, 0xc8, 1]);
        assert!(value(&m[0]).doubt.is_empty());
    }

    #[test]
    fn a_replacement_character_makes_the_value_doubtful() {
        let m = read("{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":null,\"payload\":\"\\u0000\u{fffd}\\u0001\"}");
        let d = value(&m[0]);
        assert_eq!(d.doubt.len(), 1);
        assert_eq!((d.doubt[0].start, d.doubt[0].end), (1, 4));
        assert!(d.note.contains("byte"), "{}", d.note);
    }

    #[test]
    fn kcat_decoding_the_payload_itself_is_an_error_naming_the_flag() {
        let m = read(
            r#"{"topic":"t","partition":0,"offset":1,"key":null,"payload":{"id":1},"value_schema_id":3}"#,
        );
        let err = m[0].value.as_ref().unwrap_err();
        assert!(
            err.message.contains("-s value=avro, schema id 3"),
            "{}",
            err.message
        );
        assert_eq!(
            err.position,
            LineColumn {
                line: 1,
                column: 60
            }
        );
    }

    #[test]
    fn kcat_payload_error_is_an_error_not_a_tombstone() {
        let m = read(
            r#"{"topic":"t","partition":0,"offset":1,"key":null,"payload":null,"payload_error":"bad magic"}"#,
        );
        let err = m[0].value.as_ref().unwrap_err();
        assert!(err.message.contains("bad magic"), "{}", err.message);
    }

    #[test]
    fn rest_proxy_values_are_base64_and_null_is_a_tombstone() {
        let m = read(
            r#"[{"topic":"t","key":"a2V5","value":"AAAAACoDBGhp","partition":1,"offset":100},{"topic":"t","key":null,"value":null,"partition":1,"offset":101}]"#,
        );
        assert_eq!(value(&m[0]).bytes, vec![0, 0, 0, 0, 42, 3, 4, b'h', b'i']);
        let e = m[0].envelope.as_ref().unwrap();
        assert_eq!(
            (e.tool, e.value_carried),
            (Tool::RestProxy, Some(Carried::Base64))
        );
        assert_eq!(m[1].value, Ok(None));
        assert_eq!(m[1].envelope.as_ref().unwrap().key, Ok(None));
    }

    #[test]
    fn rest_proxy_bad_base64_names_line_and_column() {
        let m = read(
            "[{\"topic\":\"t\",\"key\":null,\"value\":\"AA!A\",\"partition\":1,\"offset\":100}]",
        );
        let err = m[0].value.as_ref().unwrap_err();
        assert!(err.message.starts_with("`!` at 1:37"), "{}", err.message);
    }

    #[test]
    fn kafka_ui_values_by_serde() {
        let hex = read("{\n\t\"Value\": \"00 2A C8\",\n\t\"Offset\": 3,\n\t\"Partition\": 0,\n\t\"Timestamp\": \"2024-05-01T12:00:00.123Z\"\n}");
        assert_eq!(value(&hex[0]).bytes, vec![0, 0x2a, 0xc8]);
        let e = hex[0].envelope.as_ref().unwrap();
        assert_eq!(e.value_carried, Some(Carried::Hex));
        assert_eq!(e.timestamp.as_ref().unwrap().millis, Some(1714564800123));
        let b64 = read("{\"Value\": \"AAAAACoDBGhp\", \"Offset\": 3, \"Partition\": 0}");
        assert_eq!(value(&b64[0]).bytes, vec![0, 0, 0, 0, 42, 3, 4, b'h', b'i']);
        let text = read("{\"Value\": \"\\u0000hi\", \"Offset\": 3, \"Partition\": 0}");
        assert_eq!(value(&text[0]).bytes, vec![0, b'h', b'i']);
        assert_eq!(
            text[0].envelope.as_ref().unwrap().value_carried,
            Some(Carried::Text)
        );
    }

    #[test]
    fn a_value_the_tool_decoded_is_noted() {
        let m = read("{\"Value\": \"{\\\"id\\\": 1}\", \"Offset\": 3, \"Partition\": 0}");
        assert!(
            value(&m[0]).note.contains("decoded the message already"),
            "{}",
            value(&m[0]).note
        );
    }

    #[test]
    fn akhq_timestamps_are_seconds() {
        let m = read("[\n  {\n    \"partition\": 0,\n    \"offset\": 5,\n    \"timestamp\": 1714564800.123,\n    \"keySchemaId\": null,\n    \"valueSchemaId\": \"42\",\n    \"headers\": [],\n    \"key\": \"k\",\n    \"value\": \"\\u0000hi\"\n  }\n]");
        assert_eq!(value(&m[0]).bytes, vec![0, b'h', b'i']);
        let e = m[0].envelope.as_ref().unwrap();
        assert_eq!(e.tool, Tool::Akhq);
        assert_eq!(e.timestamp.as_ref().unwrap().millis, Some(1714564800123));
        assert_eq!(m[0].line, 2);
    }

    #[test]
    fn redpanda_raw_payload_wins_and_a_decoded_payload_is_refused() {
        let m = read(
            r#"[{"partitionID":0,"offset":1,"timestamp":1714564800123,"key":{"payload":"k","encoding":"text","isPayloadNull":false,"schemaId":0,"size":1},"value":{"payload":{"id":1},"rawPayload":"AAAAACoDBGhp","encoding":"avro","isPayloadNull":false,"schemaId":42,"size":9}},{"partitionID":0,"offset":2,"timestamp":1,"key":{"payload":"","encoding":"null","isPayloadNull":true,"schemaId":0,"size":0},"value":{"payload":{"id":1},"encoding":"avro","isPayloadNull":false,"schemaId":42,"size":9}}]"#,
        );
        assert_eq!(value(&m[0]).bytes, vec![0, 0, 0, 0, 42, 3, 4, b'h', b'i']);
        let err = m[1].value.as_ref().unwrap_err();
        assert!(
            err.message.contains("avro, schema id 42"),
            "{}",
            err.message
        );
        assert!(err.message.contains("Include raw data"), "{}", err.message);
        assert_eq!(m[1].envelope.as_ref().unwrap().key, Ok(None));
    }

    #[test]
    fn json_that_is_no_envelope_is_not_taken_unless_chosen() {
        assert!(messages(b"[0, 1]", false).is_none());
        assert!(messages(b"{\"id\": 1}", false).is_none());
        let m = messages(b"{\"id\": 1}", true).unwrap();
        assert!(m[0]
            .value
            .as_ref()
            .unwrap_err()
            .message
            .contains("not from a tool"));
    }

    #[test]
    fn broken_json_that_opens_like_kcat_is_an_envelope_error() {
        let m = read("{\"topic\":\"t\",\"payload\":\"x\"\n");
        let err = m[0].value.as_ref().unwrap_err();
        assert!(err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn one_message_gives_the_value_or_says_why_not() {
        let one = one_message(
            br#"{"topic":"t","partition":0,"offset":1,"key":null,"payload":"hi"}"#,
            None,
        );
        assert_eq!(one.unwrap().unwrap().bytes, b"hi".to_vec());
        let tomb = one_message(
            br#"{"topic":"t","partition":0,"offset":1,"key":null,"payload":null}"#,
            None,
        );
        assert!(tomb.unwrap().unwrap_err().message.contains("tombstone"));
        let two = br#"[{"topic":"t","key":null,"value":"aGk=","partition":0,"offset":1},{"topic":"t","key":null,"value":"aGk=","partition":0,"offset":2}]"#;
        assert!(one_message(two, None)
            .unwrap()
            .unwrap_err()
            .message
            .contains("2 records"));
        assert!(one_message(b"00 01", None).is_none());
    }

    #[test]
    fn rest_proxy_json_values_are_refused_naming_the_binary_format() {
        let m = read(r#"[{"topic":"t","key":null,"value":{"id":1},"partition":0,"offset":1}]"#);
        let err = m[0].value.as_ref().unwrap_err();
        assert!(
            err.message
                .starts_with("the value at 1:34 is an object, not base64"),
            "{}",
            err.message
        );
        assert!(err.message.contains("binary.v2+json"), "{}", err.message);
    }

    #[test]
    fn a_kafka_ui_value_that_is_no_string_is_refused() {
        let m = read("{\"Value\": 5, \"Offset\": 3, \"Partition\": 0}");
        let err = m[0].value.as_ref().unwrap_err();
        assert!(
            err.message.contains("is a number, not a string"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_later_value_that_is_no_record_is_an_error_for_it_alone() {
        let m = read("{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":null,\"payload\":\"a\"}\n{\"x\":1}\n");
        assert!(m[0].value.is_ok());
        let err = m[1].value.as_ref().unwrap_err();
        assert!(
            err.message.starts_with("`{` at 2:1 is not a record"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_syntax_error_in_one_record_leaves_the_others() {
        let m = read("{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":null,\"payload\":\"a\"}\n{\"topic\":\"t\" \"payload\":null}\n{\"topic\":\"t\",\"partition\":0,\"offset\":3,\"key\":null,\"payload\":\"c\"}\n");
        assert_eq!(m.len(), 3);
        let err = m[1].value.as_ref().unwrap_err();
        assert!(err.message.contains("(at 2:13)"), "{}", err.message);
        assert_eq!(value(&m[2]).bytes, b"c".to_vec());
    }

    #[test]
    fn records_on_one_line_are_placed_by_column() {
        let m = read(
            r#"[{"topic":"t","key":null,"value":"aGk=","partition":0,"offset":1},{"topic":"t","key":null,"value":"a!","partition":0,"offset":2}]"#,
        );
        let err = m[1].value.as_ref().unwrap_err();
        assert!(err.message.starts_with("`!` at 1:101"), "{}", err.message);
        assert_eq!(m[1].line, 1);
    }
}
