//! Workshop, recipe "Pickling and copying a #[pyclass]": send map tiles to
//! worker processes; a solution.
//!
//! A map renderer cuts the world into tiles: at zoom level `z` there are
//! 2**z by 2**z of them, and a tile is its `x`, its `y` and its `zoom`. The
//! renderer hands tiles to a `multiprocessing` pool, so a `Tile` must pickle:
//! pickle writes it down in one process and builds it again in another.
//! Right now it cannot.
//!
//!     uv run workshop check ch13-pickling --solution

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The deepest zoom level: 2**30 tiles a side is finer than any map needs.
const MAX_ZOOM: u8 = 30;

/// One square of a map: column `x` and row `y` at zoom level `zoom`.
///
/// pickle stores a class as its module and its name, and imports that
/// module to find it again: `module =` names the module Python imports.
/// Without it a `#[pyclass]` claims to live in `builtins`.
#[pyclass(frozen, eq, hash, module = "ch13_pickling_exercise")]
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

    /// What pickle and copy pass to `Tile.__new__` to build the tile again:
    /// the arguments of `#[new]`, so a pickle goes through its checks too.
    fn __getnewargs__(&self) -> (u32, u32, u8) {
        (self.x, self.y, self.zoom)
    }
}

#[pymodule]
mod ch13_pickling_exercise {
    #[pymodule_export]
    use super::Tile;
}
