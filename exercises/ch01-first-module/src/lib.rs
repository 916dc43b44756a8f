//! Workshop, chapter 1: your first module.
//!
//! Three small jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch01-first-module
//!
//! and ask for a nudge with `uv run workshop hint ch01-first-module`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The longest string `repeat` makes. `times` is just a number to Python, and
/// a typo must raise an exception, not ask for more memory than exists.
const MAX_BYTES: usize = 1 << 30;

/// Return `text` repeated `times` times: `repeat("ab", 3) == "ababab"`.
#[pyfunction]
fn repeat(text: &str, times: usize) -> PyResult<String> {
    if text
        .len()
        .checked_mul(times)
        .is_none_or(|size| size > MAX_BYTES)
    {
        return Err(PyValueError::new_err(format!(
            "repeat would make {times} copies of {} bytes; the limit is {MAX_BYTES} bytes",
            text.len()
        )));
    }
    // TODO (1 of 3): return the repeated text. Rust's `str` has a method for this.
    Ok(String::new())
}

/// Greets people with a greeting chosen when it is created.
#[pyclass]
struct Greeter {
    greeting: String,
}

#[pymethods]
impl Greeter {
    #[new]
    fn new(greeting: String) -> Self {
        Self { greeting }
    }

    /// `Greeter("Hello").greet("Ada") == "Hello, Ada!"`; an empty name is a
    /// `ValueError` whose message mentions the name.
    fn greet(&self, name: &str) -> PyResult<String> {
        // TODO (2 of 3): build the greeting, and return a ValueError
        // (`PyValueError::new_err(...)`, as in `repeat`) when `name` is empty.
        todo!("Greeter.greet")
    }
}

#[pymodule]
mod ch01_exercise {
    #[pymodule_export]
    use super::Greeter;

    // TODO (3 of 3): Python cannot see `repeat` yet. Export it here.
}
