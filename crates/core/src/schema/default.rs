//! Field default values (specification: Records, "default"). Defaults are plain JSON, not Avro JSON:
//! union values are not wrapped, and since 1.12 a union default may match any branch (the first that matches).

use super::{Kind, Schema, SchemaId};
use crate::source::{Json, JsonValue, TextRange};

/// How a valid default matched its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultMatch {
    /// For a union, the index of the first branch the default matches.
    pub branch: Option<usize>,
}

/// Why a default does not fit its type: the innermost offending JSON node and the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct DefaultProblem {
    /// Where in the default's JSON.
    pub range: TextRange,
    /// What was expected.
    pub message: String,
}

/// Checks `default` against the type `id`; a union default may match any branch (Avro 1.12).
pub fn check_default(
    schema: &Schema,
    id: SchemaId,
    default: &Json,
) -> Result<DefaultMatch, DefaultProblem> {
    if let Kind::Union(branches) = schema.kind(id) {
        let mut first_problem = None;
        for (i, b) in branches.iter().enumerate() {
            match matches(schema, *b, default) {
                Ok(()) => return Ok(DefaultMatch { branch: Some(i) }),
                Err(p) => {
                    first_problem.get_or_insert(p);
                }
            }
        }
        let names: Vec<String> = branches.iter().map(|b| schema.branch_name(*b)).collect();
        let hint = if matches!(&default.value, JsonValue::Object(m) if m.len() == 1 && names.contains(&m[0].key))
        {
            " (a union default is written unwrapped, e.g. 1 rather than {\"int\": 1})"
        } else {
            ""
        };
        return Err(DefaultProblem {
            range: default.range,
            message: format!(
                "default {} matches no branch of the union [{}]{hint}",
                short(default),
                names.join(", ")
            ),
        });
    }
    matches(schema, id, default).map(|()| DefaultMatch { branch: None })
}

fn short(json: &Json) -> String {
    let text = json.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

fn fail(json: &Json, expected: &str) -> Result<(), DefaultProblem> {
    Err(DefaultProblem {
        range: json.range,
        message: format!("default {} is not {expected}", short(json)),
    })
}

fn integer_in(json: &Json, min: i64, max: i64, what: &str) -> Result<(), DefaultProblem> {
    match &json.value {
        JsonValue::Number(t) => match t.parse::<i64>() {
            Ok(v) if v >= min && v <= max => Ok(()),
            _ => fail(json, what),
        },
        _ => fail(json, what),
    }
}

fn latin1(json: &Json, len: Option<usize>, what: &str) -> Result<(), DefaultProblem> {
    match &json.value {
        JsonValue::String(s) if s.chars().all(|c| (c as u32) <= 0xFF) => match len {
            Some(n) if s.chars().count() != n => fail(json, what),
            _ => Ok(()),
        },
        _ => fail(json, what),
    }
}

fn matches(schema: &Schema, id: SchemaId, json: &Json) -> Result<(), DefaultProblem> {
    match schema.kind(id) {
        Kind::Null => match json.value {
            JsonValue::Null => Ok(()),
            _ => fail(json, "null"),
        },
        Kind::Boolean => match json.value {
            JsonValue::Bool(_) => Ok(()),
            _ => fail(json, "a boolean"),
        },
        Kind::Int => integer_in(
            json,
            i32::MIN.into(),
            i32::MAX.into(),
            "an int (a 32-bit integer)",
        ),
        Kind::Long => integer_in(json, i64::MIN, i64::MAX, "a long (a 64-bit integer)"),
        Kind::Float | Kind::Double => match json.value {
            JsonValue::Number(_) => Ok(()),
            _ => fail(json, "a number"),
        },
        Kind::Bytes => latin1(json, None, "a string of code points 0-255 (bytes)"),
        Kind::String => match json.value {
            JsonValue::String(_) => Ok(()),
            _ => fail(json, "a string"),
        },
        Kind::Fixed(f) => latin1(
            json,
            Some(f.size),
            &format!("a string of {} code points 0-255 (fixed)", f.size),
        ),
        Kind::Enum(e) => match &json.value {
            JsonValue::String(s) if e.symbols.contains(s) => Ok(()),
            _ => fail(json, &format!("one of the symbols of enum {}", e.name)),
        },
        Kind::Array(items) => match &json.value {
            JsonValue::Array(elements) => {
                elements.iter().try_for_each(|e| matches(schema, *items, e))
            }
            _ => fail(json, "an array"),
        },
        Kind::Map(values) => match &json.value {
            JsonValue::Object(members) => members
                .iter()
                .try_for_each(|m| matches(schema, *values, &m.value)),
            _ => fail(json, "an object (map)"),
        },
        Kind::Record(r) => match &json.value {
            JsonValue::Object(_) => {
                for field in &r.fields {
                    match json.get(&field.name) {
                        Some(m) => check_default(schema, field.schema, &m.value).map(|_| ())?,
                        None if field.default.is_some() => {}
                        None => {
                            return Err(DefaultProblem {
                                range: json.range,
                                message: format!(
                                    "default for record {} lacks field `{}`, which has no default of its own",
                                    r.name, field.name
                                ),
                            })
                        }
                    }
                }
                Ok(())
            }
            _ => fail(json, &format!("an object (record {})", r.name)),
        },
        // A union nested directly in a union is rejected at parse time; inside a record or array the
        // 1.12 rule applies again.
        Kind::Union(_) => check_default(schema, id, json).map(|_| ()),
    }
}
