//! "Which version wrote these bytes?": the message's datum tried with every saved version, each listed as
//! fitting, fitting with bytes left over, or not fitting (at which byte and why); for single-object bytes
//! the version whose fingerprint the header carries is marked, and for Confluent bytes the version given
//! the header's schema id (or GUID) in the version bar. A row's button puts that version in the editor.

use crate::decoding::Decoding;
use crate::history::History;
use crate::html::Markup;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::fit::{registry_id_matches, try_writer, Fit, MAX_TRIAL_BYTES};
use avro_playground_core::framing::{single_object_fingerprint, Framing};

/// What the header says about the writer, in words.
fn header_note(framing: &Framing) -> String {
    match framing {
        Framing::Confluent { schema_id } => format!("Schema id {schema_id} is the registry's: the version given that registry id in the version bar is marked, and each saved version is tried on the datum after the 5-byte header."),
        Framing::ConfluentGuid { guid } => format!("Schema GUID {} is the registry's: the version given that GUID as its registry id in the version bar is marked, and each saved version is tried on the datum after the 17-byte header.", to_hex(guid)),
        Framing::SingleObject { fingerprint } => format!("The header's fingerprint {} is the CRC-64-AVRO of the writer's canonical form: the version that has it is marked.", to_hex(fingerprint)),
        _ => "No header names the writer: each saved version is tried on the bytes.".into(),
    }
}

/// The saved versions tried as the writer of the message, as HTML (empty when there is no datum to try:
/// a container file names its writer in its own header); `registry_ids` are the ids the versions were
/// given, in order.
pub fn writer_fit_html(
    decoding: &Decoding,
    h: &History,
    current: usize,
    registry_ids: &[String],
) -> String {
    let (framing, bytes) = match decoding {
        Decoding::Read { framing, shown, .. } => (framing.clone(), &shown.walk.bytes),
        Decoding::Framing(_, bytes) => match single_object_fingerprint(bytes) {
            Some(fingerprint) => (Framing::SingleObject { fingerprint }, bytes),
            None => return String::new(),
        },
        _ => return String::new(),
    };
    let mut out = Markup::new();
    out.open("div")
        .attr("class", "writer-fit")
        .el("h3", "Which version wrote these bytes?")
        .open("p")
        .attr("class", "muted")
        .text(header_note(&framing))
        .close("p")
        .open("table")
        .attr("id", "writer-fit")
        .attr("class", "fit-table")
        .open("tbody");
    let (mut exact, mut matched) = (0, false);
    let registry: Vec<bool> = (0..h.names.len())
        .map(|i| {
            registry_ids
                .get(i)
                .and_then(|id| registry_id_matches(&framing, id))
                == Some(true)
        })
        .collect();
    let named = registry.contains(&true);
    // The header's id, offered to a fitting version when no version has it yet.
    let header_id = match &framing {
        Framing::Confluent { schema_id } if !named => Some(schema_id.to_string()),
        Framing::ConfluentGuid { guid } if !named => Some(to_hex(guid)),
        _ => None,
    };
    for (i, (name, schema)) in h.names.iter().zip(&h.schemas).enumerate() {
        let registry = registry.get(i) == Some(&true);
        let (class, verdict, why, fingerprint) = match schema.0.as_ref() {
            Err(e) => ("bad", "does not parse", e.to_string(), false),
            Ok(schema) => {
                let trial = try_writer(schema, &framing, bytes);
                let fingerprint = trial.fingerprint_matches == Some(true);
                matched |= fingerprint;
                let (class, verdict, why) = match trial.fit {
                    Fit::Exact => {
                        exact += 1;
                        ("ok", "fits", format!("reads all {} bytes", bytes.len()))
                    }
                    Fit::Trailing(n) => (
                        "warn",
                        "fits, bytes left",
                        format!(
                            "a whole datum, then {n} byte{} it does not explain (from byte {})",
                            if n == 1 { "" } else { "s" },
                            bytes.len() - n
                        ),
                    ),
                    Fit::Broken(e) => ("bad", "does not fit", e.to_string()),
                    Fit::TooLong(n) => (
                        "bad",
                        "not tried",
                        format!("the datum has {n} bytes; only {MAX_TRIAL_BYTES} are tried"),
                    ),
                };
                (class, verdict, why, fingerprint)
            }
        };
        let (row, mark) = match (fingerprint, registry) {
            (true, _) => (" match", " · fingerprint ✓"),
            (_, true) => (" match", " · registry id ✓"),
            _ => ("", ""),
        };
        out.open("tr")
            .attr("class", format_args!("fit {class}{row}"))
            .attr("data-fit", i)
            .open("th")
            .attr("scope", "row")
            .text(name)
            .close("th")
            .open("td")
            .attr("class", "verdict")
            .text(format_args!("{verdict}{mark}"))
            .close("td")
            .open("td")
            .attr("class", "why")
            .text(&why)
            .close("td")
            .open("td");
        if i == current {
            out.open("span")
                .attr("class", "muted")
                .text("in the editor")
                .close("span");
        } else {
            out.open("button")
                .attr("class", "copy")
                .attr("data-use-version", i)
                .text("use this version")
                .close("button");
        }
        if let (Some(id), "ok") = (&header_id, class) {
            out.text(" ")
                .open("button")
                .attr("class", "copy")
                .attr("data-give-id", format_args!("{i}:{id}"))
                .attr("title", "Give this version the header's registry id")
                .text(format_args!("is id {id}"))
                .close("button");
        }
        out.close("td").close("tr");
    }
    out.close("tbody").close("table");
    let confluent = matches!(
        framing,
        Framing::Confluent { .. } | Framing::ConfluentGuid { .. }
    );
    let summary = match (&framing, matched || named, exact) {
        (Framing::SingleObject { .. }, false, _) => "No saved version has the header's fingerprint: the writer is not among them.",
        (_, _, 0) => "No saved version reads these bytes exactly.",
        (_, true, _) | (_, _, 1) => "",
        _ if confluent => "Several versions read these bytes exactly: give the writer its registry id in the version bar to mark it.",
        _ => "Several versions read these bytes exactly: the bytes alone cannot tell which one wrote them.",
    };
    if !summary.is_empty() {
        out.open("p")
            .attr("class", "warning")
            .text(summary)
            .close("p");
    }
    out.close("div");
    out.into_string()
}
