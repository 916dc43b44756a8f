//! `export_csv`: Python data in, CSV bytes out.

use std::collections::HashSet;

use pyo3::PyTypeInfo;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyMapping, PyString, PyType,
};

use crate::csv_format::CsvWriter;
use crate::money::{self, DecimalError};

// ANCHOR: export_csv
/// Write `rows` as CSV and return the UTF-8 bytes.
///
/// `rows` is an iterable of mappings (dicts or any `collections.abc.Mapping`).
/// The first row's keys, in order, are the header; every row must have exactly
/// those keys. Text is written exactly as `csv.DictWriter` writes it with the
/// default dialect. `int`, `float` and `decimal.Decimal` values are amounts of
/// money: two decimals, a space, then `currency` (`12.50 EUR`), rounded half to
/// even like `format(value, ".2f")`. `None` is an empty field. No rows, no output.
#[pyfunction]
pub fn export_csv<'py>(
    rows: &Bound<'py, PyAny>,
    currency: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyBytes>> {
    let currency = checked_currency(currency)?;
    let mut csv = CsvWriter::default();
    let mut header: Vec<Bound<'py, PyString>> = Vec::new();
    for (index, row) in iterate_rows(rows)?.enumerate() {
        let row = Row::new(index, row?)?;
        if index == 0 {
            header = row.str_keys(0)?;
            for key in &header {
                csv.field(borrowed_text(key, 0, key)?);
            }
            csv.end_record();
        }
        write_row(&mut csv, index, &row, &header, &currency)?;
    }
    // The one copy of the output: from the Vec into a new `bytes` object.
    Ok(PyBytes::new(rows.py(), csv.as_bytes()))
}

/// Check one row against the header and write its fields, each while the
/// Python value it comes from is at hand.
fn write_row(
    csv: &mut CsvWriter,
    index: usize,
    row: &Row<'_>,
    header: &[Bound<'_, PyString>],
    currency: &str,
) -> PyResult<()> {
    if row.len()? != header.len() {
        return Err(row.mismatch(index, header));
    }
    // A dict whose keys are the header's own key objects, in header order
    // (rows built in a loop, or parsed by `json`, usually are), can be read
    // straight through without looking up a single key.
    if let Row::Dict(dict) = row
        && write_in_order(csv, index, dict, header, currency)?
    {
        return Ok(());
    }
    for key in header {
        let Some(value) = row.get(key)? else {
            return Err(row.mismatch(index, header));
        };
        write_field(csv, index, key, &value, currency)?;
    }
    csv.end_record();
    Ok(())
}

// ANCHOR: in_order
/// Write a dict's values in iteration order, as long as each key is the very
/// object of the header at the same position. `false` (and nothing written)
/// when one is not: then the caller looks the keys up instead.
fn write_in_order(
    csv: &mut CsvWriter,
    index: usize,
    dict: &Bound<'_, PyDict>,
    header: &[Bound<'_, PyString>],
    currency: &str,
) -> PyResult<bool> {
    for ((key, value), expected) in dict.iter().zip(header) {
        if !key.is(expected) {
            csv.abandon_record();
            return Ok(false);
        }
        write_field(csv, index, expected, &value, currency)?;
    }
    csv.end_record();
    Ok(true)
}
// ANCHOR_END: in_order

fn write_field(
    csv: &mut CsvWriter,
    index: usize,
    key: &Bound<'_, PyString>,
    value: &Bound<'_, PyAny>,
    currency: &str,
) -> PyResult<()> {
    // Most values are exact `str`s: checked by comparing one type pointer
    // (an inline check), and written without building a `Cell`.
    if let Ok(text) = value.cast_exact::<PyString>() {
        csv.field(borrowed_text(text, index, key)?);
        return Ok(());
    }
    match cell(index, key, value, currency)? {
        Cell::Text(text) => csv.field(borrowed_text(text, index, key)?),
        Cell::Amount(amount) => csv.field(&amount),
        Cell::Empty => csv.field(""),
    }
    Ok(())
}
// ANCHOR_END: export_csv

// ANCHOR: currency
pub(crate) fn checked_currency(currency: &Bound<'_, PyString>) -> PyResult<String> {
    // to_cow fails only for strings with lone surrogates, which are not valid anyway.
    let code = currency.to_cow().unwrap_or_default();
    if code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_uppercase()) {
        return Ok(code.into_owned());
    }
    Err(PyValueError::new_err(format!(
        "currency must be three ASCII capital letters, such as 'EUR'; got {}",
        short_repr(currency)
    )))
}
// ANCHOR_END: currency

/// An iterator over `rows`, or an error that says what `rows` should be.
pub(crate) fn iterate_rows<'py>(rows: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyIterator>> {
    if rows.cast::<PyMapping>().is_ok() {
        return Err(PyTypeError::new_err(
            "rows must be an iterable of mappings, not a single mapping; \
             to export one row, pass [row]",
        ));
    }
    rows.try_iter().map_err(|error| {
        if error.is_instance_of::<PyTypeError>(rows.py()) {
            PyTypeError::new_err(format!(
                "rows must be an iterable of mappings, such as a list of dicts; got {}",
                type_name(rows)
            ))
        } else {
            error
        }
    })
}

// ANCHOR: row
/// A row: a `dict` read through the fast dict API, or any other mapping read
/// through the mapping protocol (which honours a subclass's `__getitem__`).
pub(crate) enum Row<'py> {
    Dict(Bound<'py, PyDict>),
    Mapping(Bound<'py, PyMapping>),
}

impl<'py> Row<'py> {
    pub(crate) fn new(index: usize, row: Bound<'py, PyAny>) -> PyResult<Self> {
        match row.cast_into_exact::<PyDict>() {
            Ok(dict) => Ok(Row::Dict(dict)),
            Err(error) => match error.into_inner().cast_into::<PyMapping>() {
                Ok(mapping) => Ok(Row::Mapping(mapping)),
                Err(error) => Err(PyTypeError::new_err(format!(
                    "row {index} is a {}, not a mapping; each row must be a dict \
                     (or another collections.abc.Mapping) from column name to value",
                    type_name(&error.into_inner())
                ))),
            },
        }
    }

    pub(crate) fn len(&self) -> PyResult<usize> {
        match self {
            Row::Dict(dict) => Ok(dict.len()),
            Row::Mapping(mapping) => mapping.len(),
        }
    }

    pub(crate) fn get(&self, key: &Bound<'py, PyString>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            Row::Dict(dict) => dict.get_item(key),
            Row::Mapping(mapping) => match mapping.get_item(key) {
                Ok(value) => Ok(Some(value)),
                Err(error) if error.is_instance_of::<PyKeyError>(key.py()) => Ok(None),
                Err(error) => Err(error),
            },
        }
    }
}
// ANCHOR_END: row

/// A row's keys, checked to be `str`s: read once for the header, and again
/// only to explain a row that does not match it.
impl<'py> Row<'py> {
    fn as_any(&self) -> &Bound<'py, PyAny> {
        match self {
            Row::Dict(dict) => dict.as_any(),
            Row::Mapping(mapping) => mapping.as_any(),
        }
    }

    /// The keys in iteration order, each checked to be a `str`.
    pub(crate) fn str_keys(&self, index: usize) -> PyResult<Vec<Bound<'py, PyString>>> {
        let mut keys = Vec::new();
        for key in self.as_any().try_iter()? {
            let key = key?;
            match key.cast_into::<PyString>() {
                Ok(key) => keys.push(key),
                Err(error) => {
                    let key = error.into_inner();
                    return Err(PyTypeError::new_err(format!(
                        "row {index} has a key that is not a str: {} ({}); column names must be str",
                        short_repr(&key),
                        type_name(&key)
                    )));
                }
            }
        }
        Ok(keys)
    }

    /// Explain how this row's keys differ from the header. Only called once
    /// something is known to be wrong, so it may take its time.
    pub(crate) fn mismatch(&self, index: usize, header: &[Bound<'py, PyString>]) -> PyErr {
        let keys = match self.str_keys(index) {
            Ok(keys) => keys,
            Err(error) => return error,
        };
        let names = |keys: &[Bound<'py, PyString>]| -> HashSet<String> {
            keys.iter()
                .map(|key| key.to_string_lossy().into_owned())
                .collect()
        };
        let (have, want) = (names(&keys), names(header));
        if let Some(missing) = header
            .iter()
            .find(|key| !have.contains(key.to_string_lossy().as_ref()))
        {
            return PyValueError::new_err(format!(
                "row {index} has no key {}; every row needs exactly the keys of row 0 \
                 (use None for an empty field)",
                short_repr(missing)
            ));
        }
        if let Some(extra) = keys
            .iter()
            .find(|key| !want.contains(key.to_string_lossy().as_ref()))
        {
            let extra = short_repr(extra);
            return PyValueError::new_err(format!(
                "row {index} has a key {extra} that row 0 does not have; every row needs \
                 exactly the keys of row 0 (add {extra} to row 0, or remove it from row {index})"
            ));
        }
        // Only a mapping whose len(), iter() and [] disagree gets here.
        PyValueError::new_err(format!(
            "row {index} does not have the same keys as row 0: its len(), iteration and \
             lookups disagree"
        ))
    }
}

// ANCHOR: cell
/// One value of a row, checked: what its field will hold.
pub(crate) enum Cell<'a, 'py> {
    /// A `str`, still in Python: its UTF-8 is borrowed when it is written.
    Text(&'a Bound<'py, PyString>),
    /// A number, formatted as money.
    Amount(String),
    /// `None`.
    Empty,
}

/// Check and convert one value. Errors name the row and the key, and say what to do.
pub(crate) fn cell<'a, 'py>(
    index: usize,
    key: &Bound<'py, PyString>,
    value: &'a Bound<'py, PyAny>,
    currency: &str,
) -> PyResult<Cell<'a, 'py>> {
    let py = value.py();
    let at = || at(index, key);
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Cell::Text(text));
    }
    if value.is_none() {
        return Ok(Cell::Empty);
    }
    // bool before int: True is an int to Python, but it is not an amount.
    if value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{}: {} is a bool, not an amount; convert it to a str first",
            at(),
            short_repr(value)
        )));
    }
    if value.is_instance_of::<PyInt>() {
        let digits = match value.extract::<i128>() {
            Ok(number) => number.to_string(),
            // Beyond i128: let Python write the digits (int's own __repr__,
            // which a subclass cannot override), within its digit limit.
            Err(_) => PyInt::type_object(py)
                .getattr(intern!(py, "__repr__"))?
                .call1((value,))
                .and_then(|text| text.extract::<String>())
                .map_err(|error| with_context(py, &at(), error))?,
        };
        return Ok(Cell::Amount(money::integer_amount(&digits, currency)));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        let x = float.value();
        if !x.is_finite() {
            return Err(not_finite(&at(), value));
        }
        return Ok(Cell::Amount(money::float_amount(x, currency)));
    }
    if value.is_instance(decimal_type(py)?)? {
        return decimal_cell(value, currency, &at).map(Cell::Amount);
    }
    Err(PyTypeError::new_err(format!(
        "{}: a value of type {} cannot be exported; convert it to str, int, float, \
         decimal.Decimal or None first",
        at(),
        type_name(value)
    )))
}
// ANCHOR_END: cell

fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A `Decimal` as money, from `Decimal.as_tuple()`: (sign, digits, exponent).
fn decimal_cell(
    value: &Bound<'_, PyAny>,
    currency: &str,
    at: &dyn Fn() -> String,
) -> PyResult<String> {
    let py = value.py();
    // Decimal's own as_tuple, not a subclass's.
    let parts = decimal_type(py)?
        .getattr(intern!(py, "as_tuple"))?
        .call1((value,))?;
    let (sign, digits, exponent): (u8, Vec<u8>, Bound<'_, PyAny>) = parts.extract()?;
    // NaN, sNaN and infinities have a str exponent: 'n', 'N' or 'F'.
    if exponent.is_instance_of::<PyString>() {
        return Err(not_finite(&at(), value));
    }
    let exponent: i64 = exponent.extract()?;
    money::decimal_amount(sign == 1, &digits, exponent, currency).map_err(|error| match error {
        DecimalError::TooLarge => PyValueError::new_err(format!(
            "{}: {} has more than {} digits before the decimal point; \
             amounts that large are refused",
            at(),
            short_repr(value),
            money::MAX_INTEGER_DIGITS
        )),
        DecimalError::NotADigit(digit) => PyValueError::new_err(format!(
            "{}: as_tuple() of {} has the digit {digit}",
            at(),
            short_repr(value)
        )),
    })
}

fn not_finite(at: &str, value: &Bound<'_, PyAny>) -> PyErr {
    PyValueError::new_err(format!(
        "{at}: {} is not an amount; use None for an empty field",
        short_repr(value)
    ))
}

/// The UTF-8 of a `str`, borrowed. Fails only for text that is not valid
/// Unicode (lone surrogates), which cannot be written as UTF-8.
fn borrowed_text<'a>(
    text: &'a Bound<'_, PyString>,
    index: usize,
    key: &Bound<'_, PyString>,
) -> PyResult<&'a str> {
    text.to_str()
        .map_err(|error| with_context(text.py(), &at(index, key), error))
}

/// A `str` as a `PyBackedStr`, which keeps the string alive. Fails as
/// `borrowed_text` does.
pub(crate) fn backed(
    text: Bound<'_, PyString>,
    index: usize,
    key: &Bound<'_, PyString>,
) -> PyResult<PyBackedStr> {
    let py = text.py();
    PyBackedStr::try_from(text).map_err(|error| with_context(py, &at(index, key), error))
}

/// Where a value is, for error messages: `row 3, key 'price'`.
fn at(index: usize, key: &Bound<'_, PyString>) -> String {
    format!("row {index}, key {}", short_repr(key))
}

/// Put "row 3, key 'x': " in front of a ValueError raised by Python; keep it as the cause.
fn with_context(py: Python<'_>, at: &str, error: PyErr) -> PyErr {
    if !error.is_instance_of::<PyValueError>(py) {
        return error;
    }
    let wrapped = PyValueError::new_err(format!("{at}: {}", error.value(py)));
    wrapped.set_cause(py, Some(error));
    wrapped
}

/// `repr(value)`, cut short if long, for error messages. Never fails.
fn short_repr(value: &Bound<'_, PyAny>) -> String {
    const LIMIT: usize = 60;
    match value.repr() {
        Ok(text) => {
            let text = text.to_string_lossy();
            match text.char_indices().nth(LIMIT) {
                Some((cut, _)) => format!("{}...", &text[..cut]),
                None => text.into_owned(),
            }
        }
        Err(_) => format!("<{} object>", type_name(value)),
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "object".to_string())
}
