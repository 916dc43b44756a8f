//! Python to Rust: `cast` for `downcast`, the two-lifetime `FromPyObject`,
//! and the opt-in `from_py_object` for classes taken by value.

use pyo3::CastError;
use pyo3::prelude::*;
use pyo3::types::PyList;

// ANCHOR: fix_15
/// The first item of a list. `cast` checks the type; its `CastError` becomes a
/// `TypeError` through `?`.
#[pyfunction]
pub fn first_item<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let list: &Bound<'py, PyList> = value.cast::<PyList>()?;
    list.get_item(0)
}

/// Why `value` is not a list, from the `CastError` itself; `None` if it is.
pub fn why_not_a_list(value: &Bound<'_, PyAny>) -> Option<String> {
    let error: CastError<'_, '_> = value.cast::<PyList>().err()?;
    Some(error.to_string())
}
// ANCHOR_END: fix_15

// ANCHOR: fix_16
/// A colour from a Python tuple of three ints, each 0 to 255.
#[derive(Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl<'py> FromPyObject<'_, 'py> for Rgb {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        let (red, green, blue) = ob.extract()?;
        Ok(Rgb(red, green, blue))
    }
}

/// The mean of the three channels.
#[pyfunction]
pub fn brightness(colour: Rgb) -> u16 {
    let Rgb(red, green, blue) = colour;
    (u16::from(red) + u16::from(green) + u16::from(blue)) / 3
}
// ANCHOR_END: fix_16

// ANCHOR: fix_17
/// A point in the plane. `from_py_object` asks for the by-value extraction
/// (a clone) that PyO3 once gave every `Clone` class.
#[pyclass(from_py_object, get_all, module = "appendix_older_tutorials")]
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[pymethods]
impl Point {
    #[new]
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

#[pyfunction]
pub fn distance_from_origin(point: Point) -> f64 {
    point.x.hypot(point.y)
}
// ANCHOR_END: fix_17

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::types::PyTuple;

    #[test]
    fn cast_error_names_the_type_it_got() -> PyResult<()> {
        Python::attach(|py| {
            let tuple = PyTuple::new(py, [1, 2])?.into_any();
            let message = why_not_a_list(&tuple).expect("a tuple is not a list");
            assert_eq!(message, "'tuple' object is not an instance of 'list'");
            let list = PyList::new(py, [7])?.into_any();
            assert_eq!(why_not_a_list(&list), None);
            assert_eq!(first_item(&list)?.extract::<i32>()?, 7);
            Ok(())
        })
    }

    #[test]
    fn rgb_comes_from_a_tuple() -> PyResult<()> {
        Python::attach(|py| {
            let white = (255, 255, 255).into_pyobject(py)?;
            assert_eq!(white.extract::<Rgb>()?, Rgb(255, 255, 255));
            assert!((256, 0, 0).into_pyobject(py)?.extract::<Rgb>().is_err());
            Ok(())
        })
    }

    #[test]
    fn a_point_is_copied_out_of_its_python_object() -> PyResult<()> {
        Python::attach(|py| {
            let point = Bound::new(py, Point::new(3.0, 4.0))?;
            let copy: Point = point.extract()?;
            assert_eq!(distance_from_origin(copy), 5.0);
            Ok(())
        })
    }
}
