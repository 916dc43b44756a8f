//! Workshop, chapter 3: building `bytes` in place.
//!
//! Run-length encoding: every run of equal bytes becomes two bytes, the run's
//! length (1 to 255) and the byte, so `rle_encode(b"aaab") == b"\x03a\x01b"`.
//! A run longer than 255 is split: 300 `a`s become `b"\xffa\x2da"` (255 + 45).
//!
//! Both functions build their result with `PyBytes::new_with`: work out the
//! exact length first, then fill the `bytes` object's own buffer, so nothing
//! is copied on the way out. Check your work with
//!
//!     uv run workshop check ch03-bytes-out

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// The longest run one pair can describe.
const MAX_RUN: usize = 255;

/// The runs of `data`, in order, each at most `MAX_RUN` long: `(length, byte)`.
fn runs(data: &[u8]) -> impl Iterator<Item = (u8, u8)> + '_ {
    data.chunk_by(|a, b| a == b).flat_map(|run| {
        run.chunks(MAX_RUN)
            .map(|piece| (piece.len() as u8, piece[0]))
    })
}

#[pyfunction]
fn rle_encode<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    // TODO (1 of 3): the exact length of the result: two bytes per run.
    // `runs(data)` yields the runs; count them.
    let len = 0;
    PyBytes::new_with(py, len, |buffer: &mut [u8]| {
        // TODO (2 of 3): `buffer` holds exactly `len` bytes, all zero. Write
        // each run into it as two bytes, [length, byte]. `buffer.chunks_exact_mut(2)`
        // and `runs(data)` zipped together give you one pair slot per run.
        Ok(())
    })
}

/// Undo `rle_encode`: `rle_decode(b"\x03a\x01b") == b"aaab"`.
#[pyfunction]
fn rle_decode<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    // TODO (3 of 3): decode the pairs (`data.chunks_exact(2)`), the same way:
    // check the input and add up the lengths first, then fill the buffer of
    // `PyBytes::new_with`. An odd number of bytes, or a run of length 0, is
    // not something `rle_encode` makes: return a ValueError that says so
    // (`pyo3::exceptions::PyValueError::new_err(...)`).
    Ok(PyBytes::new(py, b""))
}

#[pymodule]
mod ch03_bytes_exercise {
    #[pymodule_export]
    use super::{rle_decode, rle_encode};
}
