//! One module per command; each has a `HELP` text and a `run` over the arguments after the command name.

use crate::args::{Failure, Output};

mod annotate;
mod canonical;
mod check;
mod compat;
mod decode;
mod diff;
mod encode;
mod inspect;
mod random;

/// A command: its help text and what it does.
pub struct Command {
    /// The command's name.
    pub name: &'static str,
    /// Its `--help` text.
    pub help: &'static str,
    /// Runs it on the arguments after its name.
    pub run: fn(&[String]) -> Result<Output, Failure>,
}

const COMMANDS: &[Command] = &[
    Command {
        name: "encode",
        help: encode::HELP,
        run: encode::run,
    },
    Command {
        name: "decode",
        help: decode::HELP,
        run: decode::run,
    },
    Command {
        name: "inspect",
        help: inspect::HELP,
        run: inspect::run,
    },
    Command {
        name: "canonical",
        help: canonical::HELP,
        run: canonical::run,
    },
    Command {
        name: "annotate",
        help: annotate::HELP,
        run: annotate::run,
    },
    Command {
        name: "compat",
        help: compat::HELP,
        run: compat::run,
    },
    Command {
        name: "check",
        help: check::HELP,
        run: check::run,
    },
    Command {
        name: "diff",
        help: diff::HELP,
        run: diff::run,
    },
    Command {
        name: "random",
        help: random::HELP,
        run: random::run,
    },
];

/// The command called `name`.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}
