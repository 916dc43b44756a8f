//! Workshop, chapter 1: a solution.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Return `text` repeated `times` times: `repeat("ab", 3) == "ababab"`.
#[pyfunction]
fn repeat(text: &str, times: usize) -> String {
    text.repeat(times)
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
        if name.is_empty() {
            return Err(PyValueError::new_err("cannot greet an empty name"));
        }
        Ok(format!("{}, {name}!", self.greeting))
    }
}

#[pymodule]
mod ch01_exercise {
    #[pymodule_export]
    use super::Greeter;

    #[pymodule_export]
    use super::repeat;
}
