//! Field defaults and enum defaults in the explain pass. A field's `default` fills a field the writer does
//! not have; an enum's `default` (specification 1.9+) stands in for a symbol the reader does not have. They
//! are easily mistaken for each other.

use crate::compat::matching::missing_symbols;
use crate::compat::NoteKind;
use crate::schema::{Enum, Field, Kind, Schema};

/// A reader field the writer lacks, with no field default but an enum type that has an enum default: Java
/// reports TYPE_MISMATCH ENUM vs RECORD, which hides that the enum default does not fill missing fields.
pub(super) fn enum_default_for_missing_field(reader: &Schema, field: &Field) -> Option<String> {
    if field.default.is_some() {
        return None;
    }
    let Kind::Enum(e) = reader.kind(field.schema) else {
        return None;
    };
    let symbol = e.default.as_ref()?;
    Some(format!(
        "field `{}` is not in the writer's record and has no \"default\"; the enum {}'s own default `{symbol}` \
         only stands in for unknown symbols, it does not fill a missing field (Java's TYPE_MISMATCH ENUM vs \
         RECORD here comes from checking the enum against the whole writer record). Give the field \
         \"default\": \"{symbol}\"",
        field.name, e.name
    ))
}

/// Writer symbols the reader's enum lacks: read as the enum default (compatible for Java, values change), or,
/// with no enum default, an error that a field default does not prevent.
pub(super) fn enum_symbols(
    reader: &Enum,
    writer: &Enum,
    field: Option<&Field>,
) -> Option<(NoteKind, String)> {
    let missing = missing_symbols(reader, writer);
    if missing.is_empty() {
        return None;
    }
    let missing = missing.into_iter().collect::<Vec<_>>().join(", ");
    match (&reader.default, field.and_then(|f| f.default.as_ref())) {
        (Some(symbol), _) => Some((
            NoteKind::EnumDefaultSubstitution,
            format!(
                "the writer's symbols [{missing}] are not in the reader's enum {}: Java calls this compatible \
                 because the enum default `{symbol}` stands in, so every such value is read as `{symbol}`",
                reader.name
            ),
        )),
        (None, Some(field_default)) => Some((
            NoteKind::EnumDefaultConfusion,
            format!(
                "the field's \"default\": {} does not stand in for the writer's symbols [{missing}], which the \
                 reader's enum {} lacks: reading one fails. Only the enum's own \"default\" (a symbol, on the enum \
                 type) does that",
                field_default,
                reader.name
            ),
        )),
        (None, None) => None,
    }
}

/// A field both sides have, whose default changed: data from writers that never had the field reads
/// differently with the new default than with the old.
pub(super) fn changed(reader_field: &Field, writer_field: &Field) -> Option<String> {
    let (Some(new), Some(old)) = (&reader_field.default, &writer_field.default) else {
        return None;
    };
    if new.same_value(old) {
        return None;
    }
    Some(format!(
        "the default of `{}` changes from {} (writer) to {} (reader): both schemas have the field, so this pair \
         never uses it, but records from versions without the field now read as {} where readers with the \
         writer's schema saw {}",
        reader_field.name,
        old,
        new,
        new,
        old
    ))
}
