//! Decoding the records of one block with the walker, for the whole-file walk (which records their spans)
//! and for the validating pass (which does not): the same checks, allowance and errors either way, so
//! both report the first problem at the same byte in the same words.

use super::header::Header;
use super::Codec;
use crate::schema::SchemaError;
use crate::value::Value;
use crate::walker::{DatumReader, DecodeError, Span};
use std::ops::ControlFlow;

/// A problem with a record: the file offset to mark, and the message.
pub(super) type RecordError = (u64, String);

/// One block's records as the walker reads them.
pub(super) struct BlockRecords<'a> {
    /// The block's number, from 1.
    pub number: usize,
    /// How many records the block holds.
    pub count: u64,
    /// The codec its data was compressed with.
    pub codec: Codec,
    /// The bytes holding the records, which run to the end of `bytes`: with codec `null` the block's
    /// stored bytes (alone, or after the file's bytes before them); otherwise its decompressed data.
    pub bytes: &'a [u8],
    /// Where the first record starts in `bytes`.
    pub start: usize,
    /// The file offset of `bytes[0]` (codec `null`: record offsets in `bytes` are file offsets after it).
    pub base: u64,
    /// The file offset of the block's stored data, where a problem inside compressed data is marked.
    pub data_start: u64,
}

/// Where the spans of a block's records go, and the span they hang from.
pub(super) struct Recording<'s> {
    /// The walk's span list.
    pub spans: &'s mut Vec<Span>,
    /// The block's span.
    pub parent: u32,
}

impl BlockRecords<'_> {
    /// Decodes the records in order, handing each to `each`, which may stop the decoding. With
    /// `recording`, each record's spans are appended. Fails at the first record that does not decode, or
    /// when the records end before the data does.
    pub(super) fn decode(
        &self,
        reader: &mut DatumReader<'_>,
        mut recording: Option<Recording<'_>>,
        mut each: impl FnMut(Value) -> ControlFlow<()>,
    ) -> Result<ControlFlow<()>, RecordError> {
        let mut at = self.start;
        for i in 0..self.count {
            let read = match &mut recording {
                Some(r) => reader.read(self.bytes, at, r.parent, i as u32, r.spans),
                None => reader.read_unrecorded(self.bytes, at),
            };
            let (value, end) = read.map_err(|e| self.record_error(i, e))?;
            at = end;
            if each(value).is_break() {
                return Ok(ControlFlow::Break(()));
            }
        }
        let len = self.bytes.len();
        if at == len {
            return Ok(ControlFlow::Continue(()));
        }
        let (number, count) = (self.number, self.count);
        Err(if self.codec == Codec::Null {
            let (at, end) = (self.base + at as u64, self.base + len as u64);
            let message = format!(
                "block {number}: its {count} records end at byte {at}, but its data runs to byte {end}"
            );
            (at, message)
        } else {
            let message = format!(
                "block {number}: its {count} records end at decompressed byte {at} of {len}"
            );
            (self.data_start, message)
        })
    }

    /// Record `i`'s decoding problem. Decompressed bytes are not in the file: the block's compressed data
    /// is the place to mark.
    fn record_error(&self, i: u64, e: DecodeError) -> RecordError {
        let (at, base, offset) = if self.codec == Codec::Null {
            let at = self.base + e.offset as u64;
            (at, "file", at)
        } else {
            (self.data_start, "decompressed", e.offset as u64)
        };
        let message = format!(
            "block {} record {} ({base} byte {offset}{}): {}",
            self.number,
            i + 1,
            e.path,
            e.message
        );
        (at, message)
    }
}

/// How many bytes the records read so far may count as input for the walker's allowance of values of
/// zero encoded size ([`crate::walker::Limits::empty_items_per_byte`]): the file up to the end of the
/// block being read, and the decompressed data of every compressed block so far. It only grows as the file
/// is read, so a pass over a stream and a walk over the whole file allow the same.
pub(super) struct InputSoFar {
    decompressed: u64,
}

impl InputSoFar {
    /// Nothing read yet.
    pub(super) fn new() -> Self {
        InputSoFar { decompressed: 0 }
    }

    /// Counts a block of `codec` ending at file offset `end` whose data decompressed to `data_len` bytes;
    /// returns the input so far.
    pub(super) fn add(&mut self, codec: Codec, end: u64, data_len: usize) -> usize {
        if codec != Codec::Null {
            self.decompressed = self.decompressed.saturating_add(data_len as u64);
        }
        usize::try_from(end.saturating_add(self.decompressed)).unwrap_or(usize::MAX)
    }
}

/// Where a header's `avro.schema` value starts (to mark when it does not parse), and the message.
pub(super) fn schema_error(header: &Header, e: &SchemaError) -> (Option<usize>, String) {
    let at = header
        .metadata
        .iter()
        .find(|m| m.key == super::header::SCHEMA_KEY)
        .map(|m| m.value_range.start);
    let message = format!("header metadata avro.schema: the writer schema does not parse: {e}");
    (at, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;
    use crate::walker;

    #[test]
    fn a_record_error_past_4_gib_names_its_file_byte() {
        let schema = parse_schema(r#""string""#).unwrap();
        let mut reader = DatumReader::new(&schema, walker::Limits::default());
        let base = 6u64 << 30;
        let records = BlockRecords {
            number: 9,
            count: 2,
            codec: Codec::Null,
            bytes: &[2, b'a', 0x80],
            start: 0,
            base,
            data_start: base,
        };
        let mut seen = Vec::new();
        let (at, message) = records
            .decode(&mut reader, None, |v| {
                seen.push(v);
                ControlFlow::Continue(())
            })
            .unwrap_err();
        assert_eq!(seen, [Value::String("a".into())]);
        assert_eq!(at, base + 3);
        assert!(
            message.starts_with(&format!("block 9 record 2 (file byte {}): ", base + 3)),
            "{message}"
        );
    }
}
