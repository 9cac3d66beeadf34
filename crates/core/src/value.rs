//! A decoded Avro datum, interpreted with its schema.

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
