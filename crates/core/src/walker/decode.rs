//! Binary decoding with a span for every byte. Never panics; every length read from the input is checked
//! against the bytes left before anything is allocated; depth and item counts are bounded.

use super::varint::{read_int, read_long, VarintError};
use super::{DecodeError, Part, Span, Walk, NO_PARENT};
use crate::schema::{min_datum_sizes, Kind, Schema, SchemaId};
use crate::value::Value;
use std::collections::HashMap;

/// Bounds that keep hostile input from exhausting memory, time or the stack.
///
/// Every value that takes input bytes costs work in proportion to them. Values of zero encoded size (a
/// `null`, an empty record, a `fixed(0)`, and records of only those) cost none, so an `array<null>` block
/// count of 2^40 in 6 bytes, or a container block of 2^28 `null` objects, would cost unbounded work. Such
/// values are counted, and a walk may read at most `max_empty_items` of them plus `empty_items_per_byte`
/// for each byte of its input: work stays within a constant times the input length.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting of values (records in records, arrays in arrays…).
    pub max_depth: usize,
    /// Most spans recorded in one walk.
    pub max_spans: usize,
    /// Values of zero encoded size one walk may read whatever its length.
    pub max_empty_items: u64,
    /// Further values of zero encoded size allowed for each byte of input.
    pub empty_items_per_byte: u64,
}

impl Default for Limits {
    /// Depth 200, 40 million spans, 10 000 values of zero encoded size plus 4 per input byte (an optional
    /// field's `null` follows its one-byte union index, so ordinary data has at most one per byte).
    fn default() -> Self {
        Limits {
            max_depth: 200,
            max_spans: 40_000_000,
            max_empty_items: 10_000,
            empty_items_per_byte: 4,
        }
    }
}

impl Limits {
    /// How many values of zero encoded size a walk over `input_len` bytes may read.
    pub fn empty_items_allowed(&self, input_len: usize) -> u64 {
        let per_byte = self.empty_items_per_byte.saturating_mul(input_len as u64);
        self.max_empty_items.saturating_add(per_byte)
    }
}

/// Decodes one datum of `schema` from the start of `bytes` with the default [`Limits`].
pub fn decode(schema: &Schema, bytes: &[u8]) -> Walk {
    decode_with_limits(schema, bytes, Limits::default())
}

/// Decodes one datum of `schema` from the start of `bytes`. The walk holds every span read, the value if
/// the datum was complete, and the error otherwise; bytes after the datum are left as trailing.
pub fn decode_with_limits(schema: &Schema, bytes: &[u8], limits: Limits) -> Walk {
    let mut spans = Vec::new();
    let result = DatumReader::new(schema, limits).read(bytes, 0, NO_PARENT, 0, &mut spans);
    let (value, error, end) = match result {
        Ok((v, end)) => (Some(v), None, end),
        Err(e) => (None, Some(e), 0),
    };
    let end = error.as_ref().map_or(end, |e| e.offset);
    Walk {
        bytes: bytes.to_vec(),
        spans,
        value,
        error,
        end,
    }
}

/// Reads datums of one schema one after another (the records of a container block), appending their
/// spans to a shared list. Limits hold across all the datums it reads.
pub struct DatumReader<'s> {
    schema: &'s Schema,
    limits: Limits,
    min_sizes: Vec<u64>,
    empty_items: u64,
    input_len: usize,
}

impl<'s> DatumReader<'s> {
    /// A reader for datums of `schema`.
    pub fn new(schema: &'s Schema, limits: Limits) -> Self {
        DatumReader {
            schema,
            limits,
            min_sizes: min_datum_sizes(schema),
            empty_items: 0,
            input_len: 0,
        }
    }

    /// Counts `input_len` bytes as the walk's input for [`Limits::empty_items_per_byte`] (for a container
    /// file: its bytes up to the block being read and the blocks decompressed so far). Without it, or when
    /// smaller, the bytes each [`read`](Self::read) is given count.
    pub fn with_input_len(mut self, input_len: usize) -> Self {
        self.set_input_len(input_len);
        self
    }

    /// [`with_input_len`](Self::with_input_len) on a reader in use: a container file read block by block
    /// counts the bytes read so far, so the allowance grows as the file is read.
    pub fn set_input_len(&mut self, input_len: usize) {
        self.input_len = input_len;
    }

    /// Decodes one datum starting at byte `start` of `bytes`, appending spans (offsets into `bytes`) whose
    /// top span has `parent` and `index`. Returns the value and where the datum ends; on failure the spans
    /// read so far stay in `spans`.
    pub fn read(
        &mut self,
        bytes: &[u8],
        start: usize,
        parent: u32,
        index: u32,
        spans: &mut Vec<Span>,
    ) -> Result<(Value, usize), DecodeError> {
        self.decode(bytes, start, parent, index, Some(spans))
    }

    /// Decodes one datum starting at byte `start` of `bytes` as [`read`](Self::read) does, with the same
    /// checks, limits and errors, but records no span (so [`Limits::max_spans`] never applies): for a
    /// validating pass that only needs the value and where the datum ends.
    pub fn read_unrecorded(
        &mut self,
        bytes: &[u8],
        start: usize,
    ) -> Result<(Value, usize), DecodeError> {
        self.decode(bytes, start, NO_PARENT, 0, None)
    }

    fn decode(
        &mut self,
        bytes: &[u8],
        start: usize,
        parent: u32,
        index: u32,
        spans: Option<&mut Vec<Span>>,
    ) -> Result<(Value, usize), DecodeError> {
        let mut none = Vec::new();
        let record = spans.is_some();
        let mut d = Decoder {
            schema: self.schema,
            bytes,
            pos: start,
            spans: spans.unwrap_or(&mut none),
            record,
            limits: self.limits,
            depth: 0,
            path: Vec::new(),
            empty_items: self.empty_items,
            empty_items_allowed: self
                .limits
                .empty_items_allowed(self.input_len.max(bytes.len())),
            input_len: self.input_len.max(bytes.len()),
            min_sizes: &self.min_sizes,
        };
        let result = d.value(self.schema.root(), parent, index);
        self.empty_items = d.empty_items;
        let end = d.pos;
        result.map(|v| (v, end))
    }
}

struct Decoder<'a> {
    schema: &'a Schema,
    bytes: &'a [u8],
    pos: usize,
    spans: &'a mut Vec<Span>,
    /// Whether spans are recorded; when not, `spans` stays empty (so closing, popping or retagging a span
    /// finds none) and span ids are meaningless.
    record: bool,
    limits: Limits,
    depth: usize,
    path: Vec<String>,
    empty_items: u64,
    empty_items_allowed: u64,
    input_len: usize,
    min_sizes: &'a [u64],
}

type Read<T> = Result<T, DecodeError>;

/// `n` bytes in words: "1 byte", "7 bytes".
fn bytes(n: u64) -> String {
    format!("{n} byte{}", if n == 1 { "" } else { "s" })
}

impl Decoder<'_> {
    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    fn fail<T>(&self, offset: usize, message: impl Into<String>) -> Read<T> {
        let path = if self.path.is_empty() {
            String::new()
        } else {
            format!("/{}", self.path.join("/"))
        };
        Err(DecodeError {
            offset,
            message: message.into(),
            path,
        })
    }

    fn open(&mut self, part: Part, schema: SchemaId, parent: u32, index: u32) -> Read<u32> {
        if !self.record {
            return Ok(NO_PARENT);
        }
        if self.spans.len() >= self.limits.max_spans {
            return self.fail(
                self.pos,
                format!(
                    "more than {} spans: input too large to annotate",
                    self.limits.max_spans
                ),
            );
        }
        let id = self.spans.len() as u32;
        self.spans.push(Span {
            start: self.pos as u32,
            end: self.pos as u32,
            parent,
            schema,
            part,
            index,
        });
        Ok(id)
    }

    fn close(&mut self, span: u32) {
        let pos = self.pos as u32;
        if let Some(s) = self.spans.get_mut(span as usize) {
            s.end = pos;
        }
    }

    fn varint_error<T>(&self, start: usize, what: &str, e: VarintError) -> Read<T> {
        match e {
            VarintError::Truncated(n) => self.fail(
                start + n,
                format!(
                    "the input ends inside the {what} varint (after {n} byte{})",
                    if n == 1 { "" } else { "s" }
                ),
            ),
            VarintError::Overflow => self.fail(
                start,
                format!("the {what} varint is too long or overflows its type"),
            ),
        }
    }

    /// Reads a zigzag long as a span of `part`.
    fn long_span(
        &mut self,
        part: Part,
        schema: SchemaId,
        parent: u32,
        index: u32,
        what: &str,
    ) -> Read<i64> {
        let start = self.pos;
        let span = self.open(part, schema, parent, index)?;
        let rest = self.bytes.get(start..).unwrap_or_default();
        match read_long(rest) {
            Ok((v, n)) => {
                self.pos += n;
                self.close(span);
                Ok(v)
            }
            Err(e) => {
                self.spans.pop();
                self.varint_error(start, what, e)
            }
        }
    }

    fn int_at(&mut self, what: &str) -> Read<i32> {
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        match read_int(rest) {
            Ok((v, n)) => {
                self.pos += n;
                Ok(v)
            }
            Err(e) => self.varint_error(start, what, e),
        }
    }

    fn take(&mut self, n: usize, what: &str) -> Read<&[u8]> {
        if n > self.left() {
            return self.fail(
                self.pos,
                format!(
                    "{what} needs {} but only {} left",
                    bytes(n as u64),
                    bytes(self.left() as u64)
                ),
            );
        }
        let start = self.pos;
        self.pos += n;
        Ok(self.bytes.get(start..start + n).unwrap_or_default())
    }

    /// Reads a length prefix and content: returns the content's bytes.
    fn length_prefixed(&mut self, schema: SchemaId, parent: u32, what: &str) -> Read<Vec<u8>> {
        let len_start = self.pos;
        let len = self.long_span(Part::Length, schema, parent, 0, &format!("{what} length"))?;
        if len < 0 {
            return self.fail(len_start, format!("{what} length is negative ({len})"));
        }
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        if len > self.left() {
            return self.fail(
                len_start,
                format!(
                    "{what} length {len} exceeds the {} left",
                    bytes(self.left() as u64)
                ),
            );
        }
        let content = self.open(Part::Content, schema, parent, 0)?;
        let bytes = self.take(len, what)?.to_vec();
        self.close(content);
        Ok(bytes)
    }

    fn string(&mut self, schema: SchemaId, parent: u32, what: &str) -> Read<String> {
        let bytes = self.length_prefixed(schema, parent, what)?;
        String::from_utf8(bytes).or_else(|e| {
            let bad = e.utf8_error().valid_up_to();
            let content_start = self.pos - e.as_bytes().len();
            self.fail(
                content_start + bad,
                format!("{what} is not valid UTF-8 (byte {} of the content)", bad),
            )
        })
    }

    /// The error of reading more values of zero encoded size than [`Limits`] allow; `at` is where to report
    /// it, `what` what pushed the count over (empty, or the block count).
    fn too_many_empty<T>(&self, at: usize, what: &str) -> Read<T> {
        let Limits {
            max_empty_items: base,
            empty_items_per_byte: per_byte,
            ..
        } = self.limits;
        self.fail(
            at,
            format!(
                "{what}more than {} items of zero encoded size in one walk (Limits::max_empty_items {base} + \
                 Limits::empty_items_per_byte {per_byte} × {} input bytes): refused, as a few bytes could \
                 otherwise claim billions of them",
                self.empty_items_allowed, self.input_len
            ),
        )
    }

    fn value(&mut self, id: SchemaId, parent: u32, index: u32) -> Read<Value> {
        if self.depth >= self.limits.max_depth {
            return self.fail(
                self.pos,
                format!("values nested deeper than {} levels", self.limits.max_depth),
            );
        }
        if self.min_sizes.get(id.0 as usize) == Some(&0) {
            if self.empty_items >= self.empty_items_allowed {
                return self.too_many_empty(self.pos, "");
            }
            self.empty_items += 1;
        }
        self.depth += 1;
        let span = self.open(Part::Value, id, parent, index)?;
        let result = self.value_body(id, span);
        self.close(span);
        self.depth -= 1;
        result
    }

    fn value_body(&mut self, id: SchemaId, span: u32) -> Read<Value> {
        let schema = self.schema;
        match schema.kind(id) {
            Kind::Null => Ok(Value::Null),
            Kind::Boolean => {
                let at = self.pos;
                let b = *self.take(1, "a boolean")?.first().unwrap_or(&0);
                match b {
                    0 => Ok(Value::Boolean(false)),
                    1 => Ok(Value::Boolean(true)),
                    other => self.fail(
                        at,
                        format!("a boolean byte must be 00 or 01, found {other:02x}"),
                    ),
                }
            }
            Kind::Int => self.int_at("int").map(Value::Int),
            Kind::Long => {
                let start = self.pos;
                let rest = self.bytes.get(start..).unwrap_or_default();
                match read_long(rest) {
                    Ok((v, n)) => {
                        self.pos += n;
                        Ok(Value::Long(v))
                    }
                    Err(e) => self.varint_error(start, "long", e),
                }
            }
            Kind::Float => {
                let b = self.take(4, "a float")?;
                let arr: [u8; 4] = b.try_into().unwrap_or_default();
                Ok(Value::Float(f32::from_le_bytes(arr)))
            }
            Kind::Double => {
                let b = self.take(8, "a double")?;
                let arr: [u8; 8] = b.try_into().unwrap_or_default();
                Ok(Value::Double(f64::from_le_bytes(arr)))
            }
            Kind::Bytes => self.length_prefixed(id, span, "bytes").map(Value::Bytes),
            Kind::String => self.string(id, span, "string").map(Value::String),
            Kind::Fixed(f) => {
                let what = format!("fixed {} ({} bytes)", f.name, f.size);
                self.take(f.size, &what).map(|b| Value::Fixed(b.to_vec()))
            }
            Kind::Enum(e) => {
                let at = self.pos;
                let i = self.int_at("enum index")?;
                match usize::try_from(i).ok().and_then(|i| e.symbols.get(i)) {
                    Some(symbol) => Ok(Value::Enum(i as u32, symbol.clone())),
                    None => self.fail(
                        at,
                        format!(
                            "enum index {i} but enum {} has {} symbols (0..{})",
                            e.name,
                            e.symbols.len(),
                            e.symbols.len().saturating_sub(1)
                        ),
                    ),
                }
            }
            Kind::Union(branches) => {
                let at = self.pos;
                let index_span = self.open(Part::BranchIndex, id, span, 0)?;
                let i = match self.int_at("union index") {
                    Ok(i) => i,
                    Err(e) => {
                        self.spans.pop();
                        return Err(e);
                    }
                };
                self.close(index_span);
                let Some(&branch) = usize::try_from(i).ok().and_then(|i| branches.get(i)) else {
                    return self.fail(
                        at,
                        format!(
                            "union index {i} but the union has {} branches",
                            branches.len()
                        ),
                    );
                };
                if let Some(s) = self.spans.get_mut(index_span as usize) {
                    s.index = i as u32;
                }
                let wrapped = !matches!(schema.kind(branch), Kind::Null);
                if wrapped {
                    self.path.push(schema.branch_name(branch));
                }
                let v = self.value(branch, span, i as u32);
                if wrapped {
                    self.path.pop();
                }
                Ok(Value::Union(i as u32, Box::new(v?)))
            }
            Kind::Record(r) => {
                let mut fields = Vec::with_capacity(r.fields.len());
                for (i, f) in r.fields.iter().enumerate() {
                    self.path.push(f.name.clone());
                    let v = self.value(f.schema, span, i as u32);
                    self.path.pop();
                    fields.push((f.name.clone(), v?));
                }
                Ok(Value::Record(fields))
            }
            Kind::Array(items) => {
                let mut out = Vec::new();
                self.blocks(id, *items, span, |d, count_before| {
                    d.path.push(count_before.to_string());
                    let v = d.value(*items, span, count_before as u32);
                    d.path.pop();
                    out.push(v?);
                    Ok(())
                })?;
                Ok(Value::Array(out))
            }
            Kind::Map(values) => {
                let mut out: Vec<(String, Value)> = Vec::new();
                let mut keys: HashMap<String, usize> = HashMap::new();
                self.blocks(id, *values, span, |d, entry| {
                    let key_span = d.open(Part::MapKey, id, span, entry as u32)?;
                    let key = d.string(id, key_span, "map key");
                    d.close(key_span);
                    let key = key?;
                    d.path.push(key.clone());
                    let v = d.value(*values, span, entry as u32);
                    d.path.pop();
                    // The spec is silent on a key written twice; Java's GenericDatumReader.readMap puts each
                    // entry into a map, so the last value wins. Every byte keeps its span; the value is the
                    // last one, at the key's first place.
                    let v = v?;
                    match keys.get(&key).and_then(|&at| out.get_mut(at)) {
                        Some(earlier) => earlier.1 = v,
                        None => {
                            keys.insert(key.clone(), out.len());
                            out.push((key, v));
                        }
                    }
                    Ok(())
                })?;
                Ok(Value::Map(out))
            }
        }
    }

    /// Reads array or map blocks, calling `item` for each item with the number of items read before it.
    fn blocks(
        &mut self,
        id: SchemaId,
        item_schema: SchemaId,
        span: u32,
        mut item: impl FnMut(&mut Self, usize) -> Read<()>,
    ) -> Read<()> {
        let min = self
            .min_sizes
            .get(item_schema.0 as usize)
            .copied()
            .unwrap_or(0)
            + u64::from(matches!(self.schema.kind(id), Kind::Map(_)));
        let mut read = 0usize;
        for block in 0u32.. {
            let count_at = self.pos;
            let count = self.long_span(Part::BlockCount, id, span, block, "block count")?;
            if count == 0 {
                if let Some(s) = self.spans.last_mut() {
                    s.part = Part::BlockEnd;
                }
                return Ok(());
            }
            let count = if count < 0 {
                let size_at = self.pos;
                let size = self.long_span(Part::BlockSize, id, span, block, "block size")?;
                if size < 0 || size as u64 > self.left() as u64 {
                    return self.fail(
                        size_at,
                        format!(
                            "block size {size} exceeds the {} left",
                            bytes(self.left() as u64)
                        ),
                    );
                }
                count.unsigned_abs()
            } else {
                count as u64
            };
            if min > 0 && count.saturating_mul(min) > self.left() as u64 {
                return self.fail(
                    count_at,
                    format!(
                        "block count {count} needs at least {} but only {} left",
                        bytes(count.saturating_mul(min)),
                        bytes(self.left() as u64)
                    ),
                );
            }
            // Each item is counted as it is read; a count that cannot fit is refused before any is.
            if min == 0 && self.empty_items.saturating_add(count) > self.empty_items_allowed {
                return self.too_many_empty(count_at, &format!("block count {count}: "));
            }
            for _ in 0..count {
                item(self, read)?;
                read += 1;
            }
        }
        Ok(())
    }
}
