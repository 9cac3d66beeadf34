//! Reading JSON into a [`Value`], guided by the schema: Avro JSON as Java's `JsonDecoder` reads it, plain
//! JSON leniently (see [`super::plain`]), and field defaults (plain JSON whose unions take the first branch
//! that fits).

use super::locate::{char_in_string_literal, line_columns};
use super::number_text::{NumberText, Whole};
use super::record_members::{find_fields, Role};
use super::write::write;
use super::{plain, Conversion, DatumError, Layout};
use crate::schema::{Enum, Field, Kind, Record, Schema, SchemaId};
use crate::source::{
    json_string, line_column, Json, JsonValue, Member, Pointer, TextRange, MAX_JSON_DEPTH,
};
use crate::value::Value;
use std::collections::HashMap;
use std::fmt;

/// How strictly JSON is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Avro JSON as Java's `JsonDecoder` reads it: every field, no unknown one, full branch names.
    Avro,
    /// Plain JSON: Avro JSON, or what producers write instead (each difference is a conversion).
    Plain,
    /// A field default: plain JSON per the spec (unions unwrapped, the first branch that fits; fields by
    /// name, a missing one takes its own default, an unknown one is ignored).
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
    /// How Avro JSON writes it (shortened); empty where Avro JSON writes nothing (a field skipped).
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

/// A value being read: its JSON, its JSON pointer in the datum and its label for messages.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place<'p> {
    /// The value's JSON.
    pub json: &'p Json,
    /// Where it is in the datum.
    pub at: &'p Pointer,
    /// How messages name it.
    pub label: Label<'p>,
}

impl Place<'_> {
    /// A fault over the whole value: `what`, prefixed by the label.
    #[inline(never)]
    pub fn fault(&self, what: impl fmt::Display) -> Fault {
        self.fault_in(self.json.range, what)
    }

    /// A fault over `range`, a part of the value (a key, one character of a string).
    #[inline(never)]
    pub fn fault_in(&self, range: TextRange, what: impl fmt::Display) -> Fault {
        fault(self.label, self.at, range, what)
    }

    /// A fault that stops reading: no other union branch may be tried after it.
    #[cold]
    #[inline(never)]
    fn stop(&self, message: String) -> Fault {
        Fault {
            message,
            pointer: self.at.clone(),
            range: self.json.range,
            fatal: true,
        }
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

impl<'s> Reader<'s> {
    fn new(schema: &'s Schema, text: &'s str, mode: Mode) -> Self {
        Reader {
            schema,
            text,
            mode,
            conversions: Vec::new(),
            promotions: 0,
            steps_left: BASE_STEPS.saturating_add(text.len().saturating_mul(8)),
            nesting: 0,
        }
    }
}

/// Reads `json` as a datum of `schema` in `mode`, turning faults and conversions into located ones.
pub(super) fn read_datum(
    schema: &Schema,
    json: &Json,
    text: &str,
    mode: Mode,
) -> Result<(Value, Vec<Conversion>), DatumError> {
    let mut reader = Reader::new(schema, text, mode);
    let root = Place {
        json,
        at: &Pointer::root(),
        label: Label::Root,
    };
    match reader.read(schema.root(), root) {
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
    let mut reader = Reader::new(schema, "", Mode::Default);
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
    /// Reads the value at `place` as a value of the type `id`.
    pub fn read(&mut self, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        self.charge(place)?;
        let schema = self.schema;
        match schema.kind(id) {
            Kind::Array(items) => self.array(*items, id, place),
            Kind::Map(values) => self.map(*values, id, place),
            Kind::Record(record) => self.record(record, id, place),
            Kind::Union(branches) => self.union(branches, id, place),
            _ => self.scalar_or_symbol(id, place),
        }
    }

    /// A scalar or an enum symbol; in plain JSON also in the forms producers write instead.
    #[inline(never)]
    fn scalar_or_symbol(&mut self, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let strict = match self.schema.kind(id) {
            Kind::Enum(e) => self.symbol(e, id, place),
            _ => self.scalar(id, place),
        };
        match strict {
            Err(f) if self.mode == Mode::Plain => plain::convert(self, id, place).unwrap_or(Err(f)),
            other => other,
        }
    }

    fn charge(&mut self, place: Place<'_>) -> Result<(), Fault> {
        if self.steps_left == 0 {
            return Err(place.stop(STEPS_EXHAUSTED.to_string()));
        }
        self.steps_left -= 1;
        Ok(())
    }

    /// Goes one level deeper to read `place`, refusing to nest without bound; [`Reader::leave`] comes back.
    /// (Not a method taking a closure: that would cost a stack frame per level of a deep datum.)
    pub fn enter(&mut self, place: Place<'_>) -> Result<(), Fault> {
        if self.nesting >= MAX_NESTING {
            return Err(place.stop(format!(
                "reading stopped: values nest deeper than {MAX_NESTING} levels"
            )));
        }
        self.nesting += 1;
        Ok(())
    }

    /// Comes back from [`Reader::enter`].
    pub fn leave(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    /// Reads `json`, found at `at` inside the value being read, as a value of the type `id`, one level deeper.
    pub fn child(
        &mut self,
        id: SchemaId,
        json: &Json,
        at: &Pointer,
        label: Label<'_>,
    ) -> Result<Value, Fault> {
        let place = Place { json, at, label };
        self.enter(place)?;
        let result = self.read(id, place);
        self.leave();
        result
    }

    /// Reads a value aside, keeping its conversions apart, to compare union branches.
    pub fn trial(&mut self, id: SchemaId, place: Place<'_>) -> Result<Trial, Fault> {
        let outer_conversions = std::mem::take(&mut self.conversions);
        let outer_promotions = std::mem::replace(&mut self.promotions, 0);
        let result = self.read(id, place);
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

    /// Records that plain JSON at `place` differed from Avro JSON, which writes `value` (of type `id`).
    #[inline(never)]
    pub fn convert(&mut self, id: SchemaId, value: &Value, place: Place<'_>, message: String) {
        let avro_json = shorten(
            &write(self.schema, Some(id), value, Layout::Compact),
            NOTE_MAX,
        );
        self.note(place.at.clone(), place.json.range, message, avro_json);
    }

    /// Records a conversion at `range` (pointer `pointer`); `avro_json` is what Avro JSON writes there.
    fn note(&mut self, pointer: Pointer, range: TextRange, message: String, avro_json: String) {
        self.conversions.push(Converted {
            pointer,
            range,
            message,
            avro_json,
        });
    }

    /// "expected <what the schema says>, found <what the JSON holds>".
    #[inline(never)]
    pub fn expected(&self, id: SchemaId, place: Place<'_>) -> Fault {
        let what = expectation(self.schema, id, self.mode);
        place.fault(format!("expected {what}, found {}", found(place.json)))
    }

    #[inline(never)]
    fn scalar(&mut self, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let kind = self.schema.kind(id);
        let value = match (kind, &place.json.value) {
            (Kind::Null, JsonValue::Null) => Value::Null,
            (Kind::Boolean, JsonValue::Bool(b)) => Value::Boolean(*b),
            (Kind::String, JsonValue::String(s)) => Value::String(s.clone()),
            (Kind::Int, JsonValue::Number(t)) => {
                let v = self.integer(kind, t, place)?;
                Value::Int(i32::try_from(v).unwrap_or_default())
            }
            (Kind::Long, JsonValue::Number(t)) => Value::Long(self.integer(kind, t, place)?),
            (Kind::Float, JsonValue::Number(_) | JsonValue::String(_)) => {
                Value::Float(self.floating(id, place, f32_of)?)
            }
            (Kind::Double, JsonValue::Number(_) | JsonValue::String(_)) => {
                Value::Double(self.floating(id, place, f64_of)?)
            }
            (Kind::Bytes, JsonValue::String(s)) => Value::Bytes(self.latin1(s, place)?),
            (Kind::Fixed(f), JsonValue::String(s)) => {
                let bytes = self.latin1(s, place)?;
                if bytes.len() != f.size {
                    let what = expectation(self.schema, id, self.mode);
                    let found = bytes.len();
                    return Err(place.fault(format!(
                        "expected {what}, found a string of {found} code points"
                    )));
                }
                Value::Fixed(bytes)
            }
            _ => return Err(self.expected(id, place)),
        };
        Ok(value)
    }

    /// An int or long (`kind`) from the exact text of a JSON number.
    ///
    /// Java's `JsonDecoder.readInt` also takes a number written with a fraction or exponent when it is
    /// within `Float.MIN_VALUE` of a whole number (read through `getFloatValue()`; `readLong` through
    /// `getDoubleValue()`): we take it when it is exactly a whole number that the float (double) holds
    /// exactly, so that the value is Java's, and refuse the rest.
    fn integer(&self, kind: &Kind, text: &str, place: Place<'_>) -> Result<i64, Fault> {
        let (min, max, what, through) = match kind {
            Kind::Int => (i64::from(i32::MIN), i64::from(i32::MAX), "an int", "float"),
            _ => (i64::MIN, i64::MAX, "a long", "double"),
        };
        let value = if text.contains(['.', 'e', 'E']) {
            match NumberText::parse(text).map(|n| n.whole()) {
                Some(Whole::Fits(v)) if held_exactly(kind, v) => Some(v),
                Some(Whole::OutOfRange) => None,
                _ => {
                    return Err(place.fault(format!(
                        "expected {what}, found {text}: not a whole number that a {through} holds exactly"
                    )))
                }
            }
        } else {
            text.parse::<i64>().ok()
        };
        match value {
            Some(v) if (min..=max).contains(&v) => Ok(v),
            _ => Err(place.fault(format!(
                "{text} is outside the range of {what} ({min} to {max})"
            ))),
        }
    }

    /// A float or double: a JSON number, or the strings Java writes for NaN and the infinities.
    fn floating<T>(
        &mut self,
        id: SchemaId,
        place: Place<'_>,
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, Fault> {
        match &place.json.value {
            JsonValue::Number(text) => {
                if !text.contains(['.', 'e', 'E']) {
                    self.promotions += 1;
                }
                let type_name = self.schema.kind(id).type_name();
                parse(text)
                    .ok_or_else(|| place.fault(format!("{text} is too large for a {type_name}")))
            }
            JsonValue::String(s) if JAVA_NON_FINITE.contains(&s.as_str()) => {
                parse(s).ok_or_else(|| self.expected(id, place))
            }
            _ => Err(self.expected(id, place)),
        }
    }

    /// The bytes of a string whose code points are 0–255 (ISO-8859-1, as Java's `JsonDecoder.readByteArray`
    /// encodes it).
    fn latin1(&self, s: &str, place: Place<'_>) -> Result<Vec<u8>, Fault> {
        let mut bytes = Vec::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            match u8::try_from(u32::from(c)) {
                Ok(b) => bytes.push(b),
                Err(_) => {
                    let range = char_in_string_literal(self.text, place.json.range, i);
                    let what = format!(
                        "character {} of the string is U+{:04X} {c:?}, beyond U+00FF: bytes are written as a \
                         string of code points 0-255, one per byte (Java would write `?`)",
                        i + 1,
                        u32::from(c)
                    );
                    return Err(place.fault_in(range, what));
                }
            }
        }
        Ok(bytes)
    }

    #[inline(never)]
    fn symbol(&self, e: &Enum, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let JsonValue::String(s) = &place.json.value else {
            return Err(self.expected(id, place));
        };
        match e.symbols.iter().position(|symbol| symbol == s) {
            Some(i) => Ok(Value::Enum(i as u32, s.clone())),
            None => Err(place.fault(format!(
                "{s:?} is not a symbol of enum {} ({})",
                e.name,
                list(&e.symbols, 12)
            ))),
        }
    }

    fn array(&mut self, items: SchemaId, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let JsonValue::Array(elements) = &place.json.value else {
            return Err(self.expected(id, place));
        };
        let mut values = Vec::with_capacity(elements.len());
        for (i, element) in elements.iter().enumerate() {
            values.push(self.child(items, element, &place.at.push(i), Label::Item(i))?);
        }
        Ok(Value::Array(values))
    }

    fn map(&mut self, values: SchemaId, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let JsonValue::Object(members) = &place.json.value else {
            return Err(self.expected(id, place));
        };
        // Where each key's entry is, to find a key written twice.
        let mut at: HashMap<&str, usize> = HashMap::with_capacity(members.len());
        let mut entries = Vec::with_capacity(members.len());
        for m in members {
            let here = place.at.push(&m.key);
            let earlier = at.get(m.key.as_str()).copied();
            if earlier.is_some() && self.mode != Mode::Default {
                let what = format!("key {:?} appears twice; a map holds each key once", m.key);
                return Err(fault(place.label, &here, m.key_range, what));
            }
            let value = self.child(values, &m.value, &here, Label::MapValue(&m.key))?;
            // In a schema's default, a key written twice means its last value: Java reads the schema with
            // Jackson, whose object keeps the last.
            match earlier.and_then(|i| entries.get_mut(i)) {
                Some((_, old)) => *old = value,
                None => {
                    at.insert(m.key.as_str(), entries.len());
                    entries.push((m.key.clone(), value));
                }
            }
        }
        Ok(Value::Map(entries))
    }

    /// A record: each field from the member Java's `JsonDecoder` finds for it (see [`find_fields`]); a
    /// member it would not read is an error, or in plain JSON a conversion; a field without a member is an
    /// error, or in plain JSON and defaults takes its default.
    fn record(&mut self, record: &Record, id: SchemaId, place: Place<'_>) -> Result<Value, Fault> {
        let JsonValue::Object(members) = &place.json.value else {
            return Err(self.expected(id, place));
        };
        let mut slots: Vec<Option<Value>> = Vec::new();
        slots.resize_with(record.fields.len(), || None);
        let roles = find_fields(record, members, self.mode != Mode::Default);
        for (member, role) in members.iter().zip(roles) {
            if let Some(index) = self.field_of(record, member, role, place.label, place.at)? {
                self.field_value(record, index, member, place.at, &mut slots)?;
            }
        }
        self.fields_or_defaults(record, slots, place)
    }

    /// Reads `member`'s value as the field at `index` into its slot.
    fn field_value(
        &mut self,
        record: &Record,
        index: usize,
        member: &Member,
        at: &Pointer,
        slots: &mut [Option<Value>],
    ) -> Result<(), Fault> {
        if let (Some(field), Some(slot)) = (record.fields.get(index), slots.get_mut(index)) {
            let here = at.push(&member.key);
            *slot = Some(self.child(
                field.schema,
                &member.value,
                &here,
                Label::Field(&field.name),
            )?);
        }
        Ok(())
    }

    /// The index of the field `member` holds, per its `role`; `None` for a member skipped (in plain JSON
    /// and defaults), an error for one that Java's `JsonDecoder` would not read as it stands.
    #[inline(never)]
    fn field_of(
        &mut self,
        record: &Record,
        member: &Member,
        role: Role,
        label: Label<'_>,
        at: &Pointer,
    ) -> Result<Option<usize>, Fault> {
        let (deviation, field) = match role {
            Role::Field(index) => return Ok(Some(index)),
            // A default is read as Java's `ResolvingGrammarGenerator.encode` reads it: field by field, by
            // name, whatever else the object holds.
            _ if self.mode == Mode::Default => return Ok(None),
            Role::MisplacedAlias { field, passed } => {
                (misplaced_alias(record, member, field, passed), Some(field))
            }
            Role::Repeated(field) => (repeated(record, member, field), None),
            Role::Unknown { skipped_by_java } => {
                (unknown_field(record, member, skipped_by_java), None)
            }
        };
        let here = at.push(&member.key);
        match (self.mode, deviation.conversion) {
            (Mode::Plain, Some((message, avro_json, range))) => {
                self.note(here, range, message, avro_json);
                Ok(field)
            }
            _ => Err(fault(label, &here, member.key_range, deviation.error)),
        }
    }

    /// The record's fields in schema order: the values read, or for a missing field its default.
    #[inline(never)]
    fn fields_or_defaults(
        &mut self,
        record: &Record,
        slots: Vec<Option<Value>>,
        place: Place<'_>,
    ) -> Result<Value, Fault> {
        let mut fields = Vec::with_capacity(record.fields.len());
        for (field, slot) in record.fields.iter().zip(slots) {
            let value = match slot {
                Some(value) => value,
                None => self.default_of(record, field, place)?,
            };
            fields.push((field.name.clone(), value));
        }
        Ok(Value::Record(fields))
    }

    /// The value of a field missing from the record at `place`: an error as Java's `JsonDecoder` reads
    /// every field; in plain JSON (with a conversion) and in defaults its default, read with the field's type.
    #[inline(never)]
    fn default_of(
        &mut self,
        record: &Record,
        field: &Field,
        place: Place<'_>,
    ) -> Result<Value, Fault> {
        let default = match &field.default {
            Some(default) if self.mode != Mode::Avro => default,
            default => return Err(missing_field(record, field, default.as_ref(), place)),
        };
        self.enter(place)?;
        let outer_mode = std::mem::replace(&mut self.mode, Mode::Default);
        let here = place.at.push(&field.name);
        let result = self.read_default(field, default, &here);
        self.mode = outer_mode;
        self.leave();
        match result {
            Ok(value) => {
                if outer_mode == Mode::Plain {
                    self.note_default(field, default, &value, here, place);
                }
                Ok(value)
            }
            Err(inner) => Err(unusable_default(field, inner, outer_mode, place)),
        }
    }

    /// Notes, in plain JSON, the default filled in for a missing field.
    #[inline(never)]
    fn note_default(
        &mut self,
        field: &Field,
        default: &Json,
        value: &Value,
        at: Pointer,
        place: Place<'_>,
    ) {
        let message = format!(
            "field `{}` missing: its default {} was filled in",
            field.name,
            shorten(&default.to_string(), 40)
        );
        let written = write(self.schema, Some(field.schema), value, Layout::Compact);
        let avro_json = shorten(&format!("{}:{written}", json_string(&field.name)), NOTE_MAX);
        self.note(at, place.json.range, message, avro_json);
    }

    /// A default: a union default matches the branch the schema parser found (any branch since 1.12).
    fn read_default(
        &mut self,
        field: &Field,
        default: &Json,
        at: &Pointer,
    ) -> Result<Value, Fault> {
        let place = Place {
            json: default,
            at,
            label: Label::Field(&field.name),
        };
        if let (Kind::Union(branches), Some(index)) =
            (self.schema.kind(field.schema), field.default_branch)
        {
            if let Some(&branch) = branches.get(index) {
                let value = self.read(branch, place)?;
                return Ok(Value::Union(index as u32, Box::new(value)));
            }
        }
        self.read(field.schema, place)
    }

    fn union(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        place: Place<'_>,
    ) -> Result<Value, Fault> {
        match self.mode {
            Mode::Avro => self.wrapped_union(branches, id, place),
            Mode::Plain => plain::union(self, branches, id, place),
            Mode::Default => self.first_fitting_branch(branches, id, place),
        }
    }

    /// Avro JSON, as Java's `JsonDecoder.readIndex` reads it: `null`, or `{"<branch name>": value}`.
    pub fn wrapped_union(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        place: Place<'_>,
    ) -> Result<Value, Fault> {
        match &place.json.value {
            JsonValue::Null => match branches
                .iter()
                .position(|b| matches!(self.schema.kind(*b), Kind::Null))
            {
                Some(index) => Ok(Value::Union(index as u32, Box::new(Value::Null))),
                None => Err(self.expected(id, place)),
            },
            JsonValue::Object(members) => match members.as_slice() {
                [member] => {
                    let (index, branch) = self
                        .branch_by_key(branches, &member.key)
                        .map_err(|what| place.fault_in(member.key_range, what))?;
                    let here = place.at.push(&member.key);
                    let value = self.child(branch, &member.value, &here, place.label)?;
                    Ok(Value::Union(index as u32, Box::new(value)))
                }
                _ => Err(self.expected(id, place)),
            },
            _ => Err(self.expected(id, place)),
        }
    }

    /// The branch a wrapper key names: its full name, or the type name of an unnamed type, compared exactly
    /// as Java's `JsonDecoder.readIndex` does (`Symbol.Alternative.findLabel` over the labels
    /// `ValidatingGrammarGenerator.generate` makes, case UNION: each branch's `getFullName()`).
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
        if let Some((index, &branch)) = branches
            .iter()
            .enumerate()
            .find(|(i, _)| names.get(*i).is_some_and(|n| n == key))
        {
            return Ok((index, branch));
        }
        let listed = names.join(", ");
        let full: Vec<&str> = self
            .branches_short_named(branches, key)
            .iter()
            .filter_map(|i| names.get(*i))
            .map(String::as_str)
            .collect();
        Err(match full.as_slice() {
            [] => format!(
                "`{key}` is not a branch of union [{listed}]; Avro JSON writes a union value as null or \
                 {{\"<branch name>\": value}}"
            ),
            [one] => format!(
                "`{key}` is the short name of branch {one}: Java's JsonDecoder takes the full name; write \
                 {{\"{one}\": …}}"
            ),
            several => format!(
                "`{key}` is ambiguous in union [{listed}]: it is the short name of {}; write the full name",
                several.join(" and ")
            ),
        })
    }

    /// The indexes of the named branches whose name without its namespace is `key`.
    pub fn branches_short_named(&self, branches: &[SchemaId], key: &str) -> Vec<usize> {
        branches
            .iter()
            .enumerate()
            .filter(|(_, b)| self.schema.kind(**b).name().is_some_and(|n| n.name == key))
            .map(|(i, _)| i)
            .collect()
    }

    /// A union value in a default: unwrapped, the first branch it fits (specification 1.12, Unions).
    #[inline(never)]
    fn first_fitting_branch(
        &mut self,
        branches: &[SchemaId],
        id: SchemaId,
        place: Place<'_>,
    ) -> Result<Value, Fault> {
        for (index, &branch) in branches.iter().enumerate() {
            match self.read(branch, place) {
                Ok(value) => return Ok(Value::Union(index as u32, Box::new(value))),
                Err(f) if f.fatal => return Err(f),
                Err(_) => {}
            }
        }
        Err(self.expected(id, place))
    }
}

/// A fault at `at` over `range`, with `what` prefixed by the label.
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

/// How a member of a record object differs from what Java's `JsonDecoder` reads.
struct Deviation {
    /// The error, as the strict reader reports it.
    error: String,
    /// The conversion the plain reader lists instead, what Avro JSON writes there and the range it covers;
    /// `None` where plain JSON refuses the member too.
    conversion: Option<(String, String, TextRange)>,
}

/// A member keyed by an alias where Java's `JsonDecoder` does not find it: it set the member aside while it
/// looked for the field at `passed`, and looks among the members set aside by name only
/// (`savedFields.get(name)` in `doAction`).
#[inline(never)]
fn misplaced_alias(record: &Record, member: &Member, field: usize, passed: usize) -> Deviation {
    let name = record.fields.get(field).map_or("", |f| f.name.as_str());
    let before = record.fields.get(passed).map_or("", |f| f.name.as_str());
    let what = format!(
        "alias `{}` of field `{name}` comes before field `{before}`, so Java's JsonDecoder looks for it by name only",
        member.key
    );
    Deviation {
        error: format!("{what}; write `{name}`"),
        conversion: Some((what, json_string(name), member.key_range)),
    }
}

/// A second member for a field: an error in plain JSON too (which value was meant?).
#[inline(never)]
fn repeated(record: &Record, member: &Member, field: usize) -> Deviation {
    let name = record.fields.get(field).map_or("", |f| f.name.as_str());
    let error = if member.key == name {
        format!("field `{name}` appears twice")
    } else {
        format!(
            "field `{name}` appears twice (here as its alias `{}`)",
            member.key
        )
    };
    Deviation {
        error,
        conversion: None,
    }
}

/// A member whose key names no field: an error, as Java's "Unknown fields: [x]" (`doAction`, RECORD_END)
/// is, also where Java happens to skip it (after the last field it reads); in plain JSON skipped.
#[inline(never)]
fn unknown_field(record: &Record, member: &Member, skipped_by_java: bool) -> Deviation {
    let names: Vec<String> = record.fields.iter().map(|f| f.name.clone()).collect();
    let what = format!(
        "unknown field `{}`: record {} has the fields {}",
        member.key,
        record.name,
        list(&names, 12)
    );
    let java = if skipped_by_java {
        "Java's JsonDecoder would skip it, after the last field"
    } else {
        "Java's JsonDecoder: \"Unknown fields\""
    };
    let range = TextRange {
        start: member.key_range.start,
        end: member.value.range.end,
    };
    Deviation {
        error: format!("{what} ({java})"),
        conversion: Some((format!("{what}; skipped ({java})"), String::new(), range)),
    }
}

/// A field missing from the record at `place`: Java's `JsonDecoder` reads every field, one with a
/// `default` too.
#[cold]
#[inline(never)]
fn missing_field(
    record: &Record,
    field: &Field,
    default: Option<&Json>,
    place: Place<'_>,
) -> Fault {
    let (name, record) = (&field.name, &record.name);
    place.fault(match default {
        None => format!("missing field `{name}` of record {record}, which has no default"),
        Some(default) => format!(
            "missing field `{name}` of record {record} (default {}): Java's JsonDecoder fills in no default",
            shorten(&default.to_string(), 40)
        ),
    })
}

/// Why the default of a missing field could not be read (a fatal fault stays as it is, at the record).
#[cold]
#[inline(never)]
fn unusable_default(field: &Field, inner: Fault, outer_mode: Mode, place: Place<'_>) -> Fault {
    if outer_mode != Mode::Default && !inner.fatal {
        return place.fault(format!(
            "field `{}` is missing and its default cannot be used: {}",
            field.name, inner.message
        ));
    }
    Fault {
        pointer: place.at.clone(),
        range: place.json.range,
        ..inner
    }
}

/// Whether a float (for an int) or double (for a long) holds the whole number `v` exactly.
fn held_exactly(kind: &Kind, v: i64) -> bool {
    match kind {
        Kind::Int => (v as f32) as i64 == v,
        _ => (v as f64) as i64 == v,
    }
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
        JsonValue::String(s) => format!("the string {}", json_string(&shorten(s, 40))),
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

/// How many characters of Avro JSON a conversion shows.
const NOTE_MAX: usize = 120;

/// At most `max` characters of `s`, then `…` where it was cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s.to_string()
    }
}
