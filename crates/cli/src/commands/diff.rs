//! `diff`: the semantic changes between two versions of a schema, each with its effect on reading in
//! each direction.

use crate::args::{read_schema, Args, Failure, Output};
use avro_playground_core::evolution::{diff, Effect};
use serde_json::{json, Value as Json};

/// Help text.
pub const HELP: &str = "avro-playground diff OLD.avsc NEW.avsc

Prints {\"changes\": [{\"kind\", \"message\", \"old_pointer\", \"new_pointer\", \"backward\", \"forward\"}]}:
each change between the two versions (fields added, removed, renamed, retyped; defaults; union branches;
enum symbols and defaults; fixed sizes; logical types; names, namespaces, aliases, docs), with its effect
in each direction: backward = new consumers read old data, forward = old consumers read new data, each
{\"verdict\": compatible|compatible-with-condition|incompatible, \"reason\"}. Exit 0 either way, 1 for an
invalid schema, 2 for usage errors.";

fn effect(e: &Effect) -> Json {
    json!({ "verdict": e.verdict.as_str(), "reason": e.reason })
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[])?;
    args.only(&[])?;
    let [old, new] = args.positional.as_slice() else {
        return Err(Failure::Usage(
            "give the old and the new schema files".into(),
        ));
    };
    let (old, new) = (read_schema(old)?, read_schema(new)?);
    let changes: Vec<Json> = diff(&old, &new)
        .iter()
        .map(|c| {
            json!({
                "kind": c.kind.id(),
                "message": c.message,
                "old_pointer": c.old_pointer.as_str(),
                "new_pointer": c.new_pointer.as_str(),
                "backward": effect(&c.backward),
                "forward": effect(&c.forward),
            })
        })
        .collect();
    Ok(json!({ "changes": changes }).to_string().into())
}
