// A tutorial for PyO3 0.25 or older caches a Python object in a static
// `GILOnceCell`. PyO3 0.26 deprecated it in favour of `PyOnceLock`, which
// runs its initialiser only once even without a GIL; 0.28 removed it from
// the public API.
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::PyType;

static FRACTION: GILOnceCell<Py<PyType>> = GILOnceCell::new();

fn main() {
    Python::attach(|py| {
        let fraction = FRACTION.import(py, "fractions", "Fraction").unwrap();
        println!("{}", fraction.call1((1, 3)).unwrap());
    });
}
