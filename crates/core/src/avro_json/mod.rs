//! Avro's JSON encoding of datums (specification 1.12, "JSON Encoding"), both ways, and a lenient reader for
//! the plain JSON that producers actually log.
//!
//! **Avro JSON, as Java's `JsonDecoder` reads it** ([`from_avro_json`], the command line's default reading;
//! [`to_avro_json`] writes it). Where the spec leaves room, the reader follows Java's
//! (lang/java/avro/src/main/java/org/apache/avro/io/JsonDecoder.java), which consumers run:
//! - a union value is `null` for a null branch, otherwise a one-member object `{"<branch name>": value}`; the
//!   branch name is the type name (`"int"`, `"array"`, `"map"`) or, for a named type, its **full** name, the
//!   only label `JsonDecoder.readIndex` looks up (a short name is an error that names the full one);
//! - `bytes` and `fixed` are strings whose code points 0–255 are the bytes (ISO-8859-1, as
//!   `JsonDecoder.readByteArray` encodes them; a code point beyond U+00FF is an error, where Java would write
//!   `?`);
//! - `int` and `long` are JSON integers, read from their exact text, so every 64-bit value is exact; as in
//!   `JsonDecoder.readInt`/`readLong`, a whole number written with a fraction or exponent (`5.0`, `1e3`) is
//!   taken too, when the float (double) Java reads it through holds it exactly;
//! - `float` and `double` are JSON numbers. JSON has no NaN or infinities; like Java's `JsonEncoder` (Jackson's
//!   default `QUOTE_NON_NUMERIC_NUMBERS`) we write them as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, and
//!   like `JsonDecoder.readFloat`/`readDouble` we read those strings and also `"INF"` and `"-INF"`. A number too
//!   large for the type (it would round to an infinity) is an error. A float is written as the shortest text
//!   that reads back as the same 32-bit float (`1.1`, never the widened `1.100000023841858`);
//! - a record is an object with every field, in any order, a field keyed by its name or by one of its aliases
//!   where Java finds it (see `record_members`); a missing field is an error even when it has a default, and
//!   so is a key that names no field (also one after the last field, which Java happens to skip);
//! - logical types are written as their underlying type.
//!
//! **Plain JSON** ([`from_plain_json`]; [`from_avro_or_plain_json`], which the web page reads with, and the
//! command line's `--plain-json`) also accepts what Java's `JsonDecoder` would read differently or refuse, and
//! lists each difference as a [`Conversion`]: a missing field that has a default (filled in), a key that names
//! no field (skipped), a field keyed by an alias where Java does not find it, a union branch named by its short
//! name, union values without their wrapper (the branch the value fits; ambiguous values are errors naming the
//! candidates), bytes and fixed as arrays of numbers 0–255, integers written as strings, floating-point numbers
//! written as strings, decimals as JSON numbers, dates, times and timestamps as ISO 8601 strings, and a `uuid`
//! on `fixed(16)` as its 36-character text. Text that [`from_avro_json`] reads yields no conversions.

pub(crate) mod calendar;
mod decimal;
pub(crate) use decimal::{sign_extend, twos_complement};
mod example;
pub use example::example_value;
mod locate;
mod number_text;
mod plain;
mod read;
mod record_members;
mod write;

use crate::schema::{Schema, SchemaId};
use crate::source::{line_column, parse_json, Json, LineColumn, Pointer, TextRange};
use crate::value::Value;
use std::fmt;

/// A datum that does not fit its schema: what was expected and where.
#[derive(Clone, Debug, PartialEq)]
pub struct DatumError {
    /// What was expected there per the schema and what was found, for the reader of the page.
    pub message: String,
    /// JSON pointer into the datum.
    pub pointer: Pointer,
    /// The byte range of the offending JSON in the datum text.
    pub range: TextRange,
    /// Line and column of the start of `range`.
    pub position: LineColumn,
}

impl fmt::Display for DatumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at {}, {})",
            self.message, self.position, self.pointer
        )
    }
}

impl std::error::Error for DatumError {}

/// One place where plain JSON differed from Avro JSON as Java's `JsonDecoder` reads it, and how Avro JSON
/// writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion {
    /// JSON pointer into the datum.
    pub pointer: Pointer,
    /// The byte range of the converted JSON in the datum text.
    pub range: TextRange,
    /// Line and column of the start of `range`.
    pub position: LineColumn,
    /// What differed from Avro JSON.
    pub message: String,
    /// The Avro JSON for this place (compact; long values shortened with `…`): for a field filled in from
    /// its default, the member (`"b":0`); for a key, the key; empty for a member skipped.
    pub avro_json: String,
}

/// How [`write_avro_json`] lays out its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// One line, no spaces.
    #[default]
    Compact,
    /// Two-space indentation, one member or item per line.
    Pretty,
}

/// Reads Avro JSON text as a datum of `schema`, strictly, as Java's `JsonDecoder` reads it: every field
/// present (a default is never filled in), no unknown key, union branches by their full names. The command
/// line reads datums with it unless `--plain-json` is given.
pub fn from_avro_json(schema: &Schema, text: &str) -> Result<Value, DatumError> {
    let json = parse_datum(text)?;
    from_avro_json_parsed(schema, &json, text)
}

/// [`from_avro_json`] on already parsed JSON; `text` is the source its ranges refer to.
pub fn from_avro_json_parsed(
    schema: &Schema,
    json: &Json,
    text: &str,
) -> Result<Value, DatumError> {
    read::read_datum(schema, json, text, read::Mode::Avro).map(|(value, _)| value)
}

/// Reads plain JSON as a datum of `schema`, leniently, listing every place where it differed from Avro JSON
/// as Java's `JsonDecoder` reads it (defaults filled in and unknown keys skipped included), so that a lenient
/// reading never differs from Java's silently.
///
/// Text that [`from_avro_json`] accepts yields no conversions.
pub fn from_plain_json(
    schema: &Schema,
    text: &str,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    let json = parse_datum(text)?;
    from_plain_json_parsed(schema, &json, text)
}

/// Reads Avro JSON, or else the plain JSON producers log, with each difference (none for Avro JSON): the
/// lenient reading of the web page and of the command line's `--plain-json`. When neither reads it, the error is the plain reading's if it got at least as far into the text (it
/// names what plain JSON lacks there, such as the branches a tie leaves open), else the Avro JSON one.
pub fn from_avro_or_plain_json(
    schema: &Schema,
    text: &str,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    from_avro_or_plain_json_parsed(schema, &parse_datum(text)?, text)
}

/// [`from_avro_or_plain_json`] on already parsed JSON ([`parse_datum`]); `text` is the source its ranges
/// refer to.
pub fn from_avro_or_plain_json_parsed(
    schema: &Schema,
    json: &Json,
    text: &str,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    match from_avro_json_parsed(schema, json, text) {
        Ok(value) => Ok((value, Vec::new())),
        Err(strict) => from_plain_json_parsed(schema, json, text).map_err(|plain| {
            if plain.range.start >= strict.range.start {
                plain
            } else {
                strict
            }
        }),
    }
}

/// [`from_plain_json`] on already parsed JSON; `text` is the source its ranges refer to.
pub fn from_plain_json_parsed(
    schema: &Schema,
    json: &Json,
    text: &str,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    read::read_datum(schema, json, text, read::Mode::Plain)
}

/// The value of a record field's default (the parser has validated it), for filling in missing fields.
pub fn field_default(schema: &Schema, field: &crate::schema::Field) -> Option<Value> {
    read::read_field_default(schema, field)
}

/// Writes `value` (a datum of `schema`) as compact Avro JSON on one line.
pub fn to_avro_json(schema: &Schema, value: &Value) -> String {
    write_avro_json(schema, schema.root(), value, Layout::Compact)
}

/// Writes `value` (a datum of `schema`) as indented Avro JSON.
pub fn to_avro_json_pretty(schema: &Schema, value: &Value) -> String {
    write_avro_json(schema, schema.root(), value, Layout::Pretty)
}

/// Writes `value`, a datum of the type `id` of `schema`, as Avro JSON.
///
/// The schema is needed only for union branch names; where the value does not follow the schema, the
/// value's own kind names the branch (`"int"`, `"record"`).
pub fn write_avro_json(schema: &Schema, id: SchemaId, value: &Value, layout: Layout) -> String {
    write::write(schema, Some(id), value, layout)
}

/// Parses a datum's JSON text, a syntax error becoming a [`DatumError`] that names where.
pub fn parse_datum(text: &str) -> Result<Json, DatumError> {
    parse_json(text).map_err(|e| DatumError {
        message: e.message,
        pointer: Pointer::root(),
        range: e.range,
        position: line_column(text, e.range.start),
    })
}

#[cfg(test)]
mod tests;
