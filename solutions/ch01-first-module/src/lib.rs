//! Workshop, chapter 1: a solution.

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
    Ok(text.repeat(times))
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
