//! Pasted input → bytes. A Kafka engineer pastes whatever their tool printed: hex, base64, an `xxd`, `od` or
//! `hexdump` dump, printf-style escapes, a byte array as code and logs print it, a Kafka tool's JSON, or the
//! raw bytes themselves. [`decode_input`] turns one paste into bytes and says, in [`Decoded::note`], which
//! form it recognised and whether another reading was possible; [`split_messages`] does the same for text
//! holding one message per line, as `kcat` prints them (or a JSON envelope's records), and [`read_messages`]
//! decides whether a paste of several lines is several messages or one wrapped over lines.
//!
//! # Auto-detection, in this order
//! 0. The text opens a JSON object or array that is a Kafka tool's record (or its JSON is broken but it
//!    opens with a key only those records start with) → [`InputFormat::JsonEnvelope`]: `kcat -J` lines (or
//!    `jq`'s pretty-printing of them), a REST Proxy response, a Kafka UI message, an AKHQ or a Redpanda
//!    Console export. This comes first because kcat writes a payload's bytes raw: its output may be neither
//!    UTF-8 nor free of control characters. Each record is a message with its [`Envelope`].
//! 1. Not UTF-8, or holding a control character other than tab, CR and LF → [`InputFormat::Binary`]: no text
//!    form uses those bytes.
//! 2. The first line starts with `offset:` → [`InputFormat::Xxd`]. Lines that start with offsets of one width
//!    (or an ASCII column in `|…|` or `>…<`) and whose offsets add up → [`InputFormat::Od`] (od, hexdump,
//!    and other offset-and-bytes dumps such as Wireshark's).
//!    Structured dumps win over plain hex: `0000000 0201` is od's offset and a word, not three bytes.
//! 3. A bracketed list of decimal numbers as printers write them, without leading zeros or hex
//!    (`[0, 0, 42, -56]`, `Uint8Array(3) [0, 42, 200]`, Go's `[0 42]`) → [`InputFormat::Bytes`]: `[10, 11]` is
//!    two bytes, 0x0A 0x0B. (`[0x10, 0x11]`, `{0x0a, …}` and `[00 01 0a]` are hex: decimal printers write
//!    neither `0x` nor leading zeros.)
//! 4. Only hex digits and separators (whitespace, `,` `;` `:` brackets, `0x` or `\x` prefixes), whole bytes,
//!    or such a list in a C array declaration (`xxd -i`) → [`InputFormat::Hex`]. Hex wins over base64, which
//!    reads `deadbeef` and `12345678` too; the note says so.
//! 5. Hex failed, and the text is a byte list all the same: a literal with a type in front
//!    (`[]byte{0x0, 0x2a}`, `byteArrayOf(…)`, `new byte[]{…}`), or values with commas or minus signs and no
//!    brackets (`0, 0, 42`) → [`InputFormat::Bytes`], whose error (a value out of range, say) is then the
//!    error.
//! 6. Any backslash that hex did not explain (`\xNN`, `\NNN`, `\n`…), or Python's `b'…'` or the shell's
//!    `$'…'` around the text → [`InputFormat::Escaped`]; an unknown escape is then the error.
//! 7. The base64 alphabet only, in lines of one width, with zero padding bits → [`InputFormat::Base64`], or
//!    [`InputFormat::Base64Url`] when it uses `-` or `_`.
//! 8. Otherwise an error when the text is laid out as a dump whose offsets do not add up, or is nearly hex
//!    (one bad character in ten); else the text's own bytes as [`InputFormat::Binary`], with a note saying
//!    nothing else fitted.
//!
//! Whatever wins, the note names the other readings that would also have succeeded with other bytes (base64
//! for hex, plain hex for a dump, another offset radix, printf's two-digit `\x` for `\x0001`); a byte array's
//! note says whether it was read signed (Java) or unsigned (Python, JavaScript, Go), or that both agree.
//!
//! Raw bytes that happen to be printable ASCII (`deadbeef`, `test`) are read as the text form they look like:
//! a paste is far more often text than binary that avoids every control byte. Choose
//! [`InputFormat::Binary`] to keep such bytes as they are.
//!
//! A JSON string can lose bytes: kcat writes bytes that are not UTF-8 as they are, and whatever decodes its
//! output as text (a terminal, the clipboard, jq) turns them into U+FFFD. A value read back with such a
//! character, or with an escape above `\u00FF`, carries [`Decoded::doubt`]: which bytes are in doubt, so that
//! no caller presents it as trustworthy; [`Envelope::lossless_way`] says how to get them whole.

mod base64;
mod decimal;
mod dump;
mod envelope;
mod escaped;
mod hex;
mod json_stream;
mod json_string;
mod kafka_json;
mod kafka_tools;
mod messages;

pub use envelope::{
    describe_doubts, not_decoded, Carried, Doubt, DoubtCause, Envelope, Timestamp, Tool,
};
pub use messages::{read_messages, split_messages, Message, Paste};

use crate::source::{line_column, LineColumn};
use std::fmt;
use std::str::FromStr;

/// The largest input accepted, in bytes (64 MiB); larger pastes are refused with an error, not read.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// A form of pasted input. `auto` is not a form: callers pass `None` to [`decode_input`] for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Hex digits, with or without spaces, newlines, commas, `0x` prefixes or `\x` escapes; also the C array
    /// that `xxd -i` prints.
    Hex,
    /// Standard base64 (`+` `/`), padded or not, wrapped or not.
    Base64,
    /// URL-safe base64 (`-` `_`), padded or not.
    Base64Url,
    /// `xxd` output: `offset:`, groups of hex digits in byte order, an ASCII column.
    Xxd,
    /// `od` or `hexdump` output (or another offset-and-bytes dump): offsets, groups (multi-byte groups are
    /// little-endian words), `*` repeat lines, an optional ASCII column.
    Od,
    /// printf or `kcat`-style escaped text: printable ASCII as itself, `\xNN`, `\NNN`, `\n`, `\t`, `\\`, `\0`;
    /// also inside Python's `b'…'` or the shell's `$'…'`. Line breaks in the paste are wrapping, not data.
    Escaped,
    /// A decimal byte array as code and logs print it: Java's `Arrays.toString` (signed, −128…127), Python's
    /// `list(b)` and JavaScript (unsigned, 0…255), a console's `Uint8Array(9) […]`, Go's `[0 42]`, or a
    /// literal (`new byte[]{…}`, `[]byte{…}`, `bytes([…])`, …).
    Bytes,
    /// Kafka tools' JSON, one message per record with its [`Envelope`]: `kcat -J` lines, a Confluent REST
    /// Proxy response (binary, v2), a Kafka UI message, an AKHQ or a Redpanda Console export.
    JsonEnvelope,
    /// The bytes as they are.
    Binary,
}

impl InputFormat {
    /// Every form, in the order the CLI lists them.
    pub const ALL: [InputFormat; 9] = [
        InputFormat::Hex,
        InputFormat::Base64,
        InputFormat::Base64Url,
        InputFormat::Xxd,
        InputFormat::Od,
        InputFormat::Escaped,
        InputFormat::Bytes,
        InputFormat::JsonEnvelope,
        InputFormat::Binary,
    ];

    /// The CLI name: `hex`, `base64`, `base64url`, `xxd`, `od`, `escaped`, `bytes`, `json-envelope` or
    /// `binary`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Hex => "hex",
            InputFormat::Base64 => "base64",
            InputFormat::Base64Url => "base64url",
            InputFormat::Xxd => "xxd",
            InputFormat::Od => "od",
            InputFormat::Escaped => "escaped",
            InputFormat::Bytes => "bytes",
            InputFormat::JsonEnvelope => "json-envelope",
            InputFormat::Binary => "binary",
        }
    }

    /// One line saying what the form accepts, for help texts and menus.
    pub fn describe(self) -> &'static str {
        match self {
            InputFormat::Hex => "hex digits; spaces, newlines, commas, 0x and \\x prefixes allowed",
            InputFormat::Base64 => "base64 (+ /), padded or not, wrapped or not",
            InputFormat::Base64Url => "URL-safe base64 (- _), padded or not",
            InputFormat::Xxd => "xxd output; the ASCII column is ignored",
            InputFormat::Od => "od -x, od -t x1z, hexdump or hexdump -C output, * lines included",
            InputFormat::Escaped => {
                "printf/kcat escapes: \\xNN \\NNN \\n \\t \\\\ \\0, b'…' and $'…' too"
            }
            InputFormat::Bytes => {
                "decimal byte arrays: [0, 42, -56] (Java, signed), [0, 42, 200] (Python, JavaScript), Uint8Array(3) [...], Go's [0 42], byte literals"
            }
            InputFormat::JsonEnvelope => {
                "Kafka tools' JSON: kcat -J lines, REST Proxy binary records, Kafka UI, AKHQ and Redpanda Console exports"
            }
            InputFormat::Binary => "the bytes as they are",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of the input forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownInputFormat {
    /// The name given.
    pub given: String,
}

impl fmt::Display for UnknownInputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown input format `{}`: choose auto, hex, base64, base64url, xxd, od, escaped, bytes, json-envelope or binary",
            self.given
        )
    }
}

impl std::error::Error for UnknownInputFormat {}

impl FromStr for InputFormat {
    type Err = UnknownInputFormat;

    /// Reads a CLI name exactly as [`InputFormat::name`] spells it; `auto` is the caller's `None`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InputFormat::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| UnknownInputFormat {
                given: s.to_string(),
            })
    }
}

/// Bytes read from a paste, with the form they were read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The form recognised (or the one asked for).
    pub format: InputFormat,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// How the form was recognised and what else it could have been, for the user.
    pub note: String,
    /// The bytes the paste could not carry (a JSON string's U+FFFD, or an escape above `\u00FF`), in order;
    /// empty when every byte is as the paste says. A value with doubts must not be presented as trustworthy.
    pub doubt: Vec<Doubt>,
}

/// A paste that could not be read: where (byte offset and line:column in the pasted text) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The form being read when it failed; `None` when no form was at fault (the size limit).
    pub format: Option<InputFormat>,
    /// Byte offset of the fault in the pasted text.
    pub offset: usize,
    /// Its line and column.
    pub position: LineColumn,
    /// What is wrong, naming where: "`g` at 1:7 is not a hex digit".
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.format {
            Some(format) => write!(f, "{}: {}", format.name(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// Reads one paste: `format` `None` detects the form (see the module documentation for the rules). A JSON
/// envelope gives the value of its one record; one of several records is an error (read them with
/// [`read_messages`] or [`split_messages`], which keep each record's [`Envelope`]).
pub fn decode_input(raw: &[u8], format: Option<InputFormat>) -> Result<Decoded, InputError> {
    check_size(raw)?;
    if let Some(one) = kafka_json::one_message(raw, format) {
        return one;
    }
    decode_located(raw, format, Origin::default())
}

/// Why a form could not read the text: `at` is a byte offset in the text that form was given, `subject` the
/// piece of text at fault (quoted, or empty), `problem` the rest of the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fail {
    at: usize,
    subject: String,
    problem: String,
}

impl Fail {
    fn new(at: usize, subject: impl Into<String>, problem: impl Into<String>) -> Self {
        Fail {
            at,
            subject: subject.into(),
            problem: problem.into(),
        }
    }

    fn shifted(mut self, by: usize) -> Self {
        self.at = self.at.saturating_add(by);
        self
    }

    /// The user's sentence, naming line:column in the whole paste; `piece` is the text the form was given,
    /// found at `origin` in the paste.
    fn into_error(self, piece: &[u8], format: Option<InputFormat>, origin: Origin) -> InputError {
        let local = self.at.min(piece.len());
        let prefix = String::from_utf8_lossy(piece.get(..local).unwrap_or(piece));
        let mut position = line_column(&prefix, prefix.len());
        if position.line == 1 {
            position.column += origin.column_before;
        }
        position.line += origin.lines_before;
        let offset = origin.offset + local;
        let message = if self.subject.is_empty() {
            format!("{} (at {position})", self.problem)
        } else {
            format!("{} at {position} {}", self.subject, self.problem)
        };
        InputError {
            format,
            offset,
            position,
            message,
        }
    }
}

/// A piece of text quoted for a message: control characters escaped, long pieces cut short.
fn quote(piece: &str) -> String {
    const LONGEST: usize = 24;
    let mut quoted = String::from("`");
    for c in piece.chars().take(LONGEST) {
        if c.is_control() {
            quoted.extend(c.escape_debug());
        } else {
            quoted.push(c);
        }
    }
    if piece.chars().nth(LONGEST).is_some() {
        quoted.push('…');
    }
    quoted.push('`');
    quoted
}

/// The character at byte `at` of `text`, quoted (or "the end").
fn quote_char_at(text: &str, at: usize) -> String {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => quote(c.encode_utf8(&mut [0; 4])),
        None => "the end".to_string(),
    }
}

/// One line of a text: its 1-based number, its starting byte offset, and its text without `\n` or `\r\n`.
struct Line<'a> {
    number: usize,
    at: usize,
    text: &'a str,
}

fn text_lines(text: &str) -> impl Iterator<Item = Line<'_>> + Clone {
    let mut at = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(move |(index, raw)| {
            let start = at;
            at += raw.len();
            let body = raw.strip_suffix('\n').unwrap_or(raw);
            Line {
                number: index + 1,
                at: start,
                text: body.strip_suffix('\r').unwrap_or(body),
            }
        })
}

fn check_size(raw: &[u8]) -> Result<(), InputError> {
    if raw.len() <= MAX_INPUT_BYTES {
        return Ok(());
    }
    let mib = raw.len() as f64 / (1024.0 * 1024.0);
    Err(InputError {
        format: None,
        offset: MAX_INPUT_BYTES,
        position: LineColumn { line: 1, column: 1 },
        message: format!(
            "the input is {mib:.1} MiB, over the {} MiB limit: paste one message, or a smaller part",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    })
}

/// Where a piece of text stands in the whole paste: its byte offset, the number of lines before it and the
/// characters before it on its first line. (Positions are computed within the piece, so a thousand bad
/// lines do not each rescan the paste.)
#[derive(Clone, Copy, Default)]
struct Origin {
    offset: usize,
    lines_before: usize,
    column_before: usize,
}

/// Decodes `piece`, found at `origin` in the paste, with errors placed in the paste.
fn decode_located(
    piece: &[u8],
    format: Option<InputFormat>,
    origin: Origin,
) -> Result<Decoded, InputError> {
    decode_piece(piece, format).map_err(|(format, fail)| fail.into_error(piece, format, origin))
}

type Failed = (Option<InputFormat>, Fail);

fn decode_piece(raw: &[u8], format: Option<InputFormat>) -> Result<Decoded, Failed> {
    if format == Some(InputFormat::Binary) {
        return Ok(decoded(
            InputFormat::Binary,
            raw.to_vec(),
            "read as raw binary, as chosen".to_string(),
        ));
    }
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(e) => {
            let at = e.valid_up_to();
            let byte = raw.get(at).copied().unwrap_or(0);
            return match format {
                None => Ok(decoded(
                    InputFormat::Binary,
                    raw.to_vec(),
                    format!("read as raw binary: byte 0x{byte:02X} at offset {at} is not UTF-8 text, so no text form applies"),
                )),
                Some(format) => Err((
                    Some(format),
                    Fail::new(
                        at,
                        format!("byte 0x{byte:02X}"),
                        format!("is not UTF-8 text, which a {format} paste is; choose `binary` for raw bytes"),
                    ),
                )),
            };
        }
    };
    // A byte-order mark (Windows editors) is not part of any text form.
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    let result = match format {
        Some(format) => read_as(text, format).map_err(|fail| (Some(format), fail)),
        None => detect(text, raw),
    };
    result.map_err(|(format, fail)| (format, fail.shifted(bom)))
}

fn decoded(format: InputFormat, bytes: Vec<u8>, note: String) -> Decoded {
    Decoded {
        format,
        bytes,
        note,
        doubt: Vec::new(),
    }
}

fn byte_count(n: usize) -> String {
    if n == 1 {
        "1 byte".to_string()
    } else {
        format!("{n} bytes")
    }
}

/// Reads `text` in the form the user chose.
fn read_as(text: &str, format: InputFormat) -> Result<Decoded, Fail> {
    let (bytes, how) = match format {
        InputFormat::Hex => (hex::read(text)?, String::new()),
        InputFormat::Base64 => (
            base64::read(text, base64::Alphabet::Standard, false)?,
            String::new(),
        ),
        InputFormat::Base64Url => (
            base64::read(text, base64::Alphabet::UrlSafe, false)?,
            String::new(),
        ),
        InputFormat::Xxd => dump_reading(dump::read(text, dump::Style::Xxd)?),
        InputFormat::Od => dump_reading(dump::read(text, dump::Style::Od)?),
        InputFormat::Escaped => escaped_reading(escaped::read(text)?),
        InputFormat::Bytes => byte_array_reading(decimal::read(text)?),
        // Envelopes are read whole, before the text is split or checked for UTF-8 (see `decode_input`).
        InputFormat::JsonEnvelope => {
            return Err(Fail::new(
                0,
                "",
                "a JSON envelope is read whole, not line by line",
            ))
        }
        InputFormat::Binary => (text.as_bytes().to_vec(), String::new()),
    };
    let note = format!(
        "read as {format}, as chosen: {}{how}",
        byte_count(bytes.len())
    );
    Ok(decoded(format, bytes, note))
}

fn dump_reading(dump: dump::Dump) -> (Vec<u8>, String) {
    let how = if dump.note.is_empty() {
        format!(" (laid out as {})", dump.tool)
    } else {
        format!(" (laid out as {}; {})", dump.tool, dump.note)
    };
    (dump.bytes, how)
}

fn byte_array_reading(array: decimal::ByteArray) -> (Vec<u8>, String) {
    let how = decimal::describe(&array);
    (array.bytes, how)
}

fn escaped_reading(unescaped: escaped::Unescaped) -> (Vec<u8>, String) {
    let how = unescaped
        .wrapper
        .map(|w| format!(" (inside {w})"))
        .unwrap_or_default();
    (unescaped.bytes, how)
}

/// The first control character (other than tab, CR, LF) in `text`, with its offset.
fn first_control(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Hex that auto-detection recognised, with a note naming the other readings that also succeed.
fn hex_decoded(text: &str, bytes: Vec<u8>) -> Decoded {
    let how = if hex::c_array_body(text).is_some() {
        "the bytes of a C array declaration, as xxd -i prints it"
    } else {
        "only hex digits, separators and 0x or \\x prefixes"
    };
    let mut note = format!("recognised as hex: {how}; {}", byte_count(bytes.len()));
    if let Some(alphabet) = base64::looks_like(text) {
        if let Ok(other) = base64::read(text, alphabet, true) {
            note += &format!(
                "; it is also valid {} ({}): choose `{}` to read it so",
                alphabet.format(),
                byte_count(other.len()),
                alphabet.format()
            );
        }
    }
    if escaped::looks_escaped(text) {
        if let Ok(other) = escaped::read(text) {
            if other.bytes != bytes {
                note += &format!(
                    "; as printf escapes, where `\\x` takes at most two digits, it would be {}: choose `escaped` for that",
                    byte_count(other.bytes.len())
                );
            }
        }
    }
    decoded(InputFormat::Hex, bytes, note)
}

/// A byte array that auto-detection recognised (`why` says how), or its error.
fn byte_array_decoded(text: &str, why: &str) -> Result<Decoded, Failed> {
    let array = decimal::read(text).map_err(|fail| (Some(InputFormat::Bytes), fail))?;
    let count = byte_count(array.bytes.len());
    let (bytes, how) = byte_array_reading(array);
    let note = format!("recognised as a decimal byte array: {why}{how}; {count}");
    Ok(decoded(InputFormat::Bytes, bytes, note))
}

/// Auto-detection; the rules are in the module documentation.
fn detect(text: &str, raw: &[u8]) -> Result<Decoded, Failed> {
    use InputFormat as F;
    if let Some((at, c)) = first_control(text) {
        return Ok(decoded(
            F::Binary,
            raw.to_vec(),
            format!(
                "read as raw binary: it holds control character 0x{:02X} at offset {at}, which no text form uses",
                u32::from(c)
            ),
        ));
    }
    if text.trim().is_empty() {
        return Ok(decoded(
            F::Hex,
            Vec::new(),
            "no bytes: the input is empty or only whitespace".to_string(),
        ));
    }

    if dump::looks_like_xxd(text) {
        let dump = dump::read(text, dump::Style::Xxd).map_err(|fail| (Some(F::Xxd), fail))?;
        let note = format!(
            "recognised as {}: the first line starts with `offset:`; {} ({})",
            dump.tool,
            byte_count(dump.bytes.len()),
            dump.note
        );
        return Ok(decoded(F::Xxd, dump.bytes, note));
    }

    let mut od_failure = None::<Fail>;
    if dump::looks_like_od(text) {
        match dump::read(text, dump::Style::Od) {
            Ok(dump) => {
                let mut note = format!(
                    "recognised as {}: lines start with offsets that match their byte counts; {} ({})",
                    dump.tool,
                    byte_count(dump.bytes.len()),
                    dump.note
                );
                if let Ok(plain) = hex::read(text) {
                    note += &format!(
                        "; read as plain hex it would be {}: choose `hex` for that",
                        byte_count(plain.len())
                    );
                }
                return Ok(decoded(F::Od, dump.bytes, note));
            }
            Err(fail) => od_failure = Some(fail),
        }
    }

    if decimal::looks_like(text) {
        return byte_array_decoded(text, "a bracketed list of decimal numbers");
    }

    let hex_fail = match hex::read(text) {
        Ok(bytes) => return Ok(hex_decoded(text, bytes)),
        Err(fail) => fail,
    };
    if let Some(od_fail) = od_failure {
        // Laid out as a dump, and not hex either: the dump's error helps when the layout is clearly a dump
        // (od's and hexdump's offsets have six digits or more) or when it got further than hex; four-digit
        // "offsets" may be hex words (`dead beef` / `cafe babg`), where the bad digit is the news.
        return Err(
            if dump::first_offset_width(text) >= 6 || od_fail.at > hex_fail.at {
                (Some(F::Od), od_fail)
            } else {
                (Some(F::Hex), hex_fail)
            },
        );
    }

    if decimal::looks_like_list(text) {
        return byte_array_decoded(text, "a list of byte values");
    }

    // A backslash that hex did not explain means escapes, even an unknown one (which is then the error).
    if text.contains('\\') || escaped::looks_escaped(text) {
        let unescaped = escaped::read(text).map_err(|fail| (Some(F::Escaped), fail))?;
        let wrapper = unescaped
            .wrapper
            .map(|w| format!(" inside {w}"))
            .unwrap_or_default();
        let note = format!(
            "recognised as escaped text: it has backslash escapes{wrapper}; {}",
            byte_count(unescaped.bytes.len())
        );
        return Ok(decoded(F::Escaped, unescaped.bytes, note));
    }

    if let Some(alphabet) = base64::looks_like(text) {
        if let Ok(bytes) = base64::read(text, alphabet, true) {
            let which = match alphabet {
                base64::Alphabet::UrlSafe => "it uses `-` or `_`".to_string(),
                base64::Alphabet::Standard if text.contains(['+', '/']) => {
                    "it uses `+` or `/`".to_string()
                }
                base64::Alphabet::Standard => {
                    "it uses neither `+` `/` nor `-` `_`, so base64url reads the same bytes"
                        .to_string()
                }
            };
            let note = format!(
                "recognised as {}: only base64 characters in lines of one width; {which}; {}",
                alphabet.format(),
                byte_count(bytes.len())
            );
            return Ok(decoded(alphabet.format(), bytes, note));
        }
    }

    if hex::looks_nearly_hex(text) {
        return Err((Some(F::Hex), hex_fail));
    }
    Ok(decoded(
        F::Binary,
        raw.to_vec(),
        format!(
            "read as raw binary: not hex, base64, a dump or escaped text, so these are the text's own {}; choose a form to see why it does not fit",
            byte_count(raw.len())
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(text: &str) -> Decoded {
        decode_input(text.as_bytes(), None).unwrap()
    }

    fn auto_err(text: &str) -> InputError {
        decode_input(text.as_bytes(), None).unwrap_err()
    }

    #[test]
    fn format_names_round_trip_through_from_str() {
        for format in InputFormat::ALL {
            assert_eq!(format.name().parse::<InputFormat>(), Ok(format));
        }
        assert!("auto".parse::<InputFormat>().is_err());
        assert!("HEX".parse::<InputFormat>().is_err());
    }

    #[test]
    fn unknown_format_lists_the_choices() {
        let err = "hexx".parse::<InputFormat>().unwrap_err();
        assert!(err.to_string().contains("auto, hex, base64"), "{err}");
    }

    #[test]
    fn invalid_hex_names_line_and_column() {
        let err = decode_input(b"00 01\n02 0g", Some(InputFormat::Hex)).unwrap_err();
        assert_eq!(err.message, "`g` at 2:5 is not a hex digit");
        assert_eq!(err.offset, 10);
        assert_eq!(err.position, LineColumn { line: 2, column: 5 });
        assert_eq!(err.format, Some(InputFormat::Hex));
    }

    #[test]
    fn nearly_hex_with_one_typo_is_an_error_not_binary() {
        let err = auto_err("00 01 02 0g");
        assert_eq!(err.format, Some(InputFormat::Hex));
        assert!(err.message.contains("`g` at 1:11"), "{}", err.message);
    }

    #[test]
    fn hex_words_that_look_like_offsets_report_the_bad_digit() {
        let err = auto_err("dead beef\ncafe babg\n");
        assert_eq!(err.format, Some(InputFormat::Hex));
        assert!(err.message.starts_with("`g` at 2:9"), "{}", err.message);
    }

    #[test]
    fn od_with_a_typo_reports_the_dump_error() {
        let err = auto_err("0000000 0201 0403\n0000004 0g05\n0000006\n");
        assert_eq!(err.format, Some(InputFormat::Od));
        assert!(err.message.starts_with("`g` at 2:10"), "{}", err.message);
    }

    #[test]
    fn hex_accepts_0x_comma_lists_and_upper_case() {
        let d = auto("0x00, 0x01, 0xAB,0xff");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Hex, vec![0, 1, 0xab, 0xff])
        );
    }

    #[test]
    fn hex_accepts_backslash_x_escapes() {
        let d = auto("\\x00\\x01\\xC8");
        assert_eq!((d.format, d.bytes), (InputFormat::Hex, vec![0, 1, 0xc8]));
    }

    #[test]
    fn postgres_bytea_hex_is_hex_and_the_note_names_the_escape_reading() {
        let d = auto("\\x0001c8");
        assert_eq!((d.format, d.bytes), (InputFormat::Hex, vec![0, 1, 0xc8]));
        assert!(d.note.contains("escaped"), "{}", d.note);
    }

    #[test]
    fn odd_hex_digit_count_is_an_error_naming_the_run() {
        let err = decode_input(b"000102 abc", Some(InputFormat::Hex)).unwrap_err();
        assert!(
            err.message.starts_with("`abc` at 1:8 has an odd number"),
            "{}",
            err.message
        );
    }

    #[test]
    fn hex_that_is_also_base64_says_so() {
        let d = auto("deadbeef");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Hex, vec![0xde, 0xad, 0xbe, 0xef])
        );
        assert!(d.note.contains("also valid base64 (6 bytes)"), "{}", d.note);
    }

    #[test]
    fn all_digit_string_is_hex_with_base64_noted() {
        let d = auto("12345678");
        assert_eq!(d.format, InputFormat::Hex);
        assert_eq!(d.bytes, vec![0x12, 0x34, 0x56, 0x78]);
        assert!(d.note.contains("base64"), "{}", d.note);
    }

    #[test]
    fn base64_with_plus_or_slash_is_base64() {
        let d = auto("+/8=");
        assert_eq!((d.format, d.bytes), (InputFormat::Base64, vec![0xfb, 0xff]));
    }

    #[test]
    fn base64url_with_dash_or_underscore_is_base64url_even_unpadded() {
        let d = auto("-_8");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Base64Url, vec![0xfb, 0xff])
        );
    }

    #[test]
    fn base64_chosen_rejects_url_characters_with_a_hint() {
        let err = decode_input(b"AAE-", Some(InputFormat::Base64)).unwrap_err();
        assert!(err.message.contains("`-` at 1:4"), "{}", err.message);
        assert!(err.message.contains("base64url"), "{}", err.message);
    }

    #[test]
    fn base64_length_of_one_mod_four_is_an_error() {
        let err = decode_input(b"AAAAA", Some(InputFormat::Base64)).unwrap_err();
        assert!(err.message.contains("5 characters"), "{}", err.message);
    }

    #[test]
    fn escapes_decode_printf_style() {
        let d = auto("\\x00\\001A\\n\\t\\\\\\0z");
        assert_eq!(d.format, InputFormat::Escaped);
        assert_eq!(d.bytes, vec![0, 1, b'A', b'\n', b'\t', b'\\', 0, b'z']);
    }

    #[test]
    fn python_bytes_literal_is_escaped() {
        let d = auto("b'\\x00\\x01foo\\''");
        assert_eq!(d.format, InputFormat::Escaped);
        assert_eq!(d.bytes, b"\x00\x01foo'".to_vec());
        assert!(d.note.contains("Python"), "{}", d.note);
    }

    #[test]
    fn shell_dollar_quote_is_escaped() {
        let d = auto("$'\\001\\006foo\\310'\n");
        assert_eq!(d.bytes, b"\x01\x06foo\xc8".to_vec());
    }

    #[test]
    fn unknown_escape_names_line_and_column() {
        let err = auto_err("ab\\q");
        assert_eq!(err.format, Some(InputFormat::Escaped));
        assert!(err.message.starts_with("`\\q` at 1:3"), "{}", err.message);
    }

    #[test]
    fn octal_escape_over_255_is_an_error() {
        let err = decode_input(b"\\777", Some(InputFormat::Escaped)).unwrap_err();
        assert!(err.message.contains("over 255"), "{}", err.message);
    }

    #[test]
    fn non_utf8_is_binary() {
        let d = auto_bytes(&[0x00, 0xc8, 0x01]);
        assert_eq!(d.format, InputFormat::Binary);
        assert_eq!(d.bytes, vec![0x00, 0xc8, 0x01]);
    }

    fn auto_bytes(raw: &[u8]) -> Decoded {
        decode_input(raw, None).unwrap()
    }

    #[test]
    fn control_characters_make_text_binary() {
        let d = auto_bytes(b"\x02hi");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Binary, b"\x02hi".to_vec())
        );
        assert!(d.note.contains("0x02"), "{}", d.note);
    }

    #[test]
    fn ascii_text_no_form_explains_is_binary_with_a_note() {
        let d = auto("hello world");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Binary, b"hello world".to_vec())
        );
        assert!(d.note.contains("raw binary"), "{}", d.note);
    }

    #[test]
    fn binary_chosen_keeps_hex_looking_bytes() {
        let d = decode_input(b"deadbeef", Some(InputFormat::Binary)).unwrap();
        assert_eq!(d.bytes, b"deadbeef".to_vec());
    }

    #[test]
    fn text_form_chosen_on_non_utf8_says_choose_binary() {
        let err = decode_input(&[b'0', b'0', 0xff], Some(InputFormat::Hex)).unwrap_err();
        assert_eq!(err.offset, 2);
        assert!(err.message.contains("byte 0xFF at 1:3"), "{}", err.message);
        assert!(err.message.contains("binary"), "{}", err.message);
    }

    #[test]
    fn empty_input_is_zero_bytes() {
        assert_eq!(auto("").bytes, Vec::<u8>::new());
        assert_eq!(auto(" \n").bytes, Vec::<u8>::new());
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let d = auto("\u{feff}0001");
        assert_eq!((d.format, d.bytes), (InputFormat::Hex, vec![0, 1]));
    }

    #[test]
    fn errors_after_a_byte_order_mark_point_into_the_original_text() {
        let err = decode_input("\u{feff}0g".as_bytes(), Some(InputFormat::Hex)).unwrap_err();
        assert_eq!(err.offset, 4);
    }

    #[test]
    fn oversized_input_is_refused_not_read() {
        let big = vec![b'0'; MAX_INPUT_BYTES + 2];
        let err = decode_input(&big, None).unwrap_err();
        assert_eq!(err.format, None);
        assert!(err.message.contains("64 MiB"), "{}", err.message);
        let text = String::from_utf8(big).unwrap();
        let messages = split_messages(&text, None);
        assert_eq!(messages.len(), 1);
        assert!(messages[0].value.is_err());
    }

    #[test]
    fn chosen_dump_note_names_the_layout() {
        let d = decode_input(b" 01 02\n", Some(InputFormat::Od)).unwrap();
        assert_eq!(d.bytes, vec![1, 2]);
        assert_eq!(
            d.note,
            "read as od, as chosen: 2 bytes (laid out as od -A n output)"
        );
    }

    #[test]
    fn a_bracketed_decimal_list_is_bytes_not_hex() {
        let d = auto("[10, 11]");
        assert_eq!((d.format, d.bytes), (InputFormat::Bytes, vec![10, 11]));
        let d = auto("[0, 0, 0, 0, 42, 3, 4, 104, 105]");
        assert_eq!(d.bytes, vec![0, 0, 0, 0, 42, 3, 4, 104, 105]);
        assert!(
            d.note.contains("both") || d.note.contains("agree"),
            "{}",
            d.note
        );
    }

    #[test]
    fn hex_prefixes_and_leading_zeros_stay_hex() {
        assert_eq!(auto("[0x10, 0x11]").format, InputFormat::Hex);
        assert_eq!(auto("[00 01 0a]").bytes, vec![0, 1, 10]);
        assert_eq!(auto("{ 0x0a, 0x0b }").format, InputFormat::Hex);
        assert_eq!(auto("10 11").format, InputFormat::Hex);
    }

    #[test]
    fn a_literal_hex_cannot_read_is_a_byte_array() {
        let d = auto("[]byte{0x0, 0x2a, 200}");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Bytes, vec![0, 0x2a, 200])
        );
        let d = auto("0, 0, 42, -56");
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::Bytes, vec![0, 0, 42, 0xc8])
        );
    }

    #[test]
    fn a_byte_out_of_range_names_line_and_column() {
        let err = auto_err("[0, 1,\n 300]");
        assert_eq!(err.format, Some(InputFormat::Bytes));
        assert!(
            err.message.starts_with("`300` at 2:2 is over 255"),
            "{}",
            err.message
        );
        let err = auto_err("0, 0, -200");
        assert!(
            err.message.starts_with("`-200` at 1:7 is below −128"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_signed_and_unsigned_mix_is_an_error() {
        let err = auto_err("[0, -1, 255]");
        assert!(
            err.message
                .starts_with("`255` at 1:9 is over 127 while value 2 (`-1`) is negative"),
            "{}",
            err.message
        );
    }

    #[test]
    fn chosen_bytes_note_names_the_reading() {
        let d = decode_input(b"Uint8Array(2) [0, 200]", Some(InputFormat::Bytes)).unwrap();
        assert_eq!(d.bytes, vec![0, 200]);
        assert!(
            d.note.starts_with(
                "read as bytes, as chosen: 2 bytes (after `Uint8Array(2)`); unsigned values"
            ),
            "{}",
            d.note
        );
    }

    #[test]
    fn java_arrays_one_a_line_are_several_messages() {
        let messages = split_messages("[0, -56, 1]\n[0, 0, 300]\n", None);
        assert_eq!(messages.len(), 2);
        assert_eq!(
            messages[0].value.as_ref().unwrap().as_ref().unwrap().bytes,
            vec![0, 0xc8, 1]
        );
        let err = messages[1].value.as_ref().unwrap_err();
        assert!(err.message.starts_with("`300` at 2:8"), "{}", err.message);
    }

    #[test]
    fn a_kcat_line_with_a_raw_delete_byte_is_an_envelope_not_binary() {
        let raw = b"{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":null,\"payload\":\"\x7f\\u0001\"}";
        let d = decode_input(raw, None).unwrap();
        assert_eq!(
            (d.format, d.bytes),
            (InputFormat::JsonEnvelope, vec![0x7f, 1])
        );
    }

    #[test]
    fn json_envelope_chosen_on_other_json_says_what_it_expected() {
        let err = decode_input(b"{\"id\": 1}", Some(InputFormat::JsonEnvelope)).unwrap_err();
        assert!(
            err.message.contains("not from a tool this form knows"),
            "{}",
            err.message
        );
        // Unchosen, the same text is no envelope.
        assert_eq!(auto("{\"id\": 1}").format, InputFormat::Binary);
    }

    #[test]
    fn chosen_form_note_says_as_chosen() {
        let d = decode_input(b"0001", Some(InputFormat::Hex)).unwrap();
        assert_eq!(d.note, "read as hex, as chosen: 2 bytes");
    }
}
