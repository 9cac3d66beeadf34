//! Logical types in the explain pass. Java's checker ignores them, and a resolving reader does not convert
//! values between them: a number written as one unit is read as another.

use crate::compat::NoteKind;
use crate::schema::{LogicalType, Node};

/// A date or time type's meaning and tick, in nanoseconds.
struct TimeScale {
    meaning: &'static str,
    tick_nanos: u64,
    unit: &'static str,
}

fn time_scale(logical: &LogicalType) -> Option<TimeScale> {
    let (meaning, tick_nanos, unit) = match logical {
        LogicalType::Date => ("a calendar date", 86_400_000_000_000, "days"),
        LogicalType::TimeMillis => ("a time of day", 1_000_000, "milliseconds"),
        LogicalType::TimeMicros => ("a time of day", 1_000, "microseconds"),
        LogicalType::TimestampMillis => ("an instant (UTC)", 1_000_000, "milliseconds"),
        LogicalType::TimestampMicros => ("an instant (UTC)", 1_000, "microseconds"),
        LogicalType::TimestampNanos => ("an instant (UTC)", 1, "nanoseconds"),
        LogicalType::LocalTimestampMillis => {
            ("a local date-time (no zone)", 1_000_000, "milliseconds")
        }
        LogicalType::LocalTimestampMicros => ("a local date-time (no zone)", 1_000, "microseconds"),
        LogicalType::LocalTimestampNanos => ("a local date-time (no zone)", 1, "nanoseconds"),
        _ => return None,
    };
    Some(TimeScale {
        meaning,
        tick_nanos,
        unit,
    })
}

/// What changes when the writer's logical type is read as the reader's, if anything worth a note. Only
/// where the base types are compatible (otherwise Java already reports a TYPE_MISMATCH).
pub(super) fn change(reader: &Node, writer: &Node) -> Option<(NoteKind, String)> {
    let (Some(rl), Some(wl)) = (&reader.logical, &writer.logical) else {
        return None;
    };
    let same_base = reader.kind.type_name() == writer.kind.type_name()
        || reader.kind.promotes_from(&writer.kind);
    if rl == wl || !same_base {
        return None;
    }
    if let (
        LogicalType::Decimal {
            precision: rp,
            scale: rs,
        },
        LogicalType::Decimal {
            precision: wp,
            scale: ws,
        },
    ) = (rl, wl)
    {
        return decimal(*rp, *rs, *wp, *ws).map(|m| (NoteKind::DecimalChange, m));
    }
    let (rn, wn) = (rl.name(), wl.name());
    if let (Some(rt), Some(wt)) = (time_scale(rl), time_scale(wl)) {
        if rt.tick_nanos != wt.tick_nanos {
            let (factor, direction) = if rt.tick_nanos < wt.tick_nanos {
                (wt.tick_nanos / rt.tick_nanos, "small")
            } else {
                (rt.tick_nanos / wt.tick_nanos, "large")
            };
            return Some((
                NoteKind::TimeUnitChange,
                format!(
                    "the writer counts {} ({wn}), the reader reads the same numbers as {} ({rn}): values are not \
                     converted, so every one reads {factor}× too {direction}. Java ignores logical types and \
                     calls this compatible",
                    wt.unit, rt.unit
                ),
            ));
        }
        return Some((
            NoteKind::LogicalTypeChange,
            format!(
                "the writer's values are {} ({wn}), the reader takes the same numbers as {} ({rn}); Java ignores \
                 logical types and calls this compatible",
                wt.meaning, rt.meaning
            ),
        ));
    }
    Some((
        NoteKind::LogicalTypeChange,
        format!(
            "the writer annotates this type as {wn}, the reader as {rn}: the values are read as they are, not \
             converted; Java ignores logical types and calls this compatible"
        ),
    ))
}

fn decimal(rp: u32, rs: u32, wp: u32, ws: u32) -> Option<String> {
    let mut parts = Vec::new();
    if rs != ws {
        let (factor, direction) = if rs > ws {
            (rs - ws, "small")
        } else {
            (ws - rs, "large")
        };
        parts.push(format!(
            "the scale changes from {ws} to {rs}: the unscaled integers are not rescaled, so every value reads \
             10^{factor} times too {direction}"
        ));
    }
    if rp < wp {
        parts.push(format!(
            "the precision shrinks from {wp} to {rp}: values with more than {rp} digits are read without error but \
             do not fit the reader's type (writing them back with it fails)"
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "decimal({wp},{ws}) read as decimal({rp},{rs}): {}. Java ignores logical types and calls this compatible",
        parts.join("; ")
    ))
}
