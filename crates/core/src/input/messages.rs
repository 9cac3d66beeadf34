//! A paste of several lines: one message per line as `kcat` prints them, one message wrapped over lines
//! (base64 at 76 columns, `xxd -p`, hex 16 bytes a line, Node's `Uint8Array` over lines), or a Kafka tool's
//! JSON, whose records are the messages. The page, the command line and the worker all decide this here,
//! with [`read_messages`].

use super::envelope::Envelope;
use super::{
    check_size, decode_located, dump, text_lines, Decoded, InputError, InputFormat, Origin,
};

/// One message of a multi-message paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The 1-based line where the message starts.
    pub line: usize,
    /// The byte offset where that line starts.
    pub offset: usize,
    /// `Ok(None)` for a tombstone (an empty line, or a null value in a JSON envelope), `Ok(Some(_))` for the
    /// bytes, `Err` when the line (or record) cannot be read in its form.
    pub value: Result<Option<Decoded>, InputError>,
    /// What the tool printed beside the value (topic, partition, offset, timestamp, key), for a record of a
    /// JSON envelope; `None` for a line.
    pub envelope: Option<Envelope>,
}

impl Message {
    /// A message that is no envelope's record.
    pub(super) fn plain(
        line: usize,
        offset: usize,
        value: Result<Option<Decoded>, InputError>,
    ) -> Self {
        Message {
            line,
            offset,
            value,
            envelope: None,
        }
    }
}

/// The records of a JSON envelope (chosen, or detected in `raw`) as messages; `None` when `raw` is no
/// envelope or another form is chosen.
fn envelope_messages(raw: &[u8], format: Option<InputFormat>) -> Option<Vec<Message>> {
    if matches!(format, None | Some(InputFormat::JsonEnvelope)) {
        return super::kafka_json::messages(raw, format.is_some());
    }
    None
}

/// Whether `text` is one message laid out over lines, in `format` or the form it looks like: a dump (`xxd`,
/// `od`, `hexdump`) or one byte array (Node spreads a `Uint8Array` over lines).
fn spans_lines(text: &str, format: Option<InputFormat>) -> bool {
    let dump = match format {
        Some(InputFormat::Xxd | InputFormat::Od) => true,
        None => {
            dump::looks_like_xxd(text)
                || (dump::looks_like_od(text) && dump::read(text, dump::Style::Od).is_ok())
        }
        Some(_) => false,
    };
    let array = matches!(format, None | Some(InputFormat::Bytes))
        && text.trim().contains('\n')
        && super::decimal::is_one_list(text);
    dump || array
}

/// Reads text holding one message per line, as `kcat` prints them: each line is decoded on its own (with its
/// own detected form when `format` is `None`) and an empty or blank line is a tombstone. A dump (`xxd`, `od`,
/// `hexdump`, chosen or detected) or a byte array spans lines, so it is one message; a JSON envelope's
/// records are the messages, wherever their lines fall.
pub fn split_messages(text: &str, format: Option<InputFormat>) -> Vec<Message> {
    let full = text.as_bytes();
    if let Err(e) = check_size(full) {
        return vec![Message::plain(1, 0, Err(e))];
    }
    if let Some(records) = envelope_messages(full, format) {
        return records;
    }
    split_lines(text, format)
}

/// [`split_messages`] for text that is no JSON envelope.
fn split_lines(text: &str, format: Option<InputFormat>) -> Vec<Message> {
    let full = text.as_bytes();
    if spans_lines(text, format) {
        let first = text_lines(text).find(|l| !l.text.trim().is_empty());
        return vec![Message::plain(
            first.as_ref().map_or(1, |l| l.number),
            first.as_ref().map_or(0, |l| l.at),
            decode_located(full, format, Origin::default()).map(Some),
        )];
    }
    // Spaces are data in escaped text and raw bytes; elsewhere a blank line is as empty as an empty one.
    let spaces_are_data = matches!(format, Some(InputFormat::Escaped | InputFormat::Binary));
    text_lines(text)
        .map(|line| {
            let tombstone = if spaces_are_data {
                line.text.is_empty()
            } else {
                line.text.trim().is_empty()
            };
            let value = if tombstone {
                Ok(None)
            } else {
                let origin = Origin {
                    offset: line.at,
                    lines_before: line.number - 1,
                    column_before: 0,
                };
                decode_located(line.text.as_bytes(), format, origin).map(Some)
            };
            Message::plain(line.number, line.at, value)
        })
        .collect()
}

/// A paste read as messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Paste<T> {
    /// One message: the paste is one line, a dump, raw bytes, or lines that are pieces of one message.
    One(T),
    /// One message per line (two or more), or the records of a JSON envelope (one or more: each carries its
    /// envelope), in order, each with the 1-based line it stands on.
    Several(Vec<(usize, T)>),
}

/// Reads a paste (or a file's bytes) as one message, as one message per line, or as a JSON envelope's
/// records. `read` turns a [`Message`] (its bytes, `Ok(None)` for a tombstone, and a record's envelope) into
/// the caller's reading; `trailing` gives, for a reading that is a datum, the number of bytes left over after
/// it, and `None` for one that broke off (or is no datum).
///
/// The rule: a JSON envelope's records are always [`Paste::Several`], each with its envelope. Otherwise the
/// lines are messages when any line that is not a tombstone is exactly one datum, since `kcat` prints whole
/// messages, one a line (one of them may be broken). A tool that wraps one message over lines leaves only
/// fragments, none of them a whole datum: then the paste is one message if it reads as a datum, and
/// otherwise the lines are kept, so that each line's error can be shown. [`InputFormat::Binary`], and bytes
/// that are not UTF-8 (and no envelope), are always one message: a newline byte is data there.
pub fn read_messages<T>(
    raw: &[u8],
    format: Option<InputFormat>,
    mut read: impl FnMut(Message) -> T,
    trailing: impl Fn(&T) -> Option<usize>,
) -> Paste<T> {
    if check_size(raw).is_ok() {
        if let Some(records) = envelope_messages(raw, format) {
            return Paste::Several(records.into_iter().map(|m| (m.line, read(m))).collect());
        }
    }
    // Too large: one message, whose error says so.
    let text = match (format, std::str::from_utf8(raw)) {
        (Some(InputFormat::Binary), _) | (_, Err(_)) => {
            return Paste::One(read_whole(raw, format, &mut read))
        }
        (_, Ok(text)) => text,
    };
    let messages = split_lines(text, format);
    if messages.len() < 2 {
        return Paste::One(read_whole(raw, format, &mut read));
    }
    let mut any_whole = false;
    let lines: Vec<(usize, T)> = messages
        .into_iter()
        .map(|m| {
            let tombstone = matches!(m.value, Ok(None));
            let line = m.line;
            let reading = read(m);
            any_whole |= !tombstone && trailing(&reading) == Some(0);
            (line, reading)
        })
        .collect();
    if any_whole {
        return Paste::Several(lines);
    }
    let one = read_whole(raw, format, &mut read);
    if trailing(&one).is_some() {
        Paste::One(one)
    } else {
        Paste::Several(lines)
    }
}

/// Reads the whole paste as one message (known to be no JSON envelope).
fn read_whole<T>(
    raw: &[u8],
    format: Option<InputFormat>,
    read: &mut impl FnMut(Message) -> T,
) -> T {
    let value = check_size(raw).and_then(|()| decode_located(raw, format, Origin::default()));
    read(Message::plain(1, 0, value.map(Some)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineColumn;

    /// A reading for the rule's tests: every datum is two bytes long.
    fn two_byte_datum(value: Result<Option<Decoded>, InputError>) -> Option<usize> {
        value.ok().flatten()?.bytes.len().checked_sub(2)
    }

    fn paste(text: &str, format: Option<InputFormat>) -> Paste<Option<usize>> {
        read_messages(text.as_bytes(), format, |m| two_byte_datum(m.value), |t| *t)
    }

    #[test]
    fn split_messages_keeps_tombstones_and_line_numbers() {
        let messages = split_messages("0001\n\nAQI=\r\n", None);
        assert_eq!(messages.len(), 3);
        assert_eq!(
            messages[0].value.as_ref().unwrap().as_ref().unwrap().bytes,
            vec![0, 1]
        );
        assert_eq!(messages[1].value, Ok(None));
        assert_eq!(messages[1].line, 2);
        let third = messages[2].value.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(
            (third.format, third.bytes.clone()),
            (InputFormat::Base64, vec![1, 2])
        );
        assert_eq!(messages[2].line, 3);
    }

    #[test]
    fn split_messages_errors_name_the_line_in_the_whole_text() {
        let messages = split_messages("0001\n00zz\n", Some(InputFormat::Hex));
        let err = messages[1].value.as_ref().unwrap_err();
        assert_eq!(err.position, LineColumn { line: 2, column: 3 });
        assert_eq!(err.offset, 7);
    }

    #[test]
    fn split_messages_treats_a_dump_as_one_message() {
        let dump = "00000000: 0001 0203  ....\n00000004: 04         .\n";
        let messages = split_messages(dump, None);
        assert_eq!(messages.len(), 1);
        let d = messages[0].value.as_ref().unwrap().as_ref().unwrap();
        assert_eq!(
            (d.format, d.bytes.clone()),
            (InputFormat::Xxd, vec![0, 1, 2, 3, 4])
        );
    }

    #[test]
    fn split_messages_in_escaped_form_keeps_spaces_as_data() {
        let messages = split_messages(" \n\n", Some(InputFormat::Escaped));
        assert_eq!(
            messages[0].value.as_ref().unwrap().as_ref().unwrap().bytes,
            b" ".to_vec()
        );
        assert_eq!(messages[1].value, Ok(None));
    }

    #[test]
    fn lines_that_are_whole_datums_are_messages_tombstones_and_broken_lines_included() {
        assert_eq!(
            paste("0001\n\n02\n0304\n", None),
            Paste::Several(vec![(1, Some(0)), (2, None), (3, None), (4, Some(0))])
        );
    }

    #[test]
    fn fragments_of_one_wrapped_message_are_one_message() {
        // Base64 of 00 01 wrapped as `AA` / `E=`: neither line is a whole datum, the paste is.
        assert_eq!(paste("AA\nE=\n", None), Paste::One(Some(0)));
    }

    #[test]
    fn one_message_may_leave_trailing_bytes_when_no_line_is_whole() {
        assert_eq!(
            paste("00\n010203\n", Some(InputFormat::Hex)),
            Paste::One(Some(2))
        );
    }

    #[test]
    fn lines_stay_apart_when_neither_they_nor_the_whole_paste_read() {
        assert_eq!(
            paste("00\n01\n02\n", Some(InputFormat::Hex)),
            Paste::One(Some(1))
        );
        assert_eq!(
            paste("zz\n01\n", Some(InputFormat::Hex)),
            Paste::Several(vec![(1, None), (2, None)])
        );
    }

    #[test]
    fn raw_bytes_are_one_message_whatever_their_newlines() {
        assert_eq!(
            paste("a\nb\n", Some(InputFormat::Binary)),
            Paste::One(Some(2))
        );
    }

    #[test]
    fn one_line_is_one_message() {
        assert_eq!(paste("0001", None), Paste::One(Some(0)));
    }
}
