//! What the worker computes, away from the first load: pastes read in all their forms, container files
//! read and written with all six codecs, the diff of two versions with its lints, and the scenario
//! gallery's texts, and a schema's fingerprints (MD5 and SHA-256 are not in the first load). (The page never calls this; the worker's `main.rs` and the component tests do.)

use super::protocol::{
    Chosen, ContainerRead, ContainerWritten, DiffAnswer, PasteRead, Reply, Request, ScenarioText,
    LINK_FORMAT, MAX_LINK_DOCUMENT, MAX_RECORDS_SHOWN,
};
use crate::decoding::read_paste_text;
use crate::document::Document;
use crate::read_as::read_with_html;
use avro_playground_core::canonical::{fingerprints, to_hex};
use avro_playground_core::compat::Mode;
use avro_playground_core::container::{walk_container, write_container, Codec, Limits, SYNC_LEN};
use avro_playground_core::evolution::{diff, scenarios};
use avro_playground_core::lint::cross_version_lints_of;
use avro_playground_core::schema::{parse_schema, Schema, SchemaError};
use avro_playground_core::walker::{decode, encode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::cell::RefCell;
use std::sync::Arc;

/// A schema text and its parse.
type Parse = (String, Result<Arc<Schema>, SchemaError>);

thread_local! {
    /// The last schema text parsed and its parse: a paste is read again with the same schema at every
    /// keystroke in the paste box.
    static PARSED: RefCell<Option<Parse>> = const { RefCell::new(None) };
}

/// `text` parsed, from the last parse when it is the same text.
fn parsed(text: &str) -> Result<Arc<Schema>, SchemaError> {
    PARSED.with_borrow_mut(|last| {
        if let Some((t, parse)) = last.as_ref() {
            if t == text {
                return parse.clone();
            }
        }
        let parse = parse_schema(text).map(Arc::new);
        *last = Some((text.to_string(), parse.clone()));
        parse
    })
}

/// Answers one request.
pub fn answer(request: Request) -> Reply {
    match request {
        Request::ReadContainer(bytes) => Reply::ContainerRead(read_container(&bytes)),
        Request::WriteContainer {
            schema,
            codec,
            datum,
            sync,
        } => Reply::ContainerWritten(write_one(&schema, codec, datum, sync)),
        Request::Scenarios => Reply::Scenarios(gallery()),
        Request::ReadPaste {
            schema,
            text,
            format,
            frame,
            chosen,
            key_schema,
        } => Reply::PasteRead(match parsed(&schema) {
            Ok(s) => {
                let keys = key_schema.map(|k| parse_schema(&k).map_err(|e| e.to_string()));
                read_paste_text(&s, &text, format, frame, chosen, keys.as_ref())
            }
            Err(e) => PasteRead {
                messages: Vec::new(),
                current: 0,
                chosen: Chosen::Input(format!("the schema does not parse: {e}")),
            },
        }),
        Request::Diff { old, new, old_name } => Reply::Diffed(diff_versions(&old, &new, &old_name)),
        Request::ReadWith {
            writer,
            reader,
            name,
            datums,
            several,
        } => Reply::ReadWith(read_with(&writer, &reader, &name, &datums, several)),
        Request::PackLink(json) => Reply::Link(Ok(pack_link(&json))),
        Request::UnpackLink(fragment) => Reply::Link(unpack_link(&fragment)),
        Request::CheckDocument(json) => Reply::Link(
            Document::from_json(&json)
                .map(|_| json)
                .map_err(|why| format!("it is not a workspace this page reads: {why}")),
        ),
        Request::Fingerprints(text) => Reply::Fingerprints(
            parsed(&text)
                .map(|s| {
                    let f = fingerprints(&s);
                    [
                        f.canonical,
                        to_hex(&f.rabin_le),
                        to_hex(&f.md5),
                        to_hex(&f.sha256),
                    ]
                })
                .map_err(|e| e.to_string()),
        ),
    }
}

/// Datums of `writer` (binary) read with `reader`, the version `name`, as the page shows it (HTML).
fn read_with(writer: &str, reader: &str, name: &str, datums: &[Vec<u8>], several: bool) -> String {
    let (Ok(w), Ok(r)) = (parse_schema(writer), parse_schema(reader)) else {
        // The page asks only with schemas it has parsed.
        return String::new();
    };
    let values: Vec<_> = datums.iter().filter_map(|d| decode(&w, d).value).collect();
    read_with_html(&w, &r, name, &values, several)
}

/// A saved document's JSON as a link's fragment: [`LINK_FORMAT`], then the JSON compressed (raw deflate,
/// miniz_oxide's best level) in base64url without padding.
fn pack_link(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{LINK_FORMAT}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A link's fragment back to the saved document's JSON, or why it cannot be: not a workspace link, a
/// newer link format, damaged or cut-short data, more than [`MAX_LINK_DOCUMENT`] unpacked, or not text.
fn unpack_link(fragment: &str) -> Result<String, String> {
    let Some(body) = fragment.strip_prefix(LINK_FORMAT) else {
        let newer = fragment
            .split_once('.')
            .and_then(|(f, _)| f.strip_prefix('w'))
            .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 1));
        return Err(if newer {
            "the link was made by a newer version of the page, in a format this one does not know"
                .into()
        } else {
            "the address does not hold a shared workspace".into()
        });
    };
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|e| {
            format!("the link is damaged ({e}); it may have been cut short when it was copied")
        })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_LINK_DOCUMENT)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
                "the link unpacks to more than {} MB, more than any workspace this page writes",
                MAX_LINK_DOCUMENT >> 20
            ),
            _ => "the link is damaged or cut short: its compressed data ends early or is corrupt"
                .into(),
        })?;
    let json = String::from_utf8(json).map_err(|_| "the link's workspace is not UTF-8 text")?;
    // Checked here, so the page takes only a document that reads.
    Document::from_json(&json)
        .map_err(|why| format!("the workspace in it cannot be read: {why}"))?;
    Ok(json)
}

/// The changes from `old` to `new`, and the lints they give `new` (against the version named `old_name`).
fn diff_versions(old: &str, new: &str, old_name: &str) -> Result<DiffAnswer, String> {
    let describe =
        |e: SchemaError| format!("a version does not parse, so there is nothing to compare: {e}");
    let (a, b) = (
        parse_schema(old).map_err(describe)?,
        parse_schema(new).map_err(describe)?,
    );
    let changes = diff(&a, &b);
    Ok(DiffAnswer {
        lints: cross_version_lints_of(&changes, new, old_name)
            .iter()
            .map(Into::into)
            .collect(),
        changes: changes.iter().map(Into::into).collect(),
    })
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Reads an Object Container File with its own writer schema.
fn read_container(bytes: &[u8]) -> ContainerRead {
    let limits = Limits {
        max_records_kept: MAX_RECORDS_SHOWN,
        ..Limits::default()
    };
    let file = walk_container(bytes, &limits);
    let summary = match &file.container {
        Some(c) => format!(
            "Object Container File: codec {}, {}, {}, {}",
            c.header.codec.name(),
            plural(c.blocks.len(), "block"),
            plural(file.record_count, "record"),
            plural(c.header.user_metadata().count(), "user metadata key"),
        ),
        None => "Object Container File (header unreadable)".into(),
    };
    // Each record as the writer's binary encoding: the page decodes it again with the same schema, which
    // gives back exactly the value (Avro JSON would not, for NaN or a float's last digit).
    let records = match &file.writer {
        Some(w) => file
            .records
            .iter()
            .filter_map(|(block, v)| Some((*block as u32, encode(w, v).ok()?.bytes)))
            .collect(),
        None => Vec::new(),
    };
    ContainerRead {
        schema: file
            .writer
            .is_some()
            .then(|| file.container.as_ref().map(|c| c.header.schema.clone()))
            .flatten(),
        summary,
        spans: file.walk.spans,
        walk_error: file.walk.error,
        end: file.walk.end,
        records,
        record_count: file.record_count as u64,
        error: file.error,
    }
}

/// Writes one datum's encoding as a one-record container file, read again so every header, block and
/// sync byte is explained.
fn write_one(
    schema: &str,
    codec: Codec,
    datum: Vec<u8>,
    sync: [u8; SYNC_LEN],
) -> Result<ContainerWritten, String> {
    let file =
        write_container(schema, codec, &[(1, datum)], sync, &[]).map_err(|e| e.to_string())?;
    let read = walk_container(&file, &Limits::default());
    match read.error {
        Some(e) => Err(format!(
            "the written container file does not read back: {e}"
        )),
        None => Ok(ContainerWritten {
            bytes: read.walk.bytes,
            spans: read.walk.spans,
            end: read.walk.end,
        }),
    }
}

/// The scenario gallery as owned texts.
fn gallery() -> Vec<ScenarioText> {
    scenarios()
        .iter()
        .map(|s| ScenarioText {
            id: s.id.into(),
            title: s.title.into(),
            story: s.story.into(),
            versions: s.versions.iter().map(|v| v.to_string()).collect(),
            spec_section: s.spec_section.into(),
            rule: s.rule.into(),
            steps: s.steps.iter().map(|st| (st.backward, st.forward)).collect(),
            modes: Mode::ALL.iter().map(|&m| s.modes.get(m)).collect(),
        })
        .collect()
}
