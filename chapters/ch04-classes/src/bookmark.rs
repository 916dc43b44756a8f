//! `Bookmark`: a class whose properties come from its fields, with no methods.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::Position;

// ANCHOR: bookmark
/// A named place in a text. `name` can be changed; `position` can only be read.
#[pyclass(module = "ch04_classes")]
#[derive(Debug)]
pub struct Bookmark {
    // `get` and `set` generate a property that reads and writes this field.
    // A new value goes through the usual conversion: anything but a `str` is a
    // TypeError. There is nowhere to put a check of our own: for that, write
    // a `#[setter]` method, as `Counter` does for `min_count`.
    #[pyo3(get, set)]
    pub name: String,
    // Read-only: `bookmark.position = ...` raises AttributeError. Reading it
    // returns a new Python `Position` holding a copy of the field.
    #[pyo3(get)]
    pub position: Position,
}

#[pymethods]
impl Bookmark {
    #[new]
    fn new(name: String, position: Position) -> Self {
        Self { name, position }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let name = PyString::new(py, &self.name).repr()?;
        let position = self.position.into_pyobject(py)?.repr()?;
        Ok(format!("Bookmark({name}, {position})"))
    }
}
// ANCHOR_END: bookmark
