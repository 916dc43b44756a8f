//! Deliberately trivial functions that make the copy at the boundary measurable.
//!
//! Each `len_of_*` function takes the same data as a different Rust type and
//! returns its length; the two `filled_*` functions return `size` copies of one
//! byte. Whatever time they take beyond a call is the cost of the conversion.
//! `bench/copy_costs.py` measures them.

use pyo3::exceptions::{PyMemoryError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyBytes;

// ANCHOR: bytes_in
/// `Vec<u8>`: PyO3 allocates a vector and copies the bytes into it.
/// It also accepts a `bytearray` or a list of ints.
#[pyfunction]
pub fn len_of_vec(data: Vec<u8>) -> usize {
    data.len()
}

/// `&[u8]`: a view of the `bytes` object's own buffer. No copy; only `bytes` is accepted.
#[pyfunction]
pub fn len_of_slice(data: &[u8]) -> usize {
    data.len()
}

/// `PyBackedBytes`: keeps a reference to the `bytes` object and points into its
/// buffer. No copy, and unlike `&[u8]` it may outlive the call (for example be
/// stored in a struct). A `bytearray` is accepted too, and is copied.
#[pyfunction]
pub fn len_of_backed_bytes(data: PyBackedBytes) -> usize {
    data.len()
}
// ANCHOR_END: bytes_in

// ANCHOR: str_in
/// `&str`: borrows the UTF-8 that CPython keeps for the string (on the full API,
/// and on the stable ABI from 3.10; this chapter's wheels target abi3-py311).
#[pyfunction]
pub fn len_of_str(text: &str) -> usize {
    text.len()
}

/// `String`: always a copy, owned by Rust.
#[pyfunction]
pub fn len_of_string(text: String) -> usize {
    text.len()
}

/// `PyBackedStr`: borrows like `&str`, and like `PyBackedBytes` it holds a
/// reference to the string, so it may outlive the call.
#[pyfunction]
pub fn len_of_backed_str(text: PyBackedStr) -> usize {
    text.len()
}
// ANCHOR_END: str_in

// ANCHOR: bytes_out
/// The most a `filled_*` function makes. A size is just a number to Python,
/// and a typo must not ask for terabytes.
pub const MAX_FILL: usize = 256 * 1024 * 1024;

fn check_size(size: usize) -> PyResult<()> {
    if size > MAX_FILL {
        return Err(PyValueError::new_err(format!(
            "size is {size}; the filled_* functions make at most {MAX_FILL} bytes (256 MiB)"
        )));
    }
    Ok(())
}

/// `size` copies of `byte`, built as a `Vec<u8>` and returned: PyO3 then
/// copies the vector into a new `bytes` object and frees it.
#[pyfunction]
pub fn filled_via_vec(size: usize, byte: u8) -> PyResult<Vec<u8>> {
    check_size(size)?;
    let mut data = Vec::new();
    // `vec![byte; size]` would abort the whole process if the allocation failed;
    // try_reserve_exact turns that into a MemoryError.
    data.try_reserve_exact(size)
        .map_err(|_| PyMemoryError::new_err(format!("cannot allocate {size} bytes")))?;
    data.resize(size, byte);
    Ok(data)
}

/// `size` copies of `byte`, written straight into the buffer of a `bytes`
/// object allocated first: no copy.
#[pyfunction]
pub fn filled_in_place(py: Python<'_>, size: usize, byte: u8) -> PyResult<Bound<'_, PyBytes>> {
    check_size(size)?;
    PyBytes::new_with(py, size, |buffer: &mut [u8]| {
        buffer.fill(byte);
        Ok(())
    })
}
// ANCHOR_END: bytes_out

/// How this module was compiled, "debug" or "release". The benchmark uses it
/// to refuse to present a debug build's timings as if they meant something.
#[pyfunction]
pub fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_of_filling_give_the_same_bytes() {
        Python::attach(|py| {
            let in_place = filled_in_place(py, 5, b'x').unwrap();
            assert_eq!(in_place.as_bytes(), b"xxxxx");
            assert_eq!(filled_via_vec(5, b'x').unwrap(), b"xxxxx");
        });
    }

    #[test]
    fn a_huge_length_is_refused_before_anything_is_allocated() {
        let error = filled_via_vec(MAX_FILL + 1, 0).unwrap_err();
        Python::attach(|py| assert!(error.is_instance_of::<PyValueError>(py)));
    }
}
