//! Lints that compare a schema with the version before it, built on the semantic diff: a field removed that
//! the previous version's readers need, a field renamed without an alias.

use super::{splice, Lint, Rule};
use crate::evolution::{diff, Change, ChangeKind, RenameEvidence};
use crate::schema::Schema;
use crate::source::{parse_json, write_json_string, Json, JsonValue, TextRange};

/// The lints of `current` (parsed from `text`) against `previous`, the version before it, named
/// `previous_name` in the messages.
pub fn cross_version_lints(
    previous: &Schema,
    current: &Schema,
    text: &str,
    previous_name: &str,
) -> Vec<Lint> {
    cross_version_lints_of(&diff(previous, current), text, previous_name)
}

/// [`cross_version_lints`] from the diff of the previous version to the current one, `changes`, when the
/// caller has it already (the web page shows the same diff).
pub fn cross_version_lints_of(changes: &[Change], text: &str, previous_name: &str) -> Vec<Lint> {
    let Ok(json) = parse_json(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for change in changes {
        let (rule, message, fixed_text) = match &change.kind {
            ChangeKind::FieldRemoved {
                field,
                had_default: false,
            } => (
                Rule::RemovedFieldWithoutDefault,
                format!(
                    "`{field}` is removed, but {previous_name} has no default for it, so consumers still reading with \
                     {previous_name} cannot read new data (removing a field is forward compatible only if old \
                     readers have a default for it): add a default to `{field}` in {previous_name} first, or keep \
                     the field"
                ),
                None,
            ),
            ChangeKind::FieldRenamed {
                old,
                new,
                evidence: RenameEvidence::SamePositionAndType | RenameEvidence::OldFieldAlias,
            } => (
                Rule::RenameWithoutAlias,
                format!(
                    "`{old}` of {previous_name} is renamed `{new}` without an alias: fields match by name, so new \
                     consumers do not find `{new}` in data written with {previous_name}; the fix adds \"aliases\": \
                     [\"{old}\"] to `{new}`"
                ),
                change
                    .new_pointer
                    .as_str()
                    .strip_suffix("/name")
                    .and_then(|field| json.at(field))
                    .and_then(|field| add_alias(text, field, old)),
            ),
            _ => continue,
        };
        let range = json
            .at(change.new_pointer.as_str())
            .map_or(json.range, |node| node.range);
        out.push(Lint::at(
            text,
            rule,
            message,
            change.new_pointer.clone(),
            range,
            fixed_text,
        ));
    }
    out
}

/// The text with `alias` added to the aliases of the field object `field`: appended to its `aliases`, or
/// an `aliases` member written after its `name`.
fn add_alias(text: &str, field: &Json, alias: &str) -> Option<String> {
    let mut quoted = String::new();
    write_json_string(&mut quoted, alias);
    let (at, with) = match field.get("aliases").map(|m| &m.value) {
        Some(Json {
            range,
            value: JsonValue::Array(items),
        }) => (
            range.end.checked_sub(1)?,
            if items.is_empty() {
                quoted
            } else {
                format!(", {quoted}")
            },
        ),
        Some(_) => return None,
        None => (
            field.get("name")?.value.range.end,
            format!(", \"aliases\": [{quoted}]"),
        ),
    };
    splice(text, TextRange { start: at, end: at }, &with)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn record(fields: &str) -> String {
        format!(
            r#"{{"type": "record", "name": "Customer", "namespace": "shop", "fields": [{fields}]}}"#
        )
    }

    fn lints(previous: &str, current: &str) -> Vec<Lint> {
        let (p, c) = (
            parse_schema(previous).expect("previous parses"),
            parse_schema(current).expect("current parses"),
        );
        cross_version_lints(&p, &c, current, "v1")
    }

    fn rules(previous: &str, current: &str) -> Vec<Rule> {
        lints(previous, current).iter().map(|l| l.rule).collect()
    }

    const ID: &str = r#"{"name": "id", "type": "string"}"#;

    #[test]
    fn removing_a_field_without_a_default_in_the_previous_version_is_flagged() {
        let previous = record(&format!(r#"{ID}, {{"name": "note", "type": "string"}}"#));
        let found = lints(&previous, &record(ID));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, Rule::RemovedFieldWithoutDefault);
        assert_eq!(found[0].pointer.as_str(), "/fields");
        assert!(found[0].message.contains("`note`"), "{}", found[0].message);
        assert!(
            found[0].message.contains("v1 has no default"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].fixed_text, None, "no automatic fix is safe");
    }

    #[test]
    fn removing_a_field_that_had_a_default_is_not_flagged() {
        let previous = record(&format!(
            r#"{ID}, {{"name": "note", "type": "string", "default": ""}}"#
        ));
        assert_eq!(rules(&previous, &record(ID)), vec![]);
    }

    #[test]
    fn rename_without_an_alias_is_flagged_and_fixed_with_one() {
        let previous = record(&format!(
            r#"{ID}, {{"name": "email_address", "type": "string"}}"#
        ));
        let current = record(&format!(r#"{ID}, {{"name": "email", "type": "string"}}"#));
        let found = lints(&previous, &current);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, Rule::RenameWithoutAlias);
        assert_eq!(found[0].pointer.as_str(), "/fields/1/name");
        let fixed = found[0].fixed_text.clone().expect("a fix");
        assert!(
            fixed.contains(r#"{"name": "email", "aliases": ["email_address"], "type": "string"}"#),
            "{fixed}"
        );
        assert_eq!(rules(&previous, &fixed), vec![]);
    }

    #[test]
    fn the_alias_fix_appends_to_existing_aliases() {
        let previous = record(&format!(
            r#"{ID}, {{"name": "email_address", "type": "string"}}"#
        ));
        let current = record(&format!(
            r#"{ID}, {{"name": "email", "aliases": ["mail"], "type": "string"}}"#
        ));
        let found = lints(&previous, &current);
        let fixed = found[0].fixed_text.clone().expect("a fix");
        assert!(
            fixed.contains(r#""aliases": ["mail", "email_address"]"#),
            "{fixed}"
        );
    }

    #[test]
    fn rename_with_an_alias_is_not_flagged() {
        let previous = record(&format!(
            r#"{ID}, {{"name": "email_address", "type": "string"}}"#
        ));
        let current = record(&format!(
            r#"{ID}, {{"name": "email", "aliases": ["email_address"], "type": "string"}}"#
        ));
        assert_eq!(rules(&previous, &current), vec![]);
    }

    #[test]
    fn an_unchanged_version_draws_no_cross_version_lint() {
        let text = record(ID);
        assert_eq!(rules(&text, &text), vec![]);
    }
}
