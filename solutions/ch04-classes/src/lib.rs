//! Workshop, chapter 4: a class of your own; a solution.

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
        Ok(Self {
            level: checked(level)?,
        })
    }

    #[getter]
    fn level(&self) -> u8 {
        self.level
    }

    #[setter]
    fn set_level(&mut self, level: u8) -> PyResult<()> {
        self.level = checked(level)?;
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("Volume({})", self.level)
    }
}

#[pymodule]
mod ch04_exercise {
    #[pymodule_export]
    use super::Volume;
}
