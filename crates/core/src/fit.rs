//! Which schema wrote a message's bytes: the datum after the framing header decoded with a candidate
//! schema, and how the bytes fit it (every byte read; a whole datum with bytes left over; or a break at a
//! byte, with the decoder's reason). A single-object header names its writer outright by fingerprint
//! (specification: Single-object encoding), so each candidate's CRC-64-AVRO is compared with it.

use crate::canonical::{canonical_form, rabin};
use crate::framing::Framing;
use crate::schema::{Kind, Schema};
use crate::walker::{decode, DecodeError};

/// The longest datum tried against a candidate: each candidate costs a whole decode, and the page tries
/// every version on each edit. (The decoder's own limits bound nesting and zero-size items.)
pub const MAX_TRIAL_BYTES: usize = 256 * 1024;

/// How a message's datum bytes fit one candidate schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The datum ends exactly at the last byte.
    Exact,
    /// A whole datum, followed by this many bytes the candidate does not explain.
    Trailing(usize),
    /// The bytes break off; the error's offset counts from the message's first byte.
    Broken(DecodeError),
    /// Not tried: the datum has this many bytes, more than [`MAX_TRIAL_BYTES`].
    TooLong(usize),
}

/// One candidate tried on a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trial {
    /// How the bytes fit.
    pub fit: Fit,
    /// For single-object bytes: whether the header's fingerprint is the candidate's CRC-64-AVRO.
    pub fingerprint_matches: Option<bool>,
}

/// Tries `schema` as the writer of `bytes`, a whole message framed as `framing`: the header is skipped and
/// the datum after it decoded.
pub fn try_writer(schema: &Schema, framing: &Framing, bytes: &[u8]) -> Trial {
    let fingerprint_matches = match framing {
        Framing::SingleObject { fingerprint } => {
            Some(rabin(canonical_form(schema).as_bytes()).to_le_bytes() == *fingerprint)
        }
        _ => None,
    };
    let header = framing.header_len();
    let datum = bytes.get(header..).unwrap_or_default();
    let bare_bytes = matches!(
        framing,
        Framing::Confluent { .. } | Framing::ConfluentGuid { .. }
    ) && matches!(schema.kind(schema.root()), Kind::Bytes);
    let fit = if bare_bytes {
        // Confluent writes a top-level `bytes` schema raw: any datum is its value.
        Fit::Exact
    } else if datum.len() > MAX_TRIAL_BYTES {
        Fit::TooLong(datum.len())
    } else {
        let walk = decode(schema, datum);
        match walk.error {
            Some(mut e) => {
                e.offset += header;
                Fit::Broken(e)
            }
            None if walk.trailing() > 0 => Fit::Trailing(walk.trailing()),
            None => Fit::Exact,
        }
    };
    Trial {
        fit,
        fingerprint_matches,
    }
}

/// Whether `registry_id`, the id a user gave a saved version, is the writer's id that a Confluent header
/// names: a whole number for a schema id (magic 0), or 32 hex digits, dashes and case aside, for a schema
/// GUID (magic 1). `None` when the header names no registry id or no id was given.
pub fn registry_id_matches(framing: &Framing, registry_id: &str) -> Option<bool> {
    let given = registry_id.trim();
    if given.is_empty() {
        return None;
    }
    match framing {
        Framing::Confluent { schema_id } => Some(given.parse::<u32>() == Ok(*schema_id)),
        Framing::ConfluentGuid { guid } => {
            let digits: String = given
                .chars()
                .filter(|c| *c != '-')
                .map(|c| c.to_ascii_lowercase())
                .collect();
            Some(digits == crate::canonical::to_hex(guid))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn schema(text: &str) -> Schema {
        parse_schema(text).unwrap()
    }

    const V1: &str = r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"}]}"#;
    const V2: &str = r#"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#;

    #[test]
    fn bytes_of_exactly_one_datum_fit() {
        let t = try_writer(&schema(V1), &Framing::Raw, &[0x04]);
        assert_eq!(t.fit, Fit::Exact);
        assert_eq!(t.fingerprint_matches, None);
    }

    #[test]
    fn a_schema_reading_fewer_bytes_leaves_them_trailing() {
        // id 2, name "hi": v1 reads only the id.
        let t = try_writer(&schema(V1), &Framing::Raw, &[0x04, 0x04, b'h', b'i']);
        assert_eq!(t.fit, Fit::Trailing(3));
    }

    #[test]
    fn a_schema_needing_more_bytes_breaks_off_at_the_end() {
        let Fit::Broken(e) = try_writer(&schema(V2), &Framing::Raw, &[0x04]).fit else {
            panic!("v2 needs the name");
        };
        assert_eq!((e.offset, e.path.as_str()), (1, "/name"));
    }

    #[test]
    fn break_offsets_count_from_the_message_start_past_the_header() {
        let framing = Framing::Confluent { schema_id: 7 };
        let Fit::Broken(e) = try_writer(&schema(V2), &framing, &[0, 0, 0, 0, 7, 0x04]).fit else {
            panic!("v2 needs the name");
        };
        assert_eq!(e.offset, 6);
    }

    #[test]
    fn a_single_object_fingerprint_names_its_writer() {
        let (v1, v2) = (schema(V1), schema(V2));
        let fingerprint = rabin(canonical_form(&v1).as_bytes()).to_le_bytes();
        let mut bytes = vec![0xC3, 0x01];
        bytes.extend_from_slice(&fingerprint);
        bytes.push(0x04);
        let framing = Framing::SingleObject { fingerprint };
        let t1 = try_writer(&v1, &framing, &bytes);
        assert_eq!((t1.fit, t1.fingerprint_matches), (Fit::Exact, Some(true)));
        assert_eq!(
            try_writer(&v2, &framing, &bytes).fingerprint_matches,
            Some(false)
        );
    }

    #[test]
    fn confluent_bytes_schema_takes_the_whole_datum_raw() {
        let framing = Framing::Confluent { schema_id: 1 };
        let t = try_writer(
            &schema(r#""bytes""#),
            &framing,
            &[0, 0, 0, 0, 1, 0xFF, 0xFE],
        );
        assert_eq!(t.fit, Fit::Exact);
    }

    #[test]
    fn a_registry_id_names_the_version_a_confluent_header_points_at() {
        let framing = Framing::Confluent { schema_id: 7 };
        assert_eq!(registry_id_matches(&framing, " 7 "), Some(true));
        assert_eq!(registry_id_matches(&framing, "8"), Some(false));
        assert_eq!(registry_id_matches(&framing, "seven"), Some(false));
        assert_eq!(registry_id_matches(&framing, ""), None);
    }

    #[test]
    fn a_registry_guid_matches_with_or_without_dashes_in_any_case() {
        let guid = [
            0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
            0xcd, 0xef,
        ];
        let framing = Framing::ConfluentGuid { guid };
        assert_eq!(
            registry_id_matches(&framing, "12345678-9ABC-DEF0-0123-456789abcdef"),
            Some(true)
        );
        assert_eq!(
            registry_id_matches(&framing, "123456789abcdef00123456789abcdef"),
            Some(true)
        );
        assert_eq!(registry_id_matches(&framing, "7"), Some(false));
    }

    #[test]
    fn headers_without_a_registry_id_match_no_version() {
        assert_eq!(registry_id_matches(&Framing::Raw, "7"), None);
        let framing = Framing::SingleObject {
            fingerprint: [0; 8],
        };
        assert_eq!(registry_id_matches(&framing, "7"), None);
    }

    #[test]
    fn datums_over_the_trial_limit_are_not_tried() {
        let bytes = vec![0u8; MAX_TRIAL_BYTES + 1];
        let t = try_writer(&schema(r#""int""#), &Framing::Raw, &bytes);
        assert_eq!(t.fit, Fit::TooLong(MAX_TRIAL_BYTES + 1));
    }
}
