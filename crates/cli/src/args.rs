//! A small command-line parser: `--flag value`, `--flag=value`, bare `--switch`, and positional arguments.

use std::fmt;

/// Why a command failed, which decides the exit status.
#[derive(Debug)]
pub enum Failure {
    /// The command was used wrongly (exit 2).
    Usage(String),
    /// The input is invalid (exit 1); the message names where.
    Invalid(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Invalid(m) => f.write_str(m),
        }
    }
}

/// What a command prints: its standard output and any notes for standard error.
#[derive(Debug, Default)]
pub struct Output {
    /// Written to stdout, followed by a newline.
    pub stdout: String,
    /// Each written to stderr on its own line.
    pub notes: Vec<String>,
    /// Whether some of several messages could not be read (each said so in a note): exit status 1.
    pub failed: bool,
}

impl From<String> for Output {
    fn from(stdout: String) -> Self {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

/// Parsed arguments of one command.
#[derive(Debug, Default)]
pub struct Args {
    flags: Vec<(String, Option<String>)>,
    /// Arguments that are not flags, in order.
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `raw` (the arguments after the command name); `switches` are the flags that take no value.
    pub fn parse(raw: &[String], switches: &[&str]) -> Result<Args, Failure> {
        let mut args = Args::default();
        let mut iter = raw.iter();
        while let Some(arg) = iter.next() {
            if let Some(flag) = arg.strip_prefix("--") {
                if let Some((name, value)) = flag.split_once('=') {
                    args.flags.push((name.to_string(), Some(value.to_string())));
                } else if switches.contains(&flag) {
                    args.flags.push((flag.to_string(), None));
                } else {
                    let value = iter
                        .next()
                        .ok_or_else(|| Failure::Usage(format!("--{flag} needs a value")))?;
                    args.flags.push((flag.to_string(), Some(value.clone())));
                }
            } else {
                args.positional.push(arg.clone());
            }
        }
        Ok(args)
    }

    /// Fails on any flag not in `known`.
    pub fn only(&self, known: &[&str]) -> Result<(), Failure> {
        match self
            .flags
            .iter()
            .find(|(f, _)| !known.contains(&f.as_str()))
        {
            Some((f, _)) => Err(Failure::Usage(format!("unknown flag --{f}"))),
            None => Ok(()),
        }
    }

    /// The value of a flag (the last one given).
    pub fn value(&self, flag: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(f, _)| f == flag)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Whether a switch (a flag without a value) was given.
    pub fn switch(&self, flag: &str) -> bool {
        self.flags.iter().any(|(f, v)| f == flag && v.is_none())
    }

    /// The value of a required flag.
    pub fn required(&self, flag: &str) -> Result<&str, Failure> {
        self.value(flag)
            .ok_or_else(|| Failure::Usage(format!("--{flag} is required")))
    }
}

/// Reads a file as text, or fails naming it.
pub fn read_text(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Invalid(format!("{path}: {e}")))
}

/// Reads a file's bytes, or standard input when `path` is `None`.
pub fn read_bytes(path: Option<&str>) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    match path {
        Some(p) => std::fs::read(p).map_err(|e| Failure::Invalid(format!("{p}: {e}"))),
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::Invalid(format!("standard input: {e}")))?;
            Ok(buf)
        }
    }
}

/// Reads and parses a schema file; errors name the file, line:column and JSON pointer.
pub fn read_schema(path: &str) -> Result<avro_playground_core::schema::Schema, Failure> {
    read_schema_and_text(path).map(|(schema, _)| schema)
}

/// [`read_schema`], also giving the file's text (a container file's header holds it as written).
pub fn read_schema_and_text(
    path: &str,
) -> Result<(avro_playground_core::schema::Schema, String), Failure> {
    let text = read_text(path)?;
    let schema = avro_playground_core::schema::parse_schema(&text).map_err(|e| {
        Failure::Invalid(format!(
            "{path}:{}: {} (at {})",
            e.position, e.message, e.pointer
        ))
    })?;
    Ok((schema, text))
}
