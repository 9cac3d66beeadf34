//! A decoded Avro datum, interpreted with its schema.

use std::fmt;

/// An Avro value. Record fields and enum symbols carry their names so a value can be shown without the schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `boolean`
    Boolean(bool),
    /// `int`
    Int(i32),
    /// `long`
    Long(i64),
    /// `float`
    Float(f32),
    /// `double`
    Double(f64),
    /// `bytes`
    Bytes(Vec<u8>),
    /// `string`
    String(String),
    /// `record`: field name and value, in the schema's field order.
    Record(Vec<(String, Value)>),
    /// `enum`: the symbol's index and the symbol.
    Enum(u32, String),
    /// `array`
    Array(Vec<Value>),
    /// `map`: entries in the order they were read or written.
    Map(Vec<(String, Value)>),
    /// A union value: the branch index and the branch's value.
    Union(u32, Box<Value>),
    /// `fixed`
    Fixed(Vec<u8>),
}

impl Value {
    /// The Avro type name of this value's kind (`int`, `record`…), for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Boolean(_) => "boolean",
            Value::Int(_) => "int",
            Value::Long(_) => "long",
            Value::Float(_) => "float",
            Value::Double(_) => "double",
            Value::Bytes(_) => "bytes",
            Value::String(_) => "string",
            Value::Record(_) => "record",
            Value::Enum(..) => "enum",
            Value::Array(_) => "array",
            Value::Map(_) => "map",
            Value::Union(..) => "union",
            Value::Fixed(_) => "fixed",
        }
    }
}

impl Value {
    /// The bytes that record field names take in Avro JSON (`"name":` per field, nested records
    /// included): what the binary encoding saves by writing no names.
    pub fn field_name_bytes(&self) -> usize {
        match self {
            Value::Record(fields) => fields
                .iter()
                .map(|(name, v)| name.len() + 3 + v.field_name_bytes())
                .sum(),
            Value::Array(items) => items.iter().map(Value::field_name_bytes).sum(),
            Value::Map(entries) => entries.iter().map(|(_, v)| v.field_name_bytes()).sum(),
            Value::Union(_, v) => v.field_name_bytes(),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_counted_with_quotes_and_colon() {
        let inner = Value::Record(vec![("b".into(), Value::Int(1))]);
        let v = Value::Record(vec![
            ("id".into(), Value::Long(1)),
            ("r".into(), Value::Union(1, Box::new(inner))),
        ]);
        assert_eq!(v.field_name_bytes(), 5 + 4 + 4);
    }
}

/// A value that does not fit a schema: a JSON pointer into the datum, and the rule it breaks. The encoder
/// ([`crate::walker::EncodeError`]) and schema resolution ([`crate::resolve::ResolveError`]) report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// JSON pointer into the datum (empty for the datum itself).
    pub path: String,
    /// What does not fit, and by which rule.
    pub message: String,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)
    }
}

impl std::error::Error for ValueError {}
