//! A configuration dict, read the way a careful Python function would read it.

use pyo3::conversion::FromPyObjectOwned;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};

// ANCHOR: config_class
/// Settings for a worker pool, read from a plain dict by `parse_config`.
#[pyclass(frozen, get_all, module = "ch02_add_extract")]
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub redis_url: String,
    pub workers: u32,
    pub timeout_seconds: f64,
    pub queue: String,
}
// ANCHOR_END: config_class

#[pymethods]
impl Config {
    fn __repr__(&self) -> String {
        format!(
            "Config(redis_url={:?}, workers={}, timeout_seconds={:?}, queue={:?})",
            self.redis_url, self.workers, self.timeout_seconds, self.queue
        )
    }
}

// ANCHOR: optional
/// Look `key` up in `config` and convert it to `T`.
///
/// A missing key and a key set to `None` both give `Ok(None)`: the caller
/// applies its default. A value of the wrong type is an error that names the
/// key and the type that was expected.
fn optional<'py, T>(config: &Bound<'py, PyDict>, key: &str, expected: &str) -> PyResult<Option<T>>
where
    T: FromPyObjectOwned<'py>,
{
    config
        .get_item(key)? // Option<Bound<PyAny>>: was the key there at all?
        .filter(|value| !value.is_none()) // treat `None` like a missing key
        .map(|value| convert(&value, key, expected)) // Option<PyResult<T>>
        .transpose() // PyResult<Option<T>>, so `?` can see the error
}
// ANCHOR_END: optional

// ANCHOR: convert
/// Convert one value. A value of the wrong type becomes a `TypeError` about
/// `key`; any other failure is the value's own, and passes through.
fn convert<'py, T>(value: &Bound<'py, PyAny>, key: &str, expected: &str) -> PyResult<T>
where
    T: FromPyObjectOwned<'py>,
{
    let py = value.py();
    // `True` is an `int` to Python, but nobody means `workers=True`.
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "config['{key}'] must be {expected}, not bool"
        )));
    }
    let error: PyErr = match value.extract::<T>() {
        Ok(converted) => return Ok(converted),
        Err(error) => error.into(),
    };
    if error.is_instance_of::<PyTypeError>(py) {
        let type_name = value.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "config['{key}'] must be {expected}, not {type_name}"
        )));
    }
    // An OverflowError, or whatever a broken `__index__` raised: keep its type
    // and message, and add a note (printed under the traceback) naming the key.
    error.add_note(py, format!("while reading config['{key}']"))?;
    Err(error)
}
// ANCHOR_END: convert

// ANCHOR: reject_unknown
/// The keys `parse_config` understands, in the order its messages list them.
pub const KNOWN_KEYS: [&str; 4] = ["redis_url", "workers", "timeout_seconds", "queue"];

/// A misspelt key is a mistake, not something to ignore.
fn reject_unknown_keys(config: &Bound<'_, PyDict>) -> PyResult<()> {
    for key in config.keys() {
        let Ok(name) = key.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "config keys must be str, not {}: {}",
                key.get_type().name()?,
                key.repr()?
            )));
        };
        let name = name.to_cow()?;
        if !KNOWN_KEYS.contains(&name.as_ref()) {
            return Err(PyValueError::new_err(format!(
                "unknown config key {name:?}; the known keys are {}",
                KNOWN_KEYS.join(", ")
            )));
        }
    }
    Ok(())
}
// ANCHOR_END: reject_unknown

// ANCHOR: parse_config
/// Read a `Config` from a dict. Missing keys, and keys set to `None`, get
/// their defaults; anything else must have the right type.
#[pyfunction]
pub fn parse_config(config: &Bound<'_, PyDict>) -> PyResult<Config> {
    reject_unknown_keys(config)?;

    let redis_url = optional(config, "redis_url", "str")?
        .unwrap_or_else(|| "redis://127.0.0.1:6379".to_string());
    let workers: u32 = optional(config, "workers", "int")?.unwrap_or(4);
    let timeout_seconds: f64 = optional(config, "timeout_seconds", "float")?.unwrap_or(30.0);
    let queue = optional(config, "queue", "str")?.unwrap_or_else(|| "default".to_string());

    if workers == 0 {
        return Err(PyValueError::new_err(
            "config['workers'] must be at least 1",
        ));
    }
    if !(timeout_seconds.is_finite() && timeout_seconds > 0.0) {
        return Err(PyValueError::new_err(format!(
            "config['timeout_seconds'] must be a positive number of seconds, not {timeout_seconds}"
        )));
    }
    Ok(Config {
        redis_url,
        workers,
        timeout_seconds,
        queue,
    })
}
// ANCHOR_END: parse_config
