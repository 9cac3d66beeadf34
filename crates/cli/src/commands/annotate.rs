//! `annotate`: the span tree of a datum's bytes as JSON, from an Avro JSON datum or from bytes.

use crate::args::{read_bytes, read_schema, Args, Failure, Output};
use crate::datum::{datum_reading_help, Reading, Source, PLAIN_JSON};
use crate::payload::{read_framed_payload, PAYLOAD_FLAGS};
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::{write_framed, FrameOut};
use avro_playground_core::schema::Schema;
use avro_playground_core::walker::explain::explain;
use avro_playground_core::walker::{Part, Walk, NO_PARENT};
use serde_json::{json, Value as Json};

/// Help text.
pub const HELP: &str = concat!(
    "avro-playground annotate --schema S.avsc (--datum D.json [--plain-json] | --input FILE)
    [--input-format …] [--frame …]

Prints {\"bytes_hex\", \"spans\": [...]}: every byte range of the encoding as a tree. Each span has its
part (value, length, content, branch-index, block-count, block-size, block-end, map-key, magic,
schema-ref, fingerprint, trailing), label, datum path, schema path and type, start/end offsets, hex,
value, logical interpretation, breakdown lines and children.

With --datum: ",
    datum_reading_help!()
);

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Value => "value",
        Part::Length => "length",
        Part::Content => "content",
        Part::BranchIndex => "branch-index",
        Part::BlockCount => "block-count",
        Part::BlockSize => "block-size",
        Part::BlockEnd => "block-end",
        Part::MapKey => "map-key",
        Part::Magic => "magic",
        Part::SchemaRef => "schema-ref",
        Part::Fingerprint => "fingerprint",
        Part::Trailing => "trailing",
        Part::Header => "header",
        Part::Metadata => "metadata",
        Part::Block => "block",
        Part::ObjectCount => "object-count",
        Part::DataSize => "data-size",
        Part::Compressed => "compressed",
        Part::Checksum => "checksum",
        Part::Sync => "sync",
    }
}

fn tree(schema: &Schema, walk: &Walk, children: &[Vec<u32>], id: u32) -> Json {
    let Some(info) = explain(schema, walk, id) else {
        return Json::Null;
    };
    let part = walk
        .spans
        .get(id as usize)
        .map(|s| s.part)
        .unwrap_or(Part::Value);
    let bytes = walk
        .bytes
        .get(info.start as usize..info.end as usize)
        .unwrap_or_default();
    let kids: Vec<Json> = children
        .get(id as usize)
        .map(|c| c.iter().map(|k| tree(schema, walk, children, *k)).collect())
        .unwrap_or_default();
    json!({
        "part": part_name(part),
        "label": info.label,
        "path": info.path,
        "schema_path": info.schema_path,
        "type": info.type_name,
        "start": info.start,
        "end": info.end,
        "hex": to_hex(bytes),
        "value": info.value,
        "interpreted": info.interpreted,
        "breakdown": info.breakdown,
        "children": kids,
    })
}

/// Runs the command.
pub fn run(raw: &[String]) -> Result<Output, Failure> {
    let args = Args::parse(raw, &[PLAIN_JSON])?;
    let mut known = vec!["schema", "datum", PLAIN_JSON];
    known.extend(PAYLOAD_FLAGS);
    args.only(&known)?;
    let schema = read_schema(args.required("schema")?)?;
    let (walk, notes) = match (args.value("datum"), args.value("input")) {
        (Some(path), None) => {
            let text = String::from_utf8(read_bytes(Some(path))?)
                .map_err(|e| Failure::Invalid(format!("{path}: not UTF-8 text ({e})")))?;
            let source = Source {
                name: path,
                line: None,
            };
            let (value, conversions) = Reading::of(&args)
                .read(&schema, &text)
                .map_err(|e| source.failure(&e))?;
            let walk = write_framed(&schema, &value, FrameOut::Raw)
                .map_err(|e| Failure::Invalid(format!("{path}: {e}")))?;
            (walk, source.notes(&conversions))
        }
        (None, Some(_)) if args.switch(PLAIN_JSON) => {
            return Err(Failure::Usage(
                "--plain-json goes with --datum: it says how a JSON datum is read".into(),
            ))
        }
        (None, Some(_)) => {
            let (framed, notes) = read_framed_payload(&args, &schema)?;
            (framed.walk, notes)
        }
        _ => {
            return Err(Failure::Usage(
                "give exactly one of --datum and --input".into(),
            ))
        }
    };
    let children = walk.children();
    let mut roots: Vec<u32> = (0..walk.spans.len() as u32)
        .filter(|i| {
            walk.spans
                .get(*i as usize)
                .is_some_and(|s| s.parent == NO_PARENT)
        })
        .collect();
    roots.sort_by_key(|i| walk.spans.get(*i as usize).map(|s| s.start).unwrap_or(0));
    let spans: Vec<Json> = roots
        .iter()
        .map(|r| tree(&schema, &walk, &children, *r))
        .collect();
    let out = json!({ "bytes_hex": to_hex(&walk.bytes), "spans": spans });
    Ok(Output {
        stdout: out.to_string(),
        notes,
        failed: false,
    })
}
