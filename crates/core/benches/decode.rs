//! Decoding with a span for every byte, next to apache-avro's plain decode of the same bytes, measured in
//! the same run so the report is a ratio rather than a time that depends on the machine.
//!
//! `cargo bench -p avro-playground-core --bench decode` (or `bash .ci/bench native`). Groups:
//! - `ocf_1mb_null`: a ~1 MB Object Container File of `demo.User` records (codec null, 1000 records per
//!   block): `walk_container` (spans over every byte, every record decoded), the same plus each record as
//!   Avro JSON (what the decode panel computes), and `apache_avro::Reader` reading every record;
//! - `ocf_1mb_deflate`: the same records deflated, where record fields get no spans (they are inside the
//!   compressed data) and decompression is part of both sides;
//! - `datum_1mb_array`: one ~1 MB datum, an array of 50 000 `demo.User` records: `walker::decode` next to
//!   `apache_avro::GenericDatumReader::read_value`.
//!
//! After the groups a summary prints, per group, each function's median time per iteration (over every
//! sample criterion took), its ratio to apache-avro, and the memory the spans take per input byte.

use apache_avro::reader::datum::GenericDatumReader;
use apache_avro::types::Value as Theirs;
use avro_playground_core::avro_json::{from_avro_json, to_avro_json};
use avro_playground_core::container::{walk_container, write_container, Codec, Limits};
use avro_playground_core::schema::{parse_schema, Schema};
use avro_playground_core::walker::{self, Span};
use criterion::{criterion_group, BenchmarkGroup, Criterion, Throughput};
use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The record of `tests/corpus/ocf.json`'s `fastavro_*_blocks` files.
const USER: &str = r#"{"type": "record", "name": "User", "namespace": "demo", "fields": [
  {"name": "id", "type": "long"},
  {"name": "name", "type": "string"},
  {"name": "email", "type": ["null", "string"], "default": null},
  {"name": "tags", "type": {"type": "array", "items": "string"}}
]}"#;

const RECORDS_PER_BLOCK: usize = 1000;
const SYNC: [u8; 16] = *b"bench-sync-16byt";

/// Per-iteration times every benchmark function took, by `group/function`, for the summary.
static TIMES: Mutex<Vec<(String, Vec<f64>)>> = Mutex::new(Vec::new());

fn record(name: &str, per_iter: f64) {
    if let Ok(mut times) = TIMES.lock() {
        match times.iter_mut().find(|(n, _)| n == name) {
            Some((_, t)) => t.push(per_iter),
            None => times.push((name.to_string(), vec![per_iter])),
        }
    }
}

/// Runs `f` as a criterion function whose timings are also kept for the summary.
fn timed<M, F, R>(group: &mut BenchmarkGroup<'_, M>, group_name: &str, name: &str, mut f: F)
where
    M: criterion::measurement::Measurement<Value = Duration>,
    F: FnMut() -> R,
{
    let key = format!("{group_name}/{name}");
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let started = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            let took = started.elapsed();
            record(&key, took.as_secs_f64() / iters.max(1) as f64);
            took
        })
    });
}

/// A small deterministic generator (xorshift), so every run measures the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| {
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(self.next() % 36) as usize])
            })
            .collect()
    }
}

/// Record `i` as Avro JSON: a varied mix of field sizes, a null or string email, zero to three tags.
fn user_json(rng: &mut Rng, i: usize) -> String {
    let len = 6 + (rng.next() % 12) as usize;
    let name = rng.word(len);
    let email = if rng.next().is_multiple_of(3) {
        "null".to_string()
    } else {
        format!("{{\"string\": \"{name}@example.org\"}}")
    };
    let tags: Vec<String> = (0..rng.next() % 4)
        .map(|_| {
            let len = 3 + (rng.next() % 8) as usize;
            format!("\"{}\"", rng.word(len))
        })
        .collect();
    format!(
        r#"{{"id": {}, "name": "{name}", "email": {email}, "tags": [{}]}}"#,
        i as i64 * 7919 - 1_000_000,
        tags.join(", ")
    )
}

/// Encoded `demo.User` records, in blocks of `RECORDS_PER_BLOCK`, until they hold at least `size` bytes.
fn user_blocks(schema: &Schema, size: usize) -> Vec<(u64, Vec<u8>)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut blocks = Vec::new();
    let (mut total, mut i) = (0, 0);
    while total < size {
        let mut data = Vec::new();
        for _ in 0..RECORDS_PER_BLOCK {
            let value = from_avro_json(schema, &user_json(&mut rng, i)).expect("generated record");
            data.extend(walker::encode(schema, &value).expect("encodes").bytes);
            i += 1;
        }
        total += data.len();
        blocks.push((RECORDS_PER_BLOCK as u64, data));
    }
    blocks
}

/// A ~1 MB array datum of `demo.User` records and its schema.
fn array_datum(size: usize) -> (String, Vec<u8>) {
    let schema_text = format!(r#"{{"type": "array", "items": {USER}}}"#);
    let schema = parse_schema(USER).expect("USER parses");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut items = Vec::new();
    let mut count = 0;
    while items.len() < size {
        let value = from_avro_json(&schema, &user_json(&mut rng, count)).expect("generated record");
        items.extend(walker::encode(&schema, &value).expect("encodes").bytes);
        count += 1;
    }
    // One block: the count, the items, the zero count that ends the array.
    let mut bytes = Vec::new();
    walker::varint::write_long(&mut bytes, count as i64);
    bytes.extend(items);
    bytes.push(0);
    (schema_text, bytes)
}

fn their_records(file: &[u8]) -> usize {
    apache_avro::Reader::new(file)
        .expect("apache-avro reads the header")
        .map(|r| {
            black_box(r.expect("apache-avro reads every record"));
        })
        .count()
}

fn bench_container(c: &mut Criterion, codec: Codec, group_name: &str) -> Footprint {
    let schema = parse_schema(USER).expect("USER parses");
    let file = write_container(USER, codec, &user_blocks(&schema, 1 << 20), SYNC, &[])
        .expect("the file writes");
    let walked = walk_container(&file, &Limits::default());
    assert_eq!(walked.error, None, "our reader reads the generated file");
    assert_eq!(
        walked.records.len(),
        their_records(&file),
        "same record count"
    );
    println!(
        "{group_name}: {} bytes, {} demo.User records in {} blocks",
        file.len(),
        walked.records.len(),
        walked.container.as_ref().map_or(0, |c| c.blocks.len())
    );
    let footprint = Footprint::of(group_name, file.len(), walked.walk.spans.len());

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(file.len() as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(7));
    timed(&mut group, group_name, "apache_avro::Reader", || {
        their_records(&file)
    });
    timed(&mut group, group_name, "walk_container", || {
        walk_container(&file, &Limits::default())
    });
    timed(
        &mut group,
        group_name,
        "walk_container+to_avro_json",
        || {
            let walked = walk_container(&file, &Limits::default());
            walked
                .records
                .iter()
                .map(|(_, v)| to_avro_json(&schema, v).len())
                .sum::<usize>()
        },
    );
    group.finish();
    footprint
}

fn bench_datum(c: &mut Criterion) -> Footprint {
    let group_name = "datum_1mb_array";
    let (schema_text, bytes) = array_datum(1 << 20);
    let ours = parse_schema(&schema_text).expect("array schema parses");
    let theirs = apache_avro::Schema::parse_str(&schema_text).expect("apache-avro parses it");
    let walk = walker::decode(&ours, &bytes);
    assert_eq!(walk.error, None, "our walker decodes the generated datum");
    assert_eq!(walk.end, bytes.len());
    let their_reader = GenericDatumReader::builder(&theirs)
        .build()
        .expect("apache-avro reader");
    let their = their_reader
        .read_value(&mut &bytes[..])
        .expect("apache-avro decodes the generated datum");
    assert!(matches!(their, Theirs::Array(_)));
    let items = match &walk.value {
        Some(avro_playground_core::value::Value::Array(items)) => items.len(),
        _ => 0,
    };
    println!(
        "{group_name}: one array datum of {items} demo.User records, {} bytes",
        bytes.len()
    );
    let footprint = Footprint::of(group_name, bytes.len(), walk.spans.len());

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(7));
    timed(
        &mut group,
        group_name,
        "apache_avro::GenericDatumReader",
        || their_reader.read_value(&mut &bytes[..]).map(|_| ()),
    );
    timed(&mut group, group_name, "walker::decode", || {
        walker::decode(&ours, &bytes)
    });
    group.finish();
    footprint
}

/// How much memory the spans of one input take.
struct Footprint {
    group: String,
    bytes: usize,
    spans: usize,
}

impl Footprint {
    fn of(group: &str, bytes: usize, spans: usize) -> Self {
        Footprint {
            group: group.to_string(),
            bytes,
            spans,
        }
    }
}

fn benches(c: &mut Criterion) {
    let footprints = [
        bench_container(c, Codec::Null, "ocf_1mb_null"),
        bench_container(c, Codec::Deflate, "ocf_1mb_deflate"),
        bench_datum(c),
    ];
    summary(&footprints);
}

/// Median of the recorded per-iteration times of `group/function`, in seconds.
fn median(name: &str) -> Option<f64> {
    let times = TIMES.lock().ok()?;
    let (_, t) = times.iter().find(|(n, _)| n == name)?;
    let mut t = t.clone();
    t.sort_by(f64::total_cmp);
    t.get(t.len() / 2).copied()
}

fn summary(footprints: &[Footprint]) {
    println!(
        "\nsummary (median time per iteration; ratio = ours / apache-avro, measured in this run):"
    );
    let names: Vec<String> = TIMES
        .lock()
        .map(|t| t.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    for f in footprints {
        let baseline_name = names
            .iter()
            .find(|n| n.starts_with(&format!("{}/apache_avro", f.group)));
        let baseline = baseline_name.and_then(|n| median(n));
        for name in names
            .iter()
            .filter(|n| n.starts_with(&format!("{}/", f.group)))
        {
            let Some(t) = median(name) else { continue };
            let ratio = baseline.map_or(String::from("-"), |b| format!("{:.2}x", t / b));
            println!(
                "  {name:<48} {:>9.3} ms  {:>7.1} MB/s  ratio {ratio}",
                t * 1e3,
                f.bytes as f64 / t / 1e6,
            );
        }
        let span_bytes = std::mem::size_of::<Span>() * f.spans;
        println!(
            "  {:<48} {} spans over {} bytes: {} B per span, {:.2} span bytes per input byte ({:.1} MB)",
            format!("{}/memory", f.group),
            f.spans,
            f.bytes,
            std::mem::size_of::<Span>(),
            span_bytes as f64 / f.bytes as f64,
            span_bytes as f64 / 1e6,
        );
    }
}

criterion_group!(decode, benches);

fn main() {
    decode();
    Criterion::default().configure_from_args().final_summary();
}
