//! The block codecs (specification: Object Container Files, Required Codecs and Optional Codecs), all in
//! pure Rust so they run in the browser: decompression bounded by a size limit, and compression.

use super::xz_check;
use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

/// The CRC32 (IEEE, as zlib and Java's `CRC32`) that ends each snappy block and guards the xz framing
/// (a static, so its table is in the program once).
pub(crate) static CRC32: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);

/// How a file's blocks are compressed: the value of the `avro.codec` metadata key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Codec {
    /// `null`: stored as is (the default when `avro.codec` is absent).
    #[default]
    Null,
    /// `deflate`: raw RFC 1951 data, no zlib header or checksum.
    Deflate,
    /// `snappy`: a raw snappy block followed by the big-endian CRC32 of the uncompressed data.
    Snappy,
    /// `bzip2`: one bzip2 stream (read by our own decoder; the `bzip2` crate only compresses).
    Bzip2,
    /// `xz`: one xz stream.
    Xz,
    /// `zstandard`: Zstandard frames.
    Zstandard,
}

impl Codec {
    /// Every codec the specification names, in its order.
    pub const ALL: [Codec; 6] = [
        Codec::Null,
        Codec::Deflate,
        Codec::Snappy,
        Codec::Bzip2,
        Codec::Xz,
        Codec::Zstandard,
    ];

    /// The codec's name as `avro.codec` spells it.
    pub const fn name(self) -> &'static str {
        match self {
            Codec::Null => "null",
            Codec::Deflate => "deflate",
            Codec::Snappy => "snappy",
            Codec::Bzip2 => "bzip2",
            Codec::Xz => "xz",
            Codec::Zstandard => "zstandard",
        }
    }
}

impl fmt::Display for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A codec name the specification does not define.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCodec(pub String);

impl fmt::Display for UnknownCodec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown codec `{}`: the specification names null, deflate, snappy, bzip2, xz and zstandard",
            self.0
        )
    }
}

impl std::error::Error for UnknownCodec {}

impl FromStr for Codec {
    type Err = UnknownCodec;

    /// Parses a codec name exactly as the specification spells it (case matters).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Codec::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| UnknownCodec(s.to_string()))
    }
}

/// Why a block's data could not be decompressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecompressError {
    /// The decoder rejected the data; its own words.
    Garbled(String),
    /// The data inflates to more than the limit.
    TooLarge { limit: usize },
    /// A snappy block shorter than its 4-byte CRC32.
    MissingChecksum { len: usize },
    /// The snappy CRC32 does not match the uncompressed data.
    ChecksumMismatch { stored: u32, computed: u32 },
}

/// The length of the CRC32 after a snappy block.
pub(crate) const SNAPPY_CRC_LEN: usize = 4;

/// Decompresses one block's data, producing at most `limit` bytes.
pub(crate) fn decompress(
    codec: Codec,
    data: &[u8],
    limit: usize,
) -> Result<Vec<u8>, DecompressError> {
    match codec {
        Codec::Null => {
            if data.len() > limit {
                return Err(DecompressError::TooLarge { limit });
            }
            Ok(data.to_vec())
        }
        Codec::Deflate => inflate(data, limit),
        Codec::Snappy => unsnappy(data, limit),
        Codec::Bzip2 => super::bzip2::decompress(data, limit),
        Codec::Xz => unxz(data, limit),
        Codec::Zstandard => unzstd(data, limit),
    }
}

fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    use miniz_oxide::inflate::TINFLStatus;
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => DecompressError::TooLarge { limit },
        status => DecompressError::Garbled(inflate_status(status)),
    })
}

fn inflate_status(status: miniz_oxide::inflate::TINFLStatus) -> String {
    use miniz_oxide::inflate::TINFLStatus;
    let meaning = match status {
        TINFLStatus::FailedCannotMakeProgress => "the deflate stream ends before its last block",
        TINFLStatus::Failed => "invalid deflate data: a bad block type, Huffman table or distance",
        _ => "the deflate stream could not be read",
    };
    format!("{status:?} ({meaning})")
}

fn unsnappy(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    let split = data
        .len()
        .checked_sub(SNAPPY_CRC_LEN)
        .ok_or(DecompressError::MissingChecksum { len: data.len() })?;
    let (compressed, crc) = data.split_at(split);
    let declared = snap::raw::decompress_len(compressed)
        .map_err(|e| DecompressError::Garbled(e.to_string()))?;
    if declared > limit {
        return Err(DecompressError::TooLarge { limit });
    }
    let out = snap::raw::Decoder::new()
        .decompress_vec(compressed)
        .map_err(|e| DecompressError::Garbled(e.to_string()))?;
    let stored = crc
        .try_into()
        .map(u32::from_be_bytes)
        .map_err(|_| DecompressError::MissingChecksum { len: data.len() })?;
    let computed = CRC32.checksum(&out);
    if stored != computed {
        return Err(DecompressError::ChecksumMismatch { stored, computed });
    }
    Ok(out)
}

/// Decompresses one xz stream: [`xz_check`](super::xz_check) reads and checks its framing, lzma-rs decodes
/// each block's LZMA2 data, and the sizes and checks are verified here. The chunk headers state each block's
/// size, so a stream stating more than `limit` bytes is refused before lzma-rs (which holds its whole
/// output in memory) decodes anything.
fn unxz(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    let stream = xz_check::read_stream(data).map_err(DecompressError::Garbled)?;
    let mut stated = 0u64;
    for (number, block) in stream.blocks.iter().enumerate() {
        let chunks = xz_check::lzma2_stated_size(block.lzma2)
            .map_err(|e| DecompressError::Garbled(format!("xz block {}: {e}", number + 1)))?;
        if chunks != block.unpacked {
            return Err(DecompressError::Garbled(format!(
                "xz block {}: its LZMA2 chunks hold {chunks} bytes, its index record says {}",
                number + 1,
                block.unpacked
            )));
        }
        stated = stated.saturating_add(chunks);
    }
    if stated > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(DecompressError::TooLarge { limit });
    }
    let mut out = Vec::new();
    for (number, block) in stream.blocks.iter().enumerate() {
        let garbled = |e: String| DecompressError::Garbled(format!("xz block {}: {e}", number + 1));
        let mut sink = BoundedSink::new(limit.saturating_sub(out.len()));
        let mut input = block.lzma2;
        match lzma_rs::lzma2_decompress(&mut input, &mut sink) {
            Ok(()) => {}
            Err(_) if sink.overflowed => return Err(DecompressError::TooLarge { limit }),
            Err(e) => return Err(garbled(e.to_string())),
        }
        if !input.is_empty() {
            return Err(garbled(format!(
                "its LZMA2 data ends {} bytes before the block's compressed size",
                input.len()
            )));
        }
        if sink.bytes.len() as u64 != block.unpacked {
            return Err(garbled(format!(
                "it decompresses to {} bytes, its index record says {}",
                sink.bytes.len(),
                block.unpacked
            )));
        }
        if !stream.check.verify(block.check_value, &sink.bytes) {
            return Err(garbled(format!(
                "its {:?} check does not match the decompressed data",
                stream.check
            )));
        }
        out.extend_from_slice(&sink.bytes);
    }
    Ok(out)
}

fn unzstd(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    if data.is_empty() {
        return Err(DecompressError::Garbled(
            "no Zstandard frame: the data is empty".into(),
        ));
    }
    let mut input = data;
    let mut out = Vec::new();
    // A block may hold several frames one after another; each is decoded in turn.
    while !input.is_empty() {
        let decoder = ruzstd::decoding::StreamingDecoder::new(&mut input)
            .map_err(|e| DecompressError::Garbled(e.to_string()))?;
        let left = limit.saturating_sub(out.len());
        out.extend(read_bounded(decoder, left)?);
    }
    Ok(out)
}

/// Reads a decoder to its end, failing once it yields more than `limit` bytes.
fn read_bounded(reader: impl Read, limit: usize) -> Result<Vec<u8>, DecompressError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| DecompressError::Garbled(e.to_string()))?;
    if out.len() > limit {
        return Err(DecompressError::TooLarge { limit });
    }
    Ok(out)
}

/// A writer that keeps at most `limit` bytes and fails past that.
struct BoundedSink {
    bytes: Vec<u8>,
    limit: usize,
    overflowed: bool,
}

impl BoundedSink {
    fn new(limit: usize) -> Self {
        BoundedSink {
            bytes: Vec::new(),
            limit,
            overflowed: false,
        }
    }
}

impl Write for BoundedSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > self.limit.saturating_sub(self.bytes.len()) {
            self.overflowed = true;
            return Err(io::Error::other("decompressed data exceeds the limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Compresses one block's data as the codec writes it (for snappy, with the CRC32 appended).
pub(crate) fn compress(codec: Codec, data: &[u8]) -> Result<Vec<u8>, String> {
    match codec {
        // Level 6 is zlib's default, as Java's and Python's writers use; the web app writes with our
        // smaller compressor instead (`compress_light`).
        Codec::Deflate => Ok(miniz_oxide::deflate::compress_to_vec(data, 6)),
        Codec::Bzip2 => {
            let mut encoder =
                bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            encoder.write_all(data).map_err(|e| e.to_string())?;
            encoder.finish().map_err(|e| e.to_string())
        }
        Codec::Zstandard => Ok(ruzstd::encoding::compress_to_vec(
            data,
            ruzstd::encoding::CompressionLevel::Fastest,
        )),
        _ => compress_light(codec, data),
    }
}

/// The codecs [`compress_light`] writes: those whose compressors are small enough for the web app.
pub const LIGHT_CODECS: [Codec; 5] = [
    Codec::Null,
    Codec::Deflate,
    Codec::Snappy,
    Codec::Xz,
    Codec::Zstandard,
];

/// The most bytes one zstandard block may hold (RFC 8878 3.1.1.2.3: Block_Maximum_Size is 128 KiB).
const ZSTD_MAX_BLOCK: usize = 128 << 10;

/// A valid zstandard frame (RFC 8878) whose blocks are stored raw, uncompressed: a single-segment frame
/// header with the 8-byte content size, then Raw_Blocks of at most 128 KiB, the last one flagged.
fn zstd_stored(data: &[u8]) -> Vec<u8> {
    let mut out = 0xFD2F_B528u32.to_le_bytes().to_vec();
    // Frame_Header_Descriptor: Frame_Content_Size_flag 3 (8 bytes), Single_Segment_flag, no checksum.
    out.push(0b1110_0000);
    out.extend_from_slice(&(data.len() as u64).to_le_bytes());
    let mut at = 0;
    loop {
        let end = data.len().min(at + ZSTD_MAX_BLOCK);
        let last = end == data.len();
        // Block_Header, 3 bytes little-endian: Last_Block, Block_Type 0 (Raw_Block), Block_Size.
        let header = (((end - at) as u32) << 3) | u32::from(last);
        out.extend_from_slice(&header.to_le_bytes()[..3]);
        out.extend_from_slice(&data[at..end]);
        if last {
            return out;
        }
        at = end;
    }
}

/// Compresses with the light codecs only ([`LIGHT_CODECS`]; xz and zstandard stored uncompressed); bzip2
/// is refused, so a program that calls only this does not carry its compressor (the web app; the CLI
/// writes all six, compressed).
pub fn compress_light(codec: Codec, data: &[u8]) -> Result<Vec<u8>, String> {
    match codec {
        Codec::Null => Ok(data.to_vec()),
        // Fixed Huffman codes: miniz_oxide's compressor costs ~8 KB of gzipped wasm (`compress` uses it).
        Codec::Deflate => Ok(super::deflate::deflate(data)),
        Codec::Snappy => {
            let mut out = snap::raw::Encoder::new()
                .compress_vec(data)
                .map_err(|e| e.to_string())?;
            out.extend_from_slice(&CRC32.checksum(data).to_be_bytes());
            Ok(out)
        }
        Codec::Xz => {
            // lzma-rs writes a valid xz stream whose LZMA2 chunks are stored uncompressed.
            let mut out = Vec::new();
            lzma_rs::xz_compress(&mut &data[..], &mut out).map_err(|e| e.to_string())?;
            Ok(out)
        }
        // Raw blocks: any zstandard reader reads them; the real compressor is too large for the web app.
        Codec::Zstandard => Ok(zstd_stored(data)),
        Codec::Bzip2 => Err(format!(
            "{codec} is not written here (its compressor is too large for the web app): the command line \
             writes it (avro-playground encode --frame ocf:{codec})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"Avro Avro Avro Avro container file block data, Avro Avro Avro";

    #[test]
    fn stored_zstandard_frames_read_back_at_every_block_boundary() {
        for len in [
            0,
            1,
            100,
            ZSTD_MAX_BLOCK - 1,
            ZSTD_MAX_BLOCK,
            ZSTD_MAX_BLOCK + 1,
            3 * ZSTD_MAX_BLOCK + 7,
        ] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let frame = compress_light(Codec::Zstandard, &data).unwrap();
            let blocks = len.div_ceil(ZSTD_MAX_BLOCK).max(1);
            assert_eq!(
                frame.len(),
                4 + 1 + 8 + 3 * blocks + len,
                "{len}: header, block headers, data"
            );
            assert_eq!(
                decompress(Codec::Zstandard, &frame, usize::MAX).unwrap(),
                data,
                "{len}"
            );
        }
    }

    #[test]
    fn names_round_trip_through_from_str() {
        for codec in Codec::ALL {
            assert_eq!(codec.name().parse::<Codec>(), Ok(codec));
        }
        assert!("Deflate".parse::<Codec>().is_err());
        assert!("zstd".parse::<Codec>().is_err());
    }

    #[test]
    fn light_codecs_write_what_compress_writes_and_refuse_the_others() {
        for codec in Codec::ALL {
            let light = compress_light(codec, SAMPLE);
            if matches!(codec, Codec::Deflate | Codec::Zstandard) {
                // Our own writers (fixed Huffman; raw blocks), not the crates': other bytes, the same data.
                let light = light.unwrap();
                assert_eq!(decompress(codec, &light, 1 << 20).unwrap(), SAMPLE);
            } else if LIGHT_CODECS.contains(&codec) {
                assert_eq!(light, compress(codec, SAMPLE), "{codec}");
            } else {
                assert!(light.unwrap_err().contains("--frame ocf:"), "{codec}");
            }
        }
    }

    #[test]
    fn every_codec_decompresses_what_it_compressed() {
        for codec in Codec::ALL {
            let packed = compress(codec, SAMPLE).unwrap();
            assert_eq!(
                decompress(codec, &packed, 1 << 20).unwrap(),
                SAMPLE,
                "{codec}"
            );
        }
    }

    #[test]
    fn every_codec_stops_at_the_limit() {
        let big = vec![b'a'; 100_000];
        for codec in Codec::ALL {
            let packed = compress(codec, &big).unwrap();
            assert_eq!(
                decompress(codec, &packed, 99_999),
                Err(DecompressError::TooLarge { limit: 99_999 }),
                "{codec}"
            );
        }
    }

    #[test]
    fn garbage_is_an_error_for_every_compressing_codec() {
        let garbage = [0xffu8, 0x13, 0x37, 0x00, 0xaa, 0x55, 0x01, 0x02, 0x03];
        for codec in Codec::ALL.into_iter().skip(1) {
            assert!(decompress(codec, &garbage, 1 << 20).is_err(), "{codec}");
            assert!(decompress(codec, &[], 1 << 20).is_err(), "{codec} empty");
        }
    }

    #[test]
    fn zstandard_reads_frames_one_after_another() {
        let mut packed = compress(Codec::Zstandard, b"first ").unwrap();
        packed.extend(compress(Codec::Zstandard, b"second").unwrap());
        assert_eq!(
            decompress(Codec::Zstandard, &packed, 1 << 20).unwrap(),
            b"first second"
        );
    }

    #[test]
    fn a_cut_stream_is_an_error_for_every_compressing_codec() {
        for codec in Codec::ALL.into_iter().skip(1) {
            let packed = compress(codec, SAMPLE).unwrap();
            for cut in 0..packed.len() {
                assert!(
                    decompress(codec, &packed[..cut], 1 << 20).is_err(),
                    "{codec} cut at {cut}"
                );
            }
        }
    }

    /// An xz stream (CRC64 check) of one block holding `lzma2`, whose uncompressed size is `unpacked`,
    /// framed as the specification says.
    fn xz_stream(lzma2: &[u8], output: &[u8]) -> Vec<u8> {
        let crc64 = |data: &[u8]| {
            crc::Crc::<u64>::new(&crc::CRC_64_XZ)
                .checksum(data)
                .to_le_bytes()
        };
        let pad =
            |v: &mut Vec<u8>, from: usize| v.resize(from + (v.len() - from).next_multiple_of(4), 0);
        let mut out = vec![0xFD, b'7', b'z', b'X', b'Z', 0, 0, 0x04];
        out.extend(CRC32.checksum(&[0, 0x04]).to_le_bytes());
        let header = [0x02, 0x00, 0x21, 0x01, 0x08, 0, 0, 0];
        out.extend(header);
        out.extend(CRC32.checksum(&header).to_le_bytes());
        out.extend(lzma2);
        pad(&mut out, 12);
        out.extend(crc64(output));
        let unpadded = 12 + lzma2.len() + 8;
        let mut index = vec![0x00, 0x01];
        for mut n in [unpadded, output.len()] {
            while n >= 0x80 {
                index.push((n as u8) | 0x80);
                n >>= 7;
            }
            index.push(n as u8);
        }
        pad(&mut index, 0);
        index.extend(CRC32.checksum(&index).to_le_bytes());
        let backward = ((index.len() / 4 - 1) as u32).to_le_bytes();
        out.extend(&index);
        let footer_fields = [&backward[..], &[0, 0x04]].concat();
        out.extend(CRC32.checksum(&footer_fields).to_le_bytes());
        out.extend(footer_fields);
        out.extend(b"YZ");
        out
    }

    /// Python's `lzma` writes `[2, 4] * 50` as one LZMA chunk: control e0, unpacked 100, packed 9, props 5d.
    const LZMA_CHUNK: [u8; 15] = [
        0xE0, 0x00, 0x63, 0x00, 0x08, 0x5D, 0x00, 0x01, 0x01, 0x63, 0x07, 0xD8, 0x13, 0x80, 0x00,
    ];

    fn lzma_chunk_output() -> Vec<u8> {
        [2u8, 4].repeat(50)
    }

    #[test]
    fn an_xz_stream_of_one_lzma_chunk_decompresses() {
        let stream = xz_stream(&[&LZMA_CHUNK[..], &[0x00]].concat(), &lzma_chunk_output());
        assert_eq!(
            decompress(Codec::Xz, &stream, 1 << 20),
            Ok(lzma_chunk_output())
        );
    }

    #[test]
    fn an_xz_footer_backward_size_of_u32_max_is_an_error_not_an_overflow() {
        // lzma-rs 0.3.0 computes `(backward_size + 1) << 2` in u32: with overflow checks on it panicked here.
        let mut stream = compress(Codec::Xz, SAMPLE).unwrap();
        let at = stream.len() - 8;
        stream[at..at + 4].copy_from_slice(&[0xFF; 4]);
        let e = decompress(Codec::Xz, &stream, 1 << 20).unwrap_err();
        assert!(
            matches!(e, DecompressError::Garbled(ref m) if m.contains("footer")),
            "{e:?}"
        );
    }

    /// An xz stream whose LZMA chunk states a packed size 29 bytes larger than its LZMA data: lzma-rs stops
    /// reading the chunk once its 100 bytes of output are complete, and its xz reader then takes those 29
    /// bytes for the end marker, block padding and check, an index, and a footer whose Backward Size is
    /// 0xFFFFFFFF. The real framing around them (block header, index, footer, all with their CRC32s) is valid.
    fn xz_stream_hiding_a_second_footer() -> Vec<u8> {
        let output = lzma_chunk_output();
        let mut hidden = vec![0x00];
        hidden.extend(
            crc::Crc::<u64>::new(&crc::CRC_64_XZ)
                .checksum(&output)
                .to_le_bytes(),
        );
        // Unpadded size 12 + 16 + 8 as lzma-rs counts it: header, chunk and end marker, check.
        let mut index = vec![0x00, 0x01, 36, 100];
        index.extend(CRC32.checksum(&index).to_le_bytes());
        hidden.extend(index);
        hidden.extend([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x04, b'Y', b'Z']);
        let packed = 9 + hidden.len();
        let mut lzma2 = vec![0xE0, 0x00, 0x63, 0x00, (packed - 1) as u8, 0x5D];
        lzma2.extend(&LZMA_CHUNK[6..]);
        lzma2.extend(&hidden);
        lzma2.push(0x00);
        xz_stream(&lzma2, &output)
    }

    #[test]
    fn an_lzma_chunk_that_hides_a_second_footer_is_an_error_not_an_overflow() {
        // Checking the framing and then calling lzma-rs's xz reader is not enough: this stream passes every
        // check of its framing, and `lzma_rs::xz_decompress` panicked on it (decode/xz.rs:52). lzma-rs now
        // only sees the LZMA2 data, and the bytes it leaves unread are the error.
        let stream = xz_stream_hiding_a_second_footer();
        assert!(super::xz_check::read_stream(&stream).is_ok());
        let e = decompress(Codec::Xz, &stream, 1 << 20).unwrap_err();
        assert!(
            matches!(e, DecompressError::Garbled(ref m) if m.contains("LZMA2 data ends 29 bytes before")),
            "{e:?}"
        );
    }

    #[test]
    fn an_xz_stream_stating_more_than_the_limit_is_refused_before_decoding() {
        // One LZMA chunk stating 2 MiB of output; the limit is 1 MiB.
        let mut lzma2 = LZMA_CHUNK.to_vec();
        lzma2[0] = 0xFF;
        lzma2[1] = 0xFF;
        lzma2[2] = 0xFF;
        lzma2.push(0x00);
        let stream = xz_stream(&lzma2, &vec![0; 2 << 20]);
        assert_eq!(
            decompress(Codec::Xz, &stream, 1 << 20),
            Err(DecompressError::TooLarge { limit: 1 << 20 })
        );
    }

    #[test]
    fn snappy_checksum_is_checked() {
        let mut packed = compress(Codec::Snappy, SAMPLE).unwrap();
        if let Some(last) = packed.last_mut() {
            *last ^= 1;
        }
        assert!(matches!(
            decompress(Codec::Snappy, &packed, 1 << 20),
            Err(DecompressError::ChecksumMismatch { .. })
        ));
    }
}
