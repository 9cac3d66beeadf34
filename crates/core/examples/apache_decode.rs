//! apache-avro's plain decode of one Object Container File, timed: the native baseline the browser
//! benchmark (`tests/e2e/bench/decode-bench.mjs`) puts next to the page's decode + annotate of the same file.
//!
//! `cargo run --release -p avro-playground-core --example apache_decode -- FILE [RUNS]` reads every record
//! of FILE with `apache_avro::Reader` RUNS times (default 20, after 2 warm-ups) and prints one JSON line:
//! `{"file", "bytes", "records", "runs", "median_ms", "min_ms"}`. A missing or unreadable file is a one-line
//! message on stderr and exit status 1.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

/// Reads every record of `file`; the number of records.
fn read_all(file: &[u8]) -> Result<usize, String> {
    let reader = apache_avro::Reader::new(file).map_err(|e| format!("header: {e}"))?;
    let mut records = 0;
    for record in reader {
        black_box(record.map_err(|e| format!("record {records}: {e}"))?);
        records += 1;
    }
    Ok(records)
}

fn run(args: &[String]) -> Result<String, String> {
    let path = args
        .first()
        .ok_or("usage: apache_decode FILE [RUNS]")?
        .as_str();
    let runs: usize = match args.get(1) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("RUNS must be a number, not {n:?}"))?,
        None => 20,
    };
    let file = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut records = 0;
    for _ in 0..2 {
        records = read_all(&file).map_err(|e| format!("{path}: {e}"))?;
    }
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        read_all(&file).map_err(|e| format!("{path}: {e}"))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    let median = if times.len() % 2 == 0 {
        (times[mid - 1] + times[mid]) / 2.0
    } else {
        times[mid]
    };
    Ok(serde_json::json!({
        "file": path,
        "bytes": file.len(),
        "records": records,
        "runs": times.len(),
        "median_ms": median,
        "min_ms": times[0],
    })
    .to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("apache_decode: {e}");
            ExitCode::from(1)
        }
    }
}
