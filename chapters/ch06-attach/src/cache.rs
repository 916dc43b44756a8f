//! `PyOnceLock`: a Python object imported once and kept, safely shared by
//! every thread.

// ANCHOR: cache
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};

/// `decimal.Decimal`, looked up the first time `to_decimal` runs and kept for
/// the life of the process. `Py` (not `Bound`): it outlives any attachment.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `decimal.InvalidOperation`, what `Decimal` raises for text it cannot read.
static INVALID_OPERATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `decimal.Decimal(text)`, without importing `decimal` and reading its
/// `Decimal` attribute on every call.
#[pyfunction]
pub fn to_decimal<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    let py = text.py();
    // `import` runs `from decimal import Decimal` the first time only. If
    // two threads get here together, one imports and the other waits,
    // detached, so the importer can attach: no deadlock.
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    decimal.call1((text,)).map_err(|error| {
        let invalid = INVALID_OPERATION.import(py, "decimal", "InvalidOperation");
        match invalid {
            Ok(invalid) if error.is_instance(py, invalid) => {
                let clear = PyValueError::new_err(format!(
                    "text must be a decimal number such as '1.25' or '-3e5', got {}",
                    text.repr()
                        .map_or_else(|_| "a str".into(), |repr| repr.to_string())
                ));
                clear.set_cause(py, Some(error)); // `raise ... from error`
                clear
            }
            _ => error,
        }
    })
}
// ANCHOR_END: cache

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_is_fetched_once_and_kept() -> PyResult<()> {
        Python::attach(|py| {
            let first = to_decimal(&PyString::new(py, "1.25"))?;
            assert_eq!(first.str()?.to_str()?, "1.25");
            let cached = DECIMAL.get(py).expect("set by the first call");
            assert!(first.get_type().is(cached.bind(py)));
            // Calls after the first find the class in the cell.
            let second = to_decimal(&PyString::new(py, "-3e5"))?;
            assert!(second.get_type().is(cached.bind(py)));
            Ok(())
        })
    }

    #[test]
    fn text_that_is_not_a_number_is_a_value_error() {
        Python::attach(|py| {
            let error = to_decimal(&PyString::new(py, "one")).unwrap_err();
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(
                error.value(py).to_string(),
                "text must be a decimal number such as '1.25' or '-3e5', got 'one'"
            );
            let cause = error.cause(py).expect("the InvalidOperation");
            let invalid = INVALID_OPERATION.get(py).expect("imported for the error");
            assert!(cause.is_instance(py, invalid.bind(py)));
        });
    }
}
