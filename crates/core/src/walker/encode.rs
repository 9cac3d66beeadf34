//! Binary encoding of a [`Value`] with a span for every byte written. Arrays and maps are written as one
//! block followed by the zero count, as the reference implementations do.

use super::varint::write_long;
use super::{Part, Span, Walk, NO_PARENT};
use crate::schema::{Kind, Schema, SchemaId};
use crate::value::Value;

/// A value that does not fit its schema (the Avro JSON reader normally catches this first): the path into
/// the datum, and what does not fit.
pub type EncodeError = crate::value::ValueError;

/// Encodes `value` as a datum of `schema`, recording spans.
pub fn encode(schema: &Schema, value: &Value) -> Result<Walk, EncodeError> {
    let mut e = Encoder {
        schema,
        out: Vec::new(),
        spans: Vec::new(),
        path: Vec::new(),
    };
    e.value(schema.root(), value, NO_PARENT, 0)?;
    let end = e.out.len();
    Ok(Walk {
        bytes: e.out,
        spans: e.spans,
        value: Some(value.clone()),
        error: None,
        end,
    })
}

struct Encoder<'a> {
    schema: &'a Schema,
    out: Vec<u8>,
    spans: Vec<Span>,
    path: Vec<String>,
}

impl Encoder<'_> {
    fn open(&mut self, part: Part, schema: SchemaId, parent: u32, index: u32) -> u32 {
        let id = self.spans.len() as u32;
        let at = self.out.len() as u32;
        self.spans.push(Span {
            start: at,
            end: at,
            parent,
            schema,
            part,
            index,
        });
        id
    }

    fn close(&mut self, span: u32) {
        let end = self.out.len() as u32;
        if let Some(s) = self.spans.get_mut(span as usize) {
            s.end = end;
        }
    }

    fn long_span(&mut self, part: Part, schema: SchemaId, parent: u32, index: u32, v: i64) {
        let span = self.open(part, schema, parent, index);
        write_long(&mut self.out, v);
        self.close(span);
    }

    fn length_prefixed(&mut self, schema: SchemaId, parent: u32, bytes: &[u8]) {
        self.long_span(Part::Length, schema, parent, 0, bytes.len() as i64);
        let content = self.open(Part::Content, schema, parent, 0);
        self.out.extend_from_slice(bytes);
        self.close(content);
    }

    fn mismatch<T>(&self, id: SchemaId, value: &Value) -> Result<T, EncodeError> {
        Err(EncodeError {
            path: if self.path.is_empty() {
                String::new()
            } else {
                format!("/{}", self.path.join("/"))
            },
            message: format!(
                "a {} value does not fit {}",
                value.type_name(),
                self.schema.describe(id)
            ),
        })
    }

    fn value(
        &mut self,
        id: SchemaId,
        value: &Value,
        parent: u32,
        index: u32,
    ) -> Result<(), EncodeError> {
        let span = self.open(Part::Value, id, parent, index);
        self.body(id, value, span)?;
        self.close(span);
        Ok(())
    }

    fn body(&mut self, id: SchemaId, value: &Value, span: u32) -> Result<(), EncodeError> {
        let schema = self.schema;
        match (schema.kind(id), value) {
            (Kind::Null, Value::Null) => {}
            (Kind::Boolean, Value::Boolean(b)) => self.out.push(u8::from(*b)),
            (Kind::Int, Value::Int(i)) => write_long(&mut self.out, i64::from(*i)),
            (Kind::Long, Value::Long(l)) => write_long(&mut self.out, *l),
            (Kind::Float, Value::Float(f)) => self.out.extend_from_slice(&f.to_le_bytes()),
            (Kind::Double, Value::Double(d)) => self.out.extend_from_slice(&d.to_le_bytes()),
            (Kind::Bytes, Value::Bytes(b)) => self.length_prefixed(id, span, b),
            (Kind::String, Value::String(s)) => self.length_prefixed(id, span, s.as_bytes()),
            (Kind::Fixed(f), Value::Fixed(b)) if b.len() == f.size => self.out.extend_from_slice(b),
            (Kind::Enum(e), Value::Enum(i, _)) if (*i as usize) < e.symbols.len() => {
                write_long(&mut self.out, i64::from(*i))
            }
            (Kind::Union(branches), Value::Union(i, inner)) => {
                let Some(&branch) = branches.get(*i as usize) else {
                    return self.mismatch(id, value);
                };
                self.long_span(Part::BranchIndex, id, span, *i, i64::from(*i));
                let wrapped = !matches!(schema.kind(branch), Kind::Null);
                if wrapped {
                    self.path.push(schema.branch_name(branch));
                }
                self.value(branch, inner, span, *i)?;
                if wrapped {
                    self.path.pop();
                }
            }
            (Kind::Record(r), Value::Record(fields)) if fields.len() == r.fields.len() => {
                for (i, (f, (_, v))) in r.fields.iter().zip(fields).enumerate() {
                    self.path.push(f.name.clone());
                    self.value(f.schema, v, span, i as u32)?;
                    self.path.pop();
                }
            }
            (Kind::Array(items), Value::Array(values)) => {
                if !values.is_empty() {
                    self.long_span(Part::BlockCount, id, span, 0, values.len() as i64);
                    for (i, v) in values.iter().enumerate() {
                        self.path.push(i.to_string());
                        self.value(*items, v, span, i as u32)?;
                        self.path.pop();
                    }
                }
                self.long_span(Part::BlockEnd, id, span, u32::from(!values.is_empty()), 0);
            }
            (Kind::Map(values_schema), Value::Map(entries)) => {
                if !entries.is_empty() {
                    self.long_span(Part::BlockCount, id, span, 0, entries.len() as i64);
                    for (i, (k, v)) in entries.iter().enumerate() {
                        let key_span = self.open(Part::MapKey, id, span, i as u32);
                        self.length_prefixed(id, key_span, k.as_bytes());
                        self.close(key_span);
                        self.path.push(k.clone());
                        self.value(*values_schema, v, span, i as u32)?;
                        self.path.pop();
                    }
                }
                self.long_span(Part::BlockEnd, id, span, u32::from(!entries.is_empty()), 0);
            }
            _ => return self.mismatch(id, value),
        }
        Ok(())
    }
}
