//! From GIL references (`&PyAny`, `&PyCell<T>`, `as_ref(py)`) and the
//! transitional `_bound` names to `Bound<'py, T>`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

// ANCHOR: fix_01
/// How many words `text` has. Takes any Python object and extracts a `str`,
/// as the old `&PyAny` version did.
#[pyfunction]
pub fn count_words(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    let text: String = text.extract()?;
    Ok(text.split_whitespace().count())
}
// ANCHOR_END: fix_01

// ANCHOR: fix_04
/// How many of one item a shop has.
#[pyclass(module = "appendix_older_tutorials")]
pub struct Stock {
    #[pyo3(get)]
    pub count: u32,
}

#[pymethods]
impl Stock {
    #[new]
    pub fn new(count: u32) -> Self {
        Stock { count }
    }
}

/// Adds `extra` to the stock and returns the new count.
#[pyfunction]
pub fn restock(item: &Bound<'_, Stock>, extra: u32) -> PyResult<u32> {
    // `borrow_mut` gives a `PyRefMut<Stock>`, as `PyCell::borrow_mut` did.
    let mut item = item.borrow_mut();
    item.count = item
        .count
        .checked_add(extra)
        .ok_or_else(|| PyValueError::new_err("the count would not fit in 32 bits"))?;
    Ok(item.count)
}

/// A new `Stock` object on the Python heap, from Rust.
pub fn new_stock(py: Python<'_>, count: u32) -> PyResult<Bound<'_, Stock>> {
    Bound::new(py, Stock { count })
}
// ANCHOR_END: fix_04

// ANCHOR: fix_05
/// Puts `item` on a shelf kept as a `Py<PyList>` (which may outlive any one
/// attach). `bind` gives a `&Bound<'py, PyList>` for the time being attached.
pub fn add_to_shelf(py: Python<'_>, shelf: &Py<PyList>, item: &str) -> PyResult<usize> {
    let shelf = shelf.bind(py);
    shelf.append(item)?;
    Ok(shelf.len())
}
// ANCHOR_END: fix_05

// ANCHOR: fix_06
/// Sizes, prices and colours in a dict of Python containers.
#[pyfunction]
pub fn size_chart(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let sizes = PyList::new(py, [36, 38, 40])?;
    let prices = PyDict::new(py);
    prices.set_item("socks", 4)?;
    let colours = PyTuple::new(py, ["red", "blue"])?;
    let chart = PyDict::new(py);
    chart.set_item("sizes", sizes)?;
    chart.set_item("prices", prices)?;
    chart.set_item("colours", colours)?;
    Ok(chart)
}
// ANCHOR_END: fix_06

// ANCHOR: fix_25
/// The square root of `x`, computed by Python's `math` module. A negative `x`
/// raises `ValueError` in Python; this checks that with the type object.
pub fn python_square_root(py: Python<'_>, x: f64) -> PyResult<Option<f64>> {
    let math = py.import("math")?;
    match math.call_method1("sqrt", (x,)) {
        Ok(root) => Ok(Some(root.extract()?)),
        Err(error) if error.is_instance(py, &py.get_type::<PyValueError>()) => Ok(None),
        Err(error) => Err(error),
    }
}
// ANCHOR_END: fix_25

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_accepts_a_python_str() -> PyResult<()> {
        Python::attach(|py| {
            let text = "one  two\tthree".into_pyobject(py)?;
            assert_eq!(count_words(&text)?, 3);
            Ok(())
        })
    }

    #[test]
    fn restock_changes_the_object_python_sees() -> PyResult<()> {
        Python::attach(|py| {
            let item = new_stock(py, 1)?;
            assert_eq!(restock(&item, 2)?, 3);
            assert_eq!(item.borrow().count, 3);
            assert!(restock(&item, u32::MAX).is_err());
            Ok(())
        })
    }

    #[test]
    fn a_shelf_outlives_the_attach_that_made_it() -> PyResult<()> {
        let shelf: Py<PyList> = Python::attach(|py| PyList::empty(py).unbind());
        Python::attach(|py| {
            assert_eq!(add_to_shelf(py, &shelf, "teapot")?, 1);
            assert_eq!(add_to_shelf(py, &shelf, "kettle")?, 2);
            Ok(())
        })
    }

    #[test]
    fn the_size_chart_holds_a_list_a_dict_and_a_tuple() -> PyResult<()> {
        Python::attach(|py| {
            let chart = size_chart(py)?;
            let sizes: Vec<u32> = chart.get_item("sizes")?.expect("sizes").extract()?;
            assert_eq!(sizes, [36, 38, 40]);
            let colours = chart.get_item("colours")?.expect("colours");
            assert!(colours.is_instance_of::<PyTuple>());
            Ok(())
        })
    }

    #[test]
    fn square_root_goes_through_python() -> PyResult<()> {
        Python::attach(|py| {
            assert_eq!(python_square_root(py, 9.0)?, Some(3.0));
            assert_eq!(python_square_root(py, -1.0)?, None);
            Ok(())
        })
    }
}
