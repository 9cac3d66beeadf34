//! Test data for the codecs: deterministic noise and mixed content.

/// Deterministic noise (xorshift).
pub fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// Text, runs of many lengths and noise, one after another.
pub fn mixed(len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < len {
        out.extend_from_slice(b"{\"name\": \"Avro\", \"id\": ");
        out.extend_from_slice(i.to_string().as_bytes());
        out.extend(std::iter::repeat_n(i as u8, i % 300));
        out.extend(noise(i % 97, i as u64 + 1));
        i += 1;
    }
    out.truncate(len);
    out
}
