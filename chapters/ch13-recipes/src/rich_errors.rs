//! Recipe: exceptions that carry data.
//!
//! `parse_size("12 XB")` raises a `SizeError` whose attributes say what went
//! wrong: `err.position` (3), `err.unit` ("XB") and `err.text`, so a caller
//! never parses the message. `create_exception!` makes a plain Python
//! exception class, whose instances take any attribute: the conversion from
//! the Rust error sets three. They live in the instance's `__dict__`, which
//! `BaseException.__reduce__` pickles along with `args`, so the fields
//! survive pickle, copy and multiprocessing.

use std::fmt;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;

// ANCHOR: exception
create_exception!(
    ch13_recipes,
    SizeError,
    PyValueError,
    "A text that is not a size such as '512', '10 kB' or '1 GiB'. Its attributes \
     say what is wrong: `text`, `position` (in characters, from 0) and `unit` \
     (the unit as written, or None)."
);
// ANCHOR_END: exception

// ANCHOR: bad_size
/// What is wrong with a size's text, in plain Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSize {
    pub text: String,
    /// Where the problem starts, in characters from 0 (as Python indexes a str).
    pub position: usize,
    /// The unit as written, when the problem is about it.
    pub unit: Option<String>,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NoNumber,
    UnknownUnit,
    TooLarge,
}

impl fmt::Display for BadSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (text, position) = (&self.text, self.position);
        let unit = self.unit.as_deref().unwrap_or("");
        match self.problem {
            Problem::NoNumber => write!(f, "expected a number at position {position} in {text:?}"),
            Problem::UnknownUnit => write!(
                f,
                "unknown unit {unit:?} at position {position} in {text:?}: \
                 use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB"
            ),
            Problem::TooLarge => write!(f, "{text:?} is more than {} bytes", u64::MAX),
        }
    }
}
// ANCHOR_END: bad_size

/// The units, and how many bytes each one is.
const UNITS: [(&str, u64); 10] = [
    ("B", 1),
    ("kB", 1_000),
    ("MB", 1_000_000),
    ("GB", 1_000_000_000),
    ("TB", 1_000_000_000_000),
    ("KiB", 1 << 10),
    ("MiB", 1 << 20),
    ("GiB", 1 << 30),
    ("TiB", 1 << 40),
    ("", 1),
];

/// The bytes in `text`: a whole number, then a unit (none means bytes), with
/// blanks allowed around and between them: "512", "10 kB", "1GiB".
pub fn size_in_bytes(text: &str) -> Result<u64, BadSize> {
    let chars: Vec<char> = text.chars().collect();
    let bad = |position: usize, unit: Option<String>, problem| BadSize {
        text: text.to_owned(),
        position,
        unit,
        problem,
    };
    let skip_blanks = |from: usize| {
        (from..chars.len())
            .find(|&at| !chars[at].is_whitespace())
            .unwrap_or(chars.len())
    };
    let start = skip_blanks(0);
    let digits_end = (start..chars.len())
        .find(|&at| !chars[at].is_ascii_digit())
        .unwrap_or(chars.len());
    if digits_end == start {
        return Err(bad(start, None, Problem::NoNumber));
    }
    let number: String = chars[start..digits_end].iter().collect();
    let unit_start = skip_blanks(digits_end);
    let unit: String = chars[unit_start..]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned();
    let Some(&(_, bytes)) = UNITS.iter().find(|(name, _)| *name == unit) else {
        return Err(bad(unit_start, Some(unit), Problem::UnknownUnit));
    };
    let unit = (!unit.is_empty()).then_some(unit);
    number
        .parse::<u64>()
        .ok()
        .and_then(|count| count.checked_mul(bytes))
        .ok_or_else(|| bad(start, unit, Problem::TooLarge))
}

// ANCHOR: parse_size
/// The number of bytes in a size such as "512", "10 kB" or "1 GiB".
#[pyfunction]
pub fn parse_size(text: &str) -> Result<u64, BadSize> {
    size_in_bytes(text)
}

/// A `SizeError` with the message, and the fields as attributes.
impl From<BadSize> for PyErr {
    fn from(bad: BadSize) -> PyErr {
        let error = SizeError::new_err(bad.to_string());
        Python::attach(|py| {
            // `value` makes the exception object, which takes attributes
            // like any instance of a Python class.
            let value = error.value(py);
            let set = value
                .setattr(intern!(py, "text"), &bad.text)
                .and_then(|()| value.setattr(intern!(py, "position"), bad.position))
                .and_then(|()| value.setattr(intern!(py, "unit"), &bad.unit));
            match set {
                Ok(()) => error,
                Err(failed) => failed, // only if Python is out of memory, say
            }
        })
    }
}
// ANCHOR_END: parse_size

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> BadSize {
        size_in_bytes(text).expect_err("not a size")
    }

    #[test]
    fn sizes_in_every_unit() {
        assert_eq!(size_in_bytes("512"), Ok(512));
        assert_eq!(size_in_bytes(" 10 kB "), Ok(10_000));
        assert_eq!(size_in_bytes("1GiB"), Ok(1 << 30));
        assert_eq!(size_in_bytes("3 B"), Ok(3));
        assert_eq!(size_in_bytes("2 TiB"), Ok(2 << 40));
    }

    #[test]
    fn each_problem_has_its_position_and_unit() {
        let bad = problem("12 XB");
        assert_eq!((bad.position, bad.unit.as_deref()), (3, Some("XB")));
        assert_eq!(
            bad.to_string(),
            "unknown unit \"XB\" at position 3 in \"12 XB\": \
             use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB"
        );
        let bad = problem("  GB");
        assert_eq!(
            (bad.position, bad.unit, bad.problem),
            (2, None, Problem::NoNumber)
        );
        let bad = problem("99999999999 TiB");
        assert_eq!(bad.problem, Problem::TooLarge);
        assert_eq!((bad.position, bad.unit.as_deref()), (0, Some("TiB")));
        assert_eq!(problem("1.5 kB").position, 1);
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(problem("é").position, 0);
        assert_eq!(problem("5 éB").position, 2);
    }
}
