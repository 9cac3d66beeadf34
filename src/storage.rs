//! Where the saved document lives: local storage, under one key, written by a debounced autosave and at
//! once when the page is hidden or closed.
//!
//! Local storage, not IndexedDB: it is synchronous, so the document is read before the first paint and
//! the last edit is written from `pagehide`. It holds about 5 M characters per origin; the document, the
//! backup and the safe-mode copy are each capped at [`MAX_STORED_CHARS`], so all three fit.
//!
//! Settings that belong to this browser rather than to the work (a theme, remembered registry credentials)
//! are not part of the [`Document`]: when the first of them comes, it gets its own key outside
//! `avro-playground/workspace/`, so that no export or share link, which write the document, can carry it.

use crate::document::Document;
use crate::state::{self, Workspace};
use leptos::prelude::*;
use std::time::Duration;

/// The key of the saved document (format 3 and later). Saved documents live under
/// `avro-playground/workspace/`, the prefix `src/crash.js` puts aside when a saved document crashes the page
/// as it loads.
pub const DOCUMENT_KEY: &str = "avro-playground/workspace/v3";
/// The key the first version saved under (format 2), read when there is no document yet.
pub const FORMAT_2_KEY: &str = "avro-playground/workspace/v2";
/// A copy of a document the page could not read, or replaced: kept, never overwritten by the autosave.
pub const BACKUP_KEY: &str = "avro-playground/backup";
/// The most characters one stored copy may take.
pub const MAX_STORED_CHARS: usize = 1_600_000;
/// How long the autosave waits after the last edit.
const DEBOUNCE: Duration = Duration::from_millis(400);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored text under `key`.
pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Stores `text` under `key`; `false` when storage is full, disabled or refuses it.
pub fn write(key: &str, text: &str) -> bool {
    text.chars().count() <= MAX_STORED_CHARS
        && storage().is_some_and(|s| s.set_item(key, text).is_ok())
}

/// The document to start from, and what the page should say about it.
pub struct Loaded {
    /// The saved document, or the example.
    pub document: Document,
    /// Notes for the user: values replaced by defaults, or a document that could not be read (kept).
    pub notes: Vec<String>,
}

/// The saved document (format 3, else the first version's format 2), or the example. A document that
/// cannot be read is copied to [`BACKUP_KEY`] before anything overwrites it, and the page says so.
pub fn load() -> Loaded {
    let (text, older) = match read(DOCUMENT_KEY) {
        Some(text) => (Some(text), false),
        None => (read(FORMAT_2_KEY), true),
    };
    let Some(text) = text else {
        return Loaded {
            document: state::example(),
            notes: Vec::new(),
        };
    };
    match Document::from_json(&text) {
        Ok(read) => {
            // The first version's document is written in the new format at once, and its key removed.
            if older {
                save(&read.document);
            }
            Loaded {
                document: read.document,
                notes: read
                    .warnings
                    .into_iter()
                    .map(|w| format!("In the saved workspace, {w}."))
                    .collect(),
            }
        }
        Err(why) => {
            let kept = write(BACKUP_KEY, &text);
            Loaded {
                document: state::example(),
                notes: vec![format!(
                    "The saved workspace could not be read ({why}), so the example is shown. {}",
                    if kept {
                        format!("Its text is kept in this browser's local storage under `{BACKUP_KEY}`.")
                    } else {
                        "It could not be copied aside either: it stays where it was until this page saves."
                            .into()
                    }
                )],
            }
        }
    }
}

/// Where the workspace that a shared link or a workspace file replaced is kept, for one click to restore.
pub const REPLACED_KEY: &str = "avro-playground/replaced";

/// Set while the page reloads with another workspace (what was done, for the next load to say); the
/// autosave writes nothing meanwhile, so the new workspace is what the next load reads.
pub const SWITCHED_KEY: &str = "avro-playground/switched";

/// Set once the page is reloading with another workspace: nothing more is saved.
static SWITCHING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Reloads the page with the saved document `json` (already checked to read) as the workspace; the one
/// it replaces is kept under [`REPLACED_KEY`] (unless `keep` is false, as for a restore). `what` is what the
/// next load says; whether it could be done.
pub fn switch_to(ws: Workspace, json: &str, keep: bool, what: &str) -> bool {
    if keep && !write(REPLACED_KEY, &written(ws).json) {
        return false;
    }
    if !write(DOCUMENT_KEY, json) || !write(SWITCHED_KEY, what) {
        return false;
    }
    SWITCHING.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = window().location().reload();
    true
}

/// The workspace's saved document as JSON, as the autosave writes it (a share link packs the same).
pub fn written(ws: Workspace) -> crate::document::Written {
    ws.document().to_json()
}

/// Saves `doc`; the notes say what was left out for its size, or that nothing could be saved.
pub fn save(doc: &Document) -> Vec<String> {
    save_written(doc.to_json())
}

/// Saves a document's JSON; the notes say what was left out for its size, or that nothing could be saved.
fn save_written(written: crate::document::Written) -> Vec<String> {
    let mut notes: Vec<String> = written
        .left_out
        .iter()
        .map(|what| format!("Not kept in the autosave: {what}. Everything else is."))
        .collect();
    if write(DOCUMENT_KEY, &written.json) {
        if let Some(s) = storage() {
            // The first version's copy is migrated once the new one is written.
            let _ = s.remove_item(FORMAT_2_KEY);
        }
    } else {
        notes = vec![format!(
            "Not saved: the workspace is {} K characters, over the autosave's cap of {} K or over what \
             this browser's storage allows. It stays on this page until you close it.",
            written.json.chars().count() / 1000,
            MAX_STORED_CHARS / 1000
        )];
    }
    notes
}

/// Saves the workspace's document a moment after each edit, and at once when the page is hidden; the
/// notes of the last save go to `notes`.
pub fn autosave(ws: Workspace, notes: RwSignal<Vec<String>>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        // After a panic the wasm is in an unknown state, and the edit being processed may be what broke
        // it: nothing more is saved, so the saved document is the last one that was processed whole.
        if crate::crash::happened() || SWITCHING.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let new = save_written(written(ws));
        if notes.with_untracked(|n| *n != new) {
            notes.set(new);
        }
    };
    // The first run only starts tracking: the document was just read (and an older format already
    // rewritten by `load`).
    Effect::new(move |first: Option<()>| {
        ws.track_document();
        if first.is_none() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(save_now, DEBOUNCE).ok());
    });
    let listener = window_event_listener(leptos::ev::pagehide, move |_| {
        if pending.get_value().is_some() {
            save_now();
        }
    });
    on_cleanup(move || listener.remove());
}
