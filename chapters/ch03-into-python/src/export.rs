//! `export_csv`: Python data in, CSV bytes out.

use std::collections::HashSet;

use pyo3::PyTypeInfo;
use pyo3::exceptions::{PyKeyError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyMapping, PyString, PyType};

use crate::csv_format::{self, Filler};
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
    let table = Table::read(rows, &currency)?;
    // The exact size first, then one `bytes` object, filled in place. Building a
    // Vec<u8> and returning it would copy the whole output once more.
    PyBytes::new_with(rows.py(), table.csv_len(), |buffer| {
        let mut filler = Filler::new(buffer);
        table.write(&mut filler).map_err(|_| miscounted())?;
        if filler.remaining() != 0 {
            return Err(miscounted());
        }
        Ok(())
    })
}

fn miscounted() -> PyErr {
    PyRuntimeError::new_err("export_csv miscounted the length of its output; this is a bug")
}
// ANCHOR_END: export_csv

// ANCHOR: currency
fn checked_currency(currency: &Bound<'_, PyString>) -> PyResult<String> {
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

// ANCHOR: table
/// The whole table, checked and converted, ready to be measured and written.
struct Table {
    header: Vec<PyBackedStr>,
    /// Every row's cells, one row after another, in header order.
    cells: Vec<Cell>,
    row_count: usize,
}

/// One value of the table, as the text that goes in the CSV.
enum Cell {
    /// A `str`. `PyBackedStr` keeps the Python string alive and points at its
    /// UTF-8 without copying it.
    Text(PyBackedStr),
    /// A number, formatted as money.
    Amount(String),
    /// `None`.
    Empty,
}

impl AsRef<str> for Cell {
    fn as_ref(&self) -> &str {
        match self {
            Cell::Text(text) => text,
            Cell::Amount(text) => text,
            Cell::Empty => "",
        }
    }
}
// ANCHOR_END: table

impl Table {
    /// Read and check every row. All Python objects are visited here, once:
    /// measuring and writing afterwards are pure Rust, so no Python code (a
    /// mapping's `__getitem__`, say) can change the data between the two.
    fn read(rows: &Bound<'_, PyAny>, currency: &str) -> PyResult<Self> {
        if rows.cast::<PyMapping>().is_ok() {
            return Err(PyTypeError::new_err(
                "rows must be an iterable of mappings, not a single mapping; \
                 to export one row, pass [row]",
            ));
        }
        let iterator = rows.try_iter().map_err(|error| {
            if error.is_instance_of::<PyTypeError>(rows.py()) {
                PyTypeError::new_err(format!(
                    "rows must be an iterable of mappings, such as a list of dicts; got {}",
                    type_name(rows)
                ))
            } else {
                error
            }
        })?;
        let mut table = Table {
            header: Vec::new(),
            cells: Vec::new(),
            row_count: 0,
        };
        let mut keys: Vec<Bound<'_, PyString>> = Vec::new();
        for (index, row) in iterator.enumerate() {
            let row = Row::new(index, row?)?;
            if index == 0 {
                keys = row.str_keys(0)?;
                table.header = keys
                    .iter()
                    .map(|key| backed(key.clone(), 0, key))
                    .collect::<PyResult<_>>()?;
            }
            table.read_row(index, &row, &keys, currency)?;
            table.row_count += 1;
        }
        Ok(table)
    }

    fn read_row(
        &mut self,
        index: usize,
        row: &Row<'_>,
        keys: &[Bound<'_, PyString>],
        currency: &str,
    ) -> PyResult<()> {
        if row.len()? != keys.len() {
            return Err(row.mismatch(index, keys));
        }
        for key in keys {
            let Some(value) = row.get(key)? else {
                return Err(row.mismatch(index, keys));
            };
            self.cells.push(cell(index, key, &value, currency)?);
        }
        Ok(())
    }

    fn records(&self) -> impl Iterator<Item = &[Cell]> {
        let width = self.header.len();
        (0..self.row_count).map(move |row| &self.cells[row * width..(row + 1) * width])
    }

    /// The length of the output in bytes: no header without rows.
    fn csv_len(&self) -> usize {
        if self.row_count == 0 {
            return 0;
        }
        csv_format::record_len(&self.header)
            + self.records().map(csv_format::record_len).sum::<usize>()
    }

    fn write(&self, filler: &mut Filler<'_>) -> Result<(), csv_format::BufferTooShort> {
        if self.row_count == 0 {
            return Ok(());
        }
        filler.record(&self.header)?;
        self.records().try_for_each(|record| filler.record(record))
    }
}

// ANCHOR: row
/// A row: a `dict` read through the fast dict API, or any other mapping read
/// through the mapping protocol (which honours a subclass's `__getitem__`).
enum Row<'py> {
    Dict(Bound<'py, PyDict>),
    Mapping(Bound<'py, PyMapping>),
}

impl<'py> Row<'py> {
    fn new(index: usize, row: Bound<'py, PyAny>) -> PyResult<Self> {
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

    fn len(&self) -> PyResult<usize> {
        match self {
            Row::Dict(dict) => Ok(dict.len()),
            Row::Mapping(mapping) => mapping.len(),
        }
    }

    fn get(&self, key: &Bound<'py, PyString>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self {
            Row::Dict(dict) => dict.get_item(key),
            Row::Mapping(mapping) => match mapping.get_item(key) {
                Ok(value) => Ok(Some(value)),
                Err(error) if error.is_instance_of::<PyKeyError>(key.py()) => Ok(None),
                Err(error) => Err(error),
            },
        }
    }

    fn as_any(&self) -> &Bound<'py, PyAny> {
        match self {
            Row::Dict(dict) => dict.as_any(),
            Row::Mapping(mapping) => mapping.as_any(),
        }
    }

    /// The keys in iteration order, each checked to be a `str`.
    fn str_keys(&self, index: usize) -> PyResult<Vec<Bound<'py, PyString>>> {
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
    fn mismatch(&self, index: usize, header: &[Bound<'py, PyString>]) -> PyErr {
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
// ANCHOR_END: row

// ANCHOR: cell
/// Convert one value. Errors name the row and the key, and say what to do.
fn cell(
    index: usize,
    key: &Bound<'_, PyString>,
    value: &Bound<'_, PyAny>,
    currency: &str,
) -> PyResult<Cell> {
    let py = value.py();
    let at = || format!("row {index}, key {}", short_repr(key));
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Cell::Text(backed(text.clone(), index, key)?));
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

/// A `str` as a `PyBackedStr`. Fails only for text that is not valid Unicode
/// (lone surrogates), which cannot be written as UTF-8.
fn backed(
    text: Bound<'_, PyString>,
    index: usize,
    key: &Bound<'_, PyString>,
) -> PyResult<PyBackedStr> {
    let py = text.py();
    PyBackedStr::try_from(text)
        .map_err(|error| with_context(py, &format!("row {index}, key {}", short_repr(key)), error))
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
