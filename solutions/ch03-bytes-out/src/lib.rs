//! Workshop, chapter 3: building `bytes` in place. A solution.

use pyo3::exceptions::PyValueError;
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
    let len = 2 * runs(data).count();
    PyBytes::new_with(py, len, |buffer: &mut [u8]| {
        for (slot, (length, byte)) in buffer.chunks_exact_mut(2).zip(runs(data)) {
            slot.copy_from_slice(&[length, byte]);
        }
        Ok(())
    })
}

/// Undo `rle_encode`: `rle_decode(b"\x03a\x01b") == b"aaab"`.
#[pyfunction]
fn rle_decode<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    if data.len() % 2 == 1 {
        return Err(PyValueError::new_err(format!(
            "encoded data has an odd length ({}); it must be pairs of [length, byte]",
            data.len()
        )));
    }
    let pairs = data.chunks_exact(2);
    if let Some(index) = pairs.clone().position(|pair| pair[0] == 0) {
        return Err(PyValueError::new_err(format!(
            "pair {index} has a run length of 0; rle_encode never writes one"
        )));
    }
    let len = pairs.clone().map(|pair| usize::from(pair[0])).sum();
    PyBytes::new_with(py, len, |buffer: &mut [u8]| {
        let mut rest = buffer;
        for pair in pairs {
            let (run, tail) = rest.split_at_mut(usize::from(pair[0]));
            run.fill(pair[1]);
            rest = tail;
        }
        Ok(())
    })
}

#[pymodule]
mod ch03_bytes_exercise {
    #[pymodule_export]
    use super::{rle_decode, rle_encode};
}
