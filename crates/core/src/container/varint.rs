//! Zigzag varint longs (specification: Binary Encoding, `long`), for the container's own framing: the
//! metadata map's counts and lengths and each block's object count and byte size.

use super::ByteRange;
use crate::walker::varint;

/// Why a varint could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VarintError {
    /// The input ended before the last byte (one without the continuation bit).
    Truncated,
    /// More than 64 bits: ten bytes with the continuation bit still set, or a tenth byte above 1.
    TooLong,
}

impl VarintError {
    /// The problem in words.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            VarintError::Truncated => "the file ends inside this varint",
            VarintError::TooLong => {
                "the varint holds more than 64 bits (at most 10 bytes are allowed)"
            }
        }
    }
}

/// Reads a zigzag long at `at`; returns the value and the bytes it took.
pub(crate) fn read_long(bytes: &[u8], at: usize) -> Result<(i64, ByteRange), VarintError> {
    let rest = bytes.get(at..).ok_or(VarintError::Truncated)?;
    match varint::read_long(rest) {
        Ok((value, len)) => Ok((value, ByteRange::new(at, at + len))),
        Err(varint::VarintError::Truncated(_)) => Err(VarintError::Truncated),
        Err(varint::VarintError::Overflow) => Err(VarintError::TooLong),
    }
}

pub(crate) use varint::write_long;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips_the_extremes() {
        for v in [0, -1, 1, 63, -64, 64, i64::MAX, i64::MIN, 1 << 62] {
            let mut out = Vec::new();
            write_long(&mut out, v);
            assert_eq!(read_long(&out, 0), Ok((v, ByteRange::new(0, out.len()))));
        }
    }

    #[test]
    fn ten_bytes_of_ff_are_too_long() {
        assert_eq!(read_long(&[0xff; 10], 0), Err(VarintError::TooLong));
        assert_eq!(read_long(&[0xff; 12], 0), Err(VarintError::TooLong));
    }

    #[test]
    fn a_cut_varint_is_truncated() {
        assert_eq!(read_long(&[0x80, 0x80], 0), Err(VarintError::Truncated));
        assert_eq!(read_long(&[], 0), Err(VarintError::Truncated));
        assert_eq!(read_long(&[1], usize::MAX), Err(VarintError::Truncated));
    }

    #[test]
    fn spec_examples_decode() {
        // Binary Encoding table: 0 → 00, -1 → 01, 1 → 02, -2 → 03, 64 → 80 01.
        assert_eq!(read_long(&[0x03], 0).map(|r| r.0), Ok(-2));
        assert_eq!(read_long(&[0x80, 0x01], 0).map(|r| r.0), Ok(64));
    }
}
