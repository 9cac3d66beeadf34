//! `check`: whether a new schema version registers under a Confluent Schema Registry compatibility level.

use super::compat::{array, incompatibility, object};
use crate::args::{read_schema, Args, Failure, Output};
use avro_playground_core::compat::{register, Mode};
use avro_playground_core::schema::Schema;
use serde_json::json;

/// Help text.
pub const HELP: &str = "avro-playground check --mode MODE V1.avsc V2.avsc ... Vn.avsc

The files are a subject's versions, oldest first; the last one is the candidate to register after the
others. Prints one line:
  {\"mode\", \"compatible\", \"checked_versions\": [...], \"failing_version\": n or null,
   \"incompatibilities\": [{\"type\", \"location\", \"message\", \"direction\"}]}
Versions are numbered 1, 2, ... in the order given.

MODE is one of (any letter case):
  BACKWARD             the candidate, as reader, reads the latest version
  BACKWARD_TRANSITIVE  ... every earlier version
  FORWARD              the latest version, as reader, reads the candidate
  FORWARD_TRANSITIVE   every earlier version reads the candidate
  FULL                 BACKWARD and FORWARD
  FULL_TRANSITIVE      BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE
  NONE                 no check
Transitive levels check the newest version first and stop at the first that fails, as the registry does.
Each check is Java's SchemaCompatibility; \"direction\" says which way the failing check read (backward: the
candidate was the reader; forward: the version was), and \"location\" points into that check's reader.

Exit status: 0 whether compatible or not, 1 if a schema is invalid, 2 on usage errors.";

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&["mode"])?;
    let mode_name = args.required("mode")?;
    let mode = Mode::parse(mode_name).ok_or_else(|| {
        let names: Vec<&str> = Mode::ALL.iter().map(|m| m.as_str()).collect();
        Failure::Usage(format!(
            "unknown mode `{mode_name}`: expected one of {}",
            names.join(", ")
        ))
    })?;
    let Some((candidate_path, version_paths)) = args.positional.split_last() else {
        return Err(Failure::Usage(
            "give the schema files, oldest first, the candidate last".into(),
        ));
    };
    let versions: Vec<Schema> = version_paths
        .iter()
        .map(|p| read_schema(p))
        .collect::<Result<_, _>>()?;
    let candidate = read_schema(candidate_path)?;
    let registration = register(mode, &versions, &candidate);
    let incompatibilities = registration.incompatibilities.iter().map(|d| {
        incompatibility(
            &d.incompatibility,
            &[("direction", json!(d.direction.as_str()).to_string())],
        )
    });
    let out = object(&[
        ("mode", json!(registration.mode.as_str()).to_string()),
        ("compatible", json!(registration.compatible).to_string()),
        (
            "checked_versions",
            json!(registration.checked_versions).to_string(),
        ),
        (
            "failing_version",
            json!(registration.failing_version).to_string(),
        ),
        ("incompatibilities", array(incompatibilities)),
    ]);
    Ok(out.into())
}
