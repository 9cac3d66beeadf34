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
            if let Some(b) = (0..bytes.len()).find(|b| walk.innermost_at(*b).is_none()) {
                return Err(format!("byte {b} is in no span"));
            }
            // The innermost span found by search is the deepest of all spans holding the byte.
            for b in 0..bytes.len() {
                let found = walk.innermost_at(b).map(|i| walk.ancestry(i).len());
                let deepest = (0..walk.spans.len() as u32)
                    .filter(|i| {
                        walk.spans[*i as usize].start as usize <= b
                            && b < walk.spans[*i as usize].end as usize
                    })
                    .map(|i| walk.ancestry(i).len())
                    .max();
                if found != deepest {
                    return Err(format!(
                        "byte {b}: innermost depth {found:?}, deepest {deepest:?}"
                    ));
                }
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
