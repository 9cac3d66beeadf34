//! ISO 8601 dates, times of day and timestamps as producers log them, turned into the counts Avro stores
//! (specification: Logical Types). The proleptic Gregorian calendar, no leap seconds, as the spec says.

/// The unit a time or timestamp counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Milliseconds.
    Millis,
    /// Microseconds.
    Micros,
    /// Nanoseconds.
    Nanos,
}

impl Unit {
    fn per_second(self) -> i128 {
        match self {
            Unit::Millis => 1_000,
            Unit::Micros => 1_000_000,
            Unit::Nanos => 1_000_000_000,
        }
    }

    fn digits(self) -> usize {
        match self {
            Unit::Millis => 3,
            Unit::Micros => 6,
            Unit::Nanos => 9,
        }
    }

    /// The unit's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Millis => "milliseconds",
            Unit::Micros => "microseconds",
            Unit::Nanos => "nanoseconds",
        }
    }
}

/// The time zone written after a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zone {
    /// No zone written.
    Absent,
    /// `Z` or an offset, in seconds east of UTC.
    Offset(i64),
}

/// A timestamp read from text: the count since 1970-01-01T00:00 in the given clock, and the zone written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Timestamp {
    /// The count in the requested unit, already shifted to UTC when an offset was written.
    pub count: i128,
    /// The zone as written.
    pub zone: Zone,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn number(&mut self, width: usize, what: &str) -> Result<u32, String> {
        let field = self
            .bytes
            .get(self.at..self.at + width)
            .filter(|d| d.iter().all(u8::is_ascii_digit));
        let field = field.ok_or_else(|| format!("expected {width} digits for the {what}"))?;
        self.at += width;
        Ok(field.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    fn eat(&mut self, c: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&c);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected `{}`", char::from(c)))
        }
    }

    fn end(&self) -> Result<(), String> {
        match self.bytes.get(self.at..) {
            Some([]) | None => Ok(()),
            Some(_) => Err("unexpected text after the value".into()),
        }
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
pub(super) fn parse_date(text: &str) -> Result<i64, String> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let days = date(&mut c)?;
    c.end()?;
    Ok(days)
}

/// A time of day `HH:MM[:SS[.fraction]]` as a count of `unit`.
pub(super) fn parse_time(text: &str, unit: Unit) -> Result<i128, String> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let count = time(&mut c, unit)?;
    c.end()?;
    Ok(count)
}

/// A timestamp `YYYY-MM-DD(T| )HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM]` as a count of `unit` since the epoch.
pub(crate) fn parse_timestamp(text: &str, unit: Unit) -> Result<Timestamp, String> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let days = date(&mut c)?;
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err("expected `T` between the date and the time".into());
    }
    let in_day = time(&mut c, unit)?;
    let zone = zone(&mut c)?;
    c.end()?;
    let offset = match zone {
        Zone::Absent => 0,
        Zone::Offset(seconds) => i128::from(seconds),
    };
    let count = (i128::from(days) * 86_400 - offset) * unit.per_second() + in_day;
    Ok(Timestamp { count, zone })
}

fn date(c: &mut Cursor<'_>) -> Result<i64, String> {
    let year = c.number(4, "year")?;
    c.expect(b'-')?;
    let month = c.number(2, "month")?;
    c.expect(b'-')?;
    let day = c.number(2, "day")?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not 1 to 12"));
    }
    let last = days_in_month(i64::from(year), month);
    if day < 1 || day > last {
        return Err(format!(
            "day {day} is not in month {month}, which has {last} days"
        ));
    }
    Ok(days_from_civil(i64::from(year), month, day))
}

fn time(c: &mut Cursor<'_>, unit: Unit) -> Result<i128, String> {
    let hour = c.number(2, "hour")?;
    c.expect(b':')?;
    let minute = c.number(2, "minute")?;
    let second = if c.eat(b':') {
        c.number(2, "second")?
    } else {
        0
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!(
            "{hour:02}:{minute:02}:{second:02} is not a time of day (no leap seconds)"
        ));
    }
    let fraction = if c.eat(b'.') { fraction(c, unit)? } else { 0 };
    let seconds = i128::from(hour) * 3600 + i128::from(minute) * 60 + i128::from(second);
    Ok(seconds * unit.per_second() + fraction)
}

/// The digits after the decimal point, in `unit`; digits finer than the unit must be zeros.
fn fraction(c: &mut Cursor<'_>, unit: Unit) -> Result<i128, String> {
    let start = c.at;
    while c.bytes.get(c.at).is_some_and(u8::is_ascii_digit) {
        c.at += 1;
    }
    let digits = c.bytes.get(start..c.at).unwrap_or_default();
    if digits.is_empty() {
        return Err("expected digits after `.`".into());
    }
    let (kept, finer) = digits.split_at(digits.len().min(unit.digits()));
    if finer.iter().any(|&d| d != b'0') {
        return Err(format!("the fraction is finer than {}", unit.name()));
    }
    let value = kept
        .iter()
        .fold(0i128, |n, d| n * 10 + i128::from(d - b'0'));
    let scale = unit.digits() - kept.len();
    Ok(value * 10i128.pow(scale as u32))
}

fn zone(c: &mut Cursor<'_>) -> Result<Zone, String> {
    if c.eat(b'Z') || c.eat(b'z') {
        return Ok(Zone::Offset(0));
    }
    let sign = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return Ok(Zone::Absent);
    };
    let hours = c.number(2, "offset hours")?;
    c.eat(b':');
    let minutes = c.number(2, "offset minutes")?;
    if hours > 23 || minutes > 59 {
        return Err(format!(
            "offset {hours:02}:{minutes:02} is not a time zone offset"
        ));
    }
    Ok(Zone::Offset(
        sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60),
    ))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = i64::from((month + 9) % 12);
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(parse_date("2024-02-29"), Ok(19782));
        assert_eq!(parse_date("1969-07-20"), Ok(-165));
        assert_eq!(parse_date("9999-12-31"), Ok(2_932_896));
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2024-1-01").is_err());
    }

    #[test]
    fn times_keep_their_fraction_exactly() {
        assert_eq!(parse_time("13:45:30.123", Unit::Millis), Ok(49_530_123));
        assert_eq!(
            parse_time("23:59:59.999999", Unit::Micros),
            Ok(86_399_999_999)
        );
        assert!(parse_time("00:00:00.0001", Unit::Millis).is_err());
        assert_eq!(parse_time("00:00:00.1000", Unit::Millis), Ok(100));
    }

    #[test]
    fn timestamps_apply_their_offset() {
        let utc = parse_timestamp("2024-11-24T00:00:00Z", Unit::Millis).unwrap();
        assert_eq!(
            utc,
            Timestamp {
                count: 1_732_406_400_000,
                zone: Zone::Offset(0)
            }
        );
        let east = parse_timestamp("2024-11-24T02:00:00+02:00", Unit::Millis).unwrap();
        assert_eq!(east.count, 1_732_406_400_000);
        let local = parse_timestamp("1900-01-01 00:00", Unit::Millis).unwrap();
        assert_eq!(
            local,
            Timestamp {
                count: -2_208_988_800_000,
                zone: Zone::Absent
            }
        );
    }
}
