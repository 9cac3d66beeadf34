//! Logical types (specification: Logical Types). An invalid annotation is ignored and the base type is used;
//! we keep the reason so the page can say why.

use super::Kind;
use crate::source::{Json, JsonValue};

/// A valid logical type annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogicalType {
    /// `decimal` on bytes or fixed: unscaled two's-complement big-endian integer.
    Decimal {
        /// Total digits.
        precision: u32,
        /// Digits after the point.
        scale: u32,
    },
    /// `big-decimal` on bytes (1.12): the scale is stored with each value.
    BigDecimal,
    /// `uuid` on string or fixed(16).
    Uuid,
    /// `date` on int: days since 1970-01-01.
    Date,
    /// `time-millis` on int.
    TimeMillis,
    /// `time-micros` on long.
    TimeMicros,
    /// `timestamp-millis` on long: an instant, UTC.
    TimestampMillis,
    /// `timestamp-micros` on long.
    TimestampMicros,
    /// `timestamp-nanos` on long.
    TimestampNanos,
    /// `local-timestamp-millis` on long: wall-clock time, no zone.
    LocalTimestampMillis,
    /// `local-timestamp-micros` on long.
    LocalTimestampMicros,
    /// `local-timestamp-nanos` on long.
    LocalTimestampNanos,
    /// `duration` on fixed(12): months, days, milliseconds as little-endian u32.
    Duration,
}

/// A `logicalType` attribute that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredLogical {
    /// The `logicalType` as written.
    pub name: String,
    /// Why the spec says to ignore it.
    pub reason: String,
}

impl LogicalType {
    /// The name as written in a schema.
    pub fn name(&self) -> &'static str {
        match self {
            LogicalType::Decimal { .. } => "decimal",
            LogicalType::BigDecimal => "big-decimal",
            LogicalType::Uuid => "uuid",
            LogicalType::Date => "date",
            LogicalType::TimeMillis => "time-millis",
            LogicalType::TimeMicros => "time-micros",
            LogicalType::TimestampMillis => "timestamp-millis",
            LogicalType::TimestampMicros => "timestamp-micros",
            LogicalType::TimestampNanos => "timestamp-nanos",
            LogicalType::LocalTimestampMillis => "local-timestamp-millis",
            LogicalType::LocalTimestampMicros => "local-timestamp-micros",
            LogicalType::LocalTimestampNanos => "local-timestamp-nanos",
            LogicalType::Duration => "duration",
        }
    }
}

/// The most decimal digits a two's-complement integer of `size` bytes can always hold.
pub fn max_fixed_precision(size: usize) -> u32 {
    if size == 0 {
        return 0;
    }
    let bits = (size as f64) * 8.0 - 1.0;
    (bits * std::f64::consts::LOG10_2).floor().min(u32::MAX as f64) as u32
}

fn param(object: &Json, key: &str) -> Result<Option<i64>, String> {
    match object.get(key) {
        None => Ok(None),
        Some(m) => match &m.value.value {
            JsonValue::Number(text) => text
                .parse::<i64>()
                .map(Some)
                .map_err(|_| format!("{key} must be an integer, found {text}")),
            _ => Err(format!("{key} must be an integer, found {}", m.value.kind_name())),
        },
    }
}

/// Interprets the `logicalType` attribute of a type object over its base `kind`.
pub fn annotate(
    name: &str,
    kind: &Kind,
    object: &Json,
) -> Result<LogicalType, IgnoredLogical> {
    let ignored = |reason: String| IgnoredLogical {
        name: name.to_string(),
        reason,
    };
    let on = |expected: &str| {
        ignored(format!(
            "{name} annotates {expected}, not {}; the base type is used",
            kind.type_name()
        ))
    };
    let simple = |logical: LogicalType, base: &str| {
        if kind.type_name() == base {
            Ok(logical)
        } else {
            Err(on(base))
        }
    };
    match name {
        "decimal" => {
            let size = match kind {
                Kind::Bytes => None,
                Kind::Fixed(f) => Some(f.size),
                _ => return Err(on("bytes or fixed")),
            };
            let precision = param(object, "precision").map_err(ignored)?;
            let scale = param(object, "scale").map_err(ignored)?.unwrap_or(0);
            let precision = match precision {
                None => return Err(ignored("decimal needs a precision".into())),
                Some(p) if p <= 0 => {
                    return Err(ignored(format!("decimal precision must be positive, found {p}")))
                }
                Some(p) => p,
            };
            if scale < 0 {
                return Err(ignored(format!("decimal scale must not be negative, found {scale}")));
            }
            if scale > precision {
                return Err(ignored(format!(
                    "decimal scale {scale} exceeds precision {precision}"
                )));
            }
            if let Some(size) = size {
                let max = max_fixed_precision(size);
                if precision > i64::from(max) {
                    return Err(ignored(format!(
                        "decimal precision {precision} does not fit fixed({size}), which holds at most {max} digits"
                    )));
                }
            }
            match (u32::try_from(precision), u32::try_from(scale)) {
                (Ok(precision), Ok(scale)) => Ok(LogicalType::Decimal { precision, scale }),
                _ => Err(ignored("decimal precision is too large".into())),
            }
        }
        "big-decimal" => simple(LogicalType::BigDecimal, "bytes"),
        "uuid" => match kind {
            Kind::String => Ok(LogicalType::Uuid),
            Kind::Fixed(f) if f.size == 16 => Ok(LogicalType::Uuid),
            Kind::Fixed(f) => Err(ignored(format!(
                "uuid on fixed needs size 16, found {}",
                f.size
            ))),
            _ => Err(on("string or fixed(16)")),
        },
        "date" => simple(LogicalType::Date, "int"),
        "time-millis" => simple(LogicalType::TimeMillis, "int"),
        "time-micros" => simple(LogicalType::TimeMicros, "long"),
        "timestamp-millis" => simple(LogicalType::TimestampMillis, "long"),
        "timestamp-micros" => simple(LogicalType::TimestampMicros, "long"),
        "timestamp-nanos" => simple(LogicalType::TimestampNanos, "long"),
        "local-timestamp-millis" => simple(LogicalType::LocalTimestampMillis, "long"),
        "local-timestamp-micros" => simple(LogicalType::LocalTimestampMicros, "long"),
        "local-timestamp-nanos" => simple(LogicalType::LocalTimestampNanos, "long"),
        "duration" => match kind {
            Kind::Fixed(f) if f.size == 12 => Ok(LogicalType::Duration),
            Kind::Fixed(f) => Err(ignored(format!(
                "duration needs fixed size 12, found {}",
                f.size
            ))),
            _ => Err(on("fixed(12)")),
        },
        other => Err(ignored(format!(
            "`{other}` is not a logical type of the specification; the base type is used"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_precision_bounds() {
        assert_eq!(max_fixed_precision(1), 2);
        assert_eq!(max_fixed_precision(2), 4);
        assert_eq!(max_fixed_precision(4), 9);
        assert_eq!(max_fixed_precision(8), 18);
        assert_eq!(max_fixed_precision(16), 38);
    }
}
