//! Workshop, recipe "Pickling and copying a #[pyclass]": send map tiles to
//! worker processes.
//!
//! A map renderer cuts the world into tiles: at zoom level `z` there are
//! 2**z by 2**z of them, and a tile is its `x`, its `y` and its `zoom`. The
//! renderer hands tiles to a `multiprocessing` pool, so a `Tile` must pickle:
//! pickle writes it down in one process and builds it again in another.
//! Right now it cannot.
//!
//! Two jobs, each marked TODO. Check your work with
//!
//!     uv run workshop check ch13-pickling
//!
//! and ask for a nudge with `uv run workshop hint ch13-pickling`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The deepest zoom level: 2**30 tiles a side is finer than any map needs.
const MAX_ZOOM: u8 = 30;

// TODO (1 of 2): pickle stores a class as its module and its name, and
// imports that module to find the class again. Look at `Tile.__module__` in
// Python: that is where pickle would look. Tell `#[pyclass]` the name of the
// module Python really imports `Tile` from (the `module-name` in this
// exercise's pyproject.toml).
/// One square of a map: column `x` and row `y` at zoom level `zoom`.
#[pyclass(frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash)]
pub struct Tile {
    #[pyo3(get)]
    x: u32,
    #[pyo3(get)]
    y: u32,
    #[pyo3(get)]
    zoom: u8,
}

#[pymethods]
impl Tile {
    #[new]
    fn new(x: u32, y: u32, zoom: u8) -> PyResult<Self> {
        if zoom > MAX_ZOOM {
            return Err(PyValueError::new_err(format!(
                "zoom is at most {MAX_ZOOM}; got {zoom}"
            )));
        }
        let side = 1u32 << zoom;
        if x >= side || y >= side {
            return Err(PyValueError::new_err(format!(
                "at zoom {zoom}, x and y are below {side}; got x={x}, y={y}"
            )));
        }
        Ok(Tile { x, y, zoom })
    }

    /// The tile one zoom level up that contains this one; itself at zoom 0.
    fn parent(&self) -> Tile {
        match self.zoom {
            0 => Tile { ..*self },
            zoom => Tile {
                x: self.x / 2,
                y: self.y / 2,
                zoom: zoom - 1,
            },
        }
    }

    fn __repr__(&self) -> String {
        format!("Tile(x={}, y={}, zoom={})", self.x, self.y, self.zoom)
    }

    // TODO (2 of 2): tell pickle how to build a Tile again. Protocol 2 and
    // later ask the object for `__getnewargs__`: a method that returns a
    // tuple of the arguments to pass to `Tile.__new__`, which is the `#[new]`
    // above. (Returning `(callable, args)` from `__reduce__` works too.)
}

#[pymodule]
mod ch13_pickling_exercise {
    #[pymodule_export]
    use super::Tile;
}
