//! Warnings a reviewer would give on a valid schema: each names the rule, where it applies (JSON pointer
//! and line:column), and, where a change is safe, the fixed schema text. [`lint`] reads one version;
//! [`cross_version_lints`] compares it with the version before it.

mod cross_version;

pub use cross_version::{cross_version_lints, cross_version_lints_of};

use crate::schema::{Kind, Schema};
use crate::source::{
    line_column, parse_json, write_json_string, Json, JsonValue, LineColumn, Member, Pointer,
    TextRange,
};

/// Which rule a lint applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// `logicalType` written on a field object: the spec reads it only inside the type, so it is ignored.
    LogicalTypeOnField,
    /// A `logicalType` that does not apply to its base type or has invalid parameters: the base type is used.
    LogicalTypeIgnored,
    /// A union default that matches a branch other than the first: valid since Avro 1.12 only.
    UnionDefaultNotFirst,
    /// An optional field (`[X, "null"]`) whose `null` is not the first branch.
    OptionalNullNotFirst,
    /// A top-level record without `doc`.
    MissingDoc,
    /// A top-level named type without a namespace.
    MissingNamespace,
    /// A field the previous version has without a default, removed: readers of that version break.
    RemovedFieldWithoutDefault,
    /// A field renamed without the old name among its aliases.
    RenameWithoutAlias,
}

impl Rule {
    /// A short identifier for the rule.
    pub fn id(&self) -> &'static str {
        match self {
            Rule::LogicalTypeOnField => "logical-type-on-field",
            Rule::LogicalTypeIgnored => "logical-type-ignored",
            Rule::UnionDefaultNotFirst => "union-default-not-first",
            Rule::OptionalNullNotFirst => "optional-null-not-first",
            Rule::MissingDoc => "missing-doc",
            Rule::MissingNamespace => "missing-namespace",
            Rule::RemovedFieldWithoutDefault => "removed-field-without-default",
            Rule::RenameWithoutAlias => "rename-without-alias",
        }
    }

    /// The rule in words, with the spec section it comes from.
    pub fn explanation(&self) -> &'static str {
        match self {
            Rule::LogicalTypeOnField => "A logicalType must be an attribute of the type, not of the field (spec: Logical Types). Written on the field it is silently ignored and the value is a plain base type.",
            Rule::LogicalTypeIgnored => "A logical type that does not fit its base type, or has invalid parameters, is ignored and the base type is used (spec: Logical Types).",
            Rule::UnionDefaultNotFirst => "Since Avro 1.12 a union field's default may match any branch; readers before 1.12 (Java, Python, most registries' parsers) require the first branch and reject this schema (spec: Records, AVRO-3649).",
            Rule::OptionalNullNotFirst => "By convention an optional field is [\"null\", T] with default null; with null second, a null default is only valid for Avro 1.12 readers.",
            Rule::MissingDoc => "A doc on the top-level record tells consumers what an event means; registries and catalogs show it.",
            Rule::MissingNamespace => "Without a namespace the full name is the bare name: it collides easily across teams, and generated classes land in the default package.",
            Rule::RemovedFieldWithoutDefault => "Removing a field is forward compatible only if old readers have a default for it: a reader field the writer lacks takes the reader's default, and without one reading fails (spec: Schema Resolution, records). Add a default to the field in the previous version first and let its consumers upgrade, or keep the field.",
            Rule::RenameWithoutAlias => "Fields are matched by name, and a reader field's aliases match writer field names (spec: Schema Resolution, Aliases). Without the old name among the new field's aliases, new consumers do not find the field in old data: reading fails, or the default replaces the written values. Old consumers still need a default (or the new name among their aliases) to read new data.",
        }
    }
}

/// One warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// The rule.
    pub rule: Rule,
    /// What is wrong here, in words.
    pub message: String,
    /// JSON pointer to where it applies.
    pub pointer: Pointer,
    /// Its byte range in the schema text.
    pub range: TextRange,
    /// Its line and column.
    pub position: LineColumn,
    /// The schema text with the safe fix applied, when one is safe.
    pub fixed_text: Option<String>,
}

impl Lint {
    /// A lint at `range` of `text`, its line and column found there.
    fn at(
        text: &str,
        rule: Rule,
        message: String,
        pointer: Pointer,
        range: TextRange,
        fixed_text: Option<String>,
    ) -> Lint {
        Lint {
            rule,
            message,
            position: line_column(text, range.start),
            pointer,
            range,
            fixed_text,
        }
    }
}

/// The lints for a schema that parsed from `text`.
pub fn lint(schema: &Schema, text: &str) -> Vec<Lint> {
    let mut out = Vec::new();
    let Ok(json) = parse_json(text) else {
        return out;
    };
    let at = |rule, message, pointer, range, fixed_text| {
        Lint::at(text, rule, message, pointer, range, fixed_text)
    };
    fields_with_logical_type(&json, &Pointer::root(), &mut |pointer, field, member| {
        // A fix is offered only when the fixed text is a schema: a `logicalType` that is not a string, moved
        // into the type, would make it invalid (found by the schema_text fuzzer). Only a schema with this
        // mistake pays the extra parse.
        let fixed = move_logical_into_type(text, field)
            .filter(|fixed| crate::schema::parse_schema(fixed).is_ok());
        out.push(at(
            Rule::LogicalTypeOnField,
            format!(
                "\"logicalType\": {} is on the field, so it is ignored: the field is a plain {}",
                member.value,
                field
                    .get("type")
                    .map(|t| t.value.to_string())
                    .unwrap_or_default()
            ),
            pointer.push("logicalType"),
            member.key_range,
            fixed,
        ));
    });
    for i in 0..schema.len() as u32 {
        let node = schema.node(crate::schema::SchemaId(i));
        if let Some(ignored) = &node.ignored_logical {
            out.push(at(
                Rule::LogicalTypeIgnored,
                format!(
                    "logicalType `{}` is ignored: {}",
                    ignored.name, ignored.reason
                ),
                node.pointer.push("logicalType"),
                node.range,
                None,
            ));
        }
        let Kind::Record(record) = &node.kind else {
            continue;
        };
        for field in &record.fields {
            let Kind::Union(branches) = schema.kind(field.schema) else {
                continue;
            };
            if let (Some(b), Some(default)) =
                (field.default_branch.filter(|b| *b > 0), &field.default)
            {
                out.push(at(
                    Rule::UnionDefaultNotFirst,
                    format!(
                        "the default {} of `{}` matches branch {b} ({}), not the first ({}): only Avro 1.12 readers accept it",
                        default,
                        field.name,
                        schema.branch_name(branches[b]),
                        schema.branch_name(branches[0])
                    ),
                    field.pointer.push("default"),
                    default.range,
                    None,
                ));
            }
            let null_at = branches
                .iter()
                .position(|b| matches!(schema.kind(*b), Kind::Null));
            if branches.len() == 2 && null_at == Some(1) {
                // Swapping is safe with no default or a null one; another default must stay first.
                let kept = field
                    .default
                    .as_ref()
                    .filter(|d| !matches!(d.value, JsonValue::Null));
                let (message, fix) = match kept {
                    None => (
                        format!("`{}` is optional but its null is the second branch", field.name),
                        swap_union(text, &json, &field.pointer.push("type")),
                    ),
                    Some(d) => (
                        format!(
                            "`{}` is optional but its null is the second branch; no fix offered: its default {d} must stay on the first branch",
                            field.name
                        ),
                        None,
                    ),
                };
                out.push(at(
                    Rule::OptionalNullNotFirst,
                    message,
                    field.pointer.push("type"),
                    schema.node(field.schema).range,
                    fix,
                ));
            }
        }
    }
    let root = schema.node(schema.root());
    if let Kind::Record(r) = &root.kind {
        if r.doc.is_none() {
            out.push(at(
                Rule::MissingDoc,
                format!("record {} has no doc", r.name),
                Pointer::root(),
                root.range,
                None,
            ));
        }
    }
    if let Some(name) = root.kind.name().filter(|n| n.namespace.is_none()) {
        out.push(at(
            Rule::MissingNamespace,
            format!("{} {} has no namespace", root.kind.type_name(), name),
            Pointer::root(),
            root.range,
            None,
        ));
    }
    out
}

/// Calls `found` for every record field object that carries its own `logicalType`.
fn fields_with_logical_type(
    json: &Json,
    pointer: &Pointer,
    found: &mut dyn FnMut(Pointer, &Json, &Member),
) {
    match &json.value {
        JsonValue::Object(members) => {
            for m in members {
                let at = pointer.push(&m.key);
                if m.key == "fields" {
                    if let JsonValue::Array(fields) = &m.value.value {
                        for (i, f) in fields.iter().enumerate() {
                            if let Some(logical) = f.get("logicalType") {
                                found(at.push(i), f, logical);
                            }
                            fields_with_logical_type(f, &at.push(i), found);
                        }
                    }
                } else {
                    fields_with_logical_type(&m.value, &at, found);
                }
            }
        }
        JsonValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                fields_with_logical_type(item, &pointer.push(i), found);
            }
        }
        _ => {}
    }
}

/// The logical type attributes a field may carry by mistake.
const LOGICAL_KEYS: [&str; 3] = ["logicalType", "precision", "scale"];

/// The text with a field's `logicalType` (and decimal parameters) moved into its primitive type. Only for a
/// type written as a primitive name, where the move is all the fix needs.
fn move_logical_into_type(text: &str, field: &Json) -> Option<String> {
    let JsonValue::Object(members) = &field.value else {
        return None;
    };
    let base = field.get("type")?.value.as_str()?;
    let member = |out: &mut String, m: &Member| {
        write_json_string(out, &m.key);
        out.push(':');
        out.push_str(&m.value.to_string());
    };
    let mut type_object = String::from("{\"type\":");
    write_json_string(&mut type_object, base);
    for m in members
        .iter()
        .filter(|m| LOGICAL_KEYS.contains(&m.key.as_str()))
    {
        type_object.push(',');
        member(&mut type_object, m);
    }
    type_object.push('}');
    let mut out = String::from("{");
    for m in members
        .iter()
        .filter(|m| !LOGICAL_KEYS.contains(&m.key.as_str()))
    {
        if out.len() > 1 {
            out.push(',');
        }
        if m.key == "type" {
            out.push_str("\"type\":");
            out.push_str(&type_object);
        } else {
            member(&mut out, m);
        }
    }
    out.push('}');
    splice(text, field.range, &out)
}

/// The text with the two branches of the union at `pointer` swapped (null first).
fn swap_union(text: &str, json: &Json, pointer: &Pointer) -> Option<String> {
    let union = json.at(pointer.as_str())?;
    let JsonValue::Array(branches) = &union.value else {
        return None;
    };
    let [a, b] = branches.as_slice() else {
        return None;
    };
    let first = text.get(a.range.start..a.range.end)?;
    let second = text.get(b.range.start..b.range.end)?;
    let between = text.get(a.range.end..b.range.start)?;
    let swapped = format!("{second}{between}{first}");
    splice(
        text,
        TextRange {
            start: a.range.start,
            end: b.range.end,
        },
        &swapped,
    )
}

fn splice(text: &str, range: TextRange, with: &str) -> Option<String> {
    Some(format!(
        "{}{with}{}",
        text.get(..range.start)?,
        text.get(range.end..)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::parse_schema;

    fn lints(text: &str) -> Vec<Lint> {
        lint(&parse_schema(text).expect("valid"), text)
    }

    fn rules(text: &str) -> Vec<Rule> {
        lints(text).iter().map(|l| l.rule).collect()
    }

    const OK: &str = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"o","type":["null","string"],"default":null}]}"#;

    #[test]
    fn a_logical_type_that_is_not_a_string_gets_no_fix_that_would_break_the_schema() {
        let text = r#"{"type":"record","name":"R","fields":[{"name":"b","type":"boolean","logicalType":["x"]}]}"#;
        let lints = lint(&parse_schema(text).expect("valid"), text);
        let on_field = lints
            .iter()
            .find(|l| l.rule == Rule::LogicalTypeOnField)
            .expect("still linted");
        assert_eq!(on_field.fixed_text, None);
    }

    #[test]
    fn a_clean_schema_has_no_lints() {
        assert_eq!(rules(OK), vec![]);
    }

    #[test]
    fn logical_type_on_the_field_is_flagged_and_fixed() {
        let text = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"ts","type":"long","logicalType":"timestamp-millis"}]}"#;
        let found = lints(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::LogicalTypeOnField);
        assert_eq!(found[0].pointer.as_str(), "/fields/0/logicalType");
        let fixed = found[0].fixed_text.clone().expect("a fix");
        let s = parse_schema(&fixed).expect("the fix parses");
        let Kind::Record(r) = s.kind(s.root()) else {
            panic!("record")
        };
        assert_eq!(
            s.node(r.fields[0].schema).logical,
            Some(crate::schema::LogicalType::TimestampMillis)
        );
        assert_eq!(rules(&fixed), vec![]);
    }

    #[test]
    fn ignored_logical_type_is_flagged() {
        let text = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"d","type":{"type":"string","logicalType":"date"}}]}"#;
        assert_eq!(rules(text), vec![Rule::LogicalTypeIgnored]);
    }

    #[test]
    fn logical_type_with_invalid_parameters_is_flagged_with_the_reason() {
        let record = |ty: &str| {
            format!(
                r#"{{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{{"name":"x","type":{ty}}}]}}"#
            )
        };
        for (ty, reason) in [
            (
                r#"{"type":"bytes","logicalType":"decimal","precision":4,"scale":6}"#,
                "scale 6 exceeds precision 4",
            ),
            (
                r#"{"type":"bytes","logicalType":"decimal","scale":2}"#,
                "needs a precision",
            ),
            (
                r#"{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":9}"#,
                "does not fit fixed(2)",
            ),
            (
                r#"{"type":"fixed","name":"F","size":8,"logicalType":"duration"}"#,
                "fixed size 12, found 8",
            ),
        ] {
            let found = lints(&record(ty));
            assert_eq!(
                found.iter().map(|l| l.rule).collect::<Vec<_>>(),
                vec![Rule::LogicalTypeIgnored],
                "{ty}"
            );
            assert!(
                found[0].message.contains(reason),
                "{ty}: {}",
                found[0].message
            );
        }
        for ty in [
            r#"{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}"#,
            r#"{"type":"fixed","name":"F","size":2,"logicalType":"decimal","precision":4}"#,
            r#"{"type":"fixed","name":"F","size":12,"logicalType":"duration"}"#,
        ] {
            assert_eq!(rules(&record(ty)), vec![], "{ty} is valid");
        }
    }

    #[test]
    fn union_default_on_a_later_branch_is_flagged() {
        let text = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"a","type":["null","int"],"default":5}]}"#;
        assert_eq!(rules(text), vec![Rule::UnionDefaultNotFirst]);
    }

    #[test]
    fn optional_with_null_second_is_flagged_and_swapped() {
        let text = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"a","type":["string", "null"]}]}"#;
        let found = lints(text);
        assert_eq!(
            found.iter().map(|l| l.rule).collect::<Vec<_>>(),
            vec![Rule::OptionalNullNotFirst]
        );
        let fixed = found[0].fixed_text.clone().expect("a fix");
        assert!(fixed.contains(r#"["null", "string"]"#), "{fixed}");
    }

    #[test]
    fn null_second_with_a_null_default_is_swapped_but_another_default_is_kept() {
        let null_default = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"a","type":["string", "null"],"default":null}]}"#;
        let found = lints(null_default);
        let swap = found
            .iter()
            .find(|l| l.rule == Rule::OptionalNullNotFirst)
            .and_then(|l| l.fixed_text.clone())
            .expect("a fix");
        assert!(
            swap.contains(r#"["null", "string"],"default":null"#),
            "{swap}"
        );
        assert_eq!(rules(&swap), vec![], "the fixed text has no lint left");

        let string_default = r#"{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"a","type":["string", "null"],"default":"x"}]}"#;
        let found = lints(string_default);
        let lint = found
            .iter()
            .find(|l| l.rule == Rule::OptionalNullNotFirst)
            .expect("still flagged");
        assert_eq!(
            lint.fixed_text, None,
            "swapping would invalidate the default \"x\""
        );
        assert!(lint.message.contains("no fix offered"), "{}", lint.message);
    }

    #[test]
    fn top_level_record_without_doc_or_namespace() {
        let text = r#"{"type":"record","name":"R","fields":[]}"#;
        assert_eq!(rules(text), vec![Rule::MissingDoc, Rule::MissingNamespace]);
        let with_dotted_name = r#"{"type":"record","name":"a.R","doc":"d","fields":[]}"#;
        assert_eq!(rules(with_dotted_name), vec![]);
    }

    #[test]
    fn positions_name_the_line() {
        let text = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"doc\":\"d\",\"fields\":[\n{\"name\":\"a\",\"type\":\"int\",\"logicalType\":\"date\"}]}";
        assert_eq!(lints(text)[0].position.line, 2);
    }
}
