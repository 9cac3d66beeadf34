//! `avro-playground`: the codec core on the command line. Exit status 0 on success, 1 on invalid input
//! (a one-line message on stderr naming where; for several messages, one per message that fails, after the
//! others are printed), 2 on usage errors.

#![forbid(unsafe_code)]
// Input never reaches a panic: tests may unwrap, the command line may not.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod args;
mod commands;
mod datum;
mod payload;

use args::Failure;
use std::process::ExitCode;

const USAGE: &str = "avro-playground: see what Avro schemas and bytes really do

Usage: avro-playground <command> [options]   (avro-playground <command> --help for its options)

Commands:
  encode     Avro JSON datum -> Avro binary, as hex
  decode     Avro binary (hex, base64 or raw; framed or not) -> Avro JSON datum
  inspect    framing, header fields and the datum, as one JSON object
  canonical  Parsing Canonical Form and fingerprints of a schema
  annotate   the span tree of a datum's bytes, as JSON
  compat     reader/writer compatibility, as Java's SchemaCompatibility decides it
  check      whether a new schema version registers under a Confluent compatibility mode
  diff       the semantic changes between two schema versions, with their effect each way
  random     random datums of a schema, as Avro JSON lines (or encoded and framed)";

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = raw.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command == "--help" || command == "-h" || command == "help" {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let Some(cmd) = commands::find(command) else {
        eprintln!("avro-playground: unknown command `{command}`\n\n{USAGE}");
        return ExitCode::from(2);
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", cmd.help);
        return ExitCode::SUCCESS;
    }
    match (cmd.run)(rest) {
        Ok(output) => {
            for note in &output.notes {
                eprintln!("{note}");
            }
            if !output.stdout.is_empty() {
                println!("{}", output.stdout);
            }
            if output.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Failure::Usage(m)) => {
            eprintln!("avro-playground {command}: {m}\n\n{}", cmd.help);
            ExitCode::from(2)
        }
        Err(Failure::Invalid(m)) => {
            eprintln!("avro-playground {command}: {}", m.replace('\n', " "));
            ExitCode::from(1)
        }
    }
}
