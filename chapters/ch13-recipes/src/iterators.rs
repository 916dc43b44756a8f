//! Recipe: iterators and generators, in both directions.
//!
//! - `Words`: a Rust iterator that Python iterates (`__iter__`/`__next__`),
//!   producing one word at a time from text that Rust owns.
//! - `total`: a Python iterable consumed from Rust one item at a time
//!   (`try_iter`), in constant memory; `total_collected` is the same sum
//!   after collecting every item first, to measure the difference.
//! - `Batched`: both at once, a Rust iterator over a Python iterator; it
//!   holds a Python object, so it tells the garbage collector about it.
//! - `list_visit` and the `dict_visit_*` functions: what PyO3's list and
//!   dict iterators do when Python code changes the container mid-way.

use pyo3::PyTraverseError;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::gc::PyVisit;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList};

// ANCHOR: words
/// The words of a text, separated by whitespace, one at a time. The text is
/// copied into Rust once; each `next()` finds one more word and no more.
#[pyclass(module = "ch13_recipes")]
pub struct Words {
    text: String,
    /// Byte offset of the first character not yet looked at.
    position: usize,
}

#[pymethods]
impl Words {
    #[new]
    fn new(text: String) -> Self {
        Words { text, position: 0 }
    }

    /// An iterator's `__iter__` returns the iterator itself: that is what
    /// lets a `for` loop, `list()` or `islice` take it.
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// `Some(word)` is the next value; `None` raises StopIteration, and
    /// keeps raising it on every later call, as the protocol requires.
    fn __next__(&mut self) -> Option<String> {
        let rest = &self.text[self.position..];
        let start = rest.len() - rest.trim_start().len();
        let rest = &rest[start..];
        if rest.is_empty() {
            self.position = self.text.len();
            return None;
        }
        let length = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..length].to_owned();
        self.position += start + length;
        Some(word)
    }

    /// How far into the text (in bytes of UTF-8) the iterator has read: it
    /// shows that no word is found before it is asked for.
    #[getter]
    fn position(&self) -> usize {
        self.position
    }
}
// ANCHOR_END: words

// ANCHOR: total
/// The sum of the integers an iterable yields, taken one at a time: a
/// generator of a million numbers is never held in memory at once. An
/// exception the iterable raises goes on up unchanged.
#[pyfunction]
pub fn total(numbers: &Bound<'_, PyAny>) -> PyResult<i64> {
    let mut sum: i64 = 0;
    for item in numbers.try_iter()? {
        // `item?`: the generator's own exception, as it raised it.
        let number: i64 = item?.extract()?;
        sum = add(sum, number)?;
    }
    Ok(sum)
}
// ANCHOR_END: total

// ANCHOR: total_collected
/// The same sum, after collecting every item first. Every number the
/// iterable made is alive at once: memory grows with the input.
#[pyfunction]
pub fn total_collected(numbers: &Bound<'_, PyAny>) -> PyResult<i64> {
    let items: Vec<Py<PyAny>> = numbers
        .try_iter()?
        .map(|item| item.map(Bound::unbind))
        .collect::<PyResult<_>>()?;
    let py = numbers.py();
    let mut sum: i64 = 0;
    for item in &items {
        sum = add(sum, item.bind(py).extract()?)?;
    }
    Ok(sum)
}
// ANCHOR_END: total_collected

fn add(sum: i64, number: i64) -> PyResult<i64> {
    sum.checked_add(number)
        .ok_or_else(|| PyOverflowError::new_err("the total does not fit in 64 bits"))
}

// ANCHOR: batched
/// Lists of up to `size` items from any iterable, made as they are asked
/// for: `Batched(range(7), 3)` yields [0, 1, 2], [3, 4, 5], [6]. An error
/// from the iterable is raised by the `next()` that met it, and the items
/// already taken for that batch are dropped with it.
#[pyclass(module = "ch13_recipes")]
pub struct Batched {
    /// `None` once the items have run out, or the collector cleared it.
    items: Option<Py<PyIterator>>,
    size: usize,
}

#[pymethods]
impl Batched {
    #[new]
    fn new(items: &Bound<'_, PyAny>, size: usize) -> PyResult<Self> {
        if size == 0 {
            return Err(PyValueError::new_err("size must be at least 1"));
        }
        Ok(Batched {
            items: Some(items.try_iter()?.unbind()),
            size,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        let Some(items) = &self.items else {
            return Ok(None);
        };
        let mut items = items.bind(py).clone();
        let batch = PyList::empty(py);
        while batch.len() < self.size {
            match items.next() {
                Some(item) => batch.append(item?)?,
                None => {
                    // Let go of the iterator (and what it holds) as soon
                    // as it is used up.
                    self.items = None;
                    break;
                }
            }
        }
        Ok(if batch.is_empty() { None } else { Some(batch) })
    }

    /// The iterator may hold, through a generator's frame, this very
    /// object: report it to the collector, so that such a cycle is freed.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.items)
    }

    fn __clear__(&mut self) {
        self.items = None;
    }
}
// ANCHOR_END: batched

// ANCHOR: list_visit
/// Call `callback(item)` for each item of `items`, and return the items it
/// was called with. The callback may change the list as it goes.
#[pyfunction]
pub fn list_visit<'py>(
    items: &Bound<'py, PyList>,
    callback: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let seen = PyList::empty(items.py());
    // PyO3's list iterator reads the length again at every step, and stops
    // at the smaller of that and the length it started with.
    for item in items.iter() {
        callback.call1((&item,))?;
        seen.append(item)?;
    }
    Ok(seen)
}
// ANCHOR_END: list_visit

// ANCHOR: dict_visit
/// A demonstration of what not to do: `dict.iter()` while the callback may
/// add or remove keys. PyO3's dict iterator panics when the dict changes
/// size under it, and Python gets a `PanicException`.
#[pyfunction]
pub fn dict_visit_panics<'py>(
    items: &Bound<'py, PyDict>,
    callback: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let seen = PyList::empty(items.py());
    for (key, value) in items.iter() {
        callback.call1((&key, value))?;
        seen.append(key)?;
    }
    Ok(seen)
}

/// The safe way when the callback may change the dict: iterate over a copy
/// of its items, taken before the first call. Every key that was there at
/// the start is visited once, whatever the callback does.
#[pyfunction]
pub fn dict_visit_snapshot<'py>(
    items: &Bound<'py, PyDict>,
    callback: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let seen = PyList::empty(items.py());
    // `items()` is `PyDict_Items`: a new list of (key, value) tuples.
    for pair in items.items().iter() {
        let (key, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) = pair.extract()?;
        callback.call1((&key, value))?;
        seen.append(key)?;
    }
    Ok(seen)
}

/// The other safe way: iterate as Python does (`try_iter`, the dict's own
/// iterator), and a change of size is the RuntimeError a `for` loop in
/// Python raises, not a panic.
#[pyfunction]
pub fn dict_visit_checked<'py>(
    items: &Bound<'py, PyDict>,
    callback: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let seen = PyList::empty(items.py());
    for key in items.try_iter()? {
        let key = key?;
        let value = items.get_item(&key)?;
        callback.call1((&key, value))?;
        seen.append(key)?;
    }
    Ok(seen)
}
// ANCHOR_END: dict_visit
