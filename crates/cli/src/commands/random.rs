//! `random`: random datums of a schema (as avro-tools' `random` makes them), printed as Avro JSON lines,
//! or encoded and framed as `encode` does.

use super::encode::Destination;
use crate::args::{read_schema_and_text, Args, Failure, Output};
use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::random::{RandomDatums, RandomOptions};

/// Help text.
pub const HELP: &str = "avro-playground random --schema S.avsc [--count N] [--seed K]
    [--frame raw|confluent:ID|single-object|ocf:CODEC] [--output FILE]

Prints N (default 1) random datums of the schema as Avro JSON, one per line, which `encode` reads
back. With --frame, prints each datum's Avro binary encoding as a line of lowercase hex instead,
framed as asked; ocf:CODEC (null, deflate, snappy, bzip2, xz, zstandard) writes the datums to an
Object Container File, --output FILE, as `encode` does.
The same --seed (a number from 0 to 18446744073709551615) gives the same datums on every platform.
Without --seed the seed comes from the clock and is printed on stderr, so a run can be repeated.
Strings, bytes, arrays and maps are short; recursive types end; floats are never NaN or Infinity;
dates and timestamps fall within about three years of 2025-01-01.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["schema", "count", "seed", "frame", "output"])?;
    let schema_path = args.required("schema")?;
    let count: usize = number(&args, "count")?.unwrap_or(1);
    let seed = number(&args, "seed")?;
    let destination = match args.value("frame") {
        Some(_) => Some(Destination::from_args(&args)?),
        None if args.value("output").is_some() => {
            return Err(Failure::Usage(
                "--output goes with --frame ocf:CODEC; without --frame datums are printed".into(),
            ))
        }
        None => None,
    };
    let (schema, schema_text) = read_schema_and_text(schema_path)?;
    let (seed, seed_note) = match seed {
        Some(seed) => (seed, None),
        None => {
            let seed = clock_seed();
            (
                seed,
                Some(format!(
                    "seed {seed} (--seed {seed} gives these datums again)"
                )),
            )
        }
    };
    let invalid = |e: avro_playground_core::random::RandomError| {
        Failure::Invalid(format!("{schema_path}: {e}"))
    };
    let values = RandomDatums::new(&schema, seed, RandomOptions::default())
        .map_err(invalid)?
        .take(count)
        .collect::<Result<Vec<_>, _>>()
        .map_err(invalid)?;
    let mut output = match destination {
        Some(destination) => destination.write(&schema, &schema_text, &values, "random")?,
        None => values
            .iter()
            .map(|v| to_avro_json(&schema, v))
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
    };
    output.notes.splice(0..0, seed_note);
    Ok(output)
}

/// The whole number given to `--flag`, if given.
fn number<T: std::str::FromStr>(args: &Args, flag: &str) -> Result<Option<T>, Failure> {
    args.value(flag)
        .map(|text| {
            text.parse().map_err(|_| {
                Failure::Usage(format!(
                    "--{flag} takes a whole number from 0 up, found `{text}`"
                ))
            })
        })
        .transpose()
}

/// A seed from the clock: nanoseconds since 1970, as avro-tools takes milliseconds.
fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
