//! "Read as": the decoded datum read with a saved version as the reader schema (specification: Schema
//! Resolution), with every step the core took (promotion, default, skipped field, enum symbol, union
//! branch, alias), or the path and the rule where a consumer with that reader schema would fail.

use crate::decoding::Decoding;
use crate::history::History;
use crate::html::{escape, escape_into};
use avro_playground_core::avro_json::{to_avro_json, to_avro_json_pretty};
use avro_playground_core::resolve::resolve;
use avro_playground_core::schema::Schema;
use avro_playground_core::value::Value;

/// The most steps listed: a container file's records can repeat the same steps thousands of times.
const MAX_STEPS_SHOWN: usize = 100;

/// The picker: "as written", then a button per version by name, the one with id `reader` pressed.
fn picker(out: &mut String, h: &History, ids: &[u32], reader: Option<u32>) {
    let button = |out: &mut String, id: String, pressed: bool, label: &str| {
        out.push_str(&format!(
            "<button class=\"copy{}\" aria-pressed=\"{pressed}\" data-reader=\"{id}\">",
            if pressed { " active" } else { "" }
        ));
        escape_into(out, label);
        out.push_str("</button>");
    };
    out.push_str("Read as");
    button(out, String::new(), reader.is_none(), "as written");
    for (id, name) in ids.iter().zip(&h.names) {
        button(out, id.to_string(), reader == Some(*id), name);
    }
}

/// What a "Read as" section reads: datums of a writer schema.
pub struct Written<'a> {
    /// The schema the datums were written with.
    pub writer: &'a Schema,
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
    h: &History,
    current: usize,
) -> Written<'a> {
    Written {
        writer,
        values: value.into_iter().collect(),
        label: format!(
            "written with {}, the schema in the editor",
            h.names.get(current).map_or("", |s| s)
        ),
        several: false,
    }
}

/// What the decoder read: the datum, or a container file's records with the file's own schema.
pub fn decoded<'a>(decoding: &'a Decoding, h: &History, current: usize) -> Option<Written<'a>> {
    match decoding {
        Decoding::Read { shown, .. } => Some(in_editor(
            &shown.schema,
            shown.walk.value.as_ref(),
            h,
            current,
        )),
        Decoding::Container { shown, values, .. } => Some(Written {
            writer: &shown.schema,
            values: values.iter().collect(),
            label: "written with the file's own schema".into(),
            several: true,
        }),
        _ => None,
    }
}

/// The "Read as" buttons and, when a version is picked, the datum as that reader sees it, as HTML.
/// `ids` are the versions' ids (in `h`'s order).
pub fn read_as_html(written: &Written, h: &History, ids: &[u32], reader: Option<u32>) -> String {
    let Written {
        writer,
        values,
        label: writer_label,
        several,
    } = written;
    let mut out = String::from(
        "<div id=\"read-as\" class=\"read-as\"><h3>Read with another version</h3><div class=\"read-as-bar\">",
    );
    picker(&mut out, h, ids, reader);
    out.push_str(&format!(
        " <span class=\"muted\">{}</span></div>",
        escape(writer_label)
    ));
    if let Some(index) = reader.and_then(|r| ids.iter().position(|id| *id == r)) {
        read_with(&mut out, h, index, writer, values, *several);
    }
    out.push_str("</div>");
    out
}

/// The datums (`values` of `writer`; `several` for a container file's records) read with version `index`
/// as the reader: the reader's datum and the steps, or where and why resolution fails.
fn read_with(
    out: &mut String,
    h: &History,
    index: usize,
    writer: &Schema,
    values: &[&Value],
    several: bool,
) {
    let name = h.names.get(index).map_or("", |s| s);
    let reader = match h.schemas.get(index).map(|s| s.0.as_ref()) {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            out.push_str(&format!(
                "<p id=\"resolution-error\" class=\"error\" role=\"alert\">{} does not parse: {}</p>",
                escape(name),
                escape(&e.to_string())
            ));
            return;
        }
        None => return,
    };
    if values.is_empty() {
        out.push_str("<p class=\"muted\">The bytes hold no whole datum of the writer's schema, so there is nothing to resolve.</p>");
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
                out.push_str(&format!(
                    "<p id=\"resolution-error\" class=\"error\" role=\"alert\">{}<span class=\"where\">{}</span> {} cannot read this datum: {}</p><p class=\"muted\">A consumer with {} as its reader schema fails here (the spec's resolution rules).</p>",
                    record(i),
                    escape(&e.path),
                    escape(name),
                    escape(&e.message),
                    escape(name),
                ));
                return;
            }
        }
    }
    let n = steps.len();
    out.push_str(&format!(
        "<p id=\"resolution-status\" class=\"ok\">Read as {}: {}</p>",
        escape(name),
        match n {
            0 => "nothing to resolve, every field, symbol and branch is the writer's.".to_string(),
            1 => "1 step.".to_string(),
            n => format!("{n} steps."),
        }
    ));
    if n > 0 {
        out.push_str("<ol id=\"resolution-steps\" class=\"steps\">");
        for (i, s) in steps.iter().take(MAX_STEPS_SHOWN) {
            out.push_str(&format!(
                "<li>{}<code class=\"path\">{}</code> {}</li>",
                record(*i),
                escape(&s.path),
                escape(&s.message)
            ));
        }
        out.push_str("</ol>");
        if n > MAX_STEPS_SHOWN {
            out.push_str(&format!(
                "<p class=\"muted\">… and {} more steps.</p>",
                n - MAX_STEPS_SHOWN
            ));
        }
    }
    if several {
        out.push_str("<ol id=\"reader-records\" class=\"records\">");
        for j in &jsons {
            out.push_str("<li><code>");
            escape_into(out, j);
            out.push_str("</code></li>");
        }
        out.push_str("</ol>");
    } else {
        out.push_str("<pre id=\"reader-json\" class=\"json\">");
        escape_into(out, jsons.first().map_or("", |s| s));
        out.push_str("</pre>");
    }
}
