//! Amounts of money as text: two decimals, a space, the currency code
//! (`12.50 EUR`). Pure Rust: `export_csv` takes the numbers apart, these
//! functions format them, and the tests here pin the rounding.

/// Amounts with more digits than this before the decimal point are refused
/// (the same bound Python puts on `str(int)` by default). A `Decimal` such as
/// `1E+999999999` is a few bytes in Python but would be a gigabyte of digits.
pub const MAX_INTEGER_DIGITS: usize = 4300;

/// Why a decimal could not be formatted.
#[derive(Debug, PartialEq, Eq)]
pub enum DecimalError {
    /// More than `MAX_INTEGER_DIGITS` digits before the decimal point.
    TooLarge,
    /// A "digit" outside 0..=9 (only a `Decimal` subclass that lies in
    /// `as_tuple()` can produce one).
    NotADigit(u8),
}

// ANCHOR: float_amount
/// `x` with two decimals, like Python's `format(x, ".2f")`: the exact binary
/// value is rounded, ties to even. Rust's `{:.2}` does exactly this (the
/// Python tests compare the two on random floats and on exact ties).
pub fn float_amount(x: f64, currency: &str) -> String {
    format!("{x:.2} {currency}")
}
// ANCHOR_END: float_amount

/// An integer amount, given as its decimal digits with an optional `-`.
pub fn integer_amount(digits: &str, currency: &str) -> String {
    format!("{digits}.00 {currency}")
}

// ANCHOR: decimal_amount
/// The decimal `(-1)^negative * digits * 10^exponent` (the parts Python's
/// `Decimal.as_tuple()` returns) rounded half-even to two decimals, like
/// `format(d, ".2f")` under the default decimal context.
pub fn decimal_amount(
    negative: bool,
    digits: &[u8],
    exponent: i64,
    currency: &str,
) -> Result<String, DecimalError> {
    if let Some(&bad) = digits.iter().find(|&&digit| digit > 9) {
        return Err(DecimalError::NotADigit(bad));
    }
    let first_nonzero = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
    let digits = &digits[first_nonzero..];
    let hundredths = if digits.is_empty() {
        Vec::new() // zero, whatever the exponent
    } else {
        let integer_digits = digits.len() as i128 + i128::from(exponent);
        if integer_digits > MAX_INTEGER_DIGITS as i128 {
            return Err(DecimalError::TooLarge);
        }
        // Now exponent <= MAX_INTEGER_DIGITS: the shift below is small.
        match usize::try_from(exponent + 2) {
            // A whole number of hundredths: append zeros.
            Ok(zeros) => [digits, &vec![0; zeros]].concat(),
            // Drop the digits beyond the hundredths, then round.
            Err(_) => round_half_even(digits, exponent.unsigned_abs() - 2),
        }
    };
    Ok(format!(
        "{}{} {currency}",
        if negative { "-" } else { "" },
        with_two_decimals(&hundredths)
    ))
}

/// `digits` without its last `drop` digits, rounded half to even.
fn round_half_even(digits: &[u8], drop: u64) -> Vec<u8> {
    let keep = usize::try_from(drop)
        .ok()
        .and_then(|drop| digits.len().checked_sub(drop));
    let Some(keep) = keep else {
        // Everything is dropped, and the first dropped digit is a leading
        // zero: less than half a hundredth.
        return Vec::new();
    };
    let (kept, dropped) = digits.split_at(keep);
    let round_up = match dropped.split_first() {
        Some((5, rest)) => {
            let exactly_half = rest.iter().all(|&d| d == 0);
            let last_kept_is_odd = kept.last().is_some_and(|d| d % 2 == 1);
            !exactly_half || last_kept_is_odd
        }
        Some((&first, _)) => first > 5,
        None => false,
    };
    let mut kept = kept.to_vec();
    if round_up {
        increment(&mut kept);
    }
    kept
}

/// Add one to a number given as decimal digits.
fn increment(digits: &mut Vec<u8>) {
    for digit in digits.iter_mut().rev() {
        if *digit == 9 {
            *digit = 0;
        } else {
            *digit += 1;
            return;
        }
    }
    digits.insert(0, 1);
}

/// A count of hundredths as text: `[1, 2, 5, 0]` -> `"12.50"`, `[]` -> `"0.00"`.
fn with_two_decimals(hundredths: &[u8]) -> String {
    let first_nonzero = hundredths
        .iter()
        .position(|&d| d != 0)
        .unwrap_or(hundredths.len());
    let mut text: String = hundredths[first_nonzero..]
        .iter()
        .map(|&d| char::from(b'0' + d))
        .collect();
    while text.len() < 3 {
        text.insert(0, '0');
    }
    text.insert(text.len() - 2, '.');
    text
}
// ANCHOR_END: decimal_amount

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(negative: bool, digits: &[u8], exponent: i64) -> String {
        decimal_amount(negative, digits, exponent, "EUR").unwrap()
    }

    #[test]
    fn floats_round_the_exact_binary_value() {
        assert_eq!(float_amount(12.5, "EUR"), "12.50 EUR");
        // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
        assert_eq!(float_amount(2.675, "EUR"), "2.67 EUR");
        // 0.125 is exact, so it is a tie, and ties go to the even digit.
        assert_eq!(float_amount(0.125, "EUR"), "0.12 EUR");
        assert_eq!(float_amount(-0.001, "EUR"), "-0.00 EUR");
        assert_eq!(float_amount(1e22, "EUR"), "10000000000000000000000.00 EUR");
    }

    // ANCHOR: decimal_tests
    #[test]
    fn decimals_round_half_to_even() {
        assert_eq!(decimal(false, &[1, 2, 5], -3), "0.12 EUR"); // 0.125
        assert_eq!(decimal(false, &[1, 3, 5], -3), "0.14 EUR"); // 0.135
        assert_eq!(decimal(false, &[1, 2, 5, 1], -4), "0.13 EUR"); // 0.1251
        assert_eq!(decimal(false, &[9, 9, 9, 5], -3), "10.00 EUR"); // 9.995
        assert_eq!(decimal(false, &[5], -3), "0.00 EUR"); // 0.005
        assert_eq!(decimal(false, &[5, 1], -4), "0.01 EUR"); // 0.0051
    }
    // ANCHOR_END: decimal_tests

    #[test]
    fn decimals_with_few_places_or_a_positive_exponent_gain_zeros() {
        assert_eq!(decimal(false, &[1, 2, 5], -1), "12.50 EUR");
        assert_eq!(decimal(false, &[1], 3), "1000.00 EUR");
        assert_eq!(decimal(false, &[0, 0, 1, 2], 0), "12.00 EUR");
    }

    #[test]
    fn the_sign_survives_rounding_to_zero_as_in_python() {
        assert_eq!(decimal(true, &[1], -3), "-0.00 EUR");
        assert_eq!(decimal(true, &[0], 0), "-0.00 EUR");
        assert_eq!(decimal(true, &[1, 0], -2), "-0.10 EUR");
    }

    #[test]
    fn tiny_and_zero_decimals_cost_nothing_whatever_the_exponent() {
        assert_eq!(decimal(false, &[9], -999_999_999), "0.00 EUR");
        assert_eq!(decimal(false, &[0], 999_999_999), "0.00 EUR");
        assert_eq!(decimal(false, &[9], i64::MIN), "0.00 EUR");
    }

    #[test]
    fn huge_decimals_are_refused() {
        let limit = MAX_INTEGER_DIGITS as i64;
        assert!(decimal_amount(false, &[1], limit - 1, "EUR").is_ok());
        let refused = decimal_amount(false, &[1], limit, "EUR");
        assert_eq!(refused, Err(DecimalError::TooLarge));
        let refused = decimal_amount(false, &[1], i64::MAX, "EUR");
        assert_eq!(refused, Err(DecimalError::TooLarge));
    }

    #[test]
    fn a_digit_out_of_range_is_an_error() {
        let refused = decimal_amount(false, &[1, 10], 0, "EUR");
        assert_eq!(refused, Err(DecimalError::NotADigit(10)));
    }
}
