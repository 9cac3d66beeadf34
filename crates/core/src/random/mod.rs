//! Random datums of a schema, as avro-tools' `random` makes them, for test data and property tests.
//!
//! Seeded and the same on every platform: the numbers come from PCG32 (the `oorandom` crate: tiny, no
//! dependencies, integer-only, so wasm32 and x86_64 draw alike) and are never drawn through `usize` or
//! floating-point arithmetic. Dates and timestamps fall around a fixed reference day
//! ([`REFERENCE_DAY`]), never "now".
//!
//! Every datum is valid: it encodes with [`crate::walker::encode`] and writes as Avro JSON. Sizes are
//! bounded by [`RandomOptions`]; recursion ends because, from [`RandomOptions::max_depth`] on (and more
//! and more often before it), a union takes the branch whose smallest datum is the shallowest and arrays
//! and maps are empty ([`DatumDepths`]), and because a datum never nests deeper than the binary decoder
//! reads ([`Limits::max_depth`]).

mod draw;
mod logical;

pub use logical::REFERENCE_DAY;

use crate::schema::{DatumDepths, Kind, Schema, SchemaId};
use crate::source::Pointer;
use crate::value::Value;
use crate::walker::Limits;
use draw::Draw;
use std::collections::HashSet;
use std::fmt;

/// How big and how deep random datums grow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RandomOptions {
    /// The nesting depth (values in values, counted as the decoder counts them) from which every union
    /// takes its shallowest branch and arrays and maps are empty; before it, the chance of doing so grows
    /// with the depth.
    pub max_depth: u32,
    /// The most items in an array, or entries in a map.
    pub max_items: u32,
    /// The most characters in a string or map key, and bytes in a `bytes` value.
    pub max_length: u32,
    /// The number of values in one datum after which everything still to make takes its shortest way.
    pub max_values: u32,
    /// Whether `float` and `double` values may be NaN or ±Infinity (Avro JSON writes them as strings).
    pub non_finite: bool,
}

impl Default for RandomOptions {
    fn default() -> Self {
        RandomOptions {
            max_depth: 8,
            max_items: 4,
            max_length: 12,
            max_values: 2_000,
            non_finite: false,
        }
    }
}

/// How many values a datum may need beyond [`RandomOptions::max_values`] to finish its shortest way:
/// only a schema whose smallest datum is huge (records holding two of the record before, many times
/// over) comes near it.
const MAX_EXTRA_VALUES: u32 = 100_000;

/// The largest `fixed` the generator fills, so a schema cannot ask for gigabytes.
const MAX_FIXED_SIZE: usize = 1 << 24;

/// Why a schema has no random datum: what and where in the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RandomError {
    /// What is wrong, for the user.
    pub message: String,
    /// JSON pointer into the schema of the type at fault.
    pub pointer: Pointer,
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at {})", self.message, self.pointer)
    }
}

impl std::error::Error for RandomError {}

/// An endless stream of random datums of one schema's root type: the same seed gives the same datums in
/// the same order on every platform.
pub struct RandomDatums<'a> {
    schema: &'a Schema,
    depths: DatumDepths,
    draw: Draw,
    options: RandomOptions,
    /// The deepest nesting a datum may reach: the decoder's limit.
    deepest: u32,
    /// Values made in the current datum.
    values: u32,
}

/// One random datum of `schema`: the first of [`RandomDatums::new`] with `seed` and default options.
pub fn random_datum(schema: &Schema, seed: u64) -> Result<Value, RandomError> {
    RandomDatums::new(schema, seed, RandomOptions::default())?
        .next()
        .unwrap_or_else(|| Err(no_datum(schema, schema.root())))
}

impl<'a> RandomDatums<'a> {
    /// The datums of `schema` for `seed`; an error when the schema has no finite datum (a record that
    /// always holds itself, an enum without symbols) or only ones deeper than the decoder reads.
    pub fn new(
        schema: &'a Schema,
        seed: u64,
        options: RandomOptions,
    ) -> Result<RandomDatums<'a>, RandomError> {
        let datums = RandomDatums {
            schema,
            depths: DatumDepths::of(schema),
            draw: Draw::new(seed),
            options,
            deepest: u32::try_from(Limits::default().max_depth).unwrap_or(u32::MAX),
            values: 0,
        };
        datums.check_finite(schema.root())?;
        Ok(datums)
    }

    /// Fails when `id` has no finite datum, or only ones deeper than the decoder reads.
    fn check_finite(&self, id: SchemaId) -> Result<(), RandomError> {
        match self.depths.get(id) {
            None => Err(no_datum(self.schema, id)),
            Some(d) if d > self.deepest => Err(RandomError {
                message: format!(
                    "the smallest datum of {} nests {d} levels deep, more than the {} the decoder reads",
                    self.schema.describe(id),
                    self.deepest
                ),
                pointer: self.schema.node(id).pointer.clone(),
            }),
            Some(_) => Ok(()),
        }
    }

    /// The next datum of the schema's type `id` (a field's type, a union branch…) from the same stream.
    pub fn datum_of(&mut self, id: SchemaId) -> Result<Value, RandomError> {
        self.check_finite(id)?;
        self.values = 0;
        self.value(id, 0)
    }

    /// Whether a value of `id` may start at `depth` (the levels above it) and still end within the
    /// decoder's limit.
    fn fits(&self, id: SchemaId, depth: u32) -> bool {
        self.depths
            .get(id)
            .is_some_and(|d| depth.saturating_add(d) <= self.deepest)
    }

    /// Whether the value at `depth` takes its shortest way: always from the depth or value budget on,
    /// before it with a chance that grows with the depth.
    fn ending(&mut self, depth: u32) -> bool {
        let max = self.options.max_depth;
        depth >= max || self.values >= self.options.max_values || self.draw.below(max) < depth
    }

    /// A value of `id`, which starts at `depth` and [fits](Self::fits) there.
    fn value(&mut self, id: SchemaId, depth: u32) -> Result<Value, RandomError> {
        self.values += 1;
        if self.values > self.options.max_values.saturating_add(MAX_EXTRA_VALUES) {
            return Err(RandomError {
                message: format!(
                    "a datum of {} needs more than {} values",
                    self.schema.describe(self.schema.root()),
                    self.options.max_values.saturating_add(MAX_EXTRA_VALUES)
                ),
                pointer: self.schema.node(id).pointer.clone(),
            });
        }
        let schema = self.schema;
        let node = schema.node(id);
        if let Kind::Fixed(f) = &node.kind {
            if f.size > MAX_FIXED_SIZE {
                return Err(RandomError {
                    message: format!(
                        "{} holds {} bytes, more than the {MAX_FIXED_SIZE} the generator fills",
                        schema.describe(id),
                        f.size
                    ),
                    pointer: node.pointer.clone(),
                });
            }
        }
        if let Some(v) = logical::logical_value(node, &mut self.draw) {
            return Ok(v);
        }
        Ok(match &node.kind {
            Kind::Null => Value::Null,
            Kind::Boolean => Value::Boolean(self.draw.one_in(2)),
            Kind::Int => Value::Int(self.int()),
            Kind::Long => Value::Long(self.long()),
            Kind::Float => Value::Float(self.float()),
            Kind::Double => Value::Double(self.double()),
            Kind::Bytes => {
                let n = self.draw.below(self.options.max_length.saturating_add(1));
                Value::Bytes(self.draw.bytes(n as usize))
            }
            Kind::String => Value::String(self.string(self.options.max_length)),
            Kind::Record(r) => {
                let mut fields = Vec::with_capacity(r.fields.len());
                for f in &r.fields {
                    fields.push((f.name.clone(), self.value(f.schema, depth + 1)?));
                }
                Value::Record(fields)
            }
            Kind::Enum(e) => {
                let i = self.draw.index(e.symbols.len());
                let symbol = e.symbols.get(i).ok_or_else(|| no_datum(schema, id))?;
                Value::Enum(u32::try_from(i).unwrap_or(0), symbol.clone())
            }
            Kind::Array(items) => {
                let n = self.item_count(*items, depth);
                let mut values = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    values.push(self.value(*items, depth + 1)?);
                }
                Value::Array(values)
            }
            Kind::Map(items) => {
                let n = self.item_count(*items, depth);
                let mut keys = HashSet::new();
                let mut entries = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    let key = self.map_key(&mut keys);
                    entries.push((key, self.value(*items, depth + 1)?));
                }
                Value::Map(entries)
            }
            Kind::Union(branches) => {
                let i = if self.ending(depth) {
                    self.depths.shallowest(branches)
                } else {
                    let open: Vec<usize> = (0..branches.len())
                        .filter(|&i| branches.get(i).is_some_and(|b| self.fits(*b, depth + 1)))
                        .collect();
                    self.draw.pick(&open).copied()
                };
                let branch = i.and_then(|i| Some((i, *branches.get(i)?)));
                let (i, branch) = branch.ok_or_else(|| no_datum(schema, id))?;
                let value = self.value(branch, depth + 1)?;
                Value::Union(u32::try_from(i).unwrap_or(0), Box::new(value))
            }
            Kind::Fixed(f) => Value::Fixed(self.draw.bytes(f.size)),
        })
    }

    /// How many items an array or map at `depth` gets: none when ending or when an item would nest too
    /// deep, else up to [`RandomOptions::max_items`], fewer the deeper it is.
    fn item_count(&mut self, items: SchemaId, depth: u32) -> u32 {
        if !self.fits(items, depth + 1) || self.ending(depth) {
            return 0;
        }
        let max = self.options.max_depth.max(1);
        // max_items × the share of the depth left, rounded up.
        let room = (u64::from(self.options.max_items) * u64::from(max.saturating_sub(depth)))
            .div_ceil(u64::from(max));
        self.draw
            .below(u32::try_from(room).unwrap_or(u32::MAX).saturating_add(1))
    }

    /// A map key not yet in `keys`: a short string, with digits added until it is new.
    fn map_key(&mut self, keys: &mut HashSet<String>) -> String {
        let mut key = self.string(self.options.max_length.min(8));
        while keys.contains(&key) {
            key.push(char::from(b'0' + self.draw.below(10) as u8));
        }
        keys.insert(key.clone());
        key
    }

    /// Up to `max` characters: mostly ASCII letters and digits, with characters JSON escapes, other
    /// characters of the Basic Multilingual Plane and ones beyond it (surrogate pairs in JSON).
    fn string(&mut self, max: u32) -> String {
        const PLAIN: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.";
        const ESCAPED: &[char] = &[
            '"', '\\', '/', '\n', '\t', '\r', '\u{0}', '\u{1f}', '\u{7f}',
        ];
        let n = self.draw.below(max.saturating_add(1));
        (0..n)
            .map(|_| match self.draw.below(16) {
                0 => self.draw.pick(ESCAPED).copied().unwrap_or('"'),
                1 => char::from_u32(0x80 + self.draw.below(0xD800 - 0x80)).unwrap_or('é'),
                2 => char::from_u32(0x1_0000 + self.draw.below(0x10_0000)).unwrap_or('😀'),
                _ => char::from(self.draw.pick(PLAIN).copied().unwrap_or(b'a')),
            })
            .collect()
    }

    /// An `int`: small numbers mostly, the edges of the type and of varint lengths sometimes, any
    /// 32-bit number otherwise.
    fn int(&mut self) -> i32 {
        const EDGES: &[i32] = &[0, -1, 1, 63, -64, 64, -65, 8191, -8192, i32::MAX, i32::MIN];
        match self.draw.below(8) {
            0 => self.draw.pick(EDGES).copied().unwrap_or(0),
            1..=4 => self.draw.between(-100, 100) as i32,
            _ => self.draw.u32() as i32,
        }
    }

    /// A `long`, drawn as [`Self::int`] is, over 64 bits.
    fn long(&mut self) -> i64 {
        const EDGES: &[i64] = &[
            0,
            -1,
            1,
            63,
            -64,
            i32::MAX as i64,
            i32::MIN as i64,
            1 << 62,
            -(1 << 62),
            i64::MAX,
            i64::MIN,
        ];
        match self.draw.below(8) {
            0 => self.draw.pick(EDGES).copied().unwrap_or(0),
            1..=4 => self.draw.between(-10_000, 10_000),
            _ => self.draw.u64() as i64,
        }
    }

    /// A `float`: eighths of small integers mostly (exact in binary), the edges sometimes (±0, the
    /// smallest subnormal and normal, the largest), any finite bit pattern otherwise; NaN and
    /// ±Infinity only when the options allow them.
    fn float(&mut self) -> f32 {
        const EDGES: &[f32] = &[
            0.0,
            -0.0,
            1.0,
            -1.0,
            1e-45,
            f32::MIN_POSITIVE,
            f32::MAX,
            f32::MIN,
        ];
        if let Some(v) = self.non_finite() {
            return v as f32;
        }
        match self.draw.below(8) {
            0 => self.draw.pick(EDGES).copied().unwrap_or(0.0),
            1..=4 => self.draw.between(-8_000, 8_000) as f32 / 8.0,
            _ => Some(f32::from_bits(self.draw.u32()))
                .filter(|v| v.is_finite())
                .unwrap_or(0.5),
        }
    }

    /// A `double`, drawn as [`Self::float`] is, over 64 bits.
    fn double(&mut self) -> f64 {
        const EDGES: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.0,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
        ];
        if let Some(v) = self.non_finite() {
            return v;
        }
        match self.draw.below(8) {
            0 => self.draw.pick(EDGES).copied().unwrap_or(0.0),
            1..=4 => self.draw.between(-8_000_000, 8_000_000) as f64 / 1024.0,
            _ => Some(f64::from_bits(self.draw.u64()))
                .filter(|v| v.is_finite())
                .unwrap_or(0.5),
        }
    }

    /// NaN or ±Infinity once in ten draws, when the options allow them.
    fn non_finite(&mut self) -> Option<f64> {
        if !self.options.non_finite || !self.draw.one_in(10) {
            return None;
        }
        self.draw
            .pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY])
            .copied()
    }
}

impl Iterator for RandomDatums<'_> {
    type Item = Result<Value, RandomError>;

    /// The next datum of the root type; never `None`.
    fn next(&mut self) -> Option<Self::Item> {
        Some(self.datum_of(self.schema.root()))
    }
}

/// The error for a type without a finite datum: it names the record whose values would hold another of
/// it without end (found from `id` through the fields and branches that have no datum either), or the
/// enum without symbols or union without branches that has no value.
fn no_datum(schema: &Schema, id: SchemaId) -> RandomError {
    let depths = DatumDepths::of(schema);
    let mut at = id;
    let mut seen = HashSet::new();
    let reason = loop {
        if !seen.insert(at) {
            break "every value of it holds another one, through fields that are not arrays, maps or unions with a branch that ends";
        }
        let next = match schema.kind(at) {
            Kind::Record(r) => r
                .fields
                .iter()
                .map(|f| f.schema)
                .find(|s| depths.get(*s).is_none()),
            Kind::Union(branches) => branches.first().copied(),
            _ => None,
        };
        match (next, schema.kind(at)) {
            (Some(next), _) => at = next,
            (None, Kind::Enum(_)) => break "it has no symbols",
            (None, Kind::Union(_)) => break "it has no branches",
            (None, _) => break "none of its values ends",
        }
    };
    RandomError {
        message: format!("{} has no finite datum: {reason}", schema.describe(at)),
        pointer: schema.node(at).pointer.clone(),
    }
}

#[cfg(test)]
mod tests;
