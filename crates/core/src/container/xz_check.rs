//! The `.xz` framing of an `xz` block (The .xz File Format 1.0.4), checked and taken apart here so that
//! lzma-rs only ever decodes LZMA2 data.
//!
//! Why this exists: lzma-rs 0.3.0's xz reader (`xz_decompress`) panics when overflow checks are on ("attempt
//! to add with overflow" in its `decode/xz.rs`: `(backward_size + 1) << 2` on a stream footer whose Backward
//! Size is 0xFFFFFFFF), and a panic aborts the page. Checking the footer before calling it is not enough:
//! lzma-rs looks for the index and footer where its own decoding of the blocks ends, and it stops reading an
//! LZMA chunk once the chunk's output is complete, even when bytes of the chunk's stated packed size are left,
//! so a crafted block can hold a second index and footer that lzma-rs reads instead of the checked ones. So
//! the stream header, every block header, the index and the stream footer are read and checked here, and
//! lzma-rs gets only each block's compressed data (`lzma2_decompress`); the sizes and each block's check
//! (CRC32, CRC64 or SHA-256) are then verified against the index and the block. A later issue replaces
//! lzma-rs with lzma-rust2, whose xz reader makes this module unnecessary.

use super::codec::CRC32;
use crate::canonical::sha256;

/// The six bytes every stream header starts with.
const HEADER_MAGIC: [u8; 6] = [0xFD, b'7', b'z', b'X', b'Z', 0x00];
/// The two bytes every stream footer ends with.
const FOOTER_MAGIC: [u8; 2] = [b'Y', b'Z'];
/// Stream header and stream footer are 12 bytes each.
const STREAM_HEADER_LEN: usize = 12;
/// The LZMA2 filter's id.
const LZMA2_FILTER: u64 = 0x21;
/// A variable-length integer takes at most 9 bytes and stays below 2^63.
const MAX_VLI_BYTES: usize = 9;

/// The integrity check after each block's data (stream flags, Check Type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Check {
    /// No check.
    None,
    /// CRC32 (ISO-HDLC, as zlib).
    Crc32,
    /// CRC64 (ECMA-182, reflected).
    Crc64,
    /// SHA-256.
    Sha256,
}

impl Check {
    fn from_id(id: u8) -> Result<Check, String> {
        match id {
            0x00 => Ok(Check::None),
            0x01 => Ok(Check::Crc32),
            0x04 => Ok(Check::Crc64),
            0x0A => Ok(Check::Sha256),
            other => Err(format!(
                "the xz stream flags name check type {other:#04x}, which is reserved or unsupported"
            )),
        }
    }

    fn len(self) -> usize {
        match self {
            Check::None => 0,
            Check::Crc32 => 4,
            Check::Crc64 => 8,
            Check::Sha256 => 32,
        }
    }

    /// Whether `stored` is this check of `data`.
    pub(crate) fn verify(self, stored: &[u8], data: &[u8]) -> bool {
        match self {
            Check::None => stored.is_empty(),
            Check::Crc32 => stored == CRC32.checksum(data).to_le_bytes(),
            Check::Crc64 => stored == crc64(data).to_le_bytes(),
            Check::Sha256 => stored == sha256(data),
        }
    }
}

/// One block of a stream: its LZMA2 data and what the index and the block say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XzBlock<'a> {
    /// The block's compressed data: an LZMA2 stream, from its first chunk to its end marker.
    pub lzma2: &'a [u8],
    /// The uncompressed size the index gives.
    pub unpacked: u64,
    /// The check stored after the data.
    pub check_value: &'a [u8],
}

/// A stream read by [`read_stream`]: its check type and its blocks in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XzStream<'a> {
    /// The check type of every block.
    pub check: Check,
    /// The blocks.
    pub blocks: Vec<XzBlock<'a>>,
}

/// Reads the framing of `data`, which must be exactly one xz stream (no stream padding, no second stream:
/// lzma-rs reads no more either). Every field lzma-rs would have read is checked; the error says which.
pub(crate) fn read_stream(data: &[u8]) -> Result<XzStream<'_>, String> {
    let too_short = || {
        format!(
            "{} bytes are too few for an xz stream (a 12-byte stream header, an index and a 12-byte stream footer)",
            data.len()
        )
    };
    let header = data.get(..STREAM_HEADER_LEN).ok_or_else(too_short)?;
    let footer_at = data
        .len()
        .checked_sub(STREAM_HEADER_LEN)
        .filter(|&at| at >= STREAM_HEADER_LEN)
        .ok_or_else(too_short)?;
    let footer = data.get(footer_at..).ok_or_else(too_short)?;
    if header.get(..6) != Some(&HEADER_MAGIC[..]) {
        return Err(
            "the xz stream header does not start with the magic bytes fd 37 7a 58 5a 00".into(),
        );
    }
    let flags = slice(header, 6, 2)?;
    if u32_le(header, 8)? != CRC32.checksum(flags) {
        return Err("the CRC32 of the xz stream header's flags does not match".into());
    }
    let check = match flags {
        [0, id] if id & 0xF0 == 0 => Check::from_id(*id)?,
        _ => return Err("the xz stream flags have reserved bits set".into()),
    };
    if footer.get(10..) != Some(&FOOTER_MAGIC[..]) {
        return Err("the xz stream does not end with a stream footer (its magic bytes 59 5a): stream padding or a second stream is not read".into());
    }
    if u32_le(footer, 0)? != CRC32.checksum(slice(footer, 4, 6)?) {
        return Err("the CRC32 of the xz stream footer does not match".into());
    }
    if slice(footer, 8, 2)? != flags {
        return Err("the xz stream footer's flags differ from the stream header's".into());
    }
    // Backward Size is the index's size in 4-byte units, minus one; u64 arithmetic cannot overflow here.
    let index_len = (u64::from(u32_le(footer, 4)?) + 1) * 4;
    let index_at = usize::try_from(index_len)
        .ok()
        .and_then(|len| footer_at.checked_sub(len))
        .filter(|&at| at >= STREAM_HEADER_LEN)
        .ok_or_else(|| {
            format!("the xz stream footer gives an index of {index_len} bytes, more than the stream holds")
        })?;
    let index = data.get(index_at..footer_at).unwrap_or_default();
    let records = read_index(index)?;
    let mut blocks = Vec::with_capacity(records.len());
    let mut at = STREAM_HEADER_LEN;
    for (number, (unpadded, unpacked)) in records.into_iter().enumerate() {
        let area = data.get(at..index_at).unwrap_or_default();
        let (block, padded) = read_block(area, unpadded, unpacked, check)
            .map_err(|e| format!("xz block {}: {e}", number + 1))?;
        blocks.push(block);
        at += padded;
    }
    if at != index_at {
        return Err(format!(
            "the xz index's records account for {} bytes of blocks, but {} bytes lie between the stream header and the index",
            at - STREAM_HEADER_LEN,
            index_at - STREAM_HEADER_LEN
        ));
    }
    Ok(XzStream { check, blocks })
}

/// The index's records, (unpadded size, uncompressed size) per block, after checking its framing and CRC32.
fn read_index(index: &[u8]) -> Result<Vec<(u64, u64)>, String> {
    if index.first() != Some(&0) {
        return Err("the xz index does not start with its indicator byte 00".into());
    }
    let crc_at = index.len().saturating_sub(4);
    let body = index.get(..crc_at).unwrap_or_default();
    if u32_le(index, crc_at)? != CRC32.checksum(body) {
        return Err("the CRC32 of the xz index does not match".into());
    }
    let mut at = 1;
    let count = vli(body, &mut at).map_err(|e| format!("the xz index's record count: {e}"))?;
    // Every record takes at least two bytes: a count beyond that is refused before anything is reserved.
    if count > (body.len() / 2) as u64 {
        return Err(format!(
            "the xz index claims {count} records in {} bytes",
            body.len()
        ));
    }
    let mut records = Vec::with_capacity(count as usize);
    for i in 0..count {
        let unpadded = vli(body, &mut at)
            .map_err(|e| format!("the xz index's record {}: unpadded size: {e}", i + 1))?;
        let unpacked = vli(body, &mut at)
            .map_err(|e| format!("the xz index's record {}: uncompressed size: {e}", i + 1))?;
        records.push((unpadded, unpacked));
    }
    let padding = body.get(at..).unwrap_or_default();
    if padding.len() > 3 || padding.iter().any(|&b| b != 0) {
        return Err(format!(
            "the xz index has {} bytes after its records where at most 3 zero bytes of padding belong",
            padding.len()
        ));
    }
    Ok(records)
}

/// Reads the block at the start of `area` whose index record gives `unpadded` and `unpacked`; returns it and
/// its size with block padding.
fn read_block(
    area: &[u8],
    unpadded: u64,
    unpacked: u64,
    check: Check,
) -> Result<(XzBlock<'_>, usize), String> {
    let size_byte = *area
        .first()
        .ok_or("the blocks end before the index's records do")?;
    if size_byte == 0 {
        return Err(
            "a block header size of 0 (the index indicator) where the index lists another block"
                .into(),
        );
    }
    let header_len = (usize::from(size_byte) + 1) * 4;
    let header = area
        .get(..header_len)
        .ok_or_else(|| format!("its {header_len}-byte block header runs past the blocks"))?;
    let crc_at = header_len - 4;
    if u32_le(header, crc_at)? != CRC32.checksum(slice(header, 0, crc_at)?) {
        return Err("the CRC32 of its block header does not match".into());
    }
    let fields = slice(header, 0, crc_at)?;
    let flags = *fields.get(1).ok_or("its block header has no flags")?;
    if flags & 0x3C != 0 {
        return Err(format!(
            "its block flags {flags:#04x} have reserved bits set"
        ));
    }
    if flags & 0x03 != 0 {
        return Err("it has more than one filter; only LZMA2 alone is read".into());
    }
    let mut at = 2;
    let compressed_field = (flags & 0x40 != 0)
        .then(|| vli(fields, &mut at))
        .transpose()
        .map_err(|e| format!("its compressed size: {e}"))?;
    let unpacked_field = (flags & 0x80 != 0)
        .then(|| vli(fields, &mut at))
        .transpose()
        .map_err(|e| format!("its uncompressed size: {e}"))?;
    let filter = vli(fields, &mut at).map_err(|e| format!("its filter id: {e}"))?;
    if filter != LZMA2_FILTER {
        return Err(format!("its filter {filter:#x} is not LZMA2 (0x21)"));
    }
    let props_len = vli(fields, &mut at).map_err(|e| format!("its filter properties size: {e}"))?;
    let dictionary = (props_len == 1)
        .then(|| fields.get(at).copied())
        .flatten()
        .ok_or("its LZMA2 filter properties are not one byte")?;
    if dictionary > 40 {
        return Err(format!(
            "its LZMA2 dictionary size byte {dictionary} is over 40"
        ));
    }
    at += 1;
    if fields.get(at..).unwrap_or_default().iter().any(|&b| b != 0) {
        return Err("its block header padding is not zero bytes".into());
    }
    let check_len = check.len();
    let compressed_len = usize::try_from(unpadded)
        .ok()
        .and_then(|u| u.checked_sub(header_len + check_len))
        .filter(|&len| len > 0)
        .ok_or_else(|| {
            format!(
                "the index gives it an unpadded size of {unpadded}, which leaves no room for data after its {header_len}-byte header and {check_len}-byte check"
            )
        })?;
    if compressed_field.is_some_and(|c| c != compressed_len as u64) {
        return Err(format!(
            "its header gives a compressed size of {}, the index {compressed_len}",
            compressed_field.unwrap_or_default()
        ));
    }
    if unpacked_field.is_some_and(|u| u != unpacked) {
        return Err(format!(
            "its header gives an uncompressed size of {}, the index {unpacked}",
            unpacked_field.unwrap_or_default()
        ));
    }
    let data_end = header_len + compressed_len;
    let padded_end = data_end.next_multiple_of(4);
    let lzma2 = area
        .get(header_len..data_end)
        .ok_or("its compressed data runs past the blocks")?;
    let padding = area
        .get(data_end..padded_end)
        .ok_or("its padding runs past the blocks")?;
    if padding.iter().any(|&b| b != 0) {
        return Err("its block padding is not zero bytes".into());
    }
    let check_value = area
        .get(padded_end..padded_end + check_len)
        .ok_or("its check runs past the blocks")?;
    let block = XzBlock {
        lzma2,
        unpacked,
        check_value,
    };
    Ok((block, padded_end + check_len))
}

/// The uncompressed size the chunk headers of an LZMA2 stream state, read without decoding (each chunk:
/// a control byte, then sizes; 00 ends the stream). Fails when the chunks run past the data or the end
/// marker comes before the data's end.
pub(crate) fn lzma2_stated_size(lzma2: &[u8]) -> Result<u64, String> {
    let mut at = 0usize;
    let mut total = 0u64;
    loop {
        let control = *lzma2
            .get(at)
            .ok_or("the LZMA2 data ends before its end marker")?;
        let (unpacked, skip) = match control {
            0x00 => {
                return if at + 1 == lzma2.len() {
                    Ok(total)
                } else {
                    Err(format!(
                        "the LZMA2 end marker comes {} bytes before the end of the block's data",
                        lzma2.len() - at - 1
                    ))
                };
            }
            // Uncompressed chunk: 2 bytes of size - 1, then the bytes.
            0x01 | 0x02 => {
                let size = u64::from(u16_be(lzma2, at + 1)?) + 1;
                (size, 3 + size)
            }
            0x03..=0x7F => return Err(format!("LZMA2 control byte {control:#04x} is invalid")),
            // LZMA chunk: 5 bits + 2 bytes of unpacked size - 1, 2 bytes of packed size - 1, props from 0xC0.
            _ => {
                let unpacked =
                    (u64::from(control & 0x1F) << 16 | u64::from(u16_be(lzma2, at + 1)?)) + 1;
                let packed = u64::from(u16_be(lzma2, at + 3)?) + 1;
                (unpacked, 5 + u64::from(control >= 0xC0) + packed)
            }
        };
        total += unpacked;
        at = usize::try_from(skip)
            .ok()
            .and_then(|skip| at.checked_add(skip))
            .filter(|&end| end <= lzma2.len())
            .ok_or("an LZMA2 chunk runs past the block's data")?;
    }
}

/// `len` bytes of `bytes` from `at`.
fn slice(bytes: &[u8], at: usize, len: usize) -> Result<&[u8], String> {
    bytes
        .get(at..at.saturating_add(len))
        .ok_or_else(|| "the xz data ends inside a field".to_string())
}

fn u32_le(bytes: &[u8], at: usize) -> Result<u32, String> {
    let field: [u8; 4] = slice(bytes, at, 4)?
        .try_into()
        .map_err(|_| "a short field")?;
    Ok(u32::from_le_bytes(field))
}

fn u16_be(bytes: &[u8], at: usize) -> Result<u16, String> {
    let field: [u8; 2] = slice(bytes, at, 2)
        .map_err(|_| "the LZMA2 data ends inside a chunk header".to_string())?
        .try_into()
        .map_err(|_| "a short field")?;
    Ok(u16::from_be_bytes(field))
}

/// A variable-length integer at `*at` (7 bits a byte, low first; at most 9 bytes; no trailing zero byte).
fn vli(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut value = 0u64;
    for i in 0..MAX_VLI_BYTES {
        let byte = *bytes.get(*at).ok_or("it ends inside the number")?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            if i > 0 && byte == 0 {
                return Err("the number is not in its shortest form".into());
            }
            return Ok(value);
        }
    }
    Err("the number is longer than 9 bytes".into())
}

/// CRC64 as xz computes it (ECMA-182 polynomial, reflected), with a table built on each call: blocks are
/// few, and a static table would add 2 KB to the page.
fn crc64(data: &[u8]) -> u64 {
    const POLY: u64 = 0xC96C_5795_D787_0F42;
    let mut table = [0u64; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        *slot = (0..8).fold(
            i as u64,
            |c, _| if c & 1 == 1 { c >> 1 ^ POLY } else { c >> 1 },
        );
    }
    !data.iter().fold(!0u64, |crc, &b| {
        table
            .get(((crc ^ u64::from(b)) & 0xFF) as usize)
            .copied()
            .unwrap_or(0)
            ^ crc >> 8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An xz stream as Python's `lzma.compress(b"\x02\x04", format=FORMAT_XZ, check=CHECK_CRC64)` writes it.
    const PYTHON_XZ: &str = "fd377a585a000004e6d6b4460200210116000000742fe5a30100010204000000aee66417377d129000011a02dc2ea57e1fb6f37d010000000004595a";

    fn unhex(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn crc64_is_the_xz_check_value_of_123456789() {
        assert_eq!(crc64(b"123456789"), 0x995D_C9BB_DF19_39FA);
    }

    #[test]
    fn a_python_stream_is_one_crc64_block_of_lzma2() {
        let data = unhex(PYTHON_XZ);
        let stream = read_stream(&data).unwrap();
        assert_eq!(stream.check, Check::Crc64);
        assert_eq!(stream.blocks.len(), 1);
        let block = &stream.blocks[0];
        assert_eq!(block.unpacked, 2);
        assert_eq!(lzma2_stated_size(block.lzma2), Ok(2));
        assert!(Check::Crc64.verify(block.check_value, &[0x02, 0x04]));
    }

    #[test]
    fn a_footer_backward_size_of_u32_max_is_an_index_larger_than_the_stream() {
        let mut data = unhex(PYTHON_XZ);
        let at = data.len() - 8;
        data[at..at + 4].copy_from_slice(&[0xFF; 4]);
        let crc = CRC32.checksum(&data[at..at + 6]).to_le_bytes();
        data[at - 4..at].copy_from_slice(&crc);
        let e = read_stream(&data).unwrap_err();
        assert!(e.contains("index of 17179869184 bytes"), "{e}");
    }

    #[test]
    fn every_cut_and_every_flipped_framing_byte_of_a_stream_is_an_error() {
        let data = unhex(PYTHON_XZ);
        for cut in 0..data.len() {
            assert!(read_stream(&data[..cut]).is_err(), "cut at {cut}");
        }
        // Bytes 24..30 are the LZMA2 data and 32..40 the CRC64: lzma-rs and `Check::verify` judge those.
        for i in (0..data.len()).filter(|i| !(24..30).contains(i) && !(32..40).contains(i)) {
            let mut flipped = data.clone();
            flipped[i] ^= 0x01;
            assert!(read_stream(&flipped).is_err(), "flip at {i} went unnoticed");
        }
    }

    #[test]
    fn lzma2_chunks_state_their_sizes_and_must_end_at_the_end_marker() {
        // An uncompressed chunk of 2 bytes, then the end marker.
        assert_eq!(
            lzma2_stated_size(&[0x01, 0x00, 0x01, 0xAA, 0xBB, 0x00]),
            Ok(2)
        );
        assert!(lzma2_stated_size(&[0x01, 0x00, 0x01, 0xAA, 0xBB, 0x00, 0x00]).is_err());
        assert!(lzma2_stated_size(&[0x01, 0x00, 0x05, 0xAA]).is_err());
        assert!(lzma2_stated_size(&[0x03, 0x00]).is_err());
        // An LZMA chunk stating 2 MiB of output from 1 packed byte (after the props byte).
        assert_eq!(
            lzma2_stated_size(&[0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x5D, 0x00, 0x00]),
            Ok(2 << 20)
        );
    }

    #[test]
    fn vli_refuses_a_trailing_zero_byte_and_a_tenth_byte() {
        assert_eq!(vli(&[0x80, 0x01], &mut 0), Ok(128));
        assert!(vli(&[0x80, 0x00], &mut 0).is_err());
        assert!(vli(&[0xFF; 10], &mut 0).is_err());
    }
}
