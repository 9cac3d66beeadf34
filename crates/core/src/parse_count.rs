//! A test hook (feature `parse-count`): how many schemas and JSON texts the core has parsed, so that a
//! caller's tests can assert that an edit is parsed once. Counts are per thread (the web app has one).

use std::cell::Cell;
use std::thread::LocalKey;

thread_local! {
    /// Schema models built ([`crate::schema::parse_schema_json`], which [`crate::schema::parse_schema`] calls).
    pub static SCHEMAS: Cell<usize> = const { Cell::new(0) };
    /// JSON texts parsed ([`crate::source::parse_json`]): schemas, datums, and any other JSON.
    pub static JSON_TEXTS: Cell<usize> = const { Cell::new(0) };
}

/// Adds one to `counter`.
pub fn count(counter: &'static LocalKey<Cell<usize>>) {
    counter.with(|c| c.set(c.get() + 1));
}

/// The number of schema models built so far on this thread.
pub fn schemas() -> usize {
    SCHEMAS.with(Cell::get)
}

/// The number of JSON texts parsed so far on this thread.
pub fn json_texts() -> usize {
    JSON_TEXTS.with(Cell::get)
}
