use pyo3::prelude::*;

// A frozen class whose method tries to change it.
#[pyclass(frozen)]
struct Tally {
    count: u64,
}

#[pymethods]
impl Tally {
    fn add_one(&mut self) {
        self.count += 1;
    }
}

fn main() {}
