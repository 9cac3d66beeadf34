//! The byte arrays and Kafka tools' JSON in tests/paste-samples (its README says where each shape comes
//! from): every sample is recognised as its form and gives exactly the original bytes, with each record's
//! key and metadata, and no damaged value passes for a whole one.

mod common;

use avro_playground_core::input::{
    decode_input, read_messages, Carried, DoubtCause, InputFormat, Message, Paste, Tool,
};
use common::Report;
use std::path::PathBuf;

fn sample(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/paste-samples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The messages of a paste, as the command line and the page read them.
fn messages(raw: &[u8]) -> Vec<Message> {
    match read_messages(raw, None, |m| m, |_| None) {
        Paste::One(m) => vec![m],
        Paste::Several(ms) => ms.into_iter().map(|(_, m)| m).collect(),
    }
}

#[test]
fn byte_arrays_as_code_and_logs_print_them_give_the_bytes() {
    let want = sample("b.bin");
    let mut report = Report::default();
    for (file, reading) in [
        ("java-arrays-tostring.txt", "signed values"),
        ("python-list.txt", "unsigned values"),
        ("node-uint8array.txt", "unsigned values"),
        ("js-json-stringify.txt", "unsigned values"),
        ("chrome-console-uint8array.txt", "unsigned values"),
        ("go-fmt-v.txt", "unsigned values"),
    ] {
        let raw = sample(file);
        let outcome = (|| {
            let one = decode_input(&raw, None).map_err(|e| e.to_string())?;
            if one.format != InputFormat::Bytes || one.bytes != want {
                return Err(format!("{:?} {:02x?}", one.format, one.bytes));
            }
            if !one.note.contains(reading) {
                return Err(format!("note lacks {reading:?}: {}", one.note));
            }
            // Read as messages (Node's lines included) it is one message too.
            match messages(&raw).as_slice() {
                [m] if m.value.as_ref().is_ok_and(|v| v.as_ref() == Some(&one)) => Ok(()),
                other => Err(format!("as messages: {other:?}")),
            }
        })();
        report.check(file, outcome);
    }
    report.finish("byte array samples");
}

#[test]
fn a_console_array_cut_short_is_an_error_at_the_cut() {
    let err = decode_input(&sample("node-uint8array-cut.txt"), None).unwrap_err();
    assert_eq!(err.format, Some(InputFormat::Bytes));
    assert!(
        err.message
            .starts_with("`...` at 11:3 means the list was cut short"),
        "{}",
        err.message
    );
}

/// What one record must give.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Exactly these bytes (a sample file).
    Bytes(&'static str),
    /// `b.bin` as text that lost its `C8`: the first five bytes right, a doubt from byte 5.
    Damaged,
    /// A null value.
    Tombstone,
    /// An error containing this.
    Error(&'static str),
}

struct Case {
    file: &'static str,
    tool: Tool,
    carried: Option<Carried>,
    /// Per record: what the value gives, the key as text, the offset.
    records: &'static [(Want, Option<&'static str>, i64)],
}

const KCAT: &[(Want, Option<&str>, i64)] = &[
    (Want::Bytes("a.bin"), Some("user-1"), 0),
    (Want::Bytes("b.bin"), Some("user-2"), 1),
    (Want::Tombstone, Some("user-1"), 2),
    (Want::Bytes("c.bin"), None, 3),
];

const KCAT_JQ: &[(Want, Option<&str>, i64)] = &[
    (Want::Bytes("a.bin"), Some("user-1"), 0),
    (Want::Damaged, Some("user-2"), 1),
    (Want::Tombstone, Some("user-1"), 2),
    (Want::Bytes("c.bin"), None, 3),
];

const CASES: &[Case] = &[
    Case {
        file: "kcat-J.jsonl",
        tool: Tool::Kcat,
        carried: Some(Carried::Text),
        records: KCAT,
    },
    Case {
        file: "kcat-J-jq.json",
        tool: Tool::Kcat,
        carried: Some(Carried::Text),
        records: KCAT_JQ,
    },
    Case {
        file: "rest-proxy-v2-binary.json",
        tool: Tool::RestProxy,
        carried: Some(Carried::Base64),
        records: KCAT,
    },
    Case {
        file: "kafka-ui-message-string.json",
        tool: Tool::KafkaUi,
        carried: Some(Carried::Text),
        records: &[(Want::Bytes("a.bin"), Some("user-2"), 1)],
    },
    Case {
        file: "kafka-ui-message-string-damaged.json",
        tool: Tool::KafkaUi,
        carried: Some(Carried::Text),
        records: &[(Want::Damaged, Some("user-2"), 1)],
    },
    Case {
        file: "kafka-ui-message-base64.json",
        tool: Tool::KafkaUi,
        carried: Some(Carried::Base64),
        records: &[(Want::Bytes("b.bin"), Some("user-2"), 1)],
    },
    Case {
        file: "kafka-ui-message-hex.json",
        tool: Tool::KafkaUi,
        carried: Some(Carried::Hex),
        records: &[(Want::Bytes("b.bin"), Some("user-2"), 1)],
    },
    Case {
        file: "akhq-download.json",
        tool: Tool::Akhq,
        carried: Some(Carried::Text),
        records: &[
            (Want::Bytes("a.bin"), Some("user-1"), 0),
            (Want::Damaged, Some("user-2"), 1),
            (Want::Tombstone, Some("user-1"), 2),
        ],
    },
    Case {
        file: "redpanda-console-messages.json",
        tool: Tool::RedpandaConsole,
        carried: Some(Carried::Base64),
        records: &[
            (Want::Bytes("a.bin"), Some("user-1"), 0),
            (Want::Bytes("b.bin"), Some("user-2"), 1),
            (Want::Tombstone, Some("user-1"), 2),
        ],
    },
    Case {
        file: "redpanda-console-messages-no-raw.json",
        tool: Tool::RedpandaConsole,
        carried: None,
        records: &[
            (Want::Error("Include raw data"), Some("user-1"), 0),
            (Want::Damaged, Some("user-2"), 1),
            (Want::Tombstone, Some("user-1"), 2),
        ],
    },
];

fn check_record(
    m: &Message,
    want: Want,
    key: Option<&str>,
    offset: i64,
    case: &Case,
) -> Result<(), String> {
    let envelope = m.envelope.as_ref().ok_or("no envelope")?;
    if envelope.tool != case.tool || envelope.offset != Some(offset) {
        return Err(format!(
            "{:?} at offset {:?}",
            envelope.tool, envelope.offset
        ));
    }
    let got_key = envelope
        .key
        .as_ref()
        .map_err(|e| e.to_string())?
        .as_ref()
        .map(|k| String::from_utf8_lossy(&k.bytes).into_owned());
    if got_key.as_deref() != key {
        return Err(format!("key {got_key:?}, want {key:?}"));
    }
    match (want, &m.value) {
        (Want::Tombstone, Ok(None)) => Ok(()),
        (Want::Error(text), Err(e)) if e.message.contains(text) => Ok(()),
        (Want::Bytes(file), Ok(Some(d))) if d.bytes == sample(file) && d.doubt.is_empty() => {
            match case.carried {
                Some(c) if envelope.value_carried != Some(c) => {
                    Err(format!("carried as {:?}", envelope.value_carried))
                }
                _ => Ok(()),
            }
        }
        (Want::Damaged, Ok(Some(d)))
            if d.bytes.get(..5) == sample("b.bin").get(..5)
                && d.doubt
                    .first()
                    .is_some_and(|x| x.start == 5 && x.cause == DoubtCause::Replaced) =>
        {
            Ok(())
        }
        (_, got) => Err(format!("got {got:?}")),
    }
}

#[test]
fn kafka_tools_json_gives_every_record_with_its_key_and_metadata() {
    let mut report = Report::default();
    for case in CASES {
        let got = messages(&sample(case.file));
        if got.len() != case.records.len() {
            report.check(case.file, Err(format!("{} messages: {got:?}", got.len())));
            continue;
        }
        for (i, (m, &(want, key, offset))) in got.iter().zip(case.records).enumerate() {
            let id = format!("{} record {}", case.file, i + 1);
            report.check(&id, check_record(m, want, key, offset, case));
        }
    }
    report.finish("Kafka tools' JSON samples");
}

#[test]
fn kcat_records_keep_topic_partition_timestamp_and_line() {
    let got = messages(&sample("kcat-J.jsonl"));
    let lines: Vec<usize> = got.iter().map(|m| m.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4]);
    let e = got[0].envelope.as_ref().unwrap();
    assert_eq!(e.topic.as_deref(), Some("orders"));
    assert_eq!(e.partition, Some(0));
    let ts = e.timestamp.as_ref().unwrap();
    assert_eq!(
        (ts.millis, ts.kind.as_deref()),
        (Some(1714564800123), Some("create"))
    );
    // jq's pretty-printing: the records start on lines 1, 15, 25 and 35.
    let lines: Vec<usize> = messages(&sample("kcat-J-jq.json"))
        .iter()
        .map(|m| m.line)
        .collect();
    assert_eq!(lines, vec![1, 15, 25, 35]);
}

#[test]
fn timestamps_of_each_tool_become_milliseconds() {
    for (file, millis) in [
        ("kafka-ui-message-string.json", 1714564800456),
        ("akhq-download.json", 1714564800123),
        ("redpanda-console-messages.json", 1714564800123),
    ] {
        let got = messages(&sample(file));
        let ts = got[0]
            .envelope
            .as_ref()
            .unwrap()
            .timestamp
            .as_ref()
            .unwrap();
        assert_eq!(ts.millis, Some(millis), "{file}: {ts:?}");
    }
}

#[test]
fn one_kcat_line_read_as_one_paste_gives_its_payload() {
    let raw = sample("kcat-J.jsonl");
    let first = raw.split(|&b| b == b'\n').next().unwrap();
    let d = decode_input(first, None).unwrap();
    assert_eq!(
        (d.format, d.bytes),
        (InputFormat::JsonEnvelope, sample("a.bin"))
    );
    let err = decode_input(&raw, None).unwrap_err();
    assert!(err.message.contains("4 records"), "{}", err.message);
}
