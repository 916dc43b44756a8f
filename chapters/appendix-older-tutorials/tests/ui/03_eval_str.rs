// A tutorial for PyO3 0.20 or older passes `py.eval` a `&str` and gets back a
// `&PyAny` GIL reference. Since PyO3 0.23 `py.eval` takes a `&CStr` and
// returns a `Bound<'py, PyAny>`; the compiler reports the `&CStr` first.
use pyo3::prelude::*;

fn main() -> PyResult<()> {
    Python::attach(|py| {
        let sum: &PyAny = py.eval("2 + 3", None, None)?;
        let sum: i64 = sum.extract()?;
        assert_eq!(sum, 5);
        Ok(())
    })
}
