// A tutorial for PyO3 0.22 or older passes `py.run` its code as a `&str`.
// PyO3 0.23 changed `py.run` and `py.eval` to take a `&CStr`, the
// NUL-terminated string that CPython's C API reads.
use pyo3::prelude::*;

fn main() {
    Python::attach(|py| {
        py.run("total = sum(range(4))", None, None).unwrap();
    });
}
