//! Workshop, chapter 13: a Rust iterator that Python can loop over; a solution.
//!
//! `Chunks(data, size)` hands out a bytes object `size` bytes at a time:
//! `list(Chunks(b"abcdefg", 3))` is `[b"abc", b"def", b"g"]`. It keeps the
//! caller's bytes (a `Py<PyBytes>`, not a copy) and a position in them, and
//! makes each chunk only when it is asked for, so a `for` loop that stops
//! early never pays for the rest.
//!
//!     uv run workshop check ch13-iterators --solution

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// A bytes object, `size` bytes at a time; the last chunk may be shorter.
#[pyclass(module = "ch13_exercise")]
struct Chunks {
    /// The caller's bytes object. Bytes never change, so holding on to it is
    /// as good as a copy, and cheaper.
    data: Py<PyBytes>,
    /// How many bytes each chunk has (the last one may have fewer).
    size: usize,
    /// Where the next chunk starts: an index into `data`.
    position: usize,
}

#[pymethods]
impl Chunks {
    #[new]
    fn new(data: Bound<'_, PyBytes>, size: usize) -> PyResult<Self> {
        if size == 0 {
            return Err(PyValueError::new_err("size must be at least 1"));
        }
        Ok(Chunks {
            data: data.unbind(),
            size,
            position: 0,
        })
    }

    /// An iterator is its own iterator.
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next chunk; `None`, which PyO3 raises as StopIteration, once the
    /// data is used up, and on every call after that.
    fn __next__<'py>(&mut self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        let data = self.data.as_bytes(py);
        if self.position >= data.len() {
            return None;
        }
        // `size` bytes, or what is left if that is less.
        let end = self.position + self.size.min(data.len() - self.position);
        let chunk = PyBytes::new(py, &data[self.position..end]);
        self.position = end;
        Some(chunk)
    }

    /// How many chunks are still to come. `div_ceil` rounds up without
    /// overflowing, even for a `size` close to `usize::MAX`.
    fn __length_hint__(&self, py: Python<'_>) -> usize {
        let left = self.data.as_bytes(py).len() - self.position;
        left.div_ceil(self.size)
    }
}

#[pymodule]
mod ch13_exercise {
    #[pymodule_export]
    use super::Chunks;
}
