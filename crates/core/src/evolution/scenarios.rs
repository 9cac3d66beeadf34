//! The gallery of guided schema-evolution scenarios: each a short story, the schema versions it walks
//! through, the rule of the specification it teaches, and the verdicts it states (asserted against the
//! checker and the Confluent modes by the tests).

use crate::compat::Mode;
use crate::schema::{parse_schema, Schema, SchemaError};

/// One guided scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// A stable identifier in snake case.
    pub id: &'static str,
    /// The title shown in the gallery.
    pub title: &'static str,
    /// What happens, for a learner, in two to four sentences.
    pub story: &'static str,
    /// The schema versions as JSON texts, oldest first.
    pub versions: &'static [&'static str],
    /// The section of the specification the rule comes from.
    pub spec_section: &'static str,
    /// The rule the scenario teaches.
    pub rule: &'static str,
    /// The expected verdicts of each adjacent pair of versions, oldest pair first.
    pub steps: &'static [Step],
    /// The expected verdict of each Confluent mode when registering the last version after the others.
    pub modes: ModeVerdicts,
}

/// The verdicts of one step from a version to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Whether the newer version reads data written with the older (new consumers read old data).
    pub backward: bool,
    /// Whether the older version reads data written with the newer (old consumers read new data).
    pub forward: bool,
}

/// Whether the last version registers under each Confluent compatibility level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModeVerdicts {
    /// `BACKWARD`: the last version reads the one before it.
    pub backward: bool,
    /// `BACKWARD_TRANSITIVE`: the last version reads every earlier one.
    pub backward_transitive: bool,
    /// `FORWARD`: the version before reads the last.
    pub forward: bool,
    /// `FORWARD_TRANSITIVE`: every earlier version reads the last.
    pub forward_transitive: bool,
    /// `FULL`: backward and forward against the version before.
    pub full: bool,
    /// `FULL_TRANSITIVE`: backward and forward against every earlier version.
    pub full_transitive: bool,
    /// `NONE`: no check, always registers.
    pub none: bool,
}

impl ModeVerdicts {
    /// The expected verdict under `mode`.
    pub fn get(&self, mode: Mode) -> bool {
        match mode {
            Mode::Backward => self.backward,
            Mode::BackwardTransitive => self.backward_transitive,
            Mode::Forward => self.forward,
            Mode::ForwardTransitive => self.forward_transitive,
            Mode::Full => self.full,
            Mode::FullTransitive => self.full_transitive,
            Mode::None => self.none,
        }
    }
}

impl Scenario {
    /// The versions, parsed (oldest first).
    pub fn schemas(&self) -> Result<Vec<Schema>, SchemaError> {
        self.versions
            .iter()
            .map(|text| parse_schema(text))
            .collect()
    }
}

/// Every scenario of the gallery, in teaching order.
pub fn scenarios() -> &'static [Scenario] {
    &SCENARIOS
}

const fn step(backward: bool, forward: bool) -> Step {
    Step { backward, forward }
}

/// Verdicts of the modes that check one direction: `backward` and `forward` against the latest version,
/// their transitive forms against all; FULL needs both.
const fn modes(
    backward: bool,
    backward_all: bool,
    forward: bool,
    forward_all: bool,
) -> ModeVerdicts {
    ModeVerdicts {
        backward,
        backward_transitive: backward_all,
        forward,
        forward_transitive: forward_all,
        full: backward && forward,
        full_transitive: backward_all && forward_all,
        none: true,
    }
}

const FULLY_COMPATIBLE: ModeVerdicts = modes(true, true, true, true);
const BACKWARD_ONLY: ModeVerdicts = modes(true, true, false, false);
const FORWARD_ONLY: ModeVerdicts = modes(false, false, true, true);
const NEITHER: ModeVerdicts = modes(false, false, false, false);

const MISSING_FIELD_RULE: &str = "If the reader's record has a field with a default that the writer's record \
     lacks, the reader uses the default; if that field has no default, reading fails. A writer field the \
     reader lacks is ignored.";

const USER_EVENT_V1: &str = r#"{
  "type": "record",
  "name": "UserEvent",
  "namespace": "com.company.events",
  "fields": [
    {"name": "user_id", "type": "string"},
    {"name": "event_type", "type": "string"},
    {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}}
  ]
}"#;

const ORDER_V1: &str = r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.shop",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"}
  ]
}"#;

const CUSTOMER_V1: &str = r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "email_address", "type": "string"}
  ]
}"#;

static SCENARIOS: [Scenario; 22] = [
    Scenario {
        id: "seed_session_id",
        title: "UserEvent gains an optional session_id",
        story: "The product team wants to group a user's events into sessions, so version 2 of UserEvent adds \
                session_id: a union of null and string with the default null. New consumers reading events \
                written before the change fill in null. Old consumers reading new events skip the field they do \
                not know, so every Confluent mode accepts the change.",
        versions: &[
            USER_EVENT_V1,
            r#"{
  "type": "record",
  "name": "UserEvent",
  "namespace": "com.company.events",
  "fields": [
    {"name": "user_id", "type": "string"},
    {"name": "event_type", "type": "string"},
    {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "session_id", "type": ["null", "string"], "default": null}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records)",
        rule: MISSING_FIELD_RULE,
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "add_field_with_default",
        title: "Add a field with a default",
        story: "Orders start to carry a currency, added as a string with the default \"EUR\". Consumers on \
                the new schema read old orders as euro orders, because the default fills the missing field. \
                Consumers on the old schema ignore the new field.",
        versions: &[
            ORDER_V1,
            r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.shop",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "currency", "type": "string", "default": "EUR"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records)",
        rule: MISSING_FIELD_RULE,
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "add_field_without_default",
        title: "Add a field without a default",
        story: "The same currency field is added, but without a default. Old orders have no currency and the \
                new schema gives no value to use instead, so new consumers cannot read them \
                (READER_FIELD_MISSING_DEFAULT_VALUE). Old consumers still read new orders: a writer field the \
                reader lacks is skipped.",
        versions: &[
            ORDER_V1,
            r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.shop",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "currency", "type": "string"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records)",
        rule: MISSING_FIELD_RULE,
        steps: &[step(false, true)],
        modes: FORWARD_ONLY,
    },
    Scenario {
        id: "remove_field_with_default",
        title: "Remove a field that had a default",
        story: "Orders used to carry an optional coupon code with the default null, and version 2 drops it. New \
                consumers skip the coupon in old orders. Old consumers reading new orders miss the field and \
                fill in their default null, so the change is compatible both ways.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.shop",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "coupon", "type": ["null", "string"], "default": null}
  ]
}"#,
            ORDER_V1,
        ],
        spec_section: "Schema Resolution (records)",
        rule: MISSING_FIELD_RULE,
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "remove_field_without_default",
        title: "Remove a field that had no default",
        story: "Orders used to carry a required note, and version 2 drops it. New consumers skip the note in old \
                orders, so BACKWARD passes. Old consumers expect a note in every order and have no default for \
                it, so they cannot read new orders and FORWARD fails.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.shop",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"},
    {"name": "note", "type": "string"}
  ]
}"#,
            ORDER_V1,
        ],
        spec_section: "Schema Resolution (records)",
        rule: MISSING_FIELD_RULE,
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "rename_field_without_alias",
        title: "Rename a field without an alias",
        story: "The field email_address becomes email, in the same place with the same type. Avro matches \
                fields by name, not position, so to each side this is one field removed and another added, \
                neither with a default. Both directions fail.",
        versions: &[
            CUSTOMER_V1,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "email", "type": "string"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records)",
        rule: "Fields are matched by name. A reader field the writer lacks needs a default, whatever its \
               position.",
        steps: &[step(false, false)],
        modes: NEITHER,
    },
    Scenario {
        id: "rename_field_with_alias",
        title: "Rename a field with an alias",
        story: "This time the new field email lists email_address among its aliases. New consumers find the old \
                data's email_address through the alias, so BACKWARD passes. Old consumers have no such alias and \
                find no email_address in new data, so FORWARD still fails: an alias helps only the schema that \
                declares it.",
        versions: &[
            CUSTOMER_V1,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "email", "type": "string", "aliases": ["email_address"]}
  ]
}"#,
        ],
        spec_section: "Aliases",
        rule: "Aliases function by rewriting the writer's schema using aliases from the reader's schema: a reader \
               field's alias matches a writer field of that name.",
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "widen_int_to_long",
        title: "Widen int to long",
        story: "A page view counter outgrows 32 bits and becomes a long. New consumers read old int values \
                promoted to long. Old consumers cannot squeeze a long into an int, so FORWARD fails.",
        versions: &[
            r#"{
  "type": "record",
  "name": "PageStats",
  "namespace": "com.site",
  "fields": [
    {"name": "page", "type": "string"},
    {"name": "views", "type": "int"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "PageStats",
  "namespace": "com.site",
  "fields": [
    {"name": "page", "type": "string"},
    {"name": "views", "type": "long"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (promotions)",
        rule: "The writer's type may be promoted to the reader's: int to long, float or double; long to float or \
               double; float to double; string to bytes and bytes to string.",
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "narrow_long_to_int",
        title: "Narrow long to int",
        story: "Someone decides the counter fits in an int after all. New consumers with an int field cannot read \
                old long values, since no promotion leads from long to int (TYPE_MISMATCH). Old consumers read \
                the new ints promoted to long, so only FORWARD passes.",
        versions: &[
            r#"{
  "type": "record",
  "name": "PageStats",
  "namespace": "com.site",
  "fields": [
    {"name": "page", "type": "string"},
    {"name": "views", "type": "long"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "PageStats",
  "namespace": "com.site",
  "fields": [
    {"name": "page", "type": "string"},
    {"name": "views", "type": "int"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (promotions)",
        rule: "Promotions lead one way only: int to long, float or double; long to float or double; float to \
               double. A long is never read as an int.",
        steps: &[step(false, true)],
        modes: FORWARD_ONLY,
    },
    Scenario {
        id: "enum_add_symbol_without_default",
        title: "Add an enum symbol, no enum default",
        story: "Payments can now be REFUNDED, a new symbol of the PaymentStatus enum. New consumers know every \
                old symbol. Old consumers meet REFUNDED, which their enum lacks, and have no enum default to fall \
                back on, so FORWARD fails (MISSING_ENUM_SYMBOLS).",
        versions: &[
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["PENDING", "PAID"]}}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["PENDING", "PAID", "REFUNDED"]}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (enums)",
        rule: "If the writer's symbol is not in the reader's enum and the reader's enum has a default, the default \
               is used; otherwise reading fails.",
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "enum_add_symbol_with_default",
        title: "Add an enum symbol, with an enum default",
        story: "Here PaymentStatus had an enum default, UNKNOWN, from the start. Old consumers read the new \
                REFUNDED as UNKNOWN, so both directions pass. The data is readable, but old consumers no longer \
                see the real status.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["UNKNOWN", "PENDING", "PAID"], "default": "UNKNOWN"}}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["UNKNOWN", "PENDING", "PAID", "REFUNDED"], "default": "UNKNOWN"}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (enums)",
        rule: "If the writer's symbol is not in the reader's enum and the reader's enum has a default, the default \
               is used; otherwise reading fails.",
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "enum_remove_symbol_without_default",
        title: "Remove an enum symbol, no enum default",
        story: "CANCELLED payments are no longer modelled and the symbol is removed. Old data may still hold \
                CANCELLED, which the new enum lacks and has no default for, so BACKWARD fails. New data never \
                holds it, so old consumers are fine.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["PENDING", "PAID", "CANCELLED"]}}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["PENDING", "PAID"]}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (enums)",
        rule: "If the writer's symbol is not in the reader's enum and the reader's enum has a default, the default \
               is used; otherwise reading fails.",
        steps: &[step(false, true)],
        modes: FORWARD_ONLY,
    },
    Scenario {
        id: "enum_remove_symbol_with_default",
        title: "Remove an enum symbol, with an enum default",
        story: "With UNKNOWN as the enum default, CANCELLED can go. New consumers read old CANCELLED payments as \
                UNKNOWN, so both directions pass. The checker is satisfied, yet those payments lose their status \
                when read with the new schema.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["UNKNOWN", "PENDING", "PAID", "CANCELLED"], "default": "UNKNOWN"}}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Payment",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "PaymentStatus", "symbols": ["UNKNOWN", "PENDING", "PAID"], "default": "UNKNOWN"}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (enums)",
        rule: "If the writer's symbol is not in the reader's enum and the reader's enum has a default, the default \
               is used; otherwise reading fails.",
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "enum_default_is_not_a_field_default",
        title: "An enum default does not fill a missing field",
        story: "A new field tier has an enum type whose enum default is BASIC, but the field itself has no \
                default. Old data has no tier at all, and an enum default only stands in for unknown symbols, so \
                new consumers cannot read it. Java reports this oddly, as TYPE_MISMATCH between the enum and the \
                whole record; the fix is \"default\": \"BASIC\" on the field.",
        versions: &[
            CUSTOMER_V1,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "email_address", "type": "string"},
    {"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["BASIC", "GOLD"], "default": "BASIC"}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records, enums)",
        rule: "A field's default fills a field the writer lacks; an enum's default stands in for a writer symbol \
               the reader lacks. Neither does the other's job.",
        steps: &[step(false, true)],
        modes: FORWARD_ONLY,
    },
    Scenario {
        id: "make_field_optional",
        title: "Make a field optional",
        story: "Not every customer gives a phone number, so phone becomes a union of null and string. New \
                consumers read old phone strings with the union's string branch. Old consumers expect a string \
                and cannot read a null, so FORWARD fails.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "phone", "type": "string"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "phone", "type": ["null", "string"], "default": null}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (unions)",
        rule: "If the reader's type is a union and the writer's is not, the first branch that matches the writer's \
               type reads it. If the writer's type is a union and the reader's is not, every branch the writer \
               may choose must match the reader's type.",
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "make_field_required",
        title: "Make an optional field required",
        story: "The reverse: phone was a union of null and string and becomes a plain string. Old data may hold \
                null, which a string reader cannot read, so BACKWARD fails. Old consumers read new strings with \
                their union's string branch.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "phone", "type": ["null", "string"], "default": null}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "phone", "type": "string"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (unions)",
        rule: "If the writer's type is a union and the reader's is not, every branch the writer may choose must \
               match the reader's type; otherwise reading fails.",
        steps: &[step(false, true)],
        modes: FORWARD_ONLY,
    },
    Scenario {
        id: "reorder_union_branches",
        title: "Reorder union branches",
        story: "A reading's value is a union of int and string, and version 2 lists string first. The branch \
                index written in the data changes meaning, but a reader resolves the writer's branch by type, not \
                by position. Both directions pass.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Reading",
  "namespace": "com.sensors",
  "fields": [
    {"name": "sensor", "type": "string"},
    {"name": "value", "type": ["int", "string"]}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Reading",
  "namespace": "com.sensors",
  "fields": [
    {"name": "sensor", "type": "string"},
    {"name": "value", "type": ["string", "int"]}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (unions)",
        rule: "If both are unions, the first branch of the reader's union that matches the writer's chosen branch \
               reads it; branch positions do not matter.",
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "change_fixed_size",
        title: "Change a fixed size",
        story: "Documents carried a 16-byte MD5 checksum in a fixed type, and version 2 makes it 32 bytes for \
                SHA-256. A fixed value is read as exactly its size with no length prefix, so the two cannot read \
                each other's data. Both directions fail (FIXED_SIZE_MISMATCH); a new field with a new name is the \
                way out.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Document",
  "namespace": "com.docs",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "checksum", "type": {"type": "fixed", "name": "Checksum", "size": 16}}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Document",
  "namespace": "com.docs",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "checksum", "type": {"type": "fixed", "name": "Checksum", "size": 32}}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (fixed)",
        rule: "Two fixed types match only when their unqualified names and their sizes are the same.",
        steps: &[step(false, false)],
        modes: NEITHER,
    },
    Scenario {
        id: "timestamp_millis_to_micros",
        title: "Change a timestamp's unit",
        story: "UserEvent's timestamp moves from timestamp-millis to timestamp-micros. Both are a long underneath \
                and Java's checker ignores logical types, so every mode accepts the change. But the numbers are \
                not converted: old millisecond values read with the new schema come out 1000 times too small, and \
                new microsecond values read with the old schema 1000 times too large.",
        versions: &[
            USER_EVENT_V1,
            r#"{
  "type": "record",
  "name": "UserEvent",
  "namespace": "com.company.events",
  "fields": [
    {"name": "user_id", "type": "string"},
    {"name": "event_type", "type": "string"},
    {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-micros"}}
  ]
}"#,
        ],
        spec_section: "Logical Types",
        rule: "A logical type annotates its base type; resolution reads the base type (here long) and does not \
               convert between logical types.",
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "rename_record_with_alias",
        title: "Rename a record with an alias",
        story: "The record Client is renamed Customer and lists com.shop.Client among its aliases. New consumers \
                match the old name through the alias. Old consumers look for a Client and find a Customer, so \
                FORWARD fails (NAME_MISMATCH).",
        versions: &[
            r#"{
  "type": "record",
  "name": "Client",
  "namespace": "com.shop",
  "fields": [
    {"name": "id", "type": "string"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Customer",
  "namespace": "com.shop",
  "aliases": ["com.shop.Client"],
  "fields": [
    {"name": "id", "type": "string"}
  ]
}"#,
        ],
        spec_section: "Aliases",
        rule: "Named types match by unqualified name, or by an alias of the reader's type that names the writer's \
               full name.",
        steps: &[step(true, false)],
        modes: BACKWARD_ONLY,
    },
    Scenario {
        id: "namespace_change",
        title: "Move a record to another namespace",
        story: "Order moves from the namespace com.shop to com.store. Java compares unqualified names, so the \
                checker sees the same Order and every mode passes. Whatever matches full names does not: Avro \
                JSON union keys, a resolver choosing among union branches, generated classes.",
        versions: &[
            ORDER_V1,
            r#"{
  "type": "record",
  "name": "Order",
  "namespace": "com.store",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "amount", "type": "double"}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records)",
        rule: "Two records match when their unqualified names are the same; the namespace is not compared.",
        steps: &[step(true, true)],
        modes: FULLY_COMPATIBLE,
    },
    Scenario {
        id: "transitive_backward_fails",
        title: "BACKWARD passes, BACKWARD_TRANSITIVE fails",
        story: "Version 1 of Shipment recorded weight as text, version 2 dropped it, and version 3 brings weight \
                back as a double with the default 0.0. BACKWARD only checks that version 3 reads version 2, and \
                it does. BACKWARD_TRANSITIVE also checks version 1, whose weight is a string that a double cannot \
                read, so data still stored in version 1 becomes unreadable.",
        versions: &[
            r#"{
  "type": "record",
  "name": "Shipment",
  "namespace": "com.logistics",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "weight", "type": "string"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Shipment",
  "namespace": "com.logistics",
  "fields": [
    {"name": "id", "type": "string"}
  ]
}"#,
            r#"{
  "type": "record",
  "name": "Shipment",
  "namespace": "com.logistics",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "weight", "type": "double", "default": 0.0}
  ]
}"#,
        ],
        spec_section: "Schema Resolution (records, promotions)",
        rule: "A reader field the writer lacks takes its default; a field both have must match by type or \
               promotion, and no promotion leads from string to double.",
        steps: &[step(true, false), step(true, true)],
        modes: modes(true, false, true, false),
    },
];
