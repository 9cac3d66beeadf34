//! One test per schema rule: the error names the right line:column and JSON pointer, not just "invalid".

use avro_playground_core::schema::parse_schema;

/// Parses `text`, expecting an error at `line:column` with `pointer`, whose message contains `words`.
fn rejects(text: &str, line: usize, column: usize, pointer: &str, words: &str) {
    let err = match parse_schema(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e,
    };
    assert_eq!(
        (err.position.line, err.position.column, err.pointer.as_str()),
        (line, column, pointer),
        "wrong place for: {err}"
    );
    assert!(
        err.message.contains(words),
        "message `{}` lacks `{words}`",
        err.message
    );
}

#[test]
fn json_syntax_error_names_line_and_column() {
    rejects("{\n  \"type\": \"int\",\n}", 2, 16, "/", "Trailing comma");
}

#[test]
fn empty_text_is_an_error() {
    rejects("  ", 1, 1, "/", "empty");
}

#[test]
fn undefined_name_points_at_the_reference() {
    rejects(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n {\"name\":\"a\",\"type\":\"Missing\"}]}",
        2,
        21,
        "/fields/0/type",
        "`Missing`",
    );
}

#[test]
fn duplicate_field_points_at_the_second_name() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}"#,
        1,
        73,
        "/fields/1/name",
        "already has a field named `a`",
    );
}

#[test]
fn invalid_name_points_at_the_name() {
    rejects(
        r#"{"type":"record","name":"1R","fields":[]}"#,
        1,
        25,
        "/name",
        "must start with a letter",
    );
}

#[test]
fn empty_namespace_component_is_rejected() {
    rejects(
        r#"{"type":"record","name":"R","namespace":"a.b.","fields":[]}"#,
        1,
        41,
        "/namespace",
        "empty component",
    );
}

#[test]
fn field_name_with_a_dot_is_rejected() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a.b","type":"int"}]}"#,
        1,
        47,
        "/fields/0/name",
        "no dots",
    );
}

#[test]
fn primitive_name_cannot_name_a_record_even_in_a_namespace() {
    rejects(
        r#"{"type":"record","name":"int","namespace":"x","fields":[]}"#,
        1,
        25,
        "/name",
        "primitive type name",
    );
}

#[test]
fn name_defined_twice_points_at_the_second_definition() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"R","size":1}}]}"#,
        1,
        81,
        "/fields/0/type/name",
        "already defined",
    );
}

#[test]
fn duplicate_enum_symbol_points_at_the_repeat() {
    rejects(
        r#"{"type":"enum","name":"E","symbols":["A","B","A"]}"#,
        1,
        46,
        "/symbols/2",
        "appears twice",
    );
}

#[test]
fn enum_default_must_be_a_symbol() {
    rejects(
        r#"{"type":"enum","name":"E","symbols":["A"],"default":"Z"}"#,
        1,
        53,
        "/default",
        "one of the symbols",
    );
}

#[test]
fn fixed_size_must_be_a_non_negative_integer() {
    rejects(
        r#"{"type":"fixed","name":"F","size":4.5}"#,
        1,
        35,
        "/size",
        "non-negative integer",
    );
}

#[test]
fn fixed_needs_a_size() {
    rejects(
        r#"{"type":"fixed","name":"F"}"#,
        1,
        1,
        "/",
        "needs \"size\"",
    );
}

#[test]
fn record_needs_fields() {
    rejects(
        r#"{"type":"record","name":"R"}"#,
        1,
        1,
        "/",
        "needs \"fields\"",
    );
}

#[test]
fn array_needs_items_and_map_needs_values() {
    rejects(r#"{"type":"array"}"#, 1, 1, "/", "needs \"items\"");
    rejects(r#"{"type":"map"}"#, 1, 1, "/", "needs \"values\"");
}

#[test]
fn union_may_not_repeat_a_type() {
    rejects(
        r#"["null","int","int"]"#,
        1,
        15,
        "/2",
        "already has the type `int` at branch 1",
    );
}

#[test]
fn union_may_not_hold_two_arrays() {
    rejects(
        r#"[{"type":"array","items":"int"},{"type":"array","items":"string"}]"#,
        1,
        33,
        "/1",
        "`array`",
    );
}

#[test]
fn union_may_not_directly_contain_a_union() {
    rejects(r#"["null",["int","long"]]"#, 1, 9, "/1", "another union");
}

#[test]
fn logical_annotation_does_not_make_a_new_union_branch() {
    rejects(
        r#"["string",{"type":"string","logicalType":"uuid"}]"#,
        1,
        11,
        "/1",
        "`string`",
    );
}

#[test]
fn unknown_type_name_in_object_form() {
    rejects(r#"{"type":"foo"}"#, 1, 9, "/type", "unknown type `foo`");
}

#[test]
fn json_null_is_not_a_schema() {
    rejects("null", 1, 1, "/", "found null");
}

#[test]
fn order_must_be_known() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]}"#,
        1,
        72,
        "/fields/0/order",
        "ascending, descending or ignore",
    );
}

#[test]
fn default_that_does_not_match_names_the_field_and_value() {
    rejects(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n  {\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}",
        2,
        38,
        "/fields/0/default",
        "field `a` of R",
    );
}

#[test]
fn int_default_out_of_range_is_rejected() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2147483648}]}"#,
        1,
        74,
        "/fields/0/default",
        "32-bit",
    );
}

#[test]
fn wrapped_union_default_explains_the_rule() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":{"int":1}}]}"#,
        1,
        83,
        "/fields/0/default",
        "unwrapped",
    );
}

#[test]
fn record_default_missing_a_field_names_it() {
    rejects(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"P","fields":[{"name":"q","type":"int"}]},"default":{}}]}"#,
        1,
        134,
        "/fields/0/default",
        "lacks field `q`",
    );
}

#[test]
fn duplicate_json_key_is_rejected() {
    rejects(
        r#"{"type":"int","type":"long"}"#,
        1,
        15,
        "/type",
        "appears twice",
    );
}

#[test]
fn union_default_may_match_any_branch_since_1_12() {
    let s = parse_schema(
        r#"{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":5}]}"#,
    )
    .expect("valid under 1.12");
    let avro_playground_core::schema::Kind::Record(r) = s.kind(s.root()) else {
        panic!("not a record")
    };
    assert_eq!(
        r.fields[0].default_branch,
        Some(1),
        "the default matched the int branch"
    );
}

#[test]
fn invalid_logical_type_falls_back_to_the_base_type_with_a_reason() {
    let s = parse_schema(
        r#"{"type":"fixed","name":"D","size":2,"logicalType":"decimal","precision":10}"#,
    )
    .unwrap();
    let node = s.node(s.root());
    assert!(node.logical.is_none());
    let ignored = node.ignored_logical.as_ref().expect("the reason is kept");
    assert!(
        ignored.reason.contains("at most 4 digits"),
        "{}",
        ignored.reason
    );
}

#[test]
fn short_name_resolves_in_the_enclosing_namespace_then_the_null_namespace() {
    let s = parse_schema(
        r#"{"type":"record","name":"R","namespace":"n","fields":[
            {"name":"a","type":{"type":"fixed","name":"F","size":1}},
            {"name":"b","type":"F"},
            {"name":"c","type":"n.F"}]}"#,
    )
    .unwrap();
    assert!(s.named("n.F").is_some());
}
