//! A bzip2 decompressor for the `bzip2` codec: the format libbzip2 writes (a `BZh1`..`BZh9` header, blocks of
//! Huffman-coded MTF/RUNA/RUNB symbols over a Burrows–Wheeler transform of run-length-coded data, and an
//! end-of-stream marker), with every block CRC and the stream CRC checked, output bounded by a limit, and no
//! panic, unbounded allocation or endless loop on any input.
//!
//! Like the `bzip2` crate's `BzDecoder` that it replaces, it reads one stream and ignores what follows it.

use super::codec::DecompressError;

/// The 48-bit magic number that starts a block (the BCD digits of pi).
const BLOCK_MAGIC: u64 = 0x3141_5926_5359;
/// The 48-bit magic number that ends a stream (the BCD digits of sqrt(pi)).
const END_MAGIC: u64 = 0x1772_4538_5090;
/// Symbols coded with one Huffman table before the next selector applies.
const GROUP_SIZE: u32 = 50;
/// The most selectors libbzip2 keeps; it reads and ignores any more.
const MAX_SELECTORS: usize = 18_002;
/// The longest Huffman code.
const MAX_CODE_LEN: usize = 20;
/// The most symbols of an alphabet: RUNA, RUNB, 255 MTF positions and the end of block.
const MAX_ALPHA: usize = 258;

/// The spacing of the bytes a randomised block flips (libbzip2's `BZ2_rNums`); old encoders set the
/// randomised bit, libbzip2 still reads it.
#[rustfmt::skip]
const RAND: [u16; 512] = [
    619, 720, 127, 481, 931, 816, 813, 233, 566, 247, 985, 724, 205, 454, 863, 491, 741, 242, 949, 214,
    733, 859, 335, 708, 621, 574, 73, 654, 730, 472, 419, 436, 278, 496, 867, 210, 399, 680, 480, 51,
    878, 465, 811, 169, 869, 675, 611, 697, 867, 561, 862, 687, 507, 283, 482, 129, 807, 591, 733, 623,
    150, 238, 59, 379, 684, 877, 625, 169, 643, 105, 170, 607, 520, 932, 727, 476, 693, 425, 174, 647,
    73, 122, 335, 530, 442, 853, 695, 249, 445, 515, 909, 545, 703, 919, 874, 474, 882, 500, 594, 612,
    641, 801, 220, 162, 819, 984, 589, 513, 495, 799, 161, 604, 958, 533, 221, 400, 386, 867, 600, 782,
    382, 596, 414, 171, 516, 375, 682, 485, 911, 276, 98, 553, 163, 354, 666, 933, 424, 341, 533, 870,
    227, 730, 475, 186, 263, 647, 537, 686, 600, 224, 469, 68, 770, 919, 190, 373, 294, 822, 808, 206,
    184, 943, 795, 384, 383, 461, 404, 758, 839, 887, 715, 67, 618, 276, 204, 918, 873, 777, 604, 560,
    951, 160, 578, 722, 79, 804, 96, 409, 713, 940, 652, 934, 970, 447, 318, 353, 859, 672, 112, 785,
    645, 863, 803, 350, 139, 93, 354, 99, 820, 908, 609, 772, 154, 274, 580, 184, 79, 626, 630, 742,
    653, 282, 762, 623, 680, 81, 927, 626, 789, 125, 411, 521, 938, 300, 821, 78, 343, 175, 128, 250,
    170, 774, 972, 275, 999, 639, 495, 78, 352, 126, 857, 956, 358, 619, 580, 124, 737, 594, 701, 612,
    669, 112, 134, 694, 363, 992, 809, 743, 168, 974, 944, 375, 748, 52, 600, 747, 642, 182, 862, 81,
    344, 805, 988, 739, 511, 655, 814, 334, 249, 515, 897, 955, 664, 981, 649, 113, 974, 459, 893, 228,
    433, 837, 553, 268, 926, 240, 102, 654, 459, 51, 686, 754, 806, 760, 493, 403, 415, 394, 687, 700,
    946, 670, 656, 610, 738, 392, 760, 799, 887, 653, 978, 321, 576, 617, 626, 502, 894, 679, 243, 440,
    680, 879, 194, 572, 640, 724, 926, 56, 204, 700, 707, 151, 457, 449, 797, 195, 791, 558, 945, 679,
    297, 59, 87, 824, 713, 663, 412, 693, 342, 606, 134, 108, 571, 364, 631, 212, 174, 643, 304, 329,
    343, 97, 430, 751, 497, 314, 983, 374, 822, 928, 140, 206, 73, 263, 980, 736, 876, 478, 430, 305,
    170, 514, 364, 692, 829, 82, 855, 953, 676, 246, 369, 970, 294, 750, 807, 827, 150, 790, 288, 923,
    804, 378, 215, 828, 592, 281, 565, 555, 710, 82, 896, 831, 547, 261, 524, 462, 293, 465, 502, 56,
    661, 821, 976, 991, 658, 869, 905, 758, 745, 193, 768, 550, 608, 933, 378, 286, 215, 979, 792, 961,
    61, 688, 793, 644, 986, 403, 106, 366, 905, 644, 372, 567, 466, 434, 645, 210, 389, 550, 919, 135,
    780, 773, 635, 389, 707, 100, 626, 958, 165, 504, 920, 176, 193, 713, 857, 265, 203, 50, 668, 108,
    645, 990, 626, 197, 510, 357, 358, 850, 858, 364, 936, 638,
];

/// One canonical Huffman code: how many codes each length has, and the symbols in code order.
struct Table {
    count: [u16; MAX_CODE_LEN + 1],
    symbols: [u16; MAX_ALPHA],
}

/// The input read MSB-first, bit by bit, and the number of the block being read (0 before the first).
struct Reader<'a> {
    data: &'a [u8],
    bit: usize,
    block: u32,
}

impl Reader<'_> {
    /// A `Garbled` error naming the block being read, if any.
    fn err(&self, what: &str) -> DecompressError {
        DecompressError::Garbled(match self.block {
            0 => format!("bzip2: {what}"),
            n => format!("bzip2: block {n}: {what}"),
        })
    }

    /// Reads `n` (at most 32) bits as an unsigned number, first bit most significant.
    fn bits(&mut self, n: u32) -> Result<u32, DecompressError> {
        let mut value = 0;
        for _ in 0..n {
            let byte = *self
                .data
                .get(self.bit / 8)
                .ok_or_else(|| self.err("the data ends early"))?;
            value = value << 1 | u32::from(byte >> (7 - self.bit % 8) & 1);
            self.bit += 1;
        }
        Ok(value)
    }

    /// Reads a 48-bit magic number.
    fn magic(&mut self) -> Result<u64, DecompressError> {
        Ok(u64::from(self.bits(24)?) << 24 | u64::from(self.bits(24)?))
    }

    /// Reads one Huffman-coded symbol.
    fn symbol(&mut self, table: &Table) -> Result<usize, DecompressError> {
        let (mut code, mut first, mut index) = (0u32, 0u32, 0usize);
        for &count in &table.count[1..] {
            code |= self.bits(1)?;
            let count = u32::from(count);
            if code < first + count {
                let at = index + (code - first) as usize;
                return Ok(usize::from(table.symbols.get(at).copied().unwrap_or(0)));
            }
            index += count as usize;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(self.err("bad Huffman code"))
    }

    /// Reads one block after its magic number and CRC: appends its bytes to `out`, using `tt` as the
    /// Burrows–Wheeler buffer of at most `max` entries.
    fn block(
        &mut self,
        max: usize,
        tt: &mut Vec<u32>,
        out: &mut Vec<u8>,
        limit: usize,
    ) -> Result<(), DecompressError> {
        let randomised = self.bits(1)? == 1;
        let orig_ptr = self.bits(24)? as usize;

        // The bytes the block uses, in order: MTF positions index this list.
        let mut used = [0u8; 256];
        let mut n_used = 0;
        let ranges = self.bits(16)?;
        for hi in 0..16u8 {
            if ranges & 0x8000 >> hi != 0 {
                let bytes = self.bits(16)?;
                for lo in 0..16u8 {
                    if bytes & 0x8000 >> lo != 0 {
                        used[n_used] = hi << 4 | lo;
                        n_used += 1;
                    }
                }
            }
        }
        if n_used == 0 {
            return Err(self.err("no byte values used"));
        }
        let alpha = n_used + 2;

        let n_tables = self.bits(3)? as usize;
        if !(2..=6).contains(&n_tables) {
            return Err(self.err("bad number of Huffman tables"));
        }
        let n_selectors = self.bits(15)? as usize;
        if n_selectors == 0 {
            return Err(self.err("no selectors"));
        }
        let mut order = [0u8, 1, 2, 3, 4, 5];
        let mut selectors = Vec::with_capacity(n_selectors.min(MAX_SELECTORS));
        for _ in 0..n_selectors {
            let mut j = 0;
            while self.bits(1)? == 1 {
                j += 1;
                if j >= n_tables {
                    return Err(self.err("bad selector"));
                }
            }
            let table = order[j];
            order.copy_within(0..j, 1);
            order[0] = table;
            if selectors.len() < MAX_SELECTORS {
                selectors.push(table);
            }
        }

        let mut tables = Vec::with_capacity(n_tables);
        for _ in 0..n_tables {
            let mut lens = [0u8; MAX_ALPHA];
            let mut len = self.bits(5)?;
            for l in &mut lens[..alpha] {
                loop {
                    if !(1..=MAX_CODE_LEN as u32).contains(&len) {
                        return Err(self.err("bad Huffman code lengths"));
                    }
                    if self.bits(1)? == 0 {
                        break;
                    }
                    len = if self.bits(1)? == 0 { len + 1 } else { len - 1 };
                }
                *l = len as u8;
            }
            let mut table = Table {
                count: [0; MAX_CODE_LEN + 1],
                symbols: [0; MAX_ALPHA],
            };
            let mut next = [0usize; MAX_CODE_LEN + 2];
            for &l in &lens[..alpha] {
                table.count[usize::from(l)] += 1;
                next[usize::from(l) + 1] += 1;
            }
            for i in 1..next.len() {
                next[i] += next[i - 1];
            }
            for (symbol, &l) in (0u16..).zip(&lens[..alpha]) {
                table.symbols[next[usize::from(l)]] = symbol;
                next[usize::from(l)] += 1;
            }
            tables.push(table);
        }

        // Symbols: runs of the front MTF byte (RUNA/RUNB digits of bijective base 2), MTF positions, end.
        let mut mtf: [u8; 256] = std::array::from_fn(|i| i as u8);
        let mut counts = [0usize; 256];
        let (mut run, mut weight) = (0usize, 1usize);
        let (mut selector, mut left, mut table) = (0, 0, &tables[0]);
        tt.clear();
        loop {
            if left == 0 {
                table = selectors
                    .get(selector)
                    .and_then(|&t| tables.get(usize::from(t)))
                    .ok_or_else(|| self.err("more symbols than selectors"))?;
                selector += 1;
                left = GROUP_SIZE;
            }
            left -= 1;
            let symbol = self.symbol(table)?;
            if symbol <= 1 {
                run += (symbol + 1) * weight;
                weight <<= 1;
                if run > max {
                    return Err(self.err("run longer than the block"));
                }
                continue;
            }
            if run > 0 {
                let byte = used[usize::from(mtf[0])];
                if tt.len() + run > max {
                    return Err(self.err("block longer than its declared size"));
                }
                tt.resize(tt.len() + run, u32::from(byte));
                counts[usize::from(byte)] += run;
                (run, weight) = (0, 1);
            }
            if symbol == alpha - 1 {
                break;
            }
            let position = symbol - 1;
            let index = mtf[position];
            mtf.copy_within(0..position, 1);
            mtf[0] = index;
            let byte = used[usize::from(index)];
            if tt.len() >= max {
                return Err(self.err("block longer than its declared size"));
            }
            tt.push(u32::from(byte));
            counts[usize::from(byte)] += 1;
        }
        if orig_ptr >= tt.len() {
            return Err(self.err("bad BWT origin pointer"));
        }

        // Inverse Burrows–Wheeler: link each entry to the next (in its upper 24 bits), then follow the links.
        let mut start = [0usize; 256];
        let mut sum = 0;
        for (s, c) in start.iter_mut().zip(counts) {
            *s = sum;
            sum += c;
        }
        for i in 0..tt.len() {
            let byte = tt[i] as u8;
            let at = &mut start[usize::from(byte)];
            tt[*at] |= (i as u32) << 8;
            *at += 1;
        }

        // Undo the randomisation and the initial run-length coding (4 equal bytes, then a count).
        let mut pos = (tt[orig_ptr] >> 8) as usize;
        let (mut rand_left, mut rand_at) = (0u16, 0usize);
        let (mut last, mut same) = (None, 0);
        for _ in 0..tt.len() {
            let entry = tt.get(pos).copied().unwrap_or(0);
            pos = (entry >> 8) as usize;
            let mut byte = entry as u8;
            if randomised {
                if rand_left == 0 {
                    rand_left = RAND[rand_at];
                    rand_at = (rand_at + 1) % RAND.len();
                }
                rand_left -= 1;
                byte ^= u8::from(rand_left == 1);
            }
            let repeat = if same == 4 {
                same = 0;
                usize::from(byte)
            } else {
                same = if last == Some(byte) { same + 1 } else { 1 };
                last = Some(byte);
                1
            };
            if repeat > limit.saturating_sub(out.len()) {
                return Err(DecompressError::TooLarge { limit });
            }
            out.resize(out.len() + repeat, last.unwrap_or(0));
        }
        Ok(())
    }
}

/// bzip2's CRC-32: polynomial 0x04c11db7, most significant bit first (not zlib's reflected CRC-32).
fn crc32(table: &[u32; 256], data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &b| {
        crc << 8 ^ table[usize::from((crc >> 24) as u8 ^ b)]
    })
}

/// Decompresses the bzip2 stream at the start of `data` into at most `limit` bytes.
pub(crate) fn decompress(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    let table: [u32; 256] = std::array::from_fn(|i| {
        (0..8).fold((i as u32) << 24, |c, _| {
            c << 1 ^ if c & 1 << 31 != 0 { 0x04c1_1db7 } else { 0 }
        })
    });
    let mut r = Reader {
        data,
        bit: 0,
        block: 0,
    };
    if r.bits(24)? != 0x42_5a68 {
        return Err(r.err("not a bzip2 stream (no `BZh` header)"));
    }
    let level = r.bits(8)?;
    if !(u32::from(b'1')..=u32::from(b'9')).contains(&level) {
        return Err(r.err("bad block size in the header"));
    }
    let max = (level - u32::from(b'0')) as usize * 100_000;
    let (mut out, mut tt, mut combined) = (Vec::new(), Vec::new(), 0u32);
    loop {
        let magic = r.magic()?;
        let stored = r.bits(32)?;
        if magic == END_MAGIC {
            r.block = 0;
            return if stored == combined {
                Ok(out)
            } else {
                Err(r.err("stream CRC mismatch"))
            };
        }
        r.block += 1;
        if magic != BLOCK_MAGIC {
            return Err(r.err("bad block magic number"));
        }
        let start = out.len();
        r.block(max, &mut tt, &mut out, limit)?;
        if crc32(&table, &out[start..]) != stored {
            return Err(r.err("block CRC mismatch"));
        }
        combined = combined.rotate_left(1) ^ stored;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::samples::{mixed, noise};
    use std::io::{Read, Write};

    /// Compresses with the `bzip2` crate (libbzip2's encoder) at block size `level`.
    fn pack(data: &[u8], level: u32) -> Vec<u8> {
        let mut encoder =
            ::bzip2::write::BzEncoder::new(Vec::new(), ::bzip2::Compression::new(level));
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// Decompresses with the `bzip2` crate's decoder, as the codec did before.
    fn crate_unpack(packed: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ::bzip2::bufread::BzDecoder::new(packed)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn unpack(packed: &[u8]) -> Vec<u8> {
        decompress(packed, usize::MAX).unwrap()
    }

    fn samples() -> Vec<Vec<u8>> {
        let mut samples = vec![Vec::new(), vec![0], vec![b'x'], (0..=255).collect()];
        for run in [
            1, 2, 3, 4, 5, 6, 8, 255, 256, 257, 258, 259, 260, 1000, 5000,
        ] {
            samples.push(vec![b'a'; run]);
            let mut framed = b"xy".to_vec();
            framed.extend(vec![0u8; run]);
            framed.extend(b"zz");
            samples.push(framed);
        }
        for len in [2, 3, 17, 100, 618, 1000, 4096, 50_000] {
            samples.push(noise(len, len as u64));
            samples.push(mixed(len));
        }
        samples
    }

    #[test]
    fn decodes_what_libbzip2_encodes_at_every_block_size() {
        for level in 1..=9 {
            for data in samples() {
                let packed = pack(&data, level);
                assert_eq!(unpack(&packed), data, "level {level}, {} bytes", data.len());
                assert_eq!(crate_unpack(&packed), data);
            }
        }
    }

    #[test]
    fn decodes_a_megabyte_of_mixed_data_in_many_blocks() {
        let mut data = mixed(700_000);
        data.extend(noise(300_000, 7));
        for level in [1, 4, 9] {
            let packed = pack(&data, level);
            assert!(unpack(&packed) == data, "level {level}");
        }
    }

    #[test]
    fn reads_the_first_of_concatenated_streams_as_the_crate_did() {
        let mut packed = pack(b"first ", 9);
        packed.extend(pack(b"second", 1));
        assert_eq!(unpack(&packed), crate_unpack(&packed));
        assert_eq!(unpack(&packed), b"first ");
        packed.truncate(packed.len() - 3);
        assert_eq!(unpack(&packed), b"first ");
    }

    #[test]
    fn a_cut_stream_is_an_error() {
        let packed = pack(&mixed(3000), 9);
        for cut in 0..packed.len() {
            assert!(decompress(&packed[..cut], 1 << 20).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_flipped_bit_is_caught_or_harmless() {
        let data = mixed(2000);
        let packed = pack(&data, 9);
        for bit in 0..packed.len() * 8 {
            let mut bad = packed.clone();
            bad[bit / 8] ^= 0x80 >> (bit % 8);
            if let Ok(out) = decompress(&bad, 1 << 20) {
                assert!(out == data, "bit {bit}");
            }
        }
    }

    #[test]
    fn hostile_bytes_never_panic() {
        let packed = pack(&mixed(5000), 3);
        for seed in 1..3000u64 {
            let mut bad = packed.clone();
            for (k, b) in noise(4, seed).into_iter().enumerate() {
                let at = (seed as usize * 7919 + k * 104_729) % bad.len();
                bad[at] ^= b | 1;
            }
            let _ = decompress(&bad, 1 << 20);
            let mut garbage = b"BZh91AY&SY".to_vec();
            garbage.extend(noise(200, seed));
            let _ = decompress(&garbage, 1 << 20);
        }
    }

    #[test]
    fn errors_say_what_and_where() {
        let garbled = |data: &[u8]| match decompress(data, 1 << 20) {
            Err(DecompressError::Garbled(message)) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            garbled(b"PK\x03\x04"),
            "bzip2: not a bzip2 stream (no `BZh` header)"
        );
        assert_eq!(garbled(b"BZh0"), "bzip2: bad block size in the header");
        assert_eq!(garbled(b"BZh9"), "bzip2: the data ends early");
        let mut packed = pack(b"some data", 9);
        packed[12] ^= 1;
        assert_eq!(garbled(&packed), "bzip2: block 1: block CRC mismatch");
        packed[12] ^= 1;
        packed[4] ^= 1;
        assert_eq!(garbled(&packed), "bzip2: block 1: bad block magic number");
    }

    #[test]
    fn output_stops_at_the_limit() {
        let packed = pack(&vec![b'a'; 100_000], 9);
        assert_eq!(
            decompress(&packed, 99_999),
            Err(DecompressError::TooLarge { limit: 99_999 })
        );
        assert_eq!(decompress(&packed, 100_000).unwrap().len(), 100_000);
        assert_eq!(
            decompress(&pack(b"abc", 1), 0),
            Err(DecompressError::TooLarge { limit: 0 })
        );
    }

    /// Reads or overwrites the 32 bits at bit offset `at`, MSB first.
    fn word(data: &mut [u8], at: usize, set: Option<u32>) -> u32 {
        let mut value = 0;
        for i in 0..32 {
            let (byte, mask) = ((at + i) / 8, 0x80u8 >> ((at + i) % 8));
            value = value << 1 | u32::from(data[byte] & mask != 0);
            if let Some(new) = set {
                data[byte] = data[byte] & !mask | if new >> (31 - i) & 1 == 1 { mask } else { 0 };
            }
        }
        value
    }

    #[test]
    fn reads_a_randomised_block() {
        // The output, with no runs, so that its initial run-length coding is itself.
        let want: Vec<u8> = (0..3000).map(|i| (i * 37 % 251) as u8).collect();
        // The block as an old encoder stored it: the output with the bytes the randomisation flips flipped.
        let mut stored = want.clone();
        let (mut left, mut at) = (0, 0);
        for byte in &mut stored {
            if left == 0 {
                left = RAND[at];
                at += 1;
            }
            left -= 1;
            *byte ^= u8::from(left == 1);
        }
        assert_ne!(stored, want);
        let mut packed = pack(&stored, 9);
        // Set the randomised bit and write the CRCs of `want` (one block: the stream CRC is the block's).
        let table: [u32; 256] = std::array::from_fn(|i| {
            (0..8).fold((i as u32) << 24, |c, _| {
                c << 1 ^ if c & 1 << 31 != 0 { 0x04c1_1db7 } else { 0 }
            })
        });
        let (old, new) = (crc32(&table, &stored), crc32(&table, &want));
        assert_eq!(word(&mut packed, 80, Some(new)), old);
        packed[14] |= 0x80;
        let bits = packed.len() * 8;
        let end = (0..8)
            .map(|pad| bits - pad - 32)
            .find(|&at| word(&mut packed, at, None) == old)
            .unwrap();
        word(&mut packed, end, Some(new));
        assert_eq!(crate_unpack(&packed), want);
        assert_eq!(unpack(&packed), want);
    }
}
