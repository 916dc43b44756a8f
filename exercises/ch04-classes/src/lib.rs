//! Workshop, chapter 4: a class of your own.
//!
//! `Volume` is a loudness from 0 to 11. Four small jobs, each marked TODO.
//! Check your work with
//!
//!     uv run workshop check ch04-classes
//!
//! and ask for a nudge with `uv run workshop hint ch04-classes`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The loudest a `Volume` goes.
const MAX: u8 = 11;

/// `level` itself if it is at most `MAX`, or a `ValueError` that shows it.
fn checked(level: u8) -> PyResult<u8> {
    if level > MAX {
        return Err(PyValueError::new_err(format!(
            "a volume goes from 0 to {MAX}, got {level}"
        )));
    }
    Ok(level)
}

/// A loudness from 0 to 11: `Volume(7)`, then `volume.level = 11`.
#[pyclass]
struct Volume {
    level: u8,
}

#[pymethods]
impl Volume {
    #[new]
    fn new(level: u8) -> PyResult<Self> {
        // TODO (1 of 4): refuse a level above MAX. `checked(level)?` does the
        // check and returns the level when it is fine.
        Ok(Self { level })
    }

    // TODO (2 of 4): Python cannot read `volume.level` yet. Add a method
    // marked `#[getter]` that returns the level.

    #[setter]
    fn set_level(&mut self, level: u8) -> PyResult<()> {
        // TODO (3 of 4): check the new level as `new` does, then store it.
        todo!("the level setter")
    }

    fn __repr__(&self) -> String {
        // TODO (4 of 4): return Python code that rebuilds this volume, such
        // as "Volume(7)".
        String::new()
    }
}

#[pymodule]
mod ch04_exercise {
    #[pymodule_export]
    use super::Volume;
}
