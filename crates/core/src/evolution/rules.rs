//! The rule behind each kind of change in each direction (specification: Schema Resolution): whether the
//! change makes reading fail, and the rule in words. The checker decides the verdict; these words explain it.

use super::Promotion;
use crate::schema::{Kind, Schema, SchemaId};

/// What the spec says one change does to reading in one direction.
#[derive(Clone, Debug, Default)]
pub(super) struct Rule {
    /// Whether the change, by its rule, makes reading fail.
    pub(super) breaks: bool,
    /// The rule when reading fails.
    pub(super) fails: String,
    /// The rule when reading works.
    pub(super) reads: String,
    /// Whether reading works only by filling in or reinterpreting values.
    pub(super) condition: bool,
}

/// The rules of one change: backward (the new schema reads) and forward (the old schema reads).
#[derive(Clone, Debug, Default)]
pub(super) struct Rules {
    pub(super) backward: Rule,
    pub(super) forward: Rule,
}

const IGNORED_FIELD: &str = "Schema Resolution: a writer field the reader lacks is ignored";
const MISSING_FIELD: &str =
    "Schema Resolution: a reader field the writer lacks takes the reader's default";
const PROMOTIONS: &str =
    "Schema Resolution: int is promoted to long, float or double; long to float or \
                          double; float to double; string and bytes to each other";

impl Rule {
    fn reads(text: String) -> Rule {
        Rule {
            reads: text,
            ..Rule::default()
        }
    }

    fn conditional(text: String) -> Rule {
        Rule {
            reads: text,
            condition: true,
            ..Rule::default()
        }
    }

    fn fails(text: String) -> Rule {
        Rule {
            breaks: true,
            fails: text,
            ..Rule::default()
        }
    }

    /// Fails when `breaks`, else reads (on a condition when `condition`).
    fn either(breaks: bool, fails: String, reads: String, condition: bool) -> Rule {
        Rule {
            breaks,
            fails,
            reads,
            condition,
        }
    }
}

fn both(rule: Rule) -> Rules {
    Rules {
        backward: rule.clone(),
        forward: rule,
    }
}

/// A field only the new record has.
pub(super) fn field_added(field: &str, default: Option<&str>) -> Rules {
    Rules {
        backward: match default {
            Some(d) => Rule::conditional(format!(
                "new consumers fill `{field}` with its default {d} when reading old data ({MISSING_FIELD})"
            )),
            None => Rule::fails(format!(
                "a reader field without a default that the writer lacks: new consumers find no `{field}` in old data"
            )),
        },
        forward: Rule::reads(format!("old consumers skip `{field}` ({IGNORED_FIELD})")),
    }
}

/// A field only the old record has (`default`: the old field's).
pub(super) fn field_removed(field: &str, default: Option<&str>) -> Rules {
    Rules {
        backward: Rule::reads(format!(
            "new consumers skip `{field}` in old data ({IGNORED_FIELD})"
        )),
        forward: match default {
            Some(d) => Rule::conditional(format!(
                "old consumers fill `{field}` with their default {d} when reading new data ({MISSING_FIELD})"
            )),
            None => Rule::fails(format!(
                "a reader field without a default that the writer lacks: old consumers find no `{field}` in new data"
            )),
        },
    }
}

/// One side of a rename: the reader field `reader` (with its alias of the writer's name, its default)
/// reading the writer field `writer`.
pub(super) struct RenameSide<'a> {
    pub(super) reader: &'a str,
    pub(super) writer: &'a str,
    pub(super) alias: bool,
    pub(super) default: Option<&'a str>,
}

/// A field under a new name: backward reads with the new field, forward with the old.
pub(super) fn field_renamed(backward: RenameSide<'_>, forward: RenameSide<'_>) -> Rules {
    let side = |s: RenameSide<'_>, who: &str| {
        let RenameSide {
            reader,
            writer,
            alias,
            default,
        } = s;
        if alias {
            return Rule::reads(format!(
                "{who} find `{reader}` under its alias `{writer}` (Schema Resolution: a reader field's aliases match \
                 writer field names)"
            ));
        }
        Rule::either(
            default.is_none(),
            format!(
                "a reader field without a default that the writer lacks: {who} look for `{reader}`, the data has \
                 only `{writer}`, and an alias helps only the reader that declares it"
            ),
            format!(
                "{who} do not find `{reader}` (the data has `{writer}`, no alias links them) and fill it with the \
                 default {}: the written values are lost",
                default.unwrap_or("")
            ),
            true,
        )
    };
    Rules {
        backward: side(backward, "new consumers"),
        forward: side(forward, "old consumers"),
    }
}

/// Which way a promotion leads between the old and the new type.
pub(super) fn promotion(old: &Kind, new: &Kind) -> Promotion {
    match (new.promotes_from(old), old.promotes_from(new)) {
        (true, true) => Promotion::BothWays,
        (true, false) => Promotion::Widening,
        (false, true) => Promotion::Narrowing,
        (false, false) => Promotion::None,
    }
}

/// What a promotion of `writer` values to `reader` may lose, if anything.
fn promotion_condition(reader: &Kind, writer: &Kind) -> Option<&'static str> {
    match (reader, writer) {
        (Kind::Float, Kind::Int) => Some("ints beyond 2^24 are rounded to the nearest float"),
        (Kind::Float, Kind::Long) => Some("longs beyond 2^24 are rounded to the nearest float"),
        (Kind::Double, Kind::Long) => Some("longs beyond 2^53 are rounded to the nearest double"),
        (Kind::String, Kind::Bytes) => {
            Some("the bytes are read as UTF-8 text and must be valid UTF-8")
        }
        _ => None,
    }
}

/// Whether `reader`'s type reads `writer`'s at the top level (names, sizes, promotions, union branches),
/// without looking inside records, arrays and maps.
pub(super) fn readable(reader: &Schema, r: SchemaId, writer: &Schema, w: SchemaId) -> bool {
    let (rk, wk) = (reader.kind(r), writer.kind(w));
    if let Kind::Union(wbs) = wk {
        return wbs.iter().all(|wb| readable(reader, r, writer, *wb));
    }
    if let Kind::Union(rbs) = rk {
        return rbs.iter().any(|rb| readable(reader, *rb, writer, w));
    }
    if rk.type_name() != wk.type_name() {
        return rk.promotes_from(wk);
    }
    if let (Kind::Fixed(rf), Kind::Fixed(wf)) = (rk, wk) {
        if rf.size != wf.size {
            return false;
        }
    }
    match (rk.name(), wk.name()) {
        (Some(rn), Some(wn)) => {
            let writer_full = wn.full();
            rn.name == wn.name || rk.aliases().iter().any(|a| a.full() == writer_full)
        }
        _ => true,
    }
}

/// One type replaced by another.
pub(super) fn type_changed(old: &Schema, o: SchemaId, new: &Schema, n: SchemaId) -> Rules {
    let (od, nd) = (old.describe(o), new.describe(n));
    let (ok, nk) = (old.kind(o), new.kind(n));
    let side = |reads: bool, reader: &Kind, writer: &Kind, who: &str, rd: &str, wd: &str| {
        if !reads {
            return Rule::fails(format!(
                "{who} cannot read {wd} values as {rd}: the types differ and no promotion leads from one to the \
                 other (Schema Resolution)"
            ));
        }
        if reader.type_name() == writer.type_name() {
            return Rule::reads(format!(
                "{who} read {wd} values as {rd} (Schema Resolution)"
            ));
        }
        if let Kind::Union(_) = reader {
            return Rule::reads(format!(
                "{who} read {wd} values with a branch of {rd} (Schema Resolution: a reader union reads with the \
                 first branch that matches)"
            ));
        }
        match promotion_condition(reader, writer) {
            Some(loss) => Rule::conditional(format!(
                "{who} read {wd} values promoted to {rd}, but {loss} ({PROMOTIONS})"
            )),
            None => Rule::reads(format!(
                "{who} read {wd} values promoted to {rd} ({PROMOTIONS})"
            )),
        }
    };
    Rules {
        backward: side(readable(new, n, old, o), nk, ok, "new consumers", &nd, &od),
        forward: side(readable(old, o, new, n), ok, nk, "old consumers", &od, &nd),
    }
}

/// A type that became branch `branch` of a union; `others` are the union's branches the old type cannot
/// read.
pub(super) fn type_to_union(old_type: &str, branch: usize, others: &[String]) -> Rules {
    Rules {
        backward: into_union(NEW_READ_OLD, old_type, branch),
        forward: out_of_union(OLD_READ_NEW, old_type, others),
    }
}

/// A union that became its branch `branch`; `others` are the union's branches the new type cannot read.
pub(super) fn union_to_type(new_type: &str, branch: usize, others: &[String]) -> Rules {
    Rules {
        backward: out_of_union(NEW_READ_OLD, new_type, others),
        forward: into_union(OLD_READ_NEW, new_type, branch),
    }
}

/// Who reads whose values in one direction: the consumers, and the age of the data they read.
type Direction = (&'static str, &'static str);
const NEW_READ_OLD: Direction = ("new consumers", "old");
const OLD_READ_NEW: Direction = ("old consumers", "new");

/// Values of `single` written, read with a union's branch `branch`: always readable.
fn into_union((consumers, age): Direction, single: &str, branch: usize) -> Rule {
    Rule::reads(format!(
        "{consumers} read {age} {single} values with the union's branch {branch} (Schema Resolution: a \
         reader union reads with the first branch that matches)"
    ))
}

/// A union's values written, read as `single`: breaks when `others`, the branches `single` cannot read,
/// are written.
fn out_of_union((consumers, age): Direction, single: &str, others: &[String]) -> Rule {
    Rule::either(
        !others.is_empty(),
        format!(
            "{consumers} read only {single} and cannot read {age} values of the union's other branches \
             [{}] (Schema Resolution: every branch of a writer union must be readable)",
            others.join(", ")
        ),
        format!("{consumers} read every branch of the {age} union as {single}"),
        false,
    )
}

/// A field default added, removed or changed; `after` says what it changes for later versions.
pub(super) fn field_default(field: &str, after: &str) -> Rules {
    both(Rule::reads(format!(
        "both versions have `{field}`, so no default is read between them (Schema Resolution: a default fills \
         only a field the writer lacks); {after}"
    )))
}

/// A branch only the new union has; `old_reads`: a branch of the old union reads it.
pub(super) fn branch_added(branch: &str, old_reads: bool) -> Rules {
    Rules {
        backward: Rule::reads(format!("old data never holds the new branch `{branch}`")),
        forward: Rule::either(
            !old_reads,
            format!(
                "old consumers' union has no branch that reads `{branch}` values (Schema Resolution: every branch \
                 of a writer union must be readable)"
            ),
            format!("old consumers read `{branch}` values with another branch of their union (a promotion)"),
            false,
        ),
    }
}

/// A branch only the old union has; `new_reads`: a branch of the new union reads it.
pub(super) fn branch_removed(branch: &str, new_reads: bool) -> Rules {
    Rules {
        backward: Rule::either(
            !new_reads,
            format!(
                "new consumers' union has no branch that reads old `{branch}` values (Schema Resolution: every \
                 branch of a writer union must be readable)"
            ),
            format!("new consumers read old `{branch}` values with another branch of their union (a promotion)"),
            false,
        ),
        forward: Rule::reads(format!("new data never holds the removed branch `{branch}`")),
    }
}

/// Union branches in another order.
pub(super) fn branches_reordered() -> Rules {
    both(Rule::reads(
        "union branches are matched by type and name, not by position (Schema Resolution: if both are unions, \
         the writer's branch is read with the first reader branch that matches); only a field default must still \
         match a branch, before Avro 1.12 the first"
            .into(),
    ))
}

/// A symbol only the new enum has; `old_default`: the old enum's default.
pub(super) fn symbol_added(symbol: &str, old_default: Option<&str>) -> Rules {
    Rules {
        backward: Rule::reads("new consumers know every old symbol".into()),
        forward: match old_default {
            Some(d) => Rule::conditional(format!(
                "old consumers read `{symbol}` as their enum default `{d}` (Schema Resolution: a writer symbol the \
                 reader lacks reads as the reader's enum default)"
            )),
            None => Rule::fails(format!(
                "old consumers' enum lacks `{symbol}` and has no enum default (Schema Resolution: a writer symbol \
                 the reader lacks is an error unless the reader's enum has a default)"
            )),
        },
    }
}

/// A symbol only the old enum has; `new_default`: the new enum's default.
pub(super) fn symbol_removed(symbol: &str, new_default: Option<&str>) -> Rules {
    Rules {
        backward: match new_default {
            Some(d) => Rule::conditional(format!(
                "new consumers read old `{symbol}` values as their enum default `{d}` (Schema Resolution: a writer \
                 symbol the reader lacks reads as the reader's enum default)"
            )),
            None => Rule::fails(format!(
                "new consumers' enum lacks the old symbol `{symbol}` and has no enum default (Schema Resolution: a \
                 writer symbol the reader lacks is an error unless the reader's enum has a default)"
            )),
        },
        forward: Rule::reads(format!("new data never holds `{symbol}`")),
    }
}

/// An enum default added, removed or changed.
pub(super) fn enum_default() -> Rules {
    both(Rule::reads(
        "an enum default is read only for writer symbols the reader lacks (Schema Resolution); see the symbol \
         changes, if any"
            .into(),
    ))
}

/// A fixed size changed.
pub(super) fn fixed_size(old: usize, new: usize) -> Rules {
    both(Rule::fails(format!(
        "fixed types match only with the same size, here {old} and {new} bytes (Schema Resolution: both fixed \
         with the same name and size)"
    )))
}

/// A logical type added or removed on the same base type.
pub(super) fn logical_added_or_removed(what: &str) -> Rules {
    both(Rule::reads(format!(
        "the base type is unchanged and values are read as written; {what} (Logical Types)"
    )))
}

/// A logical type changed on the same base type.
pub(super) fn logical_changed(old: &str, new: &str) -> Rules {
    both(Rule::conditional(format!(
        "Java ignores logical types: the numbers are read as written, not converted between {old} and {new} \
         (Logical Types)"
    )))
}

/// A named type under another simple name: each side reads when its own aliases name the other's full name.
pub(super) fn type_renamed(
    type_name: &str,
    old: &str,
    new: &str,
    new_alias: bool,
    old_alias: bool,
) -> Rules {
    let rule = "Schema Resolution: named types match by unqualified name or a reader alias";
    let side = |alias: bool, who: &str, reader: &str, writer: &str| {
        Rule::either(
            !alias,
            format!(
                "{who}' {type_name} {reader} does not match the written {writer} and has no alias {writer} \
                 ({rule})"
            ),
            format!("{who}' {type_name} {reader} matches the written {writer} by its alias ({rule})"),
            false,
        )
    };
    Rules {
        backward: side(new_alias, "new consumers", new, old),
        forward: side(old_alias, "old consumers", old, new),
    }
}

/// A named type in another namespace.
pub(super) fn namespace_changed(old: &str, new: &str) -> Rules {
    both(Rule::conditional(format!(
        "Java compares unqualified names, so {old} and {new} match; what matches full names (a resolver choosing \
         a union branch, Avro JSON union keys, generated classes) sees two types (Names)"
    )))
}

/// Aliases added or removed.
pub(super) fn aliases() -> Rules {
    both(Rule::reads(
        "aliases serve only the reader that declares them, to match renamed writer names (Aliases)"
            .into(),
    ))
}

/// A doc changed.
pub(super) fn doc() -> Rules {
    both(Rule::reads(
        "doc is not read by resolution (Parsing Canonical Form strips it)".into(),
    ))
}
