//! Writing a container file (specification: Object Container Files): the header with `avro.schema`,
//! `avro.codec` and the caller's metadata, then one compressed block per batch of encoded records.

use super::codec::compress;
use super::header::{CODEC_KEY, SCHEMA_KEY};
use super::varint::write_long;
use super::{Codec, MAGIC, SYNC_LEN};
use crate::schema::{parse_schema, SchemaError};
use std::fmt;

/// Why a container file could not be written.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// The schema text is not a valid schema.
    InvalidSchema(SchemaError),
    /// A metadata key the caller gave starts with `avro.`, which the specification reserves.
    ReservedKey(String),
    /// A block's object count does not fit a long.
    CountTooLarge {
        /// The block's number, from 1.
        block: usize,
        /// The count given.
        count: u64,
    },
    /// The codec could not compress a block.
    Compression {
        /// The block's number, from 1.
        block: usize,
        /// The codec.
        codec: Codec,
        /// What the compressor said.
        message: String,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::InvalidSchema(e) => write!(f, "avro.schema: {e}"),
            WriteError::ReservedKey(key) => write!(
                f,
                "metadata key `{key}`: keys starting with `avro.` are reserved by the specification"
            ),
            WriteError::CountTooLarge { block, count } => {
                write!(f, "block {block} object count: {count} does not fit a long")
            }
            WriteError::Compression {
                block,
                codec,
                message,
            } => write!(f, "block {block}: {codec} compression failed: {message}"),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes a container file: `blocks` are `(object count, the objects' binary encoding)`, each written
/// as one block compressed with `codec`; `metadata` holds the caller's keys (not `avro.*`), written
/// after `avro.schema` and `avro.codec`.
pub fn write_container(
    schema_text: &str,
    codec: Codec,
    blocks: &[(u64, Vec<u8>)],
    sync: [u8; SYNC_LEN],
    metadata: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, WriteError> {
    parse_schema(schema_text).map_err(WriteError::InvalidSchema)?;
    if let Some((key, _)) = metadata.iter().find(|(k, _)| k.starts_with("avro.")) {
        return Err(WriteError::ReservedKey(key.clone()));
    }
    let mut out = MAGIC.to_vec();
    let entries: Vec<(&str, &[u8])> = [
        (SCHEMA_KEY, schema_text.as_bytes()),
        (CODEC_KEY, codec.name().as_bytes()),
    ]
    .into_iter()
    .chain(metadata.iter().map(|(k, v)| (k.as_str(), v.as_slice())))
    .collect();
    write_long(&mut out, length(entries.len()));
    for (key, value) in entries {
        write_bytes(&mut out, key.as_bytes());
        write_bytes(&mut out, value);
    }
    write_long(&mut out, 0);
    out.extend_from_slice(&sync);
    for (i, (count, data)) in blocks.iter().enumerate() {
        let block = i + 1;
        let count = i64::try_from(*count).map_err(|_| WriteError::CountTooLarge {
            block,
            count: *count,
        })?;
        let stored = compress(codec, data).map_err(|message| WriteError::Compression {
            block,
            codec,
            message,
        })?;
        write_long(&mut out, count);
        write_bytes(&mut out, &stored);
        out.extend_from_slice(&sync);
    }
    Ok(out)
}

/// A length as a long (lengths of data in memory always fit).
fn length(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn write_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    write_long(out, length(bytes.len()));
    out.extend_from_slice(bytes);
}
