// A tutorial for PyO3 0.20 or older reaches a `#[pyclass]` through `PyCell<T>`:
// a `&PyCell<T>` argument, or `PyCell::new` to make one. PyO3 0.21 deprecated
// `PyCell` in favour of `Bound<'py, T>`, and 0.23 removed it.
use pyo3::prelude::*;

#[pyclass]
struct Stock {
    count: u32,
}

#[pyfunction]
fn restock(item: &PyCell<Stock>, extra: u32) -> u32 {
    let mut item = item.borrow_mut();
    item.count += extra;
    item.count
}

fn main() {
    Python::attach(|py| {
        let item = PyCell::new(py, Stock { count: 1 }).unwrap();
        assert_eq!(restock(item, 2), 3);
    });
}
