//! Workshop, chapter 2: values coming into Rust.
//!
//! Three TODOs. Check your work with
//!
//!     uv run workshop check ch02-add-extract

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Multiply two 64-bit integers. A product that does not fit must raise
/// `OverflowError`, never wrap around and never panic.
#[pyfunction]
fn multiply(a: i64, b: i64) -> PyResult<i64> {
    // TODO (1 of 3): `a * b` panics in a debug build when the product is too
    // big. Use `i64::checked_mul` and turn `None` into a PyOverflowError.
    Ok(a * b)
}

/// A rectangle read from a dict: `{"width": 2.0, "height": 3.0}`.
// TODO (2 of 3): the derive reads *attributes* (`obj.width`) by default, and a
// dict has none. Tell it to read items (`obj["width"]`) instead.
#[derive(FromPyObject)]
struct Rect {
    width: f64,
    height: f64,
}

/// The area of a rectangle given as a dict.
#[pyfunction]
fn area(rect: Rect) -> f64 {
    rect.width * rect.height
}

/// The widest `pad` goes. `width` is just a number to Python, and a typo must
/// raise an exception, not ask for more memory than exists.
const MAX_WIDTH: usize = 1 << 20;

/// Right-align `text` in `width` characters, padding with `fill`:
/// `pad("ab", 5) == "   ab"` and `pad("ab", 5, fill="*") == "***ab"`.
// TODO (3 of 3): `fill` must be optional and keyword-only, defaulting to ' '.
// Declare that with #[pyo3(signature = (...))].
#[pyfunction]
fn pad(text: &str, width: usize, fill: char) -> PyResult<String> {
    if width > MAX_WIDTH {
        return Err(PyValueError::new_err(format!(
            "width is {width}; pad makes at most {MAX_WIDTH} characters"
        )));
    }
    let missing = width.saturating_sub(text.chars().count());
    let mut padded: String = std::iter::repeat_n(fill, missing).collect();
    padded.push_str(text);
    Ok(padded)
}

#[pymodule]
mod ch02_exercise {
    #[pymodule_export]
    use super::{area, multiply, pad};
}
