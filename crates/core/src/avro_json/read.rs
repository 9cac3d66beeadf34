//! Reading JSON into a [`Value`], guided by the schema: Avro JSON exactly, plain JSON leniently (see
//! [`super::plain`]), and field defaults (plain JSON whose unions take the first branch that fits).

use super::locate::{char_in_string_literal, line_columns};
use super::write::write;
use super::{plain, Conversion, DatumError, Layout};
use crate::schema::{Enum, Field, Kind, Record, Schema, SchemaId};
use crate::source::{line_column, Json, JsonValue, Member, Pointer, TextRange, MAX_JSON_DEPTH};
use crate::value::Value;
use std::collections::HashSet;
use std::fmt;

/// How strictly JSON is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Avro JSON, exactly.
    Avro,
    /// Plain JSON: Avro JSON, or what producers write instead (each difference is a conversion).
    Plain,
    /// A field default: plain JSON per the spec (unions unwrapped, the first branch that fits).
    Default,
}

/// How deep reading may nest: JSON nesting plus defaults filled inside defaults.
const MAX_NESTING: usize = MAX_JSON_DEPTH + 64;

/// Reading steps allowed besides eight per byte of text: bounds union trials and defaults that expand.
const BASE_STEPS: usize = 1 << 21;

/// Why reading stopped when the steps ran out.
const STEPS_EXHAUSTED: &str =
    "reading stopped: the datum takes too many steps (union values that fit several \
    branches deeply, or defaults that expand without end)";

/// A fault that stops reading: no other union branch may be tried after it.
#[cold]
#[inline(never)]
fn stopped(message: String, json: &Json, at: &Pointer) -> Fault {
    Fault {
        message,
        pointer: at.clone(),
        range: json.range,
        fatal: true,
    }
}

/// An error whose line:column is not yet computed (that costs a pass over the text).
#[derive(Clone, Debug)]
pub(super) struct Fault {
    /// What was expected and found, prefixed by the label.
    pub message: String,
    /// Where in the datum.
    pub pointer: Pointer,
    /// The offending JSON's bytes in the datum text.
    pub range: TextRange,
    /// Reading must stop (step budget or nesting exhausted): no other union branch may be tried.
    pub fatal: bool,
}

/// A conversion whose line:column is not yet computed.
#[derive(Clone, Debug)]
pub(super) struct Converted {
    /// Where in the datum.
    pub pointer: Pointer,
    /// The converted JSON's bytes in the datum text.
    pub range: TextRange,
    /// What differed from Avro JSON.
    pub message: String,
    /// How Avro JSON writes it (shortened).
    pub avro_json: String,
}

/// Where a value sits, named for messages: "`field b`: expected an int…".
#[derive(Clone, Copy, Debug)]
pub(super) enum Label<'a> {
    /// The whole datum: no prefix.
    Root,
    /// A record field's value.
    Field(&'a str),
    /// An array item.
    Item(usize),
    /// A map value.
    MapValue(&'a str),
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Root => Ok(()),
            Label::Field(name) => write!(f, "`field {name}`: "),
            Label::Item(i) => write!(f, "`item {i}`: "),
            Label::MapValue(key) => write!(f, "`value of key {key:?}`: "),
        }
    }
}

/// A fault at `at` with `what` prefixed by the label.
#[inline(never)]
pub(super) fn fault(
    label: Label<'_>,
    at: &Pointer,
    range: TextRange,
    what: impl fmt::Display,
) -> Fault {
    Fault {
        message: format!("{label}{what}"),
        pointer: at.clone(),
        range,
        fatal: false,
    }
}

/// The result of reading a value aside, to compare union branches.
pub(super) struct Trial {
    /// The value read.
    pub value: Value,
    /// The conversions it needed.
    pub conversions: Vec<Converted>,
    /// The integers it read as float or double.
    pub promotions: usize,
}

/// The reading state.
pub(super) struct Reader<'s> {
    /// The schema guiding the reading.
    pub schema: &'s Schema,
    /// The datum text the JSON ranges refer to.
    pub text: &'s str,
    /// How strictly to read (switched to `Default` while a default is read).
    pub mode: Mode,
    /// Conversions so far (plain JSON only).
    pub conversions: Vec<Converted>,
    /// Integers read as float or double: a union branch of an integer type fits such a value better.
    pub promotions: usize,
    /// Reading steps left before reading stops.
    steps_left: usize,
    /// How deep reading is now.
    nesting: usize,
}

/// Reads `json` as a datum of `schema` in `mode`, turning faults and conversions into located ones.
pub(super) fn read_datum(
    schema: &Schema,
    json: &Json,
    text: &str,
    mode: Mode,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    let mut reader = Reader {
        schema,
        text,
        mode,
        conversions: Vec::new(),
        promotions: 0,
        steps_left: BASE_STEPS.saturating_add(text.len().saturating_mul(8)),
        nesting: 0,
    };
    match reader.read(schema.root(), json, &Pointer::root(), Label::Root) {
        Ok(value) => Ok((value, locate_conversions(text, reader.conversions))),
        Err(f) => Err(DatumError {
            position: line_column(text, f.range.start),
            message: f.message,
            pointer: f.pointer,
            range: f.range,
        }),
    }
}

/// The value of `field`'s default: plain JSON read with the field's type, a union default on the branch
/// the schema parser found (any branch since 1.12). `None` when the field has no default.
pub(super) fn read_field_default(schema: &Schema, field: &Field) -> Option<Value> {
    let default = field.default.as_ref()?;
    let mut reader = Reader {
        schema,
        text: "",
        mode: Mode::Default,
        conversions: Vec::new(),
        promotions: 0,
        steps_left: BASE_STEPS,
        nesting: 0,
    };
    reader.read_default(field, default, &Pointer::root()).ok()
}

/// Conversions in document order (outer before inner), with their line:column.
fn locate_conversions(text: &str, mut found: Vec<Converted>) -> Vec<Conversion> {
    found.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    let offsets: Vec<usize> = found.iter().map(|c| c.range.start).collect();
    let positions = line_columns(text, &offsets);
    found
        .into_iter()
        .zip(positions)
        .map(|(c, position)| Conversion {
            pointer: c.pointer,
            range: c.range,
            position,
            message: c.message,
            avro_json: c.avro_json,
        })
        .collect()
}

impl Reader<'_> {
    /// Reads `json` as a value of the type `id`.
    pub fn read(
        &mut self,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        self.charge(json, at)?;
        let schema = self.schema;
        let strict = match schema.kind(id) {
            Kind::Array(items) => return self.array(*items, id, json, at, label),
            Kind::Map(values) => return self.map(*values, id, json, at, label),
            Kind::Record(record) => return self.record(record, id, json, at, label),
            Kind::Union(branches) => return self.union(branches, id, json, at, label),
            Kind::Enum(e) => self.symbol(e, id, json, at, label),
            _ => self.scalar(id, json, at, label),
        };
        match strict {
            Err(f) if self.mode == Mode::Plain => {
                plain::convert(self, id, json, at, label).unwrap_or(Err(f))
            }
            other => other,
        }
    }

    fn charge(&mut self, json: &Json, at: &Pointer) -> Result<(), Fault> {
        if self.steps_left == 0 {
            return Err(stopped(STEPS_EXHAUSTED.to_string(), json, at));
        }
        self.steps_left -= 1;
        Ok(())
    }

    /// Runs `read` one level deeper, refusing to nest without bound.
    pub fn nested<T>(
        &mut self,
        json: &Json,
        at: &Pointer,
        read: impl FnOnce(&mut Self) -> Result<T, Fault>,
    ) -> Result<T, Fault> {
        if self.nesting >= MAX_NESTING {
            let why = format!("reading stopped: values nest deeper than {MAX_NESTING} levels");
            return Err(stopped(why, json, at));
        }
        self.nesting += 1;
        let result = read(self);
        self.nesting -= 1;
        result
    }

    /// Reads a value aside, keeping its conversions apart, to compare union branches.
    pub fn trial(
        &mut self,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Trial, Fault> {
        let outer_conversions = std::mem::take(&mut self.conversions);
        let outer_promotions = std::mem::replace(&mut self.promotions, 0);
        let result = self.read(id, json, at, label);
        let conversions = std::mem::replace(&mut self.conversions, outer_conversions);
        let promotions = std::mem::replace(&mut self.promotions, outer_promotions);
        result.map(|value| Trial {
            value,
            conversions,
            promotions,
        })
    }

    /// Keeps the conversions and promotions of a trial whose value was taken.
    pub fn keep(&mut self, conversions: Vec<Converted>, promotions: usize) {
        self.conversions.extend(conversions);
        self.promotions += promotions;
    }

    /// Records that plain JSON at `at` differed from Avro JSON, which writes `value` (of type `id`).
    #[inline(never)]
    pub fn convert(
        &mut self,
        id: SchemaId,
        value: &Value,
        json: &Json,
        at: &Pointer,
        message: String,
    ) {
        let avro_json = abbreviate(write(self.schema, Some(id), value, Layout::Compact));
        self.conversions.push(Converted {
            pointer: at.clone(),
            range: json.range,
            message,
            avro_json,
        });
    }

    /// "expected <what the schema says>, found <what the JSON holds>".
    #[inline(never)]
    pub fn expected(&self, id: SchemaId, json: &Json, at: &Pointer, label: Label<'_>) -> Fault {
        let what = expectation(self.schema, id, self.mode);
        fault(
            label,
            at,
            json.range,
            format!("expected {what}, found {}", found(json)),
        )
    }

    #[inline(never)]
    fn scalar(
        &mut self,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let value = match (self.schema.kind(id), &json.value) {
            (Kind::Null, JsonValue::Null) => Value::Null,
            (Kind::Boolean, JsonValue::Bool(b)) => Value::Boolean(*b),
            (Kind::String, JsonValue::String(s)) => Value::String(s.clone()),
            (Kind::Int, JsonValue::Number(t)) => {
                let v = self.integer(
                    t,
                    i32::MIN.into(),
                    i32::MAX.into(),
                    "an int",
                    json,
                    at,
                    label,
                )?;
                Value::Int(i32::try_from(v).unwrap_or_default())
            }
            (Kind::Long, JsonValue::Number(t)) => {
                Value::Long(self.integer(t, i64::MIN, i64::MAX, "a long", json, at, label)?)
            }
            (Kind::Float, JsonValue::Number(_) | JsonValue::String(_)) => {
                Value::Float(self.floating(id, json, at, label, f32_of)?)
            }
            (Kind::Double, JsonValue::Number(_) | JsonValue::String(_)) => {
                Value::Double(self.floating(id, json, at, label, f64_of)?)
            }
            (Kind::Bytes, JsonValue::String(s)) => Value::Bytes(self.latin1(s, json, at, label)?),
            (Kind::Fixed(f), JsonValue::String(s)) => {
                let bytes = self.latin1(s, json, at, label)?;
                if bytes.len() != f.size {
                    let what = expectation(self.schema, id, self.mode);
                    let found = bytes.len();
                    return Err(fault(
                        label,
                        at,
                        json.range,
                        format!("expected {what}, found a string of {found} code points"),
                    ));
                }
                Value::Fixed(bytes)
            }
            _ => return Err(self.expected(id, json, at, label)),
        };
        Ok(value)
    }

    /// A JSON integer in `[min, max]`, from its exact text.
    #[allow(clippy::too_many_arguments)]
    fn integer(
        &self,
        text: &str,
        min: i64,
        max: i64,
        what: &str,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<i64, Fault> {
        if text.contains(['.', 'e', 'E']) {
            let why = "Avro JSON writes it as an integer, without a fraction or exponent";
            return Err(fault(
                label,
                at,
                json.range,
                format!("expected {what}, found {text}: {why}"),
            ));
        }
        match text.parse::<i64>() {
            Ok(v) if (min..=max).contains(&v) => Ok(v),
            _ => Err(fault(
                label,
                at,
                json.range,
                format!("{text} is outside the range of {what} ({min} to {max})"),
            )),
        }
    }

    /// A float or double: a JSON number, or the strings Java writes for NaN and the infinities.
    fn floating<T>(
        &mut self,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, Fault> {
        match &json.value {
            JsonValue::Number(text) => {
                if !text.contains(['.', 'e', 'E']) {
                    self.promotions += 1;
                }
                let type_name = self.schema.kind(id).type_name();
                parse(text).ok_or_else(|| {
                    fault(
                        label,
                        at,
                        json.range,
                        format!("{text} is too large for a {type_name}"),
                    )
                })
            }
            JsonValue::String(s) if JAVA_NON_FINITE.contains(&s.as_str()) => {
                parse(s).ok_or_else(|| self.expected(id, json, at, label))
            }
            _ => Err(self.expected(id, json, at, label)),
        }
    }

    /// The bytes of a string whose code points are 0–255.
    fn latin1(
        &self,
        s: &str,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Vec<u8>, Fault> {
        let mut bytes = Vec::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            match u8::try_from(u32::from(c)) {
                Ok(b) => bytes.push(b),
                Err(_) => {
                    let range = char_in_string_literal(self.text, json.range, i);
                    let what = format!(
                        "character {} of the string is U+{:04X} {c:?}, beyond U+00FF: bytes are written as a \
                         string of code points 0-255, one per byte",
                        i + 1,
                        u32::from(c)
                    );
                    return Err(fault(label, at, range, what));
                }
            }
        }
        Ok(bytes)
    }

    #[inline(never)]
    fn symbol(
        &self,
        e: &Enum,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let JsonValue::String(s) = &json.value else {
            return Err(self.expected(id, json, at, label));
        };
        match e.symbols.iter().position(|symbol| symbol == s) {
            Some(i) => Ok(Value::Enum(i as u32, s.clone())),
            None => {
                let what = format!(
                    "{s:?} is not a symbol of enum {} ({})",
                    e.name,
                    list(&e.symbols, 12)
                );
                Err(fault(label, at, json.range, what))
            }
        }
    }

    fn array(
        &mut self,
        items: SchemaId,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let JsonValue::Array(elements) = &json.value else {
            return Err(self.expected(id, json, at, label));
        };
        let mut values = Vec::with_capacity(elements.len());
        for (i, element) in elements.iter().enumerate() {
            let here = at.push(i);
            values.push(self.nested(element, &here, |r| {
                r.read(items, element, &here, Label::Item(i))
            })?);
        }
        Ok(Value::Array(values))
    }

    fn map(
        &mut self,
        values: SchemaId,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let JsonValue::Object(members) = &json.value else {
            return Err(self.expected(id, json, at, label));
        };
        let mut seen = HashSet::with_capacity(members.len());
        let mut entries = Vec::with_capacity(members.len());
        for m in members {
            let here = at.push(&m.key);
            if !seen.insert(m.key.as_str()) {
                let what = format!("key {:?} appears twice; a map holds each key once", m.key);
                return Err(fault(label, &here, m.key_range, what));
            }
            let value = self.nested(&m.value, &here, |r| {
                r.read(values, &m.value, &here, Label::MapValue(&m.key))
            })?;
            entries.push((m.key.clone(), value));
        }
        Ok(Value::Map(entries))
    }

    fn record(
        &mut self,
        record: &Record,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let JsonValue::Object(members) = &json.value else {
            return Err(self.expected(id, json, at, label));
        };
        let mut slots: Vec<Option<Value>> = vec![None; record.fields.len()];
        for m in members {
            let here = at.push(&m.key);
            let Some((index, field)) = record
                .fields
                .iter()
                .enumerate()
                .find(|(_, f)| f.name == m.key)
            else {
                return Err(unknown_field(record, m, &here, label));
            };
            let Some(slot) = slots.get_mut(index).filter(|s| s.is_none()) else {
                let what = format!("field `{}` appears twice", m.key);
                return Err(fault(label, &here, m.key_range, what));
            };
            let name = field.name.as_str();
            *slot = Some(self.nested(&m.value, &here, |r| {
                r.read(field.schema, &m.value, &here, Label::Field(name))
            })?);
        }
        let mut fields = Vec::with_capacity(record.fields.len());
        for (field, slot) in record.fields.iter().zip(slots) {
            let value = match slot {
                Some(value) => value,
                None => self.default_of(record, field, json, at, label)?,
            };
            fields.push((field.name.clone(), value));
        }
        Ok(Value::Record(fields))
    }

    /// The value of a field missing from the JSON: its default, converted with the field's type.
    #[inline(never)]
    fn default_of(
        &mut self,
        record: &Record,
        field: &Field,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let Some(default) = &field.default else {
            let what = format!(
                "missing field `{}` of record {}, which has no default",
                field.name, record.name
            );
            return Err(fault(label, at, json.range, what));
        };
        let outer_mode = std::mem::replace(&mut self.mode, Mode::Default);
        let here = at.push(&field.name);
        let result = self.nested(json, at, |r| r.read_default(field, default, &here));
        self.mode = outer_mode;
        match result {
            Err(inner) if outer_mode != Mode::Default && !inner.fatal => {
                let what = format!(
                    "field `{}` is missing and its default cannot be used: {}",
                    field.name, inner.message
                );
                Err(fault(label, at, json.range, what))
            }
            Err(inner) => Err(Fault {
                pointer: at.clone(),
                range: json.range,
                ..inner
            }),
            ok => ok,
        }
    }

    /// A default: a union default matches the branch the schema parser found (any branch since 1.12).
    fn read_default(
        &mut self,
        field: &Field,
        default: &Json,
        at: &Pointer,
    ) -> Result<Value, Fault> {
        let label = Label::Field(&field.name);
        if let (Kind::Union(branches), Some(index)) =
            (self.schema.kind(field.schema), field.default_branch)
        {
            if let Some(&branch) = branches.get(index) {
                let value = self.read(branch, default, at, label)?;
                return Ok(Value::Union(index as u32, Box::new(value)));
            }
        }
        self.read(field.schema, default, at, label)
    }

    fn union(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        match self.mode {
            Mode::Avro => self.wrapped_union(branches, id, json, at, label),
            Mode::Plain => plain::union(self, branches, id, json, at, label),
            Mode::Default => self.first_fitting_branch(branches, id, json, at, label),
        }
    }

    /// Avro JSON: `null`, or `{"<branch name>": value}`.
    pub fn wrapped_union(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        match &json.value {
            JsonValue::Null => match branches
                .iter()
                .position(|b| matches!(self.schema.kind(*b), Kind::Null))
            {
                Some(index) => Ok(Value::Union(index as u32, Box::new(Value::Null))),
                None => Err(self.expected(id, json, at, label)),
            },
            JsonValue::Object(members) if members.len() == 1 => {
                let Some(member) = members.first() else {
                    return Err(self.expected(id, json, at, label));
                };
                let (index, branch) = self
                    .branch_by_key(branches, &member.key)
                    .map_err(|what| fault(label, at, member.key_range, what))?;
                let here = at.push(&member.key);
                let value = self.nested(&member.value, &here, |r| {
                    r.read(branch, &member.value, &here, label)
                })?;
                Ok(Value::Union(index as u32, Box::new(value)))
            }
            _ => Err(self.expected(id, json, at, label)),
        }
    }

    /// The branch a wrapper key names: its full name (or type name) first, else a unique short name.
    #[inline(never)]
    pub fn branch_by_key(
        &self,
        branches: &[SchemaId],
        key: &str,
    ) -> Result<(usize, SchemaId), String> {
        let names: Vec<String> = branches
            .iter()
            .map(|b| self.schema.branch_name(*b))
            .collect();
        if let Some(index) = names.iter().position(|n| n == key) {
            if let Some(&branch) = branches.get(index) {
                return Ok((index, branch));
            }
        }
        let short: Vec<usize> = branches
            .iter()
            .enumerate()
            .filter(|(_, b)| self.schema.kind(**b).name().is_some_and(|n| n.name == key))
            .map(|(i, _)| i)
            .collect();
        match short.as_slice() {
            [index] => match branches.get(*index) {
                Some(&branch) => Ok((*index, branch)),
                None => Err(format!(
                    "`{key}` is not a branch of union [{}]",
                    names.join(", ")
                )),
            },
            [] => Err(format!(
                "`{key}` is not a branch of union [{}]; Avro JSON writes a union value as null or \
                 {{\"<branch name>\": value}}",
                names.join(", ")
            )),
            several => {
                let full: Vec<&str> = several
                    .iter()
                    .filter_map(|i| names.get(*i))
                    .map(String::as_str)
                    .collect();
                Err(format!(
                    "`{key}` is ambiguous in union [{}]: it is the short name of {}; write the full name",
                    names.join(", "),
                    full.join(" and ")
                ))
            }
        }
    }

    /// A union value in a default: unwrapped, the first branch it fits (specification 1.12, Unions).
    #[inline(never)]
    fn first_fitting_branch(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        for (index, &branch) in branches.iter().enumerate() {
            match self.read(branch, json, at, label) {
                Ok(value) => return Ok(Value::Union(index as u32, Box::new(value))),
                Err(f) if f.fatal => return Err(f),
                Err(_) => {}
            }
        }
        Err(self.expected(id, json, at, label))
    }
}

#[inline(never)]
fn unknown_field(record: &Record, member: &Member, at: &Pointer, label: Label<'_>) -> Fault {
    let names: Vec<String> = record.fields.iter().map(|f| f.name.clone()).collect();
    let fields = if names.is_empty() {
        "no fields".to_string()
    } else {
        format!("the fields {}", list(&names, 12))
    };
    let what = format!(
        "unknown field `{}`: record {} has {fields}",
        member.key, record.name
    );
    fault(label, at, member.key_range, what)
}

/// The strings Java's `JsonDecoder` reads as NaN and the infinities (its encoder writes the first three).
pub(super) const JAVA_NON_FINITE: [&str; 5] = ["NaN", "Infinity", "-Infinity", "INF", "-INF"];

/// A float from a JSON number's text or a name of Java's for NaN and the infinities; `None` when the number
/// is too large for a float.
pub(super) fn f32_of(text: &str) -> Option<f32> {
    match text {
        "NaN" => Some(f32::NAN),
        "Infinity" | "INF" => Some(f32::INFINITY),
        "-Infinity" | "-INF" => Some(f32::NEG_INFINITY),
        _ => text.parse::<f32>().ok().filter(|f| f.is_finite()),
    }
}

/// A double, as [`f32_of`].
pub(super) fn f64_of(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" | "INF" => Some(f64::INFINITY),
        "-Infinity" | "-INF" => Some(f64::NEG_INFINITY),
        _ => text.parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}

/// What the schema expects at `id`, in words.
pub(super) fn expectation(schema: &Schema, id: SchemaId, mode: Mode) -> String {
    let node = schema.node(id);
    let base = match &node.kind {
        Kind::Null => "null".to_string(),
        Kind::Boolean => "a boolean".into(),
        Kind::Int => "an int".into(),
        Kind::Long => "a long".into(),
        Kind::Float => "a float".into(),
        Kind::Double => "a double".into(),
        Kind::String => "a string".into(),
        Kind::Bytes => "bytes (a string of code points 0-255)".into(),
        Kind::Fixed(f) => format!(
            "fixed {} (a string of {} code points 0-255)",
            f.name, f.size
        ),
        Kind::Enum(e) => format!("a symbol of enum {} ({})", e.name, list(&e.symbols, 12)),
        Kind::Array(items) => format!("an array of {}", schema.branch_name(*items)),
        Kind::Map(values) => format!("an object (a map of {})", schema.branch_name(*values)),
        Kind::Record(r) => format!("an object (record {})", r.name),
        Kind::Union(branches) => {
            let names: Vec<String> = branches.iter().map(|b| schema.branch_name(*b)).collect();
            match mode {
                Mode::Plain | Mode::Default => {
                    format!("a value of a branch of union [{}]", names.join(", "))
                }
                Mode::Avro if names.iter().any(|n| n == "null") => format!(
                    "a value of union [{}]: null or {{\"<branch name>\": value}}",
                    names.join(", ")
                ),
                Mode::Avro => format!(
                    "a value of union [{}]: {{\"<branch name>\": value}}",
                    names.join(", ")
                ),
            }
        }
    };
    match &node.logical {
        Some(l) => format!("{base} ({})", l.name()),
        None => base,
    }
}

/// What the JSON holds, in words: `the string "5"`, `1.5`, `an object`.
pub(super) fn found(json: &Json) -> String {
    match &json.value {
        JsonValue::Number(text) => format!("the number {}", shorten(text, 40)),
        JsonValue::String(s) => {
            let mut quoted = String::new();
            crate::source::write_json_string(&mut quoted, &shorten(s, 40));
            format!("the string {quoted}")
        }
        JsonValue::Bool(b) => format!("{b}"),
        _ => json.kind_name().to_string(),
    }
}

/// At most `max` items, then how many more.
pub(super) fn list(items: &[String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    match items.len().saturating_sub(max) {
        0 => shown.join(", "),
        more => format!("{}, … {more} more", shown.join(", ")),
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Long Avro JSON shortened for a conversion note.
fn abbreviate(text: String) -> String {
    const MAX: usize = 120;
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text
    }
}
