//! Every case of tests/corpus/schemas.json: validity, Parsing Canonical Form and the three fingerprints.

mod common;

use avro_playground_core::canonical::{fingerprints, to_hex};
use avro_playground_core::schema::parse_schema;
use common::{cases, id, Report};

#[test]
fn every_schema_case_parses_or_fails_as_the_spec_says() {
    let mut report = Report::default();
    for case in cases("schemas.json") {
        let text = case["schema_text"].as_str().unwrap_or_default();
        let expect_valid = case["expect_valid"].as_bool().unwrap_or(false);
        let outcome = match (parse_schema(text), expect_valid) {
            (Ok(schema), true) => {
                let f = fingerprints(&schema);
                let mut diffs = Vec::new();
                for (key, ours) in [
                    ("canonical", f.canonical.clone()),
                    ("rabin_hex", to_hex(&f.rabin_le)),
                    ("md5_hex", to_hex(&f.md5)),
                    ("sha256_hex", to_hex(&f.sha256)),
                ] {
                    let want = case[key].as_str().unwrap_or_default();
                    if ours != want {
                        diffs.push(format!("{key}: got {ours}, want {want}"));
                    }
                }
                if diffs.is_empty() { Ok(()) } else { Err(diffs.join("; ")) }
            }
            (Ok(_), false) => Err("accepted, but the spec says invalid".to_string()),
            (Err(e), true) => Err(format!("rejected a valid schema: {e}")),
            (Err(e), false) if e.message.is_empty() => Err("error without a message".into()),
            (Err(_), false) => Ok(()),
        };
        report.check(&id(&case), outcome);
    }
    report.finish("schemas.json");
}
