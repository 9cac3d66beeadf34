//! What a Kafka tool prints beside a message's value when it writes messages as JSON (`kcat -J`, the Confluent
//! REST Proxy, Kafka UI, AKHQ, Redpanda Console), kept as data beside the bytes; and the bytes a JSON string
//! could not carry, which make a value doubtful. The reader of these shapes is `kafka_json`.

use super::{Decoded, InputError};
use std::fmt;

/// The tool whose JSON a paste holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    /// `kcat -J` (kafkacat): one object per message, the payload a JSON string (kcat's `json.c`, written by
    /// yajl), or the same objects pretty-printed by `jq`.
    Kcat,
    /// The Confluent REST Proxy's consume response in the binary embedded format (API v2): an array of
    /// records whose key and value are base64.
    RestProxy,
    /// Kafka UI (provectus): a message saved or copied from a topic's messages.
    KafkaUi,
    /// AKHQ: a topic's data downloaded as JSON.
    Akhq,
    /// Redpanda Console: messages saved as JSON.
    RedpandaConsole,
}

impl Tool {
    /// A short name for machine output: `kcat`, `rest-proxy`, `kafka-ui`, `akhq` or `redpanda-console`.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Kcat => "kcat",
            Tool::RestProxy => "rest-proxy",
            Tool::KafkaUi => "kafka-ui",
            Tool::Akhq => "akhq",
            Tool::RedpandaConsole => "redpanda-console",
        }
    }

    /// What the paste is, in words: "kcat -J output".
    pub fn describe(self) -> &'static str {
        match self {
            Tool::Kcat => "kcat -J output",
            Tool::RestProxy => "a Confluent REST Proxy response (binary, v2)",
            Tool::KafkaUi => "a Kafka UI message",
            Tool::Akhq => "an AKHQ download",
            Tool::RedpandaConsole => "a Redpanda Console export",
        }
    }
}

/// How a key or a value was written in the JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Carried {
    /// Base64 (RFC 4648 §4): the bytes exactly.
    Base64,
    /// Hex pairs, as Kafka UI's Hex serde writes them (`00 2A C8`): the bytes exactly.
    Hex,
    /// A JSON string of the bytes as text: each `\u00XX` escape is one byte, every other character its UTF-8
    /// bytes. Bytes that were not UTF-8 may have been lost on the way (see [`Doubt`]).
    Text,
}

impl Carried {
    /// The name: `base64`, `hex` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            Carried::Base64 => "base64",
            Carried::Hex => "hex",
            Carried::Text => "text",
        }
    }
}

/// A message's timestamp as the tool wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    /// As written: `1714564800123` (kcat, Redpanda Console), `2024-05-01T12:00:00.123Z` (Kafka UI),
    /// `1714564800.123` (AKHQ, seconds).
    pub written: String,
    /// Milliseconds since 1970-01-01T00:00Z, when the written form can be read as such.
    pub millis: Option<i64>,
    /// The timestamp type when the tool says it: kcat's `tstype` (`create`, `logappend`).
    pub kind: Option<String>,
}

impl Timestamp {
    /// The timestamp for reading: ISO 8601 in UTC when it reads as milliseconds
    /// (`2024-05-01T12:00:00.123Z`), else as written; then the type the tool gave, in parentheses.
    pub fn describe(&self) -> String {
        let when = match self.millis {
            Some(ms) => format!("{}Z", crate::walker::explain::date_time(ms, 1000, 3)),
            None => self.written.clone(),
        };
        match &self.kind {
            Some(kind) => format!("{when} ({kind})"),
            None => when,
        }
    }
}

/// What the tool printed beside one message's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The tool.
    pub tool: Tool,
    /// The 1-based position of the record among the paste's records.
    pub record: usize,
    /// The topic, when written.
    pub topic: Option<String>,
    /// The partition, when written.
    pub partition: Option<i64>,
    /// The offset, when written.
    pub offset: Option<i64>,
    /// The timestamp, when written.
    pub timestamp: Option<Timestamp>,
    /// The key: `Ok(None)` when null (or not written), its bytes, or why they cannot be had (a tool that
    /// decoded the key with a schema keeps its JSON, not its bytes).
    pub key: Result<Option<Decoded>, InputError>,
    /// How the key was written, when it was read.
    pub key_carried: Option<Carried>,
    /// How the value was written, when it was read.
    pub value_carried: Option<Carried>,
}

impl Envelope {
    /// A way to get this message's bytes without loss, for when its JSON could not carry them.
    pub fn lossless_way(&self) -> String {
        let kcat = {
            let topic = self.topic.as_deref().unwrap_or("TOPIC");
            let partition = self.partition.map_or("PARTITION".into(), |p| p.to_string());
            let offset = self.offset.map_or("OFFSET".into(), |o| o.to_string());
            format!("kcat -C -b BROKER -t {topic} -p {partition} -o {offset} -c 1 -e -f '%s' | xxd")
        };
        match self.tool {
            Tool::Kcat => format!(
                "print the payload's own bytes instead of the JSON envelope: {kcat}, and paste that"
            ),
            Tool::RestProxy => "the REST Proxy's binary format carries the bytes in base64".into(),
            Tool::KafkaUi => {
                "choose the Base64 (or Hex) serde for the value in Kafka UI and save the message again"
                    .into()
            }
            Tool::Akhq => format!("AKHQ's download keeps the value only as text; read it with {kcat}"),
            Tool::RedpandaConsole => {
                "save the messages again with \"Include raw data\" checked: rawPayload then holds the bytes in base64"
                    .into()
            }
        }
    }
}

/// Bytes that a value's JSON string could not carry: their values are unknown, and after a replacement
/// character their number too, so every byte after the first doubt may stand at another offset than here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubt {
    /// The first byte in doubt, in the recovered bytes.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Why.
    pub cause: DoubtCause,
}

/// Why bytes are in doubt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoubtCause {
    /// A U+FFFD replacement character written as is: something on the way (the tool's own text decoding,
    /// `jq`, a terminal, the clipboard) replaced bytes that were not UTF-8, and how many it replaced is
    /// unknown. These are its UTF-8 bytes EF BF BD.
    Replaced,
    /// A `\uXXXX` escape above `\u00FF` (the code point): it names a character, not a byte, so the tool
    /// escaped text rather than bytes. These are the character's UTF-8 bytes.
    WideEscape(u32),
}

impl fmt::Display for Doubt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = if self.end == self.start + 1 {
            format!("byte {}", self.start)
        } else {
            format!("bytes {}–{}", self.start, self.end.saturating_sub(1))
        };
        match self.cause {
            DoubtCause::Replaced => write!(
                f,
                "{bytes} (a U+FFFD replacement character: bytes that were not UTF-8 were lost, and so was their count)"
            ),
            DoubtCause::WideEscape(code) => write!(
                f,
                "{bytes} (escape \\u{code:04X} names a character, not a byte)"
            ),
        }
    }
}

/// The doubts of one value in a sentence: "bytes 5–7 (…) and byte 9 (…) are in doubt".
pub fn describe_doubts(doubts: &[Doubt]) -> String {
    let listed: Vec<String> = doubts.iter().map(Doubt::to_string).collect();
    let verb = if doubts.len() == 1 && doubts.iter().all(|d| d.end == d.start + 1) {
        "is"
    } else {
        "are"
    };
    match listed.split_last() {
        None => String::new(),
        Some((last, [])) => format!("{last} {verb} in doubt"),
        Some((last, rest)) => format!("{} and {last} are in doubt", rest.join(", ")),
    }
}

/// Why a value in doubt is not decoded, naming its bytes in doubt, and how to get them whole when its
/// envelope is known: the sentence the command line and the page both give.
pub fn not_decoded(doubts: &[Doubt], envelope: Option<&Envelope>) -> String {
    let way = envelope.map_or(String::new(), |e| format!("; {}", e.lossless_way()));
    format!(
        "not decoded, since its bytes cannot be trusted: {}{way}",
        describe_doubts(doubts)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubts_name_their_bytes_and_cause() {
        let doubts = [
            Doubt {
                start: 5,
                end: 8,
                cause: DoubtCause::Replaced,
            },
            Doubt {
                start: 9,
                end: 12,
                cause: DoubtCause::WideEscape(0x20ac),
            },
        ];
        let text = describe_doubts(&doubts);
        assert!(text.starts_with("bytes 5–7 (a U+FFFD"), "{text}");
        assert!(text.contains("and bytes 9–11 (escape \\u20AC"), "{text}");
        assert!(text.ends_with("are in doubt"), "{text}");
    }

    #[test]
    fn a_timestamp_in_milliseconds_reads_as_utc_with_its_type() {
        let kcat = Timestamp {
            written: "1714564800123".into(),
            millis: Some(1_714_564_800_123),
            kind: Some("create".into()),
        };
        assert_eq!(kcat.describe(), "2024-05-01T12:00:00.123Z (create)");
        let unread = Timestamp {
            written: "yesterday".into(),
            millis: None,
            kind: None,
        };
        assert_eq!(unread.describe(), "yesterday");
    }

    #[test]
    fn a_value_in_doubt_is_not_decoded_and_the_way_is_named() {
        let doubt = [Doubt {
            start: 5,
            end: 8,
            cause: DoubtCause::Replaced,
        }];
        let envelope = Envelope {
            tool: Tool::Kcat,
            record: 2,
            topic: Some("orders".into()),
            partition: Some(0),
            offset: Some(1),
            timestamp: None,
            key: Ok(None),
            key_carried: None,
            value_carried: Some(Carried::Text),
        };
        let text = not_decoded(&doubt, Some(&envelope));
        assert!(
            text.starts_with("not decoded, since its bytes cannot be trusted: bytes 5–7 (a U+FFFD"),
            "{text}"
        );
        assert!(
            text.ends_with("-o 1 -c 1 -e -f '%s' | xxd, and paste that"),
            "{text}"
        );
        assert!(!not_decoded(&doubt, None).contains("kcat"));
    }

    #[test]
    fn the_lossless_way_for_kcat_names_the_message() {
        let envelope = Envelope {
            tool: Tool::Kcat,
            record: 1,
            topic: Some("orders".into()),
            partition: Some(0),
            offset: Some(42),
            timestamp: None,
            key: Ok(None),
            key_carried: None,
            value_carried: Some(Carried::Text),
        };
        let way = envelope.lossless_way();
        assert!(
            way.contains("-t orders -p 0 -o 42 -c 1 -e -f '%s' | xxd"),
            "{way}"
        );
    }
}
