//! Variable-length zigzag integers (specification: Binary Encoding, Primitive Types): an int takes at most
//! 5 bytes, a long at most 10; each byte carries 7 bits, low group first, the high bit set on all but the last.

/// The longest encoding of an int.
pub const MAX_INT_BYTES: usize = 5;
/// The longest encoding of a long.
pub const MAX_LONG_BYTES: usize = 10;

/// Why a varint could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarintError {
    /// The input ended inside the varint (after this many bytes).
    Truncated(usize),
    /// More bytes than the type allows, or bits beyond its width.
    Overflow,
}

/// Reads a varint of at most `max_bytes` bytes from the start of `bytes`: the raw (unzigzagged) value and
/// how many bytes it took.
pub fn read_raw(bytes: &[u8], max_bytes: usize) -> Result<(u64, usize), VarintError> {
    let mut raw: u64 = 0;
    for i in 0..max_bytes {
        let Some(&b) = bytes.get(i) else {
            return Err(VarintError::Truncated(i));
        };
        let group = u64::from(b & 0x7f);
        if i == MAX_LONG_BYTES - 1 && group > 1 {
            return Err(VarintError::Overflow);
        }
        raw |= group << (7 * i);
        if b & 0x80 == 0 {
            return Ok((raw, i + 1));
        }
    }
    Err(VarintError::Overflow)
}

/// Zigzag decoding: 0, 1, 2, 3… → 0, -1, 1, -2….
pub fn unzigzag(raw: u64) -> i64 {
    ((raw >> 1) as i64) ^ -((raw & 1) as i64)
}

/// Zigzag encoding of a long.
pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// Reads a zigzag long; returns the value and its byte count.
pub fn read_long(bytes: &[u8]) -> Result<(i64, usize), VarintError> {
    read_raw(bytes, MAX_LONG_BYTES).map(|(raw, n)| (unzigzag(raw), n))
}

/// Reads a zigzag int; returns the value and its byte count.
pub fn read_int(bytes: &[u8]) -> Result<(i32, usize), VarintError> {
    let (raw, n) = read_raw(bytes, MAX_INT_BYTES)?;
    if raw > u64::from(u32::MAX) {
        return Err(VarintError::Overflow);
    }
    i32::try_from(unzigzag(raw))
        .map(|v| (v, n))
        .map_err(|_| VarintError::Overflow)
}

/// Appends the zigzag varint encoding of `v`.
pub fn write_long(out: &mut Vec<u8>, v: i64) {
    let mut raw = zigzag(v);
    loop {
        let group = (raw & 0x7f) as u8;
        raw >>= 7;
        if raw == 0 {
            out.push(group);
            return;
        }
        out.push(group | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips_extremes() {
        for v in [0, -1, 1, -64, 64, i64::MIN, i64::MAX] {
            let mut out = Vec::new();
            write_long(&mut out, v);
            assert_eq!(read_long(&out), Ok((v, out.len())));
        }
    }

    #[test]
    fn long_of_eleven_bytes_overflows() {
        assert_eq!(read_long(&[0xff; 11]), Err(VarintError::Overflow));
    }

    #[test]
    fn int_beyond_32_bits_overflows() {
        assert_eq!(
            read_int(&[0xff, 0xff, 0xff, 0xff, 0x7f]),
            Err(VarintError::Overflow)
        );
        assert_eq!(read_int(&[0xfe, 0xff, 0xff, 0xff, 0x0f]), Ok((i32::MAX, 5)));
    }

    #[test]
    fn truncated_varint_says_how_far_it_got() {
        assert_eq!(read_long(&[0x80, 0x80]), Err(VarintError::Truncated(2)));
    }
}
