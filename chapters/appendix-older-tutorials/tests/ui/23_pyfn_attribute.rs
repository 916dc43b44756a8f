// A tutorial for PyO3 0.20 or older defines functions inside the module
// function with `#[pyfn(m)]`. PyO3 0.27 deprecated `#[pyfn]` in favour of
// `#[pyfunction]` (in a declarative `#[pymodule] mod`); 0.30 still has it.
#![deny(deprecated)] // The real build only warns; this makes the warning the error shown.
use pyo3::prelude::*;

#[pymodule]
fn shop(m: &Bound<'_, PyModule>) -> PyResult<()> {
    #[pyfn(m)]
    fn price_with_tax(cents: u64) -> u64 {
        cents * 120 / 100
    }
    Ok(())
}

fn main() {}
