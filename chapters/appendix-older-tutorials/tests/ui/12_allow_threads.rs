// A tutorial for PyO3 0.25 or older lets other Python threads run during long
// Rust work with `py.allow_threads`. PyO3 0.26 renamed it `py.detach`, and
// 0.28 removed the old name.
use pyo3::prelude::*;

#[pyfunction]
fn checksum(py: Python<'_>, data: Vec<u8>) -> u64 {
    py.allow_threads(|| data.iter().map(|&byte| u64::from(byte)).sum())
}

fn main() {}
