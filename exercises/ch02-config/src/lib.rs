//! Workshop, chapter 2: reading a settings dict carefully.
//!
//! `server_address({"host": "example.org", "port": 443})` returns
//! `("example.org", 443)`. A missing key, or one set to `None`, gets its
//! default (host "localhost", port 8080). A value of the wrong type raises
//! `TypeError` naming the key.
//!
//!     uv run workshop check ch02-config

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Read `key` from `settings` as an optional `T`.
///
/// - key missing, or set to None -> `Ok(None)`
/// - key present with the right type -> `Ok(Some(value))`
/// - key present with the wrong type -> `Err(TypeError("settings['port'] must be int"))`
/// - key present, right type, out of range (a port of 70000) -> the conversion's
///   own `OverflowError`, unchanged: it is not a type problem
fn optional<'py, T>(settings: &Bound<'py, PyDict>, key: &str, expected: &str) -> PyResult<Option<T>>
where
    T: for<'a> FromPyObject<'a, 'py, Error: Into<PyErr>>,
{
    // TODO (1 of 2): `settings.get_item(key)?` gives an Option<Bound<PyAny>>.
    // Drop None values with `.filter(...)`, convert with `.map(...)` (using
    // `value.extract::<T>()`; turn its error into a PyErr with `.into()` and,
    // only if it is a TypeError, replace it with a
    // `pyo3::exceptions::PyTypeError` whose message names the key), then flip
    // the Option<Result<T>> into a Result<Option<T>> with `.transpose()`.
    todo!("optional")
}

#[pyfunction]
fn server_address(settings: &Bound<'_, PyDict>) -> PyResult<(String, u16)> {
    // TODO (2 of 2): read "host" (a str) and "port" (an int) with `optional`,
    // and apply the defaults only when the result is None.
    let host = String::new();
    let port = 0;
    Ok((host, port))
}

#[pymodule]
mod ch02_config_exercise {
    #[pymodule_export]
    use super::server_address;
}
