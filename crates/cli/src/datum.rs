//! Reading a datum's JSON text, as `encode` and `annotate` do: strictly, as Java's `JsonDecoder` reads
//! Avro JSON (the default), or with `--plain-json` leniently, as the web page reads it, each conversion
//! then listed on stderr.

use crate::args::{Args, Failure};
use avro_playground_core::avro_json::{
    from_avro_json, from_avro_or_plain_json, Conversion, DatumError,
};
use avro_playground_core::schema::Schema;
use avro_playground_core::source::LineColumn;
use avro_playground_core::value::Value;

/// The switch that turns on the plain-JSON reader.
pub const PLAIN_JSON: &str = "plain-json";

/// The part of a command's `--help` that says how its datum is read.
macro_rules! datum_reading_help {
    () => {
        "The datum is read strictly, as Java's JsonDecoder reads Avro JSON: every field of a record is
written, also one with a default (a default is never filled in); a key that names no field is an error
(also one after the last field, which Java would skip); a field may be keyed by one of its aliases where
Java finds it; a union value is null or {\"<full branch name>\": value}; bytes and fixed are ISO-8859-1
strings; float and double also take \"NaN\", \"Infinity\", \"INF\", \"-Infinity\" and \"-INF\".
--plain-json  read the datum leniently instead, as the web page does: missing fields take their defaults,
              unknown fields are skipped, union values may be unwrapped, bytes may be arrays of numbers,
              dates and timestamps ISO 8601 text, and so on. Each conversion is listed on stderr, one line
              each: where (line:column and JSON pointer), what differed, and how Avro JSON writes it."
    };
}
pub(crate) use datum_reading_help;

/// How a datum's JSON text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Avro JSON as Java's `JsonDecoder` reads it (the default).
    Strict,
    /// Avro JSON, or the plain JSON producers log, each difference a conversion (`--plain-json`).
    Plain,
}

impl Reading {
    /// The reading the arguments ask for.
    pub fn of(args: &Args) -> Reading {
        if args.switch(PLAIN_JSON) {
            Reading::Plain
        } else {
            Reading::Strict
        }
    }

    /// Reads `text` as a datum of `schema`, with the conversions made (none when strict).
    pub fn read(self, schema: &Schema, text: &str) -> Result<(Value, Vec<Conversion>), DatumError> {
        match self {
            Reading::Strict => from_avro_json(schema, text).map(|value| (value, Vec::new())),
            Reading::Plain => from_avro_or_plain_json(schema, text),
        }
    }
}

/// Where a datum's text comes from, for messages: a file (or `stdin`), and the line when the text is one
/// line of several (JSON lines).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The file's path, or `stdin`.
    pub name: &'a str,
    /// The 1-based line of the file the text is, when it is one of several.
    pub line: Option<usize>,
}

impl Source<'_> {
    /// `name:line:column` of a position in the text.
    fn at(&self, position: LineColumn) -> String {
        match self.line {
            Some(line) => format!("{}:{line}:{}", self.name, position.column),
            None => format!("{}:{position}", self.name),
        }
    }

    /// The one-line failure for a datum that cannot be read.
    pub fn failure(&self, e: &DatumError) -> Failure {
        Failure::Invalid(format!(
            "{}: {} (at {})",
            self.at(e.position),
            e.message,
            e.pointer
        ))
    }

    /// One line for stderr per conversion: where, what differed, and how Avro JSON writes it.
    pub fn notes(&self, conversions: &[Conversion]) -> Vec<String> {
        conversions
            .iter()
            .map(|c| {
                let mut note = format!(
                    "{}: plain JSON: {} (at {})",
                    self.at(c.position),
                    c.message,
                    c.pointer
                );
                if !c.avro_json.is_empty() {
                    note.push_str("; Avro JSON: ");
                    note.push_str(&c.avro_json);
                }
                note.replace('\n', " ")
            })
            .collect()
    }
}
