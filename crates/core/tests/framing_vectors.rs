//! The raw, Confluent and single-object cases of tests/corpus/framing.json (OCF cases are checked with
//! the container reader in ocf_vectors.rs).

mod common;

use avro_playground_core::avro_json::to_avro_json;
use avro_playground_core::canonical::to_hex;
use avro_playground_core::framing::{read_framed, FrameChoice, Framing};
use avro_playground_core::schema::parse_schema;
use common::{cases, id, same_json, schema_text, unhex, Report};
use serde_json::Value;

fn check(case: &Value) -> Result<(), String> {
    let schema = parse_schema(&schema_text(&case["schema"])).map_err(|e| format!("schema: {e}"))?;
    let bytes = unhex(case["hex"].as_str().unwrap_or_default());
    let expect = &case["expect"];
    let framed = read_framed(&schema, &bytes, FrameChoice::Auto);
    if expect["error"].as_bool() == Some(true) {
        let message = match &framed {
            Err(e) => e.message.clone(),
            Ok(f) => match &f.walk.error {
                Some(e) => format!("body: {e}"),
                None => return Err("decoded, but an error was expected".into()),
            },
        };
        if let Some(matches) = expect["fingerprint_matches_schema"].as_bool() {
            let ours = framed.as_ref().err().and_then(|e| e.fingerprint_matches);
            if ours != Some(matches) {
                return Err(format!("fingerprint_matches {ours:?}, want {matches}"));
            }
        }
        // `where` names the part that fails; our message must name the same part.
        if let Some(place) = expect["where"].as_str() {
            let key = place.split(" (").next().unwrap_or(place);
            if !message.contains(key) {
                return Err(format!("error `{message}` does not name `{place}`"));
            }
        }
        return Ok(());
    }
    let framed = framed.map_err(|e| format!("framing error: {e}"))?;
    if let Some(e) = &framed.walk.error {
        return Err(format!("body error: {e}"));
    }
    let mut diffs = Vec::new();
    if let Some(want) = expect["framing"].as_str() {
        if framed.framing.name() != want {
            diffs.push(format!("framing {}, want {want}", framed.framing.name()));
        }
    }
    if let Some(want) = expect["schema_id"].as_u64() {
        if framed.framing
            != (Framing::Confluent {
                schema_id: want as u32,
            })
        {
            diffs.push(format!(
                "framing {:?}, want schema id {want}",
                framed.framing
            ));
        }
    }
    if let Some(want) = expect["fingerprint_hex_le"].as_str() {
        match &framed.framing {
            Framing::SingleObject { fingerprint } if to_hex(fingerprint) == want => {}
            other => diffs.push(format!("framing {other:?}, want fingerprint {want}")),
        }
    }
    let trailing = expect["trailing_bytes"].as_u64().unwrap_or(0) as usize;
    if framed.trailing() != trailing {
        diffs.push(format!(
            "{} trailing bytes, want {trailing}",
            framed.trailing()
        ));
    }
    if let Some(want) = expect.get("datum_json") {
        let value = framed.walk.value.as_ref().ok_or("no datum")?;
        let got: Value =
            serde_json::from_str(&to_avro_json(&schema, value)).map_err(|e| e.to_string())?;
        if !same_json(&got, want) {
            diffs.push(format!("datum {got}, want {want}"));
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[test]
fn every_non_container_framing_case() {
    let mut report = Report::default();
    for case in cases("framing.json") {
        if case["expect"]["framing"].as_str() == Some("ocf") {
            continue;
        }
        report.check(&id(&case), check(&case));
    }
    report.finish("framing.json (raw, confluent, single-object)");
}

/// Confluent's magic 01: a 16-byte schema GUID (registry 8.x) instead of the 4-byte id; not in the corpus.
#[test]
fn confluent_guid_framing_is_read_with_its_17_byte_header() {
    let schema = parse_schema(r#""int""#).expect("schema");
    let guid = unhex("0123456789abcdef0011223344556677");
    let mut bytes = vec![0x01];
    bytes.extend(&guid);
    bytes.push(0x0a);
    for choice in [FrameChoice::Confluent, FrameChoice::Auto] {
        let framed = read_framed(&schema, &bytes, choice).expect("read");
        match &framed.framing {
            Framing::ConfluentGuid { guid: got } => assert_eq!(to_hex(got), to_hex(&guid)),
            other => panic!("{choice:?}: read as {other:?}"),
        }
        assert_eq!(framed.framing.name(), "confluent");
        assert_eq!(framed.trailing(), 0);
        let value = framed.walk.value.as_ref().expect("a datum");
        assert_eq!(to_avro_json(&schema, value), "5");
    }
    // The header's spans: the magic byte, then the GUID, then the body.
    let framed = read_framed(&schema, &bytes, FrameChoice::Confluent).expect("read");
    let header: Vec<(u32, u32)> = framed
        .walk
        .spans
        .iter()
        .filter(|s| s.start < 17 && s.end <= 17)
        .map(|s| (s.start, s.end))
        .collect();
    assert!(
        header.contains(&(0, 1)) && header.contains(&(1, 17)),
        "{header:?}"
    );

    // Too short for a GUID: says how many bytes the header needs.
    let err = read_framed(&schema, &bytes[..10], FrameChoice::Confluent).expect_err("short");
    assert!(err.to_string().contains("needs 17 bytes"), "{err}");
    // Neither magic: names the byte found.
    let err = read_framed(&schema, &[0x02, 0, 0, 0, 1, 0x0a], FrameChoice::Confluent)
        .expect_err("bad magic");
    assert!(err.to_string().contains("found 02"), "{err}");
}

#[test]
fn frame_choice_names_read_back_as_the_same_choice() {
    use avro_playground_core::framing::FrameChoice;
    for choice in [
        FrameChoice::Auto,
        FrameChoice::Raw,
        FrameChoice::Confluent,
        FrameChoice::SingleObject,
        FrameChoice::Container,
    ] {
        assert_eq!(choice.name().parse::<FrameChoice>(), Ok(choice));
    }
}
