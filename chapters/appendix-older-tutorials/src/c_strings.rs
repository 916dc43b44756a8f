//! Code for `py.eval` and `py.run` is a `&CStr`: a `c"..."` literal, or a
//! `CString` made at run time.

use std::ffi::CString;

use pyo3::prelude::*;
use pyo3::types::PyDict;

// ANCHOR: fix_03
/// Two plus three, worked out by Python. `py.eval` takes a `c"..."` literal and
/// returns a `Bound<'py, PyAny>`.
pub fn two_plus_three(py: Python<'_>) -> PyResult<i64> {
    let sum: Bound<'_, PyAny> = py.eval(c"2 + 3", None, None)?;
    sum.extract()
}
// ANCHOR_END: fix_03

// ANCHOR: fix_22
/// Runs `code` in a fresh namespace and returns the names it defined. A
/// string known at compile time would be a `c"..."` literal; one that arrives
/// at run time becomes a `CString`, which refuses a NUL character inside
/// (`ValueError` in Python).
#[pyfunction]
pub fn run_snippet<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyDict>> {
    let code = CString::new(code)?;
    let namespace = PyDict::new(py);
    py.run(&code, Some(&namespace), None)?;
    // `run` adds `__builtins__` to the globals it is given.
    namespace.del_item("__builtins__")?;
    Ok(namespace)
}
// ANCHOR_END: fix_22

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::exceptions::PyValueError;

    #[test]
    fn eval_takes_a_c_string_literal() -> PyResult<()> {
        Python::attach(|py| {
            assert_eq!(two_plus_three(py)?, 5);
            Ok(())
        })
    }

    #[test]
    fn run_takes_a_c_string_made_at_run_time() -> PyResult<()> {
        Python::attach(|py| {
            let names = run_snippet(py, "total = sum(range(4))")?;
            let total: i64 = names.get_item("total")?.expect("total").extract()?;
            assert_eq!(total, 6);
            assert_eq!(names.len(), 1);
            let error = run_snippet(py, "x = 1\0").expect_err("a NUL inside is refused");
            assert!(error.is_instance_of::<PyValueError>(py));
            Ok(())
        })
    }
}
