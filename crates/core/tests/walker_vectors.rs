//! The walker on every case of tests/corpus/encode.json: decoding consumes exactly the bytes, spans cover
//! every byte, and re-encoding the decoded value gives the same bytes (except `decode_only` block layouts).

mod common;

use avro_playground_core::schema::parse_schema;
use avro_playground_core::walker::{decode, encode};
use common::{cases, id, schema_text, unhex, Report};

#[test]
fn every_encode_vector_decodes_and_reencodes_to_the_same_bytes() {
    let mut report = Report::default();
    for case in cases("encode.json") {
        let outcome = (|| {
            let schema =
                parse_schema(&schema_text(&case["schema"])).map_err(|e| format!("schema: {e}"))?;
            let bytes = unhex(case["hex"].as_str().unwrap_or_default());
            let walk = decode(&schema, &bytes);
            if let Some(e) = &walk.error {
                return Err(format!("decode failed: {e}"));
            }
            if walk.trailing() != 0 {
                return Err(format!("{} trailing bytes", walk.trailing()));
            }
            let covered = walk.innermost_by_byte();
            if let Some(b) = covered.iter().position(|s| *s == u32::MAX) {
                return Err(format!("byte {b} is in no span"));
            }
            let value = walk.value.ok_or("no value")?;
            let again = encode(&schema, &value).map_err(|e| format!("encode: {e}"))?;
            if case["decode_only"].as_bool() != Some(true) && again.bytes != bytes {
                return Err(format!(
                    "re-encoded {:02x?}, want {:02x?}",
                    again.bytes, bytes
                ));
            }
            Ok(())
        })();
        report.check(&id(&case), outcome);
    }
    report.finish("encode.json through the walker");
}
