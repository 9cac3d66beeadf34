//! A decimal number turned into the bytes of Avro's `decimal` logical type: the unscaled value as a
//! big-endian two's-complement integer (specification: Logical Types, Decimal).

use super::number_text::NumberText;

/// The most digits an unscaled value may have here, so hostile input cannot cost much time or memory.
const MAX_DIGITS: usize = 4096;

/// The unscaled value of `number` at `scale`, as minimal big-endian two's complement (as Java's
/// `BigInteger.toByteArray` writes it), checked against `precision`.
pub(super) fn unscaled_bytes(
    number: &NumberText,
    precision: u32,
    scale: u32,
) -> Result<Vec<u8>, String> {
    let digits = unscaled_digits(number, scale)?;
    let precision = usize::try_from(precision).unwrap_or(usize::MAX);
    if digits.len() > precision {
        return Err(format!(
            "needs {} digits unscaled, more than the precision {precision}",
            digits.len()
        ));
    }
    Ok(twos_complement(number.negative, &digits))
}

/// The integer `±digits` (decimal ASCII digits) as minimal big-endian two's complement (`[0]` for zero).
pub(crate) fn twos_complement(negative: bool, digits: &str) -> Vec<u8> {
    let magnitude = to_base_256(digits);
    if negative {
        negate(magnitude)
    } else {
        positive(magnitude)
    }
}

/// The largest fixed a number is sign-extended into (64 KiB): a schema may declare a fixed of 10^12 bytes,
/// and a one-digit number must not allocate that.
const MAX_SIGN_EXTENDED: usize = 1 << 16;

/// `bytes` sign-extended to exactly `size` bytes, if they fit.
pub(crate) fn sign_extend(bytes: Vec<u8>, size: usize) -> Result<Vec<u8>, String> {
    if size > MAX_SIGN_EXTENDED {
        return Err(format!(
            "is not widened to fixed({size}), more than the {MAX_SIGN_EXTENDED} bytes a number is widened to \
             here: write the fixed in Avro JSON's string form"
        ));
    }
    if bytes.len() > size {
        return Err(format!(
            "needs {} bytes, more than fixed({size}) holds",
            bytes.len()
        ));
    }
    let fill = match bytes.first() {
        Some(b) if b & 0x80 != 0 => 0xFF,
        _ => 0x00,
    };
    let mut out = vec![fill; size - bytes.len()];
    out.extend(bytes);
    Ok(out)
}

/// The decimal digits of `number × 10^scale`, which must be whole; no leading zeros (empty for zero).
fn unscaled_digits(number: &NumberText, scale: u32) -> Result<String, String> {
    if number.digits.is_empty() {
        return Ok(String::new());
    }
    let exponent = number.exponent.saturating_add(i64::from(scale));
    if exponent < 0 {
        return Err(format!(
            "has more digits after the point than the scale {scale}"
        ));
    }
    let zeros = usize::try_from(exponent).unwrap_or(usize::MAX);
    if zeros >= MAX_DIGITS || number.digits.len() + zeros > MAX_DIGITS {
        return Err(format!("has more than {MAX_DIGITS} digits"));
    }
    Ok(format!("{}{}", number.digits, "0".repeat(zeros)))
}

/// Decimal digits to a big-endian magnitude (empty for zero).
fn to_base_256(digits: &str) -> Vec<u8> {
    let mut bytes: Vec<u8> = Vec::new();
    for d in digits.bytes() {
        let mut carry = char::from(d).to_digit(10).unwrap_or(0);
        for byte in bytes.iter_mut().rev() {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xFF) as u8;
            carry = v >> 8;
        }
        if carry > 0 {
            bytes.insert(0, carry as u8);
        }
    }
    bytes
}

fn positive(mut magnitude: Vec<u8>) -> Vec<u8> {
    if magnitude.first().is_none_or(|b| b & 0x80 != 0) {
        magnitude.insert(0, 0);
    }
    magnitude
}

fn negate(magnitude: Vec<u8>) -> Vec<u8> {
    if magnitude.is_empty() {
        return vec![0];
    }
    let mut out: Vec<u8> = magnitude.iter().map(|b| !b).collect();
    for byte in out.iter_mut().rev() {
        let (v, overflow) = byte.overflowing_add(1);
        *byte = v;
        if !overflow {
            break;
        }
    }
    if out.first().is_some_and(|b| b & 0x80 == 0) {
        out.insert(0, 0xFF);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str, precision: u32, scale: u32) -> Result<Vec<u8>, String> {
        unscaled_bytes(&NumberText::parse(text).unwrap(), precision, scale)
    }

    #[test]
    fn minimal_twos_complement_like_java() {
        assert_eq!(bytes("0", 9, 2), Ok(vec![0]));
        assert_eq!(bytes("-1.23", 9, 2), Ok(vec![0x85]));
        assert_eq!(bytes("128", 10, 0), Ok(vec![0x00, 0x80]));
        assert_eq!(bytes("-128", 10, 0), Ok(vec![0x80]));
        assert_eq!(bytes("-32768", 10, 0), Ok(vec![0x80, 0x00]));
        assert_eq!(bytes("-129", 10, 0), Ok(vec![0xFF, 0x7F]));
        assert_eq!(bytes("1234567.89", 9, 2), Ok(vec![0x07, 0x5B, 0xCD, 0x15]));
    }

    #[test]
    fn scale_and_precision_are_checked() {
        assert!(bytes("1.234", 9, 2).is_err());
        assert_eq!(bytes("1.230", 9, 2), Ok(vec![123]));
        assert!(bytes("12345678.9", 9, 2).is_err());
        assert!(bytes("1e999999", 9, 2).is_err());
    }

    #[test]
    fn digits_become_minimal_twos_complement() {
        assert_eq!(twos_complement(false, "255"), vec![0x00, 0xFF]);
        assert_eq!(twos_complement(true, "255"), vec![0xFF, 0x01]);
        assert_eq!(twos_complement(true, ""), vec![0]);
    }

    #[test]
    fn fixed_is_sign_extended() {
        assert_eq!(sign_extend(vec![0x85], 4), Ok(vec![0xFF, 0xFF, 0xFF, 0x85]));
        assert_eq!(sign_extend(vec![0x01], 2), Ok(vec![0, 1]));
        assert!(sign_extend(vec![1, 2, 3], 2).is_err());
    }

    #[test]
    fn a_number_is_not_widened_into_a_huge_fixed() {
        // Found while fixing a schema_text finding: a 2 TiB fixed was allocated for the number 5.
        let e = sign_extend(vec![5], 1 << 41).unwrap_err();
        assert!(e.contains("more than the 65536 bytes"), "{e}");
        assert_eq!(sign_extend(vec![5], 1 << 16).map(|b| b.len()), Ok(1 << 16));
    }
}
