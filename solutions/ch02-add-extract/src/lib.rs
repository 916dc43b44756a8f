//! Workshop, chapter 2: a solution.

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

/// Multiply two 64-bit integers. A product that does not fit must raise
/// `OverflowError`, never wrap around and never panic.
#[pyfunction]
fn multiply(a: i64, b: i64) -> PyResult<i64> {
    a.checked_mul(b)
        .ok_or_else(|| PyOverflowError::new_err(format!("{a} * {b} does not fit in 64 bits")))
}

/// A rectangle read from a dict: `{"width": 2.0, "height": 3.0}`.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
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
#[pyfunction]
#[pyo3(signature = (text, width, *, fill = ' '))]
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
