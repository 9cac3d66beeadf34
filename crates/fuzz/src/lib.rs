//! Fuzz targets for the Avro Playground codec core, one function per target. Each `fuzz_targets/<name>.rs`
//! is a three-line libFuzzer entry point calling the function of the same name; `tests/replay.rs` runs the
//! committed corpus and regression files through the same functions on stable Rust.
//!
//! A target feeds its input to the core and checks what must hold whatever the input: the core returns
//! errors and never panics, every span and error offset lies inside the input, and what is written reads
//! back (binary, Avro JSON, every framing, container files under every codec). A broken property is an
//! `assert!` failure: that is the fuzzer's signal, so the targets assert where the core must not panic.
//!
//! Targets that need two inputs (a schema and a datum, two schemas) split theirs at the first newline: seeds
//! keep each schema on one line, and libFuzzer's local mutations then mostly leave the split alone.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod container_file;
mod datum_bytes;
mod datum_text;
mod invariants;
mod paste;
mod schema_pair;
mod schema_text;

pub use container_file::container_file;
pub use datum_bytes::datum_bytes;
pub use datum_text::datum_text;
pub use paste::paste;
pub use schema_pair::schema_pair;
pub use schema_text::schema_text;

/// A target: one fuzz input in, a panic when a property breaks.
pub type Target = fn(&[u8]);

/// Every target by name, as the fuzz binaries, corpus and regression directories name them.
pub const TARGETS: [(&str, Target); 6] = [
    ("schema_text", schema_text),
    ("datum_text", datum_text),
    ("datum_bytes", datum_bytes),
    ("container_file", container_file),
    ("paste", paste),
    ("schema_pair", schema_pair),
];

/// The input up to its first newline, and the rest after it (empty when there is no newline).
fn first_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(at) => (
            data.get(..at).unwrap_or_default(),
            data.get(at + 1..).unwrap_or_default(),
        ),
        None => (data, &[]),
    }
}
