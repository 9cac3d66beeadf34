//! Writes seed inputs for every fuzz target from the reference vectors in `tests/corpus/*.json` (and the
//! paste fixtures of `crates/core/tests/input_forms/`), one file per case, into `OUT/<target>/`:
//!
//! ```sh
//! cargo run --manifest-path crates/fuzz/Cargo.toml --example seeds -- /tmp/seeds
//! cd crates/fuzz && cargo fuzz cmin --features libfuzzer -a schema_text /tmp/seeds/schema_text   # and so on
//! ```
//!
//! Schemas are written on one line (the targets split their input at the first newline). `ocf_large.json`
//! is left out: its 200 KB files would slow every fuzz run down.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Seeds gathered per target: file name → content (the same content is written once).
#[derive(Default)]
struct Seeds(BTreeMap<&'static str, BTreeMap<Vec<u8>, String>>);

impl Seeds {
    fn add(&mut self, target: &'static str, name: &str, content: Vec<u8>) {
        self.0
            .entry(target)
            .or_default()
            .entry(content)
            .or_insert_with(|| name.to_string());
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases(file: &str) -> Vec<Value> {
    let path = repo().join("tests/corpus").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match serde_json::from_str(&text) {
        Ok(Value::Array(cases)) => cases,
        _ => {
            eprintln!("{}: not a JSON array of cases", path.display());
            Vec::new()
        }
    }
}

/// A schema given as JSON in a case, as one line of text (a bare type name is quoted, as the tests do).
fn schema_line(v: &Value) -> String {
    match v {
        Value::String(s) if !s.trim_start().starts_with(['{', '[', '"']) => format!("\"{s}\""),
        Value::String(s) => serde_json::from_str::<Value>(s)
            .map(|v| v.to_string())
            .unwrap_or_else(|_| s.replace('\n', " ")),
        other => other.to_string(),
    }
}

fn unhex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .filter_map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

fn id(case: &Value) -> String {
    case["id"].as_str().unwrap_or("case").to_string()
}

fn lines(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(&b'\n')
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let mut seeds = Seeds::default();
    for case in cases("schemas.json") {
        if let Some(text) = case["schema_text"].as_str() {
            seeds.add("schema_text", &id(&case), text.as_bytes().to_vec());
        }
    }
    for file in ["encode.json", "invalid_datums.json"] {
        for case in cases(file) {
            let schema = schema_line(&case["schema"]);
            let name = format!("{}_{}", file.trim_end_matches(".json"), id(&case));
            seeds.add("schema_text", &name, schema.clone().into_bytes());
            let datum = case["datum_json"].to_string();
            seeds.add(
                "datum_text",
                &name,
                lines(&[schema.as_bytes(), datum.as_bytes()]),
            );
            if let Some(hex) = case["hex"].as_str() {
                seeds.add(
                    "datum_bytes",
                    &name,
                    lines(&[schema.as_bytes(), b"", &unhex(hex)]),
                );
                seeds.add("paste", &name, hex.as_bytes().to_vec());
            }
        }
    }
    for case in cases("resolve.json") {
        let (writer, reader) = (
            schema_line(&case["writer_schema"]),
            schema_line(&case["reader_schema"]),
        );
        let bytes = unhex(case["writer_hex"].as_str().unwrap_or_default());
        seeds.add(
            "datum_bytes",
            &id(&case),
            lines(&[writer.as_bytes(), reader.as_bytes(), &bytes]),
        );
        seeds.add(
            "datum_text",
            &id(&case),
            lines(&[
                writer.as_bytes(),
                case["writer_datum_json"].to_string().as_bytes(),
            ]),
        );
        seeds.add(
            "schema_pair",
            &id(&case),
            lines(&[writer.as_bytes(), reader.as_bytes()]),
        );
    }
    for case in cases("framing.json") {
        let schema = schema_line(&case["schema"]);
        let bytes = unhex(case["hex"].as_str().unwrap_or_default());
        if bytes.starts_with(b"Obj\x01") {
            seeds.add("container_file", &id(&case), bytes.clone());
        }
        seeds.add(
            "datum_bytes",
            &id(&case),
            lines(&[schema.as_bytes(), b"", &bytes]),
        );
    }
    for case in cases("ocf.json") {
        seeds.add(
            "container_file",
            &id(&case),
            unhex(case["hex"].as_str().unwrap_or_default()),
        );
    }
    for case in cases("compat.json") {
        let (writer, reader) = (
            schema_line(&case["writer_schema"]),
            schema_line(&case["reader_schema"]),
        );
        seeds.add(
            "schema_pair",
            &id(&case),
            lines(&[writer.as_bytes(), reader.as_bytes()]),
        );
        seeds.add(
            "schema_text",
            &format!("{}_reader", id(&case)),
            reader.into_bytes(),
        );
    }
    for case in cases("confluent_modes.json") {
        let candidate = schema_line(&case["candidate"]);
        for (i, version) in case["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let name = format!("{}_v{}", id(&case), i + 1);
            seeds.add(
                "schema_pair",
                &name,
                lines(&[schema_line(version).as_bytes(), candidate.as_bytes()]),
            );
        }
    }
    let forms = repo().join("crates/core/tests/input_forms");
    for entry in std::fs::read_dir(&forms)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.ends_with(".txt") || name.ends_with(".bin") {
            if let Ok(content) = std::fs::read(&path) {
                seeds.add("paste", &name, content);
            }
        }
    }
    let mut written = 0;
    for (target, files) in &seeds.0 {
        let dir = out.join(target);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("{}: {e}", dir.display());
            continue;
        }
        for (content, name) in files {
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if std::fs::write(dir.join(&safe), content).is_ok() {
                written += 1;
            }
        }
        println!("{target}: {} seeds", files.len());
    }
    println!("{written} files under {}", out.display());
}
