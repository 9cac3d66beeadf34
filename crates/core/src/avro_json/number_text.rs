//! JSON number text read exactly: sign, significant digits and a power of ten, never through `f64`.

/// A number as `±digits × 10^exponent`, with no leading or trailing zeros in `digits` (zero has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct NumberText {
    /// Whether a minus sign was written (also for `-0`).
    pub negative: bool,
    /// The significant decimal digits, ASCII.
    pub digits: String,
    /// The power of ten the digits are multiplied by.
    pub exponent: i64,
}

/// Whether a JSON number is a whole number that fits 64 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Whole {
    /// A whole number in the `i64` range.
    Fits(i64),
    /// It has a fractional part.
    Fraction,
    /// Whole, but outside the `i64` range.
    OutOfRange,
}

impl NumberText {
    /// Reads text in the JSON number grammar (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    pub fn parse(text: &str) -> Option<NumberText> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent_text) = match rest.find(['e', 'E']) {
            Some(e) => (rest.get(..e)?, Some(rest.get(e + 1..)?)),
            None => (rest, None),
        };
        let (int_part, frac_part) = match mantissa.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mantissa, ""),
        };
        let int_ok = int_part == "0"
            || (int_part.starts_with(|c: char| matches!(c, '1'..='9')) && all_digits(int_part));
        let frac_ok = (frac_part.is_empty() && !mantissa.contains('.'))
            || (!frac_part.is_empty() && all_digits(frac_part));
        if !int_ok || !frac_ok {
            return None;
        }
        let written_exponent = match exponent_text {
            None => 0,
            Some(e) => parse_exponent(e)?,
        };
        let frac_len = i64::try_from(frac_part.len()).ok()?;
        let mut digits: String = int_part.chars().chain(frac_part.chars()).collect();
        let mut exponent = written_exponent.checked_sub(frac_len)?;
        let trailing = digits.len() - digits.trim_end_matches('0').len();
        digits.truncate(digits.len() - trailing);
        exponent = exponent.checked_add(i64::try_from(trailing).ok()?)?;
        let digits = digits.trim_start_matches('0').to_string();
        if digits.is_empty() {
            exponent = 0;
        }
        Some(NumberText {
            negative,
            digits,
            exponent,
        })
    }

    /// Whether the value is whole and fits an `i64`.
    pub fn whole(&self) -> Whole {
        if self.digits.is_empty() {
            return Whole::Fits(0);
        }
        if self.exponent < 0 {
            return Whole::Fraction;
        }
        let width = i64::try_from(self.digits.len())
            .unwrap_or(i64::MAX)
            .saturating_add(self.exponent);
        if width > 19 {
            return Whole::OutOfRange;
        }
        let mut magnitude: i128 = 0;
        for d in self.digits.bytes() {
            magnitude = magnitude * 10 + i128::from(char::from(d).to_digit(10).unwrap_or(0));
        }
        for _ in 0..self.exponent {
            magnitude *= 10;
        }
        let value = if self.negative { -magnitude } else { magnitude };
        i64::try_from(value).map_or(Whole::OutOfRange, Whole::Fits)
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// An exponent's text (`+5`, `-12`, `7`); `None` when it is not digits or does not fit an `i64`.
fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !all_digits(digits) {
        return None;
    }
    // Huge exponents saturate: they are out of every range we check anyway.
    let magnitude = digits.trim_start_matches('0');
    let value = if magnitude.len() > 15 {
        1_000_000_000_000_000
    } else {
        magnitude.parse::<i64>().unwrap_or(0)
    };
    Some(if text.starts_with('-') { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> NumberText {
        NumberText::parse(text).unwrap()
    }

    #[test]
    fn digits_and_exponent_are_normalised() {
        assert_eq!(
            n("120.50"),
            NumberText {
                negative: false,
                digits: "1205".into(),
                exponent: -1
            }
        );
        assert_eq!(
            n("-0.0e5"),
            NumberText {
                negative: true,
                digits: String::new(),
                exponent: 0
            }
        );
        assert_eq!(n("1E+3").whole(), Whole::Fits(1000));
        assert_eq!(n("5.0").whole(), Whole::Fits(5));
        assert_eq!(n("1.5").whole(), Whole::Fraction);
    }

    #[test]
    fn whole_is_exact_at_the_64_bit_edges() {
        assert_eq!(n("-9223372036854775808").whole(), Whole::Fits(i64::MIN));
        assert_eq!(n("9223372036854775807").whole(), Whole::Fits(i64::MAX));
        assert_eq!(n("9223372036854775808").whole(), Whole::OutOfRange);
        assert_eq!(n("1e999999999999999999999").whole(), Whole::OutOfRange);
    }

    #[test]
    fn text_outside_the_json_grammar_is_refused() {
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "+1", "0x10", "1.5.2", " 1", "NaN",
        ] {
            assert_eq!(NumberText::parse(bad), None, "{bad}");
        }
    }
}
