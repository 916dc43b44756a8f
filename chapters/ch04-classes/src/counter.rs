//! `Counter`: a mutable class with a constructor, getters and checked setters.

use std::num::NonZeroU32;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt, PyString};

use crate::{Position, Reset};

// ANCHOR: min_count
/// A `min_count` from Python: an `int` from 1 to `u32::MAX`.
///
/// PyO3 runs this conversion for every argument of type `MinCount`, so the
/// constructor and the setter share one check and one error message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MinCount(pub NonZeroU32);

impl<'py> FromPyObject<'_, 'py> for MinCount {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        // `True` is an int to Python (bool subclasses int), but never a count.
        if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
            let kind = obj.get_type().name()?;
            let message = format!("min_count must be an int, not {kind}");
            return Err(PyTypeError::new_err(message));
        }
        match obj.extract::<u32>().ok().and_then(NonZeroU32::new) {
            Some(count) => Ok(MinCount(count)),
            // 0, a negative number, or a number too large for a u32.
            None => Err(PyValueError::new_err(format!(
                "min_count must be from 1 to {}, got {}",
                u32::MAX,
                obj.repr()?
            ))),
        }
    }
}
// ANCHOR_END: min_count

// ANCHOR: one_char
/// The one character in `text`, or a `ValueError` that shows what was given.
fn one_char(text: &Bound<'_, PyString>) -> PyResult<char> {
    let text_cow = text.to_cow()?;
    let mut chars = text_cow.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        // The count helps when the repr looks like one character but is not:
        // 'é' written as 'e' plus a combining accent is two.
        _ => Err(PyValueError::new_err(format!(
            "char must be exactly one character, got {} ({} characters)",
            text.repr()?,
            text_cow.chars().count()
        ))),
    }
}
// ANCHOR_END: one_char

// ANCHOR: check_possible
/// Refuse a counter whose own character resets the count: it would never
/// count past zero, so `has_count` would always be false.
fn check_possible(char: char, reset: Reset) -> PyResult<()> {
    if reset.resets_on(char) {
        return Err(PyValueError::new_err(format!(
            "a Counter for {char:?} that resets on {char:?} can never reach its count: \
             every {char:?} sets the count back to zero"
        )));
    }
    Ok(())
}
// ANCHOR_END: check_possible

// ANCHOR: counter
/// Looks for one character occurring at least `min_count` times in a text,
/// with no reset character in between.
#[pyclass(
    // `==` compares char, min_count and reset (the derived `PartialEq`).
    // Without `hash` Python makes the class unhashable, as it does for a list:
    // a counter can change, and its hash would change with it.
    eq,
    module = "ch04_classes"
)]
#[derive(Debug, PartialEq, Eq)]
pub struct Counter {
    char: char,
    min_count: NonZeroU32,
    reset: Reset,
}
// ANCHOR_END: counter

impl Counter {
    // ANCHOR: plain_new
    /// For Rust callers: the same checks as the Python constructor.
    pub fn new(char: char, min_count: NonZeroU32, reset: Reset) -> PyResult<Self> {
        check_possible(char, reset)?;
        Ok(Self {
            char,
            min_count,
            reset,
        })
    }
    // ANCHOR_END: plain_new

    // ANCHOR: find_in
    /// Read `chars` until the count is reached and return the position of
    /// the character that reached it. Reads nothing after that character.
    pub fn find_in(&self, chars: impl IntoIterator<Item = char>) -> Option<Position> {
        let (mut line, mut column) = (1, 0);
        let mut count = 0;
        for c in chars {
            column += 1;
            if self.reset.resets_on(c) {
                count = 0;
            } else if c == self.char {
                count += 1;
                if count == self.min_count.get() {
                    return Some(Position::new(line, column));
                }
            }
            if c == '\n' {
                line += 1;
                column = 0;
            }
        }
        None
    }
    // ANCHOR_END: find_in
}

// ANCHOR: methods
#[pymethods]
impl Counter {
    // ANCHOR: new
    #[new]
    // PyO3 shows a default that is not a literal as `reset=...` in
    // `help(Counter)`. (A `text_signature` of `reset=Reset.NEVER` would read
    // better, but `inspect.signature` cannot parse it and raises ValueError.)
    #[pyo3(signature = (char, min_count, reset = Reset::Never))]
    fn py_new(char: &Bound<'_, PyString>, min_count: MinCount, reset: Reset) -> PyResult<Self> {
        Self::new(one_char(char)?, min_count.0, reset)
    }
    // ANCHOR_END: new

    // ANCHOR: properties
    /// The character counted. Read-only: there is no setter.
    #[getter]
    fn char(&self) -> char {
        self.char
    }

    /// How many times `char` must occur, from 1 to 4294967295.
    #[getter]
    fn min_count(&self) -> u32 {
        self.min_count.get()
    }

    // `counter.min_count = n` runs the same check as the constructor,
    // because the argument has the same type, `MinCount`.
    #[setter]
    fn set_min_count(&mut self, min_count: MinCount) {
        self.min_count = min_count.0;
    }

    /// Which character sets the count back to zero.
    #[getter]
    fn reset(&self) -> Reset {
        self.reset
    }

    #[setter]
    fn set_reset(&mut self, reset: Reset) -> PyResult<()> {
        check_possible(self.char, reset)?;
        self.reset = reset;
        Ok(())
    }
    // ANCHOR_END: properties

    // ANCHOR: search_methods
    /// Whether `text` has the count; stops reading as soon as it knows.
    fn has_count(&self, text: &str) -> bool {
        self.find_in(text.chars()).is_some()
    }

    /// Where in `text` the count is reached, or `None`.
    fn find(&self, text: &str) -> Option<Position> {
        self.find_in(text.chars())
    }
    // ANCHOR_END: search_methods

    // ANCHOR: repr
    /// `Counter('a', 3, Reset.ON_SPACE)`: Python code that rebuilds the counter.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Ask Python for the reprs, so quotes and escapes come out as Python
        // writes them: '\n', "'", '\\'.
        let char = PyString::new(py, self.char.encode_utf8(&mut [0; 4])).repr()?;
        let reset = self.reset.into_pyobject(py)?.as_any().repr()?;
        Ok(format!("Counter({char}, {}, {reset})", self.min_count))
    }
    // ANCHOR_END: repr
}
// ANCHOR_END: methods

#[cfg(test)]
mod tests {
    use super::*;
    // ANCHOR: test_helper
    use std::cell::Cell;

    /// A counter for the tests, built with the plain Rust constructor.
    fn counter(char: char, min_count: u32, reset: Reset) -> Counter {
        let min_count = NonZeroU32::new(min_count).expect("tests use counts from 1");
        Counter::new(char, min_count, reset).expect("a possible counter")
    }
    // ANCHOR_END: test_helper

    #[test]
    fn counts_occurrences_anywhere_when_never_reset() {
        let a3 = counter('a', 3, Reset::Never);
        assert!(a3.find_in("a a\na".chars()).is_some());
        assert!(a3.find_in("banana".chars()).is_some());
        assert!(a3.find_in("aa".chars()).is_none());
        assert!(a3.find_in("".chars()).is_none());
    }

    #[test]
    fn a_reset_character_sets_the_count_back_to_zero() {
        let on_space = counter('a', 2, Reset::OnSpace);
        assert!(on_space.find_in("a a".chars()).is_none());
        assert!(on_space.find_in("a aa".chars()).is_some());
        let on_newline = counter('a', 2, Reset::OnNewline);
        assert!(on_newline.find_in("a a".chars()).is_some());
        assert!(on_newline.find_in("a\na".chars()).is_none());
    }

    #[test]
    fn positions_count_lines_and_columns_from_one() {
        let b2 = counter('b', 2, Reset::Never);
        assert_eq!(b2.find_in("ab\nxxb".chars()), Some(Position::new(2, 3)));
        assert_eq!(b2.find_in("bb".chars()), Some(Position::new(1, 2)));
        // Columns count characters, not bytes.
        assert_eq!(b2.find_in("ébéb".chars()), Some(Position::new(1, 4)));
    }

    // ANCHOR: early_stop_test
    #[test]
    fn stops_reading_once_the_count_is_reached() {
        let a2 = counter('a', 2, Reset::Never);
        let read = Cell::new(0);
        let text = "banana, and much more text that nobody needs to read";
        let found = a2.find_in(text.chars().inspect(|_| read.set(read.get() + 1)));
        assert_eq!(found, Some(Position::new(1, 4)));
        assert_eq!(read.get(), 4, "read past the second 'a' of \"bana\"");
    }

    #[test]
    fn even_an_endless_text_is_fine_once_the_count_is_there() {
        let a1000 = counter('a', 1000, Reset::OnSpace);
        let endless = "ab".chars().cycle();
        assert_eq!(a1000.find_in(endless), Some(Position::new(1, 1999)));
    }
    // ANCHOR_END: early_stop_test

    // ANCHOR: impossible_test
    #[test]
    fn a_counter_that_resets_on_its_own_char_is_refused() {
        let one = NonZeroU32::MIN;
        let error = Counter::new(' ', one, Reset::OnSpace).unwrap_err();
        Python::attach(|py| {
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(
                error.value(py).to_string(),
                "a Counter for ' ' that resets on ' ' can never reach its count: \
                 every ' ' sets the count back to zero"
            );
        });
        assert!(Counter::new('\n', one, Reset::OnNewline).is_err());
        // Counting spaces is fine when only new lines reset, and vice versa.
        assert!(Counter::new(' ', one, Reset::OnNewline).is_ok());
        assert!(Counter::new('\n', one, Reset::OnSpace).is_ok());
    }
    // ANCHOR_END: impossible_test
}
