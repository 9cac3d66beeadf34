//! Behaviours of Avro JSON reading and writing, one test each.
