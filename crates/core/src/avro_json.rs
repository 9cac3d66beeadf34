//! (stub until the avrojson branch lands) Avro JSON encoding of datums.

use crate::schema::Schema;
use crate::source::{LineColumn, TextRange};
use crate::value::Value;
use std::fmt;

/// A datum that does not fit its schema.
#[derive(Clone, Debug, PartialEq)]
pub struct DatumError {
    /// What is wrong.
    pub message: String,
    /// JSON pointer into the datum.
    pub pointer: String,
    /// Byte range in the datum text.
    pub range: TextRange,
    /// Line and column.
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

/// Avro JSON text → value.
pub fn from_avro_json(_schema: &Schema, _text: &str) -> Result<Value, DatumError> {
    Err(DatumError {
        message: "not yet".into(),
        pointer: "/".into(),
        range: TextRange::default(),
        position: LineColumn::default(),
    })
}

/// Value → Avro JSON text.
pub fn to_avro_json(_schema: &Schema, _value: &Value) -> String {
    String::new()
}
