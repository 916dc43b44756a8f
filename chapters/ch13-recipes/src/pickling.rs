//! Recipe: pickling and copying a `#[pyclass]`.
//!
//! `pickle`, `copy.copy`, `copy.deepcopy` and `multiprocessing` all ask an
//! object the same question, `__reduce_ex__`: how can it be built again? A
//! `#[pyclass]` answers nothing of its own, so each class here answers in
//! the way that fits it:
//!
//! - `Money` (frozen): `__getnewargs__`, the arguments of its `#[new]`;
//! - `Version` (frozen, no constructor): `__reduce__`, a callable and its
//!   arguments, here `Version.parse` and the text form;
//! - `Tally` (mutable): `__getstate__` and `__setstate__`, its contents,
//!   restored into an empty `Tally`;
//! - `Envelope` (frozen, holds any Python object): `__getnewargs__` again,
//!   which gives `copy.copy` a shared body and `copy.deepcopy` a copied one.
//!
//! Pickle stores a class by its `__module__` and `__qualname__`, and finds it
//! again by importing that module: `module = "ch13_recipes"` names the public
//! package, which re-exports every class. Without `module =`, a `#[pyclass]`
//! says it lives in `builtins`, and pickle cannot find it there.

use std::collections::BTreeMap;

use pyo3::PyTraverseError;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::gc::PyVisit;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString};

// ANCHOR: money
/// An amount of money in cents of a currency, such as `Money(1250, "EUR")`.
#[pyclass(frozen, eq, hash, module = "ch13_recipes")]
#[derive(PartialEq, Eq, Hash)]
pub struct Money {
    #[pyo3(get)]
    cents: i64,
    #[pyo3(get)]
    currency: String,
}

#[pymethods]
impl Money {
    #[new]
    fn new(cents: i64, currency: &str) -> PyResult<Self> {
        let code = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
        if !code {
            return Err(PyValueError::new_err(format!(
                "a currency is three capital letters, such as 'EUR'; got {currency:?}"
            )));
        }
        Ok(Money {
            cents,
            currency: currency.to_owned(),
        })
    }

    /// What pickle and copy pass to `Money.__new__` to build the object
    /// again: the arguments of `#[new]`, which checks them again.
    fn __getnewargs__(&self) -> (i64, &str) {
        (self.cents, &self.currency)
    }

    // ANCHOR: money_copy
    /// Immutable, like a tuple or a str: a copy may be the object itself.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, memo: &Bound<'_, PyAny>) -> Py<Self> {
        let _ = memo; // copy's record of what it copied: nothing to add
        slf
    }
    // ANCHOR_END: money_copy

    fn __repr__(&self) -> String {
        format!("Money({}, '{}')", self.cents, self.currency)
    }
}
// ANCHOR_END: money

// ANCHOR: version
/// A release version such as 1.4.2. It has no constructor: `Version.parse`
/// makes one from its text.
#[pyclass(frozen, eq, ord, hash, module = "ch13_recipes")]
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    major: u32,
    minor: u32,
    patch: u32,
}

#[pymethods]
impl Version {
    /// "1.4.2" as a `Version`; a `ValueError` for anything else.
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Version> {
        // Each part: ASCII digits only (no sign, no blank), and fits in a u32.
        let number = |part: &str| -> Option<u32> {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse().ok()).flatten()
        };
        let numbers: Option<Vec<u32>> = text.split('.').map(number).collect();
        match numbers.as_deref() {
            Some(&[major, minor, patch]) => Ok(Version {
                major,
                minor,
                patch,
            }),
            _ => Err(PyValueError::new_err(format!(
                "a version is three numbers with dots between them, such as '1.4.2'; got {text:?}"
            ))),
        }
    }

    /// pickle stores `Version.parse` and the text, and calls the one with
    /// the other to build the object again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let parse = slf.get_type().getattr(intern!(slf.py(), "parse"))?;
        Ok((parse, (slf.get().__str__(),)))
    }

    fn __str__(&self) -> String {
        format!("{}.{}.{}", self.major, self.minor, self.patch)
    }

    fn __repr__(&self) -> String {
        format!("Version.parse('{}')", self.__str__())
    }
}
// ANCHOR_END: version

// ANCHOR: tally
/// How often each word was seen. Mutable: `add` counts one more.
#[pyclass(module = "ch13_recipes")]
#[derive(Default)]
pub struct Tally {
    counts: BTreeMap<String, u64>,
}

/// The layout of the state `__getstate__` returns. A new layout gets a new
/// number, and `__setstate__` can go on reading the old ones.
const STATE_VERSION: u32 = 1;

#[pymethods]
impl Tally {
    /// A tally of `words`; an empty one by default, which is what pickle
    /// makes before it calls `__setstate__`.
    #[new]
    #[pyo3(signature = (words = Vec::new()))]
    fn new(words: Vec<String>) -> Self {
        let mut tally = Tally::default();
        for word in words {
            *tally.counts.entry(word).or_default() += 1;
        }
        tally
    }

    /// The state to pickle: `{"version": 1, "counts": {word: count}}`.
    fn __getstate__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let state = PyDict::new(py);
        state.set_item("version", STATE_VERSION)?;
        state.set_item("counts", &self.counts)?;
        Ok(state)
    }

    /// Replace the contents with `state`, checked whole before anything
    /// changes: pickle data may come from anywhere.
    fn __setstate__(&mut self, state: &Bound<'_, PyAny>) -> PyResult<()> {
        self.counts = counts_from_state(state)?;
        Ok(())
    }
    // ANCHOR_END: tally

    /// Count `word` `times` more.
    #[pyo3(signature = (word, times = 1))]
    fn add(&mut self, word: String, times: u64) -> PyResult<()> {
        let count = self.counts.entry(word).or_default();
        *count = count
            .checked_add(times)
            .ok_or_else(|| PyValueError::new_err("a count cannot go above 2**64 - 1"))?;
        Ok(())
    }

    /// How often `word` was seen: 0 for a word never seen.
    fn __getitem__(&self, word: &str) -> u64 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// How many different words were seen.
    fn __len__(&self) -> usize {
        self.counts.len()
    }

    /// The `n` most frequent words and their counts, the most frequent
    /// first; words seen equally often in alphabetical order.
    fn most_common(&self, n: usize) -> Vec<(String, u64)> {
        let mut pairs: Vec<(String, u64)> = self
            .counts
            .iter()
            .map(|(word, &count)| (word.clone(), count))
            .collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        pairs.truncate(n);
        pairs
    }

    /// A new tally with the counts of both.
    fn __add__(&self, other: PyRef<'_, Tally>) -> PyResult<Tally> {
        let mut counts = self.counts.clone();
        for (word, &times) in &other.counts {
            let count = counts.entry(word.clone()).or_default();
            *count = count
                .checked_add(times)
                .ok_or_else(|| PyValueError::new_err("a count cannot go above 2**64 - 1"))?;
        }
        Ok(Tally { counts })
    }

    fn __repr__(&self) -> String {
        format!("<Tally of {} word(s)>", self.counts.len())
    }
}

// ANCHOR: counts_from_state
/// The counts in a state that `__getstate__` made, or a `TypeError` or
/// `ValueError` that says what is wrong with it.
fn counts_from_state(state: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, u64>> {
    let expected =
        "Tally.__setstate__() takes a dict such as {'version': 1, 'counts': {'word': 2}}";
    let Ok(state) = state.cast::<PyDict>() else {
        let kind = state.get_type().name()?;
        return Err(PyTypeError::new_err(format!("{expected}; got {kind}")));
    };
    let version = state.get_item("version")?;
    let counts = state.get_item("counts")?;
    let (Some(version), Some(counts), 2) = (version, counts, state.len()) else {
        return Err(PyValueError::new_err(format!(
            "{expected}: the keys 'version' and 'counts', and no others"
        )));
    };
    if !version.is_exact_instance_of::<PyInt>()
        || version.extract::<u32>().ok() != Some(STATE_VERSION)
    {
        return Err(PyValueError::new_err(format!(
            "Tally state version {} is not one this Tally can read (it reads {STATE_VERSION})",
            version.repr()?
        )));
    }
    let Ok(counts) = counts.cast::<PyDict>() else {
        let kind = counts.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{expected}; 'counts' is {kind}, not a dict"
        )));
    };
    let mut checked = BTreeMap::new();
    for (word, count) in counts.iter() {
        let word = word.cast::<PyString>().map_err(|_| {
            let kind = word
                .get_type()
                .name()
                .map_or_else(|_| "?".into(), |n| n.to_string());
            PyTypeError::new_err(format!("{expected}; a word is a str, not {kind}"))
        })?;
        let count: u64 = count
            .cast::<PyInt>()
            .map_err(|_| PyTypeError::new_err(format!("{expected}; a count is an int")))?
            .extract()
            .map_err(|_| {
                PyValueError::new_err(format!("a count is between 0 and 2**64 - 1; got {count}"))
            })?;
        checked.insert(word.to_str()?.to_owned(), count);
    }
    Ok(checked)
}
// ANCHOR_END: counts_from_state

// ANCHOR: envelope
/// A message for a queue: a topic, and any Python object as its body.
#[pyclass(frozen, module = "ch13_recipes")]
pub struct Envelope {
    #[pyo3(get)]
    topic: String,
    #[pyo3(get)]
    body: Py<PyAny>,
}

#[pymethods]
impl Envelope {
    #[new]
    fn new(topic: String, body: Py<PyAny>) -> Self {
        Envelope { topic, body }
    }

    /// `copy.copy` passes these to `Envelope.__new__` as they are, so the
    /// copy shares the body; `copy.deepcopy` deep-copies them first.
    fn __getnewargs__(&self, py: Python<'_>) -> (String, Py<PyAny>) {
        (self.topic.clone(), self.body.clone_ref(py))
    }

    /// The body may lead back to this envelope: tell the garbage collector.
    /// (Frozen, so no `__clear__`: the body never changes; see Chapter 8.)
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.body)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let topic = PyString::new(py, &self.topic).repr()?;
        Ok(format!("Envelope({topic}, {})", self.body.bind(py).repr()?))
    }
}
// ANCHOR_END: envelope

// ANCHOR: demonstrations
/// DEMONSTRATION: `Money` without `module = ...`. Its `__module__` is
/// "builtins", and pickle looks for it there in vain.
#[pyclass(frozen)]
pub struct MoneyWithoutModule {
    #[pyo3(get)]
    cents: i64,
}

#[pymethods]
impl MoneyWithoutModule {
    #[new]
    fn new(cents: i64) -> Self {
        MoneyWithoutModule { cents }
    }

    fn __getnewargs__(&self) -> (i64,) {
        (self.cents,)
    }
}

/// DEMONSTRATION: `Money` with its module but without `__getnewargs__`:
/// pickle and copy do not know how to build it again.
#[pyclass(frozen, module = "ch13_recipes._native")]
pub struct MoneyWithoutReduce {
    #[pyo3(get)]
    cents: i64,
}

#[pymethods]
impl MoneyWithoutReduce {
    #[new]
    fn new(cents: i64) -> Self {
        MoneyWithoutReduce { cents }
    }
}
// ANCHOR_END: demonstrations
