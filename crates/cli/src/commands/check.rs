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

#[cfg(test)]
mod tests {
    use super::super::compat::tests::{args, file};
    use super::*;

    #[test]
    fn prints_the_decision_in_the_documented_order() {
        let v1 = file("v1.avsc", r#""string""#);
        let v2 = file("v2.avsc", r#""int""#);
        let candidate = file("v3.avsc", r#""long""#);
        let out = run(&args(&[
            "--mode",
            "BACKWARD_TRANSITIVE",
            &v1,
            &v2,
            &candidate,
        ]))
        .expect("runs");
        assert_eq!(
            out.stdout,
            r#"{"mode":"BACKWARD_TRANSITIVE","compatible":false,"checked_versions":[2,1],"failing_version":1,"incompatibilities":[{"type":"TYPE_MISMATCH","location":"/","message":"reader type: LONG not compatible with writer type: STRING","direction":"backward"}]}"#
        );
    }

    #[test]
    fn a_compatible_candidate_has_a_null_failing_version() {
        let v1 = file("ok1.avsc", r#""int""#);
        let candidate = file("ok2.avsc", r#""long""#);
        let out = run(&args(&["--mode=backward", &v1, &candidate])).expect("runs");
        assert_eq!(
            out.stdout,
            r#"{"mode":"BACKWARD","compatible":true,"checked_versions":[1],"failing_version":null,"incompatibilities":[]}"#
        );
    }

    #[test]
    fn an_unknown_mode_or_no_files_is_a_usage_error() {
        let v1 = file("u1.avsc", r#""int""#);
        assert!(matches!(
            run(&args(&["--mode", "SIDEWAYS", &v1])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&args(&["--mode", "FULL"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(run(&args(&[&v1])), Err(Failure::Usage(_))));
    }

    #[test]
    fn an_invalid_version_is_invalid_input() {
        let bad = file("bad_version.avsc", r#"{"type":"fixed","name":"F"}"#);
        let candidate = file("fine.avsc", r#""int""#);
        assert!(matches!(
            run(&args(&["--mode", "FULL", &bad, &candidate])),
            Err(Failure::Invalid(m)) if m.contains("bad_version.avsc:1:1")
        ));
    }
}
