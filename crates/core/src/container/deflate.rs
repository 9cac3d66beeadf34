//! A small raw deflate (RFC 1951) compressor for the web app, whose size budget cannot carry
//! miniz_oxide's compressor (~8 KB of gzipped wasm); the command line keeps miniz_oxide's better ratio.
//!
//! LZ77 with lazy matching over a 32 KiB window (a hash of 3 bytes, a head table and a chain of earlier
//! positions, at most [`PROBES`] candidates per position), written as one final block with the fixed
//! Huffman codes (BTYPE=01), or as stored blocks (BTYPE=00) when those are smaller (incompressible data).

/// The window: the farthest a match may reach back.
const WINDOW: usize = 32 * 1024;
/// How many hash buckets (a power of two).
const HASH_SIZE: usize = 1 << 15;
/// How many earlier positions are tried per position.
const PROBES: usize = 32;
/// The shortest and longest match deflate can express.
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
/// The most a stored block holds.
const STORED_MAX: usize = 0xffff;

/// Bits packed into bytes least significant bit first.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u32,
}

impl Bits {
    /// Writes the low `len` bits of `value`, its least significant bit first (headers and extra bits).
    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.count;
        self.count += len;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// Writes a Huffman code of `len` bits, its most significant bit first (RFC 1951 §3.1.1).
    fn code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    /// Writes a literal/length symbol (0–285) with the fixed code (RFC 1951 §3.2.6).
    fn symbol(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xc0 + symbol - 280, 8),
        }
    }

    /// Writes a match: its length code and extra bits, then its distance code and extra bits
    /// (RFC 1951 §3.2.5). `len` is 3–258 and `dist` 1–32768.
    fn copy(&mut self, len: usize, dist: usize) {
        if len == MAX_MATCH {
            self.symbol(285);
        } else {
            // Codes 257–284: four codes per count of extra bits, lengths 3–10 with none.
            let l = (len - MIN_MATCH) as u32;
            let extra = if l < 8 { 0 } else { l.ilog2() - 2 };
            self.symbol(257 + 4 * extra + (l >> extra));
            self.put(l & ((1 << extra) - 1), extra);
        }
        // Codes 0–29: two codes per count of extra bits, distances 1–4 with none.
        let d = (dist - 1) as u32;
        let extra = if d < 4 { 0 } else { d.ilog2() - 1 };
        self.code(2 * extra + (d >> extra), 5);
        self.put(d & ((1 << extra) - 1), extra);
    }
}

/// The hash bucket of the 3 bytes at `at` (which must have 3 bytes after it).
fn hash(data: &[u8], at: usize) -> usize {
    let key = u32::from(data[at]) | u32::from(data[at + 1]) << 8 | u32::from(data[at + 2]) << 16;
    (key.wrapping_mul(0x9e37_79b1) >> 17) as usize & (HASH_SIZE - 1)
}

/// The positions seen so far, by hash of their first 3 bytes: `head` holds each bucket's latest position
/// plus one (0: none) and `prev` each position's previous one in its bucket, by position modulo the window.
struct Matcher {
    head: Vec<usize>,
    prev: Vec<usize>,
}

impl Matcher {
    /// Records position `at` (when 3 bytes start there).
    fn insert(&mut self, data: &[u8], at: usize) {
        if at + MIN_MATCH <= data.len() {
            let h = hash(data, at);
            self.prev[at % WINDOW] = self.head[h];
            self.head[h] = at + 1;
        }
    }

    /// The longest earlier match for the bytes at `at` as `(length, distance)`, length 0 when none
    /// reaches 3 bytes. Only positions before `at` have been inserted, so every chain entry is current.
    fn longest(&self, data: &[u8], at: usize) -> (usize, usize) {
        let max = MAX_MATCH.min(data.len() - at);
        let mut best = (0, 0);
        if max < MIN_MATCH {
            return best;
        }
        let mut next = self.head[hash(data, at)];
        for _ in 0..PROBES {
            let Some(candidate) = next.checked_sub(1) else {
                break;
            };
            let dist = at - candidate;
            if dist > WINDOW {
                break;
            }
            let len = data[candidate..]
                .iter()
                .zip(&data[at..at + max])
                .take_while(|(a, b)| a == b)
                .count();
            if len > best.0 {
                best = (len, dist);
                if len == max {
                    break;
                }
            }
            next = self.prev[candidate % WINDOW];
        }
        if best.0 < MIN_MATCH {
            best.0 = 0;
        }
        best
    }
}

/// One final fixed-Huffman block holding all of `data`.
fn fixed(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits {
        out: Vec::with_capacity(data.len() / 2 + 16),
        acc: 0,
        count: 0,
    };
    bits.put(0b011, 3); // BFINAL = 1, BTYPE = 01.
    let mut matcher = Matcher {
        head: vec![0; HASH_SIZE],
        prev: vec![0; WINDOW],
    };
    let mut at = 0;
    let mut found = matcher.longest(data, 0);
    while at < data.len() {
        matcher.insert(data, at);
        // Lazy matching: a longer match starting at the next byte wins over this one.
        let next = if found.0 > 0 && found.0 < MAX_MATCH {
            matcher.longest(data, at + 1)
        } else {
            (0, 0)
        };
        if found.0 == 0 || next.0 > found.0 {
            bits.symbol(u32::from(data[at]));
            at += 1;
            found = if found.0 == 0 {
                matcher.longest(data, at)
            } else {
                next
            };
            continue;
        }
        bits.copy(found.0, found.1);
        for p in at + 1..at + found.0 {
            matcher.insert(data, p);
        }
        at += found.0;
        found = matcher.longest(data, at);
    }
    bits.symbol(256);
    bits.put(0, 7); // Flushes the last partial byte.
    bits.out
}

/// `data` as stored blocks of at most 65,535 bytes each (at least one block, the last marked final).
fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 5 * (data.len() / STORED_MAX + 1));
    let mut rest = data;
    loop {
        let (chunk, after) = rest.split_at(rest.len().min(STORED_MAX));
        let len = chunk.len() as u16;
        out.push(u8::from(after.is_empty())); // BFINAL, BTYPE = 00, then padding to the byte.
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
        rest = after;
        if rest.is_empty() {
            return out;
        }
    }
}

/// Compresses `data` as a raw deflate stream (no zlib header or checksum, as the `deflate` codec stores
/// it): fixed Huffman codes, or stored blocks when the data does not compress.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let packed = fixed(data);
    if packed.len() > data.len() + 5 * (data.len() / STORED_MAX + 1) {
        stored(data)
    } else {
        packed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::samples::{mixed, noise};
    use crate::container::{
        compress_light, read_container, walk_container, write_container_with, Codec, Limits,
        SYNC_LEN,
    };
    use crate::value::Value;

    fn inflate(packed: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(packed).expect("a valid deflate stream")
    }

    fn round_trip(data: &[u8]) -> Vec<u8> {
        let packed = deflate(data);
        assert_eq!(inflate(&packed), data, "{} bytes", data.len());
        // The fixed block alone must be valid too, even where stored blocks were chosen.
        assert_eq!(inflate(&fixed(data)), data, "{} bytes, fixed", data.len());
        packed
    }

    #[test]
    fn empty_input_is_a_final_fixed_block_with_only_its_end() {
        assert_eq!(round_trip(&[]), [0x03, 0x00]);
    }

    #[test]
    fn short_inputs_round_trip() {
        for data in [&b"a"[..], b"ab", b"abc", b"aaa", b"aaaa", b"abcabc"] {
            round_trip(data);
        }
        round_trip(&(0..=255).collect::<Vec<u8>>());
        round_trip(&(0..=255).rev().cycle().take(2000).collect::<Vec<u8>>());
    }

    #[test]
    fn runs_use_overlapping_matches_at_distance_one() {
        for len in [3, 4, 258, 259, 260, 261, 516, 1000, 100_000] {
            let packed = round_trip(&vec![b'a'; len]);
            assert!(packed.len() < 16 + len / 50, "{len}: {}", packed.len());
            let mut framed = b"xy".to_vec();
            framed.extend(vec![0u8; len]);
            framed.extend(b"zz");
            round_trip(&framed);
        }
    }

    #[test]
    fn repeated_text_compresses() {
        let text =
            b"The quick brown fox jumps over the lazy dog; Avro container files. ".repeat(200);
        let packed = round_trip(&text);
        assert!(
            packed.len() * 100 < text.len() * 30,
            "{} of {}",
            packed.len(),
            text.len()
        );
        let data = mixed(20_000);
        assert!(round_trip(&data).len() * 100 < data.len() * 40);
    }

    #[test]
    fn every_length_and_distance_code_round_trips() {
        let base = noise(40_000, 7);
        for len in MIN_MATCH..=MAX_MATCH {
            let dist = MAX_MATCH + (len * 127) % (WINDOW - MAX_MATCH);
            let mut data = base[..dist].to_vec();
            data.extend_from_within(..len);
            data.extend_from_slice(b"end");
            round_trip(&data);
        }
        for dist in [
            1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 24, 25, 1024, 1025, 24_577, 32_767,
        ] {
            let mut data = base[..dist].to_vec();
            for _ in 0..300 {
                data.push(data[data.len() - dist]);
            }
            round_trip(&data);
        }
    }

    #[test]
    fn matches_reach_exactly_the_window_with_the_longest_length() {
        let base = noise(WINDOW, 3);
        let mut data = base.clone();
        data.extend_from_slice(&base[..MAX_MATCH]);
        round_trip(&data);
        // The 258 repeated bytes cost one match (26 bits) at distance 32768, not 258 literals.
        assert!(fixed(&data).len() <= fixed(&base).len() + 4);
        // One byte farther and they are out of reach: literals, still correct.
        let mut far = noise(WINDOW + 1, 3);
        far.extend_from_within(..MAX_MATCH);
        round_trip(&far);
        assert!(fixed(&far).len() > fixed(&far[..WINDOW + 1]).len() + 200);
    }

    #[test]
    fn incompressible_data_round_trips_as_stored_blocks() {
        for len in [1, 2, 3, 100, 65_535, 65_536, 200_000] {
            let data = noise(len, len as u64);
            let packed = round_trip(&data);
            assert!(packed.len() <= len + 5 * (len / STORED_MAX + 1), "{len}");
        }
    }

    #[test]
    fn a_megabyte_of_mixed_data_round_trips() {
        let data = mixed(1 << 20);
        let packed = round_trip(&data);
        assert!(packed.len() < data.len() / 2, "{}", packed.len());
    }

    #[test]
    fn the_container_reader_reads_what_the_light_deflate_wrote() {
        let text = r#"{"type":"record","name":"R","fields":[{"name":"s","type":"string"}]}"#;
        let mut datum = Vec::new();
        for i in 0..500 {
            let s = format!("record number {i} of the Avro Playground");
            datum.push((s.len() * 2) as u8);
            datum.extend_from_slice(s.as_bytes());
        }
        let blocks = [(500, datum.clone()), (1, vec![0x04, b'h', b'i'])];
        let file = write_container_with(
            text,
            Codec::Deflate,
            &blocks,
            [9; SYNC_LEN],
            &[],
            compress_light,
        )
        .unwrap();
        let container = read_container(&file).unwrap();
        assert_eq!(container.header.codec, Codec::Deflate);
        assert_eq!(container.blocks[0].data, datum);
        assert!(container.blocks[0].data_range.len() * 4 < datum.len());
        let walk = walk_container(&file, &Limits::default());
        assert_eq!(walk.error, None);
        assert_eq!(walk.records.len(), 501);
        assert_eq!(
            walk.records[500],
            (
                2,
                Value::Record(vec![("s".into(), Value::String("hi".into()))])
            )
        );
    }
}
