//! Workshop, chapter 2: reading a settings dict carefully. A solution.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Read `key` from `settings` as an optional `T`.
fn optional<'py, T>(settings: &Bound<'py, PyDict>, key: &str, expected: &str) -> PyResult<Option<T>>
where
    T: for<'a> FromPyObject<'a, 'py, Error: Into<PyErr>>,
{
    settings
        .get_item(key)?
        .filter(|value| !value.is_none())
        .map(|value| {
            value.extract::<T>().map_err(|error| {
                let error: PyErr = error.into();
                // Only a wrong type gets our message; 70000 for a u16 stays an OverflowError.
                if error.is_instance_of::<PyTypeError>(value.py()) {
                    PyTypeError::new_err(format!("settings['{key}'] must be {expected}"))
                } else {
                    error
                }
            })
        })
        .transpose()
}

#[pyfunction]
fn server_address(settings: &Bound<'_, PyDict>) -> PyResult<(String, u16)> {
    let host = optional(settings, "host", "str")?.unwrap_or_else(|| "localhost".to_string());
    let port = optional(settings, "port", "int")?.unwrap_or(8080);
    Ok((host, port))
}

#[pymodule]
mod ch02_config_exercise {
    #[pymodule_export]
    use super::server_address;
}
