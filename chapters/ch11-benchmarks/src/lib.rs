//! Chapter 11: measuring. Most of what the chapter measures lives in the
//! earlier chapters' crates; this one adds the cases where Rust does not win.
//!
//! - `sum_floats`: a sum over a list of floats, where converting the list
//!   costs more than the adding.
//! - `sum_buffer`: the same sum over a buffer (`array.array("d")`, a NumPy
//!   array), where there is nothing to convert.
//!
//! Python imports this crate as `ch11_benchmarks._native`; `cargo test` runs
//! the tests with an embedded interpreter.

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyMemoryView;

// ANCHOR: sum_floats
/// The sum of a list of floats, added left to right.
///
/// `Vec<f64>` makes PyO3 visit every item, check it and copy its value into a
/// new Rust vector before the first addition. That conversion is the work.
#[pyfunction]
pub fn sum_floats(values: Vec<f64>) -> f64 {
    values.iter().sum()
}
// ANCHOR_END: sum_floats

// ANCHOR: sum_buffer
/// The same sum over any object that shares its memory as a buffer of C
/// doubles, such as `array.array("d", ...)`: its memory is copied as it is,
/// with nothing to check or convert item by item.
#[pyfunction]
pub fn sum_buffer(py: Python<'_>, values: &Bound<'_, PyAny>) -> PyResult<f64> {
    let buffer = match PyBuffer::<f64>::get(values) {
        Ok(buffer) => buffer,
        // An empty array('d') may have no memory behind it at all, and so no
        // pointer aligned for f64, which PyO3 refuses. Its sum is 0.
        Err(_) if is_empty_buffer_of_doubles(values) => return Ok(0.0),
        Err(error) => {
            let wrapped = PyTypeError::new_err(
                "sum_buffer needs a buffer of C doubles, such as array.array('d', ...); \
                 for a list, use sum_floats",
            );
            wrapped.set_cause(py, Some(error));
            return Err(wrapped);
        }
    };
    // One copy of the raw memory (a `memcpy`, for contiguous data), not a
    // conversion per item.
    Ok(buffer.to_vec(py)?.iter().sum())
}
// ANCHOR_END: sum_buffer

fn is_empty_buffer_of_doubles(values: &Bound<'_, PyAny>) -> bool {
    let Ok(view) = PyMemoryView::from(values) else {
        return false;
    };
    let format = view.getattr("format").and_then(|f| f.extract::<String>());
    let bytes = view.getattr("nbytes").and_then(|n| n.extract::<usize>());
    matches!((format, bytes), (Ok(format), Ok(0)) if format == "d")
}

/// How this module was compiled, "debug" or "release". The benchmark
/// refuses to run against a debug build.
#[pyfunction]
pub fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// The compiled half of `ch11_benchmarks`. Import the package, not this.
#[pymodule(gil_used = false)]
pub mod _native {
    #[pymodule_export]
    use super::{build_profile, sum_buffer, sum_floats};
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::types::PyList;

    #[test]
    fn sum_floats_adds_left_to_right() {
        assert_eq!(sum_floats(vec![]), 0.0);
        assert_eq!(sum_floats(vec![0.5, 0.25, 2.0]), 2.75);
        // Left to right: 1e16 + 1.0 is lost, then 1e16 - 1e16 is 0.
        assert_eq!(sum_floats(vec![1e16, 1.0, -1e16]), 0.0);
    }

    #[test]
    fn sum_buffer_reads_an_array_in_place_and_refuses_a_list() {
        Python::attach(|py| {
            let array = py
                .import("array")
                .and_then(|module| module.getattr("array"))
                .and_then(|array| array.call1(("d", vec![0.5, 0.25, 2.0])))
                .unwrap();
            assert_eq!(sum_buffer(py, &array).unwrap(), 2.75);

            let list = PyList::new(py, [1.0, 2.0]).unwrap();
            let error = sum_buffer(py, list.as_any()).unwrap_err();
            assert!(error.is_instance_of::<PyTypeError>(py));
            assert!(error.to_string().contains("use sum_floats"), "{error}");
        });
    }
}
