//! Call the chapter's functions from Rust, with values built in Rust, and from
//! Python code running in the embedded interpreter.

use ch02_add_extract::{Config, parse_config};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

// ANCHOR: config_from_rust
#[test]
fn parse_config_reads_a_dict_built_in_rust() -> PyResult<()> {
    Python::attach(|py| {
        let config = PyDict::new(py);
        config.set_item("workers", 8)?;
        config.set_item("queue", py.None())?; // None: use the default
        let parsed = parse_config(&config)?;
        assert_eq!(
            parsed,
            Config {
                redis_url: "redis://127.0.0.1:6379".into(),
                workers: 8,
                timeout_seconds: 30.0,
                queue: "default".into(),
            }
        );
        Ok(())
    })
}
// ANCHOR_END: config_from_rust

#[test]
fn wrong_types_and_unknown_keys_are_python_exceptions() -> PyResult<()> {
    Python::attach(|py| {
        let config = PyDict::new(py);
        config.set_item("timeout_seconds", "soon")?;
        let error = parse_config(&config).unwrap_err();
        assert!(error.is_instance_of::<PyTypeError>(py));
        assert_eq!(
            error.value(py).to_string(),
            "config['timeout_seconds'] must be float, not str"
        );

        let config = PyDict::new(py);
        config.set_item("colour", "blue")?;
        let error = parse_config(&config).unwrap_err();
        assert!(error.is_instance_of::<PyValueError>(py));
        Ok(())
    })
}

#[test]
fn derived_and_hand_written_conversions_work_from_python_code() -> PyResult<()> {
    Python::attach(|py| {
        let native = pyo3::wrap_pymodule!(ch02_add_extract::_native)(py);
        let globals = PyDict::new(py);
        globals.set_item("native", native)?;
        py.run(
            c"
from types import SimpleNamespace
assert native.distance(SimpleNamespace(x=0, y=0), SimpleNamespace(x=3, y=4)) == 5.0
assert native.distance_between_dicts({'x': 0, 'y': 0}, {'x': 3, 'y': 4}) == 5.0
assert native.colour_to_hex((255, 136, 0)) == '#ff8800'
assert native.slugify('Hello, World!', separator='_') == 'hello_world'
",
            Some(&globals),
            None,
        )
    })
}
