//! Which member of a JSON object holds each field of a record, found as Java's `JsonDecoder` finds it
//! (lang/java/avro/src/main/java/org/apache/avro/io/JsonDecoder.java, `doAction`).
//!
//! Java reads the fields in schema order (`JsonGrammarGenerator.generate`, case RECORD: one
//! `FieldAdjustAction` per field, with the field's name and aliases). For each field it first looks among
//! the members it has set aside, **by the field's name only** (`currentReorderBuffer.savedFields.get(name)`);
//! otherwise it reads on through the object, taking the first member keyed by the field's name or one of its
//! aliases (`name.equals(fn) || fa.aliases.contains(fn)`) and setting every other member aside under its key.
//! So fields may come in any order, and an alias is found only by that reading ahead: a member keyed by an
//! alias that was set aside while an earlier field was looked for is never found. At the end of the record
//! the members set aside and never taken are an error ("Unknown fields: [x]"), while whatever follows the
//! last member read is skipped unseen (RECORD_END advances to the end of the object).

use crate::schema::Record;
use crate::source::Member;

/// What one member of the object is to the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// It holds the field at this index, found where Java finds it.
    Field(usize),
    /// It holds the field at `field` under an alias, but Java set it aside while it looked for the field at
    /// `passed` and then looked for `field` among the members set aside by name only: Java does not find it.
    MisplacedAlias {
        /// The field the alias names.
        field: usize,
        /// The field Java was looking for when it set the member aside.
        passed: usize,
    },
    /// Its key names the field at this index, which an earlier member already holds.
    Repeated(usize),
    /// Its key names no field.
    Unknown {
        /// Whether it comes after the last member Java reads, so that Java skips it instead of reporting it.
        skipped_by_java: bool,
    },
}

/// Finds each field's member in `members` (in text order) as Java does; `aliases` says whether a key may
/// name a field by one of its aliases (not in a default, which Java reads by field name).
///
/// Returns the role of each member, in text order; a field that no member holds is missing.
pub(super) fn find_fields(record: &Record, members: &[Member], aliases: bool) -> Vec<Role> {
    let names = |index: usize, key: &str| {
        record.fields.get(index).is_some_and(|f| {
            f.name == key || (aliases && f.aliases.iter().any(|alias| alias == key))
        })
    };
    let mut roles: Vec<Option<Role>> = vec![None; members.len()];
    let mut held = vec![false; record.fields.len()];
    // The members set aside (Java's `ReorderBuffer.savedFields`): member index, field looked for then.
    let mut set_aside: Vec<(usize, usize)> = Vec::new();
    // The next member Java reads.
    let mut next = 0;
    for (index, field) in record.fields.iter().enumerate() {
        let saved = set_aside.iter().position(|&(m, _)| {
            members
                .get(m)
                .is_some_and(|member| member.key == field.name)
        });
        let found = match saved {
            Some(position) => Some(set_aside.remove(position).0),
            None => {
                let mut found = None;
                while let Some(member) = members.get(next) {
                    let m = next;
                    next += 1;
                    if names(index, &member.key) {
                        found = Some(m);
                        break;
                    }
                    set_aside.push((m, index));
                }
                found
            }
        };
        if let (Some(m), Some(slot)) = (found, held.get_mut(index)) {
            *slot = true;
            if let Some(role) = roles.get_mut(m) {
                *role = Some(Role::Field(index));
            }
        }
    }
    // The members no field took: set aside (Java reports them) or after the last one read (Java skips them).
    roles
        .into_iter()
        .enumerate()
        .map(|(m, role)| {
            if let Some(role) = role {
                return role;
            }
            let key = members.get(m).map_or("", |member| member.key.as_str());
            let Some(field) = (0..record.fields.len()).find(|&i| names(i, key)) else {
                return Role::Unknown {
                    skipped_by_java: m >= next,
                };
            };
            match held.get_mut(field) {
                Some(slot) if !*slot => {
                    *slot = true;
                    let passed = set_aside
                        .iter()
                        .find(|&&(saved, _)| saved == m)
                        .map_or(field, |&(_, passed)| passed);
                    Role::MisplacedAlias { field, passed }
                }
                _ => Role::Repeated(field),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{parse_schema, Kind};
    use crate::source::{parse_json, JsonValue};

    /// The roles of the members of `datum` for the record `schema`, aliases allowed.
    fn roles(schema: &str, datum: &str) -> Vec<Role> {
        let schema = parse_schema(schema).unwrap();
        let Kind::Record(record) = schema.kind(schema.root()) else {
            panic!("not a record")
        };
        let json = parse_json(datum).unwrap();
        let JsonValue::Object(members) = &json.value else {
            panic!("not an object")
        };
        find_fields(record, members, true)
    }

    const AB: &str = r#"{"type": "record", "name": "R", "fields": [
        {"name": "a", "type": "int"}, {"name": "b", "type": "int", "aliases": ["old_b"]}]}"#;

    /// JsonDecoder.doAction (FieldAdjustAction): members read ahead are set aside and found later by name.
    #[test]
    fn fields_in_any_order_are_found_as_java_reorders_them() {
        let r = roles(AB, r#"{"b": 2, "a": 1}"#);
        assert_eq!(r, [Role::Field(1), Role::Field(0)]);
    }

    /// JsonDecoder.doAction: `name.equals(fn) || fa.aliases.contains(fn)` while reading ahead.
    #[test]
    fn an_alias_in_schema_order_names_its_field() {
        let r = roles(AB, r#"{"a": 1, "old_b": 2}"#);
        assert_eq!(r, [Role::Field(0), Role::Field(1)]);
    }

    /// JsonDecoder.doAction: `currentReorderBuffer.savedFields.get(name)` looks up set-aside members by
    /// the field's name only, so an alias set aside while `a` was looked for is never found.
    #[test]
    fn an_alias_before_an_earlier_field_is_not_found_by_java() {
        let r = roles(AB, r#"{"old_b": 2, "a": 1}"#);
        assert_eq!(
            r,
            [
                Role::MisplacedAlias {
                    field: 1,
                    passed: 0
                },
                Role::Field(0)
            ]
        );
    }

    /// JsonDecoder.doAction: RECORD_END reports the members set aside ("Unknown fields"), but skips what
    /// follows the last member read.
    #[test]
    fn unknown_members_are_reported_or_skipped_as_java_does() {
        let r = roles(AB, r#"{"x": 0, "a": 1, "b": 2, "y": 3}"#);
        assert_eq!(
            r,
            [
                Role::Unknown {
                    skipped_by_java: false
                },
                Role::Field(0),
                Role::Field(1),
                Role::Unknown {
                    skipped_by_java: true
                }
            ]
        );
    }

    #[test]
    fn a_second_member_for_a_field_is_repeated_not_unknown() {
        let r = roles(AB, r#"{"a": 1, "a": 2}"#);
        assert_eq!(r, [Role::Field(0), Role::Repeated(0)]);
        let r = roles(AB, r#"{"b": 1, "a": 2, "old_b": 3}"#);
        assert_eq!(r, [Role::Field(1), Role::Field(0), Role::Repeated(1)]);
    }
}
