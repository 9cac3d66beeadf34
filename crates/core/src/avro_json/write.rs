//! Writing a [`Value`] as Avro JSON. The writer keeps its own stack of tasks instead of recursing, so no
//! value, however deep, can exhaust the call stack.

use super::Layout;
use crate::schema::{Kind, Schema, SchemaId};
use crate::source::{write_json_char, write_json_string};
use crate::value::Value;
use std::borrow::Cow;
use std::fmt::Write as _;

/// One step of writing, taken from the top of the stack.
enum Task<'v> {
    /// Write a value; the schema id is `None` where the value no longer follows the schema.
    Value(Option<SchemaId>, &'v Value, usize),
    /// Start an array item or object member at this depth: a comma unless first, then a line break.
    Lead { first: bool, depth: usize },
    /// An object key at this depth (after its lead).
    Key(Cow<'v, str>),
    /// Close an array or object opened at this depth.
    Close { bracket: char, depth: usize },
}

/// Writes `value` as Avro JSON, guided by the type `id` of `schema` where the value follows it.
pub(super) fn write(
    schema: &Schema,
    id: Option<SchemaId>,
    value: &Value,
    layout: Layout,
) -> String {
    let mut out = String::new();
    let mut stack = vec![Task::Value(id, value, 0)];
    while let Some(task) = stack.pop() {
        match task {
            Task::Value(id, value, depth) => {
                write_value(schema, id, value, depth, &mut out, &mut stack)
            }
            Task::Lead { first, depth } => {
                if !first {
                    out.push(',');
                }
                line_break(&mut out, layout, depth);
            }
            Task::Key(key) => {
                write_json_string(&mut out, &key);
                out.push(':');
                if layout == Layout::Pretty {
                    out.push(' ');
                }
            }
            Task::Close { bracket, depth } => {
                line_break(&mut out, layout, depth);
                out.push(bracket);
            }
        }
    }
    out
}

fn line_break(out: &mut String, layout: Layout, depth: usize) {
    if layout == Layout::Pretty {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

fn write_value<'v>(
    schema: &Schema,
    id: Option<SchemaId>,
    value: &'v Value,
    depth: usize,
    out: &mut String,
    stack: &mut Vec<Task<'v>>,
) {
    let kind = id.map(|id| schema.kind(id));
    match value {
        Value::Null => out.push_str("null"),
        Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Long(l) => {
            let _ = write!(out, "{l}");
        }
        Value::Float(f) => write_float(out, *f),
        Value::Double(d) => write_double(out, *d),
        Value::Bytes(b) | Value::Fixed(b) => write_latin1(out, b),
        Value::String(s) | Value::Enum(_, s) => write_json_string(out, s),
        Value::Array(items) => {
            let item_id = match kind {
                Some(Kind::Array(items)) => Some(*items),
                _ => None,
            };
            open(out, stack, '[', ']', depth, items.is_empty());
            for (i, item) in items.iter().enumerate().rev() {
                stack.push(Task::Value(item_id, item, depth + 1));
                stack.push(Task::Lead {
                    first: i == 0,
                    depth: depth + 1,
                });
            }
        }
        Value::Map(entries) => {
            let value_id = match kind {
                Some(Kind::Map(values)) => Some(*values),
                _ => None,
            };
            let members = entries
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), value_id, v));
            write_members(out, stack, depth, members.collect());
        }
        Value::Record(fields) => {
            let members = fields.iter().enumerate().map(|(i, (name, v))| {
                (Cow::Borrowed(name.as_str()), field_schema(kind, i, name), v)
            });
            write_members(out, stack, depth, members.collect());
        }
        Value::Union(index, inner) => write_union(schema, kind, *index, inner, depth, out, stack),
    }
}

/// The schema of the record field at `position` named `name`, if the value still follows the schema.
fn field_schema(kind: Option<&Kind>, position: usize, name: &str) -> Option<SchemaId> {
    let Some(Kind::Record(record)) = kind else {
        return None;
    };
    match record.fields.get(position) {
        Some(field) if field.name == name => Some(field.schema),
        _ => record
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.schema),
    }
}

fn write_union<'v>(
    schema: &Schema,
    kind: Option<&Kind>,
    index: u32,
    inner: &'v Value,
    depth: usize,
    out: &mut String,
    stack: &mut Vec<Task<'v>>,
) {
    let branch = match kind {
        Some(Kind::Union(branches)) => branches.get(index as usize).copied(),
        _ => None,
    };
    let is_null = match branch {
        Some(b) => matches!(schema.kind(b), Kind::Null),
        None => matches!(inner, Value::Null),
    };
    if is_null {
        out.push_str("null");
        return;
    }
    let name = match branch {
        Some(b) => Cow::Owned(schema.branch_name(b)),
        None => Cow::Borrowed(inner.type_name()),
    };
    write_members(out, stack, depth, vec![(name, branch, inner)]);
}

/// Opens an object whose members are written next, from the stack.
fn write_members<'v>(
    out: &mut String,
    stack: &mut Vec<Task<'v>>,
    depth: usize,
    members: Vec<(Cow<'v, str>, Option<SchemaId>, &'v Value)>,
) {
    open(out, stack, '{', '}', depth, members.is_empty());
    for (i, (key, id, value)) in members.into_iter().enumerate().rev() {
        stack.push(Task::Value(id, value, depth + 1));
        stack.push(Task::Key(key));
        stack.push(Task::Lead {
            first: i == 0,
            depth: depth + 1,
        });
    }
}

/// Writes the opening bracket and schedules the closing one; an empty container closes on the same line.
fn open(
    out: &mut String,
    stack: &mut Vec<Task<'_>>,
    open: char,
    close: char,
    depth: usize,
    empty: bool,
) {
    out.push(open);
    if empty {
        out.push(close);
    } else {
        stack.push(Task::Close {
            bracket: close,
            depth,
        });
    }
}

/// NaN and the infinities as Java's `JsonEncoder` (Jackson) writes them: quoted strings.
fn non_finite(out: &mut String, nan: bool, negative: bool) {
    out.push_str(match (nan, negative) {
        (true, _) => "\"NaN\"",
        (false, false) => "\"Infinity\"",
        (false, true) => "\"-Infinity\"",
    });
}

/// The shortest text that reads back as the same `f32` (Rust's `Debug` is shortest round-trip and always
/// has a `.` or an exponent, both valid JSON).
pub(super) fn write_float(out: &mut String, f: f32) {
    if f.is_finite() {
        let _ = write!(out, "{f:?}");
    } else {
        non_finite(out, f.is_nan(), f.is_sign_negative());
    }
}

/// The shortest text that reads back as the same `f64`.
pub(super) fn write_double(out: &mut String, d: f64) {
    if d.is_finite() {
        let _ = write!(out, "{d:?}");
    } else {
        non_finite(out, d.is_nan(), d.is_sign_negative());
    }
}

/// Bytes as a JSON string whose code points 0–255 are the bytes.
pub(super) fn write_latin1(out: &mut String, bytes: &[u8]) {
    out.push('"');
    for &b in bytes {
        write_json_char(out, char::from(b));
    }
    out.push('"');
}
