//! Target `paste`: the input is what a user pasted. It is read with the form auto-detected and with one form
//! forced (picked by the input's length, so the corpus covers all nine), whole and as one message per line;
//! each reads or fails at a place inside it. The form auto-detection names reads the same bytes when forced,
//! and those bytes, written back out as hex and base64 (`output::format_bytes`), read back the same. Decimal byte arrays
//! and Kafka tools' JSON envelopes are forms too: their messages come through `read_messages`, and bytes in
//! doubt lie inside the bytes read.

use crate::invariants::must;
use avro_playground_core::input::{
    decode_input, read_messages, split_messages, Decoded, InputError, InputFormat,
};
use avro_playground_core::output::{format_bytes, Literal};

/// Reads the input as a paste, auto-detected and in one forced form, whole and one message per line.
pub fn paste(data: &[u8]) {
    let forced = InputFormat::ALL
        .get(data.len() % InputFormat::ALL.len())
        .copied();
    let inside = |e: &InputError, len: usize| {
        assert!(
            e.offset <= len,
            "input error at {} of {len} bytes: {e}",
            e.offset
        );
        assert!(e.position.line >= 1, "input error at line 0: {e}");
    };
    for format in [None, forced] {
        match decode_input(data, format) {
            Ok(decoded) => {
                doubts_inside(&decoded);
                if let Some(asked) = format {
                    assert_eq!(
                        decoded.format, asked,
                        "asked for {asked}, read as {}",
                        decoded.format
                    );
                }
                if decoded.format == InputFormat::Binary {
                    assert_eq!(decoded.bytes, data, "binary input read as other bytes");
                }
                if format.is_none() {
                    // The form auto-detection names reads the same bytes when asked for.
                    let forced = must(
                        decode_input(data, Some(decoded.format)),
                        &format!("detected as {} but refused as it", decoded.format),
                    );
                    assert_eq!(
                        forced.bytes, decoded.bytes,
                        "detected as {}, forced reads other bytes",
                        decoded.format
                    );
                    written_back(&decoded.bytes);
                }
            }
            Err(e) => inside(&e, data.len()),
        }
        // Messages as the page and the CLI read them: one per line, or each record of a JSON envelope.
        let _ = read_messages(
            data,
            format,
            |message| {
                assert!(message.offset <= data.len(), "message past the end");
                match &message.value {
                    Ok(Some(decoded)) => doubts_inside(decoded),
                    Ok(None) => {}
                    Err(e) => inside(e, data.len()),
                }
            },
            |_| None,
        );
        let Ok(text) = std::str::from_utf8(data) else {
            continue;
        };
        // Messages come in the order of the text: one per line, or (JSON envelopes) several records on a line.
        let mut last: Option<(usize, usize)> = None;
        for message in split_messages(text, format) {
            let at = (message.line, message.offset);
            assert!(
                last.is_none_or(|before| at.0 >= before.0 && at.1 > before.1),
                "message at line {} byte {} after {last:?}",
                at.0,
                at.1
            );
            last = Some(at);
            assert!(message.offset <= text.len());
            match &message.value {
                Ok(Some(decoded)) => {
                    if let Some(asked) = format {
                        assert_eq!(
                            decoded.format, asked,
                            "line {}: asked for {asked}",
                            message.line
                        );
                    }
                }
                Ok(None) => {}
                Err(e) => inside(e, text.len()),
            }
        }
    }
}

/// Bytes in doubt (a damaged JSON payload) lie inside the bytes read.
fn doubts_inside(decoded: &Decoded) {
    for doubt in &decoded.doubt {
        assert!(
            doubt.start < doubt.end && doubt.end <= decoded.bytes.len(),
            "bytes in doubt {}..{} outside the {} bytes read",
            doubt.start,
            doubt.end,
            decoded.bytes.len()
        );
    }
}

/// Bytes written as hex and base64 read back, in the form asked for and auto-detected.
fn written_back(bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    for (literal, format) in [
        (Literal::Hex, InputFormat::Hex),
        (Literal::HexSpaced, InputFormat::Hex),
        (Literal::Base64, InputFormat::Base64),
    ] {
        let text = format_bytes(bytes, literal);
        let back = must(
            decode_input(text.as_bytes(), Some(format)),
            &format!("{literal:?} output {text} does not read as {format}"),
        );
        assert_eq!(
            back.bytes, bytes,
            "{literal:?} output {text} reads as other bytes"
        );
        if literal != Literal::Base64 {
            let auto = must(
                decode_input(text.as_bytes(), None),
                &format!("{literal:?} output {text} is not detected"),
            );
            assert_eq!(
                auto.bytes, bytes,
                "{literal:?} output {text} is detected as {} with other bytes",
                auto.format
            );
        }
    }
}
