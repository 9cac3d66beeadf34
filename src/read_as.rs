//! "Read as": the decoded datum read with a saved version as the reader schema (specification: Schema
//! Resolution), with every step the core took (promotion, default, skipped field, enum symbol, union
//! branch, alias), or the path and the rule where a consumer with that reader schema would fail. The page
//! offers the versions; the worker resolves ([`read_with_html`]), away from the first load.

use crate::decoding::Decoding;
use crate::history::History;
use crate::html::Markup;
use crate::worker::offloaded::{Answer, Offloaded};
use crate::worker::protocol::{Reply, Request};
use crate::worker::trouble::answered;
use avro_playground_core::avro_json::{to_avro_json, to_avro_json_pretty};
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;
use avro_playground_core::walker::encode;
use std::sync::Arc;

/// The most steps listed: a container file's records can repeat the same steps thousands of times.
const MAX_STEPS_SHOWN: usize = 100;

/// The picker: "as written", then a button per version by name, the one with id `reader` pressed.
fn picker(out: &mut Markup, h: &History, ids: &[u32], reader: Option<u32>) {
    let button = |out: &mut Markup, id: String, pressed: bool, label: &str| {
        out.open("button")
            .attr("class", if pressed { "copy active" } else { "copy" })
            .attr("aria-pressed", pressed)
            .attr("data-reader", id)
            .text(label)
            .close("button");
    };
    out.text("Read as");
    button(out, String::new(), reader.is_none(), "as written");
    for (id, name) in ids.iter().zip(&h.names) {
        button(out, id.to_string(), reader == Some(*id), name);
    }
}

/// What a "Read as" section reads: datums of a writer schema.
pub struct Written<'a> {
    /// The schema the datums were written with.
    pub writer: &'a Schema,
    /// Its text, as the worker parses it again.
    pub writer_text: &'a str,
    /// The datums (one, or a container file's listed records).
    pub values: Vec<&'a Value>,
    /// How the writer is named (`written with v2, the schema in the editor`).
    pub label: String,
    /// Whether these are a container file's records (listed one per line, steps numbered by record).
    pub several: bool,
}

/// The datum (or datums) written with the editor's schema, version `current` of `h`.
pub fn in_editor<'a>(
    writer: &'a Schema,
    value: Option<&'a Value>,
    h: &'a History,
    current: usize,
) -> Written<'a> {
    Written {
        writer,
        writer_text: h.texts.get(current).map_or("", |t| t),
        values: value.into_iter().collect(),
        label: format!(
            "written with {}, the schema in the editor",
            h.names.get(current).map_or("", |s| s)
        ),
        several: false,
    }
}

/// What the decoder read: the datum, or a container file's records with the file's own schema.
pub fn decoded<'a>(decoding: &'a Decoding, h: &'a History, current: usize) -> Option<Written<'a>> {
    match decoding {
        Decoding::Read { shown, .. } => Some(in_editor(
            &shown.schema,
            shown.walk.value.as_ref(),
            h,
            current,
        )),
        Decoding::Container { file, .. } => Some(Written {
            writer: &file.shown.schema,
            writer_text: &file.schema_text,
            values: file.values.iter().collect(),
            label: "written with the file's own schema".into(),
            several: true,
        }),
        _ => None,
    }
}

/// The worker's resolution of a `Request::ReadWith`, asked for when not there yet (HTML).
pub type Resolved<'a> = &'a dyn Fn(Request) -> Answer<Arc<String>>;

/// A panel's last resolution by the worker, and the request it answers.
pub type Resolutions = Offloaded<Request, Arc<String>>;

/// The worker's answer to `request` from `resolutions` (asked for when not there yet).
pub fn resolve_in(resolutions: Resolutions, request: Request) -> Answer<Arc<String>> {
    let take = |_: &Request, reply| match reply {
        Reply::ReadWith(html) => Some(Arc::new(html)),
        _ => None,
    };
    resolutions.get(&request, || request.clone(), take)
}

/// The "Read as" buttons and, when a version is picked, the datum as that reader sees it (the worker's
/// answer through `resolved`), as HTML. `ids` are the versions' ids (in `h`'s order).
pub fn read_as_html(
    written: &Written,
    h: &History,
    ids: &[u32],
    reader: Option<u32>,
    resolved: Resolved,
) -> String {
    let Written {
        writer,
        writer_text,
        values,
        label: writer_label,
        several,
    } = written;
    let mut out = Markup::new();
    out.open("div")
        .attr("id", "read-as")
        .attr("class", "read-as")
        .el("h3", "Read with another version")
        .open("div")
        .attr("class", "read-as-bar");
    picker(&mut out, h, ids, reader);
    out.text(" ")
        .open("span")
        .attr("class", "muted")
        .text(writer_label)
        .close("span")
        .close("div");
    let mut resolution = String::new();
    if let Some(index) = reader.and_then(|r| ids.iter().position(|id| *id == r)) {
        let name = h.names.get(index).map_or("", |s| s);
        match h.schemas.get(index).map(|s| s.0.as_ref()) {
            Some(Ok(_)) => {
                let request = Request::ReadWith {
                    writer: writer_text.to_string(),
                    reader: h.texts.get(index).cloned().unwrap_or_default(),
                    name: name.to_string(),
                    datums: values
                        .iter()
                        .filter_map(|v| Some(encode(writer, v).ok()?.bytes))
                        .collect(),
                    several: *several,
                };
                if let Some(html) = answered(&mut out, resolved(request), "Resolving") {
                    resolution = html.as_ref().clone();
                }
            }
            Some(Err(e)) => {
                error(&mut out);
                out.text(format_args!("{name} does not parse: {e}"))
                    .close("p");
            }
            None => {}
        }
    }
    // The worker's HTML, written with the same escaping builder.
    let mut html = out.into_string();
    html.push_str(&resolution);
    html.push_str("</div>");
    html
}

/// Opens the error paragraph of a resolution.
fn error(out: &mut Markup) {
    out.open("p")
        .attr("id", "resolution-error")
        .attr("class", "error")
        .attr("role", "alert");
}

/// The datums (`values` of `writer`; `several` for a container file's records) read with `reader`, the
/// version named `name`: the reader's datum and the steps, or where and why resolution fails, as HTML. The
/// worker runs it.
pub fn read_with_html(
    writer: &Schema,
    reader: &Schema,
    name: &str,
    values: &[Value],
    several: bool,
) -> String {
    let mut out = Markup::new();
    read_with(&mut out, writer, reader, name, values, several);
    out.into_string()
}

fn read_with(
    out: &mut Markup,
    writer: &Schema,
    reader: &Schema,
    name: &str,
    values: &[Value],
    several: bool,
) {
    if values.is_empty() {
        out.open("p")
            .attr("class", "muted")
            .text("The bytes hold no whole datum of the writer's schema, so there is nothing to resolve.")
            .close("p");
        return;
    }
    let record = |i: usize| {
        if several {
            format!("record {} ", i + 1)
        } else {
            String::new()
        }
    };
    let mut steps = Vec::new();
    let mut jsons = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        match resolve(writer, reader, value) {
            Ok(r) => {
                steps.extend(r.steps.into_iter().map(|s| (i, s)));
                jsons.push(if several {
                    to_avro_json(reader, &r.value)
                } else {
                    to_avro_json_pretty(reader, &r.value)
                });
            }
            Err(e) => {
                error(out);
                out.text(record(i))
                    .open("span")
                    .attr("class", "where")
                    .text(&e.path)
                    .close("span")
                    .text(format_args!(
                        " {name} cannot read this datum: {}",
                        e.message
                    ))
                    .close("p")
                    .open("p")
                    .attr("class", "muted")
                    .text(format_args!(
                        "A consumer with {name} as its reader schema fails here (the spec's resolution rules)."
                    ))
                    .close("p");
                return;
            }
        }
    }
    let n = steps.len();
    out.open("p")
        .attr("id", "resolution-status")
        .attr("class", "ok")
        .text(format_args!("Read as {name}: "));
    match n {
        0 => out.text("nothing to resolve, every field, symbol and branch is the writer's."),
        1 => out.text("1 step."),
        n => out.text(format_args!("{n} steps.")),
    };
    out.close("p");
    if n > 0 {
        out.open("ol")
            .attr("id", "resolution-steps")
            .attr("class", "steps");
        for (i, s) in steps.iter().take(MAX_STEPS_SHOWN) {
            out.open("li")
                .text(record(*i))
                .open("code")
                .attr("class", "path")
                .text(&s.path)
                .close("code")
                .text(" ")
                .text(&s.message)
                .close("li");
        }
        out.close("ol");
        if n > MAX_STEPS_SHOWN {
            out.open("p")
                .attr("class", "muted")
                .text(format_args!("… and {} more steps.", n - MAX_STEPS_SHOWN))
                .close("p");
        }
    }
    if several {
        out.open("ol")
            .attr("id", "reader-records")
            .attr("class", "records");
        for j in &jsons {
            out.open("li").el("code", j).close("li");
        }
        out.close("ol");
    } else {
        out.open("pre")
            .attr("id", "reader-json")
            .attr("class", "json")
            .text(jsons.first().map_or("", |s| s))
            .close("pre");
    }
}
