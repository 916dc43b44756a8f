// A tutorial for PyO3 0.20 or older takes a Python object as a "GIL reference"
// such as `&PyAny`. PyO3 0.21 deprecated GIL references in favour of
// `Bound<'py, T>`, and 0.23 removed them.
use pyo3::prelude::*;

#[pyfunction]
fn count_words(text: &PyAny) -> PyResult<usize> {
    let text: String = text.extract()?;
    Ok(text.split_whitespace().count())
}

fn main() {}
