//! The file header (specification: Object Container Files, File Header): the magic, the metadata map with
//! the range of every count, length, key and value, and the sync marker.

use super::error::{ContainerError, Location};
use super::varint::read_long;
use super::{ByteRange, Codec, MAGIC, SYNC_LEN};
use crate::canonical::to_hex;

/// The metadata key holding the writer's schema.
pub const SCHEMA_KEY: &str = "avro.schema";
/// The metadata key holding the codec name.
pub const CODEC_KEY: &str = "avro.codec";

/// A file header read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The magic `Obj` 0x01: bytes 0-3.
    pub magic: ByteRange,
    /// The metadata entries in file order (`avro.*` keys included).
    pub metadata: Vec<MetadataEntry>,
    /// The zero count that ends the metadata map.
    pub metadata_end: ByteRange,
    /// The writer's schema: the text of `avro.schema` (not parsed here).
    pub schema: String,
    /// The codec named by `avro.codec` (`null` when the key is absent).
    pub codec: Codec,
    /// The 16-byte sync marker the writer chose.
    pub sync: [u8; SYNC_LEN],
    /// Where the header's sync marker stands.
    pub sync_range: ByteRange,
}

/// One entry of the metadata map, with the range of each of its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataEntry {
    /// The key (a string).
    pub key: String,
    /// The value (bytes).
    pub value: Vec<u8>,
    /// The count of the map block holding this entry; entries of one block share it.
    pub block_count: ByteRange,
    /// The block's byte size, which follows a negative count.
    pub block_size: Option<ByteRange>,
    /// The key's length (a long).
    pub key_length: ByteRange,
    /// The key's UTF-8 bytes.
    pub key_range: ByteRange,
    /// The value's length (a long).
    pub value_length: ByteRange,
    /// The value's bytes.
    pub value_range: ByteRange,
}

/// What was read of a header that could not be read whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartialHeader {
    /// The magic's range, when the file starts with `Obj` 0x01.
    pub magic: Option<ByteRange>,
    /// The entries read whole, in file order.
    pub metadata: Vec<MetadataEntry>,
    /// The zero count that ends the metadata map, when reached.
    pub metadata_end: Option<ByteRange>,
    /// The header's sync marker, when it was there.
    pub sync_range: Option<ByteRange>,
}

impl Header {
    /// The value of metadata `key` (the last one when the key is repeated, as a map keeps it).
    pub fn get(&self, key: &str) -> Option<&[u8]> {
        find(&self.metadata, key).map(|e| e.value.as_slice())
    }

    /// The entries whose keys are not reserved (`avro.` keys are the specification's).
    pub fn user_metadata(&self) -> impl Iterator<Item = &MetadataEntry> {
        self.metadata.iter().filter(|e| !e.key.starts_with("avro."))
    }

    /// Where the header ends: the first byte after its sync marker.
    pub fn end(&self) -> usize {
        self.sync_range.end
    }
}

fn find<'e>(entries: &'e [MetadataEntry], key: &str) -> Option<&'e MetadataEntry> {
    entries.iter().rev().find(|e| e.key == key)
}

/// How every message about a header cut short starts (also a metadata block claiming more than follows).
const TRUNCATED: &str = "truncated header";

/// Whether `e` says the header is cut short: more bytes could let it read, or fail later.
pub(crate) fn is_truncated_header(e: &ContainerError) -> bool {
    e.message.starts_with(TRUNCATED)
}

fn error(location: Location, range: ByteRange, message: impl Into<String>) -> ContainerError {
    ContainerError {
        location,
        range,
        message: message.into(),
    }
}

/// Reads the header at the start of `bytes`, recording in `partial` each part as it is read, so a
/// caller keeps what came before an error.
pub(crate) fn read_header(
    bytes: &[u8],
    partial: &mut PartialHeader,
) -> Result<Header, ContainerError> {
    let magic = read_magic(bytes)?;
    partial.magic = Some(magic);
    let metadata_end = read_metadata(bytes, magic.end, &mut partial.metadata)?;
    partial.metadata_end = Some(metadata_end);
    let sync_range = ByteRange::new(metadata_end.end, metadata_end.end.saturating_add(SYNC_LEN));
    let sync: [u8; SYNC_LEN] = bytes
        .get(sync_range.start..sync_range.end)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| {
            let have = bytes.len().saturating_sub(sync_range.start);
            error(
                Location::HeaderSync,
                ByteRange::new(sync_range.start, bytes.len()),
                format!("{TRUNCATED}: the file ends {have} bytes into the 16-byte sync marker"),
            )
        })?;
    partial.sync_range = Some(sync_range);
    let entries = &partial.metadata;
    let schema = schema_text(entries, ByteRange::new(magic.end, metadata_end.end))?;
    let codec = codec(entries)?;
    Ok(Header {
        magic,
        metadata: std::mem::take(&mut partial.metadata),
        metadata_end,
        schema,
        codec,
        sync,
        sync_range,
    })
}

fn read_magic(bytes: &[u8]) -> Result<ByteRange, ContainerError> {
    let range = ByteRange::new(0, MAGIC.len());
    let found = bytes
        .get(..MAGIC.len().min(bytes.len()))
        .unwrap_or_default();
    if !MAGIC.starts_with(found) {
        return Err(error(
            Location::Magic,
            ByteRange::new(0, found.len()),
            format!(
                "not an Object Container File: it must start with `Obj` 01 (4f626a01), found {}",
                to_hex(found)
            ),
        ));
    }
    if found.len() < MAGIC.len() {
        return Err(error(
            Location::Magic,
            ByteRange::new(0, found.len()),
            format!(
                "{TRUNCATED}: the file ends after {} of the 4 magic bytes",
                found.len()
            ),
        ));
    }
    Ok(range)
}

/// Reads the metadata map (a `map<bytes>`: blocks of entries, ended by a zero count) starting at `at`;
/// returns the range of the ending zero.
fn read_metadata(
    bytes: &[u8],
    mut at: usize,
    entries: &mut Vec<MetadataEntry>,
) -> Result<ByteRange, ContainerError> {
    loop {
        let (count, block_count) = long(bytes, at, "the count of a map block")?;
        at = block_count.end;
        if count == 0 {
            return Ok(block_count);
        }
        let mut block_size = None;
        if count < 0 {
            let (size, range) = long(bytes, at, "the byte size of a map block")?;
            block_size = Some((size, range));
            at = range.end;
        }
        let n = count.unsigned_abs();
        // Each entry takes at least two bytes (the two lengths), so a count beyond that is a lie.
        let left = bytes.len().saturating_sub(at) as u64;
        if n > left / 2 {
            return Err(error(
                Location::Metadata,
                block_count,
                format!(
                    "{TRUNCATED}: a metadata map block says {n} entries, but only {left} bytes follow"
                ),
            ));
        }
        let entries_start = at;
        for _ in 0..n {
            let entry = read_entry(bytes, at, block_count, block_size.map(|s| s.1))?;
            at = entry.value_range.end;
            entries.push(entry);
        }
        if let Some((size, range)) = block_size {
            let actual = at - entries_start;
            if u64::try_from(size).ok() != Some(actual as u64) {
                return Err(error(
                    Location::Metadata,
                    range,
                    format!(
                        "a metadata map block's byte size says {size}, but its entries take {actual} bytes"
                    ),
                ));
            }
        }
    }
}

fn read_entry(
    bytes: &[u8],
    at: usize,
    block_count: ByteRange,
    block_size: Option<ByteRange>,
) -> Result<MetadataEntry, ContainerError> {
    let (key_length, key_range) = length_prefixed(bytes, at, "a metadata key")?;
    let key = String::from_utf8(slice(bytes, key_range).to_vec()).map_err(|_| {
        error(
            Location::Metadata,
            key_range,
            "a metadata key is not valid UTF-8 (keys are Avro strings)",
        )
    })?;
    let (value_length, value_range) = length_prefixed(bytes, key_range.end, "a metadata value")
        .map_err(|e| ContainerError {
            location: Location::MetadataEntry(key.clone()),
            ..e
        })?;
    Ok(MetadataEntry {
        key,
        value: slice(bytes, value_range).to_vec(),
        block_count,
        block_size,
        key_length,
        key_range,
        value_length,
        value_range,
    })
}

fn slice(bytes: &[u8], range: ByteRange) -> &[u8] {
    bytes.get(range.start..range.end).unwrap_or_default()
}

/// Reads a long at `at` as part of the metadata map.
fn long(bytes: &[u8], at: usize, what: &str) -> Result<(i64, ByteRange), ContainerError> {
    read_long(bytes, at).map_err(|e| {
        error(
            Location::Metadata,
            ByteRange::new(at, bytes.len().min(at.saturating_add(10))),
            format!("{TRUNCATED}: {what}: {}", e.describe()),
        )
    })
}

/// Reads a length and the bytes it announces; returns the length's range and the content's range.
fn length_prefixed(
    bytes: &[u8],
    at: usize,
    what: &str,
) -> Result<(ByteRange, ByteRange), ContainerError> {
    let (len, len_range) = long(bytes, at, &format!("the length of {what}"))?;
    let left = bytes.len().saturating_sub(len_range.end);
    let n = usize::try_from(len).map_err(|_| {
        error(
            Location::Metadata,
            len_range,
            format!("the length of {what} is negative ({len})"),
        )
    })?;
    if n > left {
        return Err(error(
            Location::Metadata,
            len_range,
            format!("{TRUNCATED}: the length of {what} says {n} bytes, but only {left} follow"),
        ));
    }
    Ok((len_range, ByteRange::new(len_range.end, len_range.end + n)))
}

fn schema_text(entries: &[MetadataEntry], map: ByteRange) -> Result<String, ContainerError> {
    let location = Location::MetadataEntry(SCHEMA_KEY.into());
    let entry = find(entries, SCHEMA_KEY).ok_or_else(|| {
        error(
            location.clone(),
            map,
            "missing: a container file must hold its writer's schema under `avro.schema`",
        )
    })?;
    String::from_utf8(entry.value.clone()).map_err(|e| {
        error(
            location,
            entry.value_range,
            format!(
                "the schema is not valid UTF-8 (byte {} of the value)",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn codec(entries: &[MetadataEntry]) -> Result<Codec, ContainerError> {
    let Some(entry) = find(entries, CODEC_KEY) else {
        return Ok(Codec::Null);
    };
    let location = Location::MetadataEntry(CODEC_KEY.into());
    let name = std::str::from_utf8(&entry.value).map_err(|_| {
        error(
            location.clone(),
            entry.value_range,
            "the codec name is not valid UTF-8",
        )
    })?;
    name.parse::<Codec>()
        .map_err(|e| error(location, entry.value_range, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Header, Box<(PartialHeader, ContainerError)>> {
        let mut partial = PartialHeader::default();
        read_header(bytes, &mut partial).map_err(|e| Box::new((partial, e)))
    }

    fn header_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        super::super::varint::write_long(&mut out, entries.len() as i64);
        for (k, v) in entries {
            super::super::varint::write_long(&mut out, k.len() as i64);
            out.extend_from_slice(k.as_bytes());
            super::super::varint::write_long(&mut out, v.len() as i64);
            out.extend_from_slice(v);
        }
        out.push(0);
        out.extend_from_slice(&[7; SYNC_LEN]);
        out
    }

    #[test]
    fn codec_defaults_to_null_when_absent() {
        let header = read(&header_bytes(&[(SCHEMA_KEY, b"\"int\"")])).unwrap();
        assert_eq!(header.codec, Codec::Null);
        assert_eq!(header.schema, "\"int\"");
        assert_eq!(header.sync, [7; SYNC_LEN]);
    }

    #[test]
    fn entry_ranges_cover_each_part() {
        let bytes = header_bytes(&[(SCHEMA_KEY, b"\"int\"")]);
        let header = read(&bytes).unwrap();
        let e = &header.metadata[0];
        assert_eq!(e.block_count, ByteRange::new(4, 5));
        assert_eq!(e.key_length, ByteRange::new(5, 6));
        assert_eq!(e.key_range, ByteRange::new(6, 17));
        assert_eq!(e.value_length, ByteRange::new(17, 18));
        assert_eq!(e.value_range, ByteRange::new(18, 23));
        assert_eq!(header.metadata_end, ByteRange::new(23, 24));
        assert_eq!(header.sync_range, ByteRange::new(24, 40));
    }

    #[test]
    fn negative_map_block_count_is_followed_by_its_size() {
        let mut bytes = MAGIC.to_vec();
        // count -1, size 18: key "avro.schema" (1 + 11 bytes) and value `"int"` (1 + 5 bytes).
        bytes.extend_from_slice(&[0x01, 36, 22]);
        bytes.extend_from_slice(SCHEMA_KEY.as_bytes());
        bytes.push(10);
        bytes.extend_from_slice(b"\"int\"");
        bytes.push(0);
        bytes.extend_from_slice(&[1; SYNC_LEN]);
        let header = read(&bytes).unwrap();
        assert_eq!(header.metadata[0].block_size, Some(ByteRange::new(5, 6)));
    }

    #[test]
    fn missing_schema_names_the_key() {
        let (_, e) = *read(&header_bytes(&[(CODEC_KEY, b"null")])).unwrap_err();
        assert_eq!(e.location, Location::MetadataEntry(SCHEMA_KEY.into()));
    }

    #[test]
    fn unknown_codec_names_the_key_and_keeps_the_entries() {
        let (partial, e) = *read(&header_bytes(&[
            (SCHEMA_KEY, b"\"int\""),
            (CODEC_KEY, b"lz4"),
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("header metadata avro.codec"));
        assert_eq!(partial.metadata.len(), 2);
        assert!(partial.sync_range.is_some());
    }

    #[test]
    fn a_huge_entry_count_is_an_error_not_an_allocation() {
        let mut bytes = MAGIC.to_vec();
        super::super::varint::write_long(&mut bytes, 1 << 62);
        let (_, e) = *read(&bytes).unwrap_err();
        assert_eq!(e.location, Location::Metadata);
    }
}
