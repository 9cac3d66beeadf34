//! Pastes taken from the real tools (tests/input_forms/generate.sh made them): each fixture in MANIFEST.tsv
//! must be recognised as its form and give exactly the original bytes.

mod common;

use avro_playground_core::input::{decode_input, split_messages, InputFormat, MAX_INPUT_BYTES};
use common::Report;
use std::path::PathBuf;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/input_forms")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// One MANIFEST.tsv row.
struct Case {
    input: String,
    format: InputFormat,
    original: String,
}

fn manifest() -> Vec<Case> {
    let text = String::from_utf8(fixture("MANIFEST.tsv")).expect("MANIFEST.tsv is UTF-8");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let [input, format, original, ..] = cols.as_slice() else {
                panic!("MANIFEST.tsv row has too few columns: {line}");
            };
            Case {
                input: input.to_string(),
                format: format
                    .parse()
                    .unwrap_or_else(|e| panic!("MANIFEST.tsv: {e}")),
                original: original.to_string(),
            }
        })
        .collect()
}

fn first_difference(got: &[u8], want: &[u8]) -> String {
    let at = got.iter().zip(want).take_while(|(a, b)| a == b).count();
    format!(
        "{} bytes, want {}; first difference at byte {at}: got {:02x?}, want {:02x?}",
        got.len(),
        want.len(),
        got.get(at..(at + 4).min(got.len())).unwrap_or_default(),
        want.get(at..(at + 4).min(want.len())).unwrap_or_default()
    )
}

#[test]
fn every_fixture_is_recognised_and_gives_its_original_bytes() {
    let mut report = Report::default();
    for case in manifest() {
        let want = fixture(&case.original);
        let outcome = match decode_input(&fixture(&case.input), None) {
            Err(e) => Err(format!("error: {e}")),
            Ok(d) if d.format != case.format => Err(format!(
                "recognised as {}, want {} (note: {})",
                d.format, case.format, d.note
            )),
            Ok(d) if d.bytes != want => Err(first_difference(&d.bytes, &want)),
            Ok(d) if d.note.is_empty() => Err("no note".to_string()),
            Ok(_) => Ok(()),
        };
        report.check(&case.input, outcome);
    }
    report.finish("input_forms/MANIFEST.tsv (auto)");
}

#[test]
fn every_fixture_gives_the_same_bytes_when_its_form_is_chosen() {
    let mut report = Report::default();
    for case in manifest() {
        let want = fixture(&case.original);
        let outcome = match decode_input(&fixture(&case.input), Some(case.format)) {
            Err(e) => Err(format!("error: {e}")),
            Ok(d) if d.bytes != want => Err(first_difference(&d.bytes, &want)),
            Ok(_) => Ok(()),
        };
        report.check(&case.input, outcome);
    }
    report.finish("input_forms/MANIFEST.tsv (chosen)");
}

#[test]
fn od_x_fixture_is_byte_swapped_and_expands_its_star_line() {
    let text = String::from_utf8(fixture("od_x.txt")).unwrap_or_default();
    assert!(text.contains("0000 0000 0601 6f66"), "od -x swaps words");
    assert!(text.lines().any(|l| l == "*"), "the fixture has a `*` line");
    let d = decode_input(text.as_bytes(), None).expect("od -x reads");
    assert!(d.bytes.starts_with(&[0, 0, 0, 0, 1, 6, b'f', b'o']));
    assert!(d.note.contains("octal offsets"), "{}", d.note);
    assert!(d.note.contains("`*` lines stand for"), "{}", d.note);
}

#[test]
fn od_odd_length_fixture_drops_the_padding_byte() {
    let d = decode_input(&fixture("od_x_odd.txt"), None).expect("od -x reads");
    assert_eq!(d.bytes.len(), 37);
    assert!(d.note.contains("drops 1 byte of padding"), "{}", d.note);
}

#[test]
fn xxd_fixture_with_hex_looking_ascii_column_ignores_it() {
    let d = decode_input(&fixture("xxd_hexlike_ascii.txt"), None).expect("xxd reads");
    assert_eq!(d.bytes, b"cafe babe deadbeef 0123".to_vec());
    assert!(d.note.contains("ASCII column ignored"), "{}", d.note);
}

#[test]
fn ambiguous_hex_fixture_names_the_base64_reading() {
    let d = decode_input(&fixture("ambiguous_deadbeef.txt"), None).expect("hex reads");
    assert!(d.note.contains("also valid base64"), "{}", d.note);
}

#[test]
fn ambiguous_od_fixture_names_the_plain_hex_reading() {
    let d = decode_input(&fixture("ambiguous_od_or_hex.txt"), None).expect("od reads");
    assert!(d.note.contains("plain hex"), "{}", d.note);
}

#[test]
fn ambiguous_od_fixture_read_as_chosen_hex_keeps_the_offsets_as_bytes() {
    let d = decode_input(&fixture("ambiguous_od_or_hex.txt"), Some(InputFormat::Hex)).expect("hex");
    assert_eq!(d.bytes, vec![0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 5]);
}

#[test]
fn base64_fixture_without_special_characters_says_base64url_agrees() {
    let d = decode_input(&fixture("base64_wrapped.txt"), None).expect("base64 reads");
    assert!(
        d.note.contains("base64url reads the same bytes"),
        "{}",
        d.note
    );
}

/// A message's line and its form and bytes (`None`: a tombstone).
type LineValue = (usize, Option<(InputFormat, Vec<u8>)>);

#[test]
fn messages_fixture_splits_into_messages_with_a_tombstone() {
    let text = String::from_utf8(fixture("messages.txt")).expect("UTF-8");
    let messages = split_messages(&text, None);
    let want: Vec<LineValue> = vec![
        (1, Some((InputFormat::Base64, fixture("confluent.bin")))),
        (2, Some((InputFormat::Hex, fixture("single_object.bin")))),
        (3, None),
        (4, Some((InputFormat::Hex, fixture("tiny.bin")))),
        (5, Some((InputFormat::Escaped, fixture("tiny.bin")))),
    ];
    let got: Vec<LineValue> = messages
        .into_iter()
        .map(|m| {
            let value = m.value.unwrap_or_else(|e| panic!("line {}: {e}", m.line));
            (m.line, value.map(|d| (d.format, d.bytes)))
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn dump_fixtures_are_one_message_each() {
    for name in ["xxd.txt", "od_x.txt", "hexdump_c.txt", "od_t_x1_crlf.txt"] {
        let text = String::from_utf8(fixture(name)).expect("UTF-8");
        let messages = split_messages(&text, None);
        assert_eq!(messages.len(), 1, "{name}");
        assert!(
            matches!(messages[0].value, Ok(Some(_))),
            "{name}: {:?}",
            messages[0].value
        );
    }
}

#[test]
fn wrong_chosen_form_fails_with_a_position() {
    let err =
        decode_input(&fixture("xxd.txt"), Some(InputFormat::Hex)).expect_err("xxd is not hex");
    // `:` separates hex bytes (`de:ad`), so the offset reads as bytes; the ASCII column does not.
    assert_eq!(err.message, "`.` at 1:52 is not a hex digit");
    let err = decode_input(
        &fixture("base64_plus_slash.txt"),
        Some(InputFormat::Base64Url),
    )
    .expect_err("+ is not base64url");
    assert!(err.message.contains("choose `base64`"), "{}", err.message);
}

/// A small deterministic generator, so the no-panic sweep needs no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn mangled_fixtures_never_panic() {
    let mut rng = Lcg(0x5eed);
    let alphabet = b" \t\r\n*:|><=\\x0fF9gz-_+/,'\"b$\xff\xc8\x00";
    let formats: Vec<Option<InputFormat>> = std::iter::once(None)
        .chain(InputFormat::ALL.into_iter().map(Some))
        .collect();
    for case in manifest() {
        let original = fixture(&case.input);
        for _ in 0..40 {
            let mut input = original.clone();
            let edits = 1 + rng.next() % 4;
            for _ in 0..edits {
                if input.is_empty() {
                    break;
                }
                let at = (rng.next() as usize) % input.len();
                match rng.next() % 3 {
                    0 => input[at] = alphabet[(rng.next() as usize) % alphabet.len()],
                    1 => {
                        input.remove(at);
                    }
                    _ => input.truncate(at),
                }
            }
            for &format in &formats {
                let _ = decode_input(&input, format);
                if let Ok(text) = std::str::from_utf8(&input) {
                    let _ = split_messages(text, format);
                }
            }
        }
    }
}

#[test]
fn hostile_offsets_are_errors_not_panics() {
    for text in [
        "ffffffffffffffff 0201\nffffffffffffffff 0403\n",
        "ffffffffffffffffffff 0201\n0000002\n",
        "00000000  00\n*\nffffffffffffffff\n",
        "00000000: 00\n*\n",
        "*\n0000000 00\n",
        "0000000 0201\n0000002\n0000004 0403\n",
    ] {
        for format in [None, Some(InputFormat::Od), Some(InputFormat::Xxd)] {
            let _ = decode_input(text.as_bytes(), format);
        }
    }
}

#[test]
fn input_over_the_limit_is_refused() {
    let big = vec![b'A'; MAX_INPUT_BYTES + 1];
    let err = decode_input(&big, Some(InputFormat::Base64)).expect_err("too big");
    assert_eq!(err.format, None);
}
