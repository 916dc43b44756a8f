//! Workshop, chapter 1: your first module.
//!
//! Three small jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch01-first-module
//!
//! and ask for a nudge with `uv run workshop hint ch01-first-module`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::prelude::*;

/// Return `text` repeated `times` times: `repeat("ab", 3) == "ababab"`.
#[pyfunction]
fn repeat(text: &str, times: usize) -> String {
    // TODO (1 of 3): return the repeated text. Rust's `str` has a method for this.
    String::new()
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
        // (`pyo3::exceptions::PyValueError::new_err(...)`) when `name` is empty.
        todo!("Greeter.greet")
    }
}

#[pymodule]
mod ch01_exercise {
    #[pymodule_export]
    use super::Greeter;

    // TODO (3 of 3): Python cannot see `repeat` yet. Export it here.
}
