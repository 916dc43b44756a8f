//! Workshop, chapter 13: a Rust iterator that Python can loop over.
//!
//! `Chunks(data, size)` hands out a bytes object `size` bytes at a time:
//! `list(Chunks(b"abcdefg", 3))` is `[b"abc", b"def", b"g"]`. It keeps the
//! caller's bytes (a `Py<PyBytes>`, not a copy) and a position in them, and
//! makes each chunk only when it is asked for, so a `for` loop that stops
//! early never pays for the rest.
//!
//! Python's iterator protocol asks for two methods, and `list()` can use a
//! third:
//!
//! - `__iter__` returns the iterator itself;
//! - `__next__` returns the next value, or raises StopIteration, and once it
//!   has raised StopIteration it raises it on every later call too;
//! - `__length_hint__` says how many values are left.
//!
//! Three jobs, each marked TODO; do them in order. Check your work with
//!
//!     uv run workshop check ch13-iterators
//!
//! and ask for a nudge with `uv run workshop hint ch13-iterators`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, unused_imports, dead_code)]

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

    // TODO (1 of 3): an iterator is its own iterator. `iter(chunks)` must be
    // `chunks`, the very object: take `slf: PyRef<'_, Self>` instead of
    // `&self`, and give it back.
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        todo!("TODO 1: return the iterator itself")
    }

    // TODO (2 of 3): the next chunk, or `None` when there is none left
    // (PyO3 turns `None` into StopIteration).
    // - `self.data.as_bytes(py)` is the whole byte slice.
    // - At the end (`self.position >= data.len()`), return `None`: now, and
    //   on every call after.
    // - Otherwise the chunk runs from `self.position` for `self.size` bytes,
    //   or to the end of the data if that comes first:
    //   `self.size.min(data.len() - self.position)` bytes.
    // - `PyBytes::new(py, &data[start..end])` makes the chunk; move
    //   `self.position` to `end` before returning it.
    fn __next__<'py>(&mut self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        todo!("TODO 2: the next chunk, or None at the end")
    }

    // TODO (3 of 3): add a method here,
    //
    //     fn __length_hint__(&self, py: Python<'_>) -> usize
    //
    // that says how many chunks are left: the bytes not handed out yet
    // (`len - position`), divided by `size`, rounded up. `usize::div_ceil`
    // rounds up without overflowing: `(left + size - 1) / size` overflows
    // when `size` is close to `usize::MAX`, which Python may well pass.
    // `operator.length_hint(chunks)` calls it, and so does `list(chunks)`,
    // to size the list before filling it.
}

#[pymodule]
mod ch13_exercise {
    #[pymodule_export]
    use super::Chunks;
}
