// A tutorial for PyO3 0.27 or older takes a `#[pyclass]` that derives `Clone`
// by value, relying on an automatic `FromPyObject` that copies it out. PyO3
// 0.28 deprecated that automatic impl (opt in with `from_py_object`), and
// 0.30 removed it.
use pyo3::prelude::*;

#[pyclass]
#[derive(Clone)]
struct Point {
    x: f64,
    y: f64,
}

#[pyfunction]
fn distance_from_origin(point: Point) -> f64 {
    point.x.hypot(point.y)
}

fn main() {}
