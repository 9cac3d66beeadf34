//! The block codecs (specification: Object Container Files, Required Codecs and Optional Codecs), all in
//! pure Rust so they run in the browser: decompression bounded by a size limit, and compression.

use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

/// The CRC32 (IEEE, as zlib and Java's `CRC32`) that ends each snappy block (a static, so its table is in
/// the program once).
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
    /// `bzip2`: one bzip2 stream (what follows it is not read, as libbzip2's reader stops there).
    Bzip2,
    /// `xz`: one xz stream, or several with stream padding between them (as `xz -d` reads them).
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
        Codec::Bzip2 => unbzip2(data, limit),
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

/// Decompresses the bzip2 stream at the start of `data` with the `bzip2` crate (libbzip2 in Rust), which
/// checks every block's CRC and the stream's.
fn unbzip2(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    let mut decoder = bzip2::bufread::BzDecoder::new(data);
    read_bounded(&mut decoder, limit).map_err(|e| match e {
        ReadError::Decoder(e) => {
            let said = match e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<bzip2::Error>())
            {
                Some(bzip2::Error::DataMagic) => {
                    "not a bzip2 stream: it does not start with `BZh` and a block size digit".into()
                }
                Some(bzip2::Error::Data) => "invalid bzip2 data: a block's magic number, Huffman \
                    tables or CRC, or the stream's CRC, is wrong"
                    .into(),
                _ if e.kind() == io::ErrorKind::UnexpectedEof => {
                    "the bzip2 stream ends before its end-of-stream marker".into()
                }
                _ => e.to_string(),
            };
            garbled_at(said, decoder.total_in(), data.len())
        }
        ReadError::TooLarge => DecompressError::TooLarge { limit },
    })
}

/// Decompresses xz data with lzma-rust2's sans-I/O decoder: one stream, or several with stream padding
/// between them, as `xz -d` reads them. It checks the framing, the CRC32s of the headers and the index, each
/// block's check (CRC32, CRC64 or SHA-256) and the index's records against the blocks. Its dictionary grows
/// with the output rather than to the size a block header states, and the output stops one byte past
/// `limit`, so memory is bounded by `limit` whatever the stream says.
fn unxz(data: &[u8], limit: usize) -> Result<Vec<u8>, DecompressError> {
    use lzma_rust2::{Action, Status, XzStream};
    let mut stream = XzStream::new(true);
    let mut input = data;
    let mut out = Vec::new();
    loop {
        let start = out.len();
        let room = limit.saturating_sub(start).saturating_add(1).min(XZ_STEP);
        out.resize(start + room, 0);
        let step = stream
            .process(input, &mut out[start..], Action::Finish)
            .map_err(|e| garbled_at(e.to_string(), stream.total_in(), data.len()))?;
        out.truncate(start + step.bytes_produced);
        if out.len() > limit {
            return Err(DecompressError::TooLarge { limit });
        }
        input = input.get(step.bytes_consumed..).unwrap_or_default();
        if step.status == Status::StreamEnd {
            return Ok(out);
        }
        if step.bytes_consumed == 0 && step.bytes_produced == 0 {
            return Err(garbled_at(
                "the xz data ends early".into(),
                stream.total_in(),
                data.len(),
            ));
        }
    }
}

/// How much output the xz decoder is given room for per call.
const XZ_STEP: usize = 64 << 10;

/// A decoder's words with where in the block's compressed data it stopped.
fn garbled_at(said: String, read: u64, len: usize) -> DecompressError {
    DecompressError::Garbled(format!(
        "{said} (after reading {read} of the {len} compressed bytes)"
    ))
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
        out.extend(read_bounded(decoder, left).map_err(|e| match e {
            ReadError::Decoder(e) => DecompressError::Garbled(e.to_string()),
            ReadError::TooLarge => DecompressError::TooLarge { limit },
        })?);
    }
    Ok(out)
}

/// Why [`read_bounded`] stopped.
enum ReadError {
    /// The decoder failed.
    Decoder(io::Error),
    /// The decoder yielded more than the limit.
    TooLarge,
}

/// Reads a decoder to its end, failing once it yields more than `limit` bytes.
fn read_bounded(reader: impl Read, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut out)
        .map_err(ReadError::Decoder)?;
    if out.len() > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(out)
}

/// Compresses one block's data as the codec writes it (for snappy, with the CRC32 appended).
pub(crate) fn compress(codec: Codec, data: &[u8]) -> Result<Vec<u8>, String> {
    match codec {
        Codec::Null => Ok(data.to_vec()),
        // Level 6 is zlib's default, as Java's and Python's writers use.
        Codec::Deflate => Ok(miniz_oxide::deflate::compress_to_vec(data, 6)),
        Codec::Snappy => {
            let mut out = snap::raw::Encoder::new()
                .compress_vec(data)
                .map_err(|e| e.to_string())?;
            out.extend_from_slice(&CRC32.checksum(data).to_be_bytes());
            Ok(out)
        }
        Codec::Bzip2 => {
            let mut encoder =
                bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            encoder.write_all(data).map_err(|e| e.to_string())?;
            encoder.finish().map_err(|e| e.to_string())
        }
        // Preset 6 is xz's default, as Java's and Python's writers use, with a CRC64 check.
        Codec::Xz => {
            let mut options = lzma_rust2::XzOptions::with_preset(6);
            // A dictionary larger than the block finds no more matches; it would only cost the encoder's
            // memory, and that of decoders which reserve the size the block header states (liblzma).
            let fits = u32::try_from(data.len()).unwrap_or(u32::MAX);
            let dict = &mut options.lzma_options.dict_size;
            *dict = fits.clamp(lzma_rust2::DICT_SIZE_MIN, *dict);
            let mut writer =
                lzma_rust2::XzWriter::new(Vec::new(), options).map_err(|e| e.to_string())?;
            writer.write_all(data).map_err(|e| e.to_string())?;
            writer.finish().map_err(|e| e.to_string())
        }
        Codec::Zstandard => Ok(ruzstd::encoding::compress_to_vec(
            data,
            ruzstd::encoding::CompressionLevel::Fastest,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::samples::{mixed, noise};

    const SAMPLE: &[u8] = b"Avro Avro Avro Avro container file block data, Avro Avro Avro";

    #[test]
    fn names_round_trip_through_from_str() {
        for codec in Codec::ALL {
            assert_eq!(codec.name().parse::<Codec>(), Ok(codec));
        }
        assert!("Deflate".parse::<Codec>().is_err());
        assert!("zstd".parse::<Codec>().is_err());
    }

    #[test]
    fn every_codec_decompresses_what_it_compressed() {
        // Past 128 KiB a zstandard frame has several blocks; past 600 KB (level 6) a bzip2 stream does.
        let samples = [
            Vec::new(),
            vec![0],
            SAMPLE.to_vec(),
            noise(5000, 3),
            mixed(1 << 20),
        ];
        for codec in Codec::ALL {
            for data in &samples {
                let packed = compress(codec, data).unwrap();
                assert!(
                    decompress(codec, &packed, 1 << 20).unwrap() == *data,
                    "{codec}, {} bytes",
                    data.len()
                );
            }
        }
    }

    #[test]
    fn every_codec_stops_at_the_limit_and_reaches_it_exactly() {
        let big = vec![b'a'; 100_000];
        for codec in Codec::ALL {
            let packed = compress(codec, &big).unwrap();
            assert_eq!(
                decompress(codec, &packed, 99_999),
                Err(DecompressError::TooLarge { limit: 99_999 }),
                "{codec}"
            );
            assert_eq!(
                decompress(codec, &packed, 100_000).map(|d| d.len()),
                Ok(100_000),
                "{codec}"
            );
            assert_eq!(
                decompress(codec, &compress(codec, b"abc").unwrap(), 0),
                Err(DecompressError::TooLarge { limit: 0 }),
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
    fn a_cut_stream_is_an_error_for_every_compressing_codec() {
        for codec in Codec::ALL.into_iter().skip(1) {
            let packed = compress(codec, &mixed(3000)).unwrap();
            for cut in 0..packed.len() {
                assert!(
                    decompress(codec, &packed[..cut], 1 << 20).is_err(),
                    "{codec} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn a_flipped_bit_is_caught_or_harmless_where_the_codec_has_a_check() {
        // Deflate data has no check, and ruzstd writes frames without the optional content checksum: there a
        // flipped bit may change the output unnoticed.
        let data = mixed(800);
        for codec in [Codec::Snappy, Codec::Bzip2, Codec::Xz] {
            let packed = compress(codec, &data).unwrap();
            for bit in 0..packed.len() * 8 {
                let mut bad = packed.clone();
                bad[bit / 8] ^= 0x80 >> (bit % 8);
                if let Ok(out) = decompress(codec, &bad, 1 << 20) {
                    assert!(out == data, "{codec}: bit {bit}");
                }
            }
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
    fn xz_reads_streams_one_after_another_with_padding_but_not_garbage() {
        let mut packed = compress(Codec::Xz, b"first ").unwrap();
        packed.extend([0; 4]);
        packed.extend(compress(Codec::Xz, b"second").unwrap());
        assert_eq!(
            decompress(Codec::Xz, &packed, 1 << 20).unwrap(),
            b"first second"
        );
        packed.extend(b"junk");
        assert!(decompress(Codec::Xz, &packed, 1 << 20).is_err());
    }

    #[test]
    fn bzip2_reads_the_first_of_concatenated_streams_as_libbzip2_does() {
        let mut packed = compress(Codec::Bzip2, b"first ").unwrap();
        packed.extend(compress(Codec::Bzip2, b"second").unwrap());
        assert_eq!(
            decompress(Codec::Bzip2, &packed, 1 << 20).unwrap(),
            b"first "
        );
        packed.truncate(packed.len() - 3);
        assert_eq!(
            decompress(Codec::Bzip2, &packed, 1 << 20).unwrap(),
            b"first "
        );
    }

    fn garbled(codec: Codec, data: &[u8]) -> String {
        match decompress(codec, data, 1 << 20) {
            Err(DecompressError::Garbled(message)) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bzip2_errors_say_what_and_where() {
        assert_eq!(
            garbled(Codec::Bzip2, b"PK\x03\x04"),
            "not a bzip2 stream: it does not start with `BZh` and a block size digit \
             (after reading 1 of the 4 compressed bytes)"
        );
        assert_eq!(
            garbled(Codec::Bzip2, b"BZh9"),
            "the bzip2 stream ends before its end-of-stream marker (after reading 4 of the 4 compressed bytes)"
        );
        let mut packed = compress(Codec::Bzip2, b"some data").unwrap();
        let len = packed.len();
        // Byte 12 is in the block's CRC, byte 4 in its magic number.
        for at in [12, 4] {
            packed[at] ^= 1;
            let message = garbled(Codec::Bzip2, &packed);
            assert!(
                message.starts_with("invalid bzip2 data: a block's magic number")
                    && message.ends_with(&format!(" of the {len} compressed bytes)")),
                "{at}: {message}"
            );
            packed[at] ^= 1;
        }
    }

    #[test]
    fn xz_errors_say_what_and_where() {
        let mut packed = compress(Codec::Xz, SAMPLE).unwrap();
        let len = packed.len();
        assert!(garbled(Codec::Xz, &packed[..len - 1])
            .ends_with(&format!("of the {} compressed bytes)", len - 1)));
        // The last byte of the block's CRC64 check, before an index of 8 bytes and the 12-byte stream footer:
        // the error comes once the check is read.
        let check_end = len - 8 - 12;
        packed[check_end - 1] ^= 1;
        assert_eq!(
            garbled(Codec::Xz, &packed),
            format!(
                "block checksum mismatch (after reading {check_end} of the {len} compressed bytes)"
            )
        );
    }

    /// An xz stream (CRC64 check) of one block holding `lzma2`, whose uncompressed data is `output`, with
    /// LZMA2 dictionary size byte `dictionary`, framed as the specification says.
    fn xz_stream(lzma2: &[u8], output: &[u8], dictionary: u8) -> Vec<u8> {
        let crc64 = |data: &[u8]| {
            crc::Crc::<u64>::new(&crc::CRC_64_XZ)
                .checksum(data)
                .to_le_bytes()
        };
        let pad =
            |v: &mut Vec<u8>, from: usize| v.resize(from + (v.len() - from).next_multiple_of(4), 0);
        let mut out = vec![0xFD, b'7', b'z', b'X', b'Z', 0, 0, 0x04];
        out.extend(CRC32.checksum(&[0, 0x04]).to_le_bytes());
        let header = [0x02, 0x00, 0x21, 0x01, dictionary, 0, 0, 0];
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

    /// An xz stream of [`LZMA_CHUNK`] and the end marker, with LZMA2 dictionary size byte `dictionary`.
    fn lzma_chunk_stream(dictionary: u8) -> Vec<u8> {
        xz_stream(
            &[&LZMA_CHUNK[..], &[0x00]].concat(),
            &lzma_chunk_output(),
            dictionary,
        )
    }

    #[test]
    fn an_xz_stream_of_one_lzma_chunk_decompresses() {
        let stream = lzma_chunk_stream(0x08);
        assert_eq!(
            decompress(Codec::Xz, &stream, 1 << 20),
            Ok(lzma_chunk_output())
        );
    }

    #[test]
    fn an_xz_block_stating_a_4_gib_dictionary_reserves_only_what_it_writes() {
        // Dictionary size byte 40 is 4 GiB - 1; the window grows with the output (100 bytes here).
        let stream = lzma_chunk_stream(40);
        assert_eq!(
            decompress(Codec::Xz, &stream, 1 << 20),
            Ok(lzma_chunk_output())
        );
    }

    #[test]
    fn an_xz_index_that_disagrees_with_its_block_is_an_error() {
        let mut stream = lzma_chunk_stream(0x08);
        // The index (8 bytes before the 12-byte footer): indicator, count, unpadded size, uncompressed size
        // (100), padding, CRC32. It says 101 here, with its CRC32 made to match.
        let index = stream.len() - 12 - 8;
        assert_eq!(stream[index + 3], 100);
        stream[index + 3] = 101;
        let crc = CRC32.checksum(&stream[index..index + 4]).to_le_bytes();
        stream[index + 4..index + 8].copy_from_slice(&crc);
        let e = garbled(Codec::Xz, &stream);
        assert!(e.contains("index uncompressed size mismatch"), "{e}");
    }

    #[test]
    fn an_xz_footer_backward_size_of_u32_max_is_an_error_not_an_overflow() {
        // lzma-rs 0.3.0 computed `(backward_size + 1) << 2` in u32: with overflow checks on it panicked here.
        let mut stream = compress(Codec::Xz, SAMPLE).unwrap();
        let at = stream.len() - 8;
        stream[at..at + 4].copy_from_slice(&[0xFF; 4]);
        let e = decompress(Codec::Xz, &stream, 1 << 20).unwrap_err();
        assert!(
            matches!(e, DecompressError::Garbled(ref m) if m.contains("footer")),
            "{e:?}"
        );
    }

    /// An xz stream whose LZMA chunk states a packed size 29 bytes larger than its LZMA data: a decoder that
    /// stops reading the chunk once its 100 bytes of output are complete (lzma-rs 0.3.0 did) takes those 29
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
        // Unpadded size 12 + 16 + 8 as lzma-rs counted it: header, chunk and end marker, check.
        let mut index = vec![0x00, 0x01, 36, 100];
        index.extend(CRC32.checksum(&index).to_le_bytes());
        hidden.extend(index);
        hidden.extend([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x04, b'Y', b'Z']);
        let packed = 9 + hidden.len();
        let mut lzma2 = vec![0xE0, 0x00, 0x63, 0x00, (packed - 1) as u8, 0x5D];
        lzma2.extend(&LZMA_CHUNK[6..]);
        lzma2.extend(&hidden);
        lzma2.push(0x00);
        xz_stream(&lzma2, &output, 0x08)
    }

    #[test]
    fn an_lzma_chunk_that_hides_a_second_footer_is_an_error_not_an_overflow() {
        // `lzma_rs::xz_decompress` panicked on this stream (decode/xz.rs:52). lzma-rust2 requires a chunk's
        // range decoder to end exactly at its stated packed size, so the 29 bytes left over are the error.
        let stream = xz_stream_hiding_a_second_footer();
        let e = decompress(Codec::Xz, &stream, 1 << 20).unwrap_err();
        assert!(matches!(e, DecompressError::Garbled(_)), "{e:?}");
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
