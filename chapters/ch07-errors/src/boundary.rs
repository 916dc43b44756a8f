//! At a boundary, errors become data: one outcome per input, never an exception.

// ANCHOR: parse_durations
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::duration::parse_duration;

/// What Python gets for one text: the seconds, or the message of the error.
/// `#[derive(IntoPyObject)]` converts a variant to what it holds: an int or a str.
#[derive(IntoPyObject)]
pub enum Answer {
    Seconds(u64),
    Problem(String),
}

/// Parse every text of `texts` (any iterable); `(True, seconds)` for a good
/// one, `(False, message)` for a bad one, whatever is wrong with it.
#[pyfunction]
pub fn parse_durations(texts: &Bound<'_, PyAny>) -> PyResult<Vec<(bool, Answer)>> {
    // A str is an iterable of one-character strs: almost surely a mistake.
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "parse_durations() takes an iterable of texts, such as a list, not one str; \
             for one text, call parse_duration()",
        ));
    }
    let mut outcomes = Vec::new();
    // A `texts` that is not iterable is the caller's mistake: TypeError.
    for item in texts.try_iter()? {
        // An exception raised *while iterating* (a generator that fails, say)
        // is not a bad item either: it goes on up with `?`.
        let outcome = match outcome(&item?) {
            Ok(seconds) => (true, Answer::Seconds(seconds)),
            Err(problem) => (false, Answer::Problem(problem)),
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The seconds in one item, or a message saying what is wrong with it.
fn outcome(item: &Bound<'_, PyAny>) -> Result<u64, String> {
    let Ok(text) = item.cast::<PyString>() else {
        let kind = item.get_type().name().map_err(|error| error.to_string())?;
        return Err(format!("expected a str, got {kind}"));
    };
    // `to_str` fails for a str that Rust cannot hold (a lone surrogate).
    let text = text.to_str().map_err(|error| error.to_string())?;
    parse_duration(text).map_err(|error| error.to_string())
}
// ANCHOR_END: parse_durations
