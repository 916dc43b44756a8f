//! The duration parser, in plain Rust: no Python anywhere in this file.
//!
//! # The grammar
//!
//! A duration is one or more *parts*; a part is a number written right
//! before its unit, with nothing between them:
//!
//! ```text
//! duration = blank* part (blank* part)* blank*
//! part     = digit+ unit
//! digit    = "0" ... "9"                ASCII digits only: no "_", no "٣"
//! unit     = "d" | "h" | "m" | "s"      days, hours, minutes, seconds
//! blank    = " " | "\t" | "\n" | "\r" | "\x0c"    (char::is_ascii_whitespace)
//! ```
//!
//! Each unit appears at most once, and the units go from the largest to the
//! smallest: `"2d 4h"` and `"1h30m"`, not `"30m1h"`. There are no carrying
//! rules (`"90m"` is 5400 seconds) and leading zeros are fine (`"007s"`).
//! The result, in seconds, must fit in a `u64`.
//!
//! The parts are read from left to right and the first problem is reported.
//! In each part the form is checked first (a number, then a unit right after
//! it), then the unit (known, not repeated, in order), then the size.
//! Positions count characters (as Python's `str` indexes do) from 0: at
//! position `p`, `text[p]` in Python is where the problem starts.

// ANCHOR: unit
use std::fmt;

/// A unit of a duration. The order of the variants is the order the units
/// must be written in: the largest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    /// The unit written as `letters`, which must be exactly one of d, h, m, s.
    pub fn from_letters(letters: &str) -> Option<Unit> {
        match letters {
            "d" => Some(Unit::Day),
            "h" => Some(Unit::Hour),
            "m" => Some(Unit::Minute),
            "s" => Some(Unit::Second),
            _ => None,
        }
    }

    pub fn seconds(self) -> u64 {
        match self {
            Unit::Day => 86_400,
            Unit::Hour => 3_600,
            Unit::Minute => 60,
            Unit::Second => 1,
        }
    }

    pub fn letter(self) -> char {
        match self {
            Unit::Day => 'd',
            Unit::Hour => 'h',
            Unit::Minute => 'm',
            Unit::Second => 's',
        }
    }
}

/// A unit shows as its letter in quotes, as in an error message: `'h'`.
impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'", self.letter())
    }
}
// ANCHOR_END: unit

// ANCHOR: quoted
/// `text` in single quotes, with the characters that need it escaped, so that
/// error messages show the input much as Python's `repr` would: `'1h3x'`.
pub fn quoted(text: &str) -> String {
    // Rust's `escape_debug` writes "\n" for a new line and "\u{200b}" for an
    // invisible character; it also escapes double quotes, which need no
    // escape inside single quotes, so those are put back.
    format!(
        "'{}'",
        text.escape_debug().to_string().replace("\\\"", "\"")
    )
}
// ANCHOR_END: quoted

// ANCHOR: error_enum
use thiserror::Error;

/// Everything that can be wrong with a duration's text. Every variant keeps
/// the whole text and the position (in characters, from 0) of the problem,
/// and `thiserror` turns each `#[error("...")]` into the message that
/// `Display` (and so `to_string()`) writes.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DurationError {
    #[error(
        "empty duration {}: expected a number at position {position}, found the end of the text",
        quoted(.text)
    )]
    Empty { text: String, position: usize },

    #[error(
        "expected a number at position {position} in {}, found {}",
        quoted(.text),
        quoted(.found)
    )]
    MissingNumber {
        text: String,
        position: usize,
        found: String,
    },

    #[error(
        "negative number {} at position {position} in {}: a duration cannot be negative",
        quoted(.number),
        quoted(.text)
    )]
    Negative {
        text: String,
        position: usize,
        number: String,
    },

    #[error(
        "number {} at position {position} in {} has no unit: write d, h, m or s right after it",
        quoted(.number),
        quoted(.text)
    )]
    MissingUnit {
        text: String,
        position: usize,
        number: String,
        /// The character after the number, if any: the hint depends on it.
        after: Option<char>,
    },

    #[error("unknown unit {} at position {position} in {}", quoted(.unit), quoted(.text))]
    UnknownUnit {
        text: String,
        position: usize,
        unit: String,
    },

    #[error(
        "repeated unit {unit} at position {position} in {}: each unit may appear only once",
        quoted(.text)
    )]
    RepeatedUnit {
        text: String,
        position: usize,
        unit: Unit,
    },

    #[error("unit {unit} at position {position} in {} comes after {after}", quoted(.text))]
    OutOfOrder {
        text: String,
        position: usize,
        unit: Unit,
        after: Unit,
    },

    #[error(
        "{} at position {position} in {} is too large: a duration is at most {} seconds",
        quoted(.part),
        quoted(.text),
        u64::MAX
    )]
    TooLarge {
        text: String,
        position: usize,
        part: String,
        /// `#[source]`: what overflowed. `Error::source()` returns it, and
        /// the conversion to Python makes it the exception's `__cause__`.
        #[source]
        overflow: Overflow,
    },
}

/// The arithmetic that did not fit in a `u64`: the cause of `TooLarge`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Overflow {
    #[error("the number {0} does not fit in 64 bits (the largest is {max})", max = u64::MAX)]
    Number(String),
    #[error("{number}{} is {seconds} seconds, more than 64 bits hold", .unit.letter())]
    Part {
        number: u64,
        unit: Unit,
        seconds: u128,
    },
    #[error("{so_far} + {adding} seconds is {sum} seconds, more than 64 bits hold")]
    Total { so_far: u64, adding: u64, sum: u128 },
}
// ANCHOR_END: error_enum

// ANCHOR: hint
impl DurationError {
    /// A hint for the mistake that most likely caused this error, if there
    /// is one. The conversion to Python attaches it as an exception note.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            DurationError::OutOfOrder { .. } => Some("write the largest unit first, as in '1h30m'"),
            DurationError::UnknownUnit { .. } => {
                Some("units are single lower-case letters: d, h, m, s (as in '2d 4h' or '90s')")
            }
            DurationError::MissingUnit {
                after: Some('.' | ','),
                ..
            } => Some("numbers are whole: write '1h30m' or '90m' rather than '1.5h'"),
            _ => None,
        }
    }

    /// Where the problem starts, in characters from 0.
    pub fn position(&self) -> usize {
        match self {
            DurationError::Empty { position, .. }
            | DurationError::MissingNumber { position, .. }
            | DurationError::Negative { position, .. }
            | DurationError::MissingUnit { position, .. }
            | DurationError::UnknownUnit { position, .. }
            | DurationError::RepeatedUnit { position, .. }
            | DurationError::OutOfOrder { position, .. }
            | DurationError::TooLarge { position, .. } => *position,
        }
    }
}
// ANCHOR_END: hint

// ANCHOR: fields
impl DurationError {
    /// The whole text that was parsed.
    pub fn text(&self) -> &str {
        match self {
            DurationError::Empty { text, .. }
            | DurationError::MissingNumber { text, .. }
            | DurationError::Negative { text, .. }
            | DurationError::MissingUnit { text, .. }
            | DurationError::UnknownUnit { text, .. }
            | DurationError::RepeatedUnit { text, .. }
            | DurationError::OutOfOrder { text, .. }
            | DurationError::TooLarge { text, .. } => text,
        }
    }

    /// The unit the problem is about, as written: "min" for an unknown
    /// unit, "h" for a repeated one or one out of order; None otherwise.
    pub fn unit(&self) -> Option<String> {
        match self {
            DurationError::UnknownUnit { unit, .. } => Some(unit.clone()),
            DurationError::RepeatedUnit { unit, .. } | DurationError::OutOfOrder { unit, .. } => {
                Some(unit.letter().to_string())
            }
            _ => None,
        }
    }
}
// ANCHOR_END: fields

// ANCHOR: parse
/// Where the run of characters that pass `keep`, from `start` on, ends.
fn run_end(chars: &[char], start: usize, keep: impl Fn(char) -> bool) -> usize {
    chars[start..]
        .iter()
        .position(|&c| !keep(c))
        .map_or(chars.len(), |offset| start + offset)
}

/// The number of seconds in `text`, such as `"1h30m"` (5400) or `"2d 4h"`.
/// The module documentation gives the grammar.
pub fn parse_duration(text: &str) -> Result<u64, DurationError> {
    // Positions count characters, so work on characters, not bytes.
    let chars: Vec<char> = text.chars().collect();
    let slice = |from: usize, to: usize| -> String { chars[from..to].iter().collect() };
    let mut at = 0;
    let mut total: u64 = 0;
    let mut seen: Vec<Unit> = Vec::new();

    loop {
        at = run_end(&chars, at, |c| c.is_ascii_whitespace());
        let Some(&first) = chars.get(at) else {
            break; // the end of the text
        };

        // The number: ASCII digits.
        let start = at;
        if !first.is_ascii_digit() {
            let after_sign = chars.get(at + 1).is_some_and(char::is_ascii_digit);
            return Err(if first == '-' && after_sign {
                let end = run_end(&chars, at + 1, |c| c.is_ascii_digit());
                DurationError::Negative {
                    text: text.into(),
                    position: at,
                    number: slice(at, end),
                }
            } else {
                // A word ("h", "min") is shown whole; anything else, one character.
                let end = run_end(&chars, at, |c| c.is_ascii_alphabetic()).max(at + 1);
                DurationError::MissingNumber {
                    text: text.into(),
                    position: at,
                    found: slice(at, end),
                }
            });
        }
        let digits_end = run_end(&chars, at, |c| c.is_ascii_digit());
        let number = slice(start, digits_end);

        // The unit: the letters right after the number.
        at = run_end(&chars, digits_end, |c| c.is_ascii_alphabetic());
        if at == digits_end {
            return Err(DurationError::MissingUnit {
                text: text.into(),
                position: start,
                number,
                after: chars.get(at).copied(),
            });
        }
        let letters = slice(digits_end, at);
        let Some(unit) = Unit::from_letters(&letters) else {
            return Err(DurationError::UnknownUnit {
                text: text.into(),
                position: digits_end,
                unit: letters,
            });
        };
        if seen.contains(&unit) {
            return Err(DurationError::RepeatedUnit {
                text: text.into(),
                position: digits_end,
                unit,
            });
        }
        if let Some(&after) = seen.last().filter(|&&last| unit < last) {
            return Err(DurationError::OutOfOrder {
                text: text.into(),
                position: digits_end,
                unit,
                after,
            });
        }
        seen.push(unit);

        // The size: checked arithmetic returns None instead of wrapping around.
        let too_large = |overflow| DurationError::TooLarge {
            text: text.into(),
            position: start,
            part: slice(start, at),
            overflow,
        };
        let count: u64 = number
            .parse()
            .map_err(|_| too_large(Overflow::Number(number.clone())))?;
        let seconds = count.checked_mul(unit.seconds()).ok_or_else(|| {
            too_large(Overflow::Part {
                number: count,
                unit,
                seconds: u128::from(count) * u128::from(unit.seconds()),
            })
        })?;
        total = total.checked_add(seconds).ok_or_else(|| {
            too_large(Overflow::Total {
                so_far: total,
                adding: seconds,
                sum: u128::from(total) + u128::from(seconds),
            })
        })?;
    }

    if seen.is_empty() {
        return Err(DurationError::Empty {
            text: text.into(),
            position: at,
        });
    }
    Ok(total)
}
// ANCHOR_END: parse

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: unit_tests
    #[test]
    fn parts_add_up_to_seconds() {
        assert_eq!(parse_duration("45s"), Ok(45));
        assert_eq!(parse_duration("1h30m"), Ok(5_400));
        assert_eq!(parse_duration("2d 4h"), Ok(187_200));
        assert_eq!(parse_duration("1d2h3m4s"), Ok(93_784));
        assert_eq!(parse_duration("  90m\t"), Ok(5_400)); // no carrying rules
        assert_eq!(parse_duration("0s"), Ok(0));
        assert_eq!(parse_duration("007s"), Ok(7));
    }

    #[test]
    fn an_unknown_unit_names_itself_and_its_position() {
        let error = parse_duration("1h3x").unwrap_err();
        assert_eq!(
            error,
            DurationError::UnknownUnit {
                text: "1h3x".into(),
                position: 3,
                unit: "x".into(),
            }
        );
        assert_eq!(
            error.to_string(),
            "unknown unit 'x' at position 3 in '1h3x'"
        );
    }
    // ANCHOR_END: unit_tests

    fn error(text: &str) -> DurationError {
        parse_duration(text).expect_err(text)
    }

    #[test]
    fn empty_or_blank_text_is_empty() {
        assert_eq!(
            error(""),
            DurationError::Empty {
                text: "".into(),
                position: 0
            }
        );
        assert_eq!(error(" \t").position(), 2);
        assert_eq!(
            error("").to_string(),
            "empty duration '': expected a number at position 0, found the end of the text"
        );
    }

    #[test]
    fn a_unit_or_anything_else_where_a_number_belongs_is_a_missing_number() {
        assert_eq!(
            error("h"),
            DurationError::MissingNumber {
                text: "h".into(),
                position: 0,
                found: "h".into(),
            }
        );
        assert_eq!(
            error("1h min").to_string(),
            "expected a number at position 3 in '1h min', found 'min'"
        );
        assert_eq!(
            error("1h.5m"),
            DurationError::MissingNumber {
                text: "1h.5m".into(),
                position: 2,
                found: ".".into(),
            }
        );
        // Digits other than ASCII ones are not digits here.
        assert_eq!(error("٣s").position(), 0);
        assert_eq!(
            error("-").to_string(),
            "expected a number at position 0 in '-', found '-'"
        );
    }

    #[test]
    fn a_minus_sign_before_digits_is_a_negative_number() {
        assert_eq!(
            error("1h -30m"),
            DurationError::Negative {
                text: "1h -30m".into(),
                position: 3,
                number: "-30".into(),
            }
        );
        assert_eq!(
            error("-5s").to_string(),
            "negative number '-5' at position 0 in '-5s': a duration cannot be negative"
        );
    }

    #[test]
    fn a_number_needs_its_unit_right_after_it() {
        assert_eq!(
            error("1h30"),
            DurationError::MissingUnit {
                text: "1h30".into(),
                position: 2,
                number: "30".into(),
                after: None,
            }
        );
        assert_eq!(error("30 m").position(), 0);
        assert_eq!(error("1_000s").position(), 0);
        assert_eq!(
            error("1.5h").to_string(),
            "number '1' at position 0 in '1.5h' has no unit: write d, h, m or s right after it"
        );
    }

    #[test]
    fn units_are_single_lower_case_letters() {
        for (text, unit) in [
            ("5min", "min"),
            ("1H", "H"),
            ("2hours", "hours"),
            ("1hm", "hm"),
        ] {
            assert_eq!(
                error(text),
                DurationError::UnknownUnit {
                    text: text.into(),
                    position: text.find(unit).unwrap(),
                    unit: unit.into(),
                }
            );
        }
    }

    #[test]
    fn each_unit_once_and_the_largest_first() {
        assert_eq!(
            error("1h1h"),
            DurationError::RepeatedUnit {
                text: "1h1h".into(),
                position: 3,
                unit: Unit::Hour,
            }
        );
        assert_eq!(
            error("30m1h"),
            DurationError::OutOfOrder {
                text: "30m1h".into(),
                position: 4,
                unit: Unit::Hour,
                after: Unit::Minute,
            }
        );
        // Repeated is checked before the order: 'h' was seen, so it is repeated.
        assert!(matches!(
            error("1h30m1h"),
            DurationError::RepeatedUnit { position: 6, .. }
        ));
        assert_eq!(
            error("30m1h").to_string(),
            "unit 'h' at position 4 in '30m1h' comes after 'm'"
        );
    }

    #[test]
    fn the_first_problem_from_the_left_is_reported() {
        assert!(matches!(
            error("1x 2y"),
            DurationError::UnknownUnit { position: 1, .. }
        ));
        // Within a part, the unit is checked before the size.
        let huge = "99999999999999999999";
        assert!(matches!(
            error(&format!("{huge}x")),
            DurationError::UnknownUnit { .. }
        ));
        assert!(matches!(
            error(&format!("{huge}s 1h")),
            DurationError::TooLarge { .. }
        ));
    }

    // ANCHOR: overflow_tests
    #[test]
    fn too_large_keeps_what_overflowed_as_its_source() {
        use std::error::Error;

        let text = "99999999999999999999s";
        let error = error(text);
        assert_eq!(
            error,
            DurationError::TooLarge {
                text: text.into(),
                position: 0,
                part: text.into(),
                overflow: Overflow::Number("99999999999999999999".into()),
            }
        );
        let source = error.source().expect("TooLarge has a source");
        assert_eq!(
            source.to_string(),
            "the number 99999999999999999999 does not fit in 64 bits \
             (the largest is 18446744073709551615)"
        );
    }
    // ANCHOR_END: overflow_tests

    #[test]
    fn a_part_or_the_total_can_overflow_too() {
        let max = u64::MAX;
        assert_eq!(parse_duration(&format!("{max}s")), Ok(max));
        let error = error(&format!("1m {max}s"));
        assert_eq!(error.position(), 3);
        assert_eq!(
            error.to_string(),
            format!(
                "'{max}s' at position 3 in '1m {max}s' is too large: \
                 a duration is at most {max} seconds"
            )
        );
        assert!(matches!(
            error,
            DurationError::TooLarge {
                overflow: Overflow::Total { so_far: 60, .. },
                ..
            }
        ));
        let days = max / 86_400 + 1;
        match parse_duration(&format!("{days}d")) {
            Err(DurationError::TooLarge {
                overflow: overflow @ Overflow::Part { .. },
                ..
            }) => assert_eq!(
                overflow.to_string(),
                "213503982334602d is 18446744073709612800 seconds, more than 64 bits hold"
            ),
            other => panic!("expected a part that overflows, got {other:?}"),
        }
    }

    #[test]
    fn hints_go_with_the_likely_mistakes() {
        assert_eq!(
            error("30m1h").hint(),
            Some("write the largest unit first, as in '1h30m'")
        );
        assert!(
            error("5min")
                .hint()
                .unwrap()
                .starts_with("units are single")
        );
        assert!(
            error("1.5h")
                .hint()
                .unwrap()
                .starts_with("numbers are whole")
        );
        assert_eq!(error("1h30").hint(), None);
        assert_eq!(error("1h1h").hint(), None);
    }

    #[test]
    fn every_error_keeps_its_text_and_the_unit_it_is_about() {
        assert_eq!(error("1h3x").text(), "1h3x");
        assert_eq!(error("5min").unit().as_deref(), Some("min"));
        assert_eq!(error("1h1h").unit().as_deref(), Some("h"));
        assert_eq!(error("30m1h").unit().as_deref(), Some("h"));
        for text in ["", "h", "-5s", "1h30", "99999999999999999999s"] {
            assert_eq!(error(text).unit(), None, "{text:?}");
            assert_eq!(error(text).text(), text);
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        // 'é' is two bytes in UTF-8 but one character, as in Python.
        assert_eq!(error("é").position(), 0);
        assert_eq!(error("1h é").position(), 3);
    }

    #[test]
    fn quoted_text_looks_like_a_python_string() {
        assert_eq!(quoted("1h3x"), "'1h3x'");
        assert_eq!(quoted("a\"b"), "'a\"b'");
        assert_eq!(quoted("it's"), "'it\\'s'");
        assert_eq!(quoted("1h\n"), "'1h\\n'");
    }
}
