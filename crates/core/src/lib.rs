//! The Avro Playground codec core: everything the web app and the command line show is computed here.
//!
//! Data flows one way: schema text → [`schema::Schema`] → [`walker`] → spans → views.
//! No web dependencies; every function returns errors instead of panicking on input.

#![forbid(unsafe_code)]
// Input never reaches a panic: tests may unwrap, the library may not.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod avro_json;
pub mod canonical;
pub mod compat;
pub mod container;
pub mod evolution;
pub mod fit;
pub mod framing;
pub mod input;
pub mod lint;
pub mod output;
#[cfg(feature = "parse-count")]
pub mod parse_count;
pub mod random;
pub mod resolve;
pub mod schema;
pub mod source;
pub mod value;
pub mod walker;
