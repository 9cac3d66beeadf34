//! The build id that the page and its worker exchange. Trunk does not hash a worker's file names, so a
//! cached old worker can meet a new page; both binaries of this crate get the same
//! `AVRO_PLAYGROUND_BUILD_ID` (the package version and a hash of every source file both are built from, and
//! of the enabled features), and a mismatch asks for a reload (the end-to-end test pairs
//! the page of `dist/` with the worker of `dist-crash/`, built with another feature).
use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let inputs = [
        "src",
        "crates/core/src",
        "Cargo.toml",
        "Cargo.lock",
        "crates/core/Cargo.toml",
    ];
    let mut all = Vec::new();
    for i in inputs {
        let p = root.join(i);
        // A directory: cargo reruns the script when any file under it changes.
        println!("cargo:rerun-if-changed={}", p.display());
        if p.is_dir() {
            files(&p, &mut all);
        } else {
            all.push(p);
        }
    }
    all.sort();
    // SipHash-1-3 with fixed keys: the same sources give the same id on every machine with this std.
    let mut h = DefaultHasher::new();
    for p in &all {
        h.write(
            p.strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .as_bytes(),
        );
        h.write(&std::fs::read(p).unwrap_or_default());
    }
    let mut features: Vec<_> = std::env::vars()
        .filter(|(k, _)| k.starts_with("CARGO_FEATURE_"))
        .map(|(k, _)| k)
        .collect();
    features.sort();
    for f in features {
        h.write(f.as_bytes());
    }
    println!(
        "cargo:rustc-env=AVRO_PLAYGROUND_BUILD_ID={}+{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap(),
        h.finish()
    );
}
